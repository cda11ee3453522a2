//! The sync wire format between a Solidesk desk and the national platform.
//!
//! Both sides compile against these types, so a field cannot mean one thing on a desk and another
//! on the platform. The shape follows `docs/sync.md`: desks push *intent-level mutations* (create
//! a request, claim a volunteer, record an outcome), each with a UUIDv7 idempotency key and a
//! frozen payload; the platform answers each one (applied, duplicate, rejected) and serves a
//! change feed per bucket (`pc:9000` for the volunteers of a postal code, `office:<id>` for an
//! office's own records) read with per-bucket cursors.
//!
//! **Privacy boundary.** No type here has a field able to carry a resident's national number,
//! name, address or phone: a request travels with a random per-resident pseudonym minted on the
//! desk. Every struct denies unknown fields, so a desk that tried to send more would be refused
//! rather than have the extra silently stored.

pub mod exchange;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The wire format this build speaks. Raised only for a change old peers cannot read.
pub const PROTOCOL_VERSION: u32 = 1;
/// The oldest wire format this build still accepts.
pub const MIN_PROTOCOL_VERSION: u32 = 1;

/// Header carrying [`PROTOCOL_VERSION`] on every request.
pub const HEADER_PROTOCOL: &str = "sync-protocol";
/// Header carrying the platform's clock (RFC 3339) on every response, so a desk can show skew.
pub const HEADER_SERVER_TIME: &str = "server-time";
/// Header carrying the batch id of a push, in the sense of the IETF Idempotency-Key draft.
pub const HEADER_IDEMPOTENCY_KEY: &str = "idempotency-key";

/// At most this many mutations in one push. CouchDB's replicator uses 500; a week of an office's
/// backlog goes up in one or two requests and a failed attempt wastes little.
pub const MAX_BATCH_MUTATIONS: usize = 500;
/// At most this many bytes of JSON in one push (a batch never splits a local transaction, so a
/// single huge transaction may exceed it alone; the platform's hard limit is [`MAX_BODY_BYTES`]).
pub const MAX_BATCH_BYTES: usize = 512 * 1024;
/// The platform refuses any request body larger than this (413).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Changes per pull page, at most.
pub const MAX_PULL_LIMIT: u32 = 2_000;

/// A bucket of the change feed: what one office is allowed to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bucket {
    /// The platform's volunteers living in one postal code.
    PostalCode(String),
    /// One office's own requests, claims and outcomes (for its other desks).
    Office(i64),
}

impl Bucket {
    /// The bucket's name on the wire: `pc:9000`, `office:12`.
    pub fn name(&self) -> String {
        match self {
            Bucket::PostalCode(code) => format!("pc:{code}"),
            Bucket::Office(id) => format!("office:{id}"),
        }
    }

    /// Reads a bucket name; `None` for anything else.
    pub fn parse(name: &str) -> Option<Bucket> {
        if let Some(code) = name.strip_prefix("pc:") {
            (code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()))
                .then(|| Bucket::PostalCode(code.to_owned()))
        } else {
            name.strip_prefix("office:")
                .and_then(|id| id.parse().ok())
                .map(Bucket::Office)
        }
    }
}

/// Per-bucket cursors: the last change sequence a desk has applied in each bucket.
pub type Cursors = BTreeMap<String, u64>;

/// `GET /v1/hello`: who the platform thinks the desk is, and what it accepts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hello {
    pub protocol_min: u32,
    pub protocol_max: u32,
    pub server_time: DateTime<Utc>,
    pub office: OfficeInfo,
    pub device_id: Uuid,
    /// The buckets this desk may pull, by name.
    pub buckets: Vec<String>,
    pub max_batch_mutations: usize,
    pub max_batch_bytes: usize,
}

/// An office as the platform knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficeInfo {
    pub id: i64,
    pub name: String,
    pub postal_codes: Vec<String>,
    /// The fingerprint of the office key its desks seal personal data with ([`SealedImage`]),
    /// once the first desk set one. Only the fingerprint: the key never reaches the platform.
    #[serde(default)]
    pub key_id: Option<String>,
}

