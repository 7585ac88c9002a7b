//! The import mode: the real-world corpus (`tests/vectors/real_world_uris.json`,
//! read by the Python and JavaScript suites too), and the properties that
//! tie it to strict parsing.

use nidan::{
    CodeFormat, Error, ImportPolicy, ImportedKey, KeyUri, MigrationBatch, OtpKind, Repair, Secret,
};
use proptest::prelude::*;
use serde_json::{Value, json};

fn corpus() -> Value {
    let path = format!(
        "{}/tests/vectors/real_world_uris.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}

/// A key as the corpus writes it.
fn key_json(key: &KeyUri) -> Value {
    let mut value = json!({
        "issuer": key.issuer,
        "account": key.account,
        "secret_hex": hex(key.secret.as_bytes()),
        "algorithm": key.algorithm.name(),
        "digits": key.digits,
    });
    if key.format != CodeFormat::Decimal {
        value["format"] = json!(key.format.name());
    }
    match key.kind {
        OtpKind::Totp { period } => {
            value["type"] = json!("totp");
            value["period"] = json!(period);
        }
        OtpKind::Hotp { counter } => {
            value["type"] = json!("hotp");
            value["counter"] = json!(counter);
        }
    }
    value
}

/// A repair as the corpus writes it: its kind and its fields.
fn repair_json(repair: &Repair) -> Value {
    let mut value = json!({ "kind": repair.kind() });
    match repair {
        Repair::IssuerDiffers { label, parameter } => {
            value["label"] = json!(label);
            value["parameter"] = json!(parameter);
        }
        Repair::PlusAsSpace { part } => value["part"] = json!(part),
        Repair::ParameterNameCase { parameter } | Repair::NumberLeadingZeros { parameter } => {
            value["parameter"] = json!(parameter);
        }
        Repair::SecretShort { bits } => value["bits"] = json!(bits),
        Repair::AlgorithmOutsideFormat { algorithm } => {
            value["algorithm"] = json!(algorithm.name());
        }
        _ => {}
    }
    value
}

fn imported_json(imported: &ImportedKey) -> Value {
    json!({
        "key": key_json(&imported.key),
        "repairs": imported.repairs.iter().map(repair_json).collect::<Vec<_>>(),
    })
}

fn error_json(error: Error) -> Value {
    let family = format!("{:?}", error.family()).to_lowercase();
    json!({ "error": format!("{error:?}"), "family": family, "message": error.to_string() })
}

fn result_json<T>(result: &Result<T, Error>, ok: impl Fn(&T) -> Value) -> Value {
    result.as_ref().map_or_else(|error| error_json(*error), ok)
}

/// The property every imported key keeps: it builds a URI that strict
/// parsing reads back to it when its repairs are all spelling, and that the
/// import mode reads back to it, with only the other repairs, when not.
fn builds_a_uri_that_reads_back(imported: &ImportedKey) {
    let uri = String::clone(&imported.key.to_uri().unwrap());
    let again = KeyUri::import_uri(&uri).unwrap();
    assert_eq!(again.key, imported.key, "{uri}");
    let kept: Vec<&Repair> = imported
        .repairs
        .iter()
        .filter(|r| !r.is_spelling())
        .collect();
    assert_eq!(again.repairs.iter().collect::<Vec<_>>(), kept, "{uri}");
    if kept.is_empty() {
        assert_eq!(KeyUri::parse(&uri).as_ref(), Ok(&imported.key), "{uri}");
    }
}

#[test]
fn corpus_uris_give_their_strict_and_import_results() {
    let corpus = corpus();
    let entries = corpus["uris"].as_array().unwrap();
    assert!(entries.len() >= 20);
    for entry in entries {
        let id = &entry["id"];
        assert!(
            entry["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}"
        );
        let uri = entry["uri"].as_str().unwrap();
        let strict = result_json(&KeyUri::parse(uri), |key| json!({ "key": key_json(key) }));
        assert_eq!(strict, entry["strict"], "{id}: strict");
        let imported = KeyUri::import_uri(uri);
        assert_eq!(
            result_json(&imported, imported_json),
            entry["import"],
            "{id}: import"
        );
        if let Ok(imported) = imported {
            builds_a_uri_that_reads_back(&imported);
            if let Some(check) = entry.get("check") {
                let code = match (check["time"].as_u64(), check["counter"].as_u64()) {
                    (Some(time), _) => imported.key.to_totp().unwrap().generate(time).unwrap(),
                    (_, Some(counter)) => imported.key.to_hotp().unwrap().generate(counter),
                    _ => panic!("{id}: a check needs a time or a counter"),
                };
                assert_eq!(code.as_str(), check["code"], "{id}: code");
            }
        }
    }
}

#[test]
fn corpus_exports_give_their_strict_and_import_results() {
    let corpus = corpus();
    for entry in corpus["exports"].as_array().unwrap() {
        let id = &entry["id"];
        let uri = entry["uri"].as_str().unwrap();
        let strict = result_json(
            &MigrationBatch::parse(uri),
            |batch| json!({ "accounts": batch.accounts.iter().map(key_json).collect::<Vec<_>>() }),
        );
        assert_eq!(strict, entry["strict"], "{id}: strict");
        let import = MigrationBatch::import_uri(uri).unwrap();
        let accounts: Vec<Value> = import
            .accounts
            .iter()
            .map(|account| result_json(account, imported_json))
            .collect();
        assert_eq!(
            json!({ "accounts": accounts }),
            entry["import"],
            "{id}: import"
        );
        let usable: Vec<&KeyUri> = import.accounts.iter().flatten().map(|i| &i.key).collect();
        assert_eq!(
            import.batch.accounts.iter().collect::<Vec<_>>(),
            usable,
            "{id}"
        );
        for (index, error) in import.failures() {
            assert_eq!(import.accounts[index], Err(error), "{id}");
        }
        for imported in import.accounts.iter().flatten() {
            builds_a_uri_that_reads_back(imported);
        }
    }
}

#[test]
fn when_the_issuers_differ_the_parameter_wins() {
    let uri = "otpauth://totp/Label%20Co:alice?secret=JBSWY3DPEHPK3PXP&issuer=Param%20Co";
    assert_eq!(KeyUri::parse(uri), Err(Error::UriIssuerMismatch));
    let imported = KeyUri::import_uri(uri).unwrap();
    assert_eq!(imported.key.issuer.as_deref(), Some("Param Co"));
    assert_eq!(imported.key.account, "alice");
}

#[test]
fn a_plus_is_a_space_only_where_a_form_encoder_wrote_it() {
    // Form encoders write a space as '+' and a '+' as %2B.
    let imported =
        KeyUri::import_uri("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=C%2B%2B+Team")
            .unwrap();
    assert_eq!(imported.key.issuer.as_deref(), Some("C++ Team"));
    // A '+' in the label's issuer, without a parameter, stays: and the key
    // builds a URI that reads back to it (found by the uri fuzz target).
    let label_only = KeyUri::import_uri("otpauth://totp/Big+Co:b?secret=JBSWY3DPEHPK3PXP").unwrap();
    assert_eq!(label_only.key.issuer.as_deref(), Some("Big+Co"));
    builds_a_uri_that_reads_back(&label_only);
    let again = KeyUri::import_uri(&label_only.key.to_uri().unwrap()).unwrap();
    assert!(again.repairs.is_empty());
}

#[test]
fn strict_numbers_have_one_spelling() {
    for (parameter, value) in [("digits", "08"), ("period", "030"), ("counter", "00")] {
        let kind = if parameter == "counter" {
            "hotp"
        } else {
            "totp"
        };
        let uri = format!("otpauth://{kind}/a?secret=JBSWY3DPEHPK3PXP&{parameter}={value}");
        let expected = Error::UriInvalidValue { parameter };
        assert_eq!(KeyUri::parse(&uri), Err(expected), "{uri}");
        let imported = KeyUri::import_uri(&uri).unwrap();
        assert_eq!(imported.repairs.len(), 1, "{uri}");
        assert_eq!(imported.repairs[0].kind(), "number_leading_zeros");
    }
    for signed in ["+6", "-6", " 6", "6 ", "0x6", ""] {
        let uri = format!("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits={signed}");
        assert!(KeyUri::parse(&uri).is_err(), "{uri}");
        assert!(KeyUri::import_uri(&uri).is_err(), "{uri}");
    }
    assert_eq!(
        KeyUri::parse("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP&counter=0")
            .unwrap()
            .kind,
        OtpKind::Hotp { counter: 0 }
    );
}

#[test]
fn what_import_cannot_repair_it_refuses_as_strict_does() {
    for (uri, error) in [
        (
            "otpauth://totp/?secret=JBSWY3DPEHPK3PXP",
            Error::AccountEmpty,
        ),
        (
            "otpauth://totp/A:%20?secret=JBSWY3DPEHPK3PXP",
            Error::AccountEmpty,
        ),
        (
            "otpauth://totp/a?issuer=x",
            Error::UriMissingParameter {
                parameter: "secret",
            },
        ),
        (
            "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP",
            Error::UriMissingParameter {
                parameter: "counter",
            },
        ),
        (
            "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&SECRET=JBSWY3DPEHPK3PXP",
            Error::UriDuplicateParameter {
                parameter: "secret",
            },
        ),
        (
            "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=9",
            Error::UriInvalidValue {
                parameter: "digits",
            },
        ),
        (
            "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
            Error::UriInvalidValue {
                parameter: "algorithm",
            },
        ),
        (
            "otpauth://totp/a?secret=JBSW=Y3DPEHPK3PXP",
            Error::Base32Character { position: 4 },
        ),
        (
            "otpauth://totp/a?secret=JBSWY3DPEHPK3P",
            Error::Base32Length,
        ),
        ("otpauth://totp/a?secret=", Error::SecretEmpty),
        ("otpauth://totp/a?secret=%3D%3D", Error::SecretEmpty),
    ] {
        assert_eq!(KeyUri::import_uri(uri).map(|i| i.key), Err(error), "{uri}");
    }
}

#[test]
fn strict_keeps_the_letter_where_import_repairs() {
    // Upper-case names are unknown parameters to strict parsing: ignored.
    let upper = KeyUri::parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&DIGITS=8").unwrap();
    assert_eq!(upper.digits, 6);
    let imported = KeyUri::import_uri("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&DIGITS=8").unwrap();
    assert_eq!(imported.key.digits, 8);
    assert_eq!(
        imported.repairs,
        [Repair::ParameterNameCase {
            parameter: "digits"
        }]
    );
    // A '+' stays a '+' in strict mode.
    let plus = KeyUri::parse("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=A+B").unwrap();
    assert_eq!(plus.issuer.as_deref(), Some("A+B"));
    // Spaces after the separator, encoded or raw, are not the account's.
    for label in ["A:%20%20b", "A%3A%20b", "A:  b", "A%3a b"] {
        let key =
            KeyUri::parse(&format!("otpauth://totp/{label}?secret=JBSWY3DPEHPK3PXP")).unwrap();
        assert_eq!(
            (key.issuer.as_deref(), key.account.as_str()),
            (Some("A"), "b"),
            "{label}"
        );
    }
    // A key whose account starts with a space after an issuer has no label.
    let mut key = KeyUri::totp(
        Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap(),
        Some("A"),
        " b",
    );
    assert_eq!(key.to_uri(), Err(Error::UriLabel));
    key.account = String::new();
    assert_eq!(key.to_uri(), Err(Error::AccountEmpty));
}

/// A key within the Key URI Format, with an account and issuer that labels carry.
fn any_key() -> impl Strategy<Value = KeyUri> {
    (
        proptest::collection::vec(any::<u8>(), 10..=64),
        prop_oneof![Just("SHA1"), Just("SHA256"), Just("SHA512")],
        6u32..=8,
        proptest::option::of(any::<u64>()),
        1u64..100_000,
        proptest::option::of("[^:+ ][^:+]{0,11}"),
        "[^: ][^:]{0,15}",
    )
        .prop_map(
            |(secret, algorithm, digits, counter, period, issuer, account)| KeyUri {
                kind: counter.map_or(OtpKind::Totp { period }, |counter| OtpKind::Hotp {
                    counter,
                }),
                secret: Secret::from_bytes(&secret).unwrap(),
                issuer,
                account,
                algorithm: algorithm.parse().unwrap(),
                digits,
                format: CodeFormat::Decimal,
            },
        )
}

/// Rewrites a strict URI the ways real services do, each with its repair.
fn damage(uri: &str, how: u8) -> (String, Option<Repair>) {
    let (head, query) = uri.split_once('?').unwrap();
    let pairs: Vec<(String, String)> = query
        .split('&')
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap();
            (name.to_string(), value.to_string())
        })
        .collect();
    let join = |pairs: &[(String, String)]| {
        let query: Vec<String> = pairs.iter().map(|(n, v)| format!("{n}={v}")).collect();
        format!("{head}?{}", query.join("&"))
    };
    let mut changed = pairs.clone();
    let repair = match how {
        0 => {
            changed[0].0 = "SECRET".into();
            Some(Repair::ParameterNameCase {
                parameter: "secret",
            })
        }
        1 => {
            let secret = &mut changed[0].1;
            let grouped: Vec<String> = secret
                .as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8(c.to_vec()).unwrap().to_lowercase())
                .collect();
            *secret = grouped.join("%20");
            (secret.len() > 4).then_some(Repair::SecretSeparators)
        }
        2 => {
            changed[0].1.push_str("%3D%3D%3D%3D%3D%3D%3D");
            Some(Repair::SecretPadding)
        }
        _ => {
            let digits = changed.iter_mut().find(|(n, _)| n == "digits").unwrap();
            digits.1.insert(0, '0');
            Some(Repair::NumberLeadingZeros {
                parameter: "digits",
            })
        }
    };
    (join(&changed), repair)
}

