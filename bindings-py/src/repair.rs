//! The import mode's results: `ImportedKey` (a key and its repairs) and
//! `Repair` (one departure from the Key URI Format that was repaired).

use std::hash::{Hash as _, Hasher as _};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::convert;
use crate::immutable::{Reduced, immutable, reduced};
use crate::uri::KeyUri;

/// One departure from the Key URI Format that the import mode repaired, so
/// that an app can warn. `kind` names it (the same names in Rust and
/// JavaScript); the fields that do not apply to the kind are `None`.
/// When the label's issuer and `issuer=` differ, the parameter is used
/// (`kind == "issuer_differs"`, with both in `label` and `parameter`).
#[pyclass(frozen, module = "nidan")]
pub struct Repair {
    inner: nidan::Repair,
}

#[pymethods]
impl Repair {
    /// What was repaired: `"issuer_differs"`, `"plus_as_space"`,
    /// `"parameter_name_case"`, `"number_leading_zeros"`, `"secret_separators"`,
    /// `"secret_padding"`, `"secret_trailing_bits"`, `"secret_short"` or
    /// `"algorithm_outside_format"`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.inner.kind()
    }

    /// The repair in a sentence, for a warning.
    #[getter]
    fn message(&self) -> String {
        self.inner.to_string()
    }

    /// Whether only the spelling was repaired (the key itself fits the Key
    /// URI Format), rather than a short secret or another algorithm kept.
    #[getter]
    fn is_spelling(&self) -> bool {
        self.inner.is_spelling()
    }

    /// `"issuer_differs"`: the issuer in the label.
    #[getter]
    fn label(&self) -> Option<&str> {
        match &self.inner {
            nidan::Repair::IssuerDiffers { label, .. } => Some(label),
            _ => None,
        }
    }

    /// `"issuer_differs"`: the issuer parameter, which the key carries;
    /// `"parameter_name_case"` and `"number_leading_zeros"`: the parameter's name.
    #[getter]
    fn parameter(&self) -> Option<&str> {
        match &self.inner {
            nidan::Repair::IssuerDiffers { parameter, .. } => Some(parameter),
            nidan::Repair::ParameterNameCase { parameter }
            | nidan::Repair::NumberLeadingZeros { parameter } => Some(parameter),
            _ => None,
        }
    }

    /// `"plus_as_space"`: "issuer" or "label".
    #[getter]
    fn part(&self) -> Option<&'static str> {
        match self.inner {
            nidan::Repair::PlusAsSpace { part } => Some(part),
            _ => None,
        }
    }

    /// `"secret_short"`: the secret's length in bits.
    #[getter]
    fn bits(&self) -> Option<usize> {
        match self.inner {
            nidan::Repair::SecretShort { bits } => Some(bits),
            _ => None,
        }
    }

    /// `"algorithm_outside_format"`: the algorithm's name.
    #[getter]
    fn algorithm(&self) -> Option<&'static str> {
        match self.inner {
            nidan::Repair::AlgorithmOutsideFormat { algorithm } => Some(algorithm.name()),
            _ => None,
        }
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<Self>()
            .is_ok_and(|other| other.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.inner.hash(&mut hasher);
        hasher.finish()
    }

    /// A repair pickles as its kind and fields (it holds no secret).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, (Vec<String>,)> {
        reduced(slf, (fields(&slf.get().inner),))
    }

    /// The `Repair` a pickle holds.
    #[classmethod]
    #[allow(clippy::needless_pass_by_value, reason = "pyo3 extracts an owned list")]
    fn _from_pickle(_cls: &Bound<'_, PyType>, fields: Vec<String>) -> PyResult<Self> {
        from_fields(&fields)
            .map(|inner| Self { inner })
            .ok_or_else(|| PyValueError::new_err("not a pickled nidan.Repair"))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Repair(kind='{}', message={})",
            self.kind(),
            convert::repr(py, Some(&self.message()))?
        ))
    }
}

immutable!(Repair);

/// A key read by the import mode (`KeyUri.import_uri`), with every repair
/// made to read it (empty when the input was strict). Immutable.
#[pyclass(frozen, module = "nidan")]
pub struct ImportedKey {
    key: Py<KeyUri>,
    repairs: Vec<Py<Repair>>,
}

#[pymethods]
impl ImportedKey {
    /// The key.
    #[getter]
    fn key(&self, py: Python<'_>) -> Py<KeyUri> {
        self.key.clone_ref(py)
    }

    /// The repairs, in the order they were found.
    #[getter]
    fn repairs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.repairs.iter().map(|repair| repair.clone_ref(py)))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kinds: Vec<&str> = self
            .repairs
            .iter()
            .map(|repair| repair.get().inner.kind())
            .collect();
        Ok(format!(
            "ImportedKey(key={}, repairs={kinds:?})",
            self.key.bind(py).repr()?
        ))
    }
}

impl Repair {
    /// Core repairs as a tuple of `Repair`s.
    pub(crate) fn tuple(
        py: Python<'_>,
        repairs: Vec<nidan::Repair>,
    ) -> PyResult<Bound<'_, PyTuple>> {
        let repairs = repairs
            .into_iter()
            .map(|inner| Py::new(py, Self { inner }))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, repairs)
    }
}

immutable!(ImportedKey, refuses pickle: HoldsSecret, "imported.key.to_uri()");

impl ImportedKey {
    /// Wraps a core import result.
    pub(crate) fn from_core(py: Python<'_>, imported: nidan::ImportedKey) -> PyResult<Self> {
        Ok(Self {
            key: Py::new(py, KeyUri::from_core(py, imported.key)?)?,
            repairs: imported
                .repairs
                .into_iter()
                .map(|inner| Py::new(py, Repair { inner }))
                .collect::<PyResult<_>>()?,
        })
    }
}

/// A repair as `[kind, field values...]`, for pickles.
fn fields(repair: &nidan::Repair) -> Vec<String> {
    let values = repair.fields().into_iter().map(|(_, value)| value);
    std::iter::once(repair.kind().to_string())
        .chain(values)
        .collect()
}

/// The repair of [`fields`]' output; `None` for anything else.
fn from_fields(fields: &[String]) -> Option<nidan::Repair> {
    let (kind, values) = fields.split_first()?;
    nidan::Repair::from_fields(kind, values)
}
