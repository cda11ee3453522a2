//! Fault injection (issue 7): three desks of two offices and a platform process on loopback
//! (two desks of one office, sharing its records sealed with the office key), with a proxy
//! between them that drops, duplicates, replays out of order and cuts requests and answers,
//! `kill -9`s the desk or the platform at each step of push and pull, and clocks set days wrong
//! (libfaketime). Hundreds of randomized rounds of local work and sync cycles, then a calm
//! settling phase, then the invariants:
//! - every mutation a desk committed was decided by the platform exactly once (its ledger), and
//!   a cycle that reported success had every earlier mutation decided;
//! - no duplicate rows (requests, outcomes);
//! - both sides converged: requests and their status, claims against assignments, volunteers;
//!   the two desks of one office hold the same records at the same versions, nothing parked,
//!   and a booking whose claim disagrees with the desks only where two desks of the office did
//!   contradictory things, kept for a person as an issue or a conflict;
//! - no volunteer's day ever held more claims than their capacity (checked every round);
//! - no national number, resident name, street or phone in any byte that crossed the wire
//!   (sealed records included).
//!
//! The same rounds run against the platform on SQLite (200) and on PostgreSQL (100, on a
//! throwaway server, see `platform/tests/cluster`).
//!
//! The seed is printed (and named in every failure): `SOLIDESK_FAULT_SEED=<seed>` replays a
//! run. `SOLIDESK_FAULT_ROUNDS` and `SOLIDESK_FAULT_SECONDS` (defaults 200 and 200 on SQLite,
//! half that on PostgreSQL) bound it; the rounds stop at whichever comes first, and the test
//! fails if fewer than half the rounds ran.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../platform/tests/cluster/mod.rs"]
mod cluster;
#[path = "../common/mod.rs"]
mod common;
mod proxy;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use common::{Platform, PlatformOptions, add_volunteer};
use proxy::{Action, Proxy, Rule};
use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use solidesk_core::requests::NewHelpRequest;
use solidesk_core::residents::NewResident;
use solidesk_core::{Key, Language, Register, RequestStatus};

const KEY: &str = "fault test key";
const DATES: [&str; 3] = ["2026-12-01", "2026-12-02", "2026-12-03"];

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A valid Belgian national number (born 1930–1969) from the dice, as 11 digits.
fn national_number(rng: &mut ChaCha8Rng) -> String {
    let (yy, mm, dd) = (
        rng.random_range(30..70u64),
        rng.random_range(1..13u64),
        rng.random_range(1..29u64),
    );
    let serial = rng.random_range(1..998u64);
    let base = yy * 10_000_000 + mm * 100_000 + dd * 1000 + serial;
    let check = 97 - base % 97;
    format!("{base:09}{check:02}")
}

/// The offices: name, postal codes served, where their residents live.
const OFFICES: [(&str, [&str; 2], &str); 2] = [
    ("OCMW Gent", ["9000", "9030"], "9000"),
    ("OCMW Mariakerke", ["9030", "9040"], "9040"),
];

/// The desks: name, office (index into [`OFFICES`]), and a tag that makes their residents'
/// names their own. The first desk of an office makes its key; the later ones join with it.
const DESKS: [(&str, usize, &str); 3] = [
    ("desk-gent", 0, "gen"),
    ("desk-mariakerke", 1, "mar"),
    ("desk-gent-2", 0, "gtw"),
];

/// One desk: its register, open in this process for local work; syncs run as separate
/// `solidesk` processes so they can be killed.
struct Desk {
    name: &'static str,
    /// Index into [`OFFICES`].
    office: usize,
    path: PathBuf,
    reg: Register,
    /// A second connection for the test's own queries (opening one derives the key: slow).
    conn: rusqlite::Connection,
    residents: Vec<String>,
    /// Mutation ids this desk committed, as seen in its queue after each piece of work.
    committed: BTreeSet<String>,
}

impl Desk {
    fn open(path: &std::path::Path) -> rusqlite::Connection {
        let conn = rusqlite::Connection::open(path).expect("register");
        conn.pragma_update(None, "key", KEY).expect("key");
        conn.busy_timeout(Duration::from_secs(10)).expect("busy");
        conn
    }

    fn last_success(&self) -> Option<String> {
        self.conn
            .query_row("SELECT last_success_at FROM sync_state", [], |r| r.get(0))
            .expect("state")
    }

