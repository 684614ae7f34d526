//! Tasks and follow-ups: title, due date (and optional time), priority, done, links to a contact, company or
//! deal; the today / overdue / upcoming views for a given "today" (never the clock); completing a task can log
//! an interaction.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};

use crate::interactions::{self, Direction, InteractionKind, NewInteraction};
use crate::paging::{self, Page};
use crate::search::{self, IndexEntry};
use crate::valid::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::{CrmError, RecordKind, Result, now_iso};

/// How urgent a task is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    /// Parses `low`, `normal`, `high` or `urgent`.
    pub fn parse(s: &str) -> Result<Priority> {
        match s.trim().to_ascii_lowercase().as_str() {
            "low" => Ok(Priority::Low),
            "normal" => Ok(Priority::Normal),
            "high" => Ok(Priority::High),
            "urgent" => Ok(Priority::Urgent),
            _ => Err(CrmError::invalid(
                "priority",
                format!("\"{s}\" is not one of low, normal, high, urgent"),
            )),
        }
    }

    fn code(self) -> i64 {
        match self {
            Priority::Low => 0,
            Priority::Normal => 1,
            Priority::High => 2,
            Priority::Urgent => 3,
        }
    }

    fn from_code(c: i64) -> Priority {
        match c {
            0 => Priority::Low,
            2 => Priority::High,
            3 => Priority::Urgent,
            _ => Priority::Normal,
        }
    }
}

/// What a user supplies for a task.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewTask {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// `HH:MM`; needs a due date.
    pub due_time: Option<String>,
    pub priority: Priority,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub notes: Option<String>,
}

/// A stored task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub due_date: Option<String>,
    pub due_time: Option<String>,
    pub done: bool,
    /// When it was completed (UTC date-time).
    pub done_at: Option<String>,
    pub priority: Priority,
    pub contact_id: Option<i64>,
    pub company_id: Option<i64>,
    pub deal_id: Option<i64>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn exists(
    conn: &Connection,
    table: &'static str,
    kind: &'static str,
    id: Option<i64>,
) -> Result<()> {
    if let Some(id) = id {
        let found = conn
            .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
            .query_row([id], |_| Ok(()))
            .optional()?;
        if found.is_none() {
            return Err(CrmError::NotFound {
                kind,
                id: id.to_string(),
            });
        }
    }
    Ok(())
}

fn clean(conn: &Connection, t: NewTask) -> Result<NewTask> {
    let due_date = valid::optional_date(t.due_date, "due_date")?;
    let due_time = valid::optional_time(t.due_time, "due_time")?;
    if due_time.is_some() && due_date.is_none() {
        return Err(CrmError::invalid("due_time", "a due time needs a due date"));
    }
    exists(conn, "contact", "contact", t.contact_id)?;
    exists(conn, "company", "company", t.company_id)?;
    exists(conn, "deal", "deal", t.deal_id)?;
    Ok(NewTask {
        title: valid::required(&t.title, "title", MAX_SHORT_TEXT)?,
        due_date,
        due_time,
        priority: t.priority,
        contact_id: t.contact_id,
        company_id: t.company_id,
        deal_id: t.deal_id,
        notes: valid::optional(t.notes, "notes", MAX_LONG_TEXT)?,
    })
}

/// Adds a task; returns its id.
pub fn insert(conn: &Connection, input: NewTask) -> Result<i64> {
    let t = clean(conn, input)?;
    conn.prepare_cached(
        "INSERT INTO task (title, due_date, due_time, priority, contact_id, company_id, deal_id, notes, \
         created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
    )?
    .execute(params![
        t.title,
        t.due_date,
        t.due_time.clone().unwrap_or_default(),
        t.priority.code(),
        t.contact_id,
        t.company_id,
        t.deal_id,
        t.notes,
        now_iso()
    ])?;
    let id = conn.last_insert_rowid();
    index(conn, id, &t)?;
    Ok(id)
}

