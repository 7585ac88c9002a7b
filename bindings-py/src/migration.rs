//! `MigrationBatch`: Google Authenticator's "Transfer accounts" export,
//! `otpauth-migration://offline?data=...`, one QR code per batch.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};

use crate::convert::{self, int32, size};
use crate::errors::{self, IntoPy as _, UriError};
use crate::immutable::immutable;
use crate::repair::ImportedKey;
use crate::uri::KeyUri;

/// One QR code of a Google Authenticator export: its accounts (`KeyUri`
/// objects) and the batch fields that tie the codes of one export together.
/// Immutable. `repr()` shows the number of accounts, never their secrets.
#[pyclass(frozen, module = "nidan")]
pub struct MigrationBatch {
    accounts: Vec<Py<KeyUri>>,
    version: i32,
    batch_size: i32,
    batch_index: i32,
    batch_id: i32,
}

#[pymethods]
impl MigrationBatch {
    /// The longest export URI `parse` accepts, in bytes.
    #[classattr]
    const MAX_LEN: usize = nidan::MigrationBatch::MAX_LEN;
    /// The `max_uri_len` of `export` when none is given, in bytes.
    #[classattr]
    const DEFAULT_MAX_URI_LEN: usize = nidan::MigrationBatch::DEFAULT_MAX_URI_LEN;

    /// One batch of `accounts` (`KeyUri` objects); `batch_id` is random
    /// when not given. `export` splits many accounts into batches that fit.
    #[new]
    #[pyo3(signature = (accounts, /, *, version = None, batch_size = None, batch_index = None, batch_id = None))]
    #[pyo3(
        text_signature = "(accounts, /, *, version=1, batch_size=1, batch_index=0, batch_id=None)"
    )]
    fn new(
        py: Python<'_>,
        accounts: &Bound<'_, PyAny>,
        version: Option<&Bound<'_, PyAny>>,
        batch_size: Option<&Bound<'_, PyAny>>,
        batch_index: Option<&Bound<'_, PyAny>>,
        batch_id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let whole = nidan::MigrationBatch::new(Vec::new(), batch_id_arg(py, batch_id)?);
        Ok(Self {
            accounts: key_uris(accounts)?.into_iter().map(Bound::unbind).collect(),
            version: version.map_or(Ok(whole.version), |v| int32(v, "version"))?,
            batch_size: batch_size.map_or(Ok(whole.batch_size), |v| int32(v, "batch_size"))?,
            batch_index: batch_index.map_or(Ok(whole.batch_index), |v| int32(v, "batch_index"))?,
            batch_id: whole.batch_id,
        })
    }

    /// Reads an `otpauth-migration://offline?data=...` URI. Unknown fields
    /// are skipped; an algorithm, digit count or OTP type nidan cannot use
    /// is a `UriError` naming the field. TOTP accounts have 30-second periods.
    #[staticmethod]
    fn parse(py: Python<'_>, uri: &Bound<'_, PyAny>) -> PyResult<Self> {
        let text = convert::text(uri, "uri")?.ok_or_else(|| {
            errors::argument::<UriError>(
                nidan::ArgumentError::Invalid,
                "export URI is not Unicode text",
            )
        })?;
        Self::from_core(py, nidan::MigrationBatch::parse(&text).or_raise()?)
    }

    /// Reads an export as an authenticator app must: one result per
    /// account, so that one unusable account does not lose the others.
    /// Raises only for the export as a whole (scheme, data, base64, the
    /// payload's structure); each account is read in import mode.
    #[staticmethod]
    fn import_uri(py: Python<'_>, uri: &Bound<'_, PyAny>) -> PyResult<MigrationImport> {
        let text = convert::text(uri, "uri")?.ok_or_else(|| {
            errors::argument::<UriError>(
                nidan::ArgumentError::Invalid,
                "export URI is not Unicode text",
            )
        })?;
        let import = nidan::MigrationBatch::import_uri(&text).or_raise()?;
        let accounts = import
            .accounts
            .into_iter()
            .map(|account| match account {
                Ok(imported) => Ok(Py::new(py, ImportedKey::from_core(py, imported)?)?.into_any()),
                Err(error) => Ok(errors::from_core(error).into_value(py).into_any()),
            })
            .collect::<PyResult<_>>()?;
        let batch = Py::new(py, Self::from_core(py, import.batch)?)?;
        Ok(MigrationImport { accounts, batch })
    }

    /// Writes `accounts` (`KeyUri` objects, in order) into as few export
    /// URIs as keep each at most `max_uri_len` bytes, one QR code each,
    /// numbered from 0 and all with `batch_id` (random when not given).
    /// No accounts give no URIs. A `UriError` when one account alone does
    /// not fit, or when the format cannot carry an account (a period other
    /// than 30 seconds, 7 digits, a ':' in an account name without issuer).
    #[staticmethod]
    #[pyo3(signature = (accounts, /, *, batch_id = None, max_uri_len = None))]
    #[pyo3(text_signature = "(accounts, /, *, batch_id=None, max_uri_len=1000)")]
    fn export<'py>(
        py: Python<'py>,
        accounts: &Bound<'_, PyAny>,
        batch_id: Option<&Bound<'_, PyAny>>,
        max_uri_len: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Vec<Bound<'py, PyString>>> {
        let accounts: Vec<nidan::KeyUri> = key_uris(accounts)?
            .iter()
            .map(|account| account.get().core().clone())
            .collect();
        let max_uri_len = max_uri_len
            .map_or(Ok(nidan::MigrationBatch::DEFAULT_MAX_URI_LEN), |m| {
                size(m, "max_uri_len")
            })?;
        let batch_id = batch_id_arg(py, batch_id)?;
        let uris = nidan::MigrationBatch::export(&accounts, batch_id, max_uri_len).or_raise()?;
        Ok(uris
            .iter()
            .map(|uri| convert::secret_str(py, uri))
            .collect())
    }

    /// Writes this batch as one export URI. It contains the secrets: show
    /// it once.
    fn to_uri<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        let uri = nidan::MigrationBatch {
            accounts: self
                .accounts
                .iter()
                .map(|account| account.get().core().clone())
                .collect(),
            version: self.version,
            batch_size: self.batch_size,
            batch_index: self.batch_index,
            batch_id: self.batch_id,
        }
        .to_uri()
        .or_raise()?;
        Ok(convert::secret_str(py, &uri))
    }

    /// The accounts of this batch, as `KeyUri` objects.
    #[getter]
    fn accounts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.accounts.iter().map(|account| account.clone_ref(py)),
        )
    }

    /// Format version (1).
    #[getter]
    fn version(&self) -> i32 {
        self.version
    }

    /// How many QR codes the export has.
    #[getter]
    fn batch_size(&self) -> i32 {
        self.batch_size
    }

    /// Which of them this is, from 0.
    #[getter]
    fn batch_index(&self) -> i32 {
        self.batch_index
    }

    /// The same for every QR code of one export.
    #[getter]
    fn batch_id(&self) -> i32 {
        self.batch_id
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        let Ok(other) = other.cast::<Self>() else {
            return false;
        };
        let other = other.get();
        (
            self.version,
            self.batch_size,
            self.batch_index,
            self.batch_id,
        ) == (
            other.version,
            other.batch_size,
            other.batch_index,
            other.batch_id,
        ) && self.accounts.len() == other.accounts.len()
            && self
                .accounts
                .iter()
                .zip(&other.accounts)
                .all(|(a, b)| a.get().core() == b.get().core())
    }

    fn __repr__(&self) -> String {
        format!(
            "MigrationBatch(accounts={}, version={}, batch_size={}, batch_index={}, batch_id={})",
            self.accounts.len(),
            self.version,
            self.batch_size,
            self.batch_index,
            self.batch_id
        )
    }
}

