//! solidesk-core: everything a Solidesk office does, without a GUI or a server.
//!
//! An OCMW/CPAS office keeps isolated residents, volunteers, help requests and assignments in a
//! [`Register`]: an encrypted SQLite file on the caseworker's desk. The desktop app, the command
//! line and the tests are thin doors into the functions here; none of them holds behaviour of
//! its own, so what a script does is what a caseworker does.
//!
//! Belgian specifics live in their own modules: [`national_number`] (NN and BIS numbers),
//! [`phone`] (E.164 through libphonenumber's metadata), [`postal`] (the embedded postal
//! reference) and [`dates`] (day-first dates).

pub mod contacts;
pub mod dates;
pub mod demo;
pub mod error;
pub mod export;
pub mod i18n;
pub mod import;
pub mod matching;
pub mod model;
pub mod national_number;
pub mod office;
pub mod phone;
pub mod postal;
pub mod recurrence;
pub mod register;
pub mod requests;
pub mod residents;
pub mod sheets;
pub mod sync;
pub mod text;
pub mod volunteers;

pub use error::{Error, ErrorCode, Result};
pub use model::*;
pub use register::{Key, Register};

/// Now, as stored: RFC 3339 UTC with milliseconds, which sorts as text.
pub(crate) fn now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// A new row id: UUIDv7, so ids minted on different desks never collide and sort by time.
pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Who is at the keyboard, for the records a change leaves (an import, a plan, an undo): the
/// operating-system account until Solidesk has accounts of its own.
pub fn os_account() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "desk".to_owned())
}

/// Today's date on this desk's clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A count for a SQL `LIMIT`/`OFFSET`: saturates instead of wrapping to a negative number.
pub(crate) fn sql_count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
