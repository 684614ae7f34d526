//! Deals and the pipeline: configurable ordered stages with default probabilities (open, won, lost), deals with
//! money in integer minor units, recorded stage moves, the revenue forecast and won/lost figures.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::fields::{self, FieldFilter};
use crate::money::{Currency, Money, div_round_half_away};
pub use crate::paging::Sort;
use crate::paging::{self, ListQuery, Page};
use crate::search::{self, IndexEntry};
use crate::tags::Entity;
use crate::text::fold;
use crate::valid::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::{CrmError, RecordKind, Result, now_iso};

/// What reaching a stage means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageKind {
    /// Still being worked on: counts in the forecast.
    Open,
    /// Terminal: the deal was won.
    Won,
    /// Terminal: the deal was lost.
    Lost,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }

    /// Parses `open`, `won` or `lost`.
    pub fn parse(s: &str) -> Result<StageKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(StageKind::Open),
            "won" => Ok(StageKind::Won),
            "lost" => Ok(StageKind::Lost),
            _ => Err(CrmError::invalid(
                "kind",
                format!("\"{s}\" is not one of open, won, lost"),
            )),
        }
    }
}

/// A pipeline stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub id: i64,
    pub name: String,
    pub position: i64,
    /// The probability a deal takes when it enters this stage, 0–100.
    pub probability: u8,
    pub kind: StageKind,
}

/// A stage as a user configures it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStage {
    pub name: String,
    pub probability: u8,
    pub kind: StageKind,
}

fn check_probability(p: u8, field: &'static str) -> Result<u8> {
    if p > 100 {
        return Err(CrmError::invalid(
            field,
            "a probability is between 0 and 100",
        ));
    }
    Ok(p)
}

fn clean_stage(s: NewStage) -> Result<(NewStage, String)> {
    let name = valid::required(&s.name, "name", 100)?;
    let key = fold(&name);
    Ok((
        NewStage {
            name,
            probability: check_probability(s.probability, "probability")?,
            kind: s.kind,
        },
        key,
    ))
}

