//! Base32 [RFC 4648 §6] for secrets: a strict reader, a reader for what
//! people type, and an encoder, all in place (no allocation).
//!
//! Secret characters are mapped arithmetically, without table look-ups or
//! branches on their values.
//!
//! ```
//! let mut bytes = [0u8; 10];
//! let len = nidan::base32::decode("JBSWY3DPEHPK3PXP", &mut bytes)?;
//! assert_eq!(&bytes[..len], b"Hello!\xde\xad\xbe\xef");
//!
//! let mut text = [0u8; 16];
//! assert_eq!(nidan::base32::encode(&bytes, &mut text)?, "JBSWY3DPEHPK3PXP");
//! # Ok::<(), nidan::Error>(())
//! ```

use subtle::{Choice, ConditionallySelectable, ConstantTimeGreater};

use crate::error::{Error, Result};

/// Number of characters `encode` writes for `bytes` bytes (no padding).
///
/// ```
/// assert_eq!(nidan::base32::encoded_len(10), 16);
/// assert_eq!(nidan::base32::encoded_len(20), 32);
/// ```
pub const fn encoded_len(bytes: usize) -> usize {
    bytes / 5 * 8 + [0, 2, 4, 5, 7][bytes % 5]
}

/// Number of bytes `unpadded_chars` base32 characters decode to (rounding down).
///
/// ```
/// assert_eq!(nidan::base32::decoded_len(16), 10);
/// ```
pub const fn decoded_len(unpadded_chars: usize) -> usize {
    unpadded_chars / 8 * 5 + [0, 0, 1, 1, 2, 3, 3, 4][unpadded_chars % 8]
}

/// Decodes strict RFC 4648 base32 into `out`; returns the number of bytes.
///
/// Strict means: letters in either case, padding optional but exact and
/// only at the end when present, no separators or other characters, no
/// length that whole bytes cannot produce, and no non-zero bits after the
/// last byte [RFC 4648 §3.5].
///
/// # Errors
/// [`Error::Base32Character`] (with the 0-based character position),
/// [`Error::Base32Padding`], [`Error::Base32Length`],
/// [`Error::Base32TrailingBits`], or [`Error::BufferTooSmall`].
///
/// ```
/// use nidan::{base32, Error};
/// let mut out = [0u8; 8];
/// assert_eq!(base32::decode("mzxw6===", &mut out), Ok(3));
/// assert_eq!(&out[..3], b"foo");
/// assert_eq!(base32::decode("MZXW6==", &mut out), Err(Error::Base32Padding));
/// assert_eq!(base32::decode("ABC", &mut out), Err(Error::Base32Length));
/// ```
pub fn decode(text: &str, out: &mut [u8]) -> Result<usize> {
    let bytes = text.as_bytes();
    let data_len = bytes
        .iter()
        .rposition(|&c| c != b'=')
        .map_or(0, |last| last + 1);
    let (data, padding) = bytes.split_at(data_len);
    if let Some(position) = data.iter().position(|&c| c == b'=') {
        return Err(Error::Base32Character {
            position: char_position(text, position),
        });
    }
    check_padding(data.len(), padding.len())?;
    decode_unpadded(text, data, out)
}

/// Decodes base32 as people type it into `out`; returns the number of bytes.
///
/// On top of [`decode`], this accepts spaces (including the ideographic
/// space U+3000), tabs, hyphens and dashes anywhere, full-width letters and
/// digits from East Asian keyboards, and padding of any length at the end.
/// It still refuses characters outside the alphabet (`0`, `1`, `8`, `9` are
/// not guessed), impossible lengths and non-zero trailing bits: those are
/// signs of a mistyped key, better reported than silently accepted.
///
/// # Errors
/// As [`decode`]; positions count characters of the original text.
///
/// ```
/// let mut out = [0u8; 10];
/// let len = nidan::base32::decode_typed("jbsw-y3dp ＥＨＰＫ ３ｐｘｐ", &mut out)?;
/// assert_eq!(&out[..len], b"Hello!\xde\xad\xbe\xef");
/// # Ok::<(), nidan::Error>(())
/// ```
pub fn decode_typed(text: &str, out: &mut [u8]) -> Result<usize> {
    // The secret's characters, folded to ASCII, in a buffer wiped afterwards.
    let mut folded = Wiped([0u8; FOLDED_CAPACITY]);
    let mut len = 0;
    let mut padding_seen = false;
    for (position, c) in text.chars().enumerate() {
        if is_typed_separator(c) {
            continue;
        }
        let ascii = fold_full_width(c);
        if ascii == Some(b'=') {
            padding_seen = true;
            continue;
        }
        match ascii {
            Some(a) if !padding_seen => {
                let slot = folded.0.get_mut(len).ok_or(Error::SecretTooLong {
                    max_bytes: crate::Secret::MAX_BYTES,
                })?;
                *slot = a;
                len += 1;
            }
            _ => return Err(Error::Base32Character { position }),
        }
    }
    let data = &folded.0[..len];
    if let Some(position) = data.iter().position(|&c| decode_char(c).1.unwrap_u8() == 0) {
        // Map back to the original position: the n-th kept character.
        let original = text
            .chars()
            .enumerate()
            .filter(|&(_, c)| !is_typed_separator(c) && fold_full_width(c) != Some(b'='))
            .nth(position)
            .map_or(position, |(index, _)| index);
        return Err(Error::Base32Character { position: original });
    }
    decode_unpadded(text, data, out)
}

