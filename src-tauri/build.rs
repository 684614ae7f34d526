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
    "company_add",
    "company_get",
    "company_update",
    "company_delete",
    "company_list",
    "contact_link_company",
    "interaction_add",
    "interaction_get",
    "interaction_delete",
    "timeline",
    "task_add",
    "task_update",
    "task_delete",
    "task_list",
    "task_done",
    "deal_stages",
    "deal_add",
    "deal_get",
    "deal_list",
    "deal_move",
    "deal_update",
    "deal_delete",
    "deal_forecast",
    "dashboard",
    "tag_add",
    "tag_remove",
    "tag_list",
    "field_define",
    "field_list",
    "field_set",
    "contact_list_filtered",
    "company_list_filtered",
    "deal_list_filtered",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {error:#}");
        std::process::exit(1);
    }
}
