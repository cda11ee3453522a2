//! The sync planner: pure decisions, no I/O, so every rule is a row in a table test.
//!
//! What goes into the next batch, and what to do after an answer (or no answer), are decided
//! here from plain values; `sync::Register::sync` carries the decisions out.

use std::time::Duration;

/// One outbox row as the planner sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedRow {
    pub seq: i64,
    pub local_tx: i64,
    /// Bytes of its JSON payload.
    pub size: usize,
    /// The batch it was sent in before, if any (sticky across retries).
    pub batch_id: Option<String>,
}

/// The next batch: the rows `rows[..len]`, resent under `batch_id` or a new id.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchPlan {
    pub len: usize,
    /// `Some` when this is a resend of a batch that may have reached the platform.
    pub resend: Option<String>,
}

/// Picks the next batch from the head of the outbox (rows in sequence order).
///
/// A batch that was sent before is resent whole and alone: the platform may have applied it,
/// and only the same mutations under the same batch id get its stored answers back. Otherwise
/// the batch takes whole local transactions while it stays within `max_rows` and `max_bytes`;
/// one transaction larger than the limits goes alone rather than being split (the platform
/// applies a transaction all or nothing).
pub fn next_batch(rows: &[QueuedRow], max_rows: usize, max_bytes: usize) -> Option<BatchPlan> {
    let first = rows.first()?;
    if let Some(batch) = &first.batch_id {
        let len = rows
            .iter()
            .take_while(|r| r.batch_id.as_ref() == Some(batch))
            .count();
        return Some(BatchPlan {
            len,
            resend: Some(batch.clone()),
        });
    }
    let (mut len, mut bytes) = (0usize, 0usize);
    let mut i = 0;
    while i < rows.len() && rows[i].batch_id.is_none() {
        // The whole transaction starting at i.
        let tx = rows[i].local_tx;
        let mut j = i;
        let mut tx_bytes = 0;
        while j < rows.len() && rows[j].local_tx == tx && rows[j].batch_id.is_none() {
            tx_bytes += rows[j].size;
            j += 1;
        }
        let fits = len + (j - i) <= max_rows.max(1) && bytes + tx_bytes <= max_bytes;
        if len > 0 && !fits {
            break;
        }
        len += j - i;
        bytes += tx_bytes;
        i = j;
        if !fits {
            break;
        }
    }
    (len > 0).then_some(BatchPlan { len, resend: None })
}

/// How an attempt at a request ended, as far as deciding what next is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// No answer: connection refused or dropped, timeout, an unreadable or cut-off body.
    NoAnswer,
    /// The platform answered with this HTTP status (not 2xx), and maybe `Retry-After` seconds.
    Status { code: u16, retry_after: Option<u64> },
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Try the same request again after this pause.
    RetryAfter(Duration),
    /// Send fewer mutations per batch (the platform found the body too large).
    Smaller,
    /// The platform cannot place this desk's sequence numbers: start a new epoch and resend.
    NewEpoch,
    /// Stop this cycle; a person or a later cycle must act.
    Stop(StopReason),
}

/// Why a cycle stops without finishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The retries of this cycle are used up; the next cycle tries again.
    GaveUp,
    /// The platform does not know this desk's credential: enrol again.
    Unauthorized,
    /// The desk was revoked by the platform.
    Revoked,
    /// This Solidesk is too old for the platform: update it.
    Outdated,
    /// The platform asks to wait longer than a cycle waits.
    Busy(u64),
}

/// Retry policy: full-jitter exponential backoff, `Retry-After` honoured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backoff {
    /// Attempts per request in one cycle (the first included).
    pub attempts: u32,
    pub base: Duration,
    pub max: Duration,
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff {
            attempts: 6,
            base: Duration::from_secs(2),
            max: Duration::from_secs(60),
        }
    }
}

