//! The import mode's results: `ImportedKey` (a key and its repairs) and
//! `Repair` (one departure from the Key URI Format that was repaired).

use std::hash::{Hash as _, Hasher as _};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::convert;
use crate::immutable::{Reduced, reduced, refuse_pickle};
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

    /// The object itself: it is immutable.
    fn __copy__<'py>(slf: &Bound<'py, Self>) -> Bound<'py, Self> {
        slf.clone()
    }

    /// The object itself: it is immutable.
    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: &Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf.clone()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Repair(kind='{}', message={})",
            self.kind(),
            convert::repr(py, Some(&self.message()))?
        ))
    }
}

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

    /// The object itself: it is immutable.
    fn __copy__<'py>(slf: &Bound<'py, Self>) -> Bound<'py, Self> {
        slf.clone()
    }

    /// The object itself: it is immutable.
    #[pyo3(signature = (_memo, /))]
    fn __deepcopy__<'py>(slf: &Bound<'py, Self>, _memo: &Bound<'py, PyAny>) -> Bound<'py, Self> {
        slf.clone()
    }

    /// Refused: the key holds a secret.
    #[allow(clippy::unused_self, reason = "the protocol method takes self")]
    fn __reduce__(&self) -> PyResult<()> {
        Err(refuse_pickle("ImportedKey", "imported.key.to_uri()"))
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

impl ImportedKey {
    /// Wraps a core import result.
    pub(crate) fn from_core(py: Python<'_>, imported: nidan::Imported) -> PyResult<Self> {
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

/// The names a repair's `&'static str` fields can hold.
const NAMES: [&str; 8] = [
    "secret",
    "issuer",
    "algorithm",
    "digits",
    "period",
    "counter",
    "label",
    "encoder",
];

/// A repair as `[kind, field values...]`, for pickles.
fn fields(repair: &nidan::Repair) -> Vec<String> {
    let mut fields = vec![repair.kind().to_string()];
    match repair {
        nidan::Repair::IssuerDiffers { label, parameter } => {
            fields.extend([label.clone(), parameter.clone()]);
        }
        nidan::Repair::PlusAsSpace { part: name }
        | nidan::Repair::ParameterNameCase { parameter: name }
        | nidan::Repair::NumberLeadingZeros { parameter: name } => fields.push((*name).to_string()),
        nidan::Repair::SecretShort { bits } => fields.push(bits.to_string()),
        nidan::Repair::AlgorithmOutsideFormat { algorithm } => {
            fields.push(algorithm.name().to_string());
        }
        _ => {}
    }
    fields
}

/// The repair of [`fields`]' output; `None` for anything else.
fn from_fields(fields: &[String]) -> Option<nidan::Repair> {
    let name = |text: &String| NAMES.into_iter().find(|name| name == text);
    Some(match fields {
        [kind, label, parameter] if kind == "issuer_differs" => nidan::Repair::IssuerDiffers {
            label: label.clone(),
            parameter: parameter.clone(),
        },
        [kind, part] if kind == "plus_as_space" => nidan::Repair::PlusAsSpace { part: name(part)? },
        [kind, parameter] if kind == "parameter_name_case" => nidan::Repair::ParameterNameCase {
            parameter: name(parameter)?,
        },
        [kind, parameter] if kind == "number_leading_zeros" => nidan::Repair::NumberLeadingZeros {
            parameter: name(parameter)?,
        },
        [kind] if kind == "secret_separators" => nidan::Repair::SecretSeparators,
        [kind] if kind == "secret_padding" => nidan::Repair::SecretPadding,
        [kind] if kind == "secret_trailing_bits" => nidan::Repair::SecretTrailingBits,
        [kind, bits] if kind == "secret_short" => nidan::Repair::SecretShort {
            bits: bits.parse().ok()?,
        },
        [kind] if kind == "steam_guard" => nidan::Repair::SteamGuard,
        [kind, algorithm] if kind == "algorithm_outside_format" => {
            nidan::Repair::AlgorithmOutsideFormat {
                algorithm: nidan::Algorithm::from_name(algorithm)?,
            }
        }
        _ => return None,
    })
}
