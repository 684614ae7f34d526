//! Quotes (presupuestos): draft → sent → accepted or rejected; "expired" is derived from the validity date.
//! A quote is numbered on creation (P2026-0001; quotes are not tax documents, so the numbering is simply
//! increasing) and converts to a draft invoice in one step, carrying its customer, lines and withholding.

use rusqlite::{Connection, OptionalExtension, Row, params};
use sigilo_crm::money::Currency;
use sigilo_crm::paging::{self, Page};
use sigilo_crm::valid;

use crate::calc::{DocKind, Totals};
use crate::decimal::Dec;
use crate::documents::{self, DraftInput, LineInput, LineTable, StoredLine};
use crate::{InvoicingError, Result, guarded};

/// A quote as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteInput {
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    /// Default: today.
    pub issue_date: Option<String>,
    pub valid_until: Option<String>,
    pub currency: String,
    pub language: String,
    pub withholding: Option<Dec>,
    pub notes: Option<String>,
    pub lines: Vec<LineInput>,
}

/// Where a quote stands; `Expired` is a draft or sent quote past its validity date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStatus {
    Draft,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl QuoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteStatus::Draft => "draft",
            QuoteStatus::Sent => "sent",
            QuoteStatus::Accepted => "accepted",
            QuoteStatus::Rejected => "rejected",
            QuoteStatus::Expired => "expired",
        }
    }

    fn from_str(s: &str) -> QuoteStatus {
        match s {
            "sent" => QuoteStatus::Sent,
            "accepted" => QuoteStatus::Accepted,
            "rejected" => QuoteStatus::Rejected,
            "expired" => QuoteStatus::Expired,
            _ => QuoteStatus::Draft,
        }
    }
}

/// A stored quote with its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub id: i64,
    pub number: String,
    pub status: QuoteStatus,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub issue_date: String,
    pub valid_until: Option<String>,
    pub currency: Currency,
    pub language: String,
    pub withholding: Option<Dec>,
    pub notes: Option<String>,
    pub lines: Vec<StoredLine>,
    pub totals: Totals,
    /// The draft invoice it was converted to.
    pub invoice_id: Option<i64>,
}

/// The derived status, for `:today`.
const STATUS: &str =
    "CASE WHEN status IN ('draft', 'sent') AND valid_until IS NOT NULL AND valid_until < :today
                           THEN 'expired' ELSE status END";

fn as_draft(q: &QuoteInput) -> DraftInput {
    DraftInput {
        kind: DocKind::Invoice,
        series: None,
        company_id: q.company_id,
        contact_id: q.contact_id,
        issue_date: None,
        due_date: None,
        currency: q.currency.clone(),
        language: q.language.clone(),
        withholding: q.withholding,
        notes: q.notes.clone(),
        corrects: None,
        correction_reason: None,
        lines: q.lines.clone(),
    }
}

fn check_dates(q: &QuoteInput, today: &str) -> Result<(String, Option<String>)> {
    let issue = valid::optional_date(q.issue_date.clone(), "issue_date")?
        .unwrap_or_else(|| today.to_owned());
    let until = valid::optional_date(q.valid_until.clone(), "valid_until")?;
    if until.as_deref().is_some_and(|u| u < issue.as_str()) {
        return Err(InvoicingError::invalid(
            "valid_until",
            "a quote cannot expire before its date",
        ));
    }
    Ok((issue, until))
}

fn next_number(conn: &Connection, issue_date: &str) -> Result<String> {
    let year = issue_date.get(..4).unwrap_or("0000");
    let prefix = format!("P{year}-");
    let last: Option<String> = conn
        .query_row(
            "SELECT number FROM quote WHERE number LIKE ?1 || '%' ORDER BY length(number) DESC, number DESC LIMIT 1",
            [&prefix],
            |r| r.get(0),
        )
        .optional()?;
    let n = last
        .and_then(|l| l.strip_prefix(&prefix).and_then(|t| t.parse::<u64>().ok()))
        .unwrap_or(0)
        + 1;
    Ok(format!("{prefix}{n:04}"))
}

/// Saves a new quote (status draft); returns its id.
pub fn create(conn: &Connection, q: QuoteInput, today: &str, at: &str) -> Result<i64> {
    let (issue, _) = check_dates(&q, today)?;
    let number = next_number(conn, &issue)?;
    let (currency, _, lang) = documents::checked(&as_draft(&q))?;
    conn.execute(
        "INSERT INTO quote (number, issue_date, currency, language, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![number, issue, currency.code(), lang, at],
    )?;
    let id = conn.last_insert_rowid();
    write(conn, id, &q, today, at)?;
    Ok(id)
}

