//! The use cases of expenses (received invoices), the profit view and the quarterly VAT figures on an
//! unlocked vault. Reads call `sigilo_invoicing::{expenses, reports}` on the vault's connection; every write
//! runs through `write_invoicing` (one IMMEDIATE transaction with its audit event). [`vat_report_csv`] turns
//! the VAT figures into the documented CSV (`docs/invoicing.md`, "Quarterly VAT figures").

use sigilo_crm::money::{Currency, Money as CrmMoney};
use sigilo_invoicing::expenses::{self, BaseInput, Filter, Supplier};
use sigilo_invoicing::reports::{self, Period};
use sigilo_invoicing::tax::TaxRate;

use crate::audit::Action;
use crate::dto::Page;
use crate::dto_expenses::*;
use crate::dto_invoicing::{TaxCategoryDto, TaxDto};
use crate::error::{ApiError, ErrorCode};
use crate::invoicing::{money, opt_dec, opt_id, tax_in, tax_label, tax_out};
use crate::session::{Session, parse_id};

/// Labels of rates in expenses and reports are Spanish, as a Spanish accountant reads them.
const LABEL_LANG: &str = "es";

fn blank(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|s| !s.is_empty())
}

fn expense_in(i: &ExpenseInput) -> Result<expenses::ExpenseInput, ApiError> {
    let supplier = match (
        blank(i.supplier_id.as_deref()),
        blank(i.supplier_name.as_deref()),
    ) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "supplier: give a supplier company id or a supplier name, not both",
            ));
        }
        (None, None) => {
            return Err(ApiError::invalid(
                "supplier: give a supplier company id or a supplier name",
            ));
        }
        (Some(id), None) => {
            if blank(i.supplier_tax_id.as_deref()).is_some() {
                return Err(ApiError::invalid(
                    "supplier_tax_id: a supplier company's own tax id is used; give it with a supplier name only",
                ));
            }
            Supplier::Company(parse_id(id, "company")?)
        }
        (None, Some(name)) => Supplier::Named {
            name: name.to_owned(),
            tax_country: i.supplier_tax_country.clone(),
            tax_id: i.supplier_tax_id.clone(),
        },
    };
    let currency = Currency::parse(&i.currency, "currency")?;
    let mut bases = Vec::with_capacity(i.bases.len());
    for b in &i.bases {
        let base = CrmMoney::parse(&b.base, currency.code(), "base")?.minor;
        let mut tax = b.tax.clone();
        // A bill's exempt base needs no printed reason: ours is only a record of theirs.
        if tax.category == TaxCategoryDto::Exempt
            && blank(tax.exemption_reason.as_deref()).is_none()
        {
            tax.exemption_reason = Some("Exento".to_owned());
        }
        bases.push(BaseInput {
            base,
            tax: tax_in(&tax)?,
        });
    }
    Ok(expenses::ExpenseInput {
        supplier,
        date: i.date.clone(),
        number: i.number.clone(),
        currency: currency.code().to_owned(),
        bases,
        withholding: opt_dec(i.withholding_percent.as_deref(), "withholding")?,
        category: i.category.clone(),
        paid_on: i.paid_on.clone(),
        notes: i.notes.clone(),
    })
}

/// A rate as reports show it: an exempt row has no single reason.
fn report_tax(t: &TaxRate) -> TaxDto {
    let mut dto = tax_out(t);
    if dto.exemption_reason.as_deref().is_some_and(str::is_empty) {
        dto.exemption_reason = None;
    }
    dto
}

