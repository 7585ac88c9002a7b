//! Changing phones, end to end: enrol two accounts, move them with a
//! Google Authenticator export, check both phones agree, then re-enrol one
//! account and show that the old phone's codes for it stop working.
//!
//! Run it with `cargo run -p nidan-examples --bin phone_change`.

use std::process::ExitCode;

use nidan::{KeyUri, MigrationBatch, Qr, Secret, Totp, Verdict, Window};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("phone_change failed: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Turns any error into the message the example prints.
fn fail(error: impl std::fmt::Display) -> String {
    error.to_string()
}

fn run() -> Result<(), String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(fail)?
        .as_secs();

    // 1. Enrolment of two accounts on the old phone.
    let exchange = KeyUri::totp(
        Secret::generate().map_err(fail)?,
        Some("Example Exchange"),
        "alice@example.com",
    );
    let mail = KeyUri::totp(
        Secret::generate().map_err(fail)?,
        Some("Example Mail"),
        "alice",
    );
    let old_phone = vec![exchange.clone(), mail.clone()];
    println!("1. The old phone holds {} accounts", old_phone.len());

    // 2. "Transfer accounts": export as QR codes small enough to scan.
    let batch_id = i32::from_le_bytes(
        Secret::generate().map_err(fail)?.as_bytes()[..4]
            .try_into()
            .map_err(fail)?,
    );
    let export = MigrationBatch::export(&old_phone, batch_id, 1000).map_err(fail)?;
    println!("\n2. Export: {} QR code(s)", export.len());
    for uri in &export {
        let qr = Qr::new(uri).map_err(fail)?;
        println!(
            "   QR code of {} modules per side:\n{}",
            qr.width(),
            *qr.to_terminal()
        );
    }

    // 3. The new phone scans them.
    let mut new_phone = Vec::new();
    for uri in &export {
        new_phone.extend(MigrationBatch::parse(uri).map_err(fail)?.accounts);
    }
    println!("3. The new phone imported {} accounts", new_phone.len());
    for (old, new) in old_phone.iter().zip(&new_phone) {
        let old_code = old.to_totp().map_err(fail)?.generate(now).map_err(fail)?;
        let new_code = new.to_totp().map_err(fail)?.generate(now).map_err(fail)?;
        println!(
            "   {:<18} old phone {old_code}  new phone {new_code}",
            new.issuer.as_deref().unwrap_or("-")
        );
        if old_code != new_code {
            return Err(format!("the phones disagree for {}", new.account));
        }
    }

    // 4. The user re-enrols the exchange account: a new secret replaces the old.
    let reenrolled = KeyUri {
        secret: Secret::generate().map_err(fail)?,
        ..exchange.clone()
    };
    let server = reenrolled.to_totp().map_err(fail)?;
    println!(
        "\n4. Re-enrolment of {} issues a new secret",
        reenrolled.account
    );

    let stale_code = exchange
        .to_totp()
        .map_err(fail)?
        .generate(now)
        .map_err(fail)?;
    let verdict = server
        .verify(stale_code.as_str(), now, Window::default(), None)
        .map_err(fail)?
        .verdict();
    println!("   old phone's code {stale_code}: {verdict:?}");
    if verdict != Verdict::Rejected {
        return Err("the old secret's code was accepted after re-enrolment".into());
    }
    let fresh: Totp = reenrolled.to_totp().map_err(fail)?;
    let fresh_code = fresh.generate(now).map_err(fail)?;
    let verdict = server
        .verify(fresh_code.as_str(), now, Window::default(), None)
        .map_err(fail)?
        .verdict();
    println!("   re-enrolled phone's code {fresh_code}: {verdict:?}");
    if !verdict.is_accepted() {
        return Err("the new secret's code was refused".into());
    }
    Ok(())
}
