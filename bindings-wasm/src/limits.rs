//! The core's defaults and limits ([`nidan::limits`]), for the JS layer.

use nidan::Limit;
use wasm_bindgen::prelude::*;

use crate::error::push_decimal;

/// Every default and limit of this module's build as `name=value` pairs
/// joined by `&` (names in `snake_case`, values decimal numbers or names
/// such as `SHA1`): `js/checks.js` reads it once, when the module loads,
/// into the `limits()` of the package.
///
/// ```
/// let text = nidan_wasm::limits();
/// assert!(text.starts_with("secret_min_bytes=10&"));
/// assert!(text.contains("&totp_algorithm=SHA1&"));
/// ```
#[wasm_bindgen]
#[must_use]
pub fn limits() -> String {
    let mut text = String::new();
    for (name, value) in nidan::limits() {
        if !text.is_empty() {
            text.push('&');
        }
        text.push_str(name);
        text.push('=');
        match value {
            Limit::Number(number) => push_decimal(number, &mut text),
            Limit::Name(name) => text.push_str(name),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text holds every pair of the core's table, in order, and nothing else.
    #[test]
    fn every_limit_reads_back() {
        let text = limits();
        let pairs: Vec<(&str, &str)> = text
            .split('&')
            .map(|pair| pair.split_once('=').expect("name=value"))
            .collect();
        let core: Vec<(&str, String)> = nidan::limits()
            .map(|(name, value)| match value {
                Limit::Number(number) => (name, number.to_string()),
                Limit::Name(text) => (name, text.to_string()),
            })
            .collect();
        let core: Vec<(&str, &str)> = core
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
            .collect();
        assert_eq!(pairs, core);
        assert!(pairs.len() > 10);
    }
}
