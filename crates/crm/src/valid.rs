//! Field validation shared by every CRM record: free text, ISO 8601 dates, times and date-times, labelled
//! values and postal addresses. Every error names the field it concerns.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::{CrmError, Result};

/// Longest accepted short text (names, titles, labels, subjects), in characters.
pub const MAX_SHORT_TEXT: usize = 200;
/// Longest accepted long text (notes, bodies, conditions), in characters.
pub const MAX_LONG_TEXT: usize = 100_000;
/// Most labelled values (emails, phones, addresses) one record may hold.
pub const MAX_MULTI: usize = 20;

/// Trims a required text; empty or too long is an error naming `field`.
pub fn required(value: &str, field: &'static str, max: usize) -> Result<String> {
    let v = value.trim().to_owned();
    if v.is_empty() {
        return Err(CrmError::invalid(field, "this field is required"));
    }
    if v.chars().count() > max {
        return Err(CrmError::invalid(
            field,
            format!("at most {max} characters"),
        ));
    }
    Ok(v)
}

/// Trims an optional text; blank becomes `None`, too long is an error naming `field`.
pub fn optional(value: Option<String>, field: &'static str, max: usize) -> Result<Option<String>> {
    let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    if value.as_ref().is_some_and(|v| v.chars().count() > max) {
        return Err(CrmError::invalid(
            field,
            format!("at most {max} characters"),
        ));
    }
    Ok(value)
}

/// Parses an ISO 8601 calendar date, `YYYY-MM-DD`.
pub fn date(value: &str, field: &'static str) -> Result<Date> {
    Date::parse(value.trim(), format_description!("[year]-[month]-[day]")).map_err(|_| {
        CrmError::invalid(
            field,
            format!("\"{value}\" is not a date in the form YYYY-MM-DD"),
        )
    })
}

/// Checks an optional ISO 8601 date and returns it normalised (`YYYY-MM-DD`); blank becomes `None`.
pub fn optional_date(value: Option<String>, field: &'static str) -> Result<Option<String>> {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Ok(Some(format_date(date(v, field)?))),
    }
}

/// A date as `YYYY-MM-DD`.
pub fn format_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// Checks an optional time of day `HH:MM` (or `HH:MM:SS`) and returns it as `HH:MM`.
pub fn optional_time(value: Option<String>, field: &'static str) -> Result<Option<String>> {
    let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let t = Time::parse(v, format_description!("[hour]:[minute]"))
        .or_else(|_| Time::parse(v, format_description!("[hour]:[minute]:[second]")))
        .map_err(|_| {
            CrmError::invalid(field, format!("\"{v}\" is not a time in the form HH:MM"))
        })?;
    Ok(Some(format!("{:02}:{:02}", t.hour(), t.minute())))
}

/// Parses an ISO 8601 date-time and returns it in UTC as `YYYY-MM-DDTHH:MM:SSZ`, the form every stored
/// date-time takes, so that text order is time order. An offset (`Z`, `+01:00`) is honoured; a date-time
/// without one (`2026-11-23T10:30`, seconds optional) is taken as UTC — the caller that knows the user's zone
/// adds the offset.
pub fn datetime(value: &str, field: &'static str) -> Result<String> {
    let v = value.trim();
    let bad = || {
        CrmError::invalid(
            field,
            format!("\"{value}\" is not a date-time in the form YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]"),
        )
    };
    let utc = if let Ok(t) = OffsetDateTime::parse(v, &Rfc3339) {
        t.to_offset(UtcOffset::UTC)
    } else {
        let naive = PrimitiveDateTime::parse(
            v,
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        )
        .or_else(|_| {
            PrimitiveDateTime::parse(
                v,
                format_description!("[year]-[month]-[day]T[hour]:[minute]"),
            )
        })
        .map_err(|_| bad())?;
        naive.assume_utc()
    };
    if !(1..=9999).contains(&utc.year()) {
        return Err(bad());
    }
    Ok(format!(
        "{}T{:02}:{:02}:{:02}Z",
        format_date(utc.date()),
        utc.hour(),
        utc.minute(),
        utc.second()
    ))
}

/// A value with an optional label ("work", "home", "mobile"…): emails, phones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labelled {
    pub label: Option<String>,
    pub value: String,
}

impl Labelled {
    pub fn new(label: Option<&str>, value: &str) -> Self {
        Labelled {
            label: label.map(str::to_owned),
            value: value.to_owned(),
        }
    }
}

/// Trims labelled values, drops blank ones and checks each with `check`; at most [`MAX_MULTI`].
pub fn labelled_list(
    values: Vec<Labelled>,
    field: &'static str,
    check: impl Fn(&str) -> Result<()>,
) -> Result<Vec<Labelled>> {
    let mut out = Vec::new();
    for v in values {
        let value = v.value.trim().to_owned();
        if value.is_empty() {
            continue;
        }
        check(&value)?;
        let label = optional(v.label, field, 50)?;
        out.push(Labelled { label, value });
    }
    if out.len() > MAX_MULTI {
        return Err(CrmError::invalid(
            field,
            format!("at most {MAX_MULTI} values"),
        ));
    }
    Ok(out)
}

/// A postal address with a label ("billing", "office"…). Every part is optional but one must be present.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub label: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 code, upper case ("ES").
    pub country: Option<String>,
}

