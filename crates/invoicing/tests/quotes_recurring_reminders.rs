//! Quotes (numbering, status flow with expiry derived, one-step conversion to a draft invoice), recurring
//! invoices (one draft per period, catch-up, idempotent runs, end dates, month-end days) and the dunning list
//! with its append-only reminder log, in a real vault.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::*;

use sigilo_invoicing::documents::{self, Status};
use sigilo_invoicing::quotes::{self, QuoteInput, QuoteStatus};
use sigilo_invoicing::recurring::{self, Frequency, RecurringInput};
use sigilo_invoicing::{InvoicingError, reminders};

fn quote(company: i64) -> QuoteInput {
    QuoteInput {
        company_id: Some(company),
        contact_id: None,
        issue_date: Some("2026-11-02".into()),
        valid_until: Some("2026-11-30".into()),
        currency: "EUR".into(),
        language: "es".into(),
        withholding: None,
        notes: Some("Reforma del local".into()),
        lines: vec![line("10", "45", 21), line("2", "12.345", 10)],
    }
}

#[test]
fn quotes_flow_expire_and_convert_in_one_step() {
    let (_t, mut v, c) = ready();
    let a = quotes::create(v.conn(), quote(c), TODAY, AT).unwrap();
    let b = quotes::create(v.conn(), quote(c), TODAY, AT).unwrap();
    let qa = quotes::get(v.conn(), a, TODAY).unwrap();
    assert_eq!(
        (qa.number.as_str(), qa.status),
        ("P2026-0001", QuoteStatus::Draft)
    );
    assert_eq!(
        quotes::get(v.conn(), b, TODAY).unwrap().number,
        "P2026-0002"
    );
    assert_eq!(
        (qa.totals.net, qa.totals.tax, qa.totals.total),
        (47469, 9697, 57166)
    );
    // Past its validity date, an unanswered quote reads as expired.
    assert_eq!(
        quotes::get(v.conn(), a, "2026-12-01").unwrap().status,
        QuoteStatus::Expired
    );
    quotes::set_status(v.conn(), a, QuoteStatus::Sent, AT).unwrap();
    assert!(matches!(
        quotes::set_status(v.conn(), a, QuoteStatus::Sent, AT),
        Err(InvoicingError::Refused(_))
    ));
    quotes::set_status(v.conn(), b, QuoteStatus::Rejected, AT).unwrap();
    assert!(matches!(
        quotes::convert(v.conn(), b, TODAY, AT),
        Err(InvoicingError::Refused(_))
    ));
    assert!(matches!(
        quotes::update(v.conn(), b, quote(c), TODAY, AT),
        Err(InvoicingError::Refused(_))
    ));

    let inv = quotes::convert(v.conn(), a, TODAY, AT).unwrap();
    let qa = quotes::get(v.conn(), a, TODAY).unwrap();
    assert_eq!(
        (qa.status, qa.invoice_id),
        (QuoteStatus::Accepted, Some(inv))
    );
    let draft = documents::get(v.conn(), inv, TODAY).unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert_eq!(draft.totals.total, 57166);
    assert_eq!(draft.company_id, Some(c));
    assert!(draft.notes.unwrap().contains("P2026-0001"));
    assert!(matches!(
        quotes::convert(v.conn(), a, TODAY, AT),
        Err(InvoicingError::Refused(_))
    ));
    assert!(matches!(
        quotes::delete(v.conn(), a),
        Err(InvoicingError::Refused(_))
    ));
    // The draft issues like any other.
    assert_eq!(issue(&mut v, inv).unwrap(), "F2026-0001");

    let accepted = quotes::list(v.conn(), Some(QuoteStatus::Accepted), TODAY, 10, None).unwrap();
    assert_eq!(
        accepted.items.iter().map(|q| q.id).collect::<Vec<_>>(),
        vec![a]
    );
    assert_eq!(
        accepted.items[0].customer.as_deref(),
        Some("Ferretería Núñez")
    );
    let expired =
        quotes::list(v.conn(), Some(QuoteStatus::Expired), "2026-12-01", 10, None).unwrap();
    assert!(
        expired.items.is_empty(),
        "accepted and rejected quotes never expire"
    );
    let mut bad = quote(c);
    bad.valid_until = Some("2026-11-01".into());
    assert!(matches!(
        quotes::create(v.conn(), bad, TODAY, AT),
        Err(InvoicingError::Invalid {
            field: "valid_until",
            ..
        })
    ));
}

