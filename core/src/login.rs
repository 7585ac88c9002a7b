//! One decision per login attempt, on plain data.
//!
//! # Storing the result: compare-and-set
//!
//! Two requests carrying the same code can read the same record; if both
//! wrote whatever they decided, both would let the user in (the race of
//! devise-two-factor CVE-2015-7225 and eduMFA GHSA-qq2p-4282-cfc5). So
//! write the new record only if the stored one is still the one you read.
//! Every record [`Login`] returns has a new version, so comparing the
//! stored text is enough, in one statement:
//!
//! ```sql
//! -- SQLite (check sqlite3_changes() / cursor.rowcount == 1)
//! UPDATE second_factor SET record = ?1 WHERE user_id = ?2 AND record = ?3;
//! -- PostgreSQL (check the row count == 1, or add RETURNING user_id)
//! UPDATE second_factor SET record = $1 WHERE user_id = $2 AND record = $3;
//! ```
//!
//! (A `version` column holding [`Record::version`] works the same way:
//! `... SET record = ?, version = ? WHERE user_id = ? AND version = ?`.)
//!
//! When the write changes no row, another request changed the record first:
//! - an [`Attempt::Accepted`] that loses is a **replay**: a concurrent
//!   request used the code (or one of its window). Refuse the login.
//! - an [`Attempt::Rejected`] that loses is **decided again** on the fresh
//!   record (read it, call [`Login::attempt`] again, write again), so that
//!   every failure counts and the throttle cannot be outrun by parallel guesses.
//!
//! Recovery codes and delivered codes are written back the same way.

use crate::drift::Drift;
use crate::error::Result;
use crate::record::Record;
use crate::recovery::RecoveryCodes;
use crate::throttle::{Hold, Throttle};
use crate::totp::Totp;

/// The server side of a two-step login: throttling, then replay refusal
/// and drift learning around [`Totp::verify_around_step`].
///
/// `Login::default()` throttles as [`Throttle::default`] and looks as
/// [`Drift::default`] does; both are explained there. A login keeps no
/// state: everything per user is in the [`Record`] passed in and returned.
///
/// ```
/// use nidan::{Attempt, Login, Record, Secret, Totp};
/// let totp = Totp::new(&Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// let login = Login::default();
/// let record = Record::new(); // stored at enrolment
/// let now = 1_111_111_111;
///
/// let Attempt::Accepted { record, step, drift } = login.attempt(&totp, &record, "050471", now)? else {
///     panic!("the current code is accepted");
/// };
/// assert_eq!((step, drift, record.version()), (37_037_037, 0, 1));
/// // store `record` by compare-and-set; the same code again is a replay:
/// assert_eq!(login.attempt(&totp, &record, "050471", now + 5)?, Attempt::Replayed);
///
/// let Attempt::Rejected { record } = login.attempt(&totp, &record, "000000", now + 30)? else {
///     panic!("a wrong code is rejected");
/// };
/// assert_eq!(login.attempt(&totp, &record, "000000", now + 30)?, Attempt::Throttled { wait_seconds: 1 });
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Login {
    drift: Drift,
    throttle: Throttle,
}

/// A login policy as six numbers, the form in which a binding, a form or a
/// configuration file holds it: the window around the learned drift
/// (`behind`, `ahead`), the cap on what is learned (`max_learned`, see
/// [`Drift`]) and the throttle (`factor`, `max_wait`, `max_failures`, see
/// [`Throttle`]). The default is the settings of [`Login::default`].
///
/// ```
/// use nidan::{Login, LoginSettings};
/// let settings = LoginSettings { max_failures: 20, ..LoginSettings::default() };
/// let login = settings.login()?;
/// assert_eq!(login.throttle().max_failures(), 20);
/// assert_eq!(login.settings(), settings);
/// assert_eq!(LoginSettings::default().login()?, Login::default());
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LoginSettings {
    /// Steps looked at behind the learned drift ([`Window::behind`](crate::Window::behind)).
    pub behind: u32,
    /// Steps looked at ahead of it ([`Window::ahead`](crate::Window::ahead)).
    pub ahead: u32,
    /// The cap on the learned drift, in steps ([`Drift::max_learned`]).
    pub max_learned: u32,
    /// Seconds of the first wait ([`Throttle::factor`]).
    pub factor: u64,
    /// The longest wait ([`Throttle::max_wait`]).
    pub max_wait: u64,
    /// The hard stop ([`Throttle::max_failures`]).
    pub max_failures: u32,
}

