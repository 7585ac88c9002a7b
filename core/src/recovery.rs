//! Recovery codes: one-use codes a user prints at enrolment, for the day
//! the phone is lost.

use core::fmt;

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater};
use zeroize::Zeroize;

use crate::base32::{fold_full_width, is_typed_separator};
use crate::error::{Error, Result, StoredKind};
use crate::stored::{self, Kind, Reader, Writer};
use crate::verifier::{self, SALT_LEN, check_pepper, verifier};

const KIND: Kind = Kind {
    kind: StoredKind::RecoveryCodes,
    letter: b'R',
};

/// What the verifiers of recovery codes are keyed for.
const LABEL: &[u8] = b"nidan recovery code";

/// The 32 characters of a code: digits and capitals without `0`, `1`,
/// `I` and `O`, which people confuse with each other.
pub(crate) const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Characters in a code, without separators: 12 × 5 = 60 bits.
const CHARS: usize = 12;
/// Characters per group in the printed form.
const GROUP: usize = 4;
/// Length of the printed form: three groups joined by hyphens.
const PRINTED: usize = CHARS + CHARS / GROUP - 1;

/// A user's set of recovery codes as the server stores it: a salt, one
/// verifier per code, which codes were used, and a version.
///
/// Each code is 12 characters of a 32-letter alphabet (60 random bits),
/// printed in three groups (`7KQM-D4XH-ZT9C`); typed input may use any
/// case, spaces or hyphens, and full-width characters. The set stores
/// verifiers only (HMAC-SHA-256 with the server's pepper and the set's
/// salt; why that and not bcrypt is explained in the `verifier` module:
/// these codes are random, not chosen). A code works once: redeeming
/// returns the set with the code marked used and the version moved on,
/// to be written back by compare-and-set like the login
/// [`Record`](crate::Record), through [`Login::recover`](crate::Login::recover).
///
/// ```
/// use nidan::RecoveryCodes;
/// let pepper = [7u8; 32]; // the server's secret pepper, kept out of the database
/// let random: [u8; RecoveryCodes::random_len(10)] = core::array::from_fn(|i| i as u8); // use a real RNG
/// let (codes, sheet) = RecoveryCodes::from_random(&random, 10, &pepper)?;
/// assert_eq!((codes.count(), codes.remaining(), sheet.codes().len()), (10, 10, 10));
/// let typed = sheet.codes()[3].as_str().to_lowercase().replace('-', " ");
/// let codes = codes.redeem(&typed, &pepper)?.expect("a fresh code works");
/// assert_eq!(codes.remaining(), 9);
/// assert_eq!(codes.redeem(&typed, &pepper)?, None, "and only once");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RecoveryCodes {
    version: u64,
    count: u8,
    used: u32,
    salt: [u8; SALT_LEN],
    verifiers: [[u8; verifier::LEN]; Self::MAX_COUNT],
}

/// One recovery code as the user sees it: `XXXX-XXXX-XXXX`.
///
/// # Security
/// Shown once, at generation. Zeroized on drop; `Debug` hides it.
///
/// ```
/// # let (_, sheet) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { nidan::RecoveryCodes::random_len(1) }, _>(|i| i as u8), 1, &[7; 32])?;
/// let code = &sheet.codes()[0];
/// assert_eq!(code.as_str().len(), 14);
/// assert_eq!(format!("{code:?}"), "RecoveryCode(..)");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone)]
pub struct RecoveryCode {
    text: [u8; PRINTED],
}

/// The codes of a new set, to show the user once (and never store).
///
/// ```
/// # let (_, sheet) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { nidan::RecoveryCodes::random_len(2) }, _>(|i| i as u8), 2, &[7; 32])?;
/// assert_eq!(format!("{sheet:?}"), "RecoverySheet { count: 2, .. }");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone)]
pub struct RecoverySheet {
    codes: [RecoveryCode; RecoveryCodes::MAX_COUNT],
    count: usize,
}

