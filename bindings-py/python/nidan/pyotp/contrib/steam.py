"""Steam Guard codes: five characters from Steam's alphabet, one per 30 s.

The 31-bit truncated HMAC value comes from nidan's core (a 10-digit code);
only its spelling in Steam's alphabet happens here.
"""

from __future__ import annotations

import hashlib
from typing import Optional

from ..totp import TOTP

STEAM_CHARS = "23456789BCDFGHJKMNPQRTVWXY"
STEAM_DEFAULT_DIGITS = 5


class Steam(TOTP):
    """Steam's TOTP variant; a ``TOTP`` whose codes are spelled in Steam's alphabet."""

    def __init__(
        self,
        s: str,
        *,
        name: Optional[str] = None,
        issuer: Optional[str] = None,
        interval: int = 30,
        digits: int = 5,
    ) -> None:
        """Like pyotp, ``interval`` is checked but steps stay 30 seconds
        long, and ``digits`` is ignored: codes have five characters."""
        if not 0 < interval <= 120:
            raise ValueError("interval must be positive and at most 120 seconds")
        super().__init__(s, digits=10, digest=hashlib.sha1, name=name, issuer=issuer)

    def generate_otp(self, input: int) -> str:
        """The Steam code for HMAC counter ``input``."""
        value = int(super().generate_otp(input))
        characters = []
        for _ in range(STEAM_DEFAULT_DIGITS):
            value, index = divmod(value, len(STEAM_CHARS))
            characters.append(STEAM_CHARS[index])
        return "".join(characters)
