//! The one error type of the crate.
//!
//! A wrong one-time code is not an error: verification reports it as a
//! normal result. Errors are for bad configuration and malformed input.

use core::fmt;

/// What went wrong, without any secret material.
///
/// Every message says what is wrong and, where it helps, where; none of
/// them carries secret bytes, their base32 form or a one-time code.
///
/// # Codes
///
/// [`Error::code`] names each error with a stable identifier, which the
/// Python and JavaScript packages give their exceptions as `code`. Codes
/// never change meaning; a new error gets a new code. The codes, each with
/// its error and its family ([`Error::family`]):
///
/// | code | error | family | meaning |
/// | --- | --- | --- | --- |
/// | `BASE32_CHARACTER` | [`Base32Character`](Error::Base32Character) | secret | a character of a base32 secret is outside the alphabet A-Z, 2-7 |
/// | `BASE32_LENGTH` | [`Base32Length`](Error::Base32Length) | secret | the number of base32 characters cannot come from whole bytes |
/// | `BASE32_PADDING` | [`Base32Padding`](Error::Base32Padding) | secret | the `=` padding is not the exact amount |
/// | `BASE32_TRAILING_BITS` | [`Base32TrailingBits`](Error::Base32TrailingBits) | secret | the last base32 character has bits set past the final byte |
/// | `HEX_CHARACTER` | [`HexCharacter`](Error::HexCharacter) | secret | a character of a hex secret is not a digit 0-9, A-F, a-f or a space |
/// | `HEX_LENGTH` | [`HexLength`](Error::HexLength) | secret | a hex secret has an odd number of digits |
/// | `SECRET_EMPTY` | [`SecretEmpty`](Error::SecretEmpty) | secret | the secret is empty |
/// | `SECRET_TOO_SHORT` | [`SecretTooShort`](Error::SecretTooShort) | secret | the secret is shorter than the minimum for its use |
/// | `SECRET_TOO_LONG` | [`SecretTooLong`](Error::SecretTooLong) | secret | the secret is longer than [`Secret::MAX_BYTES`](crate::Secret::MAX_BYTES) |
/// | `RANDOM_SOURCE` | [`RandomSource`](Error::RandomSource) | secret | the operating system's random number generator failed |
/// | `DIGITS` | [`Digits`](Error::Digits) | parameter | the number of digits is out of range |
/// | `ALGORITHM` | [`Algorithm`](Error::Algorithm) | parameter | the algorithm name is unknown |
/// | `FORMAT` | [`CodeFormat`](Error::CodeFormat) | parameter | the code format name is not `decimal` or `steam` |
/// | `ALGORITHM_UNAVAILABLE` | [`AlgorithmUnavailable`](Error::AlgorithmUnavailable) | parameter | the algorithm is not built in |
/// | `MAC_TOO_SHORT` | [`MacTooShort`](Error::MacTooShort) | parameter | a MAC given for truncation is shorter than 19 bytes |
/// | `PERIOD` | [`Period`](Error::Period) | parameter | the TOTP period is zero |
/// | `TIME_BEFORE_T0` | [`TimeBeforeT0`](Error::TimeBeforeT0) | parameter | the time is before the TOTP epoch T0 |
/// | `T0_IN_URI` | [`T0InUri`](Error::T0InUri) | parameter | a TOTP whose T0 is not 0 cannot be written as an otpauth URI |
/// | `CLOCK_BEFORE_UNIX_EPOCH` | [`ClockBeforeUnixEpoch`](Error::ClockBeforeUnixEpoch) | parameter | the system clock reads before 1970 |
/// | `WINDOW_TOO_LARGE` | [`WindowTooLarge`](Error::WindowTooLarge) | parameter | a verification window side is over [`Window::MAX_SIDE`](crate::Window::MAX_SIDE) |
/// | `QR_TOO_LONG` | [`QrTooLong`](Error::QrTooLong) | parameter | the text does not fit in the largest QR code |
/// | `BUFFER_TOO_SMALL` | [`BufferTooSmall`](Error::BufferTooSmall) | parameter | an output buffer is too small |
/// | `URI_TOO_LONG` | [`UriTooLong`](Error::UriTooLong) | URI | an otpauth or export URI is longer than its cap |
/// | `URI_SCHEME` | [`UriScheme`](Error::UriScheme) | URI | the URI does not start with `otpauth://` |
/// | `URI_TYPE` | [`UriType`](Error::UriType) | URI | the URI type is neither `totp` nor `hotp` |
/// | `URI_PERCENT_ENCODING` | [`UriPercentEncoding`](Error::UriPercentEncoding) | URI | a `%` is not followed by two hexadecimal digits |
/// | `URI_UTF8` | [`UriUtf8`](Error::UriUtf8) | URI | a decoded part of the URI is not UTF-8 |
/// | `URI_MISSING_PARAMETER` | [`UriMissingParameter`](Error::UriMissingParameter) | URI | a required parameter is missing |
/// | `URI_DUPLICATE_PARAMETER` | [`UriDuplicateParameter`](Error::UriDuplicateParameter) | URI | a parameter appears more than once |
/// | `URI_INVALID_VALUE` | [`UriInvalidValue`](Error::UriInvalidValue) | URI | a parameter's value cannot be used |
/// | `URI_ISSUER_MISMATCH` | [`UriIssuerMismatch`](Error::UriIssuerMismatch) | URI | the label's issuer and the `issuer` parameter differ |
/// | `URI_LABEL` | [`UriLabel`](Error::UriLabel) | URI | the label cannot be written so that it reads back |
/// | `ACCOUNT_EMPTY` | [`AccountEmpty`](Error::AccountEmpty) | URI | the account name is empty |
/// | `KEY_IS_HOTP` | [`KeyIsHotp`](Error::KeyIsHotp) | URI | a TOTP generator was asked of an HOTP key |
/// | `KEY_IS_TOTP` | [`KeyIsTotp`](Error::KeyIsTotp) | URI | an HOTP generator was asked of a TOTP key |
/// | `MIGRATION_SCHEME` | [`MigrationScheme`](Error::MigrationScheme) | URI | the URI does not start with `otpauth-migration://offline?` |
/// | `MIGRATION_BASE64` | [`MigrationBase64`](Error::MigrationBase64) | URI | the export's data is not valid base64 |
/// | `MIGRATION_PROTOBUF` | [`MigrationProtobuf`](Error::MigrationProtobuf) | URI | the export's data is not a valid protobuf message |
/// | `MIGRATION_VALUE` | [`MigrationValue`](Error::MigrationValue) | URI | an export field holds a value nidan cannot use |
/// | `MIGRATION_UTF8` | [`MigrationUtf8`](Error::MigrationUtf8) | URI | an export text field is not UTF-8 |
/// | `STORED_VALUE` | `StoredValue` (feature `server`) | parameter | a stored login record, set of recovery codes or delivered code cannot be read |
/// | `SETTING` | `Setting` (feature `server`) | parameter | a server-side setting is out of its range |
/// | `RANDOM_TOO_SHORT` | `RandomTooShort` (feature `server`) | parameter | the caller's random input is shorter than needed |
///
/// The bindings find a few errors themselves, in arguments they convert
/// before the core sees them ([`ArgumentError`]); their codes:
///
/// | code | error | family | meaning |
/// | --- | --- | --- | --- |
/// | `INVALID_ARGUMENT` | [`ArgumentError::Invalid`] | parameter, or the argument's | an argument cannot be converted: a wrong type (JavaScript), text that is not Unicode, a naive `datetime` (Python) |
/// | `INVALID_NUMBER` | [`ArgumentError::Number`] | parameter | a number is not a whole count in range: negative, a fraction, NaN, infinite, too large |
/// | `INPUT_TOO_LONG` | [`ArgumentError::TooLong`] | parameter | a string or byte array is longer than the binding takes (JavaScript) |
///
/// [`Error::CODES`] lists every code of both tables.
///
/// ```
/// let err = nidan::Secret::from_base32("JBSWY3DPEHPK3PX1").unwrap_err();
/// assert_eq!(err, nidan::Error::Base32Character { position: 15 });
/// assert_eq!(err.family(), nidan::ErrorFamily::Secret);
/// assert_eq!(
///     err.to_string(),
///     "secret is not valid base32: character 16 is not in the alphabet A-Z, 2-7"
/// );
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Error {
    /// A character of a base32 secret is outside the alphabet (0-based position).
    Base32Character {
        /// Position of the first offending character, counted in characters.
        position: usize,
    },
    /// The number of base32 characters cannot come from whole bytes (1, 3 or 6 modulo 8).
    Base32Length,
    /// Padding (`=`) is present but not the exact amount RFC 4648 requires.
    Base32Padding,
    /// The last base32 character carries non-zero bits past the final byte.
    Base32TrailingBits,
    /// A character of a hex secret is not a digit or a space ([`hex`](crate::hex)).
    HexCharacter {
        /// Position of the first offending character, counted in characters.
        position: usize,
    },
    /// A hex secret has an odd number of digits.
    HexLength,
    /// The secret is empty.
    SecretEmpty,
    /// The secret is shorter than the minimum for its use.
    SecretTooShort {
        /// Length of the secret, in bits.
        bits: usize,
        /// The minimum, in bits.
        min_bits: usize,
    },
    /// The secret is longer than [`Secret::MAX_BYTES`](crate::Secret::MAX_BYTES).
    SecretTooLong {
        /// The maximum, in bytes.
        max_bytes: usize,
    },
    /// The operating system's random number generator failed.
    RandomSource,
    /// The number of digits is outside 6 to 10 (6 to 8 in otpauth URIs, 5 for Steam codes).
    Digits {
        /// The number of digits asked for.
        digits: u32,
    },
    /// The algorithm name is none of [`Algorithm`](crate::Algorithm)'s.
    Algorithm,
    /// The code format name is not `decimal` or `steam`.
    CodeFormat,
    /// The algorithm is not built in: the SHA-3 family needs the cargo feature `sha3`.
    AlgorithmUnavailable {
        /// The algorithm asked for.
        algorithm: crate::Algorithm,
    },
    /// A MAC given for truncation ([`Code::from_mac`](crate::Code::from_mac))
    /// is shorter than the 19 bytes that dynamic truncation reads from.
    MacTooShort {
        /// Its length, in bytes.
        len: usize,
    },
    /// The TOTP period is zero.
    Period,
    /// The time is before the TOTP epoch T0.
    TimeBeforeT0,
    /// A TOTP whose T0 is not 0 was to be written as an otpauth URI, which
    /// has no parameter for T0.
    T0InUri,
    /// The system clock reads before 1970, the start of Unix time.
    ClockBeforeUnixEpoch,
    /// A verification window side is larger than [`Window::MAX_SIDE`](crate::Window::MAX_SIDE).
    WindowTooLarge {
        /// The requested side.
        steps: u32,
    },
    /// The text does not fit in the largest QR code.
    QrTooLong,
    /// An output buffer is too small.
    BufferTooSmall {
        /// The number of bytes needed.
        needed: usize,
    },
    /// An otpauth or export URI is longer than its cap (`KeyUri::MAX_LEN`, `MigrationBatch::MAX_LEN`, or the caller's).
    UriTooLong {
        /// The maximum, in bytes.
        max: usize,
    },
    /// The URI does not start with `otpauth://`.
    UriScheme,
    /// The URI type is neither `totp` nor `hotp`.
    UriType,
    /// A `%` escape in the URI is not followed by two hexadecimal digits.
    UriPercentEncoding,
    /// A decoded part of the URI is not valid UTF-8.
    UriUtf8,
    /// A required parameter is missing.
    UriMissingParameter {
        /// The parameter's name.
        parameter: &'static str,
    },
    /// A parameter appears more than once.
    UriDuplicateParameter {
        /// The parameter's name.
        parameter: &'static str,
    },
    /// A parameter's value cannot be used.
    UriInvalidValue {
        /// The parameter's name.
        parameter: &'static str,
    },
    /// The issuer in the label and the `issuer` parameter differ.
    UriIssuerMismatch,
    /// The label cannot be written unambiguously (for example an issuer
    /// containing `:`, or an account starting with a space after an issuer).
    UriLabel,
    /// The account name is empty (an otpauth label or an export account needs one).
    AccountEmpty,
    /// A TOTP generator was asked of an HOTP key.
    KeyIsHotp,
    /// An HOTP generator was asked of a TOTP key.
    KeyIsTotp,
    /// The URI does not start with `otpauth-migration://offline?`.
    MigrationScheme,
    /// The export's `data` is not valid base64.
    MigrationBase64,
    /// The export's data is not a valid protobuf message.
    MigrationProtobuf,
    /// An export field holds a value nidan cannot use.
    MigrationValue {
        /// The field's name.
        field: &'static str,
    },
    /// An export field that holds text is not valid UTF-8.
    MigrationUtf8 {
        /// The field's name.
        field: &'static str,
    },
    #[cfg(feature = "server")]
    /// A stored server-side value (login record, recovery codes, delivered
    /// code) cannot be read: foreign, truncated, corrupted or of a newer format.
    StoredValue {
        /// What was being read.
        kind: StoredKind,
        /// What is wrong with it.
        problem: &'static str,
    },
    #[cfg(feature = "server")]
    /// A server-side setting (throttle, drift, recovery or delivered-code
    /// policy) is out of its range; the text states the range.
    Setting {
        /// The rule that was broken, for example `max_failures must be from 1 to 100`.
        rule: &'static str,
    },
    #[cfg(feature = "server")]
    /// The caller's random input is shorter than the operation needs.
    RandomTooShort {
        /// The number of random bytes needed.
        needed: usize,
    },
}

