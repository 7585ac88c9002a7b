//! otpauth URI rules, one test each.

use nidan::{Algorithm, Error, ErrorFamily, KeyUri, OtpKind, Secret};

const SECRET: &str = "JBSWY3DPEHPK3PXP";

fn parse(uri: &str) -> Result<KeyUri, Error> {
    KeyUri::parse(uri)
}

#[test]
fn defaults_apply_when_parameters_are_absent() {
    let key = parse(&format!("otpauth://totp/alice?secret={SECRET}")).unwrap();
    assert_eq!(key.kind, OtpKind::Totp { period: 30 });
    assert_eq!((key.algorithm, key.digits), (Algorithm::Sha1, 6));
    assert_eq!((key.issuer, key.account.as_str()), (None, "alice"));
    assert_eq!(key.secret, Secret::from_base32(SECRET).unwrap());
}

#[test]
fn every_parameter_is_read() {
    let uri = format!(
        "otpauth://totp/Bank:bob?secret={SECRET}&issuer=Bank&algorithm=sha512&digits=8&period=60"
    );
    let key = parse(&uri).unwrap();
    assert_eq!(key.kind, OtpKind::Totp { period: 60 });
    assert_eq!((key.algorithm, key.digits), (Algorithm::Sha512, 8));
    assert_eq!(key.issuer.as_deref(), Some("Bank"));
    let hotp = parse(&format!(
        "otpauth://hotp/x?secret={SECRET}&counter=18446744073709551615"
    ));
    assert_eq!(hotp.unwrap().kind, OtpKind::Hotp { counter: u64::MAX });
}

#[test]
fn scheme_and_type_ignore_case() {
    let key = parse(&format!("OTPAUTH://TOTP/alice?secret={SECRET}")).unwrap();
    assert_eq!(key.account, "alice");
    assert_eq!(
        parse(&format!("https://totp/a?secret={SECRET}")),
        Err(Error::UriScheme)
    );
    assert_eq!(
        parse(&format!("otpauth://motp/a?secret={SECRET}")),
        Err(Error::UriType)
    );
    assert_eq!(parse("otpauth://"), Err(Error::UriType));
}

#[test]
fn label_is_split_before_decoding_at_colon_or_encoded_colon() {
    for label in [
        "ACME%20Co:john%40example.com",
        "ACME%20Co%3Ajohn@example.com",
        "ACME%20Co%3ajohn@example.com",
    ] {
        let key = parse(&format!("otpauth://totp/{label}?secret={SECRET}")).unwrap();
        assert_eq!(key.issuer.as_deref(), Some("ACME Co"), "{label}");
        assert_eq!(key.account, "john@example.com", "{label}");
    }
    // An encoded colon inside the account, after the separator, stays in the account.
    let key = parse(&format!("otpauth://totp/A:b%3Ac?secret={SECRET}")).unwrap();
    assert_eq!(
        (key.issuer.as_deref(), key.account.as_str()),
        (Some("A"), "b:c")
    );
}

#[test]
fn percent_decoding_happens_once_and_plus_stays_plus() {
    let key = parse(&format!(
        "otpauth://totp/a%2541+b?secret={SECRET}&issuer=x+y%2B"
    ))
    .unwrap();
    assert_eq!(key.account, "a%41+b");
    assert_eq!(key.issuer.as_deref(), Some("x+y+"));
}

#[test]
fn malformed_percent_escapes_and_bad_utf8_are_refused() {
    for bad in ["a%2", "a%zz", "a%"] {
        assert_eq!(
            parse(&format!("otpauth://totp/{bad}?secret={SECRET}")),
            Err(Error::UriPercentEncoding)
        );
    }
    assert_eq!(
        parse(&format!("otpauth://totp/a%FF?secret={SECRET}")),
        Err(Error::UriUtf8)
    );
}