/// Writes a quote's fields, figures and lines into row `id` after checking them.
fn write(conn: &Connection, id: i64, q: &QuoteInput, today: &str, at: &str) -> Result<()> {
    let (currency, totals, lang) = documents::checked(&as_draft(q))?;
    let (issue, until) = check_dates(q, today)?;
    conn.execute(
        "UPDATE quote SET company_id = ?2, contact_id = ?3, issue_date = ?4, valid_until = ?5, currency = ?6,
             language = ?7, withholding_percent = ?8, notes = ?9, net = ?10, tax = ?11, surcharge = ?12,
             withholding = ?13, total = ?14, updated_at = ?15
         WHERE id = ?1",
        params![
            id,
            q.company_id,
            q.contact_id,
            issue,
            until,
            currency.code(),
            lang,
            q.withholding.map(|w| w.to_string()),
            valid::optional(q.notes.clone(), "notes", 4000)?,
            totals.net,
            totals.tax,
            totals.surcharge,
            totals.withholding,
            totals.total,
            at
        ],
    )?;
    documents::write_lines_to(conn, LineTable::Quote, id, &q.lines, &totals)
}

fn stored_status(conn: &Connection, id: i64) -> Result<(String, Option<i64>)> {
    conn.query_row(
        "SELECT status, invoice_id FROM quote WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| InvoicingError::not_found("quote", id))
}

/// Replaces a draft or sent quote's content (an accepted, rejected or converted quote is refused).
pub fn update(conn: &Connection, id: i64, q: QuoteInput, today: &str, at: &str) -> Result<()> {
    let (status, invoice) = stored_status(conn, id)?;
    if invoice.is_some() || !matches!(status.as_str(), "draft" | "sent") {
        return Err(InvoicingError::Refused(format!(
            "a {status} quote cannot be changed; copy it into a new one"
        )));
    }
    write(conn, id, &q, today, at)
}

/// Deletes a quote that was not converted.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let (_, invoice) = stored_status(conn, id)?;
    if invoice.is_some() {
        return Err(InvoicingError::Refused(
            "this quote became an invoice and is kept with it".to_owned(),
        ));
    }
    conn.execute("DELETE FROM quote WHERE id = ?1", [id])
        .map_err(guarded)?;
    Ok(())
}

/// Moves a quote on: `sent` from draft; `accepted` or `rejected` from draft or sent.
pub fn set_status(conn: &Connection, id: i64, to: QuoteStatus, at: &str) -> Result<()> {
    let (status, invoice) = stored_status(conn, id)?;
    let allowed = match to {
        QuoteStatus::Sent => status == "draft",
        QuoteStatus::Accepted | QuoteStatus::Rejected => {
            matches!(status.as_str(), "draft" | "sent")
        }
        QuoteStatus::Draft | QuoteStatus::Expired => false,
    };
    if !allowed || invoice.is_some() {
        return Err(InvoicingError::Refused(format!(
            "a {status} quote cannot be marked {}",
            to.as_str()
        )));
    }
    conn.execute(
        "UPDATE quote SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, to.as_str(), at],
    )?;
    Ok(())
}

/// Converts a quote into a draft invoice in one step (the quote becomes accepted and points at it); returns
/// the invoice's id. A rejected or already converted quote is refused.
pub fn convert(conn: &Connection, id: i64, today: &str, at: &str) -> Result<i64> {
    let q = get(conn, id, today)?;
    if let Some(inv) = q.invoice_id {
        return Err(InvoicingError::Refused(format!(
            "quote {} is already invoice draft {inv}",
            q.number
        )));
    }
    if q.status == QuoteStatus::Rejected {
        return Err(InvoicingError::Refused(format!(
            "quote {} was rejected",
            q.number
        )));
    }
    let notes = Some(match &q.notes {
        Some(n) => format!(
            "{n}\n{} {}",
            if q.language == "es" {
                "Presupuesto"
            } else {
                "Quote"
            },
            q.number
        ),
        None => format!(
            "{} {}",
            if q.language == "es" {
                "Presupuesto"
            } else {
                "Quote"
            },
            q.number
        ),
    });
    let invoice = documents::create_draft(
        conn,
        DraftInput {
            kind: DocKind::Invoice,
            series: None,
            company_id: q.company_id,
            contact_id: q.contact_id,
            issue_date: None,
            due_date: None,
            currency: q.currency.code().to_owned(),
            language: q.language.clone(),
            withholding: q.withholding,
            notes,
            corrects: None,
            correction_reason: None,
            lines: q.lines.into_iter().map(|l| l.input).collect(),
        },
        today,
        at,
    )?;
    conn.execute(
        "UPDATE quote SET status = 'accepted', invoice_id = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, invoice, at],
    )?;
    Ok(invoice)
}

