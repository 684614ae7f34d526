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

/// Best matches for what a user typed, at most `limit`, best first (names weigh ten times the rest).
/// Input that holds nothing searchable gives no hits rather than an error.
pub fn query(conn: &Connection, input: &str, limit: u32) -> Result<Vec<Hit>> {
    let Some(expr) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT rowid, title FROM search_index WHERE search_index MATCH ?1 \
         ORDER BY bm25(search_index, 10.0, 1.0) LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![expr, i64::from(limit.clamp(1, 500))], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (rowid, title) = row?;
        if let Some(kind) = Kind::from_code(rowid & 15) {
            hits.push(Hit {
                kind,
                id: rowid >> 4,
                title,
            });
        }
    }
    Ok(hits)
}
