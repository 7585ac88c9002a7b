//! One-time codes: the fixed-width strings users type, and how a truncated
//! MAC becomes one.
//!
//! # Security
//! No division by a run-time value and no table look-up indexed by a
//! secret-derived value happens here: codes are reduced by constant divisors
//! with a multiply and a shift ([`Divisor`], computed at compile time and
//! chosen by the digit count, a public setting), and Steam characters are
//! computed arithmetically.
//! Some processors (many ARM and AMD cores) divide in a time that depends on
//! the operands, and a WebAssembly division becomes whatever the host's
//! division instruction does; `scripts/parts/ct.sh` checks the release build
//! for x86-64 and wasm32 for division instructions on these paths.

use core::fmt;
use core::hash::{Hash, Hasher};

use subtle::{Choice, ConstantTimeEq};

use crate::base32::is_typed_separator;
use crate::error::{Error, Result};
use crate::mac::MAX_MAC_LEN;

/// The fewest digits a decimal code may have [RFC 4226 §5.3].
pub const MIN_DIGITS: u32 = 6;
/// The most digits a decimal code may have (pyotp allows 10; 31 bits fit in 10 digits).
pub const MAX_DIGITS: u32 = 10;

/// How the characters of a code are written.
///
/// Decimal digits are the standard [RFC 4226 §5.3]. Steam Guard writes the
/// same truncated MAC as 5 characters of its own alphabet: set
/// [`HotpConfig::format`](crate::HotpConfig::format) or
/// [`TotpConfig::format`](crate::TotpConfig::format), with `digits` 5 (as
/// `TotpConfig::steam()` does, with the `steam` feature).
///
/// ```
/// use nidan::{CodeFormat, Secret, Totp, TotpConfig};
/// let totp = Totp::new(&Secret::from_base32("63BEDWCQZKTQWPESARIERL5DTTQFCJTK")?, TotpConfig::steam())?;
/// assert_eq!(totp.config().format, CodeFormat::Steam);
/// assert_eq!(totp.generate(1_511_200_518)?, "FR8RV");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeFormat {
    /// `digits` decimal digits, 6 to 10, zero-padded.
    #[default]
    Decimal,
    /// Steam Guard: [`CodeFormat::STEAM_DIGITS`] characters from
    /// [`CodeFormat::STEAM_ALPHABET`], the first from the lowest base-26
    /// digit of the truncated MAC (feature `steam`, on by default).
    #[cfg(feature = "steam")]
    Steam,
}

impl CodeFormat {
    /// The 26 characters of Steam Guard codes.
    #[cfg(feature = "steam")]
    pub const STEAM_ALPHABET: &'static str = "23456789BCDFGHJKMNPQRTVWXY";
    /// The length of a Steam Guard code.
    #[cfg(feature = "steam")]
    pub const STEAM_DIGITS: u32 = 5;

    /// The format named `name`, `decimal` or `steam` in any case.
    ///
    /// ```
    /// use nidan::CodeFormat;
    /// assert_eq!(CodeFormat::from_name("Steam"), Some(CodeFormat::Steam));
    /// assert_eq!("decimal".parse(), Ok(CodeFormat::Decimal));
    /// assert_eq!(CodeFormat::from_name("hex"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        let formats = [
            Self::Decimal,
            #[cfg(feature = "steam")]
            Self::Steam,
        ];
        formats
            .into_iter()
            .find(|format| format.name().eq_ignore_ascii_case(name))
    }

    /// The name of the format, in lower case.
    ///
    /// ```
    /// assert_eq!(nidan::CodeFormat::Steam.name(), "steam");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Self::Decimal => "decimal",
            #[cfg(feature = "steam")]
            Self::Steam => "steam",
        }
    }
}

impl core::str::FromStr for CodeFormat {
    type Err = Error;

    /// As [`CodeFormat::from_name`].
    ///
    /// # Errors
    /// [`Error::CodeFormat`] for any other name.
    fn from_str(name: &str) -> Result<Self> {
        Self::from_name(name).ok_or(Error::CodeFormat)
    }
}

