//! Copies and pickles of the immutable classes.
//!
//! Every class of the module is immutable, so `copy.copy` and
//! `copy.deepcopy` give the object itself (`__copy__` and `__deepcopy__`
//! return `self`): a copy would only be one more place a secret lives.
//! The value types (`Match`, `Verdict`, `TimeStep`) pickle as their fields.
//! The classes that hold a secret (`Secret`, `TOTP`, `HOTP`, `KeyUri`,
//! `MigrationBatch`, and `Qr`, whose text is usually an enrolment URI) refuse
//! to pickle with [`refuse_pickle`]: a pickle ends up in files, caches and
//! queues, where a key must not go unnoticed. They say how to take the key
//! out on purpose instead.
//!
//! A new class follows the same convention: `__copy__` and `__deepcopy__`
//! returning `self` in its `#[pymethods]`, and either `__reduce__` with a
//! `_from_pickle` class method (value types) or `__reduce__` returning
//! [`refuse_pickle`] (anything that holds a secret).

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// What a value type's `__reduce__` returns: the class method that rebuilds
/// the object (`_from_pickle`), and its arguments.
pub type Reduced<'py, Args> = PyResult<(Bound<'py, PyAny>, Args)>;

/// The `__reduce__` of a value type `slf`, rebuilt by its `_from_pickle`
/// class method from `args`.
pub fn reduced<'py, T: pyo3::PyClass, Args>(slf: &Bound<'py, T>, args: Args) -> Reduced<'py, Args> {
    Ok((slf.as_any().get_type().getattr("_from_pickle")?, args))
}

/// The `TypeError` of `pickle.dumps` on a class that holds a secret;
/// `instead` names the call that takes the key out on purpose.
pub fn refuse_pickle(class: &str, instead: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "cannot pickle nidan.{class}: it holds a secret key; store {instead} where secrets belong instead"
    ))
}
