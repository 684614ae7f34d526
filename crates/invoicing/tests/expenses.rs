//! Expenses, the profit view and the quarterly VAT figures in a real encrypted vault. The VAT and profit
//! figures are checked against amounts computed by hand (two invoices with two rates and a recargo, a partial
//! credit note, bills with two rates, withholdings, a second currency) and against the invoices' own breakdown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rusqlite::Connection;
use sigilo_crm::companies::{self, NewCompany, Role, Roles};
use sigilo_invoicing::documents::{self, DraftInput, LineInput};
use sigilo_invoicing::expenses::{self, BaseInput, ExpenseInput, Filter, Supplier};
use sigilo_invoicing::profile::{self, Profile};
use sigilo_invoicing::reports::{self, Period};
use sigilo_invoicing::tax::{TaxCategory, TaxRate};
use sigilo_invoicing::{Dec, Discount, DocKind, InvoicingError};
use sigilo_vault::{KdfParams, Passphrase, Vault};

const TODAY: &str = "2026-11-23";
const AT: &str = "2026-11-23T10:00:00Z";

fn d(s: &str) -> Dec {
    Dec::parse(s, "x").unwrap()
}

fn vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut vault, _) = Vault::create_with_kdf(
        &tmp.path().join("v"),
        &Passphrase::new("a test passphrase".to_owned()),
        &[sigilo_crm::MIGRATIONS, sigilo_invoicing::MIGRATIONS],
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap();
    profile::set(
        vault.conn_mut(),
        Profile {
            legal_name: Some("Taller Sigilo SL".into()),
            tax_country: Some("ES".into()),
            tax_id: Some("B12345674".into()),
            street: Some("Calle Mayor 1".into()),
            postal_code: Some("28013".into()),
            city: Some("Madrid".into()),
            country: Some("ES".into()),
            currency: Some("EUR".into()),
            ..Profile::default()
        },
        AT,
    )
    .unwrap();
    (tmp, vault)
}

fn company(conn: &Connection, name: &str, role: Role, tax_id: &str) -> i64 {
    companies::insert(
        conn,
        NewCompany {
            name: name.into(),
            roles: Roles::of(&[role]),
            tax_country: Some("ES".into()),
            tax_id: Some(tax_id.into()),
            addresses: vec![],
            website: None,
            payment_days: None,
            currency: None,
            notes: None,
        },
    )
    .unwrap()
}

fn rate(pct: &str, re: Option<&str>) -> TaxRate {
    TaxRate {
        surcharge: re.map(d),
        ..TaxRate::standard(d(pct))
    }
}

fn line(q: &str, p: &str, tax: TaxRate) -> LineInput {
    LineInput {
        product_id: None,
        description: "Servicio".into(),
        quantity: d(q),
        unit: None,
        unit_price: d(p),
        discount: Discount::None,
        tax,
    }
}

fn draft(company: i64, date: &str, lines: Vec<LineInput>, wh: Option<&str>) -> DraftInput {
    DraftInput {
        kind: DocKind::Invoice,
        series: None,
        company_id: Some(company),
        contact_id: None,
        issue_date: Some(date.into()),
        due_date: None,
        currency: "EUR".into(),
        language: "es".into(),
        withholding: wh.map(d),
        notes: None,
        corrects: None,
        correction_reason: None,
        lines,
    }
}

fn issue(v: &mut Vault, input: DraftInput) -> i64 {
    let tx = v
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let id = documents::create_draft(&tx, input, TODAY, AT).unwrap();
    documents::issue(&tx, id, TODAY, AT).unwrap();
    tx.commit().unwrap();
    id
}

fn base(amount: i64, tax: TaxRate) -> BaseInput {
    BaseInput { base: amount, tax }
}

fn bill(supplier: Supplier, date: &str, number: &str, bases: Vec<BaseInput>) -> ExpenseInput {
    ExpenseInput {
        supplier,
        date: date.into(),
        number: number.into(),
        currency: "EUR".into(),
        bases,
        withholding: None,
        category: Some("supplies".into()),
        paid_on: None,
        notes: None,
    }
}

fn named(name: &str, tax_id: Option<&str>) -> Supplier {
    Supplier::Named {
        name: name.into(),
        tax_country: None,
        tax_id: tax_id.map(str::to_owned),
    }
}

