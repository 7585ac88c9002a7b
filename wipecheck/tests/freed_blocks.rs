//! Every public operation on every secret-bearing type of nidan, run under
//! the searching allocator: no block the library frees may still hold the
//! secret in any of its forms (raw, base32 in both cases and in groups,
//! percent-encoded, base64 at each alignment).
//!
//! Inputs are made before each search and the test's own copies dropped
//! after it (blocks freed outside a search are not searched, and the
//! allocator zeroes every block it hands out); what the library returns is
//! dropped inside the search, so a returned string that does not wipe
//! itself counts too.

use nidan::{
    Algorithm, Attempt, Confirmation, DeliveredCode, Delivery, Drift, Hotp, HotpConfig, KeyUri,
    Login, MigrationBatch, OtpKind, Qr, Record, Recovery, RecoveryCodes, Secret, Throttle, Totp,
    TotpConfig, Window, base32,
};
use nidan_wipecheck::{
    SearchingAllocator, forms_of, freed_blocks_holding, freed_blocks_holding_pieces,
};

#[global_allocator]
static ALLOCATOR: SearchingAllocator = SearchingAllocator;

/// Key bytes that look like a real random key (no repeats, no text).
const KEY: [u8; 20] = [
    0x9c, 0x31, 0xe7, 0x05, 0x6a, 0xd2, 0x4f, 0xb8, 0x13, 0x7e, 0xc4, 0x58, 0xa9, 0x2d, 0xf0, 0x66,
    0x8b, 0x17, 0x3a, 0xe1,
];

/// The operations that left a secret behind, with how many blocks each.
#[derive(Default)]
struct Leaks(Vec<(String, usize)>);

impl Leaks {
    /// Runs `run` under a search for the forms of `key`.
    fn check(&mut self, key: &[u8], operation: &str, run: impl FnOnce()) {
        let found = freed_blocks_holding(&forms_of(key), run);
        self.add(operation, &found);
    }

