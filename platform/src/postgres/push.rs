//! Applying a push group on PostgreSQL: the same steps as the SQLite store's, with the row locks
//! that make them safe for several platform processes (see the module docs of `postgres`).

use chrono::NaiveDate;
use deadpool_postgres::Object;
use solidesk_protocol::{
    Bucket, ChangeOp, ClaimImage, ClaimStatus, Mutation, MutationBody, MutationResult, OutcomeKind,
    Record, RejectReason, RequestImage, SealedImage, VolunteerImage,
};
use uuid::Uuid;

use super::feed::{append, lock_bucket};
use super::{Tx, exec, row_one, row_opt, to_i64, to_u64};
use crate::decisions::{
    self, ACTIVE_STATUSES, Move, PendingChange, applied, parse_status, rejected, replayed,
    status_name,
};
use crate::failpoint::{self, Failpoint};
use crate::{Device, StoreError, personal_data, rules};

/// Applies one local transaction's mutations, all or nothing (see [`crate::Store::push_group`]).
pub(super) async fn push_group(
    mut client: Object,
    device: &Device,
    epoch: Uuid,
    group: &[Mutation],
) -> Result<Vec<MutationResult>, StoreError> {
    let tx = client.transaction().await?;
    exec(
        &tx,
        "INSERT INTO device_epoch (device_id, epoch, last_applied_seq, created_at)
         VALUES ($1, $2, 0, now()) ON CONFLICT (device_id, epoch) DO NOTHING",
        &[&device.id, &epoch],
    )
    .await?;
    // Lock order, the same in every push: the device epoch (one push at a time per desk
    // sequence), the office's bucket (one push at a time per office: the only bucket a push
    // writes), then the claimed volunteers by id. Volunteer writes lock volunteers and then
    // postal-code buckets, so no two transactions wait for each other in a circle.
    let mut last = to_u64(
        row_one(
            &tx,
            "SELECT last_applied_seq FROM device_epoch WHERE device_id = $1 AND epoch = $2
             FOR UPDATE",
            &[&device.id, &epoch],
        )
        .await?
        .get(0),
    )?;
    let office = Office {
        id: device.office.id,
        bucket: Bucket::Office(device.office.id).name(),
    };
    lock_bucket(&tx, &office.bucket).await?;
    let mut volunteers: Vec<Uuid> = group
        .iter()
        .filter_map(|mutation| match &mutation.body {
            MutationBody::Claim { volunteer_id, .. } => Some(*volunteer_id),
            _ => None,
        })
        .collect();
    volunteers.sort();
    volunteers.dedup();
    if !volunteers.is_empty() {
        exec(
            &tx,
            "SELECT id FROM volunteer WHERE id = ANY($1) ORDER BY id FOR UPDATE",
            &[&volunteers],
        )
        .await?;
    }
    let mut results = Vec::with_capacity(group.len());
    let mut first_ledger_row = true;
    for mutation in group {
        // Ledger first: a mutation decided before gets the same answer, whatever its seq.
        let known = row_opt(
            &tx,
            "SELECT payload_hash, result FROM applied_mutation WHERE mutation_id = $1",
            &[&mutation.mutation_id],
        )
        .await?;
        if let Some(row) = known {
            let hash: String = row.get(0);
            let stored: serde_json::Value = row.get(1);
            let answer = replayed(mutation, &hash, serde_json::from_value(stored)?);
            // A desk resending under a new epoch (its file was restored) sends mutations the
            // platform already has with new seqs: they use up their seq, or the next new
            // mutation would be refused as a gap forever.
            if mutation.seq == last + 1 {
                last = mutation.seq;
            }
            results.push(answer);
            continue;
        }
        if mutation.seq <= last {
            return Err(StoreError::EpochConflict);
        }
        if mutation.seq > last + 1 {
            return Err(StoreError::SeqGap { expected: last + 1 });
        }
        let body = serde_json::to_value(&mutation.body)?;
        let answer = if personal_data::carries_national_number(&body) {
            rejected(mutation, RejectReason::PersonalData)
        } else {
            decide(&tx, &office, mutation).await?
        };
        // The primary key on mutation_id: another process deciding the same mutation at the
        // same time makes this insert fail (and the transaction run again, see `write`).
        exec(
            &tx,
            "INSERT INTO applied_mutation
               (mutation_id, device_id, epoch, seq, payload_hash, result, applied_at)
             VALUES ($1, $2, $3, $4, $5, $6, now())",
            &[
                &mutation.mutation_id,
                &device.id,
                &epoch,
                &to_i64(mutation.seq)?,
                &mutation.payload_hash,
                &serde_json::to_value(&answer)?,
            ],
        )
        .await?;
        if first_ledger_row {
            failpoint::reach(Failpoint::AfterLedgerInsert);
            first_ledger_row = false;
        }
        last = mutation.seq;
        results.push(answer);
    }
    exec(
        &tx,
        "UPDATE device_epoch SET last_applied_seq = $3 WHERE device_id = $1 AND epoch = $2",
        &[&device.id, &epoch, &to_i64(last)?],
    )
    .await?;
    tx.commit().await?;
    Ok(results)
}

