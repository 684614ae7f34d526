//! Encrypted backup files of a Sigilo vault: create, inspect, verify, restore.
//!
//! One file = a versioned header authenticated by an HMAC that commits to the key, then the payload
//! (an archive of `keyslots.json`, the data key and a `VACUUM INTO` snapshot of the database) sealed in
//! fixed-size ChaCha20-Poly1305 STREAM chunks. Every byte is specified in `docs/backup-format.md`.

mod error;

pub use error::BackupError;

use serde::Serialize;
use sigilo_vault::{KdfParams, Passphrase, RecoveryCode, Vault};
use std::path::{Path, PathBuf};

/// How a new backup file is protected.
#[derive(Debug, Clone, Copy)]
pub enum Protection<'a> {
    /// Mode 1: its own Argon2id slot for this passphrase (may differ from the vault's).
    Passphrase(&'a Passphrase),
    /// Mode 2 (automatic backups): a key derived from the vault key; the vault's keyslots are embedded, so
    /// the vault's passphrase or recovery code (as they were at backup time) open the file.
    VaultKey,
}

/// The secret that opens a backup file.
#[derive(Debug)]
pub enum BackupSecret {
    /// The backup's passphrase (mode 1) or the vault's passphrase (mode 2).
    Passphrase(Passphrase),
    /// The vault's recovery code (mode 2 only).
    RecoveryCode(RecoveryCode),
}

/// Progress of a long operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// `"snapshot"`, `"seal"`, `"verify"` or `"restore"`.
    pub stage: &'static str,
    /// Bytes done in this stage.
    pub done_bytes: u64,
    /// Bytes this stage will handle in all (0 if unknown).
    pub total_bytes: u64,
}

/// How the file's key is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// Mode 1: a passphrase with the file's own Argon2id slot.
    Passphrase,
    /// Mode 2: the vault's keyslots, embedded in the header.
    VaultKeyslots,
}

/// The header's fields (no secret needed to read them; authenticated only once a secret opens the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    /// Format version of the file.
    pub format_version: u16,
    /// How the key is obtained.
    pub key_mode: KeyMode,
    /// The file's Argon2id parameters (mode 1); `None` in mode 2 (each embedded keyslot has its own).
    pub kdf: Option<KdfParams>,
    /// When the snapshot was taken (RFC 3339 UTC).
    pub created_at: String,
    /// The backed-up vault's id.
    pub vault_id: String,
    /// The vault's schema version at backup time.
    pub schema_version: u32,
    /// Plaintext bytes per chunk.
    pub chunk_size: u32,
    /// Size of the backup file in bytes.
    pub file_size: u64,
}

/// What [`create`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupSummary {
    /// The backup file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Plaintext bytes sealed (the archive).
    pub payload_bytes: u64,
    /// Time taken by the snapshot (`VACUUM INTO`), ms.
    pub snapshot_ms: u64,
    /// Time taken by sealing and writing, ms (without the final verification).
    pub seal_ms: u64,
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VerifyReport {
    /// The header's fields.
    pub info: BackupInfo,
    /// Plaintext bytes authenticated.
    pub payload_bytes: u64,
    /// Whether the database inside passed `PRAGMA cipher_integrity_check` and `PRAGMA integrity_check`.
    pub integrity_ok: bool,
}

/// Writes a verified backup of `vault` to `out` (which must not exist).
pub fn create(
    vault: &Vault,
    out: &Path,
    protection: Protection<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupSummary, BackupError> {
    let _ = (vault, out, protection, progress);
    Err(error::damaged("not implemented yet"))
}

/// Reads the header's fields; needs no secret.
pub fn info(path: &Path) -> Result<BackupInfo, BackupError> {
    let _ = path;
    Err(error::damaged("not implemented yet"))
}

/// Decrypts and checks the whole file, then the database inside, without restoring anything.
pub fn verify(
    path: &Path,
    secret: &BackupSecret,
    progress: &mut dyn FnMut(Progress),
) -> Result<VerifyReport, BackupError> {
    let _ = (path, secret, progress);
    Err(error::damaged("not implemented yet"))
}

/// Restores the vault in the backup to `to` (a new folder, or replacing a closed vault when `replace`).
pub fn restore(
    path: &Path,
    secret: &BackupSecret,
    to: &Path,
    replace: bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupInfo, BackupError> {
    let _ = (path, secret, to, replace, progress);
    Err(error::damaged("not implemented yet"))
}
