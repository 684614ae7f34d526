//! The IPC commands the UI invokes: each parses its arguments, calls sigilo-api, and rejects with `ApiError`.
//!
//! Argument names are single words, so they are the same in Rust and in JS (Tauri maps snake_case Rust
//! parameters to camelCase keys). Secrets arrive straight into `SecretString` (zeroized on drop) and never
//! travel back. Commands that derive keys (create, unlock) run on a blocking thread so the window stays live.

use std::path::PathBuf;

use sigilo_api::{
    ApiError, AppSettings, BackupInfo, BackupProgress, BackupResult, Contact, ContactInput,
    ContactWindow, CreatedVault, ErrorCode, RestoreReport, SearchHit, SecretString, Session,
    UnlockKind, VaultSummary, VerifyReport,
};
use tauri::{AppHandle, Emitter as _, Manager as _, State};

use crate::state::AppState;

pub(crate) type Res<T> = Result<T, ApiError>;

/// Runs slow work (Argon2) off the async runtime's threads and the UI thread.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> Res<T> + Send + 'static) -> Res<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| ApiError::new(ErrorCode::Internal, "the operation stopped unexpectedly"))?
}

/// The vault folder to offer first: env `SIGILO_VAULT`, else the platform's data folder.
#[tauri::command]
pub fn default_vault_dir() -> String {
    sigilo_api::default_vault_dir()
        .to_string_lossy()
        .into_owned()
}

#[tauri::command]
pub fn vault_exists(path: PathBuf) -> bool {
    sigilo_api::vault_exists(&path)
}

/// Creates a vault and leaves it unlocked; the recovery code is returned this once.
#[tauri::command]
pub async fn vault_create(
    app: AppHandle,
    path: PathBuf,
    passphrase: SecretString,
) -> Res<CreatedVault> {
    blocking(move || {
        let (session, created) = Session::create(&path, &passphrase)?;
        // The recent-vaults list is a convenience: failing to save it must not fail the creation.
        let _ = sigilo_api::remember_vault(&path);
        app.state::<AppState>().install(session);
        Ok(created)
    })
    .await
}

#[tauri::command]
pub async fn vault_unlock(
    app: AppHandle,
    path: PathBuf,
    secret: SecretString,
    kind: UnlockKind,
) -> Res<VaultSummary> {
    blocking(move || {
        let session = Session::open(&path, &secret, kind)?;
        let _ = sigilo_api::remember_vault(&path);
        let summary = session.summary();
        app.state::<AppState>().install(session);
        Ok(summary)
    })
    .await
}

/// Locks now, after the before-lock automatic backup when the settings ask for one (off the UI thread). The UI
/// then reloads itself so the web view keeps nothing from the vault.
#[tauri::command]
pub async fn vault_lock(app: AppHandle) -> Res<()> {
    blocking(move || {
        app.state::<AppState>().lock_with_auto_backup();
        Ok(())
    })
    .await
}

#[tauri::command]
pub fn vault_current(state: State<'_, AppState>) -> Option<VaultSummary> {
    state.peek(Session::summary)
}

#[tauri::command]
pub fn settings_get() -> AppSettings {
    sigilo_api::settings_load()
}

#[tauri::command]
pub fn settings_set(state: State<'_, AppState>, settings: AppSettings) -> Res<()> {
    sigilo_api::settings_save(&settings)?;
    state.set_auto_lock_minutes(settings.auto_lock_minutes);
    Ok(())
}

#[tauri::command]
pub async fn contact_add(state: State<'_, AppState>, input: ContactInput) -> Res<String> {
    state.with_session(|s| s.contact_add(input))
}

#[tauri::command]
pub async fn contact_get(state: State<'_, AppState>, id: String) -> Res<Contact> {
    state.with_session(|s| s.contact_get(&id))
}

#[tauri::command]
pub async fn contact_update(
    state: State<'_, AppState>,
    id: String,
    input: ContactInput,
) -> Res<()> {
    state.with_session(|s| s.contact_update(&id, input))
}

