//! The hash functions an OTP can be built on.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// The HMAC hash function of an OTP [RFC 6238 §1.2].
///
/// SHA-1 is the default everywhere (and the only one some authenticator
/// apps honour). For SHA-256 and SHA-512 the RFC's test seeds are 32 and 64
/// bytes long: a key as long as the hash output is the sensible choice.
///
/// ```
/// use nidan::Algorithm;
/// assert_eq!(Algorithm::default(), Algorithm::Sha1);
/// assert_eq!("sha256".parse::<Algorithm>(), Ok(Algorithm::Sha256));
/// assert_eq!(Algorithm::Sha512.to_string(), "SHA512");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC-SHA-1, 20-byte MAC.
    #[default]
    Sha1,
    /// HMAC-SHA-256, 32-byte MAC.
    Sha256,
    /// HMAC-SHA-512, 64-byte MAC.
    Sha512,
}

impl Algorithm {
    /// The name used in otpauth URIs: `SHA1`, `SHA256` or `SHA512`.
    ///
    /// ```
    /// assert_eq!(nidan::Algorithm::Sha1.name(), "SHA1");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }

    /// Length of the MAC in bytes, which is also the recommended secret length.
    ///
    /// ```
    /// assert_eq!(nidan::Algorithm::Sha256.output_len(), 32);
    /// ```
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha256 => 32,
            Self::Sha512 => 64,
        }
    }

    /// Reads an algorithm name, ignoring ASCII case; `None` for anything else.
    ///
    /// Accepts `SHA1`, `SHA256`, `SHA512` and the hyphenated forms `SHA-1`,
    /// `SHA-256`, `SHA-512`.
    ///
    /// ```
    /// use nidan::Algorithm;
    /// assert_eq!(Algorithm::from_name("Sha-512"), Some(Algorithm::Sha512));
    /// assert_eq!(Algorithm::from_name("MD5"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        let (prefix, size) = (name.get(..3)?, name.get(3..)?);
        if !prefix.eq_ignore_ascii_case("SHA") {
            return None;
        }
        match size.strip_prefix('-').unwrap_or(size) {
            "1" => Some(Self::Sha1),
            "256" => Some(Self::Sha256),
            "512" => Some(Self::Sha512),
            _ => None,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Algorithm {
    type Err = Error;

    /// Like [`Algorithm::from_name`], with an error for unknown names.
    fn from_str(name: &str) -> Result<Self, Error> {
        Self::from_name(name).ok_or(Error::Algorithm)
    }
}
