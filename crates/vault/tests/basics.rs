//! Round trip, wrong secrets, not found / already exists, and the external-tool raw key path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_vault::{Unlock, Vault, VaultError};

#[test]
fn create_write_lock_open_read() {
    let (_t, dir, v, code) = new_vault("correct horse");
    assert!(Vault::exists(&dir));
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('hello')", [])
        .unwrap();
    v.lock();
    let v = Vault::open(&dir, &unlock_pass("correct horse"), SCHEMA).unwrap();
    let body: String = v
        .conn()
        .query_row("SELECT body FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "hello");
    drop(v);
    let v = Vault::open(&dir, &unlock_code(&code), SCHEMA).unwrap();
    let n: i64 = v
        .conn()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn wrong_passphrase_changes_nothing() {
    let (_t, dir, v, _code) = new_vault("right");
    v.lock();
    let before = snapshot(&dir);
    let e = Vault::open(&dir, &unlock_pass("wrong"), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::WrongSecret));
    assert_eq!(e.to_string(), "wrong passphrase or damaged keyslot");
    assert_eq!(snapshot(&dir), before);
    let other = sigilo_vault::RecoveryCode::generate().unwrap();
    let e = Vault::open(&dir, &Unlock::RecoveryCode(other), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::WrongSecret));
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn raw_key_opens_database_externally() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('x')", [])
        .unwrap();
    let key = v.raw_key_hex();
    assert_eq!(key.expose().len(), 64);
    v.lock();
    let c = external_open(&dir, key.expose()).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn recovery_code_typo_is_caught_before_unlock() {
    let (_t, dir, v, code) = new_vault("pw");
    v.lock();
    let text = code.to_display().expose().clone();
    // Swap two adjacent different characters in the first group.
    let mut chars: Vec<char> = text.chars().collect();
    let i = (0..3).find(|&i| chars[i] != chars[i + 1]).unwrap();
    chars.swap(i, i + 1);
    let typo: String = chars.into_iter().collect();
    assert!(matches!(
        sigilo_vault::RecoveryCode::parse(&typo),
        Err(VaultError::RecoveryCodeTypo)
    ));
    // Lenient forms of the right code still open.
    let lenient = text.to_lowercase().replace('-', " ");
    let c = sigilo_vault::RecoveryCode::parse(&lenient).unwrap();
    Vault::open(&dir, &Unlock::RecoveryCode(c), SCHEMA).unwrap();
}

#[test]
fn not_found() {
    let t = tempfile::tempdir().unwrap();
    let missing = t.path().join("nope");
    let e = Vault::open(&missing, &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(
        matches!(e, VaultError::NotFound(ref p) if p == &missing),
        "{e:?}"
    );
    assert!(!missing.exists(), "open must not create the folder");
    // A folder without a keyslot file.
    let e = Vault::open(t.path(), &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::NotFound(_)), "{e:?}");
    assert!(
        std::fs::read_dir(t.path()).unwrap().next().is_none(),
        "nothing created"
    );
    assert!(!Vault::exists(t.path()));
}

#[test]
fn already_exists_overwrites_nothing() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let before = snapshot(&dir);
    let e = Vault::create_with_kdf(&dir, &pass("other"), SCHEMA, fast()).unwrap_err();
    assert!(matches!(e, VaultError::AlreadyExists(_)), "{e:?}");
    assert_eq!(snapshot(&dir), before);
    Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();

    // Only a database (keyslots lost): still refused, the database is kept.
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("sigilo.db"), b"precious").unwrap();
    let e = Vault::create_with_kdf(t.path(), &pass("pw"), SCHEMA, fast()).unwrap_err();
    assert!(matches!(e, VaultError::AlreadyExists(_)), "{e:?}");
    assert_eq!(
        std::fs::read(t.path().join("sigilo.db")).unwrap(),
        b"precious"
    );

    // A regular file where the folder should be.
    let f = t.path().join("file");
    std::fs::write(&f, b"x").unwrap();
    let e = Vault::create_with_kdf(&f, &pass("pw"), SCHEMA, fast()).unwrap_err();
    assert!(matches!(e, VaultError::AlreadyExists(_)), "{e:?}");
}

#[test]
fn create_in_existing_empty_folder() {
    let t = tempfile::tempdir().unwrap();
    let (v, _code) = Vault::create_with_kdf(t.path(), &pass("pw"), SCHEMA, fast()).unwrap();
    assert_eq!(v.dir(), t.path());
    assert!(Vault::exists(t.path()));
}

#[test]
fn info_reports_without_secrets() {
    let (_t, dir, v, _code) = new_vault("a passphrase");
    let info = v.info().unwrap();
    assert_eq!(info.database_path, dir.join("sigilo.db"));
    assert_eq!(info.schema_version, 1);
    assert_eq!(info.schema.get("notes"), Some(&1));
    assert!(!info.cipher_version.is_empty());
    assert_eq!(info.keyslots.len(), 2);
    assert!(info.keyslots.iter().all(|k| k.kdf == fast()));
    let json = serde_json::to_string(&info).unwrap();
    assert!(!json.contains("a passphrase"));
    assert!(!json.contains(v.raw_key_hex().expose().as_str()));
    assert!(json.contains("\"recovery_code\""));
    let dbg = format!("{v:?} {:?}", unlock_pass("a passphrase"));
    assert!(!dbg.contains("a passphrase"));
    let report = v.check().unwrap();
    assert!(report.ok, "{:?}", report.problems);
}

#[test]
fn open_timed_splits_phases() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let (_v, timing) = Vault::open_timed(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    eprintln!("unlock timing (test KDF params, debug build): {timing:?}");
    assert!(timing.kdf > std::time::Duration::ZERO);
    assert!(timing.rest > std::time::Duration::ZERO);
}

#[test]
fn empty_schema_and_several_domains() {
    const TAGS: sigilo_vault::Migrations = sigilo_vault::Migrations {
        domain: "tags",
        steps: &[
            "CREATE TABLE tag (name TEXT PRIMARY KEY)",
            "CREATE INDEX tag_i ON tag(name)",
        ],
    };
    let t = tempfile::tempdir().unwrap();
    let (v, _) = Vault::create_with_kdf(t.path(), &pass("pw"), &[], fast()).unwrap();
    assert_eq!(v.info().unwrap().schema_version, 0);
    v.lock();
    let v = Vault::open(t.path(), &unlock_pass("pw"), &[NOTES_V1, TAGS]).unwrap();
    let info = v.info().unwrap();
    assert_eq!(info.schema_version, 3);
    assert_eq!(info.schema.get("tags"), Some(&2));
}
