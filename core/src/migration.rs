//! Google Authenticator's "Transfer accounts" export:
//! `otpauth-migration://offline?data=BASE64`, where the data is a protobuf
//! `MigrationPayload` (Google publishes no schema; the field numbers below
//! are the ones every known reader agrees on).
//!
//! What the decoder does with values Google Authenticator might write but
//! nidan cannot use: unknown fields are skipped, as protobuf readers do; an
//! unspecified algorithm means SHA-1 and unspecified digits mean 6, as in
//! the app; an unknown or unspecified OTP type, an algorithm other than
//! SHA-1/256/512 (MD5), an unknown digit count and an issuer containing
//! `:` (no otpauth label could carry it) are refused with
//! [`Error::MigrationValue`] naming the field. Accounts carry no period:
//! TOTP accounts are always 30 seconds.

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use crate::algorithm::Algorithm;
use crate::error::{Error, Result};
use crate::repair::{IMPORT, ImportedKey, Repairs, STRICT};
use crate::uri::{KeyUri, OtpKind, check_label, percent_decode, percent_encode};

const PREFIX: &str = "otpauth-migration://offline?";

/// One QR code of an export: its accounts and the batch fields that tie
/// the QR codes of one export together.
///
/// ```
/// use nidan::{KeyUri, MigrationBatch, Secret};
/// let account = KeyUri::totp(Secret::from_base32("JBSWY3DPEHPK3PXP")?, Some("Example"), "alice");
/// let uris = MigrationBatch::export(&[account.clone()], 7, 1000)?;
/// let batch = MigrationBatch::parse(&uris[0])?;
/// assert_eq!(batch.accounts, vec![account]);
/// assert_eq!((batch.batch_size, batch.batch_index, batch.batch_id), (1, 0, 7));
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationBatch {
    /// The accounts in this QR code, as ordinary otpauth keys.
    pub accounts: Vec<KeyUri>,
    /// Format version (1).
    pub version: i32,
    /// How many QR codes the export has.
    pub batch_size: i32,
    /// Which of them this is, from 0.
    pub batch_index: i32,
    /// The same for every QR code of one export.
    pub batch_id: i32,
}

impl MigrationBatch {
    /// The longest export URI accepted when parsing, in bytes.
    pub const MAX_LEN: usize = 8192;
    /// The `max_uri_len` the bindings give [`MigrationBatch::export`] when
    /// the caller gives none: a QR code holds at most 2953 bytes, and codes
    /// of about a thousand bytes scan reliably from a screen.
    pub const DEFAULT_MAX_URI_LEN: usize = 1000;
    /// The format version written ([`MigrationBatch::version`]).
    pub const VERSION: i32 = 1;
    /// How many random bytes make a batch id ([`MigrationBatch::random_batch_id`]).
    pub const BATCH_ID_BYTES: usize = 4;

    /// A batch that is a whole export: format [`MigrationBatch::VERSION`],
    /// one QR code (`batch_size` 1, `batch_index` 0), with `batch_id`.
    ///
    /// ```
    /// let batch = nidan::MigrationBatch::new(Vec::new(), 7);
    /// assert_eq!((batch.version, batch.batch_size, batch.batch_index, batch.batch_id), (1, 1, 0, 7));
    /// ```
    pub const fn new(accounts: Vec<KeyUri>, batch_id: i32) -> Self {
        Self {
            accounts,
            version: Self::VERSION,
            batch_size: 1,
            batch_index: 0,
            batch_id,
        }
    }

    /// The batch id of a new export, from [`MigrationBatch::BATCH_ID_BYTES`]
    /// random bytes the caller drew (the bindings use the operating system
    /// or `crypto.getRandomValues`): any 32-bit number, negative ones
    /// included, as Google Authenticator draws them (its own exports carry
    /// ids such as -1320898453). The id only ties the QR codes of one export
    /// together; it is no secret.
    ///
    /// ```
    /// use nidan::MigrationBatch;
    /// assert_eq!(MigrationBatch::random_batch_id([7, 0, 0, 0]), 7);
    /// assert_eq!(MigrationBatch::random_batch_id([0xff; 4]), -1);
    /// ```
    pub const fn random_batch_id(random: [u8; Self::BATCH_ID_BYTES]) -> i32 {
        i32::from_le_bytes(random)
    }

