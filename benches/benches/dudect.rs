//! Timing-leak evidence for verification, in the manner of dudect
//! (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", 2017).
//!
//! Each comparison prepares inputs of two classes an attacker could choose
//! between, shuffles them, times one verification per input, and runs
//! Welch's t-test on the two timing samples, uncropped and cropped at 100
//! upper percentiles (which removes interrupts and other one-sided noise).
//! The largest |t| is printed; dudect's threshold for a leak is 4.5, the
//! aim is to stay below it after a million measurements or more.
//!
//! ```text
//! cargo bench -p nidan-benches --bench dudect -- [--samples N | --quick] [FILTER]
//! cargo bench -p nidan-benches --bench dudect -- --write-pairs
//! ```
//!
//! `--quick` (also what `cargo bench -- --test` passes) times 2,000
//! verifications per pair: it proves the harness runs, and claims nothing.
//! `--write-pairs` writes the same pairs as inputs for the wasm/Node and
//! Python harnesses (`benches/js/dudect.mjs`, `benches/python/dudect.py`)
//! to `benches/dudect_pairs.json`: [`POOL`] inputs of each class per pair,
//! with the arguments of the call and the verdict each class must get.
//! `--check-pairs` fails when that file is not what `--write-pairs` would
//! write (`scripts/test bench` runs it).
//!
//! One more comparison, `import_fixed_vs_random_secret`, times the import
//! mode (`KeyUri::import_uri`) on a fixed secret against random ones: it
//! is Rust-only, and not in the pairs file.
//!
//! What this does not cover: the length and format of the submitted code
//! (checked before anything is computed, and documented as visible), the
//! window size and the HMAC key (both fixed here), and anything a finer
//! timer or a cache attack could see.

#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "timings and counts far below 2^52; percentile indexes are small and positive"
)]

use std::hint::black_box;
use std::time::Instant;

use nidan::{Code, Hotp, HotpConfig, KeyUri, Secret, Totp, TotpConfig, Verdict, Window};

/// dudect's threshold: |t| above it is taken as a timing leak.
const THRESHOLD: f64 = 4.5;

/// One verification to time: the code submitted and the step or counter it is checked at.
#[derive(Clone, Copy)]
struct Input {
    code: [u8; 6],
    at: u64,
    right: bool,
}

/// Two classes of inputs and the call to time.
struct Comparison {
    name: &'static str,
    left: &'static str,
    right: &'static str,
    /// Makes one input of the given class (`right` or left) from random numbers.
    make: fn(&Fixture, &mut Rng, bool) -> Input,
    /// The verification to time.
    call: Call,
}

/// The verification a comparison times.
#[derive(Clone, Copy)]
enum Call {
    /// `Totp::verify` at a time inside the input's step, ±1 window, no replay floor.
    Totp,
    /// The same, with the input's step as the last accepted one.
    TotpReplay,
    /// `Hotp::verify` from the input's counter with [`LOOK_AHEAD`].
    Hotp,
}

impl Call {
    /// Verifies one input, handing the whole result to `black_box` (no
    /// branch on it here, so the harness adds no timing of its own).
    fn verify(self, fixture: &Fixture, input: &Input) -> nidan::Result<nidan::Verification> {
        black_box(match self {
            Self::Totp => fixture.totp.verify(
                code_str(&input.code),
                totp_time(input.at),
                Window::default(),
                None,
            ),
            // The current step was accepted already: the previous one replays.
            Self::TotpReplay => fixture.totp.verify(
                code_str(&input.code),
                totp_time(input.at),
                Window::default(),
                Some(input.at),
            ),
            Self::Hotp => fixture
                .hotp
                .verify(code_str(&input.code), input.at, LOOK_AHEAD),
        })
    }

