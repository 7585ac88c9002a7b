//! nidan beside the Rust crates people would pick instead, on identical
//! inputs, plus the primitive floor that bounds what any of them can reach.
//!
//! Every group holds one function per library (`nidan`, `totp-rs`,
//! `totp-lite`, `libreauth`, where the library can do the job); time-based
//! groups take two parameters, `fixed` (1111111111, from RFC 6238) and `now`
//! (the clock when the run starts). Inputs are the RFC 6238 seeds, 6 digits,
//! 30-second steps and a window of one step each way. Before measuring, each
//! group checks that every library gives the same answer on its inputs.
//!
//! ```text
//! cargo bench -p nidan-benches --bench peers -- --warm-up-time 1 --measurement-time 3
//! ```

use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use hmac::{Hmac, KeyInit};
use nidan::{Algorithm, Hotp, KeyUri, Secret, Totp, TotpConfig, Verification, Window};

/// The RFC 6238 time used by the `fixed` parameter.
const FIXED_TIME: u64 = 1_111_111_111;
/// Seconds per step.
const PERIOD: u64 = 30;
/// A key URI as an authenticator's QR code carries it (the RFC 6238 SHA-1 seed).
const URI: &str = "otpauth://totp/ACME%20Co:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";
/// The RFC 6238 SHA-1 seed in base32.
const SEED_BASE32: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// One hash of the benchmark matrix with its RFC 6238 seed.
#[derive(Clone, Copy)]
struct Hash {
    group: &'static str,
    seed: &'static [u8],
    nidan: Algorithm,
    totp_rs: totp_rs::Algorithm,
    libreauth: libreauth::hash::HashFunction,
}

const HASHES: [Hash; 3] = [
    Hash {
        group: "totp",
        seed: b"12345678901234567890",
        nidan: Algorithm::Sha1,
        totp_rs: totp_rs::Algorithm::SHA1,
        libreauth: libreauth::hash::HashFunction::Sha1,
    },
    Hash {
        group: "totp_sha256",
        seed: b"12345678901234567890123456789012",
        nidan: Algorithm::Sha256,
        totp_rs: totp_rs::Algorithm::SHA256,
        libreauth: libreauth::hash::HashFunction::Sha256,
    },
    Hash {
        group: "totp_sha512",
        seed: b"1234567890123456789012345678901234567890123456789012345678901234",
        nidan: Algorithm::Sha512,
        totp_rs: totp_rs::Algorithm::SHA512,
        libreauth: libreauth::hash::HashFunction::Sha512,
    },
];

/// The same TOTP generator, built once per library.
struct Generators {
    nidan: Totp,
    totp_rs: totp_rs::Totp,
    hash: Hash,
}

impl Generators {
    fn new(hash: Hash) -> Self {
        let secret = Secret::from_bytes(hash.seed).expect("the RFC seeds are long enough");
        let config = TotpConfig {
            algorithm: hash.nidan,
            ..TotpConfig::default()
        };
        let totp_rs = totp_rs::Builder::new()
            .with_algorithm(hash.totp_rs)
            .with_digits(6)
            .with_skew(1)
            .with_step_duration(PERIOD)
            .with_secret(hash.seed.to_vec())
            .with_account_name("alice@example.com")
            .build()
            .expect("a valid totp-rs configuration");
        Self {
            nidan: Totp::new(&secret, config).expect("a valid nidan configuration"),
            totp_rs,
            hash,
        }
    }

    /// libreauth reads the system clock on every call and only takes an
    /// offset from it, so it is rebuilt for each sample: the time it sees
    /// stays within the step of `time` while the sample runs.
    fn libreauth(&self, time: u64) -> libreauth::oath::TOTP {
        libreauth::oath::TOTPBuilder::new()
            .key(self.hash.seed)
            .hash_function(self.hash.libreauth)
            .period(u32::try_from(PERIOD).expect("small period"))
            .tolerance(1)
            .timestamp(i64::try_from(time).expect("a time within i64"))
            .finalize()
            .expect("a valid libreauth configuration")
    }

    fn totp_lite(&self, time: u64) -> String {
        match self.hash.nidan {
            Algorithm::Sha1 => {
                totp_lite::totp_custom::<totp_lite::Sha1>(PERIOD, 6, self.hash.seed, time)
            }
            Algorithm::Sha256 => {
                totp_lite::totp_custom::<totp_lite::Sha256>(PERIOD, 6, self.hash.seed, time)
            }
            Algorithm::Sha512 => {
                totp_lite::totp_custom::<totp_lite::Sha512>(PERIOD, 6, self.hash.seed, time)
            }
            other => unreachable!("the peers are compared on SHA1, SHA256 and SHA512, not {other}"),
        }
    }

