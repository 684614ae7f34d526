//! The money views over issued invoices, credit notes and expenses, per currency (never mixed):
//! - **profit** by month or quarter of a year: revenue (issued invoices' net plus credit notes' net, which is
//!   negative, by issue date), expenses (bills' net, by bill date) and their difference;
//! - **quarterly VAT figures** (Spain's modelo 303 style): output VAT per rate from issued invoices and,
//!   apart, from credit notes (base, VAT, recargo), input VAT per rate from received bills (base, VAT, and the
//!   recargo paid, which is not deductible), the result (output VAT + output recargo − input VAT), and the IRPF
//!   withheld by customers on our invoices and by us on suppliers' bills.
//!
//! Output VAT is rounded as on the invoice itself: per invoice and rate, base × rate rounded once (EN 16931),
//! then summed. Drafts are never counted. Every sum reads covering indexes over the year's or quarter's date
//! range (`invoice_issued_figures`, `expense_figures`; lines by their primary key), so the views stay fast at
//! tens of thousands of invoices.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use rusqlite::{Connection, params};
use sigilo_crm::money::{Currency, div_round_half_away};

use crate::decimal::Dec;
use crate::products::rate_from;
use crate::tax::{TaxCategory, TaxRate};
use crate::{InvoicingError, Result};

/// How the profit view groups a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Quarter,
}

/// One period's figures in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfitLine {
    /// "2026-03" for a month, "2026-Q1" for a quarter, "2026" for the year's total.
    pub period: String,
    pub revenue: i64,
    pub expenses: i64,
    pub profit: i64,
}

/// A currency's profit view: every period of the year in order (zeros included) and the year's total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfitByCurrency {
    pub currency: Currency,
    pub periods: Vec<ProfitLine>,
    pub total: ProfitLine,
}

/// One rate's row of the VAT figures, in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatRow {
    /// The rate; an exempt row gathers every exemption reason (its reason is left empty).
    pub rate: TaxRate,
    pub base: i64,
    pub tax: i64,
    pub surcharge: i64,
    /// How many invoices or bills carry this rate.
    pub documents: u32,
}

/// One currency's VAT figures for the quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatByCurrency {
    pub currency: Currency,
    /// Issued invoices, per rate.
    pub output: Vec<VatRow>,
    /// Issued credit notes (negative figures), per rate.
    pub corrections: Vec<VatRow>,
    /// Received bills, per rate.
    pub input: Vec<VatRow>,
    /// Output VAT: invoices' and credit notes' tax.
    pub output_tax: i64,
    /// Output recargo de equivalencia.
    pub output_surcharge: i64,
    /// Deductible input VAT.
    pub input_tax: i64,
    /// Recargo paid on bills (a cost: not deductible, not in the result).
    pub input_surcharge: i64,
    /// output_tax + output_surcharge − input_tax: positive to pay, negative to compensate or refund.
    pub result: i64,
    /// IRPF withheld by customers on our invoices (net of credit notes).
    pub withheld_by_customers: i64,
    /// IRPF we withheld on suppliers' bills (to declare and pay over).
    pub withheld_from_suppliers: i64,
}

/// The quarter's VAT figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VatReport {
    pub year: i32,
    pub quarter: u8,
    /// First and last day of the quarter, inclusive.
    pub from: String,
    pub to: String,
    pub currencies: Vec<VatByCurrency>,
}

fn check_year(year: i32) -> Result<()> {
    if (1970..=9998).contains(&year) {
        Ok(())
    } else {
        Err(InvoicingError::invalid(
            "year",
            format!("{year} is not a year between 1970 and 9998"),
        ))
    }
}

fn overflow(field: &'static str) -> InvoicingError {
    InvoicingError::Overflow { field }
}

fn add(a: i64, b: i64, field: &'static str) -> Result<i64> {
    a.checked_add(b).ok_or_else(|| overflow(field))
}

/// Σ per currency and period number (month 1–12) of one SQL sum.
fn monthly(
    conn: &Connection,
    sql: &str,
    from: &str,
    to: &str,
) -> Result<Vec<(String, usize, i64)>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params![from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(c, m, v)| {
            usize::try_from(m)
                .ok()
                .filter(|m| (1..=12).contains(m))
                .map(|m| (c, m, v))
        })
        .collect())
}

