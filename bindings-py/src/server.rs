//! The server side of two-step login: `Record`, `Login` and its outcomes,
//! `RecoveryCodes` and `DeliveredCode`. Every rule is the core's; this
//! module converts arguments, results and errors.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple, PyType};

use crate::convert::{self, size, unix_time, unsigned, unsigned_or_more, window_side};
use crate::errors::{self, IntoPy as _};
use crate::immutable::{Reduced, immutable, reduced};
use crate::otp::Totp;

/// `time`, or now by the system clock.
fn time_or_now(time: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    match time {
        Some(time) => unix_time(time),
        None => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|elapsed| elapsed.as_secs())
            .map_err(|_| errors::from_core(nidan::Error::ClockBeforeUnixEpoch)),
    }
}

/// A count for the core to check: a number beyond `u32` becomes
/// `u32::MAX`, which the core refuses with the range it allows.
fn count(value: &Bound<'_, PyAny>, what: &str) -> PyResult<u32> {
    Ok(unsigned_or_more(value, what)?
        .and_then(|wide| u32::try_from(wide).ok())
        .unwrap_or(u32::MAX))
}

/// The bytes of a `bytes` argument (a pepper, random input or a stored value).
fn bytes_arg<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a [u8]> {
    value
        .cast::<PyBytes>()
        .map(PyBytesMethods::as_bytes)
        .map_err(|_| PyTypeError::new_err(format!("{what} must be bytes")))
}

/// The text of a `str` argument; text that is not UTF-8 (lone surrogates)
/// cannot be a code, and is passed on as such.
fn typed_text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    Ok(convert::text(value, what)?
        .as_deref()
        .map_or_else(|| String::from("\u{fffd}"), String::from))
}

/// `len` random bytes from `os.urandom`.
fn urandom(py: Python<'_>, len: usize) -> PyResult<Bound<'_, PyBytes>> {
    Ok(py
        .import("os")?
        .call_method1("urandom", (len,))?
        .cast_into::<PyBytes>()?)
}

/// The stored form of a server-side value: `to_text`, `to_bytes`, the
/// static `from_text` and `from_bytes` (a corrupted or foreign value raises
/// `ParameterError`), the copy dunders of [`immutable!`], and a pickle as the
/// text form. The class is a `{ inner: $core }` wrapper of a core type with
/// those four methods. `stored_value!(Record, nidan::Record)` generates, beside
/// `immutable!(Record)`:
///
/// ```ignore
/// #[pymethods]
/// impl Record {
///     /// The text form (base32).
///     fn to_text(&self) -> String {
///         self.inner.to_text()
///     }
///
///     /// The byte form.
///     fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
///         PyBytes::new(py, &self.inner.to_bytes())
///     }
///
///     /// Reads the text form; a corrupted or foreign value raises `ParameterError`.
///     #[staticmethod]
///     fn from_text(text: &Bound<'_, PyAny>) -> PyResult<Self> {
///         let text = typed_text(text, "text")?;
///         Ok(Self { inner: nidan::Record::from_text(&text).or_raise()? })
///     }
///
///     /// Reads the byte form; a corrupted or foreign value raises `ParameterError`.
///     #[staticmethod]
///     fn from_bytes(data: &Bound<'_, PyAny>) -> PyResult<Self> {
///         Ok(Self { inner: nidan::Record::from_bytes(bytes_arg(data, "data")?).or_raise()? })
///     }
///
///     /// Pickles as the text form, read back by `from_text`.
///     fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
///         let text = slf.get().inner.to_text();
///         Ok((slf.as_any().get_type().getattr("from_text")?, (text,)))
///     }
/// }
/// ```
macro_rules! stored_value {
    ($class:ident, $core:ty) => {
        immutable!($class);

        #[pymethods]
        impl $class {
            /// The text form (base32).
            fn to_text(&self) -> String {
                self.inner.to_text()
            }

            /// The byte form.
            fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
                PyBytes::new(py, &self.inner.to_bytes())
            }

            /// Reads the text form; a corrupted or foreign value raises `ParameterError`.
            #[staticmethod]
            fn from_text(text: &Bound<'_, PyAny>) -> PyResult<Self> {
                let text = typed_text(text, "text")?;
                Ok(Self {
                    inner: <$core>::from_text(&text).or_raise()?,
                })
            }

            /// Reads the byte form; a corrupted or foreign value raises `ParameterError`.
            #[staticmethod]
            fn from_bytes(data: &Bound<'_, PyAny>) -> PyResult<Self> {
                Ok(Self {
                    inner: <$core>::from_bytes(bytes_arg(data, "data")?).or_raise()?,
                })
            }

            /// Pickles as the text form, read back by `from_text`.
            fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
                let text = slf.get().inner.to_text();
                Ok((slf.as_any().get_type().getattr("from_text")?, (text,)))
            }
        }
    };
}

