//! Interactions — the timeline: calls, meetings, emails, messages and notes with their date-time, direction,
//! subject and body, linked to contacts (many), a company and optionally a deal; merged timelines, newest first,
//! keyset-paged with ties broken by id.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::paging::{self, Page};
use crate::search::{self, IndexEntry};
use crate::valid::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::{CrmError, RecordKind, Result, now_iso};

/// Most contacts one interaction may involve.
pub const MAX_PARTICIPANTS: usize = 100;

/// What kind of interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InteractionKind {
    Call,
    Meeting,
    Email,
    Message,
    Note,
}

impl InteractionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InteractionKind::Call => "call",
            InteractionKind::Meeting => "meeting",
            InteractionKind::Email => "email",
            InteractionKind::Message => "message",
            InteractionKind::Note => "note",
        }
    }

    /// Parses `call`, `meeting`, `email`, `message` or `note`.
    pub fn parse(s: &str) -> Result<InteractionKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "call" => Ok(InteractionKind::Call),
            "meeting" => Ok(InteractionKind::Meeting),
            "email" => Ok(InteractionKind::Email),
            "message" => Ok(InteractionKind::Message),
            "note" => Ok(InteractionKind::Note),
            _ => Err(CrmError::invalid(
                "kind",
                format!("\"{s}\" is not one of call, meeting, email, message, note"),
            )),
        }
    }
}

/// Who started it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Inbound,
    Outbound,
    None,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
            Direction::None => "none",
        }
    }

    /// Parses `inbound`, `outbound` or `none`.
    pub fn parse(s: &str) -> Result<Direction> {
        match s.trim().to_ascii_lowercase().as_str() {
            "inbound" => Ok(Direction::Inbound),
            "outbound" => Ok(Direction::Outbound),
            "none" => Ok(Direction::None),
            _ => Err(CrmError::invalid(
                "direction",
                format!("\"{s}\" is not one of inbound, outbound, none"),
            )),
        }
    }
}

/// What a user supplies for an interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInteraction {
    pub kind: InteractionKind,
    /// ISO 8601 date-time (see [`valid::datetime`]).
    pub at: String,
    pub direction: Direction,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub contact_ids: Vec<i64>,
    /// `None` takes the deal's company, else the first contact's current company.
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
}

/// A stored interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    pub id: i64,
    pub kind: InteractionKind,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub at: String,
    pub direction: Direction,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub contact_ids: Vec<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

struct Clean {
    kind: InteractionKind,
    at: String,
    direction: Direction,
    subject: Option<String>,
    body: Option<String>,
    contact_ids: Vec<i64>,
    company_id: Option<i64>,
    deal_id: Option<i64>,
}

fn exists(conn: &Connection, table: &'static str, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn clean(conn: &Connection, i: NewInteraction) -> Result<Clean> {
    let at = valid::datetime(&i.at, "at")?;
    let subject = valid::optional(i.subject, "subject", MAX_SHORT_TEXT)?;
    let body = valid::optional(i.body, "body", MAX_LONG_TEXT)?;
    let mut contact_ids = Vec::new();
    for id in i.contact_ids {
        if !contact_ids.contains(&id) {
            contact_ids.push(id);
        }
    }
    if contact_ids.len() > MAX_PARTICIPANTS {
        return Err(CrmError::invalid(
            "contacts",
            format!("at most {MAX_PARTICIPANTS} contacts"),
        ));
    }
    for &id in &contact_ids {
        if !exists(conn, "contact", id)? {
            return Err(CrmError::NotFound {
                kind: "contact",
                id: id.to_string(),
            });
        }
    }
    if let Some(id) = i.deal_id
        && !exists(conn, "deal", id)?
    {
        return Err(CrmError::NotFound {
            kind: "deal",
            id: id.to_string(),
        });
    }
    let mut company_id = i.company_id;
    if let Some(id) = company_id {
        if !exists(conn, "company", id)? {
            return Err(CrmError::NotFound {
                kind: "company",
                id: id.to_string(),
            });
        }
    } else {
        if let Some(deal) = i.deal_id {
            company_id = conn
                .prepare_cached("SELECT company_id FROM deal WHERE id = ?1")?
                .query_row([deal], |r| r.get(0))?;
        }
        if company_id.is_none()
            && let Some(&first) = contact_ids.first()
        {
            company_id = conn
                .prepare_cached("SELECT company_id FROM contact WHERE id = ?1")?
                .query_row([first], |r| r.get(0))?;
        }
    }
    if contact_ids.is_empty() && company_id.is_none() && i.deal_id.is_none() {
        return Err(CrmError::invalid(
            "contacts",
            "link the interaction to a contact, a company or a deal",
        ));
    }
    Ok(Clean {
        kind: i.kind,
        at,
        direction: i.direction,
        subject,
        body,
        contact_ids,
        company_id,
        deal_id: i.deal_id,
    })
}