    /// Its name in the pairs file.
    const fn name(self) -> &'static str {
        match self {
            Self::Totp => "totp",
            Self::TotpReplay => "totp_replay",
            Self::Hotp => "hotp",
        }
    }

    /// The call's arguments after the code, as JSON numbers: the time
    /// (TOTP), the time and the last accepted step (replay), the counter (HOTP).
    fn arguments(self, input: &Input) -> String {
        match self {
            Self::Totp => totp_time(input.at).to_string(),
            Self::TotpReplay => format!("{}, {}", totp_time(input.at), input.at),
            Self::Hotp => input.at.to_string(),
        }
    }
}

/// Any time inside the step does: the step is what the test controls.
const fn totp_time(step: u64) -> u64 {
    step * 30 + 7
}

struct Fixture {
    totp: Totp,
    hotp: Hotp,
}

/// HOTP look-ahead in the HOTP comparison.
const LOOK_AHEAD: u32 = 5;

/// The HMAC key of every comparison (RFC 4226's and RFC 6238's SHA-1 seed).
const KEY: &[u8; 20] = b"12345678901234567890";

/// Inputs of each class per pair in the file `--write-pairs` writes.
const POOL: usize = 128;

/// Measurements per pair with `--quick`.
const QUICK_SAMPLES: usize = 2_000;

/// The pairs as inputs for the wasm/Node and Python harnesses.
const PAIRS_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/dudect_pairs.json");

/// What to do with [`PAIRS_FILE`].
enum PairsFile {
    Write,
    Check,
}

fn main() {
    let mut samples = 1_000_000usize;
    let mut filter = None;
    let mut pairs_file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--samples" => {
                samples = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .expect("--samples takes a number");
            }
            "--quick" | "--test" => samples = QUICK_SAMPLES,
            "--write-pairs" => pairs_file = Some(PairsFile::Write),
            "--check-pairs" => pairs_file = Some(PairsFile::Check),
            // `cargo bench` passes --bench; other flags are not ours either.
            flag if flag.starts_with('-') => {}
            name => filter = Some(name.to_owned()),
        }
    }
    let secret = Secret::from_bytes(KEY).expect("20 bytes");
    let fixture = Fixture {
        totp: Totp::new(&secret, TotpConfig::default()).expect("default parameters"),
        hotp: Hotp::new(&secret, HotpConfig::default()).expect("default parameters"),
    };
    let mut rng = Rng(0x6e69_6461_6e5f_6374);
    if let Some(action) = pairs_file {
        let json = pairs_json(&fixture, &mut rng);
        match action {
            PairsFile::Write => {
                std::fs::write(PAIRS_FILE, json).expect("the pairs file is writable");
                println!("wrote {POOL} inputs of each class of each pair to {PAIRS_FILE}");
            }
            PairsFile::Check => {
                let committed = std::fs::read_to_string(PAIRS_FILE).unwrap_or_default();
                assert!(
                    committed == json,
                    "{PAIRS_FILE} is not what this harness writes: run \
                     cargo bench -p nidan-benches --bench dudect -- --write-pairs"
                );
                println!("{PAIRS_FILE} holds this harness's pairs");
            }
        }
        return;
    }
    let mut largest: f64 = 0.0;
    for comparison in comparisons() {
        if filter
            .as_deref()
            .is_some_and(|f| !comparison.name.contains(f))
        {
            continue;
        }
        let t = run(&fixture, &comparison, samples, &mut rng);
        largest = largest.max(t.abs());
    }
    if filter.as_deref().is_none_or(|f| IMPORT_PAIR.contains(f)) {
        largest = largest.max(run_import(samples, &mut rng).abs());
    }
    if samples == QUICK_SAMPLES {
        println!("largest |t| = {largest:.2} (quick run: too few measurements to claim anything)");
        return;
    }
    println!(
        "largest |t| = {largest:.2} ({}: threshold {THRESHOLD})",
        if largest < THRESHOLD {
            "no leak detected"
        } else {
            "LEAK OR NOISE, investigate"
        }
    );
}