impl RecoveryCodes {
    /// Codes in a set unless asked otherwise.
    pub const DEFAULT_COUNT: usize = 10;
    /// The most codes in a set.
    pub const MAX_COUNT: usize = 20;
    /// Random bits per code.
    pub const BITS: u32 = 60;
    /// The shortest pepper accepted, in bytes.
    pub const MIN_PEPPER_BYTES: usize = verifier::MIN_PEPPER;
    /// Length of the byte form of the largest set.
    pub const MAX_BYTES: usize =
        stored::OVERHEAD + 1 + 4 + 8 + SALT_LEN + Self::MAX_COUNT * verifier::LEN;

    /// Random bytes [`RecoveryCodes::from_random`] needs for `count` codes:
    /// 16 for the salt and 8 per code.
    ///
    /// ```
    /// assert_eq!(nidan::RecoveryCodes::random_len(10), 96);
    /// ```
    pub const fn random_len(count: usize) -> usize {
        SALT_LEN + count.saturating_mul(8)
    }

    /// A new set of `count` codes from random bytes the caller drew from a
    /// cryptographically secure generator, with the pepper the server keeps.
    ///
    /// # Errors
    /// [`Error::Setting`] when `count` is not from 1 to 20,
    /// [`Error::RandomTooShort`] when `random` is shorter than
    /// [`RecoveryCodes::random_len`], [`Error::SecretTooShort`] for a pepper
    /// under 16 bytes, [`Error::Setting`] when two codes' random bytes are
    /// equal (a broken generator).
    ///
    /// ```
    /// use nidan::RecoveryCodes;
    /// assert!(RecoveryCodes::from_random(&[0; 96], 0, &[7; 32]).is_err());
    /// assert!(RecoveryCodes::from_random(&[0; 95], 10, &[7; 32]).is_err());
    /// assert!(RecoveryCodes::from_random(&[0; 96], 10, b"short").is_err());
    /// ```
    pub fn from_random(
        random: &[u8],
        count: usize,
        pepper: &[u8],
    ) -> Result<(Self, RecoverySheet)> {
        if count == 0 || count > Self::MAX_COUNT {
            return Err(Error::Setting {
                rule: "the number of recovery codes must be from 1 to 20",
            });
        }
        check_pepper(pepper)?;
        let needed = Self::random_len(count);
        let random = random
            .get(..needed)
            .ok_or(Error::RandomTooShort { needed })?;
        let (salt, per_code) = random.split_at(SALT_LEN);
        if repeats(per_code) {
            return Err(Error::Setting {
                rule: "the random input repeats itself: draw it from a secure generator",
            });
        }
        let mut codes = Self {
            version: 0,
            // count <= 20.
            count: u8::try_from(count).unwrap_or(0),
            used: 0,
            salt: [0; SALT_LEN],
            verifiers: [[0; verifier::LEN]; Self::MAX_COUNT],
        };
        codes.salt.copy_from_slice(salt);
        let mut sheet = RecoverySheet {
            codes: core::array::from_fn(|_| RecoveryCode { text: [0; PRINTED] }),
            count,
        };
        for ((chunk, slot), printed) in per_code
            .chunks_exact(8)
            .zip(&mut codes.verifiers)
            .zip(&mut sheet.codes)
        {
            let mut bits = [0u8; 8];
            bits.copy_from_slice(chunk);
            let mut chars = spell(u64::from_be_bytes(bits));
            bits.zeroize();
            *slot = verifier(pepper, LABEL, &codes.salt, &chars);
            printed.text = group(&chars);
            chars.zeroize();
        }
        Ok((codes, sheet))
    }

