//! Core errors on their way to JavaScript.
//!
//! A fallible export returns `None` (`undefined` in JavaScript) and records
//! the error; the JS layer then calls [`take_error`] and throws. This keeps
//! every export's glue small: no error value crosses the boundary until one
//! is asked for.
//!
//! The message is not formatted here: the error crosses as its family, its
//! code and its fields, and the JS layer fills them into the message
//! templates of `js/messages.json`, which a test below checks against the
//! core's `Display` for every error. (Formatting in Rust would put the
//! formatting machinery, a tenth of the module, into the download.)

use core::cell::Cell;

use nidan::{Error, ErrorFamily, Window};
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST: Cell<Option<Error>> = const { Cell::new(None) };
}

/// The value of `result`, or `None` after recording its error for [`take_error`].
pub(crate) fn record<T>(result: Result<T, Error>) -> Option<T> {
    result.map_err(|error| LAST.set(Some(error))).ok()
}

/// The error recorded by the last export that returned `None`, as
/// [`error_text`], and forgets it; an empty string when there is none.
///
/// ```
/// assert!(nidan_wasm::algorithm_name("MD5").is_none());
/// assert_eq!(nidan_wasm::take_error(), "Parameter|ALGORITHM");
/// assert_eq!(nidan_wasm::take_error(), "");
/// ```
#[wasm_bindgen(js_name = takeError)]
pub fn take_error() -> String {
    LAST.take().map(error_text).unwrap_or_default()
}

/// Every error code ([`Error::CODES`]), separated by spaces; the JS layer's
/// `errorCodes()` splits them.
///
/// ```
/// assert!(nidan_wasm::error_codes().split(' ').any(|code| code == "SECRET_TOO_SHORT"));
/// ```
#[wasm_bindgen(js_name = errorCodes)]
pub fn error_codes() -> String {
    Error::CODES.join(" ")
}

/// The text of `error`: `Family|CODE`, then `|field` for each value its
/// message shows. The JS layer turns it into a `NidanSecretError`,
/// `NidanUriError` or `NidanParameterError` with that `code`, and the
/// message of `js/messages.json` for the code with the fields filled in.
/// No field is secret material.
///
/// ```
/// let text = nidan_wasm::error_text(nidan::Error::SecretTooShort { bits: 40, min_bits: 80 });
/// assert_eq!(text, "Secret|SECRET_TOO_SHORT|40|80");
/// ```
pub fn error_text(error: Error) -> String {
    let mut text = String::from(match error.family() {
        ErrorFamily::Secret => "Secret|",
        ErrorFamily::Uri => "Uri|",
        _ => "Parameter|",
    });
    text.push_str(error.code());
    let (first, second) = fields(error);
    for field in [first, second].into_iter().flatten() {
        text.push('|');
        match field {
            Field::Number(value) => push_decimal(value, &mut text),
            Field::Name(name) => text.push_str(name),
        }
    }
    text
}

/// A value shown in an error's message.
#[derive(Clone, Copy)]
enum Field {
    Number(u64),
    Name(&'static str),
}

/// The values an error's message shows, in the order of `js/messages.json`'s
/// `$1` and `$2`, as the core's `Display` shows them.
fn fields(error: Error) -> (Option<Field>, Option<Field>) {
    let number = |value: usize| Some(Field::Number(u64::try_from(value).unwrap_or(u64::MAX)));
    match error {
        // Display counts characters from 1.
        Error::Base32Character { position } | Error::HexCharacter { position } => {
            (number(position.saturating_add(1)), None)
        }
        Error::SecretTooShort { bits, min_bits } => (number(bits), number(min_bits)),
        Error::SecretTooLong { max_bytes } => (number(max_bytes), None),
        Error::Digits { digits } => (Some(Field::Number(digits.into())), None),
        Error::WindowTooLarge { steps } => (
            Some(Field::Number(steps.into())),
            Some(Field::Number(Window::MAX_SIDE.into())),
        ),
        Error::BufferTooSmall { needed } => (number(needed), None),
        #[cfg(feature = "server")]
        Error::RandomTooShort { needed } => (number(needed), None),
        Error::UriTooLong { max } => (number(max), None),
        Error::UriMissingParameter { parameter }
        | Error::UriDuplicateParameter { parameter }
        | Error::UriInvalidValue { parameter } => (Some(Field::Name(parameter)), None),
        Error::AlgorithmUnavailable { algorithm } => (
            Some(Field::Name(algorithm.name())),
            algorithm.cargo_feature().map(Field::Name),
        ),
        Error::MacTooShort { len } => (number(len), None),
        Error::MigrationValue { field } | Error::MigrationUtf8 { field } => {
            (Some(Field::Name(field)), None)
        }
        #[cfg(feature = "server")]
        Error::StoredValue { kind, problem } => {
            (Some(Field::Name(kind.name())), Some(Field::Name(problem)))
        }
        #[cfg(feature = "server")]
        Error::Setting { rule } => (Some(Field::Name(rule)), None),
        _ => (None, None),
    }
}

/// Appends `value` in decimal.
pub(crate) fn push_decimal(mut value: u64, out: &mut String) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every error of the core, with field values that show in the message.
    const EVERY_ERROR: [Error; 40] = [
        Error::Base32Character { position: 15 },
        Error::Base32Length,
        Error::Base32Padding,
        Error::Base32TrailingBits,
        Error::HexCharacter { position: 3 },
        Error::HexLength,
        Error::SecretEmpty,
        Error::SecretTooShort {
            bits: 40,
            min_bits: 80,
        },
        Error::SecretTooLong { max_bytes: 256 },
        Error::RandomSource,
        Error::Digits { digits: 11 },
        Error::Algorithm,
        Error::CodeFormat,
        Error::AlgorithmUnavailable {
            algorithm: nidan::Algorithm::Sha3_384,
        },
        Error::MacTooShort { len: 18 },
        Error::Period,
        Error::TimeBeforeT0,
        Error::T0InUri,
        Error::ClockBeforeUnixEpoch,
        Error::WindowTooLarge { steps: 101 },
        Error::QrTooLong,
        Error::BufferTooSmall { needed: 12 },
        Error::UriTooLong { max: 2048 },
        Error::UriScheme,
        Error::UriType,
        Error::UriPercentEncoding,
        Error::UriUtf8,
        Error::UriMissingParameter {
            parameter: "secret",
        },
        Error::UriDuplicateParameter {
            parameter: "issuer",
        },
        Error::UriInvalidValue {
            parameter: "digits",
        },
        Error::UriIssuerMismatch,
        Error::UriLabel,
        Error::AccountEmpty,
        Error::KeyIsHotp,
        Error::KeyIsTotp,
        Error::MigrationScheme,
        Error::MigrationBase64,
        Error::MigrationProtobuf,
        Error::MigrationValue { field: "algorithm" },
        Error::MigrationUtf8 { field: "name" },
    ];

