//! The per-user second-factor record a server stores between logins.

use crate::error::{Result, StoredKind};
use crate::stored::{self, Kind, Reader, Writer};

const KIND: Kind = Kind {
    kind: StoredKind::LoginRecord,
    letter: b'L',
};

/// What a server keeps per user between two-step logins: the last accepted
/// step (replay refusal, RFC 6238 §5.2), the consecutive failures and the
/// time of the last one (throttling), the clock drift learned at the last
/// success (RFC 6238 §6), and a version that grows with every change.
///
/// It is plain data: [`Login::attempt`](crate::Login::attempt) reads one
/// and returns the next one to store. Store it as bytes
/// ([`Record::to_bytes`], [`Record::BYTES`] long) or as text
/// ([`Record::write_text`], [`Record::TEXT_LEN`] base32 characters) and
/// write it back by compare-and-set (see [`Login`](crate::Login)): the
/// version makes every stored form different from the ones before it. The
/// TOTP secret is not part of it.
///
/// ```
/// use nidan::Record;
/// let record = Record::new();
/// assert_eq!((record.version(), record.failures(), record.last_step()), (0, 0, None));
/// let stored = record.to_bytes();
/// assert_eq!(Record::from_bytes(&stored)?, record);
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Record {
    version: u64,
    last_step: Option<u64>,
    failures: u32,
    last_failure: u64,
    drift: i32,
}

impl Record {
    /// Length of the byte form.
    pub const BYTES: usize = 2 + 1 + 8 + 8 + 4 + 8 + 1 + stored::CHECK_LEN;
    /// Length of the text form (unpadded base32 of the bytes).
    pub const TEXT_LEN: usize = crate::base32::encoded_len(Self::BYTES);
    /// The largest learned drift a record can hold, in steps either way.
    pub const MAX_DRIFT: u32 = 100;

    /// The record of a user who just enrolled: nothing accepted, no
    /// failures, no drift, version 0.
    ///
    /// ```
    /// assert_eq!(nidan::Record::new(), nidan::Record::default());
    /// ```
    pub const fn new() -> Self {
        Self {
            version: 0,
            last_step: None,
            failures: 0,
            last_failure: 0,
            drift: 0,
        }
    }

