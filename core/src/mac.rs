//! HMAC [RFC 2104] keyed once, then applied to 8-byte counters.
//!
//! Keying absorbs `K ^ ipad` and `K ^ opad` into two hash states and keeps
//! only those chaining values. Each MAC of a counter afterwards costs exactly
//! two compressions and no allocation: one for the padded counter block and
//! one for the padded inner digest. The compression functions are
//! `RustCrypto`'s (`sha1`, `sha2`), with their hardware back ends.
//!
//! Runs of consecutive counters (a verification window) are computed in
//! lanes: every inner pass first, then every outer pass. A block written just
//! before its compression makes the processor wait for those stores to reach
//! the cache; in lanes, each outer block was written one or more compressions
//! earlier, which makes a ±1 window about a fifth faster with SHA-NI.

use sha1::Digest as _;
use zeroize::Zeroize;

use crate::algorithm::Algorithm;
use crate::code::truncate;

/// The longest MAC, in bytes (HMAC-SHA-512).
pub(crate) const MAX_MAC_LEN: usize = 64;

const SHA1_IV: [u32; 5] = [
    0x6745_2301,
    0xEFCD_AB89,
    0x98BA_DCFE,
    0x1032_5476,
    0xC3D2_E1F0,
];
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];
const SHA512_IV: [u64; 8] = [
    0x6a09_e667_f3bc_c908,
    0xbb67_ae85_84ca_a73b,
    0x3c6e_f372_fe94_f82b,
    0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1,
    0x9b05_688c_2b3e_6c1f,
    0x1f83_d9ab_fb41_bd6b,
    0x5be0_cd19_137e_2179,
];

/// Inner and outer chaining values after absorbing the padded key.
#[derive(Clone)]
struct Keyed<S: Zeroize> {
    inner: S,
    outer: S,
}

impl<S: Zeroize> Drop for Keyed<S> {
    fn drop(&mut self) {
        self.inner.zeroize();
        self.outer.zeroize();
    }
}

/// An HMAC key ready to authenticate counters. Secret-equivalent: zeroized on drop.
#[derive(Clone)]
pub(crate) struct KeyedMac(KeyedState);

#[derive(Clone)]
enum KeyedState {
    Sha1(Keyed<[u32; 5]>),
    Sha256(Keyed<[u32; 8]>),
    Sha512(Keyed<[u64; 8]>),
}

impl KeyedMac {
    /// Computes the keyed state for `key` (any length; longer than a block is hashed first).
    pub(crate) fn new(algorithm: Algorithm, key: &[u8]) -> Self {
        Self(match algorithm {
            Algorithm::Sha1 => KeyedState::Sha1(keyed_states::<_, 64>(
                SHA1_IV,
                key,
                |k, out| out[..20].copy_from_slice(&sha1::Sha1::digest(k)),
                sha1::block_api::compress,
            )),
            Algorithm::Sha256 => KeyedState::Sha256(keyed_states::<_, 64>(
                SHA256_IV,
                key,
                |k, out| out[..32].copy_from_slice(&sha2::Sha256::digest(k)),
                sha2::block_api::compress256,
            )),
            Algorithm::Sha512 => KeyedState::Sha512(keyed_states::<_, 128>(
                SHA512_IV,
                key,
                |k, out| out[..64].copy_from_slice(&sha2::Sha512::digest(k)),
                sha2::block_api::compress512,
            )),
        })
    }

    /// HMAC of the 8-byte big-endian `counter`, written to the front of `out`;
    /// returns the MAC length.
    #[cfg(test)]
    pub(crate) fn mac_counter(&self, counter: u64, out: &mut [u8; MAX_MAC_LEN]) -> usize {
        let mut macs = [[0u8; MAX_MAC_LEN]];
        let len = self.macs(counter, 1, &mut macs);
        *out = macs[0];
        len
    }

    /// Dynamic truncation of the counter's MAC (see [`truncate`]).
    pub(crate) fn truncated(&self, counter: u64) -> u32 {
        let mut value = [0u32];
        self.truncated_lanes::<1>(counter, &mut value);
        value[0]
    }

