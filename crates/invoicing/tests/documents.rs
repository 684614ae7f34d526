//! Invoices in a real encrypted vault: gap-free numbering in date order (also with two processes racing),
//! issue checks, immutability enforced by the database, the hash chain and its verification, legal-hold
//! erasure, payments, credit notes and the derived status.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sigilo_crm::contacts::{self, NewContact};
use sigilo_invoicing::documents::{self, LineInput, Status};
use sigilo_invoicing::tax::{TaxCategory, TaxRate};
use sigilo_invoicing::{Dec, DocKind, InvoicingError, chain};
use sigilo_vault::{Passphrase, Unlock, Vault};

mod common;
use common::*;

#[test]
fn numbers_are_gap_free_and_follow_dates() {
    let (_t, mut v, c) = ready();
    let a = documents::create_draft(v.conn(), draft(c, Some("2026-11-02")), TODAY, AT).unwrap();
    let b = documents::create_draft(v.conn(), draft(c, Some("2026-11-10")), TODAY, AT).unwrap();
    let early = documents::create_draft(v.conn(), draft(c, Some("2026-11-05")), TODAY, AT).unwrap();
    assert_eq!(issue(&mut v, a).unwrap(), "F2026-0001");
    assert_eq!(issue(&mut v, b).unwrap(), "F2026-0002");
    // Dated before the last issued one: refused, and the number is not consumed.
    let msg = refused(issue(&mut v, early));
    assert!(msg.contains("numbers follow dates"), "{msg}");
    let d = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
    assert_eq!(issue(&mut v, d).unwrap(), "F2026-0003");
    // A series moved from another tool continues its numbering.
    documents::series_add(v.conn(), "A-", DocKind::Invoice, 120, 5, AT).unwrap();
    let mut input = draft(c, None);
    input.series = Some("A-".into());
    let e = documents::create_draft(v.conn(), input, TODAY, AT).unwrap();
    assert_eq!(issue(&mut v, e).unwrap(), "A-00120");
    // Future dates are refused.
    let f = documents::create_draft(v.conn(), draft(c, Some("2026-11-24")), TODAY, AT).unwrap();
    assert!(matches!(
        issue(&mut v, f),
        Err(InvoicingError::Invalid {
            field: "issue_date",
            ..
        })
    ));
}

#[test]
fn issuing_needs_a_profile_a_customer_and_their_tax_id() {
    let (_t, mut v) = vault();
    let c = customer(v.conn(), None);
    let id = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
    let msg = refused(issue(&mut v, id));
    assert!(
        msg.contains("business profile") && msg.contains("legal_name") && msg.contains("tax_id"),
        "{msg}"
    );
    set_profile(v.conn());
    assert!(refused(issue(&mut v, id)).contains("tax id is required"));
    let mut input = draft(c, None);
    input.company_id = None;
    documents::update_draft(v.conn(), id, input.clone(), TODAY, AT).unwrap();
    assert!(refused(issue(&mut v, id)).contains("choose the customer"));
    // A private person (a contact) can be invoiced without a tax id.
    let p = contacts::insert(
        v.conn(),
        NewContact {
            name: "Lucía Peña".into(),
            emails: vec!["lucia@example.es".into()],
            phones: vec![],
            company: None,
            notes: None,
        },
    )
    .unwrap();
    input.contact_id = Some(p);
    documents::update_draft(v.conn(), id, input, TODAY, AT).unwrap();
    assert_eq!(issue(&mut v, id).unwrap(), "F2026-0001");
    let doc = documents::get(v.conn(), id, TODAY).unwrap();
    assert!(
        doc.buyer
            .contains(&("name".to_owned(), Some("Lucía Peña".to_owned())))
    );
    assert!(
        doc.buyer
            .contains(&("email".to_owned(), Some("lucia@example.es".to_owned())))
    );
}