    /// The errors of the server side (feature `server`).
    #[cfg(feature = "server")]
    const SERVER_ERRORS: [Error; 3] = [
        Error::StoredValue {
            kind: nidan::StoredKind::LoginRecord,
            problem: "it is too short",
        },
        Error::Setting {
            rule: "max_wait must be at least factor",
        },
        Error::RandomTooShort { needed: 24 },
    ];

    /// Every error the build can raise.
    fn every_error() -> Vec<Error> {
        let errors = EVERY_ERROR.to_vec();
        #[cfg(feature = "server")]
        let errors = [errors, SERVER_ERRORS.to_vec()].concat();
        errors
    }

    /// What the JS layer does with [`error_text`] (js/errors.js): the
    /// message template of the code, fields filled in.
    fn message_in_js(text: &str) -> String {
        let templates: serde_json::Value =
            serde_json::from_str(include_str!("../js/messages.json")).unwrap();
        let mut parts = text.split('|').skip(1);
        let code = parts.next().unwrap();
        let mut message = templates[code].as_str().unwrap().to_string();
        for (n, field) in (1..).zip(parts) {
            message = message.replace(&format!("${n}"), field);
        }
        message
    }

    #[test]
    fn js_messages_equal_the_core_messages() {
        for error in every_error() {
            let text = error_text(error);
            assert_eq!(message_in_js(&text), error.to_string(), "{text}");
        }
    }

    #[test]
    fn there_is_a_template_for_every_error_of_the_core_and_no_other() {
        let templates: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(include_str!("../js/messages.json")).unwrap();
        let mut keys: Vec<&str> = templates.keys().map(String::as_str).collect();
        keys.sort_unstable();
        // The core's codes, less the bindings' own (the JS layer writes those messages).
        let core_codes: Vec<&str> = Error::CODES
            .into_iter()
            .filter(|code| !argument_codes().contains(code))
            .collect();
        let mut sorted = core_codes.clone();
        sorted.sort_unstable();
        assert_eq!(keys, sorted);
        // The errors above are every error of the core, so each message is checked.
        let codes: Vec<&str> = every_error().iter().map(Error::code).collect();
        #[cfg(feature = "server")]
        assert_eq!(codes, core_codes);
        #[cfg(not(feature = "server"))]
        assert!(codes.iter().all(|code| core_codes.contains(code)));
    }

    #[test]
    fn error_codes_are_the_cores() {
        assert_eq!(error_codes().split(' ').collect::<Vec<_>>(), Error::CODES);
    }

    /// The codes of the errors the bindings find themselves.
    fn argument_codes() -> [&'static str; 3] {
        [
            nidan::ArgumentError::Invalid,
            nidan::ArgumentError::Number,
            nidan::ArgumentError::TooLong,
        ]
        .map(nidan::ArgumentError::code)
    }

    #[test]
    fn every_family_has_its_prefix() {
        for error in every_error() {
            let prefix = match error.family() {
                ErrorFamily::Secret => "Secret|",
                ErrorFamily::Uri => "Uri|",
                _ => "Parameter|",
            };
            assert!(error_text(error).starts_with(prefix), "{error:?}");
        }
    }

    #[test]
    fn decimals_at_the_edges() {
        for (value, text) in [
            (0, "0"),
            (9, "9"),
            (10, "10"),
            (u64::MAX, "18446744073709551615"),
        ] {
            let mut out = String::new();
            push_decimal(value, &mut out);
            assert_eq!(out, text);
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    /// The code of the recorded error (and forgets it).
    pub(crate) fn last_code() -> String {
        let text = super::take_error();
        text.split('|').nth(1).unwrap_or_default().into()
    }
}
