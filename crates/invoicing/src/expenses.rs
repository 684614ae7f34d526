//! Expenses and received invoices (supplier bills): the supplier (a CRM company with the supplier role, or a
//! name and tax id typed in), the bill's date and number, per-rate bases with the VAT and recargo computed from
//! them by the invoice arithmetic (`calc::compute`: tax per rate = base × rate, rounded once), the IRPF
//! withheld, a category, when it was paid, notes, and the bill's PDF or scan kept inside the vault.
//!
//! Decision: the tax is always computed from the base per rate, never typed. A supplier who rounded per line
//! may print a cent more or less; the figures here are the EN 16931 ones, and the difference (if any) belongs in
//! the notes. Expenses are the business's own records, so they are neither chained nor immutable: they can be
//! edited and deleted (a deletion is explicit and audited by the API).

use rusqlite::{Connection, OptionalExtension, Row, params};
use sigilo_crm::money::Currency;
use sigilo_crm::paging::{self, Page};
use sigilo_crm::text::fold;
use sigilo_crm::{CrmError, companies, taxid, valid};

use crate::calc::{self, DocKind, Line, Withholding};
use crate::decimal::Dec;
use crate::products::{rate_columns, rate_from};
use crate::tax::TaxRate;
use crate::{InvoicingError, Result};

/// The largest bill document kept in the vault.
pub const MAX_DOCUMENT: usize = 20 * 1024 * 1024;

/// Who sent the bill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Supplier {
    /// A CRM company; it must have the supplier role. Its name and tax id are copied onto the expense.
    Company(i64),
    /// A supplier typed in: name, and optionally the tax id (with its country, default ES).
    Named {
        name: String,
        tax_country: Option<String>,
        tax_id: Option<String>,
    },
}

/// One rate on the bill: the base in minor units of the bill's currency (negative on a supplier's credit
/// note) and its tax rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseInput {
    pub base: i64,
    pub tax: TaxRate,
}

/// An expense as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseInput {
    pub supplier: Supplier,
    /// The bill's date, `YYYY-MM-DD`: the date the profit and VAT views file it under.
    pub date: String,
    /// The supplier's invoice number.
    pub number: String,
    pub currency: String,
    /// Bases per rate; two bases at the same rate are added before the tax is computed.
    pub bases: Vec<BaseInput>,
    /// IRPF withheld by us on a professional's invoice, percent of the total base.
    pub withholding: Option<Dec>,
    pub category: Option<String>,
    /// When it was paid; `None` while unpaid.
    pub paid_on: Option<String>,
    pub notes: Option<String>,
}

/// One stored rate row: base, and the tax and recargo computed on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateRow {
    pub tax: TaxRate,
    pub base: i64,
    pub tax_amount: i64,
    pub surcharge_amount: i64,
}

/// What the vault keeps about a bill's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    pub mime: &'static str,
    pub file_name: Option<String>,
    pub size: u32,
}

/// A bill's document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub info: DocumentInfo,
    pub bytes: Vec<u8>,
}

/// A stored expense with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expense {
    pub id: i64,
    pub supplier_id: Option<i64>,
    pub supplier_name: String,
    pub supplier_tax_country: Option<String>,
    pub supplier_tax_id: Option<String>,
    pub date: String,
    pub number: String,
    pub currency: Currency,
    pub category: Option<String>,
    pub withholding_percent: Option<Dec>,
    pub rates: Vec<RateRow>,
    pub net: i64,
    pub tax: i64,
    pub surcharge: i64,
    pub withholding: i64,
    pub total: i64,
    pub paid_on: Option<String>,
    pub notes: Option<String>,
    pub document: Option<DocumentInfo>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the expense list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub date: String,
    pub supplier_id: Option<i64>,
    pub supplier_name: String,
    pub number: String,
    pub category: Option<String>,
    pub currency: String,
    pub net: i64,
    pub total: i64,
    pub paid_on: Option<String>,
    pub has_document: bool,
}

/// Which expenses a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// `Some(true)`: paid only; `Some(false)`: unpaid only.
    pub paid: Option<bool>,
    /// First bill date included, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last bill date included, `YYYY-MM-DD`.
    pub to: Option<String>,
    pub supplier_id: Option<i64>,
}

/// Maps a CRM tax-id error to the supplier's field names.
fn supplier_field(e: CrmError) -> InvoicingError {
    match e {
        CrmError::Invalid { field, message } => InvoicingError::invalid(
            if field == "tax_country" {
                "supplier_tax_country"
            } else {
                "supplier_tax_id"
            },
            message,
        ),
        other => other.into(),
    }
}