/// The scenario of the hand-computed figures; returns the ids of invoices A, B and the credit note.
fn scenario(v: &mut Vault) -> (i64, i64, i64) {
    let customer = company(v.conn(), "Ferretería Núñez", Role::Customer, "A58818501");
    let supplier = company(v.conn(), "Asesoría López", Role::Supplier, "B12345674");
    // A, 2026-01-15: 10 × 45.00 @21 = 450.00 (VAT 94.50); 2 × 12.345 @10 = 24.69 (VAT 2.469 → 2.47);
    // IRPF 15 % of 474.69 = 71.2035 → 71.20.
    let a = issue(
        v,
        draft(
            customer,
            "2026-01-15",
            vec![
                line("10", "45", rate("21", None)),
                line("2", "12.345", rate("10", None)),
            ],
            Some("15"),
        ),
    );
    // B, 2026-02-10: 1 × 100.05 @21 (VAT 21.0105 → 21.01); 3 lines of 0.15 @10 = 0.45 (VAT 0.045 → 0.05 once
    // per rate, not 3 × 0.02); 1 × 200 @21 + RE 5.2 (VAT 42.00, RE 10.40).
    let b = issue(
        v,
        draft(
            customer,
            "2026-02-10",
            vec![
                line("1", "100.05", rate("21", None)),
                line("1", "0.15", rate("10", None)),
                line("1", "0.15", rate("10", None)),
                line("1", "0.15", rate("10", None)),
                line("1", "200", rate("21", Some("5.2"))),
            ],
            None,
        ),
    );
    // Credit note on A, 2026-03-05: −1 × 45.00 @21 (VAT −9.45), IRPF 15 % → −6.75.
    let mut cn = draft(
        customer,
        "2026-03-05",
        vec![line("-1", "45", rate("21", None))],
        Some("15"),
    );
    cn.kind = DocKind::CreditNote;
    cn.corrects = Some(a);
    cn.correction_reason = Some("Una hora facturada de más".into());
    let c = issue(v, cn);
    // C, 2026-04-02 (second quarter): 1000.00 @21.
    issue(
        v,
        draft(
            customer,
            "2026-04-02",
            vec![line("1", "1000", rate("21", None))],
            None,
        ),
    );
    // A draft in the first quarter counts nowhere.
    documents::create_draft(
        v.conn(),
        draft(
            customer,
            "2026-02-20",
            vec![line("1", "999", rate("21", None))],
            None,
        ),
        TODAY,
        AT,
    )
    .unwrap();

    let conn = v.conn();
    // Bill 1, 2026-01-20: 100.00 @21 (21.00) and 33.33 @10 (3.333 → 3.33).
    let mut b1 = bill(
        named("Papelería Central", Some("A58818501")),
        "2026-01-20",
        "PC-118",
        vec![base(10000, rate("21", None)), base(3333, rate("10", None))],
    );
    b1.paid_on = Some("2026-01-25".into());
    expenses::insert(conn, b1, AT).unwrap();
    // Bill 2, 2026-03-31, a professional: 500.00 @21 (105.00), three bases of 0.15 @10 merged into 0.45
    // (0.05), IRPF 15 % of 500.45 = 75.0675 → 75.07.
    let mut b2 = bill(
        Supplier::Company(supplier),
        "2026-03-31",
        "2026/044",
        vec![
            base(50000, rate("21", None)),
            base(15, rate("10", None)),
            base(15, rate("10", None)),
            base(15, rate("10", None)),
        ],
    );
    b2.withholding = Some(d("15"));
    b2.category = Some("services".into());
    expenses::insert(conn, b2, AT).unwrap();
    // Bill 3, 2026-04-01 (second quarter): 50.00 @21.
    expenses::insert(
        conn,
        bill(
            named("Bar Pepe", None),
            "2026-04-01",
            "T-9",
            vec![base(5000, rate("21", None))],
        ),
        AT,
    )
    .unwrap();
    // Bill 4, 2026-01-05, in USD: 10.00 @21 (2.10).
    let mut b4 = bill(
        named("Cloud Inc.", None),
        "2026-01-05",
        "INV-1",
        vec![base(1000, rate("21", None))],
    );
    b4.currency = "USD".into();
    expenses::insert(conn, b4, AT).unwrap();
    (a, b, c)
}

fn row(r: &reports::VatRow) -> (String, Option<String>, i64, i64, i64, u32) {
    (
        r.rate.percent.to_string(),
        r.rate.surcharge.map(|s| s.to_string()),
        r.base,
        r.tax,
        r.surcharge,
        r.documents,
    )
}