fn read_stage(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String, i64, u8, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_stage(
    (id, name, position, probability, kind): (i64, String, i64, u8, String),
) -> Result<Stage> {
    Ok(Stage {
        id,
        name,
        position,
        probability,
        kind: StageKind::parse(&kind)?,
    })
}

/// Every stage in pipeline order.
pub fn stages(conn: &Connection) -> Result<Vec<Stage>> {
    conn.prepare_cached(
        "SELECT id, name, position, probability, kind FROM deal_stage ORDER BY position, id",
    )?
    .query_map([], read_stage)?
    .collect::<rusqlite::Result<Vec<_>>>()?
    .into_iter()
    .map(to_stage)
    .collect()
}

/// One stage.
pub fn stage(conn: &Connection, id: i64) -> Result<Stage> {
    let raw = conn
        .prepare_cached(
            "SELECT id, name, position, probability, kind FROM deal_stage WHERE id = ?1",
        )?
        .query_row([id], read_stage)
        .optional()?
        .ok_or_else(|| CrmError::NotFound {
            kind: "stage",
            id: id.to_string(),
        })?;
    to_stage(raw)
}

/// The stage named `name`, ignoring case and accents ("negociacion" finds "Negociación").
pub fn stage_by_name(conn: &Connection, name: &str) -> Result<Stage> {
    let raw = conn
        .prepare_cached(
            "SELECT id, name, position, probability, kind FROM deal_stage WHERE name_key = ?1",
        )?
        .query_row([fold(name.trim())], read_stage)
        .optional()?
        .ok_or_else(|| {
            CrmError::invalid(
                "stage",
                format!("there is no stage named \"{}\"", name.trim()),
            )
        })?;
    to_stage(raw)
}

fn name_taken(conn: &Connection, key: &str, except: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT id FROM deal_stage WHERE name_key = ?1 AND id != ?2")?
        .query_row(params![key, except], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// Adds a stage at the end of the pipeline; returns its id.
pub fn add_stage(conn: &Connection, input: NewStage) -> Result<i64> {
    let (s, key) = clean_stage(input)?;
    if name_taken(conn, &key, 0)? {
        return Err(CrmError::Refused(format!(
            "a stage named \"{}\" already exists",
            s.name
        )));
    }
    conn.prepare_cached(
        "INSERT INTO deal_stage (name, name_key, position, probability, kind) \
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM deal_stage), ?3, ?4)",
    )?
    .execute(params![s.name, key, s.probability, s.kind.as_str()])?;
    Ok(conn.last_insert_rowid())
}

/// Renames a stage or changes its default probability or kind. Deals already in it keep their probability;
/// the pipeline must keep at least one stage of each kind.
pub fn update_stage(conn: &Connection, id: i64, input: NewStage) -> Result<()> {
    let (s, key) = clean_stage(input)?;
    let old = stage(conn, id)?;
    if name_taken(conn, &key, id)? {
        return Err(CrmError::Refused(format!(
            "a stage named \"{}\" already exists",
            s.name
        )));
    }
    if old.kind != s.kind {
        require_another_of_kind(conn, &old)?;
        let deals: i64 = conn
            .prepare_cached("SELECT count(*) FROM deal WHERE stage_id = ?1")?
            .query_row([id], |r| r.get(0))?;
        if deals > 0 {
            return Err(CrmError::Refused(
                "a stage holding deals cannot change between open, won and lost; move its deals first"
                    .to_owned(),
            ));
        }
    }
    conn.prepare_cached(
        "UPDATE deal_stage SET name = ?2, name_key = ?3, probability = ?4, kind = ?5 WHERE id = ?1",
    )?
    .execute(params![id, s.name, key, s.probability, s.kind.as_str()])?;
    Ok(())
}

fn require_another_of_kind(conn: &Connection, s: &Stage) -> Result<()> {
    let others: i64 = conn
        .prepare_cached("SELECT count(*) FROM deal_stage WHERE kind = ?1 AND id != ?2")?
        .query_row(params![s.kind.as_str(), s.id], |r| r.get(0))?;
    if others == 0 {
        return Err(CrmError::Refused(format!(
            "the pipeline needs at least one {} stage",
            s.kind.as_str()
        )));
    }
    Ok(())
}

/// Sets the pipeline order: `ids` must list every stage exactly once.
pub fn reorder_stages(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut current: Vec<i64> = stages(conn)?.into_iter().map(|s| s.id).collect();
    let mut wanted = ids.to_vec();
    current.sort_unstable();
    wanted.sort_unstable();
    if current != wanted {
        return Err(CrmError::invalid("stages", "list every stage exactly once"));
    }
    let mut stmt = conn.prepare_cached("UPDATE deal_stage SET position = ?2 WHERE id = ?1")?;
    for (pos, id) in ids.iter().enumerate() {
        stmt.execute(params![id, pos as i64 + 1])?;
    }
    Ok(())
}

/// Deletes a stage that holds no deals (moves keep its name); the pipeline keeps one stage of each kind.
pub fn delete_stage(conn: &Connection, id: i64) -> Result<()> {
    let s = stage(conn, id)?;
    let deals: i64 = conn
        .prepare_cached("SELECT count(*) FROM deal WHERE stage_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    if deals > 0 {
        return Err(CrmError::Refused(format!(
            "the stage \"{}\" holds {deals} deal(s); move them first",
            s.name
        )));
    }
    require_another_of_kind(conn, &s)?;
    conn.prepare_cached("DELETE FROM deal_stage WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

// ----- deals -----

/// What a user supplies for a deal, before validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDeal {
    pub title: String,
    /// The stage; `None` means the first open stage.
    pub stage_id: Option<i64>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    /// Value in major units as a decimal string ("12500.00"); must not be negative.
    pub value: String,
    /// ISO 4217 code.
    pub currency: String,
    /// 0–100; `None` takes the stage's default probability.
    pub probability: Option<u8>,
    /// `YYYY-MM-DD`.
    pub expected_close: Option<String>,
    pub owner_notes: Option<String>,
}

/// A stored deal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deal {
    pub id: i64,
    pub title: String,
    pub stage_id: i64,
    pub stage_name: String,
    pub stage_kind: StageKind,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub value: Money,
    pub probability: u8,
    pub expected_close: Option<String>,
    pub owner_notes: Option<String>,
    /// Why it was won or lost.
    pub reason: Option<String>,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// When the newest interaction linked to the deal happened (UTC), if any.
    pub last_interaction_at: Option<String>,
}

/// One recorded stage move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub at: String,
}

struct Clean {
    title: String,
    stage: Stage,
    company_id: Option<i64>,
    contact_id: Option<i64>,
    value: Money,
    probability: u8,
    expected_close: Option<String>,
    owner_notes: Option<String>,
}

fn first_open_stage(conn: &Connection) -> Result<Stage> {
    stages(conn)?
        .into_iter()
        .find(|s| s.kind == StageKind::Open)
        .ok_or_else(|| CrmError::invalid("stage", "the pipeline has no open stage"))
}

fn check_link(
    conn: &Connection,
    table: &'static str,
    kind: &'static str,
    id: Option<i64>,
) -> Result<()> {
    if let Some(id) = id {
        let found: Option<i64> = conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE id = ?1"))?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Err(CrmError::NotFound {
                kind,
                id: id.to_string(),
            });
        }
    }
    Ok(())
}

