//! Property tests of the server side: compare-and-set never accepts a step
//! twice, the throttle never shortens, a recovery code works exactly once,
//! and no stored value, however corrupted, makes a reader panic.

#![cfg(feature = "server")]

use nidan::{
    Attempt, DeliveredCode, Drift, Hold, Login, Record, RecoveryCodes, Secret, Throttle, Totp,
    TotpConfig,
};
use proptest::prelude::*;

/// A store holding one user's record, written only by compare-and-set, as
/// `UPDATE ... WHERE record = :old` does.
struct Store {
    record: Record,
}

impl Store {
    fn compare_and_set(&mut self, read: &Record, new: Record) -> bool {
        if self.record == *read {
            self.record = new;
            true
        } else {
            false
        }
    }
}

fn totp() -> Totp {
    Totp::new(
        &Secret::from_bytes(b"12345678901234567890").unwrap(),
        TotpConfig::default(),
    )
    .unwrap()
}

/// One login request as a server runs it: read, decide, compare-and-set;
/// an acceptance that loses is a replay, a failure that loses is decided
/// again on the fresh record. Returns the step it let in, if any.
fn request(store: &mut Store, read: Record, code: &str, now: u64, totp: &Totp) -> Option<u64> {
    let mut read = read;
    loop {
        match Login::default().attempt(totp, &read, code, now).unwrap() {
            Attempt::Accepted { record, step, .. } => {
                return store.compare_and_set(&read, record).then_some(step);
            }
            Attempt::Rejected { record } => {
                if store.compare_and_set(&read, record) {
                    return None;
                }
                read = store.record;
            }
            Attempt::Replayed | Attempt::Throttled { .. } | Attempt::Locked => return None,
        }
    }
}

