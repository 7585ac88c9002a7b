//! The secret, held in wasm memory and wiped when freed.

use nidan::Secret;
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::error::record;
use crate::text::{SecretText, secret_text};

/// A [`Secret`] owned by JavaScript through a handle.
///
/// Constructors return `None` on error (see [`take_error`](crate::take_error)).
/// Inputs that carry key material arrive as owned values and are wiped
/// before they are freed.
///
/// ```
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap();
/// assert_eq!(key.byte_len(), 20);
/// assert_eq!(key.to_base32(false), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmSecret(pub(crate) Secret);

#[wasm_bindgen]
impl WasmSecret {
    /// Base32, strict ([`Secret::from_base32`]) or as people type it
    /// ([`Secret::from_typed_base32`]); `allow_short` takes keys under 80 bits.
    #[wasm_bindgen(js_name = fromBase32)]
    pub fn from_base32(mut text: String, typed: bool, allow_short: bool) -> Option<WasmSecret> {
        let secret = match (typed, allow_short) {
            (false, false) => Secret::from_base32(&text),
            (false, true) => Secret::from_base32_allow_short(&text),
            (true, false) => Secret::from_typed_base32(&text),
            (true, true) => Secret::from_typed_base32_allow_short(&text),
        };
        text.zeroize();
        record(secret).map(Self)
    }

    /// Raw key bytes ([`Secret::from_bytes`]; `allow_short` takes keys under
    /// 80 bits), or with `random`, bytes drawn by `crypto.getRandomValues`
    /// for a new key ([`Secret::from_random`]: at least 16 bytes).
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(mut bytes: Vec<u8>, allow_short: bool, random: bool) -> Option<WasmSecret> {
        let secret = if random {
            Secret::from_random(&bytes)
        } else if allow_short {
            Secret::from_bytes_allow_short(&bytes)
        } else {
            Secret::from_bytes(&bytes)
        };
        bytes.zeroize();
        record(secret).map(Self)
    }

    /// Length of the key in bytes.
    #[wasm_bindgen(getter, js_name = byteLength)]
    pub fn byte_len(&self) -> usize {
        self.0.byte_len()
    }

    /// The key as unpadded base32, or in groups of four with `grouped`.
    #[wasm_bindgen(js_name = toBase32, unchecked_return_type = "string")]
    pub fn to_base32(&self, grouped: bool) -> SecretText {
        secret_text(&if grouped {
            self.0.to_base32_grouped()
        } else {
            self.0.to_base32()
        })
    }

    /// A copy of the key bytes.
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.as_bytes().to_vec()
    }

    /// Equality in constant time for keys of equal length.
    pub fn equals(&self, other: &WasmSecret) -> bool {
        self.0 == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::testing::last_code;

    #[test]
    fn short_keys_only_when_allowed() {
        assert!(WasmSecret::from_base32("MZXW6".into(), false, false).is_none());
        assert_eq!(last_code(), "SECRET_TOO_SHORT");
        let short = WasmSecret::from_base32("MZXW6".into(), false, true);
        assert_eq!(short.map(|k| k.byte_len()), Some(3));
        assert!(WasmSecret::from_base32("mzxw 6".into(), true, false).is_none());
        let typed = WasmSecret::from_base32("mzxw 6".into(), true, true);
        assert_eq!(typed.map(|k| k.byte_len()), Some(3));
        assert!(WasmSecret::from_bytes(b"abc".to_vec(), false, false).is_none());
        assert!(WasmSecret::from_bytes(Vec::new(), true, false).is_none());
        assert_eq!(last_code(), "SECRET_EMPTY");
        assert!(WasmSecret::from_bytes(vec![7; 15], true, true).is_none());
        assert_eq!(last_code(), "SECRET_TOO_SHORT");
    }

    #[test]
    fn typed_base32_that_is_too_long_is_a_secret_error() {
        let long = "A".repeat(Secret::MAX_BYTES * 2);
        assert!(WasmSecret::from_base32(long, true, true).is_none());
        assert_eq!(last_code(), "SECRET_TOO_LONG");
    }

    #[test]
    fn grouped_base32() {
        let key = WasmSecret::from_base32("JBSWY3DPEHPK3PXP".into(), false, false).unwrap();
        assert_eq!(key.to_base32(true), "JBSW Y3DP EHPK 3PXP");
    }
}
