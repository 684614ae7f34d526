//! Invoices and credit notes in the vault: drafts (freely edited), issue (a gap-free number from the series in
//! date order, the seller and buyer snapshot, totals and the chain hash, all in one transaction), payments,
//! full or partial credit notes, and the status derived from those facts (never stored as a free field).
//!
//! Callers run [`issue`] inside an IMMEDIATE transaction (as `sigilo-api`'s writes do) so that two
//! processes issuing at once queue on the write lock and get consecutive numbers.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;
use sigilo_crm::money::Currency;
use sigilo_crm::paging::{self, Page};
use sigilo_crm::{companies, contacts, valid};

use crate::calc::{self, Discount, DocKind, Line, Totals, Withholding};
use crate::chain;
use crate::decimal::Dec;
use crate::products::{rate_columns, rate_from};
use crate::profile;
use crate::tax::{TaxCategory, TaxRate};
use crate::{InvoicingError, Result, guarded};

/// One line as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    pub product_id: Option<i64>,
    pub description: String,
    pub quantity: Dec,
    pub unit: Option<String>,
    pub unit_price: Dec,
    pub discount: Discount,
    pub tax: TaxRate,
}

/// A draft invoice or credit note as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftInput {
    pub kind: DocKind,
    /// The series code ("F2026-"); `None` takes the kind's default series (created on first use).
    pub series: Option<String>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    /// Issue date to use when issuing (default: the day it is issued).
    pub issue_date: Option<String>,
    /// Due date (default: issue date + the company's payment days, or the issue date).
    pub due_date: Option<String>,
    pub currency: String,
    /// "es" or "en": the language the invoice is printed in.
    pub language: String,
    /// Withholding percent (Spain's IRPF), if any.
    pub withholding: Option<Dec>,
    pub notes: Option<String>,
    /// For a credit note: the issued invoice it corrects.
    pub corrects: Option<i64>,
    pub correction_reason: Option<String>,
    pub lines: Vec<LineInput>,
}

/// A numbering series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub id: i64,
    pub code: String,
    pub kind: DocKind,
    pub next_number: i64,
    pub digits: u8,
    pub last_date: Option<String>,
}

/// The status derived from the stored facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Issued,
    PartiallyPaid,
    Paid,
    Overdue,
    /// Fully cancelled by credit notes.
    Voided,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Issued => "issued",
            Status::PartiallyPaid => "partially_paid",
            Status::Paid => "paid",
            Status::Overdue => "overdue",
            Status::Voided => "voided",
        }
    }

    pub fn parse(s: &str) -> Result<Status> {
        Ok(match s.trim() {
            "draft" => Status::Draft,
            "issued" => Status::Issued,
            "partially_paid" => Status::PartiallyPaid,
            "paid" => Status::Paid,
            "overdue" => Status::Overdue,
            "voided" => Status::Voided,
            other => {
                return Err(InvoicingError::invalid(
                    "status",
                    format!(
                        "\"{other}\" is not a status: draft, issued, partially_paid, paid, overdue or voided"
                    ),
                ));
            }
        })
    }
}

/// A recorded payment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub id: i64,
    pub amount: i64,
    pub paid_on: String,
    pub method: Option<String>,
    pub note: Option<String>,
}

/// A stored line with its rounded net.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLine {
    pub input: LineInput,
    pub net: i64,
}

/// An invoice or credit note with everything it holds and the figures derived from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub kind: DocKind,
    pub series: String,
    pub number: Option<String>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub currency: Currency,
    pub language: String,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub corrects: Option<i64>,
    pub corrects_number: Option<String>,
    pub correction_reason: Option<String>,
    pub withholding: Option<Dec>,
    pub notes: Option<String>,
    pub lines: Vec<StoredLine>,
    pub totals: Totals,
    /// The buyer as printed (issued only): `(field, value)`, value `None` once erased under legal hold.
    pub buyer: Vec<(String, Option<String>)>,
    /// The seller as printed (issued only), JSON.
    pub seller: Option<String>,
    pub payments: Vec<Payment>,
    pub paid: i64,
    /// Σ totals of issued credit notes correcting this invoice (zero or negative).
    pub credited: i64,
    /// What is still owed: total + credited − paid.
    pub balance: i64,
    pub status: Status,
    pub hash: Option<String>,
    pub issued_at: Option<String>,
}

/// One row of the invoice list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub kind: DocKind,
    pub number: Option<String>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub buyer: Option<String>,
    pub currency: String,
    pub total: i64,
    pub paid: i64,
    pub balance: i64,
    pub status: Status,
}

