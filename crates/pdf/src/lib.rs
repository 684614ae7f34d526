//! Sigilo's invoice PDF: [`render`] lays out an [`InvoiceDocument`] on A4 pages in Spanish or English and
//! writes a PDF with the bundled Inter fonts embedded (subset), extractable text and an optional logo.
//!
//! The document is plain data: amounts are integer minor units of the document's [`Currency`], quantities
//! and prices are decimal strings, dates are [`time::Date`]. This crate formats them for the language, so the
//! caller never formats money. It knows nothing of the database, the vault or the desktop shell.

mod format;
mod layout;
mod render;
pub mod sample;
mod strings;
mod text;

use time::Date;

/// The language a document is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Spanish: `1.234,56 €`, `15/03/2026`.
    Es,
    /// English: `€1,234.56`, `15 Mar 2026`.
    En,
}

impl Lang {
    /// The language for an ISO 639-1 code (`es`, `en`; case ignored), if this crate prints it.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }
}

/// The currency of every amount in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency {
    /// ISO 4217 code, three upper-case letters (`EUR`).
    pub code: String,
    /// Digits of the minor unit (2 for EUR, 0 for JPY, 3 for KWD); at most 4.
    pub exponent: u8,
}

impl Currency {
    /// A currency from its code and minor-unit exponent.
    pub fn new(code: &str, exponent: u8) -> Currency {
        Currency {
            code: code.to_string(),
            exponent,
        }
    }
}

/// An invoice or a credit note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentKind {
    /// An ordinary invoice.
    Invoice,
    /// A credit note (factura rectificativa) correcting an issued invoice.
    CreditNote {
        /// The corrected invoice's number.
        original_number: String,
        /// The corrected invoice's issue date.
        original_issue_date: Date,
        /// Why it is corrected, as the user wrote it.
        reason: Option<String>,
    },
}

/// The seller or the buyer as printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    /// Legal name.
    pub name: String,
    /// Tax id (NIF, VAT number). Required for the seller: [`render`] refuses an empty one.
    pub tax_id: Option<String>,
    /// Postal address, one printed line each (street, postcode and town, country).
    pub address: Vec<String>,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}

/// One invoice line. Quantities and prices are decimal strings (`"2.5"`, `"-1"`, `"1200.00"`): a sign,
/// digits, at most one `.`; the PDF prints them in the document's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// What was sold; may be long (it wraps) and hold newlines.
    pub description: String,
    /// Quantity, a decimal string.
    pub quantity: String,
    /// Unit printed after the quantity (`h`, `ud.`).
    pub unit: Option<String>,
    /// Unit price in the document's currency, a decimal string (may have more decimals than the currency).
    pub unit_price: String,
    /// The line discount as it should read (`10 %`, `-25,00`).
    pub discount: Option<String>,
    /// The tax label (`IVA 21 %`, `Exento`).
    pub tax: String,
    /// The line's net amount in minor units, rounded as the invoicing arithmetic did.
    pub net: i64,
}

/// An equivalence surcharge (recargo de equivalencia) on one tax rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surcharge {
    /// Its label (`RE 5,2 %`).
    pub label: String,
    /// Its amount in minor units.
    pub amount: i64,
}

/// One row of the per-rate tax breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxRow {
    /// The rate's label (`IVA 21 %`).
    pub label: String,
    /// The taxable base at this rate, minor units.
    pub base: i64,
    /// The tax at this rate, minor units.
    pub tax: i64,
    /// The equivalence surcharge at this rate, if any.
    pub surcharge: Option<Surcharge>,
}

/// A withholding (IRPF) deducted from the total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withholding {
    /// Its label (`IRPF 15 %`).
    pub label: String,
    /// The amount withheld, minor units, positive (it is printed as a deduction).
    pub amount: i64,
}

/// The document's totals, minor units. `total` must equal `net + tax + surcharge − withholding`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Sum of the line nets (taxable base).
    pub net: i64,
    /// Sum of the taxes.
    pub tax: i64,
    /// Sum of the equivalence surcharges.
    pub surcharge: i64,
    /// The withholding (positive).
    pub withholding: i64,
    /// Amount due.
    pub total: i64,
}

/// How the buyer pays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentMethod {
    /// Bank transfer (to the IBAN printed).
    BankTransfer,
    /// Direct debit.
    DirectDebit,
    /// Card.
    Card,
    /// Cash.
    Cash,
    /// Anything else, printed as given.
    Other(String),
}

/// Payment instructions; the due date is the document's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// The method.
    pub method: PaymentMethod,
    /// The account to pay into (any spacing; printed in groups of four).
    pub iban: Option<String>,
    /// The bank's BIC.
    pub bic: Option<String>,
    /// A free note (`Indique el número de factura en el concepto`).
    pub note: Option<String>,
}

