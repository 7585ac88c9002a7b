//! otpauth URIs, the text inside enrolment QR codes (the Key URI Format).
//!
//! `otpauth://TYPE/LABEL?secret=...&issuer=...&algorithm=...&digits=...&period=...&counter=...`

use alloc::string::String;
use alloc::vec::Vec;
use core::str::FromStr;

use zeroize::Zeroize as _;

use crate::algorithm::Algorithm;
use crate::error::{Error, Result};
use crate::hotp::{Hotp, HotpConfig};
use crate::secret::Secret;
use crate::totp::{Totp, TotpConfig};

/// TOTP with its period, or HOTP with its counter.
///
/// ```
/// assert_eq!(nidan::OtpKind::default(), nidan::OtpKind::Totp { period: 30 });
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OtpKind {
    /// Time-based, with the period in seconds.
    Totp {
        /// Seconds per step, at least 1.
        period: u64,
    },
    /// Counter-based, with the counter to use next.
    Hotp {
        /// The next counter.
        counter: u64,
    },
}

impl Default for OtpKind {
    fn default() -> Self {
        Self::Totp { period: 30 }
    }
}

/// An enrolment: everything an otpauth URI carries.
///
/// Parsing splits the URI structurally first and then percent-decodes each
/// part exactly once (`+` stays `+`). The label's issuer prefix and the
/// `issuer` parameter must agree when both are present; unknown parameters
/// are ignored; a known parameter given twice is an error; HOTP needs a
/// counter; digits are 6, 7 or 8. Building writes the issuer both in the
/// label and as `issuer=`, the secret unpadded, and every parameter, so
/// `KeyUri::parse(&key.to_uri()?)? == key`.
///
/// `Debug` shows the secret's length only, and there is no `Display`:
/// the URI contains the secret.
///
/// ```
/// use nidan::{KeyUri, OtpKind};
/// let key = KeyUri::parse("otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co")?;
/// assert_eq!(key.issuer.as_deref(), Some("ACME Co"));
/// assert_eq!(key.account, "john@example.com");
/// assert_eq!(key.kind, OtpKind::Totp { period: 30 });
/// assert_eq!(
///     key.to_uri()?,
///     "otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"
/// );
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyUri {
    /// TOTP or HOTP, with the period or counter.
    pub kind: OtpKind,
    /// The shared secret.
    pub secret: Secret,
    /// The provider, shown above the account in authenticator apps.
    pub issuer: Option<String>,
    /// The account name, usually the user's e-mail address or login.
    pub account: String,
    /// The HMAC hash.
    pub algorithm: Algorithm,
    /// Digits per code: 6, 7 or 8.
    pub digits: u32,
}

impl KeyUri {
    /// The longest URI accepted, in bytes (a QR code holds at most 2953).
    pub const MAX_LEN: usize = 2048;

