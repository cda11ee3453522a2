//! Sync by file, for an office whose line is down for days (`solidesk_protocol::exchange`).
//!
//! [`Register::export_sync`] writes the batches a cycle would push (the same ids: they are
//! marked sent, so an online sync afterwards resends exactly them) and the cursors its pull
//! would start from. The platform's operator answers it (`solidesk-platform exchange`), and
//! [`Register::import_sync_answer`] applies the answer with the same code as an online cycle:
//! batch answers by batch id (a batch already answered online is skipped), then the pages of
//! the change feed, each with its cursors in one transaction. An answer is applied only to the
//! desk and request it was made for, and only once: its pages are skipped when this desk has
//! pulled since it wrote the request (they would be older than what it holds).

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::params;
use serde::Serialize;
use solidesk_protocol as proto;
use solidesk_protocol::exchange::{
    ANSWER_FORMAT, BatchAnswer, ExchangeAnswer, ExchangeRequest, MAX_FILE_BATCHES, REQUEST_FORMAT,
    SealedFile, token_digest,
};

use super::{OUTBOX_COLUMNS, OutboxRow, SyncReport, push_request};
use crate::error::{Error, Result};
use crate::register::Register;

/// What [`Register::export_sync`] wrote.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncExport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    pub batches: u32,
    pub mutations: u32,
    /// Mutations left for a next file (a file holds at most 200 batches).
    pub left_out: u32,
}

/// What [`Register::import_sync_answer`] applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SyncImport {
    #[serde(flatten)]
    pub report: SyncReport,
    /// Batches this answer answered that had been answered before (online or by an earlier
    /// import of the same file).
    pub batches_already_answered: u32,
    /// Batches the platform refused whole, with its sentence; they stay queued.
    pub batches_refused: Vec<String>,
    /// False when the answer's pages were older than what this desk already pulled.
    pub pull_applied: bool,
}

fn sync_error(message: impl Into<String>) -> Error {
    Error::Sync(message.into())
}

