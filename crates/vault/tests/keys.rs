//! Passphrase change, recovery-code regeneration, data-key rotation (with its crash states), locking, KDF defaults.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_vault::{KdfParams, KeyslotKind, Unlock, Vault, VaultError};
use std::path::Path;

fn count(v: &Vault) -> i64 {
    v.conn()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn change_passphrase_keeps_recovery_code() {
    let (_t, dir, mut v, code) = new_vault("old");
    v.set_kdf_for_new_wraps(fast());
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('a')", [])
        .unwrap();
    let db_before = std::fs::read(dir.join("sigilo.db")).unwrap();
    v.change_passphrase(&pass("new")).unwrap();
    v.lock();
    assert_eq!(
        std::fs::read(dir.join("sigilo.db")).unwrap().len(),
        db_before.len()
    );
    assert!(matches!(
        Vault::open(&dir, &unlock_pass("old"), SCHEMA),
        Err(VaultError::WrongSecret)
    ));
    assert_eq!(
        count(&Vault::open(&dir, &unlock_pass("new"), SCHEMA).unwrap()),
        1
    );
    assert_eq!(
        count(&Vault::open(&dir, &unlock_code(&code), SCHEMA).unwrap()),
        1
    );
    let info = Vault::open(&dir, &unlock_pass("new"), SCHEMA)
        .unwrap()
        .info()
        .unwrap();
    assert_eq!(
        info.keyslots
            .iter()
            .filter(|k| k.kind == KeyslotKind::Passphrase)
            .count(),
        1
    );
}

#[test]
fn regenerate_recovery_code_replaces_old() {
    let (_t, dir, mut v, old) = new_vault("pw");
    v.set_kdf_for_new_wraps(fast());
    let new = v.regenerate_recovery_code().unwrap();
    assert_ne!(new.to_display().expose(), old.to_display().expose());
    v.lock();
    assert!(matches!(
        Vault::open(&dir, &unlock_code(&old), SCHEMA),
        Err(VaultError::WrongSecret)
    ));
    Vault::open(&dir, &unlock_code(&new), SCHEMA).unwrap();
    Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    let info = Vault::open(&dir, &unlock_pass("pw"), SCHEMA)
        .unwrap()
        .info()
        .unwrap();
    assert_eq!(
        info.keyslots
            .iter()
            .filter(|k| k.kind == KeyslotKind::RecoveryCode)
            .count(),
        1
    );
}

#[test]
fn rotation_changes_the_raw_key() {
    let (_t, dir, mut v, code) = new_vault("pw");
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('kept')", [])
        .unwrap();
    let old_key = v.raw_key_hex().expose().clone();
    v.rotate_data_key().unwrap();
    let new_key = v.raw_key_hex().expose().clone();
    assert_ne!(old_key, new_key);
    // The same handle keeps working after rotation.
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('after')", [])
        .unwrap();
    assert_eq!(count(&v), 2);
    assert!(v.check().unwrap().ok);
    v.lock();
    assert!(
        external_open(&dir, &old_key).is_err(),
        "old raw key must not open the database"
    );
    let c = external_open(&dir, &new_key).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);
    drop(c);
    let v = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    assert_eq!(v.raw_key_hex().expose(), &new_key);
    assert_eq!(count(&v), 2);
    drop(v);
    Vault::open(&dir, &unlock_code(&code), SCHEMA).unwrap();
    let ks: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("keyslots.json")).unwrap()).unwrap();
    assert!(ks.get("pending_data_key").is_none());
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