#[test]
fn label_issuer_and_issuer_parameter_must_agree() {
    let uri = format!("otpauth://totp/Bank:bob?secret={SECRET}&issuer=Other");
    assert_eq!(parse(&uri), Err(Error::UriIssuerMismatch));
    let only_param = parse(&format!("otpauth://totp/bob?secret={SECRET}&issuer=Bank")).unwrap();
    assert_eq!(only_param.issuer.as_deref(), Some("Bank"));
    let only_label = parse(&format!("otpauth://totp/Bank:bob?secret={SECRET}")).unwrap();
    assert_eq!(only_label.issuer.as_deref(), Some("Bank"));
}

#[test]
fn unknown_parameters_are_ignored_and_known_duplicates_refused() {
    let key = parse(&format!(
        "otpauth://totp/a?image=x&secret={SECRET}&image=y&&foo"
    ))
    .unwrap();
    assert_eq!(key.account, "a");
    let base = format!("otpauth://totp/a?secret={SECRET}");
    let repeated = [
        ("secret", format!("&secret={SECRET}")),
        ("issuer", "&issuer=x&issuer=x".to_owned()),
        ("algorithm", "&algorithm=SHA1&algorithm=SHA1".to_owned()),
        ("digits", "&digits=6&digits=6".to_owned()),
        ("period", "&period=30&period=30".to_owned()),
        ("counter", "&counter=1&counter=1".to_owned()),
    ];
    for (name, tail) in repeated {
        let uri = format!("{base}{tail}");
        assert_eq!(
            parse(&uri),
            Err(Error::UriDuplicateParameter { parameter: name }),
            "{uri}"
        );
    }
}

#[test]
fn hotp_needs_a_counter_and_totp_ignores_one() {
    let uri = format!("otpauth://hotp/a?secret={SECRET}");
    assert_eq!(
        parse(&uri),
        Err(Error::UriMissingParameter {
            parameter: "counter"
        })
    );
    let totp = parse(&format!("otpauth://totp/a?secret={SECRET}&counter=5")).unwrap();
    assert_eq!(totp.kind, OtpKind::Totp { period: 30 });
}

#[test]
fn secret_is_required_and_read_strictly() {
    assert_eq!(
        parse("otpauth://totp/a"),
        Err(Error::UriMissingParameter {
            parameter: "secret"
        })
    );
    assert_eq!(parse("otpauth://totp/a?secret="), Err(Error::SecretEmpty));
    assert_eq!(
        parse("otpauth://totp/a?secret=MZXW6"),
        Err(Error::SecretTooShort {
            bits: 24,
            min_bits: 80
        })
    );
    let err = parse("otpauth://totp/a?secret=JBSW%20Y3DP%20EHPK%203PXP").unwrap_err();
    assert_eq!(err.family(), ErrorFamily::Secret);
    let padded = parse(
        "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA%3D%3D%3D%3D",
    );
    assert_eq!(padded.unwrap().secret.byte_len(), 32);
}

#[test]
fn digits_in_uris_are_6_7_or_8() {
    for digits in ["6", "7", "8"] {
        assert!(parse(&format!("otpauth://totp/a?secret={SECRET}&digits={digits}")).is_ok());
    }
    for digits in [
        "5",
        "9",
        "10",
        "",
        "-6",
        "+6",
        " 6",
        "6.0",
        "99999999999999999999999",
    ] {
        let uri = format!("otpauth://totp/a?secret={SECRET}&digits={digits}");
        assert_eq!(
            parse(&uri),
            Err(Error::UriInvalidValue {
                parameter: "digits"
            }),
            "{digits:?}"
        );
    }
}

#[test]
fn numbers_are_plain_decimal_within_u64() {
    for (name, value) in [
        ("period", "0"),
        ("period", "-30"),
        ("period", "3e1"),
        ("counter", "18446744073709551616"),
    ] {
        let kind = if name == "period" { "totp" } else { "hotp" };
        let uri = format!("otpauth://{kind}/a?secret={SECRET}&{name}={value}");
        assert_eq!(
            parse(&uri),
            Err(Error::UriInvalidValue { parameter: name }),
            "{uri}"
        );
    }
    let uri = format!("otpauth://totp/a?secret={SECRET}&algorithm=MD5");
    assert_eq!(
        parse(&uri),
        Err(Error::UriInvalidValue {
            parameter: "algorithm"
        })
    );
}