    fn strings(&self, sql: &str) -> Vec<String> {
        let mut stmt = self.conn.prepare_cached(sql).expect(sql);
        stmt.query_map([], |r| r.get::<_, String>(0))
            .expect(sql)
            .collect::<rusqlite::Result<_>>()
            .expect(sql)
    }

    fn note_queue(&mut self) {
        let ids = self.strings("SELECT mutation_id FROM outbox");
        self.committed.extend(ids);
    }

    /// A few random pieces of office work: new requests, volunteers booked by hand,
    /// outcomes, cancellations. Refusals by the register's rules are fine; panics are not.
    fn work(&mut self, rng: &mut ChaCha8Rng) {
        for _ in 0..rng.random_range(0..4) {
            match rng.random_range(0..10) {
                0..=3 => {
                    let resident =
                        self.residents[rng.random_range(0..self.residents.len())].clone();
                    self.reg
                        .add_request(&NewHelpRequest {
                            resident,
                            kind: "groceries".into(),
                            due_date: DATES[rng.random_range(0..DATES.len())].into(),
                            part_of_day: Some("morning".into()),
                            created_by: "fault test".into(),
                            ..Default::default()
                        })
                        .expect("a request is recorded");
                }
                4..=6 => {
                    let open = self.strings(
                        "SELECT id || ' ' || due_date FROM help_request
                         WHERE status = 'open' AND deleted_at IS NULL",
                    );
                    let volunteers = self.strings(
                        "SELECT id FROM volunteer
                         WHERE platform_id IS NOT NULL AND deleted_at IS NULL AND status = 'active'",
                    );
                    if open.is_empty() || volunteers.is_empty() {
                        continue;
                    }
                    let pick = &open[rng.random_range(0..open.len())];
                    let (request, date) = pick.split_once(' ').expect("id and date");
                    let volunteer = &volunteers[rng.random_range(0..volunteers.len())];
                    let date: NaiveDate = date.parse().expect("date");
                    let _ = self.reg.assign_volunteer(
                        request,
                        date,
                        volunteer,
                        "fault test",
                        Language::Nl,
                    );
                }
                7..=8 => {
                    let assigned = self.strings(
                        "SELECT id FROM help_request WHERE status = 'assigned' AND deleted_at IS NULL",
                    );
                    if let Some(id) = assigned.get(rng.random_range(0..assigned.len().max(1))) {
                        let status = if rng.random_bool(0.7) {
                            RequestStatus::Done
                        } else {
                            RequestStatus::NotDone
                        };
                        let _ = self.reg.set_request_status(id, status, None);
                    }
                }
                _ => {
                    let live = self.strings(
                        "SELECT id FROM help_request
                         WHERE status IN ('open', 'assigned') AND deleted_at IS NULL",
                    );
                    if let Some(id) = live.get(rng.random_range(0..live.len().max(1))) {
                        let _ = self
                            .reg
                            .set_request_status(id, RequestStatus::Cancelled, None);
                    }
                }
            }
        }
        self.note_queue();
    }
}

/// How one sync cycle is mistreated.
#[derive(Debug, Clone)]
struct Scenario {
    name: &'static str,
    rules: Vec<Rule>,
    chaos: f64,
    attempts: u32,
    /// `kill -9` the desk after this long, if it still runs.
    kill_after: Option<Duration>,
    /// The desk's clock is this far off.
    clock: Option<String>,
    /// The platform is restarted with this failpoint armed for the cycle.
    failpoint: Option<&'static str>,
}

impl Scenario {
    fn calm(name: &'static str) -> Scenario {
        Scenario {
            name,
            rules: Vec::new(),
            chaos: 0.0,
            attempts: 6,
            kill_after: None,
            clock: None,
            failpoint: None,
        }
    }

    fn may_kill_client(&self) -> bool {
        self.kill_after.is_some()
            || self.rules.iter().any(|r| {
                matches!(
                    r.action,
                    Action::KillClientBefore
                        | Action::KillClientBeforeResponse
                        | Action::KillClientAfterResponse
                )
            })
    }