/// The second-factor state of one user: last accepted step, consecutive
/// failures and when the last one happened, learned clock drift, version.
/// `Record()` is the record of a new enrolment. Store `to_text()` (or
/// `to_bytes()`) and write it back by compare-and-set.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Record {
    inner: nidan::Record,
}

#[pymethods]
impl Record {
    /// Length of `to_bytes()`.
    #[classattr]
    const BYTES: usize = nidan::Record::BYTES;
    /// Length of `to_text()`.
    #[classattr]
    const TEXT_LEN: usize = nidan::Record::TEXT_LEN;

    #[new]
    fn new() -> Self {
        Self {
            inner: nidan::Record::new(),
        }
    }

    /// One more with every change: compare-and-set on it or on the text.
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }

    /// The last accepted step (codes of it and before are replays), or None.
    #[getter]
    fn last_step(&self) -> Option<u64> {
        self.inner.last_step()
    }

    /// Consecutive failures since the last success or reset.
    #[getter]
    fn failures(&self) -> u32 {
        self.inner.failures()
    }

    /// When the last failure happened (Unix seconds), or None.
    #[getter]
    fn last_failure(&self) -> Option<u64> {
        self.inner.last_failure()
    }

    /// The drift learned at the last success, in steps (negative: the
    /// user's clock is behind).
    #[getter]
    fn drift(&self) -> i32 {
        self.inner.drift()
    }

    /// The record with no failures: support lifts a hard stop with it.
    fn reset_failures(&self) -> Self {
        Self {
            inner: self.inner.reset_failures(),
        }
    }

    /// A fresh record for a new enrolment that keeps the version growing.
    fn restart(&self) -> Self {
        Self {
            inner: self.inner.restart(),
        }
    }

    fn __repr__(&self) -> String {
        let record = &self.inner;
        let optional = |value: Option<u64>| value.map_or_else(|| "None".into(), |v| v.to_string());
        format!(
            "Record(version={}, last_step={}, failures={}, last_failure={}, drift={})",
            record.version(),
            optional(record.last_step()),
            record.failures(),
            optional(record.last_failure()),
            record.drift()
        )
    }
}

stored_value!(Record, nidan::Record);

/// The login policy: where codes are looked for (a window of `behind` and
/// `ahead` steps around the drift learned at the last success, capped at
/// `max_learned` steps) and how failures are throttled (`factor * 2**(n-1)`
/// seconds after n failures, at most `max_wait`, and a hard stop at
/// `max_failures`, at most 100). The defaults are the core's: 1, 1, 4, 1,
/// 900, 100. It keeps no state: everything per user is in the `Record`.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(PartialEq, Eq, Hash)]
pub struct Login {
    inner: nidan::Login,
}

