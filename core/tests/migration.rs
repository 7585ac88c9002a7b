//! Google Authenticator export: the recorded samples, round trips and bad input.
#![cfg(feature = "migration")]

use nidan::{Algorithm, Error, KeyUri, MigrationBatch, OtpKind, Secret};
use proptest::prelude::*;
use serde_json::Value;

fn samples() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/otpauth_migration_samples.json"
    );
    let table: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    table["cases"].as_array().unwrap().clone()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn samples_decode_to_their_recorded_content() {
    let cases = samples();
    assert_eq!(cases.len(), 2);
    for case in cases {
        let batch = MigrationBatch::parse(case["uri"].as_str().unwrap()).unwrap();
        let decoded = &case["decoded"];
        assert_eq!(
            i64::from(batch.version),
            decoded["version"].as_i64().unwrap()
        );
        assert_eq!(
            i64::from(batch.batch_size),
            decoded["batch_size"].as_i64().unwrap()
        );
        assert_eq!(
            i64::from(batch.batch_index),
            decoded["batch_index"].as_i64().unwrap()
        );
        assert_eq!(
            i64::from(batch.batch_id),
            decoded["batch_id"].as_i64().unwrap()
        );
        let expected = decoded["otp_parameters"].as_array().unwrap();
        assert_eq!(batch.accounts.len(), expected.len());
        for (account, params) in batch.accounts.iter().zip(expected) {
            assert_eq!(
                account.secret.as_bytes(),
                hex(params["secret_hex"].as_str().unwrap())
            );
            assert_eq!(
                *account.secret.to_base32(),
                params["secret_base32"].as_str().unwrap()
            );
            assert_eq!(account.account, params["name"].as_str().unwrap());
            let issuer = params["issuer"].as_str().unwrap();
            assert_eq!(
                account.issuer.as_deref(),
                Some(issuer).filter(|i| !i.is_empty())
            );
            assert_eq!((account.algorithm, account.digits), (Algorithm::Sha1, 6));
            assert_eq!(account.kind, OtpKind::Totp { period: 30 });
        }
    }
}

#[test]
fn sample_accounts_become_the_otpauth_uris_their_source_expects() {
    for case in samples() {
        let batch = MigrationBatch::parse(case["uri"].as_str().unwrap()).unwrap();
        let expected = case["expected_otpauth_urls_per_source"].as_array().unwrap();
        for (account, uri) in batch.accounts.iter().zip(expected) {
            let theirs = KeyUri::parse(uri.as_str().unwrap()).unwrap();
            assert_eq!(
                (&theirs.secret, &theirs.account, &theirs.issuer),
                (&account.secret, &account.account, &account.issuer)
            );
            assert_eq!(KeyUri::parse(&account.to_uri().unwrap()).unwrap(), *account);
        }
    }
}

#[test]
fn names_are_written_as_whole_labels_and_read_back_once() {
    // An account whose name itself starts like "Issuer:" survives the trip.
    let mut key = account(3, OtpKind::Totp { period: 30 });
    key.account = "Example:alice".into();
    let uris = MigrationBatch::export(&[key.clone()], 1, 2000).unwrap();
    assert_eq!(MigrationBatch::parse(&uris[0]).unwrap().accounts, vec![key]);
}

#[test]
fn samples_encode_back_to_the_same_payload() {
    for case in samples() {
        let batch = MigrationBatch::parse(case["uri"].as_str().unwrap()).unwrap();
        let again = MigrationBatch::parse(&batch.to_uri().unwrap()).unwrap();
        assert_eq!(again, batch);
    }
}

fn account(i: u8, kind: OtpKind) -> KeyUri {
    let mut key = KeyUri::totp(
        Secret::from_random(&[i; 20]).unwrap(),
        Some("Example"),
        &format!("user{i}@example.com"),
    );
    key.kind = kind;
    key
}

#[test]
fn export_splits_into_numbered_batches_that_fit() {
    let accounts: Vec<KeyUri> = (0..25)
        .map(|i| {
            account(
                i,
                OtpKind::Hotp {
                    counter: u64::from(i),
                },
            )
        })
        .collect();
    let uris = MigrationBatch::export(&accounts, -5, 700).unwrap();
    assert!(uris.len() >= 3, "{}", uris.len());
    let mut back = Vec::new();
    for (index, uri) in uris.iter().enumerate() {
        assert!(uri.len() <= 700);
        let batch = MigrationBatch::parse(uri).unwrap();
        assert_eq!((batch.version, batch.batch_id), (1, -5));
        assert_eq!(usize::try_from(batch.batch_size).unwrap(), uris.len());
        assert_eq!(usize::try_from(batch.batch_index).unwrap(), index);
        back.extend(batch.accounts);
    }
    assert_eq!(back, accounts);
    assert!(matches!(
        MigrationBatch::export(&accounts, 1, 60),
        Err(Error::UriTooLong { max: 60 })
    ));
}

#[test]
fn accounts_the_format_cannot_carry_are_refused() {
    let mut seven = account(1, OtpKind::Totp { period: 30 });
    seven.digits = 7;
    assert_eq!(
        MigrationBatch::export(&[seven], 1, 2000),
        Err(Error::MigrationValue { field: "digits" })
    );
    let sixty = account(1, OtpKind::Totp { period: 60 });
    assert_eq!(
        MigrationBatch::export(&[sixty], 1, 2000),
        Err(Error::MigrationValue { field: "period" })
    );
    let ambiguous = KeyUri::totp(Secret::from_random(&[1; 20]).unwrap(), None, "a:b");
    assert_eq!(
        MigrationBatch::export(&[ambiguous], 1, 2000),
        Err(Error::UriLabel)
    );
}

