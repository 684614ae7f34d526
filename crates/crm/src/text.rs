//! Text rules shared by sorting and search: accent/case folding and safe FTS5 query building.

use unicode_normalization::UnicodeNormalization;

/// Folds text for ordering and comparison: Unicode decomposition, combining marks dropped, lower-cased,
/// white space collapsed. "José Ñandú" → "jose nandu".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// Builds an FTS5 MATCH expression from what a user typed. Nothing typed can be FTS5 syntax: the input is split
/// into runs of letters and digits, each quoted as a string and matched as a prefix, all required (AND). A
/// single character is a prefix only when it is all that was typed; beside other words it must match a whole
/// word ("+34 6" does not scan every term starting with 6).
/// When the input looks like a phone number (digits with spaces, dashes, dots, parentheses or a leading +), the
/// digits joined together are offered as an alternative, so "612 34" finds "+34 612 345 678" as typed or stored.
/// Returns `None` when nothing searchable was typed.
pub fn fts_query(input: &str) -> Option<String> {
    let tokens: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(16)
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let single = tokens.len() == 1;
    let all = tokens
        .iter()
        .map(|t| {
            let star = if single || t.chars().count() > 1 {
                "*"
            } else {
                ""
            };
            format!("\"{}\"{star}", t.replace('"', "\"\""))
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let phone_like = input
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if phone_like && tokens.len() > 1 {
        let digits: String = tokens.concat();
        Some(format!("({all}) OR \"{digits}\"*"))
    } else {
        Some(all)
    }
}

/// The digits of a phone number, for indexing it as one searchable token.
pub fn phone_digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("José Ñandú"), "jose nandu");
        assert_eq!(fold("  ÁLVARO   de   la  Peña "), "alvaro de la pena");
        assert_eq!(fold("Zoë Ünal"), "zoe unal");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fts_query_quotes_every_token() {
        assert_eq!(fts_query("jose").as_deref(), Some("\"jose\"*"));
        assert_eq!(
            fts_query("ana@exa").as_deref(),
            Some("\"ana\"* AND \"exa\"*")
        );
        // FTS5 operators and quotes typed by a user are only text.
        assert_eq!(
            fts_query("\"a\" OR b* NEAR(c)").as_deref(),
            Some("\"a\" AND \"OR\"* AND \"b\" AND \"NEAR\"* AND \"c\"")
        );
        assert_eq!(fts_query("  -- ;; ''"), None);
    }

    #[test]
    fn fts_query_offers_joined_digits_for_phones() {
        assert_eq!(
            fts_query("+34 612").as_deref(),
            Some("(\"34\"* AND \"612\"*) OR \"34612\"*")
        );
        assert_eq!(fts_query("612345").as_deref(), Some("\"612345\"*"));
        assert_eq!(
            fts_query("+34 6").as_deref(),
            Some("(\"34\"* AND \"6\") OR \"346\"*")
        );
        assert_eq!(fts_query("j").as_deref(), Some("\"j\"*"));
    }

    #[test]
    fn phone_digits_keeps_digits_only() {
        assert_eq!(phone_digits("+34 (612) 345-678"), "34612345678");
    }
}
