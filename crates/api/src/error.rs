//! The one error that crosses IPC and the CLI: a stable `code` the UI and scripts match on, and a plain message.

use serde::{Deserialize, Serialize};
use sigilo_crm::CrmError;
use sigilo_vault::VaultError;
use ts_rs::TS;

/// Stable error codes. The UI matches on these, never on message text; the CLI maps them to exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input is not acceptable (a field, an argument, a malformed id or cursor).
    InvalidInput,
    /// The passphrase or recovery code does not open a keyslot (or the keyslot is damaged: indistinguishable).
    WrongSecret,
    /// The recovery code's checksum group does not match: a typo, caught before any key derivation.
    RecoveryCodeTypo,
    /// Damaged or unreadable data: a file that does not parse, a failed MAC or integrity check.
    Damaged,
    NotFound,
    AlreadyExists,
    /// The vault was written by a newer version of Sigilo.
    NewerSchema,
    /// Another process holds the vault where this operation needs it alone.
    Busy,
    /// Refused by a rule.
    Refused,
    /// No vault is unlocked.
    Locked,
    Io,
    Internal,
}

impl ErrorCode {
    /// The `sigilo` command line's exit code for this error (its public contract).
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorCode::InvalidInput | ErrorCode::RecoveryCodeTypo => 2,
            ErrorCode::WrongSecret => 3,
            ErrorCode::Damaged => 4,
            ErrorCode::NotFound => 5,
            ErrorCode::AlreadyExists
            | ErrorCode::NewerSchema
            | ErrorCode::Busy
            | ErrorCode::Refused => 6,
            ErrorCode::Locked | ErrorCode::Io | ErrorCode::Internal => 1,
        }
    }
}

/// `{ code, message }`: what every failing command rejects with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
}

fn sqlite_error(e: &rusqlite::Error) -> ApiError {
    use rusqlite::ErrorCode as Sq;
    match e.sqlite_error_code() {
        Some(Sq::DatabaseCorrupt | Sq::NotADatabase) => {
            ApiError::new(ErrorCode::Damaged, "the vault's database is damaged")
        }
        Some(Sq::DatabaseBusy | Sq::DatabaseLocked) => ApiError::new(
            ErrorCode::Busy,
            "the vault is busy in another process; try again",
        ),
        Some(Sq::DiskFull) => ApiError::new(ErrorCode::Io, "the disk is full"),
        Some(Sq::ReadOnly | Sq::CannotOpen | Sq::PermissionDenied) => {
            ApiError::new(ErrorCode::Io, format!("the vault cannot be written: {e}"))
        }
        _ => ApiError::new(ErrorCode::Internal, format!("database error: {e}")),
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        sqlite_error(&e)
    }
}

impl From<VaultError> for ApiError {
    fn from(e: VaultError) -> Self {
        let code = match &e {
            VaultError::NotFound(_) => ErrorCode::NotFound,
            VaultError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            VaultError::WrongSecret => ErrorCode::WrongSecret,
            VaultError::RecoveryCodeTypo => ErrorCode::RecoveryCodeTypo,
            VaultError::Damaged(_) => ErrorCode::Damaged,
            VaultError::NewerSchema { .. } => ErrorCode::NewerSchema,
            VaultError::Busy => ErrorCode::Busy,
            VaultError::Io(_) => ErrorCode::Io,
            VaultError::Sqlite(inner) => return sqlite_error(inner),
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<CrmError> for ApiError {
    fn from(e: CrmError) -> Self {
        match e {
            CrmError::Invalid { .. } | CrmError::BadCursor => ApiError::invalid(e.to_string()),
            CrmError::NotFound { .. } => ApiError::new(ErrorCode::NotFound, e.to_string()),
            CrmError::Refused(_) => ApiError::new(ErrorCode::Refused, e.to_string()),
            CrmError::Sqlite(inner) => sqlite_error(&inner),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = ApiError::new(
            ErrorCode::WrongSecret,
            "wrong passphrase or damaged keyslot",
        );
        let json = serde_json::to_string(&e).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"code":"wrong_secret","message":"wrong passphrase or damaged keyslot"}"#
        );
    }

    #[test]
    fn exit_codes_follow_the_cli_contract() {
        assert_eq!(ErrorCode::InvalidInput.exit_code(), 2);
        assert_eq!(ErrorCode::WrongSecret.exit_code(), 3);
        assert_eq!(ErrorCode::Damaged.exit_code(), 4);
        assert_eq!(ErrorCode::NotFound.exit_code(), 5);
        assert_eq!(ErrorCode::Busy.exit_code(), 6);
        assert_eq!(ErrorCode::NewerSchema.exit_code(), 6);
        assert_eq!(ErrorCode::Internal.exit_code(), 1);
        assert_eq!(ErrorCode::Refused.exit_code(), 6);
    }

    #[test]
    fn a_crm_refusal_is_refused() {
        let e = ApiError::from(CrmError::Refused("choose cascade or detach".into()));
        assert_eq!(e.code, ErrorCode::Refused);
        assert_eq!(e.message, "choose cascade or detach");
    }
}
