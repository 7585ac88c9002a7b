//! The stable error codes: every error has its own, and the table in the
//! documentation of `Error` (read from `src/error.rs` here, not retyped)
//! lists exactly the codes, each beside its error.

use std::collections::{BTreeMap, BTreeSet};

use nidan::{Algorithm, ArgumentError, Error};

/// The source of the error module, where the table and the enum are.
fn error_source() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/error.rs");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The documented rows as (code, error), in order: the error is a variant
/// name (`SecretEmpty`) or `ArgumentError::Variant`.
fn documented() -> Vec<(String, String)> {
    error_source()
        .lines()
        .filter_map(|line| line.trim().strip_prefix("/// | `"))
        .map(|row| {
            let mut cells = row.split(" | ");
            let code = cells.next().unwrap().trim_end_matches('`').to_owned();
            let error = cells.next().unwrap();
            let name = error.split('`').nth(1).unwrap().to_owned();
            (code, name)
        })
        .collect()
}

/// The variant names of `pub enum {name}`, read from its source.
fn declared_variants(name: &str) -> BTreeSet<String> {
    let source = error_source();
    let body = source.split(&format!("pub enum {name} {{")).nth(1).unwrap();
    let body = &body[..body.find("\n}").unwrap()];
    body.lines()
        .filter(|line| line.starts_with("    ") && !line.starts_with("     "))
        .map(str::trim)
        .filter(|line| line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| line.split([' ', ',', '{']).next().unwrap().to_owned())
        .collect()
}

/// One value of every error variant this build has.
fn every_error() -> Vec<Error> {
    let mut errors = vec![
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
            algorithm: Algorithm::Sha3_384,
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
    #[cfg(feature = "server")]
    errors.extend([
        Error::StoredValue {
            kind: nidan::StoredKind::LoginRecord,
            problem: "it is too short",
        },
        Error::Setting {
            rule: "max_wait must be at least factor",
        },
        Error::RandomTooShort { needed: 24 },
    ]);
    errors
}

const ARGUMENT_ERRORS: [ArgumentError; 3] = [
    ArgumentError::Invalid,
    ArgumentError::Number,
    ArgumentError::TooLong,
];

/// The variant name of an error, from its `Debug` form.
fn variant(error: &Error) -> String {
    let debug = format!("{error:?}");
    debug.split([' ', '{']).next().unwrap().to_owned()
}

#[test]
fn the_table_lists_exactly_the_codes_in_order() {
    let codes: Vec<String> = documented().into_iter().map(|(code, _)| code).collect();
    assert_eq!(codes, Error::CODES);
}

#[test]
fn every_code_is_distinct_and_screaming_snake() {
    let distinct: BTreeSet<_> = Error::CODES.iter().collect();
    assert_eq!(distinct.len(), Error::CODES.len());
    for code in Error::CODES {
        assert!(
            !code.is_empty()
                && code
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
            "{code}"
        );
    }
}

#[test]
fn every_error_has_the_code_the_table_gives_it() {
    let table: BTreeMap<String, String> = documented()
        .into_iter()
        .map(|(code, error)| (error, code))
        .collect();
    for error in every_error() {
        assert_eq!(
            table.get(&variant(&error)).map(String::as_str),
            Some(error.code()),
            "{error:?}"
        );
    }
    for error in ARGUMENT_ERRORS {
        assert_eq!(
            table
                .get(&format!("ArgumentError::{error:?}"))
                .map(String::as_str),
            Some(error.code()),
            "{error:?}"
        );
    }
}

#[test]
fn the_errors_here_are_every_variant_declared() {
    let declared = declared_variants("Error");
    assert!(declared.len() >= 40, "{declared:?}");
    let arguments: BTreeSet<String> = ARGUMENT_ERRORS.iter().map(|e| format!("{e:?}")).collect();
    assert_eq!(arguments, declared_variants("ArgumentError"));
    let here: BTreeSet<String> = every_error().iter().map(variant).collect();
    #[cfg(feature = "server")]
    assert_eq!(here, declared);
    #[cfg(not(feature = "server"))]
    assert!(here.is_subset(&declared));
    let documented_variants: BTreeSet<String> =
        documented().into_iter().map(|(_, error)| error).collect();
    let declared_both: BTreeSet<String> = declared
        .iter()
        .cloned()
        .chain(arguments.iter().map(|e| format!("ArgumentError::{e}")))
        .collect();
    assert_eq!(documented_variants, declared_both);
}

#[test]
fn every_error_and_argument_error_has_a_code_of_its_own() {
    let mut codes: Vec<&str> = every_error().iter().map(Error::code).collect();
    codes.extend(ARGUMENT_ERRORS.map(ArgumentError::code));
    let distinct: BTreeSet<&str> = codes.iter().copied().collect();
    assert_eq!(distinct.len(), codes.len());
    #[cfg(feature = "server")]
    assert_eq!(distinct, Error::CODES.into_iter().collect());
}