fn expense_out(e: expenses::Expense) -> Expense {
    let c = e.currency;
    Expense {
        id: e.id.to_string(),
        supplier_id: e.supplier_id.map(|s| s.to_string()),
        supplier_name: e.supplier_name,
        supplier_tax_country: e.supplier_tax_country,
        supplier_tax_id: e.supplier_tax_id,
        date: e.date,
        number: e.number,
        currency: c.code().to_owned(),
        category: e.category,
        withholding_percent: e.withholding_percent.map(|w| w.to_string()),
        taxes: e
            .rates
            .iter()
            .map(|r| ExpenseTax {
                tax: report_tax(&r.tax),
                label: tax_label(&r.tax, LABEL_LANG),
                base: money(r.base, c),
                tax_amount: money(r.tax_amount, c),
                surcharge_amount: money(r.surcharge_amount, c),
            })
            .collect(),
        totals: ExpenseTotals {
            net: money(e.net, c),
            tax: money(e.tax, c),
            surcharge: money(e.surcharge, c),
            withholding: money(e.withholding, c),
            total: money(e.total, c),
        },
        paid: e.paid_on.is_some(),
        paid_on: e.paid_on,
        notes: e.notes,
        document: e.document.map(document_out),
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

fn document_out(d: expenses::DocumentInfo) -> ExpenseDocumentInfo {
    ExpenseDocumentInfo {
        mime: d.mime.to_owned(),
        file_name: d.file_name,
        size: d.size,
    }
}

fn vat_rows(rows: &[reports::VatRow], c: Currency) -> Vec<VatRow> {
    rows.iter()
        .map(|r| VatRow {
            tax: report_tax(&r.rate),
            label: tax_label(&r.rate, LABEL_LANG),
            base: money(r.base, c),
            tax_amount: money(r.tax, c),
            surcharge_amount: money(r.surcharge, c),
            documents: r.documents,
        })
        .collect()
}

/// A bill's document as kept in the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseDocument {
    pub info: ExpenseDocumentInfo,
    pub bytes: Vec<u8>,
}

/// A document to keep with a new bill: its bytes and the file name it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentUpload {
    pub bytes: Vec<u8>,
    pub file_name: Option<String>,
}