    /// A TOTP enrolment with the usual parameters (SHA-1, 6 digits, 30 seconds).
    ///
    /// ```
    /// let secret = nidan::Secret::from_base32("JBSWY3DPEHPK3PXP")?;
    /// let key = nidan::KeyUri::totp(secret, Some("Exchange"), "alice@example.com");
    /// assert!(key.to_uri()?.starts_with("otpauth://totp/Exchange:alice@example.com?secret="));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn totp(secret: Secret, issuer: Option<&str>, account: &str) -> Self {
        Self {
            kind: OtpKind::default(),
            secret,
            issuer: issuer.map(String::from),
            account: String::from(account),
            algorithm: Algorithm::Sha1,
            digits: 6,
        }
    }

    /// Reads an otpauth URI.
    ///
    /// # Errors
    /// A URI-family [`Error`] saying what is malformed, or a secret-family
    /// one when the `secret` parameter is not a valid key of 80 bits or more.
    /// Among them: an issuer containing `:` ([`Error::UriInvalidValue`]) and,
    /// without an issuer, an account containing `:` ([`Error::UriLabel`]),
    /// since no label could carry them back.
    ///
    /// ```
    /// use nidan::{KeyUri, Error};
    /// let dup = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBVGY3TQOJQ";
    /// assert_eq!(KeyUri::parse(dup), Err(Error::UriDuplicateParameter { parameter: "secret" }));
    /// let hotp = "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP";
    /// assert_eq!(KeyUri::parse(hotp), Err(Error::UriMissingParameter { parameter: "counter" }));
    /// ```
    pub fn parse(uri: &str) -> Result<Self> {
        if uri.len() > Self::MAX_LEN {
            return Err(Error::UriTooLong { max: Self::MAX_LEN });
        }
        let rest = strip_prefix_ignore_case(uri, "otpauth://").ok_or(Error::UriScheme)?;
        let rest = rest
            .split_once('#')
            .map_or(rest, |(before, _fragment)| before);
        let type_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let (otp_type, rest) = rest.split_at(type_end);
        let is_totp = if otp_type.eq_ignore_ascii_case("totp") {
            true
        } else if otp_type.eq_ignore_ascii_case("hotp") {
            false
        } else {
            return Err(Error::UriType);
        };
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let (label, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (label_issuer, account) = split_label(label)?;
        let params = Params::read(query)?;

        let issuer = match (
            label_issuer,
            params.issuer.filter(|issuer| !issuer.is_empty()),
        ) {
            (Some(in_label), Some(in_param)) if in_label != in_param => {
                return Err(Error::UriIssuerMismatch);
            }
            (in_label, in_param) => in_param.or(in_label),
        };
        // Keep out what no label can carry, so that every parsed key builds again.
        if issuer.as_ref().is_some_and(|issuer| issuer.contains(':')) {
            return Err(Error::UriInvalidValue {
                parameter: "issuer",
            });
        }
        if issuer.is_none() && account.contains(':') {
            return Err(Error::UriLabel);
        }
        let secret_text = params.secret.ok_or(Error::UriMissingParameter {
            parameter: "secret",
        })?;
        let secret = Secret::from_base32(&secret_text)?;
        let algorithm = match params.algorithm {
            Some(name) => Algorithm::from_name(&name).ok_or(Error::UriInvalidValue {
                parameter: "algorithm",
            })?,
            None => Algorithm::Sha1,
        };
        let digits = match params.digits {
            Some(text) => parse_number(&text, "digits")?,
            None => 6,
        };
        let digits = u32::try_from(digits)
            .ok()
            .filter(|d| (6..=8).contains(d))
            .ok_or(Error::UriInvalidValue {
                parameter: "digits",
            })?;
        let kind = if is_totp {
            let period = match params.period {
                Some(text) => parse_number(&text, "period")?,
                None => 30,
            };
            if period == 0 {
                return Err(Error::UriInvalidValue {
                    parameter: "period",
                });
            }
            OtpKind::Totp { period }
        } else {
            let text = params.counter.ok_or(Error::UriMissingParameter {
                parameter: "counter",
            })?;
            OtpKind::Hotp {
                counter: parse_number(&text, "counter")?,
            }
        };
        Ok(Self {
            kind,
            secret,
            issuer,
            account,
            algorithm,
            digits,
        })
    }

    /// Writes the URI for a QR code.
    ///
    /// # Errors
    /// [`Error::Digits`] unless digits are 6 to 8, [`Error::Period`] for a
    /// period of 0, [`Error::UriLabel`] when the issuer is empty or contains
    /// `:`, or when there is no issuer and the account contains `:`, and
    /// [`Error::UriTooLong`] when the URI would be longer than
    /// [`KeyUri::MAX_LEN`] (parsing would refuse it).
    ///
    /// # Security
    /// The URI contains the secret: show it once, at enrolment.
    ///
    /// ```
    /// use nidan::{KeyUri, OtpKind, Secret};
    /// let mut key = KeyUri::totp(Secret::from_base32("JBSWY3DPEHPK3PXP")?, None, "alice");
    /// key.kind = OtpKind::Hotp { counter: 7 };
    /// assert_eq!(key.to_uri()?, "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=7");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_uri(&self) -> Result<String> {
        if !(6..=8).contains(&self.digits) {
            return Err(Error::Digits {
                digits: self.digits,
            });
        }
        let mut uri = String::from("otpauth://");
        uri.push_str(match self.kind {
            OtpKind::Totp { period: 0 } => return Err(Error::Period),
            OtpKind::Totp { .. } => "totp/",
            OtpKind::Hotp { .. } => "hotp/",
        });
        match &self.issuer {
            Some(issuer) if issuer.is_empty() || issuer.contains(':') => {
                return Err(Error::UriLabel);
            }
            Some(issuer) => {
                percent_encode(issuer, &mut uri);
                uri.push(':');
            }
            None if self.account.contains(':') => return Err(Error::UriLabel),
            None => {}
        }
        percent_encode(&self.account, &mut uri);
        uri.push_str("?secret=");
        uri.push_str(&self.secret.to_base32());
        if let Some(issuer) = &self.issuer {
            uri.push_str("&issuer=");
            percent_encode(issuer, &mut uri);
        }
        uri.push_str("&algorithm=");
        uri.push_str(self.algorithm.name());
        uri.push_str("&digits=");
        push_decimal(u64::from(self.digits), &mut uri);
        let (name, value) = match self.kind {
            OtpKind::Totp { period } => ("&period=", period),
            OtpKind::Hotp { counter } => ("&counter=", counter),
        };
        uri.push_str(name);
        push_decimal(value, &mut uri);
        if uri.len() > Self::MAX_LEN {
            // The text holds the secret: wipe it before giving up.
            uri.into_bytes().as_mut_slice().zeroize();
            return Err(Error::UriTooLong { max: Self::MAX_LEN });
        }
        Ok(uri)
    }

    /// A TOTP generator for this key (T0 = 0).
    ///
    /// # Errors
    /// [`Error::UriType`] when the key is HOTP; the errors of [`Totp::new`].
    ///
    /// ```
    /// let key = nidan::KeyUri::parse("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8")?;
    /// assert_eq!(key.to_totp()?.generate(59)?, "94287082");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_totp(&self) -> Result<Totp> {
        let OtpKind::Totp { period } = self.kind else {
            return Err(Error::UriType);
        };
        let config = TotpConfig {
            algorithm: self.algorithm,
            digits: self.digits,
            period,
            t0: 0,
            ..Default::default()
        };
        Totp::new(&self.secret, config)
    }

    /// An HOTP generator for this key; the counter is in [`KeyUri::kind`].
    ///
    /// # Errors
    /// [`Error::UriType`] when the key is TOTP; the errors of [`Hotp::new`].
    ///
    /// ```
    /// let key = nidan::KeyUri::parse("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0")?;
    /// assert_eq!(key.to_hotp()?.generate(0), "755224");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_hotp(&self) -> Result<Hotp> {
        let OtpKind::Hotp { .. } = self.kind else {
            return Err(Error::UriType);
        };
        Hotp::new(
            &self.secret,
            HotpConfig {
                algorithm: self.algorithm,
                digits: self.digits,
                ..Default::default()
            },
        )
    }
}

