"""Type stubs for nidan's native module (checked with mypy.stubtest)."""

import datetime
from collections.abc import Iterable
from typing import ClassVar, Final, Literal, Optional, Union, final

from typing_extensions import TypeAlias

__all__ = [
    "Attempt",
    "Confirmation",
    "DeliveredCode",
    "HOTP",
    "KeyUri",
    "Login",
    "Match",
    "MigrationBatch",
    "NidanError",
    "ParameterError",
    "Qr",
    "Record",
    "Recovery",
    "RecoveryCodes",
    "Secret",
    "SecretError",
    "TOTP",
    "TimeStep",
    "UriError",
    "Verdict",
    "normalize_code",
]

_Time: TypeAlias = Union[int, float, datetime.datetime]
"""Unix seconds (int, or float rounded down), or a timezone-aware datetime."""

class NidanError(ValueError):
    """Base class of nidan's errors. A wrong code is not an error."""

class SecretError(NidanError):
    """A secret could not be read, generated or is unfit for use."""

class UriError(NidanError):
    """An otpauth URI is malformed or inconsistent."""

class ParameterError(NidanError):
    """A parameter (digits, period, time, window, counter, algorithm) is out of range."""

@final
class Secret:
    """A shared OTP secret. repr() shows its length only."""

    MIN_BYTES: ClassVar[int]
    MIN_RANDOM_BYTES: ClassVar[int]
    DEFAULT_RANDOM_BYTES: ClassVar[int]
    MAX_BYTES: ClassVar[int]

    @staticmethod
    def from_base32(text: str, /, *, allow_short: bool = False) -> Secret: ...
    @staticmethod
    def from_typed_base32(text: str) -> Secret: ...
    @staticmethod
    def from_bytes(data: bytes, /, *, allow_short: bool = False) -> Secret: ...
    @staticmethod
    def generate(*, length: int = 20) -> Secret: ...
    def to_base32(self) -> str: ...
    def to_base32_grouped(self) -> str: ...
    def to_bytes(self) -> bytes: ...
    @property
    def byte_len(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Match:
    """Where an accepted code matched. Always true, even at step 0."""

    @property
    def step(self) -> int: ...
    @property
    def drift(self) -> int: ...
    @property
    def next_counter(self) -> int: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Verdict:
    """Accepted, replayed or rejected. True only when accepted."""

    @property
    def accepted(self) -> bool: ...
    @property
    def replayed(self) -> bool: ...
    @property
    def match(self) -> Optional[Match]: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TimeStep:
    """A TOTP step: number, start, end and seconds remaining."""

    @property
    def step(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def remaining(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TOTP:
    """A TOTP generator and verifier [RFC 6238]."""

    def __new__(
        cls,
        secret: Union[Secret, str],
        /,
        *,
        algorithm: str = "SHA1",
        digits: int = 6,
        period: int = 30,
        t0: int = 0,
        issuer: Optional[str] = None,
        account: str = "",
    ) -> TOTP: ...
    @property
    def secret(self) -> Secret: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def digits(self) -> int: ...
    @property
    def period(self) -> int: ...
    @property
    def t0(self) -> int: ...
    @property
    def issuer(self) -> Optional[str]: ...
    @property
    def account(self) -> str: ...
    def now(self) -> str: ...
    def at(self, time: _Time) -> str: ...
    def at_step(self, step: int) -> str: ...
    def step(self, time: Optional[_Time] = None) -> int: ...
    def time_step(self, time: Optional[_Time] = None) -> TimeStep: ...
    def verify(
        self,
        code: str,
        /,
        *,
        time: Optional[_Time] = None,
        behind: int = 1,
        ahead: int = 1,
        last_accepted: Optional[int] = None,
    ) -> Optional[Match]: ...
    def check(
        self,
        code: str,
        /,
        *,
        time: Optional[_Time] = None,
        behind: int = 1,
        ahead: int = 1,
        last_accepted: Optional[int] = None,
    ) -> Verdict: ...
    def to_uri(self) -> str: ...

@final
class HOTP:
    """An HOTP generator and verifier [RFC 4226]."""

    def __new__(
        cls,
        secret: Union[Secret, str],
        /,
        *,
        algorithm: str = "SHA1",
        digits: int = 6,
        issuer: Optional[str] = None,
        account: str = "",
    ) -> HOTP: ...
    @property
    def secret(self) -> Secret: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def digits(self) -> int: ...
    @property
    def issuer(self) -> Optional[str]: ...
    @property
    def account(self) -> str: ...
    def at(self, counter: int) -> str: ...
    def verify(self, code: str, /, *, counter: int, look_ahead: int = 0) -> Optional[Match]: ...
    def to_uri(self, *, counter: int) -> str: ...

@final
class KeyUri:
    """An enrolment read from an otpauth URI."""

    MAX_LEN: ClassVar[int]

    @staticmethod
    def parse(uri: str) -> KeyUri: ...
    @property
    def kind(self) -> str: ...
    @property
    def secret(self) -> Secret: ...
    @property
    def issuer(self) -> Optional[str]: ...
    @property
    def account(self) -> str: ...
    @property
    def algorithm(self) -> str: ...
    @property
    def digits(self) -> int: ...
    @property
    def period(self) -> Optional[int]: ...
    @property
    def counter(self) -> Optional[int]: ...
    def to_uri(self) -> str: ...
    def to_totp(self) -> TOTP: ...
    def to_hotp(self) -> HOTP: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MigrationBatch:
    """One QR code of a Google Authenticator export. repr() shows the account count only."""

    MAX_LEN: ClassVar[int]
    DEFAULT_MAX_URI_LEN: ClassVar[int]

    def __new__(
        cls,
        accounts: Iterable[KeyUri],
        /,
        *,
        version: int = 1,
        batch_size: int = 1,
        batch_index: int = 0,
        batch_id: Optional[int] = None,
    ) -> MigrationBatch: ...
    @staticmethod
    def parse(uri: str) -> MigrationBatch: ...
    @staticmethod
    def export(accounts: Iterable[KeyUri], /, *, batch_id: Optional[int] = None, max_uri_len: int = 1000) -> list[str]: ...
    def to_uri(self) -> str: ...
    @property
    def accounts(self) -> tuple[KeyUri, ...]: ...
    @property
    def version(self) -> int: ...
    @property
    def batch_size(self) -> int: ...
    @property
    def batch_index(self) -> int: ...
    @property
    def batch_id(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Qr:
    """A QR code of some text. repr() shows its width only."""

    def __new__(cls, text: str) -> Qr: ...
    @property
    def width(self) -> int: ...
    def is_dark(self, x: int, y: int) -> bool: ...
    def to_svg(self) -> str: ...
    def to_terminal(self) -> str: ...

def normalize_code(typed: str) -> Optional[str]: ...

@final
class Record:
    """One user's second-factor state: last accepted step, consecutive
    failures and the time of the last one, learned drift, version.
    ``Record()`` is the record of a new enrolment. Store ``to_text()`` and
    write it back by compare-and-set (``UPDATE ... WHERE record = :old``)."""

    BYTES: ClassVar[int]
    TEXT_LEN: ClassVar[int]

    def __new__(cls) -> Record: ...
    @staticmethod
    def from_text(text: str) -> Record:
        """Reads the text form; a corrupted or foreign value raises ParameterError."""
    @staticmethod
    def from_bytes(data: bytes) -> Record:
        """Reads the byte form; a corrupted or foreign value raises ParameterError."""
    def to_text(self) -> str:
        """The text form: base32, TEXT_LEN characters."""
    def to_bytes(self) -> bytes:
        """The byte form, BYTES long."""
    @property
    def version(self) -> int:
        """One more with every change."""
    @property
    def last_step(self) -> Optional[int]:
        """The last accepted step: codes of it and before are replays."""
    @property
    def failures(self) -> int:
        """Consecutive failures since the last success or reset."""
    @property
    def last_failure(self) -> Optional[int]:
        """When the last failure happened (Unix seconds)."""
    @property
    def drift(self) -> int:
        """The drift learned at the last success, in steps."""
    def reset_failures(self) -> Record:
        """The record with no failures: support lifts a hard stop with it."""
    def restart(self) -> Record:
        """A fresh record for a new enrolment that keeps the version growing."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Login:
    """The login policy: a window of ``behind``/``ahead`` steps around the
    drift learned at the last success (capped at ``max_learned``), and a
    throttle of ``factor * 2**(n-1)`` seconds after n failures, at most
    ``max_wait``, with a hard stop at ``max_failures`` (at most 100)."""

    def __new__(
        cls,
        *,
        behind: int = 1,
        ahead: int = 1,
        max_learned: int = 4,
        factor: int = 1,
        max_wait: int = 900,
        max_failures: int = 100,
    ) -> Login: ...
    def attempt(self, totp: TOTP, record: Record, code: str, /, *, time: Optional[_Time] = None) -> Attempt:
        """Decides one attempt: throttled or locked before anything is
        computed, else accepted, replayed or rejected."""
    def recover(
        self,
        record: Record,
        codes: RecoveryCodes,
        typed: str,
        /,
        *,
        pepper: bytes,
        time: Optional[_Time] = None,
    ) -> Recovery:
        """Decides one attempt of a recovery code, behind the same throttle."""
    def delay(self, failures: int) -> int:
        """Seconds to wait after ``failures`` consecutive failures."""

@final
class Attempt:
    """What one login attempt decided. True only when accepted; store
    ``record`` (by compare-and-set) when it is not None."""

    @property
    def kind(self) -> Literal["accepted", "replayed", "rejected", "throttled", "locked"]: ...
    @property
    def accepted(self) -> bool: ...
    @property
    def record(self) -> Optional[Record]: ...
    @property
    def step(self) -> Optional[int]: ...
    @property
    def drift(self) -> Optional[int]: ...
    @property
    def wait_seconds(self) -> Optional[int]: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Recovery:
    """What one recovery attempt decided. True only when accepted; store
    ``record``, and ``codes`` when accepted, by compare-and-set."""

    @property
    def kind(self) -> Literal["accepted", "rejected", "throttled", "locked"]: ...
    @property
    def accepted(self) -> bool: ...
    @property
    def record(self) -> Optional[Record]: ...
    @property
    def codes(self) -> Optional[RecoveryCodes]: ...
    @property
    def remaining(self) -> Optional[int]: ...
    @property
    def wait_seconds(self) -> Optional[int]: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RecoveryCodes:
    """A user's recovery codes as stored: verifiers keyed with the server's
    pepper, which codes were used, a version. repr() shows counts only."""

    DEFAULT_COUNT: ClassVar[int]
    MAX_COUNT: ClassVar[int]

    @staticmethod
    def generate(*, pepper: bytes, count: int = 10) -> tuple[RecoveryCodes, list[str]]:
        """A new set from os.urandom, and its codes to show the user once."""
    @staticmethod
    def from_random(random: bytes, /, *, pepper: bytes, count: int = 10) -> tuple[RecoveryCodes, list[str]]:
        """As generate, from 16 + 8 * count random bytes the caller drew."""
    def redeem(self, typed: str, /, *, pepper: bytes) -> Optional[RecoveryCodes]:
        """The set with the code used up, or None. Prefer Login.recover."""
    @property
    def count(self) -> int: ...
    @property
    def remaining(self) -> int: ...
    @property
    def version(self) -> int: ...
    def to_text(self) -> str: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_text(text: str) -> RecoveryCodes: ...
    @staticmethod
    def from_bytes(data: bytes) -> RecoveryCodes: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class DeliveredCode:
    """A code sent by SMS or email, as stored: a verifier keyed with the
    server's pepper, expiry, attempts left, used or not, version."""

    @staticmethod
    def generate(
        *,
        pepper: bytes,
        time: Optional[_Time] = None,
        digits: int = 6,
        lifetime: int = 600,
        max_attempts: int = 5,
    ) -> tuple[DeliveredCode, str]:
        """A new code from os.urandom: what to store, and the code to send."""
    @staticmethod
    def from_random(
        random: bytes,
        /,
        *,
        pepper: bytes,
        time: Optional[_Time] = None,
        digits: int = 6,
        lifetime: int = 600,
        max_attempts: int = 5,
    ) -> tuple[DeliveredCode, str]:
        """As generate, from 24 random bytes the caller drew."""
    def check(self, typed: str, /, *, pepper: bytes, time: Optional[_Time] = None) -> Confirmation:
        """Checks a typed code; spaces, hyphens and full-width digits are fine."""
    @property
    def expires_at(self) -> int: ...
    @property
    def attempts_left(self) -> int: ...
    @property
    def used(self) -> bool: ...
    @property
    def version(self) -> int: ...
    def to_text(self) -> str: ...
    def to_bytes(self) -> bytes: ...
    @staticmethod
    def from_text(text: str) -> DeliveredCode: ...
    @staticmethod
    def from_bytes(data: bytes) -> DeliveredCode: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Confirmation:
    """What checking a delivered code decided. True only when accepted;
    store ``code`` (by compare-and-set) when it is not None."""

    @property
    def kind(self) -> Literal["accepted", "rejected", "expired", "exhausted", "used"]: ...
    @property
    def accepted(self) -> bool: ...
    @property
    def code(self) -> Optional[DeliveredCode]: ...
    @property
    def attempts_left(self) -> Optional[int]: ...
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
