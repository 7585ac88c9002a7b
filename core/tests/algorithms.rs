//! Every algorithm against `tests/vectors/hmac_algorithms.json`, computed by
//! Python's `hmac` and `hashlib` (the Python and JavaScript suites read it
//! too), and the rules on algorithm names in URIs and exports.

use nidan::{
    Algorithm, Code, Error, Hotp, HotpConfig, KeyUri, MigrationBatch, Repair, Secret, Totp,
    TotpConfig, Window,
};
use serde_json::Value;

fn load() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/hmac_algorithms.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text(value: &Value) -> &str {
    value.as_str().unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn algorithm(value: &Value) -> Algorithm {
    text(value).parse().unwrap()
}

#[test]
fn keys_cover_every_algorithm_and_read_as_base32() {
    let table = load();
    let keys = table["keys"].as_array().unwrap();
    for algorithm in Algorithm::ALL {
        let of_it: Vec<_> = keys
            .iter()
            .filter(|key| text(&key["algorithm"]) == algorithm.name())
            .collect();
        assert_eq!(of_it.len(), 3, "{algorithm}");
        for key in of_it {
            assert_eq!(
                key["mac_len"].as_u64().unwrap(),
                algorithm.output_len() as u64
            );
            let bytes = hex(text(&key["hex"]));
            assert_eq!(
                Secret::from_base32(text(&key["base32"]))
                    .unwrap()
                    .as_bytes(),
                &bytes[..]
            );
        }
        // The last key is longer than the HMAC block: hashed first.
        let longest = keys
            .iter()
            .rfind(|key| text(&key["algorithm"]) == algorithm.name())
            .unwrap();
        let block = usize::try_from(longest["block_size"].as_u64().unwrap()).unwrap();
        assert!(text(&longest["hex"]).len() / 2 > block);
    }
}

#[test]
fn hotp_codes_and_truncation_of_every_algorithm() {
    let table = load();
    let rows = table["hotp"].as_array().unwrap();
    assert_eq!(rows.len(), 9 * 3 * 7);
    for row in rows {
        let secret = Secret::from_bytes(&hex(text(&row["key_hex"]))).unwrap();
        let counter: u64 = text(&row["counter"]).parse().unwrap();
        for (digits, field) in [(6, "code6"), (8, "code8")] {
            let config = HotpConfig {
                algorithm: algorithm(&row["algorithm"]),
                digits,
                ..Default::default()
            };
            let hotp = Hotp::new(&secret, config).unwrap();
            assert_eq!(hotp.generate(counter), text(&row[field]), "{row}");
            if counter < u64::MAX {
                let found = hotp.verify(text(&row[field]), counter, 0).unwrap();
                assert!(found.is_accepted(), "{row}");
            }
            // The MAC computed elsewhere gives the same code through the core.
            let mac = hex(text(&row["mac_hex"]));
            assert_eq!(mac.len(), config.algorithm.output_len());
            assert_eq!(Code::from_mac(&mac, digits).unwrap(), text(&row[field]));
        }
        let truncated = row["truncated"].as_u64().unwrap();
        let ten_digits = Code::from_mac(&hex(text(&row["mac_hex"])), 10).unwrap();
        assert_eq!(ten_digits.as_str().parse::<u64>().unwrap(), truncated);
    }
}

#[test]
fn totp_codes_of_every_algorithm() {
    let table = load();
    let rows = table["totp"].as_array().unwrap();
    assert_eq!(rows.len(), 9 * 3 * 6);
    for row in rows {
        let secret = Secret::from_bytes(&hex(text(&row["key_hex"]))).unwrap();
        let config = TotpConfig {
            algorithm: algorithm(&row["algorithm"]),
            digits: u32::try_from(row["digits"].as_u64().unwrap()).unwrap(),
            period: row["period"].as_u64().unwrap(),
            ..Default::default()
        };
        let totp = Totp::new(&secret, config).unwrap();
        let time = row["time"].as_u64().unwrap();
        assert_eq!(totp.generate(time).unwrap(), text(&row["code"]), "{row}");
        let verdict = totp
            .verify(text(&row["code"]), time, Window::default(), None)
            .unwrap();
        assert!(verdict.is_accepted(), "{row}");
    }
}

#[test]
fn the_import_mode_reads_every_algorithm_and_says_so() {
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    for algorithm in Algorithm::ALL {
        let uri = format!("otpauth://totp/Example:alice?secret={secret}&algorithm={algorithm}");
        let imported = KeyUri::import_uri(&uri).unwrap();
        assert_eq!(imported.key.algorithm, algorithm);
        let expected = if algorithm.is_key_uri_standard() {
            vec![]
        } else {
            vec![Repair::AlgorithmOutsideFormat { algorithm }]
        };
        assert_eq!(imported.repairs, expected, "{uri}");
    }
}

#[test]
fn strict_uris_take_only_the_key_uri_formats_algorithms() {
    let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    for algorithm in Algorithm::ALL {
        let uri = format!("otpauth://totp/Example:alice?secret={secret}&algorithm={algorithm}");
        let parsed = KeyUri::parse(&uri);
        if algorithm.is_key_uri_standard() {
            assert_eq!(parsed.unwrap().algorithm, algorithm);
        } else {
            assert_eq!(
                parsed.unwrap_err(),
                Error::UriInvalidValue {
                    parameter: "algorithm"
                },
                "{uri}"
            );
        }
    }
}

#[test]
fn algorithm_names_and_their_spellings() {
    let names: Vec<_> = Algorithm::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(
        names,
        [
            "SHA1", "SHA224", "SHA256", "SHA384", "SHA512", "SHA3-224", "SHA3-256", "SHA3-384",
            "SHA3-512"
        ]
    );
    assert_eq!("sha2-384".parse::<Algorithm>(), Ok(Algorithm::Sha384));
    assert_eq!("SHA3_256".parse::<Algorithm>(), Err(Error::Algorithm));
}

#[test]
fn exports_carry_only_the_algorithms_of_their_format() {
    // Google Authenticator's export has SHA1, SHA256, SHA512 (and MD5).
    for algorithm in Algorithm::ALL {
        let uri = "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let mut key = KeyUri::parse(uri).unwrap();
        key.algorithm = algorithm;
        let exported =
            MigrationBatch::export(core::slice::from_ref(&key), 1, MigrationBatch::MAX_LEN);
        if algorithm.is_key_uri_standard() {
            assert!(exported.is_ok(), "{algorithm}");
        } else {
            assert_eq!(
                exported.unwrap_err(),
                Error::MigrationValue { field: "algorithm" },
                "{algorithm}"
            );
        }
    }
}