fn kind_str(k: DocKind) -> &'static str {
    match k {
        DocKind::Invoice => "invoice",
        DocKind::CreditNote => "credit_note",
    }
}

fn kind_from(s: &str) -> DocKind {
    if s == "credit_note" {
        DocKind::CreditNote
    } else {
        DocKind::Invoice
    }
}

pub(crate) fn language(s: &str) -> Result<String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "" | "es" => Ok("es".to_owned()),
        "en" => Ok("en".to_owned()),
        other => Err(InvoicingError::invalid(
            "language",
            format!("\"{other}\" is not es or en"),
        )),
    }
}

// ----- series -----

/// Creates a numbering series that starts at `start` (a business moving from another tool continues its
/// numbering) with numbers zero-padded to `digits`.
pub fn series_add(
    conn: &Connection,
    code: &str,
    kind: DocKind,
    start: i64,
    digits: u8,
    at: &str,
) -> Result<i64> {
    let code = valid::required(code, "series", 20)?;
    if code.chars().any(char::is_whitespace) {
        return Err(InvoicingError::invalid(
            "series",
            "a series code has no spaces, such as F2026-",
        ));
    }
    if start < 1 {
        return Err(InvoicingError::invalid(
            "start",
            "numbering starts at 1 or above",
        ));
    }
    if !(1..=9).contains(&digits) {
        return Err(InvoicingError::invalid("digits", "between 1 and 9 digits"));
    }
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM series WHERE code = ?1)",
        [&code],
        |r| r.get(0),
    )?;
    if exists {
        return Err(InvoicingError::Refused(format!(
            "a series {code} already exists"
        )));
    }
    conn.execute(
        "INSERT INTO series (code, kind, next_number, digits, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![code, kind_str(kind), start, digits, at],
    )?;
    Ok(conn.last_insert_rowid())
}

fn read_series(r: &Row<'_>) -> rusqlite::Result<Series> {
    Ok(Series {
        id: r.get(0)?,
        code: r.get(1)?,
        kind: kind_from(&r.get::<_, String>(2)?),
        next_number: r.get(3)?,
        digits: r.get(4)?,
        last_date: r.get(5)?,
    })
}

/// Every series, by code.
pub fn series_list(conn: &Connection) -> Result<Vec<Series>> {
    let mut stmt = conn.prepare(
        "SELECT id, code, kind, next_number, digits, last_date FROM series ORDER BY code",
    )?;
    Ok(stmt
        .query_map([], read_series)?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn series_by_code(conn: &Connection, code: &str) -> Result<Option<Series>> {
    Ok(conn
        .query_row(
            "SELECT id, code, kind, next_number, digits, last_date FROM series WHERE code = ?1",
            [code.trim()],
            read_series,
        )
        .optional()?)
}

/// The series a draft goes to: the one named, else the kind's oldest series, else a new "F{year}-" or
/// "R{year}-" series starting at 1.
fn resolve_series(
    conn: &Connection,
    code: Option<&str>,
    kind: DocKind,
    today: &str,
    at: &str,
) -> Result<i64> {
    if let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) {
        let s = series_by_code(conn, code)?.ok_or_else(|| {
            InvoicingError::invalid("series", format!("there is no series {code}"))
        })?;
        if s.kind != kind {
            return Err(InvoicingError::invalid(
                "series",
                format!(
                    "series {code} numbers {}s",
                    kind_str(s.kind).replace('_', " ")
                ),
            ));
        }
        return Ok(s.id);
    }
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM series WHERE kind = ?1 ORDER BY id LIMIT 1",
            [kind_str(kind)],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => Ok(id),
        None => {
            let year = today.get(..4).unwrap_or("2026");
            let prefix = if kind == DocKind::Invoice { "F" } else { "R" };
            series_add(conn, &format!("{prefix}{year}-"), kind, 1, 4, at)
        }
    }
}

// ----- drafts -----

pub(crate) fn to_line(l: &LineInput) -> Line {
    Line {
        quantity: l.quantity,
        unit_price: l.unit_price,
        discount: l.discount,
        tax: l.tax.clone(),
    }
}

