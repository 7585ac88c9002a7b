//! Keyed HOTP and TOTP generators and verifiers.
//!
//! The HMAC is keyed once per handle. A verification returns a small status
//! number, and the match, if any, is read right after with getters: no
//! object is allocated on the way out.

use nidan::{Algorithm, Hotp, HotpConfig, Match, Totp, TotpConfig, Verdict, Window};
use wasm_bindgen::prelude::*;

use crate::error::thrown;
use crate::secret::WasmSecret;

/// Status of a verification: no match.
const REJECTED: u32 = 0;
/// Status of a verification: accepted.
const ACCEPTED: u32 = 1;
/// Status of a verification: matched a step at or below the last accepted one.
const REPLAYED: u32 = 2;

fn algorithm(name: &str) -> Result<Algorithm, String> {
    name.parse().map_err(thrown)
}

/// A TOTP generator and verifier ([`Totp`]).
///
/// ```
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false)?;
/// let mut totp = nidan_wasm::WasmTotp::new(&key, "SHA1", 8, 30, 0)?;
/// assert_eq!(totp.generate(59)?, "94287082");
/// assert_eq!(totp.verify("94287082", 59, 1, 1, None)?, 1);
/// assert_eq!((totp.matched_step(), totp.matched_drift()), (1, 0));
/// # Ok::<(), String>(())
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmTotp {
    totp: Totp,
    matched: Option<Match>,
}

#[wasm_bindgen]
impl WasmTotp {
    /// Keys a TOTP generator ([`Totp::new`]).
    ///
    /// # Errors
    /// Unknown algorithm, digits outside 6 to 10, a zero period.
    #[wasm_bindgen(constructor)]
    pub fn new(
        secret: &WasmSecret,
        algorithm_name: &str,
        digits: u32,
        period: u64,
        t0: u64,
    ) -> Result<WasmTotp, String> {
        let config = TotpConfig {
            algorithm: algorithm(algorithm_name)?,
            digits,
            period,
            t0,
        };
        let totp = Totp::new(&secret.0, config).map_err(thrown)?;
        Ok(Self {
            totp,
            matched: None,
        })
    }

    /// The step at `time`, its start and end, and the seconds left
    /// ([`Totp::time_step`]), in that order.
    ///
    /// # Errors
    /// A time before T0.
    #[wasm_bindgen(js_name = timeStep)]
    pub fn time_step(&self, time: u64) -> Result<Vec<u64>, String> {
        let now = self.totp.time_step(time).map_err(thrown)?;
        Ok(vec![now.step, now.start, now.end, now.remaining])
    }

    /// The code at `time` ([`Totp::generate`]).
    ///
    /// # Errors
    /// A time before T0.
    pub fn generate(&self, time: u64) -> Result<String, String> {
        self.totp
            .generate(time)
            .map(|code| code.as_str().into())
            .map_err(thrown)
    }

    /// The code of `step` ([`Totp::generate_at_step`]).
    #[wasm_bindgen(js_name = generateAtStep)]
    pub fn generate_at_step(&self, step: u64) -> String {
        self.totp.generate_at_step(step).as_str().into()
    }

