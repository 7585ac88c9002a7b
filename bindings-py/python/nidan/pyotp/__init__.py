"""A drop-in replacement for pyotp 2.12, computed by nidan's Rust core.

Same modules, classes, functions, exceptions, defaults and behaviour as
pyotp 2.12; codes and verification come from the core. Switch with one
line before pyotp is first imported::

    import nidan.pyotp; nidan.pyotp.install()   # `import pyotp` now loads nidan.pyotp

or import it under pyotp's name: ``import nidan.pyotp as pyotp``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlsplit

from .. import _native
from . import compat, contrib, exceptions, hotp, otp, totp, utils
from .compat import random
from .exceptions import OTPVerificationError, PyOTPError
from .hotp import HOTP
from .otp import OTP
from .totp import TOTP

__all__ = [
    "HOTP",
    "OTP",
    "TOTP",
    "OTPVerificationError",
    "PyOTPError",
    "compat",
    "contrib",
    "exceptions",
    "hotp",
    "install",
    "otp",
    "parse_uri",
    "random",
    "random_base32",
    "random_hex",
    "totp",
    "utils",
]

_BASE32_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
# pyotp's messages for the core's URI errors (the core's message -> pyotp's).
_URI_MESSAGES = {
    "URI does not start with otpauth://": "Not an otpauth URI",
    "otpauth URI type must be totp or hotp": "Not a supported OTP type",
    "otpauth URI lacks the secret parameter": "No secret found in URI",
    "otpauth URI has an invalid digits value": "Digits may only be 6, 7, or 8",
    "otpauth URI has an invalid algorithm value": "Invalid value for algorithm, must be SHA1, SHA256 or SHA512",
    "otpauth URI has an invalid period value": "interval must be positive and at most 120 seconds",
    "otpauth URI names one issuer in its label and another in its issuer parameter": (
        "If issuer is specified in both label and parameters, it should be equal."
    ),
}
_DUPLICATE = re.compile(r"otpauth URI has the (\w+) parameter more than once")


def random_base32(length: int = 32, chars: Sequence[str] = _BASE32_ALPHABET) -> str:
    """A random secret of ``length`` characters (at least 32: 160 bits)
    drawn from the operating system's generator."""
    if length < 32:
        raise ValueError("Secrets should be at least 160 bits")
    return "".join(random.choice(chars) for _ in range(length))


def random_hex(length: int = 40, chars: Sequence[str] = "ABCDEF0123456789") -> str:
    """A random hexadecimal secret of ``length`` characters (at least 40: 160 bits)."""
    if length < 40:
        raise ValueError("Secrets should be at least 160 bits")
    return random_base32(length=length, chars=chars)


def parse_uri(uri: str) -> OTP:
    """The ``TOTP``, ``HOTP`` or ``contrib.Steam`` an otpauth URI describes,
    read the way pyotp 2.12 reads it: by nidan's core under its pyotp
    policy (``nidan.KeyUri.import_uri(uri, policy="pyotp")``; for nidan's
    strict reader see ``nidan.KeyUri.parse``). Errors are ``ValueError``s
    with pyotp's messages."""
    try:
        key = _native.KeyUri.import_uri(uri, policy="pyotp").key
    except _native.UriError as error:
        message = str(error)
        duplicate = _DUPLICATE.fullmatch(message)
        raise ValueError(
            f"Duplicate {duplicate[1]} parameter" if duplicate else _URI_MESSAGES.get(message, message)
        ) from None
    # pyotp keeps the secret's text as the URI writes it (and writes it back
    # so); the core has read the key, and reads this text again.
    written = dict(parse_qsl(urlsplit(uri).query)).get("secret")
    secret = written if written else key.secret.to_base32()
    name, issuer = key.account, key.issuer
    if key.format == "steam":
        return contrib.Steam(secret, name=name, issuer=issuer, interval=key.period or 30)
    digest = _DIGESTS[key.algorithm]
    if key.kind == "totp":
        return TOTP(secret, digits=key.digits, digest=digest, name=name, issuer=issuer, interval=key.period or 30)
    return HOTP(secret, digits=key.digits, digest=digest, name=name, issuer=issuer, initial_count=key.counter or 0)


def install() -> None:
    """Registers ``nidan.pyotp`` and its submodules as ``pyotp``, so that
    ``import pyotp`` (and ``pyotp.totp`` and the rest) load them: the
    one-line switch for code written for pyotp."""
    for name, module in list(sys.modules.items()):
        if name == __name__ or name.startswith(__name__ + "."):
            sys.modules["pyotp" + name[len(__name__) :]] = module
