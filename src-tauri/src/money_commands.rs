//! The IPC commands for quotes, recurring invoices, dunning, the money overview, expenses and the reports.
//!
//! Each one parses its arguments, calls one `sigilo_api::Session` method on the unlocked vault, and rejects
//! with `ApiError`. Argument names are single words so they read the same in Rust and in JS. A bill's document
//! and the VAT CSV are written to a path the user picked in the save dialog (through a `.part` file beside it).

use std::path::Path;

use sigilo_api::{
    DocumentUpload, Expense, ExpenseDocumentInfo, ExpenseFilter, ExpenseInput, ExpenseRow,
    MoneyOverview, OverdueRow, Page, ProfitBy, ProfitReport, Quote, QuoteInput, QuoteRow,
    QuoteStatus, Recurring, RecurringInput, RecurringRow, RecurringRun, ReminderDto, ReminderInput,
    VatReport,
};
use tauri::State;

use crate::commands::Res;
use crate::files;
use crate::state::AppState;

// ----- quotes -----

#[tauri::command]
pub async fn quote_create(state: State<'_, AppState>, input: QuoteInput) -> Res<String> {
    state.with_session(|s| s.quote_create(input))
}

#[tauri::command]
pub async fn quote_update(state: State<'_, AppState>, id: String, input: QuoteInput) -> Res<()> {
    state.with_session(|s| s.quote_update(&id, input))
}

#[tauri::command]
pub async fn quote_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.quote_delete(&id))
}

/// Marks a quote sent, accepted or rejected.
#[tauri::command]
pub async fn quote_set_status(
    state: State<'_, AppState>,
    id: String,
    status: QuoteStatus,
) -> Res<()> {
    state.with_session(|s| s.quote_set_status(&id, status))
}

/// Turns a quote into a draft invoice in one step; resolves to the invoice's id.
#[tauri::command]
pub async fn quote_convert(state: State<'_, AppState>, id: String) -> Res<String> {
    state.with_session(|s| s.quote_convert(&id))
}

#[tauri::command]
pub async fn quote_get(state: State<'_, AppState>, id: String) -> Res<Quote> {
    state.with_session(|s| s.quote_get(&id))
}

/// A page of quotes (only those in `status` when given), continuing after `cursor`.
#[tauri::command]
pub async fn quote_list(
    state: State<'_, AppState>,
    status: Option<QuoteStatus>,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<QuoteRow>> {
    state.with_session(|s| s.quote_list(status, limit, cursor.as_deref()))
}

// ----- recurring invoices -----

#[tauri::command]
pub async fn recurring_create(state: State<'_, AppState>, input: RecurringInput) -> Res<String> {
    state.with_session(|s| s.recurring_create(input))
}

/// Pauses (`active = false`) or resumes a template.
#[tauri::command]
pub async fn recurring_set_active(state: State<'_, AppState>, id: String, active: bool) -> Res<()> {
    state.with_session(|s| s.recurring_set_active(&id, active))
}

#[tauri::command]
pub async fn recurring_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.recurring_delete(&id))
}

#[tauri::command]
pub async fn recurring_get(state: State<'_, AppState>, id: String) -> Res<Recurring> {
    state.with_session(|s| s.recurring_get(&id))
}

#[tauri::command]
pub async fn recurring_list(state: State<'_, AppState>) -> Res<Vec<RecurringRow>> {
    state.with_session(|s| s.recurring_list())
}

/// Makes the drafts of every period that has come; the UI calls it once after unlocking.
#[tauri::command]
pub async fn recurring_run_due(state: State<'_, AppState>) -> Res<Vec<RecurringRun>> {
    state.with_session(|s| s.recurring_run_due())
}

// ----- the money overview and dunning -----

/// Receivables and overdue per currency, and net revenue by month (the Home dashboard's money figures).
#[tauri::command]
pub async fn money_overview(state: State<'_, AppState>) -> Res<MoneyOverview> {
    state.with_session(|s| s.money_overview())
}

/// Overdue invoices with a balance, oldest due first.
#[tauri::command]
pub async fn dunning_list(
    state: State<'_, AppState>,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<OverdueRow>> {
    state.with_session(|s| s.dunning_list(limit, cursor.as_deref()))
}

