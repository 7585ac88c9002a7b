//! The server side (login decisions, stored records, recovery and delivered
//! codes) against `tests/vectors/server_side.json`, which an independent
//! model wrote (`scripts/vectors/server_side.py`); the Python and JS suites
//! read the same file.

#![cfg(feature = "server")]

use nidan::{
    Attempt, Confirmation, DeliveredCode, Delivery, Drift, Error, Login, Record, RecoveryCode,
    RecoveryCodes, Secret, Throttle, Totp, TotpConfig, Window,
};
use serde_json::Value;

fn vectors() -> Value {
    let path = format!(
        "{}/tests/vectors/server_side.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

fn number(value: &Value) -> u64 {
    value
        .as_u64()
        .unwrap_or_else(|| panic!("not a u64: {value}"))
}

fn small(value: &Value) -> u32 {
    u32::try_from(number(value)).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn login(policy: &Value) -> Login {
    let window = Window::new(small(&policy["behind"]), small(&policy["ahead"])).unwrap();
    Login::new(
        Drift::new(window, small(&policy["max_learned"])).unwrap(),
        Throttle::new(
            number(&policy["factor"]),
            number(&policy["max_wait"]),
            small(&policy["max_failures"]),
        )
        .unwrap(),
    )
}

fn assert_fields(record: &Record, fields: &Value, context: &str) {
    assert_eq!(record.version(), number(&fields["version"]), "{context}");
    assert_eq!(
        record.last_step(),
        fields["last_step"].as_u64(),
        "{context}"
    );
    assert_eq!(
        u64::from(record.failures()),
        number(&fields["failures"]),
        "{context}"
    );
    assert_eq!(
        record.last_failure(),
        fields["last_failure"].as_u64(),
        "{context}"
    );
    assert_eq!(
        i64::from(record.drift()),
        fields["drift"].as_i64().unwrap(),
        "{context}"
    );
}

#[test]
fn every_login_scenario_decides_as_the_model() {
    let vectors = vectors();
    let totp = Totp::new(
        &Secret::from_bytes(text(&vectors["totp"]["secret_ascii"]).as_bytes()).unwrap(),
        TotpConfig::default(),
    )
    .unwrap();
    let scenarios = vectors["login"].as_array().unwrap();
    assert!(scenarios.len() >= 9);
    for scenario in scenarios {
        let login = login(&scenario["policy"]);
        let mut record = Record::new();
        for (index, entry) in scenario["attempts"].as_array().unwrap().iter().enumerate() {
            let context = format!("{} #{index}", text(&scenario["name"]));
            let decided = match entry["action"].as_str() {
                Some("reset_failures") => record.reset_failures(),
                Some("restart") => record.restart(),
                Some(other) => panic!("unknown action {other}"),
                None => {
                    let attempt = login
                        .attempt(&totp, &record, text(&entry["code"]), number(&entry["time"]))
                        .unwrap();
                    let expected = text(&entry["outcome"]);
                    match attempt {
                        Attempt::Accepted {
                            record,
                            step,
                            drift,
                        } => {
                            assert_eq!(expected, "accepted", "{context}");
                            assert_eq!(step, number(&entry["step"]), "{context}");
                            assert_eq!(
                                i64::from(drift),
                                entry["drift"].as_i64().unwrap(),
                                "{context}"
                            );
                            record
                        }
                        Attempt::Rejected { record } => {
                            assert_eq!(expected, "rejected", "{context}");
                            record
                        }
                        Attempt::Replayed => {
                            assert_eq!(expected, "replayed", "{context}");
                            continue;
                        }
                        Attempt::Throttled { wait_seconds } => {
                            assert_eq!(expected, "throttled", "{context}");
                            assert_eq!(wait_seconds, number(&entry["wait_seconds"]), "{context}");
                            continue;
                        }
                        Attempt::Locked => {
                            assert_eq!(expected, "locked", "{context}");
                            continue;
                        }
                    }
                }
            };
            assert_fields(&decided, &entry["fields"], &context);
            assert_eq!(decided.to_text(), text(&entry["record"]), "{context}");
            assert_eq!(Record::from_text(text(&entry["record"])), Ok(decided));
            record = decided;
        }
    }
}

#[test]
fn stored_records_read_or_fail_as_the_model_says() {
    let vectors = vectors();
    for entry in vectors["records"]["valid"].as_array().unwrap() {
        let record = Record::from_text(text(&entry["text"])).unwrap();
        assert_fields(&record, &entry["fields"], text(&entry["text"]));
        assert_eq!(record.to_bytes().as_slice(), hex(text(&entry["hex"])));
        assert_eq!(Record::from_bytes(&hex(text(&entry["hex"]))), Ok(record));
    }
    let invalid = vectors["records"]["invalid"].as_array().unwrap();
    assert!(invalid.len() >= 10);
    for entry in invalid {
        let error = Record::from_text(text(&entry["text"])).unwrap_err();
        assert!(matches!(error, Error::StoredValue { .. }), "{entry}");
        assert_eq!(error.to_string(), text(&entry["error"]), "{}", entry["why"]);
    }
}

#[test]
fn recovery_codes_as_the_model_makes_and_redeems_them() {
    let vectors = vectors();
    let case = &vectors["recovery"];
    let pepper = hex(text(&case["pepper_hex"]));
    let count = usize::try_from(number(&case["count"])).unwrap();
    let (mut codes, sheet) =
        RecoveryCodes::from_random(&hex(text(&case["random_hex"])), count, &pepper).unwrap();
    let printed: Vec<&str> = sheet.codes().iter().map(RecoveryCode::as_str).collect();
    let expected: Vec<&str> = case["codes"].as_array().unwrap().iter().map(text).collect();
    assert_eq!(printed, expected);
    assert_eq!(codes.to_text(), text(&case["text"]));
    for entry in case["redeem"].as_array().unwrap() {
        let pepper = entry["pepper_hex"].as_str().map_or(pepper.clone(), hex);
        let redeemed = codes.redeem(text(&entry["typed"]), &pepper).unwrap();
        match text(&entry["outcome"]) {
            "accepted" => {
                let next = redeemed.unwrap_or_else(|| panic!("{entry}"));
                assert_eq!(
                    next.remaining(),
                    usize::try_from(number(&entry["remaining"])).unwrap()
                );
                assert_eq!(next.to_text(), text(&entry["text"]));
                assert_eq!(
                    RecoveryCodes::from_text(text(&entry["text"])),
                    Ok(next.clone())
                );
                codes = next;
            }
            _ => assert_eq!(redeemed, None, "{entry}"),
        }
    }
    for entry in case["invalid"].as_array().unwrap() {
        let error = RecoveryCodes::from_text(text(&entry["text"])).unwrap_err();
        assert_eq!(error.to_string(), text(&entry["error"]), "{}", entry["why"]);
    }
}

#[test]
fn delivered_codes_as_the_model_makes_and_checks_them() {
    let vectors = vectors();
    let pepper = hex(text(&vectors["recovery"]["pepper_hex"]));
    for case in vectors["delivered"].as_array().unwrap() {
        let delivery = Delivery::new(
            small(&case["digits"]),
            number(&case["lifetime"]),
            small(&case["max_attempts"]),
        )
        .unwrap();
        let (mut stored, code) = DeliveredCode::from_random(
            &hex(text(&case["random_hex"])),
            number(&case["time"]),
            &pepper,
            delivery,
        )
        .unwrap();
        assert_eq!(code, text(&case["code"]));
        assert_eq!(stored.to_text(), text(&case["text"]));
        for entry in case["checks"].as_array().unwrap() {
            let checked = stored
                .check(text(&entry["typed"]), &pepper, number(&entry["time"]))
                .unwrap();
            let context = format!("{}: {entry}", text(&case["name"]));
            match (text(&entry["outcome"]), checked) {
                ("accepted", Confirmation::Accepted { code }) => {
                    assert_eq!(code.to_text(), text(&entry["text"]), "{context}");
                    stored = code;
                }
                (
                    "rejected",
                    Confirmation::Rejected {
                        code,
                        attempts_left,
                    },
                ) => {
                    assert_eq!(code.to_text(), text(&entry["text"]), "{context}");
                    assert_eq!(u64::from(attempts_left), number(&entry["attempts_left"]));
                    stored = code;
                }
                ("expired", Confirmation::Expired)
                | ("exhausted", Confirmation::Exhausted)
                | ("used", Confirmation::Used) => {}
                (expected, got) => panic!("{context}: expected {expected}, got {got:?}"),
            }
            assert_eq!(
                DeliveredCode::from_text(&stored.to_text()),
                Ok(stored.clone())
            );
        }
    }
}

/// The throttle is checked before anything else: a held attempt does not
/// even compute the time step (which would fail here, before T0).
#[test]
fn a_held_attempt_computes_nothing() {
    let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
    let totp = Totp::new(&secret, TotpConfig::default()).unwrap();
    let Attempt::Rejected { record } = Login::default()
        .attempt(&totp, &Record::new(), "000000", 1_000)
        .unwrap()
    else {
        panic!("rejected")
    };
    let future = Totp::new(
        &secret,
        TotpConfig {
            t0: 5_000,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        Login::default().attempt(&future, &record, "000000", 1_000),
        Ok(Attempt::Throttled { wait_seconds: 1 })
    );
    assert_eq!(
        Login::default().attempt(&future, &record, "000000", 1_001),
        Err(Error::TimeBeforeT0)
    );
    let strict = Login::new(Drift::default(), Throttle::new(1, 1, 1).unwrap());
    assert_eq!(
        strict.attempt(&future, &record, "000000", 1_001),
        Ok(Attempt::Locked)
    );
}

/// Recovery goes through the same throttle and record as codes.
#[test]
fn recovery_shares_the_throttle() {
    let pepper = [5u8; 16];
    let random: Vec<u8> = (0..RecoveryCodes::random_len(3))
        .map(|i| u8::try_from(i).unwrap())
        .collect();
    let (codes, sheet) = RecoveryCodes::from_random(&random, 3, &pepper).unwrap();
    let login = Login::new(Drift::default(), Throttle::new(10, 100, 2).unwrap());
    let nidan::Recovery::Rejected { record } = login
        .recover(&Record::new(), &codes, "AAAA-AAAA-AAAA", &pepper, 50)
        .unwrap()
    else {
        panic!("rejected")
    };
    let right = sheet.codes()[1].as_str();
    assert_eq!(
        login.recover(&record, &codes, right, &pepper, 55),
        Ok(nidan::Recovery::Throttled { wait_seconds: 5 })
    );
    let nidan::Recovery::Rejected { record } =
        login.recover(&record, &codes, "", &pepper, 60).unwrap()
    else {
        panic!("rejected")
    };
    assert_eq!(
        login.recover(&record, &codes, right, &pepper, 10_000),
        Ok(nidan::Recovery::Locked)
    );
    let nidan::Recovery::Accepted {
        record,
        codes,
        remaining,
    } = login
        .recover(&record.reset_failures(), &codes, right, &pepper, 10_000)
        .unwrap()
    else {
        panic!("accepted after the reset")
    };
    assert_eq!((record.failures(), remaining, codes.version()), (0, 2, 1));
    assert_eq!(
        login.recover(&Record::new(), &codes, right, b"short pepper", 0),
        Err(Error::SecretTooShort {
            bits: 96,
            min_bits: 128
        })
    );
}

/// Settings out of range are errors that state the range.
#[test]
fn settings_out_of_range_are_errors() {
    for (result, message) in [
        (
            Throttle::new(1, 900, 0).map(|_| ()),
            "invalid setting: max_failures must be from 1 to 100 (NIST SP 800-63B 5.2.2)",
        ),
        (
            Throttle::new(1, 900, 101).map(|_| ()),
            "invalid setting: max_failures must be from 1 to 100 (NIST SP 800-63B 5.2.2)",
        ),
        (
            Throttle::new(10, 9, 10).map(|_| ()),
            "invalid setting: max_wait must be at least factor",
        ),
        (
            Drift::new(Window::default(), 101).map(|_| ()),
            "invalid setting: max_learned drift must be from 0 to 100 steps",
        ),
        (
            Delivery::new(6, 0, 5).map(|_| ()),
            "invalid setting: a delivered code's lifetime must be from 1 to 86400 seconds",
        ),
        (
            Delivery::new(6, 600, 0).map(|_| ()),
            "invalid setting: a delivered code's max_attempts must be from 1 to 20",
        ),
        (
            Delivery::new(5, 600, 5).map(|_| ()),
            "digits must be from 6 to 10 (6 to 8 in otpauth URIs, 5 for Steam), got 5",
        ),
        (
            RecoveryCodes::from_random(&[0; 400], 21, &[1; 16]).map(|_| ()),
            "invalid setting: the number of recovery codes must be from 1 to 20",
        ),
        (
            RecoveryCodes::from_random(&[0; 96], 10, &[1; 16]).map(|_| ()),
            "invalid setting: the random input repeats itself: draw it from a secure generator",
        ),
        (
            RecoveryCodes::from_random(&[0; 95], 10, &[1; 16]).map(|_| ()),
            "random input is too short: 96 bytes are needed",
        ),
        (
            DeliveredCode::from_random(&[0; 23], 0, &[1; 16], Delivery::default()).map(|_| ()),
            "random input is too short: 24 bytes are needed",
        ),
    ] {
        assert_eq!(result.unwrap_err().to_string(), message);
    }
}

/// Debug output shows counts and states, never a code, salt or verifier.
#[test]
fn debug_output_hides_codes_and_verifiers() {
    let random: Vec<u8> = (0..RecoveryCodes::random_len(2))
        .map(|i| u8::try_from(i * 7 % 256).unwrap())
        .collect();
    let (codes, sheet) = RecoveryCodes::from_random(&random, 2, &[1; 16]).unwrap();
    let (delivered, code) =
        DeliveredCode::from_random(&[3; 24], 0, &[1; 16], Delivery::default()).unwrap();
    let shown = format!("{codes:?} {sheet:?} {:?} {delivered:?}", sheet.codes());
    for code in sheet.codes() {
        let plain = code.as_str().replace('-', "");
        assert!(
            !shown.contains(&code.as_str()[..4]) && !shown.contains(&plain),
            "{shown}"
        );
    }
    assert!(!shown.contains(code.as_str()), "{shown}");
    assert!(!shown.to_lowercase().contains("verifier"), "{shown}");
    assert_eq!(
        format!("{codes:?}"),
        "RecoveryCodes { count: 2, remaining: 2, version: 0, .. }"
    );
}
