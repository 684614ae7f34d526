//! Contacts against a real vault: the original API still works, the full form round-trips labelled values,
//! addresses and profile fields, the company link keeps its history, and filtered lists page by keyset.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invalid_field, vault};
use rusqlite::Connection;
use sigilo_crm::companies::{self, NewCompany};
use sigilo_crm::contacts::{self, ContactDraft, ContactFilter, NewContact, Sort, Source};
use sigilo_crm::deals::{self, NewDeal};
use sigilo_crm::fields::{self, FieldFilter, FieldKind, NewField};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction};
use sigilo_crm::tags::{self, Entity};
use sigilo_crm::valid::{Address, Labelled};
use sigilo_crm::{CrmError, search};

type Period = (String, Option<String>, Option<String>, Option<String>);

fn draft(name: &str) -> ContactDraft {
    ContactDraft {
        name: name.into(),
        ..Default::default()
    }
}

fn touch(c: &Connection, contact: i64, at: &str) {
    interactions::insert(
        c,
        NewInteraction {
            kind: InteractionKind::Email,
            at: at.into(),
            direction: Direction::Inbound,
            subject: None,
            body: None,
            contact_ids: vec![contact],
            company_id: None,
            deal_id: None,
        },
    )
    .unwrap();
}

#[test]
fn the_original_contact_api_keeps_working_and_keeps_labels() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = contacts::insert(
        c,
        NewContact {
            name: "José Ñandú".into(),
            emails: vec!["jose@example.es".into()],
            phones: vec!["+34 612 345 678".into()],
            company: Some("Ñandú S.L.".into()),
            notes: None,
        },
    )
    .unwrap();
    let full = contacts::get_full(c, id).unwrap();
    assert_eq!(full.emails, vec![Labelled::new(None, "jose@example.es")]);
    assert_eq!(
        (full.job_title, full.birthday, full.source),
        (None, None, None)
    );
    // Label the email through the full form, then update through the old API: the label stays.
    contacts::update_draft(
        c,
        id,
        ContactDraft {
            emails: vec![Labelled::new(Some("trabajo"), "jose@example.es")],
            phones: vec![Labelled::new(Some("móvil"), "+34 612 345 678")],
            ..draft("José Ñandú")
        },
    )
    .unwrap();
    contacts::update(
        c,
        id,
        NewContact {
            name: "José Ñandú".into(),
            emails: vec!["jose@example.es".into(), "casa@example.es".into()],
            phones: vec!["+34 612 345 678".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let full = contacts::get_full(c, id).unwrap();
    assert_eq!(
        full.emails,
        vec![
            Labelled::new(Some("trabajo"), "jose@example.es"),
            Labelled::new(None, "casa@example.es")
        ]
    );
    assert_eq!(full.phones[0].label.as_deref(), Some("móvil"));
    let old = contacts::get(c, id).unwrap();
    assert_eq!(old.emails, vec!["jose@example.es", "casa@example.es"]);
    assert_eq!(contacts::count(c).unwrap(), 1);
    assert_eq!(contacts::window(c, 0, 10).unwrap().len(), 1);
    assert_eq!(
        search::query_kinds(c, "612345678", 5, &[sigilo_crm::RecordKind::Contact])
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_full_form_round_trips_and_validates() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = contacts::insert_draft(
        c,
        ContactDraft {
            name: " Marta Gómez ".into(),
            emails: vec![
                Labelled::new(Some(" trabajo "), " marta@empresa.es "),
                Labelled::new(None, " "),
            ],
            phones: vec![Labelled::new(Some("fijo"), "91 123 45 67")],
            addresses: vec![Address {
                label: Some("casa".into()),
                city: Some("Sevilla".into()),
                ..Default::default()
            }],
            job_title: Some("Directora de compras".into()),
            birthday: Some("1985-03-09".into()),
            source: Some(Source::Event),
            source_detail: Some("Feria de Sevilla 2026".into()),
            company: Some("Gómez e Hijos".into()),
            notes: Some("Prefiere correo".into()),
        },
    )
    .unwrap();
    let f = contacts::get_full(c, id).unwrap();
    assert_eq!(f.name, "Marta Gómez");
    assert_eq!(
        f.emails,
        vec![Labelled::new(Some("trabajo"), "marta@empresa.es")]
    );
    assert_eq!(f.addresses[0].city.as_deref(), Some("Sevilla"));
    assert_eq!(f.birthday.as_deref(), Some("1985-03-09"));
    assert_eq!(f.source, Some(Source::Event));
    assert!(f.created_at <= f.updated_at);
    let row = contacts::row(c, id).unwrap();
    assert_eq!(
        (row.email.as_deref(), row.company.as_deref()),
        (Some("marta@empresa.es"), Some("Gómez e Hijos"))
    );
    for q in ["compras", "sevilla", "feria", "911234567", "marta@empresa"] {
        assert_eq!(
            search::query_kinds(c, q, 5, &[sigilo_crm::RecordKind::Contact])
                .unwrap()
                .len(),
            1,
            "{q}"
        );
    }
    let bad = |f: &dyn Fn(&mut ContactDraft)| {
        let mut d = draft("X");
        f(&mut d);
        contacts::insert_draft(c, d)
    };
    assert_eq!(invalid_field(bad(&|d| d.name = String::new())), "name");
    assert_eq!(
        invalid_field(bad(&|d| d.emails = vec![Labelled::new(None, "no-arroba")])),
        "emails"
    );
    assert_eq!(
        invalid_field(bad(&|d| d.phones = vec![Labelled::new(None, "12ab")])),
        "phones"
    );
    assert_eq!(
        invalid_field(bad(&|d| d.birthday = Some("09/03/1985".into()))),
        "birthday"
    );
    assert_eq!(
        invalid_field(bad(&|d| d.job_title = Some("x".repeat(201)))),
        "job_title"
    );
    assert_eq!(
        invalid_field(bad(&|d| d.addresses = vec![Address {
            country: Some("1".into()),
            ..Default::default()
        }])),
        "addresses"
    );
    assert_eq!(invalid_field(Source::parse("rumor")), "source");
    assert!(matches!(
        contacts::update_draft(c, 999, draft("X")),
        Err(CrmError::NotFound { .. })
    ));
}

#[test]
fn moving_companies_keeps_the_history() {
    let (_t, v) = vault();
    let c = v.conn();
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Acme".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let beta = companies::insert(
        c,
        NewCompany {
            name: "Beta".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let ana = contacts::insert_draft(c, draft("Ana")).unwrap();
    contacts::link_company(c, ana, Some(acme), "2024-01-15", Some("Comercial".into())).unwrap();
    contacts::link_company(c, ana, Some(acme), "2024-06-01", None).unwrap(); // same company: nothing changes
    contacts::link_company(c, ana, Some(beta), "2025-09-01", Some("Gerente".into())).unwrap();
    let f = contacts::get_full(c, ana).unwrap();
    assert_eq!(
        (f.company_id, f.company.as_deref(), f.job_title.as_deref()),
        (Some(beta), Some("Beta"), Some("Gerente"))
    );
    let h: Vec<Period> = contacts::company_history(c, ana)
        .unwrap()
        .into_iter()
        .map(|e| (e.company_name, e.job_title, e.from_date, e.to_date))
        .collect();
    assert_eq!(
        h,
        vec![
            (
                "Acme".into(),
                Some("Comercial".into()),
                Some("2024-01-15".into()),
                Some("2025-09-01".into())
            ),
            (
                "Beta".into(),
                Some("Gerente".into()),
                Some("2025-09-01".into()),
                None
            ),
        ]
    );
    assert_eq!(
        invalid_field(contacts::link_company(
            c,
            ana,
            Some(acme),
            "2025-01-01",
            None
        )),
        "from_date"
    );
    assert_eq!(
        invalid_field(contacts::link_company(c, ana, None, "ayer", None)),
        "from_date"
    );
    assert!(matches!(
        contacts::link_company(c, ana, Some(999), "2026-01-01", None),
        Err(CrmError::NotFound { .. })
    ));
    contacts::link_company(c, ana, None, "2026-01-01", None).unwrap();
    let f = contacts::get_full(c, ana).unwrap();
    assert_eq!((f.company_id, f.company), (None, None));
    assert_eq!(
        contacts::company_history(c, ana).unwrap()[1]
            .to_date
            .as_deref(),
        Some("2026-01-01")
    );
}

#[test]
fn filtered_lists_page_by_keyset() {
    let (_t, v) = vault();
    let c = v.conn();
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Acme".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let size = fields::define(
        c,
        NewField {
            entity: Entity::Contact,
            name: "Talla".into(),
            kind: FieldKind::Choice,
            choices: vec!["S".into(), "M".into()],
        },
    )
    .unwrap();
    let mut ids = Vec::new();
    for (i, name) in ["Eva", "ana", "Ána", "Bea", "Ana", "Carla"]
        .iter()
        .enumerate()
    {
        let id = contacts::insert_draft(c, draft(name)).unwrap();
        if i % 2 == 0 {
            contacts::link_company(c, id, Some(acme), "2026-01-01", None).unwrap();
            tags::add(c, Entity::Contact, id, "VIP").unwrap();
            fields::set(c, Entity::Contact, id, size, Some("m")).unwrap();
        }
        ids.push(id);
    }
    touch(c, ids[0], "2026-11-01T10:00:00Z");
    touch(c, ids[1], "2026-10-01T10:00:00Z");
    let vip = tags::by_name(c, "vip").unwrap().unwrap().id;
    let names = |f: &ContactFilter, size: u32| -> Vec<String> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let p = contacts::list_filtered(c, f, size, cursor.as_deref()).unwrap();
            out.extend(p.items.into_iter().map(|r| r.name));
            let Some(next) = p.next_cursor else { break };
            cursor = Some(next);
        }
        out
    };
    for page in [1, 2, 10] {
        assert_eq!(
            names(&ContactFilter::default(), page),
            ["ana", "Ána", "Ana", "Bea", "Carla", "Eva"]
        );
        let by_company = ContactFilter {
            company_id: Some(acme),
            ..Default::default()
        };
        assert_eq!(names(&by_company, page), ["Ána", "Ana", "Eva"]);
        let by_tag = ContactFilter {
            tag_id: Some(vip),
            ..Default::default()
        };
        assert_eq!(names(&by_tag, page), ["Ána", "Ana", "Eva"]);
    }
    let by_field = ContactFilter {
        field: Some(FieldFilter {
            field_id: size,
            value: "M".into(),
        }),
        ..Default::default()
    };
    assert_eq!(names(&by_field, 10), ["Ána", "Ana", "Eva"]);
    let bad_value = ContactFilter {
        field: Some(FieldFilter {
            field_id: size,
            value: "XL".into(),
        }),
        ..Default::default()
    };
    assert_eq!(
        invalid_field(contacts::list_filtered(c, &bad_value, 10, None)),
        "custom_fields"
    );
    let recent = ContactFilter {
        last_contacted_after: Some("2026-10-15T00:00:00Z".into()),
        ..Default::default()
    };
    assert_eq!(names(&recent, 10), ["Eva"]);
    let stale = ContactFilter {
        last_contacted_before: Some("2026-10-15T00:00:00Z".into()),
        ..Default::default()
    };
    assert_eq!(
        names(&stale, 10),
        ["ana", "Ána", "Ana", "Bea", "Carla"],
        "never contacted counts as before"
    );
    let both = ContactFilter {
        company_id: Some(acme),
        last_contacted_before: Some("2026-10-15T00:00".into()),
        ..Default::default()
    };
    assert_eq!(names(&both, 10), ["Ána", "Ana"]);
    assert_eq!(
        invalid_field(contacts::list_filtered(
            c,
            &ContactFilter {
                last_contacted_after: Some("ayer".into()),
                ..Default::default()
            },
            10,
            None
        )),
        "last_contacted_after"
    );
    // The original list is the unfiltered one.
    assert_eq!(contacts::list(c, 10, None).unwrap().items.len(), 6);
}

#[test]
fn untouched_contacts_come_never_contacted_first_then_oldest() {
    let (_t, v) = vault();
    let c = v.conn();
    let a = contacts::insert_draft(c, draft("A")).unwrap();
    let b = contacts::insert_draft(c, draft("B")).unwrap();
    let d = contacts::insert_draft(c, draft("D")).unwrap();
    let e = contacts::insert_draft(c, draft("E")).unwrap();
    let f = contacts::insert_draft(c, draft("F")).unwrap();
    touch(c, a, "2026-09-01T00:00:00Z");
    touch(c, b, "2026-08-01T00:00:00Z");
    touch(c, d, "2026-11-20T00:00:00Z");
    touch(c, f, "2026-08-01T00:00:00Z");
    for size in [1, 2, 3, 10] {
        let mut got = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let p = contacts::untouched_since(c, "2026-10-24T00:00:00Z", size, cursor.as_deref())
                .unwrap();
            got.extend(p.items.into_iter().map(|u| u.row.id));
            let Some(next) = p.next_cursor else { break };
            cursor = Some(next);
        }
        assert_eq!(got, vec![e, b, f, a], "page size {size}");
    }
}

