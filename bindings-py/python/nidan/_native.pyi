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
    "ImportedKey",
    "KeyUri",
    "Login",
    "Match",
    "MigrationBatch",
    "MigrationImport",
    "NidanError",
    "ParameterError",
    "Qr",
    "Record",
    "Recovery",
    "RecoveryCodes",
    "Repair",
    "Secret",
    "SecretError",
    "TOTP",
    "TimeStep",
    "UriError",
    "Verdict",
    "error_codes",
    "limits",
    "normalize_code",
    "pyotp_uri",
]

_Time: TypeAlias = Union[int, float, datetime.datetime]
"""Unix seconds (int, or float rounded down), or a timezone-aware datetime."""

class NidanError(ValueError):
    """Base class of nidan's errors: bad configuration or malformed input. A wrong code is not an error. `code` is a stable identifier, one of `error_codes()`."""

    code: str

class SecretError(NidanError):
    """A secret could not be read, generated or is unfit for use (bad base32, too short, too long)."""

class UriError(NidanError):
    """An otpauth URI is malformed or inconsistent."""

class ParameterError(NidanError):
    """A parameter (digits, period, time, window, counter, algorithm) is out of range."""

@final
class Secret:
    """A shared OTP secret (the HMAC key). Immutable.

    `repr()` and `str()` show the length only; the key leaves the object
    only through `to_base32()`, `to_base32_grouped()` and `to_bytes()`.
    Equality is decided in constant time; secrets are not hashable.
    """

    def __copy__(self) -> Secret: ...
    def __deepcopy__(self, memo: object, /) -> Secret: ...

    MIN_BYTES: ClassVar[int]
    MIN_RANDOM_BYTES: ClassVar[int]
    DEFAULT_RANDOM_BYTES: ClassVar[int]
    MAX_BYTES: ClassVar[int]

    @staticmethod
    def from_base32(text: str, /, *, allow_short: bool = False) -> Secret:
        """Reads strict RFC 4648 base32 (any case, exact padding or none) of at
        least 80 bits; `allow_short=True` accepts shorter legacy keys.
        """
    @staticmethod
    def from_typed_base32(text: str) -> Secret:
        """Reads a key as a person typed it: spaces, hyphens, lower case and
        full-width characters are fine. At least 80 bits.
        """
    @staticmethod
    def import_base32(text: str) -> tuple[Secret, tuple[Repair, ...]]:
        """Reads base32 as the import mode reads a URI's secret: spaces,
        hyphens, padding of any length, lower case and bits past the last
        byte are repaired, short keys kept. Returns the key and the repairs
        made (empty when `from_base32` reads the text the same).
        """
    @staticmethod
    def from_bytes(data: bytes, /, *, allow_short: bool = False) -> Secret:
        """Takes raw key bytes, at least 10 unless `allow_short=True`."""
    @staticmethod
    def generate(*, length: int = 20) -> Secret:
        """A new random key of `length` bytes (16 to 256) from `os.urandom`."""
    def to_base32(self) -> str:
        """The key as unpadded upper-case base32. This exposes the secret."""
    def to_base32_grouped(self) -> str:
        """The key as base32 in groups of four ("JBSW Y3DP EHPK 3PXP"), the way
        a user should write it down. This exposes the secret.
        """
    def to_bytes(self) -> bytes:
        """The raw key bytes. This exposes the secret."""
    @property
    def byte_len(self) -> int:
        """Length of the key in bytes."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Match:
    """Where an accepted code matched: the step (TOTP) or counter (HOTP), and
    the drift in steps from the expected one. Always true in an `if`, even
    at step 0.
    """

    def __copy__(self) -> Match: ...
    def __deepcopy__(self, memo: object, /) -> Match: ...

    @property
    def step(self) -> int:
        """The matched time step (TOTP) or counter (HOTP). For TOTP, store it
        and pass it as `last_accepted` next time to refuse replays.
        """
    @property
    def drift(self) -> int:
        """Steps between the match and the expected step: negative when the
        other side's clock is behind, positive when it is ahead.
        """
    @property
    def next_counter(self) -> int:
        """The HOTP counter to store after this match: one past it."""
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Verdict:
    """The full outcome of a TOTP check: accepted, replayed (the code matched a
    step at or below `last_accepted`) or rejected. True only when accepted.
    """

    def __copy__(self) -> Verdict: ...
    def __deepcopy__(self, memo: object, /) -> Verdict: ...

    @property
    def kind(self) -> Literal["accepted", "replayed", "rejected"]:
        """"accepted", "replayed" or "rejected"."""
    @property
    def accepted(self) -> bool:
        """Whether the code is accepted: let the user in and store `match.step`."""
    @property
    def replayed(self) -> bool:
        """Whether the code was right but already used: refuse it."""
    @property
    def match(self) -> Optional[Match]:
        """The match, for an accepted or a replayed code; `None` when rejected."""
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TimeStep:
    """One TOTP time step: its number, when it starts and ends (Unix seconds),
    and the seconds left in it at the time asked about.
    """

    def __copy__(self) -> TimeStep: ...
    def __deepcopy__(self, memo: object, /) -> TimeStep: ...

    @property
    def step(self) -> int:
        """The step number."""
    @property
    def start(self) -> int:
        """The first second of the step."""
    @property
    def end(self) -> int:
        """The first second of the next step."""
    @property
    def remaining(self) -> int:
        """Seconds until the next step, 1 to `period`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class TOTP:
    """A time-based one-time password generator and verifier [RFC 6238].
    Immutable and safe to share between threads.
    """

    def __copy__(self) -> TOTP: ...
    def __deepcopy__(self, memo: object, /) -> TOTP: ...

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
        format: str = "decimal",
    ) -> TOTP: ...
    @property
    def secret(self) -> Secret:
        """The secret key."""
    @property
    def algorithm(self) -> str:
        """The HMAC hash: "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" or "SHA3-224/256/384/512"."""
    @property
    def digits(self) -> int:
        """Characters per code: 6 to 10 digits, or 5 for Steam codes."""
    @property
    def format(self) -> str:
        """How codes are written: "decimal" or "steam" (Steam Guard)."""
    @property
    def period(self) -> int:
        """Seconds per step."""
    @property
    def t0(self) -> int:
        """The Unix time at which step 0 starts."""
    @property
    def issuer(self) -> Optional[str]:
        """The provider, for otpauth URIs."""
    @property
    def account(self) -> str:
        """The account name, for otpauth URIs."""
    def generate(self, time: Optional[_Time] = None) -> str:
        """The code at `time` (Unix seconds as int or float, or an aware
        datetime), or now by the system clock.
        """
    def generate_at_step(self, step: int) -> str:
        """The code of time step `step`; `generate_at_step(step + 1)` is the next code."""
    def step(self, time: Optional[_Time] = None) -> int:
        """The time step at `time`, or now."""
    def time_step(self, time: Optional[_Time] = None) -> TimeStep:
        """The time step at `time` (or now) with its start, end and seconds left."""
    def verify(
        self,
        code: str,
        /,
        *,
        time: Optional[_Time] = None,
        behind: int = 1,
        ahead: int = 1,
        last_accepted: Optional[int] = None,
    ) -> Optional[Match]:
        """Checks `code` at `time` (default now) against `behind` steps before
        and `ahead` steps after the expected one, in constant time, refusing
        steps at or below `last_accepted`. Returns the `Match` when accepted,
        `None` when the code is wrong or replayed (use `check` to tell them
        apart). `code` must be exactly `digits` ASCII digits.
        """
    def check(
        self,
        code: str,
        /,
        *,
        time: Optional[_Time] = None,
        behind: int = 1,
        ahead: int = 1,
        last_accepted: Optional[int] = None,
    ) -> Verdict:
        """Like `verify`, but returns a `Verdict` that tells an accepted code
        from a replayed one and a wrong one. It is true only when accepted.
        """
    def to_uri(self) -> str:
        """The otpauth URI for a QR code. It contains the secret: show it once."""

