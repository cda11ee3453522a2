//! [`PostgresStore`]: the platform on a PostgreSQL database, for when it outgrows one machine.
//!
//! Several platform processes may share the database, so nothing is serialised in the process:
//! every guarantee comes from row locks taken inside each transaction (READ COMMITTED, where a
//! statement run after a lock is granted sees what the lock's previous holder committed).
//!
//! - A push locks its device epoch's row, then its office's bucket counter, then the volunteers
//!   it claims (in id order), before deciding anything: one push at a time per desk sequence and
//!   per office, and a claim counts the volunteer's day only while holding the volunteer's row,
//!   so two offices can never both take the last place.
//! - A change takes its bucket's next sequence with `UPDATE bucket ... RETURNING` in the writing
//!   transaction; the row stays locked until commit, so the next writer of that bucket gets the
//!   next number only after this one is visible: a reader never skips a late commit.
//! - The ledger's primary key is the mutation id: two processes deciding one mutation at once
//!   cannot both store it; the loser's transaction fails and is retried, and then answers
//!   `duplicate` (or `key_reused`) from the winner's row.
//!
//! A write transaction that fails with a deadlock, a serialisation failure or a unique violation
//! (another process got there first) is rolled back and run again from the start, a few times.

mod feed;
mod push;

use std::future::Future;

use chrono::{DateTime, Utc};
use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use solidesk_protocol::{
    Cursors, Enrolment, Mutation, MutationResult, OfficeInfo, PullRequest, PullResponse,
    VolunteerImage,
};
use tokio_postgres::error::SqlState;
use tokio_postgres::types::ToSql;
use tokio_postgres::{GenericClient, NoTls, Row};
use uuid::Uuid;

use crate::store::{DeviceOverview, OfficeOverview, Overview, Totals};
use crate::{Device, NewOffice, Store, StoreError, decisions, secret};

/// The schema version this build creates and reads (table `schema_version`).
const SCHEMA_VERSION: i32 = 2;

/// The steps from each version to the next, in order: `SCHEMA[v]` brings version `v` to `v + 1`.
const SCHEMA: [&str; 2] = [include_str!("schema.sql"), include_str!("schema-2.sql")];

/// The advisory lock held while the schema is checked and created, so platform processes
/// starting together on an empty database do not race their `CREATE TABLE`s.
const SCHEMA_LOCK: i64 = 0x5301_1de5_0001;

/// Connections per process: enough for the HTTP handlers of one process; the database's
/// `max_connections` bounds the sum over processes.
const POOL_SIZE: usize = 16;

/// Runs of one write transaction before its conflict is reported.
const MAX_ATTEMPTS: u32 = 8;

/// A driver error worded with what the server said (tokio-postgres's own words for a server
/// error are only "db error"); kept whole so [`is_conflict`] can read its SQLSTATE.
#[derive(Debug)]
struct PgError(tokio_postgres::Error);

impl std::fmt::Display for PgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0.as_db_error() {
            Some(db) => write!(f, "{} (SQLSTATE {})", db.message(), db.code().code()),
            None => match std::error::Error::source(&self.0) {
                Some(cause) => write!(f, "{}: {cause}", self.0),
                None => write!(f, "{}", self.0),
            },
        }
    }
}

impl std::error::Error for PgError {}

impl From<tokio_postgres::Error> for StoreError {
    fn from(error: tokio_postgres::Error) -> StoreError {
        StoreError::database(PgError(error))
    }
}

impl From<deadpool_postgres::PoolError> for StoreError {
    fn from(error: deadpool_postgres::PoolError) -> StoreError {
        match error {
            deadpool_postgres::PoolError::Backend(error) => error.into(),
            other => StoreError::database(other),
        }
    }
}

/// The platform's storage in a PostgreSQL database (`postgres://` URL).
#[derive(Clone)]
pub struct PostgresStore {
    pool: Pool,
}