#[allow(clippy::too_many_lines, reason = "one table of eight comparisons")]
fn comparisons() -> [Comparison; 8] {
    [
        Comparison {
            name: "totp_wrong_digits_0_vs_5",
            left: "wrong code sharing no leading digit with the right one",
            right: "wrong code sharing the first five digits",
            make: |fixture, rng, right| {
                let step = random_step(rng);
                let expected = fixture.totp.generate_at_step(step);
                let code = loop {
                    let code = if right {
                        change_digits(&expected, 5, rng)
                    } else {
                        change_digits(&expected, 0, rng)
                    };
                    if !window_codes(fixture, step).contains(&code) {
                        break code;
                    }
                };
                Input {
                    code,
                    at: step,
                    right,
                }
            },
            call: Call::Totp,
        },
        Comparison {
            name: "totp_previous_vs_next_step",
            left: "code of the previous step",
            right: "code of the next step",
            make: |fixture, rng, right| {
                let (step, codes) = distinct_window(fixture, rng);
                let code = if right { codes[2] } else { codes[0] };
                Input {
                    code,
                    at: step,
                    right,
                }
            },
            call: Call::Totp,
        },
        Comparison {
            name: "totp_previous_step_vs_none",
            left: "code of the previous step",
            right: "code of no step in the window",
            make: |fixture, rng, right| step_or_none(fixture, rng, right, 0),
            call: Call::Totp,
        },
        Comparison {
            name: "totp_next_step_vs_none",
            left: "code of the next step",
            right: "code of no step in the window",
            make: |fixture, rng, right| step_or_none(fixture, rng, right, 2),
            call: Call::Totp,
        },
        Comparison {
            name: "totp_current_step_vs_none",
            left: "code of the current step",
            right: "code of no step in the window",
            make: |fixture, rng, right| step_or_none(fixture, rng, right, 1),
            call: Call::Totp,
        },
        Comparison {
            name: "totp_replayed_vs_none",
            left: "code of the previous step, at or below the last accepted one",
            right: "code of no step in the window",
            make: |fixture, rng, right| step_or_none(fixture, rng, right, 0),
            call: Call::TotpReplay,
        },
        Comparison {
            name: "hotp_last_counter_vs_none",
            left: "code of the last counter of the look-ahead",
            right: "code of no counter of the look-ahead",
            make: |fixture, rng, right| {
                let counter = random_step(rng);
                let codes: Vec<[u8; 6]> = (0..=u64::from(LOOK_AHEAD))
                    .map(|i| digits(&fixture.hotp.generate(counter + i)))
                    .collect();
                let code = if right {
                    wrong_code(&codes, rng)
                } else {
                    codes[codes.len() - 1]
                };
                Input {
                    code,
                    at: counter,
                    right,
                }
            },
            call: Call::Hotp,
        },
        Comparison {
            name: "hotp_first_vs_last_counter",
            left: "code of the stored counter",
            right: "code of the last counter of the look-ahead",
            make: |fixture, rng, right| loop {
                let counter = random_step(rng);
                let codes: Vec<[u8; 6]> = (0..=u64::from(LOOK_AHEAD))
                    .map(|i| digits(&fixture.hotp.generate(counter + i)))
                    .collect();
                let first = codes[0];
                let last = codes[codes.len() - 1];
                if codes.iter().filter(|&&c| c == first || c == last).count() == 2 {
                    let code = if right { last } else { first };
                    break Input {
                        code,
                        at: counter,
                        right,
                    };
                }
            },
            call: Call::Hotp,
        },
    ]
}

