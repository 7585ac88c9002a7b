//! The exception classes, and the mapping of core errors onto them.
//!
//! `NidanError` subclasses `ValueError`; each error family of the core has
//! its own subclass. Every exception raised carries `code`, the core's
//! stable identifier ([`nidan::Error::code`], or for this crate's own input
//! checks [`nidan::ArgumentError::code`]). Messages come from the core's
//! `Display`, which never shows secret material, or from this crate's own
//! input checks, which name the argument and never repeat its value.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::{PyTypeInfo, intern};

pyo3::create_exception!(
    nidan,
    NidanError,
    PyValueError,
    "Base class of nidan's errors: bad configuration or malformed input. A wrong code is not an error. `code` is a stable identifier, one of `error_codes()`."
);
pyo3::create_exception!(
    nidan,
    SecretError,
    NidanError,
    "A secret could not be read, generated or is unfit for use (bad base32, too short, too long)."
);
pyo3::create_exception!(
    nidan,
    UriError,
    NidanError,
    "An otpauth URI is malformed or inconsistent."
);
pyo3::create_exception!(
    nidan,
    ParameterError,
    NidanError,
    "A parameter (digits, period, time, window, counter, algorithm) is out of range."
);

/// The Python exception for a core error, chosen by the error's family.
pub fn from_core(error: nidan::Error) -> PyErr {
    from_core_saying(error, error.to_string())
}

/// The Python exception for a core error (its class and code) with a
/// message of the binding's that names the argument.
pub fn from_core_saying(error: nidan::Error, message: String) -> PyErr {
    let code = error.code();
    match error.family() {
        nidan::ErrorFamily::Secret => with_code::<SecretError>(message, code),
        nidan::ErrorFamily::Uri => with_code::<UriError>(message, code),
        nidan::ErrorFamily::Parameter => with_code::<ParameterError>(message, code),
        _ => with_code::<NidanError>(message, code),
    }
}

/// A `ParameterError` raised by the binding's own argument conversion, for
/// an argument it cannot convert (`INVALID_ARGUMENT`).
pub fn parameter(message: impl Into<String>) -> PyErr {
    argument::<ParameterError>(nidan::ArgumentError::Invalid, message)
}

/// A `ParameterError` for a number the binding cannot convert: negative,
/// a float, too large (`INVALID_NUMBER`).
pub fn number(message: impl Into<String>) -> PyErr {
    argument::<ParameterError>(nidan::ArgumentError::Number, message)
}

/// An exception of class `T` raised by the binding's own argument
/// conversion, with the code of `kind`.
pub fn argument<T: PyTypeInfo>(kind: nidan::ArgumentError, message: impl Into<String>) -> PyErr {
    with_code::<T>(message.into(), kind.code())
}

/// An exception of class `T` with `message` and the attribute `code`.
fn with_code<T: PyTypeInfo>(message: String, code: &'static str) -> PyErr {
    Python::attach(|py| {
        let error = PyErr::new::<T, _>(message);
        match error.value(py).setattr(intern!(py, "code"), code) {
            Ok(()) => error,
            Err(failed) => failed,
        }
    })
}

/// Every code a nidan exception can carry, from the core: those of its
/// errors and those of the bindings' own argument checks.
#[pyfunction]
pub fn error_codes() -> Vec<&'static str> {
    nidan::Error::CODES.to_vec()
}

/// Converts a core result, mapping its error onto the exception classes.
pub trait IntoPy<T> {
    /// The value, or the Python exception for the core error.
    fn or_raise(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for nidan::Result<T> {
    fn or_raise(self) -> PyResult<T> {
        self.map_err(from_core)
    }
}
