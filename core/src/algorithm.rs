//! The hash functions an OTP can be built on.

use core::fmt;
use core::str::FromStr;

use crate::error::Error;

/// The HMAC hash function of an OTP [RFC 6238 §1.2].
///
/// SHA-1 is the default everywhere (and the only one some authenticator
/// apps honour). The Key URI Format names SHA1, SHA256 and SHA512
/// ([`Algorithm::is_key_uri_standard`]); the others are what otpauth,
/// pyotp and some services also offer, read from URIs only in import mode.
/// For SHA-256 and SHA-512 the RFC's test seeds are 32 and 64 bytes long: a
/// key as long as the hash output is the sensible choice.
///
/// The SHA-3 family needs the cargo feature `sha3` (on by default); without
/// it the names still parse, and keying a generator with one of them is
/// [`Error::AlgorithmUnavailable`].
///
/// ```
/// use nidan::Algorithm;
/// assert_eq!(Algorithm::default(), Algorithm::Sha1);
/// assert_eq!("sha256".parse::<Algorithm>(), Ok(Algorithm::Sha256));
/// assert_eq!(Algorithm::Sha512.to_string(), "SHA512");
/// assert_eq!(Algorithm::Sha3_256.to_string(), "SHA3-256");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC-SHA-1, 20-byte MAC.
    #[default]
    Sha1,
    /// HMAC-SHA-224, 28-byte MAC.
    Sha224,
    /// HMAC-SHA-256, 32-byte MAC.
    Sha256,
    /// HMAC-SHA-384, 48-byte MAC.
    Sha384,
    /// HMAC-SHA-512, 64-byte MAC.
    Sha512,
    /// HMAC-SHA3-224, 28-byte MAC (block size 144 bytes, the sponge's rate).
    Sha3_224,
    /// HMAC-SHA3-256, 32-byte MAC (block size 136 bytes).
    Sha3_256,
    /// HMAC-SHA3-384, 48-byte MAC (block size 104 bytes).
    Sha3_384,
    /// HMAC-SHA3-512, 64-byte MAC (block size 72 bytes).
    Sha3_512,
}

impl Algorithm {
    /// Every algorithm, SHA-1 first.
    ///
    /// ```
    /// assert_eq!(nidan::Algorithm::ALL.len(), 9);
    /// ```
    pub const ALL: [Self; 9] = [
        Self::Sha1,
        Self::Sha224,
        Self::Sha256,
        Self::Sha384,
        Self::Sha512,
        Self::Sha3_224,
        Self::Sha3_256,
        Self::Sha3_384,
        Self::Sha3_512,
    ];

