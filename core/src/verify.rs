//! Constant-time verification inside a bounded window of steps.

use subtle::{
    Choice, ConditionallySelectable, ConstantTimeEq, ConstantTimeGreater, ConstantTimeLess,
};

use crate::code::{modulus, parse_exact};
use crate::error::{Error, Result};
use crate::mac::KeyedMac;

/// How many steps before and after the expected one a code may come from.
///
/// The default is one step each way [RFC 6238 §5.2]. A window reaching below
/// step 0 is clipped there, never wrapped.
///
/// ```
/// use nidan::Window;
/// assert_eq!(Window::default(), Window::new(1, 1)?);
/// let phone_runs_slow = Window::new(2, 1)?;
/// assert_eq!((phone_runs_slow.behind(), phone_runs_slow.ahead()), (2, 1));
/// assert!(Window::new(Window::MAX_SIDE + 1, 0).is_err());
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    behind: u32,
    ahead: u32,
}

impl Window {
    /// The most steps a window may reach to either side. Every step of the
    /// window is computed on each verification, and each step is another
    /// chance for a guess to match, so windows stay small.
    pub const MAX_SIDE: u32 = 100;

    /// Only the expected step itself.
    pub const EXACT: Self = Self {
        behind: 0,
        ahead: 0,
    };

    /// A window of `behind` steps into the past and `ahead` into the future.
    ///
    /// # Errors
    /// [`Error::WindowTooLarge`] when a side exceeds [`Window::MAX_SIDE`].
    ///
    /// ```
    /// assert_eq!(nidan::Window::new(0, 3)?.ahead(), 3);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn new(behind: u32, ahead: u32) -> Result<Self> {
        if behind > Self::MAX_SIDE {
            Err(Error::WindowTooLarge { steps: behind })
        } else if ahead > Self::MAX_SIDE {
            Err(Error::WindowTooLarge { steps: ahead })
        } else {
            Ok(Self { behind, ahead })
        }
    }

    /// The same number of steps each way.
    ///
    /// ```
    /// assert_eq!(nidan::Window::symmetric(2)?, nidan::Window::new(2, 2)?);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn symmetric(steps: u32) -> Result<Self> {
        Self::new(steps, steps)
    }

    /// Steps accepted before the expected one.
    ///
    /// ```
    /// assert_eq!(nidan::Window::default().behind(), 1);
    /// ```
    pub const fn behind(self) -> u32 {
        self.behind
    }

    /// Steps accepted after the expected one.
    ///
    /// ```
    /// assert_eq!(nidan::Window::default().ahead(), 1);
    /// ```
    pub const fn ahead(self) -> u32 {
        self.ahead
    }
}

impl Default for Window {
    fn default() -> Self {
        Self {
            behind: 1,
            ahead: 1,
        }
    }
}

/// Where an accepted code matched.
///
/// ```
/// # use nidan::{Secret, Totp, Window, Verdict};
/// let totp = Totp::new(&Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// let code = totp.generate(1_111_111_111 - 30)?; // from a phone one step behind
/// let Verdict::Accepted(found) = totp.verify(code.as_str(), 1_111_111_111, Window::default(), None)? else {
///     panic!("expected a match");
/// };
/// assert_eq!((found.step(), found.drift()), (37_037_036, -1));
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    step: u64,
    drift: i64,
}

impl Match {
    /// The matched time step (TOTP) or counter (HOTP). Store it: it is the
    /// `last_accepted` step for the next TOTP verification.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let found = totp.verify("050471", 1_111_111_111, Default::default(), None)?.accepted().unwrap();
    /// assert_eq!(found.step(), 37_037_037);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn step(&self) -> u64 {
        self.step
    }

    /// Steps between the match and the expected step: negative when the
    /// other side's clock is behind, positive when it is ahead.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let found = totp.verify("266759", 1_111_111_111, Default::default(), None)?.accepted().unwrap();
    /// assert_eq!(found.drift(), 1);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn drift(&self) -> i64 {
        self.drift
    }

    /// The HOTP counter to store after this match: one past it [RFC 4226 §7.4].
    ///
    /// ```
    /// # let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let found = hotp.verify("359152", 0, 3)?.unwrap();
    /// assert_eq!((found.step(), found.next_counter()), (2, 3));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn next_counter(&self) -> u64 {
        // Verification never matches u64::MAX, so this cannot overflow.
        self.step.saturating_add(1)
    }
}