pub(crate) fn checked(input: &DraftInput) -> Result<(Currency, Totals, String)> {
    let currency = Currency::parse(&input.currency, "currency")?;
    let lang = language(&input.language)?;
    if input.lines.is_empty() {
        return Err(InvoicingError::invalid(
            "lines",
            "an invoice needs at least one line",
        ));
    }
    for (i, l) in input.lines.iter().enumerate() {
        if l.description.trim().is_empty() {
            return Err(InvoicingError::invalid(
                "description",
                format!("line {}: describe what is invoiced", i + 1),
            ));
        }
    }
    let lines: Vec<Line> = input.lines.iter().map(to_line).collect();
    let totals = calc::compute(
        input.kind,
        currency,
        &lines,
        input.withholding.map(|percent| Withholding { percent }),
    )?;
    if input.kind == DocKind::CreditNote && input.corrects.is_none() {
        return Err(InvoicingError::invalid(
            "corrects",
            "a credit note refers to the invoice it corrects",
        ));
    }
    if input.kind == DocKind::Invoice && input.corrects.is_some() {
        return Err(InvoicingError::invalid(
            "corrects",
            "only a credit note corrects an invoice",
        ));
    }
    valid::optional_date(input.issue_date.clone(), "issue_date")?;
    valid::optional_date(input.due_date.clone(), "due_date")?;
    Ok((currency, totals, lang))
}

/// The tables that hold lines of the same shape: an invoice's, a quote's, a recurring template's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineTable {
    Invoice,
    Quote,
    Recurring,
}

impl LineTable {
    /// (table, owner column): fixed names, never user input.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            LineTable::Invoice => ("invoice_line", "invoice_id"),
            LineTable::Quote => ("quote_line", "quote_id"),
            LineTable::Recurring => ("recurring_line", "recurring_id"),
        }
    }
}

fn write_lines(conn: &Connection, id: i64, input: &DraftInput, totals: &Totals) -> Result<()> {
    write_lines_to(conn, LineTable::Invoice, id, &input.lines, totals)
}

/// Replaces the lines of `owner` in `table` with `lines` and their computed nets.
pub(crate) fn write_lines_to(
    conn: &Connection,
    table: LineTable,
    owner: i64,
    lines: &[LineInput],
    totals: &Totals,
) -> Result<()> {
    let (t, col) = table.names();
    conn.execute(&format!("DELETE FROM {t} WHERE {col} = ?1"), [owner])
        .map_err(guarded)?;
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO {t} ({col}, position, product_id, description, quantity, unit, unit_price,
             discount_kind, discount, tax_category, tax_percent, tax_surcharge, exemption_reason, net)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
    ))?;
    let id = owner;
    for (i, (l, n)) in lines.iter().zip(&totals.lines).enumerate() {
        let (dk, dv) = match l.discount {
            Discount::None => ("none", None),
            Discount::Percent(p) => ("percent", Some(p.to_string())),
            Discount::Amount(a) => ("amount", Some(a.to_string())),
        };
        let (cat, pct, sur, reason) = rate_columns(&l.tax);
        stmt.execute(params![
            id,
            i64::try_from(i).unwrap_or(i64::MAX),
            l.product_id,
            l.description.trim(),
            l.quantity.to_string(),
            l.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()),
            l.unit_price.to_string(),
            dk,
            dv,
            cat,
            pct,
            sur,
            reason,
            n.net
        ])
        .map_err(guarded)?;
    }
    Ok(())
}

/// Saves a new draft; its figures are computed (and refused when a line is wrong) but nothing is numbered.
pub fn create_draft(conn: &Connection, input: DraftInput, today: &str, at: &str) -> Result<i64> {
    let (currency, totals, lang) = checked(&input)?;
    check_correction(conn, &input, currency)?;
    let series = resolve_series(conn, input.series.as_deref(), input.kind, today, at)?;
    conn.execute(
        "INSERT INTO invoice (kind, series_id, currency, language, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![kind_str(input.kind), series, currency.code(), lang, at],
    )?;
    let id = conn.last_insert_rowid();
    write_draft(conn, id, &input, series, currency, &lang, &totals, at)?;
    Ok(id)
}

/// Replaces a draft's content. An issued invoice is refused (and the database refuses it too).
pub fn update_draft(
    conn: &Connection,
    id: i64,
    input: DraftInput,
    today: &str,
    at: &str,
) -> Result<()> {
    refuse_if_issued(conn, id, "changed")?;
    let (currency, totals, lang) = checked(&input)?;
    check_correction(conn, &input, currency)?;
    let series = resolve_series(conn, input.series.as_deref(), input.kind, today, at)?;
    write_draft(conn, id, &input, series, currency, &lang, &totals, at)
}