impl fmt::Display for CodeFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A one-time code: 6 to 10 ASCII digits, zero-padded, or 5 Steam
/// characters, held without allocation.
///
/// # Security
/// Codes compare in constant time ([`ConstantTimeEq`], and `==` uses it);
/// only the lengths, which are public, decide early. To check a code a user
/// typed, use [`Totp::verify`](crate::Totp::verify) or
/// [`Hotp::verify`](crate::Hotp::verify), which also cover the clock skew
/// window and replays, rather than comparing with `==`.
///
/// ```
/// use subtle::ConstantTimeEq;
/// let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// let code = hotp.generate(0);
/// assert_eq!(code.as_str(), "755224");
/// assert_eq!(code, "755224");
/// assert!(bool::from(code.ct_eq(&nidan::normalize_code("755 224").unwrap())));
/// assert_eq!(code.to_string(), "755224");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Code {
    /// The characters, then zeros.
    chars: [u8; MAX_DIGITS as usize],
    len: u8,
}

impl Code {
    /// The characters as text.
    ///
    /// ```
    /// let code = nidan::normalize_code("123 456").unwrap();
    /// assert_eq!(code.as_str(), "123456");
    /// ```
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.bytes()).unwrap_or_default()
    }

    /// The number of characters (digits, for a decimal code).
    ///
    /// ```
    /// assert_eq!(nidan::normalize_code("12345678").unwrap().digits(), 8);
    /// ```
    pub fn digits(&self) -> u32 {
        u32::from(self.len)
    }

    fn bytes(&self) -> &[u8] {
        &self.chars[..usize::from(self.len)]
    }

    fn empty() -> Self {
        Self {
            chars: [0; MAX_DIGITS as usize],
            len: 0,
        }
    }

    /// The `digits`-digit decimal code of `value`, which is below
    /// 10^`digits`: a delivered code drawn at random, not a truncated MAC,
    /// so it is written out by plain division.
    #[cfg(feature = "server")]
    pub(crate) fn from_random_value(value: u64, digits: u32) -> Self {
        let mut code = Self::empty();
        let mut rest = value;
        for slot in code.chars[..digits as usize].iter_mut().rev() {
            *slot = b'0' + (rest % 10).to_le_bytes()[0];
            rest /= 10;
        }
        code.len = low_byte(digits);
        code
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Code").field(&self.as_str()).finish()
    }
}

/// Equal when the texts are equal; decided in constant time for codes of
/// equal length.
impl ConstantTimeEq for Code {
    fn ct_eq(&self, other: &Self) -> Choice {
        self.bytes().ct_eq(other.bytes())
    }
}

/// Constant time, as [`ConstantTimeEq`].
impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for Code {}

/// Constant time for texts of the code's length.
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.bytes().ct_eq(other.as_bytes()).into()
    }
}

/// Constant time for texts of the code's length.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// Hashes the text, as equality compares it.
impl Hash for Code {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bytes().hash(state);
    }
}

/// Turns a decimal code as a person typed or pasted it into plain digits.
///
/// Removes spaces (including U+3000), tabs, hyphens and dashes, maps
/// full-width digits (`１２３`) to ASCII, and returns `None` when anything
/// else is left or the result is not 6 to 10 digits. Verification itself is
/// strict: normalise in the user interface, then verify the result.
///
/// ```
/// use nidan::normalize_code;
/// assert_eq!(normalize_code("１２３ ４５６").unwrap(), "123456");
/// assert_eq!(normalize_code("123-456").unwrap(), "123456");
/// assert_eq!(normalize_code("12345"), None);
/// assert_eq!(normalize_code("12345a"), None);
/// ```
pub fn normalize_code(typed: &str) -> Option<Code> {
    let mut code = Code::empty();
    for c in typed.chars() {
        if is_typed_separator(c) {
            continue;
        }
        let digit = match c {
            '0'..='9' => c as u8,
            '\u{FF10}'..='\u{FF19}' => (u32::from(c) - 0xFF10).to_be_bytes()[3] + b'0',
            _ => return None,
        };
        *code.chars.get_mut(usize::from(code.len))? = digit;
        code.len += 1;
    }
    (u32::from(code.len) >= MIN_DIGITS).then_some(code)
}

