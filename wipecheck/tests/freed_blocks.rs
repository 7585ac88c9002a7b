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
    Algorithm, Hotp, HotpConfig, KeyUri, MigrationBatch, OtpKind, Qr, Secret, Totp, TotpConfig,
    Window, base32,
};
use nidan_wipecheck::{SearchingAllocator, forms_of, freed_blocks_holding};

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
    for algorithm in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
        let config = TotpConfig {
            algorithm,
            digits: 8,
            ..TotpConfig::default()
        };
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
