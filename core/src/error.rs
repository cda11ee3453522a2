//! One error type for everything core does.
//!
//! Every variant's message is a whole sentence a person can act on: the CLI prints it as is and the
//! desktop app shows it. Programs must not read the message: they read [`Error::code`], a closed set
//! that the desktop app mirrors in TypeScript.

use std::path::PathBuf;

use serde::Serialize;

/// Result of a core operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, in words for the person at the desk.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The key does not open this register (or the file is not a register at all).
    #[error(
        "The key does not open the register at {0} (or the file is not a Solidesk register); nothing was changed."
    )]
    WrongKey(PathBuf),
    /// `open` was asked for a register that does not exist; it never creates one.
    #[error(
        "There is no register at {0}; create one first with `solidesk init` (or `solidesk demo`)."
    )]
    NoRegister(PathBuf),
    /// `create` refuses to overwrite anything.
    #[error("A file already exists at {0}; Solidesk will not overwrite it.")]
    AlreadyExists(PathBuf),
    /// The register was written by a newer Solidesk whose schema this program does not know.
    #[error(
        "This register was made by a newer version of Solidesk (schema {found}, this program knows up to {supported}); update Solidesk to open it."
    )]
    NewerRegister {
        /// Schema version found in the file.
        found: usize,
        /// Highest schema version this program knows.
        supported: usize,
    },
    /// No key was given.
    #[error("{0}")]
    MissingKey(String),
    /// A record that was asked for does not exist.
    #[error("No {what} with id or number {id} exists in this register.")]
    NotFound {
        /// The kind of record ("resident", "volunteer", ...).
        what: &'static str,
        /// The id as the user gave it.
        id: String,
    },
    /// A national register number (or BIS number) that is not one.
    #[error(transparent)]
    InvalidNationalNumber(#[from] crate::national_number::NationalNumberError),
    /// A phone number that is not one.
    #[error("\"{0}\" is not a valid phone number.")]
    InvalidPhone(String),
    /// A postal code that is not in the Belgian reference.
    #[error("Postal code \"{0}\" does not exist in Belgium.")]
    UnknownPostalCode(String),
    /// Another living resident already has this national number.
    #[error(
        "Another resident ({existing}) already has this national register number; open that record instead of creating a new one."
    )]
    DuplicateNationalNumber {
        /// Id of the resident that has it.
        existing: String,
    },
    /// Any other field that does not hold a valid value.
    #[error("{field}: {message}")]
    Invalid {
        /// The field, as the user knows it.
        field: &'static str,
        /// What is wrong with it and what would be right.
        message: String,
    },
    /// A status change the lifecycle does not allow.
    #[error("A {what} that is {from} cannot become {to}.")]
    InvalidTransition {
        /// The kind of record.
        what: &'static str,
        /// Current status.
        from: String,
        /// Requested status.
        to: String,
    },
    /// Reading or writing a file failed.
    #[error("Could not {action} {path}: {source}")]
    File {
        /// What was being done ("read", "write", ...).
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Writing a CSV file failed.
    #[error("Could not write the CSV file: {0}")]
    Csv(#[from] csv::Error),
    /// Migrating the register's schema failed; the register was left as it was.
    #[error("Could not bring the register's schema up to date (nothing was changed): {0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// Syncing with the national platform did not complete; what was not sent stays queued.
    #[error("{0}")]
    Sync(String),
    /// A sync did not run or stopped for a reason the person can act on; `stop` lets the
    /// desktop word it in the person's language, `message` says it in English with details.
    #[error("{message}")]
    SyncStopped {
        stop: crate::sync::SyncStop,
        message: String,
    },
    /// The database engine failed; the change was rolled back.
    #[error("The register could not complete the operation (nothing was changed): {0}")]
    Database(#[from] rusqlite::Error),
}

/// The closed set of error kinds a program may act on.
///
/// Extend it only when a caller does something different for the new kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ErrorCode {
    /// The register is not open (the desktop app is locked); unlock it first.
    Locked,
    /// The key is wrong.
    WrongKey,
    /// There is no register at the path.
    NoRegister,
    /// Refused to overwrite a file.
    AlreadyExists,
    /// The register needs a newer program.
    NewerRegister,
    /// No key was given.
    MissingKey,
    /// The record does not exist.
    NotFound,
    /// Some input is not valid (field errors, national number, phone, postal code).
    Invalid,
    /// The record conflicts with one that exists.
    Conflict,
    /// A file could not be read or written.
    Io,
    /// The database or migration failed.
    Internal,
    /// A sync with the national platform did not complete (nothing queued was lost).
    Sync,
}

impl Error {
    /// The kind of this error, for programs (the desktop app, scripts).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongKey(_) => ErrorCode::WrongKey,
            Error::NoRegister(_) => ErrorCode::NoRegister,
            Error::AlreadyExists(_) => ErrorCode::AlreadyExists,
            Error::NewerRegister { .. } => ErrorCode::NewerRegister,
            Error::MissingKey(_) => ErrorCode::MissingKey,
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::InvalidNationalNumber(_)
            | Error::InvalidPhone(_)
            | Error::UnknownPostalCode(_)
            | Error::Invalid { .. }
            | Error::InvalidTransition { .. } => ErrorCode::Invalid,
            Error::DuplicateNationalNumber { .. } => ErrorCode::Conflict,
            Error::File { .. } | Error::Csv(_) => ErrorCode::Io,
            Error::Migration(_) | Error::Database(_) => ErrorCode::Internal,
            Error::Sync(_) | Error::SyncStopped { .. } => ErrorCode::Sync,
        }
    }

    /// Why a sync did not run or stopped, when it is one a person can act on.
    pub fn sync_stop(&self) -> Option<crate::sync::SyncStop> {
        match self {
            Error::SyncStopped { stop, .. } => Some(*stop),
            _ => None,
        }
    }

    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }
}
