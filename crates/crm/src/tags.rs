//! Tags on contacts, companies and deals: many-to-many, names unique regardless of case and accents. Tag names
//! are part of each tagged record's search entry.

use rusqlite::{Connection, OptionalExtension, params};

use crate::text::fold;
use crate::valid;
use crate::{CrmError, RecordKind, Result, companies, contacts, deals, fields, now_iso};

/// Longest tag name, in characters.
pub const MAX_TAG: usize = 50;

/// The kinds of record that carry tags and custom fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entity {
    Contact,
    Company,
    Deal,
}

impl Entity {
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Contact => "contact",
            Entity::Company => "company",
            Entity::Deal => "deal",
        }
    }

    /// Parses `contact`, `company` or `deal`.
    pub fn parse(s: &str) -> Result<Entity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "contact" => Ok(Entity::Contact),
            "company" => Ok(Entity::Company),
            "deal" => Ok(Entity::Deal),
            _ => Err(CrmError::invalid(
                "entity",
                format!("\"{s}\" is not one of contact, company, deal"),
            )),
        }
    }

    /// The link table and its record column (fixed names, never user input).
    fn tag_table(self) -> (&'static str, &'static str) {
        match self {
            Entity::Contact => ("contact_tag", "contact_id"),
            Entity::Company => ("company_tag", "company_id"),
            Entity::Deal => ("deal_tag", "deal_id"),
        }
    }

    pub(crate) fn record_table(self) -> &'static str {
        match self {
            Entity::Contact => "contact",
            Entity::Company => "company",
            Entity::Deal => "deal",
        }
    }
}

/// Rewrites a record's search entry after its tags or custom fields changed.
pub(crate) fn reindex(conn: &Connection, entity: Entity, id: i64) -> Result<()> {
    match entity {
        Entity::Contact => contacts::reindex(conn, id),
        Entity::Company => companies::reindex(conn, id),
        Entity::Deal => deals::reindex(conn, id),
    }
}

/// A tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub id: i64,
    pub name: String,
}

fn clean_name(name: &str) -> Result<(String, String)> {
    let name = valid::required(name, "tag", MAX_TAG)?;
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = fold(&name);
    Ok((name, key))
}

