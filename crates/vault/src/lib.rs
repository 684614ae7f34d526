//! The encrypted vault: a folder holding a SQLCipher database and its keyslots.
//!
//! Layout and key hierarchy are specified in `docs/vault-format.md`:
//! passphrase / recovery code --Argon2id--> KEK --ChaCha20-Poly1305--> vault key (VK)
//! --ChaCha20-Poly1305--> SQLCipher data key (DK, raw-key mode).
//! The vault knows nothing about CRM nouns: domain crates hand it their [`Migrations`].

mod db;
mod error;
mod kdf;
mod keyslots;
mod recovery;
mod secret;
mod vault;

pub use error::VaultError;
pub use kdf::{KdfParams, MAX_M_COST_KIB, MAX_P_COST, MAX_T_COST};
pub use keyslots::KeyslotKind;
pub use recovery::RecoveryCode;
pub use secret::{Passphrase, Secret};
pub use vault::{
    CheckReport, KeyslotInfo, UnlockTiming, Vault, VaultInfo, backup_root_key_from_keyslots,
    check_database,
};

/// File names inside a vault folder.
pub mod files {
    /// The SQLCipher database (with `-wal` and `-shm` beside it while open).
    pub const DATABASE: &str = crate::db::DB_FILE;
    /// The keyslot file.
    pub const KEYSLOTS: &str = crate::keyslots::KEYSLOTS_FILE;
    /// The advisory lock file (shared while a vault is open, exclusive during key rotation).
    pub const LOCK: &str = crate::vault::LOCK_FILE;
}

/// The secret that unlocks a vault.
#[derive(Debug)]
pub enum Unlock {
    /// Tries the passphrase keyslot(s).
    Passphrase(Passphrase),
    /// Tries the recovery-code keyslot.
    RecoveryCode(RecoveryCode),
}

/// One domain's migrations: append-only; step `i` (0-based) brings the domain to version `i + 1`.
#[derive(Debug, Clone, Copy)]
pub struct Migrations {
    /// The domain's name, e.g. `"crm"`. Unique within a schema.
    pub domain: &'static str,
    /// SQL batches, one per version. Never edit or remove a shipped step; only append.
    pub steps: &'static [&'static str],
}

/// Current UTC time as RFC 3339 (second precision), e.g. `2026-11-23T14:05:00Z`.
pub fn now_rfc3339() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}