/// Prepares `samples` inputs of random classes, times one verification per
/// input in that order, and prints the t statistics; returns the largest.
fn run(fixture: &Fixture, comparison: &Comparison, samples: usize, rng: &mut Rng) -> f64 {
    println!(
        "{}: left = {}; right = {}",
        comparison.name, comparison.left, comparison.right
    );
    let inputs: Vec<Input> = (0..samples)
        .map(|_| {
            let right = rng.next() & 1 == 1;
            (comparison.make)(fixture, rng, right)
        })
        .collect();
    // Warm the caches and the branch predictors on both classes first.
    for input in inputs.iter().take(10_000) {
        let _ = comparison.call.verify(fixture, black_box(input));
    }
    let timings: Vec<(bool, u64)> = inputs
        .iter()
        .map(|input| {
            let start = Instant::now();
            let _ = comparison.call.verify(fixture, black_box(input));
            let nanos = start.elapsed().as_nanos();
            (input.right, u64::try_from(nanos).unwrap_or(u64::MAX))
        })
        .collect();
    report(&timings)
}

/// Prints the class medians and the largest |t| of `timings`; returns that t.
fn report(timings: &[(bool, u64)]) -> f64 {
    let (max_t, crop, n, difference) = max_t(timings);
    let median = |class: bool| {
        let mut of_class: Vec<u64> = timings
            .iter()
            .filter(|(c, _)| *c == class)
            .map(|&(_, t)| t)
            .collect();
        of_class.sort_unstable();
        of_class.get(of_class.len() / 2).copied().unwrap_or(0)
    };
    println!(
        "  {} measurements, median {} ns (left) / {} ns (right); max |t| = {:.2} \
         (n = {n} below percentile cut {crop}, mean right - left {difference:+.2} ns), {}",
        timings.len(),
        median(false),
        median(true),
        max_t.abs(),
        if max_t.abs() < THRESHOLD {
            "ok"
        } else {
            "ABOVE 4.5"
        }
    );
    max_t
}

/// The import mode's comparison, timed here only: the wasm and Python
/// harnesses time verification, so it is not in the pairs file.
const IMPORT_PAIR: &str = "import_fixed_vs_random_secret";

/// `KeyUri::import_uri` of a URI whose secret is one fixed secret (left)
/// or a random one (right), both 32 characters in lower case, in groups of
/// four and over-padded, so that the same repairs are made (separators,
/// padding) and only the secret's characters differ. Returns the largest t.
fn run_import(samples: usize, rng: &mut Rng) -> f64 {
    const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
    println!(
        "{IMPORT_PAIR}: left = one fixed secret; right = random secrets \
         (same length, separators and padding)"
    );
    let uri = |chars: [u8; 32]| {
        let groups: Vec<&str> = chars
            .chunks(4)
            .map(|group| std::str::from_utf8(group).expect("ASCII"))
            .collect();
        format!(
            "otpauth://totp/ACME%20Co:alice@example.com?secret={}%3D%3D&issuer=ACME%20Co",
            groups.join("%20")
        )
    };
    let fixed = uri([b'a'; 32]);
    let inputs: Vec<(bool, String)> = (0..samples)
        .map(|_| {
            if rng.next() & 1 == 1 {
                let chars = std::array::from_fn(|_| ALPHABET[(rng.next() % 32) as usize]);
                (true, uri(chars))
            } else {
                (false, fixed.clone())
            }
        })
        .collect();
    let imported = KeyUri::import_uri(&fixed).expect("the fixed URI imports");
    assert_eq!(imported.repairs.len(), 2, "separators and padding");
    for (_, text) in inputs.iter().take(10_000) {
        drop(black_box(KeyUri::import_uri(black_box(text))));
    }
    let timings: Vec<(bool, u64)> = inputs
        .iter()
        .map(|(right, text)| {
            let start = Instant::now();
            let imported = KeyUri::import_uri(black_box(text));
            let nanos = start.elapsed().as_nanos();
            drop(black_box(imported));
            (*right, u64::try_from(nanos).unwrap_or(u64::MAX))
        })
        .collect();
    report(&timings)
}

