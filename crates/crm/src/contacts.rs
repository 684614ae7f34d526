//! Contacts (people): validation, storage with their emails and phones, keyset paging and windows for lists.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::{Connection, OptionalExtension, params};

use crate::search::{self, IndexEntry};
use crate::text::{fold, phone_digits};
use crate::{CrmError, Kind, Result, now_iso};

/// Longest accepted name, company and email, in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// Longest accepted notes, in characters.
pub const MAX_NOTES: usize = 100_000;
/// Most emails or phones one contact may hold.
pub const MAX_MULTI: usize = 20;
/// Largest page a list hands out at once.
pub const MAX_PAGE: u32 = 500;

/// What a user supplies for a contact, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewContact {
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
    pub notes: Option<String>,
}

/// A stored contact with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub id: i64,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of a contact list: what a table shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRow {
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
}

/// A page of a list in keyset order, with the cursor that continues it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Trims, checks and normalises a contact's fields. Empty optional text becomes `None`; blank emails and
/// phones are dropped. Every error names the field it concerns.
pub fn validate(input: NewContact) -> Result<NewContact> {
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        return Err(CrmError::invalid("name", "a contact needs a name"));
    }
    if name.chars().count() > MAX_SHORT_TEXT {
        return Err(CrmError::invalid(
            "name",
            format!("a name can have at most {MAX_SHORT_TEXT} characters"),
        ));
    }
    let emails = clean_list(input.emails, "emails")?;
    for e in &emails {
        check_email(e)?;
    }
    let phones = clean_list(input.phones, "phones")?;
    for p in &phones {
        check_phone(p)?;
    }
    let company = clean_optional(input.company, "company", MAX_SHORT_TEXT)?;
    let notes = clean_optional(input.notes, "notes", MAX_NOTES)?;
    Ok(NewContact {
        name,
        emails,
        phones,
        company,
        notes,
    })
}

fn clean_list(values: Vec<String>, field: &'static str) -> Result<Vec<String>> {
    let values: Vec<String> = values
        .into_iter()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .collect();
    if values.len() > MAX_MULTI {
        return Err(CrmError::invalid(
            field,
            format!("at most {MAX_MULTI} per contact"),
        ));
    }
    Ok(values)
}

fn clean_optional(
    value: Option<String>,
    field: &'static str,
    max: usize,
) -> Result<Option<String>> {
    let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    if value.as_ref().is_some_and(|v| v.chars().count() > max) {
        return Err(CrmError::invalid(
            field,
            format!("at most {max} characters"),
        ));
    }
    Ok(value)
}

/// An email must look like `local@domain.tld`: one `@`, no spaces, a dot in the domain, neither part empty.
pub fn check_email(email: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(CrmError::invalid(
            "emails",
            format!("\"{email}\" is not an email address: {why}"),
        ))
    };
    if email.chars().count() > MAX_SHORT_TEXT {
        return bad("too long");
    }
    if email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return bad("it contains spaces");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return bad("it has no @");
    };
    if local.is_empty() || domain.contains('@') {
        return bad("it needs exactly one @ with a name before it");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || l.starts_with('-') || l.ends_with('-'))
    {
        return bad("the part after @ must be a domain such as example.com");
    }
    Ok(())
}

/// A phone holds digits, spaces and `+ - ( ) .` (a `+` only first), with 6 to 20 digits.
pub fn check_phone(phone: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(CrmError::invalid(
            "phones",
            format!("\"{phone}\" is not a phone number: {why}"),
        ))
    };
    if let Some(c) = phone
        .chars()
        .find(|c| !(c.is_ascii_digit() || " -().+".contains(*c)))
    {
        return bad(&format!(
            "'{c}' is not allowed (use digits, spaces, + - ( ) .)"
        ));
    }
    if phone.char_indices().any(|(i, c)| c == '+' && i != 0) {
        return bad("a + may only stand first");
    }
    let digits = phone_digits(phone).len();
    if !(6..=20).contains(&digits) {
        return bad("it needs between 6 and 20 digits");
    }
    Ok(())
}

