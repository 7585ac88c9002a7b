//! One-time codes: the fixed-width digit strings users type.

use core::fmt;

use crate::base32::is_typed_separator;
use crate::error::{Error, Result};

/// The fewest digits a code may have [RFC 4226 §5.3].
pub const MIN_DIGITS: u32 = 6;
/// The most digits a code may have (pyotp allows 10; 31 bits fit in 10 digits).
pub const MAX_DIGITS: u32 = 10;

/// A one-time code: 6 to 10 ASCII digits, zero-padded, held without allocation.
///
/// ```
/// let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// let code = hotp.generate(0);
/// assert_eq!(code.as_str(), "755224");
/// assert_eq!(code, "755224");
/// assert_eq!(code.to_string(), "755224");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code {
    digits: [u8; MAX_DIGITS as usize],
    len: u8,
}

impl Code {
    /// The code formatted from `value`, the truncated MAC reduced modulo 10^digits.
    pub(crate) fn from_value(value: u64, digits: u32) -> Self {
        let mut code = Self {
            digits: [b'0'; MAX_DIGITS as usize],
            len: 0,
        };
        let mut rest = value;
        for slot in code.digits[..digits as usize].iter_mut().rev() {
            *slot = b'0' + (rest % 10).to_be_bytes()[7];
            rest /= 10;
            code.len += 1;
        }
        code
    }

    /// The digits as text.
    ///
    /// ```
    /// let code = nidan::normalize_code("123 456").unwrap();
    /// assert_eq!(code.as_str(), "123456");
    /// ```
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.digits[..usize::from(self.len)]).unwrap_or_default()
    }

    /// The number of digits.
    ///
    /// ```
    /// assert_eq!(nidan::normalize_code("12345678").unwrap().digits(), 8);
    /// ```
    pub fn digits(&self) -> u32 {
        u32::from(self.len)
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

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Turns a code as a person typed or pasted it into plain digits.
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
    let mut code = Code {
        digits: [0; MAX_DIGITS as usize],
        len: 0,
    };
    for c in typed.chars() {
        if is_typed_separator(c) {
            continue;
        }
        let digit = match c {
            '0'..='9' => c as u8,
            '\u{FF10}'..='\u{FF19}' => (u32::from(c) - 0xFF10).to_be_bytes()[3] + b'0',
            _ => return None,
        };
        *code.digits.get_mut(usize::from(code.len))? = digit;
        code.len += 1;
    }
    (u32::from(code.len) >= MIN_DIGITS).then_some(code)
}

/// Checks a digit count for computation (6 to 10).
pub(crate) fn check_digits(digits: u32) -> Result<u32> {
    if (MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
        Ok(digits)
    } else {
        Err(Error::Digits { digits })
    }
}

/// The divisor that turns a truncated HMAC into a code of `digits` digits:
/// 10^`digits` [RFC 4226 §5.3], as a `u32`.
///
/// The code is `truncated % modulus(digits)`, a 32-bit division whatever the
/// secret value. (Dividing a value widened to 64 bits lets the compiler skip
/// the division when the value is below the divisor, a branch on the
/// secret.) 10^10 does not fit: it saturates to `u32::MAX`, which leaves
/// every truncated value (below 2^31) unchanged, as 10^10 would.
pub(crate) fn modulus(digits: u32) -> u32 {
    u32::try_from(10u64.pow(digits)).unwrap_or(u32::MAX)
}

/// The value of `code` when it is exactly `digits` ASCII digits, else `None`.
pub(crate) fn parse_exact(code: &str, digits: u32) -> Option<u64> {
    let bytes = code.as_bytes();
    if bytes.len() != digits as usize || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(
        bytes
            .iter()
            .fold(0u64, |value, &b| value * 10 + u64::from(b - b'0')),
    )
}