impl FromStr for KeyUri {
    type Err = Error;

    /// Same as [`KeyUri::parse`].
    fn from_str(uri: &str) -> Result<Self> {
        Self::parse(uri)
    }
}

/// The known query parameters, each decoded, each at most once.
#[derive(Default)]
struct Params {
    secret: Option<String>,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    counter: Option<String>,
}

impl Params {
    fn read(query: &str) -> Result<Self> {
        let mut params = Self::default();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let (slot, name) = match name {
                "secret" => (&mut params.secret, "secret"),
                "issuer" => (&mut params.issuer, "issuer"),
                "algorithm" => (&mut params.algorithm, "algorithm"),
                "digits" => (&mut params.digits, "digits"),
                "period" => (&mut params.period, "period"),
                "counter" => (&mut params.counter, "counter"),
                _ => continue,
            };
            if slot.is_some() {
                return Err(Error::UriDuplicateParameter { parameter: name });
            }
            *slot = Some(percent_decode(value)?);
        }
        Ok(params)
    }
}

/// Splits a raw label at the first `:` or `%3A` into issuer and account,
/// then decodes each part.
fn split_label(label: &str) -> Result<(Option<String>, String)> {
    let colon = label.find(':').map(|at| (at, 1));
    let encoded = find_ignore_case(label, "%3A").map(|at| (at, 3));
    let separator = match (colon, encoded) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    match separator {
        Some((at, len)) => {
            let issuer = percent_decode(&label[..at])?;
            let account = percent_decode(&label[at + len..])?;
            Ok((Some(issuer).filter(|issuer| !issuer.is_empty()), account))
        }
        None => Ok((None, percent_decode(label)?)),
    }
}

/// Decodes `%XX` escapes once; `+` is left as it is.
pub(crate) fn percent_decode(text: &str) -> Result<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        if byte == b'%' {
            let high = bytes.get(index + 1).and_then(|&h| hex_value(h));
            let low = bytes.get(index + 2).and_then(|&l| hex_value(l));
            let (Some(high), Some(low)) = (high, low) else {
                return Err(Error::UriPercentEncoding);
            };
            decoded.push(high << 4 | low);
            index += 3;
        } else {
            decoded.push(byte);
            index += 1;
        }
    }
    String::from_utf8(decoded).map_err(|_| Error::UriUtf8)
}

/// Appends `text` with everything but unreserved characters and `@` escaped.
pub(crate) fn percent_encode(text: &str, out: &mut String) {
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
            out.push(char::from(HEX_DIGITS[usize::from(byte & 0x0f)]));
        }
    }
}

const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

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

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// A decimal number of plain ASCII digits (no sign, no spaces) that fits `u64`.
fn parse_number(text: &str, parameter: &'static str) -> Result<u64> {
    let invalid = Error::UriInvalidValue { parameter };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid);
    }
    text.parse().map_err(|_| invalid)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}
