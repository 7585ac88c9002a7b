//! The server side of two-step login (feature `server`, module
//! `nidan-server.wasm` behind `nidan/server`): [`Record`], [`Login`],
//! [`RecoveryCodes`] and [`DeliveredCode`]. Stored values cross as their
//! text form; decisions cross as handles read with getters. Fallible
//! exports return `None` and record the error (see
//! [`take_error`](crate::take_error)).
//!
//! ```
//! use nidan_wasm::{WasmLogin, WasmRecord, WasmSecret, WasmTotp};
//! let key = WasmSecret::from_bytes(b"12345678901234567890".to_vec(), false, false).unwrap();
//! let totp = WasmTotp::create(&key, "SHA1", 6, 30, 0, "decimal").unwrap();
//! let login = WasmLogin::create(1, 1, 4, 1, 900, 100).unwrap();
//! let record = WasmRecord::from_text(&WasmRecord::fresh().to_text()).unwrap();
//! let attempt = login.attempt(&totp, &record, "050471", 1_111_111_111).unwrap();
//! assert_eq!((attempt.kind(), attempt.step()), ("accepted".into(), Some(37_037_037)));
//! assert_eq!(attempt.record().unwrap().version(), 1);
//! ```

use nidan::{
    Attempt, Confirmation, DeliveredCode, Delivery, Login, LoginSettings, Record, Recovery,
    RecoveryCodes,
};
use wasm_bindgen::prelude::*;

use crate::error::record;
use crate::otp::WasmTotp;

/// The stored form of a server-side value, in a `#[wasm_bindgen]` block of
/// its own: `fromText`, `fromBytes` (`None` when the value is corrupted or
/// foreign), `toText` and `toBytes`, for a `Wasm*` wrapper of a core type
/// with those four methods. `stored_value!(WasmRecord, Record)` generates:
///
/// ```ignore
/// #[wasm_bindgen]
/// impl WasmRecord {
///     /// Reads the text form; `None` when it is corrupted or foreign.
///     #[wasm_bindgen(js_name = fromText)]
///     pub fn from_text(text: &str) -> Option<WasmRecord> {
///         record(Record::from_text(text)).map(Self)
///     }
///
///     /// Reads the byte form; `None` when it is corrupted or foreign.
///     #[wasm_bindgen(js_name = fromBytes)]
///     pub fn from_bytes(bytes: &[u8]) -> Option<WasmRecord> {
///         record(Record::from_bytes(bytes)).map(Self)
///     }
///
///     /// The text form.
///     #[wasm_bindgen(js_name = toText)]
///     pub fn to_text(&self) -> String {
///         self.0.to_text()
///     }
///
///     /// The byte form.
///     #[wasm_bindgen(js_name = toBytes)]
///     pub fn to_bytes(&self) -> Vec<u8> {
///         <[u8]>::to_vec(&self.0.to_bytes())
///     }
/// }
/// ```
macro_rules! stored_value {
    ($wrapper:ident, $core:ident) => {
        #[wasm_bindgen]
        impl $wrapper {
            /// Reads the text form; `None` when it is corrupted or foreign.
            #[wasm_bindgen(js_name = fromText)]
            pub fn from_text(text: &str) -> Option<$wrapper> {
                record($core::from_text(text)).map(Self)
            }

            /// Reads the byte form; `None` when it is corrupted or foreign.
            #[wasm_bindgen(js_name = fromBytes)]
            pub fn from_bytes(bytes: &[u8]) -> Option<$wrapper> {
                record($core::from_bytes(bytes)).map(Self)
            }

            /// The text form.
            #[wasm_bindgen(js_name = toText)]
            pub fn to_text(&self) -> String {
                self.0.to_text()
            }

            /// The byte form.
            #[wasm_bindgen(js_name = toBytes)]
            pub fn to_bytes(&self) -> Vec<u8> {
                <[u8]>::to_vec(&self.0.to_bytes())
            }
        }
    };
}

/// A login record ([`Record`]).
#[wasm_bindgen]
#[derive(Debug, Clone, Copy)]
pub struct WasmRecord(Record);

stored_value!(WasmRecord, Record);

#[wasm_bindgen]
impl WasmRecord {
    /// The record of a new enrolment.
    pub fn fresh() -> WasmRecord {
        Self(Record::new())
    }

    /// [`Record::version`].
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> u64 {
        self.0.version()
    }

    /// [`Record::last_step`].
    #[wasm_bindgen(getter, js_name = lastStep)]
    pub fn last_step(&self) -> Option<u64> {
        self.0.last_step()
    }

    /// [`Record::failures`].
    #[wasm_bindgen(getter)]
    pub fn failures(&self) -> u32 {
        self.0.failures()
    }

    /// [`Record::last_failure`].
    #[wasm_bindgen(getter, js_name = lastFailure)]
    pub fn last_failure(&self) -> Option<u64> {
        self.0.last_failure()
    }

    /// [`Record::drift`].
    #[wasm_bindgen(getter)]
    pub fn drift(&self) -> i32 {
        self.0.drift()
    }

