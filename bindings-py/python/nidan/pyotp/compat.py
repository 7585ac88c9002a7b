"""The random source pyotp's helpers draw from: the operating system's."""

from secrets import SystemRandom

random: SystemRandom = SystemRandom()
