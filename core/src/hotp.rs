//! HOTP: codes from a counter [RFC 4226].

use crate::algorithm::Algorithm;
use crate::code::{Code, CodeFormat, CodeSpec};
use crate::error::{Error, Result};
use crate::mac::KeyedMac;
use crate::secret::Secret;
use crate::verify::{Scan, Verification, Window};

/// The parameters of an HOTP generator: hash, number of digits and how
/// codes are written.
///
/// ```
/// let config = nidan::HotpConfig { digits: 8, ..Default::default() };
/// assert_eq!(config.algorithm, nidan::Algorithm::Sha1);
/// assert_eq!(config.format, nidan::CodeFormat::Decimal);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HotpConfig {
    /// The HMAC hash; SHA-1 by default.
    pub algorithm: Algorithm,
    /// Characters per code: 6 to 10 decimal digits (6 by default), or 5
    /// for Steam Guard codes (`CodeFormat::Steam`, feature `steam`).
    pub digits: u32,
    /// How codes are written; decimal digits by default.
    pub format: CodeFormat,
}

impl Default for HotpConfig {
    fn default() -> Self {
        Self {
            algorithm: Algorithm::Sha1,
            digits: 6,
            format: CodeFormat::Decimal,
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
    algorithm: Algorithm,
    spec: CodeSpec,
}

impl Hotp {
    /// The `look_ahead` of [`Hotp::verify`] that the bindings use when none
    /// is given: only the counter itself. A larger look-ahead resynchronises
    /// a token pressed without logging in [RFC 4226 §7.4], at the cost of
    /// more codes that match a guess.
    pub const DEFAULT_LOOK_AHEAD: u32 = 0;

    /// Keys the HMAC with `secret`.
    ///
    /// # Errors
    /// [`Error::Digits`] outside 6 to 10 (other than 5 for Steam codes);
    /// [`Error::AlgorithmUnavailable`] for SHA-3 without the cargo feature
    /// `sha3`; [`Error::SecretEmpty`] for a secret that was wiped
    /// ([`zeroize::Zeroize`] leaves it empty): no MAC is ever keyed with an
    /// empty key.
    ///
    /// ```
    /// use zeroize::Zeroize;
    /// let mut secret = nidan::Secret::from_bytes(b"12345678901234567890")?;
    /// assert!(nidan::Hotp::new(&secret, nidan::HotpConfig { digits: 5, ..Default::default() }).is_err());
    /// secret.zeroize();
    /// assert_eq!(nidan::Hotp::new(&secret, Default::default()).unwrap_err(), nidan::Error::SecretEmpty);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn new(secret: &Secret, config: HotpConfig) -> Result<Self> {
        let spec = CodeSpec::new(config.format, config.digits)?;
        if secret.as_bytes().is_empty() {
            return Err(Error::SecretEmpty);
        }
        Ok(Self {
            mac: KeyedMac::new(config.algorithm, secret.as_bytes())?,
            algorithm: config.algorithm,
            spec,
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
        self.spec.code(self.mac.truncated(counter))
    }

    /// Checks `code` against counters `counter` to `counter + look_ahead`
    /// [RFC 4226 §7.4], in constant time; store
    /// [`Match::next_counter`](crate::Match::next_counter) of an accepted
    /// code as the new counter. Counters below `counter` are never checked,
    /// so a used code cannot come back: the verdict is accepted or rejected,
    /// never replayed.
    ///
    /// `code` must be exactly `digits` ASCII digits (or 5 Steam characters
    /// in upper case); anything else is a wrong code. Counter `u64::MAX` never matches, so the next counter always exists.
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
            spec: self.spec,
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
        HotpConfig {
            algorithm: self.algorithm,
            digits: self.spec.digits(),
            format: self.spec.format(),
        }
    }

    pub(crate) fn mac(&self) -> &KeyedMac {
        &self.mac
    }

    pub(crate) fn spec(&self) -> CodeSpec {
        self.spec
    }
}

/// The keyed HMAC state wipes itself when dropped.
impl zeroize::ZeroizeOnDrop for Hotp {}

impl core::fmt::Debug for Hotp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Hotp")
            .field("config", &self.config())
            .finish_non_exhaustive()
    }
}
