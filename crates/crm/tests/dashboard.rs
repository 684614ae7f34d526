//! The dashboard in one call against a real vault: today's and overdue tasks, pipeline, forecast window and
//! contacts not touched in N days, all relative to the given today.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{invalid_field, vault};
use sigilo_crm::contacts::{self, ContactDraft};
use sigilo_crm::dashboard::dashboard;
use sigilo_crm::deals::{self, NewDeal};
use sigilo_crm::interactions::{self, Direction, InteractionKind, NewInteraction};
use sigilo_crm::tasks::{self, NewTask};

#[test]
fn the_dashboard_answers_for_the_given_day() {
    let (_t, v) = vault();
    let c = v.conn();
    let fresh = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Reciente".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let stale = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Olvidado".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let never = contacts::insert_draft(
        c,
        ContactDraft {
            name: "Nunca".into(),
            ..Default::default()
        },
    )
    .unwrap();
    for (who, at) in [
        (fresh, "2026-11-20T10:00:00Z"),
        (stale, "2026-09-01T10:00:00Z"),
    ] {
        interactions::insert(
            c,
            NewInteraction {
                kind: InteractionKind::Call,
                at: at.into(),
                direction: Direction::Inbound,
                subject: None,
                body: None,
                contact_ids: vec![who],
                company_id: None,
                deal_id: None,
            },
        )
        .unwrap();
    }
    for (title, due) in [
        ("hoy", "2026-11-23"),
        ("ayer", "2026-11-22"),
        ("mañana", "2026-11-24"),
    ] {
        tasks::insert(
            c,
            NewTask {
                title: title.into(),
                due_date: Some(due.into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    for (close, value) in [
        ("2026-12-10", "100"),
        ("2027-11-30", "100"),
        ("2026-10-01", "100"),
    ] {
        deals::insert(
            c,
            NewDeal {
                title: "d".into(),
                value: value.into(),
                currency: "EUR".into(),
                expected_close: Some(close.into()),
                ..Default::default()
            },
            "2026-11-01T00:00:00Z",
        )
        .unwrap();
    }
    let d = dashboard(c, "2026-11-23", 30, 10).unwrap();
    assert_eq!((d.due_today_count, d.overdue_count), (1, 1));
    assert_eq!(d.due_today[0].title, "hoy");
    assert_eq!(d.overdue[0].title, "ayer");
    assert_eq!(d.pipeline[0].count, 3);
    // Twelve months from November 2026: December 2026 is in, October 2026 and November 2027 are not.
    let months: Vec<Option<String>> = d.forecast.iter().map(|l| l.month.clone()).collect();
    assert_eq!(months, vec![Some("2026-12".to_owned())]);
    assert_eq!(d.forecast[0].weighted.to_decimal_string(), "10.00");
    let untouched: Vec<i64> = d.untouched.iter().map(|u| u.row.id).collect();
    assert_eq!(untouched, vec![never, stale]);
    // A week later the fresh contact is still fresh; 2 days of patience marks it untouched.
    let d = dashboard(c, "2026-11-30", 2, 10).unwrap();
    assert_eq!(
        d.untouched.iter().map(|u| u.row.id).collect::<Vec<_>>(),
        vec![never, stale, fresh]
    );
    assert_eq!(d.overdue_count, 3);
    assert_eq!(invalid_field(dashboard(c, "30/11/2026", 2, 10)), "today");
}
