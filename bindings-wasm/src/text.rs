//! Free functions on text: typed codes and base32.

use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::error::thrown;
use crate::secret::decode_typed;

/// A code as a person typed it, as plain digits, or `None`
/// ([`nidan::normalize_code`]).
///
/// ```
/// assert_eq!(nidan_wasm::normalize_code("１２３ ４５６").as_deref(), Some("123456"));
/// assert_eq!(nidan_wasm::normalize_code("12a456"), None);
/// ```
#[wasm_bindgen(js_name = normalizeCode)]
pub fn normalize_code(typed: &str) -> Option<String> {
    nidan::normalize_code(typed).map(|code| code.as_str().into())
}

/// The canonical name (`SHA1`, `SHA256`, `SHA512`) of an algorithm name
/// ([`nidan::Algorithm::from_name`]: any case, hyphens allowed).
///
/// # Errors
/// An unknown name, as thrown text.
///
/// ```
/// assert_eq!(nidan_wasm::algorithm_name("sha-256").as_deref(), Ok("SHA256"));
/// assert!(nidan_wasm::algorithm_name("SHA224").is_err());
/// ```
#[wasm_bindgen(js_name = algorithmName)]
pub fn algorithm_name(name: &str) -> Result<String, String> {
    name.parse::<nidan::Algorithm>()
        .map(|algorithm| algorithm.name().into())
        .map_err(thrown)
}

/// Any bytes, even none, as unpadded base32 ([`nidan::base32::encode`]).
///
/// ```
/// assert_eq!(nidan_wasm::base32_encode(b"foo".to_vec()), "MZXW6");
/// assert_eq!(nidan_wasm::base32_encode(Vec::new()), "");
/// ```
#[wasm_bindgen(js_name = base32Encode)]
pub fn base32_encode(mut bytes: Vec<u8>) -> String {
    let mut text = vec![0u8; nidan::base32::encoded_len(bytes.len())];
    let encoded = nidan::base32::encode(&bytes, &mut text)
        .map(String::from)
        .unwrap_or_default();
    bytes.zeroize();
    text.zeroize();
    encoded
}

/// Base32 as people type it, of any length up to 256 bytes, even empty
/// ([`nidan::base32::decode_typed`]).
///
/// # Errors
/// The core's base32 errors, as thrown text.
///
/// ```
/// assert_eq!(nidan_wasm::base32_decode_typed("mzxw 6".into()), Ok(b"foo".to_vec()));
/// assert_eq!(nidan_wasm::base32_decode_typed(String::new()), Ok(Vec::new()));
/// ```
#[wasm_bindgen(js_name = base32DecodeTyped)]
pub fn base32_decode_typed(mut text: String) -> Result<Vec<u8>, String> {
    let bytes = decode_typed(&text).map_err(thrown);
    text.zeroize();
    bytes
}