/// Logs a reminder sent for an issued invoice; resolves to its id.
#[tauri::command]
pub async fn reminder_log(
    state: State<'_, AppState>,
    invoice: String,
    reminder: ReminderInput,
) -> Res<String> {
    state.with_session(|s| s.reminder_log(&invoice, reminder))
}

#[tauri::command]
pub async fn reminder_list(state: State<'_, AppState>, invoice: String) -> Res<Vec<ReminderDto>> {
    state.with_session(|s| s.reminder_list(&invoice))
}

// ----- expenses -----

/// Records a supplier bill, with its document (PDF, JPEG or PNG bytes) in the same transaction when given.
#[tauri::command]
pub async fn expense_add(
    state: State<'_, AppState>,
    input: ExpenseInput,
    bytes: Option<Vec<u8>>,
    name: Option<String>,
) -> Res<String> {
    let document = bytes.map(|bytes| DocumentUpload {
        bytes,
        file_name: name,
    });
    state.with_session(|s| s.expense_add(input, document))
}

#[tauri::command]
pub async fn expense_update(
    state: State<'_, AppState>,
    id: String,
    input: ExpenseInput,
) -> Res<()> {
    state.with_session(|s| s.expense_update(&id, input))
}

/// Deletes a bill and its document; resolves to what was deleted.
#[tauri::command]
pub async fn expense_delete(state: State<'_, AppState>, id: String) -> Res<Expense> {
    state.with_session(|s| s.expense_delete(&id))
}

#[tauri::command]
pub async fn expense_get(state: State<'_, AppState>, id: String) -> Res<Expense> {
    state.with_session(|s| s.expense_get(&id))
}

/// A page of bills, newest bill date first.
#[tauri::command]
pub async fn expense_list(
    state: State<'_, AppState>,
    filter: ExpenseFilter,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<ExpenseRow>> {
    state.with_session(|s| s.expense_list(&filter, limit, cursor.as_deref()))
}

/// Marks a bill paid on `date` (default today), or unpaid with `paid = false`.
#[tauri::command]
pub async fn expense_pay(
    state: State<'_, AppState>,
    id: String,
    paid: bool,
    date: Option<String>,
) -> Res<()> {
    state.with_session(|s| s.expense_pay(&id, paid, date.as_deref()))
}

/// Keeps the bill's document (replacing any earlier one).
#[tauri::command]
pub async fn expense_attach(
    state: State<'_, AppState>,
    id: String,
    bytes: Vec<u8>,
    name: Option<String>,
) -> Res<ExpenseDocumentInfo> {
    state.with_session(|s| s.expense_attach(&id, &bytes, name))
}

#[tauri::command]
pub async fn expense_detach(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.expense_detach(&id))
}

/// Writes the bill's document, byte for byte, to `path` (picked by the user in the save dialog).
#[tauri::command]
pub async fn expense_document_save(
    state: State<'_, AppState>,
    id: String,
    path: String,
) -> Res<()> {
    let doc = state.with_session(|s| s.expense_document(&id))?;
    files::write_atomically(Path::new(&path), &doc.bytes, "path: choose a file name")
}

// ----- reports -----

#[tauri::command]
pub async fn profit_report(
    state: State<'_, AppState>,
    year: i32,
    by: ProfitBy,
) -> Res<ProfitReport> {
    state.with_session(|s| s.profit_report(year, by))
}

#[tauri::command]
pub async fn vat_report(state: State<'_, AppState>, year: i32, quarter: u8) -> Res<VatReport> {
    state.with_session(|s| s.vat_report(year, quarter))
}

/// Writes the quarter's VAT figures as the documented CSV (decimal comma unless `point`) to `path`.
#[tauri::command]
pub async fn vat_report_csv_save(
    state: State<'_, AppState>,
    year: i32,
    quarter: u8,
    point: bool,
    path: String,
) -> Res<()> {
    let report = state.with_session(|s| s.vat_report(year, quarter))?;
    let csv = sigilo_api::vat_report_csv(&report, !point);
    files::write_atomically(Path::new(&path), csv.as_bytes(), "path: choose a file name")
}
