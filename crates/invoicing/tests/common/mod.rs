//! Shared helpers for the invoicing integration tests: a real encrypted vault (cheap KDF) with the CRM and
//! invoicing schema, a complete business profile, a customer, lines and drafts, and issuing in an IMMEDIATE
//! transaction as the API does.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rusqlite::Connection;
use sigilo_crm::companies::{self, NewCompany, Role, Roles};
use sigilo_invoicing::documents::{self, DraftInput, LineInput};
use sigilo_invoicing::profile::{self, Profile};
use sigilo_invoicing::tax::TaxRate;
use sigilo_invoicing::{Dec, Discount, DocKind, InvoicingError};
use sigilo_vault::{KdfParams, Passphrase, Vault};

pub const TODAY: &str = "2026-11-23";
pub const AT: &str = "2026-11-23T10:00:00Z";
pub const PASS: &str = "a test passphrase";

pub fn schema() -> [sigilo_vault::Migrations; 2] {
    [sigilo_crm::MIGRATIONS, sigilo_invoicing::MIGRATIONS]
}

pub fn vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = Vault::create_with_kdf(
        &tmp.path().join("v"),
        &Passphrase::new(PASS.to_owned()),
        &schema(),
        KdfParams::insecure_fast_for_tests(),
    )
    .unwrap();
    (tmp, vault)
}

pub fn set_profile(conn: &Connection) {
    profile::set(
        conn,
        Profile {
            legal_name: Some("Taller Sigilo SL".into()),
            tax_country: Some("ES".into()),
            tax_id: Some("B12345674".into()),
            street: Some("Calle Mayor 1".into()),
            postal_code: Some("28013".into()),
            city: Some("Madrid".into()),
            country: Some("ES".into()),
            currency: Some("EUR".into()),
            iban: Some("ES91 2100 0418 4502 0005 1332".into()),
            ..Profile::default()
        },
        AT,
    )
    .unwrap();
}

pub fn customer(conn: &Connection, tax_id: Option<&str>) -> i64 {
    companies::insert(
        conn,
        NewCompany {
            name: "Ferretería Núñez".into(),
            roles: Roles::of(&[Role::Customer]),
            tax_country: Some("ES".into()),
            tax_id: tax_id.map(str::to_owned),
            addresses: vec![],
            website: None,
            payment_days: Some(30),
            currency: None,
            notes: None,
        },
    )
    .unwrap()
}

pub fn line(q: &str, p: &str, rate: i64) -> LineInput {
    LineInput {
        product_id: None,
        description: "Servicio".into(),
        quantity: Dec::parse(q, "q").unwrap(),
        unit: Some("h".into()),
        unit_price: Dec::parse(p, "p").unwrap(),
        discount: Discount::None,
        tax: TaxRate::standard(Dec::int(rate)),
    }
}

pub fn draft(company: i64, date: Option<&str>) -> DraftInput {
    DraftInput {
        kind: DocKind::Invoice,
        series: None,
        company_id: Some(company),
        contact_id: None,
        issue_date: date.map(str::to_owned),
        due_date: None,
        currency: "EUR".into(),
        language: "es".into(),
        withholding: None,
        notes: None,
        corrects: None,
        correction_reason: None,
        lines: vec![line("10", "45", 21), line("2", "12.345", 10)],
    }
}

/// A ready vault: profile, one customer with a tax id.
pub fn ready() -> (tempfile::TempDir, Vault, i64) {
    let (tmp, vault) = vault();
    set_profile(vault.conn());
    let c = customer(vault.conn(), Some("A58818501"));
    (tmp, vault, c)
}

pub fn issue(vault: &mut Vault, id: i64) -> Result<String, InvoicingError> {
    let tx = vault
        .conn_mut()
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    let n = documents::issue(&tx, id, TODAY, AT)?;
    tx.commit().unwrap();
    Ok(n)
}

pub fn refused(r: Result<impl std::fmt::Debug, InvoicingError>) -> String {
    match r {
        Err(InvoicingError::Refused(m)) => m,
        other => panic!("expected a refusal, got {other:?}"),
    }
}
