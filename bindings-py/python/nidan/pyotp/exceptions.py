"""The exceptions of pyotp's API, raised by nidan.pyotp the same way."""


class PyOTPError(Exception):
    """Base class of the errors that are specific to the pyotp API."""


class OTPVerificationError(PyOTPError):
    """``TOTP.verify_and_get_timecode`` found no matching time step."""