    /// The name used in otpauth URIs (and by the otpauth package): `SHA1`,
    /// `SHA224`, `SHA256`, `SHA384`, `SHA512`, `SHA3-224`, `SHA3-256`,
    /// `SHA3-384` or `SHA3-512`.
    ///
    /// ```
    /// assert_eq!(nidan::Algorithm::Sha1.name(), "SHA1");
    /// assert_eq!(nidan::Algorithm::Sha3_512.name(), "SHA3-512");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha224 => "SHA224",
            Self::Sha256 => "SHA256",
            Self::Sha384 => "SHA384",
            Self::Sha512 => "SHA512",
            Self::Sha3_224 => "SHA3-224",
            Self::Sha3_256 => "SHA3-256",
            Self::Sha3_384 => "SHA3-384",
            Self::Sha3_512 => "SHA3-512",
        }
    }

    /// Length of the MAC in bytes, which is also the recommended secret length.
    ///
    /// ```
    /// assert_eq!(nidan::Algorithm::Sha256.output_len(), 32);
    /// assert_eq!(nidan::Algorithm::Sha3_384.output_len(), 48);
    /// ```
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 | Self::Sha3_224 => 28,
            Self::Sha256 | Self::Sha3_256 => 32,
            Self::Sha384 | Self::Sha3_384 => 48,
            Self::Sha512 | Self::Sha3_512 => 64,
        }
    }

    /// Whether the Key URI Format names this algorithm (SHA1, SHA256 and
    /// SHA512): strict otpauth URIs accept only these, the import mode reads
    /// the others too.
    ///
    /// ```
    /// use nidan::Algorithm;
    /// assert!(Algorithm::Sha256.is_key_uri_standard());
    /// assert!(!Algorithm::Sha384.is_key_uri_standard());
    /// assert!(!Algorithm::Sha3_256.is_key_uri_standard());
    /// ```
    pub const fn is_key_uri_standard(self) -> bool {
        matches!(self, Self::Sha1 | Self::Sha256 | Self::Sha512)
    }

    /// Whether this build can compute the algorithm: the SHA-3 family needs
    /// the cargo feature `sha3`.
    ///
    /// ```
    /// assert!(nidan::Algorithm::Sha384.is_available());
    /// ```
    pub const fn is_available(self) -> bool {
        cfg!(feature = "sha3") || !self.is_sha3()
    }

    const fn is_sha3(self) -> bool {
        matches!(
            self,
            Self::Sha3_224 | Self::Sha3_256 | Self::Sha3_384 | Self::Sha3_512
        )
    }

    /// Reads an algorithm name, ignoring ASCII case; `None` for anything else.
    ///
    /// Accepts the names of [`Algorithm::name`] and the spellings the
    /// otpauth package also reads: a hyphen after `SHA` (`SHA-256`), `SHA2`
    /// for the SHA-2 sizes (`SHA2-256`, `SHA2256` is not a spelling) and
    /// `SSL3-SHA1`.
    ///
    /// ```
    /// use nidan::Algorithm;
    /// assert_eq!(Algorithm::from_name("Sha-512"), Some(Algorithm::Sha512));
    /// assert_eq!(Algorithm::from_name("sha2-224"), Some(Algorithm::Sha224));
    /// assert_eq!(Algorithm::from_name("sha3-256"), Some(Algorithm::Sha3_256));
    /// assert_eq!(Algorithm::from_name("MD5"), None);
    /// assert_eq!(Algorithm::from_name("SHA3256"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        let (prefix, rest) = (name.get(..3)?, name.get(3..)?);
        if prefix.eq_ignore_ascii_case("SSL") {
            return rest.eq_ignore_ascii_case("3-SHA1").then_some(Self::Sha1);
        }
        if !prefix.eq_ignore_ascii_case("SHA") {
            return None;
        }
        if let Some(size) = rest.strip_prefix("3-") {
            return match size {
                "224" => Some(Self::Sha3_224),
                "256" => Some(Self::Sha3_256),
                "384" => Some(Self::Sha3_384),
                "512" => Some(Self::Sha3_512),
                _ => None,
            };
        }
        let sha2 = rest.strip_prefix("2-");
        match sha2.or_else(|| rest.strip_prefix('-')).unwrap_or(rest) {
            "1" if sha2.is_none() => Some(Self::Sha1),
            "224" => Some(Self::Sha224),
            "256" => Some(Self::Sha256),
            "384" => Some(Self::Sha384),
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

#[cfg(test)]
mod tests {
    use super::Algorithm;

    #[test]
    fn every_name_reads_back() {
        for algorithm in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(algorithm.name()), Some(algorithm));
            let lower = algorithm.name().to_ascii_lowercase();
            assert_eq!(Algorithm::from_name(&lower), Some(algorithm));
        }
    }

    #[test]
    fn otpauth_spellings_are_read_and_others_are_not() {
        // otpauth 9.5's canonicalizeAlgorithm: SHA-?1, SSL3-SHA1,
        // SHA(2?-)?224/256/384/512 and SHA3-224/256/384/512, any case.
        let read = [
            ("SHA-1", Algorithm::Sha1),
            ("ssl3-sha1", Algorithm::Sha1),
            ("SHA-224", Algorithm::Sha224),
            ("SHA2-224", Algorithm::Sha224),
            ("sha2-384", Algorithm::Sha384),
            ("SHA-384", Algorithm::Sha384),
            ("SHA2-512", Algorithm::Sha512),
        ];
        for (name, algorithm) in read {
            assert_eq!(Algorithm::from_name(name), Some(algorithm), "{name}");
        }
        for name in [
            "",
            "SHA",
            "SHA2-1",
            "SHA-3-256",
            "SHA3256",
            "SHA3-1",
            "SHA2224",
            "SSL3-SHA256",
            "SHA-",
            "SHA 256",
            "SHA+256",
            "SHA256 ",
            "sha3-2",
            "MD5",
        ] {
            assert_eq!(Algorithm::from_name(name), None, "{name:?}");
        }
    }
}