#[test]
fn lists_sort_by_recent_contact_or_newest_with_stable_pages() {
    let (_t, v) = vault();
    let c = v.conn();
    let ids: Vec<i64> = ["A", "B", "C", "D", "E"]
        .iter()
        .map(|n| contacts::insert_draft(c, draft(n)).unwrap())
        .collect();
    touch(c, ids[1], "2026-11-01T00:00:00Z");
    touch(c, ids[3], "2026-11-05T00:00:00Z");
    touch(c, ids[4], "2026-11-01T00:00:00Z");
    let order = |sort: Sort, size: u32| -> Vec<i64> {
        let f = ContactFilter {
            sort,
            ..Default::default()
        };
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let p = contacts::list_filtered(c, &f, size, cursor.as_deref()).unwrap();
            out.extend(p.items.into_iter().map(|r| r.id));
            let Some(next) = p.next_cursor else { break };
            cursor = Some(next);
        }
        out
    };
    for size in [1, 2, 3, 10] {
        // Newest contact first; ties (B and E on the same instant) by newest id; never contacted last.
        assert_eq!(
            order(Sort::RecentlyContacted, size),
            vec![ids[3], ids[4], ids[1], ids[2], ids[0]],
            "size {size}"
        );
        assert_eq!(
            order(Sort::Newest, size),
            ids.iter().rev().copied().collect::<Vec<_>>()
        );
        assert_eq!(order(Sort::Name, size), ids);
    }
}

