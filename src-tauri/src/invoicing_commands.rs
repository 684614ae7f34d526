//! The IPC commands for invoicing (business profile and logo, tax presets, products, series, invoices and credit
//! notes, payments, the hash chain, the PDF).
//!
//! Each one parses its arguments, calls one `sigilo_api::Session` method on the unlocked vault, and rejects
//! with `ApiError`. Argument names are single words so they read the same in Rust and in JS. The PDF crosses as
//! raw bytes (`tauri::ipc::Response`, an `ArrayBuffer` in JS), not as a JSON array of numbers.

use std::path::Path;

use sigilo_api::{
    BusinessProfile, ChainReportDto, Invoice, InvoiceInput, InvoiceKind, InvoiceRow, InvoiceStatus,
    Page, PaymentInput, Product, ProductInput, SeriesDto, TaxPresetDto,
};
use tauri::State;
use tauri::ipc::Response;

use crate::commands::Res;
use crate::files;
use crate::state::AppState;

#[tauri::command]
pub async fn profile_get(state: State<'_, AppState>) -> Res<BusinessProfile> {
    state.with_session(|s| s.profile_get())
}

/// Replaces the profile's fields (the logo is kept; `has_logo` and `missing_for_issue` are ignored).
#[tauri::command]
pub async fn profile_set(state: State<'_, AppState>, profile: BusinessProfile) -> Res<()> {
    state.with_session(|s| s.profile_set(profile))
}

/// Stores the logo (PNG or JPEG bytes as read by the web view); `null` removes it.
#[tauri::command]
pub async fn profile_set_logo(state: State<'_, AppState>, bytes: Option<Vec<u8>>) -> Res<()> {
    state.with_session(|s| s.profile_set_logo(bytes))
}

/// The tax rates to pick from for a country ("ES": Spain's table), labelled in `lang` ("es" or "en").
#[tauri::command]
pub async fn tax_presets(
    state: State<'_, AppState>,
    country: String,
    lang: String,
) -> Res<Vec<TaxPresetDto>> {
    state.with_session(|s| Ok(s.tax_presets(&country, &lang)))
}

#[tauri::command]
pub async fn product_add(state: State<'_, AppState>, input: ProductInput) -> Res<String> {
    state.with_session(|s| s.product_add(input))
}

#[tauri::command]
pub async fn product_update(
    state: State<'_, AppState>,
    id: String,
    input: ProductInput,
) -> Res<()> {
    state.with_session(|s| s.product_update(&id, input))
}

/// Archives a product (hidden from the picker, kept on old invoices) or brings it back.
#[tauri::command]
pub async fn product_archive(state: State<'_, AppState>, id: String, archived: bool) -> Res<()> {
    state.with_session(|s| s.product_archive(&id, archived))
}

#[tauri::command]
pub async fn product_get(state: State<'_, AppState>, id: String) -> Res<Product> {
    state.with_session(|s| s.product_get(&id))
}

/// A page of products by name, continuing after `cursor`.
#[tauri::command]
pub async fn product_list(
    state: State<'_, AppState>,
    archived: bool,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<Product>> {
    state.with_session(|s| s.product_list(archived, limit, cursor.as_deref()))
}

#[tauri::command]
pub async fn series_list(state: State<'_, AppState>) -> Res<Vec<SeriesDto>> {
    state.with_session(|s| s.series_list())
}

/// Adds a numbering series starting at `start` (to continue another tool's numbering).
#[tauri::command]
pub async fn series_add(
    state: State<'_, AppState>,
    code: String,
    kind: InvoiceKind,
    start: i64,
    digits: u8,
) -> Res<()> {
    state.with_session(|s| s.series_add(&code, kind, start, digits))
}

/// Saves a new draft; resolves to its id.
#[tauri::command]
pub async fn invoice_create(state: State<'_, AppState>, input: InvoiceInput) -> Res<String> {
    state.with_session(|s| s.invoice_create(input))
}

/// Replaces a draft (an issued invoice is refused).
#[tauri::command]
pub async fn invoice_update(
    state: State<'_, AppState>,
    id: String,
    input: InvoiceInput,
) -> Res<()> {
    state.with_session(|s| s.invoice_update(&id, input))
}

/// Deletes a draft (an issued invoice is refused).
#[tauri::command]
pub async fn invoice_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.invoice_delete(&id))
}

/// Issues a draft; resolves to the number it got.
#[tauri::command]
pub async fn invoice_issue(state: State<'_, AppState>, id: String) -> Res<String> {
    state.with_session(|s| s.invoice_issue(&id))
}

#[tauri::command]
pub async fn invoice_get(state: State<'_, AppState>, id: String) -> Res<Invoice> {
    state.with_session(|s| s.invoice_get(&id))
}

/// A page of invoices and credit notes, newest first (only those with `status` when given).
#[tauri::command]
pub async fn invoice_list(
    state: State<'_, AppState>,
    status: Option<InvoiceStatus>,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<InvoiceRow>> {
    state.with_session(|s| s.invoice_list(status, limit, cursor.as_deref()))
}

/// Records a payment on an issued invoice; resolves to the payment's id.
#[tauri::command]
pub async fn invoice_pay(
    state: State<'_, AppState>,
    id: String,
    payment: PaymentInput,
) -> Res<String> {
    state.with_session(|s| s.invoice_pay(&id, payment))
}

/// A draft credit note for the whole of issued invoice `id` (or for the lines of `input`); resolves to its id.
#[tauri::command]
pub async fn invoice_credit(
    state: State<'_, AppState>,
    id: String,
    input: Option<InvoiceInput>,
    reason: Option<String>,
) -> Res<String> {
    state.with_session(|s| s.invoice_credit(&id, input, reason))
}

#[tauri::command]
pub async fn invoice_verify_chain(
    state: State<'_, AppState>,
    series: Option<String>,
) -> Res<ChainReportDto> {
    state.with_session(|s| s.invoice_verify_chain(series.as_deref()))
}

/// The invoice's PDF as raw bytes (an `ArrayBuffer` in the web view) for the preview.
#[tauri::command]
pub async fn invoice_pdf(state: State<'_, AppState>, id: String) -> Res<Response> {
    state.with_session(|s| s.invoice_pdf(&id).map(Response::new))
}

/// Writes the invoice's PDF to `path` (picked by the user in the save dialog) through a temporary file beside it,
/// so a failure never leaves half a PDF under the chosen name.
#[tauri::command]
pub async fn invoice_pdf_save(state: State<'_, AppState>, id: String, path: String) -> Res<()> {
    let bytes = state.with_session(|s| s.invoice_pdf(&id))?;
    files::write_atomically(
        Path::new(&path),
        &bytes,
        "path: choose a file name for the PDF",
    )
}
