//! Constant-time verification inside a bounded window of steps.

use subtle::{Choice, ConditionallySelectable, ConstantTimeEq};

use crate::code::CodeSpec;
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
/// let verification = totp.verify(code.as_str(), 1_111_111_111, Window::default(), None)?;
/// let Verdict::Accepted(found) = verification.verdict() else {
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
    /// A match at `step` with `drift`, as a verification reported it: for
    /// callers that store or send one and read it back (the Python package
    /// unpickles them). It proves nothing by itself; only `verify` matches.
    ///
    /// ```
    /// let found = nidan::Match::new(37_037_036, -1);
    /// assert_eq!((found.step(), found.drift(), found.next_counter()), (37_037_036, -1, 37_037_037));
    /// ```
    pub const fn new(step: u64, drift: i64) -> Self {
        Self { step, drift }
    }

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
    /// let found = hotp.verify("359152", 0, 3)?.accepted().unwrap();
    /// assert_eq!((found.step(), found.next_counter()), (2, 3));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn next_counter(&self) -> u64 {
        // Verification never matches u64::MAX; a match made with `new` may
        // be at it, and then the next counter saturates.
        self.step.saturating_add(1)
    }
}

/// What a verification found, sealed: [`Totp::verify`](crate::Totp::verify)
/// and [`Hotp::verify`](crate::Hotp::verify) return it without branching on
/// the outcome, so their time does not tell a matching code from a wrong
/// one. Open it with [`Verification::verdict`] (or the shortcuts) to act on
/// it; that is where the outcome becomes a branch, as in `subtle::CtOption`.
///
/// ```
/// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// use nidan::Verdict;
/// match totp.verify("050471", 1_111_111_111, Default::default(), None)?.verdict() {
///     Verdict::Accepted(found) => assert_eq!(found.step(), 37_037_037), // store the step
///     Verdict::Replayed(_) => panic!("used already"),
///     Verdict::Rejected => panic!("wrong code"),
/// }
/// # Ok::<(), nidan::Error>(())
/// ```
#[must_use]
#[derive(Clone, Copy)]
pub struct Verification {
    /// [`REJECTED`], [`REPLAYED`] or [`ACCEPTED`].
    outcome: u8,
    /// The selected step when the outcome is not [`REJECTED`].
    found: Match,
}

impl Verification {
    /// A code that is malformed or cannot match: decided from public facts.
    const REJECTED: Self = Self {
        outcome: REJECTED,
        found: Match { step: 0, drift: 0 },
    };

    /// The outcome, to branch on.
    ///
    /// ```
    /// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// let wrong = totp.verify("000000", 1_111_111_111, Default::default(), None)?;
    /// assert_eq!(wrong.verdict(), nidan::Verdict::Rejected);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn verdict(self) -> Verdict {
        match self.outcome {
            ACCEPTED => Verdict::Accepted(self.found),
            REPLAYED => Verdict::Replayed(self.found),
            _ => Verdict::Rejected,
        }
    }

    /// The match, when the code is accepted.
    ///
    /// ```
    /// # let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert_eq!(hotp.verify("755224", 0, 0)?.accepted().map(|m| m.step()), Some(0));
    /// assert_eq!(hotp.verify("755224", 1, 0)?.accepted(), None);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn accepted(self) -> Option<Match> {
        self.verdict().accepted()
    }

    /// Whether the code is accepted.
    ///
    /// ```
    /// # let hotp = nidan::Hotp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
    /// assert!(hotp.verify("755224", 0, 0)?.is_accepted());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn is_accepted(self) -> bool {
        self.verdict().is_accepted()
    }
}

/// Shows the verdict only: the step held for a rejected code means nothing.
impl core::fmt::Debug for Verification {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_tuple("Verification")
            .field(&self.verdict())
            .finish()
    }
}

/// Equal when the verdicts are equal.
impl PartialEq for Verification {
    fn eq(&self, other: &Self) -> bool {
        self.verdict() == other.verdict()
    }
}

impl Eq for Verification {}