    /// A new set of `count` codes from the operating system's generator.
    ///
    /// # Errors
    /// As [`RecoveryCodes::from_random`], or [`Error::RandomSource`].
    ///
    /// ```
    /// let (codes, sheet) = nidan::RecoveryCodes::generate(10, &[7; 32])?;
    /// assert_eq!(codes.remaining(), sheet.codes().len());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate(count: usize, pepper: &[u8]) -> Result<(Self, RecoverySheet)> {
        let mut random = [0u8; Self::random_len(Self::MAX_COUNT)];
        let drawn = random
            .get_mut(..Self::random_len(count.min(Self::MAX_COUNT)))
            .ok_or(Error::RandomSource)?;
        getrandom::fill(drawn).map_err(|_| Error::RandomSource)?;
        let result = Self::from_random(&random, count, pepper);
        random.zeroize();
        result
    }

    /// The set with the typed code marked used and the version moved on,
    /// or `None` when the code is not an unused code of this set (or is not
    /// the shape of a recovery code at all).
    ///
    /// [`Login::recover`](crate::Login::recover) does this behind the
    /// throttle; call this directly only with a throttle of your own.
    ///
    /// # Errors
    /// [`Error::SecretTooShort`] for a pepper under 16 bytes.
    ///
    /// # Security
    /// The typed code is checked against every code of the set, used or
    /// not, in constant time: timing shows whether the input had the shape
    /// of a code and the size of the set, not which code matched.
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 96 }, _>(|i| i as u8), 10, &[7; 32])?;
    /// assert_eq!(codes.redeem("AAAA-AAAA-AAAA", &[7; 32])?, None);
    /// assert_eq!(codes.redeem("not a code", &[7; 32])?, None);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn redeem(&self, typed: &str, pepper: &[u8]) -> Result<Option<Self>> {
        check_pepper(pepper)?;
        let Some(mut chars) = normalize(typed) else {
            return Ok(None);
        };
        let candidate = verifier(pepper, LABEL, &self.salt, &chars);
        chars.zeroize();
        let mut found = Choice::from(0);
        let mut index = 0u8;
        for (slot, stored) in (0u8..).zip(&self.verifiers[..usize::from(self.count)]) {
            let unused = Choice::from(u8::from((self.used >> slot) & 1 == 0));
            let matches = candidate.ct_eq(stored) & unused;
            index.conditional_assign(&slot, matches);
            found |= matches;
        }
        if !bool::from(found) {
            return Ok(None);
        }
        Ok(Some(Self {
            used: self.used | (1 << index),
            version: self.version.wrapping_add(1),
            ..self.clone()
        }))
    }

    /// Codes in the set.
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 56 }, _>(|i| i as u8), 5, &[7; 32])?;
    /// assert_eq!(codes.count(), 5);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn count(&self) -> usize {
        usize::from(self.count)
    }

    /// Codes not used yet: when it runs low, offer the user a new set.
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 56 }, _>(|i| i as u8), 5, &[7; 32])?;
    /// assert_eq!(codes.remaining(), 5);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn remaining(&self) -> usize {
        // At most 20 bits are set.
        self.count().saturating_sub(self.used.count_ones() as usize)
    }

    /// The version: 0 for a new set, one more with each redeemed code.
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 56 }, _>(|i| i as u8), 5, &[7; 32])?;
    /// assert_eq!(codes.version(), 0);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn version(&self) -> u64 {
        self.version
    }

    /// Length of this set's byte form.
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 96 }, _>(|i| i as u8), 10, &[7; 32])?;
    /// assert_eq!(codes.byte_len(), 195);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn byte_len(&self) -> usize {
        Self::MAX_BYTES - (Self::MAX_COUNT - self.count()) * verifier::LEN
    }

    fn encoded(&self) -> ([u8; Self::MAX_BYTES], usize) {
        let mut writer = Writer::<{ Self::MAX_BYTES }>::new(KIND);
        writer.put(&[self.count]);
        writer.put(&self.used.to_be_bytes());
        writer.put(&self.version.to_be_bytes());
        writer.put(&self.salt);
        for verifier in &self.verifiers[..self.count()] {
            writer.put(verifier);
        }
        writer.seal()
    }

    /// Writes the byte form into `out`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when `out` is shorter than [`RecoveryCodes::byte_len`].
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 96 }, _>(|i| i as u8), 10, &[7; 32])?;
    /// let mut out = [0u8; nidan::RecoveryCodes::MAX_BYTES];
    /// let bytes = codes.write_bytes(&mut out)?;
    /// assert_eq!(nidan::RecoveryCodes::from_bytes(bytes)?, codes);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write_bytes<'a>(&self, out: &'a mut [u8]) -> Result<&'a [u8]> {
        let (bytes, len) = self.encoded();
        let out = out
            .get_mut(..len)
            .ok_or(Error::BufferTooSmall { needed: len })?;
        out.copy_from_slice(&bytes[..len]);
        Ok(out)
    }

    /// The byte form (feature `alloc`).
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 96 }, _>(|i| i as u8), 10, &[7; 32])?;
    /// assert_eq!(codes.to_bytes().len(), codes.byte_len());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_bytes(&self) -> alloc::vec::Vec<u8> {
        let (bytes, len) = self.encoded();
        bytes[..len].to_vec()
    }

    /// The text form: the bytes in base32 (feature `alloc`).
    ///
    /// ```
    /// # let (codes, _) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 96 }, _>(|i| i as u8), 10, &[7; 32])?;
    /// assert_eq!(nidan::RecoveryCodes::from_text(&codes.to_text())?, codes);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_text(&self) -> alloc::string::String {
        let (bytes, len) = self.encoded();
        stored::to_text(&bytes[..len])
    }

    /// Reads the byte form.
    ///
    /// # Errors
    /// [`Error::StoredValue`] when the bytes are not a set of recovery codes
    /// of a known format, are truncated or corrupted, or hold an impossible field.
    ///
    /// ```
    /// let err = nidan::RecoveryCodes::from_bytes(&nidan::Record::new().to_bytes()).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "stored recovery codes cannot be read: it is not of this kind (another value or not nidan's)"
    /// );
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut reader = Reader::open(KIND, bytes)?;
        let count = reader.u8()?;
        let used = reader.u32()?;
        let version = reader.u64()?;
        let salt = reader.take::<SALT_LEN>()?;
        if count == 0 || usize::from(count) > Self::MAX_COUNT {
            return Err(reader.invalid("its number of codes is out of range"));
        }
        if used >> count != 0 {
            return Err(reader.invalid("it marks codes used that it does not have"));
        }
        let mut verifiers = [[0; verifier::LEN]; Self::MAX_COUNT];
        for slot in &mut verifiers[..usize::from(count)] {
            *slot = reader.take()?;
        }
        reader.finish()?;
        Ok(Self {
            version,
            count,
            used,
            salt,
            verifiers,
        })
    }

    /// Reads the text form.
    ///
    /// # Errors
    /// As [`RecoveryCodes::from_bytes`], and when the text is not base32.
    ///
    /// ```
    /// assert!(nidan::RecoveryCodes::from_text("").is_err());
    /// ```
    pub fn from_text(text: &str) -> Result<Self> {
        let mut bytes = [0u8; Self::MAX_BYTES];
        let len = stored::read_text(KIND, text, &mut bytes)?;
        Self::from_bytes(&bytes[..len])
    }
}

