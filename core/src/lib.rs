#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
// On docs.rs (`--cfg docsrs`, a nightly rustdoc): badges naming the features
// that each gated item needs.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(test, feature = "std"))]
extern crate std;

mod algorithm;
pub mod base32;
#[cfg(feature = "migration")]
mod base64;
mod code;
#[cfg(feature = "server")]
mod delivered;
#[cfg(feature = "server")]
mod drift;
mod error;
mod foreign_mac;
pub mod hex;
mod hotp;
mod limits;
#[cfg(feature = "server")]
mod login;
mod mac;
#[cfg(feature = "migration")]
mod migration;
#[cfg(feature = "qr")]
mod qr;
#[cfg(feature = "server")]
mod record;
#[cfg(feature = "server")]
mod recovery;
#[cfg(feature = "alloc")]
mod repair;
mod secret;
#[cfg(feature = "server")]
mod stored;
#[cfg(feature = "server")]
mod throttle;
mod totp;
#[cfg(feature = "alloc")]
mod uri;
#[cfg(feature = "alloc")]
mod uri_style;
#[cfg(feature = "server")]
mod verifier;
mod verify;

pub use algorithm::Algorithm;
pub use code::{Code, CodeFormat, MAX_DIGITS, MIN_DIGITS, normalize_code};
#[cfg(feature = "server")]
pub use delivered::{Confirmation, DeliveredCode, Delivery};
#[cfg(feature = "server")]
pub use drift::Drift;
#[cfg(feature = "server")]
pub use error::StoredKind;
pub use error::{ArgumentError, Error, ErrorFamily, Result};
pub use hotp::{Hotp, HotpConfig};
pub use limits::{Limit, MAX_INPUT_LEN, limits};
#[cfg(feature = "server")]
pub use login::{Attempt, Login, LoginSettings, Recovery};
#[cfg(feature = "migration")]
pub use migration::{MigrationBatch, MigrationImport};
#[cfg(feature = "qr")]
pub use qr::Qr;
#[cfg(feature = "server")]
pub use record::Record;
#[cfg(feature = "server")]
pub use recovery::{RecoveryCode, RecoveryCodes, RecoverySheet};
#[cfg(feature = "alloc")]
pub use repair::{ImportPolicy, ImportedKey, Repair};
pub use secret::Secret;
#[cfg(feature = "server")]
pub use throttle::{Hold, Throttle};
pub use totp::{TimeStep, Totp, TotpConfig};
#[cfg(feature = "alloc")]
pub use uri::{KeyUri, OtpKind};
#[cfg(feature = "alloc")]
pub use uri_style::{OtpauthJsImport, UriParts, UriStyle};
pub use verify::{Match, Verdict, Verification, Window};
/// The wrapper of the secret-bearing strings nidan returns: it wipes the
/// string when dropped and dereferences to it.
#[cfg(feature = "alloc")]
pub use zeroize::Zeroizing;
