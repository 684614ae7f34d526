//! Build script: reads tauri.conf.json, the capabilities, the icons and the app's command permissions, and embeds the built UI.

/// Every IPC command `src/commands.rs` registers. Listing them makes tauri-build generate an `allow-<command>` permission
/// for each, and then a command is callable only where a capability grants it (see capabilities/default.json).
const COMMANDS: &[&str] = &[
    "default_vault_dir",
    "vault_exists",
    "vault_create",
    "vault_unlock",
    "vault_lock",
    "vault_current",
    "settings_get",
    "settings_set",
    "contact_add",
    "contact_get",
    "contact_update",
    "contact_delete",
    "contact_window",
    "search",
    "activity",
    "demo_load",
    "backup_create",
    "backup_info",
    "backup_verify",
    "backup_restore",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