impl Backoff {
    /// The pause before attempt `attempt + 1` (attempt counts from 1): a uniformly random share
    /// (`jitter` in [0, 1)) of `min(max, base · 2^(attempt-1))`, so desks that failed together
    /// do not come back together.
    pub fn pause(&self, attempt: u32, jitter: f64) -> Duration {
        let exp = self
            .base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        exp.min(self.max).mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// Decides what follows a failed attempt number `attempt` (from 1).
pub fn after_failure(outcome: Outcome, attempt: u32, policy: &Backoff, jitter: f64) -> Next {
    let retry = |wait: Duration| {
        if attempt >= policy.attempts {
            Next::Stop(StopReason::GaveUp)
        } else {
            Next::RetryAfter(wait)
        }
    };
    match outcome {
        Outcome::NoAnswer => retry(policy.pause(attempt, jitter)),
        Outcome::Status { code, retry_after } => match code {
            401 => Next::Stop(StopReason::Unauthorized),
            403 => Next::Stop(StopReason::Revoked),
            426 => Next::Stop(StopReason::Outdated),
            409 => Next::NewEpoch,
            413 => Next::Smaller,
            429 | 503 => match retry_after {
                Some(secs) if Duration::from_secs(secs) > policy.max => {
                    Next::Stop(StopReason::Busy(secs))
                }
                Some(secs) => retry(Duration::from_secs(secs)),
                None => retry(policy.pause(attempt, jitter)),
            },
            // A body damaged on the way (400) or a platform fault (5xx): the same request,
            // rebuilt from what the desk stored, may well pass next time.
            _ => retry(policy.pause(attempt, jitter)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn rows(spec: &[(i64, usize, Option<&str>)]) -> Vec<QueuedRow> {
        spec.iter()
            .enumerate()
            .map(|(i, (tx, size, batch))| QueuedRow {
                seq: i as i64 + 1,
                local_tx: *tx,
                size: *size,
                batch_id: batch.map(str::to_owned),
            })
            .collect()
    }

    #[rstest]
    #[case::empty(&[], 3, 1000, None)]
    #[case::all_fit(&[(1, 10, None), (2, 10, None)], 3, 1000, Some(2))]
    #[case::row_cap(&[(1, 10, None), (2, 10, None), (3, 10, None), (4, 10, None)], 3, 1000, Some(3))]
    #[case::never_splits_a_transaction(&[(1, 10, None), (2, 10, None), (2, 10, None), (2, 10, None)], 3, 1000, Some(1))]
    #[case::a_big_transaction_goes_alone(&[(1, 10, None), (1, 10, None), (1, 10, None), (1, 10, None), (2, 1, None)], 3, 1000, Some(4))]
    #[case::byte_cap(&[(1, 600, None), (2, 600, None)], 10, 1000, Some(1))]
    #[case::one_row_over_the_byte_cap(&[(1, 5000, None), (2, 1, None)], 10, 1000, Some(1))]
    fn new_batches(
        #[case] spec: &[(i64, usize, Option<&str>)],
        #[case] max_rows: usize,
        #[case] max_bytes: usize,
        #[case] len: Option<usize>,
    ) {
        let plan = next_batch(&rows(spec), max_rows, max_bytes);
        assert_eq!(plan.as_ref().map(|p| p.len), len);
        assert!(plan.is_none_or(|p| p.resend.is_none()));
    }

    #[test]
    fn a_batch_sent_before_is_resent_whole_and_alone() {
        let queue = rows(&[
            (1, 10, Some("b1")),
            (2, 10, Some("b1")),
            (3, 10, None),
            (4, 10, None),
        ]);
        assert_eq!(
            next_batch(&queue, 1, 1),
            Some(BatchPlan {
                len: 2,
                resend: Some("b1".into())
            })
        );
    }

    #[rstest]
    #[case::drop(Outcome::NoAnswer, 1, Next::RetryAfter(Duration::from_secs(1)))]
    #[case::drop_later(Outcome::NoAnswer, 3, Next::RetryAfter(Duration::from_secs(4)))]
    #[case::drop_capped(Outcome::NoAnswer, 5, Next::RetryAfter(Duration::from_secs(8)))]
    #[case::last_attempt(Outcome::NoAnswer, 6, Next::Stop(StopReason::GaveUp))]
    #[case::server_error(Outcome::Status { code: 500, retry_after: None }, 2, Next::RetryAfter(Duration::from_secs(2)))]
    #[case::damaged_body(Outcome::Status { code: 400, retry_after: None }, 1, Next::RetryAfter(Duration::from_secs(1)))]
    #[case::retry_after(Outcome::Status { code: 503, retry_after: Some(7) }, 1, Next::RetryAfter(Duration::from_secs(7)))]
    #[case::too_many(Outcome::Status { code: 429, retry_after: Some(3) }, 2, Next::RetryAfter(Duration::from_secs(3)))]
    #[case::busy_for_long(Outcome::Status { code: 503, retry_after: Some(3600) }, 1, Next::Stop(StopReason::Busy(3600)))]
    #[case::unauthorized(Outcome::Status { code: 401, retry_after: None }, 1, Next::Stop(StopReason::Unauthorized))]
    #[case::revoked(Outcome::Status { code: 403, retry_after: None }, 1, Next::Stop(StopReason::Revoked))]
    #[case::outdated(Outcome::Status { code: 426, retry_after: None }, 1, Next::Stop(StopReason::Outdated))]
    #[case::restored_file(Outcome::Status { code: 409, retry_after: None }, 1, Next::NewEpoch)]
    #[case::too_large(Outcome::Status { code: 413, retry_after: None }, 1, Next::Smaller)]
    fn after_a_failure(#[case] outcome: Outcome, #[case] attempt: u32, #[case] next: Next) {
        let policy = Backoff {
            attempts: 6,
            base: Duration::from_secs(2),
            max: Duration::from_secs(16),
        };
        // jitter 0.5: half of the exponential step.
        assert_eq!(after_failure(outcome, attempt, &policy, 0.5), next);
    }

    #[test]
    fn the_pause_is_jittered_within_the_step() {
        let policy = Backoff::default();
        assert_eq!(policy.pause(1, 0.0), Duration::ZERO);
        assert_eq!(policy.pause(1, 1.0), Duration::from_secs(2));
        assert_eq!(policy.pause(40, 1.0), Duration::from_secs(60));
    }
}