/// The supplier's name, tax country and id as copied onto the expense, and its duplicate key.
struct SupplierRow {
    id: Option<i64>,
    name: String,
    tax_country: Option<String>,
    tax_id: Option<String>,
    key: String,
}

fn resolve_supplier(conn: &Connection, s: &Supplier) -> Result<SupplierRow> {
    let (id, name, tax_country, tax_id) = match s {
        Supplier::Company(id) => {
            let c = companies::get(conn, *id).map_err(|e| match e {
                CrmError::NotFound { .. } => InvoicingError::not_found("company", *id),
                other => other.into(),
            })?;
            if !c.roles.supplier {
                return Err(InvoicingError::Refused(format!(
                    "company {id} ({}) is not marked as a supplier; add the supplier role to it first",
                    c.name
                )));
            }
            (Some(*id), c.name, c.tax_country, c.tax_id)
        }
        Supplier::Named {
            name,
            tax_country,
            tax_id,
        } => {
            let name = valid::required(name, "supplier_name", valid::MAX_SHORT_TEXT)?;
            let t = tax_id
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| taxid::check(tax_country.as_deref(), t))
                .transpose()
                .map_err(supplier_field)?;
            match t {
                Some(t) => (None, name, Some(t.country), Some(t.id)),
                None => (None, name, None, None),
            }
        }
    };
    let key = match (&tax_id, id) {
        (Some(t), _) => format!(
            "t:{}{t}",
            tax_country.as_deref().unwrap_or("ES").to_ascii_uppercase()
        ),
        (None, Some(id)) => format!("c:{id}"),
        (None, None) => format!("n:{}", fold(&name)),
    };
    Ok(SupplierRow {
        id,
        name,
        tax_country,
        tax_id,
        key,
    })
}

/// The figures of a bill: per-rate rows and totals, by `calc::compute`.
fn figures(
    currency: Currency,
    bases: &[BaseInput],
    withholding: Option<Dec>,
) -> Result<calc::Totals> {
    if bases.is_empty() {
        return Err(InvoicingError::invalid(
            "bases",
            "a bill needs at least one base with its tax rate",
        ));
    }
    let mut lines = Vec::with_capacity(bases.len());
    for (i, b) in bases.iter().enumerate() {
        if b.base == 0 {
            return Err(InvoicingError::invalid(
                "base",
                format!("base {}: a base of zero records nothing", i + 1),
            ));
        }
        let price = Dec::new(i128::from(b.base.unsigned_abs()), currency.exponent())
            .ok_or(InvoicingError::Overflow { field: "base" })?;
        lines.push(Line {
            quantity: Dec::int(if b.base < 0 { -1 } else { 1 }),
            unit_price: price,
            discount: calc::Discount::None,
            tax: b.tax.clone(),
        });
    }
    // A supplier's credit note carries negative bases: computed like one of ours.
    calc::compute(
        DocKind::CreditNote,
        currency,
        &lines,
        withholding.map(|percent| Withholding { percent }),
    )
    .map_err(|e| match e {
        InvoicingError::Invalid { field, message } => InvoicingError::Invalid {
            field,
            message: message.replacen("line ", "base ", 1),
        },
        other => other,
    })
}

struct Checked {
    supplier: SupplierRow,
    date: String,
    number: String,
    currency: Currency,
    totals: calc::Totals,
    withholding: Option<Dec>,
    category: Option<String>,
    paid_on: Option<String>,
    notes: Option<String>,
}

fn check(conn: &Connection, input: ExpenseInput) -> Result<Checked> {
    let supplier = resolve_supplier(conn, &input.supplier)?;
    let date = valid::format_date(valid::date(&input.date, "date")?);
    let number = valid::required(&input.number, "number", 60)?;
    let currency = Currency::parse(&input.currency, "currency")?;
    let totals = figures(currency, &input.bases, input.withholding)?;
    Ok(Checked {
        supplier,
        date,
        number,
        currency,
        totals,
        withholding: input.withholding,
        category: valid::optional(input.category, "category", 60)?,
        paid_on: valid::optional_date(input.paid_on, "paid_on")?,
        notes: valid::optional(input.notes, "notes", 4000)?,
    })
}