/// Writes a checked draft's fields, figures and lines into row `id`.
#[allow(clippy::too_many_arguments)]
fn write_draft(
    conn: &Connection,
    id: i64,
    input: &DraftInput,
    series: i64,
    currency: Currency,
    lang: &str,
    totals: &Totals,
    at: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE invoice SET kind = ?2, series_id = ?3, issue_date = ?4, due_date = ?5, currency = ?6, language = ?7,
             company_id = ?8, contact_id = ?9, corrects_id = ?10, correction_reason = ?11, withholding_percent = ?12,
             notes = ?13, net = ?14, tax = ?15, surcharge = ?16, withholding = ?17, total = ?18, updated_at = ?19
         WHERE id = ?1",
        params![
            id,
            kind_str(input.kind),
            series,
            input.issue_date,
            input.due_date,
            currency.code(),
            lang,
            input.company_id,
            input.contact_id,
            input.corrects,
            valid::optional(input.correction_reason.clone(), "correction_reason", 500)?,
            input.withholding.map(|w| w.to_string()),
            valid::optional(input.notes.clone(), "notes", 4000)?,
            totals.net,
            totals.tax,
            totals.surcharge,
            totals.withholding,
            totals.total,
            at
        ],
    )
    .map_err(guarded)?;
    write_lines(conn, id, input, totals)
}

/// Deletes a draft. An issued invoice is refused: it can only be corrected by a credit note.
pub fn delete_draft(conn: &Connection, id: i64) -> Result<()> {
    refuse_if_issued(conn, id, "deleted")?;
    conn.execute("DELETE FROM invoice WHERE id = ?1", [id])
        .map_err(guarded)?;
    Ok(())
}

fn refuse_if_issued(conn: &Connection, id: i64, what: &str) -> Result<()> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT issued_at, full_number FROM invoice WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(InvoicingError::not_found("invoice", id)),
        Some((Some(_), number)) => Err(InvoicingError::Refused(format!(
            "invoice {} is issued and cannot be {what}; issue a credit note instead",
            number.unwrap_or_default()
        ))),
        Some((None, _)) => Ok(()),
    }
}

/// A credit note must correct an issued invoice (not a credit note) in the same currency.
fn check_correction(conn: &Connection, input: &DraftInput, currency: Currency) -> Result<()> {
    let Some(orig) = input.corrects else {
        return Ok(());
    };
    let row: Option<(String, Option<String>, String)> = conn
        .query_row(
            "SELECT kind, issued_at, currency FROM invoice WHERE id = ?1",
            [orig],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match row {
        None => Err(InvoicingError::invalid(
            "corrects",
            format!("there is no invoice with id {orig}"),
        )),
        Some((kind, _, _)) if kind != "invoice" => Err(InvoicingError::invalid(
            "corrects",
            "a credit note corrects an invoice, not another credit note",
        )),
        Some((_, None, _)) => Err(InvoicingError::invalid(
            "corrects",
            "only an issued invoice can be corrected; edit the draft instead",
        )),
        Some((_, _, c)) if c != currency.code() => Err(InvoicingError::invalid(
            "currency",
            format!("the credit note must be in {c}, like the invoice"),
        )),
        Some(_) => Ok(()),
    }
}

/// A draft credit note that cancels the whole of an issued invoice: its lines with quantities negated.
pub fn credit_full(
    conn: &Connection,
    original: i64,
    reason: Option<String>,
    today: &str,
    at: &str,
) -> Result<i64> {
    let doc = get(conn, original, today)?;
    if doc.kind != DocKind::Invoice || doc.issued_at.is_none() {
        return Err(InvoicingError::Refused(
            "only an issued invoice can be credited".to_owned(),
        ));
    }
    if doc.credited != 0 {
        return Err(InvoicingError::Refused(format!(
            "invoice {} already has credit notes; write a partial credit note for what remains",
            doc.number.unwrap_or_default()
        )));
    }
    let lines = doc
        .lines
        .into_iter()
        .map(|l| {
            let q = l.input.quantity;
            LineInput {
                quantity: Dec::new(-q.mantissa(), q.scale()).unwrap_or(q),
                ..l.input
            }
        })
        .collect();
    create_draft(
        conn,
        DraftInput {
            kind: DocKind::CreditNote,
            series: None,
            company_id: doc.company_id,
            contact_id: doc.contact_id,
            issue_date: None,
            due_date: None,
            currency: doc.currency.code().to_owned(),
            language: doc.language,
            withholding: doc.withholding,
            notes: None,
            corrects: Some(original),
            correction_reason: reason,
            lines,
        },
        today,
        at,
    )
}

// ----- issue -----

/// The buyer's printed fields from the CRM: company and/or contact.
fn buyer_fields(
    conn: &Connection,
    company: Option<i64>,
    contact: Option<i64>,
) -> Result<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    if let Some(id) = company {
        let c = companies::get(conn, id)?;
        out.push(("name", c.name));
        if let Some(t) = c.tax_id {
            out.push(("tax_id", t));
        }
        if let Some(tc) = c.tax_country {
            out.push(("tax_country", tc));
        }
        if let Some(a) = c.addresses.first() {
            out.push(("address", a.one_line()));
        }
    }
    if let Some(id) = contact {
        let p = contacts::get_full(conn, id)?;
        if company.is_none() {
            out.push(("name", p.name));
            if let Some(a) = p.addresses.first() {
                out.push(("address", a.one_line()));
            }
        } else {
            out.push(("attention", p.name));
        }
        if let Some(e) = p.emails.first() {
            out.push(("email", e.value.clone()));
        }
    }
    Ok(out)
}

