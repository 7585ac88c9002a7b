//! Keyed HOTP and TOTP generators and verifiers.
//!
//! The HMAC is keyed once per handle. What crosses the boundary on the hot
//! paths is plain numbers: a time, step or counter as its two 32-bit halves
//! (no `bigint`), a code as its numeric value (the JS layer writes it back
//! with its leading zeros, `digits` wide), a verification as a small status
//! number with the match, if any, read right after with getters. Nothing is
//! allocated on the way out. Fallible exports return `None` (or a negative
//! code) and record the error (see [`take_error`](crate::take_error)).

use nidan::{
    Algorithm, Code, CodeFormat, Error, Hotp, HotpConfig, Match, Totp, TotpConfig, Verdict, Window,
};
use wasm_bindgen::prelude::*;

use crate::error::record;
use crate::secret::WasmSecret;

/// Status of a verification: no match.
const REJECTED: u32 = 0;
/// Status of a verification: accepted.
const ACCEPTED: u32 = 1;
/// Status of a verification: matched a step at or below the last accepted one.
const REPLAYED: u32 = 2;

pub(crate) fn algorithm(name: &str) -> Result<Algorithm, Error> {
    name.parse()
}

/// The `u64` whose 32-bit halves are `high` and `low`.
fn join(high: u32, low: u32) -> u64 {
    (u64::from(high) << 32) | u64::from(low)
}

/// The code format named `name` (`decimal` or `steam`, [`CodeFormat::from_name`]).
fn format(name: &str) -> Result<CodeFormat, Error> {
    name.parse()
}

/// A decimal code as the number its digits spell (below 10^10, exact in an
/// `f64`). The JS layer reads codes of other formats as text.
fn value(code: &Code) -> f64 {
    code.as_str().bytes().fold(0.0, |value, digit| {
        value * 10.0 + f64::from(digit) - f64::from(b'0')
    })
}

/// What a fallible code export returns on error: no code is negative.
const NO_CODE: f64 = -1.0;

/// A TOTP generator and verifier ([`Totp`]).
///
/// ```
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap();
/// let mut totp = nidan_wasm::WasmTotp::create(&key, "SHA1", 8, 30, 0, "decimal").unwrap();
/// assert_eq!(totp.generate(0, 59), 94_287_082.0);
/// assert_eq!(totp.verify("94287082", 0, 59, 1, 1, false, 0, 0), Some(1));
/// assert_eq!((totp.matched_step(), totp.matched_drift()), (1, 0));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmTotp {
    totp: Totp,
    matched: Option<Match>,
}

#[wasm_bindgen]
impl WasmTotp {
    /// Keys a TOTP generator ([`Totp::new`]) writing codes in the format
    /// named `format_name` (`decimal` or `steam`); `None` for an unknown
    /// algorithm or format, digits the format does not allow (6 to 10
    /// decimal, 5 Steam) or a zero period.
    pub fn create(
        secret: &WasmSecret,
        algorithm_name: &str,
        digits: u32,
        period: u64,
        t0: u64,
        format_name: &str,
    ) -> Option<WasmTotp> {
        let totp = algorithm(algorithm_name).and_then(|algorithm| {
            let config = TotpConfig {
                algorithm,
                digits,
                period,
                t0,
                format: format(format_name)?,
            };
            Totp::new(&secret.0, config)
        });
        record(totp).map(Self::from)
    }

    /// The name of the format codes are written in (`decimal`, `steam`).
    pub fn format(&self) -> String {
        self.totp.config().format.name().into()
    }

    /// The code at the time of halves `time_high`, `time_low` as text (how
    /// the JS layer reads Steam codes); `None` before T0.
    #[wasm_bindgen(js_name = generateText)]
    pub fn generate_text(&self, time_high: u32, time_low: u32) -> Option<String> {
        record(self.totp.generate(join(time_high, time_low))).map(|code| code.as_str().into())
    }

    /// The code of the step of halves `step_high`, `step_low` as text.
    #[wasm_bindgen(js_name = generateAtStepText)]
    pub fn generate_at_step_text(&self, step_high: u32, step_low: u32) -> String {
        self.totp
            .generate_at_step(join(step_high, step_low))
            .as_str()
            .into()
    }

