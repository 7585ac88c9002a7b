//! Delivered codes: a random number sent by SMS or email, for example to
//! confirm logins after support reset a user's two-step login.

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::code::{Code, CodeFormat, CodeSpec, normalize_code};
use crate::error::{Error, Result, StoredKind};
use crate::stored::{self, Kind, Reader, Writer};
use crate::verifier::{self, SALT_LEN, check_pepper, verifier};

const KIND: Kind = Kind {
    kind: StoredKind::DeliveredCode,
    letter: b'D',
};

/// What the verifiers of delivered codes are keyed for.
const LABEL: &[u8] = b"nidan delivered code";

/// How a delivered code is made and checked.
///
/// The defaults ([`Delivery::default`]): 6 digits, valid for 600 seconds
/// (NIST SP 800-63B §5.1.3.2 limits out-of-band secrets to 10 minutes), and
/// 5 attempts, so a guesser's chance per code is 5 in a million; after that
/// the user asks for a new code.
///
/// ```
/// let delivery = nidan::Delivery::new(8, 300, 3)?;
/// assert_eq!(delivery.digits(), 8);
/// assert!(nidan::Delivery::new(6, 0, 3).is_err());
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Delivery {
    digits: u32,
    lifetime: u64,
    max_attempts: u8,
}

impl Delivery {
    /// Codes of `digits` digits (6 to 10), valid for `lifetime` seconds
    /// (1 to 86 400), checked at most `max_attempts` times (1 to 20).
    ///
    /// # Errors
    /// [`Error::Digits`] or [`Error::Setting`].
    ///
    /// ```
    /// assert!(nidan::Delivery::new(6, 600, 21).is_err());
    /// ```
    pub fn new(digits: u32, lifetime: u64, max_attempts: u32) -> Result<Self> {
        CodeSpec::new(CodeFormat::Decimal, digits)?;
        if lifetime == 0 || lifetime > 86_400 {
            return Err(Error::Setting {
                rule: "a delivered code's lifetime must be from 1 to 86400 seconds",
            });
        }
        let max_attempts = u8::try_from(max_attempts)
            .ok()
            .filter(|attempts| (1..=20).contains(attempts))
            .ok_or(Error::Setting {
                rule: "a delivered code's max_attempts must be from 1 to 20",
            })?;
        Ok(Self {
            digits,
            lifetime,
            max_attempts,
        })
    }

    /// Digits per code.
    ///
    /// ```
    /// assert_eq!(nidan::Delivery::default().digits(), 6);
    /// ```
    pub const fn digits(&self) -> u32 {
        self.digits
    }

    /// Seconds a code stays valid.
    ///
    /// ```
    /// assert_eq!(nidan::Delivery::default().lifetime(), 600);
    /// ```
    pub const fn lifetime(&self) -> u64 {
        self.lifetime
    }

    /// Attempts allowed per code.
    ///
    /// ```
    /// assert_eq!(nidan::Delivery::default().max_attempts(), 5);
    /// ```
    pub const fn max_attempts(&self) -> u32 {
        self.max_attempts as u32
    }
}

impl Default for Delivery {
    fn default() -> Self {
        Self {
            digits: 6,
            lifetime: 600,
            max_attempts: 5,
        }
    }
}

/// A delivered code as the server stores it: a verifier (never the code),
/// its expiry, the attempts made and whether it was used, and a version.
///
/// Write it back by compare-and-set after every check, like the login
/// [`Record`](crate::Record): a code accepted by two concurrent requests
/// would otherwise work twice.
///
/// ```
/// use nidan::{DeliveredCode, Delivery, Confirmation};
/// let pepper = [7u8; 32];
/// let now = 1_700_000_000;
/// let random = [9u8; DeliveredCode::RANDOM_LEN]; // use a real RNG
/// let (stored, code) = DeliveredCode::from_random(&random, now, &pepper, Delivery::default())?;
/// // send `code` by SMS or email; store `stored`
/// let Confirmation::Accepted { code: stored } = stored.check(code.as_str(), &pepper, now + 30)? else {
///     panic!("the right code in time is accepted")
/// };
/// assert_eq!(stored.check(code.as_str(), &pepper, now + 31)?, Confirmation::Used);
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DeliveredCode {
    version: u64,
    digits: u8,
    used: bool,
    attempts: u8,
    max_attempts: u8,
    expires_at: u64,
    salt: [u8; SALT_LEN],
    verifier: [u8; verifier::LEN],
}

/// What checking a delivered code decided. Store the code it carries (by
/// compare-and-set) for `Accepted` and `Rejected`; the others change nothing.
///
/// ```
/// assert_ne!(nidan::Confirmation::Expired, nidan::Confirmation::Used);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Confirmation {
    /// The right code, in time: confirm, and store `code` (now used).
    Accepted {
        /// The delivered code to store.
        code: DeliveredCode,
    },
    /// A wrong code: store `code`, which counts the attempt.
    Rejected {
        /// The delivered code to store.
        code: DeliveredCode,
        /// Attempts left before the code stops working.
        attempts_left: u32,
    },
    /// The code's lifetime is over: send a new one.
    Expired,
    /// Every attempt was used: send a new one.
    Exhausted,
    /// The code was accepted once already.
    Used,
}

