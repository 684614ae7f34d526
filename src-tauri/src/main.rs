//! Sigilo's desktop app: the Tauri 2 window, its IPC commands over sigilo-api, and auto-lock.
//!
//! Keys are derived and held only here, in Rust; the web view receives business data through the commands in
//! [`commands`] and nothing else. Locking (by hand or after idle time) drops the [`sigilo_api::Session`], which
//! closes the database and wipes the keys, and the web view reloads so it holds no vault data either.

// No console window behind the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod crm_commands;
mod files;
mod invoicing_commands;
mod money_commands;
mod state;

use tauri::{Manager as _, RunEvent};

use crate::state::AppState;

fn main() {
    let settings = sigilo_api::settings_load();
    let app = tauri::Builder::default()
        // Native open/save/folder pickers; the web view may only show them (capabilities/default.json), and
        // what the user picks comes back as a path string for the commands above.
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(settings.auto_lock_minutes))
        .setup(|app| {
            state::spawn_auto_lock_watcher(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::default_vault_dir,
            commands::vault_exists,
            commands::vault_create,
            commands::vault_unlock,
            commands::vault_lock,
            commands::vault_current,
            commands::settings_get,
            commands::settings_set,
            commands::contact_add,
            commands::contact_get,
            commands::contact_update,
            commands::contact_delete,
            commands::contact_window,
            commands::search,
            commands::activity,
            commands::demo_load,
            commands::backup_create,
            commands::backup_info,
            commands::backup_verify,
            commands::backup_restore,
            crm_commands::company_add,
            crm_commands::company_get,
            crm_commands::company_update,
            crm_commands::company_delete,
            crm_commands::company_list,
            crm_commands::contact_link_company,
            crm_commands::interaction_add,
            crm_commands::interaction_get,
            crm_commands::interaction_delete,
            crm_commands::timeline,
            crm_commands::task_add,
            crm_commands::task_update,
            crm_commands::task_delete,
            crm_commands::task_list,
            crm_commands::task_done,
            crm_commands::deal_stages,
            crm_commands::deal_add,
            crm_commands::deal_get,
            crm_commands::deal_list,
            crm_commands::deal_move,
            crm_commands::deal_update,
            crm_commands::deal_delete,
            crm_commands::deal_forecast,
            crm_commands::dashboard,
            crm_commands::tag_add,
            crm_commands::tag_remove,
            crm_commands::tag_list,
            crm_commands::field_define,
            crm_commands::field_list,
            crm_commands::field_set,
            crm_commands::contact_list_filtered,
            crm_commands::company_list_filtered,
            crm_commands::deal_list_filtered,
            crm_commands::agreement_add,
            crm_commands::agreement_get,
            crm_commands::agreement_list,
            crm_commands::agreement_update,
            crm_commands::agreement_delete,
            crm_commands::agreements_due,
            crm_commands::stage_get,
            crm_commands::stage_add,
            crm_commands::stage_update,
            crm_commands::stage_reorder,
            crm_commands::stage_delete,
            invoicing_commands::profile_get,
            invoicing_commands::profile_set,
            invoicing_commands::profile_set_logo,
            invoicing_commands::tax_presets,
            invoicing_commands::product_add,
            invoicing_commands::product_update,
            invoicing_commands::product_archive,
            invoicing_commands::product_get,
            invoicing_commands::product_list,
            invoicing_commands::series_list,
            invoicing_commands::series_add,
            invoicing_commands::invoice_create,
            invoicing_commands::invoice_update,
            invoicing_commands::invoice_delete,
            invoicing_commands::invoice_issue,
            invoicing_commands::invoice_get,
            invoicing_commands::invoice_list,
            invoicing_commands::invoice_pay,
            invoicing_commands::invoice_credit,
            invoicing_commands::invoice_verify_chain,
            invoicing_commands::invoice_pdf,
            invoicing_commands::invoice_pdf_save,
            money_commands::quote_create,
            money_commands::quote_update,
            money_commands::quote_delete,
            money_commands::quote_set_status,
            money_commands::quote_convert,
            money_commands::quote_get,
            money_commands::quote_list,
            money_commands::recurring_create,
            money_commands::recurring_set_active,
            money_commands::recurring_delete,
            money_commands::recurring_get,
            money_commands::recurring_list,
            money_commands::recurring_run_due,
            money_commands::money_overview,
            money_commands::dunning_list,
            money_commands::reminder_log,
            money_commands::reminder_list,
            money_commands::expense_add,
            money_commands::expense_update,
            money_commands::expense_delete,
            money_commands::expense_get,
            money_commands::expense_list,
            money_commands::expense_pay,
            money_commands::expense_attach,
            money_commands::expense_detach,
            money_commands::expense_document_save,
            money_commands::profit_report,
            money_commands::vat_report,
            money_commands::vat_report_csv_save,
        ])
        .build(tauri::generate_context!());
    let app = match app {
        Ok(app) => app,
        Err(error) => {
            eprintln!("Sigilo could not start its window: {error}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            // Closing the app is a lock like any other: the before-lock automatic backup (when the settings ask
            // for one), then close the database and wipe the keys before the process goes away.
            handle.state::<AppState>().lock_with_auto_backup();
        }
    });
}
