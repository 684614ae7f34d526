//! Keyset paging: opaque cursors holding the last row's sort key and id, so the next page starts with an index
//! seek (`(key, id) > (?, ?)`) instead of skipping rows.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

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