impl Session {
    /// Records a supplier bill (with its document, in the same transaction, when given); resolves to its id.
    pub fn expense_add(
        &mut self,
        input: ExpenseInput,
        document: Option<DocumentUpload>,
    ) -> Result<String, ApiError> {
        let e = expense_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Create, "expense", |tx, _| {
            let id = expenses::insert(tx, e, &at)?;
            if let Some(d) = document {
                expenses::attach(tx, id, &d.bytes, d.file_name, &at)?;
            }
            Ok((id.to_string(), Some(id.to_string())))
        })
    }

    /// Replaces a bill's content (its document stays).
    pub fn expense_update(&mut self, id: &str, input: ExpenseInput) -> Result<(), ApiError> {
        let id = parse_id(id, "expense")?;
        let e = expense_in(&input)?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "expense", |tx, _| {
            expenses::update(tx, id, e, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// Deletes a bill with its document; resolves to what was deleted, for the caller to say so.
    pub fn expense_delete(&mut self, id: &str) -> Result<Expense, ApiError> {
        let id = parse_id(id, "expense")?;
        self.write_invoicing(Action::Delete, "expense", |tx, _| {
            let gone = expenses::get(tx, id)?;
            expenses::delete(tx, id)?;
            Ok((expense_out(gone), Some(id.to_string())))
        })
    }

    /// Marks a bill paid on `date` (default today), or unpaid with `paid = false`.
    pub fn expense_pay(
        &mut self,
        id: &str,
        paid: bool,
        date: Option<&str>,
    ) -> Result<(), ApiError> {
        let id = parse_id(id, "expense")?;
        let at = sigilo_crm::now_iso();
        let date = date.map(str::to_owned);
        self.write_invoicing(Action::Update, "expense", |tx, today| {
            let on = if paid {
                Some(date.unwrap_or_else(|| today.to_owned()))
            } else {
                None
            };
            expenses::set_paid(tx, id, on.as_deref(), &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    pub fn expense_get(&self, id: &str) -> Result<Expense, ApiError> {
        let id = parse_id(id, "expense")?;
        Ok(expense_out(expenses::get(self.vault().conn(), id)?))
    }

    /// A page of bills, newest bill date first.
    pub fn expense_list(
        &self,
        filter: &ExpenseFilter,
        limit: u32,
        cursor: Option<&str>,
    ) -> Result<Page<ExpenseRow>, ApiError> {
        let f = Filter {
            paid: filter.paid,
            from: filter.from.clone(),
            to: filter.to.clone(),
            supplier_id: opt_id(filter.supplier_id.as_deref(), "company")?,
        };
        let page = expenses::list(self.vault().conn(), &f, limit, cursor)?;
        let mut items = Vec::with_capacity(page.items.len());
        for s in page.items {
            let c = Currency::parse(&s.currency, "currency")?;
            items.push(ExpenseRow {
                id: s.id.to_string(),
                date: s.date,
                supplier_id: s.supplier_id.map(|i| i.to_string()),
                supplier_name: s.supplier_name,
                number: s.number,
                category: s.category,
                net: money(s.net, c),
                total: money(s.total, c),
                paid_on: s.paid_on,
                has_document: s.has_document,
            });
        }
        Ok(Page {
            items,
            next_cursor: page.next_cursor,
        })
    }

    /// Keeps the bill's PDF (or JPEG/PNG scan, at most 20 MiB) in the vault, replacing any earlier one.
    pub fn expense_attach(
        &mut self,
        id: &str,
        bytes: &[u8],
        file_name: Option<String>,
    ) -> Result<ExpenseDocumentInfo, ApiError> {
        let id = parse_id(id, "expense")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "expense", |tx, _| {
            let info = expenses::attach(tx, id, bytes, file_name, &at)?;
            Ok((document_out(info), Some(id.to_string())))
        })
    }

    /// Removes the bill's document (refused when there is none).
    pub fn expense_detach(&mut self, id: &str) -> Result<(), ApiError> {
        let id = parse_id(id, "expense")?;
        let at = sigilo_crm::now_iso();
        self.write_invoicing(Action::Update, "expense", |tx, _| {
            expenses::detach(tx, id, &at)?;
            Ok(((), Some(id.to_string())))
        })
    }

    /// The bill's document; not found (5) when the bill keeps none.
    pub fn expense_document(&self, id: &str) -> Result<ExpenseDocument, ApiError> {
        let id = parse_id(id, "expense")?;
        let d = expenses::document(self.vault().conn(), id)?.ok_or_else(|| {
            ApiError::new(ErrorCode::NotFound, format!("expense {id} has no document"))
        })?;
        Ok(ExpenseDocument {
            info: document_out(d.info),
            bytes: d.bytes,
        })
    }

    /// Revenue, expenses and profit per month or quarter of `year`, per currency.
    pub fn profit_report(&self, year: i32, by: ProfitBy) -> Result<ProfitReport, ApiError> {
        let period = match by {
            ProfitBy::Month => Period::Month,
            ProfitBy::Quarter => Period::Quarter,
        };
        let list = reports::profit(self.vault().conn(), year, period)?;
        let line = |l: &reports::ProfitLine, c: Currency| ProfitPeriod {
            period: l.period.clone(),
            revenue: money(l.revenue, c),
            expenses: money(l.expenses, c),
            profit: money(l.profit, c),
        };
        Ok(ProfitReport {
            year,
            by,
            currencies: list
                .iter()
                .map(|p| ProfitCurrency {
                    currency: p.currency.code().to_owned(),
                    periods: p.periods.iter().map(|l| line(l, p.currency)).collect(),
                    total: line(&p.total, p.currency),
                })
                .collect(),
        })
    }

    /// The VAT figures of `quarter` (1–4) of `year`, per currency.
    pub fn vat_report(&self, year: i32, quarter: u8) -> Result<VatReport, ApiError> {
        let r = reports::vat(self.vault().conn(), year, quarter)?;
        Ok(VatReport {
            year: r.year,
            quarter: r.quarter,
            from: r.from,
            to: r.to,
            currencies: r
                .currencies
                .iter()
                .map(|v| {
                    let c = v.currency;
                    VatCurrency {
                        currency: c.code().to_owned(),
                        output: vat_rows(&v.output, c),
                        corrections: vat_rows(&v.corrections, c),
                        input: vat_rows(&v.input, c),
                        output_tax: money(v.output_tax, c),
                        output_surcharge: money(v.output_surcharge, c),
                        input_tax: money(v.input_tax, c),
                        input_surcharge: money(v.input_surcharge, c),
                        result: money(v.result, c),
                        withheld_by_customers: money(v.withheld_by_customers, c),
                        withheld_from_suppliers: money(v.withheld_from_suppliers, c),
                    }
                })
                .collect(),
        })
    }
}

/// The CSV header of [`vat_report_csv`].
pub const VAT_CSV_HEADER: &str =
    "period;section;currency;category;vat_rate;surcharge_rate;base;vat;surcharge;amount;documents";

fn category_name(c: TaxCategoryDto) -> &'static str {
    match c {
        TaxCategoryDto::Standard => "standard",
        TaxCategoryDto::Zero => "zero",
        TaxCategoryDto::Exempt => "exempt",
        TaxCategoryDto::ReverseCharge => "reverse_charge",
        TaxCategoryDto::IntraCommunity => "intra_community",
        TaxCategoryDto::Export => "export",
    }
}

/// The VAT figures as CSV for a spreadsheet: UTF-8 (all ASCII), `;`-separated, a header row, CRLF line ends,
/// no quoting (no field can hold `;`). Amounts and rates are plain decimal strings without thousands
/// separators, with a decimal comma when `decimal_comma` (what a Spanish-locale spreadsheet reads as a number)
/// or a point. One row per rate of each section (`output`, `corrections`, `input`), then one summary row per
/// figure (`output_vat`, `output_surcharge`, `input_vat`, `input_surcharge`, `result`,
/// `withheld_by_customers`, `withheld_from_suppliers`) whose value is in `amount`; per currency.
pub fn vat_report_csv(r: &VatReport, decimal_comma: bool) -> String {
    let num = |s: &str| {
        if decimal_comma {
            s.replace('.', ",")
        } else {
            s.to_owned()
        }
    };
    let period = format!("{}-Q{}", r.year, r.quarter);
    let mut out = String::from(VAT_CSV_HEADER);
    out.push_str("\r\n");
    for c in &r.currencies {
        for (section, rows) in [
            ("output", &c.output),
            ("corrections", &c.corrections),
            ("input", &c.input),
        ] {
            for row in rows {
                out.push_str(&format!(
                    "{period};{section};{};{};{};{};{};{};{};;{}\r\n",
                    c.currency,
                    category_name(row.tax.category),
                    num(&row.tax.percent),
                    row.tax.surcharge.as_deref().map(num).unwrap_or_default(),
                    num(&row.base.amount),
                    num(&row.tax_amount.amount),
                    num(&row.surcharge_amount.amount),
                    row.documents
                ));
            }
        }
        for (section, m) in [
            ("output_vat", &c.output_tax),
            ("output_surcharge", &c.output_surcharge),
            ("input_vat", &c.input_tax),
            ("input_surcharge", &c.input_surcharge),
            ("result", &c.result),
            ("withheld_by_customers", &c.withheld_by_customers),
            ("withheld_from_suppliers", &c.withheld_from_suppliers),
        ] {
            out.push_str(&format!(
                "{period};{section};{};;;;;;;{};\r\n",
                c.currency,
                num(&m.amount)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::dto::Money;

    fn m(a: &str) -> Money {
        Money {
            amount: a.into(),
            currency: "EUR".into(),
        }
    }

    #[test]
    fn csv_has_a_header_one_row_per_rate_and_the_summary() {
        let row = VatRow {
            tax: TaxDto {
                category: TaxCategoryDto::Standard,
                percent: "21".into(),
                surcharge: Some("5.2".into()),
                exemption_reason: None,
            },
            label: "IVA 21 % + RE 5,2 %".into(),
            base: m("1234.50"),
            tax_amount: m("259.25"),
            surcharge_amount: m("64.19"),
            documents: 2,
        };
        let r = VatReport {
            year: 2026,
            quarter: 1,
            from: "2026-01-01".into(),
            to: "2026-03-31".into(),
            currencies: vec![VatCurrency {
                currency: "EUR".into(),
                output: vec![row],
                corrections: vec![],
                input: vec![],
                output_tax: m("259.25"),
                output_surcharge: m("64.19"),
                input_tax: m("0.00"),
                input_surcharge: m("0.00"),
                result: m("323.44"),
                withheld_by_customers: m("-1.00"),
                withheld_from_suppliers: m("0.00"),
            }],
        };
        let csv = vat_report_csv(&r, true);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], VAT_CSV_HEADER);
        assert_eq!(
            lines[1],
            "2026-Q1;output;EUR;standard;21;5,2;1234,50;259,25;64,19;;2"
        );
        assert_eq!(lines[6], "2026-Q1;result;EUR;;;;;;;323,44;");
        assert_eq!(lines[7], "2026-Q1;withheld_by_customers;EUR;;;;;;;-1,00;");
        assert!(csv.ends_with("\r\n"));
        let header_cols = VAT_CSV_HEADER.split(';').count();
        assert!(lines.iter().all(|l| l.split(';').count() == header_cols));
        assert!(vat_report_csv(&r, false).contains(";1234.50;259.25;"));
    }
}