/// What codes a generator makes: a format and a length, checked once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CodeSpec {
    format: CodeFormat,
    digits: u32,
}

impl CodeSpec {
    /// Checks `digits` for `format`: 6 to 10 decimal digits, or exactly
    /// [`CodeFormat::STEAM_DIGITS`] Steam characters.
    pub(crate) fn new(format: CodeFormat, digits: u32) -> Result<Self> {
        let fits = match format {
            CodeFormat::Decimal => (MIN_DIGITS..=MAX_DIGITS).contains(&digits),
            #[cfg(feature = "steam")]
            CodeFormat::Steam => digits == CodeFormat::STEAM_DIGITS,
        };
        if fits {
            Ok(Self { format, digits })
        } else {
            Err(Error::Digits { digits })
        }
    }

    pub(crate) fn format(self) -> CodeFormat {
        self.format
    }

    pub(crate) fn digits(self) -> u32 {
        self.digits
    }

    /// The divisor that reduces a truncated MAC to a code: 10^digits
    /// [RFC 4226 §5.3] or 26^5 for Steam, chosen by the public format and
    /// length, as a multiply and a shift ([`Divisor`]).
    pub(crate) fn modulus(self) -> Divisor {
        match (self.format, self.digits) {
            #[cfg(feature = "steam")]
            (CodeFormat::Steam, _) => Divisor::STEAM_CODES,
            (CodeFormat::Decimal, 6) => Divisor::MILLION,
            (CodeFormat::Decimal, 7) => Divisor::TEN_MILLION,
            (CodeFormat::Decimal, 8) => Divisor::HUNDRED_MILLION,
            (CodeFormat::Decimal, 9) => Divisor::BILLION,
            (CodeFormat::Decimal, _) => Divisor::TWO_TO_THE_31,
        }
    }

    /// The code of `truncated`, the 31-bit dynamic truncation of a MAC.
    pub(crate) fn code(self, truncated: u32) -> Code {
        let mut rest = self.modulus().remainder(truncated);
        let mut code = Code::empty();
        let chars = &mut code.chars[..self.digits as usize];
        match self.format {
            CodeFormat::Decimal => {
                for slot in chars.iter_mut().rev() {
                    let quotient = Divisor::TEN.quotient(rest);
                    *slot = b'0' + low_byte(rest - quotient * 10);
                    rest = quotient;
                }
            }
            #[cfg(feature = "steam")]
            CodeFormat::Steam => {
                for slot in chars.iter_mut() {
                    let quotient = Divisor::TWENTY_SIX.quotient(rest);
                    *slot = steam_char(rest - quotient * 26);
                    rest = quotient;
                }
            }
        }
        code.len = low_byte(self.digits);
        code
    }

    /// The number that `typed` writes, when it is exactly a code of this
    /// spec (`digits` ASCII digits, or 5 Steam characters in upper case);
    /// else `None`. Equal to the [`CodeSpec::modulus`] remainder of a truncated value
    /// exactly when `typed` is that value's code. Its time depends on the
    /// length and format of `typed` (public: what the attacker sent), not
    /// on any secret.
    pub(crate) fn parse(self, typed: &str) -> Option<u64> {
        let bytes = typed.as_bytes();
        if bytes.len() != self.digits as usize {
            return None;
        }
        match self.format {
            CodeFormat::Decimal => bytes.iter().all(u8::is_ascii_digit).then(|| {
                bytes
                    .iter()
                    .fold(0u64, |value, &b| value * 10 + u64::from(b - b'0'))
            }),
            #[cfg(feature = "steam")]
            CodeFormat::Steam => {
                let mut valid = true;
                let mut value = 0;
                for &b in bytes.iter().rev() {
                    let (index, found) = steam_index(b);
                    valid &= found;
                    value = value * 26 + u64::from(index);
                }
                valid.then_some(value)
            }
        }
    }
}

