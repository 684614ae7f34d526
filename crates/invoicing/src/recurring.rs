//! Recurring invoices: a template (customer, lines, currency, withholding) with a frequency (monthly,
//! quarterly, yearly) and the date of its next period. [`run_due`] — called when the app unlocks a vault and by
//! `sigilo invoice recurring run` — makes one draft per period that has come, catching up missed periods, and
//! never twice for the same period (a unique run log). Months keep the template's day, clamped to the month's
//! length (31 Jan → 28/29 Feb → 31 Mar).

use rusqlite::{Connection, OptionalExtension, params};
use sigilo_crm::money::Currency;
use sigilo_crm::valid;
use time::{Date, Month};

use crate::calc::{DocKind, Totals};
use crate::decimal::Dec;
use crate::documents::{self, DraftInput, LineInput, LineTable, StoredLine};
use crate::{InvoicingError, Result, guarded};

/// How often a template makes an invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Monthly,
    Quarterly,
    Yearly,
}

impl Frequency {
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Yearly => "yearly",
        }
    }

    pub fn parse(s: &str) -> Result<Frequency> {
        match s.trim() {
            "monthly" => Ok(Frequency::Monthly),
            "quarterly" => Ok(Frequency::Quarterly),
            "yearly" => Ok(Frequency::Yearly),
            other => Err(InvoicingError::invalid(
                "frequency",
                format!("\"{other}\" is not monthly, quarterly or yearly"),
            )),
        }
    }

    fn months(self) -> i32 {
        match self {
            Frequency::Monthly => 1,
            Frequency::Quarterly => 3,
            Frequency::Yearly => 12,
        }
    }
}

/// A template as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecurringInput {
    pub name: String,
    pub frequency: Frequency,
    /// The first period's date (YYYY-MM-DD).
    pub start_date: String,
    pub end_date: Option<String>,
    pub series: Option<String>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub currency: String,
    pub language: String,
    pub withholding: Option<Dec>,
    pub notes: Option<String>,
    pub lines: Vec<LineInput>,
}

/// A stored template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recurring {
    pub id: i64,
    pub name: String,
    pub frequency: Frequency,
    pub next_date: String,
    pub end_date: Option<String>,
    pub active: bool,
    pub series: Option<String>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub currency: Currency,
    pub language: String,
    pub withholding: Option<Dec>,
    pub notes: Option<String>,
    pub lines: Vec<StoredLine>,
    pub totals: Totals,
    /// Drafts made so far: (period date, invoice id), oldest first.
    pub runs: Vec<(String, i64)>,
}

fn as_draft(r: &RecurringInput) -> DraftInput {
    DraftInput {
        kind: DocKind::Invoice,
        series: r.series.clone(),
        company_id: r.company_id,
        contact_id: r.contact_id,
        issue_date: None,
        due_date: None,
        currency: r.currency.clone(),
        language: r.language.clone(),
        withholding: r.withholding,
        notes: r.notes.clone(),
        corrects: None,
        correction_reason: None,
        lines: r.lines.clone(),
    }
}

fn parse_date(s: &str, field: &'static str) -> Result<Date> {
    Ok(valid::date(s, field)?)
}

/// `from` moved by `months`, keeping `day` (clamped to the month's length).
pub fn add_months(from: Date, months: i32, day: u8) -> Result<Date> {
    let total = from.year() * 12 + i32::from(u8::from(from.month())) - 1 + months;
    let year = total.div_euclid(12);
    let month = Month::try_from(u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1))
        .map_err(|_| InvoicingError::invalid("date", "out of range"))?;
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, day.min(last))
        .map_err(|_| InvoicingError::invalid("date", "out of range"))
}