/// The outcome of a TOTP verification. A wrong code is a normal outcome.
///
/// ```
/// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// use nidan::Verdict;
/// let first = totp.verify("050471", 1_111_111_111, Default::default(), None)?;
/// let Verdict::Accepted(found) = first else { panic!() };
/// let again = totp.verify("050471", 1_111_111_112, Default::default(), Some(found.step()))?;
/// assert!(matches!(again, Verdict::Replayed(_)));
/// assert_eq!(totp.verify("000000", 1_111_111_112, Default::default(), None)?, Verdict::Rejected);
/// # Ok::<(), nidan::Error>(())
/// ```
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The code matched a step after the last accepted one: let the user in
    /// and store [`Match::step`].
    Accepted(Match),
    /// The code matched only steps at or below the last accepted one: it was
    /// used already [RFC 6238 §5.2]. Refuse it.
    Replayed(Match),
    /// The code matched no step of the window, or is not `digits` ASCII digits.
    Rejected,
}

impl Verdict {
    /// The match, when the code is accepted.
    ///
    /// ```
    /// assert_eq!(nidan::Verdict::Rejected.accepted(), None);
    /// ```
    pub const fn accepted(self) -> Option<Match> {
        match self {
            Self::Accepted(found) => Some(found),
            Self::Replayed(_) | Self::Rejected => None,
        }
    }

    /// Whether the code is accepted.
    ///
    /// ```
    /// assert!(!nidan::Verdict::Rejected.is_accepted());
    /// ```
    pub const fn is_accepted(self) -> bool {
        matches!(self, Self::Accepted(_))
    }
}

/// What one verification compares: the code, the expected step and the
/// steps around it, and the replay floor.
pub(crate) struct Scan<'a> {
    pub(crate) mac: &'a KeyedMac,
    pub(crate) digits: u32,
    pub(crate) expected: u64,
    pub(crate) window: Window,
    pub(crate) last_accepted: Option<u64>,
    /// The highest step that may match (HOTP keeps `u64::MAX` out so that
    /// the next counter always exists).
    pub(crate) max_step: u64,
}

impl Scan<'_> {
    /// Compares `code` with the code of every step of the window.
    ///
    /// Every step is computed and compared, whatever matched, and the choice
    /// among matches uses constant-time selection. What the timing still
    /// shows: the length and format of `code` (checked first), and the size
    /// of the window after clipping (public parameters).
    pub(crate) fn run(&self, code: &str) -> Verdict {
        let Some(submitted) = parse_exact(code, self.digits) else {
            return Verdict::Rejected;
        };
        let modulus = modulus(self.digits);
        let first = self.expected.saturating_sub(u64::from(self.window.behind));
        let last = self
            .expected
            .saturating_add(u64::from(self.window.ahead))
            .min(self.max_step);

        let mut fresh = Best::none();
        let mut replayed = Best::none();
        let mut step = first;
        while step <= last {
            let candidate = u64::from(self.mac.truncated(step)) % modulus;
            let equal = candidate.ct_eq(&submitted);
            let distance = step.abs_diff(self.expected);
            // Steps at or below the last accepted one are replays.
            let is_fresh = self
                .last_accepted
                .map_or(Choice::from(1), |last| step.ct_gt(&last));
            fresh.offer(step, distance, equal & is_fresh);
            replayed.offer(step, distance, equal & !is_fresh);
            match step.checked_add(1) {
                Some(next) => step = next,
                None => break,
            }
        }
        // Pick the outcome with constant-time selection and compute its
        // match whatever it is: only the final move into the enum depends
        // on the outcome, which the caller learns anyway.
        let mut chosen = replayed.step;
        chosen.conditional_assign(&fresh.step, fresh.found);
        let found = Match {
            step: chosen,
            drift: drift(chosen, self.expected),
        };
        // Without the barrier the compiler moves this work into the
        // branches below and skips it for a rejected code.
        let found = core::hint::black_box(found);
        let mut outcome = u8::conditional_select(&REJECTED, &REPLAYED, replayed.found);
        outcome.conditional_assign(&ACCEPTED, fresh.found);
        match outcome {
            ACCEPTED => Verdict::Accepted(found),
            REPLAYED => Verdict::Replayed(found),
            _ => Verdict::Rejected,
        }
    }
}

/// The outcomes `run` selects among.
const REJECTED: u8 = 0;
const REPLAYED: u8 = 1;
const ACCEPTED: u8 = 2;

/// The matching step closest to the expected one (the earlier on a tie),
/// tracked without branches.
struct Best {
    found: Choice,
    step: u64,
    distance: u64,
}

impl Best {
    fn none() -> Self {
        Self {
            found: Choice::from(0),
            step: 0,
            distance: u64::MAX,
        }
    }

    fn offer(&mut self, step: u64, distance: u64, matches: Choice) {
        let better = matches & distance.ct_lt(&self.distance);
        self.step.conditional_assign(&step, better);
        self.distance.conditional_assign(&distance, better);
        self.found |= matches;
    }
}

/// `step - expected` as a signed number, without branches; windows are
/// small (at most [`Window::MAX_SIDE`] steps), so it fits.
fn drift(step: u64, expected: u64) -> i64 {
    step.wrapping_sub(expected).cast_signed()
}
