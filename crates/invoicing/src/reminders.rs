//! The dunning list: issued invoices past their due date with a balance, most overdue first, with how many
//! days overdue and the reminders logged for each; and the reminder log itself (append-only facts).

use rusqlite::{Connection, OptionalExtension, params};
use sigilo_crm::paging::{self, Page};
use sigilo_crm::valid;

use crate::{InvoicingError, Result, guarded};

/// One overdue invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub id: i64,
    pub number: String,
    pub customer: Option<String>,
    pub due_date: String,
    pub days_overdue: i64,
    pub currency: String,
    pub total: i64,
    pub balance: i64,
    pub reminders: i64,
    pub last_reminder: Option<String>,
}

/// A logged reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub id: i64,
    pub sent_on: String,
    pub channel: Option<String>,
    pub note: Option<String>,
}

/// Logs that a reminder was sent for issued invoice `id` on `sent_on`.
pub fn log(
    conn: &Connection,
    id: i64,
    sent_on: &str,
    channel: Option<String>,
    note: Option<String>,
    at: &str,
) -> Result<i64> {
    let issued: Option<Option<String>> = conn
        .query_row("SELECT issued_at FROM invoice WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    match issued {
        None => return Err(InvoicingError::not_found("invoice", id)),
        Some(None) => {
            return Err(InvoicingError::Refused(
                "reminders are logged for issued invoices only".to_owned(),
            ));
        }
        Some(Some(_)) => {}
    }
    let sent_on = valid::format_date(valid::date(sent_on, "date")?);
    conn.execute(
        "INSERT INTO reminder (invoice_id, sent_on, channel, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id,
            sent_on,
            valid::optional(channel, "channel", 40)?,
            valid::optional(note, "note", 1000)?,
            at
        ],
    )
    .map_err(guarded)?;
    Ok(conn.last_insert_rowid())
}

/// The reminders logged for invoice `id`, oldest first.
pub fn of_invoice(conn: &Connection, id: i64) -> Result<Vec<Reminder>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, sent_on, channel, note FROM reminder WHERE invoice_id = ?1 ORDER BY sent_on, id",
    )?;
    Ok(stmt
        .query_map([id], |r| {
            Ok(Reminder {
                id: r.get(0)?,
                sent_on: r.get(1)?,
                channel: r.get(2)?,
                note: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

/// A page of the dunning list for the local date `today`: overdue invoices with a balance, oldest due first.
pub fn overdue(
    conn: &Connection,
    today: &str,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Overdue>> {
    let limit = paging::clamp(limit);
    let (after_due, after_id) = match cursor {
        Some(c) => paging::decode(c)?,
        None => (String::new(), 0),
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, full_number, due_date, currency, total, balance, customer, reminders, last_reminder,
                CAST(julianday(:today) - julianday(due_date) AS INTEGER)
         FROM (
             SELECT i.id, i.full_number, i.due_date, i.currency, i.total,
                    i.total
                      + COALESCE((SELECT SUM(c.total) FROM invoice c
                                  WHERE c.corrects_id = i.id AND c.issued_at IS NOT NULL), 0)
                      - COALESCE((SELECT SUM(p.amount) FROM payment p WHERE p.invoice_id = i.id), 0) AS balance,
                    (SELECT value FROM invoice_buyer b WHERE b.invoice_id = i.id AND b.field = 'name') AS customer,
                    (SELECT COUNT(*) FROM reminder r WHERE r.invoice_id = i.id) AS reminders,
                    (SELECT MAX(sent_on) FROM reminder r WHERE r.invoice_id = i.id) AS last_reminder
             FROM invoice i
             WHERE i.kind = 'invoice' AND i.issued_at IS NOT NULL AND i.due_date < :today
               AND (i.due_date, i.id) > (:after_due, :after_id)
         )
         WHERE balance > 0
         ORDER BY due_date, id
         LIMIT :limit",
    )?;
    let rows = stmt
        .query_map(
            rusqlite::named_params! {
                ":today": today,
                ":after_due": after_due,
                ":after_id": after_id,
                ":limit": i64::from(limit) + 1,
            },
            |r| {
                Ok(Overdue {
                    id: r.get(0)?,
                    number: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    due_date: r.get(2)?,
                    currency: r.get(3)?,
                    total: r.get(4)?,
                    balance: r.get(5)?,
                    customer: r.get(6)?,
                    reminders: r.get(7)?,
                    last_reminder: r.get(8)?,
                    days_overdue: r.get(9)?,
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(paging::finish(rows, limit, |o| (o.due_date.clone(), o.id)))
}
