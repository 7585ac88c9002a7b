//! Standard base64 [RFC 4648 §4] for export payloads, which carry secrets.
//!
//! Written here rather than taken from `data-encoding`, whose general
//! decoder is most of a WebAssembly build's size; characters are mapped
//! arithmetically, without table look-ups or branches on their values, as
//! in [`base32`](crate::base32).

use alloc::string::String;
use alloc::vec::Vec;

use subtle::{ConditionallySelectable, ConstantTimeGreater};
use zeroize::Zeroize;

use crate::base32::range_mask;

/// `bytes` as base64 with `=` padding.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let mut group = [0u8; 3];
        group[..chunk.len()].copy_from_slice(chunk);
        let bits = u32::from_be_bytes([0, group[0], group[1], group[2]]);
        for index in 0..4 {
            if index <= chunk.len() {
                let value = (bits >> (18 - 6 * index)).to_be_bytes()[3] & 0x3f;
                text.push(char::from(encode_value(value)));
            } else {
                text.push('=');
            }
        }
        group.zeroize();
    }
    text
}

/// The bytes of unpadded base64, or `None` for a character outside the
/// alphabet, a length whole bytes cannot produce, or non-zero bits after
/// the last byte.
pub(crate) fn decode(text: &[u8]) -> Option<Vec<u8>> {
    // 1 once a character is outside the alphabet.
    let mut invalid = 0u8;
    for &c in text {
        invalid |= !decode_char(c).1 & 1;
    }
    if invalid != 0 || text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut buffer: u32 = 0;
    let mut bits = 0u32;
    for &c in text {
        buffer = (buffer << 6) | u32::from(decode_char(c).0);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits).to_be_bytes()[3]);
        }
    }
    let leftover = buffer & ((1 << bits) - 1);
    buffer.zeroize();
    if leftover != 0 {
        out.zeroize();
        return None;
    }
    Some(out)
}

/// The 6-bit value of a base64 character and `0xff` when it is one (else
/// `0`), without branching on the character.
fn decode_char(c: u8) -> (u8, u8) {
    let upper = range_mask(c, b'A', b'Z');
    let lower = range_mask(c, b'a', b'z');
    let digit = range_mask(c, b'0', b'9');
    let plus = range_mask(c, b'+', b'+');
    let slash = range_mask(c, b'/', b'/');
    let value = (upper & c.wrapping_sub(b'A'))
        | (lower & c.wrapping_sub(b'a').wrapping_add(26))
        | (digit & c.wrapping_sub(b'0').wrapping_add(52))
        | (plus & 0x3e) // 62
        | (slash & 0x3f); // 63
    (value, upper | lower | digit | plus | slash)
}

/// The base64 character of a 6-bit value, without branching on the value:
/// from `A`, shifted at each boundary of the alphabet's runs.
fn encode_value(value: u8) -> u8 {
    let past = |limit: u8, delta: u8| u8::conditional_select(&0, &delta, value.ct_gt(&limit));
    let mut c = value.wrapping_add(b'A');
    c = c.wrapping_add(past(25, 6)); // a-z
    c = c.wrapping_sub(past(51, 75)); // 0-9
    c = c.wrapping_sub(past(61, 15)); // +
    c.wrapping_add(past(62, 3)) // /
}

#[cfg(test)]
mod tests {
    use super::{decode, decode_char, encode, encode_value};

    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    #[test]
    fn characters_agree_with_the_alphabet_on_every_byte() {
        for (value, &c) in (0u8..).zip(ALPHABET) {
            assert_eq!(encode_value(value), c);
        }
        for c in 0..=u8::MAX {
            match ALPHABET.iter().position(|&a| a == c) {
                Some(value) => assert_eq!(decode_char(c), (u8::try_from(value).unwrap(), 0xff)),
                None => assert_eq!(decode_char(c).1, 0, "{c:#04x}"),
            }
        }
    }

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
