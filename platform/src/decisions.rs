//! The store-independent part of every decision: input checks of offices and desks, the answers
//! to mutations, the claim state machine, the changes a volunteer write publishes and the size of
//! a pull page. Each store only reads and writes rows around these, so SQLite and PostgreSQL
//! cannot drift apart on a rule.

use solidesk_protocol::{
    Bucket, ChangeOp, ClaimStatus, MAX_PULL_LIMIT, MAX_SEALED_BYTES, Mutation, MutationResult,
    OutcomeKind, Record, RejectReason, ResultStatus, SealedImage, VolunteerImage,
};
use uuid::Uuid;

use crate::{StoreError, rules};

/// Changes per pull page when the desk asks for 0.
pub(crate) const DEFAULT_PULL_LIMIT: u32 = 1_000;

/// Statuses that take up a place in the volunteer's day, as an SQL list.
pub(crate) const ACTIVE_STATUSES: &str = "('held', 'confirmed', 'done')";

/// An office's name and postal codes as stored: trimmed, codes sorted and deduplicated, or why
/// they cannot be.
pub(crate) fn office_input(
    name: &str,
    postal_codes: &[String],
) -> Result<(String, Vec<String>), StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("the office name is empty".into()));
    }
    let mut codes: Vec<String> = postal_codes.iter().map(|c| c.trim().to_owned()).collect();
    codes.sort();
    codes.dedup();
    if codes.is_empty() {
        return Err(StoreError::Invalid(
            "an office needs at least one postal code".into(),
        ));
    }
    if let Some(bad) = codes.iter().find(|c| !rules::is_postal_code(c)) {
        return Err(StoreError::Invalid(format!(
            "the postal code {bad:?} is not four digits"
        )));
    }
    Ok((name.to_owned(), codes))
}

/// A desk's name as stored, or why it cannot be.
pub(crate) fn device_name(name: &str) -> Result<&str, StoreError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("the device name is empty".into()));
    }
    Ok(name)
}

/// An office key's fingerprint as a desk sends it at enrolment (32 lower-case hex digits), or
/// why it cannot be stored.
pub(crate) fn key_id_input(key_id: Option<&str>) -> Result<Option<&str>, StoreError> {
    match key_id {
        Some(k) if !is_key_id(k) => Err(StoreError::Invalid(
            "the office key fingerprint is not 32 hex digits".into(),
        )),
        other => Ok(other),
    }
}

fn is_key_id(k: &str) -> bool {
    k.len() == 32
        && k.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Why a sealed record cannot be stored for an office whose key fingerprint is `office_key`, if
/// it cannot. The platform cannot read the blob; it checks only its shape and that the office's
/// desks all use one key, so a desk that made its own key by mistake is told at once instead of
/// filling the office's feed with records nobody else can open.
pub(crate) fn sealed_refusal(
    office_key: Option<&str>,
    sealed: &SealedImage,
) -> Option<RejectReason> {
    let base64url = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if sealed.blob.is_empty()
        || sealed.blob.len() > MAX_SEALED_BYTES
        || !sealed.blob.bytes().all(base64url)
        || !is_key_id(&sealed.key_id)
    {
        return Some(RejectReason::Invalid);
    }
    (office_key != Some(sealed.key_id.as_str())).then_some(RejectReason::OtherKey)
}

/// The rows of a pull page (at most [`MAX_PULL_LIMIT`]).
pub(crate) fn pull_limit(asked: u32) -> usize {
    let rows = match asked {
        0 => DEFAULT_PULL_LIMIT,
        n => n.min(MAX_PULL_LIMIT),
    };
    rows as usize
}

pub(crate) fn applied(mutation: &Mutation) -> MutationResult {
    MutationResult {
        mutation_id: mutation.mutation_id,
        status: ResultStatus::Applied,
        reason: None,
        holder: None,
    }
}

pub(crate) fn rejected(mutation: &Mutation, reason: RejectReason) -> MutationResult {
    MutationResult {
        mutation_id: mutation.mutation_id,
        status: ResultStatus::Rejected,
        reason: Some(reason),
        holder: None,
    }
}

/// The answer to a mutation the ledger already holds: the stored answer marked duplicate for the
/// same payload, a refusal for a mutation id reused with another payload.
pub(crate) fn replayed(
    mutation: &Mutation,
    stored_hash: &str,
    stored: MutationResult,
) -> MutationResult {
    if stored_hash == mutation.payload_hash {
        MutationResult {
            status: ResultStatus::Duplicate,
            ..stored
        }
    } else {
        rejected(mutation, RejectReason::KeyReused)
    }
}

/// What a claim transition does from a given status.
pub(crate) enum Move {
    To(ClaimStatus),
    /// Already there: applied, nothing changes.
    Stay,
    Refuse,
}

/// `ClaimConfirm` from each status.
pub(crate) fn confirm(status: ClaimStatus) -> Move {
    match status {
        ClaimStatus::Held => Move::To(ClaimStatus::Confirmed),
        ClaimStatus::Confirmed => Move::Stay,
        ClaimStatus::Released | ClaimStatus::Lost | ClaimStatus::Done => Move::Refuse,
    }
}

/// `ClaimRelease` from each status.
pub(crate) fn release(status: ClaimStatus) -> Move {
    match status {
        ClaimStatus::Held | ClaimStatus::Confirmed => Move::To(ClaimStatus::Released),
        ClaimStatus::Released | ClaimStatus::Lost => Move::Stay,
        ClaimStatus::Done => Move::Refuse,
    }
}

/// Whether a request image with `incoming` revision is older than the `held` one: another desk
/// of the office made a later version, and the platform keeps it (the desks do too).
pub(crate) fn request_is_stale(held: Option<&str>, incoming: Option<&str>) -> bool {
    matches!((held, incoming), (Some(held), Some(incoming)) if incoming < held)
}

/// Whether a claim in `status` can take the outcome of its day. A released claim cannot: its
/// place may have gone to another office since, and a day reported on it would book the
/// volunteer beyond their capacity (the fault rounds on PostgreSQL found this when a desk of
/// the office reported a day another desk had released, seed 1795866705400216131). A lost one
/// never was the office's.
pub(crate) fn takes_an_outcome(status: ClaimStatus) -> bool {
    matches!(
        status,
        ClaimStatus::Held | ClaimStatus::Confirmed | ClaimStatus::Done
    )
}

/// The answer to an outcome for a claim that has one (`reported`, its kind) already: two desks
/// of one office reported the same day. The same report changes nothing; a different one (one
/// desk says done, the other not done) is refused, and becomes an issue on the desk that sent
/// it for a person to look at, instead of a claim with two outcomes.
pub(crate) fn second_outcome(mutation: &Mutation, reported: &str, kind: &str) -> MutationResult {
    if reported == kind {
        applied(mutation)
    } else {
        rejected(mutation, RejectReason::InvalidTransition)
    }
}

/// An outcome's stored kind and the status it moves its claim to.
pub(crate) fn outcome_effect(kind: OutcomeKind) -> (&'static str, ClaimStatus) {
    match kind {
        OutcomeKind::Done => ("done", ClaimStatus::Done),
        OutcomeKind::NotDone => ("not_done", ClaimStatus::Done),
        OutcomeKind::Cancelled => ("cancelled", ClaimStatus::Released),
    }
}

pub(crate) fn status_name(status: ClaimStatus) -> &'static str {
    match status {
        ClaimStatus::Held => "held",
        ClaimStatus::Confirmed => "confirmed",
        ClaimStatus::Released => "released",
        ClaimStatus::Lost => "lost",
        ClaimStatus::Done => "done",
    }
}

