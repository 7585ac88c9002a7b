//! TOTP: codes from the time [RFC 6238].

use crate::algorithm::Algorithm;
use crate::code::{Code, CodeFormat};
use crate::error::{Error, Result};
use crate::hotp::{Hotp, HotpConfig};
use crate::secret::Secret;
use crate::verify::{Scan, Verification, Window};

/// The parameters of a TOTP generator.
///
/// ```
/// let config = nidan::TotpConfig { period: 60, ..Default::default() };
/// assert_eq!((config.digits, config.t0), (6, 0));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TotpConfig {
    /// The HMAC hash; SHA-1 by default.
    pub algorithm: Algorithm,
    /// Characters per code: 6 to 10 decimal digits (6 by default), or 5
    /// for Steam Guard codes (`CodeFormat::Steam`, feature `steam`).
    pub digits: u32,
    /// Seconds per step, at least 1; 30 by default.
    pub period: u64,
    /// The Unix time at which step 0 starts; 0 by default.
    pub t0: u64,
    /// How codes are written; decimal digits by default.
    pub format: CodeFormat,
}

#[cfg(feature = "steam")]
impl TotpConfig {
    /// Steam Guard's parameters: SHA-1, 30-second steps, codes of 5
    /// characters in [`CodeFormat::Steam`].
    ///
    /// ```
    /// let steam = nidan::TotpConfig::steam();
    /// assert_eq!((steam.digits, steam.period, steam.format), (5, 30, nidan::CodeFormat::Steam));
    /// ```
    pub const fn steam() -> Self {
        Self {
            algorithm: Algorithm::Sha1,
            digits: CodeFormat::STEAM_DIGITS,
            period: 30,
            t0: 0,
            format: CodeFormat::Steam,
        }
    }
}

impl TotpConfig {
    /// The step `T = floor((time - T0) / period)` [RFC 6238 §4.2]: no key
    /// needed, only the period and T0.
    ///
    /// # Errors
    /// [`Error::Period`] for a period of 0, [`Error::TimeBeforeT0`].
    ///
    /// ```
    /// let config = nidan::TotpConfig::default();
    /// assert_eq!(config.step(20_000_000_000)?, 666_666_666);
    /// let late = nidan::TotpConfig { t0: 60, ..config };
    /// assert_eq!(late.step(59), Err(nidan::Error::TimeBeforeT0));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn step(&self, time: u64) -> Result<u64> {
        self.check_period()?;
        step_at(time, self.t0, self.period).ok_or(Error::TimeBeforeT0)
    }

    /// The step at `time` with its start, end and the seconds left in it:
    /// what an authenticator screen shows beside the code, without a key.
    ///
    /// # Errors
    /// As [`TotpConfig::step`].
    ///
    /// ```
    /// let config = nidan::TotpConfig { period: 60, ..Default::default() };
    /// let now = config.time_step(1_111_111_111)?;
    /// assert_eq!(now.step, 18_518_518);
    /// assert_eq!((now.start, now.end, now.remaining), (1_111_111_080, 1_111_111_140, 29));
    /// let zero = nidan::TotpConfig { period: 0, ..config };
    /// assert_eq!(zero.time_step(59), Err(nidan::Error::Period));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn time_step(&self, time: u64) -> Result<TimeStep> {
        self.check_period()?;
        let since_t0 = time.checked_sub(self.t0).ok_or(Error::TimeBeforeT0)?;
        let into_step = since_t0 % self.period;
        // start <= time, so it cannot overflow; the end may lie beyond u64.
        let start = time - into_step;
        Ok(TimeStep {
            step: since_t0 / self.period,
            start,
            end: start.saturating_add(self.period),
            remaining: self.period - into_step,
        })
    }

    fn check_period(&self) -> Result<()> {
        if self.period == 0 {
            return Err(Error::Period);
        }
        Ok(())
    }
}

impl Default for TotpConfig {
    fn default() -> Self {
        Self {
            algorithm: Algorithm::Sha1,
            digits: 6,
            period: 30,
            t0: 0,
            format: CodeFormat::Decimal,
        }
    }
}

/// One time step: its number, when it starts and ends, and the seconds left.
///
/// ```
/// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// let now = totp.time_step(1_111_111_111)?;
/// assert_eq!(now.step, 37_037_037);
/// assert_eq!((now.start, now.end, now.remaining), (1_111_111_110, 1_111_111_140, 29));
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TimeStep {
    /// The step number `T`.
    pub step: u64,
    /// The first second of the step.
    pub start: u64,
    /// The first second of the next step (`u64::MAX` if that is beyond `u64`).
    pub end: u64,
    /// Seconds from the given time until the next step, 1 to `period`.
    pub remaining: u64,
}