    /// Decodes an `otpauth-migration://offline?data=...` URI.
    ///
    /// # Errors
    /// [`Error::MigrationScheme`], [`Error::UriTooLong`],
    /// [`Error::UriMissingParameter`] or [`Error::UriDuplicateParameter`]
    /// for `data`, [`Error::MigrationBase64`], [`Error::MigrationProtobuf`],
    /// [`Error::MigrationValue`], or a secret-family error for an unusable key.
    ///
    /// ```
    /// let uri = "otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B";
    /// let batch = nidan::MigrationBatch::parse(uri)?;
    /// assert_eq!(batch.accounts[0].account, "pi@raspberrypi");
    /// assert_eq!(batch.accounts[0].issuer.as_deref(), Some("raspberrypi"));
    /// assert_eq!(batch.batch_id, -1_320_898_453);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn parse(uri: &str) -> Result<Self> {
        let read = read::<STRICT>(uri)?;
        if let Some((_, error)) = read.failures().next() {
            return Err(error);
        }
        // The batch holds every key already. (Collecting them out of
        // `read.accounts` would reuse and shrink that vector in place,
        // leaving the moved keys in the freed block.)
        Ok(read.batch)
    }

    /// Decodes an export as an authenticator app must: a result per
    /// account, so that one unusable account does not lose the others.
    /// Each account is read in import mode (short secrets are kept, and
    /// reported as [`Repair::SecretShort`](crate::Repair::SecretShort)).
    ///
    /// # Errors
    /// For the export as a whole, as [`MigrationBatch::parse`]: the scheme,
    /// the length, `data`, its base64 and the payload's outer protobuf
    /// structure. Each account's own error is in [`MigrationImport::accounts`].
    ///
    /// ```
    /// // Two accounts: the first is fine, the second has the MD5 algorithm (4).
    /// let uri = "otpauth-migration://offline?data=ChkKCkhlbGxvId6tvu8SBWFsaWNlIAEoATACChcKCkhlbGxvId6tvu8SA2JvYiAEKAEwAhABGAEgACgB";
    /// let import = nidan::MigrationBatch::import_uri(uri)?;
    /// assert_eq!(import.accounts.len(), 2);
    /// assert_eq!(import.accounts[0].as_ref().unwrap().key.account, "alice");
    /// assert_eq!(import.failures().collect::<Vec<_>>(), [(1, nidan::Error::MigrationValue { field: "algorithm" })]);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn import_uri(uri: &str) -> Result<MigrationImport> {
        read::<IMPORT>(uri)
    }

    /// Encodes this batch as one export URI.
    ///
    /// # Security
    /// The URI carries every account's secret. It wipes itself when
    /// dropped (`Zeroizing`), and every buffer on the way (payload, base64,
    /// URI) is given its full size up front and wiped.
    ///
    /// # Errors
    /// [`Error::MigrationValue`] for an account the format cannot carry: a
    /// TOTP period other than 30 seconds, or digits other than 6 or 8;
    /// [`Error::AccountEmpty`] and [`Error::UriLabel`] for a label that
    /// would not read back the same (as [`KeyUri::to_uri`]).
    ///
    /// ```
    /// use nidan::{KeyUri, MigrationBatch, Secret};
    /// let account = KeyUri::totp(Secret::from_base32("JBSWY3DPEHPK3PXP")?, None, "bob");
    /// let batch = MigrationBatch { accounts: vec![account], version: 1, batch_size: 1, batch_index: 0, batch_id: 1 };
    /// assert!(batch.to_uri()?.starts_with("otpauth-migration://offline?data="));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn to_uri(&self) -> Result<Zeroizing<String>> {
        // All the room they can need, reserved up front: a growing buffer
        // would leave a copy of the secrets behind each time it moved.
        let rooms: usize = self.accounts.iter().map(account_room).sum();
        let mut payload = Zeroizing::new(Vec::with_capacity(rooms + 64));
        for account in &self.accounts {
            let mut message = Vec::with_capacity(account_room(account));
            let encoded = encode_account(account, &mut message);
            put_bytes(&mut payload, 1, &message);
            message.zeroize();
            encoded?;
        }
        put_varint_field(&mut payload, 2, int32_varint(self.version));
        put_varint_field(&mut payload, 3, int32_varint(self.batch_size));
        put_varint_field(&mut payload, 4, int32_varint(self.batch_index));
        put_varint_field(&mut payload, 5, int32_varint(self.batch_id));
        let mut base64 = crate::base64::encode(&payload);
        payload.zeroize();
        let mut uri = Zeroizing::new(String::with_capacity(PREFIX.len() + 5 + 3 * base64.len()));
        uri.push_str(PREFIX);
        uri.push_str("data=");
        // Escapes base64's `+`, `/` and `=` as %2B, %2F and %3D.
        percent_encode(&base64, &mut uri);
        base64.zeroize();
        Ok(uri)
    }

    /// Splits `accounts` into as few export URIs as keep each at most
    /// `max_uri_len` bytes (one QR code each), in order, with the batch
    /// fields set: `batch_size` URIs, indexed from 0, all with `batch_id`.
    ///
    /// A QR code holds at most 2953 bytes; phones read codes of around a
    /// thousand bytes reliably from a screen.
    ///
    /// # Errors
    /// As [`MigrationBatch::to_uri`]; [`Error::UriTooLong`] when a single
    /// account does not fit `max_uri_len`.
    ///
    /// ```
    /// use nidan::{KeyUri, MigrationBatch, Secret};
    /// let accounts: Vec<KeyUri> = (0..30)
    ///     .map(|i| KeyUri::totp(Secret::from_random(&[i; 20]).unwrap(), Some("Example"), &format!("user{i}")))
    ///     .collect();
    /// let uris = MigrationBatch::export(&accounts, 42, 600)?;
    /// assert!(uris.len() > 1 && uris.iter().all(|uri| uri.len() <= 600));
    /// let back: Vec<KeyUri> = uris.iter().flat_map(|u| MigrationBatch::parse(u).unwrap().accounts).collect();
    /// assert_eq!(back, accounts);
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn export(
        accounts: &[KeyUri],
        batch_id: i32,
        max_uri_len: usize,
    ) -> Result<Vec<Zeroizing<String>>> {
        let batch_of = |accounts: &[KeyUri]| Self::new(accounts.to_vec(), batch_id);
        // Greedy packing, measured with the widest batch fields, then numbered.
        let mut groups: Vec<&[KeyUri]> = Vec::new();
        let mut start = 0;
        while start < accounts.len() {
            let mut end = start;
            while end < accounts.len() {
                let mut trial = batch_of(&accounts[start..=end]);
                trial.batch_size = i32::MAX;
                trial.batch_index = i32::MAX;
                if trial.to_uri()?.len() > max_uri_len {
                    break;
                }
                end += 1;
            }
            if end == start {
                return Err(Error::UriTooLong { max: max_uri_len });
            }
            groups.push(&accounts[start..end]);
            start = end;
        }
        let batch_size =
            i32::try_from(groups.len()).map_err(|_| Error::UriTooLong { max: max_uri_len })?;
        groups
            .iter()
            .zip(0..)
            .map(|(group, batch_index)| {
                Self {
                    batch_size,
                    batch_index,
                    ..batch_of(group)
                }
                .to_uri()
            })
            .collect()
    }
}

