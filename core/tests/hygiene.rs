//! Secrets stay out of every printed form, and secret holders wipe themselves.

use nidan::{Error, Hotp, KeyUri, Secret, Totp};
use zeroize::{Zeroize, ZeroizeOnDrop};

const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const SECRET_ASCII: &str = "12345678901234567890";

fn assert_hidden(text: &str) {
    for needle in [SECRET, &SECRET[..8], SECRET_ASCII, "3132333435"] {
        assert!(
            !text.contains(needle),
            "{text:?} shows secret material {needle:?}"
        );
    }
}

#[test]
fn debug_forms_show_no_key_material() {
    let secret = Secret::from_base32(SECRET).unwrap();
    assert_eq!(format!("{secret:?}"), "Secret { len: 20, .. }");
    assert_hidden(&format!("{secret:?} {secret:#?}"));
    let totp = Totp::new(&secret, nidan::TotpConfig::default()).unwrap();
    let hotp = Hotp::new(&secret, nidan::HotpConfig::default()).unwrap();
    assert_hidden(&format!("{totp:?} {hotp:?} {totp:#?}"));
    let key = KeyUri::parse(&format!("otpauth://totp/a?secret={SECRET}")).unwrap();
    assert_hidden(&format!("{key:?} {key:#?}"));
}

#[test]
fn errors_about_secrets_show_no_key_material() {
    let bad_secrets = [
        format!("{SECRET}1"),
        format!("{SECRET}="),
        format!("{SECRET}AB"),
        format!("{SECRET}A"),
        SECRET[..8].to_owned(),
    ];
    for bad in &bad_secrets {
        let strict = Secret::from_base32(bad).unwrap_err();
        assert_hidden(&format!("{strict} {strict:?}"));
        if let Err(typed) = Secret::from_typed_base32(bad) {
            assert_hidden(&format!("{typed} {typed:?}"));
        }
        let uri_error = KeyUri::parse(&format!("otpauth://totp/a?secret={bad}")).unwrap_err();
        assert_hidden(&format!("{uri_error} {uri_error:?}"));
    }
    let mismatch =
        KeyUri::parse(&format!("otpauth://totp/A:b?secret={SECRET}&issuer=B")).unwrap_err();
    assert_eq!(mismatch, Error::UriIssuerMismatch);
    assert_hidden(&mismatch.to_string());
}

#[test]
fn secret_holders_zeroize() {
    fn zeroize_on_drop<T: ZeroizeOnDrop>() {}
    zeroize_on_drop::<Secret>();
    zeroize_on_drop::<Hotp>();
    zeroize_on_drop::<Totp>();
    #[cfg(feature = "qr")]
    zeroize_on_drop::<nidan::Qr>();
    let mut secret = Secret::from_base32(SECRET).unwrap();
    secret.zeroize();
    assert_eq!(secret.as_bytes(), b"");
    assert_eq!(secret.byte_len(), 0);
}

#[test]
fn every_error_message_says_what_is_wrong() {
    let errors = [
        Error::Base32Character { position: 3 },
        Error::Base32Length,
        Error::Base32Padding,
        Error::Base32TrailingBits,
        Error::SecretEmpty,
        Error::SecretTooShort {
            bits: 40,
            min_bits: 80,
        },
        Error::SecretTooLong { max_bytes: 256 },
        Error::RandomSource,
        Error::Digits { digits: 5 },
        Error::Algorithm,
        Error::CodeFormat,
        Error::AlgorithmUnavailable {
            algorithm: nidan::Algorithm::Sha3_256,
        },
        Error::MacTooShort { len: 18 },
        Error::Period,
        Error::TimeBeforeT0,
        Error::T0InUri,
        Error::WindowTooLarge { steps: 101 },
        Error::QrTooLong,
        Error::BufferTooSmall { needed: 32 },
        Error::UriTooLong { max: 2048 },
        Error::UriScheme,
        Error::UriType,
        Error::UriPercentEncoding,
        Error::UriUtf8,
        Error::UriMissingParameter {
            parameter: "secret",
        },
        Error::UriDuplicateParameter {
            parameter: "secret",
        },
        Error::UriInvalidValue {
            parameter: "digits",
        },
        Error::UriIssuerMismatch,
        Error::UriLabel,
        Error::MigrationScheme,
        Error::MigrationBase64,
        Error::MigrationProtobuf,
        Error::MigrationValue { field: "digits" },
        Error::MigrationUtf8 { field: "name" },
        Error::ClockBeforeUnixEpoch,
        Error::AccountEmpty,
        Error::KeyIsHotp,
        Error::KeyIsTotp,
    ];
    let mut messages = std::collections::HashSet::new();
    for error in errors {
        let message = error.to_string();
        assert!(message.len() > 10, "{error:?}: {message}");
        assert!(
            messages.insert(message),
            "{error:?} repeats another message"
        );
    }
    assert!(
        Error::Base32Character { position: 3 }
            .to_string()
            .contains("character 4")
    );
    assert!(
        Error::SecretTooShort {
            bits: 40,
            min_bits: 80
        }
        .to_string()
        .contains("40 bits")
    );
    assert!(
        Error::WindowTooLarge { steps: 101 }
            .to_string()
            .contains("101")
    );
}
