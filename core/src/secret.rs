//! The shared secret: reading, generating, showing it to the user once.

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;
#[cfg(feature = "alloc")]
use zeroize::Zeroizing;

use crate::base32;
use crate::error::{Error, Result};

/// A shared OTP secret (the HMAC key), held without allocation.
///
/// # Security
/// The bytes are zeroized when the value is dropped. `Debug` shows only the
/// length, and there is no `Display`: showing the key is always an explicit
/// call ([`Secret::as_bytes`], [`Secret::write_base32`]). Equality is decided
/// in constant time for secrets of equal length.
///
/// ```
/// use nidan::Secret;
/// let secret = Secret::from_base32("JBSWY3DPEHPK3PXP")?;
/// assert_eq!(format!("{secret:?}"), "Secret { len: 10, .. }");
/// assert_eq!(*secret.to_base32_grouped(), "JBSW Y3DP EHPK 3PXP");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone)]
pub struct Secret {
    bytes: [u8; Self::MAX_BYTES],
    len: usize,
}

impl Secret {
    /// The shortest secret accepted when reading one: 80 bits, the
    /// "16-character secret key" users save [RFC 4226 §4 R6 asks for 128].
    pub const MIN_BYTES: usize = 10;
    /// The shortest secret [`Secret::from_random`] makes: 128 bits [RFC 4226 §4 R6].
    pub const MIN_RANDOM_BYTES: usize = 16;
    /// The size `Secret::generate` (feature `getrandom`) makes: 160 bits [RFC 4226 §4 R6 recommends it].
    pub const DEFAULT_RANDOM_BYTES: usize = 20;
    /// The longest secret held: 256 bytes, twice the largest HMAC block.
    pub const MAX_BYTES: usize = 256;

