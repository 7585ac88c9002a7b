//! The login decision over structured input: any policy, any sequence of
//! attempts (right codes of nearby steps, wrong or malformed text), support
//! resets and recovery codes, at times that move forward by any amount.
//! Never a panic, and every decision keeps the rules: the throttle holds
//! before anything is checked, an accepted step is above the last one and
//! within the learned drift's cap plus the window of the server's step,
//! the learned drift stays capped, failures count one by one and a success
//! resets them, and every stored change moves the version by one.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nidan::{
    Attempt, Drift, Hold, Login, Record, Recovery, RecoveryCodes, Secret, Throttle, Totp, Window,
};

#[derive(Arbitrary, Debug)]
enum Code {
    Step(i8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
enum Move {
    Attempt { after: u16, code: Code },
    Recover { after: u16, index: u8, wrong: bool },
    Reset,
    Restart,
}

#[derive(Arbitrary, Debug)]
struct Input {
    behind: u8,
    ahead: u8,
    max_learned: u8,
    factor: u16,
    max_wait: u32,
    max_failures: u8,
    start: u64,
    moves: Vec<Move>,
}

fuzz_target!(|input: Input| {
    let Ok(window) = Window::new(u32::from(input.behind % 8), u32::from(input.ahead % 8)) else {
        return;
    };
    let Ok(drift) = Drift::new(window, u32::from(input.max_learned % 12)) else {
        return;
    };
    let factor = u64::from(input.factor);
    let Ok(throttle) = Throttle::new(
        factor,
        factor.max(u64::from(input.max_wait)),
        u32::from(input.max_failures % 101).max(1),
    ) else {
        return;
    };
    let login = Login::new(drift, throttle);
    let totp = Totp::new(
        &Secret::from_bytes(b"12345678901234567890").unwrap(),
        Default::default(),
    )
    .unwrap();
    let pepper = [3u8; 16];
    let random: Vec<u8> = (0..RecoveryCodes::random_len(4))
        .map(|i| u8::try_from(i).unwrap().wrapping_mul(37))
        .collect();
    let (mut codes, sheet) = RecoveryCodes::from_random(&random, 4, &pepper).unwrap();
    let mut record = Record::new();
    let mut now = input.start % (u64::MAX / 2);
    let mut accepted: Vec<u64> = Vec::new();
    for step in input.moves.iter().take(64) {
        match step {
            Move::Reset => record = checked_version(&record, record.reset_failures()),
            Move::Restart => {
                record = checked_version(&record, record.restart());
                accepted.clear();
            }
            Move::Attempt { after, code } => {
                now += u64::from(*after);
                let server_step = totp.step(now).unwrap();
                let code = match code {
                    Code::Step(offset) => totp
                        .generate_at_step(server_step.saturating_add_signed(i64::from(*offset)))
                        .to_string(),
                    Code::Text(text) => text.clone(),
                };
                let hold = throttle.hold(&record, now);
                let attempt = login.attempt(&totp, &record, &code, now).unwrap();
                match (hold, attempt) {
                    (Some(Hold::Wait { seconds }), Attempt::Throttled { wait_seconds }) => {
                        assert_eq!(seconds, wait_seconds);
                        assert!(wait_seconds <= throttle.max_wait());
                    }
                    (Some(Hold::Locked), Attempt::Locked) => {
                        assert!(record.failures() >= throttle.max_failures());
                    }
                    (
                        None,
                        Attempt::Accepted {
                            record: next,
                            step,
                            drift,
                        },
                    ) => {
                        assert_eq!(totp.generate_at_step(step), code.as_str());
                        assert!(record.last_step().is_none_or(|last| step > last));
                        let reach = u64::from(drift_cap(&login)) + 8;
                        assert!(step.abs_diff(server_step) <= reach);
                        assert!(drift.unsigned_abs() <= drift_cap(&login));
                        assert_eq!(
                            (next.failures(), next.drift(), next.last_step()),
                            (0, drift, Some(step))
                        );
                        assert!(accepted.last().is_none_or(|&last| step > last));
                        accepted.push(step);
                        record = checked_version(&record, next);
                    }
                    (None, Attempt::Rejected { record: next }) => {
                        assert_eq!(next.failures(), record.failures() + 1);
                        assert_eq!(next.last_failure(), Some(now));
                        assert_eq!(
                            (next.last_step(), next.drift()),
                            (record.last_step(), record.drift())
                        );
                        record = checked_version(&record, next);
                    }
                    (None, Attempt::Replayed) => assert!(record.last_step().is_some()),
                    (hold, attempt) => panic!("hold {hold:?} but {attempt:?}"),
                }
            }
            Move::Recover {
                after,
                index,
                wrong,
            } => {
                now += u64::from(*after);
                let typed = if *wrong {
                    "2222-3333-4444"
                } else {
                    sheet.codes()[usize::from(index % 4)].as_str()
                };
                let hold = throttle.hold(&record, now);
                match (
                    hold,
                    login.recover(&record, &codes, typed, &pepper, now).unwrap(),
                ) {
                    (
                        None,
                        Recovery::Accepted {
                            record: next,
                            codes: left,
                            remaining,
                        },
                    ) => {
                        assert!(!*wrong);
                        assert_eq!(remaining + 1, codes.remaining());
                        assert_eq!(left.version(), codes.version() + 1);
                        assert_eq!(next.failures(), 0);
                        codes = left;
                        record = checked_version(&record, next);
                    }
                    (None, Recovery::Rejected { record: next }) => {
                        assert_eq!(next.failures(), record.failures() + 1);
                        record = checked_version(&record, next);
                    }
                    (Some(Hold::Wait { seconds }), Recovery::Throttled { wait_seconds }) => {
                        assert_eq!(seconds, wait_seconds);
                    }
                    (Some(Hold::Locked), Recovery::Locked) => {}
                    (hold, recovery) => panic!("hold {hold:?} but {recovery:?}"),
                }
            }
        }
        assert_eq!(Record::from_bytes(&record.to_bytes()), Ok(record));
    }
});

fn drift_cap(login: &Login) -> u32 {
    login.drift().max_learned()
}

/// `next`, after checking that it is exactly one version after `record`.
fn checked_version(record: &Record, next: Record) -> Record {
    assert_eq!(next.version(), record.version() + 1);
    next
}