/// The outcome of a verification, opened from a [`Verification`]. A wrong
/// code is a normal outcome.
///
/// ```
/// # let totp = nidan::Totp::new(&nidan::Secret::from_bytes(b"12345678901234567890")?, Default::default())?;
/// use nidan::Verdict;
/// let first = totp.verify("050471", 1_111_111_111, Default::default(), None)?.verdict();
/// let Verdict::Accepted(found) = first else { panic!() };
/// let again = totp.verify("050471", 1_111_111_112, Default::default(), Some(found.step()))?;
/// assert!(matches!(again.verdict(), Verdict::Replayed(_)));
/// # Ok::<(), nidan::Error>(())
/// ```
#[must_use]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// The code matched a step after the last accepted one: let the user in
    /// and store [`Match::step`].
    Accepted(Match),
    /// The code matched only steps at or below the last accepted one: it was
    /// used already [RFC 6238 §5.2]. Refuse it. (HOTP never replays: counters
    /// below the stored one are not checked.)
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

/// How many steps of a window are computed together.
const LANES: usize = 4;

/// What one verification compares: the code, the expected step and the
/// steps around it, and the replay floor.
pub(crate) struct Scan<'a> {
    pub(crate) mac: &'a KeyedMac,
    pub(crate) spec: CodeSpec,
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
    pub(crate) fn run(&self, code: &str) -> Verification {
        let Some(submitted) = self.spec.parse(code) else {
            return Verification::REJECTED;
        };
        let first = self.expected.saturating_sub(u64::from(self.window.behind));
        let last = self
            .expected
            .saturating_add(u64::from(self.window.ahead))
            .min(self.max_step);
        if first > last {
            // Only when the expected step itself is above `max_step`.
            return Verification::REJECTED;
        }

        // The truncated MAC of every step from `first` to `last`, computed
        // LANES steps at a time (see `mac`).
        let mut truncated = [0u32; MAX_STEPS];
        let steps = usize::try_from(last - first).map_or(MAX_STEPS, |span| span + 1);
        for (offset, lanes) in (0u64..)
            .step_by(LANES)
            .zip(truncated[..steps].chunks_mut(LANES))
        {
            // first + offset + lanes.len() - 1 <= last: no overflow.
            self.mac.truncated_lanes::<LANES>(first + offset, lanes);
        }

        // Offered from the least to the most preferred step, so that the
        // last match offered is the closest to the expected step (the earlier
        // on a tie), and selecting it needs no comparison of secrets.
        let modulus = self.spec.modulus();
        let mut fresh = Best::none();
        let mut replayed = Best::none();
        let reach = self.window.behind.max(self.window.ahead);
        for distance in (0..=u64::from(reach)).rev() {
            let later = self.expected.checked_add(distance);
            let earlier = self.expected.checked_sub(distance).filter(|_| distance > 0);
            for step in [later, earlier].into_iter().flatten() {
                if step < first || step > last {
                    continue;
                }
                // step - first < steps <= MAX_STEPS.
                let value = truncated[usize::try_from(step - first).unwrap_or(0)];
                let equal = u64::from(modulus.remainder(value)).ct_eq(&submitted);
                // Steps at or below the last accepted one are replays; both
                // are public, so this comparison may branch.
                let is_fresh = self.last_accepted.is_none_or(|floor| step > floor);
                fresh.offer(step, equal, is_fresh);
                replayed.offer(step, equal, !is_fresh);
            }
        }
        // Pick the outcome and its match with constant-time selection: the
        // result is built the same way whatever matched.
        let (fresh_found, replayed_found) =
            (Choice::from(fresh.found), Choice::from(replayed.found));
        let mut chosen = replayed.step;
        chosen.conditional_assign(&fresh.step, fresh_found);
        let mut outcome = u8::conditional_select(&REJECTED, &REPLAYED, replayed_found);
        outcome.conditional_assign(&ACCEPTED, fresh_found);
        // The barrier keeps the compiler from moving this work into the
        // caller's branches on the verdict.
        core::hint::black_box(Verification {
            outcome,
            found: Match {
                step: chosen,
                drift: drift(chosen, self.expected),
            },
        })
    }
}

/// The most steps a window holds.
const MAX_STEPS: usize = 2 * Window::MAX_SIDE as usize + 1;