/// Inserts a validated contact and indexes it; returns its id.
pub fn insert(conn: &Connection, input: NewContact) -> Result<i64> {
    let c = validate(input)?;
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO contact (name, sort_key, company, email, phone, notes, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![c.name, fold(&c.name), c.company, c.emails.first(), c.phones.first(), c.notes, now])?;
    let id = conn.last_insert_rowid();
    write_children(conn, id, &c)?;
    index(conn, id, &c)?;
    Ok(id)
}

/// Replaces every field of an existing contact.
pub fn update(conn: &Connection, id: i64, input: NewContact) -> Result<()> {
    let c = validate(input)?;
    let changed = conn
        .prepare_cached(
            "UPDATE contact SET name = ?2, sort_key = ?3, company = ?4, email = ?5, phone = ?6, notes = ?7, \
             updated_at = ?8 WHERE id = ?1",
        )?
        .execute(params![
            id,
            c.name,
            fold(&c.name),
            c.company,
            c.emails.first(),
            c.phones.first(),
            c.notes,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    conn.prepare_cached("DELETE FROM contact_email WHERE contact_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM contact_phone WHERE contact_id = ?1")?
        .execute([id])?;
    write_children(conn, id, &c)?;
    index(conn, id, &c)
}

/// Deletes a contact, its emails and phones, and its search entry.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached("DELETE FROM contact WHERE id = ?1")?
        .execute([id])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    search::remove(conn, Kind::Contact, id)
}

fn write_children(conn: &Connection, id: i64, c: &NewContact) -> Result<()> {
    let mut email = conn.prepare_cached(
        "INSERT INTO contact_email (contact_id, position, email) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, e) in c.emails.iter().enumerate() {
        email.execute(params![id, pos as i64, e])?;
    }
    let mut phone = conn.prepare_cached(
        "INSERT INTO contact_phone (contact_id, position, phone) VALUES (?1, ?2, ?3)",
    )?;
    for (pos, p) in c.phones.iter().enumerate() {
        phone.execute(params![id, pos as i64, p])?;
    }
    Ok(())
}

fn index(conn: &Connection, id: i64, c: &NewContact) -> Result<()> {
    let mut body: Vec<&str> = Vec::new();
    body.extend(c.emails.iter().map(String::as_str));
    // Each phone's digits as one run, and its last nine digits (the national number in most of Europe), so a
    // number is found with or without its country code ("612345678" finds "+34 612 345 678").
    let digits: Vec<String> = c
        .phones
        .iter()
        .map(|p| phone_digits(p))
        .flat_map(|d| {
            let national = (d.len() > 9).then(|| d[d.len() - 9..].to_owned());
            std::iter::once(d).chain(national)
        })
        .collect();
    body.extend(c.phones.iter().map(String::as_str));
    body.extend(digits.iter().map(String::as_str));
    body.extend(c.company.as_deref());
    body.extend(c.notes.as_deref());
    search::put(
        conn,
        &IndexEntry {
            kind: Kind::Contact,
            id,
            title: &c.name,
            body: &body.join("\n"),
        },
    )
}

fn not_found(id: i64) -> CrmError {
    CrmError::NotFound {
        kind: "contact",
        id: id.to_string(),
    }
}

/// One contact with everything it holds.
pub fn get(conn: &Connection, id: i64) -> Result<ContactRecord> {
    let row = conn
        .prepare_cached(
            "SELECT name, company, notes, created_at, updated_at FROM contact WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let Some((name, company, notes, created_at, updated_at)) = row else {
        return Err(not_found(id));
    };
    let emails = conn
        .prepare_cached("SELECT email FROM contact_email WHERE contact_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    let phones = conn
        .prepare_cached("SELECT phone FROM contact_phone WHERE contact_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(ContactRecord {
        id,
        name,
        emails,
        phones,
        company,
        notes,
        created_at,
        updated_at,
    })
}

/// A list row, read from the covering index `contact_list` alone.
const ROW_COLUMNS: &str = "c.id, c.name, c.email, c.phone, c.company, c.sort_key";

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(ContactRow, String)> {
    Ok((
        ContactRow {
            id: r.get(0)?,
            name: r.get(1)?,
            email: r.get(2)?,
            phone: r.get(3)?,
            company: r.get(4)?,
        },
        r.get(5)?,
    ))
}

/// One contact's list row (what a table or a search hit shows), by id.
pub fn row(conn: &Connection, id: i64) -> Result<ContactRow> {
    conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM contact c WHERE c.id = ?1"
    ))?
    .query_row([id], read_row)
    .optional()?
    .map(|(row, _)| row)
    .ok_or_else(|| not_found(id))
}

