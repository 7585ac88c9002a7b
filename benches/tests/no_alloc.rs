//! Generating and verifying allocate nothing once a `Totp` or `Hotp` exists.
//!
//! A counting global allocator watches each call. The test runs without the
//! test harness, on one thread, so that nothing else allocates meanwhile.

use std::alloc::System;
use std::hint::black_box;

use nidan::{
    Algorithm, Hotp, HotpConfig, Secret, Totp, TotpConfig, Verdict, Window, normalize_code,
};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Runs `f` and fails when it allocated, reallocated or freed anything.
fn assert_no_alloc<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let region = Region::new(GLOBAL);
    let out = black_box(f());
    let change = region.change();
    assert!(
        change.allocations == 0 && change.reallocations == 0 && change.deallocations == 0,
        "{what} touched the heap: {change:?}"
    );
    out
}

fn totp_calls(totp: &Totp, name: &str) {
    let time = 1_111_111_111;
    let step = totp.step(time).unwrap();
    let code = assert_no_alloc(&format!("{name} generate"), || totp.generate(time).unwrap());
    let previous = totp.generate_at_step(step - 1);
    let next = assert_no_alloc(&format!("{name} generate_at_step"), || {
        totp.generate_at_step(step + 1)
    });
    let wrong = ["000000", "111111", "222222"]
        .into_iter()
        .find(|c| ![code, previous, next].iter().any(|known| known == c))
        .unwrap();
    let window = Window::default();
    let cases: [(&str, &str, Option<u64>); 8] = [
        ("accept current", code.as_str(), None),
        ("accept previous", previous.as_str(), None),
        ("accept next", next.as_str(), None),
        ("wrong", wrong, None),
        ("replay", code.as_str(), Some(step)),
        ("malformed: short", "12345", None),
        ("malformed: letters", "12a456", None),
        ("malformed: full-width", "１２３４５６", None),
    ];
    for (case, submitted, last_accepted) in cases {
        let verdict = assert_no_alloc(&format!("{name} verify, {case}"), || {
            totp.verify(submitted, time, window, last_accepted)
                .unwrap()
                .verdict()
        });
        let expected_accept = case.starts_with("accept");
        assert_eq!(verdict.is_accepted(), expected_accept, "{name} {case}");
        if case == "replay" {
            assert!(matches!(verdict, Verdict::Replayed(_)), "{name} {case}");
        }
    }
    let widest = Window::symmetric(Window::MAX_SIDE).unwrap();
    let verdict = assert_no_alloc(&format!("{name} verify, widest window"), || {
        totp.verify(wrong, time, widest, None).unwrap().verdict()
    });
    assert_eq!(verdict, Verdict::Rejected, "{name} widest window");
    assert_no_alloc(&format!("{name} time_step"), || {
        totp.time_step(time).unwrap()
    });
}

fn main() {
    // The counter itself works: a test that cannot fail proves nothing.
    let region = Region::new(GLOBAL);
    black_box(vec![0u8; 16]);
    assert!(
        region.change().allocations > 0,
        "the counting allocator counts"
    );

    let seeds: [(Algorithm, &[u8]); 3] = [
        (Algorithm::Sha1, b"12345678901234567890"),
        (Algorithm::Sha256, b"12345678901234567890123456789012"),
        (
            Algorithm::Sha512,
            b"1234567890123456789012345678901234567890123456789012345678901234",
        ),
    ];
    for (algorithm, seed) in seeds {
        let secret = Secret::from_bytes(seed).unwrap();
        let config = TotpConfig {
            algorithm,
            ..TotpConfig::default()
        };
        let totp = Totp::new(&secret, config).unwrap();
        totp_calls(&totp, algorithm.name());
    }

    let secret = Secret::from_bytes(b"12345678901234567890").unwrap();
    let hotp = Hotp::new(&secret, HotpConfig::default()).unwrap();
    let code = assert_no_alloc("hotp generate", || hotp.generate(3));
    let found = assert_no_alloc("hotp verify, match", || {
        hotp.verify(code.as_str(), 1, 3).unwrap().accepted()
    });
    assert_eq!(found.map(|m| m.step()), Some(3));
    let missed = assert_no_alloc("hotp verify, no match", || {
        hotp.verify(code.as_str(), 4, 3).unwrap().accepted()
    });
    assert_eq!(missed, None);
    let malformed = assert_no_alloc("hotp verify, malformed", || {
        hotp.verify("12 345", 1, 3).unwrap().verdict()
    });
    assert_eq!(malformed, Verdict::Rejected);
    assert_no_alloc("normalize_code", || normalize_code("１２３ ４５６"));
    println!("no_alloc: generating and verifying allocated nothing");
}