fn clean(conn: &Connection, d: NewDeal) -> Result<Clean> {
    let title = valid::required(&d.title, "title", MAX_SHORT_TEXT)?;
    let stage = match d.stage_id {
        Some(id) => stage(conn, id)
            .map_err(|_| CrmError::invalid("stage", format!("there is no stage {id}")))?,
        None => first_open_stage(conn)?,
    };
    let value = Money::parse_non_negative(&d.value, &d.currency, "value")?;
    let probability = match d.probability {
        Some(p) => check_probability(p, "probability")?,
        None => stage.probability,
    };
    check_link(conn, "company", "company", d.company_id)?;
    check_link(conn, "contact", "contact", d.contact_id)?;
    Ok(Clean {
        title,
        stage,
        company_id: d.company_id,
        contact_id: d.contact_id,
        value,
        probability,
        expected_close: valid::optional_date(d.expected_close, "expected_close")?,
        owner_notes: valid::optional(d.owner_notes, "owner_notes", MAX_LONG_TEXT)?,
    })
}

/// Creates a deal; its arrival in its first stage is recorded as a move at `at` (ISO 8601 date-time). Returns
/// its id.
pub fn insert(conn: &Connection, input: NewDeal, at: &str) -> Result<i64> {
    let at = valid::datetime(at, "at")?;
    let d = clean(conn, input)?;
    let closed_at = (d.stage.kind != StageKind::Open).then(|| at.clone());
    let now = now_iso();
    conn.prepare_cached(
        "INSERT INTO deal (title, sort_key, stage_id, company_id, contact_id, value_minor, currency, probability, \
         expected_close, owner_notes, closed_at, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        d.title,
        fold(&d.title),
        d.stage.id,
        d.company_id,
        d.contact_id,
        d.value.minor,
        d.value.currency.code(),
        d.probability,
        d.expected_close,
        d.owner_notes,
        closed_at,
        now
    ])?;
    let id = conn.last_insert_rowid();
    record_move(conn, id, None, &d.stage, &at)?;
    reindex(conn, id)?;
    Ok(id)
}

/// Replaces a deal's fields. A different stage counts as a move (see [`move_to`]) at `at`.
///
/// Moving into a lost stage needs a reason, so it is refused here: use [`move_to`]. Nothing is written when any
/// check fails.
pub fn update(conn: &Connection, id: i64, input: NewDeal, at: &str) -> Result<()> {
    let at = valid::datetime(at, "at")?;
    let old = get(conn, id)?;
    let wants_stage = input.stage_id;
    let explicit_probability = input.probability.is_some();
    let d = clean(
        conn,
        NewDeal {
            stage_id: Some(wants_stage.unwrap_or(old.stage_id)),
            ..input
        },
    )?;
    if d.stage.id != old.stage_id && d.stage.kind == StageKind::Lost {
        return Err(CrmError::invalid(
            "reason",
            "moving a deal to a lost stage needs a reason: move it with its reason",
        ));
    }
    let probability = if explicit_probability || d.stage.id != old.stage_id {
        d.probability
    } else {
        old.probability
    };
    conn.prepare_cached(
        "UPDATE deal SET title = ?2, sort_key = ?3, company_id = ?4, contact_id = ?5, value_minor = ?6, \
         currency = ?7, probability = ?8, expected_close = ?9, owner_notes = ?10, updated_at = ?11 WHERE id = ?1",
    )?
    .execute(params![
        id,
        d.title,
        fold(&d.title),
        d.company_id,
        d.contact_id,
        d.value.minor,
        d.value.currency.code(),
        probability,
        d.expected_close,
        d.owner_notes,
        now_iso()
    ])?;
    if d.stage.id != old.stage_id {
        move_to(conn, id, d.stage.id, &at, None)?;
        if explicit_probability {
            conn.prepare_cached("UPDATE deal SET probability = ?2 WHERE id = ?1")?
                .execute(params![id, probability])?;
        }
    }
    reindex(conn, id)
}