#[test]
fn a_deleted_contact_leaves_no_trace_in_deal_search_entries() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = contacts::insert_draft(c, draft("Eufrasio Borrable")).unwrap();
    let deal = deals::insert(
        c,
        NewDeal {
            title: "Reforma".into(),
            contact_id: Some(id),
            value: "1".into(),
            currency: "EUR".into(),
            ..Default::default()
        },
        "2026-11-23T10:00:00Z",
    )
    .unwrap();
    assert_eq!(
        search::query_kinds(c, "eufrasio", 10, &[]).unwrap().len(),
        2,
        "contact and deal"
    );
    contacts::delete(c, id).unwrap();
    assert!(
        search::query_kinds(c, "eufrasio", 10, &[])
            .unwrap()
            .is_empty()
    );
    assert_eq!(deals::get(c, deal).unwrap().contact_id, None);
}

#[test]
fn unlinking_an_unlinked_contact_keeps_its_free_text_company() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = contacts::insert_draft(
        c,
        ContactDraft {
            company: Some("Autónomo".into()),
            ..draft("Pepe")
        },
    )
    .unwrap();
    contacts::link_company(c, id, None, "2026-11-23", None).unwrap();
    assert_eq!(
        contacts::get_full(c, id).unwrap().company.as_deref(),
        Some("Autónomo")
    );
    assert!(contacts::company_history(c, id).unwrap().is_empty());
    // The original update cannot overwrite the name of a linked company.
    let acme = companies::insert(
        c,
        NewCompany {
            name: "Acme".into(),
            ..Default::default()
        },
    )
    .unwrap();
    contacts::link_company(c, id, Some(acme), "2026-11-23", None).unwrap();
    contacts::update(
        c,
        id,
        NewContact {
            name: "Pepe".into(),
            company: Some("Otra".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        contacts::row(c, id).unwrap().company.as_deref(),
        Some("Acme")
    );
}