#[test]
fn drafts_refuse_bad_lines_with_the_field() {
    let (_t, v, c) = ready();
    let mut input = draft(c, None);
    input.lines[1].quantity = Dec::parse("-1", "q").unwrap();
    let err = documents::create_draft(v.conn(), input, TODAY, AT).unwrap_err();
    assert!(
        matches!(
            err,
            InvoicingError::Invalid {
                field: "quantity",
                ..
            }
        ),
        "{err}"
    );
    let mut input = draft(c, None);
    input.currency = "XYZ".into();
    assert!(
        documents::create_draft(v.conn(), input, TODAY, AT)
            .unwrap_err()
            .to_string()
            .starts_with("currency: ")
    );
    let mut input = draft(c, None);
    input.lines.clear();
    assert!(documents::create_draft(v.conn(), input, TODAY, AT).is_err());
}

#[test]
fn issued_invoices_cannot_be_changed_by_any_route() {
    let (_t, mut v, c) = ready();
    let id = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
    issue(&mut v, id).unwrap();
    documents::pay(v.conn(), id, 1000, TODAY, Some("transfer".into()), None, AT).unwrap();
    // Through the domain.
    assert!(
        refused(documents::update_draft(
            v.conn(),
            id,
            draft(c, None),
            TODAY,
            AT
        ))
        .contains("is issued")
    );
    assert!(refused(documents::delete_draft(v.conn(), id)).contains("credit note"));
    assert!(refused(issue(&mut v, id)).contains("is issued"));
    // Through a raw connection: every statement on every invoice table fails in the database itself.
    let raw = [
        "UPDATE invoice SET total = 1",
        "UPDATE invoice SET notes = 'x'",
        "DELETE FROM invoice",
        "UPDATE invoice_line SET net = 1",
        "UPDATE invoice_line SET description = 'x'",
        "DELETE FROM invoice_line",
        "INSERT INTO invoice_line (invoice_id, position, description, quantity, unit_price, discount_kind, tax_category, tax_percent, net) SELECT id, 99, 'x', '1', '1', 'none', 'S', '21', 100 FROM invoice",
        "UPDATE invoice_buyer SET value = 'Otro'",
        "UPDATE invoice_buyer SET commitment = 'x', value = NULL, salt = NULL",
        "DELETE FROM invoice_buyer",
        "UPDATE payment SET amount = 5",
        "DELETE FROM payment",
        "UPDATE series SET next_number = 1",
        "UPDATE series SET code = 'X-'",
        "DELETE FROM series",
    ];
    for sql in raw {
        let err = v.conn().execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("sigilo: "), "{sql} → {err}");
    }
    assert!(
        chain::verify(v.conn(), None)
            .unwrap()
            .first_broken
            .is_none()
    );
}

#[test]
fn verify_chain_names_the_first_record_changed_behind_the_guards() {
    let (_t, mut v, c) = ready();
    let mut ids = vec![];
    for _ in 0..4 {
        let id = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
        issue(&mut v, id).unwrap();
        ids.push(id);
    }
    let report = chain::verify(v.conn(), None).unwrap();
    assert_eq!((report.checked, report.first_broken), (4, None));
    // Someone with the key removes the guards and edits the third invoice's line.
    let triggers: Vec<String> = v
        .conn()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(triggers.len() >= 10);
    for t in &triggers {
        v.conn().execute(&format!("DROP TRIGGER {t}"), []).unwrap();
    }
    v.conn()
        .execute(
            "UPDATE invoice_line SET quantity = '11' WHERE invoice_id = ?1 AND position = 0",
            [ids[2]],
        )
        .unwrap();
    let broken = chain::verify(v.conn(), None).unwrap().first_broken.unwrap();
    assert_eq!(broken.number, "F2026-0003");
    assert!(
        broken.reason.contains("content was changed"),
        "{}",
        broken.reason
    );
    v.conn()
        .execute(
            "UPDATE invoice_line SET quantity = '10' WHERE invoice_id = ?1 AND position = 0",
            [ids[2]],
        )
        .unwrap();
    assert!(
        chain::verify(v.conn(), None)
            .unwrap()
            .first_broken
            .is_none()
    );
    // A buyer's value changed: named by field.
    v.conn()
        .execute(
            "UPDATE invoice_buyer SET value = 'Otra SL' WHERE invoice_id = ?1 AND field = 'name'",
            [ids[1]],
        )
        .unwrap();
    let broken = chain::verify(v.conn(), None).unwrap().first_broken.unwrap();
    assert_eq!(broken.number, "F2026-0002");
    assert!(broken.reason.contains("buyer's name"), "{}", broken.reason);
    v.conn().execute("UPDATE invoice_buyer SET value = 'Ferretería Núñez' WHERE invoice_id = ?1 AND field = 'name'", [ids[1]]).unwrap();
    // A record removed: the next one's link breaks.
    v.conn().execute("DELETE FROM payment", []).unwrap();
    v.conn().execute("DELETE FROM open_invoice", []).unwrap();
    v.conn()
        .execute("DELETE FROM invoice WHERE id = ?1", [ids[0]])
        .unwrap();
    let broken = chain::verify(v.conn(), None).unwrap().first_broken.unwrap();
    assert_eq!(broken.number, "F2026-0002");
    assert!(
        broken.reason.contains("skips") || broken.reason.contains("link"),
        "{}",
        broken.reason
    );
}

