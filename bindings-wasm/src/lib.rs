//! WebAssembly exports of nidan, wrapped by the npm package `nidan`.
//!
//! This crate only converts: JavaScript values to core types and core
//! errors to thrown values. Every rule lives in the core crate. The exports
//! are internal: the package's JavaScript layer (`js/`) checks numbers and
//! types at the boundary, maps errors to classes and offers the public API.
//!
//! No export panics on any input: errors are returned, never unwound, so a
//! bad input cannot trap the instance.
//!
//! ```
//! let key = nidan_wasm::WasmSecret::from_base32("JBSWY3DPEHPK3PXP".into(), false)?;
//! let totp = nidan_wasm::WasmTotp::new(&key, "SHA1", 6, 30, 0)?;
//! assert_eq!(totp.generate(59)?, "996554");
//! # Ok::<(), String>(())
//! ```

mod error;
mod otp;
mod secret;
mod text;
mod uri;

pub use error::thrown;
pub use otp::{WasmHotp, WasmTotp};
pub use secret::WasmSecret;
pub use text::{algorithm_name, base32_decode_typed, base32_encode, normalize_code};
pub use uri::WasmKeyUri;