#[tauri::command]
pub async fn contact_delete(state: State<'_, AppState>, id: String) -> Res<()> {
    state.with_session(|s| s.contact_delete(&id))
}

/// Rows `[offset, offset + limit)` of the contact list for the virtual list (limit at most 500).
#[tauri::command]
pub async fn contact_window(
    state: State<'_, AppState>,
    offset: u32,
    limit: u32,
) -> Res<ContactWindow> {
    state.with_session(|s| s.contact_window(offset, limit))
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: String, limit: u32) -> Res<Vec<SearchHit>> {
    state.with_session(|s| s.search(&query, limit))
}

/// The user did something (the UI reports it, debounced): the auto-lock timer starts again.
#[tauri::command]
pub fn activity(state: State<'_, AppState>) {
    state.touch();
}

/// Event carrying the demo loader's progress: `{ done, total }` contacts.
pub const DEMO_PROGRESS_EVENT: &str = "demo-progress";

/// Fills the (empty) unlocked vault with the newcomer's demo data, reporting progress as events.
#[tauri::command]
pub async fn demo_load(app: AppHandle) -> Res<u32> {
    blocking(move || {
        let state = app.state::<AppState>();
        state.with_session(|s| {
            s.load_demo(&mut |p| {
                let _ = app.emit(
                    DEMO_PROGRESS_EVENT,
                    DemoProgressEvent {
                        done: p.done,
                        total: p.total,
                    },
                );
            })
        })
    })
    .await
}

#[derive(Clone, serde::Serialize)]
struct DemoProgressEvent {
    done: u64,
    total: u64,
}

/// Event carrying backup, verify and restore progress: `BackupProgress` `{ stage, done, total }` in bytes.
pub const BACKUP_PROGRESS_EVENT: &str = "backup-progress";

fn emit_backup_progress(app: &AppHandle) -> impl FnMut(BackupProgress) + '_ {
    move |p| {
        let _ = app.emit(BACKUP_PROGRESS_EVENT, p);
    }
}

/// Writes a verified backup of the unlocked vault to `path`, under `passphrase` or (none) the vault's own keys.
#[tauri::command]
pub async fn backup_create(
    app: AppHandle,
    path: PathBuf,
    passphrase: Option<SecretString>,
) -> Res<BackupResult> {
    blocking(move || {
        let state = app.state::<AppState>();
        state.with_session(|s| {
            s.backup_create(&path, passphrase.as_ref(), &mut emit_backup_progress(&app))
        })
    })
    .await
}

/// A backup file's header (creation time, size, key mode): no secret needed.
#[tauri::command]
pub async fn backup_info(path: PathBuf) -> Res<BackupInfo> {
    blocking(move || sigilo_api::backup_info(&path)).await
}

/// Decrypts and checks a whole backup file, then the database inside.
#[tauri::command]
pub async fn backup_verify(
    app: AppHandle,
    path: PathBuf,
    secret: SecretString,
    kind: UnlockKind,
) -> Res<VerifyReport> {
    blocking(move || {
        sigilo_api::backup_verify(&path, &secret, kind, &mut emit_backup_progress(&app))
    })
    .await
}

/// Restores a backup to the folder `to` (new, or replacing a vault with `replace`). Replacing the open vault
/// locks it first; the report says so, and the UI then reloads to the unlock screen.
#[tauri::command]
pub async fn backup_restore(
    app: AppHandle,
    path: PathBuf,
    secret: SecretString,
    kind: UnlockKind,
    to: PathBuf,
    replace: bool,
) -> Res<RestoreReport> {
    blocking(move || {
        let locked = replace && app.state::<AppState>().lock_if_open_at(&to);
        let mut report = sigilo_api::backup_restore(
            &path,
            &secret,
            kind,
            &to,
            replace,
            &mut emit_backup_progress(&app),
        )?;
        report.vault_locked = locked;
        Ok(report)
    })
    .await
}
