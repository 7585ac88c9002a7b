//! The byte and text form shared by the values a server stores: the login
//! [`Record`](crate::Record), [`RecoveryCodes`](crate::RecoveryCodes) and
//! [`DeliveredCode`](crate::DeliveredCode).
//!
//! Bytes: a kind letter (`L`, `R`, `D`), the format number (1), the fields
//! in big-endian order, then a 4-byte check: the first bytes of SHA-256
//! over everything before it. The check catches truncation, bit rot and a
//! value pasted into the wrong column; it is not a MAC (the database is the
//! server's own). Text: the same bytes as unpadded base32, upper case.

use sha2::{Digest, Sha256};

use crate::base32;
use crate::error::{Error, Result, StoredKind};

/// The format number every stored value carries after its kind.
pub(crate) const FORMAT: u8 = 1;

/// Bytes of the check at the end.
pub(crate) const CHECK_LEN: usize = 4;

/// The header (kind and format) and the check around the fields.
pub(crate) const OVERHEAD: usize = 2 + CHECK_LEN;

/// What is being stored: its name in errors and its kind letter.
#[derive(Clone, Copy)]
pub(crate) struct Kind {
    pub(crate) kind: StoredKind,
    pub(crate) letter: u8,
}

impl Kind {
    pub(crate) fn error(self, problem: &'static str) -> Error {
        Error::StoredValue {
            kind: self.kind,
            problem,
        }
    }
}

/// Appends fields to a fixed buffer, then seals it with the check.
pub(crate) struct Writer<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Writer<N> {
    pub(crate) fn new(kind: Kind) -> Self {
        let mut writer = Self {
            bytes: [0; N],
            len: 0,
        };
        writer.put(&[kind.letter, FORMAT]);
        writer
    }

    /// Callers size `N` for their largest value, so this never runs out.
    pub(crate) fn put(&mut self, field: &[u8]) {
        let end = self.len + field.len();
        if let Some(slot) = self.bytes.get_mut(self.len..end) {
            slot.copy_from_slice(field);
            self.len = end;
        }
    }

    /// The bytes with the check appended, and their length.
    pub(crate) fn seal(mut self) -> ([u8; N], usize) {
        let check = check(&self.bytes[..self.len]);
        self.put(&check);
        (self.bytes, self.len)
    }
}

/// Reads the fields of a value whose header and check were verified.
pub(crate) struct Reader<'a> {
    kind: Kind,
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// Checks the kind, the format and the check of `bytes`.
    pub(crate) fn open(kind: Kind, bytes: &'a [u8]) -> Result<Self> {
        let &[letter, format, ..] = bytes else {
            return Err(kind.error("it is too short"));
        };
        if letter != kind.letter {
            return Err(kind.error("it is not of this kind (another value or not nidan's)"));
        }
        if format != FORMAT {
            return Err(kind.error("its format number is unknown"));
        }
        let (body, stored_check) = bytes
            .split_last_chunk::<CHECK_LEN>()
            .filter(|(body, _)| body.len() >= 2)
            .ok_or(kind.error("it is too short"))?;
        if check(body) != *stored_check {
            return Err(kind.error("it is corrupted (its check does not match)"));
        }
        Ok(Self {
            kind,
            rest: &body[2..],
        })
    }

    pub(crate) fn take<const M: usize>(&mut self) -> Result<[u8; M]> {
        let (field, rest) = self
            .rest
            .split_first_chunk::<M>()
            .ok_or(self.kind.error("it is too short"))?;
        self.rest = rest;
        Ok(*field)
    }

    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take::<1>()?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32> {
        self.take().map(u32::from_be_bytes)
    }

    pub(crate) fn u64(&mut self) -> Result<u64> {
        self.take().map(u64::from_be_bytes)
    }

    /// Fails unless every field was read.
    pub(crate) fn finish(self) -> Result<()> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(self.kind.error("it is too long"))
        }
    }

    pub(crate) fn invalid(&self, problem: &'static str) -> Error {
        self.kind.error(problem)
    }
}

/// The first [`CHECK_LEN`] bytes of SHA-256 of `bytes`.
fn check(bytes: &[u8]) -> [u8; CHECK_LEN] {
    let digest = Sha256::digest(bytes);
    let mut check = [0; CHECK_LEN];
    check.copy_from_slice(&digest[..CHECK_LEN]);
    check
}

/// `bytes` as unpadded upper-case base32 into `out`.
pub(crate) fn write_text<'a>(bytes: &[u8], out: &'a mut [u8]) -> Result<&'a str> {
    base32::encode(bytes, out)
}

/// The bytes of the text form `text` into `out`, with base32 errors
/// reported as errors of `kind`.
pub(crate) fn read_text(kind: Kind, text: &str, out: &mut [u8]) -> Result<usize> {
    base32::decode(text, out).map_err(|error| match error {
        Error::BufferTooSmall { .. } => kind.error("it is too long"),
        _ => kind.error("its text is not base32"),
    })
}

/// `bytes` as an owned string (feature `alloc`).
#[cfg(feature = "alloc")]
pub(crate) fn to_text(bytes: &[u8]) -> alloc::string::String {
    let mut out = alloc::vec![0u8; base32::encoded_len(bytes.len())];
    // The buffer has the exact length, and base32 is ASCII.
    let _ = base32::encode(bytes, &mut out);
    alloc::string::String::from_utf8(out).unwrap_or_default()
}
