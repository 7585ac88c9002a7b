//! Reading stored server-side values (login records, recovery codes,
//! delivered codes) from any bytes and any text: never a panic, only
//! `Error::StoredValue`, and whatever is read writes back the same bytes.

#![no_main]

use libfuzzer_sys::fuzz_target;
use nidan::{DeliveredCode, Error, Record, RecoveryCodes};

fn refused(error: Error) {
    assert!(matches!(error, Error::StoredValue { .. }), "{error:?}");
}

fuzz_target!(|data: &[u8]| {
    match Record::from_bytes(data) {
        Ok(record) => {
            assert_eq!(record.to_bytes().as_slice(), data);
            assert_eq!(Record::from_text(&record.to_text()), Ok(record));
        }
        Err(error) => refused(error),
    }
    match RecoveryCodes::from_bytes(data) {
        Ok(codes) => {
            assert_eq!(codes.to_bytes(), data);
            assert!(codes.remaining() <= codes.count());
            assert_eq!(RecoveryCodes::from_text(&codes.to_text()), Ok(codes));
        }
        Err(error) => refused(error),
    }
    match DeliveredCode::from_bytes(data) {
        Ok(code) => {
            assert_eq!(code.to_bytes().as_slice(), data);
            assert_eq!(DeliveredCode::from_text(&code.to_text()), Ok(code));
        }
        Err(error) => refused(error),
    }
    if let Ok(text) = core::str::from_utf8(data) {
        for error in [
            Record::from_text(text).err(),
            RecoveryCodes::from_text(text).err(),
            DeliveredCode::from_text(text).err(),
        ]
        .into_iter()
        .flatten()
        {
            refused(error);
        }
    }
});