    /// The step at `time`, its start and end, and the seconds left
    /// ([`Totp::time_step`]), in that order; `None` before T0.
    #[wasm_bindgen(js_name = timeStep)]
    pub fn time_step(&self, time: u64) -> Option<Vec<u64>> {
        let now = record(self.totp.time_step(time))?;
        Some(vec![now.step, now.start, now.end, now.remaining])
    }

    /// The code at the time whose halves are `time_high` and `time_low`
    /// ([`Totp::generate`]), as a number; negative before T0.
    pub fn generate(&self, time_high: u32, time_low: u32) -> f64 {
        record(self.totp.generate(join(time_high, time_low))).map_or(NO_CODE, |code| value(&code))
    }

    /// The code of the step whose halves are `step_high` and `step_low`
    /// ([`Totp::generate_at_step`]), as a number.
    #[wasm_bindgen(js_name = generateAtStep)]
    pub fn generate_at_step(&self, step_high: u32, step_low: u32) -> f64 {
        value(&self.totp.generate_at_step(join(step_high, step_low)))
    }

    /// Verifies `code` at the time of halves `time_high`, `time_low` in a
    /// window of `behind` and `ahead` steps, refusing, when `has_last`,
    /// steps at or below the last accepted one, of halves `last_high`,
    /// `last_low` ([`Totp::verify`]). Returns 0 (rejected), 1 (accepted) or
    /// 2 (replayed), and `None` for a window side above 100 or a time
    /// before T0; read the match with [`WasmTotp::matched_step`] and
    /// [`WasmTotp::matched_drift`].
    #[allow(clippy::too_many_arguments)] // numbers, each as plain as can cross
    pub fn verify(
        &mut self,
        code: &str,
        time_high: u32,
        time_low: u32,
        behind: u32,
        ahead: u32,
        has_last: bool,
        last_high: u32,
        last_low: u32,
    ) -> Option<u32> {
        let time = join(time_high, time_low);
        let last_accepted = has_last.then(|| join(last_high, last_low));
        let verdict = Window::new(behind, ahead)
            .and_then(|window| self.totp.verify(code, time, window, last_accepted));
        let (status, matched) = match record(verdict)?.verdict() {
            Verdict::Accepted(found) => (ACCEPTED, Some(found)),
            Verdict::Replayed(found) => (REPLAYED, Some(found)),
            Verdict::Rejected => (REJECTED, None),
        };
        self.matched = matched;
        Some(status)
    }

    /// The step of the last match (0 when there was none).
    #[wasm_bindgen(js_name = matchedStep)]
    pub fn matched_step(&self) -> u64 {
        self.matched.map_or(0, |found| found.step())
    }

    /// The drift of the last match in steps (0 when there was none).
    #[wasm_bindgen(js_name = matchedDrift)]
    pub fn matched_drift(&self) -> i32 {
        self.matched.map_or(0, |found| drift(&found))
    }
}

impl WasmTotp {
    /// The core generator, for the server-side decisions.
    #[cfg(feature = "server")]
    pub(crate) fn core(&self) -> &Totp {
        &self.totp
    }
}

impl From<Totp> for WasmTotp {
    fn from(totp: Totp) -> Self {
        Self {
            totp,
            matched: None,
        }
    }
}

impl From<Hotp> for WasmHotp {
    fn from(hotp: Hotp) -> Self {
        Self {
            hotp,
            matched: None,
            asked: 0,
        }
    }
}

/// A drift as `i32`: windows are at most 100 steps to a side.
fn drift(found: &Match) -> i32 {
    i32::try_from(found.drift()).unwrap_or(i32::MAX)
}

/// An HOTP generator and verifier ([`Hotp`]).
///
/// ```
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap();
/// let mut hotp = nidan_wasm::WasmHotp::create(&key, "SHA1", 6, "decimal").unwrap();
/// assert_eq!(hotp.generate(0, 3), 969_429.0);
/// assert_eq!(hotp.verify("969429", 0, 1, 3), Some(true));
/// assert_eq!((hotp.matched_counter(), hotp.matched_drift()), (3, 2));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmHotp {
    hotp: Hotp,
    matched: Option<Match>,
    /// The counter of the last verification, read in place of a match's
    /// when nothing matched (see [`WasmHotp::matched_counter`]).
    asked: u64,
}

