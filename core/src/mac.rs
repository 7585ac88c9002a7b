//! HMAC [RFC 2104] keyed once, then applied to 8-byte counters.
//!
//! SHA-1 and the SHA-2 family: keying absorbs `K ^ ipad` and `K ^ opad`
//! into two hash states and keeps only those chaining values (SHA-224 and
//! SHA-384 are SHA-256 and SHA-512 from other initial values, cut short).
//! Each MAC of a counter afterwards costs exactly two compressions and no
//! allocation: one for the padded counter block and one for the padded
//! inner digest. The compression functions are `RustCrypto`'s (`sha1`,
//! `sha2`), with their hardware back ends.
//!
//! Runs of consecutive counters (a verification window) are computed in
//! lanes: every inner pass first, then every outer pass. A block written just
//! before its compression makes the processor wait for those stores to reach
//! the cache; in lanes, each outer block was written one or more compressions
//! earlier, which makes a ±1 window about a fifth faster with SHA-NI.
//!
//! SHA-224 and SHA-384 need the feature `sha224-sha384`: with them the MAC
//! length of the SHA-256 and SHA-512 states is a run-time value in the lanes
//! code, without them a constant per state. The npm package's `nidan` module
//! leaves them out for its 30 KB budget: measured on `nidan.wasm` (gzip -9,
//! `bash bindings-wasm/build.sh`), 26 181 bytes without them, 27 167 with.
//!
//! SHA-3 (feature `sha3`) is `RustCrypto`'s `hmac` over `sha3`, keyed once
//! and cloned per counter (two Keccak permutations per MAC; the HMAC block
//! is the sponge's rate: 144, 136, 104 or 72 bytes). Its keyed states wipe
//! themselves (the crates' `zeroize` features).
//!
//! Why SHA-1 and SHA-2 do not go through `hmac` as well: measured with
//! `nice cargo bench -p nidan-benches --bench interleaved --features
//! nidan/sha3` (x86-64 with SHA-NI, fastest of 3000 batches, one run after
//! the other on the same busy machine), first this module, then SHA-1
//! through `hmac` (a keyed `Hmac<Sha1>` cloned per counter, as for SHA-3):
//!
//! | | this module | `hmac` | change |
//! |---|---:|---:|---:|
//! | TOTP generate | 144.0 ns | 177.7 ns | +23 % |
//! | TOTP verify, window ±1 (each of the four cases) | 325 ns | 504 ns | +55 % |
//! | `hmac` alone, pre-keyed, one MAC (the bench's floor) | 140.6 ns | 140.9 ns | |
//!
//! The limit was 5 %: the keyed chaining values stay.

#[cfg(feature = "sha3")]
use hmac::{Hmac, KeyInit, Mac, digest::block_api::EagerHash};
use sha1::Digest as _;
use zeroize::Zeroize;

use crate::algorithm::Algorithm;
use crate::code::truncate;
use crate::error::{Error, Result};

/// The longest MAC, in bytes (HMAC-SHA-512 and HMAC-SHA3-512).
pub(crate) const MAX_MAC_LEN: usize = 64;

