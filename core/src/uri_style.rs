//! Writing otpauth URIs in a named style: nidan's (the Key URI Format to
//! the letter), or another library's where a drop-in must reproduce it.
//!
//! One writer serves both: [`KeyUri::to_uri`] is
//! [`UriParts::write`] in [`UriStyle::KeyUriFormat`], and the otpauth
//! drop-in (`nidan/otpauth`) writes in [`UriStyle::OtpauthJs`]. Reading in
//! the otpauth package's way is [`KeyUri::import_uri_otpauth_js`]: the
//! import mode, plus what that package's objects remember of a URI.

use alloc::string::String;

use zeroize::Zeroizing;

use crate::algorithm::Algorithm;
use crate::base32;
use crate::code::CodeFormat;
use crate::error::{Error, Result};
use crate::repair::{IMPORT, ImportPolicy, ImportedKey};
use crate::uri::{KeyUri, OtpKind, ReadNotes, check_label, read, steam};

/// Whose conventions an otpauth URI is written in.
///
/// ```
/// use nidan::{OtpKind, UriParts, UriStyle};
/// let parts = UriParts {
///     kind: OtpKind::Totp { period: 30 },
///     issuer: Some("ACME Co"),
///     account: "alice@example.com",
///     secret: b"Hello!\xde\xad\xbe\xef",
///     algorithm: "SHA1",
///     digits: 6,
///     format: nidan::CodeFormat::Decimal,
/// };
/// assert_eq!(
///     *parts.write(UriStyle::KeyUriFormat)?,
///     "otpauth://totp/ACME%20Co:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
/// );
/// assert_eq!(
///     *parts.write(UriStyle::OtpauthJs { issuer_in_label: false })?,
///     "otpauth://totp/alice%40example.com?issuer=ACME%20Co&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"
/// );
/// # Ok::<(), nidan::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum UriStyle {
    /// nidan's own, what [`KeyUri::to_uri`] writes: the issuer both as the
    /// label's prefix and as `issuer=` after the secret, the label escaped
    /// but for unreserved characters and `@`, and only what
    /// [`KeyUri::parse`] reads back to the same key (digits 6 to 8, a
    /// period of at least 1, a label that carries issuer and account, at
    /// most [`KeyUri::MAX_LEN`] bytes).
    #[default]
    KeyUriFormat,
    /// The otpauth npm package's (hectorm/otpauth 9.x, its `toString()`),
    /// which the `nidan/otpauth` drop-in must reproduce: `issuer=` first
    /// and only when the issuer is not empty, the label's issuer prefix only
    /// with `issuer_in_label` (that package's option of the same name),
    /// every part escaped as JavaScript's `encodeURIComponent` escapes it,
    /// and no checks: any label, any algorithm name (a caller's own HMAC),
    /// any digits, a secret of any length.
    OtpauthJs {
        /// Whether the issuer is also written as the label's prefix.
        issuer_in_label: bool,
    },
}

/// The fields of an otpauth URI, borrowed, to be written in a [`UriStyle`].
///
/// [`KeyUri::to_uri`] writes a [`KeyUri`]'s; a drop-in whose keys are plain
/// bytes and names (the otpauth drop-in's) fills them in itself.
///
/// # Security
/// `secret` is the key: the URI written contains it.
#[derive(Clone, Copy, Debug)]
pub struct UriParts<'a> {
    /// TOTP or HOTP, with the period or counter.
    pub kind: OtpKind,
    /// The provider; `None` or empty for none (empty is refused in
    /// [`UriStyle::KeyUriFormat`]).
    pub issuer: Option<&'a str>,
    /// The account name (otpauth's `label`).
    pub account: &'a str,
    /// The key bytes, written as unpadded base32.
    pub secret: &'a [u8],
    /// The algorithm's name: in [`UriStyle::KeyUriFormat`] one that
    /// [`Algorithm::from_name`] reads, written as [`Algorithm::name`]; in
    /// [`UriStyle::OtpauthJs`] any name, written as given.
    pub algorithm: &'a str,
    /// Digits per code.
    pub digits: u32,
    /// How codes are written; a Steam Guard key is written with
    /// `encoder=steam` (which only the import mode reads).
    pub format: CodeFormat,
}

