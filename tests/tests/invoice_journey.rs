//! End-to-end invoicing journey in the real window: create the customer on the companies screen and a product, be
//! sent to the business profile when issuing is refused and fill it, write an invoice with two tax rates and IRPF
//! watching the live totals, issue it after the confirmation, record a partial payment and see the balance, see the
//! real PDF rendered in the window, and draft a full credit note. Screenshots go to tests/artifacts/invoice-journey/.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use sigilo_api::{InvoiceStatus, SecretString, Session, UnlockKind};
use sigilo_e2e::{App, AppOptions};

const PASSPHRASE: &str = "facturas al céntimo sin conexión 5";

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

/// The `data-amount` (an exact decimal string) of the first element matching `css`, once it equals `amount`.
#[track_caller]
fn wait_amount(app: &App, css: &str, amount: &str) {
    app.el(&format!("{css}[data-amount=\"{amount}\"]"));
}

fn line(i: usize, field: &str) -> String {
    format!("[data-testid=invoice-line][data-index=\"{i}\"] [data-testid=invoice-line-{field}]")
}

#[test]
fn invoice_customer_profile_issue_payment_pdf() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = tmp.path().join("vault");
    {
        let pass = SecretString::from(PASSPHRASE);
        let (s, _) = Session::create_for_tests(&vault, &pass).unwrap();
        s.lock();
    }
    let mut app = App::launch(AppOptions::new("invoice-journey").vault(vault.clone()));
    unlock(&app);

    // 1. The customer, through the companies screen (a company needs its CIF to be invoiced).
    app.click("[data-testid=nav-companies]");
    app.click("[data-testid=company-new]");
    app.type_into("[data-testid=company-name]", "Ñandú Ferretería S.L.");
    app.type_into("[data-testid=company-tax-id]", "B12345674");
    app.click("[data-testid=company-save]");
    app.wait_text("[data-testid=company-detail-tax-id]", "the CIF", |t| {
        t.contains("B12345674")
    });

    // 2. The invoices screen teaches what it is for. A product for the catalogue.
    app.click("[data-testid=nav-invoices]");
    app.el("[data-testid=invoices-empty]");
    app.shot("invoices-empty");
    app.click("[data-testid=invoices-area-products]");
    app.click("[data-testid=product-new]");
    app.type_into("[data-testid=product-name]", "Diseño de la tienda (horas)");
    app.type_into("[data-testid=product-price]", "48");
    app.type_into("[data-testid=product-unit]", "h");
    app.click("[data-testid=product-save]");
    app.wait_text("[data-testid=product-row]", "the product", |t| {
        t.contains("Diseño de la tienda") && t.contains("48,00")
    });
    app.shot("products");

    // 3. A new invoice: the customer from the picker, the first line from the product picker.
    app.click("[data-testid=invoices-area-invoices]");
    app.click("[data-testid=invoice-new]");
    app.type_into("[data-testid=invoice-customer]", "Ñandú");
    app.click("[data-testid=invoice-customer-option]");
    app.wait_text(
        "[data-testid=invoice-customer-chosen]",
        "the company",
        |t| t.contains("Ñandú Ferretería"),
    );
    app.click("[data-testid=invoice-add-product]");
    app.click("[data-testid=invoice-product-option]");
    app.wait_until("the product's line", || {
        Ok(app.exec(
            "return Number(document.querySelector('#invoice-line-0-price').value.replace(',', '.')) === 48\
             && document.querySelector('#invoice-line-0-unit').value === 'h'",
        )? == Value::Bool(true))
    });
    app.type_into(&line(0, "qty"), "12,5");
    // Live totals after the first line: 600.00 + 126.00.
    wait_amount(&app, "[data-testid=invoice-total]", "726.00");

    // 4. Issuing is refused while the business profile is incomplete: the editor says what is missing and links
    // to the profile (saving the draft on the way); once complete, the same draft comes back.
    app.click("[data-testid=invoice-issue]");
    app.wait_text(
        "[data-testid=invoice-profile-missing]",
        "what is missing",
        |t| t.contains("NIF"),
    );
    app.shot("profile-missing");
    app.click("[data-testid=invoice-profile-fix]");
    app.el("[data-testid=profile-missing]");
    for (field, value) in [
        ("legal_name", "Estudio Gráfico Lucía Martín"),
        ("tax_id", "12345678Z"),
        ("tax_country", "ES"),
        ("street", "Calle Mayor 1, 2.º B"),
        ("postal_code", "28013"),
        ("city", "Madrid"),
        ("country", "ES"),
        ("currency", "EUR"),
        ("iban", "ES91 2100 0418 4502 0005 1332"),
        ("email", "hola@estudiolucia.es"),
    ] {
        app.type_into(&format!("[data-testid=profile-{field}]"), value);
    }
    app.shot("profile-filled");
    app.click("[data-testid=profile-save]");
    // Back in the saved draft: customer and first line kept.
    wait_amount(&app, "[data-testid=invoice-total]", "726.00");
    app.wait_text(
        "[data-testid=invoice-customer-chosen]",
        "the company",
        |t| t.contains("Ñandú Ferretería"),
    );

    // 5. The second line at IVA 4 % with a 10 % discount, and IRPF 15 %.
    app.click("[data-testid=invoice-add-line]");
    app.type_into(&line(1, "desc"), "Manual de uso impreso");
    app.type_into(&line(1, "qty"), "3");
    app.type_into(&line(1, "price"), "12,345");
    select(&app, &line(1, "discount-kind"), "percent");
    app.type_into(&line(1, "discount"), "10");
    select(&app, "#invoice-line-1-tax", "es.iva4");
    select(&app, "[data-testid=invoice-withholding-preset]", "15");
    // docs/invoicing.md's example: nets 600.00 and 33.33, IVA 126.00 + 1.33, IRPF 95.00, total 665.66.
    wait_amount(&app, "[data-testid=invoice-total-net]", "633.33");
    wait_amount(&app, "[data-testid=invoice-total-withholding]", "95.00");
    wait_amount(&app, "[data-testid=invoice-total]", "665.66");
    assert_eq!(app.count("[data-testid=invoice-total-tax]"), 2);
    app.wait_text(&line(1, "net"), "the second line's net", |t| {
        t.contains("33,33")
    });
    app.wait_text("[data-testid=invoice-total]", "665,66 €", |t| {
        t.contains("665,66")
    });
    app.shot("editor-live-totals");

    // 6. Issue: the confirmation says it cannot be edited after.
    app.click("[data-testid=invoice-issue]");
    app.wait_text("[data-testid=confirm-dialog]", "the warning", |t| {
        t.contains("ya no se podrá modificar")
    });
    app.shot("issue-confirm");
    app.click("[data-testid=confirm-ok]");
    let number = app.wait_text("[data-testid=invoice-number]", "the number", |t| {
        t.starts_with('F') && t.ends_with("-0001")
    });
    app.wait_text("[data-testid=invoice-detail-total]", "the total", |t| {
        t.contains("665,66")
    });
    app.el("[data-testid=invoice-status][data-status=issued]");
    app.wait_text("[data-testid=invoice-hash]", "the hash", |t| t.len() == 64);
    // Issued is read only: no editor controls, no delete.
    assert!(!app.has("[data-testid=invoice-line-qty]"));
    assert!(!app.has("[data-testid=invoice-delete]"));
    app.shot("issued");

    // 7. A partial payment: the amount defaults to the balance; 200 € leaves 465.66 €.
    app.click("[data-testid=invoice-pay]");
    app.el("[data-testid=pay-amount]");
    let default_amount = app
        .exec("return document.querySelector('[data-testid=pay-amount]').value")
        .unwrap();
    assert_eq!(default_amount, Value::from("665.66"));
    app.type_into("[data-testid=pay-amount]", "200");
    app.shot("payment-dialog");
    app.click("[data-testid=pay-save]");
    wait_amount(&app, "[data-testid=invoice-balance]", "465.66");
    app.el("[data-testid=invoice-status][data-status=partially_paid]");
    assert_eq!(app.count("[data-testid=invoice-payment]"), 1);
    app.wait_text("[data-testid=invoice-balance]", "465,66 €", |t| {
        t.contains("465,66")
    });
    app.shot("partially-paid");

    // 8. The real PDF, rendered in the window by pdf.js: pages painted (not blank).
    app.click("[data-testid=invoice-pdf-preview]");
    app.wait_until_for(
        "the PDF preview to render",
        std::time::Duration::from_secs(30),
        || {
            let v = app.exec(
                "const s = document.querySelector('[data-testid=invoice-pdf-state]');\
                 return s ? s.dataset.state : null;",
            )?;
            if v == "failed" {
                panic!(
                    "the PDF preview failed: {}",
                    app.text("[data-testid=invoice-pdf-error]")
                );
            }
            Ok(v == "ready")
        },
    );
    let painted = app
        .exec(
            "const c = document.querySelector('[data-testid=invoice-pdf-page]');\
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;\
             let dark = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) dark++;\
             return [c.width, c.height, dark];",
        )
        .unwrap();
    let dark = painted[2].as_u64().unwrap();
    assert!(
        painted[0].as_u64().unwrap() > 300 && dark > 2000,
        "the first page has text on it: {painted}"
    );
    app.shot("pdf-preview");
    app.click("[data-testid=invoice-pdf-close]");

    // 9. The list: the invoice under "outstanding" with its balance.
    app.click("[data-testid=invoice-detail-back]");
    app.click("[data-testid=invoice-filter-unpaid]");
    app.wait_text(
        "[data-testid=invoice-row] [data-testid=invoice-row-balance]",
        "the balance in the list",
        |t| t.contains("465,66"),
    );
    app.shot("list-outstanding");

    // 10. A full credit note from the issued invoice: asks the reason, opens the draft with the figures negated.
    app.click("[data-testid=invoice-row]");
    app.click("[data-testid=invoice-credit]");
    app.type_into(
        "[data-testid=credit-reason]",
        "Pedido anulado por el cliente",
    );
    app.shot("credit-dialog");
    app.click("[data-testid=credit-create]");
    wait_amount(&app, "[data-testid=invoice-total]", "-665.66");
    app.wait_text(&line(0, "qty"), "a negative quantity", |_| true);
    let qty = app
        .exec("return document.querySelector('[data-testid=invoice-line-qty]').value")
        .unwrap();
    assert!(
        qty.as_str().unwrap().starts_with('-'),
        "credited quantity {qty}"
    );
    app.shot("credit-note-draft");
    drop(app);

    // What the window did is what the vault holds.
    let pass = SecretString::from(PASSPHRASE);
    let s = Session::open(&vault, &pass, UnlockKind::Passphrase).unwrap();
    let list = s
        .invoice_list(Some(InvoiceStatus::PartiallyPaid), 10, None)
        .unwrap();
    assert_eq!(list.items.len(), 1);
    let row = &list.items[0];
    assert_eq!(row.number.as_deref(), Some(number.trim()));
    assert_eq!(row.status, InvoiceStatus::PartiallyPaid);
    assert_eq!(row.balance.amount, "465.66");
    assert!(s.invoice_verify_chain(None).unwrap().intact);
    let drafts = s
        .invoice_list(Some(InvoiceStatus::Draft), 10, None)
        .unwrap();
    assert_eq!(drafts.items.len(), 1, "the credit note waits as a draft");
    assert_eq!(drafts.items[0].total.amount, "-665.66");
}
