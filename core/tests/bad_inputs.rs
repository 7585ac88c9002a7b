//! The shared table of malformed inputs, `tests/vectors/bad_inputs.json`
//! (the Python and JavaScript suites read the same file): every entry the
//! Rust types can express gives an error of its family, or for codes a
//! plain rejection, without a panic and without showing the input in the
//! error; afterwards the RFC codes still come out.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use nidan::{
    Algorithm, Error, ErrorFamily, Hotp, HotpConfig, KeyUri, Secret, Totp, TotpConfig, Verdict,
    Window,
};
use serde_json::Value;

const KINDS: [&str; 12] = [
    "secret_base32",
    "secret_typed",
    "secret_bytes",
    "secret_random",
    "uri",
    "totp_config",
    "hotp_config",
    "time",
    "window",
    "look_ahead",
    "counter",
    "code",
];

fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn entries() -> Vec<Value> {
    load("bad_inputs.json")["entries"]
        .as_array()
        .unwrap()
        .clone()
}

fn for_rust(entry: &Value) -> bool {
    entry["surfaces"]
        .as_array()
        .is_none_or(|surfaces| surfaces.iter().any(|s| s == "rust"))
}

fn fixture_secret() -> Secret {
    Secret::from_bytes(b"12345678901234567890").unwrap()
}

/// A whole number the entry says Rust can express: a JSON integer or a
/// decimal string (for values beyond what JSON numbers carry exactly).
fn u64_of(value: &Value) -> u64 {
    value
        .as_u64()
        .or_else(|| value.as_str().and_then(|text| text.parse().ok()))
        .unwrap_or_else(|| panic!("{value} is not a u64: list only python and js in surfaces"))
}

fn u32_of(value: &Value) -> u32 {
    u32::try_from(u64_of(value))
        .unwrap_or_else(|_| panic!("{value} is not a u32: list only python and js in surfaces"))
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

/// What the Rust core says to an entry: an error, or `Ok` for a code that
/// was rejected as it must be.
fn run(entry: &Value) -> Result<(), Error> {
    let input = &entry["input"];
    let secret = fixture_secret();
    match text(&entry["kind"]) {
        "secret_base32" => Secret::from_base32(text(input)).map(drop),
        "secret_typed" => Secret::from_typed_base32(text(input)).map(drop),
        "secret_bytes" => Secret::from_bytes(&hex(text(input))).map(drop),
        "secret_random" => Secret::from_random(&hex(text(input))).map(drop),
        "uri" => KeyUri::parse(text(input)).map(drop),
        "totp_config" => {
            let mut config = TotpConfig::default();
            if let Some(name) = input.get("algorithm") {
                config.algorithm = text(name).parse::<Algorithm>()?;
            }
            if let Some(digits) = input.get("digits") {
                config.digits = u32_of(digits);
            }
            if let Some(period) = input.get("period") {
                config.period = u64_of(period);
            }
            if let Some(t0) = input.get("t0") {
                config.t0 = u64_of(t0);
            }
            Totp::new(&secret, config).map(drop)
        }
        "hotp_config" => {
            let mut config = HotpConfig::default();
            if let Some(name) = input.get("algorithm") {
                config.algorithm = text(name).parse::<Algorithm>()?;
            }
            if let Some(digits) = input.get("digits") {
                config.digits = u32_of(digits);
            }
            Hotp::new(&secret, config).map(drop)
        }
        "time" => {
            let t0 = input.get("t0").map_or(0, u64_of);
            let totp = Totp::new(
                &secret,
                TotpConfig {
                    t0,
                    ..Default::default()
                },
            )?;
            let time = u64_of(&input["time"]);
            // Every time-taking call must refuse it the same way.
            let generated = totp.generate(time).map(drop);
            assert_eq!(totp.time_step(time).map(drop), generated);
            assert_eq!(totp.step(time).map(drop), generated);
            let verified = totp.verify("287082", time, Window::default(), None);
            assert_eq!(verified.map(drop), generated);
            generated
        }
        "window" => {
            let window = Window::new(u32_of(&input["behind"]), u32_of(&input["ahead"]))?;
            let totp = Totp::new(&secret, TotpConfig::default())?;
            totp.verify("287082", 59, window, None).map(drop)
        }
        "look_ahead" => {
            let hotp = Hotp::new(&secret, HotpConfig::default())?;
            hotp.verify("287082", 0, u32_of(input)).map(drop)
        }
        "counter" => panic!("every counter is a valid u64: list only python and js in surfaces"),
        "code" => {
            let code = text(input);
            let totp = Totp::new(&secret, TotpConfig::default())?;
            assert_eq!(
                totp.verify(code, 59, Window::default(), None)?.verdict(),
                Verdict::Rejected
            );
            let hotp = Hotp::new(&secret, HotpConfig::default())?;
            assert_eq!(hotp.verify(code, 0, 2)?.verdict(), Verdict::Rejected);
            Ok(())
        }
        other => panic!("unknown kind {other}"),
    }
}

fn family_name(family: ErrorFamily) -> &'static str {
    match family {
        ErrorFamily::Secret => "secret",
        ErrorFamily::Uri => "uri",
        ErrorFamily::Parameter => "parameter",
        _ => "unknown",
    }
}

