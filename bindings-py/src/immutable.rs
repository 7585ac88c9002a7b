//! Copies and pickles of the immutable classes.
//!
//! Every class of the module is immutable, so `copy.copy` and
//! `copy.deepcopy` give the object itself (`__copy__` and `__deepcopy__`
//! return `self`): a copy would only be one more place a secret lives.
//! The value types (`Match`, `Verdict`, `TimeStep`, `Repair`, `Login`)
//! pickle as their fields, and the stored values of the server side
//! (`Record`, `RecoveryCodes`, `DeliveredCode`) as their text form. The
//! classes that hold a secret (`Secret`, `TOTP`, `HOTP`, `KeyUri`,
//! `MigrationBatch`, `MigrationImport`, `ImportedKey`, and `Qr`, whose text
//! is usually an enrolment URI) refuse to pickle: a pickle ends up in files,
//! caches and queues, where a key must not go unnoticed. They say how to take
//! the key out on purpose instead. The decisions of the server side
//! (`Attempt`, `Recovery`, `Confirmation`) refuse too: they are acted on once.
//!
//! A new class gets its dunders from [`immutable!`]
//! (pyo3's `multiple-pymethods` lets the macro add a `#[pymethods]` block of
//! its own beside the class's).

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

/// Why an object refuses to pickle: it holds a secret, or it is a decision.
#[derive(Clone, Copy)]
pub enum Unpicklable {
    /// A class that holds a secret key.
    HoldsSecret,
    /// A decision of the server side, acted on once.
    Decision,
}

/// The `TypeError` of `pickle.dumps` on `slf`; `instead` names what to
/// store instead (the call that takes the key out on purpose, or the
/// stored values of a decision).
pub fn refuse_pickle<T: pyo3::PyClass>(
    slf: &Bound<'_, T>,
    why: Unpicklable,
    instead: &str,
) -> PyErr {
    let class = slf
        .as_any()
        .get_type()
        .name()
        .map_or_else(|_| String::from("object"), |name| name.to_string());
    PyTypeError::new_err(match why {
        Unpicklable::HoldsSecret => format!(
            "cannot pickle nidan.{class}: it holds a secret key; store {instead} where secrets belong instead"
        ),
        Unpicklable::Decision => {
            format!(
                "cannot pickle nidan.{class}: a decision is acted on once; store {instead} instead"
            )
        }
    })
}

/// The copy and pickle dunders of an immutable pyclass, in a `#[pymethods]`
/// block of their own.
///
/// `immutable!(Match)` gives `__copy__` and `__deepcopy__`, both returning
/// the object itself; the class writes its own `__reduce__` (with
/// [`reduced`]). `immutable!(Secret, refuses pickle: HoldsSecret, "secret.to_base32()")`
/// adds a `__reduce__` that raises [`refuse_pickle`]'s `TypeError`. The
/// first generates:
///
/// ```ignore
/// #[pymethods]
/// impl Match {
///     /// The object itself: it is immutable.
///     fn __copy__<'py>(slf: &Bound<'py, Self>) -> Bound<'py, Self> {
///         slf.clone()
///     }
///
///     /// The object itself: it is immutable.
///     #[pyo3(signature = (_memo, /))]
///     fn __deepcopy__<'py>(slf: &Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
///         slf.clone()
///     }
/// }
/// ```
///
/// and the second also, in its own block:
///
/// ```ignore
/// #[pymethods]
/// impl Secret {
///     /// Refuses to pickle (see `immutable.rs`).
///     fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<()> {
///         Err(refuse_pickle(slf, Unpicklable::HoldsSecret, "secret.to_base32()"))
///     }
/// }
/// ```
macro_rules! immutable {
    ($class:ty) => {
        #[::pyo3::pymethods]
        impl $class {
            /// The object itself: it is immutable.
            fn __copy__<'py>(slf: &::pyo3::Bound<'py, Self>) -> ::pyo3::Bound<'py, Self> {
                slf.clone()
            }

            /// The object itself: it is immutable.
            #[pyo3(signature = (_memo, /))]
            fn __deepcopy__<'py>(
                slf: &::pyo3::Bound<'py, Self>,
                _memo: &::pyo3::Bound<'py, ::pyo3::PyAny>,
            ) -> ::pyo3::Bound<'py, Self> {
                slf.clone()
            }
        }
    };
    ($class:ty, refuses pickle: $why:ident, $instead:expr) => {
        $crate::immutable::immutable!($class);

        #[::pyo3::pymethods]
        impl $class {
            /// Refuses to pickle (see `immutable.rs`).
            fn __reduce__(slf: &::pyo3::Bound<'_, Self>) -> ::pyo3::PyResult<()> {
                Err($crate::immutable::refuse_pickle(
                    slf,
                    $crate::immutable::Unpicklable::$why,
                    $instead,
                ))
            }
        }
    };
}
pub(crate) use immutable;