    /// The version: one more with every record [`Login`](crate::Login)
    /// returns. Compare-and-set on it (or on the whole stored form).
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().reset_failures().version(), 1);
    /// ```
    pub const fn version(&self) -> u64 {
        self.version
    }

    /// The last accepted step: codes of this step and earlier are replays.
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().last_step(), None);
    /// ```
    pub const fn last_step(&self) -> Option<u64> {
        self.last_step
    }

    /// Consecutive failed attempts since the last success or reset.
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().failures(), 0);
    /// ```
    pub const fn failures(&self) -> u32 {
        self.failures
    }

    /// When the last failure happened (Unix seconds), if there is one since
    /// the last success or reset.
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().last_failure(), None);
    /// ```
    pub const fn last_failure(&self) -> Option<u64> {
        if self.failures == 0 {
            None
        } else {
            Some(self.last_failure)
        }
    }

    /// The drift learned at the last success, in steps: negative when the
    /// user's clock is behind the server's. The next window is centred there.
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().drift(), 0);
    /// ```
    pub const fn drift(&self) -> i32 {
        self.drift
    }

    /// The same record with no failures: what support does to lift a hard
    /// stop ([`Attempt::Locked`](crate::Attempt::Locked)), after checking
    /// who is asking. Nothing else lifts it.
    ///
    /// ```
    /// let record = nidan::Record::new().reset_failures();
    /// assert_eq!((record.failures(), record.version()), (0, 1));
    /// ```
    #[must_use]
    pub const fn reset_failures(&self) -> Self {
        Self {
            failures: 0,
            last_failure: 0,
            version: self.version.wrapping_add(1),
            ..*self
        }
    }

    /// A fresh record for a new enrolment (a new secret) that keeps the
    /// version growing, so that a request still holding the old record
    /// cannot overwrite the new one.
    ///
    /// ```
    /// let old = nidan::Record::new().reset_failures();
    /// let new = old.restart();
    /// assert_eq!((new.version(), new.last_step()), (2, None));
    /// ```
    #[must_use]
    pub const fn restart(&self) -> Self {
        Self {
            version: self.version.wrapping_add(1),
            ..Self::new()
        }
    }

    /// After a success at `step` with the newly learned `drift`.
    pub(crate) const fn accepted(&self, step: u64, drift: i32) -> Self {
        Self {
            version: self.version.wrapping_add(1),
            last_step: Some(step),
            failures: 0,
            last_failure: 0,
            drift,
        }
    }

    /// After a success that moves no step (a recovery code).
    pub(crate) const fn succeeded(&self) -> Self {
        self.reset_failures()
    }

    /// After a failure at `now`.
    pub(crate) const fn failed(&self, now: u64) -> Self {
        Self {
            version: self.version.wrapping_add(1),
            failures: self.failures.saturating_add(1),
            last_failure: now,
            ..*self
        }
    }

    /// The byte form, [`Record::BYTES`] long.
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().to_bytes().len(), nidan::Record::BYTES);
    /// ```
    pub fn to_bytes(&self) -> [u8; Self::BYTES] {
        let mut writer = Writer::<{ Self::BYTES }>::new(KIND);
        writer.put(&[u8::from(self.last_step.is_some())]);
        writer.put(&self.version.to_be_bytes());
        writer.put(&self.last_step.unwrap_or(0).to_be_bytes());
        writer.put(&self.failures.to_be_bytes());
        writer.put(&self.last_failure.to_be_bytes());
        // |drift| <= MAX_DRIFT < 128 always holds.
        writer.put(&[i8::try_from(self.drift).unwrap_or(0).to_be_bytes()[0]]);
        writer.seal().0
    }

    /// Reads the byte form.
    ///
    /// # Errors
    /// [`Error::StoredValue`](crate::Error::StoredValue) when the bytes are
    /// not a login record of a known format, are truncated or corrupted, or
    /// hold an impossible field.
    ///
    /// ```
    /// let mut stored = nidan::Record::new().to_bytes();
    /// stored[5] ^= 1;
    /// assert_eq!(
    ///     nidan::Record::from_bytes(&stored).unwrap_err().to_string(),
    ///     "stored login record cannot be read: it is corrupted (its check does not match)"
    /// );
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut reader = Reader::open(KIND, bytes)?;
        let flags = reader.u8()?;
        let version = reader.u64()?;
        let step = reader.u64()?;
        let failures = reader.u32()?;
        let last_failure = reader.u64()?;
        let drift = i32::from(i8::from_be_bytes([reader.u8()?]));
        reader.finish()?;
        let last_step = match flags {
            0 if step == 0 => None,
            1 => Some(step),
            _ => return Err(KIND.error("its flags are invalid")),
        };
        if drift.unsigned_abs() > Self::MAX_DRIFT {
            return Err(KIND.error("its drift is beyond the cap"));
        }
        if failures == 0 && last_failure != 0 {
            return Err(KIND.error("it has a failure time but no failures"));
        }
        Ok(Self {
            version,
            last_step,
            failures,
            last_failure,
            drift,
        })
    }

    /// Writes the text form (base32, [`Record::TEXT_LEN`] characters) into `out`.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`](crate::Error::BufferTooSmall) when `out` is
    /// shorter than [`Record::TEXT_LEN`].
    ///
    /// ```
    /// let mut out = [0u8; nidan::Record::TEXT_LEN];
    /// let text = nidan::Record::new().write_text(&mut out)?;
    /// assert_eq!(nidan::Record::from_text(text)?, nidan::Record::new());
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn write_text<'a>(&self, out: &'a mut [u8]) -> Result<&'a str> {
        stored::write_text(&self.to_bytes(), out)
    }

    /// The text form as a `String` (feature `alloc`).
    ///
    /// ```
    /// assert_eq!(nidan::Record::new().to_text().len(), nidan::Record::TEXT_LEN);
    /// ```
    #[cfg(feature = "alloc")]
    pub fn to_text(&self) -> alloc::string::String {
        stored::to_text(&self.to_bytes())
    }

    /// Reads the text form.
    ///
    /// # Errors
    /// As [`Record::from_bytes`], and when the text is not base32.
    ///
    /// ```
    /// let err = nidan::Record::from_text("not a record").unwrap_err();
    /// assert_eq!(err.to_string(), "stored login record cannot be read: its text is not base32");
    /// ```
    pub fn from_text(text: &str) -> Result<Self> {
        let mut bytes = [0u8; Self::BYTES];
        let len = stored::read_text(KIND, text, &mut bytes)?;
        Self::from_bytes(&bytes[..len])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_survives_both_forms() {
        let record = Record::new().accepted(12_345, -3).failed(1_700_000_000);
        assert_eq!(Record::from_bytes(&record.to_bytes()), Ok(record));
        assert_eq!(Record::from_text(&record.to_text()), Ok(record));
        assert_eq!(record.to_text().len(), Record::TEXT_LEN);
        assert_eq!(
            (record.version(), record.last_step(), record.failures()),
            (2, Some(12_345), 1)
        );
        assert_eq!(
            (record.last_failure(), record.drift()),
            (Some(1_700_000_000), -3)
        );
    }
}