impl LoginSettings {
    /// The settings of a window of `behind` and `ahead` steps around the
    /// learned drift, capped at `max_learned`, and a throttle of `factor`,
    /// `max_wait` and `max_failures`; [`LoginSettings::login`] checks them.
    ///
    /// ```
    /// let settings = nidan::LoginSettings::new(1, 1, 4, 1, 900, 100);
    /// assert_eq!(settings, nidan::LoginSettings::default());
    /// ```
    pub const fn new(
        behind: u32,
        ahead: u32,
        max_learned: u32,
        factor: u64,
        max_wait: u64,
        max_failures: u32,
    ) -> Self {
        Self {
            behind,
            ahead,
            max_learned,
            factor,
            max_wait,
            max_failures,
        }
    }

    /// The login these settings describe.
    ///
    /// # Errors
    /// [`Error::WindowTooLarge`](crate::Error::WindowTooLarge) or
    /// [`Error::Setting`](crate::Error::Setting) for a setting out of range,
    /// as [`Window::new`](crate::Window::new), [`Drift::new`] and
    /// [`Throttle::new`] say (checked in that order).
    ///
    /// ```
    /// let too_many = nidan::LoginSettings { max_failures: 101, ..Default::default() };
    /// assert!(too_many.login().is_err());
    /// ```
    pub fn login(self) -> Result<Login> {
        let window = crate::Window::new(self.behind, self.ahead)?;
        let drift = Drift::new(window, self.max_learned)?;
        let throttle = Throttle::new(self.factor, self.max_wait, self.max_failures)?;
        Ok(Login::new(drift, throttle))
    }
}

impl Default for LoginSettings {
    fn default() -> Self {
        Login::default().settings()
    }
}

/// What one login attempt decided. Store the record it carries (by
/// compare-and-set, see [`Login`]) for `Accepted` and `Rejected`; the
/// others change nothing.
///
/// ```
/// assert_eq!(nidan::Attempt::Replayed.record(), None);
/// ```
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Attempt {
    /// The code is right and new: let the user in once the record is stored.
    Accepted {
        /// The record to store: the step, no failures, the learned drift.
        record: Record,
        /// The matched step.
        step: u64,
        /// The learned drift (the user's clock minus the server's, in steps, capped).
        drift: i32,
    },
    /// The code is right but its step was accepted already [RFC 6238 §5.2].
    /// Refuse it; nothing to store.
    Replayed,
    /// The code is wrong (or malformed): refuse it and store the record,
    /// which counts the failure.
    Rejected {
        /// The record to store.
        record: Record,
    },
    /// Too soon after a failure: nothing was checked. Ask the user to wait.
    Throttled {
        /// Seconds until the next attempt is allowed.
        wait_seconds: u64,
    },
    /// Too many consecutive failures: nothing was checked, and nothing but
    /// [`Record::reset_failures`] (support) lifts it.
    Locked,
}

impl Attempt {
    /// A stable name for the decision, the same on every surface (Python's
    /// `Attempt.kind`, JavaScript's `kind`).
    ///
    /// ```
    /// assert_eq!(nidan::Attempt::Replayed.kind(), "replayed");
    /// ```
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Accepted { .. } => "accepted",
            Self::Replayed => "replayed",
            Self::Rejected { .. } => "rejected",
            Self::Throttled { .. } => "throttled",
            Self::Locked => "locked",
        }
    }

    /// The record to store, for outcomes that change it.
    ///
    /// ```
    /// assert_eq!(nidan::Attempt::Locked.record(), None);
    /// ```
    pub const fn record(&self) -> Option<&Record> {
        match self {
            Self::Accepted { record, .. } | Self::Rejected { record } => Some(record),
            Self::Replayed | Self::Throttled { .. } | Self::Locked => None,
        }
    }
}

