//! Sync by file, for an office whose line is down for days: the desk writes the batches it
//! would push and the cursors it would pull from into a request file; the platform's operator
//! runs it through the same code as the HTTP API and writes an answer file; the desk imports
//! the answer. The batches are the very ones the desk would send online (same batch and
//! mutation ids), so a file that arrives after the line came back is answered with duplicates.
//!
//! Both files travel by hand (a USB stick, an e-mail), so neither carries a credential. Each is
//! sealed with HMAC-SHA256 under the SHA-256 of the desk's token, which both sides hold (the
//! desk the token, the platform only its digest): the platform knows which desk wrote a
//! request and that nobody changed it, and the desk knows the answer came from the platform,
//! for its request.

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{Cursors, ErrorBody, PullRequest, PullResponse, PushRequest, PushResponse, hex};

/// `format` of a desk's request file.
pub const REQUEST_FORMAT: &str = "solidesk-sync-request";
/// `format` of the platform's answer file.
pub const ANSWER_FORMAT: &str = "solidesk-sync-answer";
/// At most this many batches in one request file (a file must stay small enough to mail).
pub const MAX_FILE_BATCHES: usize = 200;
/// At most this many pull pages in one answer file.
pub const MAX_FILE_PAGES: usize = 100;

/// What a desk without a connection hands over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeRequest {
    pub format: String,
    pub protocol: u32,
    pub device_id: Uuid,
    pub created_at: DateTime<Utc>,
    /// The batches, in sequence order, as they would be pushed.
    pub pushes: Vec<PushRequest>,
    /// Where the desk's pull would start.
    pub pull: PullRequest,
    /// HMAC-SHA256 (hex) of this request with `mac` empty, keyed by the token's digest.
    pub mac: String,
}

/// The platform's answer to one request file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExchangeAnswer {
    pub format: String,
    pub protocol: u32,
    pub device_id: Uuid,
    /// The `mac` of the request this answers: an answer is applied to its own request only.
    pub request_mac: String,
    pub created_at: DateTime<Utc>,
    /// One per batch of the request, in order.
    pub pushes: Vec<BatchAnswer>,
    /// The cursors the pages start from (the request's).
    pub pull_from: Cursors,
    /// The pages of the change feed from the request's cursors, in order.
    pub pulls: Vec<PullResponse>,
    pub mac: String,
}

/// What the platform made of one batch: its answers, or why it refused the whole batch (as the
/// HTTP API would have, e.g. a sequence gap).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BatchAnswer {
    Answered(PushResponse),
    Refused(ErrorBody),
}

/// The digest of a device token: what the platform stores and both sides key the seal with.
pub fn token_digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn seal_of<T: Serialize>(value: &T, digest: &str) -> String {
    // (HMAC takes a key of any length; `new_from_slice` cannot fail for it.)
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(digest.as_bytes()) else {
        return String::new();
    };
    mac.update(&serde_json::to_vec(value).unwrap_or_default());
    hex(&mac.finalize().into_bytes())
}

fn verify_seal<T: Serialize>(value: &T, digest: &str, claimed: &str) -> bool {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(digest.as_bytes()) else {
        return false;
    };
    mac.update(&serde_json::to_vec(value).unwrap_or_default());
    // Compared in constant time by the hmac crate.
    (0..claimed.len())
        .step_by(2)
        .map(|i| {
            claimed
                .get(i..i + 2)
                .and_then(|b| u8::from_str_radix(b, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .is_some_and(|bytes| mac.verify_slice(&bytes).is_ok())
}

/// A sync file sealed for one desk: `mac` covers every other field, keyed by the digest of the
/// desk's token. Both files implement it, so they cannot be sealed two different ways.
pub trait SealedFile: Serialize + Clone {
    /// The file's `mac` field.
    fn mac_field(&mut self) -> &mut String;

    /// Sets `mac` for the desk whose token has this digest.
    fn seal(&mut self, digest: &str) {
        self.mac_field().clear();
        let mac = seal_of(self, digest);
        *self.mac_field() = mac;
    }

    /// True when `mac` is right for the desk whose token has this digest.
    fn verify(&self, digest: &str) -> bool {
        let mut unsealed = self.clone();
        let claimed = std::mem::take(unsealed.mac_field());
        verify_seal(&unsealed, digest, &claimed)
    }
}

impl SealedFile for ExchangeRequest {
    fn mac_field(&mut self) -> &mut String {
        &mut self.mac
    }
}

impl SealedFile for ExchangeAnswer {
    fn mac_field(&mut self) -> &mut String {
        &mut self.mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> ExchangeRequest {
        ExchangeRequest {
            format: REQUEST_FORMAT.into(),
            protocol: crate::PROTOCOL_VERSION,
            device_id: Uuid::nil(),
            created_at: DateTime::from_timestamp(1_800_000_000, 0).expect("time"),
            pushes: Vec::new(),
            pull: PullRequest {
                cursors: [("pc:9000".to_owned(), 7)].into_iter().collect(),
                limit: 1000,
                epoch: None,
            },
            mac: String::new(),
        }
    }

    #[test]
    fn a_sealed_request_verifies_with_its_key_only() {
        let digest = token_digest("the desk's token");
        let mut r = request();
        r.seal(&digest);
        assert_eq!(r.mac.len(), 64);
        assert!(r.verify(&digest));
        assert!(!r.verify(&token_digest("another desk's token")));
        // Read back from its file, it still verifies.
        let read: ExchangeRequest =
            serde_json::from_str(&serde_json::to_string(&r).expect("json")).expect("parse");
        assert!(read.verify(&digest));
    }

    #[test]
    fn any_change_breaks_the_seal() {
        let digest = token_digest("t");
        let mut r = request();
        r.seal(&digest);
        let mut moved = r.clone();
        moved.pull.cursors.insert("pc:9000".into(), 8);
        assert!(!moved.verify(&digest));
        let mut truncated = r.clone();
        truncated.mac.pop();
        assert!(!truncated.verify(&digest));
        let mut garbage = r;
        garbage.mac = "zz".repeat(32);
        assert!(!garbage.verify(&digest));
    }
}
