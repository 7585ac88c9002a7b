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