    /// [`Record::reset_failures`].
    #[wasm_bindgen(js_name = resetFailures)]
    #[must_use]
    pub fn reset_failures(&self) -> WasmRecord {
        Self(self.0.reset_failures())
    }

    /// [`Record::restart`].
    #[must_use]
    pub fn restart(&self) -> WasmRecord {
        Self(self.0.restart())
    }
}

/// A login policy ([`Login`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmLogin(Login);

#[wasm_bindgen]
impl WasmLogin {
    /// [`LoginSettings::login`]; `None` for a setting out of range.
    pub fn create(
        behind: u32,
        ahead: u32,
        max_learned: u32,
        factor: u64,
        max_wait: u64,
        max_failures: u32,
    ) -> Option<WasmLogin> {
        let settings =
            LoginSettings::new(behind, ahead, max_learned, factor, max_wait, max_failures);
        record(settings.login()).map(Self)
    }

    /// [`Login::attempt`]; `None` for a time before T0.
    pub fn attempt(
        &self,
        totp: &WasmTotp,
        stored: &WasmRecord,
        code: &str,
        now: u64,
    ) -> Option<WasmAttempt> {
        record(self.0.attempt(totp.core(), &stored.0, code, now)).map(WasmAttempt)
    }

    /// [`Login::recover`]; `None` for a pepper under 16 bytes.
    pub fn recover(
        &self,
        stored: &WasmRecord,
        codes: &WasmRecoveryCodes,
        typed: &str,
        pepper: &[u8],
        now: u64,
    ) -> Option<WasmRecovery> {
        record(self.0.recover(&stored.0, &codes.0, typed, pepper, now)).map(WasmRecovery)
    }

    /// [`Throttle::delay`](nidan::Throttle::delay).
    pub fn delay(&self, failures: u32) -> u64 {
        self.0.throttle().delay(failures)
    }
}

/// What one login attempt decided ([`Attempt`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmAttempt(Attempt);

#[wasm_bindgen]
impl WasmAttempt {
    /// `accepted`, `replayed`, `rejected`, `throttled` or `locked`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        String::from(self.0.kind())
    }

    /// The record to store, if any.
    pub fn record(&self) -> Option<WasmRecord> {
        self.0.record().copied().map(WasmRecord)
    }

    /// The matched step, when accepted.
    #[wasm_bindgen(getter)]
    pub fn step(&self) -> Option<u64> {
        match self.0 {
            Attempt::Accepted { step, .. } => Some(step),
            _ => None,
        }
    }

    /// The learned drift, when accepted.
    #[wasm_bindgen(getter)]
    pub fn drift(&self) -> Option<i32> {
        match self.0 {
            Attempt::Accepted { drift, .. } => Some(drift),
            _ => None,
        }
    }

    /// Seconds to wait, when throttled.
    #[wasm_bindgen(getter, js_name = waitSeconds)]
    pub fn wait_seconds(&self) -> Option<u64> {
        match self.0 {
            Attempt::Throttled { wait_seconds } => Some(wait_seconds),
            _ => None,
        }
    }
}

/// What one recovery attempt decided ([`Recovery`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmRecovery(Recovery);

#[wasm_bindgen]
impl WasmRecovery {
    /// `accepted`, `rejected`, `throttled` or `locked`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        String::from(self.0.kind())
    }

    /// The record to store, if any.
    pub fn record(&self) -> Option<WasmRecord> {
        match self.0 {
            Recovery::Accepted { record, .. } | Recovery::Rejected { record } => {
                Some(WasmRecord(record))
            }
            _ => None,
        }
    }

    /// The codes to store, when accepted.
    pub fn codes(&self) -> Option<WasmRecoveryCodes> {
        match &self.0 {
            Recovery::Accepted { codes, .. } => Some(WasmRecoveryCodes(codes.clone())),
            _ => None,
        }
    }

    /// Seconds to wait, when throttled.
    #[wasm_bindgen(getter, js_name = waitSeconds)]
    pub fn wait_seconds(&self) -> Option<u64> {
        match self.0 {
            Recovery::Throttled { wait_seconds } => Some(wait_seconds),
            _ => None,
        }
    }
}

/// A set of recovery codes as stored ([`RecoveryCodes`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmRecoveryCodes(RecoveryCodes);

stored_value!(WasmRecoveryCodes, RecoveryCodes);

/// A new set of recovery codes and the codes to show once.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmNewRecoveryCodes {
    codes: RecoveryCodes,
    printed: Vec<String>,
}

#[wasm_bindgen]
impl WasmNewRecoveryCodes {
    /// The set to store.
    pub fn codes(&self) -> WasmRecoveryCodes {
        WasmRecoveryCodes(self.codes.clone())
    }

    /// The codes to show the user once.
    pub fn printed(&self) -> Vec<String> {
        self.printed.clone()
    }
}

