//! The invoicing DTOs that cross IPC and are printed (and read, for `--from FILE.json`) by the CLI. Money is
//! `Money { amount: decimal string, currency }`; quantities, prices and rates are decimal strings; ids are
//! strings. `docs/invoice-json.md` shows a complete example of `InvoiceInput`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::Money;

/// An invoice's VAT category (EN 16931): only `standard` carries a positive percent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaxCategoryDto {
    #[default]
    Standard,
    Zero,
    Exempt,
    ReverseCharge,
    IntraCommunity,
    Export,
}

/// A line's tax: category, percent ("21", "5.5"), Spain's recargo de equivalencia percent, and for an
/// exempt line the legal reason printed on the invoice.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxDto {
    #[serde(default)]
    pub category: TaxCategoryDto,
    pub percent: String,
    #[serde(default)]
    pub surcharge: Option<String>,
    #[serde(default)]
    pub exemption_reason: Option<String>,
}

/// A named tax rate to pick from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxPresetDto {
    pub key: String,
    pub label: String,
    pub tax: TaxDto,
}

/// Invoice or credit note (factura rectificativa).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    #[default]
    Invoice,
    CreditNote,
}

/// The status derived from the stored facts (issue, payments, credit notes, dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    Draft,
    Issued,
    PartiallyPaid,
    Paid,
    Overdue,
    Voided,
}

/// One line as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoiceLineInput {
    #[serde(default)]
    pub product_id: Option<String>,
    pub description: String,
    pub quantity: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub unit_price: String,
    /// A percentage off quantity × price ("10").
    #[serde(default)]
    pub discount_percent: Option<String>,
    /// An amount off quantity × price, in the invoice's currency ("5.00").
    #[serde(default)]
    pub discount_amount: Option<String>,
    pub tax: TaxDto,
}

/// A draft invoice or credit note as entered: the shape of `sigilo invoice create --from FILE.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoiceInput {
    #[serde(default)]
    pub kind: InvoiceKind,
    /// Series code ("F2026-"); absent = the kind's default series.
    #[serde(default)]
    pub series: Option<String>,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub contact_id: Option<String>,
    /// YYYY-MM-DD; absent = the day it is issued.
    #[serde(default)]
    pub issue_date: Option<String>,
    /// YYYY-MM-DD; absent = issue date + the company's payment days.
    #[serde(default)]
    pub due_date: Option<String>,
    pub currency: String,
    /// "es" or "en" (default "es"): the language the invoice is printed in.
    #[serde(default)]
    pub language: Option<String>,
    /// Withholding percent (IRPF), e.g. "15".
    #[serde(default)]
    pub withholding_percent: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// For a credit note: the id of the issued invoice it corrects.
    #[serde(default)]
    pub corrects: Option<String>,
    #[serde(default)]
    pub correction_reason: Option<String>,
    pub lines: Vec<InvoiceLineInput>,
}

/// A stored line with its net amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoiceLine {
    pub product_id: Option<String>,
    pub description: String,
    pub quantity: String,
    pub unit: Option<String>,
    pub unit_price: String,
    pub discount_percent: Option<String>,
    pub discount_amount: Option<String>,
    pub tax: TaxDto,
    pub net: Money,
}

/// One row of the tax breakdown: per distinct rate, its base, tax and surcharge, and the mention to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxBreakdown {
    pub tax: TaxDto,
    /// "IVA 21 %", "VAT 21%", "Exento"…, in the invoice's language.
    pub label: String,
    pub base: Money,
    pub tax_amount: Money,
    pub surcharge_amount: Money,
    pub mention: Option<String>,
}

/// The invoice's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoiceTotals {
    pub net: Money,
    pub tax: Money,
    pub surcharge: Money,
    pub withholding: Money,
    pub total: Money,
}

/// A printed party field (`value` null once erased under legal hold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartyField {
    pub field: String,
    pub value: Option<String>,
}

/// A recorded payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentDto {
    pub id: String,
    pub amount: Money,
    pub date: String,
    pub method: Option<String>,
    pub note: Option<String>,
}

/// A payment as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaymentInput {
    /// In the invoice's currency; negative reverses a mistaken payment.
    pub amount: String,
    /// YYYY-MM-DD.
    pub date: String,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// An invoice or credit note with everything it holds: `sigilo invoice show ID --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Invoice {
    pub id: String,
    pub kind: InvoiceKind,
    pub series: String,
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub currency: String,
    pub language: String,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
    pub corrects: Option<String>,
    pub corrects_number: Option<String>,
    pub correction_reason: Option<String>,
    pub withholding_percent: Option<String>,
    pub notes: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub taxes: Vec<TaxBreakdown>,
    pub totals: InvoiceTotals,
    pub paid: Money,
    pub credited: Money,
    pub balance: Money,
    pub payments: Vec<PaymentDto>,
    /// The seller as printed (issued only).
    pub seller: Vec<PartyField>,
    /// The buyer as printed (issued only).
    pub buyer: Vec<PartyField>,
    /// SHA-256 of the canonical content, chained to the previous issued record (issued only).
    pub hash: Option<String>,
    pub issued_at: Option<String>,
}

/// One row of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InvoiceRow {
    pub id: String,
    pub kind: InvoiceKind,
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub buyer: Option<String>,
    pub total: Money,
    pub paid: Money,
    pub balance: Money,
}

