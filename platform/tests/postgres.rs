//! The store-generic suite on [`PostgresStore`], each test with its own database on a throwaway
//! server (see `cluster`), and the races only a shared database has: several platform processes
//! (here: several stores, each with its own connections) writing at the same instant.

mod cluster;
mod suite;

use std::collections::BTreeMap;
use std::sync::Arc;

use solidesk_platform::{Device, PostgresStore, Store};
use solidesk_protocol::{
    ChangeOp, Cursors, MutationBody, PullRequest, Record, RejectReason, ResultStatus,
};
use suite::harness::{claim, day, mutation, request_image, volunteer_image};
use uuid::Uuid;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("runtime")
}

fn make(_dir: &std::path::Path) -> PostgresStore {
    let url = cluster::fresh_database();
    // Only the schema is made on this runtime; the pool connects from the platform's own.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(PostgresStore::open(&url))
        .expect("open the store")
}

store_suite!(make);

#[test]
fn a_reopened_database_keeps_its_data() {
    let url = cluster::fresh_database();
    runtime().block_on(async {
        let store = PostgresStore::open(&url).await.expect("open");
        store
            .add_office("OCMW Gent", &["9000".to_owned()])
            .await
            .expect("office");
        drop(store);
        // Opening again (as a second platform process would) finds the schema and the data.
        let store = PostgresStore::open(&url).await.expect("reopen");
        let offices = store.offices().await.expect("offices");
        assert_eq!(offices.len(), 1);
        assert_eq!(offices[0].postal_codes, ["9000"]);
    });
}

/// A database made by the build before several desks per office (schema version 1) is brought
/// to version 2 when a platform process opens it; its offices stay.
#[test]
fn a_version_1_database_is_upgraded_in_place() {
    let url = cluster::fresh_database();
    runtime().block_on(async {
        let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
            .await
            .expect("connect");
        tokio::spawn(connection);
        client
            .batch_execute(include_str!("../src/postgres/schema.sql"))
            .await
            .expect("version 1");
        client
            .batch_execute(
                "CREATE TABLE schema_version (version integer NOT NULL);
                 INSERT INTO schema_version VALUES (1);
                 INSERT INTO office (name, enrolment_secret_hash, created_at)
                 VALUES ('OCMW Gent', 'x', now());",
            )
            .await
            .expect("an office at version 1");
        let store = PostgresStore::open(&url).await.expect("open and upgrade");
        let offices = store.offices().await.expect("offices");
        assert_eq!(offices.len(), 1);
        assert_eq!(offices[0].key_id, None);
        let office = store
            .add_office("OCMW Aalst", &["9300".to_owned()])
            .await
            .expect("office");
        let key = "0123456789abcdef0123456789abcdef";
        let enrolment = store
            .enrol(&office.enrolment_secret, "desk", Some(key))
            .await
            .expect("enrol");
        assert_eq!(enrolment.office.key_id.as_deref(), Some(key));
        let version: i32 = client
            .query_one("SELECT max(version) FROM schema_version", &[])
            .await
            .expect("version")
            .get(0);
        assert_eq!(version, 2);
        drop(store);
        PostgresStore::open(&url).await.expect("reopen");
    });
}

/// A desk of its own office, pushing through its own store (its own platform process).
struct Racer {
    store: Arc<PostgresStore>,
    device: Device,
    epoch: Uuid,
    next_seq: u64,
}

async fn racers(url: &str, offices: usize) -> Vec<Racer> {
    let mut racers = Vec::new();
    for i in 0..offices {
        let store = Arc::new(PostgresStore::open(url).await.expect("open"));
        let office = store
            .add_office(&format!("office {i}"), &["9000".to_owned()])
            .await
            .expect("office");
        let enrolment = store
            .enrol(&office.enrolment_secret, "desk", None)
            .await
            .expect("enrol");
        racers.push(Racer {
            store,
            device: Device {
                id: enrolment.device_id,
                name: "desk".into(),
                office: enrolment.office,
            },
            epoch: Uuid::now_v7(),
            next_seq: 1,
        });
    }
    racers
}

