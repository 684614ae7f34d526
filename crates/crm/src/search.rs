//! The full-text search index shared by every CRM kind (FTS5, accent- and case-insensitive, prefix matching).

use rusqlite::{Connection, params};

use crate::text::fts_query;
use crate::{RecordKind, Result};

/// What the index holds for one record.
#[derive(Debug)]
pub struct IndexEntry<'a> {
    pub kind: RecordKind,
    pub id: i64,
    pub title: &'a str,
    pub body: &'a str,
}

/// One search result of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyHit {
    pub kind: RecordKind,
    pub id: i64,
    pub title: String,
}

/// The hits of one kind, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub kind: RecordKind,
    pub hits: Vec<AnyHit>,
}

fn rowid(kind: RecordKind, id: i64) -> i64 {
    id * 16 + kind.code()
}

/// Adds or replaces a record's entry.
pub fn put(conn: &Connection, entry: &IndexEntry<'_>) -> Result<()> {
    let rowid = rowid(entry.kind, entry.id);
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([rowid])?;
    conn.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, entry.title, entry.body])?;
    Ok(())
}

/// Removes a record's entry (FTS5's secure-delete overwrites its terms).
pub fn remove(conn: &Connection, kind: RecordKind, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([rowid(kind, id)])?;
    Ok(())
}

/// Above this many matches a query is "broad": ranking every match would cost more than it tells.
const RANKED_MAX: i64 = 200;

/// Best matches of the given kinds (every kind when `kinds` is empty), at most `limit`.
///
/// A query with at most [`RANKED_MAX`] matches is ranked by BM25, names weighing ten times the rest. A broader
/// one (a letter or two typed so far) is not ranked — that would score every match — but lists the records whose
/// name matches first, then the others, each in creation order; typing more narrows it to a ranked list.
pub fn query_kinds(
    conn: &Connection,
    input: &str,
    limit: u32,
    kinds: &[RecordKind],
) -> Result<Vec<AnyHit>> {
    let Some(expr) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let mask: i64 = if kinds.is_empty() {
        0xFFFF
    } else {
        kinds.iter().fold(0, |m, k| m | (1 << k.code()))
    };
    let limit = i64::from(limit.clamp(1, 500));
    let broad: bool = conn
        .prepare_cached(
            "SELECT count(*) > ?2 FROM (SELECT rowid FROM search_index WHERE search_index MATCH ?1 \
             AND ((1 << (rowid & 15)) & ?3) != 0 LIMIT ?2 + 1)",
        )?
        .query_row(params![expr, RANKED_MAX, mask], |r| r.get(0))?;
    let mut hits = Vec::new();
    if broad {
        let mut seen = std::collections::HashSet::new();
        for q in [format!("{{title}} : ({expr})"), expr] {
            let mut stmt = conn.prepare_cached(
                "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 \
                 AND ((1 << (rowid & 15)) & ?3) != 0 LIMIT ?2",
            )?;
            for row in stmt.query_map(params![q, limit, mask], read_hit)? {
                let (rowid, title) = row?;
                if hits.len() < limit as usize && seen.insert(rowid) {
                    push(&mut hits, rowid, title);
                }
            }
        }
    } else {
        let mut stmt = conn.prepare_cached(
            "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 \
             AND ((1 << (rowid & 15)) & ?3) != 0 ORDER BY bm25(search_index, 10.0, 1.0) LIMIT ?2",
        )?;
        for row in stmt.query_map(params![expr, limit, mask], read_hit)? {
            let (rowid, title) = row?;
            push(&mut hits, rowid, title);
        }
    }
    Ok(hits)
}

/// Search across everything, results grouped by kind (contacts, companies, deals, interactions, tasks — in
/// that order; kinds without hits are left out), at most `per_kind` hits in each group, best first.
pub fn grouped(conn: &Connection, input: &str, per_kind: u32) -> Result<Vec<Group>> {
    let mut groups = Vec::new();
    for kind in RecordKind::ALL {
        let hits = query_kinds(conn, input, per_kind, &[kind])?;
        if !hits.is_empty() {
            groups.push(Group { kind, hits });
        }
    }
    Ok(groups)
}

fn read_hit(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String)> {
    Ok((r.get(0)?, r.get(1)?))
}

fn push(hits: &mut Vec<AnyHit>, rowid: i64, title: String) {
    if let Some(kind) = RecordKind::from_code(rowid & 15) {
        hits.push(AnyHit {
            kind,
            id: rowid >> 4,
            title,
        });
    }
}
