//! [`SqliteStore`]: the platform on one SQLite file.
//!
//! One connection behind a mutex does all the work, called from tokio's blocking pool. SQLite
//! has a single writer anyway; one connection makes that explicit and is what serialises claim
//! decisions (two offices can never both take a volunteer's last place). Writes use
//! `BEGIN IMMEDIATE` so a transaction holds the write lock from its first statement instead of
//! failing to upgrade halfway.

mod feed;
mod push;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use solidesk_protocol::{
    Cursors, Enrolment, Mutation, MutationResult, OfficeInfo, PullRequest, PullResponse,
    VolunteerImage,
};
use uuid::Uuid;

use crate::store::{DeviceOverview, OfficeOverview, Overview, Totals};
use crate::{Device, NewOffice, Store, StoreError, decisions, secret};

/// The schema version this build creates and reads (`PRAGMA user_version`).
const SCHEMA_VERSION: i64 = 2;

/// The steps from each version to the next, in order: `SCHEMA[v]` brings version `v` to `v + 1`.
const SCHEMA: [&str; 2] = [include_str!("schema.sql"), include_str!("schema-2.sql")];

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        StoreError::database(error)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> StoreError {
        StoreError::database(error)
    }
}

/// The platform's storage in one SQLite file (used as plain SQLite: no key).
#[derive(Clone)]
pub struct SqliteStore {
    conn: Arc<Mutex<Connection>>,
}

impl SqliteStore {
    /// Opens (creating when missing) the database at `path` and brings its schema to this
    /// build's version, one step at a time in one transaction.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a push answered `applied` survives a power cut, which the desk relies on when it
        // deletes the mutation from its outbox.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::corrupt(format!(
                "the database has schema version {version}, newer than this build's {SCHEMA_VERSION}"
            )));
        }
        for step in SCHEMA.iter().skip(usize::try_from(version).unwrap_or(0)) {
            tx.execute_batch(step)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        tx.commit()?;
        Ok(SqliteStore {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `work` on the connection in tokio's blocking pool.
    async fn run<T, F>(&self, work: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock rolled its transaction back on unwinding (rusqlite's
            // Transaction drops as a rollback), so the connection is still sound.
            let mut conn = conn.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut conn)
        })
        .await
        .map_err(StoreError::database)?
    }
}

/// Now, as stored: RFC 3339 UTC with milliseconds (sorts as text).
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn to_i64(n: u64) -> Result<i64, StoreError> {
    i64::try_from(n).map_err(|_| StoreError::corrupt(format!("{n} does not fit the database")))
}

fn to_u64(n: i64) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::corrupt(format!("negative counter {n}")))
}

fn parse_uuid(text: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(text).map_err(|_| StoreError::corrupt(format!("bad uuid {text:?}")))
}

fn parse_time(text: Option<String>) -> Option<DateTime<Utc>> {
    text.and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// An office with its postal codes.
fn load_office(conn: &Connection, id: i64) -> Result<OfficeInfo, StoreError> {
    let (name, key_id): (String, Option<String>) = conn
        .query_row("SELECT name, key_id FROM office WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            entity: "office",
            id: id.to_string(),
        })?;
    let mut stmt = conn
        .prepare_cached("SELECT code FROM office_postal_code WHERE office_id = ?1 ORDER BY code")?;
    let postal_codes = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(OfficeInfo {
        id,
        name,
        postal_codes,
        key_id,
    })
}

fn add_office(
    conn: &mut Connection,
    name: &str,
    postal_codes: &[String],
) -> Result<NewOffice, StoreError> {
    let (name, codes) = decisions::office_input(name, postal_codes)?;
    let enrolment_secret = secret::fresh()?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO office (name, enrolment_secret_hash, created_at) VALUES (?1, ?2, ?3)",
        params![name, secret::digest(&enrolment_secret), now()],
    )?;
    let office_id = tx.last_insert_rowid();
    for code in &codes {
        tx.execute(
            "INSERT INTO office_postal_code (office_id, code) VALUES (?1, ?2)",
            params![office_id, code],
        )?;
    }
    tx.commit()?;
    Ok(NewOffice {
        office_id,
        name,
        postal_codes: codes,
        enrolment_secret,
    })
}