#[test]
fn offices_racing_for_the_last_places_never_overbook_a_volunteer() {
    let url = cluster::fresh_database();
    runtime().block_on(async {
        let mut racers = racers(&url, 3).await;
        let admin = Arc::clone(&racers[0].store);
        for round in 0..60u32 {
            // Capacity 1 or 2, three offices claiming the same day at the same instant.
            let capacity = 1 + round % 2;
            let volunteer = volunteer_image("9000", capacity);
            admin.upsert_volunteer(&volunteer).await.expect("volunteer");
            let barrier = Arc::new(tokio::sync::Barrier::new(racers.len()));
            let mut tasks = Vec::new();
            for racer in &mut racers {
                let request = request_image("9000");
                let group = vec![
                    mutation(
                        racer.next_seq,
                        mutation_tx(round),
                        MutationBody::Request(request.clone()),
                    ),
                    mutation(
                        racer.next_seq + 1,
                        mutation_tx(round),
                        claim(&volunteer, &request, day(2)),
                    ),
                ];
                racer.next_seq += 2;
                let (store, device, epoch) =
                    (Arc::clone(&racer.store), racer.device.clone(), racer.epoch);
                let barrier = Arc::clone(&barrier);
                tasks.push(tokio::spawn(async move {
                    barrier.wait().await;
                    store.push_group(&device, epoch, &group).await
                }));
            }
            let mut held = 0;
            for task in tasks {
                let results = task.await.expect("task").expect("push");
                assert_eq!(results[0].status, ResultStatus::Applied);
                match (results[1].status, results[1].reason) {
                    (ResultStatus::Applied, None) => held += 1,
                    (ResultStatus::Rejected, Some(RejectReason::ClaimLost)) => {
                        assert!(results[1].holder.is_some(), "a lost claim names its holder");
                    }
                    other => panic!("round {round}: unexpected answer {other:?}"),
                }
            }
            assert_eq!(held, capacity, "round {round}: places given != capacity");
        }
        let overview = admin.overview().await.expect("overview");
        let claims: BTreeMap<_, _> = overview.totals.claims.into_iter().collect();
        assert_eq!(claims.get("held"), Some(&90), "{claims:?}");
        assert_eq!(claims.get("lost"), Some(&90), "{claims:?}");
    });
}

/// `mutation` takes the local transaction as a u64; rounds count in u32.
fn mutation_tx(round: u32) -> u64 {
    u64::from(round) + 1
}

#[test]
fn a_reader_never_skips_a_change_that_commits_late() {
    let url = cluster::fresh_database();
    runtime().block_on(async {
        let reader = racers(&url, 1).await.remove(0);
        const WRITERS: usize = 4;
        const PER_WRITER: usize = 40;
        let mut writers = Vec::new();
        for _ in 0..WRITERS {
            // Each writer is a platform process of its own, publishing to the same bucket.
            let store = PostgresStore::open(&url).await.expect("open");
            writers.push(tokio::spawn(async move {
                for _ in 0..PER_WRITER {
                    let volunteer = volunteer_image("9000", 1);
                    store.upsert_volunteer(&volunteer).await.expect("volunteer");
                }
            }));
        }
        let mut cursors = Cursors::new();
        let mut seen: Vec<u64> = Vec::new();
        let mut done = false;
        loop {
            // The writers' state is read before the page, so the last page is read after the
            // last commit.
            let finished = writers.iter().all(tokio::task::JoinHandle::is_finished);
            let page = reader
                .store
                .pull(
                    &reader.device,
                    &PullRequest {
                        cursors: cursors.clone(),
                        limit: 7,
                        epoch: None,
                    },
                )
                .await
                .expect("pull");
            for change in &page.changes {
                assert!(matches!(
                    &change.op,
                    ChangeOp::Put {
                        record: Record::Volunteer(_)
                    }
                ));
                seen.push(change.seq);
            }
            cursors = page.cursors;
            if done && !page.has_more {
                break;
            }
            done = finished;
        }
        for writer in writers {
            writer.await.expect("writer");
        }
        let expected: Vec<u64> = (1..=(WRITERS * PER_WRITER) as u64).collect();
        assert_eq!(seen, expected, "every change once, none skipped, in order");
    });
}

#[test]
fn the_same_push_from_two_processes_at_once_is_applied_once() {
    let url = cluster::fresh_database();
    runtime().block_on(async {
        let racer = racers(&url, 1).await.remove(0);
        let second = Arc::new(PostgresStore::open(&url).await.expect("open"));
        for round in 0..30u32 {
            let seq = u64::from(round) + 1;
            let group = vec![mutation(
                seq,
                mutation_tx(round),
                MutationBody::Request(request_image("9000")),
            )];
            let tasks: Vec<_> = [Arc::clone(&racer.store), Arc::clone(&second)]
                .into_iter()
                .map(|store| {
                    let (device, group) = (racer.device.clone(), group.clone());
                    let epoch = racer.epoch;
                    tokio::spawn(async move { store.push_group(&device, epoch, &group).await })
                })
                .collect();
            let mut statuses = Vec::new();
            for task in tasks {
                statuses.push(task.await.expect("task").expect("push")[0].status);
            }
            statuses.sort_by_key(|status| format!("{status:?}"));
            assert_eq!(
                statuses,
                [ResultStatus::Applied, ResultStatus::Duplicate],
                "round {round}"
            );
        }
        let overview = second.overview().await.expect("overview");
        assert_eq!(overview.totals.requests, 30);
        assert_eq!(overview.totals.mutations, 30);
    });
}
