//! Shared helpers for the CLI's integration tests: vaults in temp dirs and running the real `sigilo` binary.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sigilo_api::{SecretString, Session};
use sigilo_vault::{KdfParams, Vault};

pub const PASS: &str = "correct horse battery staple";

/// A vault made with cheap key derivation (tests only), locked again; returns the temp dir, the vault folder
/// and the recovery code.
pub fn fast_vault() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let kdf = KdfParams::insecure_fast_for_tests();
    let (vault, code) = Vault::create_with_kdf(
        &dir,
        &SecretString::new(PASS.into()),
        &sigilo_api::schema(),
        kdf,
    )
    .unwrap();
    let code = code.to_display().expose().clone();
    Session::from_vault(vault).lock();
    (tmp, dir, code)
}

/// The `sigilo` binary with a clean environment pointing at `vault`.
pub fn sigilo(vault: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sigilo"));
    cmd.env_remove("SIGILO_PASSPHRASE")
        .env_remove("SIGILO_RECOVERY_CODE")
        .env_remove("SIGILO_NEW_PASSPHRASE")
        .env("SIGILO_VAULT", vault)
        .stdin(std::process::Stdio::null());
    cmd
}

/// Runs `sigilo ARGS` unlocked with the test passphrase.
pub fn run(vault: &Path, args: &[&str]) -> Output {
    sigilo(vault)
        .env("SIGILO_PASSPHRASE", PASS)
        .args(args)
        .output()
        .unwrap()
}

/// Runs and asserts success; returns stdout.
pub fn ok(vault: &Path, args: &[&str]) -> String {
    let out = run(vault, args);
    assert!(
        out.status.success(),
        "sigilo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn json(vault: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(vault, args)).unwrap()
}

pub fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Every file under `dir` with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Opens the vault's database with a plain SQLCipher connection and a raw key, outside Sigilo's own code path.
pub fn open_raw(vault: &Path, raw_key: &str) -> rusqlite::Result<rusqlite::Connection> {
    let conn = rusqlite::Connection::open(vault.join("sigilo.db"))?;
    conn.execute_batch(&format!("PRAGMA key = \"x'{raw_key}'\";"))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}
