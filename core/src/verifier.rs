//! Verifiers of codes a server hands out (recovery and delivered codes):
//! what it stores instead of the codes.
//!
//! A verifier is HMAC-SHA-256 keyed with the server's pepper over a label,
//! a per-set random salt and the code, cut to 128 bits:
//! `HMAC(pepper, label ‖ 0 ‖ salt ‖ code)[..16]`.
//!
//! Why a keyed MAC and not a slow password hash (bcrypt, Argon2): slow
//! hashes exist for secrets people choose, which are few enough to try
//! them all. These codes are drawn at random: a recovery code carries 60
//! bits, so even a database thief who also holds the pepper must compute
//! about 2^56 HMACs to find one of a set of ten, against one set at a time
//! (the salt), and a thief without the pepper cannot test a single guess.
//! Delivered codes have only 20 to 33 bits; for them the pepper is the
//! whole protection at rest, along with their short life and attempt limit.
//! NIST SP 800-63B §5.1.2.1 asks for a salted, keyed hash of look-up
//! secrets and §5.1.1.2 for the key to be stored apart from the hashes:
//! keep the pepper out of the database (an environment secret or a key
//! service), at least 16 random bytes.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::error::{Error, Result};

/// Bytes of a verifier.
pub(crate) const LEN: usize = 16;
/// Bytes of a salt.
pub(crate) const SALT_LEN: usize = 16;
/// The shortest pepper accepted: 128 bits.
pub(crate) const MIN_PEPPER: usize = 16;

/// Refuses a pepper shorter than [`MIN_PEPPER`].
pub(crate) fn check_pepper(pepper: &[u8]) -> Result<()> {
    if pepper.len() < MIN_PEPPER {
        return Err(Error::SecretTooShort {
            bits: pepper.len().saturating_mul(8),
            min_bits: MIN_PEPPER * 8,
        });
    }
    Ok(())
}

/// The verifier of `code` under `pepper`, `label` and `salt`; the pepper
/// has been checked.
pub(crate) fn verifier(
    pepper: &[u8],
    label: &[u8],
    salt: &[u8; SALT_LEN],
    code: &[u8],
) -> [u8; LEN] {
    // HMAC takes keys of any length; `new_from_slice` cannot fail.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(pepper) else {
        return [0; LEN];
    };
    mac.update(label);
    mac.update(&[0]);
    mac.update(salt);
    mac.update(code);
    let tag = mac.finalize().into_bytes();
    let mut out = [0; LEN];
    out.copy_from_slice(&tag[..LEN]);
    out
}