#[pymethods]
impl Login {
    #[new]
    #[pyo3(signature = (*, behind = None, ahead = None, max_learned = None, factor = None, max_wait = None, max_failures = None))]
    #[pyo3(
        text_signature = "(*, behind=1, ahead=1, max_learned=4, factor=1, max_wait=900, max_failures=100)"
    )]
    fn new(
        behind: Option<&Bound<'_, PyAny>>,
        ahead: Option<&Bound<'_, PyAny>>,
        max_learned: Option<&Bound<'_, PyAny>>,
        factor: Option<&Bound<'_, PyAny>>,
        max_wait: Option<&Bound<'_, PyAny>>,
        max_failures: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let default = nidan::LoginSettings::default();
        let settings = nidan::LoginSettings {
            behind: behind.map_or(Ok(default.behind), |b| window_side(b, "behind"))?,
            ahead: ahead.map_or(Ok(default.ahead), |a| window_side(a, "ahead"))?,
            max_learned: max_learned
                .map_or(Ok(default.max_learned), |m| count(m, "max_learned"))?,
            factor: factor.map_or(Ok(default.factor), |f| unsigned(f, "factor"))?,
            max_wait: max_wait.map_or(Ok(default.max_wait), |m| unsigned(m, "max_wait"))?,
            max_failures: max_failures
                .map_or(Ok(default.max_failures), |m| count(m, "max_failures"))?,
        };
        Ok(Self {
            inner: settings.login().or_raise()?,
        })
    }

    /// Decides one attempt of `code` at `time` (default now) for the user
    /// whose stored record is `record`: throttled or locked before anything
    /// is computed, else accepted, replayed or rejected. `code` must be
    /// exactly `digits` ASCII digits (use `normalize_code` on typed input);
    /// anything else is a wrong code and counts as a failure.
    #[pyo3(signature = (totp, record, code, /, *, time = None))]
    fn attempt(
        &self,
        totp: &Bound<'_, Totp>,
        record: &Record,
        code: &Bound<'_, PyAny>,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Attempt> {
        let code = typed_text(code, "code")?;
        let now = time_or_now(time)?;
        let attempt = self
            .inner
            .attempt(totp.get().core(), &record.inner, &code, now)
            .or_raise()?;
        Ok(Attempt { inner: attempt })
    }

    /// Decides one attempt of a recovery code behind the same throttle: a
    /// wrong one is a failure of the record, a right one resets the
    /// failures and is used up.
    #[pyo3(signature = (record, codes, typed, /, *, pepper, time = None))]
    fn recover(
        &self,
        record: &Record,
        codes: &RecoveryCodes,
        typed: &Bound<'_, PyAny>,
        pepper: &Bound<'_, PyAny>,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Recovery> {
        let typed = typed_text(typed, "typed")?;
        let pepper = bytes_arg(pepper, "pepper")?;
        let now = time_or_now(time)?;
        let recovery = self
            .inner
            .recover(&record.inner, &codes.inner, &typed, pepper, now)
            .or_raise()?;
        Ok(Recovery { inner: recovery })
    }

    /// Seconds to wait after `failures` consecutive failures.
    fn delay(&self, failures: &Bound<'_, PyAny>) -> PyResult<u64> {
        Ok(self.inner.throttle().delay(count(failures, "failures")?))
    }

    /// Pickles as its settings, read back by `_from_pickle`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, LoginFields> {
        let settings = slf.get().inner.settings();
        let fields = (
            settings.behind,
            settings.ahead,
            settings.max_learned,
            settings.factor,
            settings.max_wait,
            settings.max_failures,
        );
        reduced(slf, fields)
    }

    /// The `Login` a pickle holds: the `LoginFields` of `__reduce__`.
    #[classmethod]
    #[pyo3(name = "_from_pickle", signature = (*fields))]
    fn from_pickle(_cls: &Bound<'_, PyType>, fields: &Bound<'_, PyTuple>) -> PyResult<Self> {
        let (behind, ahead, max_learned, factor, max_wait, max_failures): LoginFields =
            fields.extract()?;
        let settings =
            nidan::LoginSettings::new(behind, ahead, max_learned, factor, max_wait, max_failures);
        Ok(Self {
            inner: settings.login().or_raise()?,
        })
    }

    fn __repr__(&self) -> String {
        let nidan::LoginSettings {
            behind,
            ahead,
            max_learned,
            factor,
            max_wait,
            max_failures,
        } = self.inner.settings();
        format!(
            "Login(behind={behind}, ahead={ahead}, max_learned={max_learned}, factor={factor}, max_wait={max_wait}, max_failures={max_failures})"
        )
    }
}

