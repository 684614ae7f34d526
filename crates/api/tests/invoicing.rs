//! Invoicing through `Session`, as the desktop and the CLI use it: the documented JSON example as input,
//! money as decimal strings, issue and numbering, payments and balance, credit notes, the chain check, the
//! error codes of every refusal, and an audit event for every write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use sigilo_api::*;
use sigilo_vault::{KdfParams, Vault};

fn pass() -> SecretString {
    SecretString::new("correct horse battery".to_owned())
}

fn session() -> (tempfile::TempDir, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let kdf = KdfParams::insecure_fast_for_tests();
    let (vault, _) =
        Vault::create_with_kdf(&tmp.path().join("v"), &pass(), &sigilo_api::schema(), kdf).unwrap();
    (tmp, Session::from_vault(vault))
}

fn profile() -> BusinessProfile {
    BusinessProfile {
        legal_name: Some("Estudio Sigilo SL".into()),
        tax_id: Some("B12345674".into()),
        street: Some("Calle Mayor 1".into()),
        postal_code: Some("28013".into()),
        city: Some("Madrid".into()),
        country: Some("ES".into()),
        iban: Some("ES9121000418450200051332".into()),
        ..Default::default()
    }
}

fn example(company: &str) -> InvoiceInput {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/invoice.json"
    ))
    .unwrap();
    let mut input: InvoiceInput = serde_json::from_str(&text).unwrap();
    input.company_id = Some(company.to_owned());
    input
}