impl UriParts<'_> {
    /// Writes the URI in `style`.
    ///
    /// # Errors
    /// In [`UriStyle::KeyUriFormat`], those of [`KeyUri::to_uri`], and
    /// [`Error::Algorithm`] for an algorithm name nidan does not know; in
    /// [`UriStyle::OtpauthJs`], none.
    ///
    /// # Security
    /// The URI contains the secret. It wipes itself when dropped, and was
    /// written into room reserved up front, so no copy is left.
    ///
    /// ```
    /// use nidan::{OtpKind, UriParts, UriStyle};
    /// let parts = UriParts {
    ///     kind: OtpKind::Hotp { counter: 7 },
    ///     issuer: None,
    ///     account: "it's (me)",
    ///     secret: b"foo",
    ///     algorithm: "CUSTOM",
    ///     digits: 10,
    ///     format: nidan::CodeFormat::Decimal,
    /// };
    /// let otpauth = parts.write(UriStyle::OtpauthJs { issuer_in_label: true })?;
    /// assert_eq!(*otpauth, "otpauth://hotp/it's%20(me)?secret=MZXW6&algorithm=CUSTOM&digits=10&counter=7");
    /// assert_eq!(parts.write(UriStyle::KeyUriFormat), Err(nidan::Error::Digits { digits: 10 }));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write(&self, style: UriStyle) -> Result<Zeroizing<String>> {
        let issuer = self.issuer.filter(|issuer| match style {
            UriStyle::KeyUriFormat => true,
            UriStyle::OtpauthJs { .. } => !issuer.is_empty(),
        });
        let algorithm = match style {
            UriStyle::KeyUriFormat => {
                self.check_key_uri_format()?;
                Algorithm::from_name(self.algorithm)
                    .ok_or(Error::Algorithm)?
                    .name()
            }
            UriStyle::OtpauthJs { .. } => self.algorithm,
        };
        // All the room it can need, reserved up front: a growing string
        // would leave a copy of the secret behind each time it moved.
        let escaped = 3 * (2 * issuer.map_or(0, str::len) + self.account.len() + algorithm.len());
        let secret_len = base32::encoded_len(self.secret.len());
        let mut uri = Zeroizing::new(String::with_capacity(128 + escaped + secret_len));
        uri.push_str(match self.kind {
            OtpKind::Totp { .. } => "otpauth://totp/",
            OtpKind::Hotp { .. } => "otpauth://hotp/",
        });
        let label_prefix = match style {
            UriStyle::KeyUriFormat => issuer,
            UriStyle::OtpauthJs { issuer_in_label } => issuer.filter(|_| issuer_in_label),
        };
        if let Some(prefix) = label_prefix {
            percent_encode(prefix, style, &mut uri);
            uri.push(':');
        }
        percent_encode(self.account, style, &mut uri);
        uri.push('?');
        if let (UriStyle::OtpauthJs { .. }, Some(issuer)) = (style, issuer) {
            uri.push_str("issuer=");
            percent_encode(issuer, style, &mut uri);
            uri.push('&');
        }
        uri.push_str("secret=");
        push_base32(self.secret, &mut uri);
        if let (UriStyle::KeyUriFormat, Some(issuer)) = (style, issuer) {
            uri.push_str("&issuer=");
            percent_encode(issuer, style, &mut uri);
        }
        uri.push_str("&algorithm=");
        percent_encode(algorithm, style, &mut uri);
        uri.push_str("&digits=");
        push_decimal(u64::from(self.digits), &mut uri);
        let (name, value) = match self.kind {
            OtpKind::Totp { period } => ("&period=", period),
            OtpKind::Hotp { counter } => ("&counter=", counter),
        };
        uri.push_str(name);
        push_decimal(value, &mut uri);
        if self.format != CodeFormat::Decimal {
            uri.push_str("&encoder=");
            uri.push_str(self.format.name());
        }
        if style == UriStyle::KeyUriFormat && uri.len() > KeyUri::MAX_LEN {
            // Dropping the text wipes it.
            return Err(Error::UriTooLong {
                max: KeyUri::MAX_LEN,
            });
        }
        Ok(uri)
    }

    /// What [`KeyUri::parse`] needs to read the URI back to the same key.
    fn check_key_uri_format(&self) -> Result<()> {
        let digits = if self.format == CodeFormat::Decimal {
            6..=8
        } else {
            steam::DIGITS..=steam::DIGITS
        };
        if !digits.contains(&self.digits) {
            return Err(Error::Digits {
                digits: self.digits,
            });
        }
        if self.kind == (OtpKind::Totp { period: 0 }) {
            return Err(Error::Period);
        }
        check_label(self.issuer, self.account)
    }
}

/// The fields of a [`KeyUri`].
///
/// ```
/// let key = nidan::KeyUri::parse("otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP")?;
/// let parts = nidan::UriParts::from(&key);
/// assert_eq!((parts.issuer, parts.account, parts.algorithm), (Some("ACME"), "alice", "SHA1"));
/// assert_eq!(parts.write(nidan::UriStyle::KeyUriFormat)?, key.to_uri()?);
/// # Ok::<(), nidan::Error>(())
/// ```
impl<'a> From<&'a KeyUri> for UriParts<'a> {
    fn from(key: &'a KeyUri) -> Self {
        Self {
            kind: key.kind,
            issuer: key.issuer.as_deref(),
            account: &key.account,
            secret: key.secret.as_bytes(),
            algorithm: key.algorithm.name(),
            digits: key.digits,
            format: key.format,
        }
    }
}

