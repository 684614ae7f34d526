//! Custom fields: defined per entity type (contact, company, deal) with a kind — text, number (an exact decimal
//! string), date, choice from a list, boolean — and values validated against their definition. Text values are
//! searchable; every kind is filterable by value.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::paging::ListQuery;
use crate::tags::{self, Entity};
use crate::text::fold;
use crate::valid::{self, MAX_LONG_TEXT};
use crate::{CrmError, Result, now_iso};

/// Longest field name, in characters.
pub const MAX_FIELD_NAME: usize = 100;
/// Most choices a choice field may offer.
pub const MAX_CHOICES: usize = 100;
/// Most significant digits a number field holds.
pub const MAX_NUMBER_DIGITS: usize = 30;

/// What kind of value a custom field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Choice,
    Boolean,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Choice => "choice",
            FieldKind::Boolean => "boolean",
        }
    }

    /// Parses `text`, `number`, `date`, `choice` or `boolean`.
    pub fn parse(s: &str) -> Result<FieldKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(FieldKind::Text),
            "number" => Ok(FieldKind::Number),
            "date" => Ok(FieldKind::Date),
            "choice" => Ok(FieldKind::Choice),
            "boolean" => Ok(FieldKind::Boolean),
            _ => Err(CrmError::invalid(
                "kind",
                format!("\"{s}\" is not one of text, number, date, choice, boolean"),
            )),
        }
    }
}

/// A field definition as a user supplies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewField {
    pub entity: Entity,
    pub name: String,
    pub kind: FieldKind,
    /// The allowed values of a choice field (ignored for other kinds).
    pub choices: Vec<String>,
}

/// A stored field definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    pub id: i64,
    pub entity: Entity,
    pub name: String,
    pub kind: FieldKind,
    pub choices: Vec<String>,
}

/// One value of a record's custom field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    pub field_id: i64,
    pub name: String,
    pub kind: FieldKind,
    /// The canonical text (see [`normalize`]).
    pub value: String,
}

/// A filter: records whose field `field_id` holds `value` (normalised by the field's kind first, so "1,50"
/// finds 1.5 and "Sí" finds true).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldFilter {
    pub field_id: i64,
    pub value: String,
}

fn value_table(entity: Entity) -> (&'static str, &'static str) {
    match entity {
        Entity::Contact => ("contact_field", "contact_id"),
        Entity::Company => ("company_field", "company_id"),
        Entity::Deal => ("deal_field", "deal_id"),
    }
}

/// Defines a custom field for an entity type; names are unique per type regardless of case and accents.
pub fn define(conn: &Connection, input: NewField) -> Result<i64> {
    let name = valid::required(&input.name, "name", MAX_FIELD_NAME)?;
    let key = fold(&name);
    let choices = clean_choices(input.kind, input.choices)?;
    let taken: Option<i64> = conn
        .prepare_cached("SELECT id FROM field_def WHERE entity = ?1 AND name_key = ?2")?
        .query_row(params![input.entity.as_str(), key], |r| r.get(0))
        .optional()?;
    if taken.is_some() {
        return Err(CrmError::Refused(format!(
            "a {} field named \"{name}\" already exists",
            input.entity.as_str()
        )));
    }
    conn.prepare_cached(
        "INSERT INTO field_def (entity, name, name_key, kind, choices, position, created_at) VALUES \
         (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM field_def WHERE entity = ?1), ?6)",
    )?
    .execute(params![
        input.entity.as_str(),
        name,
        key,
        input.kind.as_str(),
        (!choices.is_empty()).then(|| choices.join("\n")),
        now_iso()
    ])?;
    Ok(conn.last_insert_rowid())
}

