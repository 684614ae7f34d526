//! Sigilo's invoicing domain (issue #5), first layer: exact decimals, tax rates and country presets, the
//! EN 16931 invoice arithmetic and IBAN validation. Pure functions, no database yet; money is integer minor
//! units with its currency (`sigilo_crm::money`), quantities, prices and rates are exact [`Dec`]imals.

pub mod calc;
pub mod decimal;
pub mod iban;
pub mod tax;

pub use calc::{Discount, DocKind, Line, LineNet, RateTotal, Totals, Withholding, compute};
pub use decimal::Dec;
pub use tax::{TaxCategory, TaxRate};

/// Why an invoicing rule refused its input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
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
}

impl InvoicingError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        InvoicingError::Invalid {
            field,
            message: message.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, InvoicingError>;