/// Welch's t over the whole sample and over the samples under each of 100
/// upper percentiles, as dudect does; returns the t of largest magnitude,
/// the index of its cut (0: uncropped), how many measurements it used and
/// the difference of the class means there.
fn max_t(timings: &[(bool, u64)]) -> (f64, usize, usize, f64) {
    let mut sorted: Vec<u64> = timings.iter().map(|&(_, t)| t).collect();
    sorted.sort_unstable();
    let mut cuts = vec![u64::MAX];
    for k in 0..100 {
        let fraction = 1.0 - 0.5f64.powf(10.0 * f64::from(k + 1) / 100.0);
        let index = ((sorted.len() as f64) * fraction) as usize;
        cuts.push(sorted[index.min(sorted.len() - 1)]);
    }
    let mut best = (0.0, 0, 0, 0.0);
    for (k, &cut) in cuts.iter().enumerate() {
        let mut classes = [Welford::default(), Welford::default()];
        for &(right, t) in timings {
            if t < cut || cut == u64::MAX {
                classes[usize::from(right)].add(t as f64);
            }
        }
        let t = welch_t(&classes[0], &classes[1]);
        if t.abs() > f64::abs(best.0) {
            best = (
                t,
                k,
                classes[0].n + classes[1].n,
                classes[1].mean - classes[0].mean,
            );
        }
    }
    best
}

/// Running mean and variance (Welford).
#[derive(Default)]
struct Welford {
    n: usize,
    mean: f64,
    m2: f64,
}

impl Welford {
    fn add(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
    }

    fn variance(&self) -> f64 {
        if self.n < 2 {
            0.0
        } else {
            self.m2 / (self.n - 1) as f64
        }
    }
}

fn welch_t(a: &Welford, b: &Welford) -> f64 {
    if a.n < 2 || b.n < 2 {
        return 0.0;
    }
    let spread = (a.variance() / a.n as f64 + b.variance() / b.n as f64).sqrt();
    if spread == 0.0 {
        0.0
    } else {
        (a.mean - b.mean) / spread
    }
}

/// The pairs as JSON for the other harnesses: the fixture's parameters,
/// then per pair its name, classes, call, and [`POOL`] inputs of each class
/// (the code and the call's other arguments) with the verdict all of them get.
fn pairs_json(fixture: &Fixture, rng: &mut Rng) -> String {
    let pairs: Vec<String> = comparisons()
        .iter()
        .map(|comparison| {
            let mut fields = vec![
                format!("\"name\": {}", json_text(comparison.name)),
                format!("\"left\": {}", json_text(comparison.left)),
                format!("\"right\": {}", json_text(comparison.right)),
                format!("\"call\": \"{}\"", comparison.call.name()),
            ];
            for right in [false, true] {
                let class = if right { "right" } else { "left" };
                let inputs: Vec<Input> = (0..POOL)
                    .map(|_| (comparison.make)(fixture, rng, right))
                    .collect();
                let verdict = verdict_name(comparison.call, fixture, &inputs[0]);
                assert!(
                    inputs
                        .iter()
                        .all(|input| verdict_name(comparison.call, fixture, input) == verdict),
                    "{}: the {class} class has more than one verdict",
                    comparison.name
                );
                let lines: Vec<String> = inputs
                    .iter()
                    .map(|input| {
                        format!(
                            "        [\"{}\", {}]",
                            code_str(&input.code),
                            comparison.call.arguments(input)
                        )
                    })
                    .collect();
                fields.push(format!("\"{class}_verdict\": \"{verdict}\""));
                fields.push(format!(
                    "\"{class}_inputs\": [\n{}\n      ]",
                    lines.join(",\n")
                ));
            }
            format!("    {{\n      {}\n    }}", fields.join(",\n      "))
        })
        .collect();
    let key = std::str::from_utf8(KEY).expect("ASCII key");
    format!(
        "{{\n  \"written_by\": \"cargo bench -p nidan-benches --bench dudect -- --write-pairs\",\n  \
         \"key\": \"{key}\",\n  \"algorithm\": \"SHA1\",\n  \"digits\": 6,\n  \"period\": 30,\n  \
         \"behind\": 1,\n  \"ahead\": 1,\n  \"look_ahead\": {LOOK_AHEAD},\n  \"pairs\": [\n{}\n  ]\n}}\n",
        pairs.join(",\n")
    )
}

