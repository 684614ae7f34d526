//! The backup's error type: one variant per outcome a caller (CLI exit code, UI message) must tell apart.

use std::path::PathBuf;

/// Everything that can go wrong with a backup file.
///
/// Messages are one plain sentence: never a secret, never business data, never the path of a
/// temporary file.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The secret does not open the file (mode 1: the header MAC fails; mode 2: no embedded keyslot opens).
    #[error("wrong passphrase or recovery code for this backup")]
    WrongSecret,
    /// The file does not start with the backup magic bytes.
    #[error("this file is not a Sigilo backup")]
    NotABackup,
    /// The file was written by a newer build (a format version this build does not read).
    #[error(
        "this backup was written by a newer version of Sigilo (format version {0}); update Sigilo to read it"
    )]
    UnsupportedVersion(u16),
    /// The file is truncated, altered or otherwise inconsistent; the text says which check failed.
    #[error("the backup is damaged or was tampered with: {0}")]
    Damaged(String),
    /// An operating-system level I/O error (e.g. a full disk). Nothing partial was left behind.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// Restore was asked to replace a vault that another window or process has open.
    #[error("the vault is in use by another window or process; close it and try again")]
    Busy,
    /// The destination already exists (a backup file, or a non-empty folder without `replace`).
    #[error("{} already exists (nothing was overwritten)", .0.display())]
    AlreadyExists(PathBuf),
    /// The backup file (or the vault to replace) does not exist.
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    /// An error from the vault (snapshot, keyslots).
    #[error("{0}")]
    Vault(sigilo_vault::VaultError),
}

impl From<sigilo_vault::VaultError> for BackupError {
    /// Keeps the outcomes a caller acts on in the backup's own vocabulary.
    fn from(e: sigilo_vault::VaultError) -> Self {
        use sigilo_vault::VaultError as V;
        match e {
            V::WrongSecret => BackupError::WrongSecret,
            V::Busy => BackupError::Busy,
            V::Io(e) => BackupError::Io(e),
            other => BackupError::Vault(other),
        }
    }
}

pub(crate) fn damaged(msg: impl Into<String>) -> BackupError {
    BackupError::Damaged(msg.into())
}
