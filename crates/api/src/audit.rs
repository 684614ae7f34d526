//! The audit hook: every write made through the API records what kind of change, to which record and when.
//! The event holds ids only, never personal data, so erasing a person never needs to rewrite it.

use rusqlite::{Connection, params};
use sigilo_vault::Migrations;

/// The audit log's schema steps, append-only.
pub const MIGRATIONS: Migrations = Migrations {
    domain: "audit",
    steps: &[include_str!("../migrations/0001_audit.sql")],
};

/// The kinds of change the log knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    VaultCreated,
    PassphraseChanged,
    RecoveryCodeRegenerated,
    DataKeyRotated,
    BackupCreated,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::VaultCreated => "vault_created",
            Action::PassphraseChanged => "passphrase_changed",
            Action::RecoveryCodeRegenerated => "recovery_code_regenerated",
            Action::DataKeyRotated => "data_key_rotated",
            Action::BackupCreated => "backup_created",
        }
    }
}

/// Records one event; call it inside the transaction that makes the change.
pub fn record(
    conn: &Connection,
    action: Action,
    entity: &str,
    entity_id: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_event (at, action, entity, entity_id) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        sigilo_crm::now_iso(),
        action.as_str(),
        entity,
        entity_id
    ])?;
    Ok(())
}