/// The id of the tag named `name` (ignoring case and accents), creating it if there is none.
pub fn ensure(conn: &Connection, name: &str) -> Result<i64> {
    let (name, key) = clean_name(name)?;
    if let Some(id) = find(conn, &key)? {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO tag (name, name_key, created_at) VALUES (?1, ?2, ?3)")?
        .execute(params![name, key, now_iso()])?;
    Ok(conn.last_insert_rowid())
}

fn find(conn: &Connection, key: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM tag WHERE name_key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// The tag named `name` (ignoring case and accents), if any.
pub fn by_name(conn: &Connection, name: &str) -> Result<Option<Tag>> {
    let (_, key) = clean_name(name)?;
    Ok(conn
        .prepare_cached("SELECT id, name FROM tag WHERE name_key = ?1")?
        .query_row([key], |r| {
            Ok(Tag {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })
        .optional()?)
}

/// Renames a tag; a name another tag already has (ignoring case and accents) is refused.
pub fn rename(conn: &Connection, id: i64, name: &str) -> Result<()> {
    let (name, key) = clean_name(name)?;
    if find(conn, &key)?.is_some_and(|other| other != id) {
        return Err(CrmError::Refused(format!(
            "a tag named \"{name}\" already exists"
        )));
    }
    let changed = conn
        .prepare_cached("UPDATE tag SET name = ?2, name_key = ?3 WHERE id = ?1")?
        .execute(params![id, name, key])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    reindex_tagged(conn, id)
}

/// Deletes a tag and removes it from every record.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let tagged = tagged_records(conn, id)?;
    let changed = conn
        .prepare_cached("DELETE FROM tag WHERE id = ?1")?
        .execute([id])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    for (entity, record) in tagged {
        reindex(conn, entity, record)?;
    }
    Ok(())
}

fn tagged_records(conn: &Connection, tag_id: i64) -> Result<Vec<(Entity, i64)>> {
    let mut out = Vec::new();
    for entity in [Entity::Contact, Entity::Company, Entity::Deal] {
        let (table, column) = entity.tag_table();
        let ids: Vec<i64> = conn
            .prepare_cached(&format!("SELECT {column} FROM {table} WHERE tag_id = ?1"))?
            .query_map([tag_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        out.extend(ids.into_iter().map(|id| (entity, id)));
    }
    Ok(out)
}

fn reindex_tagged(conn: &Connection, tag_id: i64) -> Result<()> {
    for (entity, record) in tagged_records(conn, tag_id)? {
        reindex(conn, entity, record)?;
    }
    Ok(())
}

fn not_found(id: i64) -> CrmError {
    CrmError::NotFound {
        kind: "tag",
        id: id.to_string(),
    }
}

/// Every tag, in folded-name order.
pub fn list(conn: &Connection) -> Result<Vec<Tag>> {
    Ok(conn
        .prepare_cached("SELECT id, name FROM tag ORDER BY name_key")?
        .query_map([], |r| {
            Ok(Tag {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

fn check_record(conn: &Connection, entity: Entity, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .prepare_cached(&format!(
            "SELECT id FROM {} WHERE id = ?1",
            entity.record_table()
        ))?
        .query_row([id], |r| r.get(0))
        .optional()?;
    if found.is_none() {
        return Err(CrmError::NotFound {
            kind: entity.as_str(),
            id: id.to_string(),
        });
    }
    Ok(())
}

/// Puts the tag named `name` on a record (creating the tag if needed); returns the tag's id. Tagging twice is
/// harmless.
pub fn add(conn: &Connection, entity: Entity, record_id: i64, name: &str) -> Result<i64> {
    check_record(conn, entity, record_id)?;
    let tag_id = ensure(conn, name)?;
    let (table, column) = entity.tag_table();
    conn.prepare_cached(&format!(
        "INSERT OR IGNORE INTO {table} (tag_id, {column}) VALUES (?1, ?2)"
    ))?
    .execute(params![tag_id, record_id])?;
    reindex(conn, entity, record_id)?;
    Ok(tag_id)
}

/// Takes a tag off a record (no error when it was not there).
pub fn remove(conn: &Connection, entity: Entity, record_id: i64, tag_id: i64) -> Result<()> {
    check_record(conn, entity, record_id)?;
    let (table, column) = entity.tag_table();
    conn.prepare_cached(&format!(
        "DELETE FROM {table} WHERE tag_id = ?1 AND {column} = ?2"
    ))?
    .execute(params![tag_id, record_id])?;
    reindex(conn, entity, record_id)
}

/// A record's tags, in folded-name order.
pub fn of(conn: &Connection, entity: Entity, record_id: i64) -> Result<Vec<Tag>> {
    let (table, column) = entity.tag_table();
    Ok(conn
        .prepare_cached(&format!(
            "SELECT t.id, t.name FROM {table} l JOIN tag t ON t.id = l.tag_id WHERE l.{column} = ?1 \
             ORDER BY t.name_key"
        ))?
        .query_map([record_id], |r| {
            Ok(Tag {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// The text a record's tags and custom text fields add to its search entry.
pub(crate) fn index_text(conn: &Connection, kind: RecordKind, id: i64) -> Result<Vec<String>> {
    let entity = match kind {
        RecordKind::Contact => Entity::Contact,
        RecordKind::Company => Entity::Company,
        RecordKind::Deal => Entity::Deal,
        RecordKind::Interaction | RecordKind::Task => return Ok(Vec::new()),
    };
    let mut out: Vec<String> = of(conn, entity, id)?.into_iter().map(|t| t.name).collect();
    out.extend(fields::text_values(conn, entity, id)?);
    Ok(out)
}
