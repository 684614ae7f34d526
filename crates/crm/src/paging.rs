//! Keyset paging: opaque cursors holding the last row's sort key and id, so the next page starts with an index
//! seek (`(key, id) > (?, ?)`) instead of skipping rows.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rusqlite::types::Value;
use rusqlite::{Connection, params_from_iter};

use crate::{CrmError, Result};

/// Largest page a list hands out at once.
pub const MAX_PAGE: u32 = 500;

/// A page of a list in keyset order, with the cursor that continues it (`None` on the last page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// Encodes a row's position: its sort key and id.
pub fn encode(sort_key: &str, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("{id}\u{0}{sort_key}"))
}

/// Decodes a cursor made by [`encode`]; anything else is [`CrmError::BadCursor`].
pub fn decode(cursor: &str) -> Result<(String, i64)> {
    let bytes = URL_SAFE_NO_PAD
        .decode(cursor)
        .map_err(|_| CrmError::BadCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| CrmError::BadCursor)?;
    let (id, key) = text.split_once('\u{0}').ok_or(CrmError::BadCursor)?;
    let id = id.parse().map_err(|_| CrmError::BadCursor)?;
    Ok((key.to_owned(), id))
}

/// The page size actually used for a requested `limit`.
pub fn clamp(limit: u32) -> u32 {
    limit.clamp(1, MAX_PAGE)
}

/// Turns `limit + 1` fetched rows into a page: the extra row only says there is more. `key` gives a row's sort
/// key and id for the cursor.
pub fn finish<T>(mut rows: Vec<T>, limit: u32, key: impl Fn(&T) -> (String, i64)) -> Page<T> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = if more {
        rows.last().map(|r| {
            let (k, id) = key(r);
            encode(&k, id)
        })
    } else {
        None
    };
    Page {
        items: rows,
        next_cursor,
    }
}

/// How a list of contacts or companies is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// By folded name, then id (the default).
    #[default]
    Name,
    /// Most recently contacted first (ties: newest id first); never-contacted records last, newest first.
    RecentlyContacted,
    /// Newest first (by id, which grows with creation).
    Newest,
}

/// Above this many rows a filter is "dense": walking the sort index and testing each row finds a page quickly.
/// At or below it the filter is "sparse": the list is driven from the filter's own index (its matching ids,
/// joined to the table by primary key and sorted), which costs at most this many rows whatever the table's size.
/// Either way a page costs O(√(rows × page)) at worst: a dense filter holds at least 1 row in `n / SPARSE_MAX`.
pub const SPARSE_MAX: i64 = 2000;

/// A filter that can drive a list: `sql` is `SELECT <record id> AS id FROM ...` over the filter's index, its
/// parameters numbered into the list's argument vector, of which the first `nargs` suffice to run it alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Driver {
    pub sql: String,
    pub nargs: usize,
    /// A filter on the last-contacted time: the last-contacted sort walks that index already.
    pub on_last_contact: bool,
}

/// A filtered list of a table with `id`, `sort_key` and `last_interaction_at` columns, for [`sorted`].
#[derive(Debug, Clone, Default)]
pub(crate) struct ListQuery {
    /// `<columns>, a.sort_key, a.last_interaction_at`: the two sort columns last, after `ncols` columns.
    pub columns: String,
    pub ncols: usize,
    /// The table and its alias (`contact c`).
    pub table: &'static str,
    pub alias: &'static str,
    /// Joins after the table (`JOIN deal_stage s ON ...`), or empty.
    pub joins: &'static str,
    /// `INDEXED BY <index>` for the name-ordered walk, when one index fits the filters best.
    pub name_index: Option<String>,
    /// `INDEXED BY <index>` for the last-contacted walk.
    pub contact_index: &'static str,
    /// ` AND ...` conditions every listed row meets; they hold whichever index drives the list.
    pub conds: String,
    pub args: Vec<Value>,
    /// Filters that can drive the list; the sparsest one under [`SPARSE_MAX`] does.
    pub drivers: Vec<Driver>,
    /// Only rows contacted at or after some time (never-contacted rows are out).
    pub contacted_after: bool,
    /// Only rows contacted before this time (canonical UTC) or never.
    pub contacted_before: Option<String>,
}

