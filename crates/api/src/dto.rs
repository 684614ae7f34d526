//! The data transfer objects that cross IPC to the web UI and are printed as JSON by the CLI.
//! Ids and money are strings; counts are `u32` so ts-rs emits `number`, never `bigint`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An email or phone with an optional label ("work", "home", "mobile"…).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LabelledValue {
    pub label: Option<String>,
    pub value: String,
}

/// How a contact's data was obtained (kept for the "what we hold about you" answer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContactSource {
    /// A web or paper form.
    Form,
    /// Met at an event.
    Event,
    /// An imported file.
    Import,
    /// Someone referred them.
    Referral,
    Other,
}

/// What a user supplies for a contact (add and edit). The contact's emails are `emails` (unlabelled; on edit, a
/// value that stays keeps the label it had) followed by `labelled_emails`; phones likewise. A form that edits
/// labels sends everything in `labelled_emails` / `labelled_phones` and leaves `emails` / `phones` empty. The
/// fields after `notes` may be left out of the JSON (they default to empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContactInput {
    pub name: String,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    /// The company's name as free text (a contact linked to a company record shows that company's name).
    pub company: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub labelled_emails: Vec<LabelledValue>,
    #[serde(default)]
    pub labelled_phones: Vec<LabelledValue>,
    #[serde(default)]
    pub addresses: Vec<Address>,
    #[serde(default)]
    pub job_title: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    pub birthday: Option<String>,
    #[serde(default)]
    pub source: Option<ContactSource>,
    /// Free text about the source: the form's name, the event, the file, who referred them.
    #[serde(default)]
    pub source_detail: Option<String>,
}

/// One period of a contact's company history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyPeriod {
    /// `null` once the company record was deleted (the name stays).
    pub company_id: Option<String>,
    pub company_name: String,
    pub job_title: Option<String>,
    /// `YYYY-MM-DD`.
    pub from_date: Option<String>,
    /// `YYYY-MM-DD`; `null` for the current link.
    pub to_date: Option<String>,
}

/// A contact with everything it holds. `emails` and `phones` list the values alone (in order);
/// `labelled_emails` and `labelled_phones` the same values with their labels.
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
    pub labelled_emails: Vec<LabelledValue>,
    pub labelled_phones: Vec<LabelledValue>,
    pub addresses: Vec<Address>,
    pub job_title: Option<String>,
    /// `YYYY-MM-DD`.
    pub birthday: Option<String>,
    pub source: Option<ContactSource>,
    pub source_detail: Option<String>,
    /// The company record the contact works at now, if linked.
    pub company_id: Option<String>,
    /// Where the contact has worked, oldest first (the open period last).
    pub company_history: Vec<CompanyPeriod>,
    /// When the newest interaction with this contact happened (UTC), if any.
    pub last_interaction_at: Option<String>,
    /// The contact's custom field values, in the order the fields were defined (unset fields left out).
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldValue>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

/// The kinds of record search can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Contact,
    Company,
    Deal,
    Interaction,
    Task,
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

/// App settings kept outside any vault (no business data): language, auto-lock, recent vault folders,
/// automatic backups. Every field has a default, so a settings file written by an older version still loads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppSettings {
    /// `null` follows the system language.
    pub locale: Option<Locale>,
    /// Minutes of inactivity before the vault locks itself; 0 turns auto-lock off.
    pub auto_lock_minutes: u32,
    pub recent_vaults: Vec<VaultSummary>,
    pub auto_backup: AutoBackupSettings,
}

impl Default for AppSettings {
    fn default() -> Self {
        AppSettings {
            locale: None,
            auto_lock_minutes: 10,
            recent_vaults: Vec::new(),
            auto_backup: AutoBackupSettings::default(),
        }
    }
}

/// Automatic backup generations: where, when, how many to keep, and how the last attempt went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AutoBackupSettings {
    /// Folder the generations go to (`sigilo-YYYYMMDD-HHMMSS.sigilobak`, UTC); `null` turns them off.
    pub folder: Option<String>,
    /// Write a generation just before the vault locks (lock button, Ctrl+L, auto-lock).
    pub before_lock: bool,
    /// Write a generation once a day while the vault is unlocked.
    pub daily: bool,
    /// Keep this many newest generations (at least 1).
    pub keep_last: u32,
    /// Also keep the newest generation of each of this many recent months (0: none beyond `keep_last`).
    pub keep_monthly: u32,
    /// The last automatic attempt; written by the backend only (a settings save keeps the stored one).
    pub last: Option<AutoBackupLast>,
}

impl Default for AutoBackupSettings {
    fn default() -> Self {
        AutoBackupSettings {
            folder: None,
            before_lock: false,
            daily: false,
            keep_last: 7,
            keep_monthly: 12,
            last: None,
        }
    }
}

