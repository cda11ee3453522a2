//! Sync throughput (issue 7): a desk pushing 100,000 queued mutations, and a new desk's first
//! pull of 50,000 volunteers, against the reference platform on loopback.
//!
//! Real parts end to end: an encrypted register on disk with its outbox, the desk's HTTP client,
//! the platform's axum server and its SQLite store (WAL, `synchronous=FULL`) in this process on
//! 127.0.0.1. Measured in one run:
//! - the push: a demo register whose requests were queued by enrolment, drained by one
//!   `Register::sync` (batches of 500), in mutations per second;
//! - the baseline, one mutation per request (batches of 1), on a second desk with 2,000
//!   mutations, the way a sync without batching works;
//! - the pull: a new desk of an office serving 120 postal codes holding the volunteers, in
//!   volunteers per second (pages of 1,000, each applied with its cursor in one transaction).
//!
//! `cargo bench -p solidesk-cli --bench sync`. SOLIDESK_BENCH_MUTATIONS and
//! SOLIDESK_BENCH_VOLUNTEERS change the sizes.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use solidesk_core::demo::DemoOptions;
use solidesk_core::sync::SyncOptions;
use solidesk_core::{Key, Register};
use solidesk_platform::{ServerConfig, SqliteStore, Store, serve};
use solidesk_protocol::VolunteerImage;

fn size(var: &str, default: u64) -> u64 {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn key() -> Key {
    Key::new("benchmark").expect("key")
}

fn per_second(n: u64, d: Duration) -> String {
    format!("{:.0}/s", n as f64 / d.as_secs_f64())
}

/// A register of `requests` requests, enrolled with the platform (so all of them are queued).
fn queued_desk(dir: &Path, name: &str, requests: u64, url: &str, secret: &str) -> Register {
    let mut reg = Register::create(&dir.join(format!("{name}.db")), &key()).expect("create");
    if requests > 0 {
        reg.fill_demo(&DemoOptions {
            residents: requests.div_ceil(4),
            volunteers: 0,
            requests: Some(requests),
            region: vec!["9".into()],
            // A register of its own: the demo's ids come from its seed, and two offices must
            // not hold the same records.
            seed: name
                .bytes()
                .fold(7, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))),
            ..DemoOptions::new(NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"))
        })
        .expect("demo");
    }
    reg.enrol(url, secret, name).expect("enrol");
    let waiting = reg.sync_status().expect("status").waiting;
    assert_eq!(waiting, requests, "every request queued");
    reg
}

fn main() {
    let mutations = size("SOLIDESK_BENCH_MUTATIONS", 100_000);
    let volunteers = size("SOLIDESK_BENCH_VOLUNTEERS", 50_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let store = Arc::new(SqliteStore::open(&dir.path().join("platform.sqlite")).expect("store"));
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    runtime.spawn(serve(
        listener,
        Arc::clone(&store),
        ServerConfig { admin_token: None },
        std::future::pending(),
    ));

    // The volunteers, spread over 120 East Flemish postal codes, and an office serving those.
    let codes: Vec<String> = solidesk_core::postal::all()
        .into_iter()
        .map(|p| p.code.clone())
        .filter(|c| c.starts_with('9'))
        .take(120)
        .collect();
    let images: Vec<VolunteerImage> = (0..volunteers)
        .map(|i| VolunteerImage {
            id: uuid::Uuid::now_v7(),
            first_name: format!("Vera{i}"),
            last_name: format!("Volunteer{i}"),
            phone: Some(format!("+3247{:07}", i % 10_000_000)),
            email: String::new(),
            postal_code: codes[i as usize % codes.len()].clone(),
            radius_km: 5.0,
            capacity_per_day: 2,
            languages: vec!["nl".into(), "fr".into()],
            tasks: vec!["groceries".into(), "chat".into()],
            availability: vec![(1, "morning".into()), (3, "afternoon".into())],
            status: "active".into(),
        })
        .collect();
    let started = Instant::now();
    runtime
        .block_on(store.upsert_volunteers(&images))
        .expect("volunteers");
    let registered = started.elapsed();
    // Three offices, so no desk downloads another's requests: the push office and the
    // baseline's serve a postal code without volunteers, the pull office the 120 codes.
    let office = |name: &str, codes: &[String]| {
        runtime
            .block_on(store.add_office(name, codes))
            .expect("office")
            .enrolment_secret
    };
    let push_secret = office("Push office", &["1000".to_owned()]);
    let baseline_secret = office("Baseline office", &["1000".to_owned()]);
    let pull_secret = office("Pull office", &codes);

    println!("Sync with the reference platform on loopback (SQLite store, synchronous=FULL)");
    println!(
        "  platform: {volunteers} volunteers registered in one transaction in {:.1} s",
        registered.as_secs_f64()
    );

    // Push: every queued mutation, batches of 500.
    let mut desk = queued_desk(dir.path(), "push", mutations, &url, &push_secret);
    let started = Instant::now();
    let report = desk.sync(&SyncOptions::default()).expect("sync");
    let push = started.elapsed();
    // The requests, and every resident and request sealed for the office's other desks.
    let sealed = u64::from(report.office_sealed);
    assert_eq!(u64::from(report.applied), mutations + sealed);
    assert_eq!(report.waiting, 0);
    println!(
        "  push {mutations} mutations and {sealed} sealed office records: {:.2} s, {} batches, {} ({} changes pulled in the same cycle)",
        push.as_secs_f64(),
        report.batches,
        per_second(mutations + sealed, push),
        report.pulled
    );

    // Baseline: one mutation per request.
    let baseline_n = mutations.min(2_000);
    let mut one_by_one = queued_desk(dir.path(), "baseline", baseline_n, &url, &baseline_secret);
    let started = Instant::now();
    let report = one_by_one
        .sync(&SyncOptions {
            max_batch_mutations: 1,
            ..Default::default()
        })
        .expect("sync");
    let baseline = started.elapsed();
    let baseline_all = baseline_n + u64::from(report.office_sealed);
    assert_eq!(u64::from(report.applied), baseline_all);
    println!(
        "  baseline, batches of 1, {baseline_all} mutations: {:.2} s, {}",
        baseline.as_secs_f64(),
        per_second(baseline_all, baseline)
    );

    // Pull: a new desk's first cycle receives every volunteer.
    let mut fresh = queued_desk(dir.path(), "pull", 0, &url, &pull_secret);
    let started = Instant::now();
    let report = fresh.sync(&SyncOptions::default()).expect("sync");
    let pull = started.elapsed();
    assert_eq!(u64::from(report.volunteers_updated), volunteers);
    println!(
        "  first pull of {volunteers} volunteers: {:.2} s, {} pages, {}",
        pull.as_secs_f64(),
        report.pages,
        per_second(volunteers, pull)
    );
}