    /// The code of the step `offset` steps away from `time`'s.
    fn code_at(&self, time: u64, offset: i64) -> String {
        let step = self.nidan.step(time).expect("after T0");
        let step = step.checked_add_signed(offset).expect("a step within u64");
        self.nidan.generate_at_step(step).to_string()
    }

    /// A code that matches no step of the ±1 window around `time`.
    fn wrong_code(&self, time: u64) -> String {
        let window: Vec<String> = (-1..=1).map(|offset| self.code_at(time, offset)).collect();
        let current: u32 = window[1].parse().expect("digits");
        (1..=3)
            .map(|delta| format!("{:06}", (current + delta) % 1_000_000))
            .find(|candidate| !window.contains(candidate))
            .expect("three candidates, at most two taken by the other steps")
    }
}

/// The clock at the start of the run, whole seconds.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs()
}

fn totp_generate(c: &mut Criterion, gens: &Generators, times: &[(&str, u64)]) {
    let mut group = c.benchmark_group(format!("{}/generate", gens.hash.group));
    for &(label, time) in times {
        let expected = gens.code_at(time, 0);
        assert_eq!(gens.nidan.generate(time).unwrap(), expected.as_str());
        assert_eq!(gens.totp_rs.generate(time).to_string(), expected);
        assert_eq!(gens.totp_lite(time), expected);
        assert_eq!(gens.libreauth(time).generate(), expected);

        group.bench_function(BenchmarkId::new("nidan", label), |b| {
            b.iter(|| gens.nidan.generate(black_box(time)));
        });
        group.bench_function(BenchmarkId::new("totp-rs", label), |b| {
            b.iter(|| gens.totp_rs.generate(black_box(time)));
        });
        group.bench_function(BenchmarkId::new("totp-lite", label), |b| {
            b.iter(|| gens.totp_lite(black_box(time)));
        });
        group.bench_function(BenchmarkId::new("libreauth", label), |b| {
            let libreauth = gens.libreauth(time);
            b.iter(|| black_box(&libreauth).generate());
        });
    }
    group.finish();
}

/// One verification group: `code_for` picks the submitted code at a time.
fn totp_verify(
    c: &mut Criterion,
    gens: &Generators,
    times: &[(&str, u64)],
    name: &str,
    code_for: impl Fn(&Generators, u64) -> (String, bool),
) {
    let mut group = c.benchmark_group(format!("{}/{name}", gens.hash.group));
    for &(label, time) in times {
        let (code, valid) = code_for(gens, time);
        let code = code.as_str();
        let verdict = gens
            .nidan
            .verify(code, time, Window::default(), None)
            .unwrap();
        assert_eq!(verdict.is_accepted(), valid, "nidan, {name} at {time}");
        assert_eq!(
            gens.totp_rs.check(code, time).is_some(),
            valid,
            "totp-rs, {name}"
        );
        assert_eq!(
            gens.libreauth(time).is_valid(code),
            valid,
            "libreauth, {name}"
        );

        group.bench_function(BenchmarkId::new("nidan", label), |b| {
            b.iter(|| -> Verification {
                gens.nidan
                    .verify(black_box(code), black_box(time), Window::default(), None)
                    .unwrap()
            });
        });
        group.bench_function(BenchmarkId::new("totp-rs", label), |b| {
            b.iter(|| gens.totp_rs.check(black_box(code), black_box(time)));
        });
        group.bench_function(BenchmarkId::new("libreauth", label), |b| {
            let libreauth = gens.libreauth(time);
            b.iter(|| black_box(&libreauth).is_valid(black_box(code)));
        });
    }
    group.finish();
}

fn totp(c: &mut Criterion) {
    let times = [("fixed", FIXED_TIME), ("now", now())];
    for hash in HASHES {
        let gens = Generators::new(hash);
        totp_generate(c, &gens, &times);
        totp_verify(c, &gens, &times, "verify_current", |g, t| {
            (g.code_at(t, 0), true)
        });
        totp_verify(c, &gens, &times, "verify_previous", |g, t| {
            (g.code_at(t, -1), true)
        });
        totp_verify(c, &gens, &times, "verify_next", |g, t| {
            (g.code_at(t, 1), true)
        });
        totp_verify(c, &gens, &times, "verify_wrong", |g, t| {
            (g.wrong_code(t), false)
        });
    }
}

