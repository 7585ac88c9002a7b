//! QR codes for enrolment and export URIs (feature `qr`), drawn as SVG or
//! as text for a terminal, all by the `qrcode` crate (its encoder and its
//! `svg` and `unicode` renderers).
//!
//! Measured with the searching allocator (`wipecheck/tests/freed_blocks.rs`):
//! no block that `qrcode` frees while encoding or drawing an enrolment or
//! export URI holds the secret in any searched form (raw, base32, percent-
//! or base64-encoded): its bit buffers hold the text shifted by the segment
//! headers or packed as alphanumerics. Its drawings are images of the whole
//! code, and the renderers free partial images as they grow them: those
//! are not a form the search looks for, and a QR image is as secret as the
//! URI it shows. Drop the drawings once shown.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use qrcode::Color;
use qrcode::render::{Renderer, svg, unicode};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Light modules around the code, as the QR standard asks.
const QUIET_ZONE: u32 = 4;

/// A QR code of some text, usually an otpauth URI.
///
/// # Security
/// An enrolment QR code carries the secret. The modules are wiped on
/// drop and `Debug` shows only the size; the SVG and terminal text wipe
/// themselves when dropped (`Zeroizing`): show them once and drop them.
///
/// ```
/// let qr = nidan::Qr::new("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example")?;
/// assert!(qr.to_svg().contains("<svg"));
/// assert!(qr.to_terminal().lines().count() > 10);
/// # Ok::<(), nidan::Error>(())
/// ```
pub struct Qr {
    /// The modules, row by row.
    modules: Vec<Color>,
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
        let modules = code.into_colors();
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
        x < self.width
            && y < self.width
            && self.modules.get(y * self.width + x) == Some(&Color::Dark)
    }

    /// An SVG image: black modules on white, 8 pixels per module (its
    /// `width` and `height`; scale it with CSS), with the quiet zone.
    ///
    /// ```
    /// let svg = nidan::Qr::new("hello")?.to_svg();
    /// assert!(svg.contains("<svg") && svg.contains("width=\"232\" height=\"232\""));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_svg(&self) -> Zeroizing<String> {
        Zeroizing::new(
            Renderer::<svg::Color<'_>>::new(&self.modules, self.width, QUIET_ZONE).build(),
        )
    }

    /// Text for a terminal with a dark background: two modules per
    /// character cell, light modules drawn with block characters, each
    /// line ending in a newline.
    ///
    /// ```
    /// let text = nidan::Qr::new("hello")?.to_terminal();
    /// assert_eq!(text.lines().count(), (21 + 8 + 1) / 2);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_terminal(&self) -> Zeroizing<String> {
        let drawn = Zeroizing::new(
            Renderer::<unicode::Dense1x2>::new(&self.modules, self.width, QUIET_ZONE)
                .dark_color(unicode::Dense1x2::Light)
                .light_color(unicode::Dense1x2::Dark)
                .build(),
        );
        // Copied once into a string with room for the last newline.
        let mut text = Zeroizing::new(String::with_capacity(drawn.len() + 1));
        text.push_str(&drawn);
        text.push('\n');
        text
    }
}

impl Drop for Qr {
    fn drop(&mut self) {
        // `Color` is not `Zeroize`: every module is made light, and
        // `black_box` keeps the writes from being dropped as dead stores.
        self.modules.fill(Color::Light);
        core::hint::black_box(&mut self.modules);
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
