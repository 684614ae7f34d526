//! The DTOs of expenses (received invoices), the profit view and the quarterly VAT figures. Money is
//! `Money { amount: decimal string, currency }`, percentages are decimal strings, ids are strings, dates are
//! `YYYY-MM-DD`. `ExpenseInput` is also the shape of `sigilo expense add --from FILE.json`
//! (`docs/invoicing.md`, "Expenses").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::Money;
use crate::dto_invoicing::TaxDto;

/// One rate on a bill as entered: the base in the bill's currency ("100.00", negative on a supplier's credit
/// note) and its tax rate. The VAT and recargo are computed from it, never typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseBaseInput {
    pub base: String,
    pub tax: TaxDto,
}

/// A supplier bill as entered. The supplier is `supplier_id` (a company with the supplier role) or
/// `supplier_name` (with an optional tax id), not both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseInput {
    #[serde(default)]
    pub supplier_id: Option<String>,
    #[serde(default)]
    pub supplier_name: Option<String>,
    #[serde(default)]
    pub supplier_tax_id: Option<String>,
    /// ISO 3166 country of the tax id (default "ES").
    #[serde(default)]
    pub supplier_tax_country: Option<String>,
    /// The bill's date, YYYY-MM-DD.
    pub date: String,
    /// The supplier's invoice number.
    pub number: String,
    pub currency: String,
    pub bases: Vec<ExpenseBaseInput>,
    /// IRPF withheld on a professional's bill, percent ("15").
    #[serde(default)]
    pub withholding_percent: Option<String>,
    /// Free text such as rent, supplies, services, travel.
    #[serde(default)]
    pub category: Option<String>,
    /// YYYY-MM-DD when paid; absent while unpaid.
    #[serde(default)]
    pub paid_on: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// One rate row of a stored bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseTax {
    pub tax: TaxDto,
    /// "IVA 21 %", "IVA 21 % + RE 5,2 %", "Exento"…
    pub label: String,
    pub base: Money,
    pub tax_amount: Money,
    pub surcharge_amount: Money,
}

/// A bill's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseTotals {
    pub net: Money,
    pub tax: Money,
    pub surcharge: Money,
    pub withholding: Money,
    pub total: Money,
}

/// The document kept with a bill (its bytes come from `expense_document`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseDocumentInfo {
    /// application/pdf, image/jpeg or image/png.
    pub mime: String,
    pub file_name: Option<String>,
    /// Bytes.
    pub size: u32,
}

/// A stored bill: `sigilo expense show ID --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Expense {
    pub id: String,
    pub supplier_id: Option<String>,
    pub supplier_name: String,
    pub supplier_tax_country: Option<String>,
    pub supplier_tax_id: Option<String>,
    pub date: String,
    pub number: String,
    pub currency: String,
    pub category: Option<String>,
    pub withholding_percent: Option<String>,
    pub taxes: Vec<ExpenseTax>,
    pub totals: ExpenseTotals,
    pub paid: bool,
    pub paid_on: Option<String>,
    pub notes: Option<String>,
    pub document: Option<ExpenseDocumentInfo>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the expense list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseRow {
    pub id: String,
    pub date: String,
    pub supplier_id: Option<String>,
    pub supplier_name: String,
    pub number: String,
    pub category: Option<String>,
    pub net: Money,
    pub total: Money,
    pub paid_on: Option<String>,
    pub has_document: bool,
}

/// Which bills a list shows; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExpenseFilter {
    /// true: paid only; false: unpaid only.
    #[serde(default)]
    pub paid: Option<bool>,
    /// First bill date included.
    #[serde(default)]
    pub from: Option<String>,
    /// Last bill date included.
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub supplier_id: Option<String>,
}

/// How the profit view groups a year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfitBy {
    #[default]
    Month,
    Quarter,
}

/// One period of the profit view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfitPeriod {
    /// "2026-03", "2026-Q1", or "2026" for the year's total.
    pub period: String,
    /// Issued invoices' net minus credit notes' net, by issue date.
    pub revenue: Money,
    /// Bills' net (their bases), by bill date.
    pub expenses: Money,
    pub profit: Money,
}

/// One currency's profit view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfitCurrency {
    pub currency: String,
    pub periods: Vec<ProfitPeriod>,
    pub total: ProfitPeriod,
}

/// `sigilo report profit --json`: per currency, never mixed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProfitReport {
    pub year: i32,
    pub by: ProfitBy,
    pub currencies: Vec<ProfitCurrency>,
}

/// One rate's row of the VAT figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VatRow {
    pub tax: TaxDto,
    /// "IVA 21 %", "IVA 21 % + RE 5,2 %", "Exento"…
    pub label: String,
    pub base: Money,
    pub tax_amount: Money,
    pub surcharge_amount: Money,
    /// How many invoices, credit notes or bills carry this rate.
    pub documents: u32,
}

/// One currency's VAT figures for the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VatCurrency {
    pub currency: String,
    /// Output VAT from issued invoices, per rate.
    pub output: Vec<VatRow>,
    /// Output VAT from issued credit notes (negative), per rate.
    pub corrections: Vec<VatRow>,
    /// Input VAT from received bills, per rate.
    pub input: Vec<VatRow>,
    /// Invoices' and credit notes' VAT.
    pub output_tax: Money,
    /// Invoices' and credit notes' recargo de equivalencia.
    pub output_surcharge: Money,
    /// Deductible VAT on bills.
    pub input_tax: Money,
    /// Recargo paid on bills (not deductible).
    pub input_surcharge: Money,
    /// output_tax + output_surcharge − input_tax: positive to pay, negative to compensate.
    pub result: Money,
    /// IRPF withheld by customers on our invoices.
    pub withheld_by_customers: Money,
    /// IRPF we withheld on suppliers' bills (to pay over).
    pub withheld_from_suppliers: Money,
}

/// `sigilo report vat --json`: a quarter's VAT figures, per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VatReport {
    pub year: i32,
    pub quarter: u8,
    /// First and last day of the quarter.
    pub from: String,
    pub to: String,
    pub currencies: Vec<VatCurrency>,
}
