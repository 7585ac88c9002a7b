//! HOTP: codes from a counter [RFC 4226].

use crate::algorithm::Algorithm;
use crate::code::{Code, check_digits, modulus};
use crate::error::Result;
use crate::mac::KeyedMac;
use crate::secret::Secret;
use crate::verify::{Scan, Verification, Window};

/// The parameters of an HOTP generator: hash and number of digits.
///
/// ```
/// let config = nidan::HotpConfig { digits: 8, ..Default::default() };
/// assert_eq!(config.algorithm, nidan::Algorithm::Sha1);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HotpConfig {
    /// The HMAC hash; SHA-1 by default.
    pub algorithm: Algorithm,
    /// Digits per code, 6 to 10; 6 by default.
    pub digits: u32,
}

impl Default for HotpConfig {
    fn default() -> Self {
        Self {
            algorithm: Algorithm::Sha1,
            digits: 6,
        }
    }
}

/// An HOTP generator and verifier: the HMAC is keyed once, here.
///
/// Generating and verifying allocate nothing and cost two hash
/// compressions per counter.
///
/// ```
/// use nidan::{Hotp, Secret};
/// let hotp = Hotp::new(&Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// assert_eq!(hotp.generate(1), "287082");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone)]
pub struct Hotp {
    mac: KeyedMac,
    config: HotpConfig,
}

impl Hotp {
    /// Keys the HMAC with `secret`.
    ///
    /// # Errors
    /// [`Error::Digits`](crate::Error::Digits) outside 6 to 10,
    /// [`Error::AlgorithmUnavailable`](crate::Error::AlgorithmUnavailable)
    /// for SHA-3 without the cargo feature `sha3`.
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"12345678901234567890")?;
    /// assert!(nidan::Hotp::new(&secret, nidan::HotpConfig { digits: 5, ..Default::default() }).is_err());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn new(secret: &Secret, config: HotpConfig) -> Result<Self> {
        check_digits(config.digits)?;
        Ok(Self {
            mac: KeyedMac::new(config.algorithm, secret.as_bytes())?,
            config,
        })
    }

    /// The code for `counter` [RFC 4226 §5.3].
    ///
    /// ```
    /// # let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(hotp.generate(9), "520489");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn generate(&self, counter: u64) -> Code {
        let value = u64::from(self.mac.truncated(counter) % modulus(self.config.digits));
        Code::from_value(value, self.config.digits)
    }

    /// Checks `code` against counters `counter` to `counter + look_ahead`
    /// [RFC 4226 §7.4], in constant time; store
    /// [`Match::next_counter`](crate::Match::next_counter) of an accepted
    /// code as the new counter. Counters below `counter` are never checked,
    /// so a used code cannot come back: the verdict is accepted or rejected,
    /// never replayed.
    ///
    /// `code` must be exactly `digits` ASCII digits; anything else is a wrong
    /// code. Counter `u64::MAX` never matches, so the next counter always exists.
    ///
    /// # Errors
    /// [`Error::WindowTooLarge`](crate::Error::WindowTooLarge) when
    /// `look_ahead` exceeds [`Window::MAX_SIDE`].
    ///
    /// ```
    /// # let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let found = hotp.verify("969429", 1, 3)?.accepted().expect("counter 3 is within 1..=4");
    /// assert_eq!((found.step(), found.drift(), found.next_counter()), (3, 2, 4));
    /// assert_eq!(hotp.verify("969429", 4, 3)?.verdict(), nidan::Verdict::Rejected);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn verify(&self, code: &str, counter: u64, look_ahead: u32) -> Result<Verification> {
        let scan = Scan {
            mac: &self.mac,
            digits: self.config.digits,
            expected: counter,
            window: Window::new(0, look_ahead)?,
            last_accepted: None,
            max_step: u64::MAX - 1,
        };
        Ok(scan.run(code))
    }

    /// The parameters this generator was made with.
    ///
    /// ```
    /// # let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(hotp.config().digits, 6);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn config(&self) -> HotpConfig {
        self.config
    }

    pub(crate) fn mac(&self) -> &KeyedMac {
        &self.mac
    }
}

/// The keyed HMAC state wipes itself when dropped.
impl zeroize::ZeroizeOnDrop for Hotp {}

impl core::fmt::Debug for Hotp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Hotp")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
