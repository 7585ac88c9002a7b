//! otpauth URI parsing in both modes: never panics; whatever strict parsing
//! reads builds back to a URI that parses to the same value (and builds to
//! the same text again), unless the built URI would exceed the length cap,
//! which building refuses. The import mode reads whatever strict parsing
//! reads (unless a parameter name strict parsing ignores, in another case,
//! has a value it cannot use), to the same key unless a repair says it read
//! a `+` or a name differently; it gives no key without repairs that strict parsing would
//! refuse; and every key it returns builds a URI that strict parsing reads
//! back to it (the import mode, when the key keeps a short secret or another
//! algorithm). pyotp's policy (`ImportPolicy::Pyotp`) never panics either,
//! and every key it returns that builds a URI reads back from it the same.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nidan::{Error, ErrorFamily, ImportPolicy, ImportedKey, KeyUri, OtpKind, Repair, Zeroizing};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let strict = KeyUri::parse(&text);
    let imported = KeyUri::import_uri(&text);
    match (&strict, &imported) {
        // Where strict parsing reads a URI, the import mode reads the same
        // key, unless it read a '+' or an upper-case name differently (which
        // may lead to more repairs, such as differing issuers), and says so.
        (Ok(key), Ok(imported)) if imported.repairs.is_empty() => {
            assert_eq!(&imported.key, key, "{text:?}");
        }
        (Ok(_), Ok(imported)) => assert!(
            imported.repairs.iter().any(|repair| matches!(
                repair,
                Repair::PlusAsSpace { .. } | Repair::ParameterNameCase { .. }
            )),
            "{text:?}: {imported:?}"
        ),
        // The import mode reads parameters whose names strict parsing
        // ignores (another case); only their values can make it refuse.
        (Ok(key), Err(error)) => assert!(
            has_name_in_another_case(&text),
            "{text:?}: strict read {key:?}, import refused: {error:?}"
        ),
        (Err(error), Ok(imported)) => {
            assert!(
                !imported.repairs.is_empty(),
                "{text:?}: strict refused ({error:?}), import repaired nothing"
            );
        }
        (Err(_), Err(_)) => {}
    }
    let pyotp = KeyUri::import_uri_with(&text, ImportPolicy::Pyotp);
    if let Ok(read) = &pyotp
        && let Ok(built) = read.key.to_uri()
    {
        let again = KeyUri::import_uri_with(&built, ImportPolicy::Pyotp)
            .unwrap_or_else(|error| panic!("pyotp: {built:?} from {text:?}: {error:?}"));
        assert_eq!(again.key, read.key, "pyotp: {text:?} -> {built:?}");
    }
    for error in [
        strict.as_ref().err(),
        imported.as_ref().err(),
        pyotp.as_ref().err(),
    ]
    .into_iter()
    .flatten()
    {
        // A parse error belongs to the URI family, or the secret family for
        // a bad `secret` value; never a parameter error.
        assert_ne!(
            error.family(),
            ErrorFamily::Parameter,
            "{error:?} for {text:?}"
        );
    }
    if let Ok(key) = &strict {
        builds_back(&text, key);
    }
    if let Ok(imported) = &imported {
        imported_builds_back(&text, imported);
    }
});

/// A strictly parsed key builds a URI that parses back to it, and makes a
/// generator of its own kind only.
fn builds_back(text: &str, key: &KeyUri) {
    assert!((6..=8).contains(&key.digits), "{key:?}");
    let Some(built) = built(text, key) else {
        return;
    };
    let again = KeyUri::parse(&built)
        .unwrap_or_else(|error| panic!("built {built:?} from {text:?} does not parse: {error:?}"));
    assert_eq!(&again, key, "{text:?} -> {built:?}");
    assert_eq!(again.to_uri(), Ok(built.clone()), "building is not stable");
    match key.kind {
        OtpKind::Totp { period } => {
            assert!(period > 0);
            let totp = key.to_totp().expect("a parsed TOTP key makes a generator");
            let _ = totp.generate(u64::MAX).expect("T0 is 0");
            assert_eq!(key.to_hotp().unwrap_err(), Error::KeyIsTotp);
        }
        OtpKind::Hotp { counter } => {
            let hotp = key.to_hotp().expect("a parsed HOTP key makes a generator");
            let code = hotp.generate(counter);
            assert_eq!(code.digits(), key.digits);
            assert_eq!(key.to_totp().unwrap_err(), Error::KeyIsHotp);
        }
    }
}

/// An imported key builds a URI: strict parsing reads it back when every
/// repair was spelling; otherwise the import mode reads it back, with only
/// the repairs that describe the key.
fn imported_builds_back(text: &str, imported: &ImportedKey) {
    let Some(built) = built(text, &imported.key) else {
        return;
    };
    let again = KeyUri::import_uri(&built)
        .unwrap_or_else(|error| panic!("built {built:?} from {text:?} does not import: {error:?}"));
    assert_eq!(again.key, imported.key, "{text:?} -> {built:?}");
    let kept: Vec<&Repair> = imported
        .repairs
        .iter()
        .filter(|r| !r.is_spelling())
        .collect();
    assert_eq!(
        again.repairs.iter().collect::<Vec<_>>(),
        kept,
        "{text:?} -> {built:?}"
    );
    if kept.is_empty() {
        assert_eq!(
            KeyUri::parse(&built).as_ref(),
            Ok(&imported.key),
            "{built:?}"
        );
    }
}

/// Whether a query parameter's name is a known one in another case (`DIGITS=`).
fn has_name_in_another_case(text: &str) -> bool {
    let before_fragment = text.split_once('#').map_or(text, |(before, _)| before);
    let query = before_fragment
        .split_once('?')
        .map_or("", |(_, query)| query);
    query.split('&').any(|pair| {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        [
            "secret",
            "issuer",
            "algorithm",
            "digits",
            "period",
            "counter",
            "encoder",
        ]
        .iter()
        .any(|known| name != *known && name.eq_ignore_ascii_case(known))
    })
}

/// The URI `key` builds, or `None` when it would exceed the length cap.
fn built(text: &str, key: &KeyUri) -> Option<Zeroizing<String>> {
    match key.to_uri() {
        Ok(built) => Some(built),
        // Building writes the issuer twice and escapes what was raw: a URI
        // near the cap may build one over it, which building then refuses.
        Err(Error::UriTooLong { max }) => {
            let written = key.account.len() + key.issuer.as_ref().map_or(0, |i| 2 * i.len());
            assert!(text.len() + written > max / 2, "{text:?}");
            None
        }
        Err(error) => panic!("read {text:?} into {key:?}, which does not build: {error:?}"),
    }
}