    /// A random scenario; kills are placed on steps this cycle will reach (a push only when
    /// something is queued).
    fn roll(rng: &mut ChaCha8Rng, queued: bool) -> Scenario {
        let step = |rng: &mut ChaCha8Rng| -> &'static str {
            match rng.random_range(0..5) {
                0 => "/v1/hello",
                1 | 2 if queued => "/v1/push",
                _ => "/v1/pull",
            }
        };
        let mut s = Scenario {
            attempts: if rng.random_bool(0.8) { 1 } else { 2 },
            ..Scenario::calm("calm")
        };
        match rng.random_range(0..100) {
            0..=11 => {}
            12..=41 => {
                s.name = "wire faults";
                s.chaos = 0.35;
            }
            42..=56 => {
                s.name = "desk killed at a step";
                let action = [
                    Action::KillClientBefore,
                    Action::KillClientBeforeResponse,
                    Action::KillClientAfterResponse,
                ][rng.random_range(0..3)];
                s.rules.push(Rule {
                    path: step(rng),
                    nth: 1,
                    action,
                });
            }
            57..=64 => {
                s.name = "desk killed at a random time";
                s.kill_after = Some(Duration::from_millis(rng.random_range(20..450)));
            }
            65..=76 => {
                s.name = "platform killed at a step";
                let action = if rng.random_bool(0.5) {
                    Action::KillServerBefore
                } else {
                    Action::KillServerBeforeResponse
                };
                s.rules.push(Rule {
                    path: step(rng),
                    nth: 1,
                    action,
                });
            }
            77..=84 => {
                s.name = "platform crashes inside a push";
                s.failpoint = Some(if rng.random_bool(0.5) {
                    "after_ledger_insert"
                } else {
                    "after_commit_before_response"
                });
            }
            _ => {
                s.name = "desk clock days off";
                let days = rng.random_range(1..10);
                let sign = if rng.random_bool(0.5) { '+' } else { '-' };
                s.clock = Some(format!("{sign}{days}d"));
                s.chaos = 0.15;
            }
        }
        s
    }
}

/// How a `solidesk sync` process ended.
#[derive(Debug)]
enum Ended {
    Succeeded(Value),
    Failed(String),
    Killed,
}

/// The platform's database, read directly by the checks (never through the platform).
enum PlatformDb {
    Sqlite(PathBuf),
    Postgres(Box<Postgres>),
}

/// A database on the test PostgreSQL server, with a client of the checks' own.
struct Postgres {
    url: String,
    runtime: tokio::runtime::Runtime,
    client: tokio_postgres::Client,
}

impl PlatformDb {
    fn sqlite(dir: &std::path::Path) -> PlatformDb {
        PlatformDb::Sqlite(dir.join("platform.sqlite"))
    }

    fn postgres() -> PlatformDb {
        let url = cluster::fresh_database();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let client = runtime.block_on(async {
            let (client, connection) = tokio_postgres::connect(&url, tokio_postgres::NoTls)
                .await
                .expect("the test PostgreSQL server");
            tokio::spawn(connection);
            client
        });
        PlatformDb::Postgres(Box::new(Postgres {
            url,
            runtime,
            client,
        }))
    }

    /// What the platform's `--db` takes.
    fn arg(&self) -> PathBuf {
        match self {
            PlatformDb::Sqlite(path) => path.clone(),
            PlatformDb::Postgres(pg) => PathBuf::from(&pg.url),
        }
    }

    /// `sql`'s rows, every value as text ('' for NULL).
    fn rows(&self, sql: &str) -> Vec<Vec<String>> {
        match self {
            PlatformDb::Sqlite(path) => {
                let conn = rusqlite::Connection::open(path).expect("platform db");
                conn.busy_timeout(Duration::from_secs(10)).expect("busy");
                let mut stmt = conn.prepare(sql).expect(sql);
                let n = stmt.column_count();
                stmt.query_map([], |r| {
                    (0..n)
                        .map(|i| {
                            r.get::<_, Option<String>>(i)
                                .or_else(|_| r.get::<_, i64>(i).map(|v| Some(v.to_string())))
                                .map(Option::unwrap_or_default)
                        })
                        .collect()
                })
                .expect(sql)
                .collect::<rusqlite::Result<_>>()
                .expect(sql)
            }
            // The simple protocol answers every value as text, whatever its type.
            PlatformDb::Postgres(pg) => pg
                .runtime
                .block_on(pg.client.simple_query(sql))
                .expect(sql)
                .into_iter()
                .filter_map(|m| match m {
                    tokio_postgres::SimpleQueryMessage::Row(row) => Some(
                        (0..row.len())
                            .map(|i| row.get(i).unwrap_or_default().to_owned())
                            .collect(),
                    ),
                    _ => None,
                })
                .collect(),
        }
    }

    /// A volunteer's capacity per day, as SQL on `v.data`.
    fn capacity(&self) -> &'static str {
        match self {
            PlatformDb::Sqlite(_) => "json_extract(v.data, '$.capacity_per_day')",
            PlatformDb::Postgres(_) => "(v.data->>'capacity_per_day')::int",
        }
    }
}

