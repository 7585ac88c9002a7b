"""URI building and code comparison, as ``pyotp.utils`` offers them."""

from __future__ import annotations

import unicodedata
from hmac import compare_digest
from typing import Optional

from .. import _native

__all__ = ["build_uri", "compare_digest", "strings_equal"]

# Longer inputs are never equal to a code and are not normalised (pyotp 2.12
# bounds the cost of NFKC this way).
_MAX_COMPARISON_LENGTH = 1024


def build_uri(
    secret: str,
    name: str,
    initial_count: Optional[int] = None,
    issuer: Optional[str] = None,
    algorithm: Optional[str] = None,
    digits: Optional[int] = None,
    period: Optional[int] = None,
    **kwargs: str,
) -> str:
    """The otpauth URI pyotp writes: HOTP when ``initial_count`` is given,
    TOTP otherwise; the secret as given; default parameters left out;
    ``kwargs`` appended as extra string parameters (``image`` must be an
    https URL). The core writes it (``UriStyle::Pyotp``); this only
    converts the arguments."""
    for value in kwargs.values():
        if not isinstance(value, str):
            raise TypeError("All otpauth uri parameters must be strings")
    extra = list(kwargs.items())
    if initial_count is not None and period is not None and period != 30:
        # pyotp writes a period on HOTP too, which the core's HOTP kind has
        # no room for: it goes first among the extra parameters, its place.
        extra.insert(0, ("period", str(period)))
    return _native.pyotp_uri(
        secret,
        name,
        counter=initial_count,
        issuer=issuer,
        algorithm=algorithm,
        digits=6 if digits is None else digits,
        period=30 if period is None else period,
        extra=extra,
    )


def strings_equal(s1: str, s2: str) -> bool:
    """Compares two codes in time independent of where they differ, after
    NFKC normalisation (so full-width digits count as digits). Inputs over
    1024 characters are unequal to anything and are not normalised."""
    if len(s1) > _MAX_COMPARISON_LENGTH or len(s2) > _MAX_COMPARISON_LENGTH:
        return False
    first = unicodedata.normalize("NFKC", s1)
    second = unicodedata.normalize("NFKC", s2)
    return compare_digest(first.encode("utf-8"), second.encode("utf-8"))


def _comparable(text: str) -> Optional[str]:
    """``text`` in NFKC form, or ``None`` when it is too long to be a code."""
    if len(text) > _MAX_COMPARISON_LENGTH:
        return None
    return unicodedata.normalize("NFKC", text)
