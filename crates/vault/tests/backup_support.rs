//! What the vault offers the backup: consistent snapshots, the backup root key (from the open vault and
//! from a keyslot file with either secret), the raw keyslot bytes, the data key, standalone database checks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_vault::{
    RecoveryCode, Secret, VaultError, backup_root_key_from_keyslots, check_database,
};

#[test]
fn snapshot_is_encrypted_consistent_and_checks_with_the_data_key() {
    let (tmp, dir, v, _) = new_vault("pw");
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('snapshot marker')", [])
        .unwrap();
    let snap = tmp.path().join("snap.db");
    v.snapshot_to(&snap).unwrap();
    let bytes = std::fs::read(&snap).unwrap();
    assert!(!bytes.windows(15).any(|w| w == b"snapshot marker"));
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let report = check_database(&snap, &v.data_key()).unwrap();
    assert!(report.ok, "{:?}", report.problems);
    // An external SQLCipher connection with the raw key reads the row.
    let copy = tmp.path().join("copy");
    std::fs::create_dir(&copy).unwrap();
    std::fs::copy(&snap, copy.join("sigilo.db")).unwrap();
    let c = external_open(&copy, v.raw_key_hex().expose()).unwrap();
    let body: String = c
        .query_row("SELECT body FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "snapshot marker");
    // Never over an existing file; the vault folder is untouched by a snapshot elsewhere.
    assert!(matches!(
        v.snapshot_to(&snap),
        Err(VaultError::AlreadyExists(_))
    ));
    assert_eq!(
        hex::encode(v.data_key().expose()),
        *v.raw_key_hex().expose()
    );
    assert!(dir.join("sigilo.db").is_file());
}

#[test]
fn check_database_refuses_a_wrong_key_and_a_missing_file() {
    let (tmp, _dir, v, _) = new_vault("pw");
    let snap = tmp.path().join("s.db");
    v.snapshot_to(&snap).unwrap();
    assert!(matches!(
        check_database(&snap, &Secret::new([9u8; 32])),
        Err(VaultError::Damaged(_))
    ));
    assert!(matches!(
        check_database(&tmp.path().join("none.db"), &v.data_key()),
        Err(VaultError::NotFound(_))
    ));
    // A damaged page is reported as a problem (or as damage), never as ok.
    let mut bytes = std::fs::read(&snap).unwrap();
    let at = bytes.len() - 100;
    bytes[at] ^= 0xFF;
    std::fs::write(&snap, &bytes).unwrap();
    match check_database(&snap, &v.data_key()) {
        Ok(r) => assert!(!r.ok),
        Err(VaultError::Damaged(_)) => {}
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn backup_root_key_is_the_same_from_the_vault_and_from_either_secret() {
    let (_tmp, dir, mut v, code) = new_vault("pw");
    let ks = v.keyslots_bytes().unwrap();
    assert_eq!(ks, std::fs::read(dir.join("keyslots.json")).unwrap());
    let root = v.backup_root_key();
    let from_pass = backup_root_key_from_keyslots(&ks, &unlock_pass("pw")).unwrap();
    let from_code = backup_root_key_from_keyslots(&ks, &unlock_code(&code)).unwrap();
    assert_eq!(root.expose(), from_pass.expose());
    assert_eq!(root.expose(), from_code.expose());
    assert_ne!(root.expose(), v.data_key().expose());
    assert!(matches!(
        backup_root_key_from_keyslots(&ks, &unlock_pass("nope")),
        Err(VaultError::WrongSecret)
    ));
    let other = RecoveryCode::generate().unwrap();
    assert!(matches!(
        backup_root_key_from_keyslots(&ks, &unlock_code(&other)),
        Err(VaultError::WrongSecret)
    ));
    assert!(matches!(
        backup_root_key_from_keyslots(b"not json", &unlock_pass("pw")),
        Err(VaultError::Damaged(_))
    ));
    // Stable across passphrase changes and data-key rotation (it derives from the vault key).
    v.set_kdf_for_new_wraps(fast());
    v.change_passphrase(&pass("new")).unwrap();
    v.rotate_data_key().unwrap();
    assert_eq!(v.backup_root_key().expose(), root.expose());
    let ks2 = v.keyslots_bytes().unwrap();
    assert_eq!(
        backup_root_key_from_keyslots(&ks2, &unlock_pass("new"))
            .unwrap()
            .expose(),
        root.expose()
    );
    // Another vault has another root key.
    let (_t2, _d2, w, _) = new_vault("pw");
    assert_ne!(w.backup_root_key().expose(), root.expose());
    assert_eq!(v.schema_version().unwrap(), 1);
    assert_eq!(v.vault_id(), v.info().unwrap().vault_id);
}

#[test]
fn keyslots_bytes_refuses_a_foreign_keyslot_file() {
    let (_t, dir, v, _) = new_vault("pw");
    let (_t2, dir2, w, _) = new_vault("pw");
    w.lock();
    std::fs::copy(dir2.join("keyslots.json"), dir.join("keyslots.json")).unwrap();
    assert!(matches!(v.keyslots_bytes(), Err(VaultError::Damaged(_))));
}

#[test]
fn open_puts_back_a_previous_vault_left_by_an_interrupted_restore() {
    let (tmp, dir, v, _) = new_vault("pw");
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('old')", [])
        .unwrap();
    v.lock();
    // The state a crash leaves between "old → previous" and "new → dir" (no exchange rename).
    let previous = tmp.path().join("vault.previous-1700000000");
    std::fs::rename(&dir, &previous).unwrap();
    // An unrelated look-alike is never taken.
    std::fs::create_dir(tmp.path().join("vault.previous-x")).unwrap();
    let v = sigilo_vault::Vault::open(&dir, &unlock_pass("pw"), SCHEMA).unwrap();
    let n: i64 = v
        .conn()
        .query_row("SELECT count(*) FROM note", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    assert!(!previous.exists());
    // Nothing to repair: still NotFound.
    assert!(matches!(
        sigilo_vault::Vault::open(&tmp.path().join("other"), &unlock_pass("pw"), SCHEMA),
        Err(VaultError::NotFound(_))
    ));
}