/// `POST /v1/enrol`: a desk joins its office with the secret `solidesk-platform offices add`
/// printed. The answer's token is the desk's own credential from then on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrolRequest {
    pub enrolment_secret: String,
    pub device_name: String,
    /// The fingerprint of an office key this desk just made. The platform keeps it when the
    /// office has none yet (the first desk); otherwise the answer's `office.key_id` names the
    /// key in use, and the desk must be given it by an enrolled desk.
    #[serde(default)]
    pub office_key_id: Option<String>,
}

/// The answer to an enrolment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enrolment {
    pub device_id: Uuid,
    /// Sent as `Authorization: Bearer <token>` from then on. Shown once; the platform keeps only
    /// its hash.
    pub token: String,
    pub office: OfficeInfo,
}

/// `POST /v1/push`: one batch of a desk's outbox, in sequence order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    /// Random per register file; a restored or copied file gets a new one, so `(epoch, seq)`
    /// never names two different mutations.
    pub epoch: Uuid,
    /// Sticky: a retry resends the same batch with the same id.
    pub batch_id: Uuid,
    pub mutations: Vec<Mutation>,
}

/// One logical change a desk made, frozen when it was committed locally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// UUIDv7, the idempotency key: never reused for another change.
    pub mutation_id: Uuid,
    /// The desk's sequence within its epoch, contiguous.
    pub seq: u64,
    /// Mutations of one local transaction share this and travel in one batch.
    pub local_tx: u64,
    /// The desk's clock when the change was made: display and audit only, never ordering.
    pub client_time: DateTime<Utc>,
    /// Hex SHA-256 of the canonical JSON of `body` ([`MutationBody::hash`]).
    pub payload_hash: String,
    pub body: MutationBody,
}

/// What a mutation asks for. The platform owns volunteers; an office owns its requests, claims'
/// office side and outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entity", rename_all = "snake_case", deny_unknown_fields)]
pub enum MutationBody {
    /// Create or update a help request (the whole pseudonymised image).
    Request(RequestImage),
    /// Ask to book a platform volunteer for one day of a request. The platform holds it or
    /// refuses it (claim lost) against the volunteer's capacity for that day.
    Claim {
        claim_id: Uuid,
        volunteer_id: Uuid,
        request_id: Uuid,
        date: NaiveDate,
    },
    /// The volunteer agreed: the hold becomes a booking without expiry.
    ClaimConfirm { claim_id: Uuid },
    /// The office no longer needs the volunteer (declined, cancelled): capacity is freed.
    ClaimRelease { claim_id: Uuid },
    /// What happened on the day. One per claim: the first report stands, the same report again
    /// (another desk of the office) changes nothing, a different one is refused
    /// (`invalid_transition`) and kept for a person on the desk that sent it.
    Outcome {
        outcome_id: Uuid,
        claim_id: Uuid,
        kind: OutcomeKind,
        occurred_on: NaiveDate,
    },
    /// A record of the office's own (a resident, a request with its notes, ...), encrypted with
    /// the office key for the office's other desks. The platform stores and forwards it; it
    /// cannot read it.
    Sealed(SealedImage),
}

impl MutationBody {
    /// Hex SHA-256 of the canonical JSON of this body: serde writes fields in declaration order,
    /// so both sides compute the same text from the same value.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        hex(&Sha256::digest(json))
    }

    /// The entity's id the mutation is about (for per-record status).
    pub fn entity_id(&self) -> Uuid {
        match self {
            MutationBody::Request(r) => r.id,
            MutationBody::Claim { claim_id, .. }
            | MutationBody::ClaimConfirm { claim_id }
            | MutationBody::ClaimRelease { claim_id } => *claim_id,
            MutationBody::Outcome { outcome_id, .. } => *outcome_id,
            MutationBody::Sealed(sealed) => sealed.id,
        }
    }

    /// The entity kind's name on the wire (`request`, `claim`, ...).
    pub fn entity(&self) -> &'static str {
        match self {
            MutationBody::Request(_) => "request",
            MutationBody::Claim { .. } => "claim",
            MutationBody::ClaimConfirm { .. } => "claim_confirm",
            MutationBody::ClaimRelease { .. } => "claim_release",
            MutationBody::Outcome { .. } => "outcome",
            MutationBody::Sealed(_) => "sealed",
        }
    }
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A help request as the platform may see it: what kind of help, where (postal code only), when,
/// how urgent, in which language, and its state. The resident is a random pseudonym.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestImage {
    pub id: Uuid,
    /// Random per resident, minted on the desk; the platform cannot turn it back into a person.
    pub resident: Uuid,
    pub kind: String,
    pub postal_code: Option<String>,
    pub due_date: NaiveDate,
    pub part_of_day: String,
    pub recurrence: Option<String>,
    pub urgency: String,
    pub language: String,
    pub status: String,
    pub deleted: bool,
    /// The request's version among the office's desks (`{hlc:020}:{desk id}`, ordered as
    /// text), when the desk knows it: the platform keeps the image with the largest, in
    /// whatever order two desks' images arrive, as the desks themselves do. Absent from a desk
    /// without the office key; such an image replaces the one held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<String>,
}