/// What one recovery attempt decided ([`Login::recover`]). Store both values
/// of `Accepted`, and the record of `Rejected`, by compare-and-set.
///
/// ```
/// assert_eq!(nidan::Recovery::Locked, nidan::Recovery::Locked);
/// ```
#[must_use]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[allow(
    clippy::large_enum_variant,
    reason = "the core has no allocator to box the codes; they are a few hundred bytes"
)]
pub enum Recovery {
    /// An unused recovery code of the set: let the user in.
    Accepted {
        /// The login record to store (failures reset).
        record: Record,
        /// The recovery codes to store (this one marked used).
        codes: RecoveryCodes,
        /// Codes left; offer a new set when it runs low.
        remaining: usize,
    },
    /// Not an unused code of the set: refuse, and store the record.
    Rejected {
        /// The record to store.
        record: Record,
    },
    /// As [`Attempt::Throttled`].
    Throttled {
        /// Seconds until the next attempt is allowed.
        wait_seconds: u64,
    },
    /// As [`Attempt::Locked`].
    Locked,
}

impl Recovery {
    /// A stable name for the decision, the same on every surface (Python's
    /// `Recovery.kind`, JavaScript's `kind`).
    ///
    /// ```
    /// assert_eq!(nidan::Recovery::Locked.kind(), "locked");
    /// ```
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Accepted { .. } => "accepted",
            Self::Rejected { .. } => "rejected",
            Self::Throttled { .. } => "throttled",
            Self::Locked => "locked",
        }
    }
}