/// Revenue, expenses and profit per month or quarter of `year`, per currency (currencies in code order; only
/// those with an issued invoice or a bill in the year).
pub fn profit(conn: &Connection, year: i32, by: Period) -> Result<Vec<ProfitByCurrency>> {
    check_year(year)?;
    let from = format!("{year:04}-01-01");
    let to = format!("{:04}-01-01", year + 1);
    let revenue = monthly(
        conn,
        "SELECT currency, CAST(substr(issue_date, 6, 2) AS INTEGER) AS m, SUM(net)
         FROM invoice INDEXED BY invoice_issued_figures
         WHERE issued_at IS NOT NULL AND issue_date >= ?1 AND issue_date < ?2
         GROUP BY currency, m",
        &from,
        &to,
    )?;
    let expenses = monthly(
        conn,
        "SELECT currency, CAST(substr(bill_date, 6, 2) AS INTEGER) AS m, SUM(net)
         FROM expense INDEXED BY expense_figures
         WHERE bill_date >= ?1 AND bill_date < ?2
         GROUP BY currency, m",
        &from,
        &to,
    )?;
    // currency → per month (revenue, expenses)
    let mut months: BTreeMap<String, [(i64, i64); 12]> = BTreeMap::new();
    for (c, m, v) in revenue {
        let slot = &mut months.entry(c).or_insert([(0, 0); 12])[m - 1];
        slot.0 = add(slot.0, v, "revenue")?;
    }
    for (c, m, v) in expenses {
        let slot = &mut months.entry(c).or_insert([(0, 0); 12])[m - 1];
        slot.1 = add(slot.1, v, "expenses")?;
    }
    let line = |period: String, revenue: i64, expenses: i64| -> Result<ProfitLine> {
        Ok(ProfitLine {
            period,
            revenue,
            expenses,
            profit: revenue
                .checked_sub(expenses)
                .ok_or_else(|| overflow("profit"))?,
        })
    };
    let mut out = Vec::with_capacity(months.len());
    for (code, figures) in months {
        let currency = Currency::parse(&code, "currency")?;
        let mut periods = Vec::new();
        let (mut rev_year, mut exp_year) = (0i64, 0i64);
        match by {
            Period::Month => {
                for (i, (r, e)) in figures.iter().enumerate() {
                    periods.push(line(format!("{year:04}-{:02}", i + 1), *r, *e)?);
                }
            }
            Period::Quarter => {
                for (q, chunk) in figures.chunks(3).enumerate() {
                    let mut r = 0i64;
                    let mut e = 0i64;
                    for (a, b) in chunk {
                        r = add(r, *a, "revenue")?;
                        e = add(e, *b, "expenses")?;
                    }
                    periods.push(line(format!("{year:04}-Q{}", q + 1), r, e)?);
                }
            }
        }
        for p in &periods {
            rev_year = add(rev_year, p.revenue, "revenue")?;
            exp_year = add(exp_year, p.expenses, "expenses")?;
        }
        out.push(ProfitByCurrency {
            currency,
            periods,
            total: line(format!("{year:04}"), rev_year, exp_year)?,
        });
    }
    Ok(out)
}

/// `base × percent / 100`, rounded half away from zero: the rounding `calc::compute` applies once per rate.
fn percent_of(base: i64, percent: Dec, field: &'static str) -> Result<i64> {
    let num = i128::from(base)
        .checked_mul(percent.mantissa())
        .ok_or_else(|| overflow(field))?;
    let den = 100 * 10i128.pow(u32::from(percent.scale()));
    i64::try_from(div_round_half_away(num, den)).map_err(|_| overflow(field))
}

/// The order rows are shown in: standard rates from the highest, then zero, exempt, reverse charge, intra-EU,
/// export; `Reverse` puts higher rates first.
type RowKey = (String, u8, Reverse<Dec>, Option<Dec>);

fn rank(c: &TaxCategory) -> u8 {
    match c {
        TaxCategory::Standard => 0,
        TaxCategory::Zero => 1,
        TaxCategory::Exempt { .. } => 2,
        TaxCategory::ReverseCharge => 3,
        TaxCategory::IntraCommunity => 4,
        TaxCategory::Export => 5,
    }
}