/// How the last automatic backup went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AutoBackupLast {
    /// When it was attempted (RFC 3339, UTC).
    pub at: String,
    pub ok: bool,
    /// On failure, the error's code (the UI words it) and its message.
    pub code: Option<crate::ErrorCode>,
    pub message: Option<String>,
    /// On success, the generation's file.
    pub file: Option<String>,
}

/// How a backup file is keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKeyMode {
    /// Its own passphrase (an Argon2id slot in the header).
    Passphrase,
    /// The vault's keyslots, embedded: the vault's passphrase or recovery code opens it (automatic backups).
    VaultKeyslots,
}

/// A backup file's header, readable without any secret. Byte counts cross as JS numbers (exact to 2^53).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupInfo {
    pub format_version: u32,
    pub key_mode: BackupKeyMode,
    /// The backup passphrase's Argon2id parameters (passphrase mode only).
    pub kdf: Option<KdfInfo>,
    pub created_at: String,
    pub vault_id: String,
    pub schema_version: u32,
    pub chunk_size: u32,
    #[ts(type = "number")]
    pub file_size: u64,
}

/// What writing a backup produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupResult {
    pub path: String,
    /// Size of the file.
    #[ts(type = "number")]
    pub bytes: u64,
    /// Size of what it holds before sealing.
    #[ts(type = "number")]
    pub payload_bytes: u64,
    pub snapshot_ms: u32,
    pub seal_ms: u32,
}

/// A backup file checked end to end: every chunk authenticated, then the database's integrity check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    pub info: BackupInfo,
    #[ts(type = "number")]
    pub payload_bytes: u64,
    pub integrity_ok: bool,
}

/// A restored vault: where it is and the backup it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    pub info: BackupInfo,
    /// The restored vault's folder.
    pub to: String,
    /// The desktop app locked the open vault because the restore replaced it.
    pub vault_locked: bool,
}

/// The stages of long backup work, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupStage {
    Snapshot,
    Seal,
    Verify,
    Restore,
}

/// Progress of a backup, verify or restore, in bytes of the current stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupProgress {
    pub stage: BackupStage,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
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

// ----- companies -----

/// What a company is to the business; a company may have several roles at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CompanyRole {
    Customer,
    Supplier,
    Prospect,
}

/// A postal address with an optional label ("billing", "warehouse"…); every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Address {
    pub label: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

/// What a user supplies for a company (add and edit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyInput {
    pub name: String,
    pub roles: Vec<CompanyRole>,
    /// ISO 3166-1 alpha-2 country of the tax id; `null` means Spain when a tax id is given.
    pub tax_country: Option<String>,
    pub tax_id: Option<String>,
    pub addresses: Vec<Address>,
    pub website: Option<String>,
    /// Billing terms: days to pay an invoice.
    pub payment_days: Option<u32>,
    /// Billing terms: ISO 4217 currency code.
    pub currency: Option<String>,
    pub notes: Option<String>,
}

/// A company with everything it holds, and how many contacts and deals link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub roles: Vec<CompanyRole>,
    pub tax_country: Option<String>,
    pub tax_id: Option<String>,
    pub addresses: Vec<Address>,
    pub website: Option<String>,
    pub payment_days: Option<u32>,
    pub currency: Option<String>,
    pub notes: Option<String>,
    pub last_interaction_at: Option<String>,
    pub contacts: u32,
    pub deals: u32,
    pub created_at: String,
    pub updated_at: String,
    /// The company's custom field values, in the order the fields were defined (unset fields left out).
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldValue>,
}

/// One row of the company list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CompanyRow {
    pub id: String,
    pub name: String,
    pub roles: Vec<CompanyRole>,
    pub tax_id: Option<String>,
    pub last_interaction_at: Option<String>,
}

/// What deleting a company does with its contacts and deals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CompanyDeletion {
    /// Refuse (`refused`) when anything is linked.
    #[default]
    Refuse,
    /// Delete the linked contacts and deals too.
    Cascade,
    /// Keep them, unlinked (contacts keep the company's name and their history).
    Detach,
}

/// What a user supplies for a supplier agreement (add and edit).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgreementInput {
    /// The terms in short ("Suministro anual de papel, 30 días").
    pub terms: String,
    /// `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`, not before the start.
    pub end_date: Option<String>,
    /// When to be reminded to renew, `YYYY-MM-DD`.
    pub renewal_reminder: Option<String>,
    /// Free-text conditions.
    pub conditions: Option<String>,
}

/// A supplier agreement with a company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Agreement {
    pub id: String,
    pub company_id: String,
    pub terms: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub renewal_reminder: Option<String>,
    pub conditions: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