/// A quote's stored columns, before its lines are read.
struct Head {
    id: i64,
    number: String,
    status: String,
    company_id: Option<i64>,
    contact_id: Option<i64>,
    issue_date: String,
    valid_until: Option<String>,
    currency: String,
    language: String,
    withholding: Option<String>,
    notes: Option<String>,
    invoice_id: Option<i64>,
}

fn head(r: &Row<'_>) -> rusqlite::Result<Head> {
    Ok(Head {
        id: r.get("id")?,
        number: r.get("number")?,
        status: r.get("derived")?,
        company_id: r.get("company_id")?,
        contact_id: r.get("contact_id")?,
        issue_date: r.get("issue_date")?,
        valid_until: r.get("valid_until")?,
        currency: r.get("currency")?,
        language: r.get("language")?,
        withholding: r.get("withholding_percent")?,
        notes: r.get("notes")?,
        invoice_id: r.get("invoice_id")?,
    })
}

/// A quote with its lines and figures, its status derived for `today`.
pub fn get(conn: &Connection, id: i64, today: &str) -> Result<Quote> {
    let row = conn
        .query_row(
            &format!("SELECT *, {STATUS} AS derived FROM quote WHERE id = :id"),
            rusqlite::named_params! { ":id": id, ":today": today },
            head,
        )
        .optional()?
        .ok_or_else(|| InvoicingError::not_found("quote", id))?;
    let Head {
        id,
        number,
        status,
        company_id,
        contact_id,
        issue_date,
        valid_until,
        currency,
        language,
        withholding: wh,
        notes,
        invoice_id,
    } = row;
    let currency = Currency::parse(&currency, "currency")?;
    let withholding = wh
        .as_deref()
        .map(|w| Dec::parse(w, "withholding"))
        .transpose()?;
    let lines = documents::read_lines_from(conn, LineTable::Quote, id)?;
    let calc: Vec<_> = lines.iter().map(|l| documents::to_line(&l.input)).collect();
    let totals = crate::calc::compute(
        DocKind::Invoice,
        currency,
        &calc,
        withholding.map(|percent| crate::calc::Withholding { percent }),
    )?;
    Ok(Quote {
        id,
        number,
        status: QuoteStatus::from_str(&status),
        company_id,
        contact_id,
        issue_date,
        valid_until,
        currency,
        language,
        withholding,
        notes,
        lines,
        totals,
        invoice_id,
    })
}

/// One row of the quote list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub id: i64,
    pub number: String,
    pub status: QuoteStatus,
    pub issue_date: String,
    pub valid_until: Option<String>,
    pub customer: Option<String>,
    pub currency: String,
    pub total: i64,
    pub invoice_id: Option<i64>,
}

/// A page of quotes, newest first, only those with `status` (derived) when given.
pub fn list(
    conn: &Connection,
    status: Option<QuoteStatus>,
    today: &str,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<QuoteRow>> {
    let limit = paging::clamp(limit);
    let before = match cursor {
        Some(c) => paging::decode(c)?.1,
        None => i64::MAX,
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT q.id, q.number, {STATUS} AS derived, q.issue_date, q.valid_until,
                COALESCE((SELECT name FROM company WHERE id = q.company_id),
                         (SELECT name FROM contact WHERE id = q.contact_id)),
                q.currency, q.total, q.invoice_id
         FROM quote q
         WHERE q.id < :before AND (:status IS NULL OR {STATUS} = :status)
         ORDER BY q.id DESC LIMIT :limit"
    ))?;
    let rows = stmt
        .query_map(
            rusqlite::named_params! {
                ":before": before,
                ":today": today,
                ":status": status.map(QuoteStatus::as_str),
                ":limit": i64::from(limit) + 1,
            },
            |r| {
                Ok(QuoteRow {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    status: QuoteStatus::from_str(&r.get::<_, String>(2)?),
                    issue_date: r.get(3)?,
                    valid_until: r.get(4)?,
                    customer: r.get(5)?,
                    currency: r.get(6)?,
                    total: r.get(7)?,
                    invoice_id: r.get(8)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(paging::finish(rows, limit, |q| (String::new(), q.id)))
}
