//! Table tests driven by the shared JSON vectors in `tests/vectors/`
//! (the Python and JavaScript suites read the same files).

use nidan::{
    Algorithm, CodeFormat, Error, Hotp, HotpConfig, Secret, Totp, TotpConfig, Verdict, Window,
    base32,
};
use serde_json::Value;

fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
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

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn ascii_secret(value: &Value) -> Secret {
    Secret::from_bytes(text(value).as_bytes()).unwrap()
}

fn algorithm(mode: &Value) -> Algorithm {
    Algorithm::from_name(text(mode)).unwrap()
}

#[test]
fn rfc4226_appendix_d_codes_for_6_7_and_8_digits() {
    let table = load("rfc4226_hotp.json");
    let secret = ascii_secret(&table["secret_ascii"]);
    assert_eq!(
        Secret::from_base32(text(&table["secret_base32"])).unwrap(),
        secret
    );
    let vectors = table["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 10);
    for digits in [6, 7, 8] {
        let hotp = Hotp::new(
            &secret,
            HotpConfig {
                digits,
                ..Default::default()
            },
        )
        .unwrap();
        for row in vectors {
            let counter = number(&row["counter"]);
            let expected = text(&row[format!("hotp_{digits}").as_str()]);
            assert_eq!(
                hotp.generate(counter),
                expected,
                "counter {counter}, {digits} digits"
            );
        }
    }
}

/// Steam Guard codes: the vectors of `KeePassXC`'s tests, and the RFC 4226 counters as
/// Steam writes them; each verifies, and only in upper case.
#[cfg(feature = "steam")]
#[test]
fn steam_guard_codes() {
    let table = load("steam.json");
    assert_eq!(text(&table["alphabet"]), CodeFormat::STEAM_ALPHABET);
    for row in table["totp"].as_array().unwrap() {
        let secret = Secret::from_base32(text(&row["secret_base32"])).unwrap();
        let totp = Totp::new(&secret, TotpConfig::steam()).unwrap();
        let time = number(&row["unix_time"]);
        let code = totp.generate(time).unwrap();
        assert_eq!(code, text(&row["code"]), "{row}");
        assert_eq!(code.digits(), 5);
        let found = totp
            .verify(code.as_str(), time, Window::EXACT, None)
            .unwrap();
        assert_eq!(
            found.accepted().map(|m| m.step()),
            Some(number(&row["step"]))
        );
        let lower = code.as_str().to_lowercase();
        assert!(
            !totp
                .verify(&lower, time, Window::EXACT, None)
                .unwrap()
                .is_accepted()
        );
    }
    let hotp_table = &table["hotp"];
    let steam = HotpConfig {
        digits: 5,
        format: CodeFormat::Steam,
        ..Default::default()
    };
    let hotp = Hotp::new(&ascii_secret(&hotp_table["secret_ascii"]), steam).unwrap();
    let decimal = Hotp::new(
        &ascii_secret(&hotp_table["secret_ascii"]),
        HotpConfig {
            digits: 10,
            ..Default::default()
        },
    )
    .unwrap();
    for row in hotp_table["vectors"].as_array().unwrap() {
        let counter = number(&row["counter"]);
        assert_eq!(hotp.generate(counter), text(&row["code"]), "{row}");
        // Ten digits write the whole truncated value.
        assert_eq!(
            decimal.generate(counter),
            format!("{:010}", number(&row["truncated"])).as_str()
        );
        let found = hotp.verify(text(&row["code"]), 0, 9).unwrap();
        assert_eq!(found.accepted().map(|m| m.step()), Some(counter));
    }
    // Decimal codes are not Steam codes, and Steam needs 5 characters.
    assert!(!hotp.verify("755224", 0, 9).unwrap().is_accepted());
    for digits in [4, 6] {
        let config = HotpConfig { digits, ..steam };
        let error = Hotp::new(&ascii_secret(&hotp_table["secret_ascii"]), config).unwrap_err();
        assert_eq!(error, Error::Digits { digits });
    }
}

#[test]
fn rfc6238_appendix_b_all_rows_with_matching_seed_lengths() {
    let table = load("rfc6238_totp.json");
    let vectors = table["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 18);
    for row in vectors {
        let secret = ascii_secret(&row["seed_ascii"]);
        assert_eq!(secret.byte_len() as u64, number(&row["seed_len_bytes"]));
        let time = number(&row["unix_time"]);
        for (digits, key) in [(8, "totp_8"), (6, "totp_6")] {
            let config = TotpConfig {
                algorithm: algorithm(&row["mode"]),
                digits,
                ..Default::default()
            };
            let totp = Totp::new(&secret, config).unwrap();
            assert_eq!(totp.step(time).unwrap(), number(&row["T_decimal"]));
            assert_eq!(totp.generate(time).unwrap(), text(&row[key]), "{row}");
        }
    }
}

#[test]
fn rfc6238_seeds_in_base32_match_their_ascii_form() {
    let table = load("rfc6238_totp.json");
    for (_, seed) in table["seeds"].as_object().unwrap() {
        let from_base32 = Secret::from_base32(text(&seed["base32_unpadded"])).unwrap();
        assert_eq!(from_base32.as_bytes(), hex(text(&seed["hex"])));
        assert_eq!(*from_base32.to_base32(), text(&seed["base32_unpadded"]));
    }
}

#[test]
fn the_classic_20_byte_seed_bug_is_not_reproduced() {
    let table = load("rfc6238_totp.json");
    for row in table["negative_wrong_seed_vectors"].as_array().unwrap() {
        let time = number(&row["unix_time"]);
        let config = TotpConfig {
            algorithm: algorithm(&row["mode"]),
            digits: 8,
            ..Default::default()
        };
        // The wrong seed gives the recorded wrong value, so our HMAC is the standard one ...
        let wrong = Totp::new(&ascii_secret(&row["seed_ascii"]), config).unwrap();
        assert_eq!(wrong.generate(time).unwrap(), text(&row["totp_8"]));
        // ... and the right seed length gives something else.
        let long_seed = if config.algorithm == Algorithm::Sha256 {
            &b"12345678901234567890123456789012"[..]
        } else {
            &b"1234567890123456789012345678901234567890123456789012345678901234"[..]
        };
        let right = Totp::new(&Secret::from_bytes(long_seed).unwrap(), config).unwrap();
        assert_ne!(right.generate(time).unwrap(), text(&row["totp_8"]));
    }
}

fn expected_base32_error(description: &str) -> Error {
    if description.starts_with("non-alphabet") {
        Error::Base32Character { position: 0 }
    } else if description.starts_with("impossible length") {
        Error::Base32Length
    } else if description.starts_with("wrong padding") {
        Error::Base32Padding
    } else if description.starts_with("non-canonical") {
        Error::Base32TrailingBits
    } else {
        panic!("unknown error description {description}")
    }
}

fn same_kind(actual: Error, expected: Error) -> bool {
    std::mem::discriminant(&actual) == std::mem::discriminant(&expected)
}

#[test]
fn base32_cases_strict_reader() {
    let table = load("base32_cases.json");
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 30);
    for case in cases {
        let input = text(&case["input"]);
        let mut out = [0u8; 128];
        let result = base32::decode(input, &mut out);
        match text(&case["strict_result"]) {
            "ok" => {
                let len = result.unwrap_or_else(|e| panic!("{}: {e}", case["id"]));
                assert_eq!(&out[..len], hex(text(&case["hex"])), "{}", case["id"]);
            }
            "error" => {
                let expected = expected_base32_error(text(&case["error"]));
                let actual = result.expect_err(text(&case["id"]));
                assert!(
                    same_kind(actual, expected),
                    "{}: got {actual:?}",
                    case["id"]
                );
            }
            other => panic!("unknown strict_result {other}"),
        }
    }
}

#[test]
fn base32_cases_secret_minimum_is_80_bits() {
    let table = load("base32_cases.json");
    for case in table["cases"].as_array().unwrap() {
        if text(&case["strict_result"]) != "ok" {
            continue;
        }
        let bytes = case["bytes"].as_u64().unwrap();
        let result = Secret::from_base32(text(&case["input"]));
        match bytes {
            0 => assert_eq!(result, Err(Error::SecretEmpty)),
            1..=9 => {
                assert!(matches!(
                    result,
                    Err(Error::SecretTooShort { min_bits: 80, .. })
                ));
                let short = Secret::from_base32_allow_short(text(&case["input"])).unwrap();
                assert_eq!(short.byte_len() as u64, bytes);
            }
            _ => assert_eq!(result.unwrap().byte_len() as u64, bytes),
        }
    }
}

#[test]
fn base32_cases_typed_reader_accepts_what_people_type() {
    let table = load("base32_cases.json");
    let hello = hex("48656c6c6f21deadbeef");
    for id in ["hyphens", "spaces", "non-ascii-fullwidth"] {
        let case = table["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        let secret = Secret::from_typed_base32(text(&case["input"])).unwrap();
        assert_eq!(secret.as_bytes(), hello, "{id}");
    }
    // Still refused when typed: digits outside the alphabet, NUL, impossible
    // lengths and non-canonical trailing bits.
    for id in [
        "digit-one",
        "digit-zero",
        "nul-byte",
        "impossible-length-3",
        "26char-128bit-noncanonical",
    ] {
        let case = table["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        assert!(
            Secret::from_typed_base32(text(&case["input"])).is_err(),
            "{id}"
        );
    }
}

fn scenario(id: &str) -> Value {
    let table = load("verification_scenarios.json");
    table["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap()
        .clone()
}

fn rfc_totp(digits: u32) -> Totp {
    let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
    Totp::new(
        &secret,
        TotpConfig {
            digits,
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn scenario_window_of_one_step_each_way() {
    let s = scenario("totp-window-skew1");
    let totp = rfc_totp(6);
    let time = number(&s["verifier_time"]);
    let current = number(&s["T"]);
    for (step, code) in s["codes_by_step"].as_object().unwrap() {
        let step: u64 = step.parse().unwrap();
        assert_eq!(totp.generate_at_step(step), text(code));
        let verdict = totp
            .verify(text(code), time, Window::default(), None)
            .unwrap()
            .verdict();
        let accept = s["expect"]["accept_steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| number(v) == step);
        if accept {
            let found = verdict.accepted().unwrap();
            assert_eq!(found.step(), step);
            assert_eq!(found.drift(), step.cast_signed() - current.cast_signed());
        } else {
            assert_eq!(verdict, Verdict::Rejected, "step {step}");
        }
    }
}

#[test]
fn scenario_replay_is_refused_by_step() {
    let s = scenario("totp-replay-same-step");
    let totp = rfc_totp(6);
    let mut last_accepted = None;
    for attempt in s["sequence"].as_array().unwrap() {
        let verdict = totp
            .verify(
                text(&attempt["code"]),
                number(&attempt["time"]),
                Window::default(),
                last_accepted,
            )
            .unwrap()
            .verdict();
        match text(&attempt["expect"]) {
            "accept" => {
                let found = verdict
                    .accepted()
                    .unwrap_or_else(|| panic!("{attempt}: {verdict:?}"));
                assert_eq!(found.step(), number(&attempt["matched_step"]));
                last_accepted = Some(found.step());
            }
            "reject_replay" => assert!(matches!(verdict, Verdict::Replayed(_)), "{attempt}"),
            "reject" => assert_eq!(verdict, Verdict::Rejected, "{attempt}"),
            other => panic!("unknown expectation {other}"),
        }
    }
}

#[test]
fn scenario_window_is_clipped_at_step_zero() {
    let s = scenario("totp-window-at-epoch-start");
    let totp = rfc_totp(6);
    let time = number(&s["verifier_time"]);
    for (step, code) in s["codes_by_step"].as_object().unwrap() {
        let found = totp
            .verify(text(code), time, Window::default(), None)
            .unwrap()
            .accepted()
            .unwrap();
        assert_eq!(found.step(), step.parse::<u64>().unwrap());
    }
    // The code of the wrapped counter 2^64-1 must not be accepted at step 0.
    let wrapped = text(&s["code_at_wrapped_counter_2^64-1"]);
    assert_eq!(totp.generate_at_step(u64::MAX), wrapped);
    assert_eq!(
        totp.verify(wrapped, time, Window::new(1, 1).unwrap(), None)
            .unwrap()
            .verdict(),
        Verdict::Rejected
    );
}

#[test]
fn scenario_time_before_t0_is_an_error() {
    let s = scenario("totp-before-T0");
    let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
    let totp = Totp::new(
        &secret,
        TotpConfig {
            t0: 100,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(number(&s["period"]), 30);
    assert_eq!(totp.generate(99), Err(Error::TimeBeforeT0));
    assert_eq!(
        totp.verify("123456", 99, Window::default(), None),
        Err(Error::TimeBeforeT0)
    );
    assert_eq!(totp.generate_at_step(0), rfc_totp(6).generate(0).unwrap());
    assert_eq!(
        totp.generate(100).unwrap(),
        rfc_totp(6).generate(0).unwrap()
    );
}

#[test]
fn scenario_times_beyond_32_bits() {
    let s = scenario("totp-large-time-64bit");
    let totp = rfc_totp(8);
    let time = number(&s["verifier_time"]);
    assert_eq!(
        totp.step(time).unwrap(),
        u64::from_str_radix(text(&s["T_hex"]), 16).unwrap()
    );
    assert_eq!(totp.generate(time).unwrap(), text(&s["code"]));
    assert!(
        totp.verify(text(&s["code"]), time, Window::default(), None)
            .unwrap()
            .is_accepted()
    );
}

#[test]
fn scenario_hotp_look_ahead_and_resynchronisation() {
    let s = scenario("hotp-lookahead");
    let hotp = Hotp::new(
        &Secret::from_bytes(b"12345678901234567890").unwrap(),
        HotpConfig::default(),
    )
    .unwrap();
    for (counter, code) in s["codes_by_counter"].as_object().unwrap() {
        assert_eq!(hotp.generate(counter.parse().unwrap()), text(code));
    }
    let mut counter = number(&s["server_counter"]);
    // RFC 4226 s = 3 counters, C..C+s-1: a look-ahead of s - 1 beyond C.
    let look_ahead = u32::try_from(number(&s["lookahead_s"]) - 1).unwrap();
    for attempt in s["sequence"].as_array().unwrap() {
        let result = hotp
            .verify(text(&attempt["code"]), counter, look_ahead)
            .unwrap()
            .accepted();
        if text(&attempt["expect"]) == "accept" {
            let found = result.unwrap_or_else(|| panic!("{attempt}"));
            assert_eq!(found.step(), number(&attempt["matched_counter"]));
            assert_eq!(found.next_counter(), number(&attempt["new_server_counter"]));
            counter = found.next_counter();
        } else {
            assert_eq!(result, None, "{attempt}");
        }
    }
}

#[test]
fn scenario_code_input_format_is_strict() {
    let s = scenario("code-input-format");
    let hotp = Hotp::new(
        &Secret::from_bytes(b"12345678901234567890").unwrap(),
        HotpConfig::default(),
    )
    .unwrap();
    for case in s["cases"].as_array().unwrap() {
        let input = text(&case["input"]);
        let accepted = hotp
            .verify(input, number(&s["hotp_counter"]), 0)
            .unwrap()
            .is_accepted();
        assert_eq!(accepted, text(&case["expect"]) == "accept", "{input:?}");
    }
    // The UI normaliser turns the pasted forms into the code, verify stays strict.
    for typed in ["755 224", "７５５２２４", "755-224"] {
        let code = nidan::normalize_code(typed).unwrap();
        assert!(
            hotp.verify(code.as_str(), 0, 0).unwrap().is_accepted(),
            "{typed:?}"
        );
    }
}
