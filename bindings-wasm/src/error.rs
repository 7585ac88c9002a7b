//! Core errors as the text thrown into JavaScript.

use nidan::{Error, ErrorFamily};

/// The value thrown for `error`: `Family|CODE|message`, which the JS layer
/// turns into a `NidanSecretError`, `NidanUriError` or `NidanParameterError`
/// with that `code` and message. The message never contains secret material.
///
/// ```
/// let text = nidan_wasm::thrown(nidan::Error::Period);
/// assert_eq!(text, "Parameter|PERIOD|period must be at least 1 second");
/// ```
pub fn thrown(error: Error) -> String {
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
            let text = thrown(error);
            assert!(text.starts_with(prefix), "{text}");
            assert!(text.ends_with(&error.to_string()), "{text}");
        }
    }
}