immutable!(Login);

/// A `Login`'s settings as its pickle holds them: behind, ahead,
/// `max_learned`, factor, `max_wait`, `max_failures`.
type LoginFields = (u32, u32, u32, u64, u64, u32);

/// What one login attempt decided: `kind` is "accepted", "replayed",
/// "rejected", "throttled" or "locked". Store `record` (by compare-and-set)
/// when it is not None. True only when accepted.
#[pyclass(frozen, eq, module = "nidan")]
#[derive(PartialEq, Eq)]
pub struct Attempt {
    inner: nidan::Attempt,
}

#[pymethods]
impl Attempt {
    /// "accepted", "replayed", "rejected", "throttled" or "locked".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    /// Whether the code is accepted: let the user in once `record` is stored.
    #[getter]
    fn accepted(&self) -> bool {
        matches!(self.inner, nidan::Attempt::Accepted { .. })
    }

    /// The record to store, for accepted and rejected attempts.
    #[getter]
    fn record(&self) -> Option<Record> {
        self.inner.record().map(|&inner| Record { inner })
    }

    /// The matched step, when accepted.
    #[getter]
    fn step(&self) -> Option<u64> {
        match self.inner {
            nidan::Attempt::Accepted { step, .. } => Some(step),
            _ => None,
        }
    }

    /// The learned drift in steps, when accepted.
    #[getter]
    fn drift(&self) -> Option<i32> {
        match self.inner {
            nidan::Attempt::Accepted { drift, .. } => Some(drift),
            _ => None,
        }
    }

    /// Seconds until the next attempt is allowed, when throttled.
    #[getter]
    fn wait_seconds(&self) -> Option<u64> {
        match self.inner {
            nidan::Attempt::Throttled { wait_seconds } => Some(wait_seconds),
            _ => None,
        }
    }

    fn __bool__(&self) -> bool {
        self.accepted()
    }

    fn __repr__(&self) -> String {
        match self.inner {
            nidan::Attempt::Accepted { step, drift, .. } => {
                format!("Attempt.accepted(step={step}, drift={drift})")
            }
            nidan::Attempt::Throttled { wait_seconds } => {
                format!("Attempt.throttled(wait_seconds={wait_seconds})")
            }
            _ => format!("Attempt.{}()", self.kind()),
        }
    }
}

immutable!(Attempt, refuses pickle: Decision, "attempt.record.to_text()");

/// What one recovery attempt decided: `kind` is "accepted", "rejected",
/// "throttled" or "locked". Store `record` and, when accepted, `codes`, by
/// compare-and-set. True only when accepted.
#[pyclass(frozen, eq, module = "nidan")]
#[derive(PartialEq, Eq)]
pub struct Recovery {
    inner: nidan::Recovery,
}

#[pymethods]
impl Recovery {
    /// "accepted", "rejected", "throttled" or "locked".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    /// Whether the recovery code is accepted.
    #[getter]
    fn accepted(&self) -> bool {
        matches!(self.inner, nidan::Recovery::Accepted { .. })
    }

    /// The record to store, for accepted and rejected attempts.
    #[getter]
    fn record(&self) -> Option<Record> {
        match self.inner {
            nidan::Recovery::Accepted { record, .. } | nidan::Recovery::Rejected { record } => {
                Some(Record { inner: record })
            }
            _ => None,
        }
    }

    /// The recovery codes to store (this one used up), when accepted.
    #[getter]
    fn codes(&self) -> Option<RecoveryCodes> {
        match &self.inner {
            nidan::Recovery::Accepted { codes, .. } => Some(RecoveryCodes {
                inner: codes.clone(),
            }),
            _ => None,
        }
    }

