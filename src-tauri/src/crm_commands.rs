//! The IPC commands for the CRM core (companies and their supplier agreements, interactions and timelines, tasks,
//! deals and pipeline stages, tags, fields).
//!
//! Each one parses its arguments, calls one `sigilo_api::Session` method on the unlocked vault, and rejects
//! with `ApiError`. Argument names are single words so they read the same in Rust and in JS.

use sigilo_api::{
    Agreement, AgreementInput, Company, CompanyDeletion, CompanyFilterInput, CompanyInput,
    CompanyRole, CompanyRow, ContactFilterInput, ContactRow, DashboardDto, Deal, DealFilterInput,
    DealInput, FieldDef, FieldInput, ForecastLine, Interaction, InteractionInput, Page, Stage,
    StageInput, Tag, TaggedKind, Task, TaskInput, TaskLog, TaskView, TimelineOwner,
};
use tauri::State;

use crate::commands::Res;
use crate::state::AppState;

#[tauri::command]
pub async fn company_add(state: State<'_, AppState>, input: CompanyInput) -> Res<String> {
    state.with_session(|s| s.company_add(input))
}

#[tauri::command]
pub async fn company_get(state: State<'_, AppState>, id: String) -> Res<Company> {
    state.with_session(|s| s.company_get(&id))
}

#[tauri::command]
pub async fn company_update(
    state: State<'_, AppState>,
    id: String,
    input: CompanyInput,
) -> Res<()> {
    state.with_session(|s| s.company_update(&id, input))
}

/// Deletes a company; with contacts or deals linked, `refuse` fails with `refused` so the UI can ask.
#[tauri::command]
pub async fn company_delete(
    state: State<'_, AppState>,
    id: String,
    mode: CompanyDeletion,
) -> Res<()> {
    state.with_session(|s| s.company_delete(&id, mode))
}

/// A page of companies by name (only those with `role` when given), continuing after `cursor`.
#[tauri::command]
pub async fn company_list(
    state: State<'_, AppState>,
    role: Option<CompanyRole>,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<CompanyRow>> {
    state.with_session(|s| s.company_list(role, limit, cursor.as_deref()))
}

/// Links a contact to a company (or unlinks with `null`); the contact's company history keeps the old one.
#[tauri::command]
pub async fn contact_link_company(
    state: State<'_, AppState>,
    id: String,
    company: Option<String>,
) -> Res<()> {
    state.with_session(|s| s.contact_link_company(&id, company.as_deref()))
}

#[tauri::command]
pub async fn interaction_add(state: State<'_, AppState>, input: InteractionInput) -> Res<String> {
    state.with_session(|s| s.interaction_add(input))
}

/// One interaction (the palette opens the timeline it belongs to).
#[tauri::command]
pub async fn interaction_get(state: State<'_, AppState>, id: String) -> Res<Interaction> {
    state.with_session(|s| s.interaction_get(&id))
}

#[tauri::command]
pub async fn interaction_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.interaction_delete(&id))
}

/// A page of a contact's, company's or deal's merged timeline, newest first.
#[tauri::command]
pub async fn timeline(
    state: State<'_, AppState>,
    owner: TimelineOwner,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<Interaction>> {
    state.with_session(|s| s.timeline(&owner, limit, cursor.as_deref()))
}

#[tauri::command]
pub async fn task_add(state: State<'_, AppState>, input: TaskInput) -> Res<String> {
    state.with_session(|s| s.task_add(input))
}

#[tauri::command]
pub async fn task_update(state: State<'_, AppState>, id: String, input: TaskInput) -> Res<()> {
    state.with_session(|s| s.task_update(&id, input))
}

#[tauri::command]
pub async fn task_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.task_delete(&id))
}