pub(crate) fn parse_status(name: &str) -> Result<ClaimStatus, StoreError> {
    Ok(match name {
        "held" => ClaimStatus::Held,
        "confirmed" => ClaimStatus::Confirmed,
        "released" => ClaimStatus::Released,
        "lost" => ClaimStatus::Lost,
        "done" => ClaimStatus::Done,
        other => {
            return Err(StoreError::corrupt(format!(
                "unknown claim status {other:?}"
            )));
        }
    })
}

/// A change to append inside the writing transaction.
pub(crate) struct PendingChange {
    pub bucket: String,
    pub entity_id: Uuid,
    pub version: u64,
    pub op: ChangeOp,
    pub origin: Option<Uuid>,
}

impl PendingChange {
    /// The change log's `op` and `entity` columns, and the record its `data` column holds.
    pub(crate) fn columns(&self) -> (&'static str, &str, Option<&Record>) {
        match &self.op {
            ChangeOp::Put { record } => ("put", record.entity(), Some(record)),
            ChangeOp::Remove { entity } => ("remove", entity, None),
        }
    }
}

/// What storing `image` publishes, given the stored volunteer's postal code and status (none
/// for a new one): a Put in its postal code's bucket, a Remove in the old bucket when it moved, a
/// Remove alone when it left.
pub(crate) fn volunteer_changes(
    image: &VolunteerImage,
    old: Option<(String, String)>,
    version: u64,
) -> Vec<PendingChange> {
    let new_bucket =
        (image.status != "left").then(|| Bucket::PostalCode(image.postal_code.clone()).name());
    let old_bucket = old
        .filter(|(_, status)| status != "left")
        .map(|(code, _)| Bucket::PostalCode(code).name());
    let mut changes = Vec::new();
    if let Some(bucket) = &new_bucket {
        changes.push(PendingChange {
            bucket: bucket.clone(),
            entity_id: image.id,
            version,
            op: ChangeOp::Put {
                record: Record::Volunteer(image.clone()),
            },
            origin: None,
        });
    }
    if let Some(bucket) = old_bucket
        && Some(&bucket) != new_bucket.as_ref()
    {
        changes.push(PendingChange {
            bucket,
            entity_id: image.id,
            version,
            op: ChangeOp::Remove {
                entity: "volunteer".into(),
            },
            origin: None,
        });
    }
    changes
}

/// Checks a volunteer before it is stored.
pub(crate) fn check_volunteer(image: &VolunteerImage) -> Result<(), StoreError> {
    let problems = rules::volunteer_problems(image);
    if !problems.is_empty() {
        return Err(StoreError::Invalid(format!(
            "the volunteer cannot be stored: {}",
            problems.join("; ")
        )));
    }
    Ok(())
}

/// Names the entry of an import that failed a check.
pub(crate) fn import_entry(error: StoreError, index: usize, image: &VolunteerImage) -> StoreError {
    match error {
        StoreError::Invalid(message) => {
            StoreError::Invalid(format!("entry {} ({}): {message}", index + 1, image.id))
        }
        other => other,
    }
}
