//! Sigilo's invoicing domain (issue #5): exact decimals, tax rates and country presets, the EN 16931 invoice
//! arithmetic, IBAN checks, and in the vault: the business profile, products, numbering series, invoices and
//! credit notes (gap-free numbers, immutable once issued, a per-issuer SHA-256 hash chain) and payments.
//! Money is integer minor units with its currency (`sigilo_crm::money`); quantities, prices and rates are
//! exact [`Dec`]imals.

pub mod calc;
pub mod chain;
pub mod decimal;
pub mod documents;
pub mod expenses;
pub mod iban;
pub mod overview;
pub mod products;
pub mod profile;
pub mod quotes;
pub mod recurring;
pub mod reminders;
pub mod reports;
pub mod tax;

pub use calc::{Discount, DocKind, Line, LineNet, RateTotal, Totals, Withholding, compute};
pub use decimal::Dec;
pub use tax::{TaxCategory, TaxRate};

use sigilo_vault::Migrations;

/// The invoicing schema steps, append-only: step *i* is version *i + 1* of the `invoicing` domain.
pub const MIGRATIONS: Migrations = Migrations {
    domain: "invoicing",
    steps: &[
        include_str!("../migrations/0001_invoicing.sql"),
        include_str!("../migrations/0002_quotes_recurring_reminders.sql"),
        include_str!("../migrations/0003_expenses.sql"),
        include_str!("../migrations/0004_money_indexes.sql"),
        include_str!("../migrations/0005_open_invoices.sql"),
    ],
};

/// Why an invoicing rule refused its input or the vault failed.
#[derive(Debug, thiserror::Error)]
pub enum InvoicingError {
    /// A field failed validation; `field` names it for the UI, `message` says why in plain words.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// An amount left the range of 64-bit minor units (about 92 quadrillion cents).
    #[error("{field}: the amount is too large")]
    Overflow { field: &'static str },
    /// No record of that kind with that id.
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },
    /// Refused by a rule although every field is valid (issuing without a profile, editing an issued invoice).
    #[error("{0}")]
    Refused(String),
    /// A CRM rule refused (a tax id) or the CRM lookup failed.
    #[error(transparent)]
    Crm(#[from] sigilo_crm::CrmError),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl PartialEq for InvoicingError {
    fn eq(&self, other: &Self) -> bool {
        self.to_string() == other.to_string()
    }
}

impl InvoicingError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        InvoicingError::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn not_found(kind: &'static str, id: i64) -> Self {
        InvoicingError::NotFound {
            kind,
            id: id.to_string(),
        }
    }
}

pub type Result<T> = std::result::Result<T, InvoicingError>;

/// Turns a guard trigger's abort ("sigilo: …") into a refusal with its message; other errors pass.
pub(crate) fn guarded(e: rusqlite::Error) -> InvoicingError {
    let msg = e.to_string();
    match msg.find("sigilo: ") {
        Some(i) => InvoicingError::Refused(msg[i + "sigilo: ".len()..].to_owned()),
        None => InvoicingError::Sqlite(e),
    }
}
