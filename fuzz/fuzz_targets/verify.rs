//! Verification over structured input: any parameters, times up to
//! `u64::MAX`, any windows, codes and last accepted steps. Never panics, and
//! every verdict equals the one of a plain model that generates each step of
//! the window and compares strings: an accepted code is the code of the
//! reported step, and no step at or below the last accepted one is accepted.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nidan::{
    Algorithm, Error, Hotp, HotpConfig, Match, Secret, Totp, TotpConfig, Verdict, Window,
    normalize_code,
};

/// A number, biased towards the edges where arithmetic goes wrong.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Num {
    Small(u8),
    Medium(u32),
    NearMax(u16),
    Any(u64),
}

impl Num {
    fn get(self) -> u64 {
        match self {
            Self::Small(n) => n.into(),
            Self::Medium(n) => n.into(),
            Self::NearMax(n) => u64::MAX - u64::from(n),
            Self::Any(n) => n,
        }
    }
}

/// A window side: mostly near the cap, sometimes anything.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Side {
    Usual(u8),
    Any(u32),
}

impl Side {
    fn get(self) -> u32 {
        match self {
            Self::Usual(n) => n.into(),
            Self::Any(n) => n,
        }
    }
}

/// The code to submit: typed text, or the true code of a step near the expected one.
#[derive(Arbitrary, Debug)]
enum Submitted {
    Text(String),
    Offset(i16),
    Step(Num),
}

#[derive(Arbitrary, Debug)]
enum Time {
    Absolute(Num),
    AfterT0(Num),
}

#[derive(Arbitrary, Debug)]
struct Input {
    key: Vec<u8>,
    algorithm: u8,
    digits: u8,
    period: Num,
    t0: Num,
    time: Time,
    behind: Side,
    ahead: Side,
    last_accepted: Option<Num>,
    code: Submitted,
    counter: Num,
}

fuzz_target!(|input: Input| {
    let mut key = input.key.clone();
    key.truncate(Secret::MAX_BYTES);
    if key.is_empty() {
        key.push(0);
    }
    let secret = Secret::from_bytes_allow_short(&key).expect("1 to 256 bytes");
    let algorithm = Algorithm::ALL[usize::from(input.algorithm) % Algorithm::ALL.len()];
    let digits = u32::from(input.digits % 13);
    let period = input.period.get();
    let t0 = input.t0.get();
    let config = TotpConfig {
        algorithm,
        digits,
        period,
        t0,
        ..Default::default()
    };
    let totp = match Totp::new(&secret, config) {
        Ok(totp) => {
            assert!(period > 0 && (6..=10).contains(&digits));
            totp
        }
        Err(error) => {
            let expected = if period == 0 {
                Error::Period
            } else {
                Error::Digits { digits }
            };
            assert_eq!(error, expected);
            return;
        }
    };
    let (behind, ahead) = (input.behind.get(), input.ahead.get());
    let window = match Window::new(behind, ahead) {
        Ok(window) => window,
        Err(error) => {
            assert!(behind > Window::MAX_SIDE || ahead > Window::MAX_SIDE);
            assert!(matches!(error, Error::WindowTooLarge { .. }));
            return;
        }
    };
    let time = match input.time {
        Time::Absolute(n) => n.get(),
        Time::AfterT0(n) => t0.saturating_add(n.get()),
    };
    let last_accepted = input.last_accepted.map(Num::get);
    let expected = match totp.step(time) {
        Ok(step) => step,
        Err(error) => {
            assert!(time < t0);
            assert_eq!(error, Error::TimeBeforeT0);
            assert_eq!(
                totp.verify("000000", time, window, last_accepted),
                Err(Error::TimeBeforeT0)
            );
            assert_eq!(totp.generate(time), Err(Error::TimeBeforeT0));
            assert_eq!(totp.time_step(time), Err(Error::TimeBeforeT0));
            return;
        }
    };
    assert_eq!(expected, (time - t0) / period);
    check_time_step(&totp, time, expected, period);
    assert_eq!(
        totp.generate(time).unwrap(),
        totp.generate_at_step(expected)
    );

    let code = submitted(&input.code, expected, |step| {
        totp.generate_at_step(step).to_string()
    });
    let verdict = totp
        .verify(&code, time, window, last_accepted)
        .expect("time is after T0")
        .verdict();
    let model = model_verdict(
        &code,
        expected,
        behind,
        ahead,
        u64::MAX,
        last_accepted,
        |step| totp.generate_at_step(step).to_string(),
    );
    assert_eq!(plain(verdict), model, "code {code:?} at step {expected}");
    if let Verdict::Accepted(found) = verdict {
        assert_eq!(totp.generate_at_step(found.step()), code.as_str());
        assert!(last_accepted.is_none_or(|last| found.step() > last));
    }
    check_normalized(&code);

    // HOTP with the same key: look-ahead from a counter, never matching u64::MAX.
    let hotp = Hotp::new(
        &secret,
        HotpConfig {
            algorithm,
            digits,
            ..Default::default()
        },
    )
    .expect("digits checked");
    let counter = input.counter.get();
    let code = submitted(&input.code, counter, |step| hotp.generate(step).to_string());
    match hotp.verify(&code, counter, ahead) {
        Ok(verification) => {
            let model = model_verdict(&code, counter, 0, ahead, u64::MAX - 1, None, |step| {
                hotp.generate(step).to_string()
            });
            // No floor: the model never replays, so neither may HOTP.
            assert_eq!(
                plain(verification.verdict()),
                model,
                "code {code:?} at counter {counter}"
            );
            if let Some(found) = verification.accepted() {
                assert!(found.step() >= counter && found.step() < u64::MAX);
                assert_eq!(found.next_counter(), found.step() + 1);
                assert_eq!(hotp.generate(found.step()), code.as_str());
            }
        }
        Err(error) => {
            assert!(ahead > Window::MAX_SIDE);
            assert_eq!(error, Error::WindowTooLarge { steps: ahead });
        }
    }
});