/// One record of an office's personal data, end-to-end encrypted between the office's desks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedImage {
    /// The record's id on the desks (random, minted there).
    pub id: Uuid,
    /// The fingerprint of the office key it is sealed with ([`OfficeInfo::key_id`]).
    pub key_id: String,
    /// URL-safe base64 (no padding) of a 24-byte nonce followed by the XChaCha20-Poly1305
    /// ciphertext. At most [`MAX_SEALED_BYTES`] characters.
    pub blob: String,
}

/// The largest sealed blob the platform stores: a resident with every note is a few KiB.
pub const MAX_SEALED_BYTES: usize = 256 * 1024;

/// How a booked day ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    Done,
    NotDone,
    Cancelled,
}

/// The platform's answer to a push: one result per mutation, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushResponse {
    pub batch_id: Uuid,
    pub results: Vec<MutationResult>,
    /// The head of each of the desk's buckets after this batch: pulling up to here shows the
    /// desk its own writes as the platform stored them.
    pub checkpoint: Cursors,
}

/// The platform's final word on one mutation. `Rejected` is an answer, not an error: the desk
/// records it for a person and goes on with the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MutationResult {
    pub mutation_id: Uuid,
    pub status: ResultStatus,
    /// Set when the platform refused the mutation.
    pub reason: Option<RejectReason>,
    /// For a lost claim: the office that holds the volunteer that day.
    pub holder: Option<String>,
}

/// Applied now, applied before (a retry), or refused for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultStatus {
    Applied,
    Duplicate,
    Rejected,
}

/// Why the platform refused a mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// The volunteer is fully booked that day by other claims.
    ClaimLost,
    /// No such volunteer on the platform (or no longer registered).
    UnknownVolunteer,
    /// The claim, request or outcome refers to a record the platform does not have.
    UnknownRecord,
    /// The record belongs to another office.
    NotYourRecord,
    /// The change is not allowed from the record's state (e.g. confirming a released claim).
    InvalidTransition,
    /// The mutation id was used before for a different change: a bug on the desk, kept aside.
    KeyReused,
    /// The payload looked like it carried a national register number: refused outright.
    PersonalData,
    /// The payload broke a rule of the format (bad postal code, unknown kind, ...).
    Invalid,
    /// A sealed record under another key than the office's: this desk must be given the
    /// office key by an enrolled desk.
    OtherKey,
}

/// `POST /v1/pull`: changes after the given cursors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullRequest {
    pub cursors: Cursors,
    pub limit: u32,
    /// The desk's current epoch. Changes caused by this desk's own mutations of this epoch are
    /// left out of the page (the desk has them; the cursor still moves past them), which halves
    /// what a busy desk downloads. A restored desk is in a new epoch, so it gets them back.
    #[serde(default)]
    pub epoch: Option<Uuid>,
}

/// One page of the change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullResponse {
    /// In bucket, then sequence order.
    pub changes: Vec<Change>,
    /// The cursors to store with this page (in the same local transaction as its changes).
    pub cursors: Cursors,
    pub has_more: bool,
    /// Buckets the desk had a cursor for but may no longer read: drop what came from them.
    pub removed_buckets: Vec<String>,
}

/// One entry of a bucket's change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub bucket: String,
    pub seq: u64,
    pub entity_id: Uuid,
    /// The record's version after this change (a desk never applies an older one).
    pub version: u64,
    /// The mutation that caused it, when a desk's push did: a desk recognises its own echo.
    pub origin_mutation: Option<Uuid>,
    pub op: ChangeOp,
}