fn s(x: &str) -> String {
    x.to_owned()
}

#[test]
fn quarterly_vat_matches_the_hand_computed_figures() {
    let (_t, mut v) = vault();
    let (a, b, c) = scenario(&mut v);
    let r = reports::vat(v.conn(), 2026, 1).unwrap();
    assert_eq!(
        (r.from.as_str(), r.to.as_str()),
        ("2026-01-01", "2026-03-31")
    );
    assert_eq!(r.currencies.len(), 2);
    let eur = &r.currencies[0];
    assert_eq!(eur.currency.code(), "EUR");
    let out: Vec<_> = eur.output.iter().map(row).collect();
    assert_eq!(
        out,
        vec![
            (s("21"), None, 55005, 11551, 0, 2),
            (s("21"), Some(s("5.2")), 20000, 4200, 1040, 1),
            (s("10"), None, 2514, 252, 0, 2),
        ]
    );
    let corr: Vec<_> = eur.corrections.iter().map(row).collect();
    assert_eq!(corr, vec![(s("21"), None, -4500, -945, 0, 1)]);
    let input: Vec<_> = eur.input.iter().map(row).collect();
    assert_eq!(
        input,
        vec![
            (s("21"), None, 60000, 12600, 0, 2),
            (s("10"), None, 3378, 338, 0, 2)
        ]
    );
    // 115.51 + 42.00 + 2.52 − 9.45 = 150.58 output VAT; RE 10.40; input 129.38; 150.58 + 10.40 − 129.38 = 31.60.
    assert_eq!(eur.output_tax, 15058);
    assert_eq!(eur.output_surcharge, 1040);
    assert_eq!(eur.input_tax, 12938);
    assert_eq!(eur.input_surcharge, 0);
    assert_eq!(eur.result, 3160);
    // IRPF: 71.20 on A − 6.75 on the credit note; 75.07 withheld on bill 2.
    assert_eq!(eur.withheld_by_customers, 6445);
    assert_eq!(eur.withheld_from_suppliers, 7507);

    // Never mixed: the USD bill is its own currency, input only.
    let usd = &r.currencies[1];
    assert_eq!(usd.currency.code(), "USD");
    assert!(usd.output.is_empty() && usd.corrections.is_empty());
    assert_eq!(
        usd.input.iter().map(row).collect::<Vec<_>>(),
        vec![(s("21"), None, 1000, 210, 0, 1)]
    );
    assert_eq!(usd.result, -210);

    // The output rows are the invoices' own breakdowns, summed.
    let mut by_rate: Vec<(TaxRate, i64, i64, i64)> = Vec::new();
    for id in [a, b, c] {
        for rt in documents::get(v.conn(), id, TODAY).unwrap().totals.rates {
            match by_rate.iter_mut().find(|x| x.0 == rt.rate) {
                Some(x) => {
                    x.1 += rt.base;
                    x.2 += rt.tax;
                    x.3 += rt.surcharge;
                }
                None => by_rate.push((rt.rate, rt.base, rt.tax, rt.surcharge)),
            }
        }
    }
    let total_tax: i64 = by_rate.iter().map(|x| x.2).sum();
    assert_eq!(total_tax, eur.output_tax);

    // The second quarter holds C and bill 3 only.
    let q2 = reports::vat(v.conn(), 2026, 2).unwrap();
    assert_eq!(q2.currencies.len(), 1);
    assert_eq!(
        q2.currencies[0].output.iter().map(row).collect::<Vec<_>>(),
        vec![(s("21"), None, 100000, 21000, 0, 1)]
    );
    assert_eq!(q2.currencies[0].result, 21000 - 1050);
    // An empty quarter has no currency; a quarter 5 is refused naming the field.
    assert!(
        reports::vat(v.conn(), 2026, 4)
            .unwrap()
            .currencies
            .is_empty()
    );
    let e = reports::vat(v.conn(), 2026, 5).unwrap_err();
    assert!(e.to_string().starts_with("quarter: "), "{e}");
}

