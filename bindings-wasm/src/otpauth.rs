//! What only the otpauth drop-in (`nidan/otpauth`) needs: the `hmac` option
//! (a MAC computed by the caller, truncated and formatted by the core),
//! secrets as plain bytes of any length, time steps without a key, and
//! URIs read and written as otpauth reads and writes them (the core's named
//! policy [`UriStyle::OtpauthJs`], reading in import mode). Behind the
//! feature `otpauth`, so that `nidan.wasm` (the native API alone) does not
//! carry it.

use nidan::{
    Code, KeyUri, OtpauthJsImport, Secret, TotpConfig, UriParts, UriStyle, Window, Zeroizing,
    base32, hex,
};
use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::error::record;
use crate::text::{SecretText, secret_text};
use crate::uri::{WasmKeyUri, kind};

/// The code of `mac`, an HMAC computed outside nidan ([`Code::from_mac`]:
/// the core's truncation and digits), as its digits; `None` after recording
/// the error (a MAC under 19 bytes, digits outside 6 to 10).
///
/// ```
/// let mut mac = [0u8; 20];
/// mac[1..4].copy_from_slice(&[0x01, 0xe2, 0x40]);
/// assert_eq!(nidan_wasm::code_from_mac(&mac, 6).as_deref(), Some("123456"));
/// assert!(nidan_wasm::code_from_mac(&mac[..18], 6).is_none());
/// ```
#[wasm_bindgen(js_name = codeFromMac)]
pub fn code_from_mac(mac: &[u8], digits: u32) -> Option<String> {
    record(Code::from_mac(mac, digits)).map(|code| code.as_str().into())
}

/// `side` when a window of `side` steps each way is allowed
/// ([`Window::new`]); `None` after recording the error.
///
/// ```
/// assert_eq!(nidan_wasm::window_side(10), Some(10));
/// assert!(nidan_wasm::window_side(u32::MAX).is_none());
/// ```
#[wasm_bindgen(js_name = windowSide)]
pub fn window_side(side: u32) -> Option<u32> {
    record(Window::new(side, side)).map(|_| side)
}

/// Unpadded base32 of bytes of any length ([`base32::encode`]): the
/// drop-in's `Secret` is a plain byte container, without the length cap
/// of [`Secret`].
///
/// ```
/// assert_eq!(nidan_wasm::base32_encode(vec![0x5a; 300]).len(), 480);
/// assert_eq!(nidan_wasm::base32_encode(b"foo".to_vec()), "MZXW6");
/// ```
#[wasm_bindgen(js_name = base32Encode)]
pub fn base32_encode(mut bytes: Vec<u8>) -> String {
    let mut text = vec![0u8; base32::encoded_len(bytes.len())];
    // The buffer has exactly the length needed: encoding cannot fail.
    let written = base32::encode(&bytes, &mut text).map_or(0, str::len);
    bytes.zeroize();
    text.truncate(written);
    String::from_utf8(text).unwrap_or_default()
}

/// The bytes of hex key text, read as otpauth's `Secret.fromHex` reads it
/// ([`hex::decode`]: either case, spaces ignored, any length); `None`
/// after recording the error. `text` is wiped before it is freed.
///
/// ```
/// assert_eq!(nidan_wasm::hex_decode("de AD".into()), Some(vec![0xde, 0xad]));
/// assert_eq!(nidan_wasm::hex_decode(String::new()), Some(vec![]));
/// assert!(nidan_wasm::hex_decode("0x12".into()).is_none());
/// ```
#[wasm_bindgen(js_name = hexDecode)]
pub fn hex_decode(text: String) -> Option<Vec<u8>> {
    let text = Zeroizing::new(text);
    let mut bytes = Zeroizing::new(vec![0u8; hex::decoded_len(&text)]);
    record(hex::decode(&text, &mut bytes).map(<[u8]>::to_vec))
}

/// Upper-case hex of key bytes of any length, as otpauth's `Secret.hex`
/// writes it ([`hex::encode`]); `bytes` is wiped before it is freed.
///
/// ```
/// assert_eq!(nidan_wasm::hex_encode(vec![0x00, 0xab, 0x7f]), "00AB7F");
/// assert_eq!(nidan_wasm::hex_encode(vec![0x5a; 300]).len(), 600);
/// ```
#[wasm_bindgen(js_name = hexEncode, unchecked_return_type = "string")]
pub fn hex_encode(bytes: Vec<u8>) -> SecretText {
    let bytes = Zeroizing::new(bytes);
    let mut text = Zeroizing::new(vec![0u8; hex::encoded_len(bytes.len())]);
    // The buffer has exactly the length needed: encoding cannot fail.
    let written = Zeroizing::new(
        hex::encode(&bytes, &mut text)
            .map(String::from)
            .unwrap_or_default(),
    );
    secret_text(&written)
}

