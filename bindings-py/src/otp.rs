//! `TOTP` and `HOTP`: generators and verifiers keyed once at construction.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::convert::{self, unix_time, unsigned, window_side};
use crate::errors::IntoPy as _;
use crate::immutable::immutable;
use crate::outcome::{self, Match, TimeStep, Verdict};
use crate::secret::Secret;

/// A time-based one-time password generator and verifier [RFC 6238].
/// Immutable and safe to share between threads.
#[pyclass(frozen, name = "TOTP", module = "nidan")]
pub struct Totp {
    inner: nidan::Totp,
    secret: Py<Secret>,
    issuer: Option<String>,
    account: String,
}

#[pymethods]
impl Totp {
    #[new]
    #[pyo3(signature = (secret, /, *, algorithm = None, digits = None, period = None, t0 = None, issuer = None, account = String::new(), format = None))]
    #[pyo3(
        text_signature = "(secret, /, *, algorithm='SHA1', digits=6, period=30, t0=0, issuer=None, account='', format='decimal')"
    )]
    #[allow(
        clippy::too_many_arguments,
        reason = "keyword-only options of a Python constructor"
    )]
    fn new(
        secret: &Bound<'_, PyAny>,
        algorithm: Option<&Bound<'_, PyAny>>,
        digits: Option<&Bound<'_, PyAny>>,
        period: Option<&Bound<'_, PyAny>>,
        t0: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = convert::issuer)] issuer: Option<String>,
        #[pyo3(from_py_with = convert::account)] account: String,
        format: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let defaults = nidan::TotpConfig::default();
        let config = nidan::TotpConfig {
            algorithm: algorithm.map_or(Ok(defaults.algorithm), convert::algorithm)?,
            digits: digits.map_or(Ok(defaults.digits), |d| convert::digits(d))?,
            period: period.map_or(Ok(defaults.period), |p| unsigned(p, "period"))?,
            t0: t0.map_or(Ok(defaults.t0), |t| unsigned(t, "t0"))?,
            format: format.map_or(Ok(defaults.format), convert::code_format)?,
        };
        let secret = secret_arg(secret)?;
        let inner = nidan::Totp::new(&secret.get().inner, config).or_raise()?;
        Ok(Self {
            inner,
            secret,
            issuer,
            account,
        })
    }

    /// The secret key.
    #[getter]
    fn secret(&self, py: Python<'_>) -> Py<Secret> {
        self.secret.clone_ref(py)
    }

    /// The HMAC hash: "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" or "SHA3-224/256/384/512".
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.config().algorithm.name()
    }

    /// Characters per code: 6 to 10 digits, or 5 for Steam codes.
    #[getter]
    fn digits(&self) -> u32 {
        self.inner.config().digits
    }

    /// How codes are written: "decimal" or "steam" (Steam Guard).
    #[getter]
    fn format(&self) -> &'static str {
        self.inner.config().format.name()
    }

    /// Seconds per step.
    #[getter]
    fn period(&self) -> u64 {
        self.inner.config().period
    }

    /// The Unix time at which step 0 starts.
    #[getter]
    fn t0(&self) -> u64 {
        self.inner.config().t0
    }

    /// The provider, for otpauth URIs.
    #[getter]
    fn issuer(&self) -> Option<&str> {
        self.issuer.as_deref()
    }

    /// The account name, for otpauth URIs.
    #[getter]
    fn account(&self) -> &str {
        &self.account
    }

    /// The code at `time` (Unix seconds as int or float, or an aware
    /// datetime), or now by the system clock.
    #[pyo3(signature = (time = None))]
    fn generate<'py>(
        &self,
        py: Python<'py>,
        time: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyString>> {
        let code = match time {
            Some(time) => self.inner.generate(unix_time(time)?),
            None => self.inner.generate_now(),
        };
        Ok(convert::code(py, &code.or_raise()?))
    }

    /// The code of time step `step`; `generate_at_step(step + 1)` is the next code.
    fn generate_at_step<'py>(&self, step: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        let code = self.inner.generate_at_step(unsigned(step, "step")?);
        Ok(convert::code(step.py(), &code))
    }

    /// The time step at `time`, or now.
    #[pyo3(signature = (time = None))]
    fn step(&self, time: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
        let step = match time {
            Some(time) => self.inner.step(unix_time(time)?),
            None => self.inner.time_step_now().map(|now| now.step),
        };
        step.or_raise()
    }

    /// The time step at `time` (or now) with its start, end and seconds left.
    #[pyo3(signature = (time = None))]
    fn time_step(&self, time: Option<&Bound<'_, PyAny>>) -> PyResult<TimeStep> {
        let step = match time {
            Some(time) => self.inner.time_step(unix_time(time)?),
            None => self.inner.time_step_now(),
        };
        Ok(step.or_raise()?.into())
    }

    /// Checks `code` at `time` (default now) against `behind` steps before
    /// and `ahead` steps after the expected one, in constant time, refusing
    /// steps at or below `last_accepted`. Returns the `Match` when accepted,
    /// `None` when the code is wrong or replayed (use `check` to tell them
    /// apart). `code` must be exactly `digits` ASCII digits.
    #[pyo3(signature = (code, /, *, time = None, behind = None, ahead = None, last_accepted = None))]
    #[pyo3(
        text_signature = "($self, code, /, *, time=None, behind=1, ahead=1, last_accepted=None)"
    )]
    fn verify<'py>(
        &self,
        code: &Bound<'py, PyAny>,
        time: Option<&Bound<'_, PyAny>>,
        behind: Option<&Bound<'_, PyAny>>,
        ahead: Option<&Bound<'_, PyAny>>,
        last_accepted: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Bound<'py, Match>>> {
        let verdict = self.verdict(code, time, behind, ahead, last_accepted)?;
        outcome::accepted(code.py(), verdict.accepted())
    }

    /// Like `verify`, but returns a `Verdict` that tells an accepted code
    /// from a replayed one and a wrong one. It is true only when accepted.
    #[pyo3(signature = (code, /, *, time = None, behind = None, ahead = None, last_accepted = None))]
    #[pyo3(
        text_signature = "($self, code, /, *, time=None, behind=1, ahead=1, last_accepted=None)"
    )]
    fn check(
        &self,
        code: &Bound<'_, PyAny>,
        time: Option<&Bound<'_, PyAny>>,
        behind: Option<&Bound<'_, PyAny>>,
        ahead: Option<&Bound<'_, PyAny>>,
        last_accepted: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Verdict> {
        Ok(self
            .verdict(code, time, behind, ahead, last_accepted)?
            .into())
    }

    /// The otpauth URI for a QR code. It contains the secret: show it once.
    fn to_uri<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let key = nidan::KeyUri::for_totp(
            self.secret.get().inner.clone(),
            self.inner.config(),
            self.issuer.as_deref(),
            &self.account,
        )
        .or_raise()?;
        Ok(convert::secret_str(py, &key.to_uri().or_raise()?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let config = self.inner.config();
        Ok(format!(
            "TOTP(algorithm='{}', digits={}, period={}, t0={}, issuer={}, account={}, format='{}')",
            config.algorithm.name(),
            config.digits,
            config.period,
            config.t0,
            convert::repr(py, self.issuer.as_deref())?,
            convert::repr(py, Some(&self.account))?,
            config.format.name()
        ))
    }
}

immutable!(Totp, refuses pickle: HoldsSecret, "totp.to_uri()");

impl Totp {
    /// The core generator, for the server-side decisions.
    pub(crate) fn core(&self) -> &nidan::Totp {
        &self.inner
    }

    pub(crate) fn from_parts(
        inner: nidan::Totp,
        secret: Py<Secret>,
        issuer: Option<String>,
        account: String,
    ) -> Self {
        Self {
            inner,
            secret,
            issuer,
            account,
        }
    }

    fn verdict(
        &self,
        code: &Bound<'_, PyAny>,
        time: Option<&Bound<'_, PyAny>>,
        behind: Option<&Bound<'_, PyAny>>,
        ahead: Option<&Bound<'_, PyAny>>,
        last_accepted: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<nidan::Verdict> {
        let defaults = nidan::Window::default();
        let window = nidan::Window::new(
            behind.map_or(Ok(defaults.behind()), |b| window_side(b, "behind"))?,
            ahead.map_or(Ok(defaults.ahead()), |a| window_side(a, "ahead"))?,
        )
        .or_raise()?;
        let last_accepted = last_accepted
            .map(|last| unsigned(last, "last_accepted"))
            .transpose()?;
        let time = time.map(unix_time).transpose()?;
        let py = code.py();
        let Some(code) = code_text(code)? else {
            return Ok(nidan::Verdict::Rejected);
        };
        // Without the GIL: other threads run while the window is checked
        // (see benches/python/README.md for what it costs and gives).
        py.detach(|| match time {
            Some(time) => self.inner.verify(&code, time, window, last_accepted),
            None => self.inner.verify_now(&code, window, last_accepted),
        })
        .map(nidan::Verification::verdict)
        .or_raise()
    }
}

/// A counter-based one-time password generator and verifier [RFC 4226].
/// Immutable and safe to share between threads.
#[pyclass(frozen, name = "HOTP", module = "nidan")]
pub struct Hotp {
    inner: nidan::Hotp,
    secret: Py<Secret>,
    issuer: Option<String>,
    account: String,
}

#[pymethods]
impl Hotp {
    #[new]
    #[pyo3(signature = (secret, /, *, algorithm = None, digits = None, issuer = None, account = String::new(), format = None))]
    #[pyo3(
        text_signature = "(secret, /, *, algorithm='SHA1', digits=6, issuer=None, account='', format='decimal')"
    )]
    fn new(
        secret: &Bound<'_, PyAny>,
        algorithm: Option<&Bound<'_, PyAny>>,
        digits: Option<&Bound<'_, PyAny>>,
        #[pyo3(from_py_with = convert::issuer)] issuer: Option<String>,
        #[pyo3(from_py_with = convert::account)] account: String,
        format: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let defaults = nidan::HotpConfig::default();
        let config = nidan::HotpConfig {
            algorithm: algorithm.map_or(Ok(defaults.algorithm), convert::algorithm)?,
            digits: digits.map_or(Ok(defaults.digits), |d| convert::digits(d))?,
            format: format.map_or(Ok(defaults.format), convert::code_format)?,
        };
        let secret = secret_arg(secret)?;
        let inner = nidan::Hotp::new(&secret.get().inner, config).or_raise()?;
        Ok(Self {
            inner,
            secret,
            issuer,
            account,
        })
    }

    /// The secret key.
    #[getter]
    fn secret(&self, py: Python<'_>) -> Py<Secret> {
        self.secret.clone_ref(py)
    }

    /// The HMAC hash: "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" or "SHA3-224/256/384/512".
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.config().algorithm.name()
    }

    /// Characters per code: 6 to 10 digits, or 5 for Steam codes.
    #[getter]
    fn digits(&self) -> u32 {
        self.inner.config().digits
    }

    /// How codes are written: "decimal" or "steam" (Steam Guard).
    #[getter]
    fn format(&self) -> &'static str {
        self.inner.config().format.name()
    }

    /// The provider, for otpauth URIs.
    #[getter]
    fn issuer(&self) -> Option<&str> {
        self.issuer.as_deref()
    }

    /// The account name, for otpauth URIs.
    #[getter]
    fn account(&self) -> &str {
        &self.account
    }

    /// The code for `counter`.
    fn generate<'py>(&self, counter: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        let code = self.inner.generate(unsigned(counter, "counter")?);
        Ok(convert::code(counter.py(), &code))
    }

    /// Checks `code` against counters `counter` to `counter + look_ahead`
    /// in constant time. Returns the `Match` (store `match.next_counter`)
    /// or `None`. `code` must be exactly `digits` ASCII digits.
    #[pyo3(signature = (code, /, *, counter, look_ahead = None))]
    #[pyo3(text_signature = "($self, code, /, *, counter, look_ahead=0)")]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'_, PyAny>,
        counter: &Bound<'_, PyAny>,
        look_ahead: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<Bound<'py, Match>>> {
        let counter = unsigned(counter, "counter")?;
        let look_ahead = look_ahead.map_or(Ok(nidan::Hotp::DEFAULT_LOOK_AHEAD), |l| {
            window_side(l, "look_ahead")
        })?;
        let code = code_text(code)?;
        let code = code.as_deref().unwrap_or_default();
        // Without the GIL, as in `TOTP.verify`.
        let found = py
            .detach(|| self.inner.verify(code, counter, look_ahead))
            .or_raise()?;
        outcome::accepted(py, found.accepted())
    }

    /// The otpauth URI for a QR code, with `counter` as the next counter.
    /// It contains the secret: show it once.
    #[pyo3(signature = (*, counter))]
    fn to_uri<'py>(
        &self,
        py: Python<'py>,
        counter: &Bound<'_, PyAny>,
    ) -> PyResult<Bound<'py, PyString>> {
        let key = nidan::KeyUri::for_hotp(
            self.secret.get().inner.clone(),
            self.inner.config(),
            unsigned(counter, "counter")?,
            self.issuer.as_deref(),
            &self.account,
        );
        Ok(convert::secret_str(py, &key.to_uri().or_raise()?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let config = self.inner.config();
        Ok(format!(
            "HOTP(algorithm='{}', digits={}, issuer={}, account={}, format='{}')",
            config.algorithm.name(),
            config.digits,
            convert::repr(py, self.issuer.as_deref())?,
            convert::repr(py, Some(&self.account))?,
            config.format.name()
        ))
    }
}

immutable!(Hotp, refuses pickle: HoldsSecret, "hotp.to_uri(counter=...)");

impl Hotp {
    pub(crate) fn from_parts(
        inner: nidan::Hotp,
        secret: Py<Secret>,
        issuer: Option<String>,
        account: String,
    ) -> Self {
        Self {
            inner,
            secret,
            issuer,
            account,
        }
    }
}

/// A `Secret`, or a `str` read as strict base32.
fn secret_arg(value: &Bound<'_, PyAny>) -> PyResult<Py<Secret>> {
    if let Ok(secret) = value.cast::<Secret>() {
        return Ok(secret.clone().unbind());
    }
    if value.is_instance_of::<PyString>() {
        let secret = Secret::from_base32(value, false)?;
        return Py::new(value.py(), secret);
    }
    Err(pyo3::exceptions::PyTypeError::new_err(
        "secret must be a nidan.Secret or a base32 str",
    ))
}

/// A submitted code as text; `None` for a `str` that is not Unicode (a wrong code).
fn code_text(code: &Bound<'_, PyAny>) -> PyResult<Option<pyo3::pybacked::PyBackedStr>> {
    convert::text(code, "code")
}
