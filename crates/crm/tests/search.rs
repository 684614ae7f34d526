//! Search with one index per kind: a word frequent in one kind hides nothing of the others, each kind keeps its
//! own limit, broad queries list name matches first and still match prefixes, a deleted record leaves no entry
//! (secure-delete), and the indexes are the only FTS tables left.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::vault;
use rusqlite::Connection;
use sigilo_crm::companies::{self, NewCompany};
use sigilo_crm::contacts::{self, ContactDraft};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction};
use sigilo_crm::tasks::{self, NewTask};
use sigilo_crm::{RecordKind, search};

fn person(c: &Connection, name: &str, email: Option<&str>) -> i64 {
    contacts::insert_draft(
        c,
        ContactDraft {
            name: name.into(),
            emails: email
                .map(|e| vec![sigilo_crm::valid::Labelled::new(None, e)])
                .unwrap_or_default(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn note(c: &Connection, who: i64, day: u32, subject: &str, body: &str) -> i64 {
    interactions::insert(
        c,
        NewInteraction {
            kind: InteractionKind::Note,
            at: format!("2026-01-{:02}T10:00:00Z", day % 28 + 1),
            direction: Direction::None,
            subject: Some(subject.into()),
            body: Some(body.into()),
            contact_ids: vec![who],
            company_id: None,
            deal_id: None,
        },
    )
    .unwrap()
}

fn kinds(groups: &[search::Group]) -> Vec<(RecordKind, usize)> {
    groups.iter().map(|g| (g.kind, g.hits.len())).collect()
}

#[test]
fn a_word_frequent_in_one_kind_hides_nothing_of_the_others() {
    let (_tmp, mut v) = vault();
    let tx = v.conn_mut().transaction().unwrap();
    let c: &Connection = &tx;
    let ana = person(c, "Ana Presupuestos", None);
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Presupuestos Rápidos S.L.".into(),
            ..Default::default()
        },
    )
    .unwrap();
    // 260 notes say the word in their body (a broad query), one of them in its subject too, one says the plural.
    let mut notes = Vec::new();
    for i in 0..260 {
        let subject = if i == 150 { "Presupuesto" } else { "Llamada" };
        notes.push(note(c, ana, i, subject, "Quedó pendiente el presupuesto"));
    }
    let plural = note(c, ana, 3, "Revisión", "Dos presupuestos nuevos");
    let task = tasks::insert(
        c,
        NewTask {
            title: "Enviar PRESUPUESTO firmado".into(),
            ..Default::default()
        },
    )
    .unwrap();
    tx.commit().unwrap();
    let c = v.conn();

    let groups = search::grouped(c, "presupuesto", 5).unwrap();
    assert_eq!(
        kinds(&groups),
        vec![
            (RecordKind::Contact, 1),
            (RecordKind::Company, 1),
            (RecordKind::Interaction, 5),
            (RecordKind::Task, 1),
        ]
    );
    assert_eq!(groups[0].hits[0].id, ana, "a prefix of the name");
    assert_eq!(groups[1].hits[0].id, acme);
    assert_eq!(groups[3].hits[0].id, task);
    // Broad: the interaction named by the word comes first, then the others in creation order.
    let ids: Vec<i64> = groups[2].hits.iter().map(|h| h.id).collect();
    assert_eq!(
        ids,
        vec![notes[150], notes[0], notes[1], notes[2], notes[3]]
    );
    assert_eq!(groups[2].hits[0].title, "Presupuesto");

    // Still prefix matching when the whole word is frequent: every note, the plural one included.
    let all = search::query_kinds(c, "presupuesto", 500, &[RecordKind::Interaction]).unwrap();
    assert_eq!(all.len(), 261);
    assert!(all.iter().any(|h| h.id == plural));
    assert!(all.iter().all(|h| h.kind == RecordKind::Interaction));
    // Accents and case do not matter; the narrower word is ranked.
    let hits = search::query_kinds(c, "PRESUPUÉSTOS", 5, &[]).unwrap();
    assert_eq!(
        hits.iter().map(|h| (h.kind, h.id)).collect::<Vec<_>>(),
        vec![
            (RecordKind::Contact, ana),
            (RecordKind::Company, acme),
            (RecordKind::Interaction, plural)
        ]
    );
}

#[test]
fn every_kind_keeps_its_own_limit() {
    let (_tmp, mut v) = vault();
    let tx = v.conn_mut().transaction().unwrap();
    let c: &Connection = &tx;
    let mut people = Vec::new();
    for i in 0..30 {
        people.push(person(c, &format!("Lucía Olmedo {i}"), None));
    }
    for i in 0..12 {
        companies::insert(
            c,
            NewCompany {
                name: format!("Olmedo Hermanos {i}"),
                ..Default::default()
            },
        )
        .unwrap();
    }
    // Body-only matches rank below name matches.
    let mentioned = person(c, "Rosa Vidal", Some("rosa@olmedo.example"));
    tx.commit().unwrap();
    let c = v.conn();

    let groups = search::grouped(c, "olmedo", 7).unwrap();
    assert_eq!(
        kinds(&groups),
        vec![(RecordKind::Contact, 7), (RecordKind::Company, 7)]
    );
    let groups = search::grouped(c, "olmedo", 50).unwrap();
    assert_eq!(
        kinds(&groups),
        vec![(RecordKind::Contact, 31), (RecordKind::Company, 12)]
    );
    assert_eq!(
        groups[0].hits.last().map(|h| h.id),
        Some(mentioned),
        "the email match ranks after every name match"
    );
    assert_eq!(search::grouped(c, "olmedo", 0).unwrap()[0].hits.len(), 1);
    // Across kinds, one limit in all, kinds in order.
    let hits = search::query_kinds(c, "olmedo", 40, &[]).unwrap();
    assert_eq!(hits.len(), 40);
    assert_eq!(
        hits.iter()
            .filter(|h| h.kind == RecordKind::Company)
            .count(),
        9
    );
    assert!(people.contains(&hits[0].id));
}

fn index_rows(c: &Connection, kind: RecordKind, id: i64) -> i64 {
    let t = search::table(kind);
    c.query_row(
        &format!("SELECT count(*) FROM {t} WHERE rowid = ?1"),
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

/// Whether any stored index segment still holds these bytes (a term FTS5 keeps in its `_data` table).
fn segments_hold(c: &Connection, kind: RecordKind, needle: &[u8]) -> bool {
    let t = search::table(kind);
    let mut stmt = c.prepare(&format!("SELECT block FROM {t}_data")).unwrap();
    let blocks: Vec<Vec<u8>> = stmt
        .query_map([], |r| r.get::<_, Option<Vec<u8>>>(0))
        .unwrap()
        .map(|b| b.unwrap().unwrap_or_default())
        .collect();
    blocks
        .iter()
        .any(|b| b.windows(needle.len()).any(|w| w == needle))
}

#[test]
fn a_deleted_record_leaves_no_index_entry() {
    let (_tmp, v) = vault();
    let c = v.conn();
    for kind in RecordKind::ALL {
        let t = search::table(kind);
        let on: i64 = c
            .query_row(
                &format!("SELECT v FROM {t}_config WHERE k = 'secure-delete'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(on, 1, "{t}");
    }
    let keep = person(c, "Marta Keep", None);
    let gone = person(c, "Eufrasia Quintanilla", Some("zzyzxquin@correo.example"));
    let call = note(c, gone, 1, "Xilofonista", "Habló de su zzyzxnota");
    assert!(segments_hold(c, RecordKind::Contact, b"quintanilla"));
    assert!(segments_hold(c, RecordKind::Interaction, b"zzyzxnota"));

    interactions::delete(c, call).unwrap();
    contacts::delete(c, gone).unwrap();
    assert_eq!(index_rows(c, RecordKind::Contact, gone), 0);
    assert_eq!(index_rows(c, RecordKind::Interaction, call), 0);
    assert_eq!(index_rows(c, RecordKind::Contact, keep), 1);
    assert!(search::grouped(c, "quintanilla", 10).unwrap().is_empty());
    assert!(search::grouped(c, "zzyzx", 10).unwrap().is_empty());
    // secure-delete overwrote the terms: nothing of them is left in the stored segments.
    for (kind, term) in [
        (RecordKind::Contact, &b"quintanilla"[..]),
        (RecordKind::Contact, b"zzyzxquin"),
        (RecordKind::Interaction, b"zzyzxnota"),
        (RecordKind::Interaction, b"xilofonista"),
    ] {
        assert!(!segments_hold(c, kind, term), "{kind:?} {term:?}");
    }
    // The shared index of crm steps 1-6 is gone.
    let shared: i64 = c
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_index%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shared, 0);
}
