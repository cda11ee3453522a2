//! The Sync screen's commands: where sync stands, enrol this desk, run one cycle now, the
//! office key, records changed on two desks at once, and sync by file for a line that is down.
//!
//! Core does the work (`Register::sync_status`, `Register::enrol`, `Register::sync`,
//! `Register::export_sync`, `Register::import_sync_answer`); these only choose the connection,
//! the retry policy of a cycle a person is watching, and where a file goes.

use std::path::PathBuf;
use std::time::Duration;

use solidesk_core::sync::plan::Backoff;
use solidesk_core::sync::{SyncExport, SyncImport, SyncOptions, SyncReport, SyncStatus};
use tauri::{AppHandle, Manager, Runtime};

use crate::desk::{Desk, with_register};
use crate::error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

/// Where sync stands, from the register alone (works offline).
#[tauri::command]
pub async fn sync_status<R: Runtime>(app: AppHandle<R>) -> Result<SyncStatus> {
    with_register(&app, |reg| reg.sync_status()).await
}

/// Joins this desk to its office on the platform at `platform` with the office's enrolment
/// `secret`; `desk_name` is how the platform's administrator sees the desk (the computer's
/// name when empty, as `solidesk sync enrol` does). Answers the new status.
#[tauri::command]
pub async fn sync_enrol<R: Runtime>(
    app: AppHandle<R>,
    platform: String,
    secret: String,
    desk_name: String,
) -> Result<SyncStatus> {
    let name = match desk_name.trim() {
        "" => host_name(),
        given => given.to_owned(),
    };
    with_register(&app, move |reg| {
        reg.enrol(&platform, &secret, &name)?;
        reg.sync_status()
    })
    .await
}

/// One sync cycle now: send what waits, receive what changed. On its own connection to the
/// register (see [`Desk::second_connection`]) so the other screens keep working while it waits
/// on the network; a second press while one runs is refused by core's lock beside the register.
#[tauri::command]
pub async fn sync_now<R: Runtime>(app: AppHandle<R>) -> Result<SyncReport> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let desk = app.try_state::<Desk>().ok_or_else(ApiError::locked)?;
        let mut register = desk.second_connection()?;
        Ok(register.sync(&watched_cycle())?)
    })
    .await
    .map_err(ApiError::internal)?
}

/// The office key as a code to type on a new desk of the office. Shown only when asked: whoever
/// reads it can open the office's records on the platform.
#[tauri::command]
pub async fn sync_office_key<R: Runtime>(app: AppHandle<R>) -> Result<String> {
    with_register(&app, |reg| reg.office_key_code()).await
}

/// Takes the office key from the code shown on a colleague's desk; answers how many of the
/// office's records came in with it.
#[tauri::command]
pub async fn sync_join_office<R: Runtime>(app: AppHandle<R>, code: String) -> Result<u32> {
    with_register(&app, move |reg| reg.join_office_key(&code)).await
}

/// Marks a record changed on two desks at once as looked at; answers the new status.
#[tauri::command]
pub async fn sync_resolve_conflict<R: Runtime>(app: AppHandle<R>, id: i64) -> Result<SyncStatus> {
    with_register(&app, move |reg| {
        reg.resolve_office_conflict(id)?;
        reg.sync_status()
    })
    .await
}

/// Where an export goes unless the person chooses: a `sync` folder beside the register, one
/// file per minute (an earlier file is never overwritten by a later export in the same folder
/// unless made within the same minute, and that one holds the same queue anyway).
#[tauri::command]
pub async fn suggested_sync_file<R: Runtime>(app: AppHandle<R>) -> Result<String> {
    let desk = app.try_state::<Desk>().ok_or_else(ApiError::locked)?;
    let folder = desk
        .path()
        .parent()
        .map_or_else(|| PathBuf::from("."), |d| d.join("sync"));
    let name = chrono::Local::now()
        .format("solidesk-sync-%Y-%m-%d-%H%M.json")
        .to_string();
    Ok(folder.join(name).display().to_string())
}

/// Writes what waits to be sent to `path`, for the platform's operator when the line is down
/// (the same as `solidesk sync export`). The folder is made when missing: the suggested one
/// beside the register does not exist before the first export.
#[tauri::command]
pub async fn sync_export<R: Runtime>(app: AppHandle<R>, path: String) -> Result<SyncExport> {
    let path = PathBuf::from(path.trim());
    if path.as_os_str().is_empty() || path.is_dir() {
        return Err(ApiError::from(solidesk_core::Error::Sync(
            "Give the name of the file to write, not a folder.".into(),
        )));
    }
    with_register(&app, move |reg| {
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| solidesk_core::Error::File {
                action: "create the folder",
                path: folder.to_owned(),
                source,
            })?;
        }
        reg.export_sync(&path)
    })
    .await
}

/// Applies the platform's answer file at `path` (the same as `solidesk sync import`).
#[tauri::command]
pub async fn sync_import<R: Runtime>(app: AppHandle<R>, path: String) -> Result<SyncImport> {
    let path = PathBuf::from(path.trim());
    with_register(&app, move |reg| reg.import_sync_answer(&path)).await
}

/// The system's file dialog for a sync file: where to save an export (`save`, starting from
/// `suggested`), or which answer to import. `None` when the person cancels.
#[tauri::command]
pub async fn choose_sync_file<R: Runtime>(
    app: AppHandle<R>,
    save: bool,
    suggested: String,
) -> Result<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let (tx, rx) = std::sync::mpsc::channel();
    let suggested = PathBuf::from(suggested);
    let mut dialog = app.dialog().file().add_filter("Solidesk sync", &["json"]);
    if let Some(folder) = suggested.parent().filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(folder);
    }
    let send = move |file: Option<tauri_plugin_dialog::FilePath>| {
        let _ = tx.send(file.and_then(|f| f.into_path().ok()));
    };
    if save {
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file(send);
    } else {
        dialog.pick_file(send);
    }
    let picked = tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
        .await
        .map_err(ApiError::internal)?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// A cycle someone started and is watching gives up sooner than a scheduled `solidesk sync`
/// (seconds instead of a minute of backoff on a dead line): the person sees why and can press
/// again, and nothing is lost either way (what was not sent stays queued).
fn watched_cycle() -> SyncOptions {
    SyncOptions {
        backoff: Backoff {
            attempts: 3,
            base: Duration::from_secs(1),
            max: Duration::from_secs(4),
        },
        ..SyncOptions::default()
    }
}

/// The computer's name, else the account's (what `solidesk sync enrol` uses by default).
fn host_name() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("COMPUTERNAME").ok().filter(|h| !h.is_empty()))
        .unwrap_or_else(solidesk_core::os_account)
}
