//! `Qr`: QR codes of enrolment and export URIs, as SVG or terminal text.

use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::convert::{self, size};
use crate::errors::{IntoPy as _, parameter};
use crate::immutable::immutable;

/// A QR code of some text, usually an otpauth or export URI, with medium
/// error correction. Immutable. `repr()` shows only its width: the code of
/// an enrolment URI carries the secret.
#[pyclass(frozen, module = "nidan")]
pub struct Qr {
    inner: nidan::Qr,
}

#[pymethods]
impl Qr {
    /// Encodes `text`; a `ParameterError` when it does not fit the largest
    /// QR code (2953 bytes of 8-bit text at this error correction level).
    #[new]
    fn new(text: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text =
            convert::text(text, "text")?.ok_or_else(|| parameter("text is not Unicode text"))?;
        Ok(Self {
            inner: nidan::Qr::new(&text).or_raise()?,
        })
    }

    /// Modules per side, without the quiet zone.
    #[getter]
    fn width(&self) -> usize {
        self.inner.width()
    }

    /// Whether the module at column `x`, row `y` (from 0) is dark; beyond
    /// the code everything is light. Negative coordinates are a `ParameterError`.
    fn is_dark(&self, x: &Bound<'_, PyAny>, y: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.inner.is_dark(size(x, "x")?, size(y, "y")?))
    }

    /// An SVG image, black on white with the quiet zone, 8 units per module.
    fn to_svg<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        convert::secret_str(py, &self.inner.to_svg())
    }

    /// Text for a terminal with a dark background, two modules per character.
    fn to_terminal<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        convert::secret_str(py, &self.inner.to_terminal())
    }

    fn __repr__(&self) -> String {
        format!("Qr(width={})", self.inner.width())
    }
}

immutable!(Qr, refuses pickle: HoldsSecret, "the text it encodes");