#[test]
fn profit_by_month_and_quarter_per_currency() {
    let (_t, mut v) = vault();
    scenario(&mut v);
    let p = reports::profit(v.conn(), 2026, Period::Month).unwrap();
    assert_eq!(p.len(), 2);
    let eur = &p[0];
    assert_eq!(eur.currency.code(), "EUR");
    assert_eq!(eur.periods.len(), 12);
    let fig = |i: usize| {
        let l = &eur.periods[i];
        (l.period.clone(), l.revenue, l.expenses, l.profit)
    };
    // Jan: A 474.69 − bill 1 133.33; Feb: B 300.50; Mar: credit −45.00 − bill 2 500.45; Apr: C 1000 − 50.
    assert_eq!(fig(0), (s("2026-01"), 47469, 13333, 34136));
    assert_eq!(fig(1), (s("2026-02"), 30050, 0, 30050));
    assert_eq!(fig(2), (s("2026-03"), -4500, 50045, -54545));
    assert_eq!(fig(3), (s("2026-04"), 100000, 5000, 95000));
    assert_eq!(fig(11), (s("2026-12"), 0, 0, 0));
    assert_eq!(
        (
            eur.total.period.as_str(),
            eur.total.revenue,
            eur.total.expenses,
            eur.total.profit
        ),
        ("2026", 173019, 68378, 104641)
    );
    let usd = &p[1];
    assert_eq!(
        (
            usd.periods[0].revenue,
            usd.periods[0].expenses,
            usd.periods[0].profit
        ),
        (0, 1000, -1000)
    );

    let q = reports::profit(v.conn(), 2026, Period::Quarter).unwrap();
    let eur = &q[0];
    assert_eq!(eur.periods.len(), 4);
    assert_eq!(
        (
            eur.periods[0].period.as_str(),
            eur.periods[0].revenue,
            eur.periods[0].expenses,
            eur.periods[0].profit
        ),
        ("2026-Q1", 73019, 63378, 9641)
    );
    assert_eq!(eur.periods[1].profit, 95000);
    assert_eq!(eur.total.profit, 104641);
    assert!(
        reports::profit(v.conn(), 2025, Period::Month)
            .unwrap()
            .is_empty()
    );
    assert!(
        reports::profit(v.conn(), 12, Period::Month)
            .unwrap_err()
            .to_string()
            .starts_with("year: ")
    );
}

#[test]
fn a_bill_is_computed_per_rate_stored_and_read_back() {
    let (_t, v) = vault();
    let conn = v.conn();
    let mut input = bill(
        named("Gestoría Ruiz", Some("a-58818501")),
        "2026-02-03",
        "GR 7",
        vec![
            base(10000, rate("21", Some("5.2"))),
            base(
                2000,
                TaxRate::untaxed(TaxCategory::Exempt {
                    reason: "Exento".into(),
                }),
            ),
            base(-1000, rate("21", Some("5.2"))),
        ],
    );
    input.withholding = Some(d("7"));
    let id = expenses::insert(conn, input, AT).unwrap();
    let e = expenses::get(conn, id).unwrap();
    assert_eq!(e.supplier_tax_id.as_deref(), Some("A58818501"));
    assert_eq!(e.supplier_tax_country.as_deref(), Some("ES"));
    assert_eq!(e.rates.len(), 2);
    // 100.00 − 10.00 = 90.00 at 21 % + RE 5.2 %: 18.90 and 4.68; exempt 20.00. IRPF 7 % of 110.00 = 7.70.
    assert_eq!(
        (
            e.rates[0].base,
            e.rates[0].tax_amount,
            e.rates[0].surcharge_amount
        ),
        (9000, 1890, 468)
    );
    assert_eq!((e.rates[1].base, e.rates[1].tax_amount), (2000, 0));
    assert_eq!(
        (e.net, e.tax, e.surcharge, e.withholding),
        (11000, 1890, 468, 770)
    );
    assert_eq!(e.total, 11000 + 1890 + 468 - 770);
    assert_eq!(e.paid_on, None);

    // Paid and unpaid again; the list filters follow.
    expenses::set_paid(conn, id, Some("2026-02-10"), AT).unwrap();
    assert_eq!(
        expenses::get(conn, id).unwrap().paid_on.as_deref(),
        Some("2026-02-10")
    );
    let paid = Filter {
        paid: Some(true),
        ..Filter::default()
    };
    assert_eq!(
        expenses::list(conn, &paid, 10, None).unwrap().items.len(),
        1
    );
    expenses::set_paid(conn, id, None, AT).unwrap();
    assert!(
        expenses::list(conn, &paid, 10, None)
            .unwrap()
            .items
            .is_empty()
    );

    // Update replaces the figures.
    let mut again = bill(
        named("Gestoría Ruiz", Some("A58818501")),
        "2026-02-03",
        "GR 7",
        vec![base(100, rate("4", None))],
    );
    again.notes = Some("corrected".into());
    expenses::update(conn, id, again, AT).unwrap();
    let e = expenses::get(conn, id).unwrap();
    assert_eq!((e.net, e.tax, e.total), (100, 4, 104));
    assert_eq!(e.notes.as_deref(), Some("corrected"));
}

