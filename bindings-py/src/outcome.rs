//! What verification and the clock report: `Match`, `Verdict`, `TimeStep`.

use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::immutable::{Reduced, immutable, reduced};

/// Where an accepted code matched: the step (TOTP) or counter (HOTP), and
/// the drift in steps from the expected one. Always true in an `if`, even
/// at step 0.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Match {
    /// `None` only in the object [`accepted`] makes for a code that is not
    /// accepted, and drops: Python never sees it.
    inner: Option<nidan::Match>,
}

impl From<nidan::Match> for Match {
    fn from(inner: nidan::Match) -> Self {
        Self { inner: Some(inner) }
    }
}

/// What `verify` returns: the match as a `Match` object, or `None`. The
/// object is made whatever the outcome and dropped here when there is no
/// match, so that most of the work does not depend on the outcome: when
/// only a match made an object, a match cost 36 to 41 ns more
/// (`benches/python/dudect.py`, |t| above 600 over a million calls). What
/// remains is where the object is freed and which value returns: a wrong
/// code costs about 5 ns more (|t| 100 to 260 over two million calls;
/// changing the same number of reference counts on both paths did not
/// close it). The README's Security notes list it.
pub fn accepted(py: Python<'_>, found: Option<nidan::Match>) -> PyResult<Option<Bound<'_, Match>>> {
    let object = Bound::new(py, Match { inner: found })?;
    Ok(found.is_some().then_some(object))
}

#[pymethods]
impl Match {
    /// The matched time step (TOTP) or counter (HOTP). For TOTP, store it
    /// and pass it as `last_accepted` next time to refuse replays.
    #[getter]
    fn step(&self) -> u64 {
        self.inner.map_or(0, |found| found.step())
    }

    /// Steps between the match and the expected step: negative when the
    /// other side's clock is behind, positive when it is ahead.
    #[getter]
    fn drift(&self) -> i64 {
        self.inner.map_or(0, |found| found.drift())
    }

    /// The HOTP counter to store after this match: one past it.
    #[getter]
    fn next_counter(&self) -> u64 {
        self.inner.map_or(0, |found| found.next_counter())
    }

    /// Always true: a match at step 0 is still a match.
    #[allow(clippy::unused_self, reason = "the protocol method takes self")]
    fn __bool__(&self) -> bool {
        true
    }

    /// Pickles as the step and the drift.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, (u64, i64)> {
        let found = slf.get();
        reduced(slf, (found.step(), found.drift()))
    }

    /// The `Match` a pickle holds.
    #[classmethod]
    #[pyo3(name = "_from_pickle")]
    fn from_pickle(_cls: &Bound<'_, PyType>, step: u64, drift: i64) -> Self {
        nidan::Match::new(step, drift).into()
    }

    fn __repr__(&self) -> String {
        format!("Match(step={}, drift={})", self.step(), self.drift())
    }
}

immutable!(Match);

/// The full outcome of a TOTP check: accepted, replayed (the code matched a
/// step at or below `last_accepted`) or rejected. True only when accepted.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Verdict {
    inner: nidan::Verdict,
}

impl From<nidan::Verdict> for Verdict {
    fn from(inner: nidan::Verdict) -> Self {
        Self { inner }
    }
}

impl Verdict {
    /// The outcome's name and the match (0 and 0 when rejected).
    fn parts(self) -> (&'static str, nidan::Match) {
        match self.inner {
            nidan::Verdict::Accepted(found) => ("accepted", found),
            nidan::Verdict::Replayed(found) => ("replayed", found),
            nidan::Verdict::Rejected => ("rejected", nidan::Match::new(0, 0)),
        }
    }
}

