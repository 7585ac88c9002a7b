//! Writing otpauth URIs in a named style: nidan's (the Key URI Format to
//! the letter), or another library's where a drop-in must reproduce it.
//!
//! One writer serves both: [`KeyUri::to_uri`] is
//! [`UriParts::write`] in [`UriStyle::KeyUriFormat`], and the otpauth
//! drop-in (`nidan/otpauth`) writes in [`UriStyle::OtpauthJs`]. Reading in
//! the otpauth package's way is [`KeyUri::import_uri_otpauth_js`]: the
//! import mode, plus what that package's objects remember of a URI.

use alloc::string::String;
use alloc::vec::Vec;

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
///     secret_text: None,
///     extra: &[],
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
    /// pyotp 2.x's (its `utils.build_uri`, which `provisioning_uri`
    /// calls), which the `nidan.pyotp` drop-in must reproduce:
    /// - `hotp` when there is a counter, `totp` otherwise;
    /// - the label is the account, after the issuer and `:` when there is
    ///   an issuer (even an empty one), each escaped as Python's
    ///   `urllib.parse.quote` escapes (all but unreserved characters and `/`);
    /// - the parameters in the order `secret`, `issuer`, `counter`,
    ///   `algorithm`, `digits`, `period`, then [`UriParts::extra`] in order,
    ///   each name and value escaped as `urlencode` with `%20` for a space
    ///   (all but unreserved characters);
    /// - the secret as its owner typed it ([`UriParts::secret_text`]);
    /// - default values left out: the algorithm when it is exactly `sha1`
    ///   (any other name is written in upper case), 6 digits, a period of 30;
    /// - an extra parameter with the name of one already written replaces
    ///   its value in place (a Python dict's update);
    /// - an `image` must be an `https` URL with a host and a path, as
    ///   `urllib.parse.urlparse` (Python 3.11) splits it;
    /// - no `encoder` and no other checks: pyotp writes neither.
    ///
    /// ```
    /// use nidan::{OtpKind, UriParts, UriStyle};
    /// let parts = UriParts {
    ///     kind: OtpKind::Totp { period: 30 },
    ///     issuer: Some("ACME Co"),
    ///     account: "alice@example.com/x",
    ///     secret: b"",
    ///     algorithm: "sha256",
    ///     digits: 6,
    ///     format: nidan::CodeFormat::Decimal,
    ///     secret_text: Some("jbswy3dpehpk3pxp===="),
    ///     extra: &[("image", "https://example.com/a b.png")],
    /// };
    /// assert_eq!(
    ///     *parts.write(UriStyle::Pyotp)?,
    ///     "otpauth://totp/ACME%20Co:alice%40example.com/x?secret=jbswy3dpehpk3pxp%3D%3D%3D%3D&issuer=ACME%20Co&algorithm=SHA256&image=https%3A%2F%2Fexample.com%2Fa%20b.png"
    /// );
    /// let no_path = UriParts { extra: &[("image", "https://example.com")], ..parts };
    /// assert_eq!(no_path.write(UriStyle::Pyotp), Err(nidan::Error::UriInvalidValue { parameter: "image" }));
    /// // Only pyotp's style writes a secret's text or extra parameters.
    /// assert_eq!(parts.write(UriStyle::KeyUriFormat), Err(nidan::Error::UriInvalidValue { parameter: "secret" }));
    /// // An extra parameter named as a written one replaces its value in place.
    /// let extra = [("counter", "7"), ("color", "red")];
    /// let hotp = UriParts { kind: OtpKind::Hotp { counter: 0 }, issuer: None, digits: 8, extra: &extra, ..parts };
    /// assert_eq!(
    ///     *hotp.write(UriStyle::Pyotp)?,
    ///     "otpauth://hotp/alice%40example.com/x?secret=jbswy3dpehpk3pxp%3D%3D%3D%3D&counter=7&algorithm=SHA256&digits=8&color=red"
    /// );
    /// # Ok::<(), nidan::Error>(())
    /// ```
    Pyotp,
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
    /// The secret as its owner wrote it (pyotp keeps lower case and
    /// padding), written instead of `secret` in [`UriStyle::Pyotp`]; the
    /// other styles refuse it.
    pub secret_text: Option<&'a str>,
    /// Further parameters, `(name, value)`, written last in
    /// [`UriStyle::Pyotp`] (pyotp's keyword arguments, such as `image`);
    /// the other styles refuse them.
    pub extra: &'a [(&'a str, &'a str)],
}

