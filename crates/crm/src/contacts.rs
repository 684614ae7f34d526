//! Contacts (people): validation, storage with their labelled emails, phones and addresses, profile fields
//! (job title, birthday, source), the company link and its history, keyset paging, filters and windows.

use rusqlite::{Connection, OptionalExtension, params};

use crate::fields::{self, FieldFilter};
use crate::paging::{self, ListQuery};
pub use crate::paging::{Page, Sort};
use crate::search::{self, IndexEntry};
use crate::tags::Entity;
use crate::text::{fold, phone_digits};
use crate::valid::{self, Address, Labelled};
use crate::{CrmError, RecordKind, Result, now_iso};

/// Longest accepted name, company and email, in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// Longest accepted notes, in characters.
pub const MAX_NOTES: usize = 100_000;
/// Most emails or phones one contact may hold.
pub const MAX_MULTI: usize = 20;
/// Largest page a list hands out at once.
pub const MAX_PAGE: u32 = paging::MAX_PAGE;

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
    reindex(conn, id)?;
    Ok(id)
}

/// Replaces every field of an existing contact. Emails and phones that stay keep their labels; the company
/// name of a contact linked to a company record stays that company's (see [`link_company`]).
pub fn update(conn: &Connection, id: i64, input: NewContact) -> Result<()> {
    let c = validate(input)?;
    let changed = conn
        .prepare_cached(
            "UPDATE contact SET name = ?2, sort_key = ?3, \
             company = CASE WHEN company_id IS NULL THEN ?4 ELSE company END, email = ?5, phone = ?6, \
             notes = ?7, updated_at = ?8 WHERE id = ?1",
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
    // Values that stay keep the labels they had.
    let old = read_labelled(conn, id)?;
    let relabel = |values: &[String], old: &[Labelled]| -> Vec<Labelled> {
        values
            .iter()
            .map(|v| Labelled {
                label: old
                    .iter()
                    .find(|o| &o.value == v)
                    .and_then(|o| o.label.clone()),
                value: v.clone(),
            })
            .collect()
    };
    let emails = relabel(&c.emails, &old.0);
    let phones = relabel(&c.phones, &old.1);
    write_labelled(conn, id, &emails, &phones)?;
    reindex(conn, id)
}

/// Deletes a contact with everything that is only theirs (emails, phones, addresses, company history, tags,
/// custom field values, their part in interactions) and their search entry. Deals and tasks that named them
/// stay, unlinked; the deals' search entries are rewritten so the name leaves the index too.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let deals: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deal WHERE contact_id = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let changed = conn
        .prepare_cached("DELETE FROM contact WHERE id = ?1")?
        .execute([id])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    for deal in deals {
        crate::deals::reindex(conn, deal)?;
    }
    search::remove(conn, RecordKind::Contact, id)
}

fn write_children(conn: &Connection, id: i64, c: &NewContact) -> Result<()> {
    let unlabelled = |v: &[String]| -> Vec<Labelled> {
        v.iter()
            .map(|value| Labelled {
                label: None,
                value: value.clone(),
            })
            .collect()
    };
    write_labelled(conn, id, &unlabelled(&c.emails), &unlabelled(&c.phones))
}

/// Replaces a contact's emails and phones.
fn write_labelled(
    conn: &Connection,
    id: i64,
    emails: &[Labelled],
    phones: &[Labelled],
) -> Result<()> {
    conn.prepare_cached("DELETE FROM contact_email WHERE contact_id = ?1")?
        .execute([id])?;
    conn.prepare_cached("DELETE FROM contact_phone WHERE contact_id = ?1")?
        .execute([id])?;
    let mut email = conn.prepare_cached(
        "INSERT INTO contact_email (contact_id, position, label, email) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (pos, e) in emails.iter().enumerate() {
        email.execute(params![id, pos as i64, e.label, e.value])?;
    }
    let mut phone = conn.prepare_cached(
        "INSERT INTO contact_phone (contact_id, position, label, phone) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (pos, p) in phones.iter().enumerate() {
        phone.execute(params![id, pos as i64, p.label, p.value])?;
    }
    Ok(())
}

fn read_labelled(conn: &Connection, id: i64) -> Result<(Vec<Labelled>, Vec<Labelled>)> {
    let read = |r: &rusqlite::Row<'_>| {
        Ok(Labelled {
            label: r.get(0)?,
            value: r.get(1)?,
        })
    };
    let emails = conn
        .prepare_cached(
            "SELECT label, email FROM contact_email WHERE contact_id = ?1 ORDER BY position",
        )?
        .query_map([id], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let phones = conn
        .prepare_cached(
            "SELECT label, phone FROM contact_phone WHERE contact_id = ?1 ORDER BY position",
        )?
        .query_map([id], read)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((emails, phones))
}

