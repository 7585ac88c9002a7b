//! The paths that touch the MAC (generating and verifying codes), each in a
//! named function of its own, for the division check: `scripts/parts/ct.sh`
//! disassembles this program's release build and finds no division
//! instruction in these functions or in anything they call, apart from the
//! one division of public values (the time by the period).
//!
//! Run, it generates and verifies a code in every format and length with
//! every algorithm, from inputs the optimiser cannot see, and prints a
//! summary: `cargo run -p nidan-examples --bin mac_paths`.

use std::hint::black_box;
use std::process::ExitCode;

use nidan::{
    Algorithm, Code, CodeFormat, Hotp, HotpConfig, Secret, Totp, TotpConfig, Verification, Window,
};

#[inline(never)]
fn hotp_generate(hotp: &Hotp, counter: u64) -> Code {
    hotp.generate(counter)
}

#[inline(never)]
fn hotp_verify(
    hotp: &Hotp,
    code: &str,
    counter: u64,
    look_ahead: u32,
) -> nidan::Result<Verification> {
    hotp.verify(code, counter, look_ahead)
}

#[inline(never)]
fn totp_generate(totp: &Totp, time: u64) -> nidan::Result<Code> {
    totp.generate(time)
}

#[inline(never)]
fn totp_generate_at_step(totp: &Totp, step: u64) -> Code {
    totp.generate_at_step(step)
}

#[inline(never)]
fn totp_verify(
    totp: &Totp,
    code: &str,
    time: u64,
    window: Window,
    last_accepted: Option<u64>,
) -> nidan::Result<Verification> {
    totp.verify(code, time, window, last_accepted)
}

fn main() -> ExitCode {
    match run() {
        Ok(checked) => {
            println!("mac_paths: {checked} codes generated and verified");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("mac_paths failed: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<usize, String> {
    let secret = Secret::from_bytes(black_box(b"12345678901234567890123456789012"))
        .map_err(|e| e.to_string())?;
    let formats = [
        (CodeFormat::Decimal, 6),
        (CodeFormat::Decimal, 7),
        (CodeFormat::Decimal, 8),
        (CodeFormat::Decimal, 9),
        (CodeFormat::Decimal, 10),
        (CodeFormat::Steam, 5),
    ];
    let algorithms = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];
    let mut checked = 0;
    for &algorithm in black_box(&algorithms) {
        for &(format, digits) in black_box(&formats) {
            let hotp_config = HotpConfig {
                algorithm,
                digits,
                format,
            };
            let hotp = Hotp::new(&secret, hotp_config).map_err(|e| e.to_string())?;
            let code = hotp_generate(&hotp, black_box(7));
            let found = hotp_verify(&hotp, code.as_str(), black_box(5), black_box(3))
                .map_err(|e| e.to_string())?;
            let totp_config = TotpConfig {
                algorithm,
                digits,
                format,
                ..TotpConfig::default()
            };
            let totp = Totp::new(&secret, totp_config).map_err(|e| e.to_string())?;
            let now = black_box(1_111_111_111);
            let code_now = totp_generate(&totp, now).map_err(|e| e.to_string())?;
            let step = totp.step(now).map_err(|e| e.to_string())?;
            let same = totp_generate_at_step(&totp, step) == code_now;
            let matched = totp_verify(&totp, code_now.as_str(), now, Window::default(), None)
                .map_err(|e| e.to_string())?;
            if !found.is_accepted() || !same || !matched.is_accepted() {
                return Err(format!(
                    "{algorithm:?} {format:?} {digits}: a code did not verify"
                ));
            }
            checked += 1;
        }
    }
    Ok(checked)
}
