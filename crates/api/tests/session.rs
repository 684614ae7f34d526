//! Integration tests of the API's use cases on real SQLCipher vaults in temp dirs: contacts, search, paging,
//! validation and the audit hook.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sigilo_api::{ContactInput, ErrorCode, SecretString, Session, UnlockKind};
use sigilo_vault::{KdfParams, Vault};

fn pass() -> SecretString {
    SecretString::new("correct horse battery".to_owned())
}

fn new_session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let kdf = KdfParams::insecure_fast_for_tests();
    let (vault, _) =
        Vault::create_with_kdf(&dir.path().join("v"), &pass(), &sigilo_api::schema(), kdf).unwrap();
    (dir, Session::from_vault(vault))
}

fn person(name: &str) -> ContactInput {
    ContactInput {
        name: name.to_owned(),
        ..Default::default()
    }
}

fn audit_count(session_dir: &std::path::Path, action: &str) -> i64 {
    // Read the audit log through a second, independent unlock of the same vault.
    let s = Session::open(session_dir, &pass(), UnlockKind::Passphrase).unwrap();
    let key = s.raw_key_hex();
    let conn = rusqlite::Connection::open(session_dir.join("sigilo.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.expose()))
        .unwrap();
    conn.query_row(
        "SELECT count(*) FROM audit_event WHERE action = ?1",
        [action],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn contact_round_trip_and_every_write_is_audited() {
    let (dir, mut s) = new_session();
    let vault = dir.path().join("v");
    let input = ContactInput {
        name: "  José Álvarez  ".into(),
        emails: vec![
            "jose@example.es".into(),
            " ".into(),
            "j.alvarez@work.example".into(),
        ],
        phones: vec!["+34 612 345 678".into()],
        company: Some("Ñandú S.L.".into()),
        notes: Some("Prefiere llamadas por la tarde".into()),
        ..Default::default()
    };
    let id = s.contact_add(input).unwrap();
    let c = s.contact_get(&id).unwrap();
    assert_eq!(c.name, "José Álvarez");
    assert_eq!(c.emails, vec!["jose@example.es", "j.alvarez@work.example"]);
    assert_eq!(c.phones, vec!["+34 612 345 678"]);
    assert_eq!(c.company.as_deref(), Some("Ñandú S.L."));

    s.contact_update(
        &id,
        ContactInput {
            name: "José Álvarez Ruiz".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let c = s.contact_get(&id).unwrap();
    assert_eq!(c.name, "José Álvarez Ruiz");
    assert!(c.emails.is_empty() && c.company.is_none());

    s.contact_delete(&id).unwrap();
    assert_eq!(s.contact_get(&id).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(s.contact_delete(&id).unwrap_err().code, ErrorCode::NotFound);
    assert!(s.search("alvarez", 10).unwrap().is_empty());
    s.lock();

    assert_eq!(audit_count(&vault, "create"), 1);
    assert_eq!(audit_count(&vault, "update"), 1);
    assert_eq!(audit_count(&vault, "delete"), 1);
}

#[test]
fn a_failed_write_leaves_neither_change_nor_audit_event() {
    let (dir, mut s) = new_session();
    let bad = ContactInput {
        name: "Ana".into(),
        emails: vec!["ana-at-example".into()],
        ..Default::default()
    };
    let err = s.contact_add(bad).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.starts_with("emails:"), "{}", err.message);
    let many = vec![
        person("Uno"),
        ContactInput {
            name: " ".into(),
            ..Default::default()
        },
    ];
    let err = s.contact_add_many(many).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("contact 2") && err.message.contains("name"),
        "{}",
        err.message
    );
    assert_eq!(s.contact_window(0, 10).unwrap().total, 0);
    s.lock();
    assert_eq!(audit_count(&dir.path().join("v"), "create"), 0);
}

#[test]
fn validation_names_the_field() {
    let (_dir, mut s) = new_session();
    let cases = [
        (
            ContactInput {
                name: "".into(),
                ..Default::default()
            },
            "name",
        ),
        (
            ContactInput {
                name: "x".repeat(201),
                ..Default::default()
            },
            "name",
        ),
        (
            ContactInput {
                name: "A".into(),
                emails: vec!["a@b".into()],
                ..Default::default()
            },
            "emails",
        ),
        (
            ContactInput {
                name: "A".into(),
                emails: vec!["a b@c.es".into()],
                ..Default::default()
            },
            "emails",
        ),
        (
            ContactInput {
                name: "A".into(),
                phones: vec!["12345".into()],
                ..Default::default()
            },
            "phones",
        ),
        (
            ContactInput {
                name: "A".into(),
                phones: vec!["612 34x 678".into()],
                ..Default::default()
            },
            "phones",
        ),
        (
            ContactInput {
                name: "A".into(),
                phones: vec!["61+2345678".into()],
                ..Default::default()
            },
            "phones",
        ),
    ];
    for (input, field) in cases {
        let err = s.contact_add(input.clone()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{input:?}");
        assert!(
            err.message.starts_with(&format!("{field}:")),
            "{input:?}: {}",
            err.message
        );
    }
    assert_eq!(s.contact_get("abc").unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(s.contact_get("-1").unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn search_folds_accents_and_case_and_matches_prefixes() {
    let (_dir, mut s) = new_session();
    let jose = s
        .contact_add(ContactInput {
            name: "José Ñandú".into(),
            emails: vec!["pepe@correo.example".into()],
            phones: vec!["+34 612 345 678".into()],
            company: Some("Cerámicas Óscar".into()),
            notes: Some("Conocido en la feria de Valencia".into()),
            ..Default::default()
        })
        .unwrap();
    s.contact_add(person("Josefina Pérez")).unwrap();
    s.contact_add(person("Ana López")).unwrap();

    let ids = |q: &str| {
        s.search(q, 20)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("jose nandu"), vec![jose.clone()]);
    assert_eq!(ids("JOSÉ ÑANDÚ"), vec![jose.clone()]);
    assert_eq!(ids("nand"), vec![jose.clone()]);
    assert_eq!(ids("jos").len(), 2);
    assert_eq!(ids("pepe@correo"), vec![jose.clone()]);
    assert_eq!(ids("612 345"), vec![jose.clone()]);
    assert_eq!(ids("612345678"), vec![jose.clone()]);
    assert_eq!(ids("ceramicas"), vec![jose.clone()]);
    assert_eq!(ids("valencia"), vec![jose.clone()]);
    let hit = &s.search("jose nandu", 5).unwrap()[0];
    assert_eq!(hit.title, "José Ñandú");
    assert_eq!(hit.subtitle.as_deref(), Some("Cerámicas Óscar"));
    // Names rank above text elsewhere.
    s.contact_add(ContactInput {
        name: "Marta".into(),
        notes: Some("amiga de Lopez".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(s.search("lopez", 5).unwrap()[0].title, "Ana López");
    // Nothing typed is FTS syntax.
    for q in [
        "\"",
        "jose OR",
        "NEAR(a b)",
        "*",
        "a:b",
        "(((",
        "'; DROP TABLE contact; --",
        "",
    ] {
        s.search(q, 5).unwrap();
    }
    assert_eq!(s.contact_window(0, 10).unwrap().total, 4);
}

#[test]
fn keyset_pages_cover_every_row_once_in_order_with_ties() {
    let (_dir, mut s) = new_session();
    let mut inputs = Vec::new();
    for i in 0..57 {
        // Many identical names: order falls back to the id.
        let name = if i % 3 == 0 {
            "Álex García".to_owned()
        } else {
            format!("Contacto {:02}", i % 20)
        };
        inputs.push(person(&name));
    }
    assert_eq!(s.contact_add_many(inputs).unwrap(), 57);
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = s.contact_list(10, cursor.as_deref()).unwrap();
        assert!(page.items.len() <= 10);
        seen.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len(), 57);
    let window = s.contact_window(0, 500).unwrap();
    assert_eq!(window.total, 57);
    assert_eq!(window.items, seen);
    let folded: Vec<(String, i64)> = seen
        .iter()
        .map(|r| {
            (
                r.name.to_lowercase().replace('á', "a"),
                r.id.parse().unwrap(),
            )
        })
        .collect();
    let mut sorted = folded.clone();
    sorted.sort();
    assert_eq!(folded, sorted);
    let middle = s.contact_window(50, 10).unwrap();
    assert_eq!(middle.items, seen[50..]);
    assert_eq!(
        s.contact_list(10, Some("not-a-cursor")).unwrap_err().code,
        ErrorCode::InvalidInput
    );
}

#[test]
fn short_passphrases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err =
        Session::create(&dir.path().join("v"), &SecretString::new("short".into())).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(!dir.path().join("v").exists());
}

#[test]
fn broad_queries_list_name_matches_first_and_stay_bounded() {
    let (_dir, mut s) = new_session();
    let mut many: Vec<ContactInput> = (0..260)
        .map(|i| person(&format!("Fernández {i:03}")))
        .collect();
    many.push(ContactInput {
        name: "Ana Ruiz".into(),
        company: Some("Ferretería Ruiz".into()),
        ..Default::default()
    });
    s.contact_add_many(many).unwrap();
    let hits = s.search("fer", 20).unwrap();
    assert_eq!(hits.len(), 20);
    assert!(
        hits.iter().all(|h| h.title.starts_with("Fernández")),
        "name matches come first"
    );
    let all = s.search("fer", 500).unwrap();
    assert_eq!(
        all.len(),
        261,
        "every match is reachable, the others after the names"
    );
    assert_eq!(all.last().unwrap().title, "Ana Ruiz");
    // A narrow query is ranked.
    let hits = s.search("ferreteria", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].subtitle.as_deref(), Some("Ferretería Ruiz"));
}

#[test]
fn the_newcomer_demo_goes_into_an_empty_vault_only() {
    let (_dir, mut s) = new_session();
    let mut seen = Vec::new();
    let added = s
        .load_demo(&mut |p| seen.push((p.stage, p.done, p.total)))
        .unwrap();
    assert_eq!(added, 200);
    assert!(seen.contains(&("contacts", 200, 200)), "{seen:?}");
    assert_eq!(s.contact_window(0, 1).unwrap().total, 200);
    // No invoicing data in the owner's own vault: issued invoices could never be removed from it.
    assert!(s.invoice_list(None, 1, None).unwrap().items.is_empty());
    assert!(s.profile_get().unwrap().legal_name.is_none());
    assert_eq!(
        s.load_demo(&mut |_| {}).unwrap_err().code,
        ErrorCode::Refused
    );
    assert_eq!(
        s.contact_window(0, 1).unwrap().total,
        200,
        "nothing added the second time"
    );
}