#[test]
fn erasing_a_buyer_under_legal_hold_keeps_the_chain_valid() {
    let (_t, mut v, c) = ready();
    let id = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
    issue(&mut v, id).unwrap();
    let n = v
        .conn()
        .execute(
            "UPDATE invoice_buyer SET value = NULL, salt = NULL WHERE invoice_id = ?1",
            [id],
        )
        .unwrap();
    assert!(n >= 2);
    assert!(
        chain::verify(v.conn(), None)
            .unwrap()
            .first_broken
            .is_none()
    );
    let doc = documents::get(v.conn(), id, TODAY).unwrap();
    assert!(doc.buyer.iter().all(|(_, value)| value.is_none()));
}

#[test]
fn payments_credit_notes_and_status_follow_the_facts() {
    let (_t, mut v, c) = ready();
    let id = documents::create_draft(v.conn(), draft(c, Some("2026-10-01")), TODAY, AT).unwrap();
    assert_eq!(
        documents::get(v.conn(), id, TODAY).unwrap().status,
        Status::Draft
    );
    assert!(
        refused(documents::pay(v.conn(), id, 100, TODAY, None, None, AT))
            .contains("issue the invoice")
    );
    issue(&mut v, id).unwrap();
    let doc = documents::get(v.conn(), id, TODAY).unwrap();
    // 450.00 + 24.69 net; 94.50 + 2.47 tax; due 30 days after 2026-10-01.
    assert_eq!(
        (doc.totals.net, doc.totals.tax, doc.totals.total),
        (47469, 9697, 57166)
    );
    assert_eq!(doc.due_date.as_deref(), Some("2026-10-31"));
    assert_eq!(doc.status, Status::Overdue);
    assert_eq!(
        documents::get(v.conn(), id, "2026-10-15").unwrap().status,
        Status::Issued
    );
    documents::pay(
        v.conn(),
        id,
        20000,
        "2026-10-20",
        Some("transfer".into()),
        None,
        AT,
    )
    .unwrap();
    let doc = documents::get(v.conn(), id, "2026-10-25").unwrap();
    assert_eq!(
        (doc.status, doc.paid, doc.balance),
        (Status::PartiallyPaid, 20000, 37166)
    );
    assert!(documents::pay(v.conn(), id, 5, "2026-09-30", None, None, AT).is_err());
    documents::pay(v.conn(), id, 37166, TODAY, None, None, AT).unwrap();
    let doc = documents::get(v.conn(), id, TODAY).unwrap();
    assert_eq!((doc.status, doc.balance), (Status::Paid, 0));

    // A second invoice, cancelled in full by a credit note from its own series.
    let id2 = documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap();
    issue(&mut v, id2).unwrap();
    let cn = documents::credit_full(v.conn(), id2, Some("Error en el precio".into()), TODAY, AT)
        .unwrap();
    assert_eq!(issue(&mut v, cn).unwrap(), "R2026-0001");
    let credit = documents::get(v.conn(), cn, TODAY).unwrap();
    assert_eq!(credit.totals.total, -57166);
    assert_eq!(credit.corrects_number.as_deref(), Some("F2026-0002"));
    let doc2 = documents::get(v.conn(), id2, TODAY).unwrap();
    assert_eq!(
        (doc2.status, doc2.credited, doc2.balance),
        (Status::Voided, -57166, 0)
    );
    // Nothing left to credit.
    assert!(
        refused(documents::credit_full(v.conn(), id2, None, TODAY, AT))
            .contains("already has credit notes")
    );
    let mut partial = draft(c, None);
    partial.kind = DocKind::CreditNote;
    partial.corrects = Some(id2);
    partial.lines = vec![line("-1", "10", 21)];
    let p = documents::create_draft(v.conn(), partial, TODAY, AT).unwrap();
    assert!(
        refused(issue(&mut v, p)).contains("larger than what invoice F2026-0002 still stands for")
    );

    // Lists by derived status.
    let paid = documents::list(v.conn(), Some(Status::Paid), TODAY, 50, None).unwrap();
    assert_eq!(
        paid.items.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![id]
    );
    let voided = documents::list(v.conn(), Some(Status::Voided), TODAY, 50, None).unwrap();
    assert_eq!(voided.items[0].buyer.as_deref(), Some("Ferretería Núñez"));
    let all = documents::list(v.conn(), None, TODAY, 2, None).unwrap();
    let rest = documents::list(v.conn(), None, TODAY, 2, all.next_cursor.as_deref()).unwrap();
    let mut ids: Vec<i64> = all.items.iter().chain(&rest.items).map(|s| s.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    assert!(ids.windows(2).all(|w| w[0] > w[1]), "newest first: {ids:?}");
    assert!(
        chain::verify(v.conn(), None)
            .unwrap()
            .first_broken
            .is_none()
    );
    assert_eq!(chain::verify(v.conn(), Some("R2026-")).unwrap().checked, 1);
}

#[test]
fn exempt_and_reverse_charge_lines_keep_their_category() {
    let (_t, mut v, c) = ready();
    let mut input = draft(c, None);
    input.lines.push(LineInput {
        tax: TaxRate::untaxed(TaxCategory::Exempt {
            reason: "Exento art. 20 LIVA".into(),
        }),
        ..line("1", "100", 21)
    });
    input.withholding = Some(Dec::int(15));
    let id = documents::create_draft(v.conn(), input, TODAY, AT).unwrap();
    issue(&mut v, id).unwrap();
    let doc = documents::get(v.conn(), id, TODAY).unwrap();
    assert_eq!(doc.totals.rates.len(), 3);
    assert_eq!(
        doc.lines[2].input.tax.mention("es").as_deref(),
        Some("Exento art. 20 LIVA")
    );
    // withholding 15 % of 574.69 = 86.2035 → 86.20
    assert_eq!(doc.totals.withholding, 8620);
}

#[test]
fn two_processes_issuing_at_once_get_consecutive_numbers() {
    let (tmp, v, c) = ready();
    let mut drafts = vec![];
    for _ in 0..20 {
        drafts.push(documents::create_draft(v.conn(), draft(c, None), TODAY, AT).unwrap());
    }
    let dir = tmp.path().join("v");
    drop(v);
    let halves: Vec<Vec<i64>> = drafts.chunks(10).map(<[i64]>::to_vec).collect();
    let handles: Vec<_> = halves
        .into_iter()
        .map(|ids| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut v = Vault::open(
                    &dir,
                    &Unlock::Passphrase(Passphrase::new(PASS.to_owned())),
                    &schema(),
                )
                .unwrap();
                ids.into_iter()
                    .map(|id| issue(&mut v, id).unwrap())
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut numbers: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    numbers.sort();
    let want: Vec<String> = (1..=20).map(|n| format!("F2026-{n:04}")).collect();
    assert_eq!(numbers, want);
    let v = Vault::open(
        &dir,
        &Unlock::Passphrase(Passphrase::new(PASS.to_owned())),
        &schema(),
    )
    .unwrap();
    let report = chain::verify(v.conn(), None).unwrap();
    assert_eq!((report.checked, report.first_broken), (20, None));
}