proptest! {
    /// Rounds of concurrent requests: all of a round read the same record,
    /// then write in any order. However codes and orders fall, no step is
    /// let in twice, and the steps let in only grow.
    #[test]
    fn compare_and_set_never_accepts_a_step_twice(
        rounds in proptest::collection::vec(
            (0u64..40, proptest::collection::vec((-2i64..=2, any::<bool>()), 1..5), any::<u64>()),
            1..12,
        )
    ) {
        let totp = totp();
        let mut store = Store { record: Record::new() };
        let mut now = 1_111_111_111u64;
        let mut accepted: Vec<u64> = Vec::new();
        for (advance, requests, order_seed) in rounds {
            now += advance;
            let step = totp.step(now).unwrap();
            let read = store.record;
            let mut codes: Vec<String> = requests
                .iter()
                .map(|&(offset, right)| {
                    if right {
                        totp.generate_at_step(step.checked_add_signed(offset).unwrap()).to_string()
                    } else {
                        "000000".to_string()
                    }
                })
                .collect();
            // A deterministic shuffle: the order the writes arrive in.
            let len = codes.len();
            codes.rotate_left(usize::try_from(order_seed % len as u64).unwrap());
            for code in codes {
                if let Some(step) = request(&mut store, read, &code, now, &totp) {
                    prop_assert!(accepted.last().is_none_or(|&last| step > last), "{step} after {accepted:?}");
                    accepted.push(step);
                }
            }
        }
    }

    /// More failures never mean a shorter wait.
    #[test]
    fn the_throttle_never_shortens_with_more_failures(
        factor in 0u64..=1_000_000,
        extra_wait in 0u64..=1_000_000_000,
        max_failures in 1u32..=100,
        failures in 0u32..=120,
    ) {
        let throttle = Throttle::new(factor, factor + extra_wait, max_failures).unwrap();
        prop_assert!(throttle.delay(failures + 1) >= throttle.delay(failures));
        prop_assert!(throttle.delay(failures) <= throttle.max_wait());
        // The same through records: n and n+1 failures at the same time.
        let totp = totp();
        let mut record = Record::new();
        for _ in 0..failures.min(max_failures) {
            let time = record.last_failure().unwrap_or(1_000_000) + throttle.delay(record.failures());
            let login = Login::new(Drift::default(), throttle);
            let Attempt::Rejected { record: next } = login.attempt(&totp, &record, "x", time).unwrap() else {
                return Err(TestCaseError::fail("a malformed code is rejected"));
            };
            record = next;
        }
        let wait = |hold: Option<Hold>| match hold {
            None => 0,
            Some(Hold::Wait { seconds }) => seconds,
            Some(Hold::Locked) => u64::MAX,
        };
        let at = record.last_failure().unwrap_or(1_000_000);
        if throttle.hold(&record, at) == Some(Hold::Locked) {
            let later = Login::new(Drift::default(), throttle).attempt(&totp, &record, "x", u64::MAX);
            prop_assert_eq!(later, Ok(Attempt::Locked));
            return Ok(());
        }
        let before = wait(throttle.hold(&record, at));
        let more = Login::new(Drift::default(), throttle)
            .attempt(&totp, &record, "x", at + before)
            .unwrap();
        if let Attempt::Rejected { record: worse } = more {
            let at = worse.last_failure().unwrap();
            prop_assert!(wait(throttle.hold(&worse, at)) >= before);
        } else {
            prop_assert_eq!(more, Attempt::Locked);
        }
    }

    /// Every code of a set works once, in any order and however typed, and
    /// of two concurrent redemptions of one code only one is written.
    #[test]
    fn a_recovery_code_works_exactly_once(
        seed in any::<[u8; 32]>(),
        count in 1usize..=20,
        order in proptest::collection::vec(0usize..20, 1..40),
        lower in any::<bool>(),
    ) {
        let random: Vec<u8> = (0..RecoveryCodes::random_len(count))
            .map(|i| seed[i % 32] ^ u8::try_from(i / 32).unwrap().wrapping_mul(151) ^ u8::try_from(i % 251).unwrap())
            .collect();
        let pepper = [9u8; 32];
        let Ok((mut codes, sheet)) = RecoveryCodes::from_random(&random, count, &pepper) else {
            // Repeated random blocks are refused; nothing to check then.
            return Ok(());
        };
        let mut used = vec![false; count];
        for index in order {
            let index = index % count;
            let typed = sheet.codes()[index].as_str();
            let typed = if lower { typed.to_lowercase() } else { typed.to_string() };
            // Two requests read the same set; the second write loses.
            let first = codes.redeem(&typed, &pepper).unwrap();
            let second = codes.redeem(&typed, &pepper).unwrap();
            prop_assert_eq!(first.is_some(), !used[index]);
            prop_assert_eq!(&first, &second);
            if let Some(next) = first {
                prop_assert_eq!(next.version(), codes.version() + 1);
                codes = next;
                used[index] = true;
            }
            prop_assert_eq!(codes.remaining(), used.iter().filter(|u| !**u).count());
        }
    }

    /// Arbitrary bytes and text are read or refused, never a panic.
    #[test]
    fn arbitrary_stored_values_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), text in ".{0,600}") {
        let _ = Record::from_bytes(&bytes);
        let _ = Record::from_text(&text);
        let _ = RecoveryCodes::from_bytes(&bytes);
        let _ = RecoveryCodes::from_text(&text);
        let _ = DeliveredCode::from_bytes(&bytes);
        let _ = DeliveredCode::from_text(&text);
    }

    /// Any change of one byte of a stored record is refused.
    #[test]
    fn a_corrupted_record_is_an_error(
        version in any::<u64>(),
        failures in 0usize..5,
        position in 0usize..Record::BYTES,
        flip in 1u8..=255,
    ) {
        let totp = totp();
        let mut record = Record::new();
        for _ in 0..version % 7 {
            record = record.reset_failures();
        }
        for n in 0..failures {
            let Attempt::Rejected { record: next } =
                Login::default().attempt(&totp, &record, "x", 1_000_000 + 1_000 * n as u64).unwrap()
            else {
                return Err(TestCaseError::fail("rejected"));
            };
            record = next;
        }
        let mut bytes = record.to_bytes();
        bytes[position] ^= flip;
        prop_assert!(Record::from_bytes(&bytes).is_err());
        prop_assert_eq!(Record::from_bytes(&record.to_bytes()), Ok(record));
    }
}
