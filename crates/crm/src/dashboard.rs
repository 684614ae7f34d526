//! The morning dashboard in one call: tasks due today and overdue, the pipeline by stage, the forecast by month
//! and contacts not touched in N days. Every part is an index range or an index-only aggregate.

use rusqlite::Connection;
use time::Duration;

use crate::contacts::{self, Untouched};
use crate::deals::{self, ForecastLine, StageSummary};
use crate::tasks::{self, Task, View};
use crate::{Result, valid};

/// What the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub due_today_count: u64,
    pub overdue_count: u64,
    /// The first open tasks due today.
    pub due_today: Vec<Task>,
    /// The oldest overdue open tasks.
    pub overdue: Vec<Task>,
    pub pipeline: Vec<StageSummary>,
    pub forecast: Vec<ForecastLine>,
    /// Contacts with no interaction in the last `untouched_days` days (never-contacted first).
    pub untouched: Vec<Untouched>,
}

/// Builds the dashboard for `today` (`YYYY-MM-DD`, the user's local date): at most `rows` tasks and contacts per
/// list; contacts untouched since the start of the day `untouched_days` before today (UTC); the forecast of the
/// twelve months from today's month.
pub fn dashboard(
    conn: &Connection,
    today: &str,
    untouched_days: u32,
    rows: u32,
) -> Result<Dashboard> {
    let day = valid::date(today, "today")?;
    let (due_today_count, overdue_count) = tasks::counts(conn, today)?;
    let since = day
        .checked_sub(Duration::days(i64::from(untouched_days)))
        .unwrap_or(day);
    let (first_month, last_month) = twelve_months(day.year(), u8::from(day.month()));
    Ok(Dashboard {
        due_today_count,
        overdue_count,
        due_today: tasks::view(conn, &View::Today, today, rows, None)?.items,
        overdue: tasks::view(conn, &View::Overdue, today, rows, None)?.items,
        pipeline: deals::pipeline(conn)?,
        forecast: deals::forecast(conn, Some(&first_month), Some(&last_month))?,
        untouched: contacts::untouched_since(
            conn,
            &format!("{}T00:00:00Z", valid::format_date(since)),
            rows,
            None,
        )?
        .items,
    })
}

/// The first and last `YYYY-MM` of the twelve months starting with `year`-`month`.
fn twelve_months(year: i32, month: u8) -> (String, String) {
    let index = year * 12 + i32::from(month) - 1 + 11;
    (
        format!("{year:04}-{month:02}"),
        format!(
            "{:04}-{:02}",
            index.div_euclid(12),
            index.rem_euclid(12) + 1
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forecast_window_is_twelve_calendar_months() {
        assert_eq!(twelve_months(2026, 1), ("2026-01".into(), "2026-12".into()));
        assert_eq!(twelve_months(2026, 2), ("2026-02".into(), "2027-01".into()));
        assert_eq!(
            twelve_months(2026, 12),
            ("2026-12".into(), "2027-11".into())
        );
    }
}