struct World {
    seed: u64,
    dir: tempfile::TempDir,
    db: PlatformDb,
    platform: Platform,
    /// The platform's clock offset while it runs skewed.
    platform_clock: Option<String>,
    proxy: Proxy,
    desks: Vec<Desk>,
    /// Every platform volunteer as last written.
    volunteers: Vec<Value>,
    /// National numbers, names, streets and phones that must never cross the wire.
    secrets: Vec<String>,
    wire_bytes: usize,
}

impl World {
    fn ctx(&self) -> String {
        format!(
            "(seed {}: replay with SOLIDESK_FAULT_SEED={})",
            self.seed, self.seed
        )
    }

    fn start_platform(&mut self, failpoint: Option<&'static str>) {
        self.platform = Platform::start_with(
            &self.db.arg(),
            &PlatformOptions {
                failpoint: failpoint.map(str::to_owned),
                clock_offset: self.platform_clock.clone(),
            },
        );
        self.proxy
            .set_upstream(self.platform.addr, self.platform.pid());
    }

    fn platform_rows(&self, sql: &str) -> Vec<Vec<String>> {
        self.db.rows(sql)
    }

    /// Runs one `solidesk sync` process for desk `d` under `scenario`.
    fn sync(&mut self, d: usize, scenario: &Scenario) -> Ended {
        let desk = &self.desks[d];
        let out = self.dir.path().join("sync.out");
        let err = self.dir.path().join("sync.err");
        let mut command = Command::new(env!("CARGO_BIN_EXE_solidesk"));
        if let Some(offset) = &scenario.clock {
            common::skew_clock(&mut command, offset);
        }
        command
            .arg("--db")
            .arg(&desk.path)
            .args([
                "sync",
                "--json",
                "--attempts",
                &scenario.attempts.to_string(),
            ])
            .env("SOLIDESK_KEY", KEY)
            .env_remove("SOLIDESK_DB")
            .env_remove("SOLIDESK_PLATFORM")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out).expect("out"))
            .stderr(std::fs::File::create(&err).expect("err"));
        let mut child = command.spawn().expect("solidesk runs");
        self.proxy.round(
            scenario.rules.clone(),
            scenario.chaos,
            Some(child.id()),
            Some(self.platform.pid()),
        );
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            if scenario
                .kill_after
                .is_some_and(|after| started.elapsed() >= after)
            {
                proxy::kill9(child.id());
            }
            assert!(
                started.elapsed() < Duration::from_secs(90),
                "a sync hung for 90 s {}; proxy: {:?}",
                self.ctx(),
                self.proxy.log()
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        self.proxy.set_client(None);
        let stdout = std::fs::read_to_string(&out).unwrap_or_default();
        let stderr = std::fs::read_to_string(&err).unwrap_or_default();
        assert!(
            !stderr.contains("panicked"),
            "the desk panicked {}: {stderr}",
            self.ctx()
        );
        use std::os::unix::process::ExitStatusExt;
        if status.signal() == Some(9) {
            return Ended::Killed;
        }
        if status.success() {
            Ended::Succeeded(serde_json::from_str(&stdout).unwrap_or_else(|e| {
                panic!("sync printed no report ({e}) {}: {stdout}", self.ctx())
            }))
        } else {
            assert!(
                status.code().is_some() && !stderr.trim().is_empty(),
                "a failed sync must exit with a code and say why {}: {status:?} {stderr:?}",
                self.ctx()
            );
            Ended::Failed(stderr)
        }
    }

    fn ledger(&self) -> HashSet<String> {
        self.platform_rows("SELECT mutation_id FROM applied_mutation")
            .into_iter()
            .map(|r| r[0].clone())
            .collect()
    }

    /// Checked after every round: capacity, no duplicate outcome, nothing personal on the wire.
    fn check_round(&mut self, round: usize) {
        let capacity = self.db.capacity();
        let over = self.platform_rows(&format!(
            "SELECT c.volunteer_id, c.date, count(*), {capacity}
             FROM claim c JOIN volunteer v ON v.id = c.volunteer_id
             WHERE c.status IN ('held', 'confirmed', 'done')
             GROUP BY c.volunteer_id, c.date, {capacity}
             HAVING count(*) > {capacity}"
        ));
        assert!(
            over.is_empty(),
            "round {round}: volunteers booked beyond capacity {over:?} {}",
            self.ctx()
        );
        let doubled = self
            .platform_rows("SELECT claim_id FROM outcome GROUP BY claim_id HAVING count(*) > 1");
        assert!(
            doubled.is_empty(),
            "round {round}: two outcomes for one claim {doubled:?} {}",
            self.ctx()
        );
        let wire = self.proxy.take_wire();
        self.wire_bytes += wire.len();
        for secret in &self.secrets {
            assert!(
                !wire.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "round {round}: {secret:?} crossed the wire {}",
                self.ctx()
            );
        }
    }

    /// A change on the platform's side: a volunteer renamed, moved, given more room, paused,
    /// leaving or coming back. Capacity only grows, so no change can make an old claim unfair.
    fn platform_change(&mut self, rng: &mut ChaCha8Rng) {
        let i = rng.random_range(0..self.volunteers.len());
        let v = &mut self.volunteers[i];
        match rng.random_range(0..5) {
            0 => {
                let name = format!(
                    "{}-{}",
                    v["last_name"].as_str().unwrap_or("V"),
                    rng.random_range(0..10)
                );
                v["last_name"] = Value::from(name.chars().take(40).collect::<String>());
            }
            1 => {
                v["postal_code"] =
                    Value::from(["9000", "9030", "9040", "1000"][rng.random_range(0..4)])
            }
            2 => {
                let cap = v["capacity_per_day"].as_u64().unwrap_or(1);
                v["capacity_per_day"] = Value::from((cap + 1).min(4));
            }
            _ => v["status"] = Value::from(["active", "paused", "left"][rng.random_range(0..3)]),
        }
        let file = self.dir.path().join("volunteer.json");
        std::fs::write(
            &file,
            serde_json::to_vec(std::slice::from_ref(v)).expect("json"),
        )
        .expect("write");
        self.platform
            .admin_plain(&["volunteers", "import", file.to_str().expect("path")]);
    }
}