const SHA1_IV: [u32; 5] = [
    0x6745_2301,
    0xEFCD_AB89,
    0x98BA_DCFE,
    0x1032_5476,
    0xC3D2_E1F0,
];
#[cfg(feature = "sha224-sha384")]
const SHA224_IV: [u32; 8] = [
    0xc105_9ed8,
    0x367c_d507,
    0x3070_dd17,
    0xf70e_5939,
    0xffc0_0b31,
    0x6858_1511,
    0x64f9_8fa7,
    0xbefa_4fa4,
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
#[cfg(feature = "sha224-sha384")]
const SHA384_IV: [u64; 8] = [
    0xcbbb_9d5d_c105_9ed8,
    0x629a_292a_367c_d507,
    0x9159_015a_3070_dd17,
    0x152f_ecd8_f70e_5939,
    0x6733_2667_ffc0_0b31,
    0x8eb4_4a87_6858_1511,
    0xdb0c_2e0d_64f9_8fa7,
    0x47b5_481d_befa_4fa4,
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
pub(crate) struct KeyedMac {
    state: KeyedState,
    /// The MAC length in bytes.
    len: usize,
}

/// SHA-1 and SHA-2 keep their chaining values (SHA-224 and SHA-384 are
/// SHA-256 and SHA-512 with other initial values, cut short); SHA-3 keeps
/// the `hmac` crate's keyed state, whose sponge states wipe themselves.
#[derive(Clone)]
enum KeyedState {
    Sha1(Keyed<[u32; 5]>),
    Sha256(Keyed<[u32; 8]>),
    Sha512(Keyed<[u64; 8]>),
    #[cfg(feature = "sha3")]
    Sha3_224(Hmac<sha3::Sha3_224>),
    #[cfg(feature = "sha3")]
    Sha3_256(Hmac<sha3::Sha3_256>),
    #[cfg(feature = "sha3")]
    Sha3_384(Hmac<sha3::Sha3_384>),
    #[cfg(feature = "sha3")]
    Sha3_512(Hmac<sha3::Sha3_512>),
}

impl KeyedMac {
    /// Computes the keyed state for `key` (any length; longer than a block is hashed first).
    ///
    /// # Errors
    /// [`Error::AlgorithmUnavailable`] for SHA-3 without the `sha3` feature,
    /// SHA-224 and SHA-384 without `sha224-sha384`.
    pub(crate) fn new(algorithm: Algorithm, key: &[u8]) -> Result<Self> {
        let state = match algorithm {
            Algorithm::Sha1 => KeyedState::Sha1(keyed_states::<_, 64>(
                SHA1_IV,
                key,
                |k, out| out[..20].copy_from_slice(&sha1::Sha1::digest(k)),
                sha1::block_api::compress,
            )),
            #[cfg(feature = "sha224-sha384")]
            Algorithm::Sha224 => KeyedState::Sha256(keyed_states::<_, 64>(
                SHA224_IV,
                key,
                |k, out| out[..28].copy_from_slice(&sha2::Sha224::digest(k)),
                sha2::block_api::compress256,
            )),
            Algorithm::Sha256 => KeyedState::Sha256(keyed_states::<_, 64>(
                SHA256_IV,
                key,
                |k, out| out[..32].copy_from_slice(&sha2::Sha256::digest(k)),
                sha2::block_api::compress256,
            )),
            #[cfg(feature = "sha224-sha384")]
            Algorithm::Sha384 => KeyedState::Sha512(keyed_states::<_, 128>(
                SHA384_IV,
                key,
                |k, out| out[..48].copy_from_slice(&sha2::Sha384::digest(k)),
                sha2::block_api::compress512,
            )),
            Algorithm::Sha512 => KeyedState::Sha512(keyed_states::<_, 128>(
                SHA512_IV,
                key,
                |k, out| out[..64].copy_from_slice(&sha2::Sha512::digest(k)),
                sha2::block_api::compress512,
            )),
            #[cfg(feature = "sha3")]
            Algorithm::Sha3_224 => KeyedState::Sha3_224(keyed_hmac(key)?),
            #[cfg(feature = "sha3")]
            Algorithm::Sha3_256 => KeyedState::Sha3_256(keyed_hmac(key)?),
            #[cfg(feature = "sha3")]
            Algorithm::Sha3_384 => KeyedState::Sha3_384(keyed_hmac(key)?),
            #[cfg(feature = "sha3")]
            Algorithm::Sha3_512 => KeyedState::Sha3_512(keyed_hmac(key)?),
            #[cfg(not(feature = "sha3"))]
            Algorithm::Sha3_224
            | Algorithm::Sha3_256
            | Algorithm::Sha3_384
            | Algorithm::Sha3_512 => {
                return Err(Error::AlgorithmUnavailable { algorithm });
            }
            #[cfg(not(feature = "sha224-sha384"))]
            Algorithm::Sha224 | Algorithm::Sha384 => {
                return Err(Error::AlgorithmUnavailable { algorithm });
            }
        };
        Ok(Self {
            state,
            len: algorithm.output_len(),
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
        // Without SHA-224/384 each state has one MAC length, a constant the
        // lanes code is built for (smaller, and what `nidan.wasm` ships).
        let len_or = |full: usize| {
            if cfg!(feature = "sha224-sha384") {
                self.len
            } else {
                full
            }
        };
        match &self.state {
            KeyedState::Sha1(keyed) => {
                in_lanes::<_, 64, N>(keyed, 20, first, count, sha1::block_api::compress, out);
            }
            KeyedState::Sha256(keyed) => {
                in_lanes::<_, 64, N>(
                    keyed,
                    len_or(32),
                    first,
                    count,
                    sha2::block_api::compress256,
                    out,
                );
            }
            KeyedState::Sha512(keyed) => {
                in_lanes::<_, 128, N>(
                    keyed,
                    len_or(64),
                    first,
                    count,
                    sha2::block_api::compress512,
                    out,
                );
            }
            #[cfg(feature = "sha3")]
            KeyedState::Sha3_224(keyed) => one_by_one(keyed, first, count, out),
            #[cfg(feature = "sha3")]
            KeyedState::Sha3_256(keyed) => one_by_one(keyed, first, count, out),
            #[cfg(feature = "sha3")]
            KeyedState::Sha3_384(keyed) => one_by_one(keyed, first, count, out),
            #[cfg(feature = "sha3")]
            KeyedState::Sha3_512(keyed) => one_by_one(keyed, first, count, out),
        }
        self.len
    }
}

/// The shortest MAC dynamic truncation can read: the offset, the low nibble
/// of the last byte, is at most 15, and four bytes are read from there.
pub(crate) const MIN_TRUNCATABLE_LEN: usize = 19;

/// The `hmac` crate keyed with `key`.
#[cfg(feature = "sha3")]
fn keyed_hmac<D: EagerHash>(key: &[u8]) -> Result<Hmac<D>> {
    // HMAC takes keys of any length (longer ones are hashed): this error
    // cannot happen, and a Secret is never longer than MAX_BYTES anyway.
    <Hmac<D> as KeyInit>::new_from_slice(key).map_err(|_| Error::SecretTooLong {
        max_bytes: crate::Secret::MAX_BYTES,
    })
}

/// The MACs of the `count` counters from `first` on, one after the other,
/// each from a copy of the keyed `hmac` state.
#[cfg(feature = "sha3")]
fn one_by_one<D: EagerHash, const N: usize>(
    keyed: &Hmac<D>,
    first: u64,
    count: usize,
    out: &mut [[u8; MAX_MAC_LEN]; N],
) {
    for (lane, mac) in (0u64..).zip(out.iter_mut().take(count)) {
        let mut state = keyed.clone();
        // The caller keeps first + count - 1 within u64.
        state.update(&first.wrapping_add(lane).to_be_bytes());
        let tag = state.finalize().into_bytes();
        mac[..tag.len()].copy_from_slice(&tag);
    }
}

/// The state words of a hash, serialised big-endian.
trait StateWords: Copy + Zeroize {
    /// Writes the words big-endian to `out`, as many as fit.
    fn write_be(&self, out: &mut [u8]);
}

impl<const N: usize> StateWords for [u32; N] {
    fn write_be(&self, out: &mut [u8]) {
        for (chunk, word) in out.chunks_exact_mut(4).zip(self) {
            chunk.copy_from_slice(&word.to_be_bytes());
        }
    }
}

impl<const N: usize> StateWords for [u64; N] {
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
/// inner pass of every lane, each digest (its first `len` bytes) written into
/// that lane's outer block, then the outer pass of every lane.
fn in_lanes<S: StateWords, const BLOCK: usize, const N: usize>(
    keyed: &Keyed<S>,
    len: usize,
    first: u64,
    count: usize,
    compress: impl Fn(&mut S, &[[u8; BLOCK]]),
    out: &mut [[u8; MAX_MAC_LEN]; N],
) {
    let mut inner_blocks = [[0u8; BLOCK]; N];
    for (lane, block) in (0u64..).zip(inner_blocks.iter_mut().take(count)) {
        // The caller keeps first + count - 1 within u64.
        *block = final_block::<BLOCK>(&first.wrapping_add(lane).to_be_bytes());
    }
    let mut outer_blocks = [final_block::<BLOCK>(&[0u8; MAX_MAC_LEN][..len]); N];
    for (inner_block, outer_block) in inner_blocks.iter().zip(&mut outer_blocks).take(count) {
        let mut inner = keyed.inner;
        compress(&mut inner, core::slice::from_ref(inner_block));
        inner.write_be(&mut outer_block[..len]);
    }
    for (outer_block, mac) in outer_blocks.iter().zip(out.iter_mut()).take(count) {
        let mut outer = keyed.outer;
        compress(&mut outer, core::slice::from_ref(outer_block));
        outer.write_be(&mut mac[..len]);
    }
}

#[cfg(test)]
mod tests {
    use hmac::{Hmac, KeyInit, Mac};
    use proptest::prelude::*;

    use super::{KeyedMac, MAX_MAC_LEN, truncate};
    use crate::algorithm::Algorithm;

    /// `RustCrypto`'s `hmac` over each hash: the reference for the keyed states.
    fn reference(algorithm: Algorithm, key: &[u8], message: &[u8]) -> std::vec::Vec<u8> {
        fn run<M: Mac + KeyInit>(key: &[u8], message: &[u8]) -> std::vec::Vec<u8> {
            let mut mac = <M as KeyInit>::new_from_slice(key).unwrap();
            mac.update(message);
            mac.finalize().into_bytes().to_vec()
        }
        match algorithm {
            Algorithm::Sha1 => run::<Hmac<sha1::Sha1>>(key, message),
            Algorithm::Sha224 => run::<Hmac<sha2::Sha224>>(key, message),
            Algorithm::Sha256 => run::<Hmac<sha2::Sha256>>(key, message),
            Algorithm::Sha384 => run::<Hmac<sha2::Sha384>>(key, message),
            Algorithm::Sha512 => run::<Hmac<sha2::Sha512>>(key, message),
            Algorithm::Sha3_224 => run::<Hmac<sha3::Sha3_224>>(key, message),
            Algorithm::Sha3_256 => run::<Hmac<sha3::Sha3_256>>(key, message),
            Algorithm::Sha3_384 => run::<Hmac<sha3::Sha3_384>>(key, message),
            Algorithm::Sha3_512 => run::<Hmac<sha3::Sha3_512>>(key, message),
        }
    }

    /// The algorithms this build computes (SHA-3 needs the `sha3` feature).
    fn available() -> std::vec::Vec<Algorithm> {
        Algorithm::ALL
            .into_iter()
            .filter(|algorithm| algorithm.is_available())
            .collect()
    }

    fn any_algorithm() -> impl Strategy<Value = Algorithm> {
        proptest::sample::select(available())
    }

    #[test]
    fn algorithms_without_their_feature_are_an_error() {
        for algorithm in Algorithm::ALL {
            let keyed = KeyedMac::new(algorithm, b"12345678901234567890");
            if algorithm.is_available() {
                assert!(keyed.is_ok(), "{algorithm}");
            }
            if !algorithm.is_available() {
                assert_eq!(
                    keyed.err(),
                    Some(crate::Error::AlgorithmUnavailable { algorithm })
                );
            }
        }
        assert_eq!(Algorithm::Sha3_512.is_available(), cfg!(feature = "sha3"));
        assert_eq!(
            Algorithm::Sha224.is_available(),
            cfg!(feature = "sha224-sha384")
        );
        assert!(Algorithm::Sha1.is_available() && Algorithm::Sha512.is_available());
    }

    proptest! {
        /// Keys of every length class (empty, short, exactly a block, longer
        /// than a block and hashed) give RustCrypto's `hmac` result.
        #[test]
        fn equals_the_hmac_crate(algorithm in any_algorithm(), key in proptest::collection::vec(any::<u8>(), 0..300), counter: u64) {
            let mut out = [0u8; MAX_MAC_LEN];
            let len = KeyedMac::new(algorithm, &key).unwrap().mac_counter(counter, &mut out);
            prop_assert_eq!(&out[..len], &reference(algorithm, &key, &counter.to_be_bytes())[..]);
        }
    }

    #[test]
    fn block_boundary_keys_equal_the_hmac_crate() {
        // Block sizes: 64 (SHA-1, SHA-224/256), 128 (SHA-384/512), and the
        // SHA-3 rates 144, 136, 104, 72.
        let lens = [
            0, 1, 63, 64, 65, 71, 72, 73, 103, 104, 105, 127, 128, 129, 135, 136, 137, 143, 144,
            145, 256,
        ];
        for algorithm in available() {
            for len in lens {
                let key: std::vec::Vec<u8> = (0..len)
                    .map(|i: usize| i.to_le_bytes()[0].wrapping_mul(7))
                    .collect();
                let mut out = [0u8; MAX_MAC_LEN];
                let written = KeyedMac::new(algorithm, &key)
                    .unwrap()
                    .mac_counter(42, &mut out);
                assert_eq!(written, algorithm.output_len());
                assert_eq!(
                    &out[..written],
                    &reference(algorithm, &key, &42u64.to_be_bytes())[..],
                    "{algorithm} key of {len} bytes"
                );
            }
        }
    }

    #[test]
    fn lanes_equal_one_counter_at_a_time() {
        for algorithm in available() {
            let mac = KeyedMac::new(algorithm, b"12345678901234567890").unwrap();
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
        // RFC 4226 §5.4: the MAC 1f8698690e02ca16618550ef7f19da8e945b555a
        // has offset 10 and truncates to 0x50ef7f19.
        let mut mac = [0u8; MAX_MAC_LEN];
        mac[..20].copy_from_slice(&[
            0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85, 0x50, 0xef, 0x7f, 0x19,
            0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
        ]);
        assert_eq!(truncate(&mac, 20), 0x50ef_7f19);
        // And on the RFC 4226 key, counters 0 and 2.
        let keyed = KeyedMac::new(Algorithm::Sha1, b"12345678901234567890").unwrap();
        assert_eq!(keyed.truncated(0), 0x4c93_cf18);
        assert_eq!(keyed.truncated(2), 0x082f_ef30);
    }
}
