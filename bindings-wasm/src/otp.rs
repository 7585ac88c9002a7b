//! Keyed HOTP and TOTP generators and verifiers.
//!
//! The HMAC is keyed once per handle. A verification returns a small status
//! number, and the match, if any, is read right after with getters: no
//! object is allocated on the way out. Fallible exports return `None` and
//! record the error (see [`take_error`](crate::take_error)).

use nidan::{Algorithm, Error, Hotp, HotpConfig, Match, Totp, TotpConfig, Verdict, Window};
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

/// A TOTP generator and verifier ([`Totp`]).
///
/// ```
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap();
/// let mut totp = nidan_wasm::WasmTotp::create(&key, "SHA1", 8, 30, 0).unwrap();
/// assert_eq!(totp.generate(59).as_deref(), Some("94287082"));
/// assert_eq!(totp.verify("94287082", 59, 1, 1, None), Some(1));
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
    /// Keys a TOTP generator ([`Totp::new`]); `None` for an unknown
    /// algorithm, digits outside 6 to 10 or a zero period.
    pub fn create(
        secret: &WasmSecret,
        algorithm_name: &str,
        digits: u32,
        period: u64,
        t0: u64,
    ) -> Option<WasmTotp> {
        let totp = algorithm(algorithm_name).and_then(|algorithm| {
            let config = TotpConfig {
                algorithm,
                digits,
                period,
                t0,
            };
            Totp::new(&secret.0, config)
        });
        record(totp).map(Self::from)
    }

    /// The step at `time`, its start and end, and the seconds left
    /// ([`Totp::time_step`]), in that order; `None` before T0.
    #[wasm_bindgen(js_name = timeStep)]
    pub fn time_step(&self, time: u64) -> Option<Vec<u64>> {
        let now = record(self.totp.time_step(time))?;
        Some(vec![now.step, now.start, now.end, now.remaining])
    }

    /// The code at `time` ([`Totp::generate`]); `None` before T0.
    pub fn generate(&self, time: u64) -> Option<String> {
        record(self.totp.generate(time)).map(|code| code.as_str().into())
    }

    /// The code of `step` ([`Totp::generate_at_step`]).
    #[wasm_bindgen(js_name = generateAtStep)]
    pub fn generate_at_step(&self, step: u64) -> String {
        self.totp.generate_at_step(step).as_str().into()
    }

    /// Verifies `code` at `time` in a window of `behind` and `ahead` steps,
    /// refusing steps at or below `last_accepted` ([`Totp::verify`]).
    /// Returns 0 (rejected), 1 (accepted) or 2 (replayed), and `None` for a
    /// window side above 100 or a time before T0; read the match with
    /// [`WasmTotp::matched_step`] and [`WasmTotp::matched_drift`].
    pub fn verify(
        &mut self,
        code: &str,
        time: u64,
        behind: u32,
        ahead: u32,
        last_accepted: Option<u64>,
    ) -> Option<u32> {
        let verdict = Window::new(behind, ahead)
            .and_then(|window| self.totp.verify(code, time, window, last_accepted));
        let (status, matched) = match record(verdict)? {
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
/// let mut hotp = nidan_wasm::WasmHotp::create(&key, "SHA1", 6).unwrap();
/// assert_eq!(hotp.generate(3), "969429");
/// assert_eq!(hotp.verify("969429", 1, 3), Some(true));
/// assert_eq!((hotp.matched_counter(), hotp.matched_drift()), (3, 2));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmHotp {
    hotp: Hotp,
    matched: Option<Match>,
}

#[wasm_bindgen]
impl WasmHotp {
    /// Keys an HOTP generator ([`Hotp::new`]); `None` for an unknown
    /// algorithm or digits outside 6 to 10.
    pub fn create(secret: &WasmSecret, algorithm_name: &str, digits: u32) -> Option<WasmHotp> {
        let hotp = algorithm(algorithm_name)
            .and_then(|algorithm| Hotp::new(&secret.0, HotpConfig { algorithm, digits }));
        record(hotp).map(Self::from)
    }

    /// The code for `counter` ([`Hotp::generate`]).
    pub fn generate(&self, counter: u64) -> String {
        self.hotp.generate(counter).as_str().into()
    }

    /// Verifies `code` against `counter` to `counter + look_ahead`
    /// ([`Hotp::verify`]); `None` for a look-ahead above 100. Read the match
    /// with the getters.
    pub fn verify(&mut self, code: &str, counter: u64, look_ahead: u32) -> Option<bool> {
        self.matched = record(self.hotp.verify(code, counter, look_ahead))?;
        Some(self.matched.is_some())
    }

    /// The counter of the last match (0 when there was none).
    #[wasm_bindgen(js_name = matchedCounter)]
    pub fn matched_counter(&self) -> u64 {
        self.matched.map_or(0, |found| found.step())
    }

    /// The counter to store after the last match (0 when there was none).
    #[wasm_bindgen(js_name = nextCounter)]
    pub fn next_counter(&self) -> u64 {
        self.matched.map_or(0, |found| found.next_counter())
    }

    /// Counters between `counter` and the last match (0 when there was none).
    #[wasm_bindgen(js_name = matchedDrift)]
    pub fn matched_drift(&self) -> i32 {
        self.matched.map_or(0, |found| drift(&found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::testing::last_code;

    fn rfc_key() -> WasmSecret {
        WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap()
    }

    #[test]
    fn replay_and_rejection_statuses() {
        let mut totp = WasmTotp::create(&rfc_key(), "sha1", 6, 30, 0).unwrap();
        assert_eq!(
            totp.verify("050471", 1_111_111_111, 1, 1, None),
            Some(ACCEPTED)
        );
        let step = totp.matched_step();
        let again = totp.verify("050471", 1_111_111_112, 1, 1, Some(step));
        assert_eq!(again, Some(REPLAYED));
        assert_eq!(totp.matched_step(), step);
        assert_eq!(
            totp.verify("050472", 1_111_111_112, 1, 1, None),
            Some(REJECTED)
        );
        assert_eq!((totp.matched_step(), totp.matched_drift()), (0, 0));
    }

    #[test]
    fn bad_parameters_are_recorded_errors_not_panics() {
        let key = rfc_key();
        assert!(WasmTotp::create(&key, "MD5", 6, 30, 0).is_none());
        assert_eq!(last_code(), "ALGORITHM");
        assert!(WasmTotp::create(&key, "SHA1", 6, 0, 0).is_none());
        assert_eq!(last_code(), "PERIOD");
        assert!(WasmHotp::create(&key, "SHA1", 11).is_none());
        assert_eq!(last_code(), "DIGITS");
        let mut totp = WasmTotp::create(&key, "SHA1", 6, 1, u64::MAX).unwrap();
        assert_eq!(totp.generate(0), None);
        assert_eq!(last_code(), "TIME_BEFORE_T0");
        assert_eq!(totp.verify("123456", u64::MAX, 101, 0, None), None);
        assert_eq!(last_code(), "WINDOW_TOO_LARGE");
        assert_eq!(
            totp.time_step(u64::MAX),
            Some(vec![0, u64::MAX, u64::MAX, 1])
        );
        let mut hotp = WasmHotp::create(&key, "SHA1", 6).unwrap();
        assert_eq!(hotp.verify("123456", u64::MAX, 100), Some(false));
        assert_eq!(hotp.verify("123456", 0, 101), None);
        assert_eq!(last_code(), "WINDOW_TOO_LARGE");
    }
}
