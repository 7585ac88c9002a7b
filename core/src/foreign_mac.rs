//! Codes from a MAC computed outside nidan: a caller-supplied HMAC (the
//! otpauth package's `hmac` option), a hardware token's MAC, or a hash
//! nidan does not offer. The truncation and the code rules stay nidan's.

use crate::code::{Code, CodeFormat, CodeSpec, truncate};
use crate::error::{Error, Result};
use crate::mac::{MAX_MAC_LEN, MIN_TRUNCATABLE_LEN};

impl Code {
    /// The code of `mac`, an HMAC of the 8-byte big-endian counter computed
    /// elsewhere: dynamic truncation [RFC 4226 §5.3], then `digits` digits.
    ///
    /// Any MAC of at least 19 bytes can be truncated (the offset, the low
    /// nibble of the last byte, is at most 15, and four bytes are read).
    ///
    /// # Errors
    /// [`Error::MacTooShort`] under 19 bytes, [`Error::Digits`] outside 6 to 10.
    ///
    /// # Security
    /// The reduction to digits is the one [`Hotp`](crate::Hotp) uses. Where
    /// the MAC comes from, and whether its computation is constant-time, is
    /// the caller's business.
    ///
    /// ```
    /// use nidan::Code;
    /// // RFC 4226 §5.4: this HMAC-SHA-1 truncates to 0x50ef7f19 = 1357872921.
    /// let mac = [
    ///     0x1f, 0x86, 0x98, 0x69, 0x0e, 0x02, 0xca, 0x16, 0x61, 0x85,
    ///     0x50, 0xef, 0x7f, 0x19, 0xda, 0x8e, 0x94, 0x5b, 0x55, 0x5a,
    /// ];
    /// assert_eq!(Code::from_mac(&mac, 6)?, "872921");
    /// assert_eq!(Code::from_mac(&mac[..18], 6), Err(nidan::Error::MacTooShort { len: 18 }));
    /// # Ok::<(), nidan::Error>(())
    /// ```
    pub fn from_mac(mac: &[u8], digits: u32) -> Result<Self> {
        let spec = CodeSpec::new(CodeFormat::Decimal, digits)?;
        let (Some(head), Some(&last)) = (mac.get(..MIN_TRUNCATABLE_LEN), mac.last()) else {
            return Err(Error::MacTooShort { len: mac.len() });
        };
        // What truncation reads, in a MAC buffer: the first 19 bytes, and
        // the last byte (its low nibble is the offset) as the 20th.
        let mut buffer = [0u8; MAX_MAC_LEN];
        buffer[..MIN_TRUNCATABLE_LEN].copy_from_slice(head);
        buffer[MIN_TRUNCATABLE_LEN] = last;
        Ok(spec.code(truncate(&buffer, MIN_TRUNCATABLE_LEN + 1)))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Algorithm, Code, Error, Hotp, HotpConfig, Secret};

    #[test]
    fn equals_the_keyed_generator_for_every_algorithm() {
        use hmac::{Hmac, KeyInit, Mac};
        fn mac<M: Mac + KeyInit>(key: &[u8], counter: u64) -> std::vec::Vec<u8> {
            let mut mac = <M as KeyInit>::new_from_slice(key).unwrap();
            mac.update(&counter.to_be_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        let key = b"12345678901234567890";
        for algorithm in Algorithm::ALL.into_iter().filter(|a| a.is_available()) {
            let hotp = Hotp::new(
                &Secret::from_bytes(key).unwrap(),
                HotpConfig {
                    algorithm,
                    digits: 8,
                    ..Default::default()
                },
            )
            .unwrap();
            for counter in [0, 1, 59, u64::MAX] {
                let tag = match algorithm {
                    Algorithm::Sha1 => mac::<Hmac<sha1::Sha1>>(key, counter),
                    Algorithm::Sha224 => mac::<Hmac<sha2::Sha224>>(key, counter),
                    Algorithm::Sha256 => mac::<Hmac<sha2::Sha256>>(key, counter),
                    Algorithm::Sha384 => mac::<Hmac<sha2::Sha384>>(key, counter),
                    Algorithm::Sha512 => mac::<Hmac<sha2::Sha512>>(key, counter),
                    Algorithm::Sha3_224 => mac::<Hmac<sha3::Sha3_224>>(key, counter),
                    Algorithm::Sha3_256 => mac::<Hmac<sha3::Sha3_256>>(key, counter),
                    Algorithm::Sha3_384 => mac::<Hmac<sha3::Sha3_384>>(key, counter),
                    Algorithm::Sha3_512 => mac::<Hmac<sha3::Sha3_512>>(key, counter),
                };
                assert_eq!(Code::from_mac(&tag, 8).unwrap(), hotp.generate(counter));
            }
        }
    }

    #[test]
    fn lengths_and_digits_are_checked() {
        // otpauth's test of its hmac option: 0x0001e240 = 123456 at offset 0.
        let mut mac = [0u8; 20];
        mac[1..4].copy_from_slice(&[0x01, 0xe2, 0x40]);
        assert_eq!(Code::from_mac(&mac, 6).unwrap(), "123456");
        assert_eq!(Code::from_mac(&mac[..19], 10).unwrap(), "0000123456");
        assert_eq!(
            Code::from_mac(&mac[..18], 6),
            Err(Error::MacTooShort { len: 18 })
        );
        assert_eq!(Code::from_mac(&[], 6), Err(Error::MacTooShort { len: 0 }));
        assert_eq!(Code::from_mac(&mac, 5), Err(Error::Digits { digits: 5 }));
        // Any length from 19 bytes on: the offset comes from the last byte.
        let mut long = [0u8; 300];
        long[299] = 0x0f;
        long[15..19].copy_from_slice(&[0xff, 0, 0, 7]);
        assert_eq!(Code::from_mac(&long, 6).unwrap(), "706439"); // 0x7f000007 % 10^6
    }
}
