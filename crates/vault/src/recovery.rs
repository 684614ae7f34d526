//! Recovery codes: 160 random bits written in Crockford base32, grouped by four, with a checksum group.

use crate::error::VaultError;
use crate::secret::Secret;
use sha2::{Digest, Sha256};
use std::fmt;

/// Number of random bytes in a recovery code (160 bits).
pub const RECOVERY_CODE_BYTES: usize = 20;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of payload (160 bits / 5 bits per character).
const PAYLOAD_CHARS: usize = RECOVERY_CODE_BYTES * 8 / 5;
/// Characters of checksum (20 bits: the first 20 bits of SHA-256 of the payload bytes).
const CHECK_CHARS: usize = 4;

/// A recovery code. Generated once at creation (or regeneration), shown once, stored nowhere.
///
/// Text form: nine groups of four Crockford base32 characters, e.g.
/// `7K3M-Q0ZD-...-X4TB`; the ninth group is a checksum that catches typos.
pub struct RecoveryCode {
    bytes: Secret<[u8; RECOVERY_CODE_BYTES]>,
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode([REDACTED])")
    }
}

impl RecoveryCode {
    /// Draws a fresh code from the operating system's random source.
    pub fn generate() -> Result<Self, VaultError> {
        let mut bytes = Secret::new([0u8; RECOVERY_CODE_BYTES]);
        crate::keyslots::fill_random(bytes.expose_mut())?;
        Ok(RecoveryCode { bytes })
    }

    /// Parses a code as a person typed it: case-insensitive, spaces and dashes
    /// ignored, `O` read as `0` and `I`/`L` as `1`.
    ///
    /// A wrong length, a character outside the alphabet or a checksum mismatch is
    /// [`VaultError::RecoveryCodeTypo`] — no key derivation is attempted.
    pub fn parse(text: &str) -> Result<Self, VaultError> {
        let mut values: Secret<Vec<u8>> =
            Secret::new(Vec::with_capacity(PAYLOAD_CHARS + CHECK_CHARS));
        for c in text.chars() {
            if c.is_whitespace() || c == '-' {
                continue;
            }
            let v = decode_char(c).ok_or(VaultError::RecoveryCodeTypo)?;
            if values.expose().len() == PAYLOAD_CHARS + CHECK_CHARS {
                return Err(VaultError::RecoveryCodeTypo);
            }
            values.expose_mut().push(v);
        }
        if values.expose().len() != PAYLOAD_CHARS + CHECK_CHARS {
            return Err(VaultError::RecoveryCodeTypo);
        }
        let mut bytes = Secret::new([0u8; RECOVERY_CODE_BYTES]);
        let (payload, check) = values.expose().split_at(PAYLOAD_CHARS);
        // 32 five-bit groups -> 20 bytes, big-endian bit order.
        let mut acc: u64 = 0;
        let mut bits = 0u32;
        let mut out = 0usize;
        for &v in payload {
            acc = (acc << 5) | u64::from(v);
            bits += 5;
            while bits >= 8 {
                bits -= 8;
                if let Some(slot) = bytes.expose_mut().get_mut(out) {
                    *slot = ((acc >> bits) & 0xff) as u8;
                }
                out += 1;
            }
        }
        let expected = checksum_values(bytes.expose());
        if check != expected {
            return Err(VaultError::RecoveryCodeTypo);
        }
        Ok(RecoveryCode { bytes })
    }

    /// The code as text, e.g. `7K3M-Q0ZD-…-X4TB` (nine groups of four).
    pub fn to_display(&self) -> Secret<String> {
        let mut chars: Secret<Vec<u8>> =
            Secret::new(Vec::with_capacity(PAYLOAD_CHARS + CHECK_CHARS));
        let mut acc: u64 = 0;
        let mut bits = 0u32;
        for &b in self.bytes.expose() {
            acc = (acc << 8) | u64::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                chars.expose_mut().push(((acc >> bits) & 0x1f) as u8);
            }
            acc &= (1 << bits) - 1;
        }
        chars
            .expose_mut()
            .extend_from_slice(&checksum_values(self.bytes.expose()));
        let mut s = String::with_capacity(45);
        for (i, v) in chars.expose().iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                s.push('-');
            }
            s.push(char::from(ALPHABET[usize::from(*v & 0x1f)]));
        }
        Secret::new(s)
    }

    /// The raw 160-bit code, the input of the recovery keyslot's key derivation.
    pub(crate) fn bytes(&self) -> &[u8; RECOVERY_CODE_BYTES] {
        self.bytes.expose()
    }
}

