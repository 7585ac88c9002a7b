//! Drift learning: where to look for a user's code [RFC 6238 §6].

use crate::error::{Error, Result};
use crate::record::Record;
use crate::verify::Window;

/// Where [`Login`](crate::Login) looks for a code: a window of steps around
/// the step where the user's clock was at the last success.
///
/// RFC 6238 §6 lets a validator record the drift it saw and use it next
/// time (django-otp's `drift` with `OTP_TOTP_SYNC`). Here the window is
/// centred on the server's step plus the learned drift; a success learns
/// the drift of the matched step, capped at `max_learned` steps either way.
/// So the steps that can ever be accepted lie within
/// `max_learned + window` steps of the server's clock, however the
/// learned drift walks: the range never moves without bound.
///
/// The defaults ([`Drift::default`]): a window of one step each way (the
/// RFC's recommendation) and `max_learned` 4 steps, two minutes at 30 s: a
/// phone set by hand within two minutes keeps working, and a code stays
/// usable at most 2.5 minutes after its step. [`Drift::fixed`] never learns.
///
/// ```
/// use nidan::{Drift, Window};
/// let drift = Drift::default();
/// assert_eq!((drift.window(), drift.max_learned()), (Window::default(), 4));
/// assert!(Drift::new(Window::default(), 101).is_err());
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Drift {
    window: Window,
    max_learned: u32,
}

impl Drift {
    /// A window around the learned drift, which is capped at `max_learned` steps.
    ///
    /// # Errors
    /// [`Error::Setting`] when `max_learned` exceeds [`Record::MAX_DRIFT`] (100).
    ///
    /// ```
    /// let drift = nidan::Drift::new(nidan::Window::new(2, 1)?, 10)?;
    /// assert_eq!(drift.max_learned(), 10);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub const fn new(window: Window, max_learned: u32) -> Result<Self> {
        if max_learned > Record::MAX_DRIFT {
            return Err(Error::Setting {
                rule: "max_learned drift must be from 0 to 100 steps",
            });
        }
        Ok(Self {
            window,
            max_learned,
        })
    }

    /// A window around the server's own step that learns nothing.
    ///
    /// ```
    /// assert_eq!(nidan::Drift::fixed(Default::default()).max_learned(), 0);
    /// ```
    pub const fn fixed(window: Window) -> Self {
        Self {
            window,
            max_learned: 0,
        }
    }

    /// The window around the centre.
    ///
    /// ```
    /// assert_eq!(nidan::Drift::default().window(), nidan::Window::default());
    /// ```
    pub const fn window(&self) -> Window {
        self.window
    }

    /// The cap on the learned drift, in steps either way.
    ///
    /// ```
    /// assert_eq!(nidan::Drift::default().max_learned(), 4);
    /// ```
    pub const fn max_learned(&self) -> u32 {
        self.max_learned
    }

    /// The step to centre the window on: the server's step `now_step` moved
    /// by the record's drift, capped (a record may come from a laxer policy).
    ///
    /// ```
    /// let drift = nidan::Drift::default();
    /// assert_eq!(drift.centre(1000, &nidan::Record::new()), 1000);
    /// ```
    pub fn centre(&self, now_step: u64, record: &Record) -> u64 {
        now_step.saturating_add_signed(i64::from(self.cap(i64::from(record.drift()))))
    }

    /// The drift to learn from a match at `step` when the server is at
    /// `now_step`: their distance, capped at `max_learned`.
    ///
    /// ```
    /// let drift = nidan::Drift::default();
    /// assert_eq!((drift.learn(998, 1000), drift.learn(1009, 1000)), (-2, 4));
    /// ```
    pub fn learn(&self, step: u64, now_step: u64) -> i32 {
        // Matches lie within max_learned + Window::MAX_SIDE of now_step.
        let distance = step.wrapping_sub(now_step).cast_signed();
        self.cap(distance)
    }

    fn cap(&self, drift: i64) -> i32 {
        let max = i64::from(self.max_learned);
        // |capped| <= max_learned <= 100.
        i32::try_from(drift.clamp(-max, max)).unwrap_or(0)
    }
}

impl Default for Drift {
    fn default() -> Self {
        Self {
            window: Window::default(),
            max_learned: 4,
        }
    }
}
