//! The README's names table, Rust column: every name in it is one of the
//! names below, and every name below compiles, so a renamed or removed item
//! fails this test (`cargo test -p nidan-examples --test names`). Also checks
//! that the files the architecture section names exist.

use std::collections::BTreeSet;
use std::path::Path;

/// Lists the names, by kind, as text; and makes the compiler check each one.
macro_rules! names {
    (
        types: [$($ty:ident),* $(,)?],
        items: [$($item:ident $(:: $rest:ident)*),* $(,)?],
        fields: [$($owner:ident :: $field:ident),* $(,)?],
        variants: [$($enum:ident :: $variant:ident),* $(,)?] $(,)?
    ) => {{
        $(let _: Option<&nidan::$ty> = None;)*
        $(let _ = nidan::$item $(:: $rest)*;)*
        $(let _ = |value: &nidan::$owner| { let _ = &value.$field; };)*
        $(let _ = |value: &nidan::$enum| matches!(value, nidan::$enum::$variant { .. });)*
        let mut names = Vec::<String>::new();
        $(names.push(stringify!($ty).to_owned());)*
        $(names.push(stringify!($item $(:: $rest)*).replace(' ', ""));)*
        $(names.push(format!("{}::{}", stringify!($owner), stringify!($field)));)*
        $(names.push(format!("{}::{}", stringify!($enum), stringify!($variant)));)*
        names
    }};
}

/// Every Rust name the README's table shows.
fn rust_names() -> Vec<String> {
    names! {
        types: [Secret, TotpConfig, HotpConfig, KeyUri, Error],
        items: [
            Secret::from_base32, Secret::from_base32_allow_short, Secret::from_typed_base32,
            Secret::from_bytes, Secret::from_bytes_allow_short, Secret::generate,
            Secret::generate_with_len, Secret::to_base32, Secret::to_base32_grouped,
            Secret::as_bytes, Secret::byte_len,
            Totp::new, Totp::generate, Totp::generate_now, Totp::generate_at_step, Totp::step,
            Totp::time_step, Totp::time_step_now, Totp::verify, Totp::verify_now,
            Verification::verdict, Match::step, Match::drift, Match::next_counter,
            Hotp::new, Hotp::generate, Hotp::verify, normalize_code, limits, TotpConfig::steam,
            KeyUri::totp, KeyUri::parse, KeyUri::import_uri, KeyUri::to_uri, KeyUri::to_totp,
            KeyUri::to_hotp, Repair::kind, Repair::is_spelling,
            MigrationBatch::parse, MigrationBatch::to_uri, MigrationBatch::export,
            MigrationBatch::MAX_LEN, MigrationBatch::import_uri, MigrationImport::failures,
            Qr::new, Qr::width, Qr::is_dark, Qr::to_svg, Qr::to_terminal, Error::family,
            Error::code, Error::CODES,
            Record::new, Record::from_text, Record::to_text, Record::from_bytes, Record::to_bytes,
            Record::version, Record::last_step, Record::failures, Record::last_failure,
            Record::drift, Record::reset_failures, Record::restart,
            Login::new, Login::attempt, Login::recover, Throttle::delay, Attempt::record,
            RecoveryCodes::generate, RecoveryCodes::from_random, RecoveryCodes::redeem,
            RecoveryCodes::count, RecoveryCodes::remaining, RecoveryCodes::version,
            RecoveryCodes::from_text, RecoveryCodes::to_text, RecoveryCodes::MAX_COUNT,
            DeliveredCode::generate, DeliveredCode::from_random, DeliveredCode::check,
            DeliveredCode::expires_at, DeliveredCode::attempts_left, DeliveredCode::is_used,
            DeliveredCode::from_text, DeliveredCode::to_text,
        ],
        fields: [
            TotpConfig::algorithm, TotpConfig::digits, TotpConfig::period, TotpConfig::t0,
            TotpConfig::format, HotpConfig::format,
            TimeStep::start, TimeStep::end, TimeStep::remaining,
            ImportedKey::key, ImportedKey::repairs, KeyUri::kind, KeyUri::secret, KeyUri::issuer,
            KeyUri::account, KeyUri::algorithm, KeyUri::digits,
            MigrationBatch::accounts, MigrationBatch::version, MigrationBatch::batch_size,
            MigrationBatch::batch_index, MigrationBatch::batch_id,
            MigrationImport::accounts, MigrationImport::batch,
        ],
        variants: [
            Verdict::Accepted, Verdict::Replayed, Verdict::Rejected, OtpKind::Totp, OtpKind::Hotp,
            CodeFormat::Decimal, CodeFormat::Steam,
            ErrorFamily::Secret, ErrorFamily::Uri, ErrorFamily::Parameter,
            Attempt::Accepted, Attempt::Replayed, Attempt::Rejected, Attempt::Throttled, Attempt::Locked,
            Recovery::Accepted, Recovery::Rejected, Recovery::Throttled, Recovery::Locked,
            Confirmation::Accepted, Confirmation::Rejected, Confirmation::Expired,
            Confirmation::Exhausted, Confirmation::Used,
        ],
    }
}

fn readme() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The README section that starts with `heading`, up to the next `## `.
fn section<'a>(readme: &'a str, heading: &str) -> &'a str {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README lacks {heading}"));
    let rest = &readme[start + heading.len()..];
    &rest[..rest.find("\n## ").unwrap_or(rest.len())]
}

/// The names in backticks of one column of the names table, by header.
fn column(readme: &str, header: &str) -> BTreeSet<String> {
    let table = section(readme, "## Names across Rust, Python and JavaScript");
    let mut rows = table.lines().filter(|line| line.starts_with("| "));
    let headers: Vec<&str> = rows
        .next()
        .expect("the table has a header")
        .split('|')
        .map(str::trim)
        .collect();
    let index = headers
        .iter()
        .position(|cell| *cell == header)
        .expect("the table has the column");
    let mut names = BTreeSet::new();
    for row in rows.filter(|row| !row.starts_with("| ---")) {
        let cell = row
            .split('|')
            .nth(index)
            .expect("every row has every column");
        names.extend(cell.split('`').skip(1).step_by(2).map(str::to_owned));
    }
    names
}

#[test]
fn every_rust_name_in_the_readme_table_exists() {
    let listed: BTreeSet<String> = rust_names().into_iter().collect();
    let shown = column(&readme(), "Rust");
    assert!(
        shown.len() > 50,
        "the table shows {} Rust names",
        shown.len()
    );
    let unchecked: Vec<_> = shown.difference(&listed).collect();
    assert!(
        unchecked.is_empty(),
        "README names with no check here: {unchecked:?}"
    );
    let missing: Vec<_> = listed.difference(&shown).collect();
    assert!(
        missing.is_empty(),
        "names checked here that the README's table lacks: {missing:?}"
    );
}

#[test]
fn core_modules_named_in_the_architecture_section_exist() {
    let readme = readme();
    let section = section(&readme, "## Architecture: where each rule lives");
    // The paragraph, before the diagram.
    let text = &section[..section.find("```").unwrap_or(section.len())];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut paths = 0;
    for name in text.split('`').skip(1).step_by(2) {
        let path =
            if !name.contains('/') && Path::new(name).extension().is_some_and(|ext| ext == "rs") {
                root.join("core/src").join(name)
            } else if name.contains('/') && !name.starts_with("nidan/") {
                root.join(name)
            } else {
                continue;
            };
        assert!(
            path.exists(),
            "the architecture section names {name}, which is not at {}",
            path.display()
        );
        paths += 1;
    }
    assert!(paths >= 15, "the architecture section names {paths} files");
}