/// Replaces a task's fields (its done state is changed by [`complete`] and [`reopen`]).
pub fn update(conn: &Connection, id: i64, input: NewTask) -> Result<()> {
    let t = clean(conn, input)?;
    let changed = conn
        .prepare_cached(
            "UPDATE task SET title = ?2, due_date = ?3, due_time = ?4, priority = ?5, contact_id = ?6, \
             company_id = ?7, deal_id = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1",
        )?
        .execute(params![
            id,
            t.title,
            t.due_date,
            t.due_time.clone().unwrap_or_default(),
            t.priority.code(),
            t.contact_id,
            t.company_id,
            t.deal_id,
            t.notes,
            now_iso()
        ])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    index(conn, id, &t)
}

/// Deletes a task and its search entry.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached("DELETE FROM task WHERE id = ?1")?
        .execute([id])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    search::remove(conn, RecordKind::Task, id)
}

fn index(conn: &Connection, id: i64, t: &NewTask) -> Result<()> {
    search::put(
        conn,
        &IndexEntry {
            kind: RecordKind::Task,
            id,
            title: &t.title,
            body: t.notes.as_deref().unwrap_or_default(),
        },
    )
}

fn not_found(id: i64) -> CrmError {
    CrmError::NotFound {
        kind: "task",
        id: id.to_string(),
    }
}

/// The interaction to log when completing a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogAs {
    pub kind: InteractionKind,
    pub direction: Direction,
    /// `None` uses the task's title.
    pub subject: Option<String>,
    pub body: Option<String>,
}