/// The outcomes `run` selects among, as [`Verification::outcome`] holds them.
const REJECTED: u8 = 0;
const REPLAYED: u8 = 1;
const ACCEPTED: u8 = 2;

/// The last matching step offered, tracked without branches on the match.
struct Best {
    /// 1 once a step matched, else 0: a `Choice`'s value, accumulated.
    found: u8,
    step: u64,
}

impl Best {
    fn none() -> Self {
        Self { found: 0, step: 0 }
    }

    /// Takes `step` when it `matches` and `applies` (a public condition).
    fn offer(&mut self, step: u64, matches: Choice, applies: bool) {
        let take = Choice::from(matches.unwrap_u8() & u8::from(applies));
        self.step.conditional_assign(&step, take);
        self.found |= take.unwrap_u8();
    }
}

/// `step - expected` as a signed number, without branches; windows are
/// small (at most [`Window::MAX_SIDE`] steps), so it fits.
fn drift(step: u64, expected: u64) -> i64 {
    step.wrapping_sub(expected).cast_signed()
}

#[cfg(test)]
mod tests {
    use std::format;

    use crate::{Hotp, HotpConfig, Secret, Totp, TotpConfig, Verdict, Window};

    /// Every step of the widest window is found with its drift, whichever
    /// lane of whichever group of steps it falls in.
    #[test]
    fn every_step_of_a_wide_window_matches() {
        let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
        let totp = Totp::new(&secret, TotpConfig::default()).unwrap();
        let window = Window::symmetric(Window::MAX_SIDE).unwrap();
        let time = 1_111_111_111;
        let expected = totp.step(time).unwrap();
        for drift in -101i64..=101 {
            let step = expected.checked_add_signed(drift).unwrap();
            let code = totp.generate_at_step(step);
            let verdict = totp.verify(code.as_str(), time, window, None).unwrap();
            if drift.abs() > 100 {
                assert!(!verdict.is_accepted() || verdict.accepted().unwrap().step() != step);
                continue;
            }
            let Verdict::Accepted(found) = verdict.verdict() else {
                panic!("drift {drift}: {verdict:?}")
            };
            // Another step of the window may share the code; it must be closer.
            assert!(
                found.drift().abs() <= drift.abs(),
                "drift {drift}: {found:?}"
            );
            assert_eq!(totp.generate_at_step(found.step()), code);
        }
    }

    /// A sealed verification compares and prints as its verdict only: the
    /// step it holds for a rejected code is whatever the scan last selected.
    #[test]
    fn a_verification_shows_and_compares_its_verdict_only() {
        let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
        let hotp = Hotp::new(&secret, HotpConfig::default()).unwrap();
        let malformed = hotp.verify("12345", 7, 3).unwrap();
        let wrong = hotp.verify("000000", 7, 3).unwrap();
        assert_eq!(malformed, wrong);
        assert_eq!(format!("{wrong:?}"), "Verification(Rejected)");
        let found = hotp.verify("399871", 7, 3).unwrap();
        assert_ne!(found, wrong);
        assert_eq!(
            format!("{found:?}"),
            "Verification(Accepted(Match { step: 8, drift: 1 }))"
        );
        assert_eq!(found.verdict().accepted(), found.accepted());
        assert!(found.is_accepted() && !wrong.is_accepted());
    }

    /// Look-ahead windows ending at the last counter that may match.
    #[test]
    fn look_ahead_at_the_top_of_the_counter_range() {
        let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
        let hotp = Hotp::new(&secret, HotpConfig::default()).unwrap();
        for look_ahead in 0..=9 {
            let counter = u64::MAX - 1 - u64::from(look_ahead);
            let code = hotp.generate(u64::MAX - 1);
            let found = hotp.verify(code.as_str(), counter, look_ahead).unwrap();
            assert_eq!(found.accepted().map(|m| m.step()), Some(u64::MAX - 1));
            let code = hotp.generate(u64::MAX);
            let found = hotp.verify(code.as_str(), counter, look_ahead + 5).unwrap();
            assert!(found.accepted().is_none_or(|m| m.step() < u64::MAX));
        }
    }
}
