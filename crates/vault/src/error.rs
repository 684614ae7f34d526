//! The vault's error type: one variant per outcome a caller must tell apart.

use std::path::PathBuf;

/// Everything that can go wrong with a vault.
///
/// Messages never contain a secret or business data: at most a path, a schema
/// domain name and version numbers, or a fixed description of the damage.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The folder, or the keyslot file in it, does not exist.
    #[error("no vault found at {}", .0.display())]
    NotFound(PathBuf),
    /// `create` was pointed at a folder that already holds a vault (or its database).
    #[error("a vault already exists at {} (nothing was overwritten)", .0.display())]
    AlreadyExists(PathBuf),
    /// No keyslot opened with the given secret. Deliberately does not say which.
    #[error("wrong passphrase or damaged keyslot")]
    WrongSecret,
    /// The recovery code's checksum group does not match: a typo, caught before any key derivation.
    #[error(
        "the recovery code has a typo (its checksum does not match); check every group and try again"
    )]
    RecoveryCodeTypo,
    /// A file of the vault does not parse, fails a check, or cannot be decrypted once the key is known.
    #[error("the vault is damaged: {0}")]
    Damaged(String),
    /// The vault was written by a newer build of Sigilo than this one.
    #[error(
        "this vault was written by a newer version of Sigilo (domain {domain} at version {found}, this build knows {supported})"
    )]
    NewerSchema {
        /// The schema domain (or `keyslots` for the keyslot file format).
        domain: String,
        /// The version found in the vault.
        found: u32,
        /// The highest version this build knows.
        supported: u32,
    },
    /// Another process (or another handle in this process) holds the vault in a way that excludes this operation.
    #[error("the vault is in use by another window or process; close it and try again")]
    Busy,
    /// An operating-system level I/O error.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// A database error that is not a sign of damage.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for VaultError {
    /// Corruption and "not a database" become [`VaultError::Damaged`]; everything else stays a database error.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => VaultError::Damaged(
                "a database page failed its integrity check (the file is corrupt or was tampered with)".into(),
            ),
            _ => VaultError::Sqlite(e),
        }
    }
}

pub(crate) fn damaged(msg: impl Into<String>) -> VaultError {
    VaultError::Damaged(msg.into())
}
