//! Google Authenticator export decoding: never panics; whatever decodes
//! encodes back to an export that decodes to the same batch, and every
//! account builds an ordinary otpauth URI that parses back to it. The
//! import mode gives the same batch, without repairs, wherever strict
//! decoding succeeds, and each account it reads builds a URI that the import
//! mode reads back to it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nidan::{Error, ErrorFamily, KeyUri, MigrationBatch, OtpKind};

fuzz_target!(|data: &[u8]| {
    // Raw text, and the bytes as a payload behind a well-formed prefix, so
    // that the protobuf reader sees arbitrary input too.
    let text = String::from_utf8_lossy(data);
    check(&text);
    let mut payload = String::from("otpauth-migration://offline?data=");
    for b in data_encoding::BASE64.encode(data).bytes() {
        match b {
            b'+' => payload.push_str("%2B"),
            b'/' => payload.push_str("%2F"),
            b'=' => payload.push_str("%3D"),
            _ => payload.push(char::from(b)),
        }
    }
    check(&payload);
});

fn check(uri: &str) {
    let import = MigrationBatch::import_uri(uri);
    if let Ok(import) = &import {
        for imported in import.accounts.iter().flatten() {
            if let Ok(built) = imported.key.to_uri() {
                let again = KeyUri::import_uri(&built).expect("built URIs import");
                assert_eq!(again.key, imported.key, "{built:?}");
            }
        }
    }
    let batch = match MigrationBatch::parse(uri) {
        Ok(batch) => batch,
        Err(error) => {
            assert_ne!(
                error.family(),
                ErrorFamily::Parameter,
                "{error:?} for {uri:?}"
            );
            return;
        }
    };
    for account in &batch.accounts {
        assert!(matches!(account.digits, 6 | 8), "{account:?}");
        assert!(!matches!(account.kind, OtpKind::Totp { period } if period != 30));
        match account.to_uri() {
            Ok(built) => assert_eq!(&KeyUri::parse(&built).expect("built URIs parse"), account),
            // The name is capped by the export's length, not by the URI's.
            Err(Error::UriTooLong { .. }) => {}
            Err(error) => panic!("{account:?} does not build: {error:?}"),
        }
    }
    let import =
        import.unwrap_or_else(|error| panic!("{uri:?}: strict reads it, import: {error:?}"));
    assert_eq!(import.batch, batch, "{uri:?}");
    assert!(
        import
            .accounts
            .iter()
            .all(|a| a.as_ref().is_ok_and(|i| i.repairs.is_empty()))
    );
    let again = batch
        .to_uri()
        .unwrap_or_else(|error| panic!("{uri:?} does not encode: {error:?}"));
    assert_eq!(
        MigrationBatch::parse(&again).as_ref(),
        Ok(&batch),
        "{uri:?}"
    );
}
