//! Sigilo's CRM domain: contacts, validation, keyset paging and full-text search over the vault's connection.
//!
//! Every function takes a `rusqlite::Connection` (or a transaction, which derefs to one) so the API layer decides
//! transaction boundaries and records the audit event in the same transaction as the change.

pub mod contacts;
pub mod search;
pub mod text;

use sigilo_vault::Migrations;

/// The CRM's schema steps, append-only: step *i* is version *i + 1* of the `crm` domain.
pub const MIGRATIONS: Migrations = Migrations {
    domain: "crm",
    steps: &[include_str!("../migrations/0001_contacts.sql")],
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

/// The kinds of record the search index holds; the code is the low 4 bits of an index rowid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Contact,
}

impl Kind {
    const fn code(self) -> i64 {
        match self {
            Kind::Contact => 1,
        }
    }

    fn from_code(code: i64) -> Option<Kind> {
        match code {
            1 => Some(Kind::Contact),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Contact => "contact",
        }
    }
}

/// Current UTC time as an ISO 8601 / RFC 3339 string with second precision.
pub fn now_iso() -> String {
    let now = time::OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| now.unix_timestamp().to_string())
}