#[cfg(feature = "server")]
/// What kind of stored server-side value an [`Error::StoredValue`] is about.
///
/// ```
/// assert_eq!(nidan::StoredKind::LoginRecord.name(), "login record");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoredKind {
    /// A [`Record`](crate::Record).
    LoginRecord,
    /// A set of [`RecoveryCodes`](crate::RecoveryCodes).
    RecoveryCodes,
    /// A [`DeliveredCode`](crate::DeliveredCode).
    DeliveredCode,
}

#[cfg(feature = "server")]
impl StoredKind {
    /// The kind in words, as error messages show it.
    ///
    /// ```
    /// assert_eq!(nidan::StoredKind::DeliveredCode.name(), "delivered code");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Self::LoginRecord => "login record",
            Self::RecoveryCodes => "recovery codes",
            Self::DeliveredCode => "delivered code",
        }
    }
}

/// The family of an [`Error`], for callers that map errors onto their own
/// classes (the Python and JavaScript packages do).
///
/// ```
/// use nidan::{Error, ErrorFamily};
/// assert_eq!(Error::Period.family(), ErrorFamily::Parameter);
/// assert_eq!(Error::UriScheme.family(), ErrorFamily::Uri);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorFamily {
    /// A secret could not be read, generated or is unfit for use.
    Secret,
    /// An otpauth URI is malformed or inconsistent.
    Uri,
    /// A parameter (digits, period, time, window, buffer, server setting) is
    /// out of range, or a stored server-side value cannot be read.
    Parameter,
}

