//! otpauth URIs, the text inside enrolment QR codes (the Key URI Format).
//!
//! `otpauth://TYPE/LABEL?secret=...&issuer=...&algorithm=...&digits=...&period=...&counter=...`

use alloc::string::String;
use alloc::vec::Vec;
use core::str::FromStr;

use zeroize::{Zeroize as _, Zeroizing};

use crate::algorithm::Algorithm;
use crate::code::CodeFormat;
use crate::error::{Error, Result};
use crate::hotp::{Hotp, HotpConfig};
use crate::repair::{IMPORT, ImportPolicy, ImportedKey, Repair, Repairs, STRICT};
use crate::secret::Secret;
use crate::totp::{Totp, TotpConfig};
use crate::uri_style::{UriParts, UriStyle};

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
///     *key.to_uri()?,
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
    /// Digits per code: 6, 7 or 8 (5 characters for Steam Guard codes).
    pub digits: u32,
    /// How codes are written: decimal digits, or Steam Guard's characters,
    /// which only the import mode reads (see [`Repair::SteamGuard`]).
    pub format: CodeFormat,
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
            format: CodeFormat::Decimal,
        }
    }

    /// The enrolment of a TOTP generator's parameters: what its QR code
    /// carries. The URI has no parameter for T0, so a `config` whose `t0`
    /// is not 0 cannot be written as one.
    ///
    /// # Errors
    /// [`Error::T0InUri`] when `config.t0` is not 0. (What else the URI
    /// cannot carry, such as 10 digits, [`KeyUri::to_uri`] refuses.)
    ///
    /// ```
    /// use nidan::{Error, KeyUri, Secret, TotpConfig};
    /// let secret = Secret::from_base32("JBSWY3DPEHPK3PXP")?;
    /// let config = TotpConfig { period: 60, ..Default::default() };
    /// let key = KeyUri::for_totp(secret.clone(), config, Some("ACME"), "alice")?;
    /// assert!(key.to_uri()?.ends_with("&period=60"));
    /// let shifted = TotpConfig { t0: 5, ..config };
    /// assert_eq!(KeyUri::for_totp(secret, shifted, None, "alice"), Err(Error::T0InUri));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn for_totp(
        secret: Secret,
        config: TotpConfig,
        issuer: Option<&str>,
        account: &str,
    ) -> Result<Self> {
        if config.t0 != 0 {
            return Err(Error::T0InUri);
        }
        Ok(Self {
            kind: OtpKind::Totp {
                period: config.period,
            },
            secret,
            issuer: issuer.map(String::from),
            account: String::from(account),
            algorithm: config.algorithm,
            digits: config.digits,
            format: config.format,
        })
    }

    /// The enrolment of an HOTP generator's parameters, with `counter` as
    /// the next counter.
    ///
    /// ```
    /// use nidan::{HotpConfig, KeyUri, OtpKind, Secret};
    /// let secret = Secret::from_base32("JBSWY3DPEHPK3PXP")?;
    /// let key = KeyUri::for_hotp(secret, HotpConfig::default(), 7, None, "alice");
    /// assert_eq!(key.kind, OtpKind::Hotp { counter: 7 });
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn for_hotp(
        secret: Secret,
        config: HotpConfig,
        counter: u64,
        issuer: Option<&str>,
        account: &str,
    ) -> Self {
        Self {
            kind: OtpKind::Hotp { counter },
            secret,
            issuer: issuer.map(String::from),
            account: String::from(account),
            algorithm: config.algorithm,
            digits: config.digits,
            format: config.format,
        }
    }

    /// Reads an otpauth URI strictly, to the letter of the Key URI Format:
    /// the default, and what a server uses on its own enrolments.
    ///
    /// The label is `accountname / issuer (":" / "%3A") *"%20" accountname`:
    /// the spaces after the separator (`%20`s, or raw spaces as some apps
    /// write them) are dropped, and the account may not be empty. Numbers have one spelling (decimal digits, no sign, no
    /// leading zero). Parameter names are lower case; others are unknown
    /// parameters, which are ignored.
    ///
    /// # Errors
    /// A URI-family [`Error`] saying what is malformed, or a secret-family
    /// one when the `secret` parameter is not a valid key of 80 bits or more.
    /// Among them: [`Error::AccountEmpty`], an issuer containing `:`
    /// ([`Error::UriInvalidValue`]) and, without an issuer, an account
    /// containing `:` ([`Error::UriLabel`]), since no label could carry them
    /// back.
    ///
    /// ```
    /// use nidan::{KeyUri, Error};
    /// let key = KeyUri::parse("otpauth://totp/Big%20Corp%3A%20alice?secret=JBSWY3DPEHPK3PXP")?;
    /// assert_eq!((key.issuer.as_deref(), key.account.as_str()), (Some("Big Corp"), "alice"));
    /// let dup = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBVGY3TQOJQ";
    /// assert_eq!(KeyUri::parse(dup), Err(Error::UriDuplicateParameter { parameter: "secret" }));
    /// let hotp = "otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP";
    /// assert_eq!(KeyUri::parse(hotp), Err(Error::UriMissingParameter { parameter: "counter" }));
    /// let zero = "otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&digits=06";
    /// assert_eq!(KeyUri::parse(zero), Err(Error::UriInvalidValue { parameter: "digits" }));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn parse(uri: &str) -> Result<Self> {
        read::<STRICT>(uri, None, ImportPolicy::Authenticator).map(|imported| imported.key)
    }

    /// Reads an otpauth URI as an authenticator app must: whatever real
    /// services put in their QR codes, with the list of every [`Repair`]
    /// made (see [`Repair`] for each, and for which issuer wins when the
    /// label and the parameter differ). Strict parsing is the default;
    /// a server never needs this.
    ///
    /// Repaired, beyond [`KeyUri::parse`]: an issuer in the label that
    /// differs from `issuer=`, `+` for a space in the issuer, upper-case
    /// parameter names, leading zeros in numbers, secrets with spaces,
    /// hyphens, padding of any length or non-zero trailing bits, secrets
    /// shorter than 80 bits, algorithms outside SHA1, SHA256 and SHA512,
    /// and Steam Guard keys ([`Repair::SteamGuard`]).
    /// Refused as in strict mode: everything else (a missing or unreadable
    /// secret, an empty account, a duplicated parameter, digits outside 6
    /// to 8, HOTP without counter).
    ///
    /// # Errors
    /// As [`KeyUri::parse`], for what cannot be repaired.
    ///
    /// ```
    /// use nidan::{KeyUri, Repair};
    /// let uri = "otpauth://totp/ACME:alice?SECRET=jbswy3dpehpk3pxp====&issuer=ACME+Inc&digits=06";
    /// let imported = KeyUri::import_uri(uri)?;
    /// assert_eq!(imported.key.issuer.as_deref(), Some("ACME Inc"));
    /// assert_eq!(imported.key.digits, 6);
    /// assert_eq!(imported.repairs, [
    ///     Repair::ParameterNameCase { parameter: "secret" },
    ///     Repair::PlusAsSpace { part: "issuer" },
    ///     Repair::IssuerDiffers { label: "ACME".into(), parameter: "ACME Inc".into() },
    ///     Repair::NumberLeadingZeros { parameter: "digits" },
    ///     Repair::SecretPadding,
    /// ]);
    /// // Every imported key builds a URI that strict parsing reads back.
    /// assert_eq!(KeyUri::parse(&imported.key.to_uri()?)?, imported.key);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn import_uri(uri: &str) -> Result<ImportedKey> {
        read::<IMPORT>(uri, None, ImportPolicy::Authenticator)
    }

    /// [`KeyUri::import_uri`] under another reader's rules, where that
    /// reader differs from what authenticator apps need (see
    /// [`ImportPolicy`] for each policy and whose behaviour it is).
    /// `ImportPolicy::Authenticator` is [`KeyUri::import_uri`].
    ///
    /// # Errors
    /// As [`KeyUri::import_uri`], and what the policy refuses.
    ///
    /// ```
    /// use nidan::{ImportPolicy, KeyUri};
    /// // pyotp splits the label at a literal ':' only, and keeps what follows.
    /// let uri = "otpauth://totp/ACME:%20a%3Ab?secret=JBSWY3DPEHPK3PXP";
    /// let key = KeyUri::import_uri_with(uri, ImportPolicy::Pyotp)?.key;
    /// assert_eq!((key.issuer.as_deref(), key.account.as_str()), (Some("ACME"), " a:b"));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn import_uri_with(uri: &str, policy: ImportPolicy) -> Result<ImportedKey> {
        read::<IMPORT>(uri, None, policy)
    }

    /// Writes the URI for a QR code, in [`UriStyle::KeyUriFormat`].
    ///
    /// # Errors
    /// [`Error::Digits`] unless digits are 6 to 8, [`Error::Period`] for a
    /// period of 0, [`Error::AccountEmpty`], [`Error::UriLabel`] when the
    /// issuer is empty or contains `:`, when there is no issuer and the
    /// account contains `:`, or when there is one and the account starts
    /// with a space (parsing drops it), and
    /// [`Error::UriTooLong`] when the URI would be longer than
    /// [`KeyUri::MAX_LEN`] (parsing would refuse it).
    ///
    /// # Security
    /// The URI contains the secret: show it once, at enrolment. It wipes
    /// itself when dropped (`Zeroizing`, which dereferences to `String`),
    /// and was written into room reserved up front, so no copy is left.
    ///
    /// ```
    /// use nidan::{KeyUri, OtpKind, Secret};
    /// let mut key = KeyUri::totp(Secret::from_base32("JBSWY3DPEHPK3PXP")?, None, "alice");
    /// key.kind = OtpKind::Hotp { counter: 7 };
    /// assert_eq!(*key.to_uri()?, "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&counter=7");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_uri(&self) -> Result<Zeroizing<String>> {
        UriParts::from(self).write(UriStyle::KeyUriFormat)
    }

    /// A TOTP generator for this key (T0 = 0).
    ///
    /// # Errors
    /// [`Error::KeyIsHotp`] when the key is HOTP; the errors of [`Totp::new`].
    ///
    /// ```
    /// let key = nidan::KeyUri::parse("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=8")?;
    /// assert_eq!(key.to_totp()?.generate(59)?, "94287082");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_totp(&self) -> Result<Totp> {
        let OtpKind::Totp { period } = self.kind else {
            return Err(Error::KeyIsHotp);
        };
        let config = TotpConfig {
            algorithm: self.algorithm,
            digits: self.digits,
            period,
            t0: 0,
            format: self.format,
        };
        Totp::new(&self.secret, config)
    }

    /// An HOTP generator for this key; the counter is in [`KeyUri::kind`].
    ///
    /// # Errors
    /// [`Error::KeyIsTotp`] when the key is TOTP; the errors of [`Hotp::new`].
    ///
    /// ```
    /// let key = nidan::KeyUri::parse("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0")?;
    /// assert_eq!(key.to_hotp()?.generate(0), "755224");
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_hotp(&self) -> Result<Hotp> {
        let OtpKind::Hotp { .. } = self.kind else {
            return Err(Error::KeyIsTotp);
        };
        Hotp::new(
            &self.secret,
            HotpConfig {
                algorithm: self.algorithm,
                digits: self.digits,
                format: self.format,
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

/// What a reader for another library's conventions notes beyond the key
/// ([`KeyUri::import_uri_otpauth_js`]).
#[derive(Default)]
pub(crate) struct ReadNotes {
    /// Asked: the algorithm parameter names the caller's own HMAC.
    pub(crate) custom_mac: bool,
    /// With `custom_mac`: the algorithm parameter as written.
    pub(crate) algorithm_name: Option<String>,
    /// Whether the label had a (non-empty) issuer prefix.
    pub(crate) label_has_issuer: bool,
}

/// Reads an otpauth URI in `mode`: one set of rules, where strict refuses
/// what import repairs, and where the import `policy` says whose rules to
/// follow. With `notes`, what another library's reader remembers is noted
/// there.
pub(crate) fn read<const MODE: bool>(
    uri: &str,
    mut notes: Option<&mut ReadNotes>,
    policy: ImportPolicy,
) -> Result<ImportedKey> {
    if uri.len() > KeyUri::MAX_LEN {
        return Err(Error::UriTooLong {
            max: KeyUri::MAX_LEN,
        });
    }
    let mut repairs = Repairs::<MODE>::with_policy(policy);
    let rest = strip_prefix_ignore_case(uri, "otpauth://").ok_or(Error::UriScheme)?;
    let rest = rest
        .split_once('#')
        .map_or(rest, |(before, _fragment)| before);
    let type_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (otp_type, rest) = rest.split_at(type_end);
    let (is_totp, steam_type) = if otp_type.eq_ignore_ascii_case("totp") {
        (true, false)
    } else if otp_type.eq_ignore_ascii_case("hotp") {
        (false, false)
    } else if otp_type.eq_ignore_ascii_case("steam") && MODE {
        (true, true)
    } else {
        return Err(Error::UriType);
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let (label, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (label_issuer, account) = split_label(label, repairs.pyotp())?;
    if let Some(notes) = notes.as_deref_mut() {
        notes.label_has_issuer = label_issuer.is_some();
    }
    let mut params = Params::read(query, &mut repairs)?;
    let issuer = choose_issuer(
        label_issuer,
        params.issuer.take().filter(|issuer| !issuer.is_empty()),
        &mut repairs,
    )?;
    // Keep out what no label can carry, so that every parsed key builds
    // again (pyotp's reading keeps it: see `ImportPolicy::Pyotp`).
    if !repairs.pyotp() {
        if issuer.as_ref().is_some_and(|issuer| issuer.contains(':')) {
            return Err(Error::UriInvalidValue {
                parameter: "issuer",
            });
        }
        check_label(issuer.as_deref(), &account)?;
    }
    // The parameters' values before the secret, so that an error names
    // them first (as pyotp's reader does).
    let custom_mac = notes
        .filter(|notes| notes.custom_mac)
        .map(|notes| &mut notes.algorithm_name);
    let algorithm = read_algorithm(params.algorithm.take(), custom_mac, &mut repairs)?;
    let encoder = params.encoder.take();
    let format = read_format(steam_type, encoder.as_deref(), is_totp, &mut repairs)?;
    let is_totp = is_totp || format != CodeFormat::Decimal;
    let digits = read_digits(params.digits.take(), format, &mut repairs)?;
    let secret_text = params.secret.take().ok_or(Error::UriMissingParameter {
        parameter: "secret",
    })?;
    let secret = repairs.secret(&secret_text);
    let mut secret_text = secret_text;
    secret_text.zeroize();
    let secret = secret?;
    let kind = if is_totp {
        let period = match params.period.take() {
            Some(text) => parse_number(&text, "period", &mut repairs)?,
            None => 30,
        };
        if period == 0 {
            return Err(Error::UriInvalidValue {
                parameter: "period",
            });
        }
        OtpKind::Totp { period }
    } else {
        let counter = match params.counter.take() {
            Some(text) => parse_number(&text, "counter", &mut repairs)?,
            // pyotp reads a missing counter as 0.
            None if repairs.pyotp() => 0,
            None => {
                return Err(Error::UriMissingParameter {
                    parameter: "counter",
                });
            }
        };
        OtpKind::Hotp { counter }
    };
    Ok(ImportedKey {
        key: KeyUri {
            kind,
            secret,
            issuer,
            account,
            algorithm,
            digits,
            format,
        },
        repairs: repairs.into_list(),
    })
}

/// The digits parameter: 6 to 8, 6 when absent. A Steam Guard key's is not
/// read (as `KeePassXC` does not): its codes have 5 characters.
fn read_digits<const MODE: bool>(
    text: Option<String>,
    format: CodeFormat,
    repairs: &mut Repairs<MODE>,
) -> Result<u32> {
    let digits = match text {
        _ if format != CodeFormat::Decimal => return Ok(steam::DIGITS),
        Some(text) => parse_number(&text, "digits", repairs)?,
        None => 6,
    };
    u32::try_from(digits)
        .ok()
        .filter(|d| (6..=8).contains(d))
        .ok_or(Error::UriInvalidValue {
            parameter: "digits",
        })
}

/// How codes are written: Steam Guard's characters for `encoder=steam` or
/// the type `steam`, which only the import mode reads, on TOTP keys;
/// decimal digits otherwise (other encoder values are ignored, as
/// `KeePassXC` ignores encoders it does not know).
fn read_format<const MODE: bool>(
    steam_type: bool,
    encoder: Option<&str>,
    is_totp: bool,
    repairs: &mut Repairs<MODE>,
) -> Result<CodeFormat> {
    let steam_encoder = encoder.is_some_and(|name| name.eq_ignore_ascii_case(steam::ENCODER));
    if !steam_type && !steam_encoder {
        return Ok(CodeFormat::Decimal);
    }
    let invalid = Error::UriInvalidValue {
        parameter: "encoder",
    };
    // pyotp makes a Steam key whatever the type says.
    if !is_totp && !repairs.pyotp() {
        return Err(invalid);
    }
    repairs.allow(|| Repair::SteamGuard, invalid)?;
    steam::FORMAT.ok_or(invalid)
}

/// Steam Guard in URIs, as `KeePassXC` writes it (`encoder=steam`).
pub(crate) mod steam {
    use crate::code::CodeFormat;

    /// The encoder parameter's value for Steam Guard keys.
    pub(crate) const ENCODER: &str = "steam";
    /// The length of a Steam Guard code.
    pub(crate) const DIGITS: u32 = 5;
    #[cfg(feature = "steam")]
    const _: () = assert!(DIGITS == CodeFormat::STEAM_DIGITS);

    /// Steam Guard's format, or `None` in a build without it (feature `steam`).
    #[cfg(feature = "steam")]
    pub(crate) const FORMAT: Option<CodeFormat> = Some(CodeFormat::Steam);
    #[cfg(not(feature = "steam"))]
    pub(crate) const FORMAT: Option<CodeFormat> = None;
}

/// The algorithm parameter, in `repairs`' mode, or as a caller's HMAC name
/// handed back through `custom_mac`.
fn read_algorithm<const MODE: bool>(
    name: Option<String>,
    custom_mac: Option<&mut Option<String>>,
    repairs: &mut Repairs<MODE>,
) -> Result<Algorithm> {
    Ok(match (name, custom_mac) {
        (Some(name), Some(custom)) => {
            if !is_custom_mac_name(&name) {
                return Err(Error::UriInvalidValue {
                    parameter: "algorithm",
                });
            }
            let algorithm = Algorithm::from_name(&name).unwrap_or_default();
            *custom = Some(name);
            algorithm
        }
        (Some(name), None) => {
            let invalid = Error::UriInvalidValue {
                parameter: "algorithm",
            };
            let algorithm = Algorithm::from_name(&name).ok_or(invalid)?;
            // pyotp takes the Key URI Format's three, spelled as it spells them.
            if repairs.pyotp() && !(algorithm.is_key_uri_standard() && name == algorithm.name()) {
                return Err(invalid);
            }
            if !algorithm.is_key_uri_standard() {
                repairs.allow(|| Repair::AlgorithmOutsideFormat { algorithm }, invalid)?;
            }
            algorithm
        }
        (None, _) => Algorithm::Sha1,
    })
}

/// Whether `name` can name a caller's HMAC function: groups of ASCII
/// letters and digits joined by single `-` or `_` (as the otpauth package
/// accepts with its `hmac` option).
fn is_custom_mac_name(name: &str) -> bool {
    name.split(['-', '_'])
        .all(|group| !group.is_empty() && group.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The issuer of the key: the label's prefix and the `issuer` parameter
/// must agree; the import mode takes the parameter when they do not.
fn choose_issuer<const MODE: bool>(
    in_label: Option<LabelIssuer<'_>>,
    in_parameter: Option<String>,
    repairs: &mut Repairs<MODE>,
) -> Result<Option<String>> {
    match (in_label, in_parameter) {
        (Some(label), Some(parameter)) if label.decoded != parameter => {
            if repairs.pyotp() {
                return Err(Error::UriIssuerMismatch);
            }
            // Which repair it would be matters only to the import mode.
            let plus_as_space = MODE && label.form_decoded()?.as_ref() == Some(&parameter);
            repairs.allow(
                || {
                    if plus_as_space {
                        Repair::PlusAsSpace { part: "label" }
                    } else {
                        Repair::IssuerDiffers {
                            label: label.decoded,
                            parameter: parameter.clone(),
                        }
                    }
                },
                Error::UriIssuerMismatch,
            )?;
            Ok(Some(parameter))
        }
        (in_label, in_parameter) => Ok(in_parameter.or(in_label.map(|label| label.decoded))),
    }
}

/// The issuer prefix of a label: decoded, and as written.
struct LabelIssuer<'a> {
    decoded: String,
    raw: &'a str,
}

impl LabelIssuer<'_> {
    /// The prefix read as a form encoder writes it (`+` for a space, `%2B`
    /// for a `+`), when it has a `+` to read so.
    fn form_decoded(&self) -> Result<Option<String>> {
        if self.raw.contains('+') {
            percent_decode(&self.raw.replace('+', "%20")).map(Some)
        } else {
            Ok(None)
        }
    }
}

/// The known query parameters, each decoded, each at most once.
#[derive(Default)]
pub(crate) struct Params {
    secret: Option<String>,
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    counter: Option<String>,
    encoder: Option<String>,
}

impl Drop for Params {
    /// The secret's text is wiped on every path, errors included.
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl Params {
    /// The Key URI Format's parameters, and `encoder` (also what a [`Repair`] names).
    pub(crate) const NAMES: [&'static str; 7] = [
        "secret",
        "issuer",
        "algorithm",
        "digits",
        "period",
        "counter",
        "encoder",
    ];

    fn read<const MODE: bool>(query: &str, repairs: &mut Repairs<MODE>) -> Result<Self> {
        let mut params = Self::default();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_name, value) = pair.split_once('=').unwrap_or((pair, ""));
            // pyotp decodes names too (`%73ecret` is `secret`).
            let decoded_name;
            let raw_name = if repairs.pyotp() && raw_name.contains('%') {
                decoded_name = percent_decode(raw_name)?;
                decoded_name.as_str()
            } else {
                raw_name
            };
            let Some(name) = Self::NAMES
                .into_iter()
                .find(|name| name.eq_ignore_ascii_case(raw_name))
            else {
                continue;
            };
            if name != raw_name {
                // Strict: a name in another case is an unknown parameter.
                if !MODE {
                    continue;
                }
                repairs.record(Repair::ParameterNameCase { parameter: name });
            }
            let slot = match name {
                "secret" => &mut params.secret,
                "issuer" => &mut params.issuer,
                "algorithm" => &mut params.algorithm,
                "digits" => &mut params.digits,
                "period" => &mut params.period,
                "counter" => &mut params.counter,
                _ => &mut params.encoder,
            };
            if slot.is_some() {
                return Err(Error::UriDuplicateParameter { parameter: name });
            }
            // Import: `+` is a space in the issuer, as form encoders write
            // it (they write a `+` as `%2B`).
            let decoded = if name == "issuer" && value.contains('+') && MODE {
                repairs.record(Repair::PlusAsSpace { part: "issuer" });
                percent_decode(&value.replace('+', "%20"))?
            } else {
                percent_decode(value)?
            };
            *slot = Some(decoded);
        }
        if repairs.pyotp() {
            // pyotp skips empty values (after counting them as duplicates).
            for slot in [
                &mut params.secret,
                &mut params.issuer,
                &mut params.algorithm,
                &mut params.digits,
                &mut params.period,
                &mut params.counter,
                &mut params.encoder,
            ] {
                if slot.as_ref().is_some_and(String::is_empty) {
                    *slot = None;
                }
            }
        }
        Ok(params)
    }
}

/// Splits a raw label at the first `:` or `%3A` into issuer and account,
/// then decodes each part; the spaces after the separator (the optional
/// `%20`s, or raw spaces) are not part of the account. `pyotp`: at a
/// literal `:` only, keeping the spaces (see [`ImportPolicy::Pyotp`]).
fn split_label(label: &str, pyotp: bool) -> Result<(Option<LabelIssuer<'_>>, String)> {
    let colon = label.find(':').map(|at| (at, 1));
    let encoded = find_ignore_case(label, "%3A")
        .filter(|_| !pyotp)
        .map(|at| (at, 3));
    let separator = match (colon, encoded) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    };
    match separator {
        Some((at, len)) => {
            let raw = &label[..at];
            let issuer = LabelIssuer {
                decoded: percent_decode(raw)?,
                raw,
            };
            let mut account = percent_decode(&label[at + len..])?;
            if !pyotp {
                account = String::from(account.trim_start_matches(' '));
            }
            Ok((
                Some(issuer).filter(|issuer| pyotp || !issuer.decoded.is_empty()),
                account,
            ))
        }
        None => Ok((None, percent_decode(label)?)),
    }
}

/// Whether a label can carry `issuer` and `account` so that it reads back
/// the same: the issuer non-empty and free of `:`, the account non-empty,
/// free of `:` without an issuer, and not starting with a space after one.
pub(crate) fn check_label(issuer: Option<&str>, account: &str) -> Result<()> {
    if account.is_empty() {
        return Err(Error::AccountEmpty);
    }
    let writable = match issuer {
        Some(issuer) => !issuer.is_empty() && !issuer.contains(':') && !account.starts_with(' '),
        None => !account.contains(':'),
    };
    if writable {
        Ok(())
    } else {
        Err(Error::UriLabel)
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
    String::from_utf8(decoded).map_err(|error| {
        // The bytes may be a secret's: wiped before they are freed.
        error.into_bytes().zeroize();
        Error::UriUtf8
    })
}

/// Appends `text` with everything but unreserved characters and `@` escaped
/// (the export's base64 data).
#[cfg(feature = "migration")]
pub(crate) fn percent_encode(text: &str, out: &mut String) {
    crate::uri_style::percent_encode(text, UriStyle::KeyUriFormat, out);
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|value| u8::try_from(value).ok())
}

/// A decimal number of plain ASCII digits (no sign, no spaces, no leading
/// zero: one spelling per number) that fits `u64`.
fn parse_number<const MODE: bool>(
    text: &str,
    parameter: &'static str,
    repairs: &mut Repairs<MODE>,
) -> Result<u64> {
    let invalid = Error::UriInvalidValue { parameter };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid);
    }
    if text.len() > 1 && text.starts_with('0') {
        repairs.allow(|| Repair::NumberLeadingZeros { parameter }, invalid)?;
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