fn template(company: i64, start: &str, frequency: Frequency) -> RecurringInput {
    RecurringInput {
        name: "Mantenimiento web".into(),
        frequency,
        start_date: start.into(),
        end_date: None,
        series: None,
        company_id: Some(company),
        contact_id: None,
        currency: "EUR".into(),
        language: "es".into(),
        withholding: None,
        notes: None,
        lines: vec![line("1", "90", 21)],
    }
}

#[test]
fn recurring_templates_make_one_draft_per_period() {
    let (_t, v, c) = ready();
    let id =
        recurring::create(v.conn(), template(c, "2026-08-31", Frequency::Monthly), AT).unwrap();
    // Nothing before the first period.
    assert!(
        recurring::run_due(v.conn(), "2026-08-30", AT)
            .unwrap()
            .is_empty()
    );
    // Three periods have come by 23 Nov: 31 Aug, 30 Sep, 31 Oct (the day is kept, clamped to each month).
    let made = recurring::run_due(v.conn(), TODAY, AT).unwrap();
    let periods: Vec<&str> = made.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(periods, ["2026-08-31", "2026-09-30", "2026-10-31"]);
    // Running again the same day makes nothing.
    assert!(recurring::run_due(v.conn(), TODAY, AT).unwrap().is_empty());
    let t = recurring::get(v.conn(), id).unwrap();
    assert_eq!(t.next_date, "2026-11-30");
    assert_eq!(t.runs.len(), 3);
    let d = documents::get(v.conn(), made[1].2, TODAY).unwrap();
    assert_eq!((d.status, d.totals.total), (Status::Draft, 10890));
    assert!(d.notes.unwrap().contains("2026-09-30"));
    // Paused templates wait; an end date stops them.
    recurring::set_active(v.conn(), id, false, AT).unwrap();
    assert!(
        recurring::run_due(v.conn(), "2027-01-15", AT)
            .unwrap()
            .is_empty()
    );
    let mut q = template(c, "2026-01-15", Frequency::Quarterly);
    q.end_date = Some("2026-09-01".into());
    let qid = recurring::create(v.conn(), q, AT).unwrap();
    let made = recurring::run_due(v.conn(), TODAY, AT).unwrap();
    let periods: Vec<&str> = made.iter().map(|(_, p, _)| p.as_str()).collect();
    assert_eq!(periods, ["2026-01-15", "2026-04-15", "2026-07-15"]);
    assert!(!recurring::get(v.conn(), qid).unwrap().active);
    // Bad input names the field.
    let mut bad = template(c, "2026-13-01", Frequency::Yearly);
    assert!(matches!(
        recurring::create(v.conn(), bad.clone(), AT),
        Err(InvoicingError::Crm(_))
    ));
    bad.start_date = "2026-05-01".into();
    bad.end_date = Some("2026-04-01".into());
    assert!(matches!(
        recurring::create(v.conn(), bad, AT),
        Err(InvoicingError::Invalid {
            field: "end_date",
            ..
        })
    ));
    assert!(Frequency::parse("weekly").is_err());
}

#[test]
fn the_dunning_list_shows_overdue_balances_and_logs_reminders() {
    let (_t, mut v, c) = ready();
    let mut ids = vec![];
    for date in ["2026-09-01", "2026-10-01", "2026-11-20"] {
        let id = documents::create_draft(v.conn(), draft(c, Some(date)), TODAY, AT).unwrap();
        issue(&mut v, id).unwrap();
        ids.push(id);
    }
    // Due 30 days after each: 1 Oct (53 days overdue), 31 Oct (23), 20 Dec (not yet).
    documents::pay(v.conn(), ids[1], 10000, "2026-11-01", None, None, AT).unwrap();
    let list = reminders::overdue(v.conn(), TODAY, 10, None).unwrap();
    let rows: Vec<(i64, i64, i64)> = list
        .items
        .iter()
        .map(|o| (o.id, o.days_overdue, o.balance))
        .collect();
    assert_eq!(rows, vec![(ids[0], 53, 57166), (ids[1], 23, 47166)]);
    assert_eq!(list.items[0].customer.as_deref(), Some("Ferretería Núñez"));
    reminders::log(
        v.conn(),
        ids[0],
        "2026-11-10",
        Some("email".into()),
        Some("Primer aviso".into()),
        AT,
    )
    .unwrap();
    reminders::log(
        v.conn(),
        ids[0],
        "2026-11-20",
        Some("phone".into()),
        None,
        AT,
    )
    .unwrap();
    let first = &reminders::overdue(v.conn(), TODAY, 10, None).unwrap().items[0];
    assert_eq!(
        (first.reminders, first.last_reminder.as_deref()),
        (2, Some("2026-11-20"))
    );
    // Paging by due date.
    let one = reminders::overdue(v.conn(), TODAY, 1, None).unwrap();
    let two = reminders::overdue(v.conn(), TODAY, 1, one.next_cursor.as_deref()).unwrap();
    assert_eq!((one.items[0].id, two.items[0].id), (ids[0], ids[1]));
    // Paid in full: off the list. The log is append-only.
    documents::pay(v.conn(), ids[0], 57166, TODAY, None, None, AT).unwrap();
    assert_eq!(
        reminders::overdue(v.conn(), TODAY, 10, None)
            .unwrap()
            .items
            .len(),
        1
    );
    assert_eq!(reminders::of_invoice(v.conn(), ids[0]).unwrap().len(), 2);
    for sql in ["UPDATE reminder SET note = 'x'", "DELETE FROM reminder"] {
        assert!(
            v.conn()
                .execute(sql, [])
                .unwrap_err()
                .to_string()
                .contains("sigilo: "),
            "{sql}"
        );
    }
    let d = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
    assert!(matches!(
        reminders::log(v.conn(), d, TODAY, None, None, AT),
        Err(InvoicingError::Refused(_))
    ));
}