/// The office the mutation comes from, and its bucket.
struct Office {
    id: i64,
    bucket: String,
}

/// The entity rules: what the mutation does, or why it is refused.
async fn decide(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
) -> Result<MutationResult, StoreError> {
    match &mutation.body {
        MutationBody::Request(image) => put_request(tx, office, mutation, image).await,
        MutationBody::Claim {
            claim_id,
            volunteer_id,
            request_id,
            date,
        } => {
            claim(
                tx,
                office,
                mutation,
                NewClaim {
                    id: *claim_id,
                    volunteer_id: *volunteer_id,
                    request_id: *request_id,
                    date: *date,
                },
            )
            .await
        }
        MutationBody::ClaimConfirm { claim_id } => {
            transition(tx, office, mutation, *claim_id, decisions::confirm).await
        }
        MutationBody::ClaimRelease { claim_id } => {
            transition(tx, office, mutation, *claim_id, decisions::release).await
        }
        MutationBody::Outcome {
            outcome_id,
            claim_id,
            kind,
            occurred_on,
        } => {
            outcome(
                tx,
                office,
                mutation,
                *outcome_id,
                *claim_id,
                *kind,
                *occurred_on,
            )
            .await
        }
        MutationBody::Sealed(sealed) => put_sealed(tx, office, mutation, sealed).await,
    }
}

/// Stores a sealed record of the office's and forwards it to the office's other desks.
async fn put_sealed(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    sealed: &SealedImage,
) -> Result<MutationResult, StoreError> {
    let office_key: Option<String> =
        row_one(tx, "SELECT key_id FROM office WHERE id = $1", &[&office.id])
            .await?
            .get(0);
    if let Some(reason) = decisions::sealed_refusal(office_key.as_deref(), sealed) {
        return Ok(rejected(mutation, reason));
    }
    let existing = row_opt(
        tx,
        "SELECT office_id, version FROM office_record WHERE id = $1 FOR UPDATE",
        &[&sealed.id],
    )
    .await?
    .map(|row| (row.get::<_, i64>(0), row.get::<_, i64>(1)));
    if existing.is_some_and(|(owner, _)| owner != office.id) {
        return Ok(rejected(mutation, RejectReason::NotYourRecord));
    }
    let version = match existing {
        Some((_, v)) => {
            let version = to_u64(v)? + 1;
            exec(
                tx,
                "UPDATE office_record SET key_id = $2, blob = $3, version = $4 WHERE id = $1",
                &[&sealed.id, &sealed.key_id, &sealed.blob, &to_i64(version)?],
            )
            .await?;
            version
        }
        None => {
            // Not ON CONFLICT, as for requests: a concurrent insert makes this transaction run
            // again and find the row.
            exec(
                tx,
                "INSERT INTO office_record (id, office_id, key_id, blob, version)
                 VALUES ($1, $2, $3, $4, 1)",
                &[&sealed.id, &office.id, &sealed.key_id, &sealed.blob],
            )
            .await?;
            1
        }
    };
    append(
        tx,
        vec![PendingChange {
            bucket: office.bucket.clone(),
            entity_id: sealed.id,
            version,
            op: ChangeOp::Put {
                record: Record::Sealed(sealed.clone()),
            },
            origin: Some(mutation.mutation_id),
        }],
    )
    .await?;
    Ok(applied(mutation))
}

