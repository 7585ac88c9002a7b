//! Every default and limit of nidan, by name, for the bindings.
//!
//! Each value lives where it belongs (`Secret::MAX_BYTES`,
//! `TotpConfig::default()`, `Window::MAX_SIDE`, ...); [`limits`] lists them
//! all under stable `snake_case` names, so that the Python package's
//! `nidan.limits()` and the npm package's `limits()` read them from here
//! instead of typing them again (their tests check that they behave by them).

use crate::algorithm::Algorithm;
use crate::code::{MAX_DIGITS, MIN_DIGITS};
use crate::hotp::{Hotp, HotpConfig};
use crate::secret::Secret;
use crate::totp::TotpConfig;
use crate::verify::Window;

/// The longest text or byte string a binding passes to the core, in
/// characters or bytes: longer input is refused at the boundary, before it
/// is copied (into WebAssembly memory, for instance). Every length limit of
/// the core is below it, so no input it refuses could have been valid.
///
/// ```
/// assert!(nidan::Secret::MAX_BYTES < nidan::MAX_INPUT_LEN);
/// ```
pub const MAX_INPUT_LEN: usize = 65_536;

/// The value of a default or a limit: a number, or a name (an algorithm's,
/// a code format's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// A count, a length or a time in seconds.
    Number(u64),
    /// A name, as the bindings take it (`"SHA1"`, `"decimal"`).
    Name(&'static str),
}

/// Every default and limit of this build, as `(name, value)` pairs in a
/// fixed order; the features of the build decide which are present (the
/// export's with `migration`, the server side's with `server`).
///
/// ```
/// use nidan::{Limit, limits};
/// let digits = limits().find(|(name, _)| *name == "totp_digits");
/// assert_eq!(digits, Some(("totp_digits", Limit::Number(6))));
/// assert!(limits().any(|entry| entry == ("totp_algorithm", Limit::Name("SHA1"))));
/// ```
pub fn limits() -> impl Iterator<Item = (&'static str, Limit)> {
    let totp = TotpConfig::default();
    let hotp = HotpConfig::default();
    let window = Window::default();
    let codes = [
        ("secret_min_bytes", number(Secret::MIN_BYTES)),
        ("secret_min_random_bytes", number(Secret::MIN_RANDOM_BYTES)),
        ("secret_random_bytes", number(Secret::DEFAULT_RANDOM_BYTES)),
        ("secret_max_bytes", number(Secret::MAX_BYTES)),
        ("min_digits", Limit::Number(MIN_DIGITS.into())),
        ("max_digits", Limit::Number(MAX_DIGITS.into())),
        ("totp_algorithm", name(totp.algorithm)),
        ("totp_digits", Limit::Number(totp.digits.into())),
        ("totp_period", Limit::Number(totp.period)),
        ("totp_t0", Limit::Number(totp.t0)),
        ("totp_format", Limit::Name(totp.format.name())),
        ("hotp_algorithm", name(hotp.algorithm)),
        ("hotp_digits", Limit::Number(hotp.digits.into())),
        ("hotp_format", Limit::Name(hotp.format.name())),
        (
            "hotp_look_ahead",
            Limit::Number(Hotp::DEFAULT_LOOK_AHEAD.into()),
        ),
        ("window_behind", Limit::Number(window.behind().into())),
        ("window_ahead", Limit::Number(window.ahead().into())),
        ("window_max_side", Limit::Number(Window::MAX_SIDE.into())),
        ("max_input_len", number(MAX_INPUT_LEN)),
    ];
    codes
        .into_iter()
        .chain(uri())
        .chain(migration())
        .chain(server())
}

/// A length or count as a [`Limit`] (every `usize` fits a `u64` on the
/// targets Rust supports).
fn number(value: usize) -> Limit {
    Limit::Number(u64::try_from(value).unwrap_or(u64::MAX))
}

fn name(algorithm: Algorithm) -> Limit {
    Limit::Name(algorithm.name())
}

