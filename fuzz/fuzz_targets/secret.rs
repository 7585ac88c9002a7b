//! Secret reading, strict and as typed: never panics, round trips through
//! every written form, and the strict reader accepts nothing the lenient
//! one would read differently.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nidan::{Error, ErrorFamily, Secret, base32, hex};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let chars = text.chars().count();
    let strict = Secret::from_base32(&text);
    let short = Secret::from_base32_allow_short(&text);
    let typed = Secret::from_typed_base32(&text);
    for result in [&strict, &short, &typed] {
        if let Err(error) = result {
            check_error(*error, chars, &text);
        }
    }
    match (&strict, &short) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Ok(_), Err(error)) => panic!("strict accepts {text:?}, allow_short refuses: {error:?}"),
        (Err(Error::SecretTooShort { .. }), Ok(b)) => assert!(b.byte_len() < Secret::MIN_BYTES),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (Err(error), Ok(_)) => panic!("only allow_short accepts {text:?}: {error:?}"),
    }
    if let Ok(secret) = &strict {
        // What the strict reader accepts, the lenient one reads the same way.
        assert_eq!(typed.as_ref().ok(), Some(secret), "{text:?}");
    }
    for secret in [short.as_ref().ok(), typed.as_ref().ok()]
        .into_iter()
        .flatten()
    {
        round_trip(secret);
    }
    // The in-place decoders with a buffer of any size: an error, never a panic.
    let size = data.first().map_or(0, |&b| usize::from(b) * 2);
    let mut out = vec![0u8; size];
    if let Ok(len) = base32::decode(&text, &mut out) {
        match &short {
            Ok(secret) => assert_eq!(secret.as_bytes(), &out[..len]),
            Err(Error::SecretEmpty) => assert_eq!(len, 0),
            Err(Error::SecretTooLong { .. }) => assert!(len > Secret::MAX_BYTES),
            Err(error) => panic!("decode reads {text:?}, the secret reader says {error:?}"),
        }
    }
    let _ = base32::decode_typed(&text, &mut out);
    // Hex (the otpauth drop-in's): an error of the secret family, never a
    // panic; what it reads, it writes back as the same digits.
    match hex::decode(&text, &mut out) {
        Ok(bytes) => {
            let mut again = vec![0u8; hex::encoded_len(bytes.len())];
            let written = hex::encode(bytes, &mut again).unwrap();
            assert_eq!(written, text.replace(' ', "").to_uppercase(), "{text:?}");
        }
        Err(Error::BufferTooSmall { needed }) => assert!(needed > size),
        Err(error) => check_error(error, chars, &text),
    }
    // Raw bytes of any length.
    match Secret::from_bytes_allow_short(data) {
        Ok(secret) => {
            assert_eq!(secret.as_bytes(), data);
            round_trip(&secret);
        }
        Err(error) => assert!(
            matches!(error, Error::SecretEmpty | Error::SecretTooLong { .. }),
            "{error:?}"
        ),
    }
});

fn check_error(error: Error, chars: usize, text: &str) {
    assert_eq!(
        error.family(),
        ErrorFamily::Secret,
        "{error:?} for {text:?}"
    );
    if let Error::Base32Character { position } | Error::HexCharacter { position } = error {
        assert!(
            position < chars,
            "position {position} of {chars} characters in {text:?}"
        );
    }
}

fn round_trip(secret: &Secret) {
    let plain = secret.to_base32();
    assert_eq!(&Secret::from_base32_allow_short(&plain).unwrap(), secret);
    let grouped = secret.to_base32_grouped();
    assert_eq!(grouped.replace(' ', ""), *plain);
    let mut buffer = vec![0u8; base32::grouped_len(secret.byte_len())];
    assert_eq!(
        secret.write_base32_grouped(&mut buffer).unwrap(),
        grouped.as_str()
    );
    let mut bytes = vec![0u8; secret.byte_len()];
    assert_eq!(
        base32::decode_typed(&grouped, &mut bytes),
        Ok(secret.byte_len())
    );
    assert_eq!(bytes, secret.as_bytes());
    if secret.byte_len() >= Secret::MIN_BYTES {
        assert_eq!(&Secret::from_typed_base32(&grouped).unwrap(), secret);
        assert_eq!(
            &Secret::from_typed_base32(&grouped.to_lowercase()).unwrap(),
            secret
        );
    }
}