fn setup(seed: u64, postgres: bool) -> World {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = if postgres {
        PlatformDb::postgres()
    } else {
        PlatformDb::sqlite(dir.path())
    };
    let platform = Platform::start_with(&db.arg(), &PlatformOptions::default());
    let proxy = Proxy::start(platform.addr, seed ^ 0x5eed);
    proxy.set_upstream(platform.addr, platform.pid());
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let answers: Vec<Value> = OFFICES
        .iter()
        .map(|(name, codes, _)| {
            platform.admin(&[
                "offices",
                "add",
                "--name",
                name,
                "--postal-codes",
                &codes.join(","),
            ])
        })
        .collect();
    for (last, postal, capacity) in [
        ("Gent-Een", "9000", "2"),
        ("Gent-Twee", "9000", "1"),
        ("Grens-Een", "9030", "1"),
        ("Grens-Twee", "9030", "1"),
        ("Grens-Drie", "9030", "2"),
        ("Mariakerke-Een", "9040", "1"),
    ] {
        add_volunteer(&platform, last, postal, capacity);
    }
    let volunteers: Vec<Value> = db
        .rows("SELECT data FROM volunteer ORDER BY id")
        .iter()
        .map(|r| serde_json::from_str(&r[0]).expect("image"))
        .collect();
    let key = Key::new(KEY).expect("key");
    let mut secrets = Vec::new();
    let mut desks = Vec::new();
    for (desk_name, office, tag) in DESKS {
        let (_, _, postal) = OFFICES[office];
        let answer = &answers[office];
        let path = dir.path().join(format!("{desk_name}.db"));
        let mut reg = Register::create(&path, &key).expect("register");
        let mut residents = Vec::new();
        for (i, last) in ["Dubœuf", "Verhaegen", "Lambrechts", "Ngoyi"]
            .iter()
            .enumerate()
        {
            let nn = national_number(&mut rng);
            let phone = format!(
                "0470{:06}",
                rng.random_range(0..1_000_000) * 10 % 1_000_000 + i
            );
            let street = format!("Koutergeheimstraat{}", rng.random_range(100..999));
            let resident = reg
                .add_resident(&NewResident {
                    first_name: "Hélène".into(),
                    last_name: format!("{last}{tag}"),
                    national_number: Some(nn.clone()),
                    street: street.clone(),
                    house_number: "12".into(),
                    postal_code: Some(postal.into()),
                    phones: vec![phone.clone()],
                    source: "fault test".into(),
                    ..Default::default()
                })
                .expect("resident");
            // Every form the number could travel in: digits, formatted, the phone as typed
            // and in E.164.
            secrets.push(nn.clone());
            secrets.push(format!(
                "{}.{}.{}-{}.{}",
                &nn[0..2],
                &nn[2..4],
                &nn[4..6],
                &nn[6..9],
                &nn[9..11]
            ));
            secrets.push(resident.last_name.clone());
            secrets.push(street);
            secrets.push(phone[1..].to_owned());
            residents.push(resident.id.clone());
        }
        reg.enrol(
            &proxy.url(),
            answer["enrolment_secret"].as_str().expect("secret"),
            desk_name,
        )
        .expect("enrol through the proxy");
        // A later desk of an office takes the key from a code shown on the first one.
        if let Some(first) = desks.iter().find(|d: &&Desk| d.office == office) {
            let code = first
                .reg
                .office_key_code()
                .expect("the first desk holds the key");
            reg.join_office_key(&code.to_lowercase())
                .expect("the office's code is taken");
        }
        let mut desk = Desk {
            name: desk_name,
            office,
            conn: Desk::open(&path),
            path,
            reg,
            residents,
            committed: BTreeSet::new(),
        };
        desk.note_queue();
        desks.push(desk);
    }
    World {
        seed,
        dir,
        db,
        platform,
        platform_clock: None,
        proxy,
        desks,
        volunteers,
        secrets,
        wire_bytes: 0,
    }
}