fn clean_choices(kind: FieldKind, choices: Vec<String>) -> Result<Vec<String>> {
    if kind != FieldKind::Choice {
        return Ok(Vec::new());
    }
    let mut out: Vec<String> = Vec::new();
    for c in choices {
        let c = c.trim().to_owned();
        if c.is_empty() {
            continue;
        }
        if c.contains('\n') || c.chars().count() > 100 {
            return Err(CrmError::invalid(
                "choices",
                "a choice is one line of at most 100 characters",
            ));
        }
        if out.iter().any(|o| fold(o) == fold(&c)) {
            return Err(CrmError::invalid(
                "choices",
                format!("\"{c}\" is listed twice"),
            ));
        }
        out.push(c);
    }
    if out.is_empty() || out.len() > MAX_CHOICES {
        return Err(CrmError::invalid(
            "choices",
            format!("a choice field needs between 1 and {MAX_CHOICES} choices"),
        ));
    }
    Ok(out)
}

fn read_def(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(i64, String, String, String, Option<String>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_def(
    (id, entity, name, kind, choices): (i64, String, String, String, Option<String>),
) -> Result<FieldDef> {
    Ok(FieldDef {
        id,
        entity: Entity::parse(&entity)?,
        name,
        kind: FieldKind::parse(&kind)?,
        choices: choices
            .map(|c| c.lines().map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}

/// One field definition.
pub fn definition(conn: &Connection, id: i64) -> Result<FieldDef> {
    let raw = conn
        .prepare_cached("SELECT id, entity, name, kind, choices FROM field_def WHERE id = ?1")?
        .query_row([id], read_def)
        .optional()?
        .ok_or_else(|| CrmError::NotFound {
            kind: "custom field",
            id: id.to_string(),
        })?;
    to_def(raw)
}

/// An entity type's field definitions, in the order they were defined.
pub fn definitions(conn: &Connection, entity: Entity) -> Result<Vec<FieldDef>> {
    let raws = conn
        .prepare_cached(
            "SELECT id, entity, name, kind, choices FROM field_def WHERE entity = ?1 ORDER BY position, id",
        )?
        .query_map([entity.as_str()], read_def)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(to_def).collect()
}

/// The field of an entity type named `name` (ignoring case and accents), if any.
pub fn by_name(conn: &Connection, entity: Entity, name: &str) -> Result<Option<FieldDef>> {
    let raw = conn
        .prepare_cached(
            "SELECT id, entity, name, kind, choices FROM field_def WHERE entity = ?1 AND name_key = ?2",
        )?
        .query_row(params![entity.as_str(), fold(name.trim())], read_def)
        .optional()?;
    raw.map(to_def).transpose()
}

/// Deletes a field definition and every value of it.
pub fn undefine(conn: &Connection, id: i64) -> Result<()> {
    let def = definition(conn, id)?;
    let (table, column) = value_table(def.entity);
    let records: Vec<i64> = conn
        .prepare_cached(&format!("SELECT {column} FROM {table} WHERE field_id = ?1"))?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    conn.prepare_cached("DELETE FROM field_def WHERE id = ?1")?
        .execute([id])?;
    if def.kind == FieldKind::Text {
        for record in records {
            tags::reindex(conn, def.entity, record)?;
        }
    }
    Ok(())
}

/// Checks `raw` against a definition and returns the canonical text stored: text trimmed; number as an exact
/// decimal (sign, no leading or trailing zeros, "." as the point: "0012,50" → "12.5"); date `YYYY-MM-DD`;
/// choice as listed (matched ignoring case and accents); boolean "true"/"false" (also yes/no, sí/no, 1/0).
pub fn normalize(def: &FieldDef, raw: &str) -> Result<String> {
    let v = raw.trim();
    let bad = |why: String| CrmError::invalid("custom_fields", format!("{}: {why}", def.name));
    match def.kind {
        FieldKind::Text => {
            if v.chars().count() > MAX_LONG_TEXT {
                return Err(bad(format!("at most {MAX_LONG_TEXT} characters")));
            }
            Ok(v.to_owned())
        }
        FieldKind::Number => {
            normalize_number(v).ok_or_else(|| bad(format!("\"{v}\" is not a number such as 12.5")))
        }
        FieldKind::Date => valid::date(v, "custom_fields")
            .map(valid::format_date)
            .map_err(|_| bad(format!("\"{v}\" is not a date in the form YYYY-MM-DD"))),
        FieldKind::Choice => def
            .choices
            .iter()
            .find(|c| fold(c) == fold(v))
            .cloned()
            .ok_or_else(|| bad(format!("\"{v}\" is not one of: {}", def.choices.join(", ")))),
        FieldKind::Boolean => match fold(v).as_str() {
            "true" | "yes" | "si" | "1" | "verdadero" => Ok("true".to_owned()),
            "false" | "no" | "0" | "falso" => Ok("false".to_owned()),
            _ => Err(bad(format!("\"{v}\" is not yes or no"))),
        },
    }
}

/// An exact decimal in canonical form, or `None` when `v` is not one.
pub fn normalize_number(v: &str) -> Option<String> {
    let (negative, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let (int, frac) = digits.split_once(['.', ',']).unwrap_or((digits, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    if int.len() + frac.len() > MAX_NUMBER_DIGITS {
        return None;
    }
    let int = if int.is_empty() { "0" } else { int };
    let body = if frac.is_empty() {
        int.to_owned()
    } else {
        format!("{int}.{frac}")
    };
    Some(if negative && body != "0" {
        format!("-{body}")
    } else {
        body
    })
}

/// Sets (or with `None` or blank text, clears) a record's value of a custom field.
pub fn set(
    conn: &Connection,
    entity: Entity,
    record_id: i64,
    field_id: i64,
    value: Option<&str>,
) -> Result<()> {
    let def = definition(conn, field_id)?;
    if def.entity != entity {
        return Err(CrmError::invalid(
            "custom_fields",
            format!(
                "{} is a {} field, not a {} field",
                def.name,
                def.entity.as_str(),
                entity.as_str()
            ),
        ));
    }
    let exists: Option<i64> = conn
        .prepare_cached(&format!(
            "SELECT id FROM {} WHERE id = ?1",
            entity.record_table()
        ))?
        .query_row([record_id], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(CrmError::NotFound {
            kind: entity.as_str(),
            id: record_id.to_string(),
        });
    }
    let (table, column) = value_table(entity);
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => {
            conn.prepare_cached(&format!(
                "DELETE FROM {table} WHERE field_id = ?1 AND {column} = ?2"
            ))?
            .execute(params![field_id, record_id])?;
        }
        Some(v) => {
            let v = normalize(&def, v)?;
            conn.prepare_cached(&format!(
                "INSERT INTO {table} (field_id, {column}, value) VALUES (?1, ?2, ?3) \
                 ON CONFLICT ({column}, field_id) DO UPDATE SET value = excluded.value"
            ))?
            .execute(params![field_id, record_id, v])?;
        }
    }
    if def.kind == FieldKind::Text {
        tags::reindex(conn, entity, record_id)?;
    }
    Ok(())
}

/// A record's custom field values, in definition order (unset fields are left out).
pub fn values(conn: &Connection, entity: Entity, record_id: i64) -> Result<Vec<FieldValue>> {
    let (table, column) = value_table(entity);
    let rows = conn
        .prepare_cached(&format!(
            "SELECT d.id, d.name, d.kind, v.value FROM {table} v JOIN field_def d ON d.id = v.field_id \
             WHERE v.{column} = ?1 ORDER BY d.position, d.id"
        ))?
        .query_map([record_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(field_id, name, kind, value)| {
            Ok(FieldValue {
                field_id,
                name,
                kind: FieldKind::parse(&kind)?,
                value,
            })
        })
        .collect()
}

/// A record's text field values, for its search entry.
pub(crate) fn text_values(
    conn: &Connection,
    entity: Entity,
    record_id: i64,
) -> Result<Vec<String>> {
    let (table, column) = value_table(entity);
    Ok(conn
        .prepare_cached(&format!(
            "SELECT v.value FROM {table} v JOIN field_def d ON d.id = v.field_id \
             WHERE v.{column} = ?1 AND d.kind = 'text' ORDER BY d.position"
        ))?
        .query_map([record_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Adds a field filter to a list: the condition on the record (alias `alias`) and, as its driver, the
/// `(field_id, value, record)` index range. Table and column names are fixed by the entity; the value travels
/// as a parameter, normalised by the field's kind first.
pub(crate) fn filter_into(
    conn: &Connection,
    entity: Entity,
    alias: &str,
    filter: &FieldFilter,
    q: &mut ListQuery,
) -> Result<()> {
    let def = definition(conn, filter.field_id)?;
    if def.entity != entity {
        return Err(CrmError::invalid(
            "custom_fields",
            format!("{} is not a {} field", def.name, entity.as_str()),
        ));
    }
    let value = normalize(&def, &filter.value)?;
    let (table, column) = value_table(entity);
    let values = || -> Vec<Value> { vec![filter.field_id.into(), value.clone().into()] };
    q.cond(
        &format!(
            " AND EXISTS (SELECT 1 FROM {table} f WHERE f.{column} = {alias}.id AND f.field_id = ?_ AND f.value = ?_)"
        ),
        values(),
    );
    q.driver(
        &format!("SELECT {column} AS id FROM {table} WHERE field_id = ?_ AND value = ?_"),
        values(),
        false,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    fn def(kind: FieldKind, choices: &[&str]) -> FieldDef {
        FieldDef {
            id: 1,
            entity: Entity::Contact,
            name: "Campo".into(),
            kind,
            choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    #[test]
    fn numbers_are_exact_canonical_decimals() {
        let n = |s: &str| normalize_number(s);
        assert_eq!(n("0012,50").as_deref(), Some("12.5"));
        assert_eq!(n("-0.000").as_deref(), Some("0"));
        assert_eq!(n("+7").as_deref(), Some("7"));
        assert_eq!(n(".25").as_deref(), Some("0.25"));
        assert_eq!(n("-3.10").as_deref(), Some("-3.1"));
        assert_eq!(
            n("123456789012345678901234567890").as_deref(),
            Some("123456789012345678901234567890"),
            "beyond i64 and f64 precision, kept exactly"
        );
        assert_eq!(n("1234567890123456789012345678901"), None);
        assert_eq!(n("1e5"), None);
        assert_eq!(n(""), None);
        assert_eq!(n("."), None);
        assert_eq!(n("1.2.3"), None);
    }

    #[test]
    fn values_are_checked_against_their_kind() {
        assert_eq!(
            normalize(&def(FieldKind::Date, &[]), "2026-02-01").unwrap(),
            "2026-02-01"
        );
        assert!(normalize(&def(FieldKind::Date, &[]), "2026-02-30").is_err());
        let choice = def(FieldKind::Choice, &["Pequeña", "Grande"]);
        assert_eq!(normalize(&choice, "pequena").unwrap(), "Pequeña");
        let Err(CrmError::Invalid { field, message }) = normalize(&choice, "Mediana") else {
            panic!("expected Invalid");
        };
        assert_eq!(field, "custom_fields");
        assert!(message.starts_with("Campo:"), "{message}");
        let b = def(FieldKind::Boolean, &[]);
        assert_eq!(normalize(&b, "Sí").unwrap(), "true");
        assert_eq!(normalize(&b, "no").unwrap(), "false");
        assert!(normalize(&b, "quizá").is_err());
        assert_eq!(
            normalize(&def(FieldKind::Text, &[]), "  hola ").unwrap(),
            "hola"
        );
    }

    #[test]
    fn choice_lists_are_clean() {
        assert!(clean_choices(FieldKind::Choice, vec![]).is_err());
        assert!(clean_choices(FieldKind::Choice, vec!["A".into(), "a".into()]).is_err());
        assert_eq!(
            clean_choices(FieldKind::Choice, vec![" A ".into(), "".into(), "B".into()]).unwrap(),
            vec!["A", "B"]
        );
        assert!(
            clean_choices(FieldKind::Text, vec!["ignored".into()])
                .unwrap()
                .is_empty()
        );
    }
}
