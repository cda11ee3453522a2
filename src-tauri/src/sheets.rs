//! The Sheets screen's commands: typeset a day, preview its pages, save the PDFs, print.
//!
//! Core decides what is printed (`Register::printed_day`), solidesk-sheets typesets it; the
//! typeset day is kept here so the preview pages and the saved or printed files are the very
//! pages the coordinator looked at. Printing hands the combined PDF to the system's PDF viewer,
//! whose print dialog knows the office's printers on Linux and Windows alike (WebKitGTK's
//! `window.print()` would print the app's window, not the sheets).

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use solidesk_core::Language;
use solidesk_sheets::{Document, Typesetter, VolunteerDocument};
use tauri::{AppHandle, Manager, Runtime};

use crate::desk::with_register;
use crate::error::ApiError;

type Result<T> = std::result::Result<T, ApiError>;

/// Which of the day's documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SheetKind {
    /// Every volunteer's sheet, one after the other.
    Volunteers,
    /// The coordinator's day overview.
    Overview,
    /// The check-in call list.
    Calls,
}

/// One volunteer's part of the day's document.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SheetEntry {
    /// This desk's number for the volunteer.
    pub number: i64,
    /// Name.
    pub name: String,
    /// The sheet's language.
    pub language: Language,
    /// Assignments on the sheet.
    pub assignments: u32,
    /// First page in the volunteers' document (1-based).
    pub first_page: u32,
    /// Pages.
    pub pages: u32,
}

/// What was typeset for a day.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SheetsSummary {
    /// The day.
    pub date: NaiveDate,
    /// The volunteers, in print order.
    pub volunteers: Vec<SheetEntry>,
    /// Pages of the volunteers' document.
    pub volunteer_pages: u32,
    /// Pages of the overview.
    pub overview_pages: u32,
    /// Pages of the call list.
    pub calls_pages: u32,
    /// The office's template file, or none for the built-in one.
    pub template: Option<String>,
    /// Where Save writes unless told otherwise (`sheets/` beside the register).
    pub default_folder: String,
}

struct Made {
    date: NaiveDate,
    volunteers: Option<VolunteerDocument>,
    overview: Document,
    calls: Document,
    /// What the files are named after.
    names: Vec<(i64, String)>,
}

/// The last typeset day (one at a time: a new one replaces it).
#[derive(Default)]
pub struct SheetsState {
    made: Mutex<Option<Made>>,
}

fn sheet_error(e: solidesk_sheets::SheetError) -> ApiError {
    match e {
        solidesk_sheets::SheetError::Register(e) => e.into(),
        other => ApiError::internal(other),
    }
}

/// Typesets `date`: the volunteers' sheets (each in the volunteer's language), the overview
/// and call list in `language`. Uses the office's template folder beside the register when
/// there is one.
#[tauri::command]
pub async fn make_sheets<R: Runtime>(
    app: AppHandle<R>,
    date: NaiveDate,
    duplex: bool,
    language: Language,
) -> Result<SheetsSummary> {
    // Read under the register's lock; typeset outside it, so searches are not held up.
    let (day, register) = with_register(&app, move |reg| {
        Ok((
            reg.printed_day(date, language, None)?,
            reg.path().map(PathBuf::from),
        ))
    })
    .await?;
    let app2 = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let template = register
            .as_deref()
            .map(solidesk_sheets::office_template_dir)
            .filter(|d| d.join(solidesk_sheets::TEMPLATE_FILE).is_file());
        let typesetter = Typesetter::new(template.as_deref()).map_err(sheet_error)?;
        let volunteers = if day.volunteers.is_empty() {
            None
        } else {
            Some(typesetter.volunteers(&day, duplex).map_err(sheet_error)?)
        };
        let overview = typesetter.overview(&day, language).map_err(sheet_error)?;
        let calls = typesetter.calls(&day, language).map_err(sheet_error)?;
        // The documents hold their pages; typst's memo of how it made them can go.
        solidesk_sheets::forget_cache();
        let entries = match &volunteers {
            Some(doc) => day
                .volunteers
                .iter()
                .zip(doc.ranges())
                .map(|(s, (first, last))| SheetEntry {
                    number: s.volunteer_number,
                    name: s.name.clone(),
                    language: s.language,
                    assignments: s.visits.len() as u32,
                    first_page: *first as u32,
                    pages: (last + 1 - first) as u32,
                })
                .collect(),
            None => Vec::new(),
        };
        let summary = SheetsSummary {
            date,
            volunteer_pages: volunteers.as_ref().map_or(0, |v| v.pages() as u32),
            overview_pages: overview.pages() as u32,
            calls_pages: calls.pages() as u32,
            volunteers: entries,
            template: typesetter.template_file().map(|p| p.display().to_string()),
            default_folder: default_folder(register.as_deref()).display().to_string(),
        };
        let state = app2.state::<SheetsState>();
        let mut made = state
            .made
            .lock()
            .map_err(|_| ApiError::internal("the sheets state is unusable"))?;
        *made = Some(Made {
            date,
            names: day
                .volunteers
                .iter()
                .map(|s| (s.volunteer_number, s.name.clone()))
                .collect(),
            volunteers,
            overview,
            calls,
        });
        Ok(summary)
    })
    .await
    .map_err(ApiError::internal)?
}