    /// Runs `run` under a search for pieces of `window` bytes of `forms`.
    fn check_pieces(
        &mut self,
        window: usize,
        forms: &[(&'static str, Vec<u8>)],
        operation: &str,
        run: impl FnOnce(),
    ) {
        let found = freed_blocks_holding_pieces(window, forms, run);
        self.add(operation, &found);
    }

    fn add(&mut self, operation: &str, found: &nidan_wipecheck::Found) {
        if found.blocks > 0 {
            self.0.push((
                format!("{operation} (first: {:?})", found.examples.first()),
                found.blocks,
            ));
        }
    }

    fn assert_none(self) {
        let total: usize = self.0.iter().map(|(_, blocks)| blocks).sum();
        let list: Vec<String> = self
            .0
            .iter()
            .map(|(operation, blocks)| format!("{blocks:3} blocks: {operation}"))
            .collect();
        assert_eq!(
            total,
            0,
            "{total} freed blocks held a secret:\n{}",
            list.join("\n")
        );
    }
}

fn key_uri(key: &[u8], kind: OtpKind) -> KeyUri {
    let mut uri = KeyUri::totp(
        Secret::from_bytes(key).unwrap(),
        Some("Example Exchange"),
        "alice@example.com",
    );
    uri.kind = kind;
    uri
}

/// A key with a different first byte for account `index`.
fn account_key(index: u8) -> [u8; 20] {
    let mut key = KEY;
    key[0] = index;
    key.reverse();
    key
}

#[test]
fn secret_and_base32() {
    let mut leaks = Leaks::default();
    let text = data_encoding::BASE32_NOPAD.encode(&KEY);
    let lower = text.to_ascii_lowercase();
    let padded = data_encoding::BASE32.encode(&KEY[..18]);
    let typed: String = text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 4 == 3 {
                format!("{c} ")
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .replace('A', "Ａ");
    let mistyped = format!("{typed} 1");
    let secret = Secret::from_bytes(&KEY).unwrap();

    leaks.check(&KEY, "Secret::from_bytes", || {
        drop(Secret::from_bytes(&KEY));
    });
    leaks.check(&KEY, "Secret::from_bytes_allow_short", || {
        drop(Secret::from_bytes_allow_short(&KEY));
    });
    leaks.check(&KEY, "Secret::from_random", || {
        drop(Secret::from_random(&KEY));
    });
    leaks.check(&KEY, "Secret::from_base32", || {
        drop(Secret::from_base32(&text));
        drop(Secret::from_base32(&lower));
    });
    leaks.check(&KEY[..18], "Secret::from_base32 (padded)", || {
        drop(Secret::from_base32_allow_short(&padded));
    });
    leaks.check(&KEY, "Secret::from_typed_base32", || {
        drop(Secret::from_typed_base32(&typed));
    });
    leaks.check(&KEY, "Secret::to_base32", || drop(secret.to_base32()));
    leaks.check(&KEY, "Secret::to_base32_grouped", || {
        drop(secret.to_base32_grouped());
    });
    leaks.check(&KEY, "Secret::write_base32(_grouped)", || {
        let mut out = [0u8; 64];
        assert!(secret.write_base32(&mut out).is_ok());
        assert!(secret.write_base32_grouped(&mut out).is_ok());
        out.fill(0);
    });
    leaks.check(&KEY, "Secret: clone, eq, Debug, zeroize", || {
        let mut copy = secret.clone();
        assert_eq!(copy, secret);
        assert!(format!("{copy:?}").contains("len"));
        zeroize::Zeroize::zeroize(&mut copy);
    });
    leaks.check(
        &KEY,
        "base32::decode, decode_typed, encode, encode_grouped",
        || {
            let mut bytes = [0u8; 32];
            let mut out = [0u8; 64];
            assert!(base32::decode(&text, &mut bytes).is_ok());
            assert!(base32::decode_typed(&typed, &mut bytes).is_ok());
            assert!(base32::encode(&KEY, &mut out).is_ok());
            assert!(base32::encode_grouped(&KEY, &mut out).is_ok());
            bytes.fill(0);
            out.fill(0);
        },
    );
    leaks.check(&KEY, "bad base32 (errors after reading the key)", || {
        let too_short = Secret::from_base32(&text[..8]);
        assert!(too_short.is_err());
        assert!(Secret::from_typed_base32(&mistyped).is_err());
    });
    drop(secret);
    leaks.assert_none();
}

#[test]
fn totp_and_hotp() {
    let mut leaks = Leaks::default();
    let secret = Secret::from_bytes(&KEY).unwrap();
    let steam = TotpConfig::steam();
    for (algorithm, config) in Algorithm::ALL
        .into_iter()
        .map(|algorithm| {
            let config = TotpConfig {
                algorithm,
                digits: 8,
                ..TotpConfig::default()
            };
            (algorithm, config)
        })
        .chain([(steam.algorithm, steam)])
    {
        leaks.check(&KEY, "Totp: every operation", || {
            let totp = Totp::new(&secret, config).unwrap();
            let code = totp.generate(1_111_111_111).unwrap();
            assert_eq!(code, totp.generate_at_step(37_037_037));
            let typed = code.to_string();
            let verdict = totp.verify(&typed, 1_111_111_111, Window::default(), None);
            assert!(verdict.unwrap().accepted().is_some());
            assert!(totp.verify("00000000", 59, Window::default(), None).is_ok());
            assert!(totp.time_step(59).is_ok() && totp.step(59).is_ok());
            assert_eq!(totp.config(), config);
            assert!(
                totp.generate_now().is_ok()
                    && totp.verify_now(&typed, Window::default(), None).is_ok()
            );
            let copy = totp.clone();
            assert!(!format!("{copy:?}").is_empty());
        });
        leaks.check(&KEY, "Hotp: every operation", || {
            let hotp = Hotp::new(
                &secret,
                HotpConfig {
                    algorithm,
                    digits: 6,
                    ..Default::default()
                },
            )
            .unwrap();
            let code = hotp.generate(7).to_string();
            assert!(hotp.verify(&code, 5, 3).unwrap().accepted().is_some());
            assert!(hotp.verify("000000", 0, 0).is_ok());
            assert_eq!(hotp.config().digits, 6);
            let copy = hotp.clone();
            assert!(!format!("{copy:?}").is_empty());
        });
    }
    drop(secret);
    leaks.assert_none();
}

#[test]
fn key_uri_parse_build_and_generators() {
    let mut leaks = Leaks::default();
    let totp = key_uri(&KEY, OtpKind::Totp { period: 30 });
    let hotp = key_uri(&KEY, OtpKind::Hotp { counter: 9 });
    let totp_text = totp.to_uri().unwrap().to_string();
    let hotp_text = hotp.to_uri().unwrap().to_string();
    let bad_digits = totp_text.replace("digits=6", "digits=9");
    let mismatch = totp_text.replace("&issuer=Example%20Exchange", "&issuer=Other");
    let twice = format!("{totp_text}&secret=JBSWY3DPEHPK3PXP");
    let long_account = "a".repeat(KeyUri::MAX_LEN);
    // What import mode repairs: lower case, spaces, padding, a name's case.
    let base32 = data_encoding::BASE32.encode(&KEY).to_ascii_lowercase();
    let spaced = format!("{} {}", &base32[..8], &base32[8..]);
    let damaged = totp_text
        .replace(&*totp.secret.to_base32(), &spaced.replace(' ', "%20"))
        .replace("digits=", "Digits=");

    leaks.check(&KEY, "KeyUri::parse", || {
        drop(KeyUri::parse(&totp_text).unwrap());
        drop(KeyUri::parse(&hotp_text).unwrap());
        drop(totp_text.parse::<KeyUri>().unwrap());
    });
    leaks.check(&KEY, "KeyUri::parse errors after the secret", || {
        assert!(KeyUri::parse(&bad_digits).is_err());
        assert!(KeyUri::parse(&mismatch).is_err());
        assert!(KeyUri::parse(&twice).is_err());
    });
    leaks.check(&KEY, "KeyUri::import_uri", || {
        let imported = KeyUri::import_uri(&damaged).unwrap();
        assert!(!imported.repairs.is_empty());
        assert_eq!(imported.key, totp);
    });
    leaks.check(&KEY, "KeyUri::totp", || {
        drop(KeyUri::totp(
            Secret::from_bytes(&KEY).unwrap(),
            Some("Example"),
            "bob",
        ));
    });
    // Issuers of every length from 0 to 99: whatever the allocator's growth
    // steps, one of them makes a growing string move after the secret.
    let labelled: Vec<KeyUri> = (0..100)
        .map(|len| {
            let mut key = totp.clone();
            key.issuer = Some("x".repeat(len)).filter(|issuer| !issuer.is_empty());
            key
        })
        .collect();
    leaks.check(&KEY, "KeyUri::to_uri", || {
        drop(totp.to_uri().unwrap());
        drop(hotp.to_uri().unwrap());
        for key in &labelled {
            drop(key.to_uri().unwrap());
        }
    });
    leaks.check(&KEY, "KeyUri::to_uri too long", || {
        let mut long = totp.clone();
        long.account.clone_from(&long_account);
        assert!(long.to_uri().is_err());
    });
    leaks.check(&KEY, "KeyUri::to_totp, to_hotp", || {
        assert!(totp.to_totp().unwrap().generate(59).is_ok());
        assert!(hotp.to_hotp().is_ok());
        assert!(totp.to_hotp().is_err() && hotp.to_totp().is_err());
    });
    leaks.check(&KEY, "KeyUri: clone, eq, Debug", || {
        let copy = totp.clone();
        assert_eq!(copy, totp);
        assert!(!format!("{copy:?}").is_empty());
    });
    drop((totp, hotp, labelled));
    leaks.assert_none();
}

#[test]
fn migration_batch() {
    let mut leaks = Leaks::default();
    let keys: Vec<[u8; 20]> = (1..=12).map(account_key).collect();
    let accounts: Vec<KeyUri> = keys
        .iter()
        .zip(0u64..)
        .map(|(key, counter)| {
            let kind = if counter % 2 == 0 {
                OtpKind::Totp { period: 30 }
            } else {
                OtpKind::Hotp { counter }
            };
            key_uri(key, kind)
        })
        .collect();
    let batch = MigrationBatch {
        accounts: accounts.clone(),
        version: 1,
        batch_size: 1,
        batch_index: 0,
        batch_id: 7,
    };
    let text = batch.to_uri().unwrap().to_string();
    let mut unexportable = accounts.clone();
    unexportable[5].digits = 7;

    for key in &keys {
        leaks.check(key, "MigrationBatch::parse", || {
            drop(MigrationBatch::parse(&text).unwrap());
        });
        leaks.check(key, "MigrationBatch::import_uri", || {
            let import = MigrationBatch::import_uri(&text).unwrap();
            assert_eq!(import.failures().count(), 0);
            assert_eq!(import.batch, batch);
        });
        leaks.check(key, "MigrationBatch::to_uri", || {
            drop(batch.to_uri().unwrap());
        });
        leaks.check(key, "MigrationBatch::export", || {
            let uris = MigrationBatch::export(&accounts, 7, 600).unwrap();
            assert!(uris.len() > 1);
            drop(uris);
        });
        leaks.check(key, "MigrationBatch::export error", || {
            assert!(MigrationBatch::export(&unexportable, 7, 600).is_err());
        });
        leaks.check(key, "MigrationBatch: clone, eq, Debug", || {
            let copy = batch.clone();
            assert_eq!(copy, batch);
            assert!(!format!("{copy:?}").is_empty());
        });
    }
    drop((batch, accounts, unexportable));
    leaks.assert_none();
}

#[test]
fn qr() {
    let mut leaks = Leaks::default();
    let key = key_uri(&KEY, OtpKind::Totp { period: 30 });
    let uri = key.to_uri().unwrap().to_string();
    let export =
        MigrationBatch::export(std::slice::from_ref(&key), 1, 2000).unwrap()[0].to_string();
    for (name, text) in [("enrolment", &uri), ("export", &export)] {
        leaks.check(
            &KEY,
            &format!("Qr of an {name} URI: every operation"),
            || {
                let qr = Qr::new(text).unwrap();
                assert!(qr.is_dark(0, 0));
                drop(qr.to_svg());
                drop(qr.to_terminal());
                assert!(!format!("{qr:?}").is_empty());
            },
        );
    }
    drop(key);
    leaks.assert_none();
}

/// The server's pepper: key material of recovery and delivered codes.
const PEPPER: [u8; 32] = [
    0x5e, 0xa3, 0x17, 0xc9, 0x02, 0x8d, 0xf4, 0x6b, 0x31, 0xe8, 0x9a, 0x44, 0xd7, 0x0c, 0xb5, 0x7f,
    0x26, 0xfa, 0x83, 0x1d, 0x6e, 0xc0, 0x59, 0xa2, 0x3b, 0x94, 0x0f, 0xe6, 0x71, 0xcd, 0x48, 0xb3,
];

/// Random bytes that look random: byte `i` is a multiple of an odd number.
fn random_bytes<const N: usize>(seed: u8) -> [u8; N] {
    core::array::from_fn(|i| {
        u8::try_from(i % 256)
            .unwrap()
            .wrapping_mul(167)
            .wrapping_add(seed)
            ^ 0x5a
    })
}

/// The forms of a code people read and type: as printed, without
/// separators, and both in lower case.
fn code_forms(printed: &str) -> Vec<(&'static str, Vec<u8>)> {
    let bare: String = printed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    vec![
        ("code as printed", printed.as_bytes().to_vec()),
        ("code without separators", bare.clone().into_bytes()),
        (
            "code as printed, lower case",
            printed.to_ascii_lowercase().into_bytes(),
        ),
        (
            "code without separators, lower case",
            bare.to_ascii_lowercase().into_bytes(),
        ),
    ]
}

/// Every operation of `RecoveryCodes`, its sheet and `Login::recover`,
/// searched for each code of the set (as printed and as typed), for the
/// random bytes the codes come from, and for the pepper.
#[test]
fn recovery_codes_and_sheets() {
    let mut leaks = Leaks::default();
    let random: [u8; RecoveryCodes::random_len(RecoveryCodes::MAX_COUNT)] = random_bytes(3);
    let (codes, sheet) =
        RecoveryCodes::from_random(&random, RecoveryCodes::MAX_COUNT, &PEPPER).unwrap();
    let printed: Vec<String> = sheet
        .codes()
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect();
    let typed: Vec<String> = printed
        .iter()
        .map(|code| format!(" {} ", code.to_lowercase().replace('-', " ")))
        .collect();
    let text = codes.to_text();
    let bytes = codes.to_bytes();
    let login = Login::new(Drift::default(), Throttle::new(1, 60, 5).unwrap());
    // The per-code random bytes (the salt before them is stored openly).
    let per_code = &random[16..];
    let mut secrets: Vec<Vec<(&'static str, Vec<u8>)>> =
        printed.iter().map(|code| code_forms(code)).collect();
    secrets.push(vec![("random bytes of the codes", per_code.to_vec())]);
    secrets.push(forms_of(&PEPPER));

    for forms in &secrets {
        let search = |leaks: &mut Leaks, operation: &str, run: &dyn Fn()| {
            leaks.check_pieces(8, forms, operation, run);
        };
        search(&mut leaks, "RecoveryCodes::from_random", &|| {
            for count in [1, 10, RecoveryCodes::MAX_COUNT] {
                let (codes, sheet) = RecoveryCodes::from_random(&random, count, &PEPPER).unwrap();
                assert_eq!(sheet.codes().len(), codes.count());
            }
        });
        search(&mut leaks, "RecoveryCodes::from_random errors", &|| {
            assert!(RecoveryCodes::from_random(&random, 0, &PEPPER).is_err());
            assert!(RecoveryCodes::from_random(&random[..40], 10, &PEPPER).is_err());
            assert!(RecoveryCodes::from_random(&random, 10, &PEPPER[..8]).is_err());
        });
        search(&mut leaks, "RecoveryCodes::generate", &|| {
            let (codes, sheet) = RecoveryCodes::generate(12, &PEPPER).unwrap();
            assert_eq!(codes.remaining(), sheet.codes().len());
        });
        search(&mut leaks, "RecoveryCodes::redeem", &|| {
            let mut set = codes.clone();
            for (code, typed) in printed.iter().zip(&typed) {
                set = set.redeem(code, &PEPPER).unwrap().unwrap();
                assert_eq!(set.redeem(typed, &PEPPER).unwrap(), None);
            }
            assert_eq!(set.remaining(), 0);
            assert_eq!(
                codes
                    .redeem(&typed[0], &PEPPER)
                    .unwrap()
                    .unwrap()
                    .remaining(),
                19
            );
            assert_eq!(codes.redeem("AAAA-AAAA-AAAA", &PEPPER).unwrap(), None);
            assert_eq!(codes.redeem("not a code", &PEPPER).unwrap(), None);
            assert!(codes.redeem(&printed[0], &PEPPER[..8]).is_err());
        });
        search(&mut leaks, "RecoveryCodes: text and bytes", &|| {
            let mut out = [0u8; RecoveryCodes::MAX_BYTES];
            let written = codes.write_bytes(&mut out).unwrap();
            assert_eq!(RecoveryCodes::from_bytes(written).unwrap(), codes);
            assert_eq!(codes.to_bytes(), bytes);
            assert_eq!(codes.to_text(), text);
            assert_eq!(RecoveryCodes::from_text(&text).unwrap(), codes);
            assert_eq!(RecoveryCodes::from_bytes(&bytes).unwrap(), codes);
            assert!(RecoveryCodes::from_text(&text[1..]).is_err());
            assert_eq!(codes.byte_len(), bytes.len());
            assert_eq!((codes.count(), codes.version()), (20, 0));
        });
        search(
            &mut leaks,
            "RecoveryCodes, sheet, code: clone, eq, Debug",
            &|| {
                let copy = (codes.clone(), sheet.clone(), sheet.codes()[0].clone());
                assert_eq!(copy.0, codes);
                assert_eq!(copy.2.as_str(), printed[0]);
                assert!(!format!("{copy:?}").is_empty());
            },
        );
        search(&mut leaks, "Login::recover", &|| {
            let record = Record::new();
            let Ok(Recovery::Accepted { record, codes, .. }) =
                login.recover(&record, &codes, &typed[1], &PEPPER, 1_700_000_000)
            else {
                panic!("a fresh code is accepted");
            };
            let again = login.recover(&record, &codes, &typed[1], &PEPPER, 1_700_000_001);
            let Ok(Recovery::Rejected { record }) = again else {
                panic!("a used code is refused");
            };
            let held = login.recover(&record, &codes, &typed[2], &PEPPER, 1_700_000_001);
            assert!(matches!(held, Ok(Recovery::Throttled { .. })));
        });
    }
    leaks.assert_none();
}

/// Every operation of `DeliveredCode`, searched for the code (pieces of its
/// length: 6 to 10 digits), the random bytes it comes from and the pepper.
#[test]
fn delivered_codes() {
    let mut leaks = Leaks::default();
    let now = 1_700_000_000;
    for digits in [6, 8, 10] {
        let delivery = Delivery::new(digits, 600, 3).unwrap();
        let random: [u8; DeliveredCode::RANDOM_LEN] = random_bytes(u8::try_from(digits).unwrap());
        let (stored, code) = DeliveredCode::from_random(&random, now, &PEPPER, delivery).unwrap();
        let code = code.as_str().to_owned();
        // A code with a digit outside base32's 2-7, so that no stored text
        // can hold it by chance, and not inside any number the test prints.
        assert!(code.contains(['0', '1', '8', '9']), "{code}");
        let typed = format!(" {}-{} ", &code[..3], &code[3..]);
        let wrong = code.replace(&code[..1], if code.starts_with('9') { "8" } else { "9" });
        let text = stored.to_text();
        let bytes = stored.to_bytes();
        let window = code.len().min(8);
        let mut forms = code_forms(&code);
        forms.push(("code as typed", typed.clone().into_bytes()));
        let mut secrets = vec![(window, forms)];
        secrets.push((8, vec![("random bytes of the code", random[16..].to_vec())]));
        secrets.push((8, forms_of(&PEPPER)));

        for (window, forms) in &secrets {
            let search = |leaks: &mut Leaks, operation: &str, run: &dyn Fn()| {
                leaks.check_pieces(*window, forms, operation, run);
            };
            search(&mut leaks, "DeliveredCode::from_random", &|| {
                let (again, sent) =
                    DeliveredCode::from_random(&random, now, &PEPPER, delivery).unwrap();
                assert_eq!((again, sent.as_str()), (stored.clone(), code.as_str()));
                assert!(DeliveredCode::from_random(&random[..20], now, &PEPPER, delivery).is_err());
                assert!(DeliveredCode::from_random(&random, now, &PEPPER[..8], delivery).is_err());
            });
            search(&mut leaks, "DeliveredCode::generate", &|| {
                let (stored, sent) = DeliveredCode::generate(now, &PEPPER, delivery).unwrap();
                assert_eq!(sent.digits(), digits);
                assert!(!stored.is_used());
            });
            search(&mut leaks, "DeliveredCode::check", &|| {
                let Ok(Confirmation::Accepted { code: used }) =
                    stored.check(&typed, &PEPPER, now + 1)
                else {
                    panic!("the right code in time is accepted");
                };
                assert_eq!(
                    used.check(&code, &PEPPER, now + 2).unwrap(),
                    Confirmation::Used
                );
                assert!(matches!(
                    stored.check(&code, &PEPPER, now + 599),
                    Ok(Confirmation::Accepted { .. })
                ));
                let Ok(Confirmation::Rejected { code: tried, .. }) =
                    stored.check(&wrong, &PEPPER, now + 1)
                else {
                    panic!("a wrong code is rejected");
                };
                assert_eq!(tried.attempts_left(), 2);
                assert_eq!(
                    stored.check(&code, &PEPPER, now + 600).unwrap(),
                    Confirmation::Expired
                );
                assert!(stored.check(&code, &PEPPER[..8], now).is_err());
                assert!(matches!(
                    stored.check("12", &PEPPER, now),
                    Ok(Confirmation::Rejected { .. })
                ));
            });
            search(&mut leaks, "DeliveredCode: text and bytes", &|| {
                let mut out = [0u8; DeliveredCode::TEXT_LEN];
                let written = stored.write_text(&mut out).unwrap();
                assert_eq!(DeliveredCode::from_text(written).unwrap(), stored);
                assert_eq!(stored.to_text(), text);
                assert_eq!(stored.to_bytes(), bytes);
                assert_eq!(DeliveredCode::from_bytes(&bytes).unwrap(), stored);
                assert!(DeliveredCode::from_text(&text[1..]).is_err());
                assert!(DeliveredCode::from_bytes(&bytes[1..]).is_err());
            });
            search(
                &mut leaks,
                "DeliveredCode: clone, eq, Debug, getters",
                &|| {
                    let copy = stored.clone();
                    assert_eq!(copy, stored);
                    assert!(!format!("{copy:?} {delivery:?}").is_empty());
                    assert_eq!(copy.expires_at(), now + 600);
                    assert_eq!((copy.version(), copy.attempts_left()), (0, 3));
                },
            );
        }
    }
    leaks.assert_none();
}

/// `Login::attempt` and every operation of `Record`, searched for the TOTP
/// key and for the code typed (pieces of 6 bytes).
#[test]
fn login_and_record() {
    let mut leaks = Leaks::default();
    let secret = Secret::from_bytes(&KEY).unwrap();
    let totp = Totp::new(&secret, TotpConfig::default()).unwrap();
    let login = Login::default();
    let now = 1_700_000_000;
    // A code with a digit outside base32's 2-7 (see `delivered_codes`).
    let at = (0..100)
        .map(|minutes| now + minutes * 60)
        .find(|&at| {
            let code = totp.generate(at).unwrap();
            code.as_str().contains(['0', '1', '8', '9'])
        })
        .unwrap();
    let code = totp.generate(at).unwrap().as_str().to_owned();
    let typed = format!("{} {}", &code[..3], &code[3..]);
    let wrong = code.replace(&code[..1], if code.starts_with('9') { "8" } else { "9" });
    let record = Record::new();
    let text = record.to_text();
    let secrets = [(8, forms_of(&KEY)), (6, code_forms(&code))];
    for (window, forms) in &secrets {
        leaks.check_pieces(*window, forms, "Login::attempt", || {
            let Ok(Attempt::Accepted { record: next, .. }) =
                login.attempt(&totp, &record, &code, at)
            else {
                panic!("the current code is accepted");
            };
            assert_eq!(
                login.attempt(&totp, &next, &code, at).unwrap(),
                Attempt::Replayed
            );
            let Ok(Attempt::Rejected { record: failed }) = login.attempt(&totp, &next, &wrong, at)
            else {
                panic!("a wrong code is rejected");
            };
            assert!(matches!(
                login.attempt(&totp, &failed, &code, at),
                Ok(Attempt::Throttled { .. })
            ));
            let normalized = nidan::normalize_code(&typed).unwrap();
            assert!(
                login
                    .attempt(&totp, &record, normalized.as_str(), at)
                    .is_ok()
            );
            assert_eq!(failed.reset_failures().failures(), 0);
            assert_eq!(failed.restart().last_step(), None);
        });
        leaks.check_pieces(*window, forms, "Record: text and bytes", || {
            let mut out = [0u8; Record::TEXT_LEN];
            assert_eq!(
                Record::from_text(record.write_text(&mut out).unwrap()).unwrap(),
                record
            );
            assert_eq!(record.to_text(), text);
            assert_eq!(Record::from_bytes(&record.to_bytes()).unwrap(), record);
            assert!(Record::from_text(&text[1..]).is_err());
            assert!(!format!("{record:?} {login:?}").is_empty());
        });
    }
    drop((totp, secret));
    leaks.assert_none();
}