#[test]
fn every_entry_gets_its_error_family_and_nothing_panics() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in entries().iter().filter(|entry| for_rust(entry)) {
        let id = text(&entry["id"]);
        let expected = text(&entry["family"]);
        match catch_unwind(AssertUnwindSafe(|| run(entry))) {
            Err(_) => failures.push(format!("{id}: panicked")),
            Ok(Ok(())) if expected == "none" => {}
            Ok(Ok(())) => failures.push(format!("{id}: accepted, expected a {expected} error")),
            Ok(Err(error)) => {
                if let Some(leak) = shown_input(entry, &error) {
                    failures.push(format!("{id}: the error {error:?} shows {leak:?}"));
                }
                let got = family_name(error.family());
                if got != expected {
                    failures.push(format!(
                        "{id}: {error:?} is a {got} error, expected {expected}"
                    ));
                }
                if let Some(exact) = entry.get("rust_error")
                    && text(exact) != format!("{error:?}")
                {
                    failures.push(format!("{id}: {error:?}, expected {exact}"));
                }
            }
        }
        if text(&entry["kind"]) == "uri" {
            failures.extend(import_problem(entry));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 60, "only {checked} entries for Rust");
    still_computes_the_rfc_codes();
}

/// What is wrong with the import mode's answer to a `uri` entry: it must
/// repair the entries marked `import_repairs`, and refuse the others as
/// strict parsing does (or with `import_rust_error`).
fn import_problem(entry: &Value) -> Option<String> {
    let id = text(&entry["id"]);
    let imported = catch_unwind(|| KeyUri::import_uri(text(&entry["input"])));
    let Ok(imported) = imported else {
        return Some(format!("{id}: import panicked"));
    };
    let repairs = entry.get("import_repairs").and_then(Value::as_bool) == Some(true);
    match imported {
        Ok(imported) if repairs && !imported.repairs.is_empty() => None,
        Ok(_) => Some(format!("{id}: import accepted it without a repair")),
        Err(error) if repairs => Some(format!("{id}: import refused it with {error:?}")),
        Err(error) => {
            let expected = entry.get("import_rust_error").or(entry.get("rust_error"));
            let family_ok = family_name(error.family()) == text(&entry["family"]);
            let exact_ok = expected.is_none_or(|exact| text(exact) == format!("{error:?}"));
            let leak = shown_input(entry, &error);
            (!family_ok || !exact_ok || leak.is_some())
                .then(|| format!("{id}: import gave {error:?} (shows {leak:?})"))
        }
    }
}

