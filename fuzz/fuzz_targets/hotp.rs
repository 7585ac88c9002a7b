//! Differential: nidan's HOTP and TOTP against a plain model written here,
//! HMAC [RFC 2104] straight from its definition over the `sha1`/`sha2`
//! hash functions, then dynamic truncation [RFC 4226 §5.3], with none of
//! nidan's keyed-state shortcuts.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nidan::{Algorithm, Hotp, HotpConfig, Secret, Totp, TotpConfig};
use sha1::Digest;

#[derive(Arbitrary, Debug)]
struct Input {
    key: Vec<u8>,
    algorithm: u8,
    digits: u8,
    counter: u64,
    period: u64,
    t0: u64,
    time: u64,
}

fuzz_target!(|input: Input| {
    let mut key = input.key;
    key.truncate(Secret::MAX_BYTES);
    if key.is_empty() {
        key.push(0x80);
    }
    let algorithm = Algorithm::ALL[usize::from(input.algorithm) % Algorithm::ALL.len()];
    let digits = 6 + u32::from(input.digits % 5);
    let secret = Secret::from_bytes_allow_short(&key).expect("1 to 256 bytes");
    let hotp = Hotp::new(
        &secret,
        HotpConfig {
            algorithm,
            digits,
            ..Default::default()
        },
    )
    .expect("6 to 10 digits");
    for counter in [input.counter, input.counter.wrapping_add(1)] {
        assert_eq!(
            hotp.generate(counter).as_str(),
            model_hotp(algorithm, &key, counter, digits),
            "{algorithm:?}, {digits} digits, counter {counter}, key {key:02x?}"
        );
    }
    let period = input.period.max(1);
    let config = TotpConfig {
        algorithm,
        digits,
        period,
        t0: input.t0,
        ..Default::default()
    };
    let totp = Totp::new(&secret, config).expect("valid parameters");
    match input.time.checked_sub(input.t0) {
        Some(since) => assert_eq!(
            totp.generate(input.time).unwrap().as_str(),
            model_hotp(algorithm, &key, since / period, digits),
        ),
        None => assert!(totp.generate(input.time).is_err()),
    }
});

/// HOTP by the book: HMAC of the 8-byte big-endian counter, 31 bits at the
/// offset of the last byte's low nibble, modulo 10^digits, zero-padded.
fn model_hotp(algorithm: Algorithm, key: &[u8], counter: u64, digits: u32) -> String {
    let message = counter.to_be_bytes();
    // Block sizes: 64 and 128 bytes for SHA-1/2, the sponge's rate for SHA-3.
    let mac = match algorithm {
        Algorithm::Sha1 => hmac(64, |data| sha1::Sha1::digest(data).to_vec(), key, &message),
        Algorithm::Sha224 => hmac(
            64,
            |data| sha2::Sha224::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha256 => hmac(
            64,
            |data| sha2::Sha256::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha384 => hmac(
            128,
            |data| sha2::Sha384::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha512 => hmac(
            128,
            |data| sha2::Sha512::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha3_224 => hmac(
            144,
            |data| sha3::Sha3_224::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha3_256 => hmac(
            136,
            |data| sha3::Sha3_256::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha3_384 => hmac(
            104,
            |data| sha3::Sha3_384::digest(data).to_vec(),
            key,
            &message,
        ),
        Algorithm::Sha3_512 => hmac(
            72,
            |data| sha3::Sha3_512::digest(data).to_vec(),
            key,
            &message,
        ),
    };
    let offset = usize::from(mac[mac.len() - 1] & 0x0f);
    let binary = (u64::from(mac[offset] & 0x7f) << 24)
        | (u64::from(mac[offset + 1]) << 16)
        | (u64::from(mac[offset + 2]) << 8)
        | u64::from(mac[offset + 3]);
    let value = binary % 10u64.pow(digits);
    format!("{value:0width$}", width = digits as usize)
}

/// H((K' ^ opad) || H((K' ^ ipad) || message)), K' the key hashed when
/// longer than a block, then padded with zeros to a block.
fn hmac(block: usize, hash: impl Fn(&[u8]) -> Vec<u8>, key: &[u8], message: &[u8]) -> Vec<u8> {
    let mut padded = if key.len() > block {
        hash(key)
    } else {
        key.to_vec()
    };
    padded.resize(block, 0);
    let mut inner: Vec<u8> = padded.iter().map(|b| b ^ 0x36).collect();
    inner.extend_from_slice(message);
    let mut outer: Vec<u8> = padded.iter().map(|b| b ^ 0x5c).collect();
    outer.extend_from_slice(&hash(&inner));
    hash(&outer)
}
