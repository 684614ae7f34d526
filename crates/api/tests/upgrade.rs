//! Vaults written by earlier builds keep opening: `fixtures/vault-v1` was written by the first release's schema
//! (audit 1, crm 1) and is committed as it was. Each build opens a copy, upgrades it to its own schema, and
//! finds the data intact. Never regenerate the fixture; add a new one when the schema changes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use sigilo_api::{ContactInput, SecretString, Session, UnlockKind};

const PASS: &str = "fixture passphrase v1";
const RECOVERY: &str = include_str!("fixtures/vault-v1.recovery-code");

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-v1")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_vault_from_schema_v1_opens_upgrades_and_keeps_its_data() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v1");
    copy_dir(&fixture(), &dir);
    let mut s = Session::open(
        &dir,
        &SecretString::new(PASS.into()),
        UnlockKind::Passphrase,
    )
    .unwrap();
    let info = s.vault_info().unwrap();
    let known: u32 = sigilo_api::schema()
        .iter()
        .map(|m| m.steps.len() as u32)
        .sum();
    assert_eq!(
        info.schema_version, known,
        "upgraded to this build's schema"
    );
    let hits = s.search("jose nandu", 5).unwrap();
    assert_eq!(hits.len(), 1);
    let c = s.contact_get(&hits[0].id).unwrap();
    assert_eq!(c.name, "José Ñandú");
    assert_eq!(c.emails, vec!["jose@example.es"]);
    assert_eq!(s.contact_window(0, 10).unwrap().total, 2);
    s.contact_add(ContactInput {
        name: "Después de actualizar".into(),
        ..Default::default()
    })
    .unwrap();
    assert!(s.vault_check().unwrap().ok);
    s.lock();
    let again = Session::open(
        &dir,
        &SecretString::new(RECOVERY.trim().into()),
        UnlockKind::RecoveryCode,
    )
    .unwrap();
    assert_eq!(again.contact_window(0, 10).unwrap().total, 3);
}

/// Writes the fixture. Run once, by hand, when the fixture is first made: `cargo test -p sigilo-api --test
/// upgrade -- --ignored make_fixture`; never again for the same version.
#[test]
#[ignore]
fn make_fixture() {
    let dir = fixture();
    assert!(!dir.exists(), "the fixture exists; never regenerate it");
    let kdf = sigilo_vault::KdfParams::insecure_fast_for_tests();
    let (vault, code) = sigilo_vault::Vault::create_with_kdf(
        &dir,
        &SecretString::new(PASS.into()),
        &sigilo_api::schema(),
        kdf,
    )
    .unwrap();
    std::fs::write(
        dir.with_extension("recovery-code"),
        code.to_display().expose(),
    )
    .unwrap();
    let mut s = Session::from_vault(vault);
    s.contact_add(ContactInput {
        name: "José Ñandú".into(),
        emails: vec!["jose@example.es".into()],
        phones: vec!["+34 612 345 678".into()],
        company: Some("Ñandú S.L.".into()),
        notes: Some("Creado con el esquema v1".into()),
        ..Default::default()
    })
    .unwrap();
    s.contact_add(ContactInput {
        name: "Ana López".into(),
        ..Default::default()
    })
    .unwrap();
    s.lock();
    let _ = std::fs::remove_file(dir.join("sigilo.lock"));
}
