//! The import mode's report: what it repaired to read a key that strict
//! parsing refuses.
//!
//! Authenticator apps must show codes for whatever real services put in
//! their QR codes. [`KeyUri::import_uri`](crate::KeyUri::import_uri) and
//! [`MigrationBatch::import_uri`](crate::MigrationBatch::import_uri) read
//! those, and return next to each key the list of [`Repair`]s they made, so
//! that an app can warn. A repair is recorded exactly when strict parsing
//! would have refused the input, or read it differently, for that reason:
//! an empty list means the strict reader gives the same key.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::algorithm::Algorithm;
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::uri::KeyUri;
use zeroize::Zeroizing;

/// One departure from the Key URI Format that the import mode repaired.
///
/// **Which issuer wins:** when the label's issuer prefix and the `issuer`
/// parameter differ, the import mode takes the `issuer` parameter (the Key
/// URI Format says newer Google Authenticator versions go by the parameter,
/// older ones by the label prefix; Microsoft 365 puts the tenant in the
/// label and `Microsoft` in the parameter) and reports
/// [`Repair::IssuerDiffers`] with both.
///
/// ```
/// use nidan::{KeyUri, Repair};
/// let uri = "otpauth://totp/Old%20Name:alice?secret=JBSWY3DPEHPK3PXP&issuer=New%20Name";
/// let imported = KeyUri::import_uri(uri)?;
/// assert_eq!(imported.key.issuer.as_deref(), Some("New Name"));
/// assert_eq!(
///     imported.repairs,
///     [Repair::IssuerDiffers { label: "Old Name".into(), parameter: "New Name".into() }]
/// );
/// assert_eq!(
///     imported.repairs[0].to_string(),
///     "the label names the issuer \"Old Name\" and the issuer parameter \"New Name\": the parameter is used"
/// );
/// # Ok::<(), nidan::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Repair {
    /// The label's issuer prefix and the `issuer` parameter differ; the
    /// parameter is used.
    IssuerDiffers {
        /// The issuer in the label.
        label: String,
        /// The issuer parameter, which the key carries.
        parameter: String,
    },
    /// A `+` was read as a space, as form encoders write it (Java's
    /// `URLEncoder`, PHP's `http_build_query`; they write a `+` as `%2B`):
    /// in the `issuer` parameter, or in the label's issuer prefix when that
    /// makes it agree with the parameter. A `+` in the account name stays a
    /// `+` (`alice+tag@...`).
    PlusAsSpace {
        /// `"issuer"` or `"label"`.
        part: &'static str,
    },
    /// A parameter name was not in lower case (`SECRET=`).
    ParameterNameCase {
        /// The parameter, as the Key URI Format spells it.
        parameter: &'static str,
    },
    /// A number was written with leading zeros (`digits=06`).
    NumberLeadingZeros {
        /// The parameter.
        parameter: &'static str,
    },
    /// Spaces, hyphens or `+` (a form-encoded space) inside the secret were removed.
    SecretSeparators,
    /// `=` padding of the wrong length was removed from the secret.
    SecretPadding,
    /// The last base32 character of the secret had bits set past the final
    /// byte (as some generators wrote them); they were cleared.
    SecretTrailingBits,
    /// The secret is shorter than 80 bits; it was kept.
    SecretShort {
        /// Its length in bits.
        bits: usize,
    },
    /// The algorithm is not one of the Key URI Format's SHA1, SHA256 and
    /// SHA512; it was kept.
    AlgorithmOutsideFormat {
        /// The algorithm.
        algorithm: Algorithm,
    },
    /// The key is a Steam Guard key: `encoder=steam`, as `KeePassXC` writes
    /// it (`...&digits=5&encoder=steam`), or the type `otpauth://steam/`,
    /// as Aegis writes it. Its codes are 5 characters from Steam's alphabet
    /// ([`CodeFormat::Steam`](crate::CodeFormat)), so the key's `digits`
    /// is 5 and the digits parameter is not read (`KeePassXC` and pyotp do
    /// not use it either).
    SteamGuard,
}

