//! End-to-end money journey in the real window: a quote with two lines and live totals, sent and converted to a draft
//! invoice in one step (the draft's total checked, then issued), a supplier bill with two VAT rates marked paid, the
//! Reports screen's profit chart and the quarter's VAT figures, the dunning and recurring tabs, and the receivables and
//! revenue chart on Home. The profile, customer and supplier are seeded through `sigilo_api::Session`. Screenshots go
//! to tests/artifacts/money-journey/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use sigilo_api::{BusinessProfile, CompanyInput, CompanyRole, SecretString, Session, UnlockKind};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "presupuestos y gastos sin conexión 7";

fn unlock(app: &App) {
    app.el("[data-testid=unlock-form]");
    app.type_into("[data-testid=passphrase]", PASSPHRASE);
    app.click("[data-testid=unlock-submit]");
    app.el("[data-testid=lock-button]");
}

/// Picks `value` in the `<select>` matching `css` as a person would (the change event included).
#[track_caller]
fn select(app: &App, css: &str, value: &str) {
    let done = app
        .session()
        .execute(
            "const s = document.querySelector(arguments[0]);\
             if (!s) return false;\
             s.value = arguments[1];\
             s.dispatchEvent(new Event('change', { bubbles: true }));\
             return s.value === arguments[1];",
            &[Value::from(css), Value::from(value)],
        )
        .unwrap();
    assert_eq!(done, Value::Bool(true), "select {value} in {css}");
}

/// Waits until the first element matching `css` carries `data-amount` = `amount` (an exact decimal string).
#[track_caller]
fn wait_amount(app: &App, css: &str, amount: &str) {
    app.el(&format!("{css}[data-amount=\"{amount}\"]"));
}

fn line(i: usize, field: &str) -> String {
    format!("[data-testid=quote-line][data-index=\"{i}\"] [data-testid=quote-line-{field}]")
}

fn seed(vault: &std::path::Path) {
    let pass = SecretString::from(PASSPHRASE);
    let (mut s, _) = Session::create_for_tests(vault, &pass).unwrap();
    s.profile_set(BusinessProfile {
        legal_name: Some("Estudio Gráfico Lucía Martín".into()),
        tax_country: Some("ES".into()),
        tax_id: Some("12345678Z".into()),
        street: Some("Calle Mayor 1, 2.º B".into()),
        postal_code: Some("28013".into()),
        city: Some("Madrid".into()),
        country: Some("ES".into()),
        currency: Some("EUR".into()),
        iban: Some("ES91 2100 0418 4502 0005 1332".into()),
        ..BusinessProfile::default()
    })
    .unwrap();
    s.company_add(CompanyInput {
        name: "Ñandú Ferretería S.L.".into(),
        roles: vec![CompanyRole::Customer],
        tax_id: Some("B12345674".into()),
        payment_days: Some(30),
        ..CompanyInput::default()
    })
    .unwrap();
    s.company_add(CompanyInput {
        name: "Mayorista Sur SL".into(),
        roles: vec![CompanyRole::Supplier],
        tax_id: Some("A58818501".into()),
        ..CompanyInput::default()
    })
    .unwrap();
    s.lock();
}

