//! Sync by file (`solidesk_protocol::exchange`): the answer to a desk's request file, made by
//! the same code as the HTTP API (each batch through `http::apply_push`, then the
//! change feed from the request's cursors), for an office whose line is down for days.
//!
//! The file names its desk and is sealed with the digest of the desk's token, which the
//! platform stores: a file from an unknown or revoked desk, or one changed on the way, is
//! refused before anything is applied. The answer is sealed the same way, for that desk.

use chrono::Utc;
use serde::Serialize;
use solidesk_protocol::exchange::{
    ANSWER_FORMAT, BatchAnswer, ExchangeAnswer, ExchangeRequest, MAX_FILE_BATCHES, MAX_FILE_PAGES,
    REQUEST_FORMAT, SealedFile,
};
use solidesk_protocol::{MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, PullRequest, ResultStatus};
use uuid::Uuid;

use crate::{Store, StoreError};

/// What an answer holds, for the operator.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ExchangeSummary {
    pub device_id: Uuid,
    pub office: String,
    pub batches: u32,
    pub applied: u32,
    pub duplicates: u32,
    pub rejected: u32,
    /// Batches refused whole (a sequence gap, a damaged payload), with the platform's sentence.
    pub refused_batches: Vec<String>,
    pub pages: u32,
    pub changes: u32,
}

/// Answers a desk's request file (its bytes).
pub async fn answer<S: Store>(
    store: &S,
    bytes: &[u8],
) -> Result<(ExchangeAnswer, ExchangeSummary), StoreError> {
    let not_a_request = || {
        StoreError::Invalid(
            "this is not a Solidesk sync request file (from `solidesk sync export`)".into(),
        )
    };
    let request: ExchangeRequest = serde_json::from_slice(bytes).map_err(|_| not_a_request())?;
    if request.format != REQUEST_FORMAT {
        return Err(not_a_request());
    }
    if !(MIN_PROTOCOL_VERSION..=PROTOCOL_VERSION).contains(&request.protocol) {
        return Err(StoreError::Invalid(format!(
            "the request file speaks sync protocol {}, this platform {MIN_PROTOCOL_VERSION} to {PROTOCOL_VERSION}",
            request.protocol
        )));
    }
    if request.pushes.len() > MAX_FILE_BATCHES {
        return Err(StoreError::Invalid(format!(
            "the request file holds {} batches, more than {MAX_FILE_BATCHES}",
            request.pushes.len()
        )));
    }
    let (device, digest) = store.device_by_id(request.device_id).await?;
    if !request.verify(&digest) {
        return Err(StoreError::Invalid(
            "the request file was changed after the desk wrote it (or is not from this desk); nothing was applied"
                .into(),
        ));
    }
    let mut summary = ExchangeSummary {
        device_id: device.id,
        office: device.office.name.clone(),
        ..ExchangeSummary::default()
    };
    let mut pushes = Vec::with_capacity(request.pushes.len());
    for batch in &request.pushes {
        summary.batches += 1;
        match crate::http::apply_push(store, &device, batch).await {
            Ok(response) => {
                for result in &response.results {
                    match result.status {
                        ResultStatus::Applied => summary.applied += 1,
                        ResultStatus::Duplicate => summary.duplicates += 1,
                        ResultStatus::Rejected => summary.rejected += 1,
                    }
                }
                pushes.push(BatchAnswer::Answered(response));
            }
            Err(error) => {
                let body = error.into_body();
                summary.refused_batches.push(body.message.clone());
                pushes.push(BatchAnswer::Refused(body));
            }
        }
    }
    // The change feed after the pushes, as an online cycle pulls it, page by page.
    let mut cursors = request.pull.cursors.clone();
    let mut pulls = Vec::new();
    while pulls.len() < MAX_FILE_PAGES {
        let page = store
            .pull(
                &device,
                &PullRequest {
                    cursors: cursors.clone(),
                    limit: request.pull.limit,
                    epoch: request.pull.epoch,
                },
            )
            .await?;
        for bucket in &page.removed_buckets {
            cursors.remove(bucket);
        }
        for (bucket, seq) in &page.cursors {
            let at = cursors.entry(bucket.clone()).or_insert(0);
            *at = (*at).max(*seq);
        }
        summary.pages += 1;
        summary.changes += u32::try_from(page.changes.len()).unwrap_or(u32::MAX);
        let more = page.has_more;
        pulls.push(page);
        if !more {
            break;
        }
    }
    let mut answer = ExchangeAnswer {
        format: ANSWER_FORMAT.to_owned(),
        protocol: PROTOCOL_VERSION,
        device_id: device.id,
        request_mac: request.mac.clone(),
        created_at: Utc::now(),
        pushes,
        pull_from: request.pull.cursors.clone(),
        pulls,
        mac: String::new(),
    };
    answer.seal(&digest);
    Ok((answer, summary))
}