fn enrol(
    conn: &mut Connection,
    secret: &str,
    device_name: &str,
    key_id: Option<&str>,
) -> Result<Enrolment, StoreError> {
    let device_name = decisions::device_name(device_name)?;
    let key_id = decisions::key_id_input(key_id)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let office_id: i64 = tx
        .query_row(
            "SELECT id FROM office WHERE enrolment_secret_hash = ?1",
            [secret::digest(secret)],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::BadEnrolment)?;
    let token = secret::fresh()?;
    let device_id = Uuid::now_v7();
    tx.execute(
        "INSERT INTO device (id, office_id, name, token_hash, status, created_at)
         VALUES (?1, ?2, ?3, ?4, 'active', ?5)",
        params![
            device_id.to_string(),
            office_id,
            device_name,
            secret::digest(&token),
            now()
        ],
    )?;
    // The first desk's key becomes the office's; later desks are told which one is in use.
    tx.execute(
        "UPDATE office SET key_id = coalesce(key_id, ?2) WHERE id = ?1",
        params![office_id, key_id],
    )?;
    let office = load_office(&tx, office_id)?;
    tx.commit()?;
    Ok(Enrolment {
        device_id,
        token,
        office,
    })
}

fn authenticate(conn: &Connection, token: &str) -> Result<Device, StoreError> {
    let row: Option<(String, String, String, i64)> = conn
        .query_row(
            "SELECT id, name, status, office_id FROM device WHERE token_hash = ?1",
            [secret::digest(token)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (id, name, status, office_id) = row.ok_or(StoreError::Unauthorized)?;
    if status != "active" {
        return Err(StoreError::Revoked);
    }
    Ok(Device {
        id: parse_uuid(&id)?,
        name,
        office: load_office(conn, office_id)?,
    })
}

fn device_by_id(conn: &Connection, id: Uuid) -> Result<(Device, String), StoreError> {
    let row: Option<(String, String, i64, String)> = conn
        .query_row(
            "SELECT name, status, office_id, token_hash FROM device WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (name, status, office_id, digest) = row.ok_or(StoreError::Unauthorized)?;
    if status != "active" {
        return Err(StoreError::Revoked);
    }
    let device = Device {
        id,
        name,
        office: load_office(conn, office_id)?,
    };
    Ok((device, digest))
}

fn overview(conn: &Connection) -> Result<Overview, StoreError> {
    let ids = {
        let mut stmt = conn.prepare("SELECT id FROM office ORDER BY id")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?
    };
    let mut offices = Vec::with_capacity(ids.len());
    let mut stmt = conn.prepare(
        "SELECT id, name, status, last_seen_at, last_push_at, last_pull_at
         FROM device WHERE office_id = ?1 ORDER BY created_at, id",
    )?;
    for id in ids {
        let office = load_office(conn, id)?;
        let devices = stmt
            .query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?
            .map(|row| {
                let (id, name, status, seen, push, pull) = row?;
                Ok(DeviceOverview {
                    id: parse_uuid(&id)?,
                    name,
                    revoked: status == "revoked",
                    last_seen_at: parse_time(seen),
                    last_push_at: parse_time(push),
                    last_pull_at: parse_time(pull),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        offices.push(OfficeOverview { office, devices });
    }
    let count =
        |sql: &str| -> Result<u64, StoreError> { to_u64(conn.query_row(sql, [], |r| r.get(0))?) };
    let claims = {
        let mut stmt =
            conn.prepare("SELECT status, COUNT(*) FROM claim GROUP BY status ORDER BY status")?;
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .map(|row| {
                let (status, n) = row?;
                Ok((status, to_u64(n)?))
            })
            .collect::<Result<Vec<_>, StoreError>>()?
    };
    Ok(Overview {
        offices,
        totals: Totals {
            volunteers: count("SELECT COUNT(*) FROM volunteer WHERE status <> 'left'")?,
            requests: count("SELECT COUNT(*) FROM help_request")?,
            claims,
            outcomes: count("SELECT COUNT(*) FROM outcome")?,
            mutations: count("SELECT COUNT(*) FROM applied_mutation")?,
        },
    })
}

impl Store for SqliteStore {
    async fn add_office(
        &self,
        name: &str,
        postal_codes: &[String],
    ) -> Result<NewOffice, StoreError> {
        let name = name.to_owned();
        let codes = postal_codes.to_vec();
        self.run(move |conn| add_office(conn, &name, &codes)).await
    }

    async fn offices(&self) -> Result<Vec<OfficeInfo>, StoreError> {
        self.run(|conn| {
            let ids = {
                let mut stmt = conn.prepare("SELECT id FROM office ORDER BY id")?;
                stmt.query_map([], |r| r.get(0))?
                    .collect::<Result<Vec<i64>, _>>()?
            };
            ids.into_iter().map(|id| load_office(conn, id)).collect()
        })
        .await
    }

    async fn enrol(
        &self,
        enrolment_secret: &str,
        device_name: &str,
        office_key_id: Option<&str>,
    ) -> Result<Enrolment, StoreError> {
        let secret = enrolment_secret.to_owned();
        let name = device_name.to_owned();
        let key_id = office_key_id.map(str::to_owned);
        self.run(move |conn| enrol(conn, &secret, &name, key_id.as_deref()))
            .await
    }

    async fn authenticate(&self, token: &str) -> Result<Device, StoreError> {
        let token = token.to_owned();
        self.run(move |conn| authenticate(conn, &token)).await
    }

    async fn device_by_id(&self, id: Uuid) -> Result<(Device, String), StoreError> {
        self.run(move |conn| device_by_id(conn, id)).await
    }

    async fn record_hello(&self, device: &Device) -> Result<(), StoreError> {
        let id = device.id.to_string();
        self.run(move |conn| {
            conn.execute(
                "UPDATE device SET last_seen_at = ?2 WHERE id = ?1",
                params![id, now()],
            )?;
            Ok(())
        })
        .await
    }

    async fn push_group(
        &self,
        device: &Device,
        epoch: Uuid,
        group: &[Mutation],
    ) -> Result<Vec<MutationResult>, StoreError> {
        let device = device.clone();
        let group = group.to_vec();
        self.run(move |conn| push::push_group(conn, &device, epoch, &group))
            .await
    }

    async fn checkpoint(&self, device: &Device) -> Result<Cursors, StoreError> {
        let device = device.clone();
        self.run(move |conn| {
            let now = now();
            conn.execute(
                "UPDATE device SET last_push_at = ?2, last_seen_at = ?2 WHERE id = ?1",
                params![device.id.to_string(), now],
            )?;
            feed::heads(conn, &device.office)
        })
        .await
    }

    async fn pull(
        &self,
        device: &Device,
        request: &PullRequest,
    ) -> Result<PullResponse, StoreError> {
        let device = device.clone();
        let request = request.clone();
        self.run(move |conn| feed::pull(conn, &device, &request))
            .await
    }

    async fn upsert_volunteer(&self, image: &VolunteerImage) -> Result<u64, StoreError> {
        let image = image.clone();
        self.run(move |conn| feed::upsert_volunteer(conn, &image))
            .await
    }

    async fn upsert_volunteers(&self, images: &[VolunteerImage]) -> Result<usize, StoreError> {
        let images = images.to_vec();
        self.run(move |conn| feed::upsert_volunteers(conn, &images))
            .await
    }

    async fn remove_volunteer(&self, id: Uuid) -> Result<(), StoreError> {
        self.run(move |conn| {
            let data: String = conn
                .query_row(
                    "SELECT data FROM volunteer WHERE id = ?1",
                    [id.to_string()],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "volunteer",
                    id: id.to_string(),
                })?;
            let mut image: VolunteerImage = serde_json::from_str(&data)?;
            image.status = "left".into();
            feed::upsert_volunteer(conn, &image).map(|_| ())
        })
        .await
    }

    async fn revoke_device(&self, id: Uuid) -> Result<(), StoreError> {
        self.run(move |conn| {
            let changed = conn.execute(
                "UPDATE device SET status = 'revoked' WHERE id = ?1",
                [id.to_string()],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound {
                    entity: "device",
                    id: id.to_string(),
                });
            }
            Ok(())
        })
        .await
    }

    async fn overview(&self) -> Result<Overview, StoreError> {
        self.run(|conn| overview(conn)).await
    }
}
