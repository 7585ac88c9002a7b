//! QR codes for enrolment and export URIs (feature `qr`), drawn as SVG or
//! as text for a terminal. The `qrcode` crate encodes; drawing is here.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use zeroize::Zeroize;

use crate::error::{Error, Result};

/// Light modules around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;

/// A QR code of some text, usually an otpauth URI.
///
/// # Security
/// An enrolment QR code carries the secret. The modules are zeroized on
/// drop and `Debug` shows only the size; the SVG and terminal text are
/// the caller's to show once and discard.
///
/// ```
/// let qr = nidan::Qr::new("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example")?;
/// assert!(qr.to_svg().starts_with("<svg"));
/// assert!(qr.to_terminal().lines().count() > 10);
/// # Ok::<(), nidan::Error>(())
/// ```
pub struct Qr {
    /// One byte per module, 1 for dark, row by row.
    modules: Vec<u8>,
    width: usize,
}

impl Qr {
    /// Encodes `text` with medium error correction (15% of the code may be damaged).
    ///
    /// # Errors
    /// [`Error::QrTooLong`] when the text does not fit the largest QR code.
    ///
    /// ```
    /// assert!(nidan::Qr::new(&"x".repeat(5000)).is_err());
    /// ```
    pub fn new(text: &str) -> Result<Self> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
            .map_err(|_| Error::QrTooLong)?;
        let width = code.width();
        let modules = code
            .into_colors()
            .into_iter()
            .map(|color| u8::from(color == qrcode::Color::Dark))
            .collect();
        Ok(Self { modules, width })
    }

    /// Modules per side, without the quiet zone.
    ///
    /// ```
    /// assert_eq!(nidan::Qr::new("hello")?.width(), 21);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn width(&self) -> usize {
        self.width
    }

    /// Whether the module at column `x`, row `y` is dark; outside the code
    /// (the quiet zone and beyond) everything is light.
    ///
    /// ```
    /// let qr = nidan::Qr::new("hello")?;
    /// assert!(qr.is_dark(0, 0)); // a corner of a finder pattern
    /// assert!(!qr.is_dark(100, 0));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.width && self.modules.get(y * self.width + x) == Some(&1)
    }

    /// An SVG image: black modules on white, one unit per module, with the
    /// quiet zone; it scales to any size.
    ///
    /// ```
    /// let svg = nidan::Qr::new("hello")?.to_svg();
    /// assert!(svg.contains("viewBox=\"0 0 29 29\""));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_svg(&self) -> String {
        let side = self.width + 2 * QUIET_ZONE;
        let mut svg = String::new();
        // Writing to a String cannot fail.
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" \
             shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\
             <path fill=\"#000\" d=\""
        );
        for y in 0..self.width {
            for x in 0..self.width {
                if self.is_dark(x, y) {
                    let _ = write!(svg, "M{},{}h1v1h-1z", x + QUIET_ZONE, y + QUIET_ZONE);
                }
            }
        }
        svg.push_str("\"/></svg>");
        svg
    }

    /// Text for a terminal with a dark background: two modules per
    /// character cell, light modules drawn with block characters.
    ///
    /// ```
    /// let text = nidan::Qr::new("hello")?.to_terminal();
    /// assert_eq!(text.lines().count(), (21 + 8 + 1) / 2);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_terminal(&self) -> String {
        let side = self.width + 2 * QUIET_ZONE;
        let light = |x: usize, y: usize| {
            !(x.checked_sub(QUIET_ZONE).zip(y.checked_sub(QUIET_ZONE)))
                .is_some_and(|(x, y)| self.is_dark(x, y))
        };
        let mut text = String::new();
        for y in (0..side).step_by(2) {
            for x in 0..side {
                let bottom_light = y + 1 >= side || light(x, y + 1);
                text.push(match (light(x, y), bottom_light) {
                    (true, true) => '█',
                    (true, false) => '▀',
                    (false, true) => '▄',
                    (false, false) => ' ',
                });
            }
            text.push('\n');
        }
        text
    }
}

impl Drop for Qr {
    fn drop(&mut self) {
        self.modules.zeroize();
    }
}

impl zeroize::ZeroizeOnDrop for Qr {}

impl fmt::Debug for Qr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Qr")
            .field("width", &self.width)
            .finish_non_exhaustive()
    }
}
