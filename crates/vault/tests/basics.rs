//! Round trip, wrong secrets, not found / already exists, and the external-tool raw key path.
#![allow(clippy::unwrap_used, clippy::expect_used)]

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