/// An export read in import mode: the batch fields, and a result per
/// account, in the order of the export.
///
/// ```
/// use nidan::{KeyUri, MigrationBatch, Secret};
/// let account = KeyUri::totp(Secret::from_base32("JBSWY3DPEHPK3PXP")?, Some("Example"), "alice");
/// let uri = &MigrationBatch::export(&[account.clone()], 7, 1000)?[0];
/// let import = MigrationBatch::import_uri(uri)?;
/// assert_eq!(import.accounts[0].as_ref().map(|imported| &imported.key), Ok(&account));
/// assert_eq!(import.batch.batch_id, 7);
/// # Ok::<(), nidan::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationImport {
    /// Each account in the export's order (its index is its position):
    /// the key with its repairs, or why it cannot be used.
    pub accounts: Vec<Result<ImportedKey>>,
    /// The batch fields; its `accounts` are the usable keys, in order.
    pub batch: MigrationBatch,
}

impl MigrationImport {
    /// The accounts that could not be read: their index and the error.
    ///
    /// ```
    /// let uri = "otpauth-migration://offline?data=ChkKCkhlbGxvId6tvu8SBWFsaWNlIAEoATACChcKCkhlbGxvId6tvu8SA2JvYiAEKAEwAhABGAEgACgB";
    /// let import = nidan::MigrationBatch::import_uri(uri)?;
    /// let (index, error) = import.failures().next().unwrap();
    /// assert_eq!((index, error.to_string()), (1, "export URI has an account whose algorithm nidan cannot use".into()));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn failures(&self) -> impl Iterator<Item = (usize, Error)> + '_ {
        self.accounts
            .iter()
            .enumerate()
            .filter_map(|(index, account)| account.as_ref().err().map(|error| (index, *error)))
    }
}