#[wasm_bindgen]
impl WasmHotp {
    /// Keys an HOTP generator ([`Hotp::new`]) writing codes in the format
    /// named `format_name`; `None` for an unknown algorithm or format or
    /// digits the format does not allow.
    pub fn create(
        secret: &WasmSecret,
        algorithm_name: &str,
        digits: u32,
        format_name: &str,
    ) -> Option<WasmHotp> {
        let hotp = algorithm(algorithm_name).and_then(|algorithm| {
            let config = HotpConfig {
                algorithm,
                digits,
                format: format(format_name)?,
            };
            Hotp::new(&secret.0, config)
        });
        record(hotp).map(Self::from)
    }

    /// The name of the format codes are written in (`decimal`, `steam`).
    pub fn format(&self) -> String {
        self.hotp.config().format.name().into()
    }

    /// The code for the counter of halves `counter_high`, `counter_low` as
    /// text (how the JS layer reads Steam codes).
    #[wasm_bindgen(js_name = generateText)]
    pub fn generate_text(&self, counter_high: u32, counter_low: u32) -> String {
        self.hotp
            .generate(join(counter_high, counter_low))
            .as_str()
            .into()
    }

    /// The code for the counter of halves `counter_high`, `counter_low`
    /// ([`Hotp::generate`]), as a number.
    pub fn generate(&self, counter_high: u32, counter_low: u32) -> f64 {
        value(&self.hotp.generate(join(counter_high, counter_low)))
    }

    /// Verifies `code` against the counter of halves `counter_high`,
    /// `counter_low` up to `look_ahead` counters after it ([`Hotp::verify`]);
    /// `None` for a look-ahead above 100. Read the match with the getters.
    pub fn verify(
        &mut self,
        code: &str,
        counter_high: u32,
        counter_low: u32,
        look_ahead: u32,
    ) -> Option<bool> {
        let counter = join(counter_high, counter_low);
        self.asked = counter;
        self.matched = record(self.hotp.verify(code, counter, look_ahead))?.accepted();
        Some(self.matched.is_some())
    }

    /// The counter of the last match, or when there was none the counter
    /// asked about: a number as large, so that JavaScript reads it about as
    /// fast (with 0 instead, reading it and [`WasmHotp::next_counter`] was
    /// 4 ns faster for a wrong code; benches/js/dudect.mjs).
    #[wasm_bindgen(js_name = matchedCounter)]
    pub fn matched_counter(&self) -> u64 {
        self.matched.map_or(self.asked, |found| found.step())
    }

    /// The counter to store after the last match, or when there was none
    /// the counter asked about.
    #[wasm_bindgen(js_name = nextCounter)]
    pub fn next_counter(&self) -> u64 {
        self.matched
            .map_or(self.asked, |found| found.next_counter())
    }