/// Moves a deal to another stage at `at` (ISO 8601 date-time) and records the move. The deal takes the
/// stage's default probability. Entering a won or lost stage closes the deal at `at` with `reason` (required for
/// lost); moving back to an open stage reopens it and clears the reason.
pub fn move_to(
    conn: &Connection,
    id: i64,
    stage_id: i64,
    at: &str,
    reason: Option<String>,
) -> Result<()> {
    let at = valid::datetime(at, "at")?;
    let reason = valid::optional(reason, "reason", MAX_LONG_TEXT)?;
    let deal = get(conn, id)?;
    let to = stage(conn, stage_id)
        .map_err(|_| CrmError::invalid("stage", format!("there is no stage {stage_id}")))?;
    if to.kind == StageKind::Lost && reason.is_none() {
        return Err(CrmError::invalid("reason", "say why the deal was lost"));
    }
    if to.id == deal.stage_id {
        return Ok(());
    }
    let (closed_at, reason) = match to.kind {
        StageKind::Open => (None, None),
        StageKind::Won | StageKind::Lost => (Some(at.clone()), reason),
    };
    conn.prepare_cached(
        "UPDATE deal SET stage_id = ?2, probability = ?3, closed_at = ?4, reason = ?5, updated_at = ?6 \
         WHERE id = ?1",
    )?
    .execute(params![id, to.id, to.probability, closed_at, reason, now_iso()])?;
    let from = stage(conn, deal.stage_id).ok();
    record_move(conn, id, from.as_ref(), &to, &at)?;
    reindex(conn, id)
}

fn record_move(
    conn: &Connection,
    deal_id: i64,
    from: Option<&Stage>,
    to: &Stage,
    at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO deal_move (deal_id, from_stage_id, to_stage_id, from_name, to_name, at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        deal_id,
        from.map(|s| s.id),
        to.id,
        from.map(|s| &s.name),
        to.name,
        at
    ])?;
    Ok(())
}

