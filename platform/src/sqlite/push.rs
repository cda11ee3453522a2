//! Applying a push group: the idempotency ledger, the device's sequence, the privacy guard and
//! the entity rules, all in one transaction.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use solidesk_protocol::{
    Bucket, ChangeOp, ClaimImage, ClaimStatus, Mutation, MutationBody, MutationResult, OutcomeKind,
    Record, RejectReason, RequestImage, SealedImage, VolunteerImage,
};
use uuid::Uuid;

use super::feed::append;
use super::{now, parse_uuid, to_i64, to_u64};
use crate::decisions::{
    self, ACTIVE_STATUSES, Move, PendingChange, applied, parse_status, rejected, replayed,
    status_name,
};
use crate::failpoint::{self, Failpoint};
use crate::{Device, StoreError, personal_data, rules};

/// Applies one local transaction's mutations, all or nothing (see [`crate::Store::push_group`]).
pub(super) fn push_group(
    conn: &mut Connection,
    device: &Device,
    epoch: Uuid,
    group: &[Mutation],
) -> Result<Vec<MutationResult>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let device_id = device.id.to_string();
    let epoch_text = epoch.to_string();
    let applied_at = now();
    tx.execute(
        "INSERT INTO device_epoch (device_id, epoch, last_applied_seq, created_at)
         VALUES (?1, ?2, 0, ?3) ON CONFLICT (device_id, epoch) DO NOTHING",
        params![device_id, epoch_text, applied_at],
    )?;
    let mut last = to_u64(tx.query_row(
        "SELECT last_applied_seq FROM device_epoch WHERE device_id = ?1 AND epoch = ?2",
        params![device_id, epoch_text],
        |r| r.get(0),
    )?)?;
    let mut results = Vec::with_capacity(group.len());
    let mut first_ledger_row = true;
    for mutation in group {
        // Ledger first: a mutation decided before gets the same answer, whatever its seq.
        let known: Option<(String, String)> = tx
            .query_row(
                "SELECT payload_hash, result FROM applied_mutation WHERE mutation_id = ?1",
                [mutation.mutation_id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((hash, stored)) = known {
            let answer = replayed(mutation, &hash, serde_json::from_str(&stored)?);
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
            decide(&tx, device, mutation)?
        };
        tx.execute(
            "INSERT INTO applied_mutation
               (mutation_id, device_id, epoch, seq, payload_hash, result, applied_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                mutation.mutation_id.to_string(),
                device_id,
                epoch_text,
                to_i64(mutation.seq)?,
                mutation.payload_hash,
                serde_json::to_string(&answer)?,
                applied_at,
            ],
        )?;
        if first_ledger_row {
            failpoint::reach(Failpoint::AfterLedgerInsert);
            first_ledger_row = false;
        }
        last = mutation.seq;
        results.push(answer);
    }
    tx.execute(
        "UPDATE device_epoch SET last_applied_seq = ?3 WHERE device_id = ?1 AND epoch = ?2",
        params![device_id, epoch_text, to_i64(last)?],
    )?;
    tx.commit()?;
    Ok(results)
}

/// The entity rules: what the mutation does, or why it is refused.
fn decide(
    conn: &Connection,
    device: &Device,
    mutation: &Mutation,
) -> Result<MutationResult, StoreError> {
    let office = Office {
        id: device.office.id,
        bucket: Bucket::Office(device.office.id).name(),
    };
    match &mutation.body {
        MutationBody::Request(image) => put_request(conn, &office, mutation, image),
        MutationBody::Claim {
            claim_id,
            volunteer_id,
            request_id,
            date,
        } => claim(
            conn,
            &office,
            mutation,
            NewClaim {
                id: *claim_id,
                volunteer_id: *volunteer_id,
                request_id: *request_id,
                date: *date,
            },
        ),
        MutationBody::ClaimConfirm { claim_id } => {
            transition(conn, &office, mutation, *claim_id, decisions::confirm)
        }
        MutationBody::ClaimRelease { claim_id } => {
            transition(conn, &office, mutation, *claim_id, decisions::release)
        }
        MutationBody::Outcome {
            outcome_id,
            claim_id,
            kind,
            occurred_on,
        } => outcome(
            conn,
            &office,
            mutation,
            *outcome_id,
            *claim_id,
            *kind,
            *occurred_on,
        ),
        MutationBody::Sealed(sealed) => put_sealed(conn, &office, mutation, sealed),
    }
}

/// The version an office's record (a request, a sealed record) gets when written now; `None`
/// when another office owns it.
fn next_version(
    conn: &Connection,
    table: &str,
    id: Uuid,
    office: &Office,
) -> Result<Option<u64>, StoreError> {
    let existing: Option<(i64, i64)> = conn
        .prepare_cached(&format!(
            "SELECT office_id, version FROM {table} WHERE id = ?1"
        ))?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match existing {
        Some((owner, _)) if owner != office.id => Ok(None),
        Some((_, v)) => Ok(Some(to_u64(v)? + 1)),
        None => Ok(Some(1)),
    }
}

/// Stores a sealed record of the office's and forwards it to the office's other desks.
fn put_sealed(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    sealed: &SealedImage,
) -> Result<MutationResult, StoreError> {
    let office_key: Option<String> = conn.query_row(
        "SELECT key_id FROM office WHERE id = ?1",
        [office.id],
        |r| r.get(0),
    )?;
    if let Some(reason) = decisions::sealed_refusal(office_key.as_deref(), sealed) {
        return Ok(rejected(mutation, reason));
    }
    let Some(version) = next_version(conn, "office_record", sealed.id, office)? else {
        return Ok(rejected(mutation, RejectReason::NotYourRecord));
    };
    conn.execute(
        "INSERT INTO office_record (id, office_id, key_id, blob, version) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id, blob = excluded.blob,
             version = excluded.version",
        params![
            sealed.id.to_string(),
            office.id,
            sealed.key_id,
            sealed.blob,
            to_i64(version)?
        ],
    )?;
    append(
        conn,
        vec![PendingChange {
            bucket: office.bucket.clone(),
            entity_id: sealed.id,
            version,
            op: ChangeOp::Put {
                record: Record::Sealed(sealed.clone()),
            },
            origin: Some(mutation.mutation_id),
        }],
    )?;
    Ok(applied(mutation))
}

/// The office the mutation comes from, and its bucket.
struct Office {
    id: i64,
    bucket: String,
}

fn put_request(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    image: &RequestImage,
) -> Result<MutationResult, StoreError> {
    let Some(version) = next_version(conn, "help_request", image.id, office)? else {
        return Ok(rejected(mutation, RejectReason::NotYourRecord));
    };
    if !rules::request_is_valid(image) {
        return Ok(rejected(mutation, RejectReason::Invalid));
    }
    let held: Option<String> = conn
        .query_row(
            "SELECT json_extract(image, '$.revision') FROM help_request WHERE id = ?1",
            [image.id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if decisions::request_is_stale(held.as_deref(), image.revision.as_deref()) {
        return Ok(applied(mutation));
    }
    conn.execute(
        "INSERT INTO help_request (id, office_id, image, version) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET image = excluded.image, version = excluded.version",
        params![
            image.id.to_string(),
            office.id,
            serde_json::to_string(image)?,
            to_i64(version)?
        ],
    )?;
    append(
        conn,
        vec![PendingChange {
            bucket: office.bucket.clone(),
            entity_id: image.id,
            version,
            op: ChangeOp::Put {
                record: Record::Request(image.clone()),
            },
            origin: Some(mutation.mutation_id),
        }],
    )?;
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

/// A claim's columns: office, volunteer, request, date, status, holder, version.
type ClaimColumns = (i64, String, String, String, String, Option<String>, i64);

fn load_claim(conn: &Connection, id: Uuid) -> Result<Option<ClaimRow>, StoreError> {
    let row: Option<ClaimColumns> = conn
        .query_row(
            "SELECT office_id, volunteer_id, request_id, date, status, holder, version
             FROM claim WHERE id = ?1",
            [id.to_string()],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            },
        )
        .optional()?;
    let Some((office_id, volunteer_id, request_id, date, status, holder, version)) = row else {
        return Ok(None);
    };
    Ok(Some(ClaimRow {
        office_id,
        image: ClaimImage {
            id,
            volunteer_id: parse_uuid(&volunteer_id)?,
            request_id: parse_uuid(&request_id)?,
            date: date
                .parse()
                .map_err(|_| StoreError::corrupt(format!("bad claim date {date:?}")))?,
            status: parse_status(&status)?,
            holder,
        },
        version: to_u64(version)?,
    }))
}

/// Publishes a claim's image to its office's bucket.
fn publish_claim(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    image: &ClaimImage,
    version: u64,
) -> Result<(), StoreError> {
    append(
        conn,
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
}

/// Decides a claim against every other claim on the volunteer's day. Runs inside the write
/// transaction: SQLite's single writer serialises it, so the count cannot change under it.
fn claim(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    new: NewClaim,
) -> Result<MutationResult, StoreError> {
    if let Some(existing) = load_claim(conn, new.id)? {
        // A claim id names one claim; a second Claim with it is a desk bug, not a retry (a retry
        // has the same mutation id and never gets here).
        let reason = if existing.office_id == office.id {
            RejectReason::Invalid
        } else {
            RejectReason::NotYourRecord
        };
        return Ok(rejected(mutation, reason));
    }
    let volunteer: Option<(String, String)> = conn
        .query_row(
            "SELECT data, status FROM volunteer WHERE id = ?1",
            [new.volunteer_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let capacity = match volunteer {
        Some((data, status)) if status == "active" => {
            serde_json::from_str::<VolunteerImage>(&data)?.capacity_per_day
        }
        _ => return Ok(rejected(mutation, RejectReason::UnknownVolunteer)),
    };
    let owner: Option<i64> = conn
        .query_row(
            "SELECT office_id FROM help_request WHERE id = ?1",
            [new.request_id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    match owner {
        None => return Ok(rejected(mutation, RejectReason::UnknownRecord)),
        Some(owner) if owner != office.id => {
            return Ok(rejected(mutation, RejectReason::NotYourRecord));
        }
        Some(_) => {}
    }
    let volunteer_id = new.volunteer_id.to_string();
    let date = new.date.to_string();
    let taken: i64 = conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM claim
             WHERE volunteer_id = ?1 AND date = ?2 AND status IN {ACTIVE_STATUSES}"
        ),
        params![volunteer_id, date],
        |r| r.get(0),
    )?;
    let (status, holder) = if to_u64(taken)? >= u64::from(capacity) {
        let holder: Option<String> = conn
            .query_row(
                &format!(
                    "SELECT o.name FROM claim c JOIN office o ON o.id = c.office_id
                     WHERE c.volunteer_id = ?1 AND c.date = ?2 AND c.status IN {ACTIVE_STATUSES}
                     ORDER BY c.created_at, c.id LIMIT 1"
                ),
                params![volunteer_id, date],
                |r| r.get(0),
            )
            .optional()?;
        (ClaimStatus::Lost, holder)
    } else {
        (ClaimStatus::Held, None)
    };
    conn.execute(
        "INSERT INTO claim
           (id, office_id, volunteer_id, request_id, date, status, holder, version, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8)",
        params![
            new.id.to_string(),
            office.id,
            volunteer_id,
            new.request_id.to_string(),
            date,
            status_name(status),
            holder,
            now(),
        ],
    )?;
    let image = ClaimImage {
        id: new.id,
        volunteer_id: new.volunteer_id,
        request_id: new.request_id,
        date: new.date,
        status,
        holder: holder.clone(),
    };
    publish_claim(conn, office, mutation, &image, 1)?;
    Ok(match status {
        ClaimStatus::Lost => MutationResult {
            holder,
            ..rejected(mutation, RejectReason::ClaimLost)
        },
        _ => applied(mutation),
    })
}

/// The office's own claim, or the rejection saying why not.
fn own_claim(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    claim_id: Uuid,
) -> Result<Result<ClaimRow, MutationResult>, StoreError> {
    Ok(match load_claim(conn, claim_id)? {
        None => Err(rejected(mutation, RejectReason::UnknownRecord)),
        Some(row) if row.office_id != office.id => {
            Err(rejected(mutation, RejectReason::NotYourRecord))
        }
        Some(row) => Ok(row),
    })
}

fn set_claim_status(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    mut row: ClaimRow,
    status: ClaimStatus,
) -> Result<(), StoreError> {
    let version = row.version + 1;
    conn.execute(
        "UPDATE claim SET status = ?2, version = ?3 WHERE id = ?1",
        params![
            row.image.id.to_string(),
            status_name(status),
            to_i64(version)?
        ],
    )?;
    row.image.status = status;
    publish_claim(conn, office, mutation, &row.image, version)
}

fn transition(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    claim_id: Uuid,
    rule: impl Fn(ClaimStatus) -> Move,
) -> Result<MutationResult, StoreError> {
    let row = match own_claim(conn, office, mutation, claim_id)? {
        Ok(row) => row,
        Err(refusal) => return Ok(refusal),
    };
    match rule(row.image.status) {
        Move::To(status) => {
            set_claim_status(conn, office, mutation, row, status)?;
            Ok(applied(mutation))
        }
        Move::Stay => Ok(applied(mutation)),
        Move::Refuse => Ok(rejected(mutation, RejectReason::InvalidTransition)),
    }
}

fn outcome(
    conn: &Connection,
    office: &Office,
    mutation: &Mutation,
    outcome_id: Uuid,
    claim_id: Uuid,
    kind: OutcomeKind,
    occurred_on: NaiveDate,
) -> Result<MutationResult, StoreError> {
    let row = match own_claim(conn, office, mutation, claim_id)? {
        Ok(row) => row,
        Err(refusal) => return Ok(refusal),
    };
    if !decisions::takes_an_outcome(row.image.status) {
        return Ok(rejected(mutation, RejectReason::InvalidTransition));
    }
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM outcome WHERE id = ?1",
            [outcome_id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_some() {
        // Another mutation already recorded this outcome id: a desk bug, refused.
        return Ok(rejected(mutation, RejectReason::Invalid));
    }
    let (kind_name, status) = decisions::outcome_effect(kind);
    let reported: Option<String> = conn
        .query_row(
            "SELECT kind FROM outcome WHERE claim_id = ?1",
            [claim_id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(reported) = reported {
        return Ok(decisions::second_outcome(mutation, &reported, kind_name));
    }
    conn.execute(
        "INSERT INTO outcome (id, claim_id, office_id, kind, occurred_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            outcome_id.to_string(),
            claim_id.to_string(),
            office.id,
            kind_name,
            occurred_on.to_string(),
            now()
        ],
    )?;
    set_claim_status(conn, office, mutation, row, status)?;
    Ok(applied(mutation))
}