/// Builds an export URI around raw payload bytes.
fn export_of(payload: &[u8]) -> String {
    let b64 = data_encoding::BASE64
        .encode(payload)
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    format!("otpauth-migration://offline?data={b64}")
}

/// A minimal valid account message with one field replaced or added.
fn account_message(extra: &[u8]) -> Vec<u8> {
    let mut message = vec![0x0a, 10];
    message.extend_from_slice(b"0123456789");
    message.extend_from_slice(&[0x12, 1, b'a', 0x30, 2]);
    message.extend_from_slice(extra);
    message
}

fn payload_with(account: &[u8]) -> Vec<u8> {
    let mut payload = vec![0x0a, u8::try_from(account.len()).unwrap()];
    payload.extend_from_slice(account);
    payload
}

#[test]
fn unknown_fields_are_skipped_and_unspecified_values_take_the_app_defaults() {
    // Field 8 (unique_id, string), field 9 fixed64 and field 10 fixed32: skipped.
    let mut extra = vec![0x42, 3, b'x', b'y', b'z', 0x49];
    extra.extend_from_slice(&[0; 8]);
    extra.extend_from_slice(&[0x55, 0, 0, 0, 0]);
    let batch = MigrationBatch::parse(&export_of(&payload_with(&account_message(&extra)))).unwrap();
    let account = &batch.accounts[0];
    assert_eq!(
        (account.algorithm, account.digits, account.kind),
        (Algorithm::Sha1, 6, OtpKind::Totp { period: 30 })
    );
    assert_eq!((batch.version, batch.batch_size), (0, 0));
}

#[test]
fn malformed_exports_give_clear_errors() {
    let cases: Vec<(String, Error)> = vec![
        ("otpauth://offline?data=AA".into(), Error::MigrationScheme),
        (
            "otpauth-migration://online?data=AA".into(),
            Error::MigrationScheme,
        ),
        (
            "otpauth-migration://offline?x=1".into(),
            Error::UriMissingParameter { parameter: "data" },
        ),
        (
            "otpauth-migration://offline?data=CgA&data=CgA".into(),
            Error::UriDuplicateParameter { parameter: "data" },
        ),
        (
            "otpauth-migration://offline?data=%%%".into(),
            Error::UriPercentEncoding,
        ),
        (
            "otpauth-migration://offline?data=not*base64".into(),
            Error::MigrationBase64,
        ),
        (export_of(&[0x0a, 5, 1]), Error::MigrationProtobuf),
        (export_of(&[0x0a]), Error::MigrationProtobuf),
        (export_of(&[0x0b]), Error::MigrationProtobuf),
        (
            export_of(&[
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ]),
            Error::MigrationProtobuf,
        ),
        (export_of(&[0x08, 0x0a]), Error::MigrationProtobuf),
        (
            export_of(&payload_with(&account_message(&[0x20, 4]))),
            Error::MigrationValue { field: "algorithm" },
        ),
        (
            export_of(&payload_with(&account_message(&[0x28, 3]))),
            Error::MigrationValue { field: "digits" },
        ),
        (
            export_of(&payload_with(&account_message(&[0x30, 0]))),
            Error::MigrationValue { field: "type" },
        ),
        (
            export_of(&payload_with(&[0x12, 1, b'a', 0x30, 2])),
            Error::SecretEmpty,
        ),
        (
            export_of(&payload_with(&[0x0a, 2, 1, 2, 0x30, 2])),
            Error::SecretTooShort {
                bits: 16,
                min_bits: 80,
            },
        ),
        (
            export_of(&payload_with(&account_message(&[0x12, 1, 0xff]))),
            Error::MigrationUtf8 { field: "name" },
        ),
        (
            format!(
                "otpauth-migration://offline?data={}",
                "A".repeat(MigrationBatch::MAX_LEN)
            ),
            Error::UriTooLong {
                max: MigrationBatch::MAX_LEN,
            },
        ),
    ];
    for (uri, expected) in cases {
        assert_eq!(MigrationBatch::parse(&uri), Err(expected), "{uri}");
        assert!(!expected.to_string().is_empty());
    }
}

fn any_account() -> impl Strategy<Value = KeyUri> {
    (
        proptest::collection::vec(any::<u8>(), 10..=64),
        prop_oneof![
            Just(Algorithm::Sha1),
            Just(Algorithm::Sha256),
            Just(Algorithm::Sha512)
        ],
        prop_oneof![Just(6u32), Just(8)],
        proptest::option::of(any::<u64>()),
        proptest::option::of("[^:]{1,12}"),
        "[^: ][^:]{0,15}",
    )
        .prop_map(
            |(secret, algorithm, digits, counter, issuer, account)| KeyUri {
                kind: counter.map_or(OtpKind::Totp { period: 30 }, |counter| OtpKind::Hotp {
                    counter,
                }),
                secret: Secret::from_bytes(&secret).unwrap(),
                issuer,
                account,
                algorithm,
                digits,
                format: nidan::CodeFormat::Decimal,
            },
        )
}

proptest! {
    #[test]
    fn encode_then_decode_is_the_identity(accounts in proptest::collection::vec(any_account(), 0..12), batch_id: i32) {
        let uris = MigrationBatch::export(&accounts, batch_id, 2953).unwrap();
        let back: Vec<KeyUri> = uris.iter().flat_map(|uri| MigrationBatch::parse(uri).unwrap().accounts).collect();
        prop_assert_eq!(&back, &accounts);
        for account in &back {
            prop_assert_eq!(&KeyUri::parse(&account.to_uri().unwrap()).unwrap(), account);
        }
    }

    #[test]
    fn decoding_arbitrary_payloads_never_panics(payload in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = MigrationBatch::parse(&export_of(&payload));
    }
}