/// The first record of the chain that does not verify.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BrokenRecord {
    pub number: String,
    #[ts(type = "number")]
    pub seq: i64,
    pub reason: String,
}

/// What `sigilo invoice verify-chain` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChainReportDto {
    pub intact: bool,
    #[ts(type = "number")]
    pub checked: u64,
    pub first_broken: Option<BrokenRecord>,
    pub tip: String,
}

/// The business profile (who issues the invoices).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BusinessProfile {
    #[serde(default)]
    pub legal_name: Option<String>,
    #[serde(default)]
    pub tax_country: Option<String>,
    #[serde(default)]
    pub tax_id: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub footer: Option<String>,
    /// Read only: whether a logo is stored.
    #[serde(default)]
    pub has_logo: bool,
    /// Read only: the fields issuing still needs.
    #[serde(default)]
    pub missing_for_issue: Vec<String>,
}

/// A product or service as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProductInput {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub unit: Option<String>,
    pub unit_price: String,
    pub currency: String,
    pub tax: TaxDto,
}

/// A stored product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub unit: Option<String>,
    pub unit_price: String,
    pub currency: String,
    pub tax: TaxDto,
    pub archived: bool,
}

/// A numbering series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesDto {
    pub code: String,
    pub kind: InvoiceKind,
    #[ts(type = "number")]
    pub next_number: i64,
    pub digits: u8,
    pub last_date: Option<String>,
}

/// A quote as entered: `sigilo quote create --from FILE.json` (the invoice's shape without series, kind and
/// correction, with a validity date).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuoteInput {
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub contact_id: Option<String>,
    /// YYYY-MM-DD; absent = today.
    #[serde(default)]
    pub issue_date: Option<String>,
    #[serde(default)]
    pub valid_until: Option<String>,
    pub currency: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub withholding_percent: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub lines: Vec<InvoiceLineInput>,
}

/// Where a quote stands (`expired`: unanswered past its validity date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    Draft,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

/// A quote with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Quote {
    pub id: String,
    pub number: String,
    pub status: QuoteStatus,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
    pub issue_date: String,
    pub valid_until: Option<String>,
    pub currency: String,
    pub language: String,
    pub withholding_percent: Option<String>,
    pub notes: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub taxes: Vec<TaxBreakdown>,
    pub totals: InvoiceTotals,
    /// The draft invoice it became.
    pub invoice_id: Option<String>,
}

/// One row of the quote list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuoteRow {
    pub id: String,
    pub number: String,
    pub status: QuoteStatus,
    pub issue_date: String,
    pub valid_until: Option<String>,
    pub customer: Option<String>,
    pub total: Money,
    pub invoice_id: Option<String>,
}

/// How often a recurring invoice is made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[default]
    Monthly,
    Quarterly,
    Yearly,
}

/// A recurring invoice template as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecurringInput {
    pub name: String,
    #[serde(default)]
    pub frequency: Frequency,
    /// The first period's date, YYYY-MM-DD.
    pub start_date: String,
    #[serde(default)]
    pub end_date: Option<String>,
    #[serde(default)]
    pub series: Option<String>,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub contact_id: Option<String>,
    pub currency: String,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub withholding_percent: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub lines: Vec<InvoiceLineInput>,
}

/// A draft made from a template for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecurringRun {
    pub template_id: String,
    pub period: String,
    pub invoice_id: String,
}

/// A stored template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recurring {
    pub id: String,
    pub name: String,
    pub frequency: Frequency,
    pub next_date: String,
    pub end_date: Option<String>,
    pub active: bool,
    pub series: Option<String>,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
    pub currency: String,
    pub language: String,
    pub withholding_percent: Option<String>,
    pub notes: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub totals: InvoiceTotals,
    pub runs: Vec<RecurringRun>,
}

/// One row of the template list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecurringRow {
    pub id: String,
    pub name: String,
    pub next_date: String,
    pub active: bool,
}

/// One overdue invoice of the dunning list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OverdueRow {
    pub id: String,
    pub number: String,
    pub customer: Option<String>,
    pub due_date: String,
    #[ts(type = "number")]
    pub days_overdue: i64,
    pub total: Money,
    pub balance: Money,
    #[ts(type = "number")]
    pub reminders: i64,
    pub last_reminder: Option<String>,
}

/// A reminder as logged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderInput {
    /// YYYY-MM-DD.
    pub date: String,
    #[serde(default)]
    pub channel: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A logged reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderDto {
    pub id: String,
    pub date: String,
    pub channel: Option<String>,
    pub note: Option<String>,
}

/// What customers owe in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivablesDto {
    pub currency: String,
    pub owed: Money,
    pub owed_count: u32,
    pub overdue: Money,
    pub overdue_count: u32,
}

/// Net revenue of one month in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthRevenueDto {
    /// YYYY-MM.
    pub month: String,
    pub net: Money,
    pub invoices: u32,
}

/// The dashboard's money figures: `sigilo invoice overview --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MoneyOverview {
    pub today: String,
    pub receivables: Vec<ReceivablesDto>,
    /// The twelve months up to this one, oldest first (months without invoices left out), per currency.
    pub revenue: Vec<MonthRevenueDto>,
}
