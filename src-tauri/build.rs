//! Tauri's build step, with the app's own commands behind permissions (so the capability file
//! grants the webview exactly the commands its screens use), and SQLCipher's symbols hidden.

const COMMANDS: &[&str] = &[
    "launch_links",
    "register_info",
    "unlock",
    "search_residents",
    "list_residents",
    "get_resident",
    "add_resident",
    "update_resident",
    "set_access_note",
    "list_volunteers",
    "add_volunteer",
    "update_volunteer",
    "list_requests",
    "add_request",
    "set_request_status",
    "day_overview",
    "get_office",
    "update_office",
    "lookup_postal_code",
    "about",
    "preview_import",
    "run_import",
    "cancel_import",
    "import_mappings",
    "list_imports",
    "undo_import",
    "choose_import_file",
    "open_rejects",
    "plan_day",
    "accept_proposal",
    "decline_proposal",
    "match_alternatives",
    "assign_volunteer",
    "confirm_day",
    "make_sheets",
    "sheet_page",
    "save_sheets",
    "choose_sheets_folder",
    "print_sheets",
    "sync_status",
    "sync_enrol",
    "sync_now",
    "sync_office_key",
    "sync_join_office",
    "sync_resolve_conflict",
    "suggested_sync_file",
    "sync_export",
    "sync_import",
    "choose_sync_file",
];

fn main() {
    // The binary links SQLCipher statically; without this its sqlite3_* symbols would override the
    // system SQLite that WebKitGTK loads into the same process.
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri build step failed: {e:#}");
        std::process::exit(1);
    }
}
