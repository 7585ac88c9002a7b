"""Steam Guard codes: five characters from Steam's alphabet, one per 30 s,
computed by nidan's core (its Steam Guard code format, ``format="steam"``)."""

from __future__ import annotations

import hashlib
from typing import Optional

from ... import _native
from ..otp import _decoded_secret
from ..totp import TOTP

# pyotp's names for Steam's alphabet and code length (the core computes the codes).
STEAM_CHARS = "23456789BCDFGHJKMNPQRTVWXY"
STEAM_DEFAULT_DIGITS = 5


class Steam(TOTP):
    """Steam's TOTP variant: a ``TOTP`` whose codes are Steam Guard codes."""

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
        long, and ``digits`` is ignored: codes have five characters (and
        ``digits`` reads 10, as in pyotp)."""
        if not 0 < interval <= 120:
            raise ValueError("interval must be positive and at most 120 seconds")
        super().__init__(s, digits=10, digest=hashlib.sha1, name=name, issuer=issuer)

    def _keyed(self) -> _native.HOTP:
        """The core's Steam Guard generator for the current secret."""
        hotp = _native.HOTP(_decoded_secret(self.secret), algorithm="SHA1", digits=STEAM_DEFAULT_DIGITS, format="steam")
        self._hotp = hotp
        return hotp
