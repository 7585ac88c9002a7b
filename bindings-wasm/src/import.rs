//! The import mode ([`KeyUri::import_uri`], [`MigrationBatch::import_uri`]):
//! keys with the repairs made to read them, one result per export account.

use nidan::{ImportedKey, KeyUri, MigrationBatch, MigrationImport, Repair};
use wasm_bindgen::prelude::*;

use crate::error::{error_text, record};
use crate::uri::WasmKeyUri;

/// A key read by the import mode, with its repairs.
///
/// ```
/// let imported = nidan_wasm::WasmImported::import_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=C").unwrap();
/// assert_eq!(imported.key().issuer().as_deref(), Some("C"));
/// assert_eq!(imported.repair(0), ["issuer_differs", "label", "A", "parameter", "C"]);
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmImported(ImportedKey);

#[wasm_bindgen]
impl WasmImported {
    /// Reads an otpauth URI in import mode; `None` (with the error
    /// recorded) for what cannot be repaired.
    #[wasm_bindgen(js_name = importUri)]
    pub fn import_uri(uri: &str) -> Option<WasmImported> {
        record(KeyUri::import_uri(uri)).map(Self)
    }

    /// A copy of the key.
    #[wasm_bindgen(getter)]
    pub fn key(&self) -> WasmKeyUri {
        WasmKeyUri(self.0.key.clone())
    }

    /// How many repairs were made.
    #[wasm_bindgen(getter, js_name = repairCount)]
    pub fn repair_count(&self) -> usize {
        self.0.repairs.len()
    }

    /// The repair at `index` as its kind, then name and value of each of
    /// its fields (see [`repair_fields`]); empty past the end.
    pub fn repair(&self, index: usize) -> Vec<String> {
        self.0
            .repairs
            .get(index)
            .map(repair_fields)
            .unwrap_or_default()
    }
}

/// A repair as `[kind, name, value, ...]`: what crosses to JavaScript,
/// which builds `{ kind, message, ...fields }` from it (`js/import.js`,
/// with the message templates of `js/repairs.json`).
pub fn repair_fields(repair: &Repair) -> Vec<String> {
    let mut fields = vec![repair.kind().to_string()];
    for (name, value) in repair.fields() {
        fields.extend([name.to_string(), value]);
    }
    fields
}

/// An export read in import mode: one result per account.
///
/// ```
/// let uri = "otpauth-migration://offline?data=ChkKCkhlbGxvId6tvu8SBWFsaWNlIAEoATACChcKCkhlbGxvId6tvu8SA2JvYiAEKAEwAhABGAEgACgB";
/// let import = nidan_wasm::WasmMigrationImport::import_uri(uri).unwrap();
/// assert_eq!(import.account_count(), 2);
/// assert_eq!(import.account(0).unwrap().key().account(), "alice");
/// assert!(import.account(1).is_none());
/// assert_eq!(import.account_error(1), "Uri|MIGRATION_VALUE|algorithm");
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmMigrationImport(MigrationImport);

#[wasm_bindgen]
impl WasmMigrationImport {
    /// Reads an export in import mode ([`MigrationBatch::import_uri`]);
    /// `None` (with the error recorded) when the export as a whole is unreadable.
    #[wasm_bindgen(js_name = importUri)]
    pub fn import_uri(uri: &str) -> Option<WasmMigrationImport> {
        record(MigrationBatch::import_uri(uri)).map(Self)
    }

    /// How many accounts the export has, usable or not.
    #[wasm_bindgen(getter, js_name = accountCount)]
    pub fn account_count(&self) -> usize {
        self.0.accounts.len()
    }

    /// The account at `index` when it is usable, else `None`.
    pub fn account(&self, index: usize) -> Option<WasmImported> {
        match self.0.accounts.get(index) {
            Some(Ok(imported)) => Some(WasmImported(imported.clone())),
            _ => None,
        }
    }

    /// Why the account at `index` cannot be used, as [`error_text`]; empty
    /// when it can (or past the end).
    #[wasm_bindgen(js_name = accountError)]
    pub fn account_error(&self, index: usize) -> String {
        match self.0.accounts.get(index) {
            Some(Err(error)) => error_text(*error),
            _ => String::new(),
        }
    }

    /// Format version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> i32 {
        self.0.batch.version
    }

    /// How many QR codes the export has.
    #[wasm_bindgen(getter, js_name = batchSize)]
    pub fn batch_size(&self) -> i32 {
        self.0.batch.batch_size
    }

    /// Which of them this is, from 0.
    #[wasm_bindgen(getter, js_name = batchIndex)]
    pub fn batch_index(&self) -> i32 {
        self.0.batch.batch_index
    }

    /// The id shared by the QR codes of one export.
    #[wasm_bindgen(getter, js_name = batchId)]
    pub fn batch_id(&self) -> i32 {
        self.0.batch.batch_id
    }
}

#[cfg(test)]
mod tests {
    use nidan::Algorithm;

    use super::*;

    /// Every kind of repair, with fields that show in its message.
    fn every_repair() -> Vec<Repair> {
        vec![
            Repair::IssuerDiffers {
                label: "Old Co".into(),
                parameter: "New Co".into(),
            },
            Repair::PlusAsSpace { part: "issuer" },
            Repair::ParameterNameCase {
                parameter: "secret",
            },
            Repair::NumberLeadingZeros {
                parameter: "digits",
            },
            Repair::SecretSeparators,
            Repair::SecretPadding,
            Repair::SecretTrailingBits,
            Repair::SecretShort { bits: 40 },
            Repair::AlgorithmOutsideFormat {
                algorithm: Algorithm::Sha1,
            },
            Repair::SteamGuard,
        ]
    }

    /// What `js/import.js` does: the template of the kind, each `$name`
    /// replaced by the field's value in one pass.
    fn message_in_js(fields: &[String]) -> String {
        let templates: serde_json::Value =
            serde_json::from_str(include_str!("../js/repairs.json")).unwrap();
        let template = templates[&fields[0]].as_str().unwrap();
        let mut message = String::new();
        let mut rest = template;
        while let Some(at) = rest.find('$') {
            message.push_str(&rest[..at]);
            let name_len = rest[at + 1..]
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(rest.len() - at - 1);
            let name = &rest[at + 1..at + 1 + name_len];
            let value = fields[1..].chunks(2).find(|pair| pair[0] == name).unwrap();
            message.push_str(&value[1]);
            rest = &rest[at + 1 + name_len..];
        }
        message.push_str(rest);
        message
    }

    #[test]
    fn js_messages_equal_the_core_messages() {
        for repair in every_repair() {
            let fields = repair_fields(&repair);
            assert_eq!(message_in_js(&fields), repair.to_string(), "{fields:?}");
        }
    }

    #[test]
    fn unreadable_input_is_recorded_and_past_the_end_is_empty() {
        assert!(WasmImported::import_uri("otpauth://totp/?secret=JBSWY3DPEHPK3PXP").is_none());
        assert_eq!(crate::take_error(), "Uri|ACCOUNT_EMPTY");
        let imported =
            WasmImported::import_uri("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP").unwrap();
        assert_eq!(imported.repair_count(), 0);
        assert!(imported.repair(0).is_empty());
        assert!(WasmMigrationImport::import_uri("otpauth-migration://offline?data=%%").is_none());
        assert_eq!(crate::take_error(), "Uri|URI_PERCENT_ENCODING");
    }
}