/// A page of open tasks in a view (today, overdue, upcoming) on this computer's date.
#[tauri::command]
pub async fn task_list(
    state: State<'_, AppState>,
    view: TaskView,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<Task>> {
    state.with_session(|s| s.task_list(view, limit, cursor.as_deref()))
}

/// Completes a task, logging an interaction when `log` is given; resolves to that interaction's id.
#[tauri::command]
pub async fn task_done(
    state: State<'_, AppState>,
    id: String,
    log: Option<TaskLog>,
) -> Res<Option<String>> {
    state.with_session(|s| s.task_done(&id, log))
}

#[tauri::command]
pub async fn deal_stages(state: State<'_, AppState>) -> Res<Vec<Stage>> {
    state.with_session(|s| s.deal_stages())
}

#[tauri::command]
pub async fn deal_add(state: State<'_, AppState>, input: DealInput) -> Res<String> {
    state.with_session(|s| s.deal_add(input))
}

#[tauri::command]
pub async fn deal_get(state: State<'_, AppState>, id: String) -> Res<Deal> {
    state.with_session(|s| s.deal_get(&id))
}

/// A page of deals by title, only those in `stage` (a name or id) when given.
#[tauri::command]
pub async fn deal_list(
    state: State<'_, AppState>,
    stage: Option<String>,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<Deal>> {
    state.with_session(|s| s.deal_list(stage.as_deref(), limit, cursor.as_deref()))
}

/// Moves a deal to a stage (lost needs a `reason`).
#[tauri::command]
pub async fn deal_move(
    state: State<'_, AppState>,
    id: String,
    stage: String,
    reason: Option<String>,
) -> Res<()> {
    state.with_session(|s| s.deal_move(&id, &stage, reason))
}

/// Replaces a deal's fields (a different stage is a move; a lost stage needs `deal_move` with a reason).
#[tauri::command]
pub async fn deal_update(state: State<'_, AppState>, id: String, input: DealInput) -> Res<()> {
    state.with_session(|s| s.deal_update(&id, input))
}

#[tauri::command]
pub async fn deal_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.deal_delete(&id))
}

/// The revenue forecast of open deals by month and currency.
#[tauri::command]
pub async fn deal_forecast(state: State<'_, AppState>) -> Res<Vec<ForecastLine>> {
    state.with_session(|s| s.deal_forecast())
}

/// The morning dashboard in one round trip: tasks due, pipeline, forecast, won/lost, contacts untouched for `days`.
#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, days: u32) -> Res<DashboardDto> {
    state.with_session(|s| s.dashboard(days))
}

#[tauri::command]
pub async fn tag_add(
    state: State<'_, AppState>,
    kind: TaggedKind,
    id: String,
    name: String,
) -> Res<Tag> {
    state.with_session(|s| s.tag_add(kind, &id, &name))
}

#[tauri::command]
pub async fn tag_remove(
    state: State<'_, AppState>,
    kind: TaggedKind,
    id: String,
    name: String,
) -> Res<()> {
    state.with_session(|s| s.tag_remove(kind, &id, &name))
}

/// Every tag (`kind` and `id` null) or one record's tags.
#[tauri::command]
pub async fn tag_list(
    state: State<'_, AppState>,
    kind: Option<TaggedKind>,
    id: Option<String>,
) -> Res<Vec<Tag>> {
    state.with_session(|s| match (kind, id.as_deref()) {
        (Some(kind), Some(id)) => s.tag_list(Some((kind, id))),
        _ => s.tag_list(None),
    })
}

#[tauri::command]
pub async fn field_define(state: State<'_, AppState>, input: FieldInput) -> Res<String> {
    state.with_session(|s| s.field_define(input))
}

#[tauri::command]
pub async fn field_list(state: State<'_, AppState>, entity: TaggedKind) -> Res<Vec<FieldDef>> {
    state.with_session(|s| s.field_list(entity))
}