@final
class HOTP:
    """A counter-based one-time password generator and verifier [RFC 4226].
    Immutable and safe to share between threads.
    """

    def __copy__(self) -> HOTP: ...
    def __deepcopy__(self, memo: object, /) -> HOTP: ...

    def __new__(
        cls,
        secret: Union[Secret, str],
        /,
        *,
        algorithm: str = "SHA1",
        digits: int = 6,
        issuer: Optional[str] = None,
        account: str = "",
        format: str = "decimal",
    ) -> HOTP: ...
    @property
    def secret(self) -> Secret:
        """The secret key."""
    @property
    def algorithm(self) -> str:
        """The HMAC hash: "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" or "SHA3-224/256/384/512"."""
    @property
    def digits(self) -> int:
        """Characters per code: 6 to 10 digits, or 5 for Steam codes."""
    @property
    def format(self) -> str:
        """How codes are written: "decimal" or "steam" (Steam Guard)."""
    @property
    def issuer(self) -> Optional[str]:
        """The provider, for otpauth URIs."""
    @property
    def account(self) -> str:
        """The account name, for otpauth URIs."""
    def generate(self, counter: int) -> str:
        """The code for `counter`."""
    def verify(self, code: str, /, *, counter: int, look_ahead: int = 0) -> Optional[Match]:
        """Checks `code` against counters `counter` to `counter + look_ahead`
        in constant time. Returns the `Match` (store `match.next_counter`)
        or `None`. `code` must be exactly `digits` ASCII digits.
        """
    def to_uri(self, *, counter: int) -> str:
        """The otpauth URI for a QR code, with `counter` as the next counter.
        It contains the secret: show it once.
        """