/// Records an interaction; returns its id. The contacts' and the company's "last contacted" follow.
pub fn insert(conn: &Connection, input: NewInteraction) -> Result<i64> {
    let i = clean(conn, input)?;
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO interaction (kind, at, direction, subject, body, company_id, deal_id, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        i.kind.as_str(),
        i.at,
        i.direction.as_str(),
        i.subject,
        i.body,
        i.company_id,
        i.deal_id,
        now
    ])?;
    let id = conn.last_insert_rowid();
    write_participants(conn, id, &i.at, &i.contact_ids)?;
    touch(conn, &i.contact_ids, i.company_id)?;
    touch_deal(conn, i.deal_id)?;
    index(conn, id, &i)?;
    Ok(id)
}

/// Replaces every field of an interaction.
pub fn update(conn: &Connection, id: i64, input: NewInteraction) -> Result<()> {
    let old = get(conn, id)?;
    let i = clean(conn, input)?;
    conn.prepare_cached(
        "UPDATE interaction SET kind = ?2, at = ?3, direction = ?4, subject = ?5, body = ?6, company_id = ?7, \
         deal_id = ?8, updated_at = ?9 WHERE id = ?1",
    )?
    .execute(params![
        id,
        i.kind.as_str(),
        i.at,
        i.direction.as_str(),
        i.subject,
        i.body,
        i.company_id,
        i.deal_id,
        now_iso()
    ])?;
    conn.prepare_cached("DELETE FROM interaction_contact WHERE interaction_id = ?1")?
        .execute([id])?;
    write_participants(conn, id, &i.at, &i.contact_ids)?;
    touch(conn, &old.contact_ids, old.company_id)?;
    touch(conn, &i.contact_ids, i.company_id)?;
    touch_deal(conn, old.deal_id)?;
    touch_deal(conn, i.deal_id)?;
    index(conn, id, &i)
}

/// Deletes an interaction and its search entry.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let old = get(conn, id)?;
    conn.prepare_cached("DELETE FROM interaction WHERE id = ?1")?
        .execute([id])?;
    touch(conn, &old.contact_ids, old.company_id)?;
    touch_deal(conn, old.deal_id)?;
    search::remove(conn, RecordKind::Interaction, id)
}

fn write_participants(conn: &Connection, id: i64, at: &str, contacts: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO interaction_contact (contact_id, at, interaction_id) VALUES (?1, ?2, ?3)",
    )?;
    for c in contacts {
        stmt.execute(params![c, at, id])?;
    }
    Ok(())
}

/// Recomputes "last contacted" (the newest interaction) of contacts and a company: one index seek each.
fn touch(conn: &Connection, contacts: &[i64], company: Option<i64>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE contact SET last_interaction_at = \
         (SELECT max(at) FROM interaction_contact WHERE contact_id = ?1) WHERE id = ?1",
    )?;
    for c in contacts {
        stmt.execute([c])?;
    }
    if let Some(c) = company {
        conn.prepare_cached(
            "UPDATE company SET last_interaction_at = \
             (SELECT max(at) FROM interaction WHERE company_id = ?1) WHERE id = ?1",
        )?
        .execute([c])?;
    }
    Ok(())
}

/// Recomputes a deal's "last contacted" (its newest linked interaction): one index seek.
fn touch_deal(conn: &Connection, deal: Option<i64>) -> Result<()> {
    if let Some(d) = deal {
        conn.prepare_cached(
            "UPDATE deal SET last_interaction_at = \
             (SELECT max(at) FROM interaction WHERE deal_id = ?1) WHERE id = ?1",
        )?
        .execute([d])?;
    }
    Ok(())
}

fn index(conn: &Connection, id: i64, i: &Clean) -> Result<()> {
    let title = i
        .subject
        .clone()
        .unwrap_or_else(|| i.kind.as_str().to_owned());
    search::put(
        conn,
        &IndexEntry {
            kind: RecordKind::Interaction,
            id,
            title: &title,
            body: i.body.as_deref().unwrap_or_default(),
        },
    )
}

const COLUMNS: &str = "i.id, i.kind, i.at, i.direction, i.subject, i.body, i.company_id, i.deal_id, i.created_at, i.updated_at";

type Raw = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    String,
    String,
);

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
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
    ))
}