// ----- interactions and timelines -----

/// What kind of interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    Call,
    Meeting,
    Email,
    Message,
    Note,
}

/// Who started an interaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Inbound,
    Outbound,
    #[default]
    None,
}

/// What a user supplies for an interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InteractionInput {
    pub kind: InteractionKind,
    /// ISO 8601 date-time; without an offset it is taken in this computer's time zone.
    pub at: String,
    pub direction: Direction,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub contact_ids: Vec<String>,
    /// `null` takes the deal's company, else the first contact's company.
    pub company_id: Option<String>,
    pub deal_id: Option<String>,
}

/// A logged interaction; `at` is UTC (`YYYY-MM-DDTHH:MM:SSZ`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Interaction {
    pub id: String,
    pub kind: InteractionKind,
    pub at: String,
    pub direction: Direction,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub contact_ids: Vec<String>,
    pub company_id: Option<String>,
    pub deal_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Whose timeline: `{ "of": "contact", "id": "42" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "of", content = "id", rename_all = "snake_case")]
pub enum TimelineOwner {
    Contact(String),
    Company(String),
    Deal(String),
}

// ----- tasks -----

/// How urgent a task is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskPriority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

/// What a user supplies for a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskInput {
    pub title: String,
    /// `YYYY-MM-DD`.
    pub due_date: Option<String>,
    /// `HH:MM`; needs a due date.
    pub due_time: Option<String>,
    pub priority: TaskPriority,
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    pub deal_id: Option<String>,
    pub notes: Option<String>,
}

/// A task or follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub due_date: Option<String>,
    pub due_time: Option<String>,
    pub done: bool,
    /// When it was completed (UTC date-time).
    pub done_at: Option<String>,
    pub priority: TaskPriority,
    pub contact_id: Option<String>,
    pub company_id: Option<String>,
    pub deal_id: Option<String>,
    pub notes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// Which open tasks, relative to today's date on this computer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaskView {
    /// Due today.
    #[default]
    Today,
    /// Due before today.
    Overdue,
    /// Due after today.
    Upcoming,
}

/// The interaction to log when completing a task (linked to the task's contact, company and deal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskLog {
    pub kind: InteractionKind,
    pub direction: Direction,
    /// `null` uses the task's title.
    pub subject: Option<String>,
    pub body: Option<String>,
}

// ----- deals -----

/// An amount of money: a decimal string in major units with the currency's decimals, never a float.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    /// "12.50", "-0.05", "1500" (JPY has no decimals).
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
}

/// What reaching a stage means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Still being worked on: counts in the forecast.
    Open,
    Won,
    Lost,
}

/// A pipeline stage, in pipeline order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Stage {
    pub id: String,
    pub name: String,
    /// The probability a deal takes when it enters this stage, 0–100.
    pub probability: u8,
    pub kind: StageKind,
}

/// A pipeline stage as a user configures it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StageInput {
    pub name: String,
    /// The probability a deal takes when it enters the stage, 0–100.
    pub probability: u8,
    pub kind: StageKind,
}

/// What a user supplies for a deal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DealInput {
    pub title: String,
    /// The stage's name (case and accents ignored) or id; `null` is the first open stage.
    pub stage: Option<String>,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
    /// A non-negative decimal string in major units ("1234.50").
    pub value: String,
    /// ISO 4217.
    pub currency: String,
    /// 0–100; `null` takes the stage's default probability.
    pub probability: Option<u8>,
    /// `YYYY-MM-DD`.
    pub expected_close: Option<String>,
    pub owner_notes: Option<String>,
}

/// A deal in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Deal {
    pub id: String,
    pub title: String,
    pub stage_id: String,
    pub stage_name: String,
    pub stage_kind: StageKind,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
    pub value: Money,
    pub probability: u8,
    pub expected_close: Option<String>,
    pub owner_notes: Option<String>,
    /// Why it was won or lost.
    pub reason: Option<String>,
    pub closed_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// When the newest interaction linked to the deal happened (UTC), if any.
    #[serde(default)]
    pub last_interaction_at: Option<String>,
    /// The deal's custom field values, in the order the fields were defined (unset fields left out).
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldValue>,
}

/// One month and currency of the revenue forecast of open deals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ForecastLine {
    /// `YYYY-MM` of the expected close date; `null` for open deals without one.
    pub month: Option<String>,
    /// Σ value × probability / 100, rounded once per line, half away from zero.
    pub weighted: Money,
    /// Σ value, unweighted.
    pub total: Money,
    pub deals: u32,
}

// ----- tags and custom fields -----

/// The kinds of record that carry tags and custom fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TaggedKind {
    Contact,
    Company,
    Deal,
}

/// A tag (names are unique regardless of case and accents).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tag {
    pub id: String,
    pub name: String,
}

/// The type of a custom field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Choice,
    Boolean,
}

/// A custom field as a user defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldInput {
    pub entity: TaggedKind,
    pub name: String,
    pub kind: FieldKind,
    /// The allowed values of a choice field (ignored for other kinds).
    pub choices: Vec<String>,
}

/// A custom field's definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldDef {
    pub id: String,
    pub entity: TaggedKind,
    pub name: String,
    pub kind: FieldKind,
    pub choices: Vec<String>,
}

/// One custom field value of a record, as `custom_fields` of a contact, company or deal lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomFieldValue {
    pub field_id: String,
    pub name: String,
    pub kind: FieldKind,
    /// The canonical text: text as typed (trimmed); number an exact decimal with "." ("12.5"); date
    /// `YYYY-MM-DD`; choice as defined; boolean "true" or "false".
    pub value: String,
}

/// How a contact, company or deal list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ListSort {
    /// By name (deals: title), ignoring case and accents, A to Z.
    #[default]
    Name,
    /// Newest first.
    Created,
    /// Most recently contacted first; never-contacted records last, newest first.
    LastContacted,
}

/// A custom field filter: records whose field (its name, case and accents ignored, or its id) holds `value`,
/// compared after normalising it as the field's kind says ("1,50" finds 1.5; "sí" finds true).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldMatch {
    pub field: String,
    pub value: String,
}

/// Filters and order of the contact list; every filter given must hold. Keys may be left out. The dates are
/// `YYYY-MM-DD` (the start of that day on this computer) or a date-time; "before" includes never-contacted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactFilterInput {
    /// A tag name (case and accents ignored).
    pub tag: Option<String>,
    pub field: Option<FieldMatch>,
    pub last_contacted_before: Option<String>,
    pub last_contacted_after: Option<String>,
    /// Only contacts working at this company now.
    pub company_id: Option<String>,
    pub sort: ListSort,
}

/// Filters and order of the company list (as [`ContactFilterInput`], plus a role).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CompanyFilterInput {
    pub role: Option<CompanyRole>,
    pub tag: Option<String>,
    pub field: Option<FieldMatch>,
    pub last_contacted_before: Option<String>,
    pub last_contacted_after: Option<String>,
    pub sort: ListSort,
}

/// Filters and order of the deal list (as [`ContactFilterInput`], plus a stage and the linked records).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DealFilterInput {
    /// A stage name (case and accents ignored) or id.
    pub stage: Option<String>,
    pub company_id: Option<String>,
    pub contact_id: Option<String>,
    pub tag: Option<String>,
    pub field: Option<FieldMatch>,
    pub last_contacted_before: Option<String>,
    pub last_contacted_after: Option<String>,
    pub sort: ListSort,
}

// ----- dashboard -----

/// One stage of the pipeline summary: how many deals it holds and their value per currency (never summed
/// across currencies; no line for a currency the stage does not hold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PipelineStage {
    pub stage: Stage,
    pub count: u32,
    pub totals: Vec<Money>,
}

/// Deals won and lost in one currency over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WonLost {
    /// ISO 4217.
    pub currency: String,
    pub won_count: u32,
    pub won: Money,
    pub lost_count: u32,
    pub lost: Money,
}

/// A contact not touched for a while: their list row and when they were last contacted (`null`: never).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UntouchedContact {
    pub contact: ContactRow,
    pub last_interaction_at: Option<String>,
}

/// The morning dashboard: what is due, what the pipeline is worth, who has gone quiet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DashboardDto {
    /// This computer's date, `YYYY-MM-DD`: "today" for the task counts.
    pub today: String,
    /// Open tasks due today, and the first few of them (by due time).
    pub due_today_count: u32,
    pub due_today: Vec<Task>,
    /// Open tasks due before today, and the oldest few of them.
    pub overdue_count: u32,
    pub overdue: Vec<Task>,
    /// Every stage in pipeline order with its deals' count and value per currency.
    pub pipeline: Vec<PipelineStage>,
    /// The forecast of open deals for the twelve months from this month, by month and currency.
    pub forecast: Vec<ForecastLine>,
    /// The first day (`YYYY-MM-DD`, local) of the won/lost period: January 1st of this year, up to today.
    pub won_lost_since: String,
    /// Deals won and lost since `won_lost_since`, per currency.
    pub won_lost: Vec<WonLost>,
    /// The `N` of "not touched in N days".
    pub untouched_days: u32,
    /// Contacts with no interaction in the last `untouched_days` days: never-contacted first, then the longest
    /// untouched (the first page only).
    pub untouched: Vec<UntouchedContact>,
}
