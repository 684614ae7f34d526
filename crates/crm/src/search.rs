//! The full-text search index shared by every CRM kind (FTS5, accent- and case-insensitive, prefix matching).

use rusqlite::{Connection, params};

use crate::text::fts_query;
use crate::{Kind, Result};

/// What the index holds for one record.
#[derive(Debug)]
pub struct IndexEntry<'a> {
    pub kind: Kind,
    pub id: i64,
    pub title: &'a str,
    pub body: &'a str,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    pub title: String,
}

fn rowid(kind: Kind, id: i64) -> i64 {
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
pub fn remove(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
        .execute([rowid(kind, id)])?;
    Ok(())
}

/// Above this many matches a query is "broad": ranking every match would cost more than it tells.
const RANKED_MAX: i64 = 200;

/// Best matches for what a user typed, at most `limit`. Input that holds nothing searchable gives no hits.
///
/// A query with at most [`RANKED_MAX`] matches is ranked by BM25, names weighing ten times the rest. A broader
/// one (a letter or two typed so far) is not ranked — that would score every match — but lists the records whose
/// name matches first, then the others, each in creation order; typing more narrows it to a ranked list.
pub fn query(conn: &Connection, input: &str, limit: u32) -> Result<Vec<Hit>> {
    let Some(expr) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let limit = i64::from(limit.clamp(1, 500));
    let broad: bool = conn
        .prepare_cached(
            "SELECT count(*) > ?2 FROM (SELECT rowid FROM search_index WHERE search_index MATCH ?1 LIMIT ?2 + 1)",
        )?
        .query_row(params![expr, RANKED_MAX], |r| r.get(0))?;
    let mut hits = Vec::new();
    if broad {
        let mut seen = std::collections::HashSet::new();
        for q in [format!("{{title}} : ({expr})"), expr] {
            let mut stmt = conn.prepare_cached(
                "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 LIMIT ?2",
            )?;
            for row in stmt.query_map(params![q, limit], read_hit)? {
                let (rowid, title) = row?;
                if hits.len() < limit as usize && seen.insert(rowid) {
                    push(&mut hits, rowid, title);
                }
            }
        }
    } else {
        let mut stmt = conn.prepare_cached(
            "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 \
             ORDER BY bm25(search_index, 10.0, 1.0) LIMIT ?2",
        )?;
        for row in stmt.query_map(params![expr, limit], read_hit)? {
            let (rowid, title) = row?;
            push(&mut hits, rowid, title);
        }
    }
    Ok(hits)
}

fn read_hit(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, String)> {
    Ok((r.get(0)?, r.get(1)?))
}

fn push(hits: &mut Vec<Hit>, rowid: i64, title: String) {
    if let Some(kind) = Kind::from_code(rowid & 15) {
        hits.push(Hit {
            kind,
            id: rowid >> 4,
            title,
        });
    }
}
