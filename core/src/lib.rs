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
#[cfg(feature = "alloc")]
mod base64;
mod code;
mod error;
mod foreign_mac;
mod hotp;
mod mac;
#[cfg(feature = "alloc")]
mod migration;
#[cfg(feature = "qr")]
mod qr;
#[cfg(feature = "alloc")]
mod repair;
mod secret;
mod totp;
#[cfg(feature = "alloc")]
mod uri;
mod verify;

pub use algorithm::Algorithm;
pub use code::{Code, CodeFormat, MAX_DIGITS, MIN_DIGITS, normalize_code};
pub use error::{Error, ErrorFamily, Result};
pub use hotp::{Hotp, HotpConfig};
#[cfg(feature = "alloc")]
pub use migration::{MigrationBatch, MigrationImport};
#[cfg(feature = "qr")]
pub use qr::Qr;
#[cfg(feature = "alloc")]
pub use repair::{Imported, Repair};
pub use secret::Secret;
pub use totp::{TimeStep, Totp, TotpConfig};
#[cfg(feature = "alloc")]
pub use uri::{KeyUri, OtpKind};
pub use verify::{Match, Verdict, Verification, Window};
