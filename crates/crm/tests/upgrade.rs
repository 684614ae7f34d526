//! A vault written by the first release (schema audit 1, crm 1; committed in crates/api/tests/fixtures/vault-v1)
//! opens with this build's CRM schema, upgrades, and keeps its contacts with the new fields defaulted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use sigilo_crm::companies::{self, NewCompany};
use sigilo_crm::contacts;
use sigilo_crm::deals;
use sigilo_vault::{Migrations, Passphrase, Unlock, Vault};

/// The audit domain as the API registers it (its first and only step), so the fixture's domain list matches.
const AUDIT: Migrations = Migrations {
    domain: "audit",
    steps: &[include_str!("../../api/migrations/0001_audit.sql")],
};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../api/tests/fixtures/vault-v1")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn v1_contacts_survive_the_upgrade_with_new_fields_defaulted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v1");
    copy_dir(&fixture(), &dir);
    let schema = [AUDIT, sigilo_crm::MIGRATIONS];
    let unlock = Unlock::Passphrase(Passphrase::new("fixture passphrase v1".to_owned()));
    let vault = Vault::open(&dir, &unlock, &schema).unwrap();
    let info = vault.info().unwrap();
    assert_eq!(
        info.schema.get("crm").copied(),
        Some(sigilo_crm::MIGRATIONS.steps.len() as u32)
    );
    assert_eq!(
        info.schema_version,
        1 + sigilo_crm::MIGRATIONS.steps.len() as u32
    );
    let c = vault.conn();

    let hits =
        sigilo_crm::search::query_kinds(c, "jose nandu", 5, &[sigilo_crm::RecordKind::Contact])
            .unwrap();
    assert_eq!(hits.len(), 1);
    let jose = contacts::get_full(c, hits[0].id).unwrap();
    assert_eq!(jose.name, "José Ñandú");
    assert_eq!(jose.emails.len(), 1);
    assert_eq!(
        (
            jose.emails[0].label.as_deref(),
            jose.emails[0].value.as_str()
        ),
        (None, "jose@example.es")
    );
    assert_eq!(jose.phones[0].value, "+34 612 345 678");
    assert_eq!(
        jose.company.as_deref(),
        Some("Ñandú S.L."),
        "the v1 free-text company stays"
    );
    assert_eq!(jose.notes.as_deref(), Some("Creado con el esquema v1"));
    assert_eq!(
        (
            jose.company_id,
            jose.job_title,
            jose.birthday,
            jose.source,
            jose.last_interaction_at
        ),
        (None, None, None, None, None)
    );
    assert!(jose.addresses.is_empty());
    assert!(contacts::company_history(c, jose.id).unwrap().is_empty());
    assert_eq!(contacts::count(c).unwrap(), 2);
    assert_eq!(contacts::list(c, 10, None).unwrap().items.len(), 2);

    // The new tables work on the upgraded vault, seeded stages included.
    assert_eq!(deals::stages(c).unwrap().len(), 6);
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Ñandú S.L.".into(),
            ..Default::default()
        },
    )
    .unwrap();
    contacts::link_company(c, jose.id, Some(acme), "2026-11-23", None).unwrap();
    assert_eq!(
        contacts::get_full(c, jose.id).unwrap().company_id,
        Some(acme)
    );
    assert!(vault.check().unwrap().ok);
    vault.lock();

    // And it opens again at the same version.
    let again = Vault::open(&dir, &unlock, &schema).unwrap();
    assert_eq!(
        again.info().unwrap().schema_version,
        1 + sigilo_crm::MIGRATIONS.steps.len() as u32
    );
}

/// A vault at crm step 6 keeps every kind's entries in one shared index (rowid = id × 16 + kind code); step 7
/// splits it into one index per kind, and every old entry is found again, under its kind and id.
#[test]
fn the_shared_search_index_is_split_by_kind() {
    use sigilo_crm::{RecordKind, search};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v6");
    let pass = || Passphrase::new("step six".to_owned());
    let step6 = Migrations {
        domain: "crm",
        steps: &sigilo_crm::MIGRATIONS.steps[..6],
    };
    let (vault, _) = Vault::create_with_kdf(
        &dir,
        &pass(),
        &[step6],
        sigilo_vault::KdfParams::insecure_fast_for_tests(),
    )
    .unwrap();
    // Written as the step-6 code wrote them (kind codes: 1 contact, 2 company, 3 interaction, 4 deal, 5 task).
    vault
        .conn()
        .execute_batch(
            "INSERT INTO search_index (rowid, title, body) VALUES
                 (7 * 16 + 1, 'José Ñandú', 'jose@example.es 34612345678'),
                 (8 * 16 + 1, 'Ana Ruiz', 'ana@example.es'),
                 (3 * 16 + 2, 'Ñandú S.L.', 'B12345678'),
                 (5 * 16 + 3, 'Llamada', 'Presupuesto para Ñandú'),
                 (2 * 16 + 4, 'Reforma oficina', 'Ñandú S.L.'),
                 (9 * 16 + 5, 'Llamar a Ñandú', '');",
        )
        .unwrap();
    vault.lock();

    let vault = Vault::open(&dir, &Unlock::Passphrase(pass()), &[sigilo_crm::MIGRATIONS]).unwrap();
    let c = vault.conn();
    let got: Vec<(RecordKind, Vec<(i64, String)>)> = search::grouped(c, "NANDU", 10)
        .unwrap()
        .into_iter()
        .map(|g| {
            (
                g.kind,
                g.hits.into_iter().map(|h| (h.id, h.title)).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (RecordKind::Contact, vec![(7, "José Ñandú".to_owned())]),
            (RecordKind::Company, vec![(3, "Ñandú S.L.".to_owned())]),
            (RecordKind::Deal, vec![(2, "Reforma oficina".to_owned())]),
            (RecordKind::Interaction, vec![(5, "Llamada".to_owned())]),
            (RecordKind::Task, vec![(9, "Llamar a Ñandú".to_owned())]),
        ]
    );
    assert_eq!(
        search::query_kinds(c, "+34 612", 5, &[RecordKind::Contact]).unwrap()[0].id,
        7
    );
    assert_eq!(search::query_kinds(c, "ana", 5, &[]).unwrap()[0].id, 8);
    // The entries moved; the shared index is gone, and removing an entry works on the new index.
    let shared: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_index%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shared, 0);
    search::remove(c, RecordKind::Contact, 7).unwrap();
    assert!(
        search::query_kinds(c, "nandu", 5, &[RecordKind::Contact])
            .unwrap()
            .is_empty()
    );
    assert!(vault.check().unwrap().ok);
}