/// Rewrites a contact's search entry from what is stored: name; emails, phones (as typed, as one run of digits
/// and as their last nine digits, the national number in most of Europe, so a number is found with or without
/// its country code), company, job title, addresses, source detail, notes, tags and custom text fields.
pub(crate) fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let c = get_full(conn, id)?;
    let mut body: Vec<String> = Vec::new();
    body.extend(c.emails.iter().map(|e| e.value.clone()));
    body.extend(c.phones.iter().map(|p| p.value.clone()));
    for p in &c.phones {
        let d = phone_digits(&p.value);
        if d.len() > 9 {
            body.push(d[d.len() - 9..].to_owned());
        }
        body.push(d);
    }
    body.extend(c.company.clone());
    body.extend(c.job_title.clone());
    body.extend(c.addresses.iter().map(Address::one_line));
    body.extend(c.source_detail.clone());
    body.extend(c.notes.clone());
    body.extend(crate::tags::index_text(conn, RecordKind::Contact, id)?);
    search::put(
        conn,
        &IndexEntry {
            kind: RecordKind::Contact,
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
    list_filtered(conn, &ContactFilter::default(), limit, cursor)
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

// ----- the grown contact: labelled values, addresses, profile, company link -----

/// How a contact's data was obtained (recorded for the "what we hold about you" export).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Form,
    Event,
    Import,
    Referral,
    Other,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Form => "form",
            Source::Event => "event",
            Source::Import => "import",
            Source::Referral => "referral",
            Source::Other => "other",
        }
    }

    /// Parses a stored or typed source name (`form`, `event`, `import`, `referral`, `other`).
    pub fn parse(s: &str) -> Result<Source> {
        match s.trim().to_ascii_lowercase().as_str() {
            "form" => Ok(Source::Form),
            "event" => Ok(Source::Event),
            "import" => Ok(Source::Import),
            "referral" => Ok(Source::Referral),
            "other" => Ok(Source::Other),
            _ => Err(CrmError::invalid(
                "source",
                format!("\"{s}\" is not one of form, event, import, referral, other"),
            )),
        }
    }
}

/// Everything a user supplies for a contact in the full form, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactDraft {
    pub name: String,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    pub addresses: Vec<Address>,
    pub job_title: Option<String>,
    /// `YYYY-MM-DD`.
    pub birthday: Option<String>,
    pub source: Option<Source>,
    /// Free text about the source: the form's name, the event, the file, who referred them.
    pub source_detail: Option<String>,
    /// The company's name as free text, for a contact not linked to a company record (a linked contact shows
    /// its company's name; see [`link_company`]).
    pub company: Option<String>,
    pub notes: Option<String>,
}

/// A stored contact with every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactFull {
    pub id: i64,
    pub name: String,
    pub emails: Vec<Labelled>,
    pub phones: Vec<Labelled>,
    pub addresses: Vec<Address>,
    pub job_title: Option<String>,
    pub birthday: Option<String>,
    pub source: Option<Source>,
    pub source_detail: Option<String>,
    pub company: Option<String>,
    /// The company record the contact works at now, if linked.
    pub company_id: Option<i64>,
    pub notes: Option<String>,
    /// When the newest interaction with this contact happened (UTC, ISO 8601), if any.
    pub last_interaction_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Checks and normalises a full contact form. Every error names the field it concerns.
pub fn validate_draft(d: ContactDraft) -> Result<ContactDraft> {
    let base = validate(NewContact {
        name: d.name,
        emails: Vec::new(),
        phones: Vec::new(),
        company: d.company,
        notes: d.notes,
    })?;
    Ok(ContactDraft {
        name: base.name,
        emails: valid::labelled_list(d.emails, "emails", check_email)?,
        phones: valid::labelled_list(d.phones, "phones", check_phone)?,
        addresses: valid::addresses(d.addresses)?,
        job_title: valid::optional(d.job_title, "job_title", MAX_SHORT_TEXT)?,
        birthday: valid::optional_date(d.birthday, "birthday")?,
        source: d.source,
        source_detail: valid::optional(d.source_detail, "source_detail", MAX_SHORT_TEXT)?,
        company: base.company,
        notes: base.notes,
    })
}