#[test]
fn randomized_faults_lose_nothing_and_duplicate_nothing() {
    randomized_rounds(false, 200);
}

#[test]
fn randomized_faults_on_postgresql_lose_nothing_and_duplicate_nothing() {
    randomized_rounds(true, 100);
}

fn randomized_rounds(postgres: bool, default_rounds: u64) {
    let seed = setting(
        "SOLIDESK_FAULT_SEED",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(7),
    );
    let rounds = setting("SOLIDESK_FAULT_ROUNDS", default_rounds) as usize;
    let budget = Duration::from_secs(setting("SOLIDESK_FAULT_SECONDS", default_rounds));
    let store = if postgres { "PostgreSQL" } else { "SQLite" };
    eprintln!("fault injection on {store}: seed {seed} (replay with SOLIDESK_FAULT_SEED={seed})");
    println!("fault injection on {store}: seed {seed} (replay with SOLIDESK_FAULT_SEED={seed})");
    let mut world = setup(seed, postgres);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let started = Instant::now();
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    let mut done = 0;
    while done < rounds && started.elapsed() < budget {
        done += 1;
        let d = rng.random_range(0..world.desks.len());
        world.desks[d].work(&mut rng);
        if rng.random_bool(0.08) {
            world.platform_change(&mut rng);
        }
        if rng.random_bool(0.04) {
            // The platform's own clock goes wrong for a while (or comes right again).
            world.platform_clock = match world.platform_clock {
                None => Some(format!(
                    "{}{}d",
                    if rng.random_bool(0.5) { '+' } else { '-' },
                    rng.random_range(1..6)
                )),
                Some(_) => None,
            };
            world.start_platform(None);
        }
        let queued = !world.desks[d]
            .strings("SELECT mutation_id FROM outbox")
            .is_empty();
        let scenario = Scenario::roll(&mut rng, queued);
        if let Some(point) = scenario.failpoint {
            world.start_platform(Some(point));
        }
        let before = world.desks[d].committed.clone();
        let success_before = world.desks[d].last_success();
        let ended = world.sync(d, &scenario);
        let outcome = match &ended {
            Ended::Succeeded(_) => "ok",
            Ended::Failed(_) => "failed",
            Ended::Killed => "killed",
        };
        *tally
            .entry(format!("{} → {outcome}", scenario.name))
            .or_default() += 1;
        match ended {
            Ended::Succeeded(report) => {
                // A cycle that says it succeeded had every earlier change decided.
                let ledger = world.ledger();
                let missing: Vec<_> = before.iter().filter(|id| !ledger.contains(*id)).collect();
                assert!(
                    missing.is_empty(),
                    "round {done}: a sync reported success ({report}) but {missing:?} never reached the platform {}; proxy: {:?}",
                    world.ctx(),
                    world.proxy.log()
                );
            }
            Ended::Failed(message) => {
                assert!(
                    scenario.name != "calm",
                    "round {done}: a calm sync failed: {message} {}; proxy: {:?}",
                    world.ctx(),
                    world.proxy.log()
                );
                let success_after = world.desks[d].last_success();
                assert_eq!(
                    success_before,
                    success_after,
                    "round {done}: a failed sync recorded a success {}",
                    world.ctx()
                );
            }
            Ended::Killed => assert!(
                scenario.may_kill_client(),
                "round {done}: the desk died without being killed {}",
                world.ctx()
            ),
        }
        if !world.platform.running() || scenario.failpoint.is_some() {
            world.start_platform(None);
        }
        world.check_round(done);
        world.desks[d].note_queue();
    }
    assert!(
        done >= rounds / 2,
        "only {done} rounds ran in {budget:?} {}",
        world.ctx()
    );

    // Settle: a healthy platform with a right clock, calm syncs until nothing moves.
    world.platform_clock = None;
    world.start_platform(None);
    // Four passes: a record one desk of an office sends reaches the other in the next pass,
    // and a request that lost a conflict there is sent again in the one after.
    for _ in 0..4 {
        for d in 0..world.desks.len() {
            match world.sync(d, &Scenario::calm("settle")) {
                Ended::Succeeded(_) => {}
                other => panic!("a settling sync did not succeed: {other:?} {}", world.ctx()),
            }
            world.desks[d].note_queue();
        }
    }
    world.check_round(done + 1);
    check_converged(&world);
    eprintln!(
        "fault injection on {store}: {done} rounds in {:.0?}, {} KiB on the wire; {tally:#?}",
        started.elapsed(),
        world.wire_bytes / 1024
    );
}