@final
class KeyUri:
    """An enrolment read from an otpauth URI (`KeyUri.parse`). Immutable.

    `repr()` leaves the secret out; `to_uri()` writes it back.
    """

    def __copy__(self) -> KeyUri: ...
    def __deepcopy__(self, memo: object, /) -> KeyUri: ...

    MAX_LEN: ClassVar[int]

    @staticmethod
    def parse(uri: str) -> KeyUri:
        """Reads an otpauth URI strictly, to the letter of the Key URI Format:
        one percent-decoding per part, the spaces after the label's ':'
        dropped, a non-empty account, the label issuer and `issuer=` must
        agree, no duplicated parameters, numbers in one spelling, HOTP needs
        a counter, digits 6 to 8, a secret of at least 80 bits.
        """
    @staticmethod
    def import_uri(uri: str, /, *, policy: str = "authenticator") -> ImportedKey:
        """Reads an otpauth URI as an authenticator app must: what real
        services put in QR codes, with the list of every repair made (see
        `Repair`). When the label's issuer and `issuer=` differ, the
        parameter is used. Strict parsing (`parse`) stays the default.
        `policy="pyotp"` reads it as pyotp 2.12's `parse_uri` does (for
        `nidan.pyotp`; see the core's `ImportPolicy::Pyotp`).
        """
    @property
    def kind(self) -> str:
        """"totp" or "hotp"."""
    @property
    def secret(self) -> Secret:
        """The secret key."""
    @property
    def issuer(self) -> Optional[str]:
        """The provider, or `None`."""
    @property
    def account(self) -> str:
        """The account name."""
    @property
    def algorithm(self) -> str:
        """The HMAC hash: "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" or "SHA3-224/256/384/512"."""
    @property
    def digits(self) -> int:
        """Digits per code: 6, 7 or 8 (5 for Steam Guard codes)."""
    @property
    def format(self) -> str:
        """How codes are written: "decimal", or "steam" for a Steam Guard key
        (which only `import_uri` reads).
        """
    @property
    def period(self) -> Optional[int]:
        """Seconds per step for TOTP; `None` for HOTP."""
    @property
    def counter(self) -> Optional[int]:
        """The next counter for HOTP; `None` for TOTP."""
    def to_uri(self) -> str:
        """Writes the URI back; `KeyUri.parse(key.to_uri())` equals `key`.
        It contains the secret: show it once.
        """
    def to_totp(self) -> TOTP:
        """A `TOTP` for this key (T0 = 0); `UriError` ("the key is HOTP") when it is HOTP."""
    def to_hotp(self) -> HOTP:
        """An `HOTP` for this key (its counter is `counter`); `UriError` ("the key is TOTP") when it is TOTP."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class MigrationBatch:
    """One QR code of a Google Authenticator export: its accounts (`KeyUri`
    objects) and the batch fields that tie the codes of one export together.
    Immutable. `repr()` shows the number of accounts, never their secrets.
    """

    def __copy__(self) -> MigrationBatch: ...
    def __deepcopy__(self, memo: object, /) -> MigrationBatch: ...

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
    def parse(uri: str) -> MigrationBatch:
        """Reads an `otpauth-migration://offline?data=...` URI. Unknown fields
        are skipped; an algorithm, digit count or OTP type nidan cannot use
        is a `UriError` naming the field. TOTP accounts have 30-second periods.
        """
    @staticmethod
    def import_uri(uri: str) -> MigrationImport:
        """Reads an export as an authenticator app must: one result per
        account, so that one unusable account does not lose the others.
        Raises only for the export as a whole (scheme, data, base64, the
        payload's structure); each account is read in import mode.
        """
    @staticmethod
    def export(accounts: Iterable[KeyUri], /, *, batch_id: Optional[int] = None, max_uri_len: int = 1000) -> list[str]:
        """Writes `accounts` (`KeyUri` objects, in order) into as few export
        URIs as keep each at most `max_uri_len` bytes, one QR code each,
        numbered from 0 and all with `batch_id` (random when not given).
        No accounts give no URIs. A `UriError` when one account alone does
        not fit, or when the format cannot carry an account (a period other
        than 30 seconds, 7 digits, a ':' in an account name without issuer).
        """
    def to_uri(self) -> str:
        """Writes this batch as one export URI. It contains the secrets: show
        it once.
        """
    @property
    def accounts(self) -> tuple[KeyUri, ...]:
        """The accounts of this batch, as `KeyUri` objects."""
    @property
    def version(self) -> int:
        """Format version (1)."""
    @property
    def batch_size(self) -> int:
        """How many QR codes the export has."""
    @property
    def batch_index(self) -> int:
        """Which of them this is, from 0."""
    @property
    def batch_id(self) -> int:
        """The same for every QR code of one export."""
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Qr:
    """A QR code of some text, usually an otpauth or export URI, with medium
    error correction. Immutable. `repr()` shows only its width: the code of
    an enrolment URI carries the secret.
    """

    def __copy__(self) -> Qr: ...
    def __deepcopy__(self, memo: object, /) -> Qr: ...

    def __new__(cls, text: str) -> Qr: ...
    @property
    def width(self) -> int:
        """Modules per side, without the quiet zone."""
    def is_dark(self, x: int, y: int) -> bool:
        """Whether the module at column `x`, row `y` (from 0) is dark; beyond
        the code everything is light. Negative coordinates are a `ParameterError`.
        """
    def to_svg(self) -> str:
        """An SVG image, black on white with the quiet zone, 8 units per module."""
    def to_terminal(self) -> str:
        """Text for a terminal with a dark background, two modules per character."""

def error_codes() -> list[str]:
    """Every code a nidan exception can carry, from the core: those of its
    errors and those of the bindings' own argument checks.
    """

def pyotp_uri(
    secret: str,
    name: str,
    *,
    counter: Optional[int] = None,
    issuer: Optional[str] = None,
    algorithm: Optional[str] = None,
    digits: int = 6,
    period: int = 30,
    extra: list[tuple[str, str]] = ...,
) -> str:
    """The otpauth URI pyotp 2.x's `build_uri` writes (`nidan.pyotp`'s
    writer): HOTP with a `counter`, TOTP without; the secret as given;
    parameters equal to pyotp's defaults left out; `extra` `(name, value)`
    pairs appended, an `image` being an https URL with a path (`UriError`
    otherwise). It contains the secret: show it once.
    """

def limits() -> dict[str, Union[int, str]]:
    """Every default and limit nidan applies, by name, as the Rust core
    defines them: `{"totp_digits": 6, "totp_algorithm": "SHA1",
    "secret_max_bytes": 256, ...}`. The constructors and methods of this
    package use these values; nothing here is typed a second time.
    """

def normalize_code(typed: str) -> Optional[str]:
    """Turns a code as a person typed it ("１２３ ４５６", "123-456") into plain
    digits, or `None` when it is not 6 to 10 digits once spaces and hyphens
    are removed. Verification itself is strict: normalise first.
    """

@final
class Repair:
    """One departure from the Key URI Format that the import mode repaired, so
    that an app can warn. `kind` names it (the same names in Rust and
    JavaScript); the fields that do not apply to the kind are `None`.
    When the label's issuer and `issuer=` differ, the parameter is used
    (`kind == "issuer_differs"`, with both in `label` and `parameter`).
    """
    def __copy__(self) -> Repair: ...
    def __deepcopy__(self, memo: object, /) -> Repair: ...
    @property
    def kind(self) -> str:
        """What was repaired: `"issuer_differs"`, `"plus_as_space"`,
        `"parameter_name_case"`, `"number_leading_zeros"`, `"secret_separators"`,
        `"secret_padding"`, `"secret_trailing_bits"`, `"secret_short"` or
        `"algorithm_outside_format"`.
        """
    @property
    def message(self) -> str:
        """The repair in a sentence, for a warning."""
    @property
    def is_spelling(self) -> bool:
        """Whether only the spelling was repaired (the key itself fits the Key
        URI Format), rather than a short secret or another algorithm kept.
        """
    @property
    def label(self) -> Optional[str]:
        """`"issuer_differs"`: the issuer in the label."""
    @property
    def parameter(self) -> Optional[str]:
        """`"issuer_differs"`: the issuer parameter, which the key carries;
        `"parameter_name_case"` and `"number_leading_zeros"`: the parameter's name.
        """
    @property
    def part(self) -> Optional[str]:
        """`"plus_as_space"`: "issuer" or "label"."""
    @property
    def bits(self) -> Optional[int]:
        """`"secret_short"`: the secret's length in bits."""
    @property
    def algorithm(self) -> Optional[str]:
        """`"algorithm_outside_format"`: the algorithm's name."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class ImportedKey:
    """A key read by the import mode (`KeyUri.import_uri`), with every repair
    made to read it (empty when the input was strict). Immutable.
    """
    def __copy__(self) -> ImportedKey: ...
    def __deepcopy__(self, memo: object, /) -> ImportedKey: ...
    @property
    def key(self) -> KeyUri:
        """The key."""
    @property
    def repairs(self) -> tuple[Repair, ...]:
        """The repairs, in the order they were found."""

@final
class MigrationImport:
    """An export read by `MigrationBatch.import_uri`: one result per account.
    Immutable; `repr()` shows counts only.
    """
    def __copy__(self) -> MigrationImport: ...
    def __deepcopy__(self, memo: object, /) -> MigrationImport: ...
    @property
    def accounts(self) -> tuple[Union[ImportedKey, NidanError], ...]:
        """One entry per account of the export, in order (the index is the
        position): an `ImportedKey`, or the exception (not raised) saying why
        the account cannot be used.
        """
    @property
    def failures(self) -> tuple[tuple[int, NidanError], ...]:
        """The accounts that cannot be used, as `(index, exception)` pairs."""
    @property
    def batch(self) -> MigrationBatch:
        """The batch fields, with the usable accounts as `KeyUri` objects."""

@final
class Record:
    """The second-factor state of one user: last accepted step, consecutive
    failures and when the last one happened, learned clock drift, version.
    `Record()` is the record of a new enrolment. Store `to_text()` (or
    `to_bytes()`) and write it back by compare-and-set.
    """

    def __copy__(self) -> Record: ...
    def __deepcopy__(self, memo: object, /) -> Record: ...
    BYTES: ClassVar[int]
    TEXT_LEN: ClassVar[int]

    def __new__(cls) -> Record: ...
    @staticmethod
    def from_text(text: str) -> Record:
        """Reads the text form; a corrupted or foreign value raises `ParameterError`."""
    @staticmethod
    def from_bytes(data: bytes) -> Record:
        """Reads the byte form; a corrupted or foreign value raises `ParameterError`."""
    def to_text(self) -> str:
        """The text form (base32)."""
    def to_bytes(self) -> bytes:
        """The byte form."""
    @property
    def version(self) -> int:
        """One more with every change: compare-and-set on it or on the text."""
    @property
    def last_step(self) -> Optional[int]:
        """The last accepted step (codes of it and before are replays), or None."""
    @property
    def failures(self) -> int:
        """Consecutive failures since the last success or reset."""
    @property
    def last_failure(self) -> Optional[int]:
        """When the last failure happened (Unix seconds), or None."""
    @property
    def drift(self) -> int:
        """The drift learned at the last success, in steps (negative: the
        user's clock is behind).
        """
    def reset_failures(self) -> Record:
        """The record with no failures: support lifts a hard stop with it."""
    def restart(self) -> Record:
        """A fresh record for a new enrolment that keeps the version growing."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Login:
    """The login policy: where codes are looked for (a window of `behind` and
    `ahead` steps around the drift learned at the last success, capped at
    `max_learned` steps) and how failures are throttled (`factor * 2**(n-1)`
    seconds after n failures, at most `max_wait`, and a hard stop at
    `max_failures`, at most 100). The defaults are the core's: 1, 1, 4, 1,
    900, 100. It keeps no state: everything per user is in the `Record`.
    """

    def __copy__(self) -> Login: ...
    def __deepcopy__(self, memo: object, /) -> Login: ...
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
        """Decides one attempt of `code` at `time` (default now) for the user
        whose stored record is `record`: throttled or locked before anything
        is computed, else accepted, replayed or rejected. `code` must be
        exactly `digits` ASCII digits (use `normalize_code` on typed input);
        anything else is a wrong code and counts as a failure.
        """
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
        """Decides one attempt of a recovery code behind the same throttle: a
        wrong one is a failure of the record, a right one resets the
        failures and is used up.
        """
    def delay(self, failures: int) -> int:
        """Seconds to wait after `failures` consecutive failures."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Attempt:
    """What one login attempt decided: `kind` is "accepted", "replayed",
    "rejected", "throttled" or "locked". Store `record` (by compare-and-set)
    when it is not None. True only when accepted.
    """

    def __copy__(self) -> Attempt: ...
    def __deepcopy__(self, memo: object, /) -> Attempt: ...
    @property
    def kind(self) -> Literal["accepted", "replayed", "rejected", "throttled", "locked"]:
        """"accepted", "replayed", "rejected", "throttled" or "locked"."""
    @property
    def accepted(self) -> bool:
        """Whether the code is accepted: let the user in once `record` is stored."""
    @property
    def record(self) -> Optional[Record]:
        """The record to store, for accepted and rejected attempts."""
    @property
    def step(self) -> Optional[int]:
        """The matched step, when accepted."""
    @property
    def drift(self) -> Optional[int]:
        """The learned drift in steps, when accepted."""
    @property
    def wait_seconds(self) -> Optional[int]:
        """Seconds until the next attempt is allowed, when throttled."""
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class Recovery:
    """What one recovery attempt decided: `kind` is "accepted", "rejected",
    "throttled" or "locked". Store `record` and, when accepted, `codes`, by
    compare-and-set. True only when accepted.
    """

    def __copy__(self) -> Recovery: ...
    def __deepcopy__(self, memo: object, /) -> Recovery: ...
    @property
    def kind(self) -> Literal["accepted", "rejected", "throttled", "locked"]:
        """"accepted", "rejected", "throttled" or "locked"."""
    @property
    def accepted(self) -> bool:
        """Whether the recovery code is accepted."""
    @property
    def record(self) -> Optional[Record]:
        """The record to store, for accepted and rejected attempts."""
    @property
    def codes(self) -> Optional[RecoveryCodes]:
        """The recovery codes to store (this one used up), when accepted."""
    @property
    def remaining(self) -> Optional[int]:
        """Codes left, when accepted."""
    @property
    def wait_seconds(self) -> Optional[int]:
        """Seconds until the next attempt is allowed, when throttled."""
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]

@final
class RecoveryCodes:
    """A user's recovery codes as the server stores them: verifiers (keyed
    with the server's `pepper`), which codes were used, and a version. The
    codes themselves are returned once, by `generate`. `repr()` shows counts.
    """

    def __copy__(self) -> RecoveryCodes: ...
    def __deepcopy__(self, memo: object, /) -> RecoveryCodes: ...
    DEFAULT_COUNT: ClassVar[int]
    MAX_COUNT: ClassVar[int]

    @staticmethod
    def generate(*, pepper: bytes, count: int = 10) -> tuple[RecoveryCodes, list[str]]:
        """A new set of `count` codes from `os.urandom`: returns the set to
        store and the codes to show the user once ("XXXX-XXXX-XXXX").
        `pepper`: the server's secret key for verifiers, at least 16 bytes,
        kept out of the database.
        """
    @staticmethod
    def from_random(random: bytes, /, *, pepper: bytes, count: int = 10) -> tuple[RecoveryCodes, list[str]]:
        """As `generate`, from random bytes the caller drew (16 + 8 per code)."""
    def redeem(self, typed: str, /, *, pepper: bytes) -> Optional[RecoveryCodes]:
        """The set with the typed code used up, or None when it is not an unused
        code of the set. Prefer `Login.recover`, which throttles.
        """
    @property
    def count(self) -> int:
        """Codes in the set."""
    @property
    def remaining(self) -> int:
        """Codes not used yet."""
    @property
    def version(self) -> int:
        """0 for a new set, one more with each redeemed code."""
    def to_text(self) -> str:
        """The text form (base32)."""
    def to_bytes(self) -> bytes:
        """The byte form."""
    @staticmethod
    def from_text(text: str) -> RecoveryCodes:
        """Reads the text form; a corrupted or foreign value raises `ParameterError`."""
    @staticmethod
    def from_bytes(data: bytes) -> RecoveryCodes:
        """Reads the byte form; a corrupted or foreign value raises `ParameterError`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class DeliveredCode:
    """A code sent by SMS or email, as the server stores it: a verifier (keyed
    with the server's `pepper`), its expiry, attempts left, whether it was
    used, and a version. `repr()` shows the state, never the code.
    """

    def __copy__(self) -> DeliveredCode: ...
    def __deepcopy__(self, memo: object, /) -> DeliveredCode: ...
    @staticmethod
    def generate(
        *,
        pepper: bytes,
        time: Optional[_Time] = None,
        digits: int = 6,
        lifetime: int = 600,
        max_attempts: int = 5,
    ) -> tuple[DeliveredCode, str]:
        """A new random code from `os.urandom`, valid from `time` (default now)
        for `lifetime` seconds and `max_attempts` checks: returns what to
        store and the code to send.
        """
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
        """As `generate`, from 24 random bytes the caller drew."""
    def check(self, typed: str, /, *, pepper: bytes, time: Optional[_Time] = None) -> Confirmation:
        """Checks a typed code at `time` (default now): spaces, hyphens and
        full-width digits are fine.
        """
    @property
    def expires_at(self) -> int:
        """When the code stops working (Unix seconds)."""
    @property
    def attempts_left(self) -> int:
        """Attempts left."""
    @property
    def used(self) -> bool:
        """Whether the code was accepted already."""
    @property
    def version(self) -> int:
        """0 when issued, one more with each check that changes it."""
    def to_text(self) -> str:
        """The text form (base32)."""
    def to_bytes(self) -> bytes:
        """The byte form."""
    @staticmethod
    def from_text(text: str) -> DeliveredCode:
        """Reads the text form; a corrupted or foreign value raises `ParameterError`."""
    @staticmethod
    def from_bytes(data: bytes) -> DeliveredCode:
        """Reads the byte form; a corrupted or foreign value raises `ParameterError`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Confirmation:
    """What checking a delivered code decided: `kind` is "accepted",
    "rejected", "expired", "exhausted" or "used". Store `code` (by
    compare-and-set) when it is not None. True only when accepted.
    """

    def __copy__(self) -> Confirmation: ...
    def __deepcopy__(self, memo: object, /) -> Confirmation: ...
    @property
    def kind(self) -> Literal["accepted", "rejected", "expired", "exhausted", "used"]:
        """"accepted", "rejected", "expired", "exhausted" or "used"."""
    @property
    def accepted(self) -> bool:
        """Whether the code is accepted."""
    @property
    def code(self) -> Optional[DeliveredCode]:
        """The delivered code to store, for accepted and rejected checks."""
    @property
    def attempts_left(self) -> Optional[int]:
        """Attempts left, when rejected."""
    def __bool__(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