impl Error {
    /// The family this error belongs to.
    ///
    /// ```
    /// assert_eq!(nidan::Error::Base32Length.family(), nidan::ErrorFamily::Secret);
    /// ```
    pub const fn family(&self) -> ErrorFamily {
        match self {
            Self::Base32Character { .. }
            | Self::Base32Length
            | Self::Base32Padding
            | Self::Base32TrailingBits
            | Self::HexCharacter { .. }
            | Self::HexLength
            | Self::SecretEmpty
            | Self::SecretTooShort { .. }
            | Self::SecretTooLong { .. }
            | Self::RandomSource => ErrorFamily::Secret,
            Self::Digits { .. }
            | Self::Algorithm
            | Self::CodeFormat
            | Self::AlgorithmUnavailable { .. }
            | Self::MacTooShort { .. }
            | Self::Period
            | Self::TimeBeforeT0
            | Self::T0InUri
            | Self::ClockBeforeUnixEpoch
            | Self::WindowTooLarge { .. }
            | Self::QrTooLong
            | Self::BufferTooSmall { .. } => ErrorFamily::Parameter,
            #[cfg(feature = "server")]
            Self::StoredValue { .. } | Self::Setting { .. } | Self::RandomTooShort { .. } => {
                ErrorFamily::Parameter
            }
            Self::UriTooLong { .. }
            | Self::UriScheme
            | Self::UriType
            | Self::UriPercentEncoding
            | Self::UriUtf8
            | Self::UriMissingParameter { .. }
            | Self::UriDuplicateParameter { .. }
            | Self::UriInvalidValue { .. }
            | Self::UriIssuerMismatch
            | Self::UriLabel
            | Self::AccountEmpty
            | Self::KeyIsHotp
            | Self::KeyIsTotp
            | Self::MigrationScheme
            | Self::MigrationBase64
            | Self::MigrationProtobuf
            | Self::MigrationValue { .. }
            | Self::MigrationUtf8 { .. } => ErrorFamily::Uri,
        }
    }
}