    /// Codes left, when accepted.
    #[getter]
    fn remaining(&self) -> Option<usize> {
        match self.inner {
            nidan::Recovery::Accepted { remaining, .. } => Some(remaining),
            _ => None,
        }
    }

    /// Seconds until the next attempt is allowed, when throttled.
    #[getter]
    fn wait_seconds(&self) -> Option<u64> {
        match self.inner {
            nidan::Recovery::Throttled { wait_seconds } => Some(wait_seconds),
            _ => None,
        }
    }

    fn __bool__(&self) -> bool {
        self.accepted()
    }

    fn __repr__(&self) -> String {
        match self.inner {
            nidan::Recovery::Accepted { remaining, .. } => {
                format!("Recovery.accepted(remaining={remaining})")
            }
            nidan::Recovery::Throttled { wait_seconds } => {
                format!("Recovery.throttled(wait_seconds={wait_seconds})")
            }
            _ => format!("Recovery.{}()", self.kind()),
        }
    }
}

immutable!(Recovery, refuses pickle: Decision, "recovery.record and recovery.codes as text");

/// A user's recovery codes as the server stores them: verifiers (keyed
/// with the server's `pepper`), which codes were used, and a version. The
/// codes themselves are returned once, by `generate`. `repr()` shows counts.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RecoveryCodes {
    inner: nidan::RecoveryCodes,
}

/// The set and its printed codes.
type NewCodes = (RecoveryCodes, Vec<String>);

impl RecoveryCodes {
    fn made(made: (nidan::RecoveryCodes, nidan::RecoverySheet)) -> NewCodes {
        let (inner, sheet) = made;
        let codes = sheet
            .codes()
            .iter()
            .map(|code| code.as_str().to_owned())
            .collect();
        (Self { inner }, codes)
    }
}

#[pymethods]
impl RecoveryCodes {
    /// Codes in a set unless asked otherwise: 10.
    #[classattr]
    const DEFAULT_COUNT: usize = nidan::RecoveryCodes::DEFAULT_COUNT;
    /// The most codes in a set: 20.
    #[classattr]
    const MAX_COUNT: usize = nidan::RecoveryCodes::MAX_COUNT;

    /// A new set of `count` codes from `os.urandom`: returns the set to
    /// store and the codes to show the user once ("XXXX-XXXX-XXXX").
    /// `pepper`: the server's secret key for verifiers, at least 16 bytes,
    /// kept out of the database.
    #[staticmethod]
    #[pyo3(signature = (*, pepper, count = None))]
    #[pyo3(text_signature = "(*, pepper, count=10)")]
    fn generate(
        py: Python<'_>,
        pepper: &Bound<'_, PyAny>,
        count: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<NewCodes> {
        let count = count.map_or(Ok(nidan::RecoveryCodes::DEFAULT_COUNT), |c| {
            size(c, "count")
        })?;
        let random = urandom(
            py,
            nidan::RecoveryCodes::random_len(count.min(nidan::RecoveryCodes::MAX_COUNT)),
        )?;
        let made = nidan::RecoveryCodes::from_random(
            random.as_bytes(),
            count,
            bytes_arg(pepper, "pepper")?,
        )
        .or_raise()?;
        Ok(Self::made(made))
    }

    /// As `generate`, from random bytes the caller drew (16 + 8 per code).
    #[staticmethod]
    #[pyo3(signature = (random, /, *, pepper, count = None))]
    #[pyo3(text_signature = "(random, /, *, pepper, count=10)")]
    fn from_random(
        random: &Bound<'_, PyAny>,
        pepper: &Bound<'_, PyAny>,
        count: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<NewCodes> {
        let count = count.map_or(Ok(nidan::RecoveryCodes::DEFAULT_COUNT), |c| {
            size(c, "count")
        })?;
        let made = nidan::RecoveryCodes::from_random(
            bytes_arg(random, "random")?,
            count,
            bytes_arg(pepper, "pepper")?,
        )
        .or_raise()?;
        Ok(Self::made(made))
    }

    /// The set with the typed code used up, or None when it is not an unused
    /// code of the set. Prefer `Login.recover`, which throttles.
    #[pyo3(signature = (typed, /, *, pepper))]
    fn redeem(
        &self,
        typed: &Bound<'_, PyAny>,
        pepper: &Bound<'_, PyAny>,
    ) -> PyResult<Option<Self>> {
        let typed = typed_text(typed, "typed")?;
        let redeemed = self
            .inner
            .redeem(&typed, bytes_arg(pepper, "pepper")?)
            .or_raise()?;
        Ok(redeemed.map(|inner| Self { inner }))
    }

    /// Codes in the set.
    #[getter]
    fn count(&self) -> usize {
        self.inner.count()
    }

    /// Codes not used yet.
    #[getter]
    fn remaining(&self) -> usize {
        self.inner.remaining()
    }

    /// 0 for a new set, one more with each redeemed code.
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }

    fn __repr__(&self) -> String {
        format!(
            "RecoveryCodes(count={}, remaining={}, version={})",
            self.inner.count(),
            self.inner.remaining(),
            self.inner.version()
        )
    }
}

stored_value!(RecoveryCodes, nidan::RecoveryCodes);

/// A code sent by SMS or email, as the server stores it: a verifier (keyed
/// with the server's `pepper`), its expiry, attempts left, whether it was
/// used, and a version. `repr()` shows the state, never the code.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DeliveredCode {
    inner: nidan::DeliveredCode,
}