/// Everything printed on one invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDocument {
    /// The language of the fixed texts, numbers and dates.
    pub lang: Lang,
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// The document number (`F2026-0042`).
    pub number: String,
    /// Issue date.
    pub issue_date: Date,
    /// Due date.
    pub due_date: Option<Date>,
    /// The currency of every amount.
    pub currency: Currency,
    /// The seller, as printed.
    pub seller: Party,
    /// The buyer, as printed.
    pub buyer: Party,
    /// The lines, in order.
    pub lines: Vec<Line>,
    /// The tax breakdown, one row per rate.
    pub taxes: Vec<TaxRow>,
    /// The withholding, if any (must match `totals.withholding`).
    pub withholding: Option<Withholding>,
    /// The totals.
    pub totals: Totals,
    /// Legal mentions (reverse charge, exemption article…), one paragraph each.
    pub mentions: Vec<String>,
    /// Payment instructions.
    pub payment: Option<Payment>,
    /// Footer text on every page (registry data, a thank-you).
    pub footer: Option<String>,
    /// The seller's logo, PNG or JPEG bytes.
    pub logo: Option<Vec<u8>>,
    /// A short verification hash (the invoice's chained SHA-256, abbreviated) printed near the end.
    pub verification: Option<String>,
}

/// Why a document could not be rendered. Messages name the field, never its content.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The logo's bytes are neither PNG nor JPEG.
    #[error("the logo must be a PNG or JPEG image")]
    LogoFormat,
    /// The logo is PNG or JPEG but cannot be decoded.
    #[error("the logo image cannot be read: {0}")]
    LogoUnreadable(String),
    /// The logo is larger than 8 MiB or 4096 pixels on a side.
    #[error("the logo is too large (at most 8 MiB and 4096 × 4096 pixels)")]
    LogoTooLarge,
    /// A quantity or price is not a decimal string.
    #[error(
        "line {line}: the {field} is not a decimal number (digits, an optional sign and one '.')"
    )]
    InvalidDecimal {
        /// `quantity` or `unit price`.
        field: &'static str,
        /// 1-based line number.
        line: usize,
    },
    /// The currency code is not three upper-case letters or its exponent is above 4.
    #[error("the currency must be an ISO 4217 code with at most 4 minor-unit digits")]
    InvalidCurrency,
    /// A required field is empty.
    #[error("the {0} is required")]
    Missing(&'static str),
    /// The amounts do not add up.
    #[error("the totals do not add up: {0}")]
    Inconsistent(&'static str),
    /// The bundled font could not be loaded (a build problem, not an input problem).
    #[error("the bundled font cannot be loaded")]
    Font,
    /// The PDF writer failed.
    #[error("the PDF could not be written: {0}")]
    Writer(String),
}

/// Renders `doc` as a PDF (A4, as many pages as the lines need) and returns its bytes.
///
/// Checks before drawing: the currency, the decimal strings, the seller's name and tax id, the number, the
/// totals' arithmetic (`total = net + tax + surcharge − withholding`; the breakdown's tax and surcharge sum to
/// the totals'; the withholding matches) and the logo (PNG or JPEG only). The same document always gives the
/// same bytes.
pub fn render(doc: &InvoiceDocument) -> Result<Vec<u8>, PdfError> {
    validate(doc)?;
    let fonts = text::Fonts::get()?;
    let logo = render::load_logo(doc.logo.as_deref())?;
    let pages = layout::layout(doc, fonts, logo.as_ref().map(|l| l.size))?;
    render::write(doc, fonts, &pages, logo)
}

fn validate(doc: &InvoiceDocument) -> Result<(), PdfError> {
    let c = &doc.currency;
    if c.code.len() != 3 || !c.code.bytes().all(|b| b.is_ascii_uppercase()) || c.exponent > 4 {
        return Err(PdfError::InvalidCurrency);
    }
    if doc.number.trim().is_empty() {
        return Err(PdfError::Missing("document number"));
    }
    if doc.seller.name.trim().is_empty() {
        return Err(PdfError::Missing("seller's name"));
    }
    if doc
        .seller
        .tax_id
        .as_deref()
        .is_none_or(|t| t.trim().is_empty())
    {
        return Err(PdfError::Missing("seller's tax id"));
    }
    if doc.buyer.name.trim().is_empty() {
        return Err(PdfError::Missing("buyer's name"));
    }
    if let DocumentKind::CreditNote {
        original_number, ..
    } = &doc.kind
        && original_number.trim().is_empty()
    {
        return Err(PdfError::Missing("corrected invoice's number"));
    }
    let t = &doc.totals;
    let sum =
        i128::from(t.net) + i128::from(t.tax) + i128::from(t.surcharge) - i128::from(t.withholding);
    if sum != i128::from(t.total) {
        return Err(PdfError::Inconsistent(
            "total ≠ net + tax + surcharge − withholding",
        ));
    }
    let tax: i128 = doc.taxes.iter().map(|r| i128::from(r.tax)).sum();
    let surcharge: i128 = doc
        .taxes
        .iter()
        .filter_map(|r| r.surcharge.as_ref())
        .map(|s| i128::from(s.amount))
        .sum();
    if !doc.taxes.is_empty() && (tax != i128::from(t.tax) || surcharge != i128::from(t.surcharge)) {
        return Err(PdfError::Inconsistent(
            "the tax breakdown does not sum to the totals",
        ));
    }
    if doc.withholding.as_ref().map_or(0, |w| w.amount) != t.withholding {
        return Err(PdfError::Inconsistent(
            "the withholding differs from the totals'",
        ));
    }
    Ok(())
}