#[test]
fn the_dashboard_money_figures_follow_payments_credits_and_dates() {
    use sigilo_invoicing::overview;
    let (_t, mut v, c) = ready();
    let mut ids = vec![];
    for date in ["2026-09-01", "2026-10-01", "2026-11-20"] {
        let id = documents::create_draft(v.conn(), draft(c, Some(date)), TODAY, AT).unwrap();
        issue(&mut v, id).unwrap();
        ids.push(id);
    }
    // 3 × 571.66 owed; the first two overdue. Then: 100.00 paid on the second, the third credited in full.
    documents::pay(v.conn(), ids[1], 10000, TODAY, None, None, AT).unwrap();
    let cn = documents::credit_full(v.conn(), ids[2], None, TODAY, AT).unwrap();
    issue(&mut v, cn).unwrap();
    let r = overview::receivables(v.conn(), TODAY).unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0].currency.as_str(), r[0].owed, r[0].owed_count),
        ("EUR", 57166 + 47166, 2)
    );
    assert_eq!((r[0].overdue, r[0].overdue_count), (57166 + 47166, 2));
    let months = overview::revenue_by_month(v.conn(), "2025-12-01", TODAY).unwrap();
    let got: Vec<(&str, i64, i64)> = months
        .iter()
        .map(|m| (m.month.as_str(), m.net, m.invoices))
        .collect();
    // November: the invoice's net minus the credit note's net.
    assert_eq!(
        got,
        vec![
            ("2026-09", 47469, 1),
            ("2026-10", 47469, 1),
            ("2026-11", 0, 1)
        ]
    );
}

#[test]
fn the_open_set_always_matches_the_balances() {
    let (_t, mut v, c) = ready();
    let mut ids = vec![];
    for _ in 0..4 {
        let id = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
        issue(&mut v, id).unwrap();
        ids.push(id);
    }
    let open = |v: &sigilo_vault::Vault| -> Vec<i64> {
        v.conn()
            .prepare("SELECT invoice_id FROM open_invoice ORDER BY invoice_id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(open(&v), ids);
    // Paid in full: out. A reversal of part of it: back in. Part paid: stays. Credited in full: out.
    documents::pay(v.conn(), ids[0], 57166, TODAY, None, None, AT).unwrap();
    documents::pay(v.conn(), ids[1], 57166, TODAY, None, None, AT).unwrap();
    documents::pay(v.conn(), ids[1], -100, TODAY, None, None, AT).unwrap();
    documents::pay(v.conn(), ids[2], 100, TODAY, None, None, AT).unwrap();
    let cn = documents::credit_full(v.conn(), ids[3], None, TODAY, AT).unwrap();
    issue(&mut v, cn).unwrap();
    assert_eq!(open(&v), vec![ids[1], ids[2]]);
    // Every balance agrees with the set.
    for id in &ids {
        let doc = documents::get(v.conn(), *id, TODAY).unwrap();
        assert_eq!(
            doc.balance > 0,
            open(&v).contains(id),
            "invoice {id}: balance {}",
            doc.balance
        );
    }
    let r = sigilo_invoicing::overview::receivables(v.conn(), TODAY).unwrap();
    assert_eq!((r[0].owed, r[0].owed_count), (100 + 57066, 2));
}