/// A key read as the otpauth npm package reads it, with what that
/// package's objects remember of the URI ([`KeyUri::import_uri_otpauth_js`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OtpauthJsImport {
    /// The key and the repairs made to read it, as [`KeyUri::import_uri`].
    pub imported: ImportedKey,
    /// The `algorithm` parameter as written, when read for a caller's own
    /// HMAC (`None` otherwise, or when the URI has none).
    pub algorithm_name: Option<String>,
    /// The style to write the key back in: otpauth's `issuerInLabel` is
    /// false when the URI has an `issuer=` but no issuer prefix in its label.
    pub style: UriStyle,
}

impl KeyUri {
    /// Reads an otpauth URI for the otpauth drop-in (`nidan/otpauth`): as
    /// [`KeyUri::import_uri`] reads it, and with what the otpauth npm
    /// package (hectorm/otpauth 9.x) remembers of it, so that writing the
    /// key back in the returned [`OtpauthJsImport::style`] gives otpauth's
    /// `toString()`.
    ///
    /// With `custom_mac` (that package's `hmac` option, a caller that
    /// computes the HMAC itself), the `algorithm` parameter only names the
    /// caller's function: any name of ASCII letters and digits in groups
    /// joined by single `-` or `_` is accepted and returned as written; the
    /// key's algorithm is the one the name reads as, or SHA1.
    ///
    /// # Errors
    /// As [`KeyUri::import_uri`]; with `custom_mac`, an algorithm name
    /// outside that alphabet is [`Error::UriInvalidValue`].
    ///
    /// ```
    /// use nidan::{KeyUri, UriParts, UriStyle};
    /// let uri = "otpauth://hotp/alice?issuer=ACME&secret=JBSWY3DPEHPK3PXP&algorithm=CUSTOM&counter=0";
    /// let read = KeyUri::import_uri_otpauth_js(uri, true)?;
    /// assert_eq!(read.algorithm_name.as_deref(), Some("CUSTOM"));
    /// assert_eq!(read.imported.key.algorithm, nidan::Algorithm::Sha1);
    /// assert_eq!(read.style, UriStyle::OtpauthJs { issuer_in_label: false });
    /// assert!(KeyUri::import_uri_otpauth_js(uri, false).is_err());
    /// assert!(KeyUri::import_uri_otpauth_js(&uri.replace("CUSTOM", "MY--MAC"), true).is_err());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn import_uri_otpauth_js(uri: &str, custom_mac: bool) -> Result<OtpauthJsImport> {
        let mut notes = ReadNotes {
            custom_mac,
            ..ReadNotes::default()
        };
        let imported = read::<IMPORT>(uri, Some(&mut notes), ImportPolicy::Authenticator)?;
        let issuer_in_label = imported.key.issuer.is_none() || notes.label_has_issuer;
        Ok(OtpauthJsImport {
            imported,
            algorithm_name: notes.algorithm_name,
            style: UriStyle::OtpauthJs { issuer_in_label },
        })
    }
}

/// Appends `text` escaped for `style`: everything but unreserved
/// characters and `@` in the Key URI Format; in otpauth's, everything
/// `encodeURIComponent` escapes (it keeps `!'()*` and escapes `@`).
pub(crate) fn percent_encode(text: &str, style: UriStyle, out: &mut String) {
    for &byte in text.as_bytes() {
        let kept = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || match style {
                UriStyle::KeyUriFormat => byte == b'@',
                UriStyle::OtpauthJs { .. } => matches!(byte, b'!' | b'\'' | b'(' | b')' | b'*'),
            };
        if kept {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
            out.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
        }
    }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `secret` as unpadded base32, through a buffer wiped afterwards.
fn push_base32(secret: &[u8], out: &mut String) {
    let mut text = Zeroizing::new(alloc::vec![0u8; base32::encoded_len(secret.len())]);
    // The buffer has exactly the length needed, and base32 is ASCII.
    if let Ok(encoded) = base32::encode(secret, &mut text) {
        out.push_str(encoded);
    }
}

/// Appends `value` in decimal. (Written out rather than with `write!`: the
/// formatting machinery is most of the size of a small WebAssembly build.)
fn push_decimal(mut value: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (value % 10).to_le_bytes()[0];
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend(digits[start..].iter().map(|&digit| char::from(digit)));
}