impl Login {
    /// A login that looks for codes as `drift` says and throttles as `throttle` says.
    ///
    /// ```
    /// use nidan::{Drift, Login, Throttle, Window};
    /// let login = Login::new(Drift::fixed(Window::default()), Throttle::new(2, 600, 20)?);
    /// assert_eq!(login.throttle().max_failures(), 20);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn new(drift: Drift, throttle: Throttle) -> Self {
        Self { drift, throttle }
    }

    /// Where codes are looked for.
    ///
    /// ```
    /// assert_eq!(nidan::Login::default().drift(), nidan::Drift::default());
    /// ```
    pub const fn drift(&self) -> Drift {
        self.drift
    }

    /// How failures are throttled.
    ///
    /// ```
    /// assert_eq!(nidan::Login::default().throttle(), nidan::Throttle::default());
    /// ```
    pub const fn throttle(&self) -> Throttle {
        self.throttle
    }

    /// The six numbers of this login, which [`LoginSettings::login`] turns
    /// back into it.
    ///
    /// ```
    /// let settings = nidan::Login::default().settings();
    /// assert_eq!((settings.behind, settings.ahead, settings.max_failures), (1, 1, 100));
    /// ```
    pub const fn settings(&self) -> LoginSettings {
        let (drift, throttle) = (self.drift, self.throttle);
        LoginSettings {
            behind: drift.window().behind(),
            ahead: drift.window().ahead(),
            max_learned: drift.max_learned(),
            factor: throttle.factor(),
            max_wait: throttle.max_wait(),
            max_failures: throttle.max_failures(),
        }
    }

    /// Decides one attempt of `code` at `now` (Unix seconds) for the user
    /// whose stored record is `record`.
    ///
    /// In order: the throttle (a throttled or locked attempt computes no
    /// code at all); then one constant-time scan of the window centred on
    /// the learned drift, refusing steps at or below the last accepted one;
    /// then the new record. `code` must be exactly `digits` ASCII digits
    /// (normalise typed input with [`normalize_code`](crate::normalize_code)
    /// first); anything else is a wrong code, and counts as a failure.
    ///
    /// # Errors
    /// [`Error::TimeBeforeT0`](crate::Error::TimeBeforeT0).
    ///
    /// # Security
    /// As [`Totp::verify`]. Whether an attempt was throttled is visible
    /// (it is meant to be).
    ///
    /// ```
    /// use nidan::{Attempt, Login, Record, Secret, Totp};
    /// let totp = Totp::new(&Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let now = 1_111_111_111;
    /// // This phone runs a minute slow: two steps behind, beyond the ±1 window...
    /// let slow = totp.generate(now - 60)?;
    /// assert!(matches!(Login::default().attempt(&totp, &Record::new(), slow.as_str(), now)?, Attempt::Rejected { .. }));
    /// // ...but a login it made one step behind taught the record its drift.
    /// let earlier = now - 300;
    /// let Attempt::Accepted { record, drift, .. } =
    ///     Login::default().attempt(&totp, &Record::new(), totp.generate(earlier - 30)?.as_str(), earlier)?
    /// else { panic!() };
    /// assert_eq!(drift, -1);
    /// let Attempt::Accepted { drift, .. } = Login::default().attempt(&totp, &record, slow.as_str(), now)? else { panic!() };
    /// assert_eq!(drift, -2);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn attempt(&self, totp: &Totp, record: &Record, code: &str, now: u64) -> Result<Attempt> {
        if let Some(hold) = self.throttle.hold(record, now) {
            return Ok(match hold {
                Hold::Wait { seconds } => Attempt::Throttled {
                    wait_seconds: seconds,
                },
                Hold::Locked => Attempt::Locked,
            });
        }
        let now_step = totp.step(now)?;
        let centre = self.drift.centre(now_step, record);
        let verdict = totp
            .verify_around_step(code, centre, self.drift.window(), record.last_step())
            .verdict();
        Ok(match verdict {
            crate::Verdict::Accepted(found) => {
                let drift = self.drift.learn(found.step(), now_step);
                Attempt::Accepted {
                    record: record.accepted(found.step(), drift),
                    step: found.step(),
                    drift,
                }
            }
            crate::Verdict::Replayed(_) => Attempt::Replayed,
            crate::Verdict::Rejected => Attempt::Rejected {
                record: record.failed(now),
            },
        })
    }

    /// Decides one attempt of a recovery code, behind the same throttle as
    /// codes: a wrong recovery code is a failure of the record, and a right
    /// one resets the failures (it proves the second factor) and is used up.
    ///
    /// Write both `record` and `codes` in one statement, compared against
    /// both values read: `UPDATE second_factor SET record = ?, recovery = ?
    /// WHERE user_id = ? AND record = ? AND recovery = ?`.
    ///
    /// # Errors
    /// [`Error::SecretTooShort`](crate::Error::SecretTooShort) for a pepper
    /// under 16 bytes.
    ///
    /// ```
    /// use nidan::{Login, Record, RecoveryCodes, Recovery};
    /// let pepper = [7u8; 32];
    /// let random: [u8; 96] = core::array::from_fn(|i| i as u8); // use a real RNG
    /// let (codes, sheet) = RecoveryCodes::from_random(&random, 10, &pepper)?;
    /// let typed = sheet.codes()[0].as_str();
    /// let login = Login::default();
    /// let Recovery::Accepted { record, codes, remaining } =
    ///     login.recover(&Record::new(), &codes, typed, &pepper, 1_700_000_000)?
    /// else { panic!() };
    /// assert_eq!(remaining, 9);
    /// let again = login.recover(&record, &codes, typed, &pepper, 1_700_000_001)?;
    /// assert!(matches!(again, Recovery::Rejected { .. }));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn recover(
        &self,
        record: &Record,
        codes: &RecoveryCodes,
        typed: &str,
        pepper: &[u8],
        now: u64,
    ) -> Result<Recovery> {
        if let Some(hold) = self.throttle.hold(record, now) {
            return Ok(match hold {
                Hold::Wait { seconds } => Recovery::Throttled {
                    wait_seconds: seconds,
                },
                Hold::Locked => Recovery::Locked,
            });
        }
        Ok(match codes.redeem(typed, pepper)? {
            Some(codes) => Recovery::Accepted {
                record: record.succeeded(),
                remaining: codes.remaining(),
                codes,
            },
            None => Recovery::Rejected {
                record: record.failed(now),
            },
        })
    }
}
