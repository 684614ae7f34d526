//! Shared helpers for the backup's integration tests: real SQLCipher vaults with cheap KDF, fast backups.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigilo_backup::{BackupError, BackupSecret, BackupSummary, Protection, TestOptions};
use sigilo_vault::{KdfParams, Migrations, Passphrase, RecoveryCode, Secret, Unlock, Vault};
use std::path::{Path, PathBuf};

pub const SCHEMA: &[Migrations] = &[Migrations {
    domain: "notes",
    steps: &["CREATE TABLE note (id INTEGER PRIMARY KEY, body BLOB NOT NULL, tag TEXT)"],
}];

pub fn pass(s: &str) -> Passphrase {
    Secret::new(s.to_owned())
}

pub fn secret(s: &str) -> BackupSecret {
    BackupSecret::Passphrase(pass(s))
}

pub fn code_secret(c: &RecoveryCode) -> BackupSecret {
    BackupSecret::RecoveryCode(RecoveryCode::parse(c.to_display().expose()).unwrap())
}

pub fn unlock_pass(s: &str) -> Unlock {
    Unlock::Passphrase(pass(s))
}

pub fn unlock_code(c: &RecoveryCode) -> Unlock {
    Unlock::RecoveryCode(RecoveryCode::parse(c.to_display().expose()).unwrap())
}

pub fn fast() -> KdfParams {
    KdfParams::insecure_fast_for_tests()
}

/// A fresh vault at `<tmp>/vault`.
pub fn new_vault(pw: &str) -> (tempfile::TempDir, PathBuf, Vault, RecoveryCode) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (v, code) = Vault::create_with_kdf(&dir, &pass(pw), SCHEMA, fast()).unwrap();
    (tmp, dir, v, code)
}

/// Deterministic pseudo-random bytes (xorshift), so blobs do not compress and tests repeat.
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Inserts `n` notes of `size` bytes each, in one transaction.
pub fn add_notes(v: &mut Vault, n: usize, size: usize, tag: &str) {
    let tx = v.conn_mut().transaction().unwrap();
    for i in 0..n {
        tx.execute(
            "INSERT INTO note (body, tag) VALUES (?1, ?2)",
            rusqlite_params(noise(i as u64 + 1, size), tag),
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn rusqlite_params(body: Vec<u8>, tag: &str) -> (Vec<u8>, String) {
    (body, tag.to_owned())
}

/// Every note, in id order.
pub fn notes(v: &Vault) -> Vec<(i64, Vec<u8>, Option<String>)> {
    let mut st = v
        .conn()
        .prepare("SELECT id, body, tag FROM note ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A backup with cheap KDF parameters and 4 KiB chunks.
pub fn backup(
    v: &Vault,
    out: &Path,
    protection: Protection<'_>,
) -> Result<BackupSummary, BackupError> {
    sigilo_backup::create_with_options(v, out, protection, TestOptions::fast(), &mut |_| {})
}

/// Names of the entries of a folder (sorted).
pub fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Whether the error is one a damaged or foreign file may produce.
pub fn is_refusal(e: &BackupError) -> bool {
    matches!(
        e,
        BackupError::WrongSecret
            | BackupError::Damaged(_)
            | BackupError::NotABackup
            | BackupError::UnsupportedVersion(_)
    )
}