impl Repair {
    /// A stable name for the kind of repair, the same on every surface
    /// (Python's `Repair.kind`, JavaScript's `repair.kind`).
    ///
    /// ```
    /// assert_eq!(nidan::Repair::SecretPadding.kind(), "secret_padding");
    /// ```
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::IssuerDiffers { .. } => "issuer_differs",
            Self::PlusAsSpace { .. } => "plus_as_space",
            Self::ParameterNameCase { .. } => "parameter_name_case",
            Self::NumberLeadingZeros { .. } => "number_leading_zeros",
            Self::SecretSeparators => "secret_separators",
            Self::SecretPadding => "secret_padding",
            Self::SecretTrailingBits => "secret_trailing_bits",
            Self::SecretShort { .. } => "secret_short",
            Self::AlgorithmOutsideFormat { .. } => "algorithm_outside_format",
            Self::SteamGuard => "steam_guard",
        }
    }

    /// Whether the repair only fixed the spelling of the input, so that the
    /// key itself fits the Key URI Format; `false` when the key keeps
    /// something strict parsing refuses (a short secret, another algorithm).
    ///
    /// A key whose repairs are all spelling builds a URI
    /// ([`KeyUri::to_uri`]) that strict parsing reads back to the same key;
    /// any other key builds a URI that the import mode reads back to the
    /// same key, with only the repairs that are not spelling.
    ///
    /// ```
    /// assert!(nidan::Repair::SecretPadding.is_spelling());
    /// assert!(!nidan::Repair::SecretShort { bits: 40 }.is_spelling());
    /// assert!(!nidan::Repair::SteamGuard.is_spelling());
    /// ```
    pub const fn is_spelling(&self) -> bool {
        !matches!(
            self,
            Self::SecretShort { .. } | Self::AlgorithmOutsideFormat { .. } | Self::SteamGuard
        )
    }

    /// The repair's fields as name and value, in a fixed order: what the
    /// bindings hand on (JavaScript's `{ kind, message, ...fields }`, a Python
    /// pickle), read back by [`Repair::from_fields`].
    ///
    /// ```
    /// use nidan::Repair;
    /// assert_eq!(Repair::SecretShort { bits: 40 }.fields(), [("bits", "40".to_string())]);
    /// assert!(Repair::SecretPadding.fields().is_empty());
    /// ```
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::IssuerDiffers { label, parameter } => {
                alloc::vec![("label", label.clone()), ("parameter", parameter.clone())]
            }
            Self::PlusAsSpace { part } => alloc::vec![("part", String::from(*part))],
            Self::ParameterNameCase { parameter } | Self::NumberLeadingZeros { parameter } => {
                alloc::vec![("parameter", String::from(*parameter))]
            }
            Self::SecretShort { bits } => alloc::vec![("bits", alloc::format!("{bits}"))],
            Self::AlgorithmOutsideFormat { algorithm } => {
                alloc::vec![("algorithm", String::from(algorithm.name()))]
            }
            Self::SecretSeparators
            | Self::SecretPadding
            | Self::SecretTrailingBits
            | Self::SteamGuard => Vec::new(),
        }
    }

    /// The repair of `kind` whose field values are `values`, in the order of
    /// [`Repair::fields`]; `None` when they describe no repair.
    ///
    /// ```
    /// use nidan::Repair;
    /// let repair = Repair::NumberLeadingZeros { parameter: "digits" };
    /// let values: Vec<String> = repair.fields().into_iter().map(|(_, value)| value).collect();
    /// assert_eq!(Repair::from_fields(repair.kind(), &values), Some(repair));
    /// assert_eq!(Repair::from_fields("number_leading_zeros", &["colour"]), None);
    /// ```
    pub fn from_fields<S: AsRef<str>>(kind: &str, values: &[S]) -> Option<Self> {
        // A `&'static str` field holds a Key URI parameter's name, or `label`.
        let name = |text: &S| {
            crate::uri::Params::NAMES
                .into_iter()
                .chain(["label"])
                .find(|name| *name == text.as_ref())
        };
        Some(match (kind, values) {
            ("issuer_differs", [label, parameter]) => Self::IssuerDiffers {
                label: String::from(label.as_ref()),
                parameter: String::from(parameter.as_ref()),
            },
            ("plus_as_space", [part]) => Self::PlusAsSpace { part: name(part)? },
            ("parameter_name_case", [parameter]) => Self::ParameterNameCase {
                parameter: name(parameter)?,
            },
            ("number_leading_zeros", [parameter]) => Self::NumberLeadingZeros {
                parameter: name(parameter)?,
            },
            ("secret_separators", []) => Self::SecretSeparators,
            ("secret_padding", []) => Self::SecretPadding,
            ("secret_trailing_bits", []) => Self::SecretTrailingBits,
            ("steam_guard", []) => Self::SteamGuard,
            ("secret_short", [bits]) => Self::SecretShort {
                bits: bits.as_ref().parse().ok()?,
            },
            ("algorithm_outside_format", [algorithm]) => Self::AlgorithmOutsideFormat {
                algorithm: Algorithm::from_name(algorithm.as_ref())?,
            },
            _ => return None,
        })
    }
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::IssuerDiffers { label, parameter } => write!(
                f,
                "the label names the issuer \"{label}\" and the issuer parameter \"{parameter}\": the parameter is used"
            ),
            Self::PlusAsSpace { part } => {
                write!(f, "a '+' in the {part} was read as a space")
            }
            Self::ParameterNameCase { parameter } => {
                write!(f, "the {parameter} parameter's name was not in lower case")
            }
            Self::NumberLeadingZeros { parameter } => {
                write!(f, "the {parameter} value has leading zeros")
            }
            Self::SecretSeparators => {
                f.write_str("spaces, hyphens or '+' inside the secret were removed")
            }
            Self::SecretPadding => {
                f.write_str("padding of the wrong length was removed from the secret")
            }
            Self::SecretTrailingBits => f.write_str(
                "the secret's last character had bits set past the final byte: they were cleared",
            ),
            Self::SecretShort { bits } => write!(
                f,
                "the secret is {bits} bits long, shorter than the 80 bits required"
            ),
            Self::AlgorithmOutsideFormat { algorithm } => write!(
                f,
                "the algorithm {algorithm} is not one of the Key URI Format's SHA1, SHA256 and SHA512"
            ),
            Self::SteamGuard => f.write_str(
                "the key is a Steam Guard key: its codes are 5 characters from Steam's alphabet",
            ),
        }
    }
}