/// Inserts a contact from the full form; returns its id.
pub fn insert_draft(conn: &Connection, draft: ContactDraft) -> Result<i64> {
    let d = validate_draft(draft)?;
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO contact (name, sort_key, company, email, phone, notes, job_title, birthday, source, \
         source_detail, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        d.name,
        fold(&d.name),
        d.company,
        d.emails.first().map(|e| &e.value),
        d.phones.first().map(|p| &p.value),
        d.notes,
        d.job_title,
        d.birthday,
        d.source.map(Source::as_str),
        d.source_detail,
        now
    ])?;
    let id = conn.last_insert_rowid();
    write_labelled(conn, id, &d.emails, &d.phones)?;
    write_addresses(conn, id, &d.addresses)?;
    reindex(conn, id)?;
    Ok(id)
}

/// Replaces every field of the full form. The company link and its history are not touched (see
/// [`link_company`]); for a linked contact the company name stays the linked company's.
pub fn update_draft(conn: &Connection, id: i64, draft: ContactDraft) -> Result<()> {
    let d = validate_draft(draft)?;
    let changed = conn
        .prepare_cached(
            "UPDATE contact SET name = ?2, sort_key = ?3, \
             company = CASE WHEN company_id IS NULL THEN ?4 ELSE company END, \
             email = ?5, phone = ?6, notes = ?7, job_title = ?8, birthday = ?9, source = ?10, \
             source_detail = ?11, updated_at = ?12 WHERE id = ?1",
        )?
        .execute(params![
            id,
            d.name,
            fold(&d.name),
            d.company,
            d.emails.first().map(|e| &e.value),
            d.phones.first().map(|p| &p.value),
            d.notes,
            d.job_title,
            d.birthday,
            d.source.map(Source::as_str),
            d.source_detail,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    write_labelled(conn, id, &d.emails, &d.phones)?;
    write_addresses(conn, id, &d.addresses)?;
    reindex(conn, id)
}

fn write_addresses(conn: &Connection, id: i64, addresses: &[Address]) -> Result<()> {
    conn.prepare_cached("DELETE FROM contact_address WHERE contact_id = ?1")?
        .execute([id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO contact_address (contact_id, position, label, street, postal_code, city, region, country) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (pos, a) in addresses.iter().enumerate() {
        stmt.execute(params![
            id,
            pos as i64,
            a.label,
            a.street,
            a.postal_code,
            a.city,
            a.region,
            a.country
        ])?;
    }
    Ok(())
}

pub(crate) fn read_address(r: &rusqlite::Row<'_>) -> rusqlite::Result<Address> {
    Ok(Address {
        label: r.get(0)?,
        street: r.get(1)?,
        postal_code: r.get(2)?,
        city: r.get(3)?,
        region: r.get(4)?,
        country: r.get(5)?,
    })
}

/// One contact with every field.
pub fn get_full(conn: &Connection, id: i64) -> Result<ContactFull> {
    let row = conn
        .prepare_cached(
            "SELECT name, job_title, birthday, source, source_detail, company, company_id, notes, \
             last_interaction_at, created_at, updated_at FROM contact WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(ContactFull {
                id,
                name: r.get(0)?,
                emails: Vec::new(),
                phones: Vec::new(),
                addresses: Vec::new(),
                job_title: r.get(1)?,
                birthday: r.get(2)?,
                source: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|s| Source::parse(&s).ok()),
                source_detail: r.get(4)?,
                company: r.get(5)?,
                company_id: r.get(6)?,
                notes: r.get(7)?,
                last_interaction_at: r.get(8)?,
                created_at: r.get(9)?,
                updated_at: r.get(10)?,
            })
        })
        .optional()?;
    let Some(mut c) = row else {
        return Err(not_found(id));
    };
    (c.emails, c.phones) = read_labelled(conn, id)?;
    c.addresses = conn
        .prepare_cached(
            "SELECT label, street, postal_code, city, region, country FROM contact_address \
             WHERE contact_id = ?1 ORDER BY position",
        )?
        .query_map([id], read_address)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(c)
}

/// One period of a contact's company history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employment {
    pub id: i64,
    /// `None` once the company record was deleted; the name stays.
    pub company_id: Option<i64>,
    pub company_name: String,
    pub job_title: Option<String>,
    pub from_date: Option<String>,
    /// `None` for the current link.
    pub to_date: Option<String>,
}

