//! The exception classes, and the mapping of core errors onto them.
//!
//! `NidanError` subclasses `ValueError`; each error family of the core has
//! its own subclass. Messages come from the core's `Display`, which never
//! shows secret material, or from this crate's own input checks, which
//! name the argument and never repeat its value.

use pyo3::PyErr;
use pyo3::exceptions::PyValueError;

pyo3::create_exception!(
    nidan,
    NidanError,
    PyValueError,
    "Base class of nidan's errors: bad configuration or malformed input. A wrong code is not an error."
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
    let message = error.to_string();
    match error.family() {
        nidan::ErrorFamily::Secret => SecretError::new_err(message),
        nidan::ErrorFamily::Uri => UriError::new_err(message),
        nidan::ErrorFamily::Parameter => ParameterError::new_err(message),
        _ => NidanError::new_err(message),
    }
}

/// A `ParameterError` raised by the binding's own argument conversion.
pub fn parameter(message: impl Into<String>) -> PyErr {
    ParameterError::new_err(message.into())
}

/// Converts a core result, mapping its error onto the exception classes.
pub trait IntoPy<T> {
    /// The value, or the Python exception for the core error.
    fn or_raise(self) -> pyo3::PyResult<T>;
}

impl<T> IntoPy<T> for nidan::Result<T> {
    fn or_raise(self) -> pyo3::PyResult<T> {
        self.map_err(from_core)
    }
}
