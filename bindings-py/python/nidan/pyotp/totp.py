"""``TOTP``: pyotp's time-based generator, computed by nidan's core.

Times follow pyotp 2.12: Unix seconds (int or float) from 1970 up to the
end of year 9999, or a datetime (aware, or naive in local time).
"""

from __future__ import annotations

import datetime
import hashlib
import time
from typing import Any, Optional, Union

from .. import _native
from . import utils
from .exceptions import OTPVerificationError
from .otp import _WEAK_DIGEST_MESSAGE, _WEAK_DIGESTS, OTP, _algorithm

_TIMESTAMP_LIMIT = 253402300800  # 10000-01-01T00:00:00Z, exclusive
_TIME_RANGE_MESSAGE = "for_time must be at or after the Unix epoch and before year 10000 UTC"
_NAIVE_EPOCH = datetime.datetime(1970, 1, 1)
_SECOND = datetime.timedelta(seconds=1)
# The whole window, 2 * valid_window + 1 steps, is one native check from its
# first step, whose look-ahead the core caps (Window::MAX_SIDE, read here).
_MAX_VALID_WINDOW = int(_native.limits()["window_max_side"]) // 2

Time = Union[int, float, datetime.datetime]


class TOTP(OTP):
    """Time-based one-time passwords [RFC 6238]."""

    def __init__(
        self,
        s: str,
        *,
        digits: int = 6,
        digest: Any = None,
        name: Optional[str] = None,
        issuer: Optional[str] = None,
        interval: int = 30,
    ) -> None:
        """``s`` is the base32 secret; ``interval`` the seconds per step,
        1 to 120; ``digest`` defaults to ``hashlib.sha1``."""
        if digest is None:
            digest = hashlib.sha1
        elif digest in _WEAK_DIGESTS:
            raise ValueError(_WEAK_DIGEST_MESSAGE)
        self._clock: Optional[_native.TOTP] = None
        if not 0 < interval <= 120:
            raise ValueError("interval must be positive and at most 120 seconds")
        if interval != int(interval):
            raise ValueError("nidan.pyotp needs a whole number of seconds for interval")
        self.interval = interval
        super().__init__(s, digits=digits, digest=digest, name=name, issuer=issuer)

    @property
    def interval(self) -> int:
        """Seconds per time step."""
        return self._interval

    @interval.setter
    def interval(self, value: int) -> None:
        self._interval = value
        self._clock = None

    def _forget(self) -> None:
        super()._forget()
        self._clock = None

    def at(self, for_time: Time, *, counter_offset: int = 0) -> str:
        """The code at ``for_time``, ``counter_offset`` steps later."""
        return self.generate_otp(self.timecode(for_time) + counter_offset)

    def now(self) -> str:
        """The code at the current time."""
        return self.generate_otp(self.timecode(time.time()))

    def verify(self, otp: str, *, for_time: Optional[Time] = None, valid_window: int = 0) -> bool:
        """Whether ``otp`` is the code at ``for_time`` (default now) or up to
        ``valid_window`` steps either side of it."""
        if for_time is None:
            for_time = time.time()
        timecode = self.timecode(for_time)
        if valid_window < 0:
            return False
        return self._window_match(otp, timecode, valid_window) is not None

    def verify_and_get_timecode(
        self, otp: str, *, for_time: Optional[Time] = None, valid_window: int = 0
    ) -> int:
        """The time step whose code ``otp`` is (the earliest in the window);
        ``OTPVerificationError`` when there is none. Store it and refuse
        later codes whose step is not greater: that stops replays."""
        if for_time is None:
            for_time = time.time()
        if valid_window < 0:
            raise ValueError("valid_window cannot be negative")
        timecode = self.timecode(for_time)
        matched = self._window_match(otp, timecode, valid_window)
        if matched is None:
            raise OTPVerificationError("OTP verification failed")
        return matched

    def provisioning_uri(
        self, *, name: Optional[str] = None, issuer_name: Optional[str] = None, **kwargs: Any
    ) -> str:
        """The otpauth URI for a QR code, written the way pyotp writes it."""
        return utils.build_uri(
            self.secret,
            name if name else self.name,
            issuer=issuer_name if issuer_name else self.issuer,
            algorithm=_algorithm(self.digest).lower(),
            digits=self.digits,
            period=self.interval,
            **kwargs,
        )

    def timecode(self, for_time: Time) -> int:
        """The time step at ``for_time``; sub-second precision is ignored.
        ``ValueError`` before 1970 or from year 10000 on."""
        return (self._clock or self._keyed_clock()).step(_unix_seconds(for_time))

    def _keyed_clock(self) -> _native.TOTP:
        """The native TOTP for the current key, parameters and interval."""
        hotp = self._hotp or self._keyed()
        clock = _native.TOTP(
            hotp.secret, algorithm=hotp.algorithm, digits=hotp.digits, period=int(self.interval), format=hotp.format
        )
        self._clock = clock
        return clock

    def _window_match(self, otp: object, timecode: int, valid_window: int) -> Optional[int]:
        """The earliest step within ``valid_window`` of ``timecode`` whose code
        is ``otp``; a window reaching below step 0 is clipped there."""
        if valid_window > _MAX_VALID_WINDOW:
            raise _native.ParameterError(
                f"valid_window must be at most {_MAX_VALID_WINDOW} steps each way, got {valid_window}"
            )
        return self._first_match(otp, max(timecode - valid_window, 0), timecode + valid_window)


def _unix_seconds(for_time: Time) -> int:
    """Whole Unix seconds of a timestamp or datetime in pyotp's range."""
    seconds: Union[int, float]
    if isinstance(for_time, datetime.datetime):
        try:
            if for_time.tzinfo:
                offset = for_time.utcoffset() or datetime.timedelta(0)
                seconds = (for_time.replace(tzinfo=None) - _NAIVE_EPOCH - offset) // _SECOND
            else:
                # Local time; `fold` tells repeated wall-clock times apart.
                seconds = for_time.replace(microsecond=0).timestamp()
        except (OverflowError, OSError, ValueError) as error:
            raise ValueError(_TIME_RANGE_MESSAGE) from error
    else:
        seconds = for_time
    if not 0 <= seconds < _TIMESTAMP_LIMIT:
        raise ValueError(_TIME_RANGE_MESSAGE)
    return int(seconds)