/// Reads an export URI in `mode`.
fn read<const MODE: bool>(uri: &str) -> Result<MigrationImport> {
    if uri.len() > MigrationBatch::MAX_LEN {
        return Err(Error::UriTooLong {
            max: MigrationBatch::MAX_LEN,
        });
    }
    let head = uri.get(..PREFIX.len()).ok_or(Error::MigrationScheme)?;
    if !head.eq_ignore_ascii_case(PREFIX) {
        return Err(Error::MigrationScheme);
    }
    let mut data = None;
    for pair in uri[PREFIX.len()..].split('&') {
        if let Some(value) = pair.strip_prefix("data=")
            && data.replace(value).is_some()
        {
            return Err(Error::UriDuplicateParameter { parameter: "data" });
        }
    }
    let data = data.ok_or(Error::UriMissingParameter { parameter: "data" })?;
    // Base64 is ASCII: an escape that decodes to anything else is not base64.
    let mut text = percent_decode(data).map_err(|error| match error {
        Error::UriUtf8 => Error::MigrationBase64,
        other => other,
    })?;
    let payload = decode_base64(text.trim_end_matches('='));
    text.zeroize();
    let mut payload = payload?;
    let import = from_payload::<MODE>(&payload);
    payload.zeroize();
    import
}

/// Reads a `MigrationPayload`: its structure must be sound; each account's
/// message is read on its own.
fn from_payload<const MODE: bool>(payload: &[u8]) -> Result<MigrationImport> {
    // Room for every account up front: a growing vector would leave the
    // keys it moved behind.
    let mut count = 0;
    let mut counter = Reader(payload);
    while let Ok(Some((field, _))) = counter.field() {
        count += usize::from(field == 1);
    }
    let mut import = MigrationImport {
        accounts: Vec::with_capacity(count),
        batch: MigrationBatch {
            accounts: Vec::with_capacity(count),
            version: 0,
            batch_size: 0,
            batch_index: 0,
            batch_id: 0,
        },
    };
    let batch = &mut import.batch;
    let mut reader = Reader(payload);
    while let Some((field, value)) = reader.field()? {
        match (field, value) {
            (1, Value::Bytes(message)) => {
                let mut repairs = Repairs::<MODE>::new();
                let account = decode_account(message, &mut repairs).map(|key| ImportedKey {
                    key,
                    repairs: repairs.into_list(),
                });
                if let Ok(imported) = &account {
                    batch.accounts.push(imported.key.clone());
                }
                import.accounts.push(account);
            }
            (2, Value::Varint(v)) => batch.version = int32_of(v),
            (3, Value::Varint(v)) => batch.batch_size = int32_of(v),
            (4, Value::Varint(v)) => batch.batch_index = int32_of(v),
            (5, Value::Varint(v)) => batch.batch_id = int32_of(v),
            (1..=5, _) => return Err(Error::MigrationProtobuf),
            _ => {}
        }
    }
    Ok(import)
}