/// True when `db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// The URL without its password, to name the database in messages and logs.
pub fn redacted_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split_once(':').map_or(userinfo, |(user, _)| user);
            let hidden = if user.len() == userinfo.len() {
                ""
            } else {
                ":***"
            };
            format!("{scheme}://{user}{hidden}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

impl PostgresStore {
    /// Connects to the database at `url` (`postgres://user@host:port/name`), creating the schema
    /// when the database is empty. Connections are made on demand by the calling tokio runtime.
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let config: tokio_postgres::Config = url.parse().map_err(|error| {
            StoreError::Invalid(format!("the PostgreSQL URL is not valid: {error}"))
        })?;
        // The schema on a connection of its own, closed when done: the pool's connections then
        // all belong to the runtime that uses the store.
        let (mut client, connection) = config.connect(NoTls).await?;
        let connection = tokio::spawn(connection);
        let created = create_schema(&mut client).await;
        drop(client);
        let _ = connection.await;
        created?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                // A connection whose server end closed is replaced rather than handed out.
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(POOL_SIZE)
            .build()
            .map_err(StoreError::database)?;
        Ok(PostgresStore { pool })
    }

    async fn client(&self) -> Result<Object, StoreError> {
        Ok(self.pool.get().await?)
    }

    /// Runs a write transaction, again from the start while it fails with a conflict another
    /// transaction caused (see the module docs). `work` gets a connection of its own each time.
    async fn write<T, F, Fut>(&self, mut work: F) -> Result<T, StoreError>
    where
        F: FnMut(Object) -> Fut,
        Fut: Future<Output = Result<T, StoreError>>,
    {
        let mut attempt = 1;
        loop {
            match work(self.client().await?).await {
                Err(error) if attempt < MAX_ATTEMPTS && is_conflict(&error) => {
                    tracing::debug!("retrying a transaction after a conflict: {error}");
                    attempt += 1;
                }
                other => return other,
            }
        }
    }
}

/// A failure another transaction caused, which running again resolves.
fn is_conflict(error: &StoreError) -> bool {
    let StoreError::Database(inner) = error else {
        return false;
    };
    inner
        .downcast_ref::<PgError>()
        .and_then(|error| error.0.code())
        .is_some_and(|code| {
            [
                SqlState::T_R_SERIALIZATION_FAILURE,
                SqlState::T_R_DEADLOCK_DETECTED,
                SqlState::UNIQUE_VIOLATION,
            ]
            .contains(code)
        })
}

async fn create_schema(client: &mut tokio_postgres::Client) -> Result<(), StoreError> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
        .await?;
    tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        .await?;
    let version: Option<i32> = tx
        .query_one("SELECT max(version) FROM schema_version", &[])
        .await?
        .get(0);
    let version = version.unwrap_or(0);
    if version > SCHEMA_VERSION {
        return Err(StoreError::corrupt(format!(
            "the database has schema version {version}, newer than this build's {SCHEMA_VERSION}"
        )));
    }
    if version < SCHEMA_VERSION {
        for step in SCHEMA.iter().skip(usize::try_from(version).unwrap_or(0)) {
            tx.batch_execute(step).await?;
        }
        tx.execute(
            "INSERT INTO schema_version (version) VALUES ($1)",
            &[&SCHEMA_VERSION],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A write transaction, with the pool's per-connection statement cache.
type Tx<'a> = deadpool_postgres::Transaction<'a>;

/// Runs a statement through the connection's statement cache (one round trip, not two).
async fn exec(tx: &Tx<'_>, sql: &str, params: &[&(dyn ToSql + Sync)]) -> Result<u64, StoreError> {
    let statement = tx.prepare_cached(sql).await?;
    Ok(tx.execute(&statement, params).await?)
}

/// The single row a statement returns.
async fn row_one(
    tx: &Tx<'_>,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Row, StoreError> {
    let statement = tx.prepare_cached(sql).await?;
    Ok(tx.query_one(&statement, params).await?)
}

/// The row a statement returns, if any.
async fn row_opt(
    tx: &Tx<'_>,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Option<Row>, StoreError> {
    let statement = tx.prepare_cached(sql).await?;
    Ok(tx.query_opt(&statement, params).await?)
}

fn to_i64(n: u64) -> Result<i64, StoreError> {
    i64::try_from(n).map_err(|_| StoreError::corrupt(format!("{n} does not fit the database")))
}

fn to_u64(n: i64) -> Result<u64, StoreError> {
    u64::try_from(n).map_err(|_| StoreError::corrupt(format!("negative counter {n}")))
}

/// An office with its postal codes.
async fn load_office(conn: &impl GenericClient, id: i64) -> Result<OfficeInfo, StoreError> {
    let row = conn
        .query_opt("SELECT name, key_id FROM office WHERE id = $1", &[&id])
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "office",
            id: id.to_string(),
        })?;
    let (name, key_id): (String, Option<String>) = (row.get(0), row.get(1));
    let postal_codes = conn
        .query(
            "SELECT code FROM office_postal_code WHERE office_id = $1 ORDER BY code COLLATE \"C\"",
            &[&id],
        )
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    Ok(OfficeInfo {
        id,
        name,
        postal_codes,
        key_id,
    })
}