immutable!(MigrationBatch, refuses pickle: HoldsSecret, "batch.to_uri()");

impl MigrationBatch {
    /// Wraps a core batch, giving each account its own `KeyUri` object.
    fn from_core(py: Python<'_>, batch: nidan::MigrationBatch) -> PyResult<Self> {
        let accounts = batch
            .accounts
            .into_iter()
            .map(|account| Py::new(py, KeyUri::from_core(py, account)?))
            .collect::<PyResult<_>>()?;
        Ok(Self {
            accounts,
            version: batch.version,
            batch_size: batch.batch_size,
            batch_index: batch.batch_index,
            batch_id: batch.batch_id,
        })
    }
}

/// An export read by `MigrationBatch.import_uri`: one result per account.
/// Immutable; `repr()` shows counts only.
#[pyclass(frozen, module = "nidan")]
pub struct MigrationImport {
    accounts: Vec<Py<PyAny>>,
    batch: Py<MigrationBatch>,
}

#[pymethods]
impl MigrationImport {
    /// One entry per account of the export, in order (the index is the
    /// position): an `ImportedKey`, or the exception (not raised) saying why
    /// the account cannot be used.
    #[getter]
    fn accounts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            self.accounts.iter().map(|account| account.clone_ref(py)),
        )
    }

    /// The accounts that cannot be used, as `(index, exception)` pairs.
    #[getter]
    fn failures<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let failures = self
            .accounts
            .iter()
            .enumerate()
            .filter(|(_, account)| !account.bind(py).is_instance_of::<ImportedKey>())
            .map(|(index, error)| (index, error.clone_ref(py)))
            .collect::<Vec<_>>();
        PyTuple::new(py, failures)
    }

    /// The batch fields, with the usable accounts as `KeyUri` objects.
    #[getter]
    fn batch(&self, py: Python<'_>) -> Py<MigrationBatch> {
        self.batch.clone_ref(py)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "MigrationImport(accounts={}, failures={})",
            self.accounts.len(),
            self.failures(py)?.len()
        ))
    }
}

immutable!(MigrationImport, refuses pickle: HoldsSecret, "each key's to_uri()");

/// The `KeyUri` objects of an iterable; a `TypeError` for anything else.
fn key_uris<'py>(accounts: &Bound<'py, PyAny>) -> PyResult<Vec<Bound<'py, KeyUri>>> {
    let not_keys = || PyTypeError::new_err("accounts must be an iterable of nidan.KeyUri");
    accounts
        .try_iter()
        .map_err(|_| not_keys())?
        .map(|item| item?.cast_into::<KeyUri>().map_err(|_| not_keys()))
        .collect()
}

/// The batch id given, or a random one from `os.urandom` ([`nidan::MigrationBatch::random_batch_id`]).
fn batch_id_arg(py: Python<'_>, batch_id: Option<&Bound<'_, PyAny>>) -> PyResult<i32> {
    if let Some(batch_id) = batch_id {
        return int32(batch_id, "batch_id");
    }
    let count = nidan::MigrationBatch::BATCH_ID_BYTES;
    let random = py.import("os")?.call_method1("urandom", (count,))?;
    let random = random
        .cast::<PyBytes>()?
        .as_bytes()
        .try_into()
        .map_err(|_| errors::from_core(nidan::Error::RandomSource))?;
    Ok(nidan::MigrationBatch::random_batch_id(random))
}
