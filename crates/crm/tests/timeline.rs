//! Interactions and tasks against a real vault: validation, the merged timelines newest first with keyset
//! paging and ties, "last contacted" upkeep, task views for a given today, and completing a task with a log.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invalid_field, refused, vault};
use rusqlite::Connection;
use sigilo_crm::companies::{self, NewCompany};
use sigilo_crm::contacts::{self, ContactDraft};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction, TimelineOf};
use sigilo_crm::tasks::{self, LinkedTo, LogAs, NewTask, Priority, View};
use sigilo_crm::{CrmError, RecordKind, search};

fn person(c: &Connection, name: &str) -> i64 {
    contacts::insert_draft(
        c,
        ContactDraft {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn call(contacts: Vec<i64>, at: &str, subject: &str) -> NewInteraction {
    NewInteraction {
        kind: InteractionKind::Call,
        at: at.into(),
        direction: Direction::Outbound,
        subject: Some(subject.into()),
        body: None,
        contact_ids: contacts,
        company_id: None,
        deal_id: None,
    }
}

fn all_pages(c: &Connection, of: TimelineOf, size: u32) -> Vec<(String, i64)> {
    let mut out = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = interactions::timeline(c, of, size, cursor.as_deref()).unwrap();
        assert!(page.items.len() <= size as usize);
        out.extend(page.items.into_iter().map(|i| (i.at, i.id)));
        let Some(next) = page.next_cursor else { break };
        cursor = Some(next);
    }
    out
}

#[test]
fn interactions_round_trip_and_validate() {
    let (_t, v) = vault();
    let c = v.conn();
    let ana = person(c, "Ana");
    let luis = person(c, "Luis");
    let id = interactions::insert(
        c,
        NewInteraction {
            kind: InteractionKind::Meeting,
            at: "2026-11-23T10:30:00+01:00".into(),
            direction: Direction::None,
            subject: Some(" Reunión de arranque ".into()),
            body: Some("Presupuesto aprobado, empezar en enero".into()),
            contact_ids: vec![luis, ana, luis],
            company_id: None,
            deal_id: None,
        },
    )
    .unwrap();
    let got = interactions::get(c, id).unwrap();
    assert_eq!(got.at, "2026-11-23T09:30:00Z", "stored in UTC");
    assert_eq!(got.subject.as_deref(), Some("Reunión de arranque"));
    assert_eq!(got.contact_ids, vec![ana, luis], "deduplicated");
    assert_eq!(
        contacts::get_full(c, ana)
            .unwrap()
            .last_interaction_at
            .as_deref(),
        Some("2026-11-23T09:30:00Z")
    );
    let hits = search::query_kinds(c, "presupuesto enero", 5, &[RecordKind::Interaction]).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title, "Reunión de arranque");

    assert_eq!(
        invalid_field(interactions::insert(c, call(vec![ana], "23/11/2026", "x"))),
        "at"
    );
    assert_eq!(
        invalid_field(interactions::insert(
            c,
            call(vec![], "2026-11-23T10:00", "x")
        )),
        "contacts"
    );
    assert!(matches!(
        interactions::insert(c, call(vec![999], "2026-11-23T10:00", "x")),
        Err(CrmError::NotFound { .. })
    ));
    assert_eq!(invalid_field(InteractionKind::parse("llamada")), "kind");
    assert_eq!(invalid_field(Direction::parse("sideways")), "direction");

    interactions::update(c, id, call(vec![luis], "2026-11-20T08:00:00Z", "Llamada")).unwrap();
    assert_eq!(
        contacts::get_full(c, ana).unwrap().last_interaction_at,
        None,
        "Ana left it"
    );
    assert_eq!(
        contacts::get_full(c, luis)
            .unwrap()
            .last_interaction_at
            .as_deref(),
        Some("2026-11-20T08:00:00Z")
    );
    interactions::delete(c, id).unwrap();
    assert_eq!(
        contacts::get_full(c, luis).unwrap().last_interaction_at,
        None
    );
    assert!(
        search::query_kinds(c, "llamada", 5, &[])
            .unwrap()
            .is_empty()
    );
}

#[test]
fn timelines_are_newest_first_with_ties_broken_by_id_across_pages() {
    let (_t, v) = vault();
    let c = v.conn();
    let ana = person(c, "Ana");
    let other = person(c, "Otro");
    let times = [
        "2026-11-20T10:00:00Z",
        "2026-11-22T10:00:00Z",
        "2026-11-21T10:00:00Z",
        "2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00Z",
        "2026-11-19T10:00:00Z",
        "2026-11-22T10:00:00Z",
    ];
    let mut ids = Vec::new();
    for (n, at) in times.iter().enumerate() {
        ids.push(interactions::insert(c, call(vec![ana], at, &format!("n{n}"))).unwrap());
    }
    interactions::insert(c, call(vec![other], "2026-11-23T10:00:00Z", "not Ana's")).unwrap();
    let mut want: Vec<(String, i64)> = times
        .iter()
        .map(|t| (*t).to_owned())
        .zip(ids.iter().copied())
        .collect();
    want.sort_by(|a, b| b.cmp(a));
    for size in [1, 2, 3, 50] {
        assert_eq!(
            all_pages(c, TimelineOf::Contact(ana), size),
            want,
            "page size {size}"
        );
    }
    assert!(matches!(
        interactions::timeline(c, TimelineOf::Contact(ana), 2, Some("nope")),
        Err(CrmError::BadCursor)
    ));
}

#[test]
fn a_company_timeline_merges_what_was_logged_with_its_people() {
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
    let ana = person(c, "Ana");
    let luis = person(c, "Luis");
    contacts::link_company(c, ana, Some(acme), "2026-01-01", None).unwrap();
    let a = interactions::insert(c, call(vec![ana], "2026-11-01T10:00:00Z", "con Ana")).unwrap();
    let b = interactions::insert(
        c,
        NewInteraction {
            company_id: Some(acme),
            ..call(vec![luis], "2026-11-02T10:00:00Z", "con Luis por Acme")
        },
    )
    .unwrap();
    let direct = interactions::insert(
        c,
        NewInteraction {
            kind: InteractionKind::Note,
            direction: Direction::None,
            company_id: Some(acme),
            ..call(vec![], "2026-11-03T10:00:00Z", "nota")
        },
    )
    .unwrap();
    interactions::insert(
        c,
        call(vec![luis], "2026-11-04T10:00:00Z", "Luis, sin empresa"),
    )
    .unwrap();
    let got: Vec<i64> = all_pages(c, TimelineOf::Company(acme), 2)
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    assert_eq!(got, vec![direct, b, a]);
    assert_eq!(
        companies::get(c, acme)
            .unwrap()
            .last_interaction_at
            .as_deref(),
        Some("2026-11-03T10:00:00Z")
    );
}

#[test]
fn task_views_depend_only_on_the_given_today() {
    let (_t, v) = vault();
    let c = v.conn();
    let add = |title: &str, date: Option<&str>, time: Option<&str>| {
        tasks::insert(
            c,
            NewTask {
                title: title.into(),
                due_date: date.map(str::to_owned),
                due_time: time.map(str::to_owned),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let old = add("vieja", Some("2026-11-01"), None);
    let yesterday = add("ayer", Some("2026-11-22"), Some("09:00"));
    let today_late = add("hoy tarde", Some("2026-11-23"), Some("17:00"));
    let today_any = add("hoy", Some("2026-11-23"), None);
    let today_early = add("hoy pronto", Some("2026-11-23"), Some("08:30"));
    let tomorrow = add("mañana", Some("2026-11-24"), None);
    let later = add("luego", Some("2026-12-15"), None);
    add("sin fecha", None, None);
    let ids = |view: &View, today: &str, size: u32| -> Vec<i64> {
        let mut out = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let p = tasks::view(c, view, today, size, cursor.as_deref()).unwrap();
            out.extend(p.items.iter().map(|t| t.id));
            let Some(next) = p.next_cursor else { break };
            cursor = Some(next);
        }
        out
    };
    for size in [1, 2, 10] {
        assert_eq!(
            ids(&View::Today, "2026-11-23", size),
            vec![today_any, today_early, today_late]
        );
        assert_eq!(
            ids(&View::Overdue, "2026-11-23", size),
            vec![old, yesterday]
        );
        assert_eq!(
            ids(&View::Upcoming { until: None }, "2026-11-23", size),
            vec![tomorrow, later]
        );
    }
    assert_eq!(
        ids(
            &View::Upcoming {
                until: Some("2026-11-30".into())
            },
            "2026-11-23",
            10
        ),
        vec![tomorrow]
    );
    // Another day, another answer: no clock inside the rule.
    assert_eq!(ids(&View::Today, "2026-11-24", 10), vec![tomorrow]);
    assert_eq!(tasks::counts(c, "2026-11-23").unwrap(), (3, 2));
    tasks::complete(c, old, "2026-11-23T12:00:00Z", None).unwrap();
    assert_eq!(tasks::counts(c, "2026-11-23").unwrap(), (3, 1));
    assert_eq!(
        invalid_field(tasks::view(c, &View::Today, "hoy", 10, None)),
        "today"
    );
}

#[test]
fn tasks_validate_and_completing_one_can_log_an_interaction() {
    let (_t, v) = vault();
    let c = v.conn();
    let ana = person(c, "Ana");
    assert_eq!(
        invalid_field(tasks::insert(
            c,
            NewTask {
                title: "".into(),
                ..Default::default()
            }
        )),
        "title"
    );
    assert_eq!(
        invalid_field(tasks::insert(
            c,
            NewTask {
                title: "x".into(),
                due_date: Some("2026-02-31".into()),
                ..Default::default()
            }
        )),
        "due_date"
    );
    assert_eq!(
        invalid_field(tasks::insert(
            c,
            NewTask {
                title: "x".into(),
                due_time: Some("10:00".into()),
                ..Default::default()
            }
        )),
        "due_time"
    );
    assert_eq!(
        invalid_field(tasks::insert(
            c,
            NewTask {
                title: "x".into(),
                due_date: Some("2026-02-01".into()),
                due_time: Some("25:00".into()),
                ..Default::default()
            }
        )),
        "due_time"
    );
    assert!(matches!(
        tasks::insert(
            c,
            NewTask {
                title: "x".into(),
                deal_id: Some(5),
                ..Default::default()
            }
        ),
        Err(CrmError::NotFound { .. })
    ));
    let id = tasks::insert(
        c,
        NewTask {
            title: "Llamar a Ana".into(),
            due_date: Some("2026-11-23".into()),
            priority: Priority::High,
            contact_id: Some(ana),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        search::query_kinds(c, "llamar", 5, &[RecordKind::Task]).unwrap()[0].id,
        id
    );
    let logged = tasks::complete(
        c,
        id,
        "2026-11-23T11:00:00Z",
        Some(LogAs {
            kind: InteractionKind::Call,
            direction: Direction::Outbound,
            subject: None,
            body: Some("Hecho".into()),
        }),
    )
    .unwrap()
    .unwrap();
    let t = tasks::get(c, id).unwrap();
    assert!(t.done);
    assert_eq!(t.done_at.as_deref(), Some("2026-11-23T11:00:00Z"));
    assert_eq!(t.priority, Priority::High);
    let i = interactions::get(c, logged).unwrap();
    assert_eq!(
        (i.subject.as_deref(), i.contact_ids.as_slice()),
        (Some("Llamar a Ana"), &[ana][..])
    );
    assert_eq!(
        contacts::get_full(c, ana)
            .unwrap()
            .last_interaction_at
            .as_deref(),
        Some("2026-11-23T11:00:00Z")
    );
    assert_eq!(
        refused(tasks::complete(c, id, "2026-11-23T12:00:00Z", None)),
        "the task is already done"
    );
    assert!(
        tasks::view(c, &View::Today, "2026-11-23", 10, None)
            .unwrap()
            .items
            .is_empty()
    );
    tasks::reopen(c, id).unwrap();
    assert_eq!(
        tasks::view(c, &View::Today, "2026-11-23", 10, None)
            .unwrap()
            .items
            .len(),
        1
    );
    assert_eq!(
        tasks::linked(c, LinkedTo::Contact(ana), 10).unwrap().len(),
        1
    );
    // Deleting the contact keeps the task, unlinked.
    contacts::delete(c, ana).unwrap();
    assert_eq!(tasks::get(c, id).unwrap().contact_id, None);
    tasks::delete(c, id).unwrap();
    assert!(matches!(tasks::get(c, id), Err(CrmError::NotFound { .. })));
}

#[test]
fn a_task_linked_to_nothing_cannot_log_and_stays_open() {
    let (_t, v) = vault();
    let c = v.conn();
    let id = tasks::insert(
        c,
        NewTask {
            title: "Suelta".into(),
            due_date: Some("2026-11-23".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let log = LogAs {
        kind: InteractionKind::Note,
        direction: Direction::None,
        subject: None,
        body: None,
    };
    assert_eq!(
        invalid_field(tasks::complete(c, id, "2026-11-23T10:00:00Z", Some(log))),
        "contacts"
    );
    assert!(!tasks::get(c, id).unwrap().done);
    assert_eq!(
        tasks::complete(c, id, "2026-11-23T10:00:00Z", None).unwrap(),
        None
    );
    assert!(tasks::get(c, id).unwrap().done);
}
