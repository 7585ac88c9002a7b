//! Argument conversion at the boundary: integers, times, algorithms, text.
//!
//! Python integers are unbounded and `bool` is an `int`; floats may be NaN
//! or infinite; datetimes may be naive. Everything is checked here, so the
//! core only ever sees values it accepts or rejects with its own errors.
//! A value of the wrong type is a `TypeError`; a number that is not one the
//! argument can take (negative, too large, a float where a count is due) is
//! a `ParameterError` with the code `INVALID_NUMBER`, as in the shared
//! table `bad_inputs.json`; other values it cannot convert (naive
//! datetimes, text that is not Unicode) get `INVALID_ARGUMENT`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString, PyType};

use crate::errors::{self, IntoPy as _, number, parameter};

/// A non-negative integer that fits `u64` (`bool` is refused), for
/// parameters whose limit is `u64` itself: times, steps, counters, periods.
pub fn unsigned(value: &Bound<'_, PyAny>, what: &str) -> PyResult<u64> {
    unsigned_or_more(value, what)?
        .ok_or_else(|| number(format!("{what} is too large: at most 2**64 - 1")))
}

/// A non-negative integer (`bool` is refused), or `None` when it is larger
/// than `u64::MAX`: for parameters whose real limit is lower, so that the
/// message states that limit.
pub fn unsigned_or_more(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<u64>> {
    require_int(value, what)?;
    // Fast path: extracting an `i64` (C `long`) skips the byte-array
    // conversion that `u64` goes through; the rest take the checked path.
    if let Ok(small) = value.extract::<i64>()
        && let Ok(unsigned) = u64::try_from(small)
    {
        return Ok(Some(unsigned));
    }
    match value.extract::<u64>() {
        Ok(unsigned) => Ok(Some(unsigned)),
        Err(_) if value.lt(0).unwrap_or(false) => {
            Err(number(format!("{what} must not be negative")))
        }
        Err(_) => Ok(None),
    }
}

/// Digits per code. The core decides the range; a number too large to
/// reach it is refused here with the same range.
pub fn digits(value: &Bound<'_, PyAny>) -> PyResult<u32> {
    unsigned_or_more(value, "digits")?
        .and_then(|wide| u32::try_from(wide).ok())
        .ok_or_else(|| {
            number(format!(
                "digits must be from {} to {}",
                nidan::MIN_DIGITS,
                nidan::MAX_DIGITS
            ))
        })
}

/// One side of a verification window (`behind`, `ahead`, `look_ahead`).
/// The core decides its limit ([`nidan::Window::new`]); the message names
/// the side. A number beyond `u32` is an `INVALID_NUMBER`, as in JavaScript.
pub fn window_side(value: &Bound<'_, PyAny>, what: &str) -> PyResult<u32> {
    let message = || {
        format!(
            "{what} is too large: a window reaches at most {} steps to one side",
            nidan::Window::MAX_SIDE
        )
    };
    let side = unsigned_or_more(value, what)?
        .and_then(|wide| u32::try_from(wide).ok())
        .ok_or_else(|| number(message()))?;
    nidan::Window::new(side, 0)
        .map(|_| side)
        .map_err(|error| errors::from_core_saying(error, message()))
}

/// A non-negative integer that fits `usize`, for lengths and coordinates.
pub fn size(value: &Bound<'_, PyAny>, what: &str) -> PyResult<usize> {
    let wide = unsigned(value, what)?;
    usize::try_from(wide).map_err(|_| number(format!("{what} is too large")))
}

/// A signed 32-bit integer, for the batch fields of an export.
pub fn int32(value: &Bound<'_, PyAny>, what: &str) -> PyResult<i32> {
    require_int(value, what)?;
    value
        .extract::<i32>()
        .map_err(|_| number(format!("{what} must be from -2**31 to 2**31 - 1")))
}

/// A `TypeError` unless `value` is an `int` (and not a `bool`); for a
/// `float` (6.5, NaN, even 6.0) a `ParameterError`, as the other surfaces
/// raise for numbers that are not whole counts.
fn require_int(value: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    if value.is_instance_of::<PyFloat>() {
        return Err(number(format!(
            "{what} must be a whole number given as an int, not a float"
        )));
    }
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be an int, not {}",
            type_name(value)
        )));
    }
    Ok(())
}

