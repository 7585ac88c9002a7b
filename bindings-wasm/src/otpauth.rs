//! What only the otpauth drop-in (`nidan/otpauth`) needs: the `hmac` option
//! (a MAC computed by the caller, truncated and formatted by the core),
//! secrets as plain bytes of any length, and URIs read in import mode, as
//! otpauth reads what real services emit. Behind the feature `otpauth`, so
//! that `nidan.wasm` (the native API alone) does not carry it.

use nidan::{Code, KeyUri, Secret, Window, base32};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::error::record;
use crate::uri::WasmKeyUri;

/// The code of `mac`, an HMAC computed outside nidan ([`Code::from_mac`]:
/// the core's truncation and digits), as its digits; `None` after recording
/// the error (a MAC under 19 bytes, digits outside 6 to 10).
///
/// ```
/// let mut mac = [0u8; 20];
/// mac[1..4].copy_from_slice(&[0x01, 0xe2, 0x40]);
/// assert_eq!(nidan_wasm::code_from_mac(&mac, 6).as_deref(), Some("123456"));
/// assert!(nidan_wasm::code_from_mac(&mac[..18], 6).is_none());
/// ```
#[wasm_bindgen(js_name = codeFromMac)]
pub fn code_from_mac(mac: &[u8], digits: u32) -> Option<String> {
    record(Code::from_mac(mac, digits)).map(|code| code.as_str().into())
}

/// `side` when a window of `side` steps each way is allowed
/// ([`Window::new`]); `None` after recording the error.
///
/// ```
/// assert_eq!(nidan_wasm::window_side(10), Some(10));
/// assert!(nidan_wasm::window_side(u32::MAX).is_none());
/// ```
#[wasm_bindgen(js_name = windowSide)]
pub fn window_side(side: u32) -> Option<u32> {
    record(Window::new(side, side)).map(|_| side)
}

/// Unpadded base32 of bytes of any length ([`base32::encode`]): the
/// drop-in's `Secret` is a plain byte container, without the length cap
/// of [`Secret`].
///
/// ```
/// assert_eq!(nidan_wasm::base32_encode(vec![0x5a; 300]).len(), 480);
/// assert_eq!(nidan_wasm::base32_encode(b"foo".to_vec()), "MZXW6");
/// ```
#[wasm_bindgen(js_name = base32Encode)]
pub fn base32_encode(mut bytes: Vec<u8>) -> String {
    let mut text = vec![0u8; base32::encoded_len(bytes.len())];
    // The buffer has exactly the length needed: encoding cannot fail.
    let written = base32::encode(&bytes, &mut text).map_or(0, str::len);
    bytes.zeroize();
    text.truncate(written);
    String::from_utf8(text).unwrap_or_default()
}

/// `len` when that many random bytes make a new key nidan would generate
/// ([`Secret::check_random_len`]); `None` after recording the error.
///
/// ```
/// assert_eq!(nidan_wasm::check_random_length(4096), Some(4096));
/// assert_eq!(nidan_wasm::check_random_length(15), None);
/// ```
#[wasm_bindgen(js_name = checkRandomLength)]
pub fn check_random_length(len: u32) -> Option<u32> {
    record(Secret::check_random_len(len as usize)).map(|()| len)
}

/// An otpauth URI read in import mode ([`KeyUri::import_uri`]), or, for a
/// caller's own HMAC, with the algorithm name as written
/// ([`KeyUri::import_uri_custom_mac`]).
///
/// ```
/// use nidan_wasm::WasmImportedUri;
/// let uri = "OTPAUTH://HOTP/a?SECRET=JBSWY3DPEHPK3PXP&COUNTER=3&ALGORITHM=sha3-256";
/// let read = WasmImportedUri::read(uri, false).unwrap();
/// assert_eq!((read.key().algorithm(), read.algorithm_name()), ("SHA3-256".into(), None));
/// let custom = uri.replace("sha3-256", "CUSTOM");
/// assert!(WasmImportedUri::read(&custom, false).is_none());
/// let read = WasmImportedUri::read(&custom, true).unwrap();
/// assert_eq!(read.algorithm_name().as_deref(), Some("CUSTOM"));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmImportedUri {
    key: KeyUri,
    algorithm_name: Option<String>,
}

#[wasm_bindgen]
impl WasmImportedUri {
    /// Reads `uri` in import mode; with `custom_mac`, any well-formed
    /// algorithm name is kept as written. `None` after recording the error.
    pub fn read(uri: &str, custom_mac: bool) -> Option<WasmImportedUri> {
        let read = if custom_mac {
            KeyUri::import_uri_custom_mac(uri)
        } else {
            KeyUri::import_uri(uri).map(|imported| (imported, None))
        };
        record(read).map(|(imported, algorithm_name)| Self {
            key: imported.key,
            algorithm_name,
        })
    }

    /// The key.
    pub fn key(&self) -> WasmKeyUri {
        WasmKeyUri(self.key.clone())
    }

    /// The algorithm name as written, when read for a caller's own HMAC.
    #[wasm_bindgen(getter, js_name = algorithmName)]
    pub fn algorithm_name(&self) -> Option<String> {
        self.algorithm_name.clone()
    }
}