/// Writes `bytes` beside `path` first, then renames: a full disk or a pulled stick never
/// leaves half a file under the real name.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    let partial = path.with_file_name(name);
    let err = |source| Error::File {
        action: "write",
        path: path.to_owned(),
        source,
    };
    let result = (|| {
        let mut file = std::fs::File::create(&partial).map_err(err)?;
        file.write_all(bytes).map_err(err)?;
        file.sync_all().map_err(err)?;
        std::fs::rename(&partial, path).map_err(err)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

impl Register {
    /// Writes what this desk would send to the platform, and where its pull would start, to
    /// `path` for the platform's operator. Nothing leaves the queue: it goes when the answer is
    /// imported (or a later online sync is answered).
    #[tracing::instrument(skip_all, err)]
    pub fn export_sync(&mut self, path: &Path) -> Result<SyncExport> {
        let enrolled = self.enrolment()?;
        let _flight = self.single_flight()?;
        self.seal_office_records()?;
        let mut pushes = Vec::new();
        let mut after = 0;
        let mut mutations = 0u32;
        while pushes.len() < MAX_FILE_BATCHES {
            let Some((batch_id, rows)) =
                self.next_batch_after(after, proto::MAX_BATCH_MUTATIONS, proto::MAX_BATCH_BYTES)?
            else {
                break;
            };
            after = rows.last().map_or(after, |r| r.seq);
            mutations += u32::try_from(rows.len()).unwrap_or(u32::MAX);
            pushes.push(push_request(&enrolled, &batch_id, &rows)?);
        }
        let left: i64 =
            self.conn
                .query_row("SELECT count(*) FROM outbox WHERE seq > ?1", [after], |r| {
                    r.get(0)
                })?;
        let mut request = ExchangeRequest {
            format: REQUEST_FORMAT.to_owned(),
            protocol: proto::PROTOCOL_VERSION,
            device_id: enrolled
                .device_id
                .parse()
                .map_err(|_| sync_error("This desk's enrolment is damaged; enrol it again."))?,
            created_at: Utc::now(),
            pushes,
            pull: proto::PullRequest {
                cursors: self.cursors()?,
                limit: super::SyncOptions::default().pull_limit,
                epoch: enrolled.epoch.parse().ok(),
            },
            mac: String::new(),
        };
        request.seal(&token_digest(&enrolled.token));
        let json = serde_json::to_vec_pretty(&request)
            .map_err(|e| sync_error(format!("The sync file could not be written: {e}.")))?;
        write_atomically(path, &json)?;
        Ok(SyncExport {
            path: path.to_owned(),
            batches: u32::try_from(request.pushes.len()).unwrap_or(u32::MAX),
            mutations,
            left_out: u32::try_from(left).unwrap_or(u32::MAX),
        })
    }

    /// Applies the platform's answer file to this desk: each batch's answers (acknowledged
    /// changes leave the queue, refusals become issues), then the change feed. Refuses, and
    /// applies nothing, for a file that is not an answer, is for another desk, or was changed.
    #[tracing::instrument(skip_all, err)]
    pub fn import_sync_answer(&mut self, path: &Path) -> Result<SyncImport> {
        let enrolled = self.enrolment()?;
        let _flight = self.single_flight()?;
        let bytes = std::fs::read(path).map_err(|source| Error::File {
            action: "read",
            path: path.to_owned(),
            source,
        })?;
        let not_an_answer = || {
            sync_error(format!(
                "{} is not an answer from the platform (a Solidesk sync answer file); nothing was applied.",
                path.display()
            ))
        };
        let answer: ExchangeAnswer = serde_json::from_slice(&bytes).map_err(|_| not_an_answer())?;
        if answer.format != ANSWER_FORMAT {
            return Err(not_an_answer());
        }
        if !(proto::MIN_PROTOCOL_VERSION..=proto::PROTOCOL_VERSION).contains(&answer.protocol) {
            return Err(sync_error(
                "This answer was written by a newer platform than this Solidesk understands; update Solidesk, then import it again.",
            ));
        }
        if answer.device_id.to_string() != enrolled.device_id {
            return Err(sync_error(
                "This answer is for another desk; import it on the desk that wrote the request. Nothing was applied.",
            ));
        }
        if !answer.verify(&token_digest(&enrolled.token)) {
            return Err(sync_error(
                "This answer was changed after the platform wrote it, or is not from the platform; nothing was applied. Ask the platform's operator for it again.",
            ));
        }
        let mut out = SyncImport {
            report: SyncReport::default(),
            batches_already_answered: 0,
            batches_refused: Vec::new(),
            pull_applied: false,
        };
        // Answers first: a refusal below may start a new epoch, which forgets batch ids.
        for batch in &answer.pushes {
            let BatchAnswer::Answered(response) = batch else {
                continue;
            };
            let rows = self.batch_rows(&response.batch_id.to_string())?;
            if rows.is_empty() {
                out.batches_already_answered += 1;
                continue;
            }
            out.report.batches += 1;
            self.apply_push(&rows, response, &mut out.report)?;
        }
        for batch in &answer.pushes {
            let BatchAnswer::Refused(error) = batch else {
                continue;
            };
            if matches!(
                error.error,
                proto::ErrorKind::SeqGap | proto::ErrorKind::EpochConflict
            ) && !out.report.new_epoch
            {
                self.new_epoch(&enrolled.url)?;
                out.report.new_epoch = true;
            }
            out.batches_refused.push(error.message.clone());
        }
        if answer.pull_from == self.cursors()? {
            for page in &answer.pulls {
                out.report.pages += 1;
                self.apply_pull(page, &mut out.report)?;
            }
            out.pull_applied = true;
        }
        let waiting: i64 = self
            .conn
            .query_row("SELECT count(*) FROM outbox", [], |r| r.get(0))?;
        out.report.waiting = waiting.unsigned_abs();
        // An exchange by file is a sync: the status says when, and whether all went through.
        self.conn.execute(
            "UPDATE sync_state SET last_attempt_at = ?1,
                 last_success_at = CASE WHEN ?2 IS NULL THEN ?1 ELSE last_success_at END,
                 last_error = ?2, last_stop = NULL
             WHERE id = 1",
            params![crate::now(), out.batches_refused.first()],
        )?;
        Ok(out)
    }

    /// The queued rows of one batch, in order; none when it was answered already.
    pub(super) fn batch_rows(&self, batch_id: &str) -> Result<Vec<OutboxRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {OUTBOX_COLUMNS} FROM outbox WHERE batch_id = ?1 ORDER BY seq"
            ))?
            .query_map([batch_id], OutboxRow::read)?
            .collect::<rusqlite::Result<_>>()?)
    }
}