    /// [`KeyedMac::truncated`] of the counters from `first` on, one per entry
    /// of `out`, computed together. `out` must hold at most `N` entries, and
    /// `first + out.len() - 1` must not exceed `u64::MAX`.
    pub(crate) fn truncated_lanes<const N: usize>(&self, first: u64, out: &mut [u32]) {
        let mut macs = [[0u8; MAX_MAC_LEN]; N];
        let len = self.macs(first, out.len(), &mut macs);
        for (value, mac) in out.iter_mut().zip(&macs) {
            *value = truncate(mac, len);
        }
    }

    /// The MACs of the `count` counters from `first` on, each written to the
    /// front of its entry of `out`; returns the MAC length.
    fn macs<const N: usize>(
        &self,
        first: u64,
        count: usize,
        out: &mut [[u8; MAX_MAC_LEN]; N],
    ) -> usize {
        debug_assert!(count <= N, "more counters than lanes");
        match &self.0 {
            KeyedState::Sha1(keyed) => {
                in_lanes::<_, 64, N>(keyed, first, count, sha1::block_api::compress, out)
            }
            KeyedState::Sha256(keyed) => {
                in_lanes::<_, 64, N>(keyed, first, count, sha2::block_api::compress256, out)
            }
            KeyedState::Sha512(keyed) => {
                in_lanes::<_, 128, N>(keyed, first, count, sha2::block_api::compress512, out)
            }
        }
    }
}

/// The state words of a hash, serialised big-endian.
trait StateWords: Copy + Zeroize {
    /// The digest length in bytes.
    const BYTES: usize;
    /// Writes the words big-endian to the front of `out`.
    fn write_be(&self, out: &mut [u8]);
}