/// The step at Unix `time` for steps of `period` seconds from T0 = 0,
/// its start and end, and the seconds left, in that order
/// ([`TotpConfig::time_step`]: no key needed); `None` after recording the
/// error (a period of 0).
///
/// ```
/// assert_eq!(nidan_wasm::time_step(60, 1_111_111_111), Some(vec![18_518_518, 1_111_111_080, 1_111_111_140, 29]));
/// assert!(nidan_wasm::time_step(0, 59).is_none());
/// ```
#[wasm_bindgen(js_name = timeStep)]
pub fn time_step(period: u64, time: u64) -> Option<Vec<u64>> {
    let config = TotpConfig {
        period,
        ..Default::default()
    };
    let now = record(config.time_step(time))?;
    Some(vec![now.step, now.start, now.end, now.remaining])
}

/// `len` when that many random bytes make a new key nidan would generate
/// ([`Secret::check_random_len`]); `None` after recording the error.
///
/// ```
/// assert_eq!(nidan_wasm::check_random_length(4096), Some(4096));
/// assert_eq!(nidan_wasm::check_random_length(15), None);
/// ```
#[wasm_bindgen(js_name = checkRandomLength)]
pub fn check_random_length(len: u32) -> Option<u32> {
    record(Secret::check_random_len(len as usize)).map(|()| len)
}

/// An otpauth URI read as the otpauth package reads it
/// ([`KeyUri::import_uri_otpauth_js`]: the import mode, and what that
/// package remembers of the URI); with `custom_mac`, the algorithm name as
/// written, for a caller's own HMAC.
///
/// ```
/// use nidan_wasm::WasmImportedUri;
/// let uri = "OTPAUTH://HOTP/a?SECRET=JBSWY3DPEHPK3PXP&COUNTER=3&ALGORITHM=sha3-256&issuer=ACME";
/// let read = WasmImportedUri::read(uri, false).unwrap();
/// assert_eq!((read.key().algorithm(), read.algorithm_name()), ("SHA3-256".into(), None));
/// assert!(!read.issuer_in_label());
/// let custom = uri.replace("sha3-256", "CUSTOM");
/// assert!(WasmImportedUri::read(&custom, false).is_none());
/// let read = WasmImportedUri::read(&custom, true).unwrap();
/// assert_eq!(read.algorithm_name().as_deref(), Some("CUSTOM"));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmImportedUri(OtpauthJsImport);

#[wasm_bindgen]
impl WasmImportedUri {
    /// Reads `uri`; `None` after recording the error.
    pub fn read(uri: &str, custom_mac: bool) -> Option<WasmImportedUri> {
        record(KeyUri::import_uri_otpauth_js(uri, custom_mac)).map(Self)
    }

    /// The key.
    pub fn key(&self) -> WasmKeyUri {
        WasmKeyUri(self.0.imported.key.clone())
    }

    /// The algorithm name as written, when read for a caller's own HMAC.
    #[wasm_bindgen(getter, js_name = algorithmName)]
    pub fn algorithm_name(&self) -> Option<String> {
        self.0.algorithm_name.clone()
    }

    /// otpauth's `issuerInLabel` for this URI.
    #[wasm_bindgen(getter, js_name = issuerInLabel)]
    pub fn issuer_in_label(&self) -> bool {
        matches!(
            self.0.style,
            UriStyle::OtpauthJs {
                issuer_in_label: true
            }
        )
    }
}

/// The URI the otpauth package's `toString()` writes
/// ([`UriStyle::OtpauthJs`]); `secret` is wiped before it is freed.
///
/// ```
/// let uri = nidan_wasm::otpauth_uri(false, "ACME", "a@b", false, b"foo".to_vec(), "SHA1", 6, 2);
/// assert_eq!(uri, "otpauth://hotp/a%40b?issuer=ACME&secret=MZXW6&algorithm=SHA1&digits=6&counter=2");
/// ```
#[wasm_bindgen(js_name = otpauthUri, unchecked_return_type = "string")]
#[allow(clippy::too_many_arguments)] // one per field of the URI
pub fn otpauth_uri(
    is_totp: bool,
    issuer: &str,
    label: &str,
    issuer_in_label: bool,
    secret: Vec<u8>,
    algorithm: &str,
    digits: u32,
    period_or_counter: u64,
) -> SecretText {
    let secret = Zeroizing::new(secret);
    let parts = UriParts {
        kind: kind(is_totp, period_or_counter),
        issuer: Some(issuer),
        account: label,
        secret: &secret,
        algorithm,
        digits,
        format: nidan::CodeFormat::Decimal,
        secret_text: None,
        extra: &[],
    };
    // The otpauth style has no errors but for a secret text or extra
    // parameters, which are not given here.
    let uri = parts
        .write(UriStyle::OtpauthJs { issuer_in_label })
        .unwrap_or_default();
    secret_text(&uri)
}
