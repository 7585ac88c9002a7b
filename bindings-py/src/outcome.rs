//! What verification and the clock report: `Match`, `Verdict`, `TimeStep`.

use pyo3::prelude::*;

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

    fn __repr__(&self) -> String {
        format!("Match(step={}, drift={})", self.step(), self.drift())
    }
}

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

#[pymethods]
impl Verdict {
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