/// The otpauth URI's limit.
#[cfg(feature = "alloc")]
fn uri() -> [(&'static str, Limit); 1] {
    [("uri_max_len", number(crate::KeyUri::MAX_LEN))]
}

#[cfg(not(feature = "alloc"))]
fn uri() -> [(&'static str, Limit); 0] {
    []
}

/// The Google Authenticator export's defaults and limits.
#[cfg(feature = "migration")]
fn migration() -> [(&'static str, Limit); 4] {
    use crate::MigrationBatch;
    [
        ("migration_max_len", number(MigrationBatch::MAX_LEN)),
        (
            "migration_max_uri_len",
            number(MigrationBatch::DEFAULT_MAX_URI_LEN),
        ),
        ("migration_version", number_i32(MigrationBatch::VERSION)),
        (
            "migration_batch_id_bytes",
            number(MigrationBatch::BATCH_ID_BYTES),
        ),
    ]
}

#[cfg(feature = "migration")]
fn number_i32(value: i32) -> Limit {
    Limit::Number(u64::try_from(value).unwrap_or_default())
}

#[cfg(not(feature = "migration"))]
fn migration() -> [(&'static str, Limit); 0] {
    []
}

/// The server side's defaults and limits.
#[cfg(feature = "server")]
fn server() -> [(&'static str, Limit); 13] {
    use crate::{DeliveredCode, Delivery, Drift, Record, RecoveryCodes, Throttle};
    let delivery = Delivery::default();
    let drift = Drift::default();
    let throttle = Throttle::default();
    [
        ("recovery_count", number(RecoveryCodes::DEFAULT_COUNT)),
        ("recovery_max_count", number(RecoveryCodes::MAX_COUNT)),
        (
            "recovery_min_pepper_bytes",
            number(RecoveryCodes::MIN_PEPPER_BYTES),
        ),
        ("delivered_digits", Limit::Number(delivery.digits().into())),
        ("delivered_lifetime", Limit::Number(delivery.lifetime())),
        (
            "delivered_max_attempts",
            Limit::Number(delivery.max_attempts().into()),
        ),
        ("delivered_random_len", number(DeliveredCode::RANDOM_LEN)),
        (
            "login_max_learned",
            Limit::Number(drift.max_learned().into()),
        ),
        ("login_factor", Limit::Number(throttle.factor())),
        ("login_max_wait", Limit::Number(throttle.max_wait())),
        (
            "login_max_failures",
            Limit::Number(throttle.max_failures().into()),
        ),
        (
            "throttle_max_failures",
            Limit::Number(Throttle::MAX_FAILURES.into()),
        ),
        ("record_max_drift", Limit::Number(Record::MAX_DRIFT.into())),
    ]
}

#[cfg(not(feature = "server"))]
fn server() -> [(&'static str, Limit); 0] {
    []
}

#[cfg(test)]
mod tests {
    use super::{Limit, MAX_INPUT_LEN, limits};

    #[test]
    fn names_are_unique_snake_case() {
        let names: std::vec::Vec<_> = limits().map(|(name, _)| name).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(!names[..i].contains(name), "{name} is listed twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{name} is not snake_case"
            );
        }
    }

    /// What the bindings refuse at the boundary could never have been valid.
    #[test]
    fn every_length_limit_is_below_the_input_cap() {
        let lengths =
            limits().filter(|(name, _)| name.ends_with("_len") || name.ends_with("_bytes"));
        let mut seen = 0;
        for (name, value) in lengths {
            if name == "max_input_len" {
                continue;
            }
            let Limit::Number(value) = value else {
                panic!("{name} is not a number");
            };
            assert!(value < MAX_INPUT_LEN as u64, "{name} = {value}");
            seen += 1;
        }
        assert!(seen >= 5, "only {seen} length limits were checked");
    }

    /// The names of algorithms and formats are the ones their parsers read back.
    #[test]
    fn names_read_back() {
        for (name, value) in limits() {
            if let Limit::Name(text) = value {
                let reads = text.parse::<crate::Algorithm>().is_ok()
                    || text.parse::<crate::CodeFormat>().is_ok();
                assert!(reads, "{name} = {text}");
            }
        }
    }
}
