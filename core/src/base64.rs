//! Standard base64 [RFC 4648 §4] for export payloads, which carry secrets.
//!
//! `base64ct`, from the `RustCrypto` project: no table look-ups and no
//! branches on the characters' values, `no_std`, and strict: it refuses
//! non-zero bits after the last byte (it encodes the last block again and
//! compares), as the tests below check against `data-encoding`. (An earlier own version
//! existed only because `data-encoding`'s general decoder was most of a
//! WebAssembly build's size; `base64ct` is small, see the README's sizes.)

use alloc::string::String;
use alloc::vec::Vec;

use base64ct::{Base64, Base64Unpadded, Encoding as _};

/// `bytes` as base64 with `=` padding, in a string of exactly its length.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut text = alloc::vec![0u8; Base64::encoded_len(bytes)];
    // The buffer has exactly the needed length, and base64 is ASCII.
    let _ = Base64::encode(bytes, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// The bytes of unpadded base64, or `None` for a character outside the
/// alphabet, a length whole bytes cannot produce, or non-zero bits after
/// the last byte. The vector has exactly the room the bytes need, and is
/// wiped on every error.
pub(crate) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let len = text.len() / 4 * 3 + (text.len() % 4).saturating_sub(1);
    let mut out = alloc::vec![0u8; len];
    let whole = Base64Unpadded::decode(text, &mut out).is_ok_and(|decoded| decoded.len() == len);
    if whole {
        Some(out)
    } else {
        zeroize::Zeroize::zeroize(&mut out);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    #[test]
    fn rfc4648_examples() {
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(bytes.as_bytes()), text);
            let unpadded = text.trim_end_matches('=');
            assert_eq!(decode(unpadded.as_bytes()).unwrap(), bytes.as_bytes());
        }
    }

    proptest::proptest! {
        /// The same answers as `data-encoding`'s strict unpadded reader.
        #[test]
        fn decoding_agrees_with_data_encoding(text in "[A-Za-z0-9+/=._-]{0,40}") {
            let theirs = data_encoding::BASE64_NOPAD.decode(text.as_bytes()).ok();
            proptest::prop_assert_eq!(decode(text.as_bytes()), theirs);
        }

        #[test]
        fn encoding_agrees_with_data_encoding(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..100)) {
            proptest::prop_assert_eq!(encode(&bytes), data_encoding::BASE64.encode(&bytes));
        }
    }
}