/// Unix seconds from an `int`, a `float` (rounded down to the second) or a
/// timezone-aware `datetime`.
pub fn unix_time(value: &Bound<'_, PyAny>) -> PyResult<u64> {
    // The common case first: a plain `int` (never a `bool`, which is a subclass).
    if value.is_exact_instance_of::<PyInt>() {
        return unsigned(value, "time");
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        let seconds = float.value();
        if !seconds.is_finite() {
            return Err(number("time must be a finite number"));
        }
        if seconds < 0.0 {
            return Err(number("time must not be negative (before 1970)"));
        }
        // float.__floor__ gives the exact integer, however large.
        return unsigned(&value.call_method0("__floor__")?, "time");
    }
    let py = value.py();
    if value.is_instance(datetime_type(py)?)? {
        if value.call_method0("utcoffset")?.is_none() {
            return Err(parameter(
                "time must be a timezone-aware datetime (a naive one has no defined instant)",
            ));
        }
        let elapsed = value.sub(epoch(py)?)?;
        let seconds = elapsed.call_method1("__floordiv__", (one_second(py)?,))?;
        if seconds.lt(0)? {
            return Err(number("time must not be before 1970"));
        }
        return unsigned(&seconds, "time");
    }
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return unsigned(value, "time");
    }
    Err(PyTypeError::new_err(format!(
        "time must be an int, a float or a timezone-aware datetime, not {}",
        type_name(value)
    )))
}

/// The core algorithm for a name such as `"SHA1"`, `"sha256"` or `"SHA-512"`.
pub fn algorithm(value: &Bound<'_, PyAny>) -> PyResult<nidan::Algorithm> {
    let name = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("algorithm must be a str, not {}", type_name(value)))
    })?;
    let name = name
        .to_cow()
        .map_err(|_| nidan::Error::Algorithm)
        .or_raise()?;
    name.parse::<nidan::Algorithm>().or_raise()
}

/// A code format by name (`"decimal"` or `"steam"`, any case).
pub fn code_format(value: &Bound<'_, PyAny>) -> PyResult<nidan::CodeFormat> {
    let name = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("format must be a str, not {}", type_name(value)))
    })?;
    let name = name
        .to_cow()
        .map_err(|_| nidan::Error::CodeFormat)
        .or_raise()?;
    name.parse::<nidan::CodeFormat>().or_raise()
}

/// The text of a `str`, or `None` when it cannot be UTF-8 (lone surrogates).
///
/// The UTF-8 is Python's own (borrowed from the `str` on Python 3.10+, held
/// in a `bytes` under the Python 3.9 stable ABI): no extra copy on the Rust
/// heap, which is faster and leaves one copy fewer of a secret behind.
pub fn text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<PyBackedStr>> {
    let string = value.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!("{what} must be a str, not {}", type_name(value)))
    })?;
    Ok(PyBackedStr::try_from(string.clone()).ok())
}

/// The `issuer` argument: `None`, or a `str` (see [`label`]).
pub fn issuer(value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if value.is_none() {
        return Ok(None);
    }
    label(value, "issuer").map(Some)
}

/// The `account` argument: a `str` (see [`label`]); `None` is refused.
pub fn account(value: &Bound<'_, PyAny>) -> PyResult<String> {
    label(value, "account")
}

/// A label part as an owned `String`: a `TypeError` naming `what` for
/// anything but a `str`, a `ParameterError` for text that is not Unicode
/// (lone surrogates).
fn label(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    text(value, what)?
        .map(|text| String::from(&*text))
        .ok_or_else(|| parameter(format!("{what} is not Unicode text")))
}

/// A code as a Python `str`, straight from its digits.
pub fn code<'py>(py: Python<'py>, code: &nidan::Code) -> Bound<'py, PyString> {
    PyString::new(py, code.as_str())
}

/// Python's `repr()` of an optional string, for `__repr__` methods.
pub fn repr(py: Python<'_>, text: Option<&str>) -> PyResult<String> {
    match text {
        Some(text) => Ok(PyString::new(py, text).repr()?.to_cow()?.into_owned()),
        None => Ok(String::from("None")),
    }
}

pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| String::from("?"), |name| name.to_string())
}

fn datetime_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DATETIME.import(py, "datetime", "datetime")
}

fn epoch(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static EPOCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    EPOCH
        .get_or_try_init(py, || {
            let utc = py.import("datetime")?.getattr("timezone")?.getattr("utc")?;
            let epoch = datetime_type(py)?.call((1970, 1, 1, 0, 0, 0, 0, utc), None)?;
            Ok::<_, PyErr>(epoch.unbind())
        })
        .map(|epoch| epoch.bind(py))
}

fn one_second(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static SECOND: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    SECOND
        .get_or_try_init(py, || {
            let timedelta = py.import("datetime")?.getattr("timedelta")?;
            Ok::<_, PyErr>(timedelta.call((0, 1), None)?.unbind())
        })
        .map(|second| second.bind(py))
}

/// A Python `str` of text that carries a secret (a key, a URI, a QR
/// drawing): copied into Python's string, while the Rust copy, a
/// `Zeroizing` string, wipes itself when it is dropped after the call. The
/// `str` belongs to Python, which does not wipe it.
pub fn secret_str<'py>(py: Python<'py>, text: &nidan::Zeroizing<String>) -> Bound<'py, PyString> {
    PyString::new(py, text)
}