proptest! {
    #[test]
    fn import_reads_strict_uris_without_repairs(key in any_key()) {
        let uri = key.to_uri().unwrap();
        let imported = KeyUri::import_uri(&uri).unwrap();
        prop_assert_eq!(&imported.key, &key);
        prop_assert!(imported.repairs.is_empty());
    }

    #[test]
    fn import_repairs_damaged_uris_and_says_how(key in any_key(), how in 0u8..4) {
        let (uri, repair) = damage(&key.to_uri().unwrap(), how);
        let imported = KeyUri::import_uri(&uri).unwrap();
        prop_assert_eq!(&imported.key, &key);
        prop_assert_eq!(imported.repairs, repair.into_iter().collect::<Vec<_>>());
    }

    /// On any input: what both modes read is the same key unless the import
    /// mode says it read a '+' or a name differently; no repairs means
    /// strict gives the same key; and every imported key builds a URI that
    /// reads back. (That the import mode reads what strict parsing reads,
    /// unless an upper-case name has a value it cannot use, the `uri` fuzz
    /// target checks.)
    #[test]
    fn the_modes_agree(text in "(otpauth|OTPAUTH)://(totp|hotp|TOTP)/[A-Za-z%0-9:+ ]{0,12}\\?((secret|SECRET|issuer|digits|period|counter|algorithm)=[A-Za-z2-7a-z0-9%=+ -]{0,24}&){0,5}") {
        let strict = KeyUri::parse(&text);
        let imported = KeyUri::import_uri(&text);
        if let (Ok(key), Ok(imported)) = (&strict, &imported) {
            // The same key, unless a '+' or an upper-case name was read
            // differently (maybe leading to more repairs), which the repairs say.
            if imported.repairs.is_empty() {
                prop_assert_eq!(&imported.key, key);
            }
            let read_differently = imported.repairs.iter().any(|repair| matches!(
                repair,
                Repair::PlusAsSpace { .. } | Repair::ParameterNameCase { .. }
            ));
            prop_assert!(read_differently, "{:?}", imported.repairs);
        }
        if let Ok(imported) = &imported {
            if imported.repairs.is_empty() {
                prop_assert_eq!(strict.as_ref(), Ok(&imported.key));
            }
            builds_a_uri_that_reads_back(imported);
        }
    }
}

