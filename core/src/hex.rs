//! **Low level, for secret keys only:** hexadecimal (base16) key text, read
//! and written in place (no allocation), for callers that hold key bytes
//! of any length outside a [`Secret`](crate::Secret): the otpauth drop-in's
//! `Secret.fromHex` and `Secret.hex`.
//!
//! The reading policy is the otpauth npm package's `Secret.fromHex`
//! (hectorm/otpauth 9.x, checked against it by the drop-in's differential
//! test): digits in either case, spaces (U+0020 only) ignored anywhere, an
//! even number of digits, nothing else: no `0x` prefix, no tabs or line
//! breaks, no `:` or `-` separators. The empty text reads as no bytes.
//! otpauth upper-cases with JavaScript's full Unicode mapping before it
//! reads, so it also takes the ligature `ﬀ` (U+FB00) as `FF`; here only
//! ASCII digits count, and `ﬀ` is an [`Error::HexCharacter`].
//!
//! The alphabet is `base16ct`, from the `RustCrypto` project, made for
//! this: no table look-ups and no branches on the digits' values (a hex key
//! is a secret, so its digits must not steer timing), `no_std`, the sibling
//! of the `base32ct` that [`base32`](crate::base32) uses. Added here is what
//! it leaves to its callers: skipping spaces (a branch on "is a space",
//! which a digit never is), the position of the first bad character and the
//! odd-length error, both found on the error path, and wiping the copies of
//! the digits.
//!
//! ```
//! let mut bytes = [0u8; 4];
//! assert_eq!(nidan::hex::decode("de AD be ef", &mut bytes)?, b"\xde\xad\xbe\xef");
//!
//! let mut text = [0u8; 8];
//! assert_eq!(nidan::hex::encode(&bytes, &mut text)?, "DEADBEEF");
//! # Ok::<(), nidan::Error>(())
//! ```

use zeroize::Zeroize;

use crate::error::{Error, Result};

/// Number of bytes `text` reads to: half its digits, spaces not counted
/// (rounding down; an odd count is [`decode`]'s error).
///
/// ```
/// assert_eq!(nidan::hex::decoded_len("0a 1B 2c"), 3);
/// ```
pub fn decoded_len(text: &str) -> usize {
    text.bytes().filter(|&c| c != b' ').count() / 2
}

/// Number of characters [`encode`] writes for `bytes` bytes.
///
/// ```
/// assert_eq!(nidan::hex::encoded_len(20), 40);
/// ```
pub const fn encoded_len(bytes: usize) -> usize {
    bytes.saturating_mul(2)
}

/// Reads hex key text into `out`, as the otpauth package's `Secret.fromHex`
/// does (see the [module](self)); returns the bytes read, in constant time
/// for valid text.
///
/// # Errors
/// [`Error::HexCharacter`] (with the 0-based position, in characters, of
/// the first character that is not a hex digit or a space),
/// [`Error::HexLength`] for an odd number of digits, or
/// [`Error::BufferTooSmall`] when `out` is shorter than [`decoded_len`].
///
/// ```
/// use nidan::{hex, Error};
/// let mut out = [0u8; 8];
/// assert_eq!(hex::decode("00ff FF", &mut out)?, [0x00, 0xff, 0xff]);
/// assert_eq!(hex::decode("", &mut out)?, []);
/// assert_eq!(hex::decode("0x12", &mut out), Err(Error::HexCharacter { position: 1 }));
/// assert_eq!(hex::decode("ab\tcd", &mut out), Err(Error::HexCharacter { position: 2 }));
/// assert_eq!(hex::decode("abc", &mut out), Err(Error::HexLength));
/// # Ok::<(), Error>(())
/// ```
pub fn decode<'a>(text: &str, out: &'a mut [u8]) -> Result<&'a [u8]> {
    let needed = decoded_len(text);
    let out = out
        .get_mut(..needed)
        .ok_or(Error::BufferTooSmall { needed })?;
    // Two digits at a time, the spaces left out; wiped on every return.
    let mut pair = Wiped([0u8; 2]);
    let mut held = 0;
    let mut written = 0;
    for (index, c) in text.bytes().enumerate() {
        if c == b' ' {
            continue;
        }
        pair.0[held] = c;
        held += 1;
        if held == 2 {
            held = 0;
            if base16ct::mixed::decode(pair.0, &mut out[written..=written]).is_err() {
                // The error path: which of the two is not a digit.
                let first_is_digit = base16ct::mixed::decode([pair.0[0], b'0'], &mut [0]).is_ok();
                let bad = if first_is_digit {
                    index
                } else {
                    previous_digit(text, index)
                };
                out.zeroize();
                return Err(Error::HexCharacter {
                    position: char_position(text, bad),
                });
            }
            written += 1;
        }
    }
    if held == 1 {
        out.zeroize();
        // The last digit has no partner: a bad character is named first, as
        // otpauth reads from the start.
        let last = text.bytes().rposition(|c| c != b' ').unwrap_or_default();
        if base16ct::mixed::decode([pair.0[0], b'0'], &mut [0]).is_err() {
            return Err(Error::HexCharacter {
                position: char_position(text, last),
            });
        }
        return Err(Error::HexLength);
    }
    Ok(out)
}