/// Moves a contact to `company_id` (or to no company with `None`) on the date `on` (`YYYY-MM-DD`). The open
/// period, if any, is closed on that date and a new one opened, so the history keeps where the person worked
/// and when. The contact's company name and job title follow the link. Linking to the current company again
/// (or unlinking a contact that has no company link, whose free-text company then stays) changes nothing.
pub fn link_company(
    conn: &Connection,
    contact_id: i64,
    company_id: Option<i64>,
    on: &str,
    job_title: Option<String>,
) -> Result<()> {
    let on = valid::format_date(valid::date(on, "from_date")?);
    let job_title = valid::optional(job_title, "job_title", MAX_SHORT_TEXT)?;
    let current: Option<Option<i64>> = conn
        .prepare_cached("SELECT company_id FROM contact WHERE id = ?1")?
        .query_row([contact_id], |r| r.get(0))
        .optional()?;
    let Some(current) = current else {
        return Err(not_found(contact_id));
    };
    if current == company_id {
        return Ok(());
    }
    let name: Option<String> = match company_id {
        None => None,
        Some(cid) => Some(
            conn.prepare_cached("SELECT name FROM company WHERE id = ?1")?
                .query_row([cid], |r| r.get(0))
                .optional()?
                .ok_or_else(|| CrmError::NotFound {
                    kind: "company",
                    id: cid.to_string(),
                })?,
        ),
    };
    let open_from: Option<Option<String>> = conn
        .prepare_cached(
            "SELECT from_date FROM contact_company WHERE contact_id = ?1 AND to_date IS NULL",
        )?
        .query_row([contact_id], |r| r.get(0))
        .optional()?;
    if let Some(Some(from)) = &open_from
        && from.as_str() > on.as_str()
    {
        return Err(CrmError::invalid(
            "from_date",
            format!("the current company link starts on {from}, after {on}"),
        ));
    }
    conn.prepare_cached(
        "UPDATE contact_company SET to_date = ?2 WHERE contact_id = ?1 AND to_date IS NULL",
    )?
    .execute(params![contact_id, on])?;
    if let (Some(cid), Some(name)) = (company_id, &name) {
        conn.prepare_cached(
            "INSERT INTO contact_company (contact_id, company_id, company_name, job_title, from_date) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![contact_id, cid, name, job_title, on])?;
    }
    conn.prepare_cached(
        "UPDATE contact SET company_id = ?2, company = ?3, \
         job_title = coalesce(?4, CASE WHEN ?2 IS NULL THEN job_title ELSE NULL END), updated_at = ?5 \
         WHERE id = ?1",
    )?
    .execute(params![contact_id, company_id, name, job_title, now_iso()])?;
    reindex(conn, contact_id)
}

/// A contact's company history, oldest first.
pub fn company_history(conn: &Connection, contact_id: i64) -> Result<Vec<Employment>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, company_id, company_name, job_title, from_date, to_date FROM contact_company \
             WHERE contact_id = ?1 ORDER BY id",
        )?
        .query_map([contact_id], |r| {
            Ok(Employment {
                id: r.get(0)?,
                company_id: r.get(1)?,
                company_name: r.get(2)?,
                job_title: r.get(3)?,
                from_date: r.get(4)?,
                to_date: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

// ----- filtered lists -----

/// Filters for the name-ordered contact list; every filter set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactFilter {
    /// Only contacts working at this company now.
    pub company_id: Option<i64>,
    /// Only contacts last contacted before this date-time (ISO 8601; never-contacted contacts count as before).
    pub last_contacted_before: Option<String>,
    /// Only contacts last contacted at or after this date-time (ISO 8601).
    pub last_contacted_after: Option<String>,
    /// Only contacts carrying this tag.
    pub tag_id: Option<i64>,
    /// Only contacts whose custom field holds this value.
    pub field: Option<FieldFilter>,
    /// The order (name by default).
    pub sort: Sort,
}

/// The list's query: its conditions, and the filters that can drive it.
pub(crate) fn list_query(conn: &Connection, filter: &ContactFilter) -> Result<ListQuery> {
    let mut q = ListQuery {
        columns: format!("{ROW_COLUMNS}, c.last_interaction_at"),
        ncols: 5,
        table: "contact c",
        alias: "c",
        contact_index: "contact_by_last_interaction",
        ..ListQuery::default()
    };
    if let Some(cid) = filter.company_id {
        q.cond(" AND c.company_id = ?_", vec![cid.into()]);
        q.driver(
            "SELECT id FROM contact WHERE company_id = ?_",
            vec![cid.into()],
            false,
        );
    }
    if let Some(before) = &filter.last_contacted_before {
        let before = valid::datetime(before, "last_contacted_before")?;
        q.cond(
            " AND (c.last_interaction_at IS NULL OR c.last_interaction_at < ?_)",
            vec![before.clone().into()],
        );
        q.driver(
            "SELECT id FROM contact INDEXED BY contact_by_last_interaction \
             WHERE last_interaction_at IS NULL OR last_interaction_at < ?_",
            vec![before.clone().into()],
            true,
        );
        q.contacted_before = Some(before);
    }
    if let Some(after) = &filter.last_contacted_after {
        let after = valid::datetime(after, "last_contacted_after")?;
        q.cond(
            " AND c.last_interaction_at >= ?_",
            vec![after.clone().into()],
        );
        q.driver(
            "SELECT id FROM contact WHERE last_interaction_at >= ?_",
            vec![after.into()],
            true,
        );
        q.contacted_after = true;
    }
    if let Some(tag) = filter.tag_id {
        q.cond(
            " AND EXISTS (SELECT 1 FROM contact_tag t WHERE t.contact_id = c.id AND t.tag_id = ?_)",
            vec![tag.into()],
        );
        q.driver(
            "SELECT contact_id AS id FROM contact_tag WHERE tag_id = ?_",
            vec![tag.into()],
            false,
        );
    }
    if let Some(f) = &filter.field {
        fields::filter_into(conn, Entity::Contact, "c", f, &mut q)?;
    }
    Ok(q)
}

/// A page of contacts that pass `filter`, in `filter.sort` order, continuing after `cursor` (a cursor belongs
/// to one sort). Rows come in the order of an index (see [`paging::sorted`]); a page costs its own rows plus
/// those the filters skip.
pub fn list_filtered(
    conn: &Connection,
    filter: &ContactFilter,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<ContactRow>> {
    let q = list_query(conn, filter)?;
    paging::sorted(
        conn,
        &q,
        filter.sort,
        limit,
        cursor,
        |r| Ok(read_row(r)?.0),
        |row| row.id,
    )
}

/// A contact not touched for a while: a row and when they were last contacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Untouched {
    pub row: ContactRow,
    pub last_interaction_at: Option<String>,
}

/// Contacts with no interaction since `since` (ISO 8601 date-time; the caller computes "today minus N days"),
/// never-contacted ones first, then the longest untouched, keyset-paged on `(last_interaction_at, id)`.
pub fn untouched_since(
    conn: &Connection,
    since: &str,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Untouched>> {
    let since = valid::datetime(since, "since")?;
    let limit = paging::clamp(limit);
    // The cursor key is "" inside the never-contacted section (no stored date-time is empty).
    let (key, after_id) = match cursor {
        Some(c) => paging::decode(c)?,
        None => (String::new(), i64::MIN),
    };
    let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Untouched> {
        let (row, _) = read_row(r)?;
        Ok(Untouched {
            row,
            last_interaction_at: r.get(6)?,
        })
    };
    let mut rows: Vec<Untouched> = Vec::new();
    if key.is_empty() {
        rows = conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS}, c.last_interaction_at FROM contact c INDEXED BY contact_by_last_interaction \
                 WHERE c.last_interaction_at IS NULL AND c.id > ?1 ORDER BY c.last_interaction_at, c.id LIMIT ?2"
            ))?
            .query_map(params![after_id, i64::from(limit + 1)], read)?
            .collect::<rusqlite::Result<_>>()?;
    }
    if rows.len() <= limit as usize {
        let (k, i) = if key.is_empty() {
            (String::new(), i64::MIN)
        } else {
            (key, after_id)
        };
        let more: Vec<Untouched> = conn
            .prepare_cached(&format!(
                "SELECT {ROW_COLUMNS}, c.last_interaction_at FROM contact c INDEXED BY contact_by_last_interaction \
                 WHERE c.last_interaction_at IS NOT NULL AND (c.last_interaction_at, c.id) > (?1, ?2) \
                 AND c.last_interaction_at < ?3 ORDER BY c.last_interaction_at, c.id LIMIT ?4"
            ))?
            .query_map(
                params![k, i, since, i64::from(limit + 1) - rows.len() as i64],
                read,
            )?
            .collect::<rusqlite::Result<_>>()?;
        rows.extend(more);
    }
    Ok(paging::finish(rows, limit, |u| {
        (u.last_interaction_at.clone().unwrap_or_default(), u.row.id)
    }))
}