fn finish(conn: &Connection, raw: Raw) -> Result<Interaction> {
    let contact_ids = conn
        .prepare_cached(
            "SELECT contact_id FROM interaction_contact INDEXED BY interaction_contact_by_interaction \
             WHERE interaction_id = ?1 ORDER BY contact_id",
        )?
        .query_map([raw.0], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    finish_with(raw, contact_ids)
}

/// The participants of several interactions in one query (ids ascending, so the index is read in order):
/// interaction id → contact ids, ascending.
fn participants(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Vec<i64>>> {
    let mut sorted = ids.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let list = format!(
        "[{}]",
        sorted
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    let mut out: HashMap<i64, Vec<i64>> = HashMap::with_capacity(sorted.len());
    let mut stmt = conn.prepare_cached(
        "SELECT interaction_id, contact_id FROM interaction_contact \
         INDEXED BY interaction_contact_by_interaction \
         WHERE interaction_id IN (SELECT value FROM json_each(?1)) ORDER BY interaction_id, contact_id",
    )?;
    for row in stmt.query_map([list], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (interaction, contact) = row?;
        out.entry(interaction).or_default().push(contact);
    }
    Ok(out)
}

fn finish_with(raw: Raw, contact_ids: Vec<i64>) -> Result<Interaction> {
    let (id, kind, at, direction, subject, body, company_id, deal_id, created_at, updated_at) = raw;
    Ok(Interaction {
        id,
        kind: InteractionKind::parse(&kind)?,
        at,
        direction: Direction::parse(&direction)?,
        subject,
        body,
        contact_ids,
        company_id,
        deal_id,
        created_at,
        updated_at,
    })
}

/// One interaction.
pub fn get(conn: &Connection, id: i64) -> Result<Interaction> {
    let raw = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM interaction i WHERE i.id = ?1"
        ))?
        .query_row([id], read)
        .optional()?
        .ok_or_else(|| CrmError::NotFound {
            kind: "interaction",
            id: id.to_string(),
        })?;
    finish(conn, raw)
}

/// Whose timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineOf {
    /// Every interaction the contact took part in.
    Contact(i64),
    /// Every interaction linked to the company (including those logged with its people, which take the
    /// company of their first contact).
    Company(i64),
    /// Every interaction linked to the deal.
    Deal(i64),
}

/// A page of a timeline, newest first: ordered by date-time descending, ties broken by id descending, continuing
/// after `cursor`. Each page is one index range (`(contact_id, at, interaction_id)` or `(company_id, at, id)`).
pub fn timeline(
    conn: &Connection,
    of: TimelineOf,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Interaction>> {
    let limit = paging::clamp(limit);
    let (key, after) = match cursor {
        Some(c) => paging::decode(c)?,
        None => ("\u{10FFFF}".to_owned(), i64::MAX),
    };
    let sql = match of {
        TimelineOf::Contact(_) => format!(
            "SELECT {COLUMNS} FROM interaction_contact ic JOIN interaction i ON i.id = ic.interaction_id \
             WHERE ic.contact_id = ?1 AND (ic.at, ic.interaction_id) < (?2, ?3) \
             ORDER BY ic.at DESC, ic.interaction_id DESC LIMIT ?4"
        ),
        TimelineOf::Company(_) => format!(
            "SELECT {COLUMNS} FROM interaction i INDEXED BY interaction_by_company \
             WHERE i.company_id = ?1 AND (i.at, i.id) < (?2, ?3) ORDER BY i.at DESC, i.id DESC LIMIT ?4"
        ),
        TimelineOf::Deal(_) => format!(
            "SELECT {COLUMNS} FROM interaction i INDEXED BY interaction_by_deal \
             WHERE i.deal_id = ?1 AND (i.at, i.id) < (?2, ?3) ORDER BY i.at DESC, i.id DESC LIMIT ?4"
        ),
    };
    let (TimelineOf::Contact(owner) | TimelineOf::Company(owner) | TimelineOf::Deal(owner)) = of;
    let raws: Vec<Raw> = conn
        .prepare_cached(&sql)?
        .query_map(params![owner, key, after, i64::from(limit + 1)], read)?
        .collect::<rusqlite::Result<_>>()?;
    let page = paging::finish(raws, limit, |r| (r.2.clone(), r.0));
    // Every item's participants in one query rather than one lookup per item.
    let ids: Vec<i64> = page.items.iter().map(|r| r.0).collect();
    let mut people = participants(conn, &ids)?;
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(|raw| {
                let contact_ids = people.remove(&raw.0).unwrap_or_default();
                finish_with(raw, contact_ids)
            })
            .collect::<Result<_>>()?,
        next_cursor: page.next_cursor,
    })
}
