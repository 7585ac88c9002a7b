"""A drop-in replacement for pyotp 2.12, computed by nidan's Rust core.

Same modules, classes, functions, exceptions, defaults and behaviour as
pyotp 2.12; codes and verification come from the core. Switch with one
line before pyotp is first imported::

    import nidan.pyotp; nidan.pyotp.install()   # `import pyotp` now loads nidan.pyotp

or import it under pyotp's name: ``import nidan.pyotp as pyotp``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl, unquote, urlparse

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
_URI_DIGESTS = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256, "SHA512": hashlib.sha512}
# Parameters that may appear once only: a second value could override a checked one.
_SINGLE_PARAMETERS = frozenset({"secret", "issuer", "algorithm", "encoder", "digits", "period", "counter"})


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
    read the way pyotp 2.12 reads it (for nidan's strict reader see
    ``nidan.KeyUri.parse``)."""
    parts = urlparse(uri)
    if parts.scheme != "otpauth":
        raise ValueError("Not an otpauth URI")

    # Split the label at a literal ':' before decoding: '%3A' belongs to a name.
    options: dict[str, Any] = {}
    label_issuer, colon, account = parts.path[1:].partition(":")
    if colon:
        options["issuer"] = unquote(label_issuer)
        options["name"] = unquote(account)
    else:
        options["name"] = unquote(label_issuer)

    secret = encoder = digits = None
    seen: set[str] = set()
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key in _SINGLE_PARAMETERS:
            if key in seen:
                raise ValueError(f"Duplicate {key} parameter")
            seen.add(key)
        if not value:
            continue
        if key == "secret":
            secret = value
        elif key == "issuer":
            if options.get("issuer") not in (None, value):
                raise ValueError("If issuer is specified in both label and parameters, it should be equal.")
            options["issuer"] = value
        elif key == "algorithm":
            if value not in _URI_DIGESTS:
                raise ValueError("Invalid value for algorithm, must be SHA1, SHA256 or SHA512")
            options["digest"] = _URI_DIGESTS[value]
        elif key == "encoder":
            encoder = value
        elif key == "digits":
            digits = options["digits"] = int(value)
        elif key == "period":
            options["interval"] = int(value)
        elif key == "counter":
            options["initial_count"] = int(value)

    if encoder != "steam" and digits is not None and digits not in (6, 7, 8):
        raise ValueError("Digits may only be 6, 7, or 8")
    if not secret:
        raise ValueError("No secret found in URI")
    if encoder == "steam":
        return contrib.Steam(secret, **options)
    if parts.netloc == "totp":
        return TOTP(secret, **options)
    if parts.netloc == "hotp":
        return HOTP(secret, **options)
    raise ValueError("Not a supported OTP type")


def install() -> None:
    """Registers ``nidan.pyotp`` and its submodules as ``pyotp``, so that
    ``import pyotp`` (and ``pyotp.totp`` and the rest) load them: the
    one-line switch for code written for pyotp."""
    for name, module in list(sys.modules.items()):
        if name == __name__ or name.startswith(__name__ + "."):
            sys.modules["pyotp" + name[len(__name__) :]] = module