#[test]
fn length_is_capped() {
    let long = format!(
        "otpauth://totp/{}?secret={SECRET}",
        "a".repeat(KeyUri::MAX_LEN)
    );
    assert_eq!(
        parse(&long),
        Err(Error::UriTooLong {
            max: KeyUri::MAX_LEN
        })
    );
}

#[test]
fn building_writes_label_prefix_issuer_unpadded_secret_and_every_parameter() {
    let secret =
        Secret::from_base32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA").unwrap();
    let mut key = KeyUri::totp(secret, Some("ACME Co"), "john doe+1@example.com");
    key.algorithm = Algorithm::Sha256;
    key.digits = 8;
    let uri = key.to_uri().unwrap();
    assert_eq!(
        uri,
        "otpauth://totp/ACME%20Co:john%20doe%2B1@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=30"
    );
    assert_eq!(parse(&uri).unwrap(), key);
}

#[test]
fn building_writes_counters_in_plain_decimal() {
    let secret = Secret::from_base32(SECRET).unwrap();
    for (counter, text) in [
        (0, "0"),
        (9, "9"),
        (10, "10"),
        (u64::MAX, "18446744073709551615"),
    ] {
        let mut key = KeyUri::totp(secret.clone(), None, "x");
        key.kind = OtpKind::Hotp { counter };
        let uri = key.to_uri().unwrap();
        assert!(uri.ends_with(&format!("&digits=6&counter={text}")), "{uri}");
    }
}

#[test]
fn building_refuses_what_cannot_round_trip() {
    let secret = || Secret::from_base32(SECRET).unwrap();
    assert_eq!(
        KeyUri::totp(secret(), Some("a:b"), "x").to_uri(),
        Err(Error::UriLabel)
    );
    assert_eq!(
        KeyUri::totp(secret(), Some(""), "x").to_uri(),
        Err(Error::UriLabel)
    );
    assert_eq!(
        KeyUri::totp(secret(), None, "a:b").to_uri(),
        Err(Error::UriLabel)
    );
    let mut key = KeyUri::totp(secret(), None, "x");
    key.digits = 10;
    assert_eq!(key.to_uri(), Err(Error::Digits { digits: 10 }));
    key.digits = 6;
    key.kind = OtpKind::Totp { period: 0 };
    assert_eq!(key.to_uri(), Err(Error::Period));
}

#[test]
fn keys_convert_to_generators_of_their_own_kind_only() {
    let totp = parse(&format!("otpauth://totp/a?secret={SECRET}")).unwrap();
    assert!(totp.to_totp().is_ok());
    assert_eq!(totp.to_hotp().unwrap_err(), Error::KeyIsTotp);
    let hotp = parse(&format!("otpauth://hotp/a?secret={SECRET}&counter=3")).unwrap();
    assert_eq!(
        hotp.to_hotp().unwrap().generate(3),
        Secret::from_base32(SECRET)
            .map(|s| {
                nidan::Hotp::new(&s, nidan::HotpConfig::default())
                    .unwrap()
                    .generate(3)
            })
            .unwrap()
    );
    assert_eq!(hotp.to_totp().unwrap_err(), Error::KeyIsHotp);
}

#[test]
fn debug_of_a_key_hides_the_secret() {
    let key = parse(&format!("otpauth://totp/a?secret={SECRET}")).unwrap();
    let debug = format!("{key:?}");
    assert!(
        !debug.contains(SECRET) && !debug.contains("JBSW"),
        "{debug}"
    );
    assert!(debug.contains("Secret { len: 10, .. }"), "{debug}");
}
