//! The SHA-1 speed targets checked on a busy machine: every function runs in
//! short batches, round-robin, and the fastest batch of each counts. Other
//! processes only ever slow a batch down, so the minima are comparable even
//! when criterion's one-after-the-other medians drift with the load.
//!
//! ```text
//! cargo bench -p nidan-benches --bench interleaved            # timed
//! cargo bench -p nidan-benches --bench interleaved -- --test  # each once
//! ```

use std::hint::black_box;
use std::time::Instant;

use hmac::{Hmac, KeyInit};
use nidan::{Secret, Totp, TotpConfig, Window};
use nidan_benches::floor;

const SEED: &[u8] = b"12345678901234567890";
const TIME: u64 = 1_111_111_111;
/// Calls per batch, and batches per function.
const BATCH: u32 = 200;
const ROUNDS: u32 = 3000;

type Case<'a> = (&'static str, Box<dyn FnMut() + 'a>);

fn main() {
    let once = std::env::args().any(|arg| arg == "--test");
    let keyed = Hmac::<sha1::Sha1>::new_from_slice(SEED).unwrap();
    let nidan = Totp::new(&Secret::from_bytes(SEED).unwrap(), TotpConfig::default()).unwrap();
    let totp_rs = totp_rs::Builder::new()
        .with_skew(1)
        .with_secret(SEED.to_vec())
        .with_account_name("alice@example.com")
        .build()
        .unwrap();
    let block = [0x5au8; 64];
    let verify = |code: &'static str, accepted: bool| {
        assert_eq!(
            nidan
                .verify(code, TIME, Window::default(), None)
                .unwrap()
                .is_accepted(),
            accepted
        );
        let nidan = &nidan;
        Box::new(move || {
            let _ = black_box(
                nidan
                    .verify(black_box(code), black_box(TIME), Window::default(), None)
                    .unwrap(),
            );
        })
    };
    let mut cases: Vec<Case<'_>> = vec![
        (
            "floor/sha1_compress",
            Box::new(|| {
                black_box(floor::sha1_compress(black_box(&block)));
            }),
        ),
        (
            "floor/hmac_sha1_prekeyed",
            Box::new(|| {
                black_box(floor::hmac_sha1_prekeyed(
                    black_box(&keyed),
                    black_box(TIME / 30),
                ));
            }),
        ),
        (
            "totp/generate/nidan",
            Box::new(|| {
                black_box(nidan.generate(black_box(TIME)).unwrap());
            }),
        ),
        (
            "totp/generate/totp-rs",
            Box::new(|| {
                black_box(totp_rs.generate(black_box(TIME)));
            }),
        ),
        ("totp/verify_current/nidan", verify("050471", true)),
        ("totp/verify_previous/nidan", verify("081804", true)),
        ("totp/verify_next/nidan", verify("266759", true)),
        ("totp/verify_wrong/nidan", verify("000000", false)),
        (
            "totp/verify_wrong/totp-rs",
            Box::new(|| {
                black_box(totp_rs.check(black_box("000000"), black_box(TIME)));
            }),
        ),
    ];

    let (batch, rounds) = if once { (1, 1) } else { (BATCH, ROUNDS) };
    let mut best = vec![f64::INFINITY; cases.len()];
    for _ in 0..rounds {
        for ((_, run), best) in cases.iter_mut().zip(&mut best) {
            let start = Instant::now();
            for _ in 0..batch {
                run();
            }
            *best = best.min(start.elapsed().as_secs_f64() * 1e9 / f64::from(batch));
        }
    }
    if once {
        println!("interleaved: every function ran once");
        return;
    }
    let floor = best[1];
    println!("| function | ns (fastest batch) | / hmac_sha1_prekeyed |");
    println!("|---|---|---|");
    for ((name, _), ns) in cases.iter().zip(&best) {
        println!("| `{name}` | {ns:.1} | {:.2} |", ns / floor);
    }
    let verify = &best[4..8];
    let spread = verify.iter().copied().fold(0.0, f64::max)
        / verify.iter().copied().fold(f64::INFINITY, f64::min);
    println!("\nverify groups, slowest / fastest: {spread:.3} (target at most 1.05)");
    println!(
        "verify_wrong, nidan / totp-rs: {:.2} (target at most 0.7)",
        best[7] / best[8]
    );
}