async fn put_request(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    image: &RequestImage,
) -> Result<MutationResult, StoreError> {
    let existing = row_opt(
        tx,
        "SELECT office_id, version, image->>'revision' FROM help_request WHERE id = $1 FOR UPDATE",
        &[&image.id],
    )
    .await?
    .map(|row| {
        (
            row.get::<_, i64>(0),
            row.get::<_, i64>(1),
            row.get::<_, Option<String>>(2),
        )
    });
    if existing
        .as_ref()
        .is_some_and(|(owner, ..)| *owner != office.id)
    {
        return Ok(rejected(mutation, RejectReason::NotYourRecord));
    }
    if !rules::request_is_valid(image) {
        return Ok(rejected(mutation, RejectReason::Invalid));
    }
    let held = existing
        .as_ref()
        .and_then(|(.., revision)| revision.as_deref());
    if decisions::request_is_stale(held, image.revision.as_deref()) {
        return Ok(applied(mutation));
    }
    let data = serde_json::to_value(image)?;
    let version = match existing {
        Some((_, v, _)) => {
            let version = to_u64(v)? + 1;
            exec(
                tx,
                "UPDATE help_request SET image = $2, version = $3 WHERE id = $1",
                &[&image.id, &data, &to_i64(version)?],
            )
            .await?;
            version
        }
        None => {
            // Not ON CONFLICT: a request another office inserts at this moment must make this
            // transaction run again and find it, not be overwritten.
            exec(
                tx,
                "INSERT INTO help_request (id, office_id, image, version) VALUES ($1, $2, $3, 1)",
                &[&image.id, &office.id, &data],
            )
            .await?;
            1
        }
    };
    append(
        tx,
        vec![PendingChange {
            bucket: office.bucket.clone(),
            entity_id: image.id,
            version,
            op: ChangeOp::Put {
                record: Record::Request(image.clone()),
            },
            origin: Some(mutation.mutation_id),
        }],
    )
    .await?;
    Ok(applied(mutation))
}

struct NewClaim {
    id: Uuid,
    volunteer_id: Uuid,
    request_id: Uuid,
    date: NaiveDate,
}

/// A claim row as stored.
struct ClaimRow {
    office_id: i64,
    image: ClaimImage,
    version: u64,
}

async fn load_claim(tx: &Tx<'_>, id: Uuid) -> Result<Option<ClaimRow>, StoreError> {
    let Some(row) = row_opt(
        tx,
        "SELECT office_id, volunteer_id, request_id, date, status, holder, version
         FROM claim WHERE id = $1",
        &[&id],
    )
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(ClaimRow {
        office_id: row.get(0),
        image: ClaimImage {
            id,
            volunteer_id: row.get(1),
            request_id: row.get(2),
            date: row.get(3),
            status: parse_status(row.get(4))?,
            holder: row.get(5),
        },
        version: to_u64(row.get(6))?,
    }))
}

/// Publishes a claim's image to its office's bucket.
async fn publish_claim(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    image: &ClaimImage,
    version: u64,
) -> Result<(), StoreError> {
    append(
        tx,
        vec![PendingChange {
            bucket: office.bucket.clone(),
            entity_id: image.id,
            version,
            op: ChangeOp::Put {
                record: Record::Claim(image.clone()),
            },
            origin: Some(mutation.mutation_id),
        }],
    )
    .await
}

/// Decides a claim against every other claim on the volunteer's day. The volunteer's row is
/// locked (`FOR UPDATE`) before the day is counted and stays locked until commit: a claim of
/// another process for the same volunteer waits, then counts this one (READ COMMITTED takes a
/// fresh snapshot per statement), so the count cannot change under the decision.
async fn claim(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    new: NewClaim,
) -> Result<MutationResult, StoreError> {
    if let Some(existing) = load_claim(tx, new.id).await? {
        // A claim id names one claim; a second Claim with it is a desk bug, not a retry (a retry
        // has the same mutation id and never gets here).
        let reason = if existing.office_id == office.id {
            RejectReason::Invalid
        } else {
            RejectReason::NotYourRecord
        };
        return Ok(rejected(mutation, reason));
    }
    let volunteer = row_opt(
        tx,
        "SELECT data, status FROM volunteer WHERE id = $1 FOR UPDATE",
        &[&new.volunteer_id],
    )
    .await?;
    let capacity = match volunteer {
        Some(row) if row.get::<_, &str>(1) == "active" => {
            serde_json::from_value::<VolunteerImage>(row.get(0))?.capacity_per_day
        }
        _ => return Ok(rejected(mutation, RejectReason::UnknownVolunteer)),
    };
    let owner: Option<i64> = row_opt(
        tx,
        "SELECT office_id FROM help_request WHERE id = $1",
        &[&new.request_id],
    )
    .await?
    .map(|row| row.get(0));
    match owner {
        None => return Ok(rejected(mutation, RejectReason::UnknownRecord)),
        Some(owner) if owner != office.id => {
            return Ok(rejected(mutation, RejectReason::NotYourRecord));
        }
        Some(_) => {}
    }
    let taken: i64 = row_one(
        tx,
        &format!(
            "SELECT count(*) FROM claim
             WHERE volunteer_id = $1 AND date = $2 AND status IN {ACTIVE_STATUSES}"
        ),
        &[&new.volunteer_id, &new.date],
    )
    .await?
    .get(0);
    let (status, holder) = if to_u64(taken)? >= u64::from(capacity) {
        let holder: Option<String> = row_opt(
            tx,
            &format!(
                "SELECT o.name FROM claim c JOIN office o ON o.id = c.office_id
                 WHERE c.volunteer_id = $1 AND c.date = $2 AND c.status IN {ACTIVE_STATUSES}
                 ORDER BY c.created_at, c.id LIMIT 1"
            ),
            &[&new.volunteer_id, &new.date],
        )
        .await?
        .map(|row| row.get(0));
        (ClaimStatus::Lost, holder)
    } else {
        (ClaimStatus::Held, None)
    };
    exec(
        tx,
        "INSERT INTO claim
           (id, office_id, volunteer_id, request_id, date, status, holder, version, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, clock_timestamp())",
        &[
            &new.id,
            &office.id,
            &new.volunteer_id,
            &new.request_id,
            &new.date,
            &status_name(status),
            &holder,
        ],
    )
    .await?;
    let image = ClaimImage {
        id: new.id,
        volunteer_id: new.volunteer_id,
        request_id: new.request_id,
        date: new.date,
        status,
        holder: holder.clone(),
    };
    publish_claim(tx, office, mutation, &image, 1).await?;
    Ok(match status {
        ClaimStatus::Lost => MutationResult {
            holder,
            ..rejected(mutation, RejectReason::ClaimLost)
        },
        _ => applied(mutation),
    })
}