fn validate(r: &RecurringInput) -> Result<(Currency, Totals, String, String)> {
    let name = valid::required(&r.name, "name", 200)?;
    let (currency, totals, lang) = documents::checked(&as_draft(r))?;
    let start = parse_date(&r.start_date, "start_date")?;
    if let Some(end) = valid::optional_date(r.end_date.clone(), "end_date")?
        && end < valid::format_date(start)
    {
        return Err(InvoicingError::invalid(
            "end_date",
            "the end cannot come before the start",
        ));
    }
    Ok((currency, totals, lang, name))
}

/// Saves a template; its first draft is made on `start_date` (or at the next run after it).
pub fn create(conn: &Connection, r: RecurringInput, at: &str) -> Result<i64> {
    let (currency, totals, lang, name) = validate(&r)?;
    conn.execute(
        "INSERT INTO recurring (name, frequency, next_date, end_date, series, company_id, contact_id, currency,
             language, withholding_percent, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            name,
            r.frequency.as_str(),
            valid::format_date(parse_date(&r.start_date, "start_date")?),
            valid::optional_date(r.end_date.clone(), "end_date")?,
            r.series.as_deref().map(str::trim).filter(|s| !s.is_empty()),
            r.company_id,
            r.contact_id,
            currency.code(),
            lang,
            r.withholding.map(|w| w.to_string()),
            valid::optional(r.notes.clone(), "notes", 4000)?,
            at
        ],
    )?;
    let id = conn.last_insert_rowid();
    documents::write_lines_to(conn, LineTable::Recurring, id, &r.lines, &totals)?;
    Ok(id)
}

/// Pauses or resumes a template.
pub fn set_active(conn: &Connection, id: i64, active: bool, at: &str) -> Result<()> {
    let n = conn.execute(
        "UPDATE recurring SET active = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, active, at],
    )?;
    if n == 0 {
        return Err(InvoicingError::not_found("recurring invoice", id));
    }
    Ok(())
}

/// Deletes a template (the drafts and invoices it made stay).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .execute("DELETE FROM recurring WHERE id = ?1", [id])
        .map_err(guarded)?;
    if n == 0 {
        return Err(InvoicingError::not_found("recurring invoice", id));
    }
    Ok(())
}

type Head = (
    String,
    String,
    String,
    Option<String>,
    bool,
    Option<String>,
    Option<i64>,
    Option<i64>,
    String,
    String,
    Option<String>,
    Option<String>,
);

/// A template with its lines, figures and the drafts it made.
pub fn get(conn: &Connection, id: i64) -> Result<Recurring> {
    let head: Head = conn
        .query_row(
            "SELECT name, frequency, next_date, end_date, active, series, company_id, contact_id, currency, language,
                    withholding_percent, notes
             FROM recurring WHERE id = ?1",
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
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| InvoicingError::not_found("recurring invoice", id))?;
    let (
        name,
        freq,
        next_date,
        end_date,
        active,
        series,
        company_id,
        contact_id,
        currency,
        language,
        wh,
        notes,
    ) = head;
    let currency = Currency::parse(&currency, "currency")?;
    let withholding = wh
        .as_deref()
        .map(|w| Dec::parse(w, "withholding"))
        .transpose()?;
    let lines = documents::read_lines_from(conn, LineTable::Recurring, id)?;
    let calc: Vec<_> = lines.iter().map(|l| documents::to_line(&l.input)).collect();
    let totals = crate::calc::compute(
        DocKind::Invoice,
        currency,
        &calc,
        withholding.map(|percent| crate::calc::Withholding { percent }),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT period_date, invoice_id FROM recurring_run WHERE recurring_id = ?1 ORDER BY period_date",
    )?;
    let runs = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Recurring {
        id,
        name,
        frequency: Frequency::parse(&freq)?,
        next_date,
        end_date,
        active,
        series,
        company_id,
        contact_id,
        currency,
        language,
        withholding,
        notes,
        lines,
        totals,
        runs,
    })
}

