//! otpauth URI parsing: never panics, and whatever parses builds back to a
//! URI that parses to the same value (and builds to the same text again),
//! unless the built URI would exceed the length cap, which building refuses.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nidan::{Error, ErrorFamily, KeyUri, OtpKind};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let key = match KeyUri::parse(&text) {
        Ok(key) => key,
        Err(error) => {
            // A parse error belongs to the URI family, or the secret family for
            // a bad `secret` value; never a parameter error.
            assert_ne!(
                error.family(),
                ErrorFamily::Parameter,
                "{error:?} for {text:?}"
            );
            return;
        }
    };
    assert!((6..=8).contains(&key.digits), "{key:?}");
    let built = match key.to_uri() {
        Ok(built) => built,
        // Building writes the issuer twice and escapes what was raw: a URI
        // near the cap may build one over it, which building then refuses.
        Err(Error::UriTooLong { max }) => {
            let written = key.account.len() + key.issuer.as_ref().map_or(0, |i| 2 * i.len());
            assert!(text.len() + written > max / 2, "{text:?}");
            return;
        }
        Err(error) => panic!("parsed {text:?} into {key:?}, which does not build: {error:?}"),
    };
    let again = KeyUri::parse(&built)
        .unwrap_or_else(|error| panic!("built {built:?} from {text:?} does not parse: {error:?}"));
    assert_eq!(again, key, "{text:?} -> {built:?}");
    assert_eq!(again.to_uri(), Ok(built.clone()), "building is not stable");
    match key.kind {
        OtpKind::Totp { period } => {
            assert!(period > 0);
            let totp = key.to_totp().expect("a parsed TOTP key makes a generator");
            let _ = totp.generate(u64::MAX).expect("T0 is 0");
            assert_eq!(key.to_hotp().unwrap_err(), Error::UriType);
        }
        OtpKind::Hotp { counter } => {
            let hotp = key.to_hotp().expect("a parsed HOTP key makes a generator");
            let code = hotp.generate(counter);
            assert_eq!(code.digits(), key.digits);
            assert_eq!(key.to_totp().unwrap_err(), Error::UriType);
        }
    }
});