fn hotp(c: &mut Criterion) {
    let seed = HASHES[0].seed;
    let counter = FIXED_TIME / PERIOD;
    let nidan = Hotp::new(
        &Secret::from_bytes(seed).unwrap(),
        nidan::HotpConfig::default(),
    )
    .unwrap();
    let libreauth = libreauth::oath::HOTPBuilder::new()
        .key(seed)
        .counter(counter)
        .finalize()
        .unwrap();
    // totp-lite has no HOTP function, but TOTP with 1-second steps at time
    // `counter` is HOTP of `counter`.
    let totp_lite = |counter| totp_lite::totp_custom::<totp_lite::Sha1>(1, 6, seed, counter);
    let expected = nidan.generate(counter).to_string();
    assert_eq!(libreauth.generate(), expected);
    assert_eq!(totp_lite(counter), expected);

    let mut group = c.benchmark_group("hotp/generate");
    group.bench_function("nidan", |b| b.iter(|| nidan.generate(black_box(counter))));
    group.bench_function("totp-lite", |b| b.iter(|| totp_lite(black_box(counter))));
    group.bench_function("libreauth", |b| b.iter(|| black_box(&libreauth).generate()));
    group.finish();
}

fn uri(c: &mut Criterion) {
    let nidan = KeyUri::parse(URI).unwrap();
    let totp_rs = totp_rs::Totp::from_url(URI).unwrap();
    assert_eq!(nidan.secret.as_bytes(), totp_rs.secret().as_bytes());

    let mut group = c.benchmark_group("uri/parse");
    group.bench_function("nidan", |b| b.iter(|| KeyUri::parse(black_box(URI))));
    group.bench_function("totp-rs", |b| {
        b.iter(|| totp_rs::Totp::from_url(black_box(URI)));
    });
    group.finish();
}

/// [`URI`] as the import mode meets it: the secret in lower case, in groups
/// of four, with padding it does not need.
const DAMAGED_URI: &str = "otpauth://totp/ACME%20Co:alice@example.com?secret=gezd%20gnbv%20gy3t%20qojq%20gezd%20gnbv%20gy3t%20qojq%3D%3D&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";

/// The import mode on a URI it repairs (nidan only: the peers have no such mode).
fn uri_import(c: &mut Criterion) {
    let imported = KeyUri::import_uri(DAMAGED_URI).unwrap();
    assert_eq!(imported.key, KeyUri::parse(URI).unwrap());
    assert_eq!(imported.repairs.len(), 2, "{:?}", imported.repairs);

    let mut group = c.benchmark_group("uri/import");
    group.bench_function("nidan", |b| {
        b.iter(|| KeyUri::import_uri(black_box(DAMAGED_URI)));
    });
    group.finish();
}

fn secret(c: &mut Criterion) {
    let nidan = Secret::from_base32(SEED_BASE32).unwrap();
    let totp_rs = totp_rs::Secret::try_from_base32(SEED_BASE32).unwrap();
    assert_eq!(nidan.as_bytes(), totp_rs.as_bytes());

    let mut group = c.benchmark_group("secret/base32");
    group.bench_function("nidan", |b| {
        b.iter(|| Secret::from_base32(black_box(SEED_BASE32)));
    });
    group.bench_function("totp-rs", |b| {
        b.iter(|| totp_rs::Secret::try_from_base32(black_box(SEED_BASE32)));
    });
    group.finish();
}

/// The primitive floor, [`nidan_benches::floor`].
fn floor(c: &mut Criterion) {
    let block = [0x5au8; 64];
    let keyed = Hmac::<sha1::Sha1>::new_from_slice(HASHES[0].seed).unwrap();
    let counter = FIXED_TIME / PERIOD;

    let mut group = c.benchmark_group("floor");
    group.bench_function("sha1_compress", |b| {
        b.iter(|| nidan_benches::floor::sha1_compress(black_box(&block)));
    });
    group.bench_function("hmac_sha1_prekeyed", |b| {
        b.iter(|| nidan_benches::floor::hmac_sha1_prekeyed(black_box(&keyed), black_box(counter)));
    });
    group.finish();
}

criterion_group!(benches, floor, totp, hotp, uri, uri_import, secret);
criterion_main!(benches);