/// A deal's stage moves, oldest first (the first is its arrival in the pipeline).
pub fn moves(conn: &Connection, id: i64) -> Result<Vec<Move>> {
    Ok(conn
        .prepare_cached(
            "SELECT from_name, to_name, at FROM deal_move WHERE deal_id = ?1 ORDER BY id",
        )?
        .query_map([id], |r| {
            Ok(Move {
                from_stage: r.get(0)?,
                to_stage: r.get(1)?,
                at: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Deletes a deal with its moves, tags, field values and search entry; its interactions and tasks stay, unlinked.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached("DELETE FROM deal WHERE id = ?1")?
        .execute([id])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    search::remove(conn, RecordKind::Deal, id)
}

/// Deletes every deal of a company (a company deleted with cascade).
pub(crate) fn delete_for_company(conn: &Connection, company_id: i64) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM deal WHERE company_id = ?1")?
        .query_map([company_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        delete(conn, id)?;
    }
    Ok(())
}

fn not_found(id: i64) -> CrmError {
    CrmError::NotFound {
        kind: "deal",
        id: id.to_string(),
    }
}

/// Rewrites a deal's search entry: title; company and contact names, stage, notes, reason, tags, custom text.
pub(crate) fn reindex(conn: &Connection, id: i64) -> Result<()> {
    let d = get(conn, id)?;
    let mut body: Vec<String> = Vec::new();
    if let Some(cid) = d.company_id {
        body.extend(
            conn.prepare_cached("SELECT name FROM company WHERE id = ?1")?
                .query_row([cid], |r| r.get::<_, String>(0))
                .optional()?,
        );
    }
    if let Some(cid) = d.contact_id {
        body.extend(
            conn.prepare_cached("SELECT name FROM contact WHERE id = ?1")?
                .query_row([cid], |r| r.get::<_, String>(0))
                .optional()?,
        );
    }
    body.push(d.stage_name.clone());
    body.extend(d.owner_notes.clone());
    body.extend(d.reason.clone());
    body.extend(crate::tags::index_text(conn, RecordKind::Deal, id)?);
    search::put(
        conn,
        &IndexEntry {
            kind: RecordKind::Deal,
            id,
            title: &d.title,
            body: &body.join("\n"),
        },
    )
}

const DEAL_COLUMNS: &str = "d.id, d.title, d.stage_id, s.name, s.kind, d.company_id, d.contact_id, d.value_minor, \
     d.currency, d.probability, d.expected_close, d.owner_notes, d.reason, d.closed_at, d.created_at, d.updated_at, \
     d.sort_key, d.last_interaction_at";

struct RawDeal {
    id: i64,
    title: String,
    stage_id: i64,
    stage_name: String,
    stage_kind: String,
    company_id: Option<i64>,
    contact_id: Option<i64>,
    value_minor: i64,
    currency: String,
    probability: u8,
    expected_close: Option<String>,
    owner_notes: Option<String>,
    reason: Option<String>,
    closed_at: Option<String>,
    created_at: String,
    updated_at: String,
    last_interaction_at: Option<String>,
}

fn read_deal(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawDeal> {
    Ok(RawDeal {
        id: r.get(0)?,
        title: r.get(1)?,
        stage_id: r.get(2)?,
        stage_name: r.get(3)?,
        stage_kind: r.get(4)?,
        company_id: r.get(5)?,
        contact_id: r.get(6)?,
        value_minor: r.get(7)?,
        currency: r.get(8)?,
        probability: r.get(9)?,
        expected_close: r.get(10)?,
        owner_notes: r.get(11)?,
        reason: r.get(12)?,
        closed_at: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        last_interaction_at: r.get(17)?,
    })
}

fn finish_deal(r: RawDeal) -> Result<Deal> {
    Ok(Deal {
        id: r.id,
        title: r.title,
        stage_id: r.stage_id,
        stage_name: r.stage_name,
        stage_kind: StageKind::parse(&r.stage_kind)?,
        company_id: r.company_id,
        contact_id: r.contact_id,
        value: Money {
            minor: r.value_minor,
            currency: Currency::parse(&r.currency, "currency")?,
        },
        probability: r.probability,
        expected_close: r.expected_close,
        owner_notes: r.owner_notes,
        reason: r.reason,
        closed_at: r.closed_at,
        created_at: r.created_at,
        updated_at: r.updated_at,
        last_interaction_at: r.last_interaction_at,
    })
}

/// One deal.
pub fn get(conn: &Connection, id: i64) -> Result<Deal> {
    let raw = conn
        .prepare_cached(&format!(
            "SELECT {DEAL_COLUMNS} FROM deal d JOIN deal_stage s ON s.id = d.stage_id WHERE d.id = ?1"
        ))?
        .query_row([id], read_deal)
        .optional()?
        .ok_or_else(|| not_found(id))?;
    finish_deal(raw)
}

/// Filters for the deal list; every filter set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealFilter {
    /// One kanban column (walks the `(stage_id, sort_key, id)` index).
    pub stage_id: Option<i64>,
    pub company_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub tag_id: Option<i64>,
    pub field: Option<FieldFilter>,
    /// Only deals whose last linked interaction is before this date-time (ISO 8601), or that have none.
    pub last_contacted_before: Option<String>,
    /// Only deals with a linked interaction at or after this date-time (ISO 8601).
    pub last_contacted_after: Option<String>,
    /// The order (title by default; "newest" is creation order, newest first).
    pub sort: Sort,
}

/// The list's query: its conditions, and the filters that can drive it.
pub(crate) fn list_query(conn: &Connection, filter: &DealFilter) -> Result<ListQuery> {
    let mut q = ListQuery {
        columns: DEAL_COLUMNS.to_owned(),
        ncols: 16,
        table: "deal d",
        alias: "d",
        joins: " JOIN deal_stage s ON s.id = d.stage_id",
        contact_index: "deal_by_last_interaction",
        ..ListQuery::default()
    };
    for (column, index, value) in [
        ("stage_id", "deal_by_stage", filter.stage_id),
        ("company_id", "deal_by_company", filter.company_id),
        ("contact_id", "deal_by_contact", filter.contact_id),
    ] {
        if let Some(v) = value {
            q.cond(&format!(" AND d.{column} = ?_"), vec![v.into()]);
            q.driver(
                &format!("SELECT id FROM deal INDEXED BY {index} WHERE {column} = ?_"),
                vec![v.into()],
                false,
            );
        }
    }
    if let Some(tag) = filter.tag_id {
        q.cond(
            " AND EXISTS (SELECT 1 FROM deal_tag t WHERE t.deal_id = d.id AND t.tag_id = ?_)",
            vec![tag.into()],
        );
        q.driver(
            "SELECT deal_id AS id FROM deal_tag WHERE tag_id = ?_",
            vec![tag.into()],
            false,
        );
    }
    if let Some(before) = &filter.last_contacted_before {
        let before = valid::datetime(before, "last_contacted_before")?;
        q.cond(
            " AND (d.last_interaction_at IS NULL OR d.last_interaction_at < ?_)",
            vec![before.clone().into()],
        );
        q.driver(
            "SELECT id FROM deal INDEXED BY deal_by_last_interaction \
             WHERE last_interaction_at IS NULL OR last_interaction_at < ?_",
            vec![before.clone().into()],
            true,
        );
        q.contacted_before = Some(before);
    }
    if let Some(after) = &filter.last_contacted_after {
        let after = valid::datetime(after, "last_contacted_after")?;
        q.cond(
            " AND d.last_interaction_at >= ?_",
            vec![after.clone().into()],
        );
        q.driver(
            "SELECT id FROM deal WHERE last_interaction_at >= ?_",
            vec![after.into()],
            true,
        );
        q.contacted_after = true;
    }
    if let Some(f) = &filter.field {
        fields::filter_into(conn, Entity::Deal, "d", f, &mut q)?;
    }
    Ok(q)
}

/// A page of deals that pass `filter`, in `filter.sort` order (folded title, then id, by default), continuing
/// after `cursor` (a cursor belongs to one sort). See [`paging::sorted`] for how the rows are found.
pub fn list(
    conn: &Connection,
    filter: &DealFilter,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Deal>> {
    let q = list_query(conn, filter)?;
    let page = paging::sorted(conn, &q, filter.sort, limit, cursor, read_deal, |r| r.id)?;
    Ok(Page {
        items: page
            .items
            .into_iter()
            .map(finish_deal)
            .collect::<Result<_>>()?,
        next_cursor: page.next_cursor,
    })
}

// ----- figures -----

/// One stage of the pipeline summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageSummary {
    pub stage: Stage,
    pub count: u64,
    /// Σ value per currency (currencies in code order; none when the stage is empty).
    pub totals: Vec<Money>,
}

/// Every stage in pipeline order with its number of deals and their value per currency (never summed across
/// currencies). Read from the `(stage_id, currency, value_minor, …)` index alone.
pub fn pipeline(conn: &Connection) -> Result<Vec<StageSummary>> {
    let mut sums: BTreeMap<i64, (u64, BTreeMap<String, i128>)> = BTreeMap::new();
    let rows = conn
        .prepare_cached(
            "SELECT stage_id, currency, count(*), sum(value_minor) FROM deal INDEXED BY deal_pipeline \
             GROUP BY stage_id, currency",
        )?
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (stage_id, currency, count, sum) in rows {
        let e = sums.entry(stage_id).or_default();
        e.0 += count.unsigned_abs();
        *e.1.entry(currency).or_default() += i128::from(sum);
    }
    stages(conn)?
        .into_iter()
        .map(|stage| {
            let (count, per) = sums.remove(&stage.id).unwrap_or_default();
            let totals = per
                .into_iter()
                .map(|(c, v)| money(v, &c))
                .collect::<Result<_>>()?;
            Ok(StageSummary {
                stage,
                count,
                totals,
            })
        })
        .collect()
}

fn money(minor: i128, currency: &str) -> Result<Money> {
    Ok(Money {
        minor: i64::try_from(minor)
            .map_err(|_| CrmError::invalid("value", "the total is too large"))?,
        currency: Currency::parse(currency, "currency")?,
    })
}

/// One month and currency of the revenue forecast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForecastLine {
    /// `YYYY-MM` of the expected close date; `None` for open deals without one.
    pub month: Option<String>,
    /// Σ value × probability / 100, rounded once (see [`forecast`]).
    pub weighted: Money,
    /// Σ value, unweighted.
    pub total: Money,
    pub deals: u64,
}

/// The revenue forecast of open deals, by month of expected close and by currency.
///
/// **Rule.** For each (month, currency) the exact sum Σ (value in minor units × probability) is taken in
/// 128-bit integers, then divided by 100 and rounded **once**, half away from zero, to the minor unit. Currencies
/// are never mixed: each currency is its own line. Won and lost deals are not forecast (see [`won_lost`]).
/// Rounding once per line (not per deal) keeps the forecast equal to what the exact arithmetic gives: two deals
/// of 0.01 EUR at 50 % forecast 0.01 EUR, not 0.02.
///
/// `from_month` / `to_month` (`YYYY-MM`, inclusive) bound the months; deals without an expected close date are
/// included (as month `None`, listed first) only when no bound is given. Lines come in month, then currency order.
pub fn forecast(
    conn: &Connection,
    from_month: Option<&str>,
    to_month: Option<&str>,
) -> Result<Vec<ForecastLine>> {
    let from = from_month
        .map(|m| check_month(m, "from_month"))
        .transpose()?;
    let to = to_month.map(|m| check_month(m, "to_month")).transpose()?;
    let bounded = from.is_some() || to.is_some();
    let lo = from.map(|m| format!("{m}-01")).unwrap_or_default();
    let hi = to
        .map(|m| format!("{m}-32"))
        .unwrap_or_else(|| "9999-99-99".to_owned());
    let mut groups: BTreeMap<(Option<String>, String), (i128, i128, u64)> = BTreeMap::new();
    let rows = conn
        .prepare_cached(
            "SELECT substr(d.expected_close, 1, 7), d.currency, d.value_minor, d.probability \
             FROM deal d INDEXED BY deal_by_close JOIN deal_stage s ON s.id = d.stage_id \
             WHERE s.kind = 'open' AND ((?3 = 0 AND d.expected_close IS NULL) \
                OR (d.expected_close >= ?1 AND d.expected_close <= ?2))",
        )?
        .query_map(params![lo, hi, bounded], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, u8>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (month, currency, value, probability) in rows {
        let g = groups.entry((month, currency)).or_default();
        g.0 += i128::from(value) * i128::from(probability);
        g.1 += i128::from(value);
        g.2 += 1;
    }
    groups
        .into_iter()
        .map(|((month, currency), (weighted_x100, total, deals))| {
            Ok(ForecastLine {
                month,
                weighted: money(div_round_half_away(weighted_x100, 100), &currency)?,
                total: money(total, &currency)?,
                deals,
            })
        })
        .collect()
}

fn check_month(m: &str, field: &'static str) -> Result<String> {
    let d = valid::date(&format!("{}-01", m.trim()), field).map_err(|_| {
        CrmError::invalid(field, format!("\"{m}\" is not a month in the form YYYY-MM"))
    })?;
    Ok(valid::format_date(d)[..7].to_owned())
}

/// Won and lost figures for one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcomes {
    pub currency: Currency,
    pub won_count: u64,
    pub won: Money,
    pub lost_count: u64,
    pub lost: Money,
}

/// Deals won and lost whose closing date-time falls in `[from, to)` (ISO 8601 date-times), per currency.
pub fn won_lost(conn: &Connection, from: &str, to: &str) -> Result<Vec<Outcomes>> {
    let from = valid::datetime(from, "from")?;
    let to = valid::datetime(to, "to")?;
    let rows = conn
        .prepare_cached(
            "SELECT d.currency, s.kind, count(*), sum(d.value_minor) FROM deal d INDEXED BY deal_by_closed_at \
             JOIN deal_stage s ON s.id = d.stage_id WHERE d.closed_at >= ?1 AND d.closed_at < ?2 \
             AND s.kind IN ('won', 'lost') GROUP BY d.currency, s.kind",
        )?
        .query_map(params![from, to], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: BTreeMap<String, Outcomes> = BTreeMap::new();
    for (currency, kind, count, sum) in rows {
        let c = Currency::parse(&currency, "currency")?;
        let e = out.entry(currency).or_insert(Outcomes {
            currency: c,
            won_count: 0,
            won: Money {
                minor: 0,
                currency: c,
            },
            lost_count: 0,
            lost: Money {
                minor: 0,
                currency: c,
            },
        });
        if kind == "won" {
            e.won_count = count.unsigned_abs();
            e.won.minor = sum;
        } else {
            e.lost_count = count.unsigned_abs();
            e.lost.minor = sum;
        }
    }
    Ok(out.into_values().collect())
}
