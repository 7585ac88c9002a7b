//! The secret, held in wasm memory and wiped when freed.

use nidan::{Secret, base32};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::error::thrown;

/// A [`Secret`] owned by JavaScript through a handle.
///
/// Inputs that carry key material arrive as owned values and are wiped
/// before they are freed.
///
/// ```
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false)?;
/// assert_eq!(key.byte_len(), 20);
/// assert_eq!(key.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
/// # Ok::<(), String>(())
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmSecret(pub(crate) Secret);

#[wasm_bindgen]
impl WasmSecret {
    /// Strict base32 ([`Secret::from_base32`]); `allow_short` takes keys under 80 bits.
    ///
    /// # Errors
    /// The core's base32 and length errors, as thrown text.
    #[wasm_bindgen(js_name = fromBase32)]
    pub fn from_base32(mut text: String, allow_short: bool) -> Result<WasmSecret, String> {
        let secret = if allow_short {
            Secret::from_base32_allow_short(&text)
        } else {
            Secret::from_base32(&text)
        };
        text.zeroize();
        secret.map(Self).map_err(thrown)
    }

    /// Base32 as people type it ([`Secret::from_typed_base32`]); with
    /// `allow_short`, any non-empty key ([`base32::decode_typed`] then
    /// [`Secret::from_bytes_allow_short`]).
    ///
    /// # Errors
    /// The core's base32 and length errors, as thrown text.
    #[wasm_bindgen(js_name = fromTypedBase32)]
    pub fn from_typed_base32(mut text: String, allow_short: bool) -> Result<WasmSecret, String> {
        let secret = if allow_short {
            decode_typed(&text).and_then(|mut bytes| {
                let secret = Secret::from_bytes_allow_short(&bytes);
                bytes.zeroize();
                secret
            })
        } else {
            Secret::from_typed_base32(&text)
        };
        text.zeroize();
        secret.map(Self).map_err(thrown)
    }

    /// Raw key bytes ([`Secret::from_bytes`]); `allow_short` takes keys under 80 bits.
    ///
    /// # Errors
    /// The core's length errors, as thrown text.
    #[wasm_bindgen(js_name = fromBytes)]
    pub fn from_bytes(mut bytes: Vec<u8>, allow_short: bool) -> Result<WasmSecret, String> {
        let secret = if allow_short {
            Secret::from_bytes_allow_short(&bytes)
        } else {
            Secret::from_bytes(&bytes)
        };
        bytes.zeroize();
        secret.map(Self).map_err(thrown)
    }

    /// A new key from random bytes drawn by `crypto.getRandomValues`
    /// ([`Secret::from_random`]: at least 16 bytes).
    ///
    /// # Errors
    /// The core's length errors, as thrown text.
    #[wasm_bindgen(js_name = fromRandom)]
    pub fn from_random(mut random: Vec<u8>) -> Result<WasmSecret, String> {
        let secret = Secret::from_random(&random);
        random.zeroize();
        secret.map(Self).map_err(thrown)
    }

    /// Length of the key in bytes.
    #[wasm_bindgen(getter, js_name = byteLength)]
    pub fn byte_len(&self) -> usize {
        self.0.byte_len()
    }

    /// The key as unpadded base32.
    #[wasm_bindgen(js_name = toBase32)]
    pub fn to_base32(&self) -> String {
        self.0.to_base32()
    }

    /// The key as base32 in groups of four.
    #[wasm_bindgen(js_name = toBase32Grouped)]
    pub fn to_base32_grouped(&self) -> String {
        self.0.to_base32_grouped()
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

/// Lenient base32 into a buffer sized for the longest key.
pub(crate) fn decode_typed(text: &str) -> Result<Vec<u8>, nidan::Error> {
    let mut bytes = vec![0u8; Secret::MAX_BYTES];
    match base32::decode_typed(text, &mut bytes) {
        Ok(len) => {
            bytes.truncate(len);
            Ok(bytes)
        }
        Err(error) => {
            bytes.zeroize();
            Err(match error {
                nidan::Error::BufferTooSmall { .. } => nidan::Error::SecretTooLong {
                    max_bytes: Secret::MAX_BYTES,
                },
                other => other,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_only_when_allowed() {
        assert!(WasmSecret::from_base32("MZXW6".into(), false).is_err());
        assert_eq!(
            WasmSecret::from_base32("MZXW6".into(), true).map(|k| k.byte_len()),
            Ok(3)
        );
        assert!(WasmSecret::from_typed_base32("mzxw 6".into(), false).is_err());
        assert_eq!(
            WasmSecret::from_typed_base32("mzxw 6".into(), true).map(|k| k.byte_len()),
            Ok(3)
        );
        assert!(WasmSecret::from_bytes(b"abc".to_vec(), false).is_err());
        assert!(
            WasmSecret::from_bytes(Vec::new(), true)
                .unwrap_err()
                .contains("SECRET_EMPTY")
        );
        assert!(
            WasmSecret::from_random(vec![7; 15])
                .unwrap_err()
                .contains("SECRET_TOO_SHORT")
        );
    }

    #[test]
    fn typed_base32_that_is_too_long_is_a_secret_error() {
        let long = "A".repeat(Secret::MAX_BYTES * 2);
        let error = WasmSecret::from_typed_base32(long, true).unwrap_err();
        assert!(error.starts_with("Secret|SECRET_TOO_LONG|"), "{error}");
    }
}