#[wasm_bindgen]
impl WasmRecoveryCodes {
    /// [`RecoveryCodes::from_random`]; `None` for a count out of range, too
    /// little random input or a short pepper.
    #[wasm_bindgen(js_name = fromRandom)]
    pub fn from_random(random: &[u8], count: usize, pepper: &[u8]) -> Option<WasmNewRecoveryCodes> {
        let (codes, sheet) = record(RecoveryCodes::from_random(random, count, pepper))?;
        let printed = sheet
            .codes()
            .iter()
            .map(|code| String::from(code.as_str()))
            .collect();
        Some(WasmNewRecoveryCodes { codes, printed })
    }

    /// Random bytes `fromRandom` needs for `count` codes.
    #[wasm_bindgen(js_name = randomLen)]
    pub fn random_len(count: usize) -> usize {
        RecoveryCodes::random_len(count)
    }

    /// [`RecoveryCodes::redeem`]; `None` for a short pepper.
    pub fn redeem(&self, typed: &str, pepper: &[u8]) -> Option<WasmRedeemed> {
        record(self.0.redeem(typed, pepper)).map(WasmRedeemed)
    }

    /// [`RecoveryCodes::count`].
    #[wasm_bindgen(getter)]
    pub fn count(&self) -> usize {
        self.0.count()
    }

    /// [`RecoveryCodes::remaining`].
    #[wasm_bindgen(getter)]
    pub fn remaining(&self) -> usize {
        self.0.remaining()
    }

    /// [`RecoveryCodes::version`].
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> u64 {
        self.0.version()
    }
}

/// What redeeming a recovery code gave: the set with the code used up, or
/// nothing when it is not an unused code of the set.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmRedeemed(Option<RecoveryCodes>);

#[wasm_bindgen]
impl WasmRedeemed {
    /// The set to store, when the code was accepted.
    pub fn codes(&self) -> Option<WasmRecoveryCodes> {
        self.0.clone().map(WasmRecoveryCodes)
    }
}

/// A delivered code as stored ([`DeliveredCode`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmDeliveredCode(DeliveredCode);

stored_value!(WasmDeliveredCode, DeliveredCode);

/// A new delivered code: what to store and the code to send.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmIssuedCode {
    stored: DeliveredCode,
    code: String,
}

#[wasm_bindgen]
impl WasmIssuedCode {
    /// What to store.
    pub fn stored(&self) -> WasmDeliveredCode {
        WasmDeliveredCode(self.stored.clone())
    }

    /// The code to send.
    pub fn code(&self) -> String {
        self.code.clone()
    }
}

/// What checking a delivered code decided ([`Confirmation`]).
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmConfirmation(Confirmation);

#[wasm_bindgen]
impl WasmConfirmation {
    /// `accepted`, `rejected`, `expired`, `exhausted` or `used`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        String::from(self.0.kind())
    }

    /// The delivered code to store, if any.
    pub fn code(&self) -> Option<WasmDeliveredCode> {
        match &self.0 {
            Confirmation::Accepted { code } | Confirmation::Rejected { code, .. } => {
                Some(WasmDeliveredCode(code.clone()))
            }
            _ => None,
        }
    }

    /// Attempts left, when rejected.
    #[wasm_bindgen(getter, js_name = attemptsLeft)]
    pub fn attempts_left(&self) -> Option<u32> {
        match self.0 {
            Confirmation::Rejected { attempts_left, .. } => Some(attempts_left),
            _ => None,
        }
    }
}

#[wasm_bindgen]
impl WasmDeliveredCode {
    /// [`DeliveredCode::from_random`] with [`Delivery::new`]; `None` for a
    /// setting out of range, too little random input or a short pepper.
    #[wasm_bindgen(js_name = fromRandom)]
    pub fn from_random(
        random: &[u8],
        now: u64,
        pepper: &[u8],
        digits: u32,
        lifetime: u64,
        max_attempts: u32,
    ) -> Option<WasmIssuedCode> {
        let issued = Delivery::new(digits, lifetime, max_attempts)
            .and_then(|delivery| DeliveredCode::from_random(random, now, pepper, delivery));
        let (stored, code) = record(issued)?;
        Some(WasmIssuedCode {
            stored,
            code: String::from(code.as_str()),
        })
    }

    /// [`DeliveredCode::check`]; `None` for a short pepper.
    pub fn check(&self, typed: &str, pepper: &[u8], now: u64) -> Option<WasmConfirmation> {
        record(self.0.check(typed, pepper, now)).map(WasmConfirmation)
    }

    /// [`DeliveredCode::expires_at`].
    #[wasm_bindgen(getter, js_name = expiresAt)]
    pub fn expires_at(&self) -> u64 {
        self.0.expires_at()
    }

    /// [`DeliveredCode::attempts_left`].
    #[wasm_bindgen(getter, js_name = attemptsLeft)]
    pub fn attempts_left(&self) -> u32 {
        self.0.attempts_left()
    }

    /// [`DeliveredCode::is_used`].
    #[wasm_bindgen(getter)]
    pub fn used(&self) -> bool {
        self.0.is_used()
    }

    /// [`DeliveredCode::version`].
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> u64 {
        self.0.version()
    }
}