fn submitted(choice: &Submitted, expected: u64, generate: impl Fn(u64) -> String) -> String {
    match choice {
        Submitted::Text(text) => text.clone(),
        Submitted::Offset(offset) => {
            let step = if *offset < 0 {
                expected.saturating_sub(u64::from(offset.unsigned_abs()))
            } else {
                expected.saturating_add(u64::from(offset.unsigned_abs()))
            };
            generate(step)
        }
        Submitted::Step(step) => generate(step.get()),
    }
}

/// What verification must say: generate every step of the window (clipped
/// at 0 and at `max_step`), compare strings, prefer the fresh match closest
/// to the expected step (the earlier on a tie), then a replayed one.
fn model_verdict(
    code: &str,
    expected: u64,
    behind: u32,
    ahead: u32,
    max_step: u64,
    last_accepted: Option<u64>,
    generate: impl Fn(u64) -> String,
) -> Plain {
    let first = expected.saturating_sub(behind.into());
    let last = expected.saturating_add(ahead.into()).min(max_step);
    let mut fresh: Option<u64> = None;
    let mut replayed: Option<u64> = None;
    let mut step = first;
    loop {
        if step > last {
            break;
        }
        if generate(step) == code {
            let slot = if last_accepted.is_some_and(|l| step <= l) {
                &mut replayed
            } else {
                &mut fresh
            };
            if slot.is_none_or(|best| step.abs_diff(expected) < best.abs_diff(expected)) {
                *slot = Some(step);
            }
        }
        match step.checked_add(1) {
            Some(next) => step = next,
            None => break,
        }
    }
    let drift = |step: u64| -> i64 {
        if step >= expected {
            i64::try_from(step - expected).unwrap()
        } else {
            -i64::try_from(expected - step).unwrap()
        }
    };
    match (fresh, replayed) {
        (Some(step), _) => Plain::Accepted {
            step,
            drift: drift(step),
        },
        (None, Some(step)) => Plain::Replayed {
            step,
            drift: drift(step),
        },
        (None, None) => Plain::Rejected,
    }
}

/// A verdict as plain numbers: `Match` has no public constructor.
#[derive(Debug, PartialEq, Eq)]
enum Plain {
    Accepted { step: u64, drift: i64 },
    Replayed { step: u64, drift: i64 },
    Rejected,
}

fn plain(verdict: Verdict) -> Plain {
    let numbers = |found: Match| (found.step(), found.drift());
    match verdict {
        Verdict::Accepted(found) => {
            let (step, drift) = numbers(found);
            Plain::Accepted { step, drift }
        }
        Verdict::Replayed(found) => {
            let (step, drift) = numbers(found);
            Plain::Replayed { step, drift }
        }
        Verdict::Rejected => Plain::Rejected,
    }
}

fn check_time_step(totp: &Totp, time: u64, expected: u64, period: u64) {
    let now = totp.time_step(time).expect("time is after T0");
    assert_eq!(now.step, expected);
    assert!(now.start <= time);
    assert!((1..=period).contains(&now.remaining));
    assert_eq!(now.start + (period - now.remaining), time);
    match now.start.checked_add(period) {
        Some(end) => {
            assert_eq!(now.end, end);
            assert_eq!(now.end - time, now.remaining);
        }
        None => assert_eq!(now.end, u64::MAX),
    }
}

fn check_normalized(code: &str) {
    if let Some(normal) = normalize_code(code) {
        let text = normal.as_str();
        assert!((6..=10).contains(&text.len()), "{code:?} -> {text:?}");
        assert!(text.bytes().all(|b| b.is_ascii_digit()));
        assert_eq!(normal.digits() as usize, text.len());
        assert_eq!(normalize_code(text), Some(normal));
    }
}
