//! The unlocked register, as Tauri's managed state.
//!
//! Nothing is managed until the user unlocks the register: commands look the desk up with
//! `try_state` and answer `locked` when it is not there, instead of a `Mutex<Option<…>>` probed
//! everywhere or an `.expect()` that would take the window down.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use solidesk_core::{Key, Register};
use tauri::{AppHandle, Manager, Runtime};

use crate::error::ApiError;

/// The open register of this desk.
pub struct Desk {
    /// One connection, one writer: SQLite serialises writes anyway, and a search takes a
    /// millisecond, so a plain mutex never makes the caseworker wait.
    register: Mutex<Register>,
    path: PathBuf,
    /// Kept for [`Desk::second_connection`] (the process holds the unlocked register anyway;
    /// `Key` never prints itself).
    key: Key,
}

impl Desk {
    /// A desk around a register that was just opened with `key`.
    pub fn new(register: Register, path: PathBuf, key: Key) -> Self {
        Self {
            register: Mutex::new(register),
            path,
            key,
        }
    }

    /// Where the register file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A connection of its own to the same register file, for work that waits on the network
    /// (a sync cycle retries for up to minutes on a bad line): holding the shared connection's
    /// lock that long would freeze every screen while the caseworker is on the phone. SQLite's
    /// WAL lets both connections work; its busy timeout orders their short writes.
    pub fn second_connection(&self) -> solidesk_core::Result<Register> {
        Register::open(&self.path, &self.key)
    }
}

/// Where this desk's register lives: `SOLIDESK_DB` (what the command line uses too), else the
/// platform's data folder.
pub fn register_path() -> Result<PathBuf, ApiError> {
    if let Some(p) = std::env::var_os("SOLIDESK_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    solidesk_core::register::default_path()
        .ok_or_else(|| ApiError::internal("this system has no data folder for the register"))
}

/// Runs `f` on the unlocked register on a blocking thread (SQLite must never block the
/// window's thread), or answers `locked`.
pub async fn with_register<R, T, F>(app: &AppHandle<R>, f: F) -> Result<T, ApiError>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&mut Register) -> solidesk_core::Result<T> + Send + 'static,
{
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let desk = app.try_state::<Desk>().ok_or_else(ApiError::locked)?;
        let mut register = desk
            .register
            .lock()
            .map_err(|_| ApiError::internal("an earlier operation failed half-way"))?;
        f(&mut register).map_err(ApiError::from)
    })
    .await
    .map_err(ApiError::internal)?
}

/// What the unlock screen and the status bar show.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RegisterInfo {
    /// Whether the register is open.
    pub unlocked: bool,
    /// The register file.
    pub path: String,
    /// Whether the file exists (if not, the unlock screen offers to create it).
    pub exists: bool,
    /// The office's name, once unlocked.
    pub office_name: String,
    /// Residents in the register, once unlocked.
    #[ts(type = "number")]
    pub residents: u64,
    /// Volunteers in the register, once unlocked.
    #[ts(type = "number")]
    pub volunteers: u64,
}
