//! otpauth URIs ([`KeyUri`]).

use nidan::{Algorithm, KeyUri, OtpKind, Zeroizing};
use wasm_bindgen::prelude::*;

use crate::error::record;
use crate::otp::{WasmHotp, WasmTotp, algorithm};
use crate::secret::WasmSecret;
use crate::text::{SecretText, secret_text};

/// An enrolment read from or written to an otpauth URI. Fallible exports
/// return `None` and record the error (see [`take_error`](crate::take_error)).
///
/// ```
/// let key = nidan_wasm::WasmKeyUri::parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME".into()).unwrap();
/// assert_eq!((key.issuer().as_deref(), key.account().as_str()), (Some("ACME"), "alice"));
/// assert_eq!((key.is_totp(), key.period_or_counter(), key.digits()), (true, 30, 6));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmKeyUri(pub(crate) KeyUri);

#[wasm_bindgen]
impl WasmKeyUri {
    /// Reads an otpauth URI ([`KeyUri::parse`]); `None` when it is malformed.
    /// The URI arrives as an owned string (the glue's copy in wasm memory),
    /// wiped before it is freed.
    pub fn parse(uri: String) -> Option<WasmKeyUri> {
        let uri = Zeroizing::new(uri);
        record(KeyUri::parse(&uri)).map(Self)
    }

    /// An enrolment from its parts; `None` for an unknown algorithm name.
    /// [`WasmKeyUri::to_uri`] checks the other parts.
    pub fn create(
        secret: &WasmSecret,
        issuer: Option<String>,
        account: String,
        is_totp: bool,
        algorithm_name: &str,
        digits: u32,
        period_or_counter: u64,
    ) -> Option<WasmKeyUri> {
        let algorithm = record(algorithm(algorithm_name))?;
        Some(Self(KeyUri {
            kind: kind(is_totp, period_or_counter),
            secret: secret.0.clone(),
            issuer,
            account,
            algorithm,
            digits,
            format: nidan::CodeFormat::Decimal,
        }))
    }

    /// Writes the URI ([`KeyUri::to_uri`]); `None` for digits outside 6 to
    /// 8, a zero period or an issuer that cannot be written.
    #[wasm_bindgen(js_name = toUri, unchecked_return_type = "string | undefined")]
    pub fn to_uri(&self) -> Option<SecretText> {
        record(self.0.to_uri()).map(|uri| secret_text(&uri))
    }

    /// How codes are written: `decimal`, or `steam` for a Steam Guard key
    /// (which only the import mode reads).
    #[wasm_bindgen(getter)]
    pub fn format(&self) -> String {
        self.0.format.name().into()
    }

    /// Whether this is a TOTP enrolment (else HOTP).
    #[wasm_bindgen(getter, js_name = isTotp)]
    pub fn is_totp(&self) -> bool {
        matches!(self.0.kind, OtpKind::Totp { .. })
    }

    /// The TOTP period or the HOTP counter.
    #[wasm_bindgen(getter, js_name = periodOrCounter)]
    pub fn period_or_counter(&self) -> u64 {
        match self.0.kind {
            OtpKind::Totp { period } => period,
            OtpKind::Hotp { counter } => counter,
        }
    }

    /// The issuer, if any.
    #[wasm_bindgen(getter)]
    pub fn issuer(&self) -> Option<String> {
        self.0.issuer.clone()
    }

    /// The account name.
    #[wasm_bindgen(getter)]
    pub fn account(&self) -> String {
        self.0.account.clone()
    }

    /// The algorithm's name ([`Algorithm::name`]).
    #[wasm_bindgen(getter)]
    pub fn algorithm(&self) -> String {
        Algorithm::name(self.0.algorithm).into()
    }

    /// Digits per code.
    #[wasm_bindgen(getter)]
    pub fn digits(&self) -> u32 {
        self.0.digits
    }

    /// A copy of the secret.
    #[wasm_bindgen(getter)]
    pub fn secret(&self) -> WasmSecret {
        WasmSecret(self.0.secret.clone())
    }

    /// A TOTP generator for this enrolment ([`KeyUri::to_totp`]); `None`
    /// for an HOTP enrolment or parameters [`WasmTotp::create`] refuses.
    #[wasm_bindgen(js_name = toTotp)]
    pub fn to_totp(&self) -> Option<WasmTotp> {
        record(self.0.to_totp()).map(WasmTotp::from)
    }

    /// An HOTP generator for this enrolment ([`KeyUri::to_hotp`]); `None`
    /// for a TOTP enrolment or parameters [`WasmHotp::create`] refuses.
    #[wasm_bindgen(js_name = toHotp)]
    pub fn to_hotp(&self) -> Option<WasmHotp> {
        record(self.0.to_hotp()).map(WasmHotp::from)
    }
}

/// TOTP with its period or HOTP with its counter, as JavaScript passes them.
pub(crate) fn kind(is_totp: bool, period_or_counter: u64) -> OtpKind {
    if is_totp {
        OtpKind::Totp {
            period: period_or_counter,
        }
    } else {
        OtpKind::Hotp {
            counter: period_or_counter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::testing::last_code;

    fn key() -> WasmSecret {
        WasmSecret::from_base32("JBSWY3DPEHPK3PXP".into(), false, false).unwrap()
    }

    #[test]
    fn built_uris_parse_back_to_the_same_parts() {
        let (issuer, account) = (Some("A B".into()), "x@y".into());
        let built = WasmKeyUri::create(&key(), issuer, account, false, "sha256", 8, 7).unwrap();
        let uri = built.to_uri().unwrap();
        assert_eq!(
            uri,
            "otpauth://hotp/A%20B:x@y?secret=JBSWY3DPEHPK3PXP&issuer=A%20B&algorithm=SHA256&digits=8&counter=7"
        );
        let parsed = WasmKeyUri::parse(uri).unwrap();
        assert_eq!(parsed.0, built.0);
        assert!(parsed.to_totp().is_none());
        assert_eq!(last_code(), "KEY_IS_HOTP");
        assert!(parsed.to_hotp().unwrap().generate(0, 0) >= 0.0);
    }

    #[test]
    fn unwritable_parts_fail_at_to_uri() {
        let nine = WasmKeyUri::create(&key(), None, "a".into(), true, "SHA1", 9, 30).unwrap();
        assert!(nine.to_uri().is_none());
        assert_eq!(last_code(), "DIGITS");
        assert!(WasmKeyUri::create(&key(), None, "a".into(), true, "SHA3", 6, 30).is_none());
        assert_eq!(last_code(), "ALGORITHM");
        assert!(WasmKeyUri::parse("otpauth://totp/a?secret=JBSWY3DP".into()).is_none());
        assert_eq!(last_code(), "SECRET_TOO_SHORT");
    }
}