/// A run of six characters of a secret (the input of the secret kinds, the
/// `secret` value of URIs) that the error's message or `Debug` form repeats.
fn shown_input(entry: &Value, error: &Error) -> Option<String> {
    let input = &entry["input"];
    let secret = match text(&entry["kind"]) {
        "uri" => text(input)
            .split_once("secret=")
            .map_or("", |(_, rest)| rest.split('&').next().unwrap_or("")),
        kind if kind.starts_with("secret") => text(input),
        _ => return None,
    };
    let shown = format!("{error} {error:?}");
    let chars: Vec<char> = secret.chars().collect();
    chars
        .windows(6)
        .map(|run| run.iter().collect::<String>())
        .find(|run| shown.contains(run.as_str()))
}

/// After all that, the RFC 4226 and RFC 6238 codes still come out.
fn still_computes_the_rfc_codes() {
    let hotp_table = load("rfc4226_hotp.json");
    let hotp = Hotp::new(&fixture_secret(), HotpConfig::default()).unwrap();
    for row in hotp_table["vectors"].as_array().unwrap() {
        assert_eq!(hotp.generate(u64_of(&row["counter"])), text(&row["hotp_6"]));
    }
    let totp_table = load("rfc6238_totp.json");
    for row in totp_table["vectors"].as_array().unwrap() {
        let secret = Secret::from_bytes(text(&row["seed_ascii"]).as_bytes()).unwrap();
        let config = TotpConfig {
            algorithm: text(&row["mode"]).parse().unwrap(),
            digits: 8,
            ..Default::default()
        };
        let totp = Totp::new(&secret, config).unwrap();
        assert_eq!(
            totp.generate(u64_of(&row["unix_time"])).unwrap(),
            text(&row["totp_8"])
        );
    }
}

#[test]
fn the_fixture_is_what_the_table_says() {
    let fixture = &load("bad_inputs.json")["fixture"];
    let secret = Secret::from_bytes(text(&fixture["secret_ascii"]).as_bytes()).unwrap();
    let totp = Totp::new(&secret, TotpConfig::default()).unwrap();
    let time = u64_of(&fixture["time"]);
    for (step, code) in [(0, "755224"), (1, "287082"), (2, "359152")] {
        let verdict = totp.verify(code, time, Window::default(), None).unwrap();
        assert_eq!(verdict.accepted().unwrap().step(), step);
    }
    let hotp = Hotp::new(&secret, HotpConfig::default()).unwrap();
    assert_eq!(
        hotp.verify("359152", 0, 2)
            .unwrap()
            .accepted()
            .unwrap()
            .step(),
        2
    );
}

#[test]
fn the_table_is_well_formed() {
    let entries = entries();
    assert!(entries.len() >= 60);
    let mut ids = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    for entry in &entries {
        let id = text(&entry["id"]);
        assert!(ids.insert(id.to_owned()), "duplicate id {id}");
        let kind = text(&entry["kind"]);
        assert!(KINDS.contains(&kind), "{id}: unknown kind {kind}");
        kinds.insert(kind);
        let family = text(&entry["family"]);
        assert!(
            ["secret", "uri", "parameter", "none"].contains(&family),
            "{id}: unknown family {family}"
        );
        assert_eq!(
            family == "none",
            kind == "code",
            "{id}: only codes have no error"
        );
        assert!(!text(&entry["note"]).is_empty(), "{id}: no note");
        if let Some(surfaces) = entry.get("surfaces") {
            let surfaces = surfaces.as_array().unwrap();
            assert!(!surfaces.is_empty(), "{id}: no surface");
            for surface in surfaces {
                assert!(
                    ["rust", "python", "js"].contains(&text(surface)),
                    "{id}: unknown surface {surface}"
                );
            }
        }
    }
    assert_eq!(kinds.len(), KINDS.len(), "kinds without an entry");
}