impl UriParts<'_> {
    /// Writes the URI in `style`.
    ///
    /// # Errors
    /// In [`UriStyle::KeyUriFormat`], those of [`KeyUri::to_uri`], and
    /// [`Error::Algorithm`] for an algorithm name nidan does not know; in
    /// [`UriStyle::Pyotp`], [`Error::UriInvalidValue`] for an `image` that
    /// is not an `https` URL with a host and a path; in the other styles,
    /// [`Error::UriInvalidValue`] for a [`UriParts::secret_text`] or an
    /// [`UriParts::extra`], which only pyotp's style writes.
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
    ///     secret_text: None,
    ///     extra: &[],
    /// };
    /// let otpauth = parts.write(UriStyle::OtpauthJs { issuer_in_label: true })?;
    /// assert_eq!(*otpauth, "otpauth://hotp/it's%20(me)?secret=MZXW6&algorithm=CUSTOM&digits=10&counter=7");
    /// assert_eq!(parts.write(UriStyle::KeyUriFormat), Err(nidan::Error::Digits { digits: 10 }));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write(&self, style: UriStyle) -> Result<Zeroizing<String>> {
        if style == UriStyle::Pyotp {
            return self.write_pyotp();
        }
        if self.secret_text.is_some() {
            return Err(Error::UriInvalidValue {
                parameter: "secret",
            });
        }
        if !self.extra.is_empty() {
            return Err(Error::UriInvalidValue { parameter: "extra" });
        }
        let issuer = self.issuer.filter(|issuer| match style {
            UriStyle::KeyUriFormat => true,
            UriStyle::OtpauthJs { .. } | UriStyle::Pyotp => !issuer.is_empty(),
        });
        let algorithm = match style {
            UriStyle::KeyUriFormat => {
                self.check_key_uri_format()?;
                Algorithm::from_name(self.algorithm)
                    .ok_or(Error::Algorithm)?
                    .name()
            }
            UriStyle::OtpauthJs { .. } | UriStyle::Pyotp => self.algorithm,
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
            UriStyle::KeyUriFormat | UriStyle::Pyotp => issuer,
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

    /// The URI in [`UriStyle::Pyotp`].
    fn write_pyotp(&self) -> Result<Zeroizing<String>> {
        if let Some((_, image)) = self.extra.iter().rev().find(|(name, _)| *name == "image")
            && !is_https_url_with_path(image)
        {
            return Err(Error::UriInvalidValue { parameter: "image" });
        }
        let base32_text = match self.secret_text {
            Some(_) => Zeroizing::new(String::new()),
            None => base32_string(self.secret),
        };
        let algorithm = (self.algorithm != "sha1").then(|| self.algorithm.to_uppercase());
        let digits = (self.digits != 6).then(|| decimal(u64::from(self.digits)));
        let (counter, period) = match self.kind {
            OtpKind::Hotp { counter } => (Some(decimal(counter)), None),
            OtpKind::Totp { period } => (None, (period != 30).then(|| decimal(period))),
        };
        let written = [
            ("secret", Some(self.secret_text.unwrap_or(&base32_text))),
            ("issuer", self.issuer),
            ("counter", counter.as_deref()),
            ("algorithm", algorithm.as_deref()),
            ("digits", digits.as_deref()),
            ("period", period.as_deref()),
        ];
        let mut params: Vec<(&str, &str)> = written
            .iter()
            .filter_map(|&(name, value)| value.map(|value| (name, value)))
            .collect();
        for &(name, value) in self.extra {
            match params.iter_mut().find(|(written, _)| *written == name) {
                Some(param) => param.1 = value,
                None => params.push((name, value)),
            }
        }
        let text_len = params
            .iter()
            .map(|(name, value)| name.len() + value.len())
            .sum::<usize>()
            + self.issuer.map_or(0, str::len)
            + self.account.len();
        // All the room it can need, reserved up front (see `write`).
        let mut uri = Zeroizing::new(String::with_capacity(32 + 2 * params.len() + 3 * text_len));
        uri.push_str(match self.kind {
            OtpKind::Totp { .. } => "otpauth://totp/",
            OtpKind::Hotp { .. } => "otpauth://hotp/",
        });
        if let Some(issuer) = self.issuer {
            python_quote(issuer, b"/", &mut uri);
            uri.push(':');
        }
        python_quote(self.account, b"/", &mut uri);
        for (index, (name, value)) in params.iter().enumerate() {
            uri.push(if index == 0 { '?' } else { '&' });
            python_quote(name, b"", &mut uri);
            uri.push('=');
            python_quote(value, b"", &mut uri);
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
            secret_text: None,
            extra: &[],
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
                UriStyle::Pyotp => false,
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

/// Appends `text` escaped as Python's `urllib.parse.quote` escapes it with
/// `safe`: all but unreserved characters and those in `safe`.
fn python_quote(text: &str, safe: &[u8], out: &mut String) {
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || safe.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
            out.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
        }
    }
}

/// Whether Python's `urllib.parse.urlparse` (3.11) splits `url` into the
/// scheme `https`, a host and a path: it drops leading controls and spaces
/// and every tab and line break, reads the scheme in any case, the host
/// after `//` up to `/`, `?` or `#`, and the path from that `/`.
fn is_https_url_with_path(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\r' | '\n'))
        .collect();
    let Some(rest) = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .and_then(|_| url.get(8..))
    else {
        return false;
    };
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    host_len > 0 && rest[host_len..].starts_with('/')
}

/// `secret` as unpadded base32, in a string that wipes itself.
fn base32_string(secret: &[u8]) -> Zeroizing<String> {
    let mut text = Zeroizing::new(String::with_capacity(base32::encoded_len(secret.len())));
    push_base32(secret, &mut text);
    text
}

/// `value` in decimal.
fn decimal(value: u64) -> String {
    let mut text = String::new();
    push_decimal(value, &mut text);
    text
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
