//! Sync with the national platform: batches when a connection is there, nothing lost, nothing
//! duplicated, nobody's national number on the wire.
//!
//! **Outbox.** Every local change the platform must learn about is queued by SQL triggers
//! (`migrations/0005-sync`) in the same transaction as the change: a request's pseudonymised
//! image, a claim on a platform volunteer, its confirmation or release, an outcome. Each row has a
//! UUIDv7 idempotency key, a sequence number and a frozen payload.
//!
//! **A cycle** ([`Register::sync`]): say hello (protocol version, who we are), push the queue in
//! batches of whole local transactions ([`plan::next_batch`]), then pull each readable bucket's
//! change feed page by page, each page applied in one transaction together with its cursors. A
//! batch that was sent keeps its id until it is answered, so a retry after a lost answer gets the
//! platform's stored answers instead of applying anything twice. Refusals are final answers kept
//! in `sync_issue` for a person, never a reason to stop the queue. Failures are classified by
//! [`plan::after_failure`] (backoff with jitter, `Retry-After`, new epoch, stop).
//!
//! **Privacy.** What leaves the desk is chosen field by field in SQL views that select from an
//! allow-list; the wire types (`solidesk-protocol`) have no field that could hold a national
//! number, name, address or phone of a resident, and the platform refuses unknown fields.

pub mod plan;

mod file;
mod http;
mod office;

pub use file::{SyncExport, SyncImport};

use std::fs::File;
use std::path::PathBuf;
use std::time::Duration;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};
use solidesk_protocol as proto;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::model::{Language, PartOfDay, Task, VolunteerStatus};
use crate::register::Register;
use crate::volunteers::ValidVolunteer;
use http::{Failure, Platform};
use plan::{Backoff, Next, QueuedRow, StopReason};

/// Opens a write transaction's group of mutations (see `sync_state.local_tx`). Called by every
/// write transaction of the register; one row update, and none at all on a desk that is not
/// enrolled (a register must not change when a command that fails or only reads opens it).
pub(crate) fn begin_local_tx(tx: &Transaction<'_>) -> Result<()> {
    tx.prepare_cached(
        "UPDATE sync_state SET local_tx = local_tx + 1 WHERE id = 1 AND enrolled = 1",
    )?
    .execute([])?;
    Ok(())
}

/// How a cycle behaves; the defaults suit an office on a bad line.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Sync with the platform at this address this time (a mirror, a proxy) instead of the one
    /// the desk enrolled with; the credential is the same.
    pub platform_url: Option<String>,
    pub backoff: Backoff,
    /// Per HTTP request.
    pub timeout: Duration,
    pub max_batch_mutations: usize,
    pub max_batch_bytes: usize,
    pub pull_limit: u32,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            platform_url: None,
            backoff: Backoff::default(),
            timeout: Duration::from_secs(60),
            max_batch_mutations: proto::MAX_BATCH_MUTATIONS,
            max_batch_bytes: proto::MAX_BATCH_BYTES,
            pull_limit: 1000,
        }
    }
}

/// What one cycle did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncReport {
    /// Mutations the platform applied now.
    pub applied: u32,
    /// Mutations it had applied before (a retry whose first answer was lost).
    pub duplicates: u32,
    /// Mutations it refused (each kept as a sync issue).
    pub rejected: u32,
    /// Of those, claims on a volunteer another office holds.
    pub claims_lost: u32,
    pub batches: u32,
    /// Changes pulled and applied.
    pub pulled: u32,
    pub volunteers_updated: u32,
    pub volunteers_removed: u32,
    /// Changes that could not be applied here (an unknown postal code, ...), skipped.
    pub skipped: u32,
    pub pages: u32,
    /// Attempts that failed and were retried.
    pub retries: u32,
    /// The platform could not place this desk's sequence numbers (a restored register): a new
    /// epoch was started and the queue resent.
    pub new_epoch: bool,
    /// Mutations still waiting after the cycle.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub waiting: u64,
    /// The office's records (residents, requests, ...) sealed here and queued for its other
    /// desks.
    pub office_sealed: u32,
    /// Records of the office's other desks taken into this register.
    pub office_received: u32,
    /// Of those, records two desks changed at once (each kept for a person to look at).
    pub office_conflicts: u32,
    /// Records kept aside for now (no office key here yet, a record they need not here yet).
    pub office_parked: u32,
}

/// A refusal from the platform, for a person to read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncIssue {
    pub mutation_id: String,
    /// `request`, `claim`, `claim_confirm`, `claim_release`, `outcome`.
    pub entity: String,
    pub entity_id: String,
    /// The platform's reason code (`claim_lost`, `unknown_volunteer`, ...).
    pub reason: String,
    /// For a lost claim: the office holding the volunteer.
    pub holder: Option<String>,
    /// The platform's refusal in words.
    pub message: String,
    pub created_at: String,
    /// The request this is about, as the office knows it: its number on this desk, the day,
    /// the resident and (for a booking) the volunteer. `None` when it is gone from the register.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub request_number: Option<i64>,
    pub date: Option<String>,
    pub resident: Option<String>,
    pub volunteer: Option<String>,
}

/// Mutations waiting of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Waiting {
    pub entity: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
}

/// Why a sync did not run or stopped, for a program to act on or word in the person's language
/// (`sync-stop-<reason>` in the desktop's locales); the error's message says it in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum SyncStop {
    /// No answer after the cycle's retries (no line, the platform down): try later, or by file.
    Unreachable,
    /// The platform does not know this desk's credential: enrol again.
    Unauthorized,
    /// The platform revoked this desk.
    Revoked,
    /// This Solidesk is too old for the platform.
    Outdated,
    /// The platform asks to come back later than a cycle waits.
    Busy { minutes: u32 },
    /// The desk has no enrolment yet.
    NotEnrolled,
    /// Another sync of the register runs.
    AlreadyRunning,
    /// The platform refused the enrolment secret.
    BadSecret,
}

fn stopped(stop: SyncStop, message: impl Into<String>) -> Error {
    Error::SyncStopped {
        stop,
        message: message.into(),
    }
}

/// Where sync stands: what `solidesk sync status` and the Sync screen show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncStatus {
    pub enrolled: bool,
    pub platform_url: Option<String>,
    pub office_name: Option<String>,
    pub device_id: Option<String>,
    /// The last cycle that finished, RFC 3339.
    pub last_success_at: Option<String>,
    /// The last cycle started, finished or not.
    pub last_attempt_at: Option<String>,
    /// Why the last cycle did not finish (cleared by one that does).
    pub last_error: Option<String>,
    /// The same as a code, when it is one a person can act on.
    pub last_stop: Option<SyncStop>,
    /// Mutations waiting to be sent (or resent).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub waiting: u64,
    pub waiting_by_kind: Vec<Waiting>,
    /// When the oldest waiting mutation was made.
    pub oldest_waiting_at: Option<String>,
    /// Refusals not yet resolved, newest first.
    pub issues: Vec<SyncIssue>,
    /// Platform clock minus this desk's, ms, at the last answer.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub server_offset_ms: Option<i64>,
    /// The office key on this desk: `held`, `missing` (enrolled after a colleague: enter the
    /// code shown on their desk) or `other` (this desk's key is not the office's).
    pub office_key: String,
    /// The office's records changed here and not yet sealed for the other desks.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub office_waiting: u64,
    /// Records from the other desks kept aside until they can be applied.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub office_parked: u64,
    /// Records two desks changed at once, not yet looked at, newest first.
    pub office_conflicts: Vec<OfficeConflict>,
}