/// A TOTP generator and verifier: the HMAC is keyed once, here.
///
/// Generating and verifying allocate nothing. Times are Unix seconds as
/// `u64`; all arithmetic is checked up to `u64::MAX`.
///
/// ```
/// use nidan::{Secret, Totp, TotpConfig, Algorithm};
/// let secret = Secret::from_bytes(b"12345678901234567890123456789012")?;
/// let config = TotpConfig { algorithm: Algorithm::Sha256, digits: 8, ..Default::default() };
/// let totp = Totp::new(&secret, config)?;
/// assert_eq!(totp.generate(59)?, "46119246");
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Totp {
    hotp: Hotp,
    /// The clock: period and T0 (the code parameters live in `hotp`).
    clock: TotpConfig,
}

impl Totp {
    /// Keys the HMAC with `secret`.
    ///
    /// # Errors
    /// [`Error::Digits`] outside 6 to 10 (other than 5 for Steam codes),
    /// [`Error::Period`] for a period of 0, [`Error::SecretEmpty`] for a
    /// wiped secret (see [`Hotp::new`]).
    ///
    /// ```
    /// let secret = nidan::Secret::from_bytes(b"12345678901234567890")?;
    /// let bad = nidan::TotpConfig { period: 0, ..Default::default() };
    /// assert_eq!(nidan::Totp::new(&secret, bad).unwrap_err(), nidan::Error::Period);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn new(secret: &Secret, config: TotpConfig) -> Result<Self> {
        config.check_period()?;
        let hotp = Hotp::new(
            secret,
            HotpConfig {
                algorithm: config.algorithm,
                digits: config.digits,
                format: config.format,
            },
        )?;
        Ok(Self {
            hotp,
            clock: config,
        })
    }

    /// The step `T = floor((time - T0) / period)` [RFC 6238 §4.2]
    /// ([`TotpConfig::step`] of this generator's parameters).
    ///
    /// # Errors
    /// [`Error::TimeBeforeT0`].
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(totp.step(20_000_000_000)?, 666_666_666);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn step(&self, time: u64) -> Result<u64> {
        self.clock.step(time)
    }

    /// The step at `time` with its start, end and the seconds left in it:
    /// what an authenticator screen shows beside the code
    /// ([`TotpConfig::time_step`]).
    ///
    /// # Errors
    /// [`Error::TimeBeforeT0`].
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(totp.time_step(59)?.remaining, 1);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn time_step(&self, time: u64) -> Result<TimeStep> {
        self.clock.time_step(time)
    }

    /// The code at `time`.
    ///
    /// # Errors
    /// [`Error::TimeBeforeT0`].
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(totp.generate(1_111_111_111)?, "050471");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn generate(&self, time: u64) -> Result<Code> {
        Ok(self.hotp.generate(self.step(time)?))
    }

    /// The code of step `step`; `generate_at_step(step + 1)` is the next code.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(totp.generate_at_step(37_037_038), "266759");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn generate_at_step(&self, step: u64) -> Code {
        self.hotp.generate(step)
    }

    /// Checks `code` against every step of `window` around `time`, in
    /// constant time, and refuses steps at or below `last_accepted`.
    ///
    /// Store [`Match::step`](crate::Match::step) of an accepted code and pass
    /// it as `last_accepted` next time: that is what stops a code from being
    /// used twice [RFC 6238 §5.2], keyed by step rather than by the string
    /// typed. `code` must be exactly `digits` ASCII digits; anything else is
    /// [`Verdict::Rejected`](crate::Verdict::Rejected) (normalise typed input
    /// with [`normalize_code`](crate::normalize_code) first).
    ///
    /// The result is a sealed [`Verification`]: open it with
    /// [`Verification::verdict`] to act on it.
    ///
    /// # Errors
    /// [`Error::TimeBeforeT0`].
    ///
    /// # Security
    /// Every step of the window is computed and compared whatever the
    /// outcome, and the result is built the same way whatever it is; timing
    /// reveals the length and format of `code` and the size of the window,
    /// not whether or where the code matched, nor how many digits were right.
    ///
    /// ```
    /// use nidan::{Secret, Totp, Verdict, Window};
    /// let totp = Totp::new(&Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let verification = totp.verify("050471", 1_111_111_111, Window::default(), None)?;
    /// let Verdict::Accepted(found) = verification.verdict() else { panic!("should match") };
    /// assert_eq!(found.drift(), 0);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn verify(
        &self,
        code: &str,
        time: u64,
        window: Window,
        last_accepted: Option<u64>,
    ) -> Result<Verification> {
        Ok(self.verify_around_step(code, self.step(time)?, window, last_accepted))
    }

    /// [`Totp::verify`] with the window centred on step `centre` instead of
    /// the step of a time: for a validator that learned the other side's
    /// clock drift [RFC 6238 §6] (as `Login` does, feature `server`).
    /// [`Match::drift`](crate::Match::drift) counts from `centre`.
    ///
    /// # Security
    /// As [`Totp::verify`]: the same constant-time scan.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// // The server is at step 37_037_039; this phone was last seen two steps behind.
    /// let found = totp.verify_around_step("050471", 37_037_037, Default::default(), None);
    /// assert_eq!(found.accepted().map(|m| (m.step(), m.drift())), Some((37_037_037, 0)));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn verify_around_step(
        &self,
        code: &str,
        centre: u64,
        window: Window,
        last_accepted: Option<u64>,
    ) -> Verification {
        let scan = Scan {
            mac: self.hotp.mac(),
            spec: self.hotp.spec(),
            expected: centre,
            window,
            last_accepted,
            max_step: u64::MAX,
        };
        scan.run(code)
    }

    /// The parameters this generator was made with.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(totp.config(), nidan::TotpConfig::default());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn config(&self) -> TotpConfig {
        let HotpConfig {
            algorithm,
            digits,
            format,
        } = self.hotp.config();
        TotpConfig {
            algorithm,
            digits,
            format,
            ..self.clock
        }
    }
}