impl Address {
    /// The address on one line, for search and display.
    pub fn one_line(&self) -> String {
        [
            &self.street,
            &self.postal_code,
            &self.city,
            &self.region,
            &self.country,
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// Cleans addresses: trims every part, drops addresses with nothing in them, checks lengths and the country
/// code shape; at most [`MAX_MULTI`].
pub fn addresses(values: Vec<Address>) -> Result<Vec<Address>> {
    let mut out = Vec::new();
    for a in values {
        let country = optional(a.country, "addresses", 2)?.map(|c| c.to_ascii_uppercase());
        if country
            .as_ref()
            .is_some_and(|c| c.len() != 2 || !c.chars().all(|ch| ch.is_ascii_uppercase()))
        {
            return Err(CrmError::invalid(
                "addresses",
                "the country must be a two-letter ISO 3166 code such as ES",
            ));
        }
        let clean = Address {
            label: optional(a.label, "addresses", 50)?,
            street: optional(a.street, "addresses", MAX_SHORT_TEXT)?,
            postal_code: optional(a.postal_code, "addresses", 20)?,
            city: optional(a.city, "addresses", MAX_SHORT_TEXT)?,
            region: optional(a.region, "addresses", MAX_SHORT_TEXT)?,
            country,
        };
        if clean.one_line().is_empty() {
            continue;
        }
        out.push(clean);
    }
    if out.len() > MAX_MULTI {
        return Err(CrmError::invalid(
            "addresses",
            format!("at most {MAX_MULTI} addresses"),
        ));
    }
    Ok(out)
}

/// Checks a web address's shape: optional `http(s)://`, then a host with a dot, no spaces.
pub fn website(value: Option<String>) -> Result<Option<String>> {
    let Some(v) = optional(value, "website", MAX_SHORT_TEXT)? else {
        return Ok(None);
    };
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))
        .unwrap_or(&v);
    let host = rest.split('/').next().unwrap_or_default();
    let ok = !v.chars().any(char::is_whitespace)
        && host.contains('.')
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == ':')
        });
    if !ok {
        return Err(CrmError::invalid(
            "website",
            format!("\"{v}\" is not a web address such as example.com"),
        ));
    }
    Ok(Some(v))
}

/// Today's date on this computer's clock and time zone, `YYYY-MM-DD` (SQLite's `localtime`, which follows the
/// operating system's zone rules): the "today" a caller hands to task views and a company's detach date.
pub fn local_today(conn: &rusqlite::Connection) -> Result<String> {
    Ok(conn.query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))?)
}

/// A typed date-time as the domain wants it: one with an offset (`Z`, `+01:00`) passes as is; one without is
/// local time on this computer and becomes UTC (SQLite's `utc` modifier, which follows the operating system's
/// zone rules, daylight saving included). What SQLite cannot read passes unchanged, so [`datetime`] names the
/// field when it refuses it.
pub fn local_datetime(conn: &rusqlite::Connection, value: &str) -> Result<String> {
    let v = value.trim();
    let has_offset = v
        .split_once(['T', 't', ' '])
        .is_some_and(|(_, time)| time.contains(['Z', 'z', '+', '-']));
    if has_offset || !v.contains(['T', 't']) {
        return Ok(v.to_owned());
    }
    let utc: Option<String> = conn.query_row(
        "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', ?1, 'utc')",
        [v],
        |r| r.get(0),
    )?;
    Ok(utc.unwrap_or_else(|| v.to_owned()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn dates_are_iso_and_real() {
        assert_eq!(format_date(date("2024-02-29", "d").unwrap()), "2024-02-29");
        assert!(date("2023-02-29", "d").is_err());
        assert!(date("23-2-1", "d").is_err());
        assert!(date("2024/02/01", "d").is_err());
        let Err(CrmError::Invalid { field, .. }) = date("x", "birthday") else {
            panic!("expected Invalid");
        };
        assert_eq!(field, "birthday");
        assert_eq!(optional_date(Some("  ".into()), "d").unwrap(), None);
    }

    #[test]
    fn datetimes_are_normalised_to_utc() {
        assert_eq!(
            datetime("2026-11-23T10:30:00+01:00", "at").unwrap(),
            "2026-11-23T09:30:00Z"
        );
        assert_eq!(
            datetime("2026-11-23T10:30", "at").unwrap(),
            "2026-11-23T10:30:00Z"
        );
        assert_eq!(
            datetime("2026-01-01T00:30:00+02:00", "at").unwrap(),
            "2025-12-31T22:30:00Z"
        );
        assert_eq!(
            datetime("2026-11-23T10:30:15Z", "at").unwrap(),
            "2026-11-23T10:30:15Z"
        );
        assert!(datetime("2026-11-23", "at").is_err());
        assert!(datetime("2026-13-01T00:00", "at").is_err());
        assert!(datetime("'; DROP TABLE x; --", "at").is_err());
    }

    #[test]
    fn times_are_hh_mm() {
        assert_eq!(
            optional_time(Some("09:05".into()), "t").unwrap().as_deref(),
            Some("09:05")
        );
        assert_eq!(
            optional_time(Some("09:05:30".into()), "t")
                .unwrap()
                .as_deref(),
            Some("09:05")
        );
        assert!(optional_time(Some("25:00".into()), "t").is_err());
    }

    #[test]
    fn addresses_drop_empty_and_check_country() {
        let a = addresses(vec![
            Address::default(),
            Address {
                label: Some(" oficina ".into()),
                city: Some(" Madrid ".into()),
                country: Some("es".into()),
                ..Default::default()
            },
        ])
        .unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].country.as_deref(), Some("ES"));
        assert_eq!(a[0].one_line(), "Madrid, ES");
        assert!(
            addresses(vec![Address {
                country: Some("España".into()),
                ..Default::default()
            }])
            .is_err()
        );
    }

    #[test]
    fn websites_need_a_host() {
        assert_eq!(
            website(Some("https://ejemplo.es/x".into()))
                .unwrap()
                .as_deref(),
            Some("https://ejemplo.es/x")
        );
        assert!(website(Some("not a site".into())).is_err());
        assert!(website(Some("localhost".into())).is_err());
        assert_eq!(website(None).unwrap(), None);
    }
}