/// Issues draft `id`: checks the profile and buyer, takes the series' next number (in date order), snapshots
/// seller and buyer, fixes the totals and links the record into the hash chain. Returns the full number.
/// Run it inside an IMMEDIATE transaction.
pub fn issue(conn: &Connection, id: i64, today: &str, at: &str) -> Result<String> {
    refuse_if_issued(conn, id, "issued again")?;
    let doc = get(conn, id, today)?;
    let profile = profile::get(conn)?;
    let missing = profile::missing_for_issue(&profile);
    if !missing.is_empty() {
        return Err(InvoicingError::Refused(format!(
            "complete the business profile before issuing; missing: {}",
            missing.join(", ")
        )));
    }
    if doc.company_id.is_none() && doc.contact_id.is_none() {
        return Err(InvoicingError::Refused(
            "choose the customer (a company or a contact) before issuing".to_owned(),
        ));
    }
    let buyer = buyer_fields(conn, doc.company_id, doc.contact_id)?;
    let has_tax_id = buyer.iter().any(|(f, _)| *f == "tax_id");
    let needs_tax_id = doc.company_id.is_some()
        || doc.lines.iter().any(|l| {
            matches!(
                l.input.tax.category,
                TaxCategory::ReverseCharge | TaxCategory::IntraCommunity
            )
        });
    if needs_tax_id && !has_tax_id {
        return Err(InvoicingError::Refused(
            "the customer's tax id is required on this invoice; add it to the company first"
                .to_owned(),
        ));
    }
    // Credit notes: never credit more than what the invoice still stands for.
    if let Some(orig) = doc.corrects {
        let o = get(conn, orig, today)?;
        if o.issued_at.is_none() {
            return Err(InvoicingError::Refused(
                "the corrected invoice is not issued".to_owned(),
            ));
        }
        if doc
            .totals
            .total
            .checked_add(o.total_plus_credited())
            .is_none_or(|left| left < 0)
        {
            return Err(InvoicingError::Refused(format!(
                "the credit note is larger than what invoice {} still stands for",
                o.number.unwrap_or_default()
            )));
        }
    }
    let series: Series = conn.query_row(
        "SELECT s.id, s.code, s.kind, s.next_number, s.digits, s.last_date
         FROM series s JOIN invoice i ON i.series_id = s.id WHERE i.id = ?1",
        [id],
        read_series,
    )?;
    let issue_date = valid::optional_date(doc.issue_date.clone(), "issue_date")?
        .unwrap_or_else(|| today.to_owned());
    if issue_date.as_str() > today {
        return Err(InvoicingError::invalid(
            "issue_date",
            "an invoice cannot be issued with a future date",
        ));
    }
    if let Some(last) = &series.last_date
        && issue_date < *last
    {
        return Err(InvoicingError::Refused(format!(
            "series {} has an invoice dated {last}; numbers follow dates, so this one cannot be dated {issue_date}",
            series.code
        )));
    }
    let due_date = match doc.due_date.clone() {
        Some(d) => d,
        None => {
            let days = match doc.company_id {
                Some(c) => companies::get(conn, c)?.payment_days.unwrap_or(0),
                None => 0,
            };
            conn.query_row(
                "SELECT date(?1, '+' || ?2 || ' days')",
                params![issue_date, days],
                |r| r.get(0),
            )?
        }
    };
    if due_date < issue_date {
        return Err(InvoicingError::invalid(
            "due_date",
            "the due date cannot be before the issue date",
        ));
    }
    let number = series.next_number;
    let full_number = format!(
        "{}{:0width$}",
        series.code,
        number,
        width = usize::from(series.digits)
    );
    let seller = json!({
        "legal_name": profile.legal_name,
        "tax_country": profile.tax_country,
        "tax_id": profile.tax_id,
        "street": profile.street,
        "postal_code": profile.postal_code,
        "city": profile.city,
        "region": profile.region,
        "country": profile.country,
        "email": profile.email,
        "phone": profile.phone,
        "iban": profile.iban,
        "footer": profile.footer,
    })
    .to_string();
    conn.execute(
        "UPDATE series SET next_number = next_number + 1, last_date = ?2 WHERE id = ?1",
        params![series.id, issue_date],
    )
    .map_err(guarded)?;
    conn.execute(
        "UPDATE invoice SET full_number = ?2, issue_date = ?3, due_date = ?4, seller = ?5, updated_at = ?6
         WHERE id = ?1",
        params![id, full_number, issue_date, due_date, seller, at],
    )?;
    conn.execute("DELETE FROM invoice_buyer WHERE invoice_id = ?1", [id])?;
    for (field, value) in buyer {
        let salt = chain::new_salt()?;
        let commit = chain::commitment(&salt, &value);
        conn.execute(
            "INSERT INTO invoice_buyer (invoice_id, field, value, salt, commitment) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, field, value, salt, commit],
        )?;
    }
    let (seq, prev, hash) = chain::next_link(conn, id)?;
    conn.execute(
        "UPDATE invoice SET number = ?2, issued_at = ?3, chain_seq = ?4, prev_hash = ?5, hash = ?6 WHERE id = ?1",
        params![id, number, at, seq, prev, hash],
    )?;
    refresh_open(conn, doc.corrects.unwrap_or(id))?;
    Ok(full_number)
}