/// The stored code and the code to send.
type Issued<'py> = (DeliveredCode, Bound<'py, PyString>);

fn delivery(
    digits: Option<&Bound<'_, PyAny>>,
    lifetime: Option<&Bound<'_, PyAny>>,
    max_attempts: Option<&Bound<'_, PyAny>>,
) -> PyResult<nidan::Delivery> {
    let defaults = nidan::Delivery::default();
    nidan::Delivery::new(
        digits.map_or(Ok(defaults.digits()), convert::digits)?,
        lifetime.map_or(Ok(defaults.lifetime()), |l| unsigned(l, "lifetime"))?,
        max_attempts.map_or(Ok(defaults.max_attempts()), |m| count(m, "max_attempts"))?,
    )
    .or_raise()
}

#[pymethods]
impl DeliveredCode {
    /// A new random code from `os.urandom`, valid from `time` (default now)
    /// for `lifetime` seconds and `max_attempts` checks: returns what to
    /// store and the code to send.
    #[staticmethod]
    #[pyo3(signature = (*, pepper, time = None, digits = None, lifetime = None, max_attempts = None))]
    #[pyo3(text_signature = "(*, pepper, time=None, digits=6, lifetime=600, max_attempts=5)")]
    fn generate<'py>(
        py: Python<'py>,
        pepper: &Bound<'py, PyAny>,
        time: Option<&Bound<'py, PyAny>>,
        digits: Option<&Bound<'py, PyAny>>,
        lifetime: Option<&Bound<'py, PyAny>>,
        max_attempts: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Issued<'py>> {
        let random = urandom(py, nidan::DeliveredCode::RANDOM_LEN)?;
        Self::issue(
            py,
            random.as_bytes(),
            pepper,
            time,
            delivery(digits, lifetime, max_attempts)?,
        )
    }

    /// As `generate`, from 24 random bytes the caller drew.
    #[staticmethod]
    #[pyo3(signature = (random, /, *, pepper, time = None, digits = None, lifetime = None, max_attempts = None))]
    #[pyo3(
        text_signature = "(random, /, *, pepper, time=None, digits=6, lifetime=600, max_attempts=5)"
    )]
    fn from_random<'py>(
        random: &Bound<'py, PyAny>,
        pepper: &Bound<'py, PyAny>,
        time: Option<&Bound<'py, PyAny>>,
        digits: Option<&Bound<'py, PyAny>>,
        lifetime: Option<&Bound<'py, PyAny>>,
        max_attempts: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Issued<'py>> {
        Self::issue(
            random.py(),
            bytes_arg(random, "random")?,
            pepper,
            time,
            delivery(digits, lifetime, max_attempts)?,
        )
    }

    /// Checks a typed code at `time` (default now): spaces, hyphens and
    /// full-width digits are fine.
    #[pyo3(signature = (typed, /, *, pepper, time = None))]
    fn check(
        &self,
        typed: &Bound<'_, PyAny>,
        pepper: &Bound<'_, PyAny>,
        time: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Confirmation> {
        let typed = typed_text(typed, "typed")?;
        let pepper = bytes_arg(pepper, "pepper")?;
        let now = time_or_now(time)?;
        Ok(Confirmation {
            inner: self.inner.check(&typed, pepper, now).or_raise()?,
        })
    }

    /// When the code stops working (Unix seconds).
    #[getter]
    fn expires_at(&self) -> u64 {
        self.inner.expires_at()
    }

    /// Attempts left.
    #[getter]
    fn attempts_left(&self) -> u32 {
        self.inner.attempts_left()
    }

    /// Whether the code was accepted already.
    #[getter]
    fn used(&self) -> bool {
        self.inner.is_used()
    }

    /// 0 when issued, one more with each check that changes it.
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }

    fn __repr__(&self) -> String {
        format!(
            "DeliveredCode(used={}, attempts_left={}, expires_at={}, version={})",
            if self.inner.is_used() {
                "True"
            } else {
                "False"
            },
            self.inner.attempts_left(),
            self.inner.expires_at(),
            self.inner.version()
        )
    }
}

