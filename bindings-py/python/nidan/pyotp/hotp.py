"""``HOTP``: pyotp's counter-based generator, computed by nidan's core."""

from __future__ import annotations

import hashlib
from typing import Any, Optional

from . import utils
from .otp import _WEAK_DIGEST_MESSAGE, _WEAK_DIGESTS, OTP, _algorithm


class HOTP(OTP):
    """Counter-based one-time passwords [RFC 4226]."""

    def __init__(
        self,
        s: str,
        *,
        digits: int = 6,
        digest: Any = None,
        name: Optional[str] = None,
        issuer: Optional[str] = None,
        initial_count: int = 0,
    ) -> None:
        """``s`` is the base32 secret; ``initial_count`` is added to every
        counter; ``digest`` defaults to ``hashlib.sha1``."""
        if digest is None:
            digest = hashlib.sha1
        elif digest in _WEAK_DIGESTS:
            raise ValueError(_WEAK_DIGEST_MESSAGE)
        self.initial_count = initial_count
        super().__init__(s, digits=digits, digest=digest, name=name, issuer=issuer)

    def at(self, count: int) -> str:
        """The code for counter ``initial_count + count``."""
        return self.generate_otp(self.initial_count + count)

    def verify(self, otp: str, counter: int) -> bool:
        """Whether ``otp`` is the code for counter ``initial_count + counter``
        (compared in constant time; full-width digits count as digits)."""
        counter += self.initial_count
        return self._first_match(otp, counter, counter) is not None

    def provisioning_uri(
        self,
        *,
        name: Optional[str] = None,
        initial_count: Optional[int] = None,
        issuer_name: Optional[str] = None,
        **kwargs: Any,
    ) -> str:
        """The otpauth URI for a QR code, written the way pyotp writes it."""
        return utils.build_uri(
            self.secret,
            name=name if name else self.name,
            initial_count=initial_count if initial_count is not None else self.initial_count,
            issuer=issuer_name if issuer_name else self.issuer,
            algorithm=_algorithm(self.digest).lower(),
            digits=self.digits,
            **kwargs,
        )
