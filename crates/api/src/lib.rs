//! Sigilo's use cases: the one library both shells (the Tauri desktop app and the `sigilo` CLI) call.
//!
//! It owns the DTOs that cross IPC (the only types deriving `ts_rs::TS`), the single serialisable error
//! `ApiError { code, message }`, the audit hook every write goes through, and the app settings file.

pub mod audit;
pub mod autolock;
pub mod backup;
mod crm;
pub mod demo;
mod demo_invoicing;
pub mod dto;
pub mod dto_expenses;
pub mod dto_invoicing;
pub mod error;
mod expenses;
pub mod generations;
mod invoice_pdf;
mod invoicing;
mod quotes_recurring;
pub mod session;
pub mod settings;

pub use autolock::AutoLock;
pub use backup::{AutoTrigger, backup_info, backup_restore, backup_verify, same_folder};
pub use dto::*;
pub use dto_expenses::*;
pub use dto_invoicing::*;
pub use error::{ApiError, ErrorCode};
pub use expenses::{DocumentUpload, ExpenseDocument, VAT_CSV_HEADER, vat_report_csv};
pub use session::{Session, schema, vault_exists};
pub use settings::{
    default_vault_dir, record_auto_backup, remember_vault, settings_load, settings_save,
};
pub use sigilo_vault::Secret;

/// A secret typed by the user (passphrase or recovery code): zeroized on drop, redacted in `Debug`.
pub type SecretString = Secret<String>;

/// Shortest passphrase accepted for a new vault or a passphrase change.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
