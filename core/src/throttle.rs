//! Throttling of consecutive failures: exponential back-off, then a hard stop.

use crate::error::{Error, Result};
use crate::record::Record;

/// How failed attempts slow down the next ones [RFC 4226 §7.3].
///
/// After `n` consecutive failures the next attempt waits
/// `factor · 2^(n-1)` seconds from the last failure, at most `max_wait`
/// (django-otp's `ThrottlingMixin` without the cap). At `max_failures`
/// failures attempts stop until [`Record::reset_failures`]: NIST SP
/// 800-63B §5.2.2 allows at most 100 consecutive failed attempts on one
/// account. A success resets the count.
///
/// The defaults ([`Throttle::default`]):
/// - `factor` 1 second, django-otp's default (`OTP_TOTP_THROTTLE_FACTOR`):
///   a user who mistypes once waits 1 second, twice 2, then 4, 8...
/// - `max_wait` 900 seconds (15 minutes), reached at the 11th failure: a
///   real user who keeps failing can still try again the same quarter
///   hour, and a guesser is held to 4 tries an hour.
/// - `max_failures` 100, the NIST ceiling: reached after about a day of
///   guessing at the capped pace, it turns a slow attack into a support call.
///
/// ```
/// use nidan::Throttle;
/// let throttle = Throttle::default();
/// assert_eq!((throttle.delay(0), throttle.delay(1), throttle.delay(4)), (0, 1, 8));
/// assert_eq!(throttle.delay(11), 900);
/// let strict = Throttle::new(5, 3600, 10)?;
/// assert_eq!(strict.delay(3), 20);
/// assert!(Throttle::new(1, 900, 101).is_err());
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Throttle {
    factor: u64,
    max_wait: u64,
    max_failures: u32,
}

/// Why an attempt is refused before anything is checked.
///
/// ```
/// use nidan::{Hold, Record, Throttle};
/// assert_eq!(Throttle::default().hold(&Record::new(), 1_700_000_000), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hold {
    /// Too soon after the last failure: try again in `seconds`.
    Wait {
        /// Seconds until the next attempt is allowed (at least 1).
        seconds: u64,
    },
    /// The hard stop: too many consecutive failures. Only
    /// [`Record::reset_failures`] lifts it.
    Locked,
}

impl Throttle {
    /// The NIST SP 800-63B §5.2.2 ceiling on consecutive failures.
    pub const MAX_FAILURES: u32 = 100;

    /// A throttle that waits `factor · 2^(n-1)` seconds after `n` failures,
    /// at most `max_wait`, and stops at `max_failures`.
    ///
    /// # Errors
    /// [`Error::Setting`] when `max_failures` is not from 1 to 100 or
    /// `max_wait` is below `factor`.
    ///
    /// ```
    /// assert!(nidan::Throttle::new(1, 900, 0).is_err());
    /// assert!(nidan::Throttle::new(10, 5, 10).is_err());
    /// ```
    pub const fn new(factor: u64, max_wait: u64, max_failures: u32) -> Result<Self> {
        if max_failures == 0 || max_failures > Self::MAX_FAILURES {
            return Err(Error::Setting {
                rule: "max_failures must be from 1 to 100 (NIST SP 800-63B 5.2.2)",
            });
        }
        if max_wait < factor {
            return Err(Error::Setting {
                rule: "max_wait must be at least factor",
            });
        }
        Ok(Self {
            factor,
            max_wait,
            max_failures,
        })
    }

    /// Seconds of back-off after the first failure.
    ///
    /// ```
    /// assert_eq!(nidan::Throttle::default().factor(), 1);
    /// ```
    pub const fn factor(&self) -> u64 {
        self.factor
    }

    /// The longest back-off, in seconds.
    ///
    /// ```
    /// assert_eq!(nidan::Throttle::default().max_wait(), 900);
    /// ```
    pub const fn max_wait(&self) -> u64 {
        self.max_wait
    }

    /// The number of consecutive failures that stops attempts.
    ///
    /// ```
    /// assert_eq!(nidan::Throttle::default().max_failures(), 100);
    /// ```
    pub const fn max_failures(&self) -> u32 {
        self.max_failures
    }

    /// The back-off after `failures` consecutive failures, in seconds:
    /// `factor · 2^(failures-1)`, at most `max_wait`; 0 without failures.
    /// It never shrinks as failures grow.
    ///
    /// ```
    /// let throttle = nidan::Throttle::new(3, 1000, 100)?;
    /// assert_eq!([1, 2, 3, 9, 99].map(|n| throttle.delay(n)), [3, 6, 12, 768, 1000]);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn delay(&self, failures: u32) -> u64 {
        if failures == 0 {
            return 0;
        }
        let doubling = match 1u64.checked_shl(failures - 1) {
            Some(doubling) => doubling,
            None => u64::MAX,
        };
        let delay = self.factor.saturating_mul(doubling);
        if delay > self.max_wait {
            self.max_wait
        } else {
            delay
        }
    }

    /// Whether `record` must wait, or is stopped, at `now` (Unix seconds).
    /// [`Login`](crate::Login) asks this before it looks at a code.
    ///
    /// ```
    /// use nidan::{Attempt, Hold, Login, Record, Secret, Throttle, Totp};
    /// let totp = Totp::new(&Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let Attempt::Rejected { record } = Login::default().attempt(&totp, &Record::new(), "000000", 1000)? else {
    ///     panic!("a wrong code is rejected")
    /// };
    /// let throttle = Throttle::default();
    /// assert_eq!(throttle.hold(&record, 1000), Some(Hold::Wait { seconds: 1 }));
    /// assert_eq!(throttle.hold(&record, 1001), None);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn hold(&self, record: &Record, now: u64) -> Option<Hold> {
        let failures = record.failures();
        if failures >= self.max_failures {
            return Some(Hold::Locked);
        }
        let Some(last_failure) = record.last_failure() else {
            return None;
        };
        let until = last_failure.saturating_add(self.delay(failures));
        if now < until {
            Some(Hold::Wait {
                seconds: until - now,
            })
        } else {
            None
        }
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            factor: 1,
            max_wait: 900,
            max_failures: Self::MAX_FAILURES,
        }
    }
}
