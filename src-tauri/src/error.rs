//! Errors as the front-end receives them: `{ code, message }`.
//!
//! `code` is core's closed [`ErrorCode`] set (mirrored in TypeScript by ts-rs); the UI acts on
//! the code and shows the message, never parses it.

use serde::Serialize;
use solidesk_core::sync::SyncStop;
use solidesk_core::{Error, ErrorCode};

/// An error crossing IPC.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ApiError {
    /// What kind of failure, for the UI to act on.
    pub code: ErrorCode,
    /// One sentence for the person at the desk (in English: the UI words what it has codes for).
    pub message: String,
    /// Why a sync did not run or stopped, for the Sync screen to word in the person's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub stop: Option<SyncStop>,
}

impl ApiError {
    /// The register is locked: nothing can be read or written until it is unlocked.
    pub fn locked() -> Self {
        Self {
            code: ErrorCode::Locked,
            message: "The register is locked; unlock it with its key first.".into(),
            stop: None,
        }
    }

    /// Something failed inside the app itself (a worker thread, a poisoned lock).
    pub fn internal(what: impl std::fmt::Display) -> Self {
        Self {
            code: ErrorCode::Internal,
            message: format!("Solidesk could not complete the operation: {what}"),
            stop: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
            stop: e.sync_stop(),
        }
    }
}
