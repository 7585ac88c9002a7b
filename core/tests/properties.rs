//! Property tests: round trips and the verification window, across random
//! secrets, algorithms, digits, periods and times.

use nidan::{
    Algorithm, Error, Hotp, HotpConfig, KeyUri, OtpKind, Secret, Totp, TotpConfig, UriParts,
    UriStyle, Verdict, Window, base32, hex,
};
use proptest::prelude::*;

fn any_algorithm() -> impl Strategy<Value = Algorithm> {
    prop_oneof![
        Just(Algorithm::Sha1),
        Just(Algorithm::Sha256),
        Just(Algorithm::Sha512)
    ]
}

fn any_secret() -> impl Strategy<Value = Secret> {
    proptest::collection::vec(any::<u8>(), Secret::MIN_BYTES..=Secret::MAX_BYTES)
        .prop_map(|bytes| Secret::from_bytes(&bytes).unwrap())
}

/// Periods from one second to beyond any real use, biased to the usual ones.
fn any_period() -> impl Strategy<Value = u64> {
    prop_oneof![Just(30u64), Just(60), 1u64..=600, 1u64..=u64::MAX]
}

/// A TOTP configuration and a time at or after its T0, up to `u64::MAX`.
fn any_totp_at_time() -> impl Strategy<Value = (Secret, TotpConfig, u64)> {
    (
        any_secret(),
        any_algorithm(),
        6u32..=10,
        any_period(),
        any::<u64>(),
        any::<u64>(),
    )
        .prop_map(|(secret, algorithm, digits, period, t0, time)| {
            let (t0, time) = (t0.min(time), t0.max(time));
            (
                secret,
                TotpConfig {
                    algorithm,
                    digits,
                    period,
                    t0,
                    ..Default::default()
                },
                time,
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..=Secret::MAX_BYTES)) {
        let mut text = [0u8; 512];
        let encoded = base32::encode(&bytes, &mut text).unwrap().to_owned();
        prop_assert_eq!(encoded.len(), base32::encoded_len(bytes.len()));
        let mut decoded = [0u8; Secret::MAX_BYTES];
        let len = base32::decode(&encoded, &mut decoded).unwrap();
        prop_assert_eq!(&decoded[..len], &bytes[..]);
        let len = base32::decode(&encoded.to_lowercase(), &mut decoded).unwrap();
        prop_assert_eq!(&decoded[..len], &bytes[..]);
        let mut grouped = [0u8; 640];
        let grouped = base32::encode_grouped(&bytes, &mut grouped).unwrap();
        prop_assert!(grouped.split(' ').all(|group| group.len() <= 4 && !group.is_empty() || bytes.is_empty()));
        let len = base32::decode_typed(grouped, &mut decoded).unwrap();
        prop_assert_eq!(&decoded[..len], &bytes[..]);
    }

    #[test]
    fn padded_base32_round_trips(bytes in proptest::collection::vec(any::<u8>(), 1..=64)) {
        let mut text = [0u8; 128];
        let mut padded = base32::encode(&bytes, &mut text).unwrap().to_owned();
        while !padded.len().is_multiple_of(8) {
            padded.push('=');
        }
        let mut decoded = [0u8; 64];
        let len = base32::decode(&padded, &mut decoded).unwrap();
        prop_assert_eq!(&decoded[..len], &bytes[..]);
    }

    #[test]
    fn strict_base32_accepts_only_canonical_text(text in "\\PC{0,40}") {
        let mut decoded = [0u8; 64];
        if let Ok(len) = base32::decode(&text, &mut decoded) {
            let mut again = [0u8; 128];
            let canonical = base32::encode(&decoded[..len], &mut again).unwrap();
            prop_assert_eq!(canonical, text.trim_end_matches('=').to_uppercase());
        }
    }

    #[test]
    fn hex_round_trips_and_reads_as_data_encoding_does(
        bytes in proptest::collection::vec(any::<u8>(), 0..=300),
        text in "[0-9a-fA-F ]{0,40}|[0-9a-fA-Fg-zG-Z \t:é\u{fb00}]{0,12}",
    ) {
        let mut encoded = vec![0u8; hex::encoded_len(bytes.len())];
        let encoded = hex::encode(&bytes, &mut encoded).unwrap();
        prop_assert_eq!(encoded, data_encoding::HEXUPPER.encode(&bytes));
        let mut decoded = vec![0u8; bytes.len()];
        prop_assert_eq!(hex::decode(&encoded.to_lowercase(), &mut decoded).unwrap(), &bytes[..]);
        // Any text: accepted exactly when its digits, spaces left out, are
        // hex of whole bytes, with the same bytes as data-encoding reads.
        let digits = text.replace(' ', "");
        let expected = data_encoding::HEXLOWER_PERMISSIVE.decode(digits.to_lowercase().as_bytes());
        let mut out = vec![0u8; hex::decoded_len(&text)];
        let read = hex::decode(&text, &mut out);
        match (&read, &expected) {
            (Ok(read), Ok(expected)) => prop_assert_eq!(read, &expected.as_slice()),
            (Err(Error::HexCharacter { position }), Err(_)) => {
                let bad = text.chars().nth(*position).unwrap();
                prop_assert!(!bad.is_ascii_hexdigit() && bad != ' ', "{:?} at {}", text, position);
                prop_assert!(text.chars().take(*position).all(|c| c.is_ascii_hexdigit() || c == ' '));
            }
            (Err(Error::HexLength), Err(_)) => {
                prop_assert!(digits.chars().all(|c| c.is_ascii_hexdigit()) && digits.len() % 2 == 1);
            }
            _ => prop_assert!(false, "{:?}: {:?} against {:?}", text, read, expected),
        }
    }

    #[test]
    fn typed_base32_never_panics(text in "[A-Za-z2-7 \\-=ａ-ｚＡ-Ｚ０-９\\u{3000}]{0,60}") {
        let mut decoded = [0u8; 64];
        let _ = base32::decode_typed(&text, &mut decoded);
        let _ = Secret::from_typed_base32(&text);
    }

    #[test]
    fn uri_round_trips(
        secret in any_secret(),
        algorithm in any_algorithm(),
        digits in 6u32..=8,
        totp in any::<bool>(),
        number: u64,
        issuer in proptest::option::of("[^:]{1,20}"),
        account in "[^ ]\\PC{0,19}",
    ) {
        let account = if issuer.is_none() { account.replace(':', "") } else { account };
        // An account of colons only is empty without them, which is refused.
        prop_assume!(!account.is_empty());
        let kind = if totp { OtpKind::Totp { period: number.max(1) } } else { OtpKind::Hotp { counter: number } };
        let key = KeyUri { kind, secret, issuer, account, algorithm, digits, format: nidan::CodeFormat::Decimal };
        let uri = key.to_uri().unwrap();
        prop_assert!(uri.len() <= KeyUri::MAX_LEN);
        prop_assert_eq!(&KeyUri::parse(&uri).unwrap(), &key);
        // otpauth's style (the drop-in's policy) reads back the same way,
        // remembering whether the label carried the issuer.
        for issuer_in_label in [true, false] {
            let written = UriParts::from(&key).write(UriStyle::OtpauthJs { issuer_in_label }).unwrap();
            // Without the prefix, a ':' in the account would start the label's issuer.
            if !issuer_in_label && key.account.contains(':') {
                continue;
            }
            let read = KeyUri::import_uri_otpauth_js(&written, false).unwrap();
            prop_assert_eq!(&read.imported.key, &key);
            prop_assert!(read.imported.repairs.is_empty());
            let remembered = issuer_in_label || key.issuer.is_none();
            prop_assert_eq!(read.style, UriStyle::OtpauthJs { issuer_in_label: remembered });
        }
    }

    #[test]
    fn uri_parse_never_panics(text in "otpauth://(totp|hotp|x)/\\PC{0,80}") {
        let _ = KeyUri::parse(&text);
    }

    /// verify(generate(step + offset)) succeeds for every offset inside the
    /// window and fails outside it, unless the code equals one inside.
    #[test]
    fn totp_window_accepts_exactly_its_steps(
        (secret, config, time) in any_totp_at_time(),
        behind in 0u32..=4,
        ahead in 0u32..=4,
        offset in -6i64..=6,
    ) {
        let totp = Totp::new(&secret, config).unwrap();
        let current = totp.step(time).unwrap();
        let Some(target) = current.checked_add_signed(offset) else { return Ok(()) };
        let code = totp.generate_at_step(target);
        let window = Window::new(behind, ahead).unwrap();
        let verdict = totp.verify(code.as_str(), time, window, None).unwrap().verdict();

        let first = current.saturating_sub(u64::from(behind));
        let last = current.saturating_add(u64::from(ahead));
        let matching_in_window: Vec<u64> =
            (first..=last).filter(|&step| totp.generate_at_step(step) == code).collect();
        if (first..=last).contains(&target) {
            let found = verdict.accepted().expect("a code inside the window is accepted");
            prop_assert!(matching_in_window.contains(&found.step()));
            if matching_in_window.len() == 1 {
                prop_assert_eq!(found.step(), target);
                prop_assert_eq!(found.drift(), offset);
            }
        } else if matching_in_window.is_empty() {
            prop_assert_eq!(verdict, Verdict::Rejected);
        }
    }

    /// No step at or below the last accepted one is ever accepted.
    #[test]
    fn totp_replays_are_never_accepted(
        (secret, config, time) in any_totp_at_time(),
        offset in -2i64..=2,
        floor_offset in -3i64..=3,
    ) {
        let totp = Totp::new(&secret, config).unwrap();
        let current = totp.step(time).unwrap();
        let Some(target) = current.checked_add_signed(offset) else { return Ok(()) };
        let Some(last_accepted) = current.checked_add_signed(floor_offset) else { return Ok(()) };
        let code = totp.generate_at_step(target);
        let verdict = totp.verify(code.as_str(), time, Window::symmetric(2).unwrap(), Some(last_accepted)).unwrap().verdict();
        match verdict {
            Verdict::Accepted(found) => prop_assert!(found.step() > last_accepted),
            Verdict::Replayed(found) => prop_assert!(found.step() <= last_accepted),
            Verdict::Rejected => prop_assert!(target <= last_accepted || current.abs_diff(target) > 2),
        }
        if target <= last_accepted {
            prop_assert!(verdict.accepted().is_none_or(|found| found.step() != target));
        }
    }

    #[test]
    fn hotp_look_ahead_accepts_exactly_its_counters(
        secret in any_secret(),
        algorithm in any_algorithm(),
        digits in 6u32..=10,
        counter: u64,
        look_ahead in 0u32..=5,
        offset in -3i64..=8,
    ) {
        let hotp = Hotp::new(&secret, HotpConfig { algorithm, digits, ..Default::default() }).unwrap();
        let Some(target) = counter.checked_add_signed(offset) else { return Ok(()) };
        let code = hotp.generate(target);
        let result = hotp.verify(code.as_str(), counter, look_ahead).unwrap().accepted();
        let last = counter.saturating_add(u64::from(look_ahead)).min(u64::MAX - 1);
        let matching: Vec<u64> = (counter..=last).filter(|&c| hotp.generate(c) == code).collect();
        match result {
            Some(found) => {
                prop_assert_eq!(Some(&found.step()), matching.first());
                prop_assert_eq!(found.next_counter(), found.step() + 1);
            }
            None => prop_assert!(matching.is_empty()),
        }
    }

    #[test]
    fn time_step_is_consistent((secret, config, time) in any_totp_at_time()) {
        let totp = Totp::new(&secret, config).unwrap();
        let now = totp.time_step(time).unwrap();
        prop_assert_eq!(now.step, totp.step(time).unwrap());
        prop_assert!(now.start <= time && (time < now.end || now.end == u64::MAX));
        prop_assert!((1..=config.period).contains(&now.remaining));
        prop_assert_eq!(u128::from(now.start) + u128::from(config.period), u128::from(time) + u128::from(now.remaining));
        // No key needed: the parameters alone give the same step.
        prop_assert_eq!(config.time_step(time), Ok(now));
        prop_assert_eq!(config.step(time), Ok(now.step));
    }
}