/// Builds every on-disk state a crash during rotation can leave, and opens each.
#[test]
fn rotation_crash_states_all_open() {
    let (t, dir, v, _code) = new_vault("pw");
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('x')", [])
        .unwrap();
    let k0 = v.raw_key_hex().expose().clone();
    v.lock();
    let before = t.path().join("before");
    copy_dir(&dir, &before); // database under K0, keyslots with K0
    let ks0 = read_json(&dir.join("keyslots.json"));

    let mut v = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    v.rotate_data_key().unwrap();
    let k1 = v.raw_key_hex().expose().clone();
    v.lock();
    let ks1 = read_json(&dir.join("keyslots.json"));
    let mut pending = ks0.clone();
    pending["pending_data_key"] = ks1["data_key"].clone();

    // Crash after step 1 (pending written, database not yet rekeyed): old key stays current.
    let a = t.path().join("a");
    copy_dir(&before, &a);
    std::fs::write(
        a.join("keyslots.json"),
        serde_json::to_vec(&pending).unwrap(),
    )
    .unwrap();
    let v = Vault::open(&a, &unlock_pass("pw"), SCHEMA).unwrap();
    assert_eq!(v.raw_key_hex().expose(), &k0);
    assert_eq!(count(&v), 1);
    drop(v);
    let ks = read_json(&a.join("keyslots.json"));
    assert!(ks.get("pending_data_key").is_none());
    assert_eq!(ks["data_key"], ks0["data_key"]);

    // Crash after step 2 (database rekeyed, keyslots still name K0 current, K1 pending): K1 is promoted.
    let b = t.path().join("b");
    copy_dir(&dir, &b);
    std::fs::write(
        b.join("keyslots.json"),
        serde_json::to_vec(&pending).unwrap(),
    )
    .unwrap();
    let v = Vault::open(&b, &unlock_pass("pw"), SCHEMA).unwrap();
    assert_eq!(v.raw_key_hex().expose(), &k1);
    assert_eq!(count(&v), 1);
    drop(v);
    let ks = read_json(&b.join("keyslots.json"));
    assert!(ks.get("pending_data_key").is_none());
    assert_eq!(ks["data_key"], ks1["data_key"]);
    Vault::open(&b, &unlock_pass("pw"), SCHEMA).unwrap();

    // Crash while writing a keyslot file: a stray temporary file is ignored.
    let c = t.path().join("c");
    copy_dir(&dir, &c);
    std::fs::write(c.join(".keyslots.json.0011223344556677.tmp"), b"{\"trunc").unwrap();
    let v = Vault::open(&c, &unlock_pass("pw"), SCHEMA).unwrap();
    assert_eq!(v.raw_key_hex().expose(), &k1);
}

#[test]
fn rotation_is_refused_while_another_handle_is_open() {
    let (_t, dir, mut v, _code) = new_vault("pw");
    let other = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    let key = v.raw_key_hex().expose().clone();
    let e = v.rotate_data_key().unwrap_err();
    assert!(matches!(e, VaultError::Busy), "{e:?}");
    assert_eq!(v.raw_key_hex().expose(), &key);
    // Both handles still work.
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('a')", [])
        .unwrap();
    other
        .conn()
        .execute("INSERT INTO note (body) VALUES ('b')", [])
        .unwrap();
    drop(other);
    v.rotate_data_key().unwrap();
    assert_eq!(count(&v), 2);
    // And the vault can be opened again afterwards (shared lock re-taken, not exclusive).
    let again = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    assert_eq!(count(&again), 2);
}

#[test]
fn open_waits_then_reports_busy_during_exclusive_use() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(dir.join("sigilo.lock"))
        .unwrap();
    f.lock().unwrap();
    let e = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap_err();
    assert!(matches!(e, VaultError::Busy), "{e:?}");
    f.unlock().unwrap();
    Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
}

/// The one test with real parameters: shipped defaults and every new wrap use `recommended()`.
#[test]
fn new_wraps_use_recommended_parameters() {
    let r = KdfParams::recommended();
    assert!(r.m_cost_kib >= 64 * 1024, "at least 64 MiB");
    assert!(r.t_cost >= 1 && r.p_cost >= 1);

    // A vault made with test parameters; a plain `open` then wraps with the defaults.
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let mut v = Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    v.change_passphrase(&pass("new")).unwrap();
    let code = v.regenerate_recovery_code().unwrap();
    let info = v.info().unwrap();
    assert!(
        info.keyslots.iter().all(|k| k.kdf == r),
        "{:?}",
        info.keyslots
    );
    v.lock();
    Vault::open(&dir, &Unlock::RecoveryCode(code), SCHEMA).unwrap();

    // `create` (the shipped path) uses the defaults too.
    let t = tempfile::tempdir().unwrap();
    let (v, _code) = Vault::create(t.path(), &pass("pw"), SCHEMA).unwrap();
    assert!(v.info().unwrap().keyslots.iter().all(|k| k.kdf == r));
}