impl Error {
    /// The code of every error, the core's and then the bindings' own
    /// ([`ArgumentError`]), in the order of the tables above, whatever the
    /// features of this build.
    ///
    /// ```
    /// assert!(nidan::Error::CODES.contains(&nidan::Error::Period.code()));
    /// ```
    pub const CODES: [&'static str; 46] = [
        "BASE32_CHARACTER",
        "BASE32_LENGTH",
        "BASE32_PADDING",
        "BASE32_TRAILING_BITS",
        "HEX_CHARACTER",
        "HEX_LENGTH",
        "SECRET_EMPTY",
        "SECRET_TOO_SHORT",
        "SECRET_TOO_LONG",
        "RANDOM_SOURCE",
        "DIGITS",
        "ALGORITHM",
        "FORMAT",
        "ALGORITHM_UNAVAILABLE",
        "MAC_TOO_SHORT",
        "PERIOD",
        "TIME_BEFORE_T0",
        "T0_IN_URI",
        "CLOCK_BEFORE_UNIX_EPOCH",
        "WINDOW_TOO_LARGE",
        "QR_TOO_LONG",
        "BUFFER_TOO_SMALL",
        "URI_TOO_LONG",
        "URI_SCHEME",
        "URI_TYPE",
        "URI_PERCENT_ENCODING",
        "URI_UTF8",
        "URI_MISSING_PARAMETER",
        "URI_DUPLICATE_PARAMETER",
        "URI_INVALID_VALUE",
        "URI_ISSUER_MISMATCH",
        "URI_LABEL",
        "ACCOUNT_EMPTY",
        "KEY_IS_HOTP",
        "KEY_IS_TOTP",
        "MIGRATION_SCHEME",
        "MIGRATION_BASE64",
        "MIGRATION_PROTOBUF",
        "MIGRATION_VALUE",
        "MIGRATION_UTF8",
        "STORED_VALUE",
        "SETTING",
        "RANDOM_TOO_SHORT",
        ArgumentError::Invalid.code(),
        ArgumentError::Number.code(),
        ArgumentError::TooLong.code(),
    ];

