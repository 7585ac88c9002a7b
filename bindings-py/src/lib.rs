//! The native module `nidan._native`: a thin pyo3 layer over the `nidan`
//! core. It converts Python values to core types and core errors to
//! Python exceptions, and decides nothing itself. The Python package
//! `nidan` re-exports everything public from here.

mod convert;
mod errors;
mod immutable;
mod limits;
mod migration;
mod otp;
mod outcome;
mod qr;
mod repair;
mod secret;
mod server;
mod uri;

use pyo3::prelude::*;
use pyo3::types::PyString;

/// Turns a code as a person typed it ("１２３ ４５６", "123-456") into plain
/// digits, or `None` when it is not 6 to 10 digits once spaces and hyphens
/// are removed. Verification itself is strict: normalise first.
#[pyfunction]
fn normalize_code<'py>(typed: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyString>>> {
    let text = convert::text(typed, "typed")?;
    Ok(text
        .as_deref()
        .and_then(nidan::normalize_code)
        .map(|code| convert::code(typed.py(), &code)))
}

/// nidan's native core: HOTP/TOTP, secrets, otpauth URIs, exports, QR codes
/// and the server side of two-step login.
#[pymodule(name = "_native", gil_used = false)]
mod native {
    #[pymodule_export]
    use super::errors::{NidanError, ParameterError, SecretError, UriError, error_codes};
    #[pymodule_export]
    use super::limits::limits;
    #[pymodule_export]
    use super::migration::{MigrationBatch, MigrationImport};
    #[pymodule_export]
    use super::normalize_code;
    #[pymodule_export]
    use super::otp::{Hotp, Totp};
    #[pymodule_export]
    use super::outcome::{Match, TimeStep, Verdict};
    #[pymodule_export]
    use super::qr::Qr;
    #[pymodule_export]
    use super::repair::{ImportedKey, Repair};
    #[pymodule_export]
    use super::secret::Secret;
    #[pymodule_export]
    use super::server::{
        Attempt, Confirmation, DeliveredCode, Login, Record, Recovery, RecoveryCodes,
    };
    #[pymodule_export]
    use super::uri::{KeyUri, pyotp_uri};
}
