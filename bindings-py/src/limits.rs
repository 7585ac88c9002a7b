//! `limits()`: the core's defaults and limits, by name.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Every default and limit nidan applies, by name, as the Rust core
/// defines them: `{"totp_digits": 6, "totp_algorithm": "SHA1",
/// "secret_max_bytes": 256, ...}`. The constructors and methods of this
/// package use these values; nothing here is typed a second time.
#[pyfunction]
pub fn limits(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in nidan::limits() {
        match value {
            nidan::Limit::Number(number) => dict.set_item(name, number)?,
            nidan::Limit::Name(text) => dict.set_item(name, text)?,
        }
    }
    Ok(dict)
}
