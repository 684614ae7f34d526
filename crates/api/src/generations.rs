//! Automatic backup generations, the pure part: file names, which generations a retention policy keeps, and
//! when a daily generation is due. No I/O here, so every rule is unit-tested with its own clock.

use std::collections::BTreeSet;

use time::{Duration, OffsetDateTime, PrimitiveDateTime, macros::format_description};

/// Every automatic generation's name starts with this…
pub const GENERATION_PREFIX: &str = "sigilo-";
/// …and ends with this extension (manual backups use it too).
pub const BACKUP_EXTENSION: &str = "sigilobak";
/// Most generations a policy may keep by count.
pub const MAX_KEEP_LAST: u32 = 1_000;
/// Most months a policy may keep one generation for.
pub const MAX_KEEP_MONTHLY: u32 = 240;
/// A daily generation is due when the newest one is at least this old.
pub const DAILY_INTERVAL: Duration = Duration::hours(24);
/// After a failed attempt, the daily check waits this long before trying again.
pub const RETRY_AFTER_FAILURE: Duration = Duration::hours(1);

const NAME_TIME: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year][month][day]-[hour][minute][second]");

/// The file name of a generation written at `at` (UTC): `sigilo-YYYYMMDD-HHMMSS.sigilobak`.
pub fn generation_name(at: OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    let stamp = utc
        .format(NAME_TIME)
        .unwrap_or_else(|_| String::from("00000000-000000"));
    format!("{GENERATION_PREFIX}{stamp}.{BACKUP_EXTENSION}")
}

/// When the generation named `name` was written, or `None` if the name is not a generation's (such files are
/// never touched by retention).
pub fn parse_generation_name(name: &str) -> Option<OffsetDateTime> {
    let stamp = name
        .strip_prefix(GENERATION_PREFIX)?
        .strip_suffix(BACKUP_EXTENSION)?
        .strip_suffix('.')?;
    if stamp.len() != 15 {
        return None;
    }
    PrimitiveDateTime::parse(stamp, NAME_TIME)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

/// One generation file: its name and when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generation {
    pub name: String,
    pub at: OffsetDateTime,
}

impl Generation {
    /// A generation from its file name, if it is one.
    pub fn from_name(name: &str) -> Option<Generation> {
        parse_generation_name(name).map(|at| Generation {
            name: name.to_owned(),
            at,
        })
    }
}

fn month_index(at: OffsetDateTime) -> i64 {
    let utc = at.to_offset(time::UtcOffset::UTC);
    i64::from(utc.year()) * 12 + i64::from(u8::from(utc.month())) - 1
}

/// Which generations to delete (their names, oldest first) so that what remains is: the `keep_last` newest
/// (at least one, whatever the setting), plus the newest generation of each of the last `keep_monthly`
/// calendar months (UTC) counting the month of `now`. Generations dated after `now` are kept and not counted.
pub fn to_delete(
    generations: &[Generation],
    now: OffsetDateTime,
    keep_last: u32,
    keep_monthly: u32,
) -> Vec<String> {
    let keep_last = keep_last.clamp(1, MAX_KEEP_LAST) as usize;
    let keep_monthly = i64::from(keep_monthly.min(MAX_KEEP_MONTHLY));
    // A generation dated after `now` (the clock was wrong once) is kept and takes no place in the count.
    let mut sorted: Vec<&Generation> = generations.iter().filter(|g| g.at <= now).collect();
    // Newest first; the name breaks ties so the outcome never depends on the input order.
    sorted.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.name.cmp(&a.name)));
    let now_month = month_index(now);
    let mut months_seen = BTreeSet::new();
    let mut doomed = Vec::new();
    for (rank, g) in sorted.iter().enumerate() {
        let month = month_index(g.at);
        let newest_of_its_month = months_seen.insert(month);
        let keep = rank < keep_last || (newest_of_its_month && now_month - month < keep_monthly);
        if !keep {
            doomed.push(g.name.clone());
        }
    }
    doomed.reverse();
    doomed
}

