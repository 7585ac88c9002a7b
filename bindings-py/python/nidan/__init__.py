"""nidan: HOTP and TOTP for servers and authenticators, computed by a Rust core.

The native API (this module) is typed and strict: keyword-only options,
constant-time verification in an asymmetric window, replay refusal by time
step, Google Authenticator exports, QR codes, the server side of two-step
login (Login, Record, RecoveryCodes, DeliveredCode), and errors that never
show secret material. ``nidan.pyotp`` is a drop-in replacement for pyotp 2.12.

>>> import nidan
>>> totp = nidan.TOTP(nidan.Secret.from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
>>> totp.generate(59)
'287082'
>>> totp.verify("287082", time=59)
Match(step=1, drift=0)
"""

from ._native import (
    HOTP,
    TOTP,
    Attempt,
    Confirmation,
    DeliveredCode,
    ImportedKey,
    KeyUri,
    Login,
    Match,
    MigrationBatch,
    MigrationImport,
    NidanError,
    ParameterError,
    Qr,
    Record,
    Recovery,
    RecoveryCodes,
    Repair,
    Secret,
    SecretError,
    TimeStep,
    UriError,
    Verdict,
    error_codes,
    limits,
    normalize_code,
)

__all__ = [
    "HOTP",
    "TOTP",
    "Attempt",
    "Confirmation",
    "DeliveredCode",
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
    "TimeStep",
    "UriError",
    "Verdict",
    "error_codes",
    "limits",
    "normalize_code",
]
