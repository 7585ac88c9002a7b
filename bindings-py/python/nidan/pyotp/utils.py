"""URI building and code comparison, as ``pyotp.utils`` offers them."""

from __future__ import annotations

import unicodedata
from hmac import compare_digest
from typing import Optional, Union
from urllib.parse import quote, urlencode, urlparse

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
    https URL)."""
    query: dict[str, Union[str, int]] = {"secret": secret}
    label = quote(name)
    if issuer is not None:
        label = f"{quote(issuer)}:{label}"
        query["issuer"] = issuer
    if initial_count is not None:
        query["counter"] = initial_count
    if algorithm is not None and algorithm != "sha1":
        query["algorithm"] = algorithm.upper()
    if digits is not None and digits != 6:
        query["digits"] = digits
    if period is not None and period != 30:
        query["period"] = period
    for key, value in kwargs.items():
        if not isinstance(value, str):
            raise TypeError("All otpauth uri parameters must be strings")
        if key == "image":
            image = urlparse(value)
            if image.scheme != "https" or not image.netloc or not image.path:
                raise ValueError(f"{value!r} is not a valid url: an https URL is required")
        query[key] = value
    kind = "totp" if initial_count is None else "hotp"
    return f"otpauth://{kind}/{label}?{urlencode(query).replace('+', '%20')}"


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