/// A key read by the import mode, with every repair made to read it.
///
/// ```
/// let imported = nidan::KeyUri::import_uri("otpauth://totp/a?secret=jbsw%20y3dp%20ehpk%203pxp")?;
/// assert_eq!(*imported.key.secret.to_base32(), "JBSWY3DPEHPK3PXP");
/// assert_eq!(imported.repairs, [nidan::Repair::SecretSeparators]);
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedKey {
    /// The key.
    pub key: KeyUri,
    /// What was repaired, in the order it was found; empty when the input
    /// was strict.
    pub repairs: Vec<Repair>,
}

/// Whose rules the import mode follows where readers of otpauth URIs
/// disagree ([`KeyUri::import_uri_with`]).
///
/// ```
/// use nidan::{ImportPolicy, KeyUri};
/// let uri = "otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP";
/// assert!(KeyUri::import_uri(uri).is_err());
/// assert_eq!(KeyUri::import_uri_with(uri, ImportPolicy::Pyotp)?.key.kind, nidan::OtpKind::Hotp { counter: 0 });
/// # Ok::<(), nidan::Error>(())
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ImportPolicy {
    /// What authenticator apps need: [`KeyUri::import_uri`].
    #[default]
    Authenticator,
    /// pyotp 2.12's `parse_uri` (`pyotp/__init__.py`), for the pyotp
    /// drop-in (`nidan.pyotp`). Beyond [`ImportPolicy::Authenticator`]:
    /// - the label is split at the first literal `:` only, and what follows
    ///   is the account as written, spaces included: a `%3A` belongs to the
    ///   name (pyotp#174), and the account may be empty (pyotp then names
    ///   it `Secret`); issuer and account may keep what no label carries
    ///   back (a `:`, leading spaces), so such a key builds no URI
    ///   ([`KeyUri::to_uri`] refuses it);
    /// - parameter names are percent-decoded (`%73ecret` is `secret`), and
    ///   an empty value counts as given once but is not used;
    /// - an HOTP key without `counter` starts at counter 0;
    /// - `encoder=steam` makes a Steam Guard key whatever the type says.
    ///
    /// And short of it, as pyotp refuses them: an issuer in the label that
    /// differs from `issuer=` ([`Error::UriIssuerMismatch`]; an empty
    /// issuer before the label's `:` is an issuer too), and algorithms
    /// other than `SHA1`, `SHA256` and `SHA512` spelled so.
    ///
    /// pyotp's other readings, where nidan stays with the import mode:
    /// numbers in Python's `int()` spellings (`+6`, ` 6`), `%` escapes that
    /// are not hexadecimal or not UTF-8, URIs over [`KeyUri::MAX_LEN`],
    /// secrets with spaces or `+`, a Steam key's digits that are not a
    /// number (nidan does not read them), negative counters (which pyotp takes, then
    /// fails on when asked for a code), parameters that pyotp hands to a
    /// constructor without that argument and fails on with a `TypeError`
    /// (`period` on HOTP, `counter` on TOTP, `algorithm` or `counter` with
    /// `encoder=steam`: nidan does not use them), and parameter names or a
    /// type in another case, which pyotp does not read as known and nidan
    /// reads. When a URI has several faults, pyotp names the first in the
    /// order of its parameters, nidan the first in its own order.
    ///
    /// The repairs listed are the import mode's; pyotp's readings above are
    /// the policy itself and are not listed.
    Pyotp,
}

