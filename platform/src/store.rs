//! The storage the sync API runs on, as whole operations.
//!
//! Each method is one business operation with its own transaction, not a row accessor: the
//! guarantees (a push group all or nothing, a claim decided against every other claim, change
//! sequences in commit order) live inside the implementation, where the database can give them.
//! [`crate::SqliteStore`] is the reference; [`crate::PostgresStore`] implements the same trait
//! and passes the same test suite (`tests/suite`, run by `tests/sqlite.rs` and
//! `tests/postgres.rs`).

use std::future::Future;

use chrono::{DateTime, Utc};
use serde::Serialize;
use solidesk_protocol::{
    Cursors, Enrolment, Mutation, MutationResult, OfficeInfo, PullRequest, PullResponse,
    VolunteerImage,
};
use uuid::Uuid;

use crate::StoreError;

/// An authenticated desk: the office comes from the credential, never from a payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: Uuid,
    pub name: String,
    pub office: OfficeInfo,
}

/// A new office and its enrolment secret (shown once; only its hash is kept).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewOffice {
    pub office_id: i64,
    pub name: String,
    pub postal_codes: Vec<String>,
    pub enrolment_secret: String,
}

/// What the national administrator's page shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Overview {
    pub offices: Vec<OfficeOverview>,
    pub totals: Totals,
}

/// One office and its desks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficeOverview {
    pub office: OfficeInfo,
    pub devices: Vec<DeviceOverview>,
}

/// One desk and when it last synced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeviceOverview {
    pub id: Uuid,
    pub name: String,
    pub revoked: bool,
    pub last_seen_at: Option<DateTime<Utc>>,
    pub last_push_at: Option<DateTime<Utc>>,
    pub last_pull_at: Option<DateTime<Utc>>,
}

/// Platform-wide counts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Totals {
    /// Volunteers not `left`.
    pub volunteers: u64,
    pub requests: u64,
    /// Claims per status (`held`, `confirmed`, ...), only statuses that occur.
    pub claims: Vec<(String, u64)>,
    pub outcomes: u64,
    /// Ledger rows: mutations the platform decided (applied or rejected).
    pub mutations: u64,
}

/// The platform's storage. Every future is `Send` so the axum handlers can await it.
pub trait Store: Send + Sync + 'static {
    /// Creates an office covering `postal_codes` (four digits each) with a fresh enrolment
    /// secret.
    fn add_office(
        &self,
        name: &str,
        postal_codes: &[String],
    ) -> impl Future<Output = Result<NewOffice, StoreError>> + Send;

    /// Every office, by id.
    fn offices(&self) -> impl Future<Output = Result<Vec<OfficeInfo>, StoreError>> + Send;

    /// Enrols a desk with its office's secret: a new device with a fresh token. The office
    /// takes `office_key_id` as its key fingerprint when it has none yet.
    /// [`StoreError::BadEnrolment`] for a wrong secret.
    fn enrol(
        &self,
        enrolment_secret: &str,
        device_name: &str,
        office_key_id: Option<&str>,
    ) -> impl Future<Output = Result<Enrolment, StoreError>> + Send;

    /// The desk a bearer token belongs to. [`StoreError::Unauthorized`] for an unknown token,
    /// [`StoreError::Revoked`] for a revoked desk.
    fn authenticate(&self, token: &str) -> impl Future<Output = Result<Device, StoreError>> + Send;

    /// A desk by its id, with the stored digest of its token: a sync file names its desk and is
    /// sealed with that digest instead of carrying the token. [`StoreError::Unauthorized`] for
    /// an unknown desk, [`StoreError::Revoked`] for a revoked one.
    fn device_by_id(
        &self,
        id: Uuid,
    ) -> impl Future<Output = Result<(Device, String), StoreError>> + Send;

    /// Notes that the desk said hello (its `last_seen_at`).
    fn record_hello(&self, device: &Device) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Applies one local transaction's mutations (consecutive, same `local_tx`) all or nothing,
    /// answering each. [`StoreError::SeqGap`] and [`StoreError::EpochConflict`] refuse the whole
    /// group and apply none of it.
    fn push_group(
        &self,
        device: &Device,
        epoch: Uuid,
        group: &[Mutation],
    ) -> impl Future<Output = Result<Vec<MutationResult>, StoreError>> + Send;

    /// The head sequence of each bucket the desk may read, after a push; notes the push time.
    fn checkpoint(
        &self,
        device: &Device,
    ) -> impl Future<Output = Result<Cursors, StoreError>> + Send;

    /// One page of the change feed after the given cursors; notes the pull time.
    fn pull(
        &self,
        device: &Device,
        request: &PullRequest,
    ) -> impl Future<Output = Result<PullResponse, StoreError>> + Send;

    /// Registers or updates a volunteer (the platform owns them), publishing the change to their
    /// postal code's bucket. Returns the volunteer's new version.
    fn upsert_volunteer(
        &self,
        image: &VolunteerImage,
    ) -> impl Future<Output = Result<u64, StoreError>> + Send;

    /// Registers or updates many volunteers at once (an import from the volunteer portal), all
    /// or none. Returns how many.
    fn upsert_volunteers(
        &self,
        images: &[VolunteerImage],
    ) -> impl Future<Output = Result<usize, StoreError>> + Send;

    /// The volunteer left the platform: kept, but removed from every bucket.
    fn remove_volunteer(&self, id: Uuid) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Revokes a desk: its token is refused from now on.
    fn revoke_device(&self, id: Uuid) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// Offices, desks and totals for the administrator.
    fn overview(&self) -> impl Future<Output = Result<Overview, StoreError>> + Send;
}

/// The buckets an office may read, in name order: its postal codes' and its own.
pub fn office_buckets(office: &OfficeInfo) -> Vec<String> {
    let mut names: Vec<String> = office
        .postal_codes
        .iter()
        .map(|code| solidesk_protocol::Bucket::PostalCode(code.clone()).name())
        .chain([solidesk_protocol::Bucket::Office(office.id).name()])
        .collect();
    names.sort();
    names.dedup();
    names
}