#[test]
fn bad_bills_are_refused_naming_the_field() {
    let (_t, v) = vault();
    let conn = v.conn();
    let customer = company(conn, "Cliente SA", Role::Customer, "A58818501");
    let err = |input: ExpenseInput| expenses::insert(conn, input, AT).unwrap_err();
    let ok_bases = || vec![base(100, rate("21", None))];
    let field = |e: InvoicingError| match e {
        InvoicingError::Invalid { field, .. }
        | InvoicingError::Crm(sigilo_crm::CrmError::Invalid { field, .. }) => field,
        other => panic!("expected invalid input, got {other:?}"),
    };
    assert_eq!(
        field(err(bill(named(" ", None), "2026-01-01", "1", ok_bases()))),
        "supplier_name"
    );
    assert_eq!(
        field(err(bill(
            named("X", Some("B1234567X")),
            "2026-01-01",
            "1",
            ok_bases()
        ))),
        "supplier_tax_id"
    );
    assert_eq!(
        field(err(bill(named("X", None), "2026-13-01", "1", ok_bases()))),
        "date"
    );
    assert_eq!(
        field(err(bill(named("X", None), "2026-01-01", "  ", ok_bases()))),
        "number"
    );
    assert_eq!(
        field(err(bill(named("X", None), "2026-01-01", "1", vec![]))),
        "bases"
    );
    assert_eq!(
        field(err(bill(
            named("X", None),
            "2026-01-01",
            "1",
            vec![base(0, rate("21", None))]
        ))),
        "base"
    );
    assert_eq!(
        field(err(bill(
            named("X", None),
            "2026-01-01",
            "1",
            vec![base(100, rate("120", None))]
        ))),
        "tax_rate"
    );
    let mut b = bill(named("X", None), "2026-01-01", "1", ok_bases());
    b.currency = "XXY".into();
    assert_eq!(field(err(b)), "currency");
    // A customer is not a supplier: refused, with the way out.
    match err(bill(
        Supplier::Company(customer),
        "2026-01-01",
        "1",
        ok_bases(),
    )) {
        InvoicingError::Refused(m) => assert!(m.contains("supplier role"), "{m}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        err(bill(Supplier::Company(9999), "2026-01-01", "1", ok_bases())),
        InvoicingError::NotFound { .. }
    ));
    // The same supplier's bill number twice: refused (the supplier matched by tax id, whatever the name).
    expenses::insert(
        conn,
        bill(
            named("Luz SA", Some("A58818501")),
            "2026-01-01",
            "F-1",
            ok_bases(),
        ),
        AT,
    )
    .unwrap();
    match err(bill(
        named("LUZ, S.A.", Some("A-58818501")),
        "2026-02-01",
        "F-1",
        ok_bases(),
    )) {
        InvoicingError::Refused(m) => assert!(m.contains("already recorded"), "{m}"),
        other => panic!("{other:?}"),
    }
    // Another supplier may use the same number.
    expenses::insert(
        conn,
        bill(named("Agua SA", None), "2026-01-01", "F-1", ok_bases()),
        AT,
    )
    .unwrap();
    assert!(matches!(
        expenses::get(conn, 4242).unwrap_err(),
        InvoicingError::NotFound { .. }
    ));
    assert!(matches!(
        expenses::delete(conn, 4242).unwrap_err(),
        InvoicingError::NotFound { .. }
    ));
}