/// Refuses a second record of the same supplier's bill number.
fn check_duplicate(conn: &Connection, c: &Checked, except: Option<i64>) -> Result<()> {
    let other: Option<i64> = conn
        .query_row(
            "SELECT id FROM expense WHERE supplier_key = ?1 AND number = ?2 AND id IS NOT ?3",
            params![c.supplier.key, c.number, except],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(o) => Err(InvoicingError::Refused(format!(
            "bill {} from {} is already recorded as expense {o}",
            c.number, c.supplier.name
        ))),
        None => Ok(()),
    }
}

fn write_rates(conn: &Connection, id: i64, totals: &calc::Totals) -> Result<()> {
    conn.execute("DELETE FROM expense_tax WHERE expense_id = ?1", [id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO expense_tax (expense_id, position, tax_category, tax_percent, tax_surcharge,
             exemption_reason, base, tax, surcharge)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, r) in totals.rates.iter().enumerate() {
        let (cat, pct, sur, reason) = rate_columns(&r.rate);
        stmt.execute(params![
            id,
            i64::try_from(i).unwrap_or(i64::MAX),
            cat,
            pct,
            sur,
            reason,
            r.base,
            r.tax,
            r.surcharge
        ])?;
    }
    Ok(())
}

/// Records a bill; returns its id. Refuses a supplier company without the supplier role and a bill number
/// already recorded for the same supplier.
pub fn insert(conn: &Connection, input: ExpenseInput, at: &str) -> Result<i64> {
    let c = check(conn, input)?;
    check_duplicate(conn, &c, None)?;
    let t = &c.totals;
    conn.execute(
        "INSERT INTO expense (supplier_id, supplier_name, supplier_key, supplier_tax_country, supplier_tax_id,
             bill_date, number, currency, category, withholding_percent, net, tax, surcharge, withholding, total,
             paid_on, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
        params![
            c.supplier.id,
            c.supplier.name,
            c.supplier.key,
            c.supplier.tax_country,
            c.supplier.tax_id,
            c.date,
            c.number,
            c.currency.code(),
            c.category,
            c.withholding.map(|w| w.to_string()),
            t.net,
            t.tax,
            t.surcharge,
            t.withholding,
            t.total,
            c.paid_on,
            c.notes,
            at
        ],
    )?;
    let id = conn.last_insert_rowid();
    write_rates(conn, id, t)?;
    Ok(id)
}

fn exists(conn: &Connection, id: i64) -> Result<()> {
    let found: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM expense WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(InvoicingError::not_found("expense", id))
    }
}

/// Replaces everything about a bill but its document.
pub fn update(conn: &Connection, id: i64, input: ExpenseInput, at: &str) -> Result<()> {
    exists(conn, id)?;
    let c = check(conn, input)?;
    check_duplicate(conn, &c, Some(id))?;
    let t = &c.totals;
    conn.execute(
        "UPDATE expense SET supplier_id = ?2, supplier_name = ?3, supplier_key = ?4, supplier_tax_country = ?5,
             supplier_tax_id = ?6, bill_date = ?7, number = ?8, currency = ?9, category = ?10,
             withholding_percent = ?11, net = ?12, tax = ?13, surcharge = ?14, withholding = ?15, total = ?16,
             paid_on = ?17, notes = ?18, updated_at = ?19
         WHERE id = ?1",
        params![
            id,
            c.supplier.id,
            c.supplier.name,
            c.supplier.key,
            c.supplier.tax_country,
            c.supplier.tax_id,
            c.date,
            c.number,
            c.currency.code(),
            c.category,
            c.withholding.map(|w| w.to_string()),
            t.net,
            t.tax,
            t.surcharge,
            t.withholding,
            t.total,
            c.paid_on,
            c.notes,
            at
        ],
    )?;
    write_rates(conn, id, t)
}

/// Marks a bill paid on `paid_on`, or unpaid with `None`.
pub fn set_paid(conn: &Connection, id: i64, paid_on: Option<&str>, at: &str) -> Result<()> {
    let paid_on = paid_on
        .map(|d| valid::date(d, "date").map(valid::format_date))
        .transpose()?;
    let n = conn.execute(
        "UPDATE expense SET paid_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, paid_on, at],
    )?;
    if n == 0 {
        return Err(InvoicingError::not_found("expense", id));
    }
    Ok(())
}