#[test]
fn quote_convert_expense_reports_home() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    seed(&vault);
    let mut app = App::launch(AppOptions::new("money-journey").vault(vault.clone()));
    unlock(&app);

    // 1. Quotes: the empty screen teaches what it is for.
    app.click("[data-testid=nav-quotes]");
    app.el("[data-testid=quotes-empty]");
    app.shot("quotes-empty");

    // 2. A quote with two lines (IVA 21 % and 4 %), live totals: 500.00 + 105.00 and 40.00 + 1.60 = 646.60.
    app.click("[data-testid=quote-new]");
    app.el("[data-testid=quote-form]");
    app.type_into("[data-testid=invoice-customer]", "Ñandú");
    app.click("[data-testid=invoice-customer-option]");
    app.wait_text(
        "[data-testid=invoice-customer-chosen]",
        "the customer",
        |t| t.contains("Ñandú Ferretería"),
    );
    app.type_into(&line(0, "desc"), "Consultoría de escaparates (horas)");
    app.type_into(&line(0, "qty"), "10");
    app.type_into(&line(0, "unit"), "h");
    app.type_into(&line(0, "price"), "50");
    wait_amount(&app, "[data-testid=quote-total]", "605.00");
    app.click("[data-testid=quote-add-line]");
    app.type_into(&line(1, "desc"), "Catálogo impreso");
    app.type_into(&line(1, "qty"), "2");
    app.type_into(&line(1, "price"), "20");
    select(&app, "#quote-line-1-tax", "es.iva4");
    wait_amount(&app, "[data-testid=quote-total-net]", "540.00");
    wait_amount(&app, "[data-testid=quote-total]", "646.60");
    assert_eq!(app.count("[data-testid=quote-total-tax]"), 2);
    app.wait_text("[data-testid=quote-total]", "646,60 €", |t| {
        t.contains("646,60")
    });
    app.shot("quote-editor-live-totals");
    app.click("[data-testid=quote-create]");
    let number = app.wait_text("[data-testid=quote-title]", "the quote's number", |t| {
        t.contains("P") && t.contains("-0001")
    });
    app.el("[data-testid=quote-status][data-status=draft]");

    // 3. Send it, then convert it to an invoice in one step: the app opens the new draft in the invoice editor.
    app.click("[data-testid=quote-send]");
    app.el("[data-testid=quote-status][data-status=sent]");
    app.shot("quote-sent");
    app.click("[data-testid=quote-convert]");
    app.wait_text("[data-testid=confirm-dialog]", "the conversion", |t| {
        t.contains("borrador de factura")
    });
    app.shot("quote-convert-confirm");
    app.click("[data-testid=confirm-ok]");
    app.el("[data-testid=nav-invoices][aria-current=page]");
    wait_amount(&app, "[data-testid=invoice-total]", "646.60");
    assert_eq!(app.count("[data-testid=invoice-line]"), 2);
    app.shot("converted-draft-editor");
    // Issue it so it counts in the reports and on Home.
    app.click("[data-testid=invoice-issue]");
    app.el("[data-testid=confirm-dialog]");
    app.click("[data-testid=confirm-ok]");
    app.wait_text("[data-testid=invoice-number]", "the invoice number", |t| {
        t.starts_with('F') && t.ends_with("-0001")
    });

    // 4. The quote is now accepted and invoiced, and read only.
    app.click("[data-testid=nav-quotes]");
    app.el("[data-testid=quote-row]");
    app.el("[data-testid=quote-row-status]");
    app.wait_text("[data-testid=quote-row]", "accepted and invoiced", |t| {
        t.contains("Aceptado") && t.contains("Facturado")
    });
    app.shot("quotes-list-accepted");

    // 5. A supplier bill with two rates: 200.00 at 21 % and 50.00 at 10 % → VAT 42.00 + 5.00, total 297.00.
    app.click("[data-testid=nav-expenses]");
    app.el("[data-testid=expenses-empty]");
    app.shot("expenses-empty");
    app.click("[data-testid=expense-new]");
    app.el("[data-testid=expense-form]");
    app.el("[data-testid=expense-supplier] option:nth-child(2)");
    let supplier_id = app
        .exec("return document.querySelector('[data-testid=expense-supplier] option:nth-child(2)').value")
        .unwrap();
    select(
        &app,
        "[data-testid=expense-supplier]",
        supplier_id.as_str().unwrap(),
    );
    app.type_into("[data-testid=expense-number]", "MS-2026/0091");
    app.type_into(
        "[data-testid=expense-base][data-index=\"0\"] [data-testid=expense-base-amount]",
        "200",
    );
    app.click("[data-testid=expense-add-base]");
    app.type_into(
        "[data-testid=expense-base][data-index=\"1\"] [data-testid=expense-base-amount]",
        "50",
    );
    select(&app, "#expense-base-1-tax", "es.iva10");
    app.type_into("[data-testid=expense-category]", "existencias");
    wait_amount(&app, "[data-testid=expense-total-net]", "250.00");
    wait_amount(&app, "[data-testid=expense-total]", "297.00");
    assert_eq!(app.count("[data-testid=expense-total-tax]"), 2);
    app.shot("expense-editor");
    app.click("[data-testid=expense-save]");
    app.wait_text("[data-testid=expense-save-state]", "saved", |t| {
        t.contains("Guardado")
    });
    app.click("[data-testid=expense-editor-back]");
    app.el("[data-testid=expense-row] [data-testid=expense-row-unpaid]");
    wait_amount(&app, "[data-testid=expense-row-total]", "297.00");
    app.click("[data-testid=expense-row-toggle-paid]");
    app.el("[data-testid=expense-row] [data-testid=expense-row-paid]");
    app.shot("expenses-list-paid");

    // 6. Reports: the year's profit chart (revenue 540.00, expenses 250.00, profit 290.00).
    app.click("[data-testid=nav-reports]");
    app.el("[data-testid=profit-currency][data-currency=EUR]");
    wait_amount(&app, "[data-testid=profit-total-revenue]", "540.00");
    wait_amount(&app, "[data-testid=profit-total-expenses]", "250.00");
    wait_amount(&app, "[data-testid=profit-total-profit]", "290.00");
    assert!(app.count("[data-testid=profit-chart-bar]") >= 3);
    app.shot("reports-profit-by-month");
    app.click("[data-testid=profit-by-quarter]");
    app.click("[data-testid=profit-chart-table-toggle]");
    app.wait_text("[data-testid=profit-chart-table]", "the table", |t| {
        t.contains("540,00") && t.contains("290,00")
    });
    app.shot("reports-profit-by-quarter-table");

    // 7. The quarter's VAT figures: output 105.00 + 1.60, input 42.00 + 5.00, result 59.60 to pay.
    app.click("[data-testid=reports-tab-vat]");
    wait_amount(&app, "[data-testid=vat-output-tax]", "106.60");
    wait_amount(&app, "[data-testid=vat-input-tax]", "47.00");
    wait_amount(&app, "[data-testid=vat-result]", "59.60");
    assert_eq!(app.count("[data-testid=vat-row][data-section=output]"), 2);
    assert_eq!(app.count("[data-testid=vat-row][data-section=input]"), 2);
    app.el("[data-testid=vat-export-csv]");
    app.shot("reports-vat-quarter");

    // 8. Outstanding payments (nothing overdue yet: due in 30 days) and recurring templates.
    app.click("[data-testid=reports-tab-dunning]");
    app.el("[data-testid=dunning-empty]");
    app.click("[data-testid=reports-tab-recurring]");
    app.el("[data-testid=recurring-empty]");
    app.shot("reports-recurring-empty");

    // 9. Home: what customers owe and the revenue by month chart.
    app.click("[data-testid=nav-home]");
    wait_amount(&app, "[data-testid=home-owed-amount]", "646.60");
    wait_amount(&app, "[data-testid=home-overdue-amount]", "0.00");
    app.el("[data-testid=home-revenue-chart]");
    app.shot("home-receivables-revenue");
    app.click("[data-testid=home-overdue-money]");
    app.el("[data-testid=reports-tab-dunning][aria-selected=true]");
    drop(app);

    // What the window did is what the vault holds.
    let pass = SecretString::from(PASSPHRASE);
    let s = Session::open(&vault, &pass, UnlockKind::Passphrase).unwrap();
    let quotes = s.quote_list(None, 10, None).unwrap();
    assert_eq!(quotes.items.len(), 1);
    assert!(number.contains(&quotes.items[0].number));
    let inv = quotes.items[0].invoice_id.clone().unwrap();
    assert_eq!(s.invoice_get(&inv).unwrap().totals.total.amount, "646.60");
    let bills = s
        .expense_list(&sigilo_api::ExpenseFilter::default(), 10, None)
        .unwrap();
    assert_eq!(bills.items.len(), 1);
    assert_eq!(bills.items[0].total.amount, "297.00");
    assert!(bills.items[0].paid_on.is_some());
}