/// Sets a record's custom field (by name or id); `null` or blank clears it.
#[tauri::command]
pub async fn field_set(
    state: State<'_, AppState>,
    kind: TaggedKind,
    id: String,
    field: String,
    value: Option<String>,
) -> Res<()> {
    state.with_session(|s| s.field_set(kind, &id, &field, value))
}

/// A page of contacts that pass `filter`, in its order, continuing after `cursor`.
#[tauri::command]
pub async fn contact_list_filtered(
    state: State<'_, AppState>,
    filter: ContactFilterInput,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<ContactRow>> {
    state.with_session(|s| s.contact_list_filtered(filter, limit, cursor.as_deref()))
}

/// A page of companies that pass `filter`, in its order, continuing after `cursor`.
#[tauri::command]
pub async fn company_list_filtered(
    state: State<'_, AppState>,
    filter: CompanyFilterInput,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<CompanyRow>> {
    state.with_session(|s| s.company_list_filtered(filter, limit, cursor.as_deref()))
}

/// A page of deals that pass `filter`, in its order, continuing after `cursor`.
#[tauri::command]
pub async fn deal_list_filtered(
    state: State<'_, AppState>,
    filter: DealFilterInput,
    limit: u32,
    cursor: Option<String>,
) -> Res<Page<Deal>> {
    state.with_session(|s| s.deal_list_filtered(filter, limit, cursor.as_deref()))
}

/// Adds a supplier agreement to a company; resolves to its id.
#[tauri::command]
pub async fn agreement_add(
    state: State<'_, AppState>,
    company: String,
    input: AgreementInput,
) -> Res<String> {
    state.with_session(|s| s.agreement_add(&company, input))
}

#[tauri::command]
pub async fn agreement_get(state: State<'_, AppState>, id: String) -> Res<Agreement> {
    state.with_session(|s| s.agreement_get(&id))
}

/// A company's supplier agreements, by start date (undated first).
#[tauri::command]
pub async fn agreement_list(state: State<'_, AppState>, company: String) -> Res<Vec<Agreement>> {
    state.with_session(|s| s.agreement_list(&company))
}

#[tauri::command]
pub async fn agreement_update(
    state: State<'_, AppState>,
    id: String,
    input: AgreementInput,
) -> Res<()> {
    state.with_session(|s| s.agreement_update(&id, input))
}

#[tauri::command]
pub async fn agreement_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.agreement_delete(&id))
}

/// Agreements whose renewal reminder falls on or before `on` (null: today here), soonest first.
#[tauri::command]
pub async fn agreements_due(
    state: State<'_, AppState>,
    on: Option<String>,
    limit: u32,
) -> Res<Vec<Agreement>> {
    state.with_session(|s| s.agreements_due(on.as_deref(), limit))
}

/// One pipeline stage, by name or id.
#[tauri::command]
pub async fn stage_get(state: State<'_, AppState>, stage: String) -> Res<Stage> {
    state.with_session(|s| s.stage_get(&stage))
}

/// Adds a stage at the end of the pipeline; resolves to its id.
#[tauri::command]
pub async fn stage_add(state: State<'_, AppState>, input: StageInput) -> Res<String> {
    state.with_session(|s| s.stage_add(input))
}

/// Renames a stage or changes its probability or kind (`refused` when the rules forbid it).
#[tauri::command]
pub async fn stage_update(state: State<'_, AppState>, stage: String, input: StageInput) -> Res<()> {
    state.with_session(|s| s.stage_update(&stage, input))
}

/// Sets the pipeline order: `stages` names every stage exactly once.
#[tauri::command]
pub async fn stage_reorder(state: State<'_, AppState>, stages: Vec<String>) -> Res<()> {
    state.with_session(|s| s.stage_reorder(&stages))
}

/// Deletes a stage that holds no deals and is not the last of its kind (else `refused`).
#[tauri::command]
pub async fn stage_delete(state: State<'_, AppState>, stage: String) -> Res<()> {
    state.with_session(|s| s.stage_delete(&stage))
}