#[pymethods]
impl Verdict {
    /// "accepted", "replayed" or "rejected".
    #[getter]
    fn kind(&self) -> &'static str {
        self.parts().0
    }

    /// Whether the code is accepted: let the user in and store `match.step`.
    #[getter]
    fn accepted(&self) -> bool {
        self.inner.is_accepted()
    }

    /// Whether the code was right but already used: refuse it.
    #[getter]
    fn replayed(&self) -> bool {
        matches!(self.inner, nidan::Verdict::Replayed(_))
    }

    /// The match, for an accepted or a replayed code; `None` when rejected.
    #[getter(r#match)]
    fn found(&self) -> Option<Match> {
        match self.inner {
            nidan::Verdict::Accepted(found) | nidan::Verdict::Replayed(found) => Some(found.into()),
            nidan::Verdict::Rejected => None,
        }
    }

    fn __bool__(&self) -> bool {
        self.inner.is_accepted()
    }

    /// Pickles as the outcome ("accepted", "replayed" or "rejected") and
    /// the match's step and drift (0 and 0 when rejected).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, (&'static str, u64, i64)> {
        let (outcome, found) = slf.get().parts();
        reduced(slf, (outcome, found.step(), found.drift()))
    }

    /// The `Verdict` a pickle holds.
    #[classmethod]
    #[pyo3(name = "_from_pickle")]
    fn from_pickle(
        _cls: &Bound<'_, PyType>,
        outcome: &str,
        step: u64,
        drift: i64,
    ) -> PyResult<Self> {
        let found = nidan::Match::new(step, drift);
        let inner = match outcome {
            "accepted" => nidan::Verdict::Accepted(found),
            "replayed" => nidan::Verdict::Replayed(found),
            "rejected" => nidan::Verdict::Rejected,
            _ => {
                return Err(pyo3::exceptions::PyValueError::new_err(
                    "a pickled Verdict's outcome must be 'accepted', 'replayed' or 'rejected'",
                ));
            }
        };
        Ok(inner.into())
    }

    fn __repr__(&self) -> String {
        match self.inner {
            nidan::Verdict::Accepted(found) => format!(
                "Verdict.accepted(step={}, drift={})",
                found.step(),
                found.drift()
            ),
            nidan::Verdict::Replayed(found) => format!(
                "Verdict.replayed(step={}, drift={})",
                found.step(),
                found.drift()
            ),
            nidan::Verdict::Rejected => String::from("Verdict.rejected()"),
        }
    }
}

immutable!(Verdict);

/// One TOTP time step: its number, when it starts and ends (Unix seconds),
/// and the seconds left in it at the time asked about.
#[pyclass(frozen, eq, hash, module = "nidan")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeStep {
    inner: nidan::TimeStep,
}

impl From<nidan::TimeStep> for TimeStep {
    fn from(inner: nidan::TimeStep) -> Self {
        Self { inner }
    }
}

#[pymethods]
impl TimeStep {
    /// The step number.
    #[getter]
    fn step(&self) -> u64 {
        self.inner.step
    }

    /// The first second of the step.
    #[getter]
    fn start(&self) -> u64 {
        self.inner.start
    }

    /// The first second of the next step.
    #[getter]
    fn end(&self) -> u64 {
        self.inner.end
    }

    /// Seconds until the next step, 1 to `period`.
    #[getter]
    fn remaining(&self) -> u64 {
        self.inner.remaining
    }

    /// Pickles as the step, start, end and seconds remaining.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> Reduced<'py, (u64, u64, u64, u64)> {
        let nidan::TimeStep {
            step,
            start,
            end,
            remaining,
        } = slf.get().inner;
        reduced(slf, (step, start, end, remaining))
    }

    /// The `TimeStep` a pickle holds.
    #[classmethod]
    #[pyo3(name = "_from_pickle")]
    fn from_pickle(
        _cls: &Bound<'_, PyType>,
        step: u64,
        start: u64,
        end: u64,
        remaining: u64,
    ) -> Self {
        nidan::TimeStep {
            step,
            start,
            end,
            remaining,
        }
        .into()
    }

    fn __repr__(&self) -> String {
        let nidan::TimeStep {
            step,
            start,
            end,
            remaining,
        } = self.inner;
        format!("TimeStep(step={step}, start={start}, end={end}, remaining={remaining})")
    }
}

immutable!(TimeStep);