#[test]
fn the_documented_example_issues_pays_and_credits() {
    let (_t, mut s) = session();
    let acme = s
        .company_add(CompanyInput {
            name: "Ferretería Núñez".into(),
            tax_id: Some("A58818501".into()),
            ..Default::default()
        })
        .unwrap();
    let id = s.invoice_create(example(&acme)).unwrap();

    // No profile yet: refused, naming what is missing, and nothing is numbered.
    let e = s.invoice_issue(&id).unwrap_err();
    assert_eq!(e.code, ErrorCode::Refused);
    assert!(e.message.contains("legal_name"), "{}", e.message);
    s.profile_set(profile()).unwrap();
    assert!(s.profile_get().unwrap().missing_for_issue.is_empty());

    let number = s.invoice_issue(&id).unwrap();
    assert!(
        number.starts_with('F') && number.ends_with("-0001"),
        "{number}"
    );
    let inv = s.invoice_get(&id).unwrap();
    // 12.5 × 48 = 600.00 at 21 %; 3 × 12.345 − 10 % = 33.3315 → 33.33 at 4 %.
    assert_eq!(inv.lines[0].net.amount, "600.00");
    assert_eq!(inv.lines[1].net.amount, "33.33");
    assert_eq!(inv.taxes.len(), 2);
    assert_eq!(inv.taxes[0].label, "IVA 21 %");
    assert_eq!(inv.taxes[0].tax_amount.amount, "126.00");
    assert_eq!(inv.taxes[1].tax_amount.amount, "1.33");
    // withholding 15 % of 633.33 = 95.00 (94.9995 → 95.00)
    assert_eq!(inv.totals.withholding.amount, "95.00");
    assert_eq!(inv.totals.total.amount, "665.66");
    assert_eq!(inv.status, InvoiceStatus::Issued);
    assert!(inv.hash.as_deref().is_some_and(|h| h.len() == 64));
    assert!(
        inv.seller
            .iter()
            .any(|f| f.field == "tax_id" && f.value.as_deref() == Some("B12345674"))
    );
    assert!(
        inv.buyer
            .iter()
            .any(|f| f.field == "name" && f.value.as_deref() == Some("Ferretería Núñez"))
    );
    // The snapshot does not follow later edits of the company.
    s.company_update(
        &acme,
        CompanyInput {
            name: "Núñez e Hijos".into(),
            tax_id: Some("A58818501".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let again = s.invoice_get(&id).unwrap();
    assert!(
        again
            .buyer
            .iter()
            .any(|f| f.value.as_deref() == Some("Ferretería Núñez"))
    );

    // Payments in decimal strings; the balance follows.
    s.invoice_pay(
        &id,
        PaymentInput {
            amount: "200.00".into(),
            date: inv.issue_date.clone().unwrap(),
            method: Some("transfer".into()),
            note: None,
        },
    )
    .unwrap();
    let inv = s.invoice_get(&id).unwrap();
    assert_eq!(
        (
            inv.status,
            inv.paid.amount.as_str(),
            inv.balance.amount.as_str()
        ),
        (InvoiceStatus::PartiallyPaid, "200.00", "465.66")
    );
    let e = s
        .invoice_pay(
            &id,
            PaymentInput {
                amount: "1.234".into(),
                date: inv.issue_date.clone().unwrap(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);

    // Editing or deleting the issued invoice: refused by every route.
    assert_eq!(
        s.invoice_update(&id, example(&acme)).unwrap_err().code,
        ErrorCode::Refused
    );
    assert_eq!(s.invoice_delete(&id).unwrap_err().code, ErrorCode::Refused);

    // A full credit note voids it; the list by status shows it.
    let cn = s
        .invoice_credit(&id, None, Some("Pedido anulado".into()))
        .unwrap();
    let cn_number = s.invoice_issue(&cn).unwrap();
    assert!(cn_number.starts_with('R'), "{cn_number}");
    let credit = s.invoice_get(&cn).unwrap();
    assert_eq!(credit.totals.total.amount, "-665.66");
    assert_eq!(credit.corrects_number.as_deref(), Some(number.as_str()));
    let voided = s
        .invoice_list(Some(InvoiceStatus::Voided), 50, None)
        .unwrap();
    assert_eq!(voided.items.len(), 1);
    assert_eq!(voided.items[0].number.as_deref(), Some(number.as_str()));

    let report = s.invoice_verify_chain(None).unwrap();
    assert!(report.intact);
    assert_eq!(report.checked, 2);
}

#[test]
fn bad_input_is_invalid_and_names_the_field() {
    let (_t, mut s) = session();
    let mut input = example("1");
    input.company_id = None;
    input.lines[0].quantity = "-2".into();
    let e = s.invoice_create(input).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidInput);
    assert!(e.message.starts_with("quantity: line 1"), "{}", e.message);
    let mut input = example("1");
    input.company_id = None;
    input.currency = "ABC".into();
    assert!(
        s.invoice_create(input)
            .unwrap_err()
            .message
            .starts_with("currency")
    );
    let mut input = example("1");
    input.company_id = None;
    input.lines[0].tax.percent = "121".into();
    assert!(
        s.invoice_create(input)
            .unwrap_err()
            .message
            .starts_with("tax_rate")
    );
    let e = s
        .profile_set(BusinessProfile {
            iban: Some("ES00 1234".into()),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.message.starts_with("iban"), "{}", e.message);
    assert_eq!(s.invoice_get("999").unwrap_err().code, ErrorCode::NotFound);
    let presets = s.tax_presets("ES", "es");
    assert!(presets.iter().any(|p| p.label == "IVA 21 % + RE 5,2 %"));
}

#[test]
fn products_are_listed_in_name_order() {
    let (_t, mut s) = session();
    for name in ["Zócalo", "árbol de levas", "Bombilla"] {
        s.product_add(ProductInput {
            name: name.into(),
            unit_price: "9.95".into(),
            currency: "EUR".into(),
            tax: TaxDto {
                percent: "21".into(),
                ..Default::default()
            },
            ..Default::default()
        })
        .unwrap();
    }
    let page = s.product_list(false, 2, None).unwrap();
    let rest = s
        .product_list(false, 2, page.next_cursor.as_deref())
        .unwrap();
    let names: Vec<_> = page
        .items
        .iter()
        .chain(&rest.items)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["árbol de levas", "Bombilla", "Zócalo"]);
    s.product_archive(&page.items[0].id, true).unwrap();
    assert_eq!(s.product_list(false, 50, None).unwrap().items.len(), 2);
    assert_eq!(s.product_list(true, 50, None).unwrap().items.len(), 3);
}
