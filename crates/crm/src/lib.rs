//! Sigilo's CRM domain: contacts, companies and supplier agreements, deals and the pipeline, the interaction
//! timeline, tasks, tags, custom fields, validation, keyset paging and full-text search over the vault's
//! connection.
//!
//! Every function takes a `rusqlite::Connection` (or a transaction, which derefs to one) so the API layer decides
//! transaction boundaries and records the audit event in the same transaction as the change. A write that fails
//! a check returns before writing; a few writes touch several rows (a record and its search entry, a move and
//! its deal), so callers run each call inside a transaction, as `sigilo-api`'s `Session::write` does. Nothing
//! here reads the clock to decide a rule: "today" and event times are arguments; only `created_at` /
//! `updated_at` stamps use [`now_iso`].

pub mod companies;
pub mod contacts;
pub mod dashboard;
pub mod deals;
pub mod fields;
pub mod interactions;
#[cfg(test)]
mod list_plans;
pub mod money;
pub mod paging;
pub mod search;
pub mod tags;
pub mod tasks;
pub mod taxid;
pub mod text;
pub mod valid;

use sigilo_vault::Migrations;

/// The CRM's schema steps, append-only: step *i* is version *i + 1* of the `crm` domain.
pub const MIGRATIONS: Migrations = Migrations {
    domain: "crm",
    steps: &[
        include_str!("../migrations/0001_contacts.sql"),
        include_str!("../migrations/0002_companies.sql"),
        include_str!("../migrations/0003_tags_fields.sql"),
        include_str!("../migrations/0004_deals.sql"),
        include_str!("../migrations/0005_interactions_tasks.sql"),
        include_str!("../migrations/0006_list_filters.sql"),
        include_str!("../migrations/0007_search_by_kind.sql"),
    ],
};

/// What can go wrong in the CRM domain.
#[derive(Debug, thiserror::Error)]
pub enum CrmError {
    /// A field failed validation; `field` names it for the UI, `message` says why in plain words.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// No record of that kind with that id.
    #[error("no {kind} with id {id}")]
    NotFound { kind: &'static str, id: String },
    /// Refused by a rule although every field is valid (deleting a company that still has contacts or deals
    /// without saying what to do with them); the message says what to choose instead.
    #[error("{0}")]
    Refused(String),
    /// A paging cursor that this build did not hand out.
    #[error("the cursor is not valid for this list")]
    BadCursor,
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl CrmError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        CrmError::Invalid {
            field,
            message: message.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, CrmError>;

/// Every kind of record search finds. The code was the low 4 bits of a rowid of the shared index of crm steps
/// 1–6 (`rowid = id × 16 + code`), which step 7 reads to split it into one index per kind: never renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Contact,
    Company,
    Interaction,
    Deal,
    Task,
}

impl RecordKind {
    /// Every kind, in the order grouped search results are listed.
    pub const ALL: [RecordKind; 5] = [
        RecordKind::Contact,
        RecordKind::Company,
        RecordKind::Deal,
        RecordKind::Interaction,
        RecordKind::Task,
    ];

    pub const fn code(self) -> i64 {
        match self {
            RecordKind::Contact => 1,
            RecordKind::Company => 2,
            RecordKind::Interaction => 3,
            RecordKind::Deal => 4,
            RecordKind::Task => 5,
        }
    }

    pub fn from_code(code: i64) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Contact => "contact",
            RecordKind::Company => "company",
            RecordKind::Interaction => "interaction",
            RecordKind::Deal => "deal",
            RecordKind::Task => "task",
        }
    }
}

/// Today's date in UTC as `YYYY-MM-DD` (callers that know the user's zone pass their own "today" instead).
pub fn today_iso() -> String {
    valid::format_date(time::OffsetDateTime::now_utc().date())
}

/// Current UTC time as an ISO 8601 / RFC 3339 string with second precision.
pub fn now_iso() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn record_kind_codes_are_stable_and_fit_four_bits() {
        let codes: Vec<i64> = RecordKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(
            codes,
            vec![1, 2, 4, 3, 5],
            "stored in vaults: never renumber"
        );
        for k in RecordKind::ALL {
            assert!((1..16).contains(&k.code()));
            assert_eq!(RecordKind::from_code(k.code()), Some(k));
        }
        assert_eq!(RecordKind::from_code(0), None);
        assert_eq!(
            RecordKind::Contact.code(),
            1,
            "the v1 contact entries keep their rowids"
        );
    }

    #[test]
    fn migrations_are_appended_never_edited() {
        assert!(MIGRATIONS.steps[0].starts_with("-- crm 1: contacts"));
        for (i, step) in MIGRATIONS.steps.iter().enumerate() {
            assert!(
                step.starts_with(&format!("-- crm {}:", i + 1)),
                "step {}",
                i + 1
            );
        }
    }
}
