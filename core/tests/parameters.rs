//! Parameter rules and edge cases at the ends of the number range.

use nidan::{
    Algorithm, CodeFormat, Error, Hotp, HotpConfig, Secret, Totp, TotpConfig, Verdict, Window,
    normalize_code,
};

fn secret() -> Secret {
    Secret::from_bytes(b"12345678901234567890").unwrap()
}

#[test]
fn decimal_digits_are_6_to_10() {
    for digits in [0, 1, 5, 11, u32::MAX] {
        let config = HotpConfig {
            digits,
            ..Default::default()
        };
        assert_eq!(
            Hotp::new(&secret(), config).unwrap_err(),
            Error::Digits { digits }
        );
    }
    // 10 digits: the 31-bit truncated value itself, zero-padded (RFC 4226 counter 0: 1284755224).
    let hotp = Hotp::new(
        &secret(),
        HotpConfig {
            digits: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(hotp.generate(0), "1284755224");
    assert_eq!(hotp.generate(7), "0082162583");
}

/// A wiped secret is empty, and nothing keys an HMAC with it: every
/// generator refuses it, in every configuration.
#[test]
fn a_wiped_secret_keys_nothing() {
    use zeroize::Zeroize;
    let mut wiped = secret();
    wiped.zeroize();
    assert_eq!(wiped.byte_len(), 0);
    for algorithm in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
        for (format, digits) in [(CodeFormat::Decimal, 6), (CodeFormat::Steam, 5)] {
            let hotp = HotpConfig {
                algorithm,
                digits,
                format,
            };
            assert_eq!(Hotp::new(&wiped, hotp).unwrap_err(), Error::SecretEmpty);
            let totp = TotpConfig {
                algorithm,
                digits,
                format,
                ..Default::default()
            };
            assert_eq!(Totp::new(&wiped, totp).unwrap_err(), Error::SecretEmpty);
        }
    }
    // The message says what is wrong, and the key is still usable once set.
    assert_eq!(Error::SecretEmpty.to_string(), "secret is empty");
    assert!(Hotp::new(&secret(), HotpConfig::default()).is_ok());
}

/// Codes compare as text, in constant time, whichever way they were made.
#[test]
fn codes_compare_as_text() {
    use subtle::ConstantTimeEq;
    let hotp = Hotp::new(&secret(), HotpConfig::default()).unwrap();
    let generated = hotp.generate(0);
    let typed = normalize_code("755 224").unwrap();
    assert_eq!(generated, typed);
    assert!(bool::from(generated.ct_eq(&typed)));
    assert!(!bool::from(generated.ct_eq(&hotp.generate(1))));
    assert_eq!(generated, "755224");
    assert_ne!(generated, "755225");
    assert_ne!(generated, "7552240");
    let set: std::collections::HashSet<_> = [generated, typed].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn period_must_be_at_least_one_second() {
    let zero = TotpConfig {
        period: 0,
        ..Default::default()
    };
    assert_eq!(Totp::new(&secret(), zero).unwrap_err(), Error::Period);
    let one = Totp::new(
        &secret(),
        TotpConfig {
            period: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(one.step(u64::MAX).unwrap(), u64::MAX);
}

#[test]
fn nothing_overflows_at_the_end_of_time() {
    let totp = Totp::new(
        &secret(),
        TotpConfig {
            period: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let code = totp.generate(u64::MAX).unwrap();
    let found = totp
        .verify(code.as_str(), u64::MAX, Window::symmetric(3).unwrap(), None)
        .unwrap();
    assert_eq!(found.accepted().unwrap().step(), u64::MAX);
    let replay = totp
        .verify(code.as_str(), u64::MAX, Window::default(), Some(u64::MAX))
        .unwrap();
    assert!(matches!(replay.verdict(), Verdict::Replayed(_)));
    let end = totp.time_step(u64::MAX).unwrap();
    assert_eq!((end.start, end.end, end.remaining), (u64::MAX, u64::MAX, 1));
    let thirty = Totp::new(&secret(), TotpConfig::default()).unwrap();
    let last = thirty.time_step(u64::MAX).unwrap();
    assert_eq!(last.step, u64::MAX / 30);
    assert_eq!(last.end, u64::MAX);
}

#[test]
fn hotp_never_matches_the_last_counter_so_the_next_one_exists() {
    let hotp = Hotp::new(&secret(), HotpConfig::default()).unwrap();
    let code = hotp.generate(u64::MAX);
    assert_eq!(
        hotp.verify(code.as_str(), u64::MAX, 0).unwrap().verdict(),
        Verdict::Rejected
    );
    let before = hotp.generate(u64::MAX - 1);
    let found = hotp
        .verify(before.as_str(), u64::MAX - 3, 5)
        .unwrap()
        .accepted()
        .unwrap();
    assert_eq!(
        (found.step(), found.next_counter()),
        (u64::MAX - 1, u64::MAX)
    );
}

#[test]
fn t0_shifts_step_zero() {
    let totp = Totp::new(
        &secret(),
        TotpConfig {
            t0: 1_000,
            period: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(totp.step(1_000).unwrap(), 0);
    assert_eq!(totp.step(1_019).unwrap(), 1);
    let now = totp.time_step(1_015).unwrap();
    assert_eq!(
        (now.step, now.start, now.end, now.remaining),
        (1, 1_010, 1_020, 5)
    );
    assert_eq!(totp.time_step(999), Err(Error::TimeBeforeT0));
}

#[test]
fn windows_are_capped_and_clipped() {
    assert_eq!(
        Window::new(101, 0),
        Err(Error::WindowTooLarge { steps: 101 })
    );
    assert_eq!(
        Window::new(0, u32::MAX),
        Err(Error::WindowTooLarge { steps: u32::MAX })
    );
    assert!(Window::new(Window::MAX_SIDE, Window::MAX_SIDE).is_ok());
    let hotp = Hotp::new(&secret(), HotpConfig::default()).unwrap();
    assert_eq!(
        hotp.verify("755224", 0, 101),
        Err(Error::WindowTooLarge { steps: 101 })
    );
    // A large window at step 0 is clipped there: step 0 matches with drift 0.
    let totp = Totp::new(&secret(), TotpConfig::default()).unwrap();
    let found = totp
        .verify("755224", 0, Window::new(100, 0).unwrap(), None)
        .unwrap();
    assert_eq!(
        found.accepted().map(|m| (m.step(), m.drift())),
        Some((0, 0))
    );
}

#[test]
fn asymmetric_windows_accept_only_their_side() {
    let totp = Totp::new(&secret(), TotpConfig::default()).unwrap();
    let time = 1_111_111_111;
    let behind2 = totp.generate(time - 60).unwrap();
    let ahead1 = totp.generate(time + 30).unwrap();
    let slow_phones = Window::new(2, 0).unwrap();
    let found = totp
        .verify(behind2.as_str(), time, slow_phones, None)
        .unwrap()
        .accepted()
        .unwrap();
    assert_eq!(found.drift(), -2);
    assert_eq!(
        totp.verify(ahead1.as_str(), time, slow_phones, None)
            .unwrap()
            .verdict(),
        Verdict::Rejected
    );
    assert_eq!(
        totp.verify(behind2.as_str(), time, Window::EXACT, None)
            .unwrap()
            .verdict(),
        Verdict::Rejected
    );
}

#[test]
fn algorithm_names() {
    for (name, algorithm) in [
        ("SHA1", Algorithm::Sha1),
        ("sha-256", Algorithm::Sha256),
        ("Sha512", Algorithm::Sha512),
    ] {
        assert_eq!(Algorithm::from_name(name), Some(algorithm));
        assert_eq!(name.parse::<Algorithm>(), Ok(algorithm));
    }
    for name in [
        "", "SHA", "SHA-", "SHA--1", "SHA2561", "MD5", "sha 1", "SHA-1 ",
    ] {
        assert_eq!(Algorithm::from_name(name), None, "{name:?}");
        assert_eq!(name.parse::<Algorithm>(), Err(Error::Algorithm));
    }
}

#[test]
fn typed_codes_normalise_to_plain_digits_or_nothing() {
    for (typed, plain) in [
        ("123456", "123456"),
        ("１２３　４５６", "123456"),
        ("12-34-56", "123456"),
        (" 1234567890 ", "1234567890"),
        ("123\t456", "123456"),
    ] {
        assert_eq!(normalize_code(typed).unwrap(), plain, "{typed:?}");
    }
    for typed in [
        "",
        "12345",
        "12345678901",
        "12345a",
        "+123456",
        "123456\n",
        "١٢٣٤٥٦",
        "123.456",
    ] {
        assert_eq!(normalize_code(typed), None, "{typed:?}");
    }
}