impl Confirmation {
    /// A stable name for the decision, the same on every surface (Python's
    /// `Confirmation.kind`, JavaScript's `kind`).
    ///
    /// ```
    /// assert_eq!(nidan::Confirmation::Exhausted.kind(), "exhausted");
    /// ```
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Accepted { .. } => "accepted",
            Self::Rejected { .. } => "rejected",
            Self::Expired => "expired",
            Self::Exhausted => "exhausted",
            Self::Used => "used",
        }
    }
}

impl DeliveredCode {
    /// Random bytes [`DeliveredCode::from_random`] needs: 16 for the salt, 8 for the code.
    pub const RANDOM_LEN: usize = SALT_LEN + 8;
    /// Length of the byte form.
    pub const BYTES: usize = stored::OVERHEAD + 1 + 1 + 1 + 1 + 8 + 8 + SALT_LEN + verifier::LEN;
    /// Length of the text form.
    pub const TEXT_LEN: usize = crate::base32::encoded_len(Self::BYTES);

    /// A new code from random bytes the caller drew from a secure
    /// generator, valid from `now` (Unix seconds) for the delivery's
    /// lifetime. Returns what to store and the code to send.
    ///
    /// The code is the first 8 random bytes as a number, modulo
    /// 10^digits: the bias is below 10^10 / 2^64 (under one in a billion).
    ///
    /// # Errors
    /// [`Error::RandomTooShort`] under [`DeliveredCode::RANDOM_LEN`] bytes,
    /// [`Error::SecretTooShort`] for a pepper under 16 bytes.
    ///
    /// ```
    /// # use nidan::{DeliveredCode, Delivery};
    /// let (_, code) = DeliveredCode::from_random(&[0; 24], 0, &[7; 32], Delivery::default())?;
    /// assert_eq!(code, "000000");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_random(
        random: &[u8],
        now: u64,
        pepper: &[u8],
        delivery: Delivery,
    ) -> Result<(Self, Code)> {
        check_pepper(pepper)?;
        let random = random
            .get(..Self::RANDOM_LEN)
            .ok_or(Error::RandomTooShort {
                needed: Self::RANDOM_LEN,
            })?;
        let (salt_bytes, number) = random.split_at(SALT_LEN);
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(salt_bytes);
        let mut bits = [0u8; 8];
        bits.copy_from_slice(number);
        let mut value = u64::from_be_bytes(bits) % 10u64.pow(delivery.digits);
        bits.zeroize();
        let code = Code::from_random_value(value, delivery.digits);
        value.zeroize();
        let stored = Self {
            version: 0,
            // digits <= 10.
            digits: u8::try_from(delivery.digits).unwrap_or(0),
            used: false,
            attempts: 0,
            max_attempts: delivery.max_attempts,
            expires_at: now.saturating_add(delivery.lifetime),
            verifier: verifier(pepper, LABEL, &salt, code.as_str().as_bytes()),
            salt,
        };
        Ok((stored, code))
    }

    /// A new code from the operating system's generator.
    ///
    /// # Errors
    /// As [`DeliveredCode::from_random`], or [`Error::RandomSource`].
    ///
    /// ```
    /// let (_, code) = nidan::DeliveredCode::generate(0, &[7; 32], Default::default())?;
    /// assert_eq!(code.digits(), 6);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "getrandom")]
    pub fn generate(now: u64, pepper: &[u8], delivery: Delivery) -> Result<(Self, Code)> {
        let mut random = [0u8; Self::RANDOM_LEN];
        getrandom::fill(&mut random).map_err(|_| Error::RandomSource)?;
        let result = Self::from_random(&random, now, pepper, delivery);
        random.zeroize();
        result
    }

    /// Checks a typed code at `now`: used, expired and exhausted codes are
    /// refused before anything is computed; typed input is normalised
    /// (spaces, hyphens, full-width digits).
    ///
    /// # Errors
    /// [`Error::SecretTooShort`] for a pepper under 16 bytes.
    ///
    /// # Security
    /// The verifier is compared in constant time.
    ///
    /// ```
    /// # use nidan::{DeliveredCode, Delivery, Confirmation};
    /// # let (stored, _) = DeliveredCode::from_random(&[0; 24], 0, &[7; 32], Delivery::default())?;
    /// let Confirmation::Rejected { attempts_left, .. } = stored.check("123 456", &[7; 32], 10)? else {
    ///     panic!("a wrong code is rejected")
    /// };
    /// assert_eq!(attempts_left, 4);
    /// assert_eq!(stored.check("000000", &[7; 32], 600)?, Confirmation::Expired);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn check(&self, typed: &str, pepper: &[u8], now: u64) -> Result<Confirmation> {
        check_pepper(pepper)?;
        if self.used {
            return Ok(Confirmation::Used);
        }
        if now >= self.expires_at {
            return Ok(Confirmation::Expired);
        }
        if self.attempts >= self.max_attempts {
            return Ok(Confirmation::Exhausted);
        }
        let matches = normalize_code(typed)
            .filter(|code| code.digits() == u32::from(self.digits))
            .is_some_and(|code| {
                let candidate = verifier(pepper, LABEL, &self.salt, code.as_str().as_bytes());
                bool::from(candidate.ct_eq(&self.verifier))
            });
        let version = self.version.wrapping_add(1);
        if matches {
            return Ok(Confirmation::Accepted {
                code: Self {
                    version,
                    used: true,
                    ..self.clone()
                },
            });
        }
        let attempts = self.attempts.saturating_add(1);
        Ok(Confirmation::Rejected {
            code: Self {
                version,
                attempts,
                ..self.clone()
            },
            attempts_left: u32::from(self.max_attempts.saturating_sub(attempts)),
        })
    }

    /// When the code stops working (Unix seconds).
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// assert_eq!(stored.expires_at(), 700);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn expires_at(&self) -> u64 {
        self.expires_at
    }

    /// Attempts left.
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// assert_eq!(stored.attempts_left(), 5);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn attempts_left(&self) -> u32 {
        self.max_attempts.saturating_sub(self.attempts) as u32
    }

    /// Whether the code was accepted already.
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// assert!(!stored.is_used());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn is_used(&self) -> bool {
        self.used
    }

    /// The version: 0 when issued, one more with each check that changes it.
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// assert_eq!(stored.version(), 0);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn version(&self) -> u64 {
        self.version
    }

    /// The byte form, [`DeliveredCode::BYTES`] long.
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// assert_eq!(nidan::DeliveredCode::from_bytes(&stored.to_bytes())?, stored);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_bytes(&self) -> [u8; Self::BYTES] {
        let mut writer = Writer::<{ Self::BYTES }>::new(KIND);
        writer.put(&[
            u8::from(self.used),
            self.digits,
            self.attempts,
            self.max_attempts,
        ]);
        writer.put(&self.version.to_be_bytes());
        writer.put(&self.expires_at.to_be_bytes());
        writer.put(&self.salt);
        writer.put(&self.verifier);
        writer.seal().0
    }

    /// Reads the byte form.
    ///
    /// # Errors
    /// [`Error::StoredValue`] when the bytes are not a delivered code of a
    /// known format, are truncated or corrupted, or hold an impossible field.
    ///
    /// ```
    /// assert!(nidan::DeliveredCode::from_bytes(b"DELIVERED").is_err());
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut reader = Reader::open(KIND, bytes)?;
        let [used, digits, attempts, max_attempts] = reader.take()?;
        let version = reader.u64()?;
        let expires_at = reader.u64()?;
        let salt = reader.take()?;
        let verifier = reader.take()?;
        reader.finish()?;
        if used > 1 {
            return Err(KIND.error("its flags are invalid"));
        }
        if CodeSpec::new(CodeFormat::Decimal, u32::from(digits)).is_err() {
            return Err(KIND.error("its number of digits is out of range"));
        }
        if max_attempts == 0 || max_attempts > 20 || attempts > max_attempts {
            return Err(KIND.error("its attempt counts are out of range"));
        }
        Ok(Self {
            version,
            digits,
            used: used == 1,
            attempts,
            max_attempts,
            expires_at,
            salt,
            verifier,
        })
    }

    /// Writes the text form (base32) into `out`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when `out` is shorter than [`DeliveredCode::TEXT_LEN`].
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// let mut out = [0u8; nidan::DeliveredCode::TEXT_LEN];
    /// assert_eq!(nidan::DeliveredCode::from_text(stored.write_text(&mut out)?)?, stored);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write_text<'a>(&self, out: &'a mut [u8]) -> Result<&'a str> {
        stored::write_text(&self.to_bytes(), out)
    }

    /// The text form as a `String` (feature `alloc`).
    ///
    /// ```
    /// # let (stored, _) = nidan::DeliveredCode::from_random(&[0; 24], 100, &[7; 32], Default::default())?;
    /// assert_eq!(stored.to_text().len(), nidan::DeliveredCode::TEXT_LEN);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_text(&self) -> alloc::string::String {
        stored::to_text(&self.to_bytes())
    }

    /// Reads the text form.
    ///
    /// # Errors
    /// As [`DeliveredCode::from_bytes`], and when the text is not base32.
    ///
    /// ```
    /// assert!(nidan::DeliveredCode::from_text("JBSWY3DP").is_err());
    /// ```
    pub fn from_text(text: &str) -> Result<Self> {
        let mut bytes = [0u8; Self::BYTES];
        let len = stored::read_text(KIND, text, &mut bytes)?;
        Self::from_bytes(&bytes[..len])
    }
}

/// Shows the state, not the salt or the verifier.
impl fmt::Debug for DeliveredCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeliveredCode")
            .field("used", &self.used)
            .field("attempts_left", &self.attempts_left())
            .field("expires_at", &self.expires_at)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}