    /// Verifies `code` at `time` in a window of `behind` and `ahead` steps,
    /// refusing steps at or below `last_accepted` ([`Totp::verify`]).
    /// Returns 0 (rejected), 1 (accepted) or 2 (replayed); read the match
    /// with [`WasmTotp::matched_step`] and [`WasmTotp::matched_drift`].
    ///
    /// # Errors
    /// A window side above 100, a time before T0.
    pub fn verify(
        &mut self,
        code: &str,
        time: u64,
        behind: u32,
        ahead: u32,
        last_accepted: Option<u64>,
    ) -> Result<u32, String> {
        let window = Window::new(behind, ahead).map_err(thrown)?;
        let verdict = self
            .totp
            .verify(code, time, window, last_accepted)
            .map_err(thrown)?;
        let (status, matched) = match verdict {
            Verdict::Accepted(found) => (ACCEPTED, Some(found)),
            Verdict::Replayed(found) => (REPLAYED, Some(found)),
            Verdict::Rejected => (REJECTED, None),
        };
        self.matched = matched;
        Ok(status)
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
/// let key = nidan_wasm::WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false)?;
/// let mut hotp = nidan_wasm::WasmHotp::new(&key, "SHA1", 6)?;
/// assert_eq!(hotp.generate(3), "969429");
/// assert!(hotp.verify("969429", 1, 3)?);
/// assert_eq!((hotp.matched_counter(), hotp.matched_drift()), (3, 2));
/// # Ok::<(), String>(())
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmHotp {
    hotp: Hotp,
    matched: Option<Match>,
}

#[wasm_bindgen]
impl WasmHotp {
    /// Keys an HOTP generator ([`Hotp::new`]).
    ///
    /// # Errors
    /// Unknown algorithm, digits outside 6 to 10.
    #[wasm_bindgen(constructor)]
    pub fn new(secret: &WasmSecret, algorithm_name: &str, digits: u32) -> Result<WasmHotp, String> {
        let config = HotpConfig {
            algorithm: algorithm(algorithm_name)?,
            digits,
        };
        let hotp = Hotp::new(&secret.0, config).map_err(thrown)?;
        Ok(Self {
            hotp,
            matched: None,
        })
    }

    /// The code for `counter` ([`Hotp::generate`]).
    pub fn generate(&self, counter: u64) -> String {
        self.hotp.generate(counter).as_str().into()
    }

    /// Verifies `code` against `counter` to `counter + look_ahead`
    /// ([`Hotp::verify`]); read the match with the getters.
    ///
    /// # Errors
    /// A look-ahead above 100.
    pub fn verify(&mut self, code: &str, counter: u64, look_ahead: u32) -> Result<bool, String> {
        self.matched = self
            .hotp
            .verify(code, counter, look_ahead)
            .map_err(thrown)?;
        Ok(self.matched.is_some())
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

    fn rfc_key() -> WasmSecret {
        WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false).unwrap()
    }

    #[test]
    fn replay_and_rejection_statuses() {
        let mut totp = WasmTotp::new(&rfc_key(), "sha1", 6, 30, 0).unwrap();
        assert_eq!(
            totp.verify("050471", 1_111_111_111, 1, 1, None),
            Ok(ACCEPTED)
        );
        let step = totp.matched_step();
        assert_eq!(
            totp.verify("050471", 1_111_111_112, 1, 1, Some(step)),
            Ok(REPLAYED)
        );
        assert_eq!(totp.matched_step(), step);
        assert_eq!(
            totp.verify("050472", 1_111_111_112, 1, 1, None),
            Ok(REJECTED)
        );
        assert_eq!((totp.matched_step(), totp.matched_drift()), (0, 0));
    }

    #[test]
    fn bad_parameters_are_errors_not_panics() {
        let key = rfc_key();
        assert!(
            WasmTotp::new(&key, "MD5", 6, 30, 0)
                .unwrap_err()
                .starts_with("Parameter|ALGORITHM|")
        );
        assert!(
            WasmTotp::new(&key, "SHA1", 6, 0, 0)
                .unwrap_err()
                .contains("|PERIOD|")
        );
        assert!(
            WasmHotp::new(&key, "SHA1", 11)
                .unwrap_err()
                .contains("|DIGITS|")
        );
        let mut totp = WasmTotp::new(&key, "SHA1", 6, 1, u64::MAX).unwrap();
        assert!(totp.generate(0).unwrap_err().contains("TIME_BEFORE_T0"));
        assert!(
            totp.verify("123456", u64::MAX, 101, 0, None)
                .unwrap_err()
                .contains("WINDOW_TOO_LARGE")
        );
        assert_eq!(totp.time_step(u64::MAX), Ok(vec![0, u64::MAX, u64::MAX, 1]));
        let mut hotp = WasmHotp::new(&key, "SHA1", 6).unwrap();
        assert_eq!(hotp.verify("123456", u64::MAX, 100), Ok(false));
    }
}