/// Encodes `bytes` as unpadded upper-case base32 into `out`; returns the text.
///
/// # Errors
/// [`Error::BufferTooSmall`] when `out` is shorter than [`encoded_len`].
///
/// ```
/// let mut out = [0u8; 8];
/// assert_eq!(nidan::base32::encode(b"foo", &mut out)?, "MZXW6");
/// # Ok::<(), nidan::Error>(())
/// ```
pub fn encode<'a>(bytes: &[u8], out: &'a mut [u8]) -> Result<&'a str> {
    let needed = encoded_len(bytes.len());
    let out = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let mut buffer: u64 = 0;
    let mut bits = 0u32;
    let mut written = 0;
    for &byte in bytes {
        buffer = (buffer << 8) | u64::from(byte);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out[written] = encode_value(low_five_bits(buffer >> bits));
            written += 1;
        }
    }
    if bits > 0 {
        out[written] = encode_value(low_five_bits(buffer << (5 - bits)));
    }
    Ok(ascii_str(out))
}

/// Encodes `bytes` as base32 in groups of four characters separated by
/// spaces, the way a user writes a key down; returns the text.
///
/// # Errors
/// [`Error::BufferTooSmall`] when `out` is shorter than [`grouped_len`].
///
/// ```
/// let mut out = [0u8; 19];
/// let text = nidan::base32::encode_grouped(b"Hello!\xde\xad\xbe\xef", &mut out)?;
/// assert_eq!(text, "JBSW Y3DP EHPK 3PXP");
/// # Ok::<(), nidan::Error>(())
/// ```
pub fn encode_grouped<'a>(bytes: &[u8], out: &'a mut [u8]) -> Result<&'a str> {
    let plain_len = encoded_len(bytes.len());
    let needed = grouped_len(bytes.len());
    let out = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    encode(bytes, &mut out[..plain_len])?;
    // Spread the groups from the back so that nothing is overwritten early.
    for index in (0..plain_len).rev() {
        let target = index + index / 4;
        out[target] = out[index];
        if index % 4 == 0 && index > 0 {
            out[target - 1] = b' ';
        }
    }
    Ok(ascii_str(out))
}

/// Number of characters `encode_grouped` writes for `bytes` bytes.
///
/// ```
/// assert_eq!(nidan::base32::grouped_len(10), 19);
/// ```
pub const fn grouped_len(bytes: usize) -> usize {
    let plain = encoded_len(bytes);
    if plain == 0 {
        0
    } else {
        plain + (plain - 1) / 4
    }
}

/// Room for the longest secret's characters, with padding.
const FOLDED_CAPACITY: usize = encoded_len(crate::Secret::MAX_BYTES) + 8;

/// A stack buffer that is zeroized when it goes out of scope.
struct Wiped<const N: usize>([u8; N]);

impl<const N: usize> Drop for Wiped<N> {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// Separators people put into keys and codes: spaces, tabs, hyphens and dashes.
pub(crate) fn is_typed_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FF0D}'
    )
}

/// Maps full-width ASCII forms (U+FF01..U+FF5E) to ASCII; ASCII stays.
pub(crate) fn fold_full_width(c: char) -> Option<u8> {
    let code = u32::from(c);
    let ascii = match code {
        0x21..=0x7e => code,
        0xff01..=0xff5e => code - 0xff01 + 0x21,
        _ => return None,
    };
    u8::try_from(ascii).ok()
}

