//! Argon2id parameters, their caps, and key derivation (passphrase or recovery code -> key-encryption key).

use crate::error::{VaultError, damaged};
use crate::secret::Secret;
use serde::{Deserialize, Serialize};

/// Largest memory cost accepted from a keyslot file: 4 GiB.
pub const MAX_M_COST_KIB: u32 = 4 * 1024 * 1024;
/// Largest number of passes accepted from a keyslot file.
pub const MAX_T_COST: u32 = 64;
/// Largest number of lanes accepted from a keyslot file.
pub const MAX_P_COST: u32 = 16;
/// Salt length written by this build (bytes).
pub const SALT_LEN: usize = 16;

/// Argon2id cost parameters, stored per keyslot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_cost_kib: u32,
    /// Number of passes.
    pub t_cost: u32,
    /// Degree of parallelism (lanes).
    pub p_cost: u32,
}

impl KdfParams {
    /// The defaults every new wrap uses: 256 MiB, 3 passes, 1 lane.
    ///
    /// At least 64 MiB (RFC 9106 / OWASP). Measured in a release build: see
    /// `docs/vault-format.md` ("Key derivation defaults").
    pub fn recommended() -> Self {
        KdfParams {
            m_cost_kib: 256 * 1024,
            t_cost: 3,
            p_cost: 1,
        }
    }

    /// Tiny parameters that make tests fast. **Test-only**: offers no protection
    /// against guessing. Only compiled with the `test-support` feature.
    #[cfg(feature = "test-support")]
    pub fn insecure_fast_for_tests() -> Self {
        KdfParams {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        }
    }

    /// Whether the parameters are within the caps (checked before Argon2 ever runs).
    pub fn within_caps(&self) -> bool {
        (1..=MAX_P_COST).contains(&self.p_cost)
            && (1..=MAX_T_COST).contains(&self.t_cost)
            && self.m_cost_kib <= MAX_M_COST_KIB
            && u64::from(self.m_cost_kib) >= 8 * u64::from(self.p_cost)
    }

    /// `Ok` if within caps, otherwise the `Damaged` error every slot read returns.
    pub fn check_caps(&self) -> Result<(), VaultError> {
        if self.within_caps() {
            Ok(())
        } else {
            Err(damaged("keyslot KDF parameters out of bounds"))
        }
    }
}

/// Derives a 32-byte key-encryption key with Argon2id (version 0x13).
///
/// Checks the caps first, so a crafted keyslot cannot make this allocate
/// more than 4 GiB or run for more than 64 passes.
pub(crate) fn derive_kek(
    secret: &[u8],
    salt: &[u8],
    params: &KdfParams,
) -> Result<Secret<[u8; 32]>, VaultError> {
    params.check_caps()?;
    let p = argon2::Params::new(params.m_cost_kib, params.t_cost, params.p_cost, Some(32))
        .map_err(|_| damaged("keyslot KDF parameters out of bounds"))?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, p);
    let mut kek = Secret::new([0u8; 32]);
    argon
        .hash_password_into(secret, salt, kek.expose_mut())
        .map_err(|_| damaged("keyslot KDF parameters or salt invalid"))?;
    Ok(kek)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn recommended_is_at_least_64_mib_and_within_caps() {
        let r = KdfParams::recommended();
        assert!(r.m_cost_kib >= 64 * 1024);
        assert!(r.within_caps());
    }

    #[test]
    fn caps_reject_absurd_values() {
        let ok = KdfParams {
            m_cost_kib: 65536,
            t_cost: 3,
            p_cost: 1,
        };
        assert!(ok.within_caps());
        for bad in [
            KdfParams {
                m_cost_kib: 1 << 31,
                ..ok
            },
            KdfParams {
                m_cost_kib: MAX_M_COST_KIB + 1,
                ..ok
            },
            KdfParams { t_cost: 0, ..ok },
            KdfParams { t_cost: 65, ..ok },
            KdfParams { p_cost: 0, ..ok },
            KdfParams { p_cost: 17, ..ok },
            KdfParams {
                m_cost_kib: 7,
                t_cost: 1,
                p_cost: 1,
            },
            KdfParams {
                m_cost_kib: 64,
                t_cost: 1,
                p_cost: 16,
            },
        ] {
            assert!(!bad.within_caps(), "{bad:?}");
            let e = derive_kek(b"x", &[0u8; 16], &bad).err().unwrap();
            assert_eq!(
                e.to_string(),
                "the vault is damaged: keyslot KDF parameters out of bounds"
            );
        }
    }

    #[test]
    fn derivation_is_deterministic_and_salted() {
        let p = KdfParams {
            m_cost_kib: 8,
            t_cost: 1,
            p_cost: 1,
        };
        let a = derive_kek(b"pw", &[1u8; 16], &p).unwrap();
        let b = derive_kek(b"pw", &[1u8; 16], &p).unwrap();
        let c = derive_kek(b"pw", &[2u8; 16], &p).unwrap();
        assert_eq!(a.expose(), b.expose());
        assert_ne!(a.expose(), c.expose());
    }
}
