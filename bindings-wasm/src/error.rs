//! Core errors on their way to JavaScript.
//!
//! A fallible export returns `None` (`undefined` in JavaScript) and records
//! the error; the JS layer then calls [`take_error`] and throws. This keeps
//! every export's glue small: no error value crosses the boundary until one
//! is asked for.

use core::cell::Cell;

use nidan::{Error, ErrorFamily};
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
/// assert_eq!(nidan_wasm::take_error(), "Parameter|ALGORITHM|algorithm must be SHA1, SHA256 or SHA512");
/// assert_eq!(nidan_wasm::take_error(), "");
/// ```
#[wasm_bindgen(js_name = takeError)]
pub fn take_error() -> String {
    LAST.take().map(error_text).unwrap_or_default()
}

/// The text of `error`: `Family|CODE|message`, which the JS layer turns into
/// a `NidanSecretError`, `NidanUriError` or `NidanParameterError` with that
/// `code` and message. The message never contains secret material.
///
/// ```
/// let text = nidan_wasm::error_text(nidan::Error::Period);
/// assert_eq!(text, "Parameter|PERIOD|period must be at least 1 second");
/// ```
pub fn error_text(error: Error) -> String {
    let family = match error.family() {
        ErrorFamily::Secret => "Secret",
        ErrorFamily::Uri => "Uri",
        _ => "Parameter",
    };
    format!("{family}|{}|{error}", code(error))
}

/// The stable code of an error, documented in the package README.
fn code(error: Error) -> &'static str {
    match error {
        Error::Base32Character { .. } => "BASE32_CHARACTER",
        Error::Base32Length => "BASE32_LENGTH",
        Error::Base32Padding => "BASE32_PADDING",
        Error::Base32TrailingBits => "BASE32_TRAILING_BITS",
        Error::SecretEmpty => "SECRET_EMPTY",
        Error::SecretTooShort { .. } => "SECRET_TOO_SHORT",
        Error::SecretTooLong { .. } => "SECRET_TOO_LONG",
        Error::RandomSource => "RANDOM_SOURCE",
        Error::Digits { .. } => "DIGITS",
        Error::Algorithm => "ALGORITHM",
        Error::Period => "PERIOD",
        Error::TimeBeforeT0 => "TIME_BEFORE_T0",
        Error::WindowTooLarge { .. } => "WINDOW_TOO_LARGE",
        Error::UriTooLong { .. } => "URI_TOO_LONG",
        Error::UriScheme => "URI_SCHEME",
        Error::UriType => "URI_TYPE",
        Error::UriPercentEncoding => "URI_PERCENT_ENCODING",
        Error::UriUtf8 => "URI_UTF8",
        Error::UriMissingParameter { .. } => "URI_MISSING_PARAMETER",
        Error::UriDuplicateParameter { .. } => "URI_DUPLICATE_PARAMETER",
        Error::UriInvalidValue { .. } => "URI_INVALID_VALUE",
        Error::UriIssuerMismatch => "URI_ISSUER_MISMATCH",
        Error::UriLabel => "URI_LABEL",
        // BufferTooSmall cannot happen here (outputs are sized by the core);
        // errors added to the core later fall back to their family.
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_has_its_prefix_and_no_code_is_other() {
        let cases = [
            (Error::Base32Length, "Secret|BASE32_LENGTH|"),
            (Error::SecretEmpty, "Secret|SECRET_EMPTY|"),
            (Error::TimeBeforeT0, "Parameter|TIME_BEFORE_T0|"),
            (
                Error::WindowTooLarge { steps: 101 },
                "Parameter|WINDOW_TOO_LARGE|",
            ),
            (
                Error::UriMissingParameter {
                    parameter: "secret",
                },
                "Uri|URI_MISSING_PARAMETER|",
            ),
            (Error::UriIssuerMismatch, "Uri|URI_ISSUER_MISMATCH|"),
        ];
        for (error, prefix) in cases {
            let text = error_text(error);
            assert!(text.starts_with(prefix), "{text}");
            assert!(text.ends_with(&error.to_string()), "{text}");
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