/// "accepted", "replayed" or "rejected": what `input` gets.
fn verdict_name(call: Call, fixture: &Fixture, input: &Input) -> &'static str {
    match call
        .verify(fixture, input)
        .map(nidan::Verification::verdict)
    {
        Ok(Verdict::Accepted(_)) => "accepted",
        Ok(Verdict::Replayed(_)) => "replayed",
        Ok(Verdict::Rejected) => "rejected",
        Err(error) => panic!("a well-formed input failed: {error}"),
    }
}

/// A JSON string of plain text (the names and descriptions above).
fn json_text(text: &str) -> String {
    assert!(
        !text.contains(['"', '\\']) && text.is_ascii(),
        "plain ASCII text expected: {text}"
    );
    format!("\"{text}\"")
}

/// A step far from 0 and from `u64::MAX`, where no clipping happens, and
/// from 2^30 to 2^31 (times from 2^35 to 2^36): the same kind of number
/// for every input in Python (two 30-bit digits) and in JavaScript (no
/// small integer), whose conversions of smaller numbers are faster. In a
/// pool of 128 inputs, a few more small numbers in one class than in the
/// other showed as a difference of about half a nanosecond (|t| up to 35
/// over a million Python measurements).
fn random_step(rng: &mut Rng) -> u64 {
    (1 << 30) + rng.next() % (1 << 30)
}

/// An input for "a step's code vs a code of no step": the code of the
/// window's step `index` (0 previous, 1 current, 2 next) when `right` is
/// false, else a code matching none of the three.
fn step_or_none(fixture: &Fixture, rng: &mut Rng, right: bool, index: usize) -> Input {
    let (step, codes) = distinct_window(fixture, rng);
    let code = if right {
        wrong_code(&codes, rng)
    } else {
        codes[index]
    };
    Input {
        code,
        at: step,
        right,
    }
}

/// A step whose window (previous, current, next) has three different codes.
fn distinct_window(fixture: &Fixture, rng: &mut Rng) -> (u64, [[u8; 6]; 3]) {
    loop {
        let step = random_step(rng);
        let codes = window_codes(fixture, step);
        if codes[0] != codes[1] && codes[1] != codes[2] && codes[0] != codes[2] {
            return (step, codes);
        }
    }
}

fn window_codes(fixture: &Fixture, step: u64) -> [[u8; 6]; 3] {
    [step - 1, step, step + 1].map(|s| digits(&fixture.totp.generate_at_step(s)))
}

/// A random code matching none of `codes`.
fn wrong_code(codes: &[[u8; 6]], rng: &mut Rng) -> [u8; 6] {
    loop {
        let code = [0; 6].map(|_: u8| b'0' + (rng.next() % 10) as u8);
        if !codes.contains(&code) {
            return code;
        }
    }
}

/// `expected` with the first `keep` digits kept and every later one changed.
fn change_digits(expected: &Code, keep: usize, rng: &mut Rng) -> [u8; 6] {
    let mut code = digits(expected);
    for digit in &mut code[keep..] {
        let shift = 1 + (rng.next() % 9) as u8;
        *digit = b'0' + (*digit - b'0' + shift) % 10;
    }
    code
}

fn digits(code: &Code) -> [u8; 6] {
    code.as_str().as_bytes().try_into().expect("6 digits")
}

fn code_str(code: &[u8; 6]) -> &str {
    std::str::from_utf8(code).expect("ASCII digits")
}

/// xorshift64*: reproducible input choice; not for anything secret.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}
