//! Migrations: upgrade of a vault made by an earlier schema, refusal of a newer one, failed steps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;
use sigilo_vault::{Migrations, Vault, VaultError};

#[test]
fn upgrade_keeps_data_and_newer_is_refused() {
    let (_t, dir, v, _code) = new_vault("pw"); // schema v1
    v.conn()
        .execute("INSERT INTO note (body) VALUES ('kept')", [])
        .unwrap();
    v.lock();

    let v = Vault::open(&dir, &unlock_pass("pw"), &[NOTES_V2]).unwrap();
    let info = v.info().unwrap();
    assert_eq!(info.schema.get("notes"), Some(&2));
    assert_eq!(info.schema_version, 2);
    let (body, tag): (String, Option<String>) = v
        .conn()
        .query_row("SELECT body, tag FROM note", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((body.as_str(), tag), ("kept", None));
    let applied: i64 = v
        .conn()
        .query_row(
            "SELECT count(*) FROM schema_migrations WHERE applied_at LIKE '____-__-__T%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(applied, 2);
    v.lock();

    let e = Vault::open(&dir, &unlock_pass("pw"), &[NOTES_V1]).unwrap_err();
    assert!(
        matches!(e, VaultError::NewerSchema { ref domain, found: 2, supported: 1 } if domain == "notes"),
        "{e:?}"
    );
    assert_eq!(
        e.to_string(),
        "this vault was written by a newer version of Sigilo (domain notes at version 2, this build knows 1)"
    );

    // A domain this build does not know at all.
    let e = Vault::open(&dir, &unlock_pass("pw"), &[]).unwrap_err();
    assert!(
        matches!(e, VaultError::NewerSchema { ref domain, found: 2, supported: 0 } if domain == "notes"),
        "{e:?}"
    );
    // Still opens with the right schema, unchanged.
    let v = Vault::open(&dir, &unlock_pass("pw"), &[NOTES_V2]).unwrap();
    assert_eq!(v.info().unwrap().schema_version, 2);
}

#[test]
fn failing_step_rolls_back_alone() {
    const BROKEN: Migrations = Migrations {
        domain: "notes",
        steps: &[
            "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
            "ALTER TABLE note ADD COLUMN tag TEXT",
            "CREATE TABLE x (a); THIS IS NOT SQL",
        ],
    };
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    let e = Vault::open(&dir, &unlock_pass("pw"), &[BROKEN]).unwrap_err();
    assert!(matches!(e, VaultError::Sqlite(_)), "{e:?}");
    let v = Vault::open(&dir, &unlock_pass("pw"), &[NOTES_V2]).unwrap();
    let info = v.info().unwrap();
    assert_eq!(
        info.schema_version, 2,
        "step 2 committed, step 3 rolled back"
    );
    let x: i64 = v
        .conn()
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'x'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(x, 0);
}

#[test]
fn duplicate_domain_is_rejected() {
    let (_t, dir, v, _code) = new_vault("pw");
    v.lock();
    assert!(Vault::open(&dir, &unlock_pass("pw"), &[NOTES_V1, NOTES_V1]).is_err());
}