/// Shows the counts and the version, not the salt or the verifiers.
impl fmt::Debug for RecoveryCodes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecoveryCodes")
            .field("count", &self.count)
            .field("remaining", &self.remaining())
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl RecoveryCode {
    /// The code in three groups of four, as the user should see it.
    ///
    /// # Security
    /// This exposes the code: show it once.
    ///
    /// ```
    /// # let (_, sheet) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 24 }, _>(|i| i as u8), 1, &[7; 32])?;
    /// assert_eq!(sheet.codes()[0].as_str().split('-').count(), 3);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.text).unwrap_or_default()
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(..)")
    }
}

impl Drop for RecoveryCode {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

impl RecoverySheet {
    /// The codes, in order.
    ///
    /// ```
    /// # let (_, sheet) = nidan::RecoveryCodes::from_random(&core::array::from_fn::<u8, { 56 }, _>(|i| i as u8), 5, &[7; 32])?;
    /// assert_eq!(sheet.codes().len(), 5);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn codes(&self) -> &[RecoveryCode] {
        &self.codes[..self.count]
    }
}

impl fmt::Debug for RecoverySheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecoverySheet")
            .field("count", &self.count)
            .finish_non_exhaustive()
    }
}

/// Whether two codes' random bytes are equal: from a real generator that
/// happens once in 2^60 draws, from a broken one (zeros, a repeated
/// block) every time, and two equal codes would share a verifier.
fn repeats(per_code: &[u8]) -> bool {
    let codes = per_code.chunks_exact(8);
    codes
        .clone()
        .enumerate()
        .any(|(index, code)| codes.clone().skip(index + 1).any(|other| other == code))
}

