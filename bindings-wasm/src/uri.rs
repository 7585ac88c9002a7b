//! otpauth URIs ([`KeyUri`]).

use nidan::{Algorithm, KeyUri, OtpKind};
use wasm_bindgen::prelude::*;

use crate::error::thrown;
use crate::otp::{WasmHotp, WasmTotp};
use crate::secret::WasmSecret;

/// An enrolment read from or written to an otpauth URI.
///
/// ```
/// let key = nidan_wasm::WasmKeyUri::parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME")?;
/// assert_eq!((key.issuer().as_deref(), key.account().as_str()), (Some("ACME"), "alice"));
/// assert_eq!((key.is_totp(), key.period_or_counter(), key.digits()), (true, 30, 6));
/// # Ok::<(), String>(())
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmKeyUri(KeyUri);

#[wasm_bindgen]
impl WasmKeyUri {
    /// Reads an otpauth URI ([`KeyUri::parse`]).
    ///
    /// # Errors
    /// The core's URI and secret errors, as thrown text.
    pub fn parse(uri: &str) -> Result<WasmKeyUri, String> {
        KeyUri::parse(uri).map(Self).map_err(thrown)
    }

    /// An enrolment from its parts; [`WasmKeyUri::to_uri`] checks them.
    ///
    /// # Errors
    /// An unknown algorithm name.
    #[wasm_bindgen(constructor)]
    pub fn new(
        secret: &WasmSecret,
        issuer: Option<String>,
        account: String,
        is_totp: bool,
        algorithm_name: &str,
        digits: u32,
        period_or_counter: u64,
    ) -> Result<WasmKeyUri, String> {
        let kind = if is_totp {
            OtpKind::Totp {
                period: period_or_counter,
            }
        } else {
            OtpKind::Hotp {
                counter: period_or_counter,
            }
        };
        Ok(Self(KeyUri {
            kind,
            secret: secret.0.clone(),
            issuer,
            account,
            algorithm: algorithm_name.parse().map_err(thrown)?,
            digits,
        }))
    }

    /// Writes the URI ([`KeyUri::to_uri`]).
    ///
    /// # Errors
    /// Digits outside 6 to 8, a zero period, an issuer that cannot be written.
    #[wasm_bindgen(js_name = toUri)]
    pub fn to_uri(&self) -> Result<String, String> {
        self.0.to_uri().map_err(thrown)
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

    /// The algorithm's name: `SHA1`, `SHA256` or `SHA512`.
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

    /// A TOTP generator for this enrolment ([`KeyUri::to_totp`]).
    ///
    /// # Errors
    /// An HOTP enrolment; the errors of [`WasmTotp::new`].
    #[wasm_bindgen(js_name = toTotp)]
    pub fn to_totp(&self) -> Result<WasmTotp, String> {
        self.0.to_totp().map(WasmTotp::from).map_err(thrown)
    }

    /// An HOTP generator for this enrolment ([`KeyUri::to_hotp`]).
    ///
    /// # Errors
    /// A TOTP enrolment; the errors of [`WasmHotp::new`].
    #[wasm_bindgen(js_name = toHotp)]
    pub fn to_hotp(&self) -> Result<WasmHotp, String> {
        self.0.to_hotp().map(WasmHotp::from).map_err(thrown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_uris_parse_back_to_the_same_parts() {
        let key = WasmSecret::from_base32("JBSWY3DPEHPK3PXP".into(), false).unwrap();
        let built = WasmKeyUri::new(
            &key,
            Some("A B".into()),
            "x@y".into(),
            false,
            "sha256",
            8,
            7,
        )
        .unwrap();
        let uri = built.to_uri().unwrap();
        assert_eq!(
            uri,
            "otpauth://hotp/A%20B:x@y?secret=JBSWY3DPEHPK3PXP&issuer=A%20B&algorithm=SHA256&digits=8&counter=7"
        );
        let parsed = WasmKeyUri::parse(&uri).unwrap();
        assert_eq!(parsed.0, built.0);
        assert!(parsed.to_totp().unwrap_err().contains("URI_TYPE"));
        assert_eq!(parsed.to_hotp().unwrap().generate(0).len(), 8);
    }

    #[test]
    fn unwritable_parts_fail_at_to_uri() {
        let key = WasmSecret::from_base32("JBSWY3DPEHPK3PXP".into(), false).unwrap();
        let nine = WasmKeyUri::new(&key, None, "a".into(), true, "SHA1", 9, 30).unwrap();
        assert!(nine.to_uri().unwrap_err().contains("|DIGITS|"));
        assert!(WasmKeyUri::new(&key, None, "a".into(), true, "SHA3", 6, 30).is_err());
    }
}