stored_value!(DeliveredCode, nidan::DeliveredCode);

impl DeliveredCode {
    fn issue<'py>(
        py: Python<'py>,
        random: &[u8],
        pepper: &Bound<'py, PyAny>,
        time: Option<&Bound<'py, PyAny>>,
        delivery: nidan::Delivery,
    ) -> PyResult<Issued<'py>> {
        let now = time_or_now(time)?;
        let (inner, code) =
            nidan::DeliveredCode::from_random(random, now, bytes_arg(pepper, "pepper")?, delivery)
                .or_raise()?;
        Ok((Self { inner }, convert::code(py, &code)))
    }
}

/// What checking a delivered code decided: `kind` is "accepted",
/// "rejected", "expired", "exhausted" or "used". Store `code` (by
/// compare-and-set) when it is not None. True only when accepted.
#[pyclass(frozen, eq, module = "nidan")]
#[derive(PartialEq, Eq)]
pub struct Confirmation {
    inner: nidan::Confirmation,
}

#[pymethods]
impl Confirmation {
    /// "accepted", "rejected", "expired", "exhausted" or "used".
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    /// Whether the code is accepted.
    #[getter]
    fn accepted(&self) -> bool {
        matches!(self.inner, nidan::Confirmation::Accepted { .. })
    }

    /// The delivered code to store, for accepted and rejected checks.
    #[getter]
    fn code(&self) -> Option<DeliveredCode> {
        match &self.inner {
            nidan::Confirmation::Accepted { code } | nidan::Confirmation::Rejected { code, .. } => {
                Some(DeliveredCode {
                    inner: code.clone(),
                })
            }
            _ => None,
        }
    }

    /// Attempts left, when rejected.
    #[getter]
    fn attempts_left(&self) -> Option<u32> {
        match self.inner {
            nidan::Confirmation::Rejected { attempts_left, .. } => Some(attempts_left),
            _ => None,
        }
    }

    fn __bool__(&self) -> bool {
        self.accepted()
    }

    fn __repr__(&self) -> String {
        match self.inner {
            nidan::Confirmation::Rejected { attempts_left, .. } => {
                format!("Confirmation.rejected(attempts_left={attempts_left})")
            }
            _ => format!("Confirmation.{}()", self.kind()),
        }
    }
}

immutable!(Confirmation, refuses pickle: Decision, "confirmation.code.to_text()");
