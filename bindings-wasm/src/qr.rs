//! QR codes ([`Qr`]).

use nidan::{Qr, Zeroizing};
use wasm_bindgen::prelude::*;

use crate::error::record;
use crate::text::{SecretText, secret_text};

/// A QR code of some text, usually an otpauth URI; its modules are wiped
/// when it is freed.
///
/// ```
/// let qr = nidan_wasm::WasmQr::create("hello".into()).unwrap();
/// assert_eq!(qr.width(), 21);
/// assert!(qr.is_dark(0, 0) && !qr.is_dark(21, 0));
/// assert!(qr.to_svg().contains("<svg"));
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct WasmQr(Qr);

#[wasm_bindgen]
impl WasmQr {
    /// Encodes `text` ([`Qr::new`]); `None` when it does not fit a QR code.
    /// The text arrives as an owned string, wiped before it is freed.
    pub fn create(text: String) -> Option<WasmQr> {
        let text = Zeroizing::new(text);
        record(Qr::new(&text)).map(Self)
    }

    /// Modules per side, without the quiet zone.
    #[wasm_bindgen(getter)]
    pub fn width(&self) -> usize {
        self.0.width()
    }

    /// Whether the module at column `x`, row `y` is dark.
    #[wasm_bindgen(js_name = isDark)]
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.0.is_dark(x, y)
    }

    /// An SVG image with the quiet zone ([`Qr::to_svg`]).
    #[wasm_bindgen(js_name = toSvg, unchecked_return_type = "string")]
    pub fn to_svg(&self) -> SecretText {
        secret_text(&self.0.to_svg())
    }

    /// Text for a terminal ([`Qr::to_terminal`]).
    #[wasm_bindgen(js_name = toTerminal, unchecked_return_type = "string")]
    pub fn to_terminal(&self) -> SecretText {
        secret_text(&self.0.to_terminal())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::testing::last_code;

    #[test]
    fn text_too_long_for_a_qr_code_is_a_recorded_error() {
        assert!(WasmQr::create("x".repeat(5000)).is_none());
        assert_eq!(last_code(), "QR_TOO_LONG");
    }
}
