//! The import wizard's commands: preview a file, run (or dry-run) an import with progress and a
//! cancel button, list and undo past imports, pick a file and open a rejects file.
//!
//! The file dialog and "open the rejects file" run in Rust (dialog and opener plugins): the
//! webview gets no file system or shell access of its own, only these commands, and can open
//! no file but the rejects file the last import wrote.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use solidesk_core::Language;
use solidesk_core::import::{
    FilePreview, ImportKind, ImportOptions, ImportRecord, ImportReport, Overrides, Progress,
    UndoReport,
};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::desk::with_register;
use crate::error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

/// The running import's cancel button, and the rejects file the last run wrote.
#[derive(Default)]
pub struct ImportControl {
    cancel: AtomicBool,
    last_rejects: Mutex<Option<PathBuf>>,
}

/// What the wizard asks for.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportRequest {
    /// The file.
    pub path: String,
    /// Residents or volunteers.
    pub kind: ImportKind,
    /// Only show what would happen.
    pub dry_run: bool,
    /// A saved mapping to start from.
    pub profile: Option<String>,
    /// Corrections made in the wizard (header → field).
    #[ts(type = "Record<string, import(\"./Field\").Field>")]
    pub overrides: Overrides,
    /// Save the mapping (profile plus corrections) under this name first.
    pub save_profile: Option<String>,
    /// Language of the reasons in the rejects file.
    pub language: Language,
}

/// A saved mapping.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedMapping {
    /// Its name.
    pub name: String,
    /// For residents or volunteers.
    pub kind: ImportKind,
}

/// Where the rejects of `source` go: beside it, `<name>-rejects.csv`, where staff find it; when
/// that folder cannot be written (a read-only share, a CD), `elsewhere` (Solidesk's data folder).
fn rejects_path(source: &std::path::Path, elsewhere: Option<PathBuf>) -> PathBuf {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    let name = format!("{stem}-rejects.csv");
    let beside = source.with_file_name(&name);
    let folder = beside
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    if writable(&folder) {
        return beside;
    }
    elsewhere
        .filter(|d| std::fs::create_dir_all(d).is_ok())
        .map_or(beside, |d| d.join(name))
}

/// Whether a file can be created in `folder` (tried, then removed: permissions alone do not
/// tell for network shares and read-only mounts).
fn writable(folder: &std::path::Path) -> bool {
    let probe = folder.join(format!(".solidesk-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_go_beside_the_file_when_its_folder_is_writable() {
        let dir = tempfile::tempdir().expect("dir");
        let source = dir.path().join("lijst.csv");
        assert_eq!(
            rejects_path(&source, None),
            dir.path().join("lijst-rejects.csv")
        );
        assert!(
            std::fs::read_dir(dir.path())
                .expect("read")
                .next()
                .is_none(),
            "the probe is removed"
        );
    }

    #[test]
    fn rejects_of_a_read_only_folder_go_elsewhere() {
        let elsewhere = tempfile::tempdir().expect("dir");
        let source = std::path::Path::new("/proc/lijst.csv");
        let path = rejects_path(source, Some(elsewhere.path().join("rejects")));
        assert_eq!(
            path,
            elsewhere.path().join("rejects").join("lijst-rejects.csv")
        );
    }
}

/// Encoding, delimiter, column mapping and first rows of a file.
#[tauri::command]
pub async fn preview_import<R: Runtime>(
    app: AppHandle<R>,
    path: String,
    kind: ImportKind,
    profile: Option<String>,
    overrides: Overrides,
) -> Result<FilePreview> {
    with_register(&app, move |reg| {
        reg.preview_import(
            std::path::Path::new(&path),
            kind,
            profile.as_deref(),
            &overrides,
        )
    })
    .await
}

/// Runs an import (or a dry run), reporting progress as `import-progress` events; the rejected
/// rows go beside the file.
#[tauri::command]
pub async fn run_import<R: Runtime>(
    app: AppHandle<R>,
    request: ImportRequest,
) -> Result<ImportReport> {
    let control = app.state::<ImportControl>();
    control.cancel.store(false, Ordering::SeqCst);
    let handle = app.clone();
    let source = PathBuf::from(&request.path);
    let elsewhere =
        solidesk_core::register::default_path().and_then(|p| p.parent().map(|d| d.join("rejects")));
    let rejects = rejects_path(&source, elsewhere);
    let report = with_register(&app, move |reg| {
        if let Some(name) = request
            .save_profile
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            let mut mapping = match &request.profile {
                Some(base) => reg.import_profile(base, request.kind)?,
                None => Overrides::new(),
            };
            mapping.extend(request.overrides.clone());
            reg.save_import_profile(name, request.kind, &mapping)?;
        }
        let options = ImportOptions {
            kind: request.kind,
            dry_run: request.dry_run,
            profile: request
                .save_profile
                .clone()
                .filter(|n| !n.trim().is_empty())
                .or(request.profile.clone()),
            overrides: request.overrides.clone(),
            rejects: Some(rejects),
            language: request.language,
            imported_by: solidesk_core::os_account(),
        };
        let control = handle.state::<ImportControl>();
        reg.import_file(&source, &options, &mut |p: Progress| {
            let _ = handle.emit("import-progress", p);
            !control.cancel.load(Ordering::SeqCst)
        })
    })
    .await?;
    *control
        .last_rejects
        .lock()
        .map_err(|_| ApiError::internal("the import state is unusable"))? =
        report.rejects_file.as_ref().map(PathBuf::from);
    Ok(report)
}