impl<const N: usize> StateWords for [u32; N] {
    const BYTES: usize = N * 4;
    fn write_be(&self, out: &mut [u8]) {
        for (chunk, word) in out.chunks_exact_mut(4).zip(self) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

impl<const N: usize> StateWords for [u64; N] {
    const BYTES: usize = N * 8;
    fn write_be(&self, out: &mut [u8]) {
        for (chunk, word) in out.chunks_exact_mut(8).zip(self) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

/// Absorbs `K ^ ipad` and `K ^ opad` into two copies of `iv`, where `K` is
/// the key padded to one block (hashed by `hash` first when it is longer),
/// and wipes every copy of the key on the way out.
fn keyed_states<S: StateWords, const BLOCK: usize>(
    iv: S,
    key: &[u8],
    hash: impl FnOnce(&[u8], &mut [u8; BLOCK]),
    compress: impl Fn(&mut S, &[[u8; BLOCK]]),
) -> Keyed<S> {
    let mut key_block = [0u8; BLOCK];
    if key.len() > BLOCK {
        hash(key, &mut key_block);
    } else {
        key_block[..key.len()].copy_from_slice(key);
    }
    let mut pad = [0u8; BLOCK];
    let mut absorb = |fill: u8| {
        for (p, k) in pad.iter_mut().zip(key_block.iter()) {
            *p = k ^ fill;
        }
        let mut state = iv;
        compress(&mut state, core::slice::from_ref(&pad));
        state
    };
    let keyed = Keyed {
        inner: absorb(0x36),
        outer: absorb(0x5c),
    };
    pad.zeroize();
    key_block.zeroize();
    keyed
}

/// The padded final block for `message`, which follows one block already
/// absorbed (the key block) [FIPS 180-4 §5.1]. Messages here are at most
/// 64 bytes, so they always fit one block with their padding.
fn final_block<const BLOCK: usize>(message: &[u8]) -> [u8; BLOCK] {
    let mut block = [0u8; BLOCK];
    block[..message.len()].copy_from_slice(message);
    block[message.len()] = 0x80;
    let bits = (BLOCK as u64 + message.len() as u64) * 8;
    block[BLOCK - 8..].copy_from_slice(&bits.to_be_bytes());
    block
}

/// HMACs from a keyed state of the `count` counters from `first` on: the
/// inner pass of every lane, each digest written into that lane's outer
/// block, then the outer pass of every lane.
fn in_lanes<S: StateWords, const BLOCK: usize, const N: usize>(
    keyed: &Keyed<S>,
    first: u64,
    count: usize,
    compress: impl Fn(&mut S, &[[u8; BLOCK]]),
    out: &mut [[u8; MAX_MAC_LEN]; N],
) -> usize {
    let mut inner_blocks = [[0u8; BLOCK]; N];
    for (lane, block) in (0u64..).zip(inner_blocks.iter_mut().take(count)) {
        // The caller keeps first + count - 1 within u64.
        *block = final_block::<BLOCK>(&first.wrapping_add(lane).to_be_bytes());
    }
    let mut outer_blocks = [final_block::<BLOCK>(&[0u8; MAX_MAC_LEN][..S::BYTES]); N];
    for (inner_block, outer_block) in inner_blocks.iter().zip(&mut outer_blocks).take(count) {
        let mut inner = keyed.inner;
        compress(&mut inner, core::slice::from_ref(inner_block));
        inner.write_be(&mut outer_block[..S::BYTES]);
    }
    for (outer_block, mac) in outer_blocks.iter().zip(out.iter_mut()).take(count) {
        let mut outer = keyed.outer;
        compress(&mut outer, core::slice::from_ref(outer_block));
        outer.write_be(mac);
    }
    S::BYTES
}

#[cfg(test)]
mod tests {
    use hmac::{Hmac, KeyInit, Mac};
    use proptest::prelude::*;

    use super::{KeyedMac, MAX_MAC_LEN};
    use crate::algorithm::Algorithm;

    fn reference(algorithm: Algorithm, key: &[u8], message: &[u8]) -> std::vec::Vec<u8> {
        fn run<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> std::vec::Vec<u8> {
            let mut mac = <M as KeyInit>::new_from_slice(key).unwrap();
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        match algorithm {
            Algorithm::Sha1 => run::<Hmac<sha1::Sha1>>(key, message),
            Algorithm::Sha256 => run::<Hmac<sha2::Sha256>>(key, message),
            Algorithm::Sha512 => run::<Hmac<sha2::Sha512>>(key, message),
        }
    }

    fn any_algorithm() -> impl Strategy<Value = Algorithm> {
        prop_oneof![
            Just(Algorithm::Sha1),
            Just(Algorithm::Sha256),
            Just(Algorithm::Sha512)
        ]
    }

    proptest! {
        /// Keys of every length class (empty, short, exactly a block, longer
        /// than a block and hashed) give RustCrypto's `hmac` result.
        #[test]
        fn equals_the_hmac_crate(algorithm in any_algorithm(), key in proptest::collection::vec(any::<u8>(), 0..300), counter: u64) {
            let mut out = [0u8; MAX_MAC_LEN];
            let len = KeyedMac::new(algorithm, &key).mac_counter(counter, &mut out);
            prop_assert_eq!(&out[..len], &reference(algorithm, &key, &counter.to_be_bytes())[..]);
        }
    }

    #[test]
    fn block_boundary_keys_equal_the_hmac_crate() {
        for algorithm in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
            for len in [0, 1, 63, 64, 65, 127, 128, 129, 256] {
                let key: std::vec::Vec<u8> = (0..len)
                    .map(|i: usize| i.to_le_bytes()[0].wrapping_mul(7))
                    .collect();
                let mut out = [0u8; MAX_MAC_LEN];
                let written = KeyedMac::new(algorithm, &key).mac_counter(42, &mut out);
                assert_eq!(written, algorithm.output_len());
                assert_eq!(
                    &out[..written],
                    &reference(algorithm, &key, &42u64.to_be_bytes())[..]
                );
            }
        }
    }

    #[test]
    fn lanes_equal_one_counter_at_a_time() {
        for algorithm in [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512] {
            let mac = KeyedMac::new(algorithm, b"12345678901234567890");
            for first in [0, 37_037_036, u64::MAX - 3] {
                for count in 0..=4 {
                    let mut lanes = [u32::MAX; 4];
                    mac.truncated_lanes::<4>(first, &mut lanes[..count]);
                    for (lane, value) in (0..).zip(lanes) {
                        let expected = if lane < count as u64 {
                            mac.truncated(first + lane)
                        } else {
                            u32::MAX
                        };
                        assert_eq!(value, expected, "{algorithm:?} {first}+{lane} of {count}");
                    }
                }
            }
        }
    }

    #[test]
    fn rfc4226_section_5_4_truncation_example() {
        // HMAC-SHA-1 1f8698690e02ca16618550ef7f19da8e945b555a: offset 10, 0x50ef7f19.
        // The RFC gives only the MAC; check the truncation on the RFC 4226 key, counter 0.
        let mac = KeyedMac::new(Algorithm::Sha1, b"12345678901234567890");
        assert_eq!(mac.truncated(0), 0x4c93_cf18);
        assert_eq!(mac.truncated(2), 0x082f_ef30);
    }
}