    /// Takes raw key bytes of at least [`Secret::MIN_BYTES`].
    ///
    /// # Errors
    /// [`Error::SecretEmpty`], [`Error::SecretTooShort`] or [`Error::SecretTooLong`].
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"12345678901234567890")?;
    /// assert_eq!(secret.byte_len(), 20);
    /// assert!(nidan::Secret::from_bytes(b"short").is_err());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::with_min_len(bytes, Self::MIN_BYTES)
    }

    /// Takes raw key bytes of any non-zero length: an explicit opt-in for
    /// legacy keys shorter than 80 bits.
    ///
    /// # Errors
    /// [`Error::SecretEmpty`] or [`Error::SecretTooLong`].
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes_allow_short(b"short")?;
    /// assert_eq!(secret.byte_len(), 5);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_bytes_allow_short(bytes: &[u8]) -> Result<Self> {
        Self::with_min_len(bytes, 1)
    }

    /// Reads strict base32 (see [`base32::decode`]) of at least 80 bits.
    ///
    /// # Errors
    /// The base32 errors of [`base32::decode`], then those of [`Secret::from_bytes`].
    ///
    /// ```
    /// let secret = nidan::Secret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")?;
    /// assert_eq!(secret.as_bytes(), b"12345678901234567890");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_base32(text: &str) -> Result<Self> {
        Self::decoded(text, base32::decode, Self::MIN_BYTES)
    }

    /// Reads strict base32 of any non-zero length: the opt-in for legacy
    /// keys shorter than 80 bits.
    ///
    /// # Errors
    /// As [`Secret::from_base32`], without the minimum length.
    ///
    /// ```
    /// assert_eq!(nidan::Secret::from_base32_allow_short("MZXW6")?.byte_len(), 3);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_base32_allow_short(text: &str) -> Result<Self> {
        Self::decoded(text, base32::decode, 1)
    }

    /// Reads a key as a person typed it (see [`base32::decode_typed`]):
    /// spaces, hyphens, lower case and full-width characters are fine.
    ///
    /// # Errors
    /// The base32 errors of [`base32::decode_typed`], then those of [`Secret::from_bytes`].
    ///
    /// ```
    /// let typed = nidan::Secret::from_typed_base32("jbsw y3dp ehpk 3pxp")?;
    /// assert_eq!(typed, nidan::Secret::from_base32("JBSWY3DPEHPK3PXP")?);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_typed_base32(text: &str) -> Result<Self> {
        Self::decoded(text, base32::decode_typed, Self::MIN_BYTES)
    }

    /// Reads a key as a person typed it, of any non-zero length: the
    /// opt-in for legacy keys shorter than 80 bits (the otpauth drop-in's
    /// `Secret.fromBase32`).
    ///
    /// # Errors
    /// As [`Secret::from_typed_base32`], without the minimum length.
    ///
    /// ```
    /// use nidan::{Error, Secret};
    /// assert_eq!(Secret::from_typed_base32_allow_short("mzxw 6")?.as_bytes(), b"foo");
    /// assert_eq!(Secret::from_typed_base32_allow_short(" "), Err(Error::SecretEmpty));
    /// let too_long = "A".repeat(2 * Secret::MAX_BYTES);
    /// assert_eq!(
    ///     Secret::from_typed_base32_allow_short(&too_long).unwrap_err(),
    ///     Error::SecretTooLong { max_bytes: Secret::MAX_BYTES }
    /// );
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_typed_base32_allow_short(text: &str) -> Result<Self> {
        Self::decoded(text, base32::decode_typed, 1)
    }

    /// Makes a new secret from random bytes the caller drew from a
    /// cryptographically secure generator: at least 128 bits, and
    /// [`Secret::DEFAULT_RANDOM_BYTES`] (160 bits) is the size to use.
    ///
    /// # Errors
    /// [`Error::SecretTooShort`] under 16 bytes, [`Error::SecretTooLong`].
    ///
    /// ```
    /// let random = [0x5a; nidan::Secret::DEFAULT_RANDOM_BYTES]; // use a real RNG
    /// let secret = nidan::Secret::from_random(&random)?;
    /// assert_eq!(secret.to_base32().len(), 32);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_random(random: &[u8]) -> Result<Self> {
        Self::with_min_len(random, Self::MIN_RANDOM_BYTES)
    }

    /// Checks that `len` random bytes make a new key nidan would generate:
    /// at least [`Secret::MIN_RANDOM_BYTES`]. This is the whole rule for
    /// callers that keep new keys as plain bytes of any length (the otpauth
    /// drop-in's `Secret`, whose size has no upper bound); [`Secret`] itself
    /// also holds at most [`Secret::MAX_BYTES`].
    ///
    /// # Errors
    /// [`Error::SecretTooShort`] under 16 bytes.
    ///
    /// ```
    /// assert!(nidan::Secret::check_random_len(4096).is_ok());
    /// assert!(nidan::Secret::check_random_len(10).is_err());
    /// ```
    pub fn check_random_len(len: usize) -> Result<()> {
        if len < Self::MIN_RANDOM_BYTES {
            return Err(Error::SecretTooShort {
                bits: len.saturating_mul(8),
                min_bits: Self::MIN_RANDOM_BYTES * 8,
            });
        }
        Ok(())
    }

    /// Generates a 160-bit secret from the operating system's generator.
    ///
    /// # Errors
    /// [`Error::RandomSource`] when the operating system cannot provide randomness.
    ///
    /// ```
    /// let secret = nidan::Secret::generate()?;
    /// assert_eq!(secret.byte_len(), 20);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate() -> Result<Self> {
        Self::generate_with_len(Self::DEFAULT_RANDOM_BYTES)
    }

    /// Generates a secret of `len` bytes (16 to 256) from the operating system.
    ///
    /// # Errors
    /// As [`Secret::from_random`], or [`Error::RandomSource`].
    ///
    /// ```
    /// assert_eq!(nidan::Secret::generate_with_len(64)?.byte_len(), 64);
    /// assert!(nidan::Secret::generate_with_len(10).is_err());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate_with_len(len: usize) -> Result<Self> {
        let mut random = [0u8; Self::MAX_BYTES];
        let drawn = random.get_mut(..len).ok_or(Error::SecretTooLong {
            max_bytes: Self::MAX_BYTES,
        })?;
        getrandom::fill(drawn).map_err(|_| Error::RandomSource)?;
        let secret = Self::from_random(drawn);
        random.zeroize();
        secret
    }

    /// The key bytes.
    ///
    /// # Security
    /// This exposes the secret: keep the result out of logs.
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"0123456789")?;
    /// assert_eq!(secret.as_bytes(), b"0123456789");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    /// Length of the key in bytes.
    ///
    /// ```
    /// assert_eq!(nidan::Secret::from_base32("JBSWY3DPEHPK3PXP")?.byte_len(), 10);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn byte_len(&self) -> usize {
        self.len
    }

    /// Writes the key as unpadded base32 into `out`, without allocating.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when `out` is shorter than
    /// [`base32::encoded_len`] of the key length.
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"Hello!\xde\xad\xbe\xef")?;
    /// let mut text = [0u8; 16];
    /// assert_eq!(secret.write_base32(&mut text)?, "JBSWY3DPEHPK3PXP");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write_base32<'a>(&self, out: &'a mut [u8]) -> Result<&'a str> {
        base32::encode(self.as_bytes(), out)
    }

    /// Writes the key as base32 in groups of four, without allocating.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when `out` is shorter than [`base32::grouped_len`].
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"Hello!\xde\xad\xbe\xef")?;
    /// let mut text = [0u8; 19];
    /// assert_eq!(secret.write_base32_grouped(&mut text)?, "JBSW Y3DP EHPK 3PXP");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write_base32_grouped<'a>(&self, out: &'a mut [u8]) -> Result<&'a str> {
        base32::encode_grouped(self.as_bytes(), out)
    }

    /// The key as unpadded upper-case base32, as it goes into an otpauth URI.
    ///
    /// # Security
    /// This exposes the secret: keep the result out of logs. The string
    /// wipes itself when dropped (`Zeroizing`; it dereferences to `String`),
    /// and was allocated once at its final size, so no copy is left behind.
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"12345678901234567890")?;
    /// assert_eq!(*secret.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_base32(&self) -> Zeroizing<alloc::string::String> {
        self.encoded(base32::encoded_len(self.len), base32::encode)
    }

    /// The key as base32 in groups of four, the way a user should write it down.
    ///
    /// # Security
    /// This exposes the secret: show it once, at enrolment. The string
    /// wipes itself when dropped, as for [`Secret::to_base32`].
    ///
    /// ```
    /// let secret = nidan::Secret::from_base32("JBSWY3DPEHPK3PXP")?;
    /// assert_eq!(*secret.to_base32_grouped(), "JBSW Y3DP EHPK 3PXP");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_base32_grouped(&self) -> Zeroizing<alloc::string::String> {
        self.encoded(base32::grouped_len(self.len), base32::encode_grouped)
    }

    #[cfg(feature = "alloc")]
    fn encoded(
        &self,
        len: usize,
        encode: for<'a> fn(&[u8], &'a mut [u8]) -> Result<&'a str>,
    ) -> Zeroizing<alloc::string::String> {
        let mut text = alloc::vec![0u8; len];
        // The buffer has exactly the needed length, and base32 is ASCII.
        let _ = encode(self.as_bytes(), &mut text);
        Zeroizing::new(alloc::string::String::from_utf8(text).unwrap_or_default())
    }

    fn with_min_len(bytes: &[u8], min_len: usize) -> Result<Self> {
        if bytes.is_empty() {
            return Err(Error::SecretEmpty);
        }
        if bytes.len() < min_len {
            return Err(Error::SecretTooShort {
                bits: bytes.len().saturating_mul(8),
                min_bits: min_len.saturating_mul(8),
            });
        }
        let mut secret = Self {
            bytes: [0; Self::MAX_BYTES],
            len: bytes.len(),
        };
        secret
            .bytes
            .get_mut(..bytes.len())
            .ok_or(Error::SecretTooLong {
                max_bytes: Self::MAX_BYTES,
            })?
            .copy_from_slice(bytes);
        Ok(secret)
    }

    fn decoded(
        text: &str,
        decode: fn(&str, &mut [u8]) -> Result<usize>,
        min_len: usize,
    ) -> Result<Self> {
        let mut secret = Self {
            bytes: [0; Self::MAX_BYTES],
            len: 0,
        };
        secret.len = decode(text, &mut secret.bytes).map_err(|error| match error {
            Error::BufferTooSmall { .. } => Error::SecretTooLong {
                max_bytes: Self::MAX_BYTES,
            },
            other => other,
        })?;
        if secret.len == 0 {
            return Err(Error::SecretEmpty);
        }
        if secret.len < min_len {
            return Err(Error::SecretTooShort {
                bits: secret.len.saturating_mul(8),
                min_bits: min_len.saturating_mul(8),
            });
        }
        Ok(secret)
    }
}

impl Zeroize for Secret {
    /// Wipes the key bytes and leaves an empty secret behind.
    fn zeroize(&mut self) {
        self.bytes.zeroize();
        self.len.zeroize();
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The key bytes are left out on purpose.
        f.debug_struct("Secret")
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

impl ConstantTimeEq for Secret {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.as_bytes().ct_eq(other.as_bytes())
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other).into()
    }
}

impl Eq for Secret {}
