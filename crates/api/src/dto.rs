//! The data transfer objects that cross IPC to the web UI and are printed as JSON by the CLI.
//! Ids and money are strings; counts are `u32` so ts-rs emits `number`, never `bigint`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a user supplies for a contact (add and edit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactInput {
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
    pub notes: Option<String>,
}

/// A contact with everything it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the contact list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactRow {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
}

/// A slice of the name-ordered contact list: rows `offset .. offset + items.len()` of `total`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactWindow {
    pub total: u32,
    pub offset: u32,
    pub items: Vec<ContactRow>,
}

/// A page of any list, in the CLI's JSON convention: `{"items": [...], "next_cursor": "..." | null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The kinds of record search can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Contact,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
}

/// A vault the app knows: its folder and a name to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VaultSummary {
    pub path: String,
    pub name: String,
}

/// What creating a vault hands back once: the recovery code, to be stored offline by the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreatedVault {
    pub recovery_code: String,
}

/// Which secret the user typed to unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UnlockKind {
    Passphrase,
    RecoveryCode,
}

/// The interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    Es,
    En,
}

/// App settings kept outside any vault (no business data): language, auto-lock, recent vault folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppSettings {
    /// `null` follows the system language.
    pub locale: Option<Locale>,
    /// Minutes of inactivity before the vault locks itself; 0 turns auto-lock off.
    pub auto_lock_minutes: u32,
    pub recent_vaults: Vec<VaultSummary>,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            locale: None,
            auto_lock_minutes: 10,
            recent_vaults: Vec::new(),
        }
    }
}

/// Argon2id parameters of one keyslot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KdfInfo {
    pub algorithm: String,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

/// One keyslot, without any secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyslotInfo {
    /// "passphrase" or "recovery_code".
    pub kind: UnlockKind,
    pub kdf: KdfInfo,
    pub created_at: String,
}

/// What `vault info` reports: where the database is, its schema and cipher, and the keyslots (no secrets).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VaultInfo {
    pub vault_id: String,
    pub database_path: String,
    pub schema_version: u32,
    pub schema: BTreeMap<String, u32>,
    pub cipher_version: String,
    pub keyslots: Vec<KeyslotInfo>,
}

/// The result of an integrity check of the database and the keyslots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CheckReport {
    pub ok: bool,
    pub problems: Vec<String>,
}