/// The end state: nothing waiting, every mutation decided once, requests, claims and
/// volunteers the same on both sides, and the desks of one office holding the same records.
fn check_converged(world: &World) {
    let ctx = world.ctx();
    let ledger = world.platform_rows("SELECT mutation_id FROM applied_mutation");
    let ledger: HashSet<String> = ledger.into_iter().map(|r| r[0].clone()).collect();
    let platform_requests: BTreeMap<String, Value> = world
        .platform_rows("SELECT id, image FROM help_request")
        .into_iter()
        .map(|r| (r[0].clone(), serde_json::from_str(&r[1]).expect("image")))
        .collect();
    let claims: BTreeMap<String, (String, String)> = world
        .platform_rows("SELECT id, office_id, status FROM claim")
        .into_iter()
        .map(|r| (r[0].clone(), (r[1].clone(), r[2].clone())))
        .collect();
    // A refusal is kept as an issue on the desk that sent the change; the office's other desk
    // holds the booking without it.
    let issues: HashSet<String> = world
        .desks
        .iter()
        .flat_map(|d| d.strings("SELECT entity_id || ' ' || reason FROM sync_issue"))
        .collect();
    let conflicts: HashSet<String> = world
        .desks
        .iter()
        .flat_map(|d| d.strings("SELECT record_id FROM office_conflict"))
        .collect();
    let mut all_requests = BTreeSet::new();
    for desk in &world.desks {
        let waiting = desk.strings("SELECT mutation_id FROM outbox");
        assert!(
            waiting.is_empty(),
            "{}: still waiting {waiting:?} {ctx}",
            desk.name
        );
        let missing: Vec<_> = desk
            .committed
            .iter()
            .filter(|id| !ledger.contains(*id))
            .collect();
        assert!(
            missing.is_empty(),
            "{}: committed mutations the platform never decided: {missing:?} {ctx}",
            desk.name
        );

        // Requests: the platform holds each once, with the desk's status.
        let requests = desk.strings("SELECT id || ' ' || status FROM help_request");
        for row in &requests {
            let (id, status) = row.split_once(' ').expect("id status");
            let image = platform_requests.get(id).unwrap_or_else(|| {
                panic!(
                    "{}: request {id} never reached the platform {ctx}",
                    desk.name
                )
            });
            assert_eq!(image["status"], status, "{}: request {id} {ctx}", desk.name);
            all_requests.insert(id.to_owned());
        }

        // Claims against the desk's bookings of platform volunteers.
        let bookings = desk.strings(
            "SELECT a.id || ' ' || a.status || ' ' || (a.deleted_at IS NOT NULL) || ' ' || q.status
                    || ' ' || q.id
             FROM assignment a JOIN volunteer v ON v.id = a.volunteer_id
             JOIN help_request q ON q.id = a.request_id
             WHERE v.platform_id IS NOT NULL",
        );
        for row in &bookings {
            let parts: Vec<&str> = row.split(' ').collect();
            let (id, status, deleted, request, request_id) =
                (parts[0], parts[1], parts[2] == "1", parts[3], parts[4]);
            let issue = issues.iter().any(|i| i.starts_with(id));
            // Two desks of one office did contradictory things with one booking at once (one
            // reported the day done, the other reopened or cancelled the request): the platform
            // kept the first report and refused the other, which waits as an issue, or the
            // desks kept the other desk's version of the request and set this one aside as a
            // conflict. Either way it waits for a person, never silently.
            let shared = world
                .desks
                .iter()
                .filter(|d| d.office == desk.office)
                .count()
                > 1;
            let contradicted = shared
                && (issues.contains(&format!("{id} invalid_transition"))
                    || conflicts.contains(id)
                    || conflicts.contains(request_id));
            let claim = claims.get(id).map(|(_, s)| s.as_str());
            let live = !deleted && matches!(status, "proposed" | "confirmed");
            let fine = match (claim, live, status, request) {
                // Refused by the platform (a paused volunteer, ...): kept as an issue here.
                (None, ..) => issue,
                // Lost to another office: declined here, and the caseworker told.
                (Some("lost"), ..) => issue && !live,
                (Some(s), true, "confirmed", "done" | "not_done") => s == "done",
                (Some(s), true, _, "cancelled") => s == "released",
                (Some(s), true, "proposed", _) => s == "held",
                (Some(s), true, _, _) => s == "confirmed",
                (Some(s), false, ..) => s == "released",
            };
            assert!(
                fine || contradicted,
                "{}: booking {id} is {status} (request {request}, deleted {deleted}, issue {issue}) but the platform's claim is {claim:?} {ctx}",
                desk.name
            );
        }
    }
    assert_eq!(
        platform_requests.len(),
        all_requests.len(),
        "the platform holds requests no desk has {ctx}"
    );

    // Volunteers: each desk sees exactly the platform's volunteers of its postal codes.
    for desk in &world.desks {
        let codes = OFFICES[desk.office].1;
        let mut here = desk.strings(
            "SELECT platform_id || ' ' || last_name FROM volunteer
             WHERE platform_id IS NOT NULL AND deleted_at IS NULL",
        );
        here.sort();
        let mut there: Vec<String> = world
            .volunteers
            .iter()
            .filter(|v| {
                v["status"] != "left" && codes.contains(&v["postal_code"].as_str().unwrap_or(""))
            })
            .map(|v| {
                format!(
                    "{} {}",
                    v["id"].as_str().unwrap_or(""),
                    v["last_name"].as_str().unwrap_or("")
                )
            })
            .collect();
        there.sort();
        assert_eq!(
            here, there,
            "{}: volunteers differ from the platform's {ctx}",
            desk.name
        );
    }

    // The desks of one office: the same records at the same versions, the same requests,
    // bookings and residents, and nothing left waiting.
    for desk in &world.desks {
        let parked = desk.strings("SELECT record_id || ' ' || reason FROM office_parked");
        assert!(
            parked.is_empty(),
            "{}: records still parked {parked:?} {ctx}",
            desk.name
        );
    }
    let image = |desk: &Desk| -> Vec<Vec<String>> {
        [
            "SELECT record_id || ' ' || hlc || ' ' || author || ' ' || dirty FROM office_record
             ORDER BY record_id",
            "SELECT id || ' ' || status || ' ' || due_date || ' ' || (deleted_at IS NULL)
             FROM help_request ORDER BY id",
            "SELECT id || ' ' || request_id || ' ' || volunteer_id || ' ' || status
             FROM assignment ORDER BY id",
            "SELECT id || ' ' || last_name || ' ' || coalesce(national_number, '')
             FROM resident ORDER BY id",
        ]
        .iter()
        .map(|sql| desk.strings(sql))
        .collect()
    };
    for (i, a) in world.desks.iter().enumerate() {
        for b in world
            .desks
            .iter()
            .skip(i + 1)
            .filter(|b| b.office == a.office)
        {
            let (left, right) = (image(a), image(b));
            for (what, (l, r)) in ["office records", "requests", "bookings", "residents"]
                .iter()
                .zip(left.iter().zip(&right))
            {
                let only_left: Vec<_> = l.iter().filter(|x| !r.contains(x)).collect();
                let only_right: Vec<_> = r.iter().filter(|x| !l.contains(x)).collect();
                assert!(
                    only_left.is_empty() && only_right.is_empty(),
                    "{} and {} differ in their {what}: only on {}: {only_left:?}; only on {}: {only_right:?} {ctx}",
                    a.name,
                    b.name,
                    a.name,
                    b.name
                );
            }
            assert!(
                !left[0].is_empty() && !left[3].is_empty(),
                "{} and {} share no records {ctx}",
                a.name,
                b.name
            );
        }
    }
}