impl ListQuery {
    /// Appends a condition whose parameters are `values` (written `?_` in `sql`, numbered here).
    pub fn cond(&mut self, sql: &str, values: Vec<Value>) {
        let sql = self.number(sql, values);
        self.conds.push_str(&sql);
    }

    /// Appends a driver whose parameters are `values` (written `?_`), for the filter `cond` already added.
    pub fn driver(&mut self, sql: &str, values: Vec<Value>, on_last_contact: bool) {
        let sql = self.number(sql, values);
        self.drivers.push(Driver {
            sql,
            nargs: self.args.len(),
            on_last_contact,
        });
    }

    fn number(&mut self, sql: &str, values: Vec<Value>) -> String {
        let mut sql = sql.to_owned();
        for v in values {
            self.args.push(v);
            sql = sql.replacen("?_", &format!("?{}", self.args.len()), 1);
        }
        sql
    }
}

/// The sparsest driver at or under [`SPARSE_MAX`] rows, if any (each is counted up to that cap: an index range).
fn choose_driver<'q>(
    conn: &Connection,
    q: &'q ListQuery,
    sort: Sort,
) -> Result<Option<&'q Driver>> {
    let mut best: Option<(i64, &Driver)> = None;
    for d in &q.drivers {
        if d.on_last_contact && sort == Sort::RecentlyContacted {
            continue;
        }
        let n: i64 = conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM ({} LIMIT {})",
                d.sql,
                SPARSE_MAX + 1
            ))?
            .query_row(params_from_iter(&q.args[..d.nargs]), |r| r.get(0))?;
        if n <= SPARSE_MAX && best.is_none_or(|(m, _)| n < m) {
            best = Some((n, d));
            if n == 0 {
                break;
            }
        }
    }
    Ok(best.map(|(_, d)| d))
}

/// The `SELECT ... WHERE 1 <conds>` a page runs (without keyset, ORDER BY and LIMIT), for the given sort.
pub(crate) fn base_sql(conn: &Connection, q: &ListQuery, sort: Sort) -> Result<String> {
    let (t, a, j) = (q.table, q.alias, q.joins);
    let from = match choose_driver(conn, q, sort)? {
        // CROSS JOIN keeps the filter's ids as the outer loop: SQLite never reorders it.
        Some(d) => format!("({}) AS m CROSS JOIN {t} ON {a}.id = m.id{j}", d.sql),
        None => match sort {
            Sort::Name => match &q.name_index {
                Some(index) => format!("{t} INDEXED BY {index}{j}"),
                None => format!("{t}{j}"),
            },
            Sort::RecentlyContacted => format!("{t} INDEXED BY {}{j}", q.contact_index),
            Sort::Newest => format!("{t}{j}"),
        },
    };
    Ok(format!(
        "SELECT {} FROM {from} WHERE 1{}",
        q.columns, q.conds
    ))
}