// ----- the open set -----

/// Puts invoice `id` into or out of `open_invoice` by its balance now (issued invoices only). Called in the same
/// transaction as every fact that moves a balance: issue, payment, a credit note's issue.
pub fn refresh_open(conn: &Connection, id: i64) -> Result<()> {
    let balance: Option<i64> = conn
        .query_row(
            "SELECT i.total
                    + COALESCE((SELECT SUM(c.total) FROM invoice c
                                WHERE c.corrects_id = i.id AND c.issued_at IS NOT NULL), 0)
                    - COALESCE((SELECT SUM(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0)
             FROM invoice i WHERE i.id = ?1 AND i.kind = 'invoice' AND i.issued_at IS NOT NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if balance.is_some_and(|b| b > 0) {
        conn.execute(
            "INSERT OR IGNORE INTO open_invoice (invoice_id) VALUES (?1)",
            [id],
        )?;
    } else {
        conn.execute("DELETE FROM open_invoice WHERE invoice_id = ?1", [id])?;
    }
    Ok(())
}

// ----- payments -----

/// Records a payment (in minor units; negative to reverse a mistaken one) on an issued invoice.
pub fn pay(
    conn: &Connection,
    id: i64,
    amount: i64,
    paid_on: &str,
    method: Option<String>,
    note: Option<String>,
    at: &str,
) -> Result<i64> {
    let row: Option<(Option<String>, String, Option<String>)> = conn
        .query_row(
            "SELECT issued_at, kind, issue_date FROM invoice WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((issued, kind, issue_date)) = row else {
        return Err(InvoicingError::not_found("invoice", id));
    };
    if issued.is_none() {
        return Err(InvoicingError::Refused(
            "issue the invoice before recording payments".to_owned(),
        ));
    }
    if kind != "invoice" {
        return Err(InvoicingError::Refused(
            "payments are recorded on invoices, not on credit notes".to_owned(),
        ));
    }
    if amount == 0 {
        return Err(InvoicingError::invalid(
            "amount",
            "a payment of zero records nothing",
        ));
    }
    let paid_on = valid::format_date(valid::date(paid_on, "date")?);
    if issue_date.is_some_and(|d| paid_on < d) {
        return Err(InvoicingError::invalid(
            "date",
            "a payment cannot be dated before the invoice",
        ));
    }
    conn.execute(
        "INSERT INTO payment (invoice_id, amount, paid_on, method, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            amount,
            paid_on,
            valid::optional(method, "method", 40)?,
            valid::optional(note, "note", 500)?,
            at
        ],
    )
    .map_err(guarded)?;
    let payment = conn.last_insert_rowid();
    refresh_open(conn, id)?;
    Ok(payment)
}

// ----- reading -----

/// The status expression over a row of `invoice i` with `paid` and `credited` computed, for `?today`.
const FIGURES: &str = "
    SELECT i.*, s.code AS series_code,
           COALESCE((SELECT SUM(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0) AS paid,
           COALESCE((SELECT SUM(c.total) FROM invoice c WHERE c.corrects_id = i.id AND c.issued_at IS NOT NULL), 0)
               AS credited
    FROM invoice i JOIN series s ON s.id = i.series_id";

const STATUS: &str = "CASE
        WHEN issued_at IS NULL THEN 'draft'
        WHEN kind = 'credit_note' THEN 'issued'
        WHEN total + credited = 0 THEN 'voided'
        WHEN paid >= total + credited THEN 'paid'
        WHEN due_date < :today THEN 'overdue'
        WHEN paid > 0 THEN 'partially_paid'
        ELSE 'issued' END";

impl Document {
    fn total_plus_credited(&self) -> i64 {
        self.totals.total.saturating_add(self.credited)
    }
}

/// An invoice or credit note with its lines, buyer, payments and derived figures, on the local date `today`.
pub fn get(conn: &Connection, id: i64, today: &str) -> Result<Document> {
    let sql = format!("SELECT *, {STATUS} AS status FROM ({FIGURES} WHERE i.id = :id)");
    let head = conn
        .query_row(
            &sql,
            rusqlite::named_params! { ":id": id, ":today": today },
            |r| {
                Ok((
                    r.get::<_, String>("kind")?,
                    r.get::<_, String>("series_code")?,
                    r.get::<_, Option<String>>("full_number")?,
                    r.get::<_, Option<String>>("issue_date")?,
                    r.get::<_, Option<String>>("due_date")?,
                    r.get::<_, String>("currency")?,
                    r.get::<_, String>("language")?,
                    r.get::<_, Option<i64>>("company_id")?,
                    r.get::<_, Option<i64>>("contact_id")?,
                    r.get::<_, Option<i64>>("corrects_id")?,
                    r.get::<_, Option<String>>("correction_reason")?,
                    r.get::<_, Option<String>>("withholding_percent")?,
                    r.get::<_, Option<String>>("notes")?,
                    (
                        r.get::<_, Option<String>>("seller")?,
                        r.get::<_, i64>("paid")?,
                        r.get::<_, i64>("credited")?,
                        r.get::<_, String>("status")?,
                        r.get::<_, Option<String>>("hash")?,
                        r.get::<_, Option<String>>("issued_at")?,
                    ),
                ))
            },
        )
        .optional()?
        .ok_or_else(|| InvoicingError::not_found("invoice", id))?;
    let (
        kind,
        series,
        number,
        issue_date,
        due_date,
        currency,
        language,
        company_id,
        contact_id,
        corrects,
        reason,
        wh,
        notes,
        rest,
    ) = head;
    let (seller, paid, credited, status, hash, issued_at) = rest;
    let kind = kind_from(&kind);
    let currency = Currency::parse(&currency, "currency")?;
    let withholding = wh
        .as_deref()
        .map(|w| Dec::parse(w, "withholding"))
        .transpose()?;
    let lines = read_lines(conn, id)?;
    let calc_lines: Vec<Line> = lines.iter().map(|l| to_line(&l.input)).collect();
    let totals = calc::compute(
        kind,
        currency,
        &calc_lines,
        withholding.map(|percent| Withholding { percent }),
    )?;
    let corrects_number = match corrects {
        Some(o) => conn
            .query_row("SELECT full_number FROM invoice WHERE id = ?1", [o], |r| {
                r.get(0)
            })
            .optional()?
            .flatten(),
        None => None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT field, value FROM invoice_buyer WHERE invoice_id = ?1 ORDER BY field",
    )?;
    let buyer = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, amount, paid_on, method, note FROM payment WHERE invoice_id = ?1 ORDER BY paid_on, id",
    )?;
    let payments = stmt
        .query_map([id], |r| {
            Ok(Payment {
                id: r.get(0)?,
                amount: r.get(1)?,
                paid_on: r.get(2)?,
                method: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let balance = totals.total.saturating_add(credited).saturating_sub(paid);
    Ok(Document {
        id,
        kind,
        series,
        number,
        issue_date,
        due_date,
        currency,
        language,
        company_id,
        contact_id,
        corrects,
        corrects_number,
        correction_reason: reason,
        withholding,
        notes,
        lines,
        totals,
        buyer,
        seller,
        payments,
        paid,
        credited,
        balance,
        status: Status::parse(&status)?,
        hash,
        issued_at,
    })
}

fn read_lines(conn: &Connection, id: i64) -> Result<Vec<StoredLine>> {
    read_lines_from(conn, LineTable::Invoice, id)
}

/// The lines of `owner` in `table`, in order.
pub(crate) fn read_lines_from(
    conn: &Connection,
    table: LineTable,
    id: i64,
) -> Result<Vec<StoredLine>> {
    let (t, col) = table.names();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT product_id, description, quantity, unit, unit_price, discount_kind, discount, tax_category,
                tax_percent, tax_surcharge, exemption_reason, net
         FROM {t} WHERE {col} = ?1 ORDER BY position"
    ))?;
    type Raw = (
        Option<i64>,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
    );
    let raw: Vec<Raw> = stmt
        .query_map([id], |r| {
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
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(
            |(product_id, description, q, unit, p, dk, dv, cat, pct, sur, reason, net)| {
                let dv = dv
                    .as_deref()
                    .map(|d| Dec::parse(d, "discount"))
                    .transpose()?;
                let discount = match (dk.as_str(), dv) {
                    ("percent", Some(d)) => Discount::Percent(d),
                    ("amount", Some(d)) => Discount::Amount(d),
                    _ => Discount::None,
                };
                Ok(StoredLine {
                    input: LineInput {
                        product_id,
                        description,
                        quantity: Dec::parse(&q, "quantity")?,
                        unit,
                        unit_price: Dec::parse(&p, "unit_price")?,
                        discount,
                        tax: rate_from(&cat, &pct, sur.as_deref(), reason)?,
                    },
                    net,
                })
            },
        )
        .collect()
}

/// A page of invoices and credit notes, newest first, only those with `status` when given.
pub fn list(
    conn: &Connection,
    status: Option<Status>,
    today: &str,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Summary>> {
    let limit = paging::clamp(limit);
    let before = match cursor {
        Some(c) => paging::decode(c)?.1,
        None => i64::MAX,
    };
    let sql = format!(
        "SELECT id, kind, full_number, issue_date, due_date, currency, total, paid, credited, status,
                (SELECT value FROM invoice_buyer b WHERE b.invoice_id = f.id AND b.field = 'name') AS buyer_name,
                company_id, contact_id
         FROM (SELECT *, {STATUS} AS status FROM ({FIGURES} WHERE i.id < :before)) f
         WHERE (:status IS NULL OR status = :status)
         ORDER BY id DESC LIMIT :limit"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(
            rusqlite::named_params! {
                ":before": before,
                ":today": today,
                ":status": status.map(Status::as_str),
                ":limit": i64::from(limit) + 1,
            },
            |r| {
                let total: i64 = r.get(6)?;
                let paid: i64 = r.get(7)?;
                let credited: i64 = r.get(8)?;
                let status: String = r.get(9)?;
                Ok((
                    Summary {
                        id: r.get(0)?,
                        kind: kind_from(&r.get::<_, String>(1)?),
                        number: r.get(2)?,
                        issue_date: r.get(3)?,
                        due_date: r.get(4)?,
                        buyer: r.get(10)?,
                        currency: r.get(5)?,
                        total,
                        paid,
                        balance: total.saturating_add(credited).saturating_sub(paid),
                        status: Status::parse(&status).unwrap_or(Status::Issued),
                    },
                    r.get::<_, Option<i64>>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let page = paging::finish(rows, limit, |(s, _, _)| (String::new(), s.id));
    let mut items = Vec::with_capacity(page.items.len());
    for (mut s, company, contact) in page.items {
        if s.buyer.is_none() {
            s.buyer = draft_buyer_name(conn, company, contact)?;
        }
        items.push(s);
    }
    Ok(Page {
        items,
        next_cursor: page.next_cursor,
    })
}

fn draft_buyer_name(
    conn: &Connection,
    company: Option<i64>,
    contact: Option<i64>,
) -> Result<Option<String>> {
    if let Some(c) = company {
        return Ok(conn
            .query_row("SELECT name FROM company WHERE id = ?1", [c], |r| r.get(0))
            .optional()?);
    }
    if let Some(c) = contact {
        return Ok(conn
            .query_row("SELECT name FROM contact WHERE id = ?1", [c], |r| r.get(0))
            .optional()?);
    }
    Ok(None)
}