/// Asks the running import to stop; it then changes nothing.
#[tauri::command]
pub async fn cancel_import<R: Runtime>(app: AppHandle<R>) -> Result<()> {
    app.state::<ImportControl>()
        .cancel
        .store(true, Ordering::SeqCst);
    Ok(())
}

/// The saved mappings.
#[tauri::command]
pub async fn import_mappings<R: Runtime>(app: AppHandle<R>) -> Result<Vec<SavedMapping>> {
    with_register(&app, |reg| {
        Ok(reg
            .import_profiles()?
            .into_iter()
            .map(|(name, kind)| SavedMapping { name, kind })
            .collect())
    })
    .await
}

/// Past imports, newest first.
#[tauri::command]
pub async fn list_imports<R: Runtime>(app: AppHandle<R>) -> Result<Vec<ImportRecord>> {
    with_register(&app, |reg| reg.imports()).await
}

/// Undoes a whole import (refused when its records were touched since).
#[tauri::command]
pub async fn undo_import<R: Runtime>(app: AppHandle<R>, id: String) -> Result<UndoReport> {
    let by = std::env::var("USER").unwrap_or_else(|_| "desk".into());
    with_register(&app, move |reg| reg.undo_import(&id, &by)).await
}

/// The system's file dialog, for a CSV file; `None` when the person cancels.
#[tauri::command]
pub async fn choose_import_file<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let (tx, rx) = std::sync::mpsc::channel();
    app.dialog()
        .file()
        .add_filter("CSV", &["csv", "txt", "tsv"])
        .pick_file(move |file| {
            let _ = tx.send(file.and_then(|f| f.into_path().ok()));
        });
    let picked = tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
        .await
        .map_err(ApiError::internal)?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// Opens the rejects file of the last import with the system's spreadsheet program.
#[tauri::command]
pub async fn open_rejects<R: Runtime>(app: AppHandle<R>) -> Result<()> {
    use tauri_plugin_opener::OpenerExt;
    let path = app
        .state::<ImportControl>()
        .last_rejects
        .lock()
        .map_err(|_| ApiError::internal("the import state is unusable"))?
        .clone()
        .ok_or_else(|| ApiError::internal("no import has written a rejects file yet"))?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| ApiError::internal(format!("could not open {}: {e}", path.display())))
}