/// Two desks of the office changed one record at once: every desk kept the later version; this
/// is the other one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OfficeConflict {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub record_id: String,
    /// `resident`, `request`, `assignment`, `contact`, `volunteer`.
    pub kind: String,
    /// The record as the office knows it: a name, or a request's kind and day.
    pub label: String,
    /// The version set aside, as JSON (the record's columns under `row`).
    pub set_aside: String,
    /// The desk that made the version set aside, and the one whose version was kept.
    pub set_aside_by: String,
    pub kept_by: String,
    pub detected_at: String,
}

/// The enrolment a desk keeps.
struct Enrolled {
    url: String,
    token: String,
    epoch: String,
    epoch_base: i64,
    /// The platform's id of this desk (named in sync files).
    device_id: String,
}

/// The platform's reason in words (English; the desktop words it again from the code).
fn reason_text(reason: &str, holder: Option<&str>) -> String {
    match reason {
        "claim_lost" => match holder {
            Some(office) => format!("The volunteer is already booked that day by {office}."),
            None => "The volunteer is already booked that day by another office.".to_owned(),
        },
        "unknown_volunteer" => "The volunteer is no longer registered on the platform.".to_owned(),
        "unknown_record" => "The platform does not know the record this refers to.".to_owned(),
        "not_your_record" => "The record belongs to another office.".to_owned(),
        "invalid_transition" => {
            "The change does not fit the record's state on the platform.".to_owned()
        }
        "key_reused" => {
            "The change reused the id of another change (a bug in Solidesk); it was kept aside."
                .to_owned()
        }
        "other_key" => "The record was sealed with another key than the office's: enter the office key code shown on an enrolled desk of your office.".to_owned(),
        "personal_data" => {
            "The change looked like it carried a national register number and was refused."
                .to_owned()
        }
        _ => "The platform refused the change as invalid.".to_owned(),
    }
}

fn snake<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

