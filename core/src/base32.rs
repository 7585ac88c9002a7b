//! **Low level, for secret keys only:** the base32 [RFC 4648 §6] behind
//! [`Secret`](crate::Secret): a strict reader, a reader for what people
//! type, and an encoder, all in place (no allocation). Read and show keys
//! with [`Secret`](crate::Secret)'s methods instead; this module is public
//! for callers that hold key bytes outside a `Secret` (the otpauth
//! drop-in's keys of any length, the fuzz targets, the wipe checks).
//!
//! It is not a general base32 codec: its reading errors are the secret family's
//! ([`ErrorFamily::Secret`](crate::ErrorFamily::Secret)), the reader for
//! typed text holds at most [`Secret::MAX_BYTES`](crate::Secret::MAX_BYTES)
//! and calls a longer input [`Error::SecretTooLong`], and every buffer that
//! holds a key's characters is wiped.
//!
//! The alphabet itself is `base32ct`, from the `RustCrypto` project: no
//! table look-ups and no branches on the characters' values, `no_std`.
//! What is added here is what it leaves to its callers, measured against
//! nidan's rules and this module's tests (`core/tests/properties.rs` checks every reader against
//! `data-encoding`):
//! - case: `base32ct` reads one case per alphabet; keys come in either, so
//!   letters are folded to upper case first, without branches;
//! - padding: `base32ct` strips up to six `=` without checking their count
//!   (its own "TODO"), so padding is checked here and removed before;
//! - trailing bits: `base32ct` ignores non-zero bits after the last byte
//!   (`MZXW7` reads as `foo`); the last block is encoded again and compared
//!   in constant time, so only the canonical text is accepted;
//! - errors: `base32ct` says only "invalid"; the position of the first bad
//!   character and the length error are found here, on the error path;
//! - typed keys: spaces, hyphens, full-width characters are folded away by
//!   [`decode_typed`] before the strict reader runs;
//! - groups of four for writing a key down ([`encode_grouped`]).
//!
//! Every buffer holding the secret's characters is on the stack and wiped.
//!
//! Cost, measured: `Secret::from_base32` of a 32-character key takes
//! 346 ns in the `secret/base32` criterion bench (`cargo bench -p
//! nidan-benches --bench peers -- secret/base32`), against 493 ns for the
//! earlier own alphabet code (the README's table before issue 13); in the npm package's
//! `nidan.wasm` the crate's code is 1.41 KB larger gzipped than that own
//! code (29,035 against 27,627 bytes, `bindings-wasm/build.sh` on the
//! build-std route).
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

use base32ct::{Base32UpperUnpadded, Encoding as _};
use subtle::{Choice, ConstantTimeEq};
use zeroize::Zeroize;

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
    decode_unpadded(data, |index| char_position(text, index), out)
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
    let original_position = |kept: usize| {
        // The n-th kept character's index in the original text.
        text.chars()
            .enumerate()
            .filter(|&(_, c)| !is_typed_separator(c) && fold_full_width(c) != Some(b'='))
            .nth(kept)
            .map_or(kept, |(index, _)| index)
    };
    decode_unpadded(&folded.0[..len], original_position, out)
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
    Base32UpperUnpadded::encode(bytes, out).map_err(|_| Error::BufferTooSmall { needed })
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
        self.0.zeroize();
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

/// Decodes characters stripped of padding, 8 at a time (40 bits) through
/// a wiped block where letters are folded to upper case; `position` maps an
/// index in `data` to the character position reported in errors.
fn decode_unpadded(
    data: &[u8],
    position: impl Fn(usize) -> usize,
    out: &mut [u8],
) -> Result<usize> {
    let character_error = || {
        first_invalid(data).map(|index| Error::Base32Character {
            position: position(index),
        })
    };
    if matches!(data.len() % 8, 1 | 3 | 6) {
        return Err(character_error().unwrap_or(Error::Base32Length));
    }
    let needed = decoded_len(data.len());
    let out = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    let mut decoded = true;
    let mut canonical = Choice::from(1);
    let (mut block, mut again) = (Wiped([0u8; 8]), Wiped([0u8; 8]));
    for (chunk, bytes) in data.chunks(8).zip(out.chunks_mut(5)) {
        let text = &mut block.0[..chunk.len()];
        text.copy_from_slice(chunk);
        fold_to_upper(text);
        decoded &= Base32UpperUnpadded::decode(&*text, bytes).is_ok();
        if chunk.len() < 8 {
            // The last, partial block is canonical when its bytes encode
            // back to the same text: no non-zero bits follow the last byte.
            // (Whole blocks of 8 characters have no bits left over.)
            let encoded =
                Base32UpperUnpadded::encode(bytes, &mut again.0).map_or(&b""[..], str::as_bytes);
            canonical = (*text).ct_eq(encoded);
        }
    }
    let valid = Choice::from(u8::from(decoded)) & canonical;
    if bool::from(valid) {
        return Ok(needed);
    }
    out.zeroize();
    Err(character_error().unwrap_or(Error::Base32TrailingBits))
}

/// Upper case for ASCII letters, without branching on the characters: the
/// case bit is cleared under a mask made from the sign bits of wider
/// differences.
fn fold_to_upper(text: &mut [u8]) {
    for c in text {
        let below = i16::from(*c) - i16::from(b'a');
        let above = i16::from(b'z') - i16::from(*c);
        // Bit 15 of either is set when `c` is outside a..=z.
        let outside = (below | above).to_be_bytes()[0] >> 7;
        *c ^= outside.wrapping_sub(1) & 0x20;
    }
}

/// On the error path only: the index of the first character outside the
/// alphabet (one is, when `base32ct` cannot read it followed by `A`).
fn first_invalid(data: &[u8]) -> Option<usize> {
    data.iter().position(|&c| {
        let mut pair = [c, b'A'];
        fold_to_upper(&mut pair);
        Base32UpperUnpadded::decode(pair, &mut [0u8; 1]).is_err()
    })
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
    use super::{decode, encode};

    /// Every byte after a valid character: the alphabet's letters (either
    /// case) and digits 2-7 are read as their values, the rest refused at
    /// their position.
    #[test]
    fn the_alphabet_on_every_byte() {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for c in 0..=u8::MAX {
            let text = [b'A', c];
            let Ok(text) = core::str::from_utf8(&text) else {
                continue;
            };
            let mut out = [0u8; 1];
            match ALPHABET.iter().position(|&a| a == c.to_ascii_uppercase()) {
                // "A" then a value v: the byte is v >> 2, with v & 3 trailing.
                Some(value) if value % 4 == 0 => {
                    assert_eq!(decode(text, &mut out), Ok(1), "{c:#04x}");
                    assert_eq!(usize::from(out[0]), value >> 2, "{c:#04x}");
                }
                Some(_) => assert_eq!(
                    decode(text, &mut out),
                    Err(crate::Error::Base32TrailingBits)
                ),
                None if c == b'=' => {}
                None => assert_eq!(
                    decode(text, &mut out),
                    Err(crate::Error::Base32Character { position: 1 }),
                    "{c:#04x}"
                ),
            }
        }
        let mut text = [0u8; 8];
        assert_eq!(encode(b"f", &mut text), Ok("MY"));
    }
}