    /// The error's stable code, one of [`Error::CODES`] (the table above
    /// says what each means).
    ///
    /// ```
    /// let err = nidan::Secret::from_base32("MZXW6").unwrap_err();
    /// assert_eq!(err.code(), "SECRET_TOO_SHORT");
    /// ```
    pub const fn code(&self) -> &'static str {
        match self {
            Self::Base32Character { .. } => "BASE32_CHARACTER",
            Self::Base32Length => "BASE32_LENGTH",
            Self::Base32Padding => "BASE32_PADDING",
            Self::Base32TrailingBits => "BASE32_TRAILING_BITS",
            Self::HexCharacter { .. } => "HEX_CHARACTER",
            Self::HexLength => "HEX_LENGTH",
            Self::SecretEmpty => "SECRET_EMPTY",
            Self::SecretTooShort { .. } => "SECRET_TOO_SHORT",
            Self::SecretTooLong { .. } => "SECRET_TOO_LONG",
            Self::RandomSource => "RANDOM_SOURCE",
            Self::Digits { .. } => "DIGITS",
            Self::Algorithm => "ALGORITHM",
            Self::CodeFormat => "FORMAT",
            Self::AlgorithmUnavailable { .. } => "ALGORITHM_UNAVAILABLE",
            Self::MacTooShort { .. } => "MAC_TOO_SHORT",
            Self::Period => "PERIOD",
            Self::TimeBeforeT0 => "TIME_BEFORE_T0",
            Self::T0InUri => "T0_IN_URI",
            Self::ClockBeforeUnixEpoch => "CLOCK_BEFORE_UNIX_EPOCH",
            Self::WindowTooLarge { .. } => "WINDOW_TOO_LARGE",
            Self::QrTooLong => "QR_TOO_LONG",
            Self::BufferTooSmall { .. } => "BUFFER_TOO_SMALL",
            Self::UriTooLong { .. } => "URI_TOO_LONG",
            Self::UriScheme => "URI_SCHEME",
            Self::UriType => "URI_TYPE",
            Self::UriPercentEncoding => "URI_PERCENT_ENCODING",
            Self::UriUtf8 => "URI_UTF8",
            Self::UriMissingParameter { .. } => "URI_MISSING_PARAMETER",
            Self::UriDuplicateParameter { .. } => "URI_DUPLICATE_PARAMETER",
            Self::UriInvalidValue { .. } => "URI_INVALID_VALUE",
            Self::UriIssuerMismatch => "URI_ISSUER_MISMATCH",
            Self::UriLabel => "URI_LABEL",
            Self::AccountEmpty => "ACCOUNT_EMPTY",
            Self::KeyIsHotp => "KEY_IS_HOTP",
            Self::KeyIsTotp => "KEY_IS_TOTP",
            Self::MigrationScheme => "MIGRATION_SCHEME",
            Self::MigrationBase64 => "MIGRATION_BASE64",
            Self::MigrationProtobuf => "MIGRATION_PROTOBUF",
            Self::MigrationValue { .. } => "MIGRATION_VALUE",
            Self::MigrationUtf8 { .. } => "MIGRATION_UTF8",
            #[cfg(feature = "server")]
            Self::StoredValue { .. } => "STORED_VALUE",
            #[cfg(feature = "server")]
            Self::Setting { .. } => "SETTING",
            #[cfg(feature = "server")]
            Self::RandomTooShort { .. } => "RANDOM_TOO_SHORT",
        }
    }
}