/// The 12 characters of the top 60 bits of `bits`.
fn spell(bits: u64) -> [u8; CHARS] {
    let mut chars = [0u8; CHARS];
    for (index, c) in (0u32..).zip(&mut chars) {
        let value = (bits >> (59 - 5 * index)).to_be_bytes()[7] & 0x1f;
        *c = alphabet_char(value);
    }
    chars
}

/// The character of a 5-bit value, computed without a table look-up or a
/// branch on the (secret) value: digits 2-9, then A-Z skipping I and O.
fn alphabet_char(value: u8) -> u8 {
    let letter = value.wrapping_sub(8);
    let mut c = value.wrapping_add(b'2');
    let mut as_letter = letter.wrapping_add(b'A');
    // Skip I (after H, letter 8) and O (after N, letter 13).
    as_letter = as_letter.wrapping_add(letter.ct_gt(&7).unwrap_u8());
    as_letter = as_letter.wrapping_add(letter.ct_gt(&12).unwrap_u8());
    c.conditional_assign(&as_letter, value.ct_gt(&7));
    c
}

/// `chars` in groups of four joined by hyphens.
fn group(chars: &[u8; CHARS]) -> [u8; PRINTED] {
    let mut text = [b'-'; PRINTED];
    for (index, &c) in chars.iter().enumerate() {
        text[index + index / GROUP] = c;
    }
    text
}

/// The 12 characters of a code as typed: separators dropped, full-width
/// forms folded, lower case raised; `None` when anything else is left or
/// the length is wrong.
fn normalize(typed: &str) -> Option<[u8; CHARS]> {
    let mut chars = [0u8; CHARS];
    let mut len = 0;
    for c in typed.chars() {
        if is_typed_separator(c) {
            continue;
        }
        let ascii = fold_full_width(c)?.to_ascii_uppercase();
        if !ALPHABET.contains(&ascii) {
            chars.zeroize();
            return None;
        }
        *chars.get_mut(len)? = ascii;
        len += 1;
    }
    (len == CHARS).then_some(chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arithmetic_alphabet_is_the_alphabet() {
        for (value, &expected) in (0u8..).zip(ALPHABET) {
            assert_eq!(alphabet_char(value), expected, "{value}");
        }
    }

    #[test]
    fn typed_forms_normalise_to_the_same_characters() {
        let plain = normalize("7KQM-D4XH-ZT9C").unwrap();
        for typed in [
            "7kqmd4xhzt9c",
            "7KQM D4XH ZT9C",
            "７ＫＱＭ－Ｄ４ＸＨ－ＺＴ９Ｃ",
            " 7kqm-d4xh zt9c ",
        ] {
            assert_eq!(normalize(typed), Some(plain), "{typed}");
        }
        for wrong in [
            "7KQM-D4XH-ZT9",
            "7KQM-D4XH-ZT9CC",
            "0KQM-D4XH-ZT9C",
            "IKQM-D4XH-ZT9C",
            "",
        ] {
            assert_eq!(normalize(wrong), None, "{wrong}");
        }
    }
}