/// Deletes a bill, its tax rows and its document (overwritten on disk: the vault runs `secure_delete`).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("DELETE FROM expense_document WHERE expense_id = ?1", [id])?;
    conn.execute("DELETE FROM expense_tax WHERE expense_id = ?1", [id])?;
    let n = conn.execute("DELETE FROM expense WHERE id = ?1", [id])?;
    if n == 0 {
        return Err(InvoicingError::not_found("expense", id));
    }
    Ok(())
}

fn read_rates(conn: &Connection, id: i64) -> Result<Vec<RateRow>> {
    type Raw = (
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
        i64,
        i64,
    );
    let raw: Vec<Raw> = conn
        .prepare_cached(
            "SELECT tax_category, tax_percent, tax_surcharge, exemption_reason, base, tax, surcharge
             FROM expense_tax WHERE expense_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    raw.into_iter()
        .map(|(cat, pct, sur, reason, base, tax, surcharge)| {
            Ok(RateRow {
                tax: rate_from(&cat, &pct, sur.as_deref(), reason)?,
                base,
                tax_amount: tax,
                surcharge_amount: surcharge,
            })
        })
        .collect()
}

fn mime_str(m: &str) -> &'static str {
    match m {
        "image/jpeg" => "image/jpeg",
        "image/png" => "image/png",
        _ => "application/pdf",
    }
}

fn document_info(conn: &Connection, id: i64) -> Result<Option<DocumentInfo>> {
    Ok(conn
        .prepare_cached("SELECT mime, file_name, size FROM expense_document WHERE expense_id = ?1")?
        .query_row([id], |r| {
            Ok(DocumentInfo {
                mime: mime_str(&r.get::<_, String>(0)?),
                file_name: r.get(1)?,
                size: r.get(2)?,
            })
        })
        .optional()?)
}

/// One bill with its rate rows and what is known of its document.
pub fn get(conn: &Connection, id: i64) -> Result<Expense> {
    type Head = (
        Option<i64>,
        String,
        Option<String>,
        Option<String>,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        [i64; 5],
        Option<String>,
        Option<String>,
        (String, String),
    );
    let head: Option<Head> = conn
        .query_row(
            "SELECT supplier_id, supplier_name, supplier_tax_country, supplier_tax_id, bill_date, number, currency,
                    category, withholding_percent, net, tax, surcharge, withholding, total, paid_on, notes,
                    created_at, updated_at
             FROM expense WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    [r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?],
                    r.get(14)?,
                    r.get(15)?,
                    (r.get(16)?, r.get(17)?),
                ))
            },
        )
        .optional()?;
    let Some((
        supplier_id,
        supplier_name,
        supplier_tax_country,
        supplier_tax_id,
        date,
        number,
        currency,
        category,
        wh,
        [net, tax, surcharge, withholding, total],
        paid_on,
        notes,
        (created_at, updated_at),
    )) = head
    else {
        return Err(InvoicingError::not_found("expense", id));
    };
    Ok(Expense {
        id,
        supplier_id,
        supplier_name,
        supplier_tax_country,
        supplier_tax_id,
        date,
        number,
        currency: Currency::parse(&currency, "currency")?,
        category,
        withholding_percent: wh
            .as_deref()
            .map(|w| Dec::parse(w, "withholding"))
            .transpose()?,
        rates: read_rates(conn, id)?,
        net,
        tax,
        surcharge,
        withholding,
        total,
        paid_on,
        notes,
        document: document_info(conn, id)?,
        created_at,
        updated_at,
    })
}

fn read_summary(r: &Row<'_>) -> rusqlite::Result<Summary> {
    Ok(Summary {
        id: r.get(0)?,
        date: r.get(1)?,
        supplier_id: r.get(2)?,
        supplier_name: r.get(3)?,
        number: r.get(4)?,
        category: r.get(5)?,
        currency: r.get(6)?,
        net: r.get(7)?,
        total: r.get(8)?,
        paid_on: r.get(9)?,
        has_document: r.get(10)?,
    })
}