/// Whether a daily generation is due at `now`, given the newest generation's time and the last attempt:
/// the newest is a day old (or there is none), and no failed attempt happened within the retry delay.
pub fn daily_due(
    newest: Option<OffsetDateTime>,
    last_failure: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> bool {
    let stale = newest.is_none_or(|t| now - t >= DAILY_INTERVAL);
    let may_retry = last_failure.is_none_or(|t| now - t >= RETRY_AFTER_FAILURE);
    stale && may_retry
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use time::macros::datetime;

    fn g(at: OffsetDateTime) -> Generation {
        Generation {
            name: generation_name(at),
            at,
        }
    }

    #[test]
    fn names_round_trip_in_utc() {
        let at = datetime!(2026-11-23 14:05:09 UTC);
        let name = generation_name(at);
        assert_eq!(name, "sigilo-20261123-140509.sigilobak");
        assert_eq!(parse_generation_name(&name), Some(at));
        let madrid = datetime!(2026-11-23 15:05:09 +1);
        assert_eq!(generation_name(madrid), name);
    }

    #[test]
    fn other_names_are_not_generations() {
        for name in [
            "sigilo-20261123-140509.sigilobak.tmp",
            "sigilo-20261123-140509.sigilobak.partial",
            "sigilo-20261123.sigilobak",
            "sigilo-2026112-1405090.sigilobak",
            "sigilo-20261323-140509.sigilobak",
            "backup-20261123-140509.sigilobak",
            "sigilo-20261123-140509.bak",
            "notes.txt",
            "",
        ] {
            assert_eq!(parse_generation_name(name), None, "{name}");
        }
    }

    #[test]
    fn keeps_the_last_n_when_all_are_in_one_month() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let gens: Vec<_> = (0..10).map(|d| g(now - Duration::hours(d))).collect();
        let doomed = to_delete(&gens, now, 3, 0);
        assert_eq!(doomed.len(), 7);
        // The three newest survive; the deleted ones come oldest first.
        assert_eq!(doomed[0], gens[9].name);
        assert_eq!(doomed[6], gens[3].name);
        // With a monthly policy, the month's newest is already among the last 3: nothing more is kept.
        assert_eq!(to_delete(&gens, now, 3, 12), doomed);
    }

    #[test]
    fn keeps_the_newest_of_each_recent_month() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let mut gens = vec![
            g(datetime!(2026-11-22 10:00 UTC)),
            g(datetime!(2026-11-21 10:00 UTC)),
            g(datetime!(2026-10-30 10:00 UTC)), // newest of October: kept
            g(datetime!(2026-10-02 10:00 UTC)),
            g(datetime!(2026-09-15 10:00 UTC)), // newest of September: kept
            g(datetime!(2026-08-31 23:59:59 UTC)), // August is the 4th month back: outside keep_monthly = 3
            g(datetime!(2025-11-30 10:00 UTC)),    // a year ago
        ];
        gens.reverse(); // input order must not matter
        let doomed = to_delete(&gens, now, 1, 3);
        assert_eq!(
            doomed,
            vec![
                generation_name(datetime!(2025-11-30 10:00 UTC)),
                generation_name(datetime!(2026-08-31 23:59:59 UTC)),
                generation_name(datetime!(2026-10-02 10:00 UTC)),
                generation_name(datetime!(2026-11-21 10:00 UTC)),
            ]
        );
        // Twelve months reach back to December 2025, so August joins; last November (13 months back) does not.
        let doomed = to_delete(&gens, now, 1, 12);
        assert_eq!(doomed.len(), 3);
        assert!(doomed.contains(&generation_name(datetime!(2025-11-30 10:00 UTC))));
    }

    #[test]
    fn always_keeps_at_least_the_newest_and_future_ones() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let gens = vec![
            g(datetime!(2026-01-01 00:00 UTC)),
            g(datetime!(2026-02-01 00:00 UTC)),
            g(datetime!(2027-01-01 00:00 UTC)), // clock was wrong once: never deleted by rule
        ];
        let doomed = to_delete(&gens, now, 0, 0);
        assert_eq!(
            doomed,
            vec![generation_name(datetime!(2026-01-01 00:00 UTC))]
        );
        assert!(to_delete(&[], now, 0, 0).is_empty());
        let one = vec![g(datetime!(2020-01-01 00:00 UTC))];
        assert!(to_delete(&one, now, 0, 0).is_empty());
    }

    #[test]
    fn a_year_of_daily_generations_shrinks_to_the_policy() {
        let now = datetime!(2026-11-23 03:00 UTC);
        let gens: Vec<_> = (0..365).map(|d| g(now - Duration::days(d))).collect();
        let doomed = to_delete(&gens, now, 7, 12);
        let kept: Vec<_> = gens.iter().filter(|x| !doomed.contains(&x.name)).collect();
        // 7 newest (all in November) + the newest of the 11 months before November.
        assert_eq!(kept.len(), 7 + 11);
        assert!(kept.iter().all(|x| now - x.at < Duration::days(366)));
    }

    #[test]
    fn daily_is_due_after_a_day_and_waits_after_a_failure() {
        let now = datetime!(2026-11-23 12:00 UTC);
        assert!(daily_due(None, None, now));
        assert!(!daily_due(Some(now - Duration::hours(23)), None, now));
        assert!(daily_due(Some(now - Duration::hours(24)), None, now));
        assert!(!daily_due(None, Some(now - Duration::minutes(10)), now));
        assert!(daily_due(None, Some(now - Duration::minutes(60)), now));
    }
}
