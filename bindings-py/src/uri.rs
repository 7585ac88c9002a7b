//! `KeyUri`: otpauth URIs, the text inside enrolment QR codes.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::PyString;

use crate::convert;
use crate::errors::{self, IntoPy as _, UriError};
use crate::immutable::immutable;
use crate::otp::{Hotp, Totp};
use crate::repair::ImportedKey;
use crate::secret::Secret;

/// An enrolment read from an otpauth URI (`KeyUri.parse`). Immutable.
///
/// `repr()` leaves the secret out; `to_uri()` writes it back.
#[pyclass(frozen, module = "nidan")]
pub struct KeyUri {
    inner: nidan::KeyUri,
    secret: Py<Secret>,
}

#[pymethods]
impl KeyUri {
    /// The longest URI accepted, in bytes.
    #[classattr]
    const MAX_LEN: usize = nidan::KeyUri::MAX_LEN;

    /// Reads an otpauth URI strictly, to the letter of the Key URI Format:
    /// one percent-decoding per part, the spaces after the label's ':'
    /// dropped, a non-empty account, the label issuer and `issuer=` must
    /// agree, no duplicated parameters, numbers in one spelling, HOTP needs
    /// a counter, digits 6 to 8, a secret of at least 80 bits.
    #[staticmethod]
    fn parse(py: Python<'_>, uri: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = convert::text(uri, "uri")?.ok_or_else(|| {
            errors::argument::<UriError>(
                nidan::ArgumentError::Invalid,
                "otpauth URI is not Unicode text",
            )
        })?;
        Self::from_core(py, nidan::KeyUri::parse(&text).or_raise()?)
    }

    /// Reads an otpauth URI as an authenticator app must: what real
    /// services put in QR codes, with the list of every repair made (see
    /// `Repair`). When the label's issuer and `issuer=` differ, the
    /// parameter is used. Strict parsing (`parse`) stays the default.
    /// `policy="pyotp"` reads it as pyotp 2.12's `parse_uri` does (for
    /// `nidan.pyotp`; see the core's `ImportPolicy::Pyotp`).
    #[staticmethod]
    #[pyo3(signature = (uri, /, *, policy = "authenticator"))]
    fn import_uri(py: Python<'_>, uri: &Bound<'_, PyAny>, policy: &str) -> PyResult<ImportedKey> {
        let text = convert::text(uri, "uri")?.ok_or_else(|| {
            errors::argument::<UriError>(
                nidan::ArgumentError::Invalid,
                "otpauth URI is not Unicode text",
            )
        })?;
        let policy = nidan::ImportPolicy::from_name(policy)
            .ok_or_else(|| errors::parameter("policy must be 'authenticator' or 'pyotp'"))?;
        ImportedKey::from_core(
            py,
            nidan::KeyUri::import_uri_with(&text, policy).or_raise()?,
        )
    }

    /// "totp" or "hotp".
    #[getter]
    fn kind(&self) -> &'static str {
        match self.inner.kind {
            nidan::OtpKind::Totp { .. } => "totp",
            nidan::OtpKind::Hotp { .. } => "hotp",
        }
    }

    /// The secret key.
    #[getter]
    fn secret(&self, py: Python<'_>) -> Py<Secret> {
        self.secret.clone_ref(py)
    }

    /// The provider, or `None`.
    #[getter]
    fn issuer(&self) -> Option<&str> {
        self.inner.issuer.as_deref()
    }

    /// The account name.
    #[getter]
    fn account(&self) -> &str {
        &self.inner.account
    }

    /// The HMAC hash: "SHA1", "SHA224", "SHA256", "SHA384", "SHA512" or "SHA3-224/256/384/512".
    #[getter]
    fn algorithm(&self) -> &'static str {
        self.inner.algorithm.name()
    }

    /// Digits per code: 6, 7 or 8 (5 for Steam Guard codes).
    #[getter]
    fn digits(&self) -> u32 {
        self.inner.digits
    }

    /// How codes are written: "decimal", or "steam" for a Steam Guard key
    /// (which only `import_uri` reads).
    #[getter]
    fn format(&self) -> &'static str {
        self.inner.format.name()
    }

    /// Seconds per step for TOTP; `None` for HOTP.
    #[getter]
    fn period(&self) -> Option<u64> {
        match self.inner.kind {
            nidan::OtpKind::Totp { period } => Some(period),
            nidan::OtpKind::Hotp { .. } => None,
        }
    }

    /// The next counter for HOTP; `None` for TOTP.
    #[getter]
    fn counter(&self) -> Option<u64> {
        match self.inner.kind {
            nidan::OtpKind::Hotp { counter } => Some(counter),
            nidan::OtpKind::Totp { .. } => None,
        }
    }

    /// Writes the URI back; `KeyUri.parse(key.to_uri())` equals `key`.
    /// It contains the secret: show it once.
    fn to_uri<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(convert::secret_str(py, &self.inner.to_uri().or_raise()?))
    }

    /// A `TOTP` for this key (T0 = 0); `UriError` ("the key is HOTP") when it is HOTP.
    fn to_totp(&self, py: Python<'_>) -> PyResult<Totp> {
        let inner = self.inner.to_totp().or_raise()?;
        Ok(Totp::from_parts(
            inner,
            self.secret.clone_ref(py),
            self.inner.issuer.clone(),
            self.inner.account.clone(),
        ))
    }

    /// An `HOTP` for this key (its counter is `counter`); `UriError` ("the key is TOTP") when it is TOTP.
    fn to_hotp(&self, py: Python<'_>) -> PyResult<Hotp> {
        let inner = self.inner.to_hotp().or_raise()?;
        Ok(Hotp::from_parts(
            inner,
            self.secret.clone_ref(py),
            self.inner.issuer.clone(),
            self.inner.account.clone(),
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|other| other.get().inner == self.inner)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let parameter = match self.inner.kind {
            nidan::OtpKind::Totp { period } => format!("period={period}"),
            nidan::OtpKind::Hotp { counter } => format!("counter={counter}"),
        };
        Ok(format!(
            "KeyUri(kind='{}', issuer={}, account={}, algorithm='{}', digits={}, {parameter})",
            self.kind(),
            convert::repr(py, self.inner.issuer.as_deref())?,
            convert::repr(py, Some(&self.inner.account))?,
            self.inner.algorithm.name(),
            self.inner.digits
        ))
    }
}