/// Marks a task done at `at` (ISO 8601 date-time). With `log`, also records an interaction at `at` linked to
/// the task's contact, company and deal, and returns its id (a task linked to nothing cannot log one: the error
/// names `contacts` and the task stays open). Completing a done task again is refused.
pub fn complete(conn: &Connection, id: i64, at: &str, log: Option<LogAs>) -> Result<Option<i64>> {
    let at = valid::datetime(at, "at")?;
    let t = get(conn, id)?;
    if t.done {
        return Err(CrmError::Refused("the task is already done".to_owned()));
    }
    // The interaction first: if it cannot be logged (a task linked to nothing), the task stays open.
    let interaction = match log {
        None => None,
        Some(log) => Some(interactions::insert(
            conn,
            NewInteraction {
                kind: log.kind,
                at: at.clone(),
                direction: log.direction,
                subject: Some(log.subject.unwrap_or(t.title)),
                body: log.body,
                contact_ids: t.contact_id.into_iter().collect(),
                company_id: t.company_id,
                deal_id: t.deal_id,
            },
        )?),
    };
    conn.prepare_cached("UPDATE task SET done = 1, done_at = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, at, now_iso()])?;
    Ok(interaction)
}

/// Marks a done task as not done again.
pub fn reopen(conn: &Connection, id: i64) -> Result<()> {
    let changed = conn
        .prepare_cached("UPDATE task SET done = 0, done_at = NULL, updated_at = ?2 WHERE id = ?1")?
        .execute(params![id, now_iso()])?;
    if changed == 0 {
        return Err(not_found(id));
    }
    Ok(())
}

const COLUMNS: &str = "id, title, due_date, due_time, done, done_at, priority, contact_id, company_id, deal_id, \
                       notes, created_at, updated_at";

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Task> {
    let due_time: String = r.get(3)?;
    Ok(Task {
        id: r.get(0)?,
        title: r.get(1)?,
        due_date: r.get(2)?,
        due_time: (!due_time.is_empty()).then_some(due_time),
        done: r.get(4)?,
        done_at: r.get(5)?,
        priority: Priority::from_code(r.get(6)?),
        contact_id: r.get(7)?,
        company_id: r.get(8)?,
        deal_id: r.get(9)?,
        notes: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

/// One task.
pub fn get(conn: &Connection, id: i64) -> Result<Task> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM task WHERE id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or_else(|| not_found(id))
}

/// Which open tasks, relative to a given today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// Due on `today`.
    Today,
    /// Due before `today`.
    Overdue,
    /// Due after `today`, up to and including `until` when given.
    Upcoming { until: Option<String> },
}

/// A page of open tasks in `view` for the date `today` (`YYYY-MM-DD`, supplied by the caller — the rule never
/// reads the clock), ordered by due date, then due time (tasks without a time first in their day), then id.
/// Each page is one range of the `task_open_by_due` index.
pub fn view(
    conn: &Connection,
    view: &View,
    today: &str,
    limit: u32,
    cursor: Option<&str>,
) -> Result<Page<Task>> {
    let today = valid::format_date(valid::date(today, "today")?);
    let limit = paging::clamp(limit);
    let mut args: Vec<Value> = vec![today.into()];
    let mut sql = format!(
        "SELECT {COLUMNS} FROM task INDEXED BY task_open_by_due WHERE done = 0 AND due_date IS NOT NULL AND "
    );
    match view {
        View::Today => sql.push_str("due_date = ?1"),
        View::Overdue => sql.push_str("due_date < ?1"),
        View::Upcoming { until } => {
            sql.push_str("due_date > ?1");
            if let Some(until) = until {
                args.push(valid::format_date(valid::date(until, "until")?).into());
                sql.push_str(" AND due_date <= ?2");
            }
        }
    }
    if let Some(c) = cursor {
        let (key, id) = paging::decode(c)?;
        let (date, time) = key.split_at_checked(10).ok_or(CrmError::BadCursor)?;
        args.push(date.to_owned().into());
        args.push(time.to_owned().into());
        args.push(id.into());
        let n = args.len();
        sql.push_str(&format!(
            " AND (due_date, due_time, id) > (?{}, ?{}, ?{n})",
            n - 2,
            n - 1
        ));
    }
    args.push(i64::from(limit + 1).into());
    sql.push_str(&format!(
        " ORDER BY due_date, due_time, id LIMIT ?{}",
        args.len()
    ));
    let rows: Vec<Task> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args), read)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(paging::finish(rows, limit, |t| {
        (
            format!(
                "{}{}",
                t.due_date.as_deref().unwrap_or_default(),
                t.due_time.as_deref().unwrap_or_default()
            ),
            t.id,
        )
    }))
}

/// How many open tasks are due on `today` and how many before it.
pub fn counts(conn: &Connection, today: &str) -> Result<(u64, u64)> {
    let today = valid::format_date(valid::date(today, "today")?);
    let (due, overdue): (i64, i64) = conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM task INDEXED BY task_open_by_due \
                     WHERE done = 0 AND due_date IS NOT NULL AND due_date = ?1), \
                    (SELECT count(*) FROM task INDEXED BY task_open_by_due \
                     WHERE done = 0 AND due_date IS NOT NULL AND due_date < ?1)",
        )?
        .query_row([today], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok((due.unsigned_abs(), overdue.unsigned_abs()))
}

/// What a task list is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkedTo {
    Contact(i64),
    Company(i64),
    Deal(i64),
}

/// The tasks linked to a record: open ones first by due date (undated last), then done ones; at most `limit`.
pub fn linked(conn: &Connection, to: LinkedTo, limit: u32) -> Result<Vec<Task>> {
    let (column, id) = match to {
        LinkedTo::Contact(id) => ("contact_id", id),
        LinkedTo::Company(id) => ("company_id", id),
        LinkedTo::Deal(id) => ("deal_id", id),
    };
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM task WHERE {column} = ?1 \
             ORDER BY done, due_date IS NULL, due_date, due_time, id LIMIT ?2"
        ))?
        .query_map(params![id, i64::from(paging::clamp(limit))], read)?
        .collect::<rusqlite::Result<_>>()?)
}