impl ImportPolicy {
    /// The policy named `name` (`authenticator` or `pyotp`, as
    /// [`ImportPolicy::name`] writes them).
    ///
    /// ```
    /// assert_eq!(nidan::ImportPolicy::from_name("pyotp"), Some(nidan::ImportPolicy::Pyotp));
    /// assert_eq!(nidan::ImportPolicy::from_name("otpauth"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Authenticator, Self::Pyotp]
            .into_iter()
            .find(|policy| policy.name() == name)
    }

    /// The policy's name, the same on every surface.
    ///
    /// ```
    /// assert_eq!(nidan::ImportPolicy::default().name(), "authenticator");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Self::Authenticator => "authenticator",
            Self::Pyotp => "pyotp",
        }
    }
}

/// The modes, as the `IMPORT` parameter of [`Repairs`]: a constant, so that
/// a build that only parses strictly (`nidan.wasm`) carries no import code.
pub(crate) const STRICT: bool = false;
/// See [`STRICT`].
pub(crate) const IMPORT: bool = true;

/// The repairs of one key being read: in strict mode (`IMPORT` false) the
/// reader refuses what the import mode repairs and records.
pub(crate) struct Repairs<const IMPORT: bool> {
    list: Vec<Repair>,
    policy: ImportPolicy,
}

impl<const IMPORT: bool> Repairs<IMPORT> {
    pub(crate) fn new() -> Self {
        Self::with_policy(ImportPolicy::Authenticator)
    }

    /// Repairs under the import `policy` (strict mode has none).
    pub(crate) fn with_policy(policy: ImportPolicy) -> Self {
        Self {
            list: Vec::new(),
            policy,
        }
    }