impl Register {
    /// Joins this desk to its office on the platform at `url`, with the enrolment secret the
    /// platform's administrator gave the office. Queues every request the register already
    /// holds, so the platform starts from the office's whole picture.
    #[tracing::instrument(skip_all, err)]
    pub fn enrol(
        &mut self,
        url: &str,
        secret: &str,
        device_name: &str,
    ) -> Result<proto::OfficeInfo> {
        let enrolled: bool = self
            .conn
            .query_row("SELECT enrolled FROM sync_state", [], |r| r.get(0))?;
        if enrolled {
            return Err(Error::Sync(
                "This desk is already enrolled with the platform; it keeps its enrolment.".into(),
            ));
        }
        let url = url.trim();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(Error::invalid(
                "platform",
                "give the platform's address as https://…",
            ));
        }
        let mut platform =
            Platform::new(url, None, Duration::from_secs(30)).map_err(Error::Sync)?;
        // Offered to the platform by fingerprint; kept only if this desk is the office's first.
        let key = office::OfficeKey::generate()?;
        let answer: proto::Enrolment = platform
            .post(
                "/v1/enrol",
                &proto::EnrolRequest {
                    enrolment_secret: secret.trim().to_owned(),
                    device_name: device_name.to_owned(),
                    office_key_id: Some(key.id()),
                },
                None,
            )
            .map_err(|f| match f.error.map(|e| e.error) {
                Some(proto::ErrorKind::BadEnrolment) => stopped(
                    SyncStop::BadSecret,
                    "The platform did not accept that enrolment secret; ask its administrator for the office's secret.",
                ),
                _ => Error::Sync(format!("Could not enrol with the platform at {url}: {}.", f.detail)),
            })?;
        let epoch = Uuid::now_v7().to_string();
        let office = answer.office.clone();
        let kept_key =
            (office.key_id.as_deref() == Some(key.id().as_str())).then(|| key.to_stored());
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE sync_state SET enrolled = 1, platform_url = ?1, device_id = ?2, token = ?3,
                     office_id = ?4, office_name = ?5, epoch = ?6,
                     epoch_base = (SELECT coalesce(max(seq), 0) FROM outbox),
                     office_key = ?7, office_key_id = ?8
                 WHERE id = 1",
                params![
                    url,
                    answer.device_id.to_string(),
                    answer.token,
                    office.id,
                    office.name,
                    epoch,
                    kept_key,
                    office.key_id
                ],
            )?;
            // Every record already here goes to the office's other desks at the next sync.
            office::mark_unversioned(tx)?;
            // Pseudonyms one by one: the view yields a new random id per read.
            let residents: Vec<String> = tx
                .prepare("SELECT DISTINCT resident_id FROM help_request")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for resident in residents {
                tx.execute(
                    "INSERT OR IGNORE INTO resident_pseudonym (resident_id, pseudonym)
                     SELECT ?1, id FROM sync_new_pseudonym",
                    [resident],
                )?;
            }
            // Each existing request is its own group: they were not made together, and one
            // group of a city's requests would be one batch too large to send.
            tx.execute(
                "INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
                 SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))),
                        (SELECT local_tx FROM sync_state) + row_number() OVER (ORDER BY q.local_id),
                        'request', p.id, p.payload, (SELECT at FROM sync_now)
                 FROM sync_request_payload p JOIN help_request q ON q.id = p.id
                 ORDER BY q.local_id",
                [],
            )?;
            tx.execute(
                "UPDATE sync_state SET local_tx = (SELECT max(local_tx) FROM outbox)
                 WHERE EXISTS (SELECT 1 FROM outbox)",
                [],
            )?;
            Ok(())
        })?;
        Ok(office)
    }

    /// Where sync stands, read from the register alone (works offline).
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let (
            enrolled,
            platform_url,
            office_name,
            device_id,
            last_success_at,
            last_attempt_at,
            last_error,
            server_offset_ms,
            last_stop,
        ) = self.conn.query_row(
            "SELECT enrolled, platform_url, office_name, device_id, last_success_at,
                        last_attempt_at, last_error, server_offset_ms, last_stop FROM sync_state",
            [],
            |r| {
                Ok((
                    r.get::<_, bool>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            },
        )?;
        let waiting_by_kind: Vec<Waiting> = self
            .conn
            .prepare("SELECT entity, count(*) FROM outbox GROUP BY entity ORDER BY entity")?
            .query_map([], |r| {
                Ok(Waiting {
                    entity: r.get(0)?,
                    count: r.get::<_, i64>(1)?.unsigned_abs(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let oldest_waiting_at = self
            .conn
            .query_row(
                "SELECT created_at FROM outbox ORDER BY seq LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let issues = self
            .conn
            .prepare(
                // A request's issue names the request; the others (claims, outcomes) name the
                // assignment.
                "SELECT i.mutation_id, i.entity, i.entity_id, i.reason, i.holder, i.created_at,
                        q.local_id, coalesce(a.occurrence_date, q.due_date),
                        trim(r.first_name || ' ' || r.last_name),
                        trim(v.first_name || ' ' || v.last_name)
                 FROM sync_issue i
                 LEFT JOIN assignment a ON i.entity <> 'request' AND a.id = i.entity_id
                 LEFT JOIN help_request q
                        ON q.id = CASE WHEN i.entity = 'request' THEN i.entity_id ELSE a.request_id END
                 LEFT JOIN resident r ON r.id = q.resident_id
                 LEFT JOIN volunteer v ON v.id = a.volunteer_id
                 WHERE i.resolved_at IS NULL ORDER BY i.created_at DESC, i.mutation_id",
            )?
            .query_map([], |r| {
                let reason: String = r.get(3)?;
                let holder: Option<String> = r.get(4)?;
                Ok(SyncIssue {
                    mutation_id: r.get(0)?,
                    entity: r.get(1)?,
                    entity_id: r.get(2)?,
                    message: reason_text(&reason, holder.as_deref()),
                    reason,
                    holder,
                    created_at: r.get(5)?,
                    request_number: r.get(6)?,
                    date: r.get(7)?,
                    resident: r.get(8)?,
                    volunteer: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let office = self.office_status()?;
        Ok(SyncStatus {
            office_key: office.key,
            office_waiting: office.waiting,
            office_parked: office.parked,
            office_conflicts: office.conflicts,
            enrolled,
            platform_url,
            office_name,
            device_id,
            last_success_at,
            last_attempt_at,
            last_error,
            // Written by this module only; one it cannot read is worded from `last_error`.
            last_stop: last_stop.and_then(|s| serde_json::from_str(&s).ok()),
            waiting: waiting_by_kind.iter().map(|w| w.count).sum(),
            waiting_by_kind,
            oldest_waiting_at,
            issues,
            server_offset_ms,
        })
    }

    /// One sync cycle: push what is waiting, then pull what changed. Only one cycle runs at a
    /// time per register file (a lock beside it); a cycle that fails says so, records why in
    /// the status, and loses nothing: what was not acknowledged stays queued.
    #[tracing::instrument(skip_all, err)]
    pub fn sync(&mut self, options: &SyncOptions) -> Result<SyncReport> {
        let mut enrolled = self.enrolment()?;
        if let Some(url) = options
            .platform_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            enrolled.url = url.to_owned();
        }
        let _flight = self.single_flight()?;
        self.conn.execute(
            "UPDATE sync_state SET last_attempt_at = ?1 WHERE id = 1",
            [crate::now()],
        )?;
        let mut report = SyncReport::default();
        let mut platform =
            Platform::new(&enrolled.url, Some(enrolled.token.clone()), options.timeout)
                .map_err(Error::Sync)?;
        let result = self.cycle(&mut platform, enrolled, options, &mut report);
        let (waiting, parked): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM outbox), (SELECT count(*) FROM office_parked)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        report.waiting = waiting.unsigned_abs();
        report.office_parked = u32::try_from(parked).unwrap_or(u32::MAX);
        match &result {
            Ok(()) => self.conn.execute(
                "UPDATE sync_state SET last_success_at = ?1, last_error = NULL, last_stop = NULL,
                     server_offset_ms = coalesce(?2, server_offset_ms) WHERE id = 1",
                params![crate::now(), platform.offset_ms],
            )?,
            Err(e) => self.conn.execute(
                "UPDATE sync_state SET last_error = ?1, last_stop = ?2,
                     server_offset_ms = coalesce(?3, server_offset_ms)
                 WHERE id = 1",
                params![
                    e.to_string(),
                    e.sync_stop()
                        .and_then(|stop| serde_json::to_string(&stop).ok()),
                    platform.offset_ms
                ],
            )?,
        };
        result.map(|()| report)
    }

    fn enrolment(&self) -> Result<Enrolled> {
        type Row = (
            Option<String>,
            Option<String>,
            Option<String>,
            i64,
            Option<String>,
        );
        let row: Option<Row> = self
            .conn
            .query_row(
                "SELECT platform_url, token, epoch, epoch_base, device_id FROM sync_state
                 WHERE enrolled = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        match row {
            Some((Some(url), Some(token), Some(epoch), epoch_base, Some(device_id))) => {
                Ok(Enrolled {
                    url,
                    token,
                    epoch,
                    epoch_base,
                    device_id,
                })
            }
            _ => Err(stopped(
                SyncStop::NotEnrolled,
                "This desk is not enrolled with the platform yet; enrol it first with the office's secret (`solidesk sync enrol`).",
            )),
        }
    }

    /// An exclusive lock on `<register>.sync-lock` for the cycle's duration; a second cycle on the
    /// same file (a second app window, a scheduler) is told, not queued behind it.
    fn single_flight(&self) -> Result<Option<File>> {
        let Some(path) = self.path() else {
            return Ok(None);
        };
        let mut lock = path.as_os_str().to_owned();
        lock.push(".sync-lock");
        let lock = PathBuf::from(lock);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .map_err(|source| Error::File {
                action: "open the sync lock",
                path: lock.clone(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Err(stopped(
                SyncStop::AlreadyRunning,
                "Another sync of this register is running; this one was not started.",
            )),
            Err(std::fs::TryLockError::Error(source)) => Err(Error::File {
                action: "lock",
                path: lock,
                source,
            }),
        }
    }

    fn cycle(
        &mut self,
        platform: &mut Platform,
        mut enrolled: Enrolled,
        options: &SyncOptions,
        report: &mut SyncReport,
    ) -> Result<()> {
        let hello: proto::Hello =
            retrying(options, report, || platform.get("/v1/hello")).map_err(Failed::into_error)?;
        if hello.protocol_max < proto::MIN_PROTOCOL_VERSION
            || hello.protocol_min > proto::PROTOCOL_VERSION
        {
            return Err(stop_error(StopReason::Outdated, ""));
        }
        self.conn.execute(
            "UPDATE sync_state SET office_name = ?1, office_key_id = coalesce(?2, office_key_id)
             WHERE id = 1",
            params![hello.office.name, hello.office.key_id],
        )?;
        report.office_sealed += self.seal_office_records()?;
        let mut max_rows = options
            .max_batch_mutations
            .min(hello.max_batch_mutations)
            .max(1);
        let max_bytes = options.max_batch_bytes.min(hello.max_batch_bytes);
        let mut epochs = 0;
        // Push.
        loop {
            let Some((batch_id, rows)) = self.next_batch_after(0, max_rows, max_bytes)? else {
                break;
            };
            let rows = &rows[..];
            let request = push_request(&enrolled, &batch_id, rows)?;
            // A batch is a run of consecutive rows: counted by its sequence range, which reads
            // only its rows (by batch id it read the whole outbox, sealed payloads and all, on
            // every send).
            let (first, last) = (
                rows.first().map_or(0, |r| r.seq),
                rows.last().map_or(0, |r| r.seq),
            );
            let sent = retrying(options, report, || {
                self.conn
                    .execute(
                        "UPDATE outbox SET attempts = attempts + 1
                         WHERE seq BETWEEN ?1 AND ?2 AND batch_id = ?3",
                        params![first, last, batch_id],
                    )
                    .ok();
                platform.post::<_, proto::PushResponse>("/v1/push", &request, Some(&batch_id))
            });
            match sent {
                Ok(answer) => {
                    report.batches += 1;
                    self.apply_push(rows, &answer, report)?;
                }
                Err(Failed {
                    next: Next::NewEpoch,
                    ..
                }) if epochs < 2 => {
                    epochs += 1;
                    report.new_epoch = true;
                    enrolled = self.new_epoch(&enrolled.url)?;
                }
                Err(Failed {
                    next: Next::Smaller,
                    ..
                }) if max_rows > 1 => {
                    max_rows = (max_rows / 2).max(1);
                    // Never applied (refused whole for its size): it may be cut differently.
                    self.conn.execute(
                        "UPDATE outbox SET batch_id = NULL WHERE batch_id = ?1",
                        [&batch_id],
                    )?;
                }
                Err(failed) => {
                    self.conn.execute(
                        "UPDATE outbox SET last_error = ?1 WHERE batch_id = ?2",
                        params![failed.to_string(), batch_id],
                    )?;
                    return Err(failed.into_error());
                }
            }
        }
        // Pull.
        loop {
            let cursors = self.cursors()?;
            let page: proto::PullResponse = retrying(options, report, || {
                platform.post(
                    "/v1/pull",
                    &proto::PullRequest {
                        cursors: cursors.clone(),
                        limit: options.pull_limit,
                        epoch: enrolled.epoch.parse().ok(),
                    },
                    None,
                )
            })
            .map_err(Failed::into_error)?;
            report.pages += 1;
            let more = page.has_more;
            self.apply_pull(&page, report)?;
            if !more {
                break;
            }
        }
        Ok(())
    }

    /// The next batch of the queue after sequence `after` (0: the head): its id, kept from an
    /// earlier send or new and written to its rows, and its rows.
    fn next_batch_after(
        &self,
        after: i64,
        max_rows: usize,
        max_bytes: usize,
    ) -> Result<Option<(String, Vec<OutboxRow>)>> {
        let mut head = self.outbox_after(after, max_rows * 2 + 1)?;
        let queued: Vec<QueuedRow> = head
            .iter()
            .map(|r| QueuedRow {
                seq: r.seq,
                local_tx: r.local_tx,
                size: r.payload.len(),
                batch_id: r.batch_id.clone(),
            })
            .collect();
        let Some(batch) = plan::next_batch(&queued, max_rows, max_bytes) else {
            return Ok(None);
        };
        head.truncate(batch.len);
        let batch_id = match batch.resend {
            Some(id) => id,
            None => {
                let id = Uuid::now_v7().to_string();
                let (first, last) = (head[0].seq, head[head.len() - 1].seq);
                // A request's image leaves with its version among the office's desks (its
                // payload is the request as held now, so the version is the one held now): the
                // platform keeps the later of two desks' images whatever order they arrive in.
                let stamped = self.conn.execute(
                    "UPDATE outbox SET payload = json_set(payload, '$.revision',
                         (SELECT printf('%020d:%s', o.hlc, o.author) FROM office_record o
                          WHERE o.record_id = outbox.entity_id))
                     WHERE seq BETWEEN ?1 AND ?2 AND entity = 'request' AND batch_id IS NULL
                       AND EXISTS (SELECT 1 FROM office_record o WHERE o.record_id = outbox.entity_id)",
                    params![first, last],
                )?;
                self.conn.execute(
                    "UPDATE outbox SET batch_id = ?1 WHERE seq BETWEEN ?2 AND ?3",
                    params![id, first, last],
                )?;
                if stamped > 0 {
                    head = self.batch_rows(&id)?;
                }
                id
            }
        };
        Ok(Some((batch_id, head)))
    }

    /// The rows after sequence `after`: at least `limit`, and always the whole first local
    /// transaction among them (the planner never splits one, so it must see all of it).
    fn outbox_after(&self, after: i64, limit: usize) -> Result<Vec<OutboxRow>> {
        let first_group: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM outbox
             WHERE local_tx = (SELECT local_tx FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT 1)",
            )?
            .query_row([after], |r| r.get(0))?;
        let limit = limit.max(usize::try_from(first_group).unwrap_or(0) + 1);
        let rows = self
            .conn
            .prepare_cached(&format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE seq > ?1 ORDER BY seq LIMIT ?2"
            ))?
            .query_map(params![after, crate::sql_count(limit)], OutboxRow::read)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Starts a new epoch: the platform could not place our sequence numbers (the file was
    /// restored or copied). Sequence numbers restart at 1 from the first waiting row, and every
    /// waiting row is resent under new batches; what the platform had applied comes back as
    /// duplicates by mutation id.
    fn new_epoch(&mut self, url: &str) -> Result<Enrolled> {
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE sync_state SET epoch = ?1,
                     epoch_base = coalesce((SELECT min(seq) - 1 FROM outbox), (SELECT coalesce(max(seq), 0) FROM outbox))
                 WHERE id = 1",
                [Uuid::now_v7().to_string()],
            )?;
            tx.execute("UPDATE outbox SET batch_id = NULL", [])?;
            Ok(())
        })?;
        let mut enrolled = self.enrolment()?;
        enrolled.url = url.to_owned();
        Ok(enrolled)
    }

    fn cursors(&self) -> Result<proto::Cursors> {
        let rows = self
            .conn
            .prepare_cached("SELECT bucket, seq FROM sync_cursor")?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|(b, s)| (b, u64::try_from(s).unwrap_or(0)))
            .collect())
    }

    /// The platform's answers to one batch, in one transaction: acknowledged rows leave the
    /// queue, refusals become issues (and a lost claim frees the request here too).
    fn apply_push(
        &mut self,
        rows: &[OutboxRow],
        answer: &proto::PushResponse,
        report: &mut SyncReport,
    ) -> Result<()> {
        let now = crate::now();
        self.applying(|tx| {
            for result in &answer.results {
                let id = result.mutation_id.to_string();
                let Some(row) = rows.iter().find(|r| r.mutation_id == id) else {
                    continue;
                };
                match (result.status, result.reason) {
                    (proto::ResultStatus::Applied, _) => report.applied += 1,
                    (proto::ResultStatus::Duplicate, None) => report.duplicates += 1,
                    (_, reason) => {
                        report.rejected += 1;
                        let reason = reason.unwrap_or(proto::RejectReason::Invalid);
                        // Confirming, releasing or closing a claim that was lost is refused as
                        // a consequence; the lost claim is the issue a person needs to see.
                        let consequence = reason == proto::RejectReason::InvalidTransition
                            && row.entity != "claim"
                            && tx
                                .prepare_cached(
                                    "SELECT 1 FROM sync_issue
                                     WHERE entity_id = ?1 AND reason = 'claim_lost'",
                                )?
                                .exists([&row.entity_id])?;
                        if consequence {
                            tx.execute("DELETE FROM outbox WHERE seq = ?1", [row.seq])?;
                            continue;
                        }
                        tx.execute(
                            "INSERT OR IGNORE INTO sync_issue
                                 (mutation_id, entity, entity_id, reason, holder, payload, created_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                            params![
                                id,
                                row.entity,
                                row.entity_id,
                                snake(&reason),
                                result.holder,
                                row.payload,
                                now
                            ],
                        )?;
                        if reason == proto::RejectReason::ClaimLost {
                            report.claims_lost += 1;
                            release_lost_claim(tx, &row.entity_id, result.holder.as_deref(), &now)?;
                        }
                    }
                }
                tx.execute("DELETE FROM outbox WHERE seq = ?1", [row.seq])?;
            }
            Ok(())
        })
    }

    /// One pull page and its cursors, in one transaction.
    fn apply_pull(&mut self, page: &proto::PullResponse, report: &mut SyncReport) -> Result<()> {
        let now = crate::now();
        self.applying(|tx| {
            let office = office::OfficeContext::read(tx)?;
            for change in &page.changes {
                report.pulled += 1;
                match &change.op {
                    proto::ChangeOp::Put {
                        record: proto::Record::Volunteer(v),
                    } => match valid_volunteer(v) {
                        Some(valid) => {
                            upsert_platform_volunteer(tx, &valid, &now)?;
                            report.volunteers_updated += 1;
                        }
                        None => report.skipped += 1,
                    },
                    proto::ChangeOp::Remove { entity } if entity == "volunteer" => {
                        // A volunteer who moved leaves the old postal code's bucket and enters
                        // the new one's; a page may bring the entry first. The removal counts
                        // only while the volunteer held here is still in that bucket (the fault
                        // rounds on PostgreSQL found a moved volunteer removed after arriving,
                        // seed 1795865957343269893).
                        let n = tx.execute(
                            "UPDATE volunteer SET deleted_at = ?2, updated_at = ?2
                             WHERE platform_id = ?1 AND deleted_at IS NULL
                               AND (?3 NOT LIKE 'pc:%' OR 'pc:' || postal_code = ?3)",
                            params![change.entity_id.to_string(), now, change.bucket],
                        )?;
                        report.volunteers_removed += n as u32;
                    }
                    proto::ChangeOp::Put {
                        record: proto::Record::Claim(claim),
                    } if claim.status == proto::ClaimStatus::Lost => {
                        // Another desk of this office, or our own echo: the booking is not ours.
                        release_lost_claim(
                            tx,
                            &claim.id.to_string(),
                            claim.holder.as_deref(),
                            &now,
                        )?;
                    }
                    proto::ChangeOp::Put {
                        record: proto::Record::Sealed(sealed),
                    } => match office::receive(tx, &office, sealed, &now)? {
                        office::Received::Applied => report.office_received += 1,
                        office::Received::Conflict => {
                            report.office_received += 1;
                            report.office_conflicts += 1;
                        }
                        office::Received::Parked => report.office_parked += 1,
                        office::Received::Unchanged => {}
                    },
                    // The office's own requests and claims, as the platform stored them: this
                    // desk has them already, or gets them sealed from the desk that made them.
                    proto::ChangeOp::Put { .. } | proto::ChangeOp::Remove { .. } => {}
                }
            }
            let (taken, conflicts) = office::retry_parked(tx, &office, &now)?;
            report.office_received += taken;
            report.office_conflicts += conflicts;
            for bucket in &page.removed_buckets {
                tx.execute("DELETE FROM sync_cursor WHERE bucket = ?1", [bucket])?;
            }
            for (bucket, seq) in &page.cursors {
                tx.execute(
                    "INSERT INTO sync_cursor (bucket, seq) VALUES (?1, ?2)
                     ON CONFLICT (bucket) DO UPDATE SET seq = max(seq, excluded.seq)",
                    params![bucket, i64::try_from(*seq).unwrap_or(i64::MAX)],
                )?;
            }
            Ok(())
        })
    }

    /// Runs `f` in a write transaction whose writes are the platform's, not new local changes:
    /// the outbox triggers stay quiet.
    fn applying<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.with_tx(|tx| {
            tx.execute("UPDATE sync_state SET applying = 1 WHERE id = 1", [])?;
            let value = f(tx)?;
            tx.execute("UPDATE sync_state SET applying = 0 WHERE id = 1", [])?;
            Ok(value)
        })
    }
}

/// An outbox row as stored.
#[derive(Debug, Clone)]
struct OutboxRow {
    seq: i64,
    mutation_id: String,
    local_tx: i64,
    entity: String,
    entity_id: String,
    payload: String,
    batch_id: Option<String>,
    created_at: String,
}

impl OutboxRow {
    /// The columns, in this order: `seq, mutation_id, local_tx, entity, entity_id, payload,
    /// batch_id, created_at` (the [`OUTBOX_COLUMNS`]).
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<OutboxRow> {
        Ok(OutboxRow {
            seq: r.get(0)?,
            mutation_id: r.get(1)?,
            local_tx: r.get(2)?,
            entity: r.get(3)?,
            entity_id: r.get(4)?,
            payload: r.get(5)?,
            batch_id: r.get(6)?,
            created_at: r.get(7)?,
        })
    }
}

/// What [`OutboxRow::read`] reads.
const OUTBOX_COLUMNS: &str =
    "seq, mutation_id, local_tx, entity, entity_id, payload, batch_id, created_at";

fn push_request(
    enrolled: &Enrolled,
    batch_id: &str,
    rows: &[OutboxRow],
) -> Result<proto::PushRequest> {
    let bad = |what: &str| {
        Error::Sync(format!(
            "The sync queue holds an unreadable {what}; Solidesk cannot send it (a bug to report)."
        ))
    };
    let mutations = rows
        .iter()
        .map(|r| {
            let body: proto::MutationBody =
                serde_json::from_str(&r.payload).map_err(|_| bad("change"))?;
            Ok(proto::Mutation {
                mutation_id: r.mutation_id.parse().map_err(|_| bad("id"))?,
                seq: u64::try_from(r.seq - enrolled.epoch_base).map_err(|_| bad("sequence"))?,
                local_tx: u64::try_from(r.local_tx).unwrap_or(0),
                client_time: chrono::DateTime::parse_from_rfc3339(&r.created_at)
                    .map(|t| t.with_timezone(&chrono::Utc))
                    .unwrap_or_else(|_| chrono::Utc::now()),
                payload_hash: body.hash(),
                body,
            })
        })
        .collect::<Result<_>>()?;
    Ok(proto::PushRequest {
        epoch: enrolled.epoch.parse().map_err(|_| bad("epoch"))?,
        batch_id: batch_id.parse().map_err(|_| bad("batch id"))?,
        mutations,
    })
}

/// Runs `write` inside a transaction that applies what came from elsewhere (the outbox and
/// office triggers quiet) as a change of this desk's own: the triggers see it, so it is queued
/// for the platform and sealed for the office's other desks.
fn as_local_change<T>(
    tx: &Transaction<'_>,
    write: impl FnOnce() -> rusqlite::Result<T>,
) -> Result<T> {
    tx.execute("UPDATE sync_state SET applying = 0 WHERE id = 1", [])?;
    let value = write()?;
    tx.execute("UPDATE sync_state SET applying = 1 WHERE id = 1", [])?;
    Ok(value)
}

/// A claim the platform gave to another office: the assignment is declined here, with who holds
/// the volunteer, and its request goes back to open if nobody else is on it.
fn release_lost_claim(
    tx: &Transaction<'_>,
    assignment: &str,
    holder: Option<&str>,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_lost_claim (assignment_id, holder) VALUES (?1, ?2)
         ON CONFLICT (assignment_id) DO UPDATE SET holder = coalesce(excluded.holder, holder)",
    )?
    .execute(params![assignment, holder])?;
    let note = format!(
        "Booked by {} on the national platform.",
        holder.unwrap_or("another office")
    );
    let changed = tx.execute(
        "UPDATE assignment SET status = 'declined', outcome_note = ?2, updated_at = ?3
         WHERE id = ?1 AND status IN ('proposed', 'confirmed')",
        params![assignment, note, now],
    )?;
    if changed > 0 {
        // The version of the request held now, when it has no unsealed edit of a person's.
        let clean: Option<(String, i64)> = tx
            .query_row(
                "SELECT o.record_id, o.hlc FROM office_record o
                 WHERE o.record_id = (SELECT request_id FROM assignment WHERE id = ?1)
                   AND o.dirty = 0",
                [assignment],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        // The request being open again is news for the platform (it saw it assigned): let the
        // outbox trigger see this one write.
        let reopened = as_local_change(tx, || {
            tx.execute(
                "UPDATE help_request SET status = 'open', updated_at = ?2
                 WHERE id = (SELECT request_id FROM assignment WHERE id = ?1)
                   AND status IN ('proposed', 'assigned')
                   AND NOT EXISTS (SELECT 1 FROM assignment a
                                   WHERE a.request_id = help_request.id AND a.deleted_at IS NULL
                                     AND a.status IN ('proposed', 'confirmed'))",
                params![assignment, now],
            )
        })?;
        if let (1.., Some((request, hlc))) = (reopened, clean) {
            // Reopened by this desk's program, from what it could see: another desk of the
            // office may have booked someone else or reported the day at the same time. The
            // reopening takes the smallest version after the one it was made from, so a
            // person's change made meanwhile wins on every desk (the fault rounds found a day
            // reported done on one desk and reopened on the other, seed 1795862067706425301).
            tx.execute(
                "UPDATE office_record SET hlc = ?2 WHERE record_id = ?1 AND dirty = 1",
                params![request, hlc + 1],
            )?;
        }
    }
    Ok(())
}

/// A platform volunteer as this register stores one; `None` when it cannot be (a postal code
/// outside the reference, an unknown language or task).
fn valid_volunteer(v: &proto::VolunteerImage) -> Option<ValidVolunteer> {
    Some(ValidVolunteer {
        id: v.id.to_string(),
        first_name: v.first_name.clone(),
        last_name: v.last_name.clone(),
        phone: v.phone.clone(),
        email: v.email.clone(),
        postal: crate::postal::lookup(&v.postal_code)?,
        languages: v
            .languages
            .iter()
            .map(|l| l.parse::<Language>().ok())
            .collect::<Option<_>>()?,
        tasks: v
            .tasks
            .iter()
            .map(|t| t.parse::<Task>().ok())
            .collect::<Option<_>>()?,
        availability: v
            .availability
            .iter()
            .map(|(d, p)| p.parse::<PartOfDay>().ok().map(|p| (*d, p)))
            .collect::<Option<_>>()?,
        radius_km: v.radius_km,
        capacity_per_day: v.capacity_per_day,
        status: v.status.parse::<VolunteerStatus>().ok()?,
        notes: String::new(),
    })
}

fn upsert_platform_volunteer(tx: &Transaction<'_>, v: &ValidVolunteer, now: &str) -> Result<()> {
    let known = tx
        .prepare_cached("SELECT 1 FROM volunteer WHERE id = ?1")?
        .exists([&v.id])?;
    if known {
        crate::volunteers::update_at(tx, v, now)?;
        tx.prepare_cached("UPDATE volunteer SET deleted_at = NULL WHERE id = ?1")?
            .execute([&v.id])?;
    } else {
        crate::volunteers::insert(tx, v, now)?;
        tx.prepare_cached(
            "UPDATE volunteer SET origin = 'platform', platform_id = id WHERE id = ?1",
        )?
        .execute([&v.id])?;
    }
    Ok(())
}

/// Why a request failed for good in this cycle: the planner's decision and the last failure.
struct Failed {
    next: Next,
    detail: String,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl Failed {
    fn into_error(self) -> Error {
        match self.next {
            Next::Stop(reason) => stop_error(reason, &self.detail),
            Next::NewEpoch => Error::Sync(
                "The platform could not place this desk's changes even after a fresh start; nothing was lost, but ask support to look at this desk."
                    .into(),
            ),
            _ => Error::Sync(
                "The platform refused the batch as too large even at one change; nothing was lost, but ask support to look at this desk."
                    .into(),
            ),
        }
    }
}

/// Why a cycle stopped, in a sentence; `detail` is the last failure, for "could not be reached".
fn stop_error(reason: StopReason, detail: &str) -> Error {
    match reason {
        StopReason::GaveUp => stopped(
            SyncStop::Unreachable,
            format!(
                "The platform could not be reached after several tries ({detail}); the changes stay queued and the next sync sends them."
            ),
        ),
        StopReason::Unauthorized => stopped(
            SyncStop::Unauthorized,
            "The platform does not recognise this desk any more; enrol it again with the office's secret.",
        ),
        StopReason::Revoked => stopped(
            SyncStop::Revoked,
            "The platform has revoked this desk; ask the platform's administrator.",
        ),
        StopReason::Outdated => stopped(
            SyncStop::Outdated,
            "This version of Solidesk is too old for the platform; update Solidesk, your changes stay queued meanwhile.",
        ),
        StopReason::Busy(secs) => {
            let minutes = u32::try_from(secs.div_ceil(60)).unwrap_or(u32::MAX);
            stopped(
                SyncStop::Busy { minutes },
                format!(
                    "The platform is busy and asks to come back in {minutes} minutes; the changes stay queued."
                ),
            )
        }
    }
}

/// Calls `attempt` until it succeeds or the planner says stop.
fn retrying<T>(
    options: &SyncOptions,
    report: &mut SyncReport,
    mut attempt: impl FnMut() -> std::result::Result<T, Failure>,
) -> std::result::Result<T, Failed> {
    let mut n = 0;
    loop {
        n += 1;
        match attempt() {
            Ok(value) => return Ok(value),
            Err(failure) => {
                tracing::warn!(attempt = n, detail = %failure.detail, "sync request failed");
                // The random low bits of a UUIDv7, as a fraction in [0, 1).
                let jitter = (Uuid::now_v7().as_u128() & 0xffff_ffff) as f64 / 4_294_967_296.0;
                match plan::after_failure(failure.outcome, n, &options.backoff, jitter) {
                    Next::RetryAfter(pause) => {
                        report.retries += 1;
                        std::thread::sleep(pause);
                    }
                    next => {
                        return Err(Failed {
                            next,
                            detail: failure.detail,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::NewHelpRequest;
    use crate::residents::NewResident;

    /// A register whose triggers are on, as after an enrolment (without a platform).
    fn enrolled() -> (Register, String) {
        let mut reg = Register::open_in_memory().expect("register");
        reg.conn
            .execute(
                "UPDATE sync_state SET enrolled = 1, platform_url = 'http://127.0.0.1:9', token = 't',
                     epoch = ?1, device_id = ?2 WHERE id = 1",
                [Uuid::now_v7().to_string(), Uuid::now_v7().to_string()],
            )
            .expect("enrol");
        let resident = reg
            .add_resident(&NewResident {
                last_name: "Dubœuf".into(),
                first_name: "Hélène".into(),
                national_number: Some("85.07.30-033.28".into()),
                phones: vec!["0470 12 34 56".into()],
                postal_code: Some("9000".into()),
                street: "Kouter".into(),
                house_number: "12".into(),
                notes: "private note".into(),
                ..Default::default()
            })
            .expect("resident");
        (reg, resident.id)
    }

    fn outbox(reg: &Register) -> Vec<(i64, String, String)> {
        reg.conn
            .prepare("SELECT local_tx, entity, payload FROM outbox ORDER BY seq")
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    #[test]
    fn a_request_is_queued_pseudonymised_and_refreshed_while_unsent() {
        let (mut reg, resident) = enrolled();
        assert!(outbox(&reg).is_empty(), "residents never enter the queue");
        let request = reg
            .add_request(&NewHelpRequest {
                resident: resident.clone(),
                kind: "groceries".into(),
                due_date: "2026-12-01".into(),
                notes: "brood, melk".into(),
                ..Default::default()
            })
            .expect("request");
        let queued = outbox(&reg);
        assert_eq!(queued.len(), 1);
        let body: proto::MutationBody = serde_json::from_str(&queued[0].2).expect("wire type");
        let proto::MutationBody::Request(image) = body else {
            panic!("a request image: {}", queued[0].2)
        };
        assert_eq!(image.id.to_string(), request.id);
        assert_eq!(image.postal_code.as_deref(), Some("9000"));
        assert_eq!(image.status, "open");
        let pseudonym: String = reg
            .conn
            .query_row(
                "SELECT pseudonym FROM resident_pseudonym WHERE resident_id = ?1",
                [&resident],
                |r| r.get(0),
            )
            .expect("pseudonym");
        assert_eq!(image.resident.to_string(), pseudonym);
        assert_eq!(image.resident.get_version_num(), 4);
        for private in ["85073003328", "Dub", "Kouter", "470", "private", "brood"] {
            assert!(
                !queued[0].2.contains(private),
                "{private} in {}",
                queued[0].2
            );
        }
        // An unsent image is refreshed, not doubled.
        reg.set_request_status(
            &request.id,
            crate::RequestStatus::Cancelled,
            Some("not needed"),
        )
        .expect("cancel");
        let queued = outbox(&reg);
        assert_eq!(queued.len(), 1);
        assert!(queued[0].2.contains("\"cancelled\""), "{}", queued[0].2);
        assert!(!queued[0].2.contains("not needed"));
        // Once in a batch, it is frozen: a later change is a new mutation.
        reg.conn
            .execute("UPDATE outbox SET batch_id = 'b'", [])
            .expect("batch");
        reg.set_request_status(&request.id, crate::RequestStatus::Open, None)
            .ok();
        reg.conn
            .execute("UPDATE help_request SET urgency = 'urgent'", [])
            .expect("update");
        let queued = outbox(&reg);
        assert_eq!(queued.len(), 2);
        assert!(queued[0].2.contains("\"cancelled\""));
        assert!(queued[1].2.contains("\"urgent\""));
    }

    #[test]
    fn mutation_ids_are_fresh_uuid_v7_and_transactions_are_numbered() {
        let (mut reg, resident) = enrolled();
        for day in ["2026-12-01", "2026-12-02"] {
            reg.add_request(&NewHelpRequest {
                resident: resident.clone(),
                kind: "pharmacy".into(),
                due_date: day.into(),
                ..Default::default()
            })
            .expect("request");
        }
        let ids: Vec<String> = reg
            .conn
            .prepare("SELECT mutation_id FROM outbox ORDER BY seq")
            .expect("q")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(ids.len(), 2);
        assert_ne!(ids[0], ids[1]);
        for id in &ids {
            let uuid: Uuid = id.parse().expect("a UUID");
            assert_eq!(uuid.get_version_num(), 7, "{id}");
            let (secs, _) = uuid.get_timestamp().expect("time").to_unix();
            let now = chrono::Utc::now().timestamp().unsigned_abs();
            assert!(now.abs_diff(secs) < 60, "{id} is not from now");
        }
        let txs: Vec<i64> = outbox(&reg).iter().map(|r| r.0).collect();
        assert!(txs[0] < txs[1], "two transactions, two groups: {txs:?}");
    }

    #[test]
    fn one_statement_queuing_several_mutations_gives_each_its_own_ids() {
        let (mut reg, resident) = enrolled();
        let request = reg
            .add_request(&NewHelpRequest {
                resident,
                kind: "groceries".into(),
                due_date: "2026-12-01".into(),
                repeat: Some("weekly".into()),
                ..Default::default()
            })
            .expect("request");
        // Two platform volunteers confirmed on two occurrences, written as a sync would.
        for (n, day) in [(1, "2026-12-01"), (2, "2026-12-08")] {
            let assignment = Uuid::now_v7();
            reg.conn
                .execute_batch(&format!(
                    "UPDATE sync_state SET applying = 1;
                     INSERT INTO volunteer (id, first_name, last_name, postal_code, radius_km,
                         capacity_per_day, origin, platform_id, created_at, updated_at)
                     VALUES ('v{n}', 'Vera', 'V{n}', '9000', 5, 1, 'platform', 'p{n}', 'now', 'now');
                     INSERT INTO assignment (id, request_id, occurrence_date, volunteer_id, status,
                         created_by, created_at, updated_at)
                     VALUES ('{assignment}', '{}', '{day}', 'v{n}', 'confirmed', 'test', 'now', 'now');
                     UPDATE sync_state SET applying = 0;",
                    request.id
                ))
                .expect("assignment");
        }
        reg.conn
            .execute("UPDATE help_request SET status = 'assigned'", [])
            .expect("assigned");
        reg.set_request_status(&request.id, crate::RequestStatus::Done, None)
            .expect("done");
        let outcomes: Vec<(String, String)> = reg
            .conn
            .prepare("SELECT mutation_id, payload FROM outbox WHERE entity = 'outcome'")
            .expect("q")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(outcomes.len(), 2, "an outcome per booked volunteer");
        assert_ne!(outcomes[0].0, outcomes[1].0);
        let ids: Vec<Uuid> = outcomes
            .iter()
            .map(|(_, payload)| {
                match serde_json::from_str::<proto::MutationBody>(payload).expect("wire type") {
                    proto::MutationBody::Outcome { outcome_id, .. } => outcome_id,
                    other => panic!("an outcome: {other:?}"),
                }
            })
            .collect();
        assert_ne!(ids[0], ids[1]);
        assert!(ids.iter().all(|id| id.get_version_num() == 7));
    }

    #[test]
    fn a_dropped_proposal_releases_its_booking() {
        let (mut reg, resident) = enrolled();
        let request = reg
            .add_request(&NewHelpRequest {
                resident,
                kind: "groceries".into(),
                due_date: "2026-12-01".into(),
                ..Default::default()
            })
            .expect("request");
        let (proposed, local) = (Uuid::now_v7().to_string(), Uuid::now_v7().to_string());
        reg.conn
            .execute_batch(&format!(
                "UPDATE sync_state SET applying = 1;
                 INSERT INTO volunteer (id, first_name, last_name, postal_code, radius_km,
                     capacity_per_day, origin, platform_id, created_at, updated_at)
                 VALUES ('v1', 'Vera', 'Platform', '9000', 5, 1, 'platform', 'p1', 'now', 'now'),
                        ('v2', 'Luc', 'Local', '9000', 5, 1, 'local', NULL, 'now', 'now');
                 UPDATE sync_state SET applying = 0;
                 INSERT INTO assignment (id, request_id, occurrence_date, volunteer_id, status,
                     created_by, created_at, updated_at)
                 VALUES ('{proposed}', '{0}', '2026-12-01', 'v1', 'proposed', 't', 'now', 'now'),
                        ('{local}', '{0}', '2026-12-01', 'v2', 'proposed', 't', 'now', 'now');",
                request.id
            ))
            .expect("proposals");
        let kinds = |reg: &Register| -> Vec<(String, String)> {
            reg.conn
                .prepare("SELECT entity, entity_id FROM outbox ORDER BY seq")
                .expect("q")
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("rows")
        };
        assert_eq!(
            kinds(&reg).iter().filter(|(e, _)| e == "claim").count(),
            1,
            "only the platform's volunteer is claimed"
        );
        // Cancelling the request releases the platform's volunteer...
        reg.set_request_status(&request.id, crate::RequestStatus::Cancelled, None)
            .expect("cancel");
        assert_eq!(
            kinds(&reg)
                .iter()
                .filter(|(e, _)| e == "claim_release")
                .count(),
            1
        );
        reg.conn.execute("DELETE FROM outbox", []).expect("sent");
        // ... and so does a new plan that drops the proposal.
        reg.conn
            .execute("DELETE FROM assignment", [])
            .expect("a new plan drops both");
        let released: Vec<String> = kinds(&reg)
            .into_iter()
            .filter(|(e, _)| e == "claim_release")
            .map(|(_, id)| id)
            .collect();
        assert_eq!(released, [proposed]);
    }

    #[test]
    fn nothing_is_queued_before_enrolment_and_sync_says_so() {
        let mut reg = Register::open_in_memory().expect("register");
        let r = reg
            .add_resident(&NewResident {
                last_name: "Peeters".into(),
                ..Default::default()
            })
            .expect("resident");
        reg.add_request(&NewHelpRequest {
            resident: r.id,
            kind: "chat".into(),
            due_date: "2026-12-01".into(),
            ..Default::default()
        })
        .expect("request");
        assert!(outbox(&reg).is_empty());
        let status = reg.sync_status().expect("status");
        assert!(!status.enrolled);
        let err = reg.sync(&SyncOptions::default()).expect_err("not enrolled");
        assert_eq!(err.code(), crate::ErrorCode::Sync);
        assert_eq!(err.sync_stop(), Some(SyncStop::NotEnrolled));
        assert!(err.to_string().contains("enrol"), "{err}");
    }

    #[test]
    fn a_volunteer_who_moved_stays_whichever_bucket_comes_first_in_the_page() {
        let id = Uuid::now_v7();
        let volunteer = |postal_code: &str| proto::VolunteerImage {
            id,
            first_name: "Vera".into(),
            last_name: "Verhuisd".into(),
            phone: None,
            email: String::new(),
            postal_code: postal_code.into(),
            radius_km: 5.0,
            capacity_per_day: 1,
            languages: vec!["nl".into()],
            tasks: vec!["groceries".into()],
            availability: vec![(2, "morning".into())],
            status: "active".into(),
        };
        let change = |bucket: &str, version: u64, op: proto::ChangeOp| proto::Change {
            bucket: bucket.into(),
            seq: version,
            entity_id: id,
            version,
            origin_mutation: None,
            op,
        };
        let put = |postal_code: &str, version: u64| {
            change(
                &format!("pc:{postal_code}"),
                version,
                proto::ChangeOp::Put {
                    record: proto::Record::Volunteer(volunteer(postal_code)),
                },
            )
        };
        let removed_from = |postal_code: &str| {
            change(
                &format!("pc:{postal_code}"),
                2,
                proto::ChangeOp::Remove {
                    entity: "volunteer".into(),
                },
            )
        };
        // Moved from 9040 to 9030: pages are in bucket order, so pc:9030's entry can come
        // before pc:9040's removal, or after it.
        for changes in [
            vec![put("9040", 1), put("9030", 2), removed_from("9040")],
            vec![put("9040", 1), removed_from("9040"), put("9030", 2)],
        ] {
            let (mut reg, _) = enrolled();
            let page = proto::PullResponse {
                changes,
                cursors: proto::Cursors::new(),
                has_more: false,
                removed_buckets: Vec::new(),
            };
            reg.apply_pull(&page, &mut SyncReport::default())
                .expect("page applied");
            let held: Vec<String> = reg
                .conn
                .prepare("SELECT postal_code FROM volunteer WHERE platform_id = ?1 AND deleted_at IS NULL")
                .expect("query")
                .query_map([id.to_string()], |r| r.get(0))
                .expect("rows")
                .collect::<rusqlite::Result<_>>()
                .expect("rows");
            assert_eq!(held, ["9030"]);
        }
    }

    #[test]
    fn an_unreachable_platform_is_an_error_that_loses_nothing() {
        let (mut reg, resident) = enrolled();
        reg.add_request(&NewHelpRequest {
            resident,
            kind: "chat".into(),
            due_date: "2026-12-01".into(),
            ..Default::default()
        })
        .expect("request");
        let options = SyncOptions {
            backoff: Backoff {
                attempts: 2,
                base: Duration::from_millis(1),
                max: Duration::from_millis(2),
            },
            ..Default::default()
        };
        let err = reg.sync(&options).expect_err("nobody listens on port 9");
        assert!(err.to_string().contains("stay queued"), "{err}");
        assert_eq!(err.sync_stop(), Some(SyncStop::Unreachable));
        let status = reg.sync_status().expect("status");
        assert_eq!(status.waiting, 1);
        assert!(status.last_success_at.is_none());
        assert!(
            status
                .last_error
                .is_some_and(|e| e.contains("could not connect"))
        );
        // Kept with the failure, for the Sync screen to word; as the desktop receives it.
        assert_eq!(status.last_stop, Some(SyncStop::Unreachable));
        assert_eq!(
            serde_json::to_value(status.last_stop).expect("json"),
            serde_json::json!({ "reason": "unreachable" })
        );
        assert_eq!(
            serde_json::to_value(SyncStop::Busy { minutes: 3 }).expect("json"),
            serde_json::json!({ "reason": "busy", "minutes": 3 })
        );
    }
}
