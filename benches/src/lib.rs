//! Benchmarks of nidan beside its peers; the code lives in `benches/` and
//! `tests/` of this crate, the results and how to reproduce them in its
//! README. This library holds what more than one benchmark measures.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// What no HMAC-SHA1 TOTP can undercut, the yardstick of the speed targets
/// in `peers.rs` and `interleaved.rs`: one SHA-1 compression, and the
/// `hmac` crate's HMAC of an 8-byte counter from a state keyed in advance.
pub mod floor {
    use super::{Hmac, Mac, Sha1};
    use std::hint::black_box;

    /// SHA-1's initial hash value [FIPS 180-4 §5.3.1].
    const SHA1_IV: [u32; 5] = [
        0x6745_2301,
        0xEFCD_AB89,
        0x98BA_DCFE,
        0x1032_5476,
        0xC3D2_E1F0,
    ];

    /// One SHA-1 compression of `block` from the initial state.
    ///
    /// ```
    /// assert_ne!(nidan_benches::floor::sha1_compress(&[0x5a; 64]), [0; 5]);
    /// ```
    #[inline]
    #[must_use]
    pub fn sha1_compress(block: &[u8; 64]) -> [u32; 5] {
        let mut state = black_box(SHA1_IV);
        sha1::block_api::compress(&mut state, core::slice::from_ref(block));
        state
    }

    /// HMAC-SHA1 of `counter` (8 bytes, big-endian) from `keyed`, a state
    /// keyed in advance: the work of one HOTP code before truncation.
    ///
    /// ```
    /// use hmac::{Hmac, KeyInit};
    /// let keyed = Hmac::<sha1::Sha1>::new_from_slice(b"12345678901234567890").unwrap();
    /// // RFC 4226 Appendix D, counter 0.
    /// assert_eq!(nidan_benches::floor::hmac_sha1_prekeyed(&keyed, 0)[..2], [0xcc, 0x93]);
    /// ```
    #[inline]
    #[must_use]
    pub fn hmac_sha1_prekeyed(keyed: &Hmac<Sha1>, counter: u64) -> [u8; 20] {
        let mut mac = keyed.clone();
        mac.update(&counter.to_be_bytes());
        mac.finalize().into_bytes().into()
    }
}
