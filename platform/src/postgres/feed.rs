//! The change feed on PostgreSQL: appending changes with per-bucket sequences, reading pages of
//! it, and the volunteer writes that publish to it.

use deadpool_postgres::Object;
use solidesk_protocol::{Change, ChangeOp, Cursors, OfficeInfo, PullRequest, PullResponse};
use tokio_postgres::{GenericClient, IsolationLevel};
use uuid::Uuid;

use super::{Tx, exec, row_one, row_opt, to_i64, to_u64};
use crate::decisions::{self, PendingChange};
use crate::{Device, StoreError, office_buckets};

/// Creates the bucket's counter row if needed and locks it until the transaction ends.
pub(super) async fn lock_bucket(tx: &Tx<'_>, bucket: &str) -> Result<(), StoreError> {
    exec(
        tx,
        "INSERT INTO bucket (name, next_seq) VALUES ($1, 1) ON CONFLICT (name) DO NOTHING",
        &[&bucket],
    )
    .await?;
    exec(
        tx,
        "SELECT 1 FROM bucket WHERE name = $1 FOR UPDATE",
        &[&bucket],
    )
    .await?;
    Ok(())
}

/// Appends `changes`, taking each bucket's next sequence inside the caller's transaction with
/// `UPDATE ... RETURNING`: the counter row stays locked until commit, so the next writer of the
/// bucket waits for this commit before it gets its number. Sequence order is therefore commit
/// order, and a reader's snapshot that holds seq n+1 holds n (a rolled-back writer gives its
/// number back with its update). Buckets are taken in name order, the one lock order every
/// transaction uses; the order of changes within one bucket is kept.
pub(super) async fn append(tx: &Tx<'_>, mut changes: Vec<PendingChange>) -> Result<(), StoreError> {
    changes.sort_by(|a, b| a.bucket.cmp(&b.bucket));
    for change in changes {
        exec(
            tx,
            "INSERT INTO bucket (name, next_seq) VALUES ($1, 1) ON CONFLICT (name) DO NOTHING",
            &[&change.bucket],
        )
        .await?;
        let seq: i64 = row_one(
            tx,
            "UPDATE bucket SET next_seq = next_seq + 1 WHERE name = $1 RETURNING next_seq - 1",
            &[&change.bucket],
        )
        .await?
        .get(0);
        let (op, entity, record) = change.columns();
        let data = record.map(serde_json::to_value).transpose()?;
        exec(
            tx,
            "INSERT INTO change_log
               (bucket, seq, entity, entity_id, version, op, data, origin_mutation, committed_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())",
            &[
                &change.bucket,
                &seq,
                &entity,
                &change.entity_id,
                &to_i64(change.version)?,
                &op,
                &data,
                &change.origin,
            ],
        )
        .await?;
    }
    Ok(())
}

/// The head of every bucket an office may read (0 for a bucket without changes).
pub(super) async fn heads(
    conn: &impl GenericClient,
    office: &OfficeInfo,
) -> Result<Cursors, StoreError> {
    let buckets = office_buckets(office);
    let rows = conn
        .query(
            "SELECT name, next_seq FROM bucket WHERE name = ANY($1)",
            &[&buckets],
        )
        .await?;
    buckets
        .into_iter()
        .map(|bucket| {
            let next = rows
                .iter()
                .find(|row| row.get::<_, &str>(0) == bucket)
                .map_or(1, |row| row.get::<_, i64>(1));
            Ok((bucket, to_u64(next - 1)?))
        })
        .collect()
}

/// One page of the feed, in (bucket, seq) order.
pub(super) async fn pull(
    mut client: Object,
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
    // One snapshot: the page and its cursors agree across buckets.
    let tx = client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .await?;
    let statement = tx
        .prepare_cached(
            "SELECT c.seq, c.entity, c.entity_id, c.version, c.op, c.data, c.origin_mutation,
                    coalesce(a.device_id = $4 AND a.epoch = $5, false)
             FROM change_log c LEFT JOIN applied_mutation a ON a.mutation_id = c.origin_mutation
             WHERE c.bucket = $1 AND c.seq > $2 ORDER BY c.seq LIMIT $3",
        )
        .await?;
    let mut changes = Vec::new();
    let mut cursors = Cursors::new();
    let mut has_more = false;
    for bucket in &allowed {
        let after = request.cursors.get(bucket).copied().unwrap_or(0);
        let room = limit - changes.len();
        // One row more than there is room for tells whether the bucket has more.
        let rows = tx
            .query(
                &statement,
                &[
                    bucket,
                    &i64::try_from(after).unwrap_or(i64::MAX),
                    &to_i64(room as u64 + 1)?,
                    &device.id,
                    &request.epoch,
                ],
            )
            .await?;
        let mut cursor = after;
        for (i, row) in rows.into_iter().enumerate() {
            if i == room {
                has_more = true;
                break;
            }
            let seq = to_u64(row.get(0))?;
            if row.get::<_, bool>(7) {
                // The desk's own echo (same device, same epoch): it has the record.
                cursor = seq;
                continue;
            }
            let op = match (
                row.get::<_, &str>(4),
                row.get::<_, Option<serde_json::Value>>(5),
            ) {
                ("put", Some(data)) => ChangeOp::Put {
                    record: serde_json::from_value(data)?,
                },
                ("remove", _) => ChangeOp::Remove { entity: row.get(1) },
                _ => {
                    return Err(StoreError::corrupt(format!(
                        "change {bucket}/{seq} has no readable operation"
                    )));
                }
            };
            cursor = seq;
            changes.push(Change {
                bucket: bucket.clone(),
                seq,
                entity_id: row.get(2),
                version: to_u64(row.get(3))?,
                origin_mutation: row.get(6),
                op,
            });
        }
        cursors.insert(bucket.clone(), cursor);
    }
    tx.commit().await?;
    Ok(PullResponse {
        changes,
        cursors,
        has_more,
        removed_buckets,
    })
}

