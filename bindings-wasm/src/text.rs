//! Free functions on text: typed codes and algorithm names.

use wasm_bindgen::prelude::*;

use crate::error::record;
use crate::otp::algorithm;

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

/// The canonical name (`SHA1`, `SHA224`, ..., `SHA3-512`) of an algorithm
/// name ([`nidan::Algorithm::from_name`]: any case, otpauth's spellings);
/// `None` for an unknown name.
///
/// ```
/// assert_eq!(nidan_wasm::algorithm_name("sha-256").as_deref(), Some("SHA256"));
/// assert_eq!(nidan_wasm::algorithm_name("sha2-224").as_deref(), Some("SHA224"));
/// assert_eq!(nidan_wasm::algorithm_name("sha3-512").as_deref(), Some("SHA3-512"));
/// assert!(nidan_wasm::algorithm_name("SHA3_512").is_none());
/// ```
#[wasm_bindgen(js_name = algorithmName)]
pub fn algorithm_name(name: &str) -> Option<String> {
    record(algorithm(name)).map(|algorithm| algorithm.name().into())
}