/// Writes `bytes` as upper-case hex (as otpauth's `Secret.hex` does) into
/// `out`; returns the text.
///
/// # Errors
/// [`Error::BufferTooSmall`] when `out` is shorter than [`encoded_len`].
///
/// ```
/// let mut out = [0u8; 6];
/// assert_eq!(nidan::hex::encode(b"\x00\xab\x7f", &mut out)?, "00AB7F");
/// # Ok::<(), nidan::Error>(())
/// ```
pub fn encode<'a>(bytes: &[u8], out: &'a mut [u8]) -> Result<&'a str> {
    let needed = encoded_len(bytes.len());
    base16ct::upper::encode_str(bytes, out).map_err(|_| Error::BufferTooSmall { needed })
}

/// The index of the last non-space byte before `index`.
fn previous_digit(text: &str, index: usize) -> usize {
    text.as_bytes()[..index]
        .iter()
        .rposition(|&c| c != b' ')
        .unwrap_or_default()
}

/// The number of characters before byte `index` of `text`.
fn char_position(text: &str, index: usize) -> usize {
    text.char_indices()
        .take_while(|&(at, _)| at < index)
        .count()
}

/// A buffer of key characters, wiped when dropped.
struct Wiped([u8; 2]);

impl Drop for Wiped {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_writes_for_every_byte() {
        let bytes: [u8; 256] = core::array::from_fn(|i| i.to_le_bytes()[0]);
        let mut text = [0u8; 512];
        let written = encode(&bytes, &mut text).unwrap();
        let mut read = [0u8; 256];
        assert_eq!(decode(written, &mut read).unwrap(), bytes);
        let lower = written.to_ascii_lowercase();
        assert_eq!(decode(&lower, &mut read).unwrap(), bytes);
    }

    #[test]
    fn every_non_digit_byte_is_a_bad_character() {
        let mut out = [0u8; 2];
        for c in 0..=127u8 {
            let text = [b'a', b'b', b'c', c];
            let text = core::str::from_utf8(&text).unwrap();
            let result = decode(text, &mut out);
            if c.is_ascii_hexdigit() {
                assert!(result.is_ok(), "{c}");
            } else if c == b' ' {
                assert_eq!(result, Err(Error::HexLength), "{c}");
            } else {
                assert_eq!(result, Err(Error::HexCharacter { position: 3 }), "{c}");
            }
        }
    }

    #[test]
    fn positions_count_characters_of_the_original_text() {
        let mut out = [0u8; 8];
        assert_eq!(
            decode("a b é0", &mut out),
            Err(Error::HexCharacter { position: 4 })
        );
        assert_eq!(
            decode("ab cdéf", &mut out),
            Err(Error::HexCharacter { position: 5 })
        );
        assert_eq!(
            decode("\u{fb00}", &mut out),
            Err(Error::HexCharacter { position: 0 })
        );
        // A bad last character of an odd text is named, not the length.
        assert_eq!(
            decode("abc g ", &mut out),
            Err(Error::HexCharacter { position: 4 })
        );
    }

    #[test]
    fn spaces_anywhere_and_the_empty_text() {
        let mut out = [0u8; 2];
        assert_eq!(decode("  a   b C d  ", &mut out).unwrap(), [0xab, 0xcd]);
        assert_eq!(decode("   ", &mut out).unwrap(), []);
    }

    #[test]
    fn short_buffers_are_refused_before_reading() {
        let mut out = [0u8; 1];
        assert_eq!(
            decode("abcd", &mut out),
            Err(Error::BufferTooSmall { needed: 2 })
        );
        assert_eq!(
            encode(b"ab", &mut [0u8; 3]),
            Err(Error::BufferTooSmall { needed: 4 })
        );
    }

    #[test]
    fn a_refused_text_leaves_no_bytes_behind() {
        let mut out = [0u8; 3];
        assert!(decode("abcdzz", &mut out).is_err());
        assert_eq!(out, [0; 3]);
    }
}