/// The keyed HMAC state wipes itself when dropped.
impl zeroize::ZeroizeOnDrop for Totp {}

/// Clock conveniences (feature `std`).
#[cfg(feature = "std")]
impl Totp {
    /// The code now, by the system clock.
    ///
    /// # Errors
    /// [`Error::TimeBeforeT0`] when the clock reads before T0, and
    /// [`Error::ClockBeforeUnixEpoch`] when it reads before 1970.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(totp.generate_now()?.as_str().len(), 6);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn generate_now(&self) -> Result<Code> {
        self.generate(unix_now()?)
    }

    /// The current step, its bounds and the seconds left, by the system clock.
    ///
    /// # Errors
    /// As [`Totp::generate_now`].
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert!((1..=30).contains(&totp.time_step_now()?.remaining));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn time_step_now(&self) -> Result<TimeStep> {
        self.time_step(unix_now()?)
    }

    /// [`Totp::verify`] at the system clock's time.
    ///
    /// # Errors
    /// As [`Totp::generate_now`].
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let code = totp.generate_now()?;
    /// assert!(totp.verify_now(code.as_str(), Default::default(), None)?.is_accepted());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn verify_now(
        &self,
        code: &str,
        window: Window,
        last_accepted: Option<u64>,
    ) -> Result<Verification> {
        self.verify(code, unix_now()?, window, last_accepted)
    }
}

/// The step `floor((time - t0) / period)` [RFC 6238 §4.2], or `None`
/// before T0; `period` is not 0.
///
/// This division of public values is the only one on the TOTP paths. It is
/// kept out of line, away from the paths that touch the MAC, so that the
/// division check (`scripts/parts/ct.sh`) can tell it apart from them.
#[inline(never)]
fn step_at(time: u64, t0: u64, period: u64) -> Option<u64> {
    time.checked_sub(t0)?.checked_div(period)
}

/// Seconds since the Unix epoch by the system clock.
#[cfg(feature = "std")]
fn unix_now() -> Result<u64> {
    unix_seconds(std::time::SystemTime::now())
}

/// Seconds since the Unix epoch at `time`; a clock set before 1970 is an
/// error of its own, not a time before T0.
#[cfg(feature = "std")]
fn unix_seconds(time: std::time::SystemTime) -> Result<u64> {
    time.duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs())
        .map_err(|_| Error::ClockBeforeUnixEpoch)
}

#[cfg(all(test, feature = "std"))]
mod clock_tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::{Error, unix_seconds};

    #[test]
    fn a_clock_before_1970_is_its_own_error() {
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert_eq!(unix_seconds(before), Err(Error::ClockBeforeUnixEpoch));
        assert_eq!(unix_seconds(UNIX_EPOCH + Duration::from_secs(59)), Ok(59));
    }
}
