//! `Secret`: reading, generating and (explicitly) showing the shared key.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use crate::convert::{self, unsigned_or_more};
use crate::errors::{self, IntoPy as _, SecretError};
use crate::immutable::immutable;

/// A shared OTP secret (the HMAC key). Immutable.
///
/// `repr()` and `str()` show the length only; the key leaves the object
/// only through `to_base32()`, `to_base32_grouped()` and `to_bytes()`.
/// Equality is decided in constant time; secrets are not hashable.
#[pyclass(frozen, eq, module = "nidan")]
#[derive(Clone, PartialEq)]
pub struct Secret {
    pub(crate) inner: nidan::Secret,
}

#[pymethods]
impl Secret {
    /// The shortest key accepted when reading one: 10 bytes (80 bits).
    #[classattr]
    const MIN_BYTES: usize = nidan::Secret::MIN_BYTES;
    /// The shortest key `generate` makes: 16 bytes (128 bits).
    #[classattr]
    const MIN_RANDOM_BYTES: usize = nidan::Secret::MIN_RANDOM_BYTES;
    /// The size `generate` makes by default: 20 bytes (160 bits).
    #[classattr]
    const DEFAULT_RANDOM_BYTES: usize = nidan::Secret::DEFAULT_RANDOM_BYTES;
    /// The longest key held: 256 bytes.
    #[classattr]
    const MAX_BYTES: usize = nidan::Secret::MAX_BYTES;

    /// Reads strict RFC 4648 base32 (any case, exact padding or none) of at
    /// least 80 bits; `allow_short=True` accepts shorter legacy keys.
    #[staticmethod]
    #[pyo3(signature = (text, /, *, allow_short = false))]
    pub(crate) fn from_base32(text: &Bound<'_, PyAny>, allow_short: bool) -> PyResult<Self> {
        let text = secret_text(text)?;
        let inner = if allow_short {
            nidan::Secret::from_base32_allow_short(&text)
        } else {
            nidan::Secret::from_base32(&text)
        };
        Ok(Self {
            inner: inner.or_raise()?,
        })
    }

    /// Reads a key as a person typed it: spaces, hyphens, lower case and
    /// full-width characters are fine. At least 80 bits.
    #[staticmethod]
    fn from_typed_base32(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = secret_text(text)?;
        Ok(Self {
            inner: nidan::Secret::from_typed_base32(&text).or_raise()?,
        })
    }

    /// Reads base32 as the import mode reads a URI's secret: spaces,
    /// hyphens, padding of any length, lower case and bits past the last
    /// byte are repaired, short keys kept. Returns the key and the repairs
    /// made (empty when `from_base32` reads the text the same).
    #[staticmethod]
    fn import_base32<'py>(
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<(Self, Bound<'py, pyo3::types::PyTuple>)> {
        let text = secret_text(text)?;
        let (inner, repairs) = nidan::Secret::import_base32(&text).or_raise()?;
        Ok((Self { inner }, crate::repair::Repair::tuple(py, repairs)?))
    }

    /// Takes raw key bytes, at least 10 unless `allow_short=True`.
    #[staticmethod]
    #[pyo3(signature = (data, /, *, allow_short = false))]
    fn from_bytes(data: &Bound<'_, PyAny>, allow_short: bool) -> PyResult<Self> {
        let data = data.cast::<PyBytes>().map_err(|_| {
            PyTypeError::new_err(format!(
                "data must be bytes, not {} (read base32 text with Secret.from_base32)",
                convert::type_name(data)
            ))
        })?;
        let data = data.as_bytes();
        let inner = if allow_short {
            nidan::Secret::from_bytes_allow_short(data)
        } else {
            nidan::Secret::from_bytes(data)
        };
        Ok(Self {
            inner: inner.or_raise()?,
        })
    }

    /// A new random key of `length` bytes (16 to 256) from `os.urandom`.
    #[staticmethod]
    #[pyo3(signature = (*, length = None))]
    #[pyo3(text_signature = "(*, length=20)")]
    fn generate(py: Python<'_>, length: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let wanted = match length {
            // Beyond u64 is too long too: the core states the real limit.
            Some(length) => unsigned_or_more(length, "length")?.unwrap_or(u64::MAX),
            None => nidan::Secret::DEFAULT_RANDOM_BYTES as u64,
        };
        // Draw at most one byte more than the core accepts: it says "too long".
        let drawn = wanted.min(nidan::Secret::MAX_BYTES as u64 + 1);
        let random = py.import("os")?.call_method1("urandom", (drawn,))?;
        let random = random.cast::<PyBytes>()?;
        Ok(Self {
            inner: nidan::Secret::from_random(random.as_bytes()).or_raise()?,
        })
    }

    /// The key as unpadded upper-case base32. This exposes the secret.
    fn to_base32<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        convert::secret_str(py, &self.inner.to_base32())
    }

    /// The key as base32 in groups of four ("JBSW Y3DP EHPK 3PXP"), the way
    /// a user should write it down. This exposes the secret.
    fn to_base32_grouped<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        convert::secret_str(py, &self.inner.to_base32_grouped())
    }

    /// The raw key bytes. This exposes the secret.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.as_bytes())
    }

    /// Length of the key in bytes.
    #[getter]
    fn byte_len(&self) -> usize {
        self.inner.byte_len()
    }

    fn __repr__(&self) -> String {
        format!("Secret(byte_len={})", self.inner.byte_len())
    }
}

immutable!(Secret, refuses pickle: HoldsSecret, "secret.to_base32()");

/// Text for a secret reader: a `str`, or a `SecretError` for text that is
/// not Unicode (lone surrogates), which no base32 key can contain.
fn secret_text(text: &Bound<'_, PyAny>) -> PyResult<pyo3::pybacked::PyBackedStr> {
    convert::text(text, "secret")?.ok_or_else(|| {
        errors::argument::<SecretError>(
            nidan::ArgumentError::Invalid,
            "secret is not valid base32: it is not Unicode text",
        )
    })
}