    /// Whether pyotp's reading applies ([`ImportPolicy::Pyotp`]).
    pub(crate) fn pyotp(&self) -> bool {
        IMPORT && self.policy == ImportPolicy::Pyotp
    }

    /// In import mode, records the repair that `repair` makes; in strict
    /// mode, refuses with `error` (and builds no repair: a strict-only build
    /// carries none of the import mode's values).
    pub(crate) fn allow(&mut self, repair: impl FnOnce() -> Repair, error: Error) -> Result<()> {
        if IMPORT {
            self.record(repair());
            Ok(())
        } else {
            Err(error)
        }
    }

    /// Records `repair` (once); for steps that only the import mode takes.
    pub(crate) fn record(&mut self, repair: Repair) {
        if !self.list.contains(&repair) {
            self.list.push(repair);
        }
    }

    pub(crate) fn into_list(self) -> Vec<Repair> {
        self.list
    }

    /// Reads a base32 secret. Strict: [`Secret::from_base32`]. Import: the
    /// text is first made canonical (separators and padding removed,
    /// trailing bits cleared, each recorded when strict would refuse it),
    /// then read by the same strict decoder, allowing short keys.
    ///
    /// # Security
    /// Making the text canonical does not branch on the secret's characters
    /// or index memory with them: each character is classified with masks
    /// (see [`mask_below`]) and written whether or not it is kept, like the
    /// strict decoder (`base32ct` with its case folding) that reads the
    /// result. What does branch is public: the text's length, how many
    /// separators and `=` it holds, and the repairs the caller is told about.
    /// The canonical text lives in one buffer of the input's length, wiped
    /// when dropped. Its errors are the strict decoder's, about the
    /// canonical text.
    pub(crate) fn secret(&mut self, text: &str) -> Result<Secret> {
        if !IMPORT {
            return Secret::from_base32(text);
        }
        let mut canonical = Zeroizing::new(text.as_bytes().to_vec());
        let (len, separators) = remove_separators(&mut canonical);
        canonical.truncate(len);
        if separators {
            self.record(Repair::SecretSeparators);
        }
        let data_len = len - trailing_padding(&canonical);
        let padding = len - data_len;
        let exact = (8 - data_len % 8) % 8;
        if padding != 0 && padding != exact {
            self.record(Repair::SecretPadding);
        }
        canonical.truncate(data_len);
        if clear_trailing_bits(&mut canonical) {
            self.record(Repair::SecretTrailingBits);
        }
        // Removing ASCII bytes from UTF-8 text and changing one ASCII byte
        // into another leaves UTF-8 text.
        let secret =
            Secret::from_base32_allow_short(core::str::from_utf8(&canonical).unwrap_or_default())?;
        if secret.byte_len() < Secret::MIN_BYTES {
            self.record(Repair::SecretShort {
                bits: secret.byte_len() * 8,
            });
        }
        Ok(secret)
    }
}

#[cfg(feature = "migration")]
impl<const IMPORT: bool> Repairs<IMPORT> {
    /// Takes raw key bytes: at least 80 bits in strict mode; shorter keys
    /// are kept in import mode, and reported.
    pub(crate) fn secret_bytes(&mut self, bytes: &[u8]) -> Result<Secret> {
        if !IMPORT {
            return Secret::from_bytes(bytes);
        }
        let secret = Secret::from_bytes_allow_short(bytes)?;
        if secret.byte_len() < Secret::MIN_BYTES {
            self.record(Repair::SecretShort {
                bits: secret.byte_len() * 8,
            });
        }
        Ok(secret)
    }
}

