//! Shared helpers for the vault's integration tests: toy schemas, fast vault creation, folder snapshots.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sha2::{Digest, Sha256};
use sigilo_vault::{KdfParams, Migrations, Passphrase, RecoveryCode, Secret, Unlock, Vault};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const NOTES_V1: Migrations = Migrations {
    domain: "notes",
    steps: &["CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"],
};
pub const NOTES_V2: Migrations = Migrations {
    domain: "notes",
    steps: &[
        "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
        "ALTER TABLE note ADD COLUMN tag TEXT",
    ],
};
pub const SCHEMA: &[Migrations] = &[NOTES_V1];

pub fn pass(s: &str) -> Passphrase {
    Secret::new(s.to_owned())
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

/// A fresh vault in a new temp dir (the vault folder is `<tmp>/vault`, not yet existing before).
pub fn new_vault(pw: &str) -> (tempfile::TempDir, PathBuf, Vault, RecoveryCode) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (v, code) = Vault::create_with_kdf(&dir, &pass(pw), SCHEMA, fast()).unwrap();
    (tmp, dir, v, code)
}

/// SHA-256 of every file in `dir`, by name.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            let bytes = std::fs::read(e.path()).unwrap();
            out.insert(
                e.file_name().to_string_lossy().into_owned(),
                Sha256::digest(&bytes).to_vec(),
            );
        }
    }
    out
}

/// Opens `sigilo.db` with a fresh rusqlite connection keyed with a raw key, as an external tool would.
pub fn external_open(dir: &Path, raw_hex: &str) -> rusqlite::Result<rusqlite::Connection> {
    let c = rusqlite::Connection::open(dir.join("sigilo.db"))?;
    c.execute_batch(&format!("PRAGMA key = \"x'{raw_hex}'\";"))
        .or_else(|_| c.query_row(&format!("PRAGMA key = \"x'{raw_hex}'\""), [], |_| Ok(())))?;
    c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(c)
}