/// The four 5-bit checksum values: the first 20 bits of SHA-256(payload bytes).
fn checksum_values(bytes: &[u8; RECOVERY_CODE_BYTES]) -> [u8; CHECK_CHARS] {
    let d = Sha256::digest(bytes);
    let v = (u32::from(d[0]) << 12) | (u32::from(d[1]) << 4) | (u32::from(d[2]) >> 4);
    [
        ((v >> 15) & 0x1f) as u8,
        ((v >> 10) & 0x1f) as u8,
        ((v >> 5) & 0x1f) as u8,
        (v & 0x1f) as u8,
    ]
}

fn decode_char(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| char::from(a) == c)
        .and_then(|p| u8::try_from(p).ok())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn round_trip_and_shape() {
        for _ in 0..50 {
            let c = RecoveryCode::generate().unwrap();
            let text = c.to_display();
            let t = text.expose();
            assert_eq!(t.len(), 9 * 4 + 8);
            assert_eq!(t.split('-').count(), 9);
            assert!(t.split('-').all(|g| g.len() == 4));
            let back = RecoveryCode::parse(t).unwrap();
            assert_eq!(back.bytes(), c.bytes());
        }
    }

    #[test]
    fn lenient_forms_parse() {
        let c = RecoveryCode::generate().unwrap();
        let t = c.to_display().expose().clone();
        let lower = t.to_lowercase().replace('-', " ");
        assert_eq!(RecoveryCode::parse(&lower).unwrap().bytes(), c.bytes());
        let squashed = t.replace('-', "");
        assert_eq!(
            RecoveryCode::parse(&format!("  {squashed}\n"))
                .unwrap()
                .bytes(),
            c.bytes()
        );
        let confusable = t.replace('0', "o").replace('1', "l");
        assert_eq!(RecoveryCode::parse(&confusable).unwrap().bytes(), c.bytes());
    }

    #[test]
    fn known_vector() {
        // 20 zero bytes: SHA-256 starts 0xde47c9b2 -> checksum bits 1101 1110 0100 0111 1100.
        let c = RecoveryCode {
            bytes: Secret::new([0u8; RECOVERY_CODE_BYTES]),
        };
        assert_eq!(
            c.to_display().expose(),
            "0000-0000-0000-0000-0000-0000-0000-0000-VS3W"
        );
        // 0xff..ff -> all Z.
        let c = RecoveryCode {
            bytes: Secret::new([0xffu8; RECOVERY_CODE_BYTES]),
        };
        assert!(
            c.to_display()
                .expose()
                .starts_with("ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-")
        );
    }

    #[test]
    fn every_single_character_typo_is_caught() {
        // A fixed code keeps the test deterministic (a random one would miss with p = 2^-20 per typo).
        let mut b = [0u8; RECOVERY_CODE_BYTES];
        for (i, x) in b.iter_mut().enumerate() {
            *x = (i as u8).wrapping_mul(37).wrapping_add(11);
        }
        let c = RecoveryCode {
            bytes: Secret::new(b),
        };
        let t: Vec<char> = c.to_display().expose().chars().collect();
        for i in 0..t.len() {
            if t[i] == '-' {
                continue;
            }
            for &a in ALPHABET {
                let a = char::from(a);
                if a == t[i] {
                    continue;
                }
                let mut m = t.clone();
                m[i] = a;
                let s: String = m.into_iter().collect();
                assert!(
                    matches!(RecoveryCode::parse(&s), Err(VaultError::RecoveryCodeTypo)),
                    "typo at {i} not caught"
                );
            }
        }
    }

    #[test]
    fn wrong_length_or_alphabet_is_a_typo() {
        let c = RecoveryCode::generate().unwrap();
        let t = c.to_display().expose().clone();
        for bad in [
            &t[..t.len() - 1],
            &format!("{t}0"),
            "",
            "UUUU",
            &t.replace('-', "_"),
        ] {
            assert!(matches!(
                RecoveryCode::parse(bad),
                Err(VaultError::RecoveryCodeTypo)
            ));
        }
    }
}
