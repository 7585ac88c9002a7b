//! Google Authenticator exports ([`MigrationBatch`]).

use nidan::{MigrationBatch, Zeroizing};
use wasm_bindgen::prelude::*;

use crate::error::record;
use crate::text::{SecretText, secret_text};
use crate::uri::WasmKeyUri;

/// One QR code of an export: its accounts and batch fields. Fallible
/// exports return `None` and record the error (see
/// [`take_error`](crate::take_error)).
///
/// ```
/// use nidan_wasm::{WasmKeyUri, WasmMigrationBatch};
/// let key = WasmKeyUri::parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME".into()).unwrap();
/// let mut batch = WasmMigrationBatch::create(1, 1, 0, 7);
/// batch.push(&key);
/// let uris = batch.export(1000).unwrap();
/// let back = WasmMigrationBatch::parse(uris[0].clone()).unwrap();
/// assert_eq!((back.account_count(), back.batch_id()), (1, 7));
/// assert_eq!(back.account(0).unwrap().account(), "alice");
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmMigrationBatch(MigrationBatch);

#[wasm_bindgen]
impl WasmMigrationBatch {
    /// Decodes an `otpauth-migration://offline?data=...` URI
    /// ([`MigrationBatch::parse`]); `None` when it is malformed.
    /// The URI arrives as an owned string, wiped before it is freed.
    pub fn parse(uri: String) -> Option<WasmMigrationBatch> {
        let uri = Zeroizing::new(uri);
        record(MigrationBatch::parse(&uri)).map(Self)
    }

    /// A whole export without accounts ([`MigrationBatch::new`]): one QR
    /// code, with `batch_id`, or without one the id the core makes of
    /// `random`, drawn by `crypto.getRandomValues`
    /// ([`MigrationBatch::random_batch_id`]).
    ///
    /// ```
    /// use nidan_wasm::WasmMigrationBatch;
    /// let batch = WasmMigrationBatch::whole(None, u32::MAX - 1);
    /// assert_eq!((batch.version(), batch.batch_size(), batch.batch_index(), batch.batch_id()), (1, 1, 0, -2));
    /// assert_eq!(WasmMigrationBatch::whole(Some(7), 0).batch_id(), 7);
    /// ```
    pub fn whole(batch_id: Option<i32>, random: u32) -> WasmMigrationBatch {
        let batch_id =
            batch_id.unwrap_or_else(|| MigrationBatch::random_batch_id(random.to_le_bytes()));
        Self(MigrationBatch::new(Vec::new(), batch_id))
    }

    /// A batch without accounts; add them with [`WasmMigrationBatch::push`].
    pub fn create(
        version: i32,
        batch_size: i32,
        batch_index: i32,
        batch_id: i32,
    ) -> WasmMigrationBatch {
        Self(MigrationBatch {
            accounts: Vec::new(),
            version,
            batch_size,
            batch_index,
            batch_id,
        })
    }

    /// Appends a copy of `account`.
    pub fn push(&mut self, account: &WasmKeyUri) {
        self.0.accounts.push(account.0.clone());
    }

    /// How many accounts the batch has.
    #[wasm_bindgen(getter, js_name = accountCount)]
    pub fn account_count(&self) -> usize {
        self.0.accounts.len()
    }

    /// A copy of the account at `index`, `None` past the end.
    pub fn account(&self, index: usize) -> Option<WasmKeyUri> {
        self.0.accounts.get(index).cloned().map(WasmKeyUri)
    }

    /// Format version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> i32 {
        self.0.version
    }

    /// How many QR codes the export has.
    #[wasm_bindgen(getter, js_name = batchSize)]
    pub fn batch_size(&self) -> i32 {
        self.0.batch_size
    }

    /// Which of them this is, from 0.
    #[wasm_bindgen(getter, js_name = batchIndex)]
    pub fn batch_index(&self) -> i32 {
        self.0.batch_index
    }

    /// The id shared by the QR codes of one export.
    #[wasm_bindgen(getter, js_name = batchId)]
    pub fn batch_id(&self) -> i32 {
        self.0.batch_id
    }

    /// This batch as one export URI ([`MigrationBatch::to_uri`]); `None`
    /// for an account the format cannot carry.
    #[wasm_bindgen(js_name = toUri, unchecked_return_type = "string | undefined")]
    pub fn to_uri(&self) -> Option<SecretText> {
        record(self.0.to_uri()).map(|uri| secret_text(&uri))
    }

    /// This batch's accounts as export URIs of at most `max_uri_len` bytes,
    /// all with this batch's id ([`MigrationBatch::export`]).
    #[wasm_bindgen(unchecked_return_type = "string[] | undefined")]
    pub fn export(&self, max_uri_len: usize) -> Option<Vec<SecretText>> {
        let uris = record(MigrationBatch::export(
            &self.0.accounts,
            self.0.batch_id,
            max_uri_len,
        ))?;
        Some(uris.iter().map(secret_text).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::testing::last_code;

    #[test]
    fn malformed_exports_and_unexportable_accounts_are_recorded_errors() {
        assert!(WasmMigrationBatch::parse("otpauth-migration://offline?data=%%".into()).is_none());
        assert_eq!(last_code(), "URI_PERCENT_ENCODING");
        assert!(
            WasmMigrationBatch::parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP".into()).is_none()
        );
        assert_eq!(last_code(), "MIGRATION_SCHEME");
        let key =
            WasmKeyUri::parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&period=60".into()).unwrap();
        let mut batch = WasmMigrationBatch::create(1, 1, 0, 0);
        batch.push(&key);
        assert!(batch.to_uri().is_none());
        assert_eq!(last_code(), "MIGRATION_VALUE");
        assert!(batch.account(1).is_none());
    }
}