/// The office's own claim, or the rejection saying why not.
async fn own_claim(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    claim_id: Uuid,
) -> Result<Result<ClaimRow, MutationResult>, StoreError> {
    Ok(match load_claim(tx, claim_id).await? {
        None => Err(rejected(mutation, RejectReason::UnknownRecord)),
        Some(row) if row.office_id != office.id => {
            Err(rejected(mutation, RejectReason::NotYourRecord))
        }
        Some(row) => Ok(row),
    })
}

async fn set_claim_status(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    mut row: ClaimRow,
    status: ClaimStatus,
) -> Result<(), StoreError> {
    let version = row.version + 1;
    exec(
        tx,
        "UPDATE claim SET status = $2, version = $3 WHERE id = $1",
        &[&row.image.id, &status_name(status), &to_i64(version)?],
    )
    .await?;
    row.image.status = status;
    publish_claim(tx, office, mutation, &row.image, version).await
}

async fn transition(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    claim_id: Uuid,
    rule: fn(ClaimStatus) -> Move,
) -> Result<MutationResult, StoreError> {
    let row = match own_claim(tx, office, mutation, claim_id).await? {
        Ok(row) => row,
        Err(refusal) => return Ok(refusal),
    };
    match rule(row.image.status) {
        Move::To(status) => {
            set_claim_status(tx, office, mutation, row, status).await?;
            Ok(applied(mutation))
        }
        Move::Stay => Ok(applied(mutation)),
        Move::Refuse => Ok(rejected(mutation, RejectReason::InvalidTransition)),
    }
}

async fn outcome(
    tx: &Tx<'_>,
    office: &Office,
    mutation: &Mutation,
    outcome_id: Uuid,
    claim_id: Uuid,
    kind: OutcomeKind,
    occurred_on: NaiveDate,
) -> Result<MutationResult, StoreError> {
    let row = match own_claim(tx, office, mutation, claim_id).await? {
        Ok(row) => row,
        Err(refusal) => return Ok(refusal),
    };
    if !decisions::takes_an_outcome(row.image.status) {
        return Ok(rejected(mutation, RejectReason::InvalidTransition));
    }
    if row_opt(tx, "SELECT 1 FROM outcome WHERE id = $1", &[&outcome_id])
        .await?
        .is_some()
    {
        // Another mutation already recorded this outcome id: a desk bug, refused.
        return Ok(rejected(mutation, RejectReason::Invalid));
    }
    let (kind_name, status) = decisions::outcome_effect(kind);
    if let Some(row) = row_opt(
        tx,
        "SELECT kind FROM outcome WHERE claim_id = $1",
        &[&claim_id],
    )
    .await?
    {
        let reported: String = row.get(0);
        return Ok(decisions::second_outcome(mutation, &reported, kind_name));
    }
    exec(
        tx,
        "INSERT INTO outcome (id, claim_id, office_id, kind, occurred_on, recorded_at)
         VALUES ($1, $2, $3, $4, $5, now())",
        &[&outcome_id, &claim_id, &office.id, &kind_name, &occurred_on],
    )
    .await?;
    set_claim_status(tx, office, mutation, row, status).await?;
    Ok(applied(mutation))
}
