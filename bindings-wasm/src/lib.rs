//! WebAssembly exports of nidan, wrapped by the npm package `nidan`.
//!
//! This crate only converts: JavaScript values to core types and core
//! errors to thrown values. Every rule lives in the core crate. The exports
//! are internal: the package's JavaScript layer (`js/`) checks numbers and
//! types at the boundary, maps errors to classes and offers the public API.
//!
//! No export panics on any input: a fallible export returns `None` and
//! records the error for [`take_error`], so a bad input cannot trap the
//! instance.
//!
//! ```
//! let key = nidan_wasm::WasmSecret::from_base32("JBSWY3DPEHPK3PXP".into(), false, false).unwrap();
//! let totp = nidan_wasm::WasmTotp::create(&key, "SHA1", 6, 30, 0, "decimal").unwrap();
//! assert_eq!(totp.generate(0, 59), 996_554.0);
//! assert_eq!(totp.generate_at_step(0, 1), 996_554.0);
//! ```

mod error;
#[cfg(feature = "import")]
mod import;
mod limits;
#[cfg(feature = "migration")]
mod migration;
mod otp;
#[cfg(feature = "otpauth")]
mod otpauth;
#[cfg(feature = "qr")]
mod qr;
mod secret;
#[cfg(feature = "server")]
mod server;
mod text;
#[cfg(feature = "uri")]
mod uri;

pub use error::{error_codes, error_text, take_error};
#[cfg(feature = "import")]
pub use import::{WasmImported, WasmMigrationImport, repair_fields};
pub use limits::limits;
#[cfg(feature = "migration")]
pub use migration::WasmMigrationBatch;
pub use otp::{WasmHotp, WasmTotp};
#[cfg(feature = "otpauth")]
pub use otpauth::{
    WasmImportedUri, base32_encode, check_random_length, code_from_mac, otpauth_uri, time_step,
    window_side,
};
#[cfg(feature = "qr")]
pub use qr::WasmQr;
pub use secret::WasmSecret;
#[cfg(feature = "server")]
pub use server::{
    WasmAttempt, WasmConfirmation, WasmDeliveredCode, WasmIssuedCode, WasmLogin,
    WasmNewRecoveryCodes, WasmRecord, WasmRecovery, WasmRecoveryCodes, WasmRedeemed,
};
pub use text::{SecretText, algorithm_name, normalize_code};
#[cfg(feature = "uri")]
pub use uri::WasmKeyUri;

/// The module's allocator: a free list, 1.3 KB gzipped smaller than the
/// standard one, which would take the package over its size budget (the
/// measurement is in Cargo.toml). Secrets are wiped by their owners before
/// they are freed.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::LockedAllocator<lol_alloc::FreeListAllocator> =
    lol_alloc::LockedAllocator::new(lol_alloc::FreeListAllocator::new());
