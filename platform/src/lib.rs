//! The reference national platform Solidesk desks sync with.
//!
//! [`http`] serves the sync API of `solidesk-protocol` (enrol, hello, push, pull) and a small
//! administrator page; [`Store`] is the storage behind it, as whole operations so SQLite
//! ([`SqliteStore`], one file, the default) and PostgreSQL ([`PostgresStore`], shared by several
//! platform processes) give the same guarantees their own way. The office of a request always
//! comes from the desk's credential, never from a payload.

pub mod admin_page;
mod decisions;
pub mod error;
pub mod exchange;
pub mod failpoint;
pub mod http;
pub mod personal_data;
mod postgres;
pub mod rules;
pub mod secret;
mod sqlite;
pub mod store;

pub use error::StoreError;
pub use http::{ServerConfig, router, serve};
pub use postgres::{PostgresStore, is_postgres_url, redacted_url};
pub use sqlite::SqliteStore;
pub use store::{
    Device, DeviceOverview, NewOffice, OfficeOverview, Overview, Store, Totals, office_buckets,
};
