//! The Solidesk desktop app: a Tauri shell around solidesk-core.
//!
//! The shell holds no behaviour of its own: [`commands`] are thin doors into core, [`desk`] is
//! the unlocked register in Tauri's state, [`error`] is the `{ code, message }` the front-end
//! receives. The window shows `ui/` (Svelte), embedded at build time.

use tauri::Manager;

pub mod commands;
pub mod desk;
pub mod error;
pub mod imports;
pub mod matching;
pub mod sheets;
pub mod sync;

/// Builds and runs the app.
pub fn run() {
    let result = tauri::Builder::default()
        // First: a second launch (a softphone opening `solidesk://intake?phone=…` while the app
        // runs) hands its link to this instance, where the deep-link plugin delivers it, and
        // exits. Without a session bus it launches normally.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        // Used from Rust only (the wizard's file dialog, opening a rejects file); the webview
        // is granted none of their commands.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(imports::ImportControl::default())
        .manage(sheets::SheetsState::default())
        .invoke_handler(tauri::generate_handler![
            commands::launch_links,
            commands::register_info,
            commands::unlock,
            commands::search_residents,
            commands::list_residents,
            commands::get_resident,
            commands::add_resident,
            commands::update_resident,
            commands::set_access_note,
            commands::list_volunteers,
            commands::add_volunteer,
            commands::update_volunteer,
            commands::list_requests,
            commands::add_request,
            commands::set_request_status,
            commands::day_overview,
            commands::get_office,
            commands::update_office,
            commands::lookup_postal_code,
            commands::about,
            imports::preview_import,
            imports::run_import,
            imports::cancel_import,
            imports::import_mappings,
            imports::list_imports,
            imports::undo_import,
            imports::choose_import_file,
            imports::open_rejects,
            matching::plan_day,
            matching::accept_proposal,
            matching::decline_proposal,
            matching::match_alternatives,
            matching::assign_volunteer,
            matching::confirm_day,
            sheets::make_sheets,
            sheets::sheet_page,
            sheets::save_sheets,
            sheets::choose_sheets_folder,
            sheets::print_sheets,
            sync::sync_status,
            sync::sync_enrol,
            sync::sync_now,
            sync::sync_office_key,
            sync::sync_join_office,
            sync::sync_resolve_conflict,
            sync::suggested_sync_file,
            sync::sync_export,
            sync::sync_import,
            sync::choose_sync_file,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Solidesk could not start: {e}");
        std::process::exit(1);
    }
}