impl Secret {
    /// Reads a base32 secret as the import mode reads a URI's `secret`
    /// parameter (see [`Repair`]): spaces, hyphens, padding of any length,
    /// lower case and bits past the last byte are repaired, and keys
    /// shorter than 80 bits are kept; returns the repairs made, empty when
    /// [`Secret::from_base32`] reads the text the same.
    ///
    /// # Errors
    /// A secret-family [`Error`] for what cannot be repaired: characters
    /// outside base32, an impossible length, no key at all, or more than
    /// [`Secret::MAX_BYTES`].
    ///
    /// ```
    /// use nidan::{Repair, Secret};
    /// let (secret, repairs) = Secret::import_base32("s46sqcpptcnpromhwybdctbzxv")?;
    /// assert_eq!(secret, Secret::from_base32("S46SQCPPTCNPROMHWYBDCTBZXU")?);
    /// assert_eq!(repairs, [Repair::SecretTrailingBits]);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn import_base32(text: &str) -> Result<(Self, Vec<Repair>)> {
        let mut repairs = Repairs::<IMPORT>::new();
        let secret = repairs.secret(text)?;
        Ok((secret, repairs.into_list()))
    }
}

/// `0xff` when `value < bound`, else `0`, without a branch: the borrow of
/// a wider subtraction.
fn mask_below(value: u8, bound: u8) -> u8 {
    (u16::from(value).wrapping_sub(u16::from(bound)) >> 8).to_le_bytes()[0]
}

/// `0xff` when `a == b`, else `0`, without a branch.
fn mask_equal(a: u8, b: u8) -> u8 {
    mask_below(a ^ b, 1)
}

/// Removes spaces, tabs, hyphens and `+` (a space in a form-encoded query)
/// from `text` in place, without branching on its bytes: every byte is
/// written at the next free place, which moves on only for a kept byte.
/// Returns the kept length and whether anything was removed.
fn remove_separators(text: &mut [u8]) -> (usize, bool) {
    let mut len = 0;
    let mut removed = 0u8;
    for read in 0..text.len() {
        let byte = text[read];
        let separator = mask_equal(byte, b' ')
            | mask_equal(byte, b'\t')
            | mask_equal(byte, b'-')
            | mask_equal(byte, b'+');
        text[len] = byte;
        len += usize::from(!separator & 1);
        removed |= separator;
    }
    (len, removed != 0)
}

/// The number of `=` at the end of `text`, counted over every byte
/// without branching on them.
fn trailing_padding(text: &[u8]) -> usize {
    let mut padding = 0;
    let mut in_padding = 0xff;
    for &byte in text.iter().rev() {
        in_padding &= mask_equal(byte, b'=');
        padding += usize::from(in_padding & 1);
    }
    padding
}

/// Clears the bits of the last character of unpadded base32 `text` that
/// lie past its final byte (5 bits per character, whole bytes of 8),
/// without branching on the character; returns whether any were set.
/// Characters outside the alphabet and impossible lengths are left to the
/// decoder.
fn clear_trailing_bits(text: &mut [u8]) -> bool {
    let spare_bits = text.len() * 5 % 8;
    let Some(last) = text.last_mut() else {
        return false;
    };
    let (value, valid) = base32_value(*last);
    let spare = (1u8 << spare_bits) - 1;
    let changed = valid & !mask_equal(value & spare, 0);
    let cleared = base32_char(value & !spare);
    *last = (cleared & changed) | (*last & !changed);
    changed != 0
}

/// The value of a base32 character in either case, and `0xff` when it is
/// one (else `0`), without a table or a branch.
fn base32_value(c: u8) -> (u8, u8) {
    let upper = c.wrapping_sub(b'A');
    let lower = c.wrapping_sub(b'a');
    let digit = c.wrapping_sub(b'2');
    let (is_upper, is_lower, is_digit) = (
        mask_below(upper, 26),
        mask_below(lower, 26),
        mask_below(digit, 6),
    );
    let value = (is_upper & upper) | (is_lower & lower) | (is_digit & digit.wrapping_add(26));
    (value, is_upper | is_lower | is_digit)
}