immutable!(KeyUri, refuses pickle: HoldsSecret, "key.to_uri()");

impl KeyUri {
    /// Wraps a core key, giving it its own `Secret` object.
    pub(crate) fn from_core(py: Python<'_>, inner: nidan::KeyUri) -> PyResult<Self> {
        let secret = Py::new(
            py,
            Secret {
                inner: inner.secret.clone(),
            },
        )?;
        Ok(Self { inner, secret })
    }

    /// The core key.
    pub(crate) fn core(&self) -> &nidan::KeyUri {
        &self.inner
    }
}

/// The otpauth URI pyotp 2.x's `build_uri` writes (`nidan.pyotp`'s
/// writer): HOTP with a `counter`, TOTP without; the secret as given;
/// parameters equal to pyotp's defaults left out; `extra` `(name, value)`
/// pairs appended, an `image` being an https URL with a path (`UriError`
/// otherwise). It contains the secret: show it once.
#[pyfunction]
#[pyo3(signature = (secret, name, *, counter=None, issuer=None, algorithm=None, digits=6, period=30, extra=Vec::new()))]
#[allow(clippy::too_many_arguments)] // one per argument of pyotp's build_uri
#[allow(clippy::needless_pass_by_value)] // pyo3 extracts the pairs owned
pub fn pyotp_uri<'py>(
    py: Python<'py>,
    secret: &str,
    name: &str,
    counter: Option<u64>,
    issuer: Option<&str>,
    algorithm: Option<&str>,
    digits: u32,
    period: u64,
    extra: Vec<(PyBackedStr, PyBackedStr)>,
) -> PyResult<Bound<'py, PyString>> {
    let extra: Vec<(&str, &str)> = extra
        .iter()
        .map(|(name, value)| (&**name, &**value))
        .collect();
    let parts = nidan::UriParts {
        kind: counter.map_or(nidan::OtpKind::Totp { period }, |counter| {
            nidan::OtpKind::Hotp { counter }
        }),
        issuer,
        account: name,
        secret: &[],
        algorithm: algorithm.unwrap_or("sha1"),
        digits,
        format: nidan::CodeFormat::Decimal,
        secret_text: Some(secret),
        extra: &extra,
    };
    Ok(convert::secret_str(
        py,
        &parts.write(nidan::UriStyle::Pyotp).or_raise()?,
    ))
}