/// An error that a binding (the Python or JavaScript package) finds itself,
/// in an argument it converts before the core sees it: the core's types
/// cannot hold such a value, so the core never raises these. The binding
/// writes the message, which names the argument; the code comes from here.
///
/// ```
/// assert_eq!(nidan::ArgumentError::Number.code(), "INVALID_NUMBER");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArgumentError {
    /// An argument cannot be converted: a wrong type, text that is not
    /// Unicode, a naive `datetime`.
    Invalid,
    /// A number is not a whole count in range: negative, a fraction, NaN,
    /// infinite or too large.
    Number,
    /// A string or byte array is longer than the binding takes.
    TooLong,
}

impl ArgumentError {
    /// The error's stable code, one of [`Error::CODES`].
    ///
    /// ```
    /// assert_eq!(nidan::ArgumentError::Invalid.code(), "INVALID_ARGUMENT");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::Invalid => "INVALID_ARGUMENT",
            Self::Number => "INVALID_NUMBER",
            Self::TooLong => "INPUT_TOO_LONG",
        }
    }
}

impl fmt::Display for Error {
    #[allow(clippy::too_many_lines)] // one arm per error
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Base32Character { position } => write!(
                f,
                "secret is not valid base32: character {} is not in the alphabet A-Z, 2-7",
                position.saturating_add(1)
            ),
            Self::Base32Length => {
                f.write_str("secret is not valid base32: its length cannot come from whole bytes")
            }
            Self::Base32Padding => {
                f.write_str("secret is not valid base32: the '=' padding is the wrong length")
            }
            Self::Base32TrailingBits => f.write_str(
                "secret is not valid base32: the last character has bits set past the final byte",
            ),
            Self::HexCharacter { position } => write!(
                f,
                "secret is not valid hex: character {} is not 0-9, A-F, a-f or a space",
                position.saturating_add(1)
            ),
            Self::HexLength => {
                f.write_str("secret is not valid hex: it has an odd number of digits")
            }
            Self::SecretEmpty => f.write_str("secret is empty"),
            Self::SecretTooShort { bits, min_bits } => write!(
                f,
                "secret is too short: {bits} bits, at least {min_bits} are required"
            ),
            Self::SecretTooLong { max_bytes } => {
                write!(
                    f,
                    "secret is too long: at most {max_bytes} bytes are supported"
                )
            }
            Self::RandomSource => {
                f.write_str("the operating system's random number generator failed")
            }
            Self::Digits { digits } => write!(
                f,
                "digits must be from 6 to 10 (6 to 8 in otpauth URIs, 5 for Steam), got {digits}"
            ),
            Self::Algorithm => f.write_str(
                "algorithm must be SHA1, SHA224, SHA256, SHA384, SHA512, SHA3-224, SHA3-256, SHA3-384 or SHA3-512",
            ),
            Self::AlgorithmUnavailable { algorithm } => {
                write!(f, "algorithm {algorithm} is not built into this nidan")?;
                match algorithm.cargo_feature() {
                    Some(feature) => write!(f, " (cargo feature {feature})"),
                    None => Ok(()),
                }
            }
            Self::MacTooShort { len } => write!(
                f,
                "MAC must be at least 19 bytes long for dynamic truncation, got {len}"
            ),
            Self::CodeFormat => f.write_str("format must be decimal or steam"),
            Self::Period => f.write_str("period must be at least 1 second"),
            Self::TimeBeforeT0 => f.write_str("time is before the TOTP epoch T0"),
            Self::T0InUri => f.write_str(
                "an otpauth URI cannot carry T0: only a TOTP with T0 = 0 can be written as one",
            ),
            Self::ClockBeforeUnixEpoch => {
                f.write_str("the system clock reads before 1970: set the clock")
            }
            Self::WindowTooLarge { steps } => write!(
                f,
                "verification window reaches {steps} steps to one side, at most {} are allowed",
                crate::Window::MAX_SIDE
            ),
            Self::QrTooLong => f.write_str("text is too long for a QR code"),
            Self::BufferTooSmall { needed } => {
                write!(f, "output buffer too small: {needed} bytes needed")
            }
            Self::UriTooLong { max } => write!(f, "URI is longer than {max} bytes"),
            Self::UriScheme => f.write_str("URI does not start with otpauth://"),
            Self::UriType => f.write_str("otpauth URI type must be totp or hotp"),
            Self::UriPercentEncoding => {
                f.write_str("otpauth URI has a '%' that is not followed by two hexadecimal digits")
            }
            Self::UriUtf8 => f.write_str("otpauth URI decodes to text that is not UTF-8"),
            Self::UriMissingParameter { parameter } => {
                write!(f, "otpauth URI lacks the {parameter} parameter")
            }
            Self::UriDuplicateParameter { parameter } => {
                write!(
                    f,
                    "otpauth URI has the {parameter} parameter more than once"
                )
            }
            Self::UriInvalidValue { parameter } => {
                write!(f, "otpauth URI has an invalid {parameter} value")
            }
            Self::UriIssuerMismatch => f.write_str(
                "otpauth URI names one issuer in its label and another in its issuer parameter",
            ),
            Self::UriLabel => f.write_str(
                "otpauth label cannot be written so that it reads back: an issuer must be non-empty and free of ':', an account without issuer free of ':', and an account after an issuer cannot start with a space",
            ),
            Self::AccountEmpty => f.write_str("the account name is empty"),
            Self::KeyIsHotp => f.write_str("the key is HOTP (counter-based), not TOTP"),
            Self::KeyIsTotp => f.write_str("the key is TOTP (time-based), not HOTP"),
            Self::MigrationScheme => {
                f.write_str("export URI does not start with otpauth-migration://offline?")
            }
            Self::MigrationBase64 => f.write_str("export URI data is not valid base64"),
            Self::MigrationProtobuf => {
                f.write_str("export URI data is not a well-formed Google Authenticator payload")
            }
            Self::MigrationValue { field } => {
                write!(
                    f,
                    "export URI has an account whose {field} nidan cannot use"
                )
            }
            Self::MigrationUtf8 { field } => {
                write!(f, "export URI has an account whose {field} is not UTF-8 text")
            }
            #[cfg(feature = "server")]
            Self::StoredValue { kind, problem } => {
                write!(f, "stored {} cannot be read: {problem}", kind.name())
            }
            #[cfg(feature = "server")]
            Self::Setting { rule } => write!(f, "invalid setting: {rule}"),
            #[cfg(feature = "server")]
            Self::RandomTooShort { needed } => {
                write!(f, "random input is too short: {needed} bytes are needed")
            }
        }
    }
}

impl core::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = core::result::Result<T, E>;