/// The upper-case base32 character of a value below 32, without a branch.
fn base32_char(value: u8) -> u8 {
    let letter = mask_below(value, 26);
    (letter & b'A'.wrapping_add(value)) | (!letter & value.wrapping_sub(26).wrapping_add(b'2'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One repair of every kind; the exhaustive match makes a new variant
    /// fail to compile until it is listed here.
    fn every_kind() -> [Repair; 10] {
        let every = [
            Repair::IssuerDiffers {
                label: String::from("A"),
                parameter: String::from("B"),
            },
            Repair::PlusAsSpace { part: "issuer" },
            Repair::ParameterNameCase {
                parameter: "secret",
            },
            Repair::NumberLeadingZeros {
                parameter: "digits",
            },
            Repair::SecretSeparators,
            Repair::SecretPadding,
            Repair::SecretTrailingBits,
            Repair::SecretShort { bits: 40 },
            Repair::AlgorithmOutsideFormat {
                algorithm: Algorithm::Sha1,
            },
            Repair::SteamGuard,
        ];
        for repair in &every {
            match repair {
                Repair::IssuerDiffers { .. }
                | Repair::PlusAsSpace { .. }
                | Repair::ParameterNameCase { .. }
                | Repair::NumberLeadingZeros { .. }
                | Repair::SecretSeparators
                | Repair::SecretPadding
                | Repair::SecretTrailingBits
                | Repair::SecretShort { .. }
                | Repair::AlgorithmOutsideFormat { .. }
                | Repair::SteamGuard => {}
            }
        }
        every
    }

    /// The repository README, read at run time: the crate as published
    /// has no copy of it, and `scripts/test crate` runs the published
    /// crate's tests with `NIDAN_TEST_WITHOUT_REPOSITORY` set, where this
    /// check has nothing to read.
    #[test]
    fn the_readme_lists_every_repair() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
        let readme = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(_) if std::env::var_os("NIDAN_TEST_WITHOUT_REPOSITORY").is_some() => return,
            Err(error) => panic!("{path}: {error}"),
        };
        let section = readme
            .split("## Authenticator apps: the import mode")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .unwrap();
        for repair in every_kind() {
            let row = alloc::format!("| `{}` |", repair.kind());
            assert!(section.contains(&row), "README lacks {row}");
        }
        // One row per kind, and the header row, which names `kind`.
        assert_eq!(section.matches("\n| `").count(), every_kind().len() + 1);
    }

    /// The branch-free helpers against plain definitions, on every byte.
    #[test]
    fn the_masked_helpers_agree_with_plain_definitions_on_every_byte() {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        for c in 0..=u8::MAX {
            let expected = ALPHABET
                .iter()
                .position(|&a| a == c.to_ascii_uppercase())
                .map(|index| u8::try_from(index).unwrap());
            let (value, valid) = base32_value(c);
            assert_eq!((valid == 0xff).then_some(value), expected, "{c:#04x}");
            assert!(valid == 0 || valid == 0xff);
            for other in 0..=u8::MAX {
                let equal = if c == other { 0xff } else { 0 };
                assert_eq!(mask_equal(c, other), equal);
                let below = if c < other { 0xff } else { 0 };
                assert_eq!(mask_below(c, other), below);
            }
        }
        for (value, &c) in (0u8..).zip(ALPHABET) {
            assert_eq!(base32_char(value), c);
        }
    }

    #[test]
    fn text_is_made_canonical_without_losing_a_character() {
        let mut text = *b"-ab c\td+e=f-";
        let (len, removed) = remove_separators(&mut text);
        assert_eq!((&text[..len], removed), (&b"abcde=f"[..], true));
        let mut plain = *b"abc";
        assert_eq!(remove_separators(&mut plain), (3, false));
        assert_eq!(trailing_padding(b"MZXW6==="), 3);
        assert_eq!(trailing_padding(b"MZ=XW6"), 0);
        assert_eq!(trailing_padding(b"==="), 3);
        assert_eq!(trailing_padding(b""), 0);
        // `MZXW7`: 25 bits, the last one set past the third byte.
        let mut trailing = *b"MZXW7";
        assert!(clear_trailing_bits(&mut trailing));
        assert_eq!(&trailing, b"MZXW6");
        // `mzxwb`: a lower-case letter, cleared to its upper-case value.
        let mut lower = *b"mzxwb";
        assert!(clear_trailing_bits(&mut lower));
        assert_eq!(&lower, b"mzxwA");
        for canonical in [
            &b"MZXW6"[..],
            b"mzxw6",
            b"MZXW6YQ",
            b"",
            b"MZXW1",
            b"ABCDEFGH",
        ] {
            let mut text = canonical.to_vec();
            assert!(!clear_trailing_bits(&mut text), "{canonical:?}");
            assert_eq!(text, canonical);
        }
    }

    proptest::proptest! {
        /// The canonical text is what plain, branching definitions give:
        /// separators dropped, trailing `=` counted, the spare bits of the
        /// last character cleared (upper case when changed).
        #[test]
        fn canonical_text_follows_the_plain_definitions(text in "[A-Za-z2-7 \t+=\\-018é]{0,24}") {
            let mut bytes = text.clone().into_bytes();
            let (len, removed) = remove_separators(&mut bytes);
            let kept: String = text.chars().filter(|c| !" \t-+".contains(*c)).collect();
            proptest::prop_assert_eq!(&bytes[..len], kept.as_bytes());
            proptest::prop_assert_eq!(removed, kept.len() != text.len());
            let data = kept.trim_end_matches('=');
            proptest::prop_assert_eq!(trailing_padding(kept.as_bytes()), kept.len() - data.len());

            let mut cleared = data.as_bytes().to_vec();
            let changed = clear_trailing_bits(&mut cleared);
            let spare = data.len() * 5 % 8;
            let mut expected = data.as_bytes().to_vec();
            if let Some(last) = expected.last_mut() {
                let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
                if let Some(value) = alphabet.iter().position(|&a| a == last.to_ascii_uppercase()) {
                    let value_cleared = value & !((1 << spare) - 1);
                    if value_cleared != value {
                        *last = alphabet[value_cleared];
                    }
                }
            }
            proptest::prop_assert_eq!(changed, expected != data.as_bytes());
            proptest::prop_assert_eq!(cleared, expected);
        }
    }

    #[test]
    fn every_kind_comes_back_from_its_fields_and_nothing_else_does() {
        for repair in every_kind() {
            let values: Vec<String> = repair.fields().into_iter().map(|(_, v)| v).collect();
            assert_eq!(
                Repair::from_fields(repair.kind(), &values),
                Some(repair.clone())
            );
            let mut longer = values.clone();
            longer.push(String::from("label"));
            assert_eq!(
                Repair::from_fields(repair.kind(), &longer),
                None,
                "{repair:?}"
            );
            if let Some(shorter) = values.split_last().map(|(_, rest)| rest) {
                assert_eq!(
                    Repair::from_fields(repair.kind(), shorter),
                    None,
                    "{repair:?}"
                );
            }
        }
        assert_eq!(Repair::from_fields("secret_repaired", &[] as &[&str]), None);
        assert_eq!(Repair::from_fields("plus_as_space", &["account"]), None);
        assert_eq!(Repair::from_fields("secret_short", &["-1"]), None);
        assert_eq!(
            Repair::from_fields("algorithm_outside_format", &["MD5"]),
            None
        );
    }

    #[test]
    fn kinds_are_distinct_and_only_short_secrets_and_algorithms_describe_the_key() {
        let every = every_kind();
        for (i, a) in every.iter().enumerate() {
            for b in &every[i + 1..] {
                assert_ne!(a.kind(), b.kind());
            }
            let kept = matches!(
                a,
                Repair::SecretShort { .. }
                    | Repair::AlgorithmOutsideFormat { .. }
                    | Repair::SteamGuard
            );
            assert_eq!(a.is_spelling(), !kept, "{a:?}");
            assert!(!alloc::string::ToString::to_string(a).is_empty());
        }
    }
}