/// Steam Guard keys: `encoder=steam` as `KeePassXC` writes it
/// (`src/totp/totp.cpp`: `digits=5&encoder=steam`, read as 5 characters
/// whatever `digits` says), and `otpauth://steam/` as Aegis writes it (PR
/// #366); `KeeWeb`'s reader knows neither (`otp.ts` takes totp and hotp,
/// digits 6 to 8). Strict parsing refuses both.
#[test]
fn steam_guard_keys_are_read_by_the_import_mode_only() {
    let uri =
        "otpauth://totp/Steam:alice?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&digits=5&encoder=steam";
    assert_eq!(
        KeyUri::parse(uri),
        Err(Error::UriInvalidValue {
            parameter: "encoder"
        })
    );
    let imported = KeyUri::import_uri(uri).unwrap();
    assert_eq!(imported.repairs, [Repair::SteamGuard]);
    assert_eq!(
        (imported.key.format, imported.key.digits),
        (CodeFormat::Steam, 5)
    );
    // KeePassXC's own vector (tests/TestTotp.cpp, in steam.json).
    let totp = imported.key.to_totp().unwrap();
    assert_eq!(totp.generate(1_511_200_518).unwrap(), "FR8RV");
    // Written back with its encoder, and read back the same.
    let written = imported.key.to_uri().unwrap();
    assert!(
        written.ends_with("&digits=5&period=30&encoder=steam"),
        "{}",
        *written
    );
    assert_eq!(KeyUri::import_uri(&written).unwrap(), imported);
    // A Steam generator's enrolment is that key.
    let steam = nidan::TotpConfig::steam();
    let enrolled = KeyUri::for_totp(imported.key.secret.clone(), steam, Some("Steam"), "alice");
    assert_eq!(enrolled.as_ref(), Ok(&imported.key));
    // Google Authenticator's export has no Steam codes: it refuses the key.
    let batch = MigrationBatch {
        accounts: vec![imported.key.clone()],
        version: 1,
        batch_size: 1,
        batch_index: 0,
        batch_id: 1,
    };
    assert_eq!(
        batch.to_uri().map(|_| ()),
        Err(Error::MigrationValue { field: "digits" })
    );
    // The digits parameter is not used; the type may say steam instead.
    let seven = KeyUri::import_uri(&uri.replace("digits=5", "digits=7")).unwrap();
    assert_eq!(seven.key, imported.key);
    let typed = KeyUri::import_uri(&uri.replace("totp/", "steam/").replace("&encoder=steam", ""));
    assert_eq!(typed.unwrap(), imported);
    assert_eq!(
        KeyUri::parse(&uri.replace("totp/", "steam/")),
        Err(Error::UriType)
    );
    // Only time-based Steam keys exist; other encoders are ignored.
    let hotp = uri.replace("totp/", "hotp/") + "&counter=0";
    assert_eq!(
        KeyUri::import_uri(&hotp),
        Err(Error::UriInvalidValue {
            parameter: "encoder"
        })
    );
    let other = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&encoder=base26";
    assert_eq!(KeyUri::parse(other).unwrap().format, CodeFormat::Decimal);
    assert_eq!(
        KeyUri::parse(&format!("{other}&encoder=steam")),
        Err(Error::UriDuplicateParameter {
            parameter: "encoder"
        })
    );
}