#[test]
fn the_document_is_kept_checked_and_deleted_with_the_bill() {
    let (_t, v) = vault();
    let conn = v.conn();
    let id = expenses::insert(
        conn,
        bill(
            named("Imprenta", None),
            "2026-01-09",
            "77",
            vec![base(100, rate("21", None))],
        ),
        AT,
    )
    .unwrap();
    let pdf = b"%PDF-1.7\n% a bill\n".to_vec();
    let info = expenses::attach(conn, id, &pdf, Some("factura.pdf".into()), AT).unwrap();
    assert_eq!(
        (info.mime, info.size),
        ("application/pdf", u32::try_from(pdf.len()).unwrap())
    );
    let doc = expenses::document(conn, id).unwrap().unwrap();
    assert_eq!(doc.bytes, pdf);
    assert_eq!(doc.info.file_name.as_deref(), Some("factura.pdf"));
    assert!(
        expenses::list(conn, &Filter::default(), 10, None)
            .unwrap()
            .items[0]
            .has_document
    );
    // A PNG scan replaces it; text, empty files and anything above 20 MiB are refused.
    expenses::attach(conn, id, b"\x89PNG\r\n\x1a\nrest", None, AT).unwrap();
    assert_eq!(
        expenses::get(conn, id).unwrap().document.unwrap().mime,
        "image/png"
    );
    for bad in [b"hello".to_vec(), Vec::new(), {
        let mut big = b"%PDF-".to_vec();
        big.resize(expenses::MAX_DOCUMENT + 1, b' ');
        big
    }] {
        match expenses::attach(conn, id, &bad, None, AT).unwrap_err() {
            InvoicingError::Invalid { field, .. } => assert_eq!(field, "document"),
            other => panic!("{other:?}"),
        }
    }
    expenses::detach(conn, id, AT).unwrap();
    assert!(expenses::document(conn, id).unwrap().is_none());
    assert!(matches!(
        expenses::detach(conn, id, AT).unwrap_err(),
        InvoicingError::Refused(_)
    ));
    expenses::attach(conn, id, &pdf, None, AT).unwrap();
    expenses::delete(conn, id).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM expense_document) + (SELECT count(*) FROM expense_tax)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn the_list_pages_by_date_newest_first_with_filters() {
    let (_t, v) = vault();
    let conn = v.conn();
    let sup = company(conn, "Proveedor SL", Role::Supplier, "B12345674");
    // 30 bills over two months, several on the same day; every third from the supplier company.
    for i in 0..30 {
        let supplier = if i % 3 == 0 {
            Supplier::Company(sup)
        } else {
            named("Varios", None)
        };
        let date = format!("2026-{:02}-{:02}", 1 + i / 15, 1 + (i % 15) / 2);
        let mut b = bill(
            supplier,
            &date,
            &format!("N{i}"),
            vec![base(100 + i, rate("21", None))],
        );
        if i % 2 == 0 {
            b.paid_on = Some(date.clone());
        }
        expenses::insert(conn, b, AT).unwrap();
    }
    let walk = |f: &Filter| {
        let mut all = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = expenses::list(conn, f, 7, cursor.as_deref()).unwrap();
            all.extend(page.items);
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        all
    };
    let all = walk(&Filter::default());
    assert_eq!(all.len(), 30);
    assert!(
        all.windows(2)
            .all(|w| (w[0].date.as_str(), w[0].id) > (w[1].date.as_str(), w[1].id))
    );
    assert_eq!(
        walk(&Filter {
            paid: Some(false),
            ..Filter::default()
        })
        .len(),
        15
    );
    let from_sup = walk(&Filter {
        supplier_id: Some(sup),
        ..Filter::default()
    });
    assert_eq!(from_sup.len(), 10);
    assert!(from_sup.iter().all(|s| s.supplier_name == "Proveedor SL"));
    let feb = walk(&Filter {
        from: Some("2026-02-01".into()),
        to: Some("2026-02-28".into()),
        ..Filter::default()
    });
    assert_eq!(feb.len(), 15);
    let e = expenses::list(
        conn,
        &Filter {
            from: Some("2026-03-01".into()),
            to: Some("2026-02-01".into()),
            ..Filter::default()
        },
        10,
        None,
    )
    .unwrap_err();
    assert!(e.to_string().starts_with("to: "), "{e}");
}

#[test]
fn the_report_queries_read_covering_indexes() {
    let (_t, v) = vault();
    let plan = |sql: &str| -> String {
        let mut stmt = v
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .unwrap();
        stmt.query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .map(Result::unwrap)
            .collect::<Vec<_>>()
            .join(" | ")
    };
    let p = plan(
        "SELECT currency, SUM(net) FROM invoice WHERE issued_at IS NOT NULL
         AND issue_date >= '2026-01-01' AND issue_date < '2027-01-01' GROUP BY currency",
    );
    assert!(p.contains("COVERING INDEX invoice_issued_figures"), "{p}");
    let p = plan(
        "SELECT currency, SUM(net) FROM expense WHERE bill_date >= '2026-01-01' AND bill_date < '2027-01-01'
         GROUP BY currency",
    );
    assert!(p.contains("COVERING INDEX expense_figures"), "{p}");
}