fn key(currency: &str, rate: &TaxRate) -> RowKey {
    (
        currency.to_owned(),
        rank(&rate.category),
        Reverse(rate.percent),
        rate.surcharge,
    )
}

/// A rate as a report row shows it: exemption reasons gathered under one exempt row.
fn row_rate(rate: TaxRate) -> TaxRate {
    match rate.category {
        TaxCategory::Exempt { .. } => TaxRate {
            category: TaxCategory::Exempt {
                reason: String::new(),
            },
            ..rate
        },
        _ => rate,
    }
}

#[derive(Default)]
struct Acc {
    output: BTreeMap<RowKey, VatRow>,
    corrections: BTreeMap<RowKey, VatRow>,
    input: BTreeMap<RowKey, VatRow>,
    withheld_by_customers: BTreeMap<String, i64>,
    withheld_from_suppliers: BTreeMap<String, i64>,
}

fn bump(
    map: &mut BTreeMap<RowKey, VatRow>,
    currency: &str,
    rate: TaxRate,
    figures: (i64, i64, i64),
    documents: u32,
) -> Result<()> {
    let row = map.entry(key(currency, &rate)).or_insert_with(|| VatRow {
        rate: row_rate(rate),
        base: 0,
        tax: 0,
        surcharge: 0,
        documents: 0,
    });
    row.base = add(row.base, figures.0, "base")?;
    row.tax = add(row.tax, figures.1, "tax")?;
    row.surcharge = add(row.surcharge, figures.2, "surcharge")?;
    row.documents = row.documents.saturating_add(documents);
    Ok(())
}

/// The first and last day (inclusive) and the day after the quarter.
fn quarter_range(year: i32, quarter: u8) -> Result<(String, String, String)> {
    let (first, last) = match quarter {
        1 => ("01-01", "03-31"),
        2 => ("04-01", "06-30"),
        3 => ("07-01", "09-30"),
        4 => ("10-01", "12-31"),
        _ => {
            return Err(InvoicingError::invalid(
                "quarter",
                format!("{quarter} is not a quarter: 1, 2, 3 or 4"),
            ));
        }
    };
    let next = match quarter {
        4 => format!("{:04}-01-01", year + 1),
        q => format!("{year:04}-{:02}-01", u32::from(q) * 3 + 1),
    };
    Ok((
        format!("{year:04}-{first}"),
        format!("{year:04}-{last}"),
        next,
    ))
}

