//! The change feed: appending changes with per-bucket sequences, reading pages of it, and the
//! volunteer writes that publish to it.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use solidesk_protocol::{
    Change, ChangeOp, Cursors, OfficeInfo, PullRequest, PullResponse, VolunteerImage,
};

use super::{now, parse_uuid, to_i64, to_u64};
use crate::decisions::{self, PendingChange};
use crate::{Device, StoreError, office_buckets};

/// Appends `changes`, taking each bucket's next sequence inside the caller's transaction: the
/// counter row stays locked until commit, so sequence order is commit order and a reader can
/// never see seq n+1 before n exists. Buckets are taken in name order (the lock order PostgreSQL
/// needs to avoid deadlocks); the order of changes within one bucket is kept.
pub(super) fn append(conn: &Connection, mut changes: Vec<PendingChange>) -> Result<(), StoreError> {
    changes.sort_by(|a, b| a.bucket.cmp(&b.bucket));
    let committed_at = now();
    for change in changes {
        conn.execute(
            "INSERT INTO bucket (name, next_seq) VALUES (?1, 1) ON CONFLICT (name) DO NOTHING",
            [&change.bucket],
        )?;
        let seq: i64 = conn.query_row(
            "UPDATE bucket SET next_seq = next_seq + 1 WHERE name = ?1 RETURNING next_seq - 1",
            [&change.bucket],
            |r| r.get(0),
        )?;
        let (op, entity, record) = change.columns();
        let data = record.map(serde_json::to_string).transpose()?;
        conn.execute(
            "INSERT INTO change_log
               (bucket, seq, entity, entity_id, version, op, data, origin_mutation, committed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                change.bucket,
                seq,
                entity,
                change.entity_id.to_string(),
                to_i64(change.version)?,
                op,
                data,
                change.origin.map(|id| id.to_string()),
                committed_at,
            ],
        )?;
    }
    Ok(())
}

/// The last sequence of a bucket (0 when it has none).
fn head(conn: &Connection, bucket: &str) -> Result<u64, StoreError> {
    let next: Option<i64> = conn
        .query_row(
            "SELECT next_seq FROM bucket WHERE name = ?1",
            [bucket],
            |r| r.get(0),
        )
        .optional()?;
    to_u64(next.unwrap_or(1) - 1)
}

/// The head of every bucket an office may read.
pub(super) fn heads(conn: &Connection, office: &OfficeInfo) -> Result<Cursors, StoreError> {
    office_buckets(office)
        .into_iter()
        .map(|bucket| Ok((bucket.clone(), head(conn, &bucket)?)))
        .collect()
}

/// One page of the feed, in (bucket, seq) order.
pub(super) fn pull(
    conn: &mut Connection,
    device: &Device,
    request: &PullRequest,
) -> Result<PullResponse, StoreError> {
    let allowed = office_buckets(&device.office);
    let removed_buckets = request
        .cursors
        .keys()
        .filter(|name| !allowed.contains(name))
        .cloned()
        .collect();
    let limit = decisions::pull_limit(request.limit);
    // One transaction: the page and its cursors come from one snapshot.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut changes = Vec::new();
    let mut cursors = Cursors::new();
    let mut has_more = false;
    {
        let mut stmt = tx.prepare_cached(
            "SELECT c.seq, c.entity, c.entity_id, c.version, c.op, c.data, c.origin_mutation,
                    coalesce(a.device_id = ?4 AND a.epoch = ?5, 0)
             FROM change_log c LEFT JOIN applied_mutation a ON a.mutation_id = c.origin_mutation
             WHERE c.bucket = ?1 AND c.seq > ?2 ORDER BY c.seq LIMIT ?3",
        )?;
        let device_id = device.id.to_string();
        let epoch = request.epoch.map(|e| e.to_string());
        for bucket in &allowed {
            let after = request.cursors.get(bucket).copied().unwrap_or(0);
            let room = limit - changes.len();
            // One row more than there is room for tells whether the bucket has more.
            let rows = stmt
                .query_map(
                    params![
                        bucket,
                        i64::try_from(after).unwrap_or(i64::MAX),
                        to_i64(room as u64 + 1)?,
                        device_id,
                        epoch
                    ],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, Option<String>>(5)?,
                            r.get::<_, Option<String>>(6)?,
                            r.get::<_, bool>(7)?,
                        ))
                    },
                )?
                .collect::<Result<Vec<_>, _>>()?;
            let mut cursor = after;
            for (i, (seq, entity, entity_id, version, op, data, origin, own)) in
                rows.into_iter().enumerate()
            {
                if i == room {
                    has_more = true;
                    break;
                }
                if own {
                    // The desk's own echo (same device, same epoch): it has the record.
                    cursor = to_u64(seq)?;
                    continue;
                }
                let op = match (op.as_str(), data) {
                    ("put", Some(data)) => ChangeOp::Put {
                        record: serde_json::from_str(&data)?,
                    },
                    ("remove", _) => ChangeOp::Remove { entity },
                    _ => {
                        return Err(StoreError::corrupt(format!(
                            "change {bucket}/{seq} has no readable operation"
                        )));
                    }
                };
                let seq = to_u64(seq)?;
                cursor = seq;
                changes.push(Change {
                    bucket: bucket.clone(),
                    seq,
                    entity_id: parse_uuid(&entity_id)?,
                    version: to_u64(version)?,
                    origin_mutation: origin.as_deref().map(parse_uuid).transpose()?,
                    op,
                });
            }
            cursors.insert(bucket.clone(), cursor);
        }
    }
    tx.execute(
        "UPDATE device SET last_pull_at = ?2, last_seen_at = ?2 WHERE id = ?1",
        params![device.id.to_string(), now()],
    )?;
    tx.commit()?;
    Ok(PullResponse {
        changes,
        cursors,
        has_more,
        removed_buckets,
    })
}

/// Registers or updates a volunteer and publishes it: a Put in its postal code's bucket, a Remove
/// in the old bucket when it moved, a Remove alone when it left.
pub(super) fn upsert_volunteer(
    conn: &mut Connection,
    image: &VolunteerImage,
) -> Result<u64, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = upsert_volunteer_in(&tx, image)?;
    tx.commit()?;
    Ok(version)
}

/// Many volunteers in one transaction: all stored, or none (an import that fails on entry 900
/// leaves the platform as it was).
pub(super) fn upsert_volunteers(
    conn: &mut Connection,
    images: &[VolunteerImage],
) -> Result<usize, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (i, image) in images.iter().enumerate() {
        upsert_volunteer_in(&tx, image).map_err(|e| decisions::import_entry(e, i, image))?;
    }
    tx.commit()?;
    Ok(images.len())
}

fn upsert_volunteer_in(
    tx: &rusqlite::Transaction<'_>,
    image: &VolunteerImage,
) -> Result<u64, StoreError> {
    decisions::check_volunteer(image)?;
    let id = image.id.to_string();
    let old: Option<(String, i64, String)> = tx
        .query_row(
            "SELECT postal_code, version, status FROM volunteer WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let version = match &old {
        Some((_, v, _)) => to_u64(*v)? + 1,
        None => 1,
    };
    tx.execute(
        "INSERT INTO volunteer (id, postal_code, data, version, status)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET postal_code = excluded.postal_code,
           data = excluded.data, version = excluded.version, status = excluded.status",
        params![
            id,
            image.postal_code,
            serde_json::to_string(image)?,
            to_i64(version)?,
            image.status
        ],
    )?;
    let old = old.map(|(code, _, status)| (code, status));
    append(tx, decisions::volunteer_changes(image, old, version))?;
    Ok(version)
}