/// A page of bills, newest bill date first (ties: newest id first), keyset-paged over `(bill_date, id)`.
pub fn list(
    conn: &Connection,
    filter: &Filter,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Summary>> {
    let limit = paging::clamp(limit);
    let (after_date, after_id) = match cursor {
        Some(c) => {
            let (d, id) = paging::decode(c)?;
            (Some(d), id)
        }
        None => (None, 0),
    };
    let from = valid::optional_date(filter.from.clone(), "from")?;
    let to = valid::optional_date(filter.to.clone(), "to")?;
    if let (Some(f), Some(t)) = (&from, &to)
        && f > t
    {
        return Err(InvoicingError::invalid(
            "to",
            "the range ends before it starts",
        ));
    }
    // Only the filters given become conditions, so the planner can seek the index that fits: the supplier's
    // `(supplier_id, bill_date, id)`, the unpaid partial index, or `(bill_date, id)`.
    let mut conds = String::new();
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut cond = |sql: &str, v: rusqlite::types::Value| {
        args.push(v);
        conds.push_str(&sql.replace("?_", &format!("?{}", args.len())));
    };
    if let Some(d) = after_date {
        cond(" AND (e.bill_date < ?_", d.clone().into());
        cond(" OR (e.bill_date = ?_", d.into());
        cond(" AND e.id < ?_))", after_id.into());
    }
    if let Some(f) = from {
        cond(" AND e.bill_date >= ?_", f.into());
    }
    if let Some(t) = to {
        cond(" AND e.bill_date <= ?_", t.into());
    }
    if let Some(s) = filter.supplier_id {
        cond(" AND e.supplier_id = ?_", s.into());
    }
    match filter.paid {
        Some(true) => conds.push_str(" AND e.paid_on IS NOT NULL"),
        Some(false) => conds.push_str(" AND e.paid_on IS NULL"),
        None => {}
    }
    args.push((i64::from(limit) + 1).into());
    let sql = format!(
        "SELECT e.id, e.bill_date, e.supplier_id, e.supplier_name, e.number, e.category, e.currency, e.net,
                e.total, e.paid_on, EXISTS (SELECT 1 FROM expense_document d WHERE d.expense_id = e.id)
         FROM expense e WHERE 1 {conds}
         ORDER BY e.bill_date DESC, e.id DESC LIMIT ?{}",
        args.len()
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(args), read_summary)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(paging::finish(rows, limit, |s| (s.date.clone(), s.id)))
}

/// Checks a document's kind by its first bytes: PDF (`%PDF-`), JPEG or PNG.
fn sniff(bytes: &[u8]) -> Result<&'static str> {
    if bytes.is_empty() {
        return Err(InvoicingError::invalid("document", "the file is empty"));
    }
    if bytes.len() > MAX_DOCUMENT {
        return Err(InvoicingError::invalid(
            "document",
            format!(
                "the file has {} bytes; a bill's document is at most 20 MiB",
                bytes.len()
            ),
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        Ok("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else {
        Err(InvoicingError::invalid(
            "document",
            "the file is not a PDF, JPEG or PNG (a PDF starts with %PDF-)",
        ))
    }
}

/// Keeps the bill's document (PDF, JPEG or PNG, at most 20 MiB) with the expense, replacing any earlier one.
pub fn attach(
    conn: &Connection,
    id: i64,
    bytes: &[u8],
    file_name: Option<String>,
    at: &str,
) -> Result<DocumentInfo> {
    exists(conn, id)?;
    let mime = sniff(bytes)?;
    let file_name = valid::optional(file_name, "file_name", 255)?;
    let size =
        u32::try_from(bytes.len()).map_err(|_| InvoicingError::Overflow { field: "document" })?;
    conn.execute(
        "INSERT INTO expense_document (expense_id, mime, file_name, size, bytes, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (expense_id) DO UPDATE SET mime = ?2, file_name = ?3, size = ?4, bytes = ?5, added_at = ?6",
        params![id, mime, file_name, size, bytes, at],
    )?;
    conn.execute(
        "UPDATE expense SET updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(DocumentInfo {
        mime,
        file_name,
        size,
    })
}

/// Removes the bill's document; refused when there is none.
pub fn detach(conn: &Connection, id: i64, at: &str) -> Result<()> {
    exists(conn, id)?;
    let n = conn.execute("DELETE FROM expense_document WHERE expense_id = ?1", [id])?;
    if n == 0 {
        return Err(InvoicingError::Refused(format!(
            "expense {id} has no document"
        )));
    }
    conn.execute(
        "UPDATE expense SET updated_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

/// The bill's document, if one is kept.
pub fn document(conn: &Connection, id: i64) -> Result<Option<Document>> {
    exists(conn, id)?;
    let row: Option<(String, Option<String>, u32, Vec<u8>)> = conn
        .query_row(
            "SELECT mime, file_name, size, bytes FROM expense_document WHERE expense_id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(row.map(|(mime, file_name, size, bytes)| Document {
        info: DocumentInfo {
            mime: mime_str(&mime),
            file_name,
            size,
        },
        bytes,
    }))
}