/// Division of values below 2^31 by a constant with a multiply and a shift
/// [Granlund and Montgomery, "Division by invariant integers using
/// multiplication", PLDI 1994, Theorem 4.2 with N = 31].
///
/// With `l = ceil(log2 d)` and `m = floor(2^(31+l) / d) + 1`, the theorem
/// gives `floor(n / d) = floor(n * m / 2^(31+l))` for every `n < 2^31`
/// because `2^(31+l) <= m * d <= 2^(31+l) + 2^l`. The divisors are `const`
/// items, so [`Divisor::new`] runs at compile time, and its assertions check
/// that condition for each of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Divisor {
    value: u32,
    /// `floor(2^shift / divisor) + 1`, below 2^32, so `n * m` fits in 64 bits.
    multiplier: u64,
    /// `31 + ceil(log2 divisor)`.
    shift: u32,
}

impl Divisor {
    const TEN: Self = Self::new(10);
    #[cfg(feature = "steam")]
    const TWENTY_SIX: Self = Self::new(26);
    const MILLION: Self = Self::new(1_000_000);
    const TEN_MILLION: Self = Self::new(10_000_000);
    const HUNDRED_MILLION: Self = Self::new(100_000_000);
    const BILLION: Self = Self::new(1_000_000_000);
    /// For 10 digits: 10^10 exceeds every 31-bit value, and so does 2^31.
    const TWO_TO_THE_31: Self = Self::new(1 << 31);
    /// 26^5, the number of Steam codes.
    #[cfg(feature = "steam")]
    const STEAM_CODES: Self = Self::new(11_881_376);

    const fn new(divisor: u32) -> Self {
        assert!(divisor > 1 && divisor <= 1 << 31, "divisor out of range");
        let shift = 31 + (u32::BITS - (divisor - 1).leading_zeros());
        let multiplier = (1u64 << shift) / divisor as u64 + 1;
        let excess = multiplier * divisor as u64 - (1u64 << shift);
        assert!(multiplier < 1 << 32, "multiplier too large");
        assert!(excess <= 1 << (shift - 31), "Theorem 4.2 does not apply");
        Self {
            value: divisor,
            multiplier,
            shift,
        }
    }

    /// `value / divisor`; `value` must be below 2^31.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the quotient of a 31-bit value fits in 32 bits"
    )]
    fn quotient(self, value: u32) -> u32 {
        debug_assert!(value < 1 << 31, "the divisor handles 31-bit values");
        ((u64::from(value) * self.multiplier) >> self.shift) as u32
    }

    /// `value % divisor`; `value` must be below 2^31.
    pub(crate) fn remainder(self, value: u32) -> u32 {
        value - self.quotient(value) * self.value
    }
}

/// The low byte of `value` (a digit, an alphabet index, a length).
#[allow(clippy::cast_possible_truncation, reason = "the low byte is wanted")]
fn low_byte(value: u32) -> u8 {
    value as u8
}

/// 1 when `value >= bound`, else 0, by arithmetic: both are below 2^31.
#[cfg(feature = "steam")]
fn at_least(value: u32, bound: u32) -> u32 {
    (bound.wrapping_sub(1).wrapping_sub(value)) >> 31
}

/// The Steam character at `index` (0 to 25) in
/// [`CodeFormat::STEAM_ALPHABET`], computed without a table look-up: `2` to
/// `9`, then `B` onwards, skipping E, I, L, O, S and U.
#[cfg(feature = "steam")]
fn steam_char(index: u32) -> u8 {
    let skipped = 8 * at_least(index, 8)
        + at_least(index, 11)
        + at_least(index, 14)
        + at_least(index, 16)
        + at_least(index, 18)
        + at_least(index, 21)
        + at_least(index, 22);
    b'2' + low_byte(index + skipped)
}

/// The index of `c` in [`CodeFormat::STEAM_ALPHABET`] and whether it is
/// there, by arithmetic (the inverse of [`steam_char`], checked by going
/// back): the same steps whatever `c` is.
#[cfg(feature = "steam")]
fn steam_index(c: u8) -> (u32, bool) {
    let c = u32::from(c);
    // Letters from B on, less the skipped E, I, L, O, S and U below `c`.
    let letter = at_least(c, u32::from(b'A'));
    let skipped = [b'E', b'I', b'L', b'O', b'S', b'U']
        .iter()
        .fold(0, |count, &gap| count + at_least(c, u32::from(gap)));
    let index = (c + letter * 8)
        .wrapping_sub(u32::from(b'2') + letter * u32::from(b'B' - b'2') + skipped)
        & 0x1f;
    (index, (index < 26) & (u32::from(steam_char(index)) == c))
}