/// Reads one `OtpParameters` message.
fn decode_account<const MODE: bool>(message: &[u8], repairs: &mut Repairs<MODE>) -> Result<KeyUri> {
    let mut secret = None;
    let (mut name, mut issuer) = (String::new(), String::new());
    let (mut algorithm, mut digits, mut otp_type, mut counter) = (0, 0, 0, 0);
    let mut reader = Reader(message);
    while let Some((field, value)) = reader.field()? {
        match (field, value) {
            (1, Value::Bytes(bytes)) => secret = Some(repairs.secret_bytes(bytes)?),
            (2, Value::Bytes(bytes)) => name = utf8(bytes, "name")?,
            (3, Value::Bytes(bytes)) => issuer = utf8(bytes, "issuer")?,
            (4, Value::Varint(v)) => algorithm = v,
            (5, Value::Varint(v)) => digits = v,
            (6, Value::Varint(v)) => otp_type = v,
            (7, Value::Varint(v)) => counter = v,
            (1..=7, _) => return Err(Error::MigrationProtobuf),
            _ => {}
        }
    }
    let algorithm = match algorithm {
        0 | 1 => Algorithm::Sha1,
        2 => Algorithm::Sha256,
        3 => Algorithm::Sha512,
        _ => return Err(Error::MigrationValue { field: "algorithm" }),
    };
    let digits = match digits {
        0 | 1 => 6,
        2 => 8,
        _ => return Err(Error::MigrationValue { field: "digits" }),
    };
    let kind = match otp_type {
        1 => OtpKind::Hotp { counter },
        2 => OtpKind::Totp { period: 30 },
        _ => return Err(Error::MigrationValue { field: "type" }),
    };
    let secret = secret.ok_or(Error::SecretEmpty)?;
    if issuer.contains(':') {
        return Err(Error::MigrationValue { field: "issuer" });
    }
    let (issuer, account) = split_name(issuer, name);
    // As for otpauth labels: what no label can carry is refused.
    check_label(issuer.as_deref(), &account)?;
    Ok(KeyUri {
        kind,
        secret,
        issuer,
        account,
        algorithm,
        digits,
        format: crate::code::CodeFormat::Decimal,
    })
}

/// The app stores the whole label as the name: take an `Issuer:` prefix
/// off it when it repeats the issuer, or when it is the only issuer there
/// is, with the spaces after the `:` (the label's optional `%20`s).
fn split_name(issuer: String, name: String) -> (Option<String>, String) {
    match name.split_once(':') {
        Some((prefix, rest)) if issuer.is_empty() || prefix == issuer => (
            Some(String::from(prefix)).filter(|p| !p.is_empty()),
            String::from(rest.trim_start_matches(' ')),
        ),
        _ => (Some(issuer).filter(|i| !i.is_empty()), name),
    }
}

/// Bytes one account can take in an export payload, at most: its key, its
/// name (issuer, `:`, account) and issuer, and room for every field's tag
/// and length.
fn account_room(account: &KeyUri) -> usize {
    let issuer = account.issuer.as_ref().map_or(0, String::len);
    account.secret.byte_len() + 2 * (issuer + account.account.len()) + 96
}

