"""``OTP``: the base class of pyotp's generators, keyed by nidan's core.

Each object keeps a native ``nidan.HOTP`` built from its base32 secret,
digits and digest, and rebuilds it after one of them is reassigned (pyotp
lets callers change ``otp.secret`` after construction).
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable, Optional

from .. import _native
from . import utils

# pyotp refuses these digests with this message.
_WEAK_DIGESTS = (hashlib.md5, hashlib.shake_128)
_WEAK_DIGEST_MESSAGE = "selected digest function must generate digest size greater than or equals to 18 bytes"
_SHORT_SECRET_MESSAGE = "Secrets must be at least 112 bits after decoding"
# The core's message for an empty key, which pyotp reports as short.
_EMPTY_SECRET_MESSAGE = "secret is empty"
# pyotp 2.12 requires 112-bit keys (NIST SP 800-63B-4); the core's floor is 80.
_MIN_SECRET_BYTES = 14
# hashlib's names of the hashes the core computes, and the core's names.
_ALGORITHMS = {
    "sha1": "SHA1",
    "sha224": "SHA224",
    "sha256": "SHA256",
    "sha384": "SHA384",
    "sha512": "SHA512",
    "sha3_224": "SHA3-224",
    "sha3_256": "SHA3-256",
    "sha3_384": "SHA3-384",
    "sha3_512": "SHA3-512",
}
# The attributes holding native generators, which are neither pickled nor copied.
_NATIVE_CACHES = frozenset({"_hotp", "_clock"})


class OTP:
    """Base class for OTP handlers. The base32 secret and its decoded length
    are checked at construction, and again whenever the secret changes."""

    def __init__(
        self,
        s: str,
        *,
        digits: int = 6,
        digest: Any = hashlib.sha1,
        name: Optional[str] = None,
        issuer: Optional[str] = None,
    ) -> None:
        self._hotp: Optional[_native.HOTP] = None
        if not 6 <= digits <= 10:
            raise ValueError("digits must be between 6 and 10")
        if digest in _WEAK_DIGESTS:
            raise ValueError(_WEAK_DIGEST_MESSAGE)
        self._digits = digits
        self._digest = digest
        self._secret = s
        self.name: str = name or "Secret"
        """The account name, for otpauth URIs."""
        self.issuer: Optional[str] = issuer
        """The provider, for otpauth URIs."""
        self._keyed()

    @property
    def secret(self) -> str:
        """The base32 secret, as given."""
        return self._secret

    @secret.setter
    def secret(self, value: str) -> None:
        self._secret = value
        self._forget()

    @property
    def digits(self) -> int:
        """Digits per code, 6 to 10."""
        return self._digits

    @digits.setter
    def digits(self, value: int) -> None:
        self._digits = value
        self._forget()

    @property
    def digest(self) -> Any:
        """The hash constructor: ``hashlib.sha1``, ``sha256`` or ``sha512``."""
        return self._digest

    @digest.setter
    def digest(self, value: Any) -> None:
        self._digest = value
        self._forget()

    def generate_otp(self, input: int) -> str:
        """The code for HMAC counter ``input`` (a non-negative int)."""
        if input < 0:
            raise ValueError("input must be positive integer")
        return (self._hotp or self._keyed()).generate(_counter(input))

    def byte_secret(self) -> bytes:
        """The decoded secret; ``ValueError`` when it is not base32 or
        shorter than 112 bits."""
        return _decoded_secret(self.secret).to_bytes()

    @staticmethod
    def int_to_bytestring(i: int, *, padding: int = 8) -> bytes:
        """``i`` as big-endian bytes, at least ``padding`` long: the HMAC input."""
        return i.to_bytes(max(padding, (i.bit_length() + 7) // 8), "big")

    def __getstate__(self) -> dict[str, Any]:
        """What pyotp pickles and copies: its attributes under its names, the
        base32 text as ``secret``; nidan's native generators are left out
        and rebuilt on first use, so pickles load in either library."""
        return {name.lstrip("_"): value for name, value in vars(self).items() if name not in _NATIVE_CACHES}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._forget()
        for name, value in state.items():
            setattr(self, name, value)

    def _forget(self) -> None:
        """Drops the native objects: the key or parameters changed."""
        self._hotp = None

    def _keyed(self) -> _native.HOTP:
        """The native generator for the current secret, digits and digest."""
        hotp = _native.HOTP(
            _decoded_secret(self.secret),
            algorithm=_algorithm(self.digest),
            digits=_counter(self.digits),
        )
        self._hotp = hotp
        return hotp

    def _first_match(self, otp: object, first: int, last: int) -> Optional[int]:
        """The first counter in ``first..last`` whose code equals ``otp`` as
        pyotp compares codes (NFKC, at most 1024 characters), or ``None``."""
        hotp = self._hotp or self._keyed()
        code = utils._comparable(str(otp))
        if code is None:
            return None
        if type(self).generate_otp is OTP.generate_otp:
            # Checked from `first` forward in constant time: the earliest match wins.
            found = hotp.verify(code, counter=_counter(first), look_ahead=_counter(last - first))
            return None if found is None else found.step
        # A subclass with its own code format (Steam): compare every code.
        matched: Optional[int] = None
        for counter in range(last, first - 1, -1):
            if utils.strings_equal(code, self.generate_otp(counter)):
                matched = counter
        return matched


def _counter(value: Any) -> Any:
    """``value``, unless it is a float: pyotp computes with counters and
    digits as ints, so there a float fails with a ``TypeError`` (nidan's
    native API raises ``ParameterError``, as for any number it cannot take)."""
    if isinstance(value, float):
        raise TypeError(f"counters and digits are ints, not floats: {value!r}")
    return value


def _decoded_secret(secret: Any) -> _native.Secret:
    """The key of a base32 secret (str or ASCII bytes) of at least 112 bits.

    Read by the core as its import mode reads secrets
    (``Secret.import_base32``), which takes all that pyotp's reader (the
    standard library's, after adding missing padding) takes: any case,
    missing padding, bits past the last byte (nidan's own
    ``Secret.from_base32`` refuses such non-canonical text). It also takes
    spaces and hyphens, which pyotp refuses. Keys longer than 256 bytes
    (``nidan.Secret.MAX_BYTES``), which pyotp takes, are refused with a
    ``nidan.SecretError`` saying so: the core holds keys of at most that size.
    """
    text = secret.decode("ascii") if isinstance(secret, bytes) else secret
    try:
        key, _repairs = _native.Secret.import_base32(text)
    except _native.SecretError as error:
        # pyotp calls an empty key short.
        if str(error) == _EMPTY_SECRET_MESSAGE:
            raise ValueError(_SHORT_SECRET_MESSAGE) from None
        raise
    if key.byte_len < _MIN_SECRET_BYTES:
        raise ValueError(_SHORT_SECRET_MESSAGE)
    return key


_KNOWN_DIGESTS = ((hashlib.sha1, "SHA1"), (hashlib.sha256, "SHA256"), (hashlib.sha512, "SHA512"))


def _algorithm(digest: Callable[..., Any]) -> str:
    """The core's algorithm name for a hashlib constructor."""
    for known, name in _KNOWN_DIGESTS:
        if digest is known:
            return name
    found: Optional[str]
    try:
        found = _ALGORITHMS.get(str(digest().name).lower())
    except Exception:  # anything that is not a hash constructor
        found = None
    if found is None:
        raise ValueError("nidan.pyotp computes codes with sha1, sha224, sha256, sha384, sha512 and sha3_* only")
    return found
