//! Inputs the fuzzers found (fuzz/regressions/ keeps the raw files), each
//! pinned to the behaviour fixed in response.

use nidan::{Error, KeyUri, OtpKind, Secret};

/// Every key that parses builds back, and the built URI parses to the same key.
fn assert_round_trip(uri: &str) {
    let key = KeyUri::parse(uri).unwrap();
    let built = key.to_uri().unwrap();
    assert_eq!(KeyUri::parse(&built).unwrap(), key, "{uri} -> {}", *built);
}

/// fuzz target `uri`, regressions/uri/issuer-parameter-with-colon: the
/// `issuer` parameter may decode to text with a `:`, which no label can
/// carry, so the key parsed but could not be built again.
#[test]
fn an_issuer_parameter_with_a_colon_is_refused() {
    let raw: &[u8] = b"otpauth://totp/Example%3co-?secret=jbswy2dpehpk3pxp&issuer=Exam\x8c\x01\x00\x00\x00\x00\x00\x006\x9a\x97:\x94\xcc\x8f\x87p&issueramxE=pel&perithm=Sha512";
    let found = String::from_utf8_lossy(raw);
    assert_eq!(
        KeyUri::parse(&found),
        Err(Error::UriInvalidValue {
            parameter: "issuer"
        })
    );
    for uri in [
        "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A:B",
        "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB",
        "otpauth://totp/:alice?secret=JBSWY3DPEHPK3PXP&issuer=A%3a",
    ] {
        assert_eq!(
            KeyUri::parse(uri),
            Err(Error::UriInvalidValue {
                parameter: "issuer"
            }),
            "{uri}"
        );
    }
    assert_round_trip("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A%20B");
}

/// fuzz target `uri`, regressions/uri/encoder-name-in-another-case:
/// `encodeR=` is a name strict parsing ignores and the import mode reads
/// as `encoder` (as it reads `SECRET=`), so given twice it is a duplicate
/// there only. (The target's list of known names lacked `encoder`.)
#[test]
fn an_encoder_name_in_another_case_is_read_by_the_import_mode_only() {
    let uri = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&encodeR=x&encodeR=y";
    assert_eq!(
        KeyUri::parse(uri).map(|key| key.format),
        Ok(nidan::CodeFormat::Decimal)
    );
    assert_eq!(
        KeyUri::import_uri(uri),
        Err(Error::UriDuplicateParameter {
            parameter: "encoder"
        })
    );
}

/// An empty issuer prefix (`:alice:x`) leaves no issuer and an account with
/// a `:`, which a label without issuer cannot carry either.
#[test]
fn an_account_with_a_colon_needs_an_issuer() {
    for uri in [
        "otpauth://totp/:alice:x?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/%3Aalice%3Ax?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/:alice:x?secret=JBSWY3DPEHPK3PXP&issuer=",
    ] {
        assert_eq!(KeyUri::parse(uri), Err(Error::UriLabel), "{uri}");
    }
    // With an issuer the account may hold a colon: it is written escaped.
    assert_round_trip("otpauth://totp/:alice:x?secret=JBSWY3DPEHPK3PXP&issuer=A");
    assert_round_trip("otpauth://totp/A:alice:x?secret=JBSWY3DPEHPK3PXP");
    assert_round_trip("otpauth://totp/:alice?secret=JBSWY3DPEHPK3PXP");
}

/// Building writes the issuer twice and escapes what the input may have held
/// raw, so a URI under the length cap can build one over it, which parsing
/// would refuse: building refuses it instead.
#[test]
fn building_never_writes_a_uri_that_parsing_refuses() {
    let issuer = "I".repeat(1100);
    let uri = format!("otpauth://totp/{issuer}:alice?secret=JBSWY3DPEHPK3PXP");
    assert!(uri.len() <= KeyUri::MAX_LEN);
    let key = KeyUri::parse(&uri).unwrap();
    assert_eq!(
        key.to_uri(),
        Err(Error::UriTooLong {
            max: KeyUri::MAX_LEN
        })
    );
    let mut key = KeyUri::totp(Secret::from_base32("JBSWY3DPEHPK3PXP").unwrap(), None, "");
    key.account = "é".repeat(400);
    key.kind = OtpKind::Hotp { counter: u64::MAX };
    assert_eq!(
        key.to_uri(),
        Err(Error::UriTooLong {
            max: KeyUri::MAX_LEN
        })
    );
    key.account = "é".repeat(300);
    let built = key.to_uri().unwrap();
    assert_eq!(KeyUri::parse(&built).unwrap(), key);
}

/// fuzz target `uri`, regressions/uri/import-plus-read-differently-by-strict:
/// strict parsing keeps a `+` in `issuer=`, the import mode reads it as a
/// space and says so; the modes differ there, with a repair.
#[test]
fn strict_and_import_read_a_plus_differently_and_the_repair_says_so() {
    let Some(found) = fuzz_regression("import-plus-read-differently-by-strict") else {
        return;
    };
    let strict = KeyUri::parse(&found).unwrap();
    assert_eq!(strict.issuer.as_deref(), Some("Big+Corp"));
    let imported = KeyUri::import_uri(&found).unwrap();
    assert_eq!(imported.key.issuer.as_deref(), Some("Big Corp"));
    assert_eq!(imported.repairs.len(), 2, "{:?}", imported.repairs);
}

/// fuzz target `uri`, regressions/uri/import-plus-in-label-issuer: a `+` in
/// the label's issuer (no parameter) is kept; the key builds `issuer=Big%2BCb`,
/// which the import mode read as a space until `+` became a space only where
/// it stands raw in the parameter (`%2B` is a form encoder's `+`).
#[test]
fn an_escaped_plus_in_the_issuer_parameter_stays_a_plus() {
    let Some(found) = fuzz_regression("import-plus-in-label-issuer") else {
        return;
    };
    let imported = KeyUri::import_uri(&found).unwrap();
    assert_eq!(imported.key.issuer.as_deref(), Some("Big+Cb"));
    let again = KeyUri::import_uri(&imported.key.to_uri().unwrap()).unwrap();
    assert_eq!(again.key, imported.key);
    assert!(again.repairs.is_empty());
}

/// `nidan/otpauth`'s differential test against otpauth: an escaped `+`
/// (`%2B`) in the issuer parameter is a `+`, not a form encoder's space,
/// in the import mode too.
#[test]
fn an_escaped_plus_in_the_issuer_stays_a_plus_when_importing() {
    let uri = "otpauth://totp/%2B:alice?issuer=%2B&secret=JBSWY3DPEHPK3PXP";
    let imported = KeyUri::import_uri(uri).unwrap();
    assert_eq!(imported.key.issuer.as_deref(), Some("+"));
    assert!(imported.repairs.is_empty());
    let form = KeyUri::import_uri("otpauth://totp/A%20B:alice?issuer=A+B&secret=JBSWY3DPEHPK3PXP")
        .unwrap();
    assert_eq!(form.key.issuer.as_deref(), Some("A B"));
}

/// The input the `uri` fuzz target kept under `fuzz/regressions/uri/`.
/// The published crate has no `fuzz/` folder: `scripts/test crate` runs its
/// tests with `NIDAN_TEST_WITHOUT_REPOSITORY` set, and only then is a
/// missing file `None`.
fn fuzz_regression(name: &str) -> Option<String> {
    let path = format!(
        "{}/../fuzz/regressions/uri/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) if std::env::var_os("NIDAN_TEST_WITHOUT_REPOSITORY").is_some() => None,
        Err(error) => panic!("{path}: {error}"),
    }
}
