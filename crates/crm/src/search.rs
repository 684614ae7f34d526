//! Full-text search over every CRM kind: one FTS5 index per kind (accent- and case-insensitive, prefix matching,
//! `secure-delete` on), each keyed by the record's id, so a search of one kind reads only that kind's doclists.

use rusqlite::{Connection, OptionalExtension, params};

use crate::text::{fold, fts_query};
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

/// The FTS5 table holding one kind's entries (crm step 7), rowid = the record's id.
pub fn table(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "search_contact",
        RecordKind::Company => "search_company",
        RecordKind::Deal => "search_deal",
        RecordKind::Interaction => "search_interaction",
        RecordKind::Task => "search_task",
    }
}

/// Adds or replaces a record's entry.
pub fn put(conn: &Connection, entry: &IndexEntry<'_>) -> Result<()> {
    let t = table(entry.kind);
    conn.prepare_cached(&format!("DELETE FROM {t} WHERE rowid = ?1"))?
        .execute([entry.id])?;
    conn.prepare_cached(&format!(
        "INSERT INTO {t} (rowid, title, body) VALUES (?1, ?2, ?3)"
    ))?
    .execute(params![entry.id, entry.title, entry.body])?;
    Ok(())
}

/// Removes a record's entry (FTS5's secure-delete overwrites its terms).
pub fn remove(conn: &Connection, kind: RecordKind, id: i64) -> Result<()> {
    conn.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", table(kind)))?
        .execute([id])?;
    Ok(())
}

/// Above this many matches in a kind a query is "broad": ranking every match would cost more than it tells.
const RANKED_MAX: i64 = 200;

/// Best matches of the given kinds (every kind when `kinds` is empty), at most `limit` in all: the hits of each
/// kind as [`grouped`] orders them, kinds in the order of [`RecordKind::ALL`].
pub fn query_kinds(
    conn: &Connection,
    input: &str,
    limit: u32,
    kinds: &[RecordKind],
) -> Result<Vec<AnyHit>> {
    let limit = limit.clamp(1, 500) as usize;
    let mut hits = Vec::new();
    for kind in RecordKind::ALL {
        if hits.len() >= limit {
            break;
        }
        if kinds.is_empty() || kinds.contains(&kind) {
            let left = u32::try_from(limit - hits.len()).unwrap_or(1);
            hits.extend(kind_hits(conn, kind, input, left)?);
        }
    }
    Ok(hits)
}

/// Search across everything, results grouped by kind (contacts, companies, deals, interactions, tasks — in
/// that order; kinds without hits are left out), at most `per_kind` hits in each group, best first.
pub fn grouped(conn: &Connection, input: &str, per_kind: u32) -> Result<Vec<Group>> {
    let mut groups = Vec::new();
    for kind in RecordKind::ALL {
        let hits = kind_hits(conn, kind, input, per_kind)?;
        if !hits.is_empty() {
            groups.push(Group { kind, hits });
        }
    }
    Ok(groups)
}

/// The best matches of one kind, at most `limit`.
///
/// Every query reads that kind's index only and stops early: no query here sorts or scores more than
/// `max(RANKED_MAX, limit)` matches.
///
/// - A query with at most that many matches (a name, a few letters more) is ranked by BM25, names weighing ten
///   times the rest.
/// - A broader one (a letter or two, a frequent word) takes the first matches in creation order as its
///   candidates and lists those whose name (title) matches every word first, then the others; typing more
///   narrows it to a ranked list. When the words as typed are themselves frequent, the candidates are records
///   holding them as whole words (`presupuesto`), which FTS5 reads lazily, instead of every word they begin
///   (`presupuestos`...), which it would first merge into one list of all their matches.
fn kind_hits(conn: &Connection, kind: RecordKind, input: &str, limit: u32) -> Result<Vec<AnyHit>> {
    let Some(expr) = fts_query(input) else {
        return Ok(Vec::new());
    };
    let t = table(kind);
    let limit = i64::from(limit.clamp(1, 500));
    let cap = RANKED_MAX.max(limit);
    // Whole words: every token of `fts_query` is a quoted run of letters and digits (never a quote) followed by
    // `*` when it is a prefix, so dropping the stars after quotes leaves the same query on whole words.
    let words = expr.replace("\"*", "\"");
    let mut candidates = Vec::new();
    if words != expr {
        candidates = first_matches(conn, t, &words, cap + 1)?;
    }
    // Whether the candidates match the words whole (else as typed, prefixes).
    let mut whole = true;
    if (candidates.len() as i64) <= cap {
        candidates = first_matches(conn, t, &expr, cap + 1)?;
        whole = words == expr;
    }
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let mut title = conn.prepare_cached(&format!("SELECT title FROM {t} WHERE rowid = ?1"))?;
    let mut title_of =
        |id: i64| -> Result<Option<String>> { Ok(title.query_row([id], |r| r.get(0)).optional()?) };
    let mut hits = Vec::new();
    if (candidates.len() as i64) <= RANKED_MAX {
        // Few matches: rank them all. Only ids: FTS5 reads a title from its content table when asked for it, so
        // titles are read for the hits kept, not for every match sorted.
        let ranked = conn
            .prepare_cached(&format!(
                "SELECT rowid FROM {t} WHERE {t} MATCH ?1 ORDER BY bm25({t}, 10.0, 1.0) LIMIT ?2"
            ))?
            .query_map(params![expr, limit], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        for id in ranked {
            if let Some(title) = title_of(id)? {
                hits.push(AnyHit { kind, id, title });
            }
        }
    } else {
        // Broad: the candidates whose name (title) matches first, then the others, each in creation order. The
        // names are read in order until `limit` of them match, so this reads at most `cap` titles.
        let typed = typed_words(input);
        let mut others = Vec::new();
        for id in candidates.into_iter().take(cap as usize) {
            let Some(title) = title_of(id)? else { continue };
            if name_matches(&title, &typed, whole) {
                hits.push(AnyHit { kind, id, title });
                if hits.len() as i64 >= limit {
                    break;
                }
            } else if (others.len() as i64) < limit {
                others.push(AnyHit { kind, id, title });
            }
        }
        hits.extend(others);
        hits.truncate(limit as usize);
    }
    Ok(hits)
}

/// A word typed, folded, and whether it matches as a prefix (as [`fts_query`] quotes it: a single letter beside
/// other words is a whole word).
fn typed_words(input: &str) -> Vec<(String, bool)> {
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .collect();
    let single = words.len() == 1;
    words
        .into_iter()
        .map(|w| (fold(w), single || w.chars().count() > 1))
        .collect()
}

/// Whether every word typed begins a word of the name (is one, when `whole`), accents and case aside, as FTS5
/// would match it in the title column. Checked on a broad query's candidates rather than asking the index,
/// where a name query that matches nothing walks the whole doclist of its words. It only orders candidates:
/// which records match is the index's answer.
fn name_matches(name: &str, typed: &[(String, bool)], whole: bool) -> bool {
    let name = fold(name);
    let name_words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    typed.iter().all(|(w, prefix)| {
        name_words.iter().any(|n| {
            if *prefix && !whole {
                n.starts_with(w.as_str())
            } else {
                n == w
            }
        })
    })
}

/// The ids of the first `n` matches of `expr` in a kind's index, in id order (FTS5 stops reading there).
fn first_matches(conn: &Connection, t: &str, expr: &str, n: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid FROM {t} WHERE {t} MATCH ?1 LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![expr, n], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