/// What a change does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[allow(
    clippy::large_enum_variant,
    reason = "a change is decoded once and applied; boxing the record would only change the API"
)]
pub enum ChangeOp {
    /// The record's whole current image.
    Put { record: Record },
    /// The record left this bucket (a volunteer moved or left the platform).
    Remove { entity: String },
}

/// A record image in the change feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "entity", rename_all = "snake_case", deny_unknown_fields)]
pub enum Record {
    Volunteer(VolunteerImage),
    Request(RequestImage),
    Claim(ClaimImage),
    Sealed(SealedImage),
}

impl Record {
    /// The entity kind's name on the wire.
    pub fn entity(&self) -> &'static str {
        match self {
            Record::Volunteer(_) => "volunteer",
            Record::Request(_) => "request",
            Record::Claim(_) => "claim",
            Record::Sealed(_) => "sealed",
        }
    }
}

/// A volunteer as registered on the platform: theirs to edit, an office's to read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolunteerImage {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    /// E.164.
    pub phone: Option<String>,
    pub email: String,
    pub postal_code: String,
    pub radius_km: f64,
    pub capacity_per_day: u32,
    /// `nl`, `fr`, `de`, `en`.
    pub languages: Vec<String>,
    /// Task kinds the volunteer takes (`groceries`, `pharmacy`, ...).
    pub tasks: Vec<String>,
    /// ISO weekday (1 = Monday) and part of day (`morning`, `afternoon`, `evening`).
    pub availability: Vec<(u8, String)>,
    /// `active`, `paused` or `left`.
    pub status: String,
}

/// A claim as the platform decided it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimImage {
    pub id: Uuid,
    pub volunteer_id: Uuid,
    pub request_id: Uuid,
    pub date: NaiveDate,
    pub status: ClaimStatus,
    /// For a lost claim, the office that holds the volunteer.
    pub holder: Option<String>,
}

/// Where a claim stands on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimStatus {
    Held,
    Confirmed,
    Released,
    Lost,
    Done,
}

/// An error answer (any 4xx/5xx), with a stable code a desk acts on and a sentence for a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorKind,
    pub message: String,
    /// With [`ErrorKind::SeqGap`]: the sequence the platform expects next.
    pub expected_seq: Option<u64>,
}

/// Closed set of error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No or unknown credential.
    Unauthorized,
    /// The desk was revoked: its queue is refused.
    Revoked,
    /// The enrolment secret is wrong.
    BadEnrolment,
    /// The desk skipped sequence numbers (its file was restored): it must start a new epoch.
    SeqGap,
    /// The same `(epoch, seq)` names another mutation: the desk must start a new epoch.
    EpochConflict,
    /// The protocol version is not supported (426).
    UnsupportedProtocol,
    /// The body is too large (413): send smaller batches.
    TooLarge,
    /// The body could not be read.
    BadRequest,
    /// The same batch id came with a different body.
    BatchReused,
    /// The platform failed; retry later.
    Internal,
    /// The platform is busy; retry after the `Retry-After` delay.
    Busy,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_names_round_trip_and_refuse_strangers() {
        for b in [Bucket::PostalCode("9000".into()), Bucket::Office(12)] {
            assert_eq!(Bucket::parse(&b.name()), Some(b));
        }
        for bad in ["pc:900", "pc:90a0", "office:x", "global", ""] {
            assert_eq!(Bucket::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_hash_depends_on_every_field_and_survives_a_round_trip() {
        let body = MutationBody::Claim {
            claim_id: Uuid::nil(),
            volunteer_id: Uuid::max(),
            request_id: Uuid::nil(),
            date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
        };
        let back: MutationBody = serde_json::from_str(
            &serde_json::to_string(&body).unwrap_or_default(),
        )
        .unwrap_or(MutationBody::ClaimRelease {
            claim_id: Uuid::max(),
        });
        assert_eq!(back.hash(), body.hash());
        let other = MutationBody::Claim {
            claim_id: Uuid::nil(),
            volunteer_id: Uuid::max(),
            request_id: Uuid::nil(),
            date: NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        };
        assert_ne!(other.hash(), body.hash());
        assert_eq!(body.hash().len(), 64);
    }

    #[test]
    fn an_extra_field_is_refused_not_ignored() {
        let json = r#"{"entity":"claim_release","claim_id":"00000000-0000-0000-0000-000000000000","national_number":"85073003328"}"#;
        assert!(serde_json::from_str::<MutationBody>(json).is_err());
    }
}