/// How many contacts the vault holds.
pub fn count(conn: &Connection) -> Result<u32> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM contact")?
        .query_row([], |r| r.get(0))?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A page of contacts in name order (folded name, then id), continuing after `cursor`. The cursor is opaque to
/// callers; it encodes the last row's sort key and id, so paging never scans what came before.
pub fn list(conn: &Connection, limit: u32, cursor: Option<&str>) -> Result<Page<ContactRow>> {
    let limit = limit.clamp(1, MAX_PAGE);
    let after = cursor.map(decode_cursor).transpose()?;
    let fetched: Vec<(ContactRow, String)> = match &after {
        None => conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM contact c INDEXED BY contact_list ORDER BY c.sort_key, c.id LIMIT ?1"
            ))?
            .query_map([i64::from(limit) + 1], read_row)?
            .collect::<rusqlite::Result<_>>()?,
        Some((key, id)) => conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS} FROM contact c INDEXED BY contact_list WHERE (c.sort_key, c.id) > (?1, ?2) \
                 ORDER BY c.sort_key, c.id LIMIT ?3"
            ))?
            .query_map(params![key, id, i64::from(limit) + 1], read_row)?
            .collect::<rusqlite::Result<_>>()?,
    };
    let more = fetched.len() > limit as usize;
    let mut items: Vec<(ContactRow, String)> = fetched;
    items.truncate(limit as usize);
    let next_cursor = if more {
        items.last().map(|(row, key)| encode_cursor(key, row.id))
    } else {
        None
    };
    Ok(Page {
        items: items.into_iter().map(|(row, _)| row).collect(),
        next_cursor,
    })
}

/// Rows `offset .. offset + limit` of the name-ordered list, for a virtual list that can jump anywhere.
/// Skipping to the offset walks the narrow index `(sort_key, id)`; the rows then come from the covering index.
pub fn window(conn: &Connection, offset: u32, limit: u32) -> Result<Vec<ContactRow>> {
    let limit = limit.clamp(1, MAX_PAGE);
    let start: Option<(String, i64)> = conn
        .prepare_cached(
            "SELECT sort_key, id FROM contact INDEXED BY contact_by_sort_key ORDER BY sort_key, id LIMIT 1 OFFSET ?1",
        )?
        .query_row([i64::from(offset)], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((key, id)) = start else {
        return Ok(Vec::new());
    };
    let rows = conn
        .prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM contact c INDEXED BY contact_list WHERE (c.sort_key, c.id) >= (?1, ?2) \
             ORDER BY c.sort_key, c.id LIMIT ?3"
        ))?
        .query_map(params![key, id, i64::from(limit)], read_row)?
        .map(|r| r.map(|(row, _)| row))
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn encode_cursor(sort_key: &str, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{id}\u{0}{sort_key}"))
}

fn decode_cursor(cursor: &str) -> Result<(String, i64)> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| CrmError::BadCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| CrmError::BadCursor)?;
    let (id, key) = text.split_once('\u{0}').ok_or(CrmError::BadCursor)?;
    let id = id.parse().map_err(|_| CrmError::BadCursor)?;
    Ok((key.to_owned(), id))
}
