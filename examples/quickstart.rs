//! The story nidan serves, from enrolment to a login from a slow phone.
//!
//! Run it with `cargo run -p nidan-examples --bin quickstart`.

use std::process::ExitCode;

use nidan::{KeyUri, Qr, Secret, Totp, TotpConfig, Verdict, Window};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("quickstart failed: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    // Enrolment: the server makes a 160-bit secret and shows it once.
    let secret = Secret::generate().map_err(|e| e.to_string())?;
    println!("1. Enrolment");
    println!(
        "   Secret key to write down:  {}",
        *secret.to_base32_grouped()
    );
    let key = KeyUri::totp(
        secret.clone(),
        Some("Example Exchange"),
        "alice@example.com",
    );
    let uri = key.to_uri().map_err(|e| e.to_string())?;
    println!("   QR code content:           {}", *uri);
    let qr = Qr::new(&uri).map_err(|e| e.to_string())?;
    println!("   QR code to scan:\n{}", *qr.to_terminal());

    // The phone and the server now compute the same codes.
    let totp = Totp::new(&secret, TotpConfig::default()).map_err(|e| e.to_string())?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| e.to_string())?
        .as_secs();
    let code = totp.generate(now).map_err(|e| e.to_string())?;
    let step = totp.time_step(now).map_err(|e| e.to_string())?;
    println!(
        "\n2. The phone shows {code}, valid for {} more seconds",
        step.remaining
    );

    // Login: the server checks the code and stores the step it matched.
    println!("\n3. Login");
    let verdict = totp
        .verify(code.as_str(), now, Window::default(), None)
        .map_err(|e| e.to_string())?
        .verdict();
    let Verdict::Accepted(login) = verdict else {
        return Err(format!("the current code was not accepted: {verdict:?}"));
    };
    println!(
        "   {code} accepted at step {} (drift {})",
        login.step(),
        login.drift()
    );
    let last_accepted = Some(login.step());

    // Someone replays the same code a few seconds later.
    let replay = totp.verify(code.as_str(), now + 5, Window::default(), last_accepted);
    match replay.map_err(|e| e.to_string())?.verdict() {
        Verdict::Replayed(_) => println!("   {code} again: refused, it was already used"),
        other => return Err(format!("a replayed code was not refused: {other:?}")),
    }

    // A minute later Alice logs in from a phone whose clock runs 30 s slow.
    println!("\n4. Next login, from a phone whose clock is 30 seconds slow");
    let server_time = now + 60;
    let slow_code = totp.generate(server_time - 30).map_err(|e| e.to_string())?;
    let verdict = totp
        .verify(
            slow_code.as_str(),
            server_time,
            Window::default(),
            last_accepted,
        )
        .map_err(|e| e.to_string())?
        .verdict();
    let Verdict::Accepted(late) = verdict else {
        return Err(format!(
            "the slow phone's code was not accepted: {verdict:?}"
        ));
    };
    println!(
        "   {slow_code} accepted at step {} with drift {}: the phone is one step behind",
        late.step(),
        late.drift()
    );
    if late.drift() != -1 {
        return Err(format!("expected a drift of -1, got {}", late.drift()));
    }
    let wrong = totp.verify("000000", server_time, Window::default(), Some(late.step()));
    println!(
        "   000000: {:?}",
        wrong.map_err(|e| e.to_string())?.verdict()
    );
    Ok(())
}