/// Every template's id and name, by name.
pub fn list(conn: &Connection) -> Result<Vec<(i64, String, String, bool)>> {
    let mut stmt =
        conn.prepare("SELECT id, name, next_date, active FROM recurring ORDER BY name, id")?;
    Ok(stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// At most this many periods are caught up per template and run (a template left for years makes at most this
/// many drafts at once; the next run continues).
pub const MAX_CATCH_UP: usize = 24;

/// Makes a draft for every period that has come (`next_date <= today`) of every active template, in one go;
/// returns `(template id, period date, draft invoice id)` for each draft made. Run it in one transaction.
pub fn run_due(conn: &Connection, today: &str, at: &str) -> Result<Vec<(i64, String, i64)>> {
    let due: Vec<i64> = conn
        .prepare(
            "SELECT id FROM recurring WHERE active = 1 AND next_date <= ?1 ORDER BY next_date, id",
        )?
        .query_map([today], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut made = Vec::new();
    for id in due {
        let t = get(conn, id)?;
        let anchor = t
            .runs
            .first()
            .map(|(d, _)| d.clone())
            .unwrap_or_else(|| t.next_date.clone());
        let day = parse_date(&anchor, "next_date")?.day();
        let mut next = parse_date(&t.next_date, "next_date")?;
        let mut active = true;
        for _ in 0..MAX_CATCH_UP {
            let period = valid::format_date(next);
            if period.as_str() > today {
                break;
            }
            if t.end_date.as_deref().is_some_and(|e| period.as_str() > e) {
                active = false;
                break;
            }
            let already: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM recurring_run WHERE recurring_id = ?1 AND period_date = ?2)",
                params![id, period],
                |r| r.get(0),
            )?;
            if !already {
                let label = if t.language == "es" {
                    "Periodo"
                } else {
                    "Period"
                };
                let notes = Some(match &t.notes {
                    Some(n) => format!("{n}\n{label}: {period}"),
                    None => format!("{label}: {period}"),
                });
                let invoice = documents::create_draft(
                    conn,
                    DraftInput {
                        kind: DocKind::Invoice,
                        series: t.series.clone(),
                        company_id: t.company_id,
                        contact_id: t.contact_id,
                        issue_date: None,
                        due_date: None,
                        currency: t.currency.code().to_owned(),
                        language: t.language.clone(),
                        withholding: t.withholding,
                        notes,
                        corrects: None,
                        correction_reason: None,
                        lines: t.lines.iter().map(|l| l.input.clone()).collect(),
                    },
                    today,
                    at,
                )?;
                conn.execute(
                    "INSERT INTO recurring_run (recurring_id, period_date, invoice_id) VALUES (?1, ?2, ?3)",
                    params![id, period, invoice],
                )?;
                made.push((id, period.clone(), invoice));
            }
            next = add_months(next, t.frequency.months(), day)?;
        }
        if t.end_date
            .as_deref()
            .is_some_and(|e| valid::format_date(next).as_str() > e)
        {
            active = false;
        }
        conn.execute(
            "UPDATE recurring SET next_date = ?2, active = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, valid::format_date(next), active, at],
        )?;
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use time::macros::date;

    #[test]
    fn months_keep_the_day_clamped_to_the_month() {
        assert_eq!(
            add_months(date!(2026 - 01 - 31), 1, 31).unwrap(),
            date!(2026 - 02 - 28)
        );
        assert_eq!(
            add_months(date!(2026 - 02 - 28), 1, 31).unwrap(),
            date!(2026 - 03 - 31)
        );
        assert_eq!(
            add_months(date!(2028 - 01 - 31), 1, 31).unwrap(),
            date!(2028 - 02 - 29)
        );
        assert_eq!(
            add_months(date!(2026 - 11 - 30), 3, 30).unwrap(),
            date!(2027 - 02 - 28)
        );
        assert_eq!(
            add_months(date!(2026 - 12 - 15), 12, 15).unwrap(),
            date!(2027 - 12 - 15)
        );
        assert_eq!(
            add_months(date!(2026 - 12 - 01), 1, 1).unwrap(),
            date!(2027 - 01 - 01)
        );
    }
}