/// The VAT figures of `quarter` (1–4) of `year`, per currency.
pub fn vat(conn: &Connection, year: i32, quarter: u8) -> Result<VatReport> {
    check_year(year)?;
    let (from, to, next) = quarter_range(year, quarter)?;
    let mut acc = Acc::default();

    // Output: each issued invoice's base per rate, its tax rounded once, as printed on it.
    {
        let mut stmt = conn.prepare_cached(
            "SELECT i.id, i.kind, i.currency, l.tax_category, l.tax_percent, l.tax_surcharge, l.exemption_reason,
                    SUM(l.net)
             FROM invoice i INDEXED BY invoice_issued_figures
             JOIN invoice_line l ON l.invoice_id = i.id
             WHERE i.issued_at IS NOT NULL AND i.issue_date >= ?1 AND i.issue_date < ?2
             GROUP BY i.id, l.tax_category, l.tax_percent, l.tax_surcharge, l.exemption_reason
             ORDER BY i.id",
        )?;
        type Raw = (
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            i64,
        );
        let rows = stmt.query_map(params![from, next], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        // (invoice id, row key) last counted, so an invoice counts once per row.
        let mut counted: Option<(i64, RowKey)> = None;
        for row in rows {
            let (id, kind, currency, cat, pct, sur, reason, base): Raw = row?;
            let rate = rate_from(&cat, &pct, sur.as_deref(), reason)?;
            let tax = percent_of(base, rate.percent, "tax")?;
            let surcharge = match rate.surcharge {
                Some(s) => percent_of(base, s, "surcharge")?,
                None => 0,
            };
            let k = key(&currency, &rate);
            let new = counted.as_ref() != Some(&(id, k.clone()));
            counted = Some((id, k));
            let map = if kind == "credit_note" {
                &mut acc.corrections
            } else {
                &mut acc.output
            };
            bump(map, &currency, rate, (base, tax, surcharge), u32::from(new))?;
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT currency, SUM(withholding) FROM invoice INDEXED BY invoice_issued_figures
             WHERE issued_at IS NOT NULL AND issue_date >= ?1 AND issue_date < ?2
             GROUP BY currency",
        )?;
        let rows = stmt.query_map(params![from, next], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (c, w) = row?;
            acc.withheld_by_customers.insert(c, w);
        }
    }

    // Input: the bills' stored per-rate rows (already rounded once per bill and rate).
    {
        let mut stmt = conn.prepare_cached(
            "SELECT e.currency, t.tax_category, t.tax_percent, t.tax_surcharge, SUM(t.base), SUM(t.tax),
                    SUM(t.surcharge), COUNT(DISTINCT e.id)
             FROM expense e INDEXED BY expense_figures
             JOIN expense_tax t ON t.expense_id = e.id
             WHERE e.bill_date >= ?1 AND e.bill_date < ?2
             GROUP BY e.currency, t.tax_category, t.tax_percent, t.tax_surcharge",
        )?;
        type Raw = (String, String, String, Option<String>, i64, i64, i64, u32);
        let rows = stmt.query_map(params![from, next], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        for row in rows {
            let (currency, cat, pct, sur, base, tax, surcharge, n): Raw = row?;
            let rate = rate_from(&cat, &pct, sur.as_deref(), None)?;
            bump(&mut acc.input, &currency, rate, (base, tax, surcharge), n)?;
        }
    }
    {
        let mut stmt = conn.prepare_cached(
            "SELECT currency, SUM(withholding) FROM expense INDEXED BY expense_figures
             WHERE bill_date >= ?1 AND bill_date < ?2 GROUP BY currency",
        )?;
        let rows = stmt.query_map(params![from, next], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (c, w) = row?;
            acc.withheld_from_suppliers.insert(c, w);
        }
    }

    let mut codes: Vec<String> = acc
        .output
        .keys()
        .chain(acc.corrections.keys())
        .chain(acc.input.keys())
        .map(|k| k.0.clone())
        .chain(acc.withheld_by_customers.keys().cloned())
        .chain(acc.withheld_from_suppliers.keys().cloned())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let take = |map: &BTreeMap<RowKey, VatRow>, code: &str| -> Vec<VatRow> {
        map.iter()
            .filter(|(k, _)| k.0 == code)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let sum = |rows: &[VatRow], f: fn(&VatRow) -> i64, field| -> Result<i64> {
        rows.iter().try_fold(0i64, |a, r| add(a, f(r), field))
    };
    let mut currencies = Vec::with_capacity(codes.len());
    for code in codes {
        let output = take(&acc.output, &code);
        let corrections = take(&acc.corrections, &code);
        let input = take(&acc.input, &code);
        let output_tax = add(
            sum(&output, |r| r.tax, "tax")?,
            sum(&corrections, |r| r.tax, "tax")?,
            "tax",
        )?;
        let output_surcharge = add(
            sum(&output, |r| r.surcharge, "surcharge")?,
            sum(&corrections, |r| r.surcharge, "surcharge")?,
            "surcharge",
        )?;
        let input_tax = sum(&input, |r| r.tax, "tax")?;
        let input_surcharge = sum(&input, |r| r.surcharge, "surcharge")?;
        let result = add(output_tax, output_surcharge, "result")?
            .checked_sub(input_tax)
            .ok_or_else(|| overflow("result"))?;
        currencies.push(VatByCurrency {
            currency: Currency::parse(&code, "currency")?,
            output,
            corrections,
            input,
            output_tax,
            output_surcharge,
            input_tax,
            input_surcharge,
            result,
            withheld_by_customers: acc.withheld_by_customers.get(&code).copied().unwrap_or(0),
            withheld_from_suppliers: acc.withheld_from_suppliers.get(&code).copied().unwrap_or(0),
        });
    }
    Ok(VatReport {
        year,
        quarter,
        from,
        to,
        currencies,
    })
}
