"""Type stubs for nidan's native module (checked with mypy.stubtest)."""

import datetime
from collections.abc import Iterable
from typing import ClassVar, Final, Optional, Union, final

from typing_extensions import TypeAlias

__all__ = [
    "HOTP",
    "KeyUri",
    "Match",
    "MigrationBatch",
    "NidanError",
    "ParameterError",
    "Qr",
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