async fn add_office(
    mut client: Object,
    name: &str,
    codes: &[String],
    enrolment_secret: &str,
) -> Result<i64, StoreError> {
    let tx = client.transaction().await?;
    let office_id: i64 = tx
        .query_one(
            "INSERT INTO office (name, enrolment_secret_hash, created_at) VALUES ($1, $2, now())
             RETURNING id",
            &[&name, &secret::digest(enrolment_secret)],
        )
        .await?
        .get(0);
    for code in codes {
        tx.execute(
            "INSERT INTO office_postal_code (office_id, code) VALUES ($1, $2)",
            &[&office_id, code],
        )
        .await?;
    }
    tx.commit().await?;
    Ok(office_id)
}

async fn enrol(
    mut client: Object,
    secret: &str,
    device_name: &str,
    token: &str,
    key_id: Option<&str>,
) -> Result<Enrolment, StoreError> {
    let tx = client.transaction().await?;
    let office_id: i64 = tx
        .query_opt(
            "SELECT id FROM office WHERE enrolment_secret_hash = $1",
            &[&secret::digest(secret)],
        )
        .await?
        .ok_or(StoreError::BadEnrolment)?
        .get(0);
    let device_id = Uuid::now_v7();
    tx.execute(
        "INSERT INTO device (id, office_id, name, token_hash, status, created_at)
         VALUES ($1, $2, $3, $4, 'active', now())",
        &[&device_id, &office_id, &device_name, &secret::digest(token)],
    )
    .await?;
    // The first desk's key becomes the office's; later desks are told which one is in use.
    tx.execute(
        "UPDATE office SET key_id = coalesce(key_id, $2) WHERE id = $1",
        &[&office_id, &key_id],
    )
    .await?;
    let office = load_office(&*tx, office_id).await?;
    tx.commit().await?;
    Ok(Enrolment {
        device_id,
        token: token.to_owned(),
        office,
    })
}