fn default_folder(register: Option<&std::path::Path>) -> PathBuf {
    register
        .and_then(|r| r.parent())
        .map_or_else(|| PathBuf::from("."), |d| d.join("sheets"))
}

fn with_made<R: Runtime, T>(app: &AppHandle<R>, f: impl FnOnce(&Made) -> Result<T>) -> Result<T> {
    let state = app.state::<SheetsState>();
    let made = state
        .made
        .lock()
        .map_err(|_| ApiError::internal("the sheets state is unusable"))?;
    let made = made
        .as_ref()
        .ok_or_else(|| ApiError::internal("make the sheets first"))?;
    f(made)
}

fn document(made: &Made, kind: SheetKind) -> Result<&Document> {
    match kind {
        SheetKind::Volunteers => made
            .volunteers
            .as_ref()
            .map(VolunteerDocument::document)
            .ok_or_else(|| ApiError::internal("no volunteer has a confirmed assignment that day")),
        SheetKind::Overview => Ok(&made.overview),
        SheetKind::Calls => Ok(&made.calls),
    }
}

/// Page `page` (1-based) of a document of the last typeset day, as SVG for the preview.
#[tauri::command]
pub async fn sheet_page<R: Runtime>(
    app: AppHandle<R>,
    kind: SheetKind,
    page: u32,
) -> Result<String> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        with_made(&app, |made| {
            document(made, kind)?
                .page_svg(page as usize)
                .ok_or_else(|| ApiError::internal(format!("there is no page {page}")))
        })
    })
    .await
    .map_err(ApiError::internal)?
}

/// Where a kind of document of a day is written in a folder.
fn file_name(date: NaiveDate, kind: SheetKind) -> String {
    match kind {
        SheetKind::Volunteers => format!("{date}-volunteers.pdf"),
        SheetKind::Overview => format!("{date}-overview.pdf"),
        SheetKind::Calls => format!("{date}-calls.pdf"),
    }
}

/// Saves the last typeset day into `folder` (created if missing): one PDF per volunteer, the
/// overview, the call list and all volunteers combined, the names `solidesk sheets` uses.
/// Returns the folder.
#[tauri::command]
pub async fn save_sheets<R: Runtime>(app: AppHandle<R>, folder: String) -> Result<String> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        with_made(&app, |made| {
            let folder = PathBuf::from(folder.trim());
            if folder.as_os_str().is_empty() {
                return Err(ApiError::internal("choose a folder to save the sheets in"));
            }
            let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
            if let Some(v) = &made.volunteers {
                for ((number, name), pdf) in
                    made.names.iter().zip(v.separate().map_err(sheet_error)?)
                {
                    files.push((
                        folder.join(solidesk_sheets::volunteer_file_name(
                            made.date, *number, name,
                        )),
                        pdf.bytes,
                    ));
                }
                files.push((
                    folder.join(file_name(made.date, SheetKind::Volunteers)),
                    v.combined().map_err(sheet_error)?.bytes,
                ));
            }
            files.push((
                folder.join(file_name(made.date, SheetKind::Overview)),
                made.overview.pdf().map_err(sheet_error)?.bytes,
            ));
            files.push((
                folder.join(file_name(made.date, SheetKind::Calls)),
                made.calls.pdf().map_err(sheet_error)?.bytes,
            ));
            for (path, bytes) in &files {
                solidesk_sheets::write_atomically(path, bytes).map_err(sheet_error)?;
            }
            Ok(folder.display().to_string())
        })
    })
    .await
    .map_err(ApiError::internal)?
}

/// The system's folder dialog; `None` when the person cancels.
#[tauri::command]
pub async fn choose_sheets_folder<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>> {
    use tauri_plugin_dialog::DialogExt;
    let (tx, rx) = std::sync::mpsc::channel();
    app.dialog().file().pick_folder(move |folder| {
        let _ = tx.send(folder.and_then(|f| f.into_path().ok()));
    });
    let picked = tauri::async_runtime::spawn_blocking(move || rx.recv().ok().flatten())
        .await
        .map_err(ApiError::internal)?;
    Ok(picked.map(|p| p.display().to_string()))
}

/// Writes one document of the last typeset day into `folder` and opens it in the system's
/// PDF viewer, to print from there. Returns the file.
#[tauri::command]
pub async fn print_sheets<R: Runtime>(
    app: AppHandle<R>,
    kind: SheetKind,
    folder: String,
) -> Result<String> {
    use tauri_plugin_opener::OpenerExt;
    let app2 = app.clone();
    let path = tauri::async_runtime::spawn_blocking(move || {
        with_made(&app2, |made| {
            let path = PathBuf::from(folder.trim()).join(file_name(made.date, kind));
            let pdf = document(made, kind)?.pdf().map_err(sheet_error)?;
            solidesk_sheets::write_atomically(&path, &pdf.bytes).map_err(sheet_error)?;
            Ok(path)
        })
    })
    .await
    .map_err(ApiError::internal)??;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| ApiError::internal(format!("could not open {}: {e}", path.display())))?;
    Ok(path.display().to_string())
}