/// Checks the padding of `data_len` characters followed by `padding_len` `=`.
fn check_padding(data_len: usize, padding_len: usize) -> Result<()> {
    if padding_len == 0 {
        return Ok(());
    }
    let expected = [0, 6, 6, 4, 4, 3, 1, 1][data_len % 8];
    let valid =
        data_len > 0 && [0, 2, 4, 5, 7].contains(&(data_len % 8)) && padding_len == expected;
    if valid {
        Ok(())
    } else {
        Err(Error::Base32Padding)
    }
}

/// Decodes characters already stripped of padding.
fn decode_unpadded(text: &str, data: &[u8], out: &mut [u8]) -> Result<usize> {
    // 1 once a character is outside the alphabet: Choice values, accumulated.
    let mut invalid = 0u8;
    for &c in data {
        invalid |= decode_char(c).1.unwrap_u8() ^ 1;
    }
    if invalid != 0 {
        let position = data
            .iter()
            .position(|&c| decode_char(c).1.unwrap_u8() == 0)
            .unwrap_or(0);
        return Err(Error::Base32Character {
            position: char_position(text, position),
        });
    }
    if matches!(data.len() % 8, 1 | 3 | 6) {
        return Err(Error::Base32Length);
    }
    let needed = decoded_len(data.len());
    let out = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let mut buffer: u64 = 0;
    let mut bits = 0u32;
    let mut written = 0;
    for &c in data {
        buffer = (buffer << 5) | u64::from(decode_char(c).0);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out[written] = (buffer >> bits).to_be_bytes()[7];
            written += 1;
        }
    }
    let leftover = buffer & ((1 << bits) - 1);
    if leftover != 0 {
        zeroize::Zeroize::zeroize(out);
        return Err(Error::Base32TrailingBits);
    }
    Ok(needed)
}

/// The 5-bit value of a base32 character and whether it is one, without
/// branching on the character: range checks by masks, one `Choice` made.
fn decode_char(c: u8) -> (u8, Choice) {
    let upper = range_mask(c, b'A', b'Z');
    let lower = range_mask(c, b'a', b'z');
    let digit = range_mask(c, b'2', b'7');
    let value = (upper & c.wrapping_sub(b'A'))
        | (lower & c.wrapping_sub(b'a'))
        | (digit & c.wrapping_sub(b'2').wrapping_add(26));
    (value, Choice::from((upper | lower | digit) & 1))
}

/// The base32 character of a 5-bit value, without branching on the value.
fn encode_value(value: u8) -> u8 {
    let is_digit = value.ct_gt(&25);
    let mut c = value.wrapping_add(b'A');
    c.conditional_assign(&value.wrapping_sub(26).wrapping_add(b'2'), is_digit);
    c
}

fn low_five_bits(value: u64) -> u8 {
    value.to_be_bytes()[7] & 0x1f
}

/// `0xff` when `low <= c <= high`, else `0`, by sign bits of wider
/// differences rather than by comparisons.
pub(crate) fn range_mask(c: u8, low: u8, high: u8) -> u8 {
    let below = i16::from(c) - i16::from(low);
    let above = i16::from(high) - i16::from(c);
    // The sign bits: bit 15 is set when c < low or c > high.
    let outside = (below | above).to_be_bytes()[0] >> 7;
    outside.wrapping_sub(1)
}

/// The character index of byte `byte_index` of `text` (or of the first
/// character boundary after it).
fn char_position(text: &str, byte_index: usize) -> usize {
    text.char_indices()
        .take_while(|&(i, _)| i < byte_index)
        .count()
}

/// Views bytes known to be ASCII as text.
fn ascii_str(bytes: &[u8]) -> &str {
    core::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::decode_char;

    /// Every byte: the alphabet's letters (either case) and digits 2-7 map
    /// to their values, everything else is refused.
    #[test]
    fn decode_char_agrees_with_the_alphabet_on_every_byte() {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for c in 0..=u8::MAX {
            let expected = ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase());
            let (value, valid) = decode_char(c);
            match expected {
                Some(position) => {
                    assert!(bool::from(valid), "{c:#04x}");
                    assert_eq!(usize::from(value), position, "{c:#04x}");
                }
                None => assert!(!bool::from(valid), "{c:#04x}"),
            }
        }
    }
}