/// pyotp 2.12's `parse_uri` (`pyotp/__init__.py`), as `ImportPolicy::Pyotp`
/// reads it for the drop-in; each case is one of pyotp's own readings.
#[test]
fn the_pyotp_policy_reads_as_pyotp_does() {
    let pyotp = |uri: &str| KeyUri::import_uri_with(uri, ImportPolicy::Pyotp);
    // The label splits at a literal ':' only and keeps the spaces (pyotp#174).
    let key = pyotp("otpauth://totp/A%3AB:%20c%3Ad?secret=JBSWY3DPEHPK3PXP")
        .unwrap()
        .key;
    assert_eq!(
        (key.issuer.as_deref(), key.account.as_str()),
        (Some("A:B"), " c:d")
    );
    let key = KeyUri::import_uri("otpauth://totp/A%3AB:%20c?secret=JBSWY3DPEHPK3PXP")
        .unwrap()
        .key;
    assert_eq!(
        (key.issuer.as_deref(), key.account.as_str()),
        (Some("A"), "B: c")
    );
    // An empty account is read (pyotp names it "Secret"); it builds no URI.
    let key = pyotp("otpauth://totp/Steam:?secret=JBSWY3DPEHPK3PXP")
        .unwrap()
        .key;
    assert_eq!(
        (key.issuer.as_deref(), key.account.as_str()),
        (Some("Steam"), "")
    );
    assert_eq!(key.to_uri().map(|_| ()), Err(Error::AccountEmpty));
    assert_eq!(
        pyotp("otpauth://totp?secret=JBSWY3DPEHPK3PXP")
            .unwrap()
            .key
            .account,
        ""
    );
    // Parameter names are percent-decoded; empty values count once, unused.
    assert_eq!(
        pyotp("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&%73ecret=JBSWY3DPEHPK3PXP"),
        Err(Error::UriDuplicateParameter {
            parameter: "secret"
        })
    );
    let key = pyotp("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=&period=&issuer=")
        .unwrap()
        .key;
    assert_eq!(
        (key.digits, key.kind, key.issuer),
        (6, OtpKind::Totp { period: 30 }, None)
    );
    assert_eq!(
        pyotp("otpauth://totp/a?secret=&digits=7"),
        Err(Error::UriMissingParameter {
            parameter: "secret"
        })
    );
    assert_eq!(
        pyotp("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=7&digits="),
        Err(Error::UriDuplicateParameter {
            parameter: "digits"
        })
    );
    // HOTP without counter starts at 0.
    let key = pyotp("otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP")
        .unwrap()
        .key;
    assert_eq!(key.kind, OtpKind::Hotp { counter: 0 });
    // What pyotp refuses and the authenticator import repairs.
    assert_eq!(
        pyotp("otpauth://totp/Old:a?secret=JBSWY3DPEHPK3PXP&issuer=New"),
        Err(Error::UriIssuerMismatch)
    );
    assert_eq!(
        pyotp("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA224"),
        Err(Error::UriInvalidValue {
            parameter: "algorithm"
        })
    );
    // The values' errors come before a missing secret, as in pyotp.
    assert_eq!(
        pyotp("otpauth://totp?digits=-1"),
        Err(Error::UriInvalidValue {
            parameter: "digits"
        })
    );
    assert_eq!(
        pyotp("otpauth://totp?algorithm=aes"),
        Err(Error::UriInvalidValue {
            parameter: "algorithm"
        })
    );
    // Steam: digits are not used, the period is kept for pyotp's own check.
    let steam =
        pyotp("otpauth://totp/Steam:?secret=JBSWY3DPEHPK3PXP&period=15&digits=7&encoder=steam")
            .unwrap();
    assert_eq!(
        (steam.key.format, steam.key.digits, steam.key.kind),
        (CodeFormat::Steam, 5, OtpKind::Totp { period: 15 })
    );
    // The authenticator policy is `import_uri`.
    let uri = "otpauth://totp/ACME:alice?SECRET=jbswy3dpehpk3pxp&issuer=ACME+Inc";
    assert_eq!(
        KeyUri::import_uri_with(uri, ImportPolicy::Authenticator),
        KeyUri::import_uri(uri)
    );
}

#[test]
fn import_base32_reads_secrets_as_the_import_mode_does() {
    let (secret, repairs) = Secret::import_base32("gezd gnbv-gy3t qojq===").unwrap();
    assert_eq!(secret.as_bytes(), b"1234567890");
    assert_eq!(repairs, [Repair::SecretSeparators, Repair::SecretPadding]);
    let (short, repairs) = Secret::import_base32("MZXW6").unwrap();
    assert_eq!(
        (short.byte_len(), repairs),
        (3, vec![Repair::SecretShort { bits: 24 }])
    );
    assert_eq!(Secret::import_base32("GEZDGNBVGY3TQOJQ").unwrap().1, []);
    assert!(Secret::import_base32("SOME_SECRET").is_err());
    assert_eq!(
        Secret::import_base32(&"A".repeat(500)),
        Err(Error::SecretTooLong {
            max_bytes: Secret::MAX_BYTES
        })
    );
}