async fn overview(client: &impl GenericClient) -> Result<Overview, StoreError> {
    let ids: Vec<i64> = client
        .query("SELECT id FROM office ORDER BY id", &[])
        .await?
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut offices = Vec::with_capacity(ids.len());
    for id in ids {
        let office = load_office(client, id).await?;
        let devices = client
            .query(
                "SELECT id, name, status, last_seen_at, last_push_at, last_pull_at
                 FROM device WHERE office_id = $1 ORDER BY created_at, id",
                &[&id],
            )
            .await?
            .iter()
            .map(|row| DeviceOverview {
                id: row.get(0),
                name: row.get(1),
                revoked: row.get::<_, &str>(2) == "revoked",
                last_seen_at: row.get::<_, Option<DateTime<Utc>>>(3),
                last_push_at: row.get::<_, Option<DateTime<Utc>>>(4),
                last_pull_at: row.get::<_, Option<DateTime<Utc>>>(5),
            })
            .collect();
        offices.push(OfficeOverview { office, devices });
    }
    let claims = client
        .query(
            "SELECT status, count(*) FROM claim GROUP BY status ORDER BY status COLLATE \"C\"",
            &[],
        )
        .await?
        .iter()
        .map(|row| Ok((row.get::<_, String>(0), to_u64(row.get(1))?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    let counts = client
        .query_one(
            "SELECT (SELECT count(*) FROM volunteer WHERE status <> 'left'),
                    (SELECT count(*) FROM help_request),
                    (SELECT count(*) FROM outcome),
                    (SELECT count(*) FROM applied_mutation)",
            &[],
        )
        .await?;
    Ok(Overview {
        offices,
        totals: Totals {
            volunteers: to_u64(counts.get(0))?,
            requests: to_u64(counts.get(1))?,
            claims,
            outcomes: to_u64(counts.get(2))?,
            mutations: to_u64(counts.get(3))?,
        },
    })
}

impl Store for PostgresStore {
    async fn add_office(
        &self,
        name: &str,
        postal_codes: &[String],
    ) -> Result<NewOffice, StoreError> {
        let (name, codes) = decisions::office_input(name, postal_codes)?;
        let enrolment_secret = secret::fresh()?;
        let office_id = self
            .write(|client| add_office(client, &name, &codes, &enrolment_secret))
            .await?;
        Ok(NewOffice {
            office_id,
            name,
            postal_codes: codes,
            enrolment_secret,
        })
    }

    async fn offices(&self) -> Result<Vec<OfficeInfo>, StoreError> {
        let client = self.client().await?;
        let ids: Vec<i64> = client
            .query("SELECT id FROM office ORDER BY id", &[])
            .await?
            .iter()
            .map(|row| row.get(0))
            .collect();
        let mut offices = Vec::with_capacity(ids.len());
        for id in ids {
            offices.push(load_office(&**client, id).await?);
        }
        Ok(offices)
    }

    async fn enrol(
        &self,
        enrolment_secret: &str,
        device_name: &str,
        office_key_id: Option<&str>,
    ) -> Result<Enrolment, StoreError> {
        let device_name = decisions::device_name(device_name)?;
        let key_id = decisions::key_id_input(office_key_id)?;
        let token = secret::fresh()?;
        self.write(|client| enrol(client, enrolment_secret, device_name, &token, key_id))
            .await
    }

    async fn authenticate(&self, token: &str) -> Result<Device, StoreError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT id, name, status, office_id FROM device WHERE token_hash = $1",
                &[&secret::digest(token)],
            )
            .await?
            .ok_or(StoreError::Unauthorized)?;
        if row.get::<_, &str>(2) != "active" {
            return Err(StoreError::Revoked);
        }
        Ok(Device {
            id: row.get(0),
            name: row.get(1),
            office: load_office(&**client, row.get(3)).await?,
        })
    }

    async fn device_by_id(&self, id: Uuid) -> Result<(Device, String), StoreError> {
        let client = self.client().await?;
        let row = client
            .query_opt(
                "SELECT name, status, office_id, token_hash FROM device WHERE id = $1",
                &[&id],
            )
            .await?
            .ok_or(StoreError::Unauthorized)?;
        if row.get::<_, &str>(1) != "active" {
            return Err(StoreError::Revoked);
        }
        let device = Device {
            id,
            name: row.get(0),
            office: load_office(&**client, row.get(2)).await?,
        };
        Ok((device, row.get(3)))
    }

    async fn record_hello(&self, device: &Device) -> Result<(), StoreError> {
        self.client()
            .await?
            .execute(
                "UPDATE device SET last_seen_at = now() WHERE id = $1",
                &[&device.id],
            )
            .await?;
        Ok(())
    }

    async fn push_group(
        &self,
        device: &Device,
        epoch: Uuid,
        group: &[Mutation],
    ) -> Result<Vec<MutationResult>, StoreError> {
        self.write(|client| push::push_group(client, device, epoch, group))
            .await
    }

    async fn checkpoint(&self, device: &Device) -> Result<Cursors, StoreError> {
        let client = self.client().await?;
        client
            .execute(
                "UPDATE device SET last_push_at = now(), last_seen_at = now() WHERE id = $1",
                &[&device.id],
            )
            .await?;
        feed::heads(&**client, &device.office).await
    }

    async fn pull(
        &self,
        device: &Device,
        request: &PullRequest,
    ) -> Result<PullResponse, StoreError> {
        let page = feed::pull(self.client().await?, device, request).await?;
        self.client()
            .await?
            .execute(
                "UPDATE device SET last_pull_at = now(), last_seen_at = now() WHERE id = $1",
                &[&device.id],
            )
            .await?;
        Ok(page)
    }

    async fn upsert_volunteer(&self, image: &VolunteerImage) -> Result<u64, StoreError> {
        decisions::check_volunteer(image)?;
        self.write(|client| feed::upsert_volunteers(client, std::slice::from_ref(image)))
            .await
            .map(|versions| versions.first().copied().unwrap_or(0))
    }

    async fn upsert_volunteers(&self, images: &[VolunteerImage]) -> Result<usize, StoreError> {
        for (i, image) in images.iter().enumerate() {
            decisions::check_volunteer(image).map_err(|e| decisions::import_entry(e, i, image))?;
        }
        self.write(|client| feed::upsert_volunteers(client, images))
            .await
            .map(|versions| versions.len())
    }

    async fn remove_volunteer(&self, id: Uuid) -> Result<(), StoreError> {
        self.write(|client| feed::remove_volunteer(client, id))
            .await
    }

    async fn revoke_device(&self, id: Uuid) -> Result<(), StoreError> {
        let changed = self
            .client()
            .await?
            .execute("UPDATE device SET status = 'revoked' WHERE id = $1", &[&id])
            .await?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                entity: "device",
                id: id.to_string(),
            });
        }
        Ok(())
    }

    async fn overview(&self) -> Result<Overview, StoreError> {
        let mut client = self.client().await?;
        // One snapshot: the counts agree with each other.
        let tx = client
            .build_transaction()
            .isolation_level(tokio_postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let overview = overview(&*tx).await?;
        tx.commit().await?;
        Ok(overview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(
            redacted_url("postgres://app:s3cret@db.example:5432/platform?sslmode=disable"),
            "postgres://app:***@db.example:5432/platform?sslmode=disable"
        );
        assert_eq!(
            redacted_url("postgresql://app@db.example/platform"),
            "postgresql://app@db.example/platform"
        );
        assert_eq!(
            redacted_url("postgres://db.example/platform"),
            "postgres://db.example/platform"
        );
        assert!(is_postgres_url("postgresql://db.example/platform"));
        assert!(!is_postgres_url("./postgres.sqlite"));
    }
}