/// Registers or updates volunteers (already checked) in one transaction, all or none; their
/// versions in order.
pub(super) async fn upsert_volunteers(
    mut client: Object,
    images: &[solidesk_protocol::VolunteerImage],
) -> Result<Vec<u64>, StoreError> {
    let tx = client.transaction().await?;
    lock_volunteers(&tx, images.iter().map(|image| image.id).collect()).await?;
    let mut versions = Vec::with_capacity(images.len());
    let mut changes = Vec::new();
    for image in images {
        let version = upsert_volunteer_in(&tx, image, &mut changes).await?;
        versions.push(version);
    }
    // All at once: the postal-code buckets are locked in name order, whatever the import's.
    append(&tx, changes).await?;
    tx.commit().await?;
    Ok(versions)
}

/// The volunteer left the platform: kept, but removed from every bucket.
pub(super) async fn remove_volunteer(mut client: Object, id: Uuid) -> Result<(), StoreError> {
    let tx = client.transaction().await?;
    let data: serde_json::Value = row_opt(
        &tx,
        "SELECT data FROM volunteer WHERE id = $1 FOR UPDATE",
        &[&id],
    )
    .await?
    .ok_or_else(|| StoreError::NotFound {
        entity: "volunteer",
        id: id.to_string(),
    })?
    .get(0);
    let mut image: solidesk_protocol::VolunteerImage = serde_json::from_value(data)?;
    image.status = "left".into();
    let mut changes = Vec::new();
    upsert_volunteer_in(&tx, &image, &mut changes).await?;
    append(&tx, changes).await?;
    tx.commit().await?;
    Ok(())
}

/// Locks the stored volunteers among `ids`, in id order (the order a push locks them in).
async fn lock_volunteers(tx: &Tx<'_>, mut ids: Vec<Uuid>) -> Result<(), StoreError> {
    ids.sort();
    ids.dedup();
    exec(
        tx,
        "SELECT id FROM volunteer WHERE id = ANY($1) ORDER BY id FOR UPDATE",
        &[&ids],
    )
    .await?;
    Ok(())
}

/// Stores one volunteer and adds what it publishes to `changes`. Returns its new version.
async fn upsert_volunteer_in(
    tx: &Tx<'_>,
    image: &solidesk_protocol::VolunteerImage,
    changes: &mut Vec<PendingChange>,
) -> Result<u64, StoreError> {
    let old = row_opt(
        tx,
        "SELECT postal_code, version, status FROM volunteer WHERE id = $1 FOR UPDATE",
        &[&image.id],
    )
    .await?
    .map(|row| {
        (
            row.get::<_, String>(0),
            row.get::<_, i64>(1),
            row.get::<_, String>(2),
        )
    });
    let data = serde_json::to_value(image)?;
    let version = match &old {
        Some((_, v, _)) => {
            let version = to_u64(*v)? + 1;
            exec(
                tx,
                "UPDATE volunteer SET postal_code = $2, data = $3, version = $4, status = $5
                 WHERE id = $1",
                &[
                    &image.id,
                    &image.postal_code,
                    &data,
                    &to_i64(version)?,
                    &image.status,
                ],
            )
            .await?;
            version
        }
        None => {
            // Not ON CONFLICT: the same new volunteer stored by another process at this moment
            // makes this transaction run again and count a version on top of it.
            exec(
                tx,
                "INSERT INTO volunteer (id, postal_code, data, version, status)
                 VALUES ($1, $2, $3, 1, $4)",
                &[&image.id, &image.postal_code, &data, &image.status],
            )
            .await?;
            1
        }
    };
    let old = old.map(|(code, _, status)| (code, status));
    changes.extend(decisions::volunteer_changes(image, old, version));
    Ok(version)
}