/// Writes one `OtpParameters` message.
fn encode_account(account: &KeyUri, out: &mut Vec<u8>) -> Result<()> {
    // The same labels as otpauth URIs, which read back the same.
    check_label(account.issuer.as_deref(), &account.account)?;
    let digits = match account.digits {
        6 => 1,
        8 => 2,
        _ => return Err(Error::MigrationValue { field: "digits" }),
    };
    let (otp_type, counter) = match account.kind {
        OtpKind::Totp { period: 30 } => (2, None),
        OtpKind::Totp { .. } => return Err(Error::MigrationValue { field: "period" }),
        OtpKind::Hotp { counter } => (1, Some(counter)),
    };
    // The export format has SHA1, SHA256 and SHA512 (and MD5) only.
    let algorithm = match account.algorithm {
        Algorithm::Sha1 => 1,
        Algorithm::Sha256 => 2,
        Algorithm::Sha512 => 3,
        _ => return Err(Error::MigrationValue { field: "algorithm" }),
    };
    put_bytes(out, 1, account.secret.as_bytes());
    // The name is the whole label, as the app writes it.
    match &account.issuer {
        Some(issuer) => {
            put_bytes(
                out,
                2,
                alloc::format!("{issuer}:{}", account.account).as_bytes(),
            );
            put_bytes(out, 3, issuer.as_bytes());
        }
        None => put_bytes(out, 2, account.account.as_bytes()),
    }
    put_varint_field(out, 4, algorithm);
    put_varint_field(out, 5, digits);
    put_varint_field(out, 6, otp_type);
    if let Some(counter) = counter {
        put_varint_field(out, 7, counter);
    }
    Ok(())
}

/// A protobuf field value of the wire types the format uses.
enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    Fixed,
}

/// A protobuf wire-format reader over a byte slice; never reads past it.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    /// The next field number and value, `None` at the end.
    fn field(&mut self) -> Result<Option<(u64, Value<'a>)>> {
        if self.0.is_empty() {
            return Ok(None);
        }
        let key = self.varint()?;
        let value = match key & 7 {
            0 => Value::Varint(self.varint()?),
            1 => self.skip(8)?,
            2 => {
                let len = usize::try_from(self.varint()?).map_err(|_| Error::MigrationProtobuf)?;
                Value::Bytes(self.take(len)?)
            }
            5 => self.skip(4)?,
            _ => return Err(Error::MigrationProtobuf),
        };
        Ok(Some((key >> 3, value)))
    }

    fn varint(&mut self) -> Result<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first().ok_or(Error::MigrationProtobuf)?;
            self.0 = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(Error::MigrationProtobuf)
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8]> {
        if len > self.0.len() {
            return Err(Error::MigrationProtobuf);
        }
        let (taken, rest) = self.0.split_at(len);
        self.0 = rest;
        Ok(taken)
    }

    fn skip(&mut self, len: usize) -> Result<Value<'a>> {
        self.take(len).map(|_| Value::Fixed)
    }
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value.to_le_bytes()[0] | 0x80);
        value >>= 7;
    }
    out.push(value.to_le_bytes()[0]);
}

fn put_varint_field(out: &mut Vec<u8>, field: u64, value: u64) {
    put_varint(out, field << 3);
    put_varint(out, value);
}

fn put_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    put_varint(out, field << 3 | 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// An `int32` as protobuf writes it: negative values sign-extended to 64 bits.
fn int32_varint(value: i32) -> u64 {
    i64::from(value).cast_unsigned()
}

/// An `int32` read back: the low 32 bits of the varint.
fn int32_of(varint: u64) -> i32 {
    let [a, b, c, d, ..] = varint.to_le_bytes();
    i32::from_le_bytes([a, b, c, d])
}

fn utf8(bytes: &[u8], field: &'static str) -> Result<String> {
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::MigrationUtf8 { field })
}

/// Standard base64 without its padding.
fn decode_base64(text: &str) -> Result<Vec<u8>> {
    crate::base64::decode(text.as_bytes()).ok_or(Error::MigrationBase64)
}