/// The dynamic truncation of `mac` [RFC 4226 §5.3]: the 31 low bits of the
/// four bytes at the offset given by the low nibble of its last byte.
///
/// # Security
/// The offset comes from the MAC, so reading `mac[offset]` would be a
/// memory access at a secret index (a cache side channel). Instead the four
/// bytes are selected from the first 20 (every hash here has at least 20)
/// in four steps, one per bit of the offset, each a masked selection between
/// a window and the same window shifted by a constant: no secret index, no
/// secret shift amount, no branch.
///
/// The four masks pass through one [`core::hint::black_box`] together, so
/// that the optimiser cannot tell they are all-zero or all-one and turn a
/// selection back into a branch or a look-up; that is the barrier `subtle`
/// uses with its `core_hint_black_box` feature. `subtle`'s `Choice` without
/// that feature costs a call per choice (its barrier is a non-inlined
/// volatile read): four per code made generating 1.21 times the pre-keyed
/// HMAC instead of 1.07 in the interleaved bench (the target is 1.1).
///
/// `mac` holds the MAC in its first `len` bytes, at least 20.
#[allow(
    clippy::cast_possible_truncation,
    reason = "the four selected bytes are the low half"
)]
pub(crate) fn truncate(mac: &[u8; MAX_MAC_LEN], len: usize) -> u32 {
    let offset = mac.get(len.wrapping_sub(1)).map_or(0, |last| last & 0x0f);
    // Little-endian words, one load each: byte `i` of the window is bits
    // 8i to 8i+7, so moving the window on is a right shift.
    let word = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&mac[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    // All ones where a bit of the offset is set, for bits 3, 2, 1 and 0.
    let masks = core::hint::black_box(
        [3, 2, 1, 0].map(|bit| 0u64.wrapping_sub(u64::from((offset >> bit) & 1))),
    );
    let select = |a: u64, b: u64, mask: u64| a ^ ((a ^ b) & mask);
    // Bytes 0..16, or 8..20 when the offset is 8 or more (an offset of 15
    // reads up to byte 18) ...
    let middle = word(8);
    let low = select(word(0), middle, masks[0]);
    let high = select(middle, word(16), masks[0]);
    // ... then the window moved 4, 2 and 1 bytes on as the other bits say
    // (after 4, the low word alone holds the four bytes wanted).
    let window = select(low, (low >> 32) | (high << 32), masks[1]);
    let window = select(window, window >> 16, masks[2]);
    let window = select(window, window >> 8, masks[3]);
    (window as u32).swap_bytes() & 0x7fff_ffff
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{CodeFormat, CodeSpec, Divisor, MAX_MAC_LEN, truncate};
    #[cfg(feature = "steam")]
    use super::{steam_char, steam_index};

    /// The dynamic truncation as RFC 4226 §5.3 writes it, with an index.
    fn truncate_by_index(mac: &[u8]) -> u32 {
        let offset = usize::from(mac[mac.len() - 1] & 0x0f);
        u32::from_be_bytes(mac[offset..offset + 4].try_into().unwrap()) & 0x7fff_ffff
    }

    const DIVISORS: &[Divisor] = &[
        Divisor::TEN,
        #[cfg(feature = "steam")]
        Divisor::TWENTY_SIX,
        Divisor::MILLION,
        Divisor::TEN_MILLION,
        Divisor::HUNDRED_MILLION,
        Divisor::BILLION,
        Divisor::TWO_TO_THE_31,
        #[cfg(feature = "steam")]
        Divisor::STEAM_CODES,
    ];

    fn check_all_divisors(value: u32) {
        for divisor in DIVISORS.iter().copied() {
            let d = divisor.value;
            assert_eq!(divisor.quotient(value), value / d, "{value} / {d}");
            assert_eq!(divisor.remainder(value), value % d, "{value} % {d}");
        }
    }

    /// The edges where a multiply-and-shift division would go wrong first:
    /// next to each multiple of the divisors, and at the top of the range.
    #[test]
    fn divisors_at_the_edges() {
        for divisor in DIVISORS.iter().map(|divisor| divisor.value) {
            let multiples = (1u32 << 31) / divisor;
            let stride = (multiples / 5_000).max(1) as usize;
            for multiple in (0..multiples).step_by(stride).chain([multiples]) {
                let base = multiple * divisor;
                for value in [base.saturating_sub(1), base, base + 1] {
                    check_all_divisors(value.min((1 << 31) - 1));
                }
            }
        }
        check_all_divisors((1 << 31) - 1);
    }

    /// The Steam alphabet, computed, is the table.
    #[cfg(feature = "steam")]
    #[test]
    fn steam_characters_are_the_alphabet() {
        for (index, letter) in (0u32..).zip(CodeFormat::STEAM_ALPHABET.bytes()) {
            assert_eq!(steam_char(index), letter, "index {index}");
            assert_eq!(steam_index(letter), (index, true));
        }
        for c in (0..=255u8).filter(|c| !CodeFormat::STEAM_ALPHABET.as_bytes().contains(c)) {
            assert!(!steam_index(c).1, "{c}");
        }
    }

    /// A digit count that does not fit the format is refused.
    #[test]
    fn lengths_follow_the_format() {
        #[cfg(feature = "steam")]
        {
            assert!(CodeSpec::new(CodeFormat::Steam, 5).is_ok());
            for digits in [0, 4, 6, 10] {
                assert!(CodeSpec::new(CodeFormat::Steam, digits).is_err());
            }
        }
        assert!(CodeSpec::new(CodeFormat::Decimal, 5).is_err());
        assert!(CodeSpec::new(CodeFormat::Decimal, 11).is_err());
    }

    proptest! {
        #[test]
        fn divisors_divide(value in 0u32..(1 << 31)) {
            check_all_divisors(value);
        }

        /// Every offset, for MACs of every length, reads what an index reads.
        #[test]
        fn truncation_selects_what_an_index_reads(
            len in prop_oneof![Just(20usize), Just(28), Just(32), Just(48), Just(64)],
            bytes in proptest::collection::vec(any::<u8>(), 64),
            offset in 0u8..16,
        ) {
            let mut mac = [0u8; MAX_MAC_LEN];
            mac[..len].copy_from_slice(&bytes[..len]);
            mac[len - 1] = (mac[len - 1] & 0xf0) | offset;
            prop_assert_eq!(truncate(&mac, len), truncate_by_index(&mac[..len]));
        }

        /// A decimal code parses back to the number it was made from, in
        /// every length, and is what `format!` writes.
        #[test]
        fn codes_parse_back(truncated in 0u32..(1 << 31), digits in 6u32..=10) {
            let decimal = CodeSpec::new(CodeFormat::Decimal, digits).unwrap();
            let code = decimal.code(truncated);
            let modulus = 10u64.pow(digits);
            prop_assert_eq!(code.as_str(), std::format!("{:0width$}", u64::from(truncated) % modulus, width = digits as usize));
            prop_assert_eq!(decimal.parse(code.as_str()), Some(u64::from(decimal.modulus().remainder(truncated))));
        }

        /// Steam codes parse back, and are written as Steam clients write
        /// them: the lowest base-26 digit first.
        #[cfg(feature = "steam")]
        #[test]
        fn steam_codes_parse_back(truncated in 0u32..(1 << 31)) {
            let steam = CodeSpec::new(CodeFormat::Steam, 5).unwrap();
            let code = steam.code(truncated);
            prop_assert_eq!(steam.parse(code.as_str()), Some(u64::from(steam.modulus().remainder(truncated))));
            let alphabet = CodeFormat::STEAM_ALPHABET.as_bytes();
            let written: std::string::String = (0..5)
                .map(|place| char::from(alphabet[(truncated / 26u32.pow(place) % 26) as usize]))
                .collect();
            prop_assert_eq!(code.as_str(), written.as_str());
        }
    }
}