/// Runs one keyset page of a filtered, sorted list. The rows come from the sparsest filter's index when one
/// matches at most [`SPARSE_MAX`] rows, else from the sort's own index, each row tested: `(sort_key, id)`, the
/// rowid, or `(last_interaction_at, id)` backwards — the contacted section first, then the never-contacted one.
/// Either way the keyset condition `(key, id) > cursor` makes ties across pages exact.
pub(crate) fn sorted<T>(
    conn: &Connection,
    q: &ListQuery,
    sort: Sort,
    limit: u32,
    cursor: Option<&str>,
    read: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    id_of: impl Fn(&T) -> i64,
) -> Result<Page<T>> {
    type Keyed<T> = (T, String, Option<String>);
    let limit = clamp(limit);
    let after = cursor.map(decode).transpose()?;
    let base = base_sql(conn, q, sort)?;
    let a = q.alias;
    let ncols = q.ncols;
    let fetch = |extra: &str, order: &str, more: Vec<Value>, n: usize| -> Result<Vec<Keyed<T>>> {
        let mut all: Vec<Value> = q.args.clone();
        let mut extra = extra.to_owned();
        for v in more {
            all.push(v);
            extra = extra.replacen("?_", &format!("?{}", all.len()), 1);
        }
        all.push(i64::try_from(n).unwrap_or(i64::MAX).into());
        let sql = format!("{base}{extra} ORDER BY {order} LIMIT ?{}", all.len());
        Ok(conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(all), |r| {
                Ok((read(r)?, r.get(ncols)?, r.get(ncols + 1)?))
            })?
            .collect::<rusqlite::Result<_>>()?)
    };
    let want = limit as usize + 1;
    let rows: Vec<Keyed<T>> = match sort {
        Sort::Name => match after {
            None => fetch("", &format!("{a}.sort_key, {a}.id"), vec![], want)?,
            Some((key, id)) => fetch(
                &format!(" AND ({a}.sort_key, {a}.id) > (?_, ?_)"),
                &format!("{a}.sort_key, {a}.id"),
                vec![key.into(), id.into()],
                want,
            )?,
        },
        Sort::Newest => {
            let id = after.map_or(i64::MAX, |(_, id)| id);
            fetch(
                &format!(" AND {a}.id < ?_"),
                &format!("{a}.id DESC"),
                vec![id.into()],
                want,
            )?
        }
        Sort::RecentlyContacted => {
            // The cursor key is "" inside the never-contacted section (no stored date-time is empty).
            let (key, id) = after.unwrap_or_else(|| ("\u{10FFFF}".to_owned(), i64::MAX));
            let mut rows = Vec::new();
            if !key.is_empty() {
                // "Contacted before B" starts the backwards walk at B instead of testing every later row.
                let (key, id) = match &q.contacted_before {
                    Some(b) if *b <= key => (b.clone(), i64::MIN),
                    _ => (key.clone(), id),
                };
                rows = fetch(
                    &format!(
                        " AND {a}.last_interaction_at IS NOT NULL AND ({a}.last_interaction_at, {a}.id) < (?_, ?_)"
                    ),
                    &format!("{a}.last_interaction_at DESC, {a}.id DESC"),
                    vec![key.into(), id.into()],
                    want,
                )?;
            }
            // "Contacted after" leaves the never-contacted section out: do not walk it.
            if rows.len() < want && !q.contacted_after {
                let start = if key.is_empty() { id } else { i64::MAX };
                let more = fetch(
                    &format!(" AND {a}.last_interaction_at IS NULL AND {a}.id < ?_"),
                    &format!("{a}.last_interaction_at DESC, {a}.id DESC"),
                    vec![start.into()],
                    want - rows.len(),
                )?;
                rows.extend(more);
            }
            rows
        }
    };
    let page = finish(rows, limit, |(item, sort_key, last)| match sort {
        Sort::Name => (sort_key.clone(), id_of(item)),
        Sort::Newest => (String::new(), id_of(item)),
        Sort::RecentlyContacted => (last.clone().unwrap_or_default(), id_of(item)),
    });
    Ok(Page {
        items: page.items.into_iter().map(|(item, _, _)| item).collect(),
        next_cursor: page.next_cursor,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = encode("jose nandu", 42);
        assert_eq!(decode(&c).unwrap(), ("jose nandu".to_owned(), 42));
        assert_eq!(decode(&encode("", -1)).unwrap(), (String::new(), -1));
        assert!(matches!(decode("!!"), Err(CrmError::BadCursor)));
        assert!(matches!(
            decode(&URL_SAFE_NO_PAD.encode("x")),
            Err(CrmError::BadCursor)
        ));
        assert!(matches!(
            decode(&URL_SAFE_NO_PAD.encode("x\u{0}k")),
            Err(CrmError::BadCursor)
        ));
    }

    #[test]
    fn finish_keeps_limit_rows_and_points_past_the_last() {
        let page = finish(vec![("a", 1), ("a", 2), ("b", 3)], 2, |r| {
            (r.0.to_owned(), r.1)
        });
        assert_eq!(page.items, vec![("a", 1), ("a", 2)]);
        assert_eq!(
            decode(page.next_cursor.as_deref().unwrap()).unwrap(),
            ("a".to_owned(), 2)
        );
        let last = finish(vec![("a", 1)], 2, |r| (r.0.to_owned(), r.1));
        assert_eq!(last.next_cursor, None);
    }
}