    /// Counters between `counter` and the last match (0 when there was none).
    #[wasm_bindgen(js_name = matchedDrift)]
    pub fn matched_drift(&self) -> i32 {
        self.matched.map_or(0, |found| drift(&found))
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // codes are whole numbers, exact in an f64
mod tests {
    use super::*;
    use crate::error::testing::last_code;

    fn rfc_key() -> WasmSecret {
        WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap()
    }

    /// The halves of `value`, as the JS layer passes them.
    fn halves(value: u64) -> (u32, u32) {
        let high = u32::try_from(value >> 32).unwrap();
        (high, u32::try_from(value & 0xffff_ffff).unwrap())
    }

    #[test]
    fn replay_and_rejection_statuses() {
        let mut totp = WasmTotp::create(&rfc_key(), "sha1", 6, 30, 0, "decimal").unwrap();
        assert_eq!(
            totp.verify("050471", 0, 1_111_111_111, 1, 1, false, 0, 0),
            Some(ACCEPTED)
        );
        let (high, low) = halves(totp.matched_step());
        let again = totp.verify("050471", 0, 1_111_111_112, 1, 1, true, high, low);
        assert_eq!(again, Some(REPLAYED));
        assert_eq!(halves(totp.matched_step()), (high, low));
        assert_eq!(
            totp.verify("050472", 0, 1_111_111_112, 1, 1, false, high, low),
            Some(REJECTED)
        );
        assert_eq!((totp.matched_step(), totp.matched_drift()), (0, 0));
    }

    #[test]
    fn halves_join_and_codes_keep_their_value() {
        for value in [0, 1, 0xffff_ffff, 0x1_0000_0000, 1 << 53, u64::MAX] {
            let (high, low) = halves(value);
            assert_eq!(join(high, low), value);
        }
        let totp = WasmTotp::create(&rfc_key(), "SHA1", 10, 30, 0, "decimal").unwrap();
        for step in [0, 1, 37_037_036, u64::MAX] {
            let code = totp.totp.generate_at_step(step);
            let (high, low) = halves(step);
            let number = totp.generate_at_step(high, low);
            assert_eq!(format!("{number:010}"), code.as_str(), "step {step}");
        }
        let hotp = WasmHotp::create(&rfc_key(), "SHA1", 6, "decimal").unwrap();
        // RFC 4226's counter 4 gives 338314; counter 1 << 32 differs from 0.
        assert_eq!(hotp.generate(0, 4), 338_314.0);
        assert_ne!(hotp.generate(1, 0), hotp.generate(0, 0));
    }

    /// Steam handles write their codes as text, and name their format.
    #[test]
    fn steam_codes_are_text() {
        let totp = WasmTotp::create(&rfc_key(), "SHA1", 5, 30, 0, "Steam").unwrap();
        assert_eq!(totp.format(), "steam");
        assert_eq!(
            totp.generate_text(0, 59).unwrap(),
            totp.generate_at_step_text(0, 1)
        );
        let hotp = WasmHotp::create(&rfc_key(), "SHA1", 5, "steam").unwrap();
        assert_eq!(
            (hotp.format(), hotp.generate_text(0, 0)),
            ("steam".into(), "GG5F5".into())
        );
        let decimal = WasmHotp::create(&rfc_key(), "SHA1", 6, "decimal").unwrap();
        assert_eq!(decimal.generate_text(0, 0), "755224");
    }

    #[test]
    fn bad_parameters_are_recorded_errors_not_panics() {
        let key = rfc_key();
        assert!(WasmTotp::create(&key, "MD5", 6, 30, 0, "decimal").is_none());
        assert_eq!(last_code(), "ALGORITHM");
        assert!(WasmTotp::create(&key, "SHA1", 6, 0, 0, "decimal").is_none());
        assert_eq!(last_code(), "PERIOD");
        assert!(WasmHotp::create(&key, "SHA1", 11, "decimal").is_none());
        assert_eq!(last_code(), "DIGITS");
        assert!(WasmTotp::create(&key, "SHA1", 6, 30, 0, "hex").is_none());
        assert_eq!(last_code(), "FORMAT");
        assert!(WasmTotp::create(&key, "SHA1", 6, 30, 0, "steam").is_none());
        assert_eq!(last_code(), "DIGITS");
        assert!(WasmHotp::create(&key, "SHA1", 5, "steam ").is_none());
        assert_eq!(last_code(), "FORMAT");
        let mut totp = WasmTotp::create(&key, "SHA1", 6, 1, u64::MAX, "decimal").unwrap();
        assert!(totp.generate(0, 0) < 0.0);
        assert_eq!(last_code(), "TIME_BEFORE_T0");
        let max = u32::MAX;
        assert_eq!(totp.verify("123456", max, max, 101, 0, false, 0, 0), None);
        assert_eq!(last_code(), "WINDOW_TOO_LARGE");
        assert_eq!(
            totp.time_step(u64::MAX),
            Some(vec![0, u64::MAX, u64::MAX, 1])
        );
        let mut hotp = WasmHotp::create(&key, "SHA1", 6, "decimal").unwrap();
        assert_eq!(hotp.verify("123456", max, max, 100), Some(false));
        // No match: the counter asked about stands in for the match's.
        assert_eq!(
            (hotp.matched_counter(), hotp.next_counter()),
            (u64::MAX, u64::MAX)
        );
        assert_eq!(hotp.verify("123456", 0, 0, 101), None);
        assert_eq!(last_code(), "WINDOW_TOO_LARGE");
    }
}
