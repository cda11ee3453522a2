//! The real binary: the CLI commands, `serve` on a free port, and the crash failpoints.

mod cluster;
#[path = "suite/harness.rs"]
mod harness;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use harness::{mutation, request_image, volunteer_image};
use reqwest::blocking::Client;
use solidesk_protocol::{
    ChangeOp, Cursors, EnrolRequest, Enrolment, HEADER_PROTOCOL, MutationBody, PullRequest,
    PullResponse, PushRequest, PushResponse, ResultStatus,
};
use tempfile::TempDir;
use uuid::Uuid;

fn platform(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_solidesk-platform"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout_of(db: &Path, args: &[&str]) -> String {
    let output = platform(db, args);
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

/// A `serve` process; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(db: &Path, failpoint: Option<&str>) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_solidesk-platform"));
        command
            .args([
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--admin-token",
                "t0ken",
                "--db",
            ])
            .arg(db)
            .env_remove("SOLIDESK_PLATFORM_FAILPOINT")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(point) = failpoint {
            command.env("SOLIDESK_PLATFORM_FAILPOINT", point);
        }
        let mut child = command.spawn().expect("serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("a line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        assert!(!url.ends_with(":0"), "{url}");
        Server { child, url }
    }

    fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        body: &impl serde::Serialize,
    ) -> Result<T, String> {
        let mut request = client()
            .post(format!("{}{path}", self.url))
            .header(HEADER_PROTOCOL, "1")
            .json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().map_err(|e| e.to_string())?;
        let status = response.status();
        let text = response.text().map_err(|e| e.to_string())?;
        if !status.is_success() {
            return Err(format!("{status}: {text}"));
        }
        serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))
    }

    fn hello_status(&self, token: &str) -> u16 {
        client()
            .get(format!("{}/v1/hello", self.url))
            .header(HEADER_PROTOCOL, "1")
            .bearer_auth(token)
            .send()
            .expect("sent")
            .status()
            .as_u16()
    }

    fn enrol(&self, secret: &str) -> Enrolment {
        self.post(
            "/v1/enrol",
            None,
            &EnrolRequest {
                enrolment_secret: secret.to_owned(),
                device_name: "desk".into(),
                office_key_id: None,
            },
        )
        .expect("enrolled")
    }

    fn pull(&self, token: &str) -> PullResponse {
        self.post(
            "/v1/pull",
            Some(token),
            &PullRequest {
                cursors: Cursors::new(),
                limit: 0,
                epoch: None,
            },
        )
        .expect("pulled")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

fn scratch() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("platform.sqlite");
    (dir, db)
}

/// Adds an office covering 9000 and returns its enrolment secret.
fn office(db: &Path) -> String {
    let json = stdout_of(
        db,
        &[
            "offices",
            "add",
            "--name",
            "OCMW Gent",
            "--postal-codes",
            "9000,9030",
            "--json",
        ],
    );
    let office: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(office["office_id"], 1);
    assert_eq!(office["postal_codes"], serde_json::json!(["9000", "9030"]));
    office["enrolment_secret"]
        .as_str()
        .expect("secret")
        .to_owned()
}

#[test]
fn the_binary_manages_offices_volunteers_and_desks() {
    let (_dir, db) = scratch();
    let secret = office(&db);
    assert_eq!(secret.len(), 64);
    let text = stdout_of(
        &db,
        &[
            "offices",
            "add",
            "--name",
            "OCMW Aalst",
            "--postal-codes",
            "9300",
        ],
    );
    assert!(
        text.contains("office_id: 2") && text.contains("enrolment_secret: "),
        "{text}"
    );
    let list: Vec<solidesk_protocol::OfficeInfo> =
        serde_json::from_str(&stdout_of(&db, &["offices", "list", "--json"])).expect("json");
    assert_eq!(list.len(), 2);
    assert_eq!(list[1].name, "OCMW Aalst");

    let id = stdout_of(
        &db,
        &[
            "volunteers",
            "add",
            "--first-name",
            "An",
            "--last-name",
            "Peeters",
            "--postal-code",
            "9000",
            "--phone",
            "+32470123456",
            "--languages",
            "nl,fr",
            "--tasks",
            "groceries,pharmacy",
            "--capacity",
            "2",
            "--availability",
            "1:morning,3:afternoon",
        ],
    );
    let id: Uuid = id.trim().parse().expect("a volunteer id");
    let file = db.with_file_name("volunteers.json");
    let imported = [volunteer_image("9030", 1), volunteer_image("9300", 1)];
    std::fs::write(&file, serde_json::to_string(&imported).expect("json")).expect("written");
    let text = stdout_of(&db, &["volunteers", "import", file.to_str().expect("path")]);
    assert!(text.starts_with("2 volunteers imported"), "{text}");
    // An import with one bad entry stores none of them.
    let mut bad = volunteer_image("9031", 1);
    bad.languages = vec!["klingon".into()];
    let mixed = [volunteer_image("9030", 1), bad];
    std::fs::write(&file, serde_json::to_string(&mixed).expect("json")).expect("written");
    let refused = platform(&db, &["volunteers", "import", file.to_str().expect("path")]);
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("nothing was imported") && why.contains("entry 2"),
        "{why}"
    );
    let conn = rusqlite::Connection::open(&db).expect("platform db");
    let stored: i64 = conn
        .query_row(
            "SELECT count(*) FROM volunteer WHERE id = ?1",
            [mixed[0].id.to_string()],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        stored, 0,
        "the good entry of a refused import is not stored"
    );

    let server = Server::start(&db, None);
    let desk = server.enrol(&secret);
    assert_eq!(server.hello_status(&desk.token), 200);
    let page = server.pull(&desk.token);
    let ids: Vec<Uuid> = page.changes.iter().map(|c| c.entity_id).collect();
    assert_eq!(ids, [id, imported[0].id], "only the office's postal codes");

    stdout_of(&db, &["volunteers", "leave", &id.to_string()]);
    let page = server.pull(&desk.token);
    let last = page.changes.iter().rfind(|c| c.entity_id == id);
    assert!(
        matches!(last.map(|c| &c.op), Some(ChangeOp::Remove { .. })),
        "{last:?}"
    );

    stdout_of(&db, &["devices", "revoke", &desk.device_id.to_string()]);
    assert_eq!(server.hello_status(&desk.token), 403);

    // Errors: one line on stderr, status 1.
    for args in [
        &["offices", "add", "--name", "X", "--postal-codes", "90"][..],
        &["volunteers", "leave", &Uuid::now_v7().to_string()],
        &["devices", "revoke", "not-a-uuid"],
        &[
            "volunteers",
            "add",
            "--first-name",
            "A",
            "--last-name",
            "",
            "--postal-code",
            "9000",
        ],
    ] {
        let output = platform(&db, args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.starts_with("error"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    // SIGTERM stops the server cleanly.
    let mut server = server;
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = server.child.wait().expect("the server exits");
    assert!(exit.success(), "{exit:?}");
}

/// A desk with one group of two mutations (a request and a claim on it) ready to push; `files`
/// is a scratch directory for the import file.
fn two_mutation_group(db: &Path, files: &Path) -> (String, PushRequest) {
    let secret = office(db);
    let volunteer = volunteer_image("9000", 1);
    let file = files.join("volunteer.json");
    std::fs::write(&file, serde_json::to_string(&[&volunteer]).expect("json")).expect("written");
    stdout_of(db, &["volunteers", "import", file.to_str().expect("path")]);
    let request = request_image("9000");
    let push = PushRequest {
        epoch: Uuid::now_v7(),
        batch_id: Uuid::now_v7(),
        mutations: vec![
            mutation(1, 1, MutationBody::Request(request.clone())),
            mutation(2, 1, harness::claim(&volunteer, &request, harness::day(1))),
        ],
    };
    (secret, push)
}

fn statuses(response: &PushResponse) -> Vec<ResultStatus> {
    response.results.iter().map(|r| r.status).collect()
}

/// A fresh PostgreSQL database as the `--db` argument, and a scratch directory for files.
fn postgres_scratch() -> (TempDir, PathBuf) {
    (
        tempfile::tempdir().expect("tempdir"),
        PathBuf::from(cluster::fresh_database()),
    )
}

#[test]
fn a_crash_inside_a_push_loses_the_whole_group() {
    let (dir, db) = scratch();
    crash_inside_a_push(&db, dir.path());
}

#[test]
fn a_crash_inside_a_push_loses_the_whole_group_on_postgres() {
    let (dir, db) = postgres_scratch();
    crash_inside_a_push(&db, dir.path());
}

fn crash_inside_a_push(db: &Path, files: &Path) {
    let (secret, push) = two_mutation_group(db, files);
    let mut server = Server::start(db, Some("after_ledger_insert"));
    let desk = server.enrol(&secret);
    let crashed = server.post::<PushResponse>("/v1/push", Some(&desk.token), &push);
    assert!(crashed.is_err(), "{crashed:?}");
    let exit = server.child.wait().expect("exited");
    assert!(!exit.success());

    let server = Server::start(db, None);
    let own: Vec<_> = server
        .pull(&desk.token)
        .changes
        .into_iter()
        .filter(|c| c.bucket.starts_with("office:"))
        .collect();
    assert!(own.is_empty(), "nothing of the group survived: {own:?}");
    let answer: PushResponse = server
        .post("/v1/push", Some(&desk.token), &push)
        .expect("pushed");
    assert_eq!(
        statuses(&answer),
        [ResultStatus::Applied, ResultStatus::Applied]
    );
}

#[test]
fn a_crash_after_commit_answers_duplicates_on_retry() {
    let (dir, db) = scratch();
    crash_after_commit(&db, dir.path());
}

#[test]
fn a_crash_after_commit_answers_duplicates_on_retry_on_postgres() {
    let (dir, db) = postgres_scratch();
    crash_after_commit(&db, dir.path());
}

fn crash_after_commit(db: &Path, files: &Path) {
    let (secret, push) = two_mutation_group(db, files);
    let mut server = Server::start(db, Some("after_commit_before_response"));
    let desk = server.enrol(&secret);
    let crashed = server.post::<PushResponse>("/v1/push", Some(&desk.token), &push);
    assert!(crashed.is_err(), "{crashed:?}");
    assert!(!server.child.wait().expect("exited").success());

    let server = Server::start(db, None);
    let answer: PushResponse = server
        .post("/v1/push", Some(&desk.token), &push)
        .expect("pushed");
    assert_eq!(
        statuses(&answer),
        [ResultStatus::Duplicate, ResultStatus::Duplicate]
    );
    let own = server
        .pull(&desk.token)
        .changes
        .into_iter()
        .filter(|c| c.bucket.starts_with("office:"))
        .count();
    assert_eq!(own, 2, "the request and the claim, once each");
    // An unknown failpoint name is refused at start-up rather than ignored.
    let output = Command::new(env!("CARGO_BIN_EXE_solidesk-platform"))
        .args(["serve", "--listen", "127.0.0.1:0", "--db"])
        .arg(db)
        .env("SOLIDESK_PLATFORM_FAILPOINT", "after_lunch")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn serve_on_postgres_syncs_a_desk_and_the_commands_manage_it() {
    let (dir, db) = postgres_scratch();
    let secret = office(&db);
    let volunteer: Uuid = stdout_of(
        &db,
        &[
            "volunteers",
            "add",
            "--first-name",
            "An",
            "--last-name",
            "Peeters",
            "--postal-code",
            "9000",
            "--capacity",
            "1",
        ],
    )
    .trim()
    .parse()
    .expect("a volunteer id");
    let list: Vec<solidesk_protocol::OfficeInfo> =
        serde_json::from_str(&stdout_of(&db, &["offices", "list", "--json"])).expect("json");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].postal_codes, ["9000", "9030"]);

    let server = Server::start(&db, None);
    let desk = server.enrol(&secret);
    assert_eq!(server.hello_status(&desk.token), 200);
    let request = request_image("9000");
    let push = PushRequest {
        epoch: Uuid::now_v7(),
        batch_id: Uuid::now_v7(),
        mutations: vec![
            mutation(1, 1, MutationBody::Request(request.clone())),
            mutation(
                2,
                1,
                MutationBody::Claim {
                    claim_id: Uuid::now_v7(),
                    volunteer_id: volunteer,
                    request_id: request.id,
                    date: harness::day(1),
                },
            ),
        ],
    };
    let answer: PushResponse = server
        .post("/v1/push", Some(&desk.token), &push)
        .expect("pushed");
    assert_eq!(
        statuses(&answer),
        [ResultStatus::Applied, ResultStatus::Applied]
    );
    // A second platform process on the same database serves the same feed.
    let other = Server::start(&db, None);
    let page = other.pull(&desk.token);
    let ids: Vec<Uuid> = page.changes.iter().map(|c| c.entity_id).collect();
    assert!(ids.contains(&volunteer), "{ids:?}");
    assert!(ids.contains(&request.id), "{ids:?}");
    let repeated: PushResponse = other
        .post("/v1/push", Some(&desk.token), &push)
        .expect("pushed again");
    assert_eq!(
        statuses(&repeated),
        [ResultStatus::Duplicate, ResultStatus::Duplicate]
    );

    stdout_of(&db, &["volunteers", "leave", &volunteer.to_string()]);
    let page = server.pull(&desk.token);
    let last = page.changes.iter().rfind(|c| c.entity_id == volunteer);
    assert!(
        matches!(last.map(|c| &c.op), Some(ChangeOp::Remove { .. })),
        "{last:?}"
    );
    stdout_of(&db, &["devices", "revoke", &desk.device_id.to_string()]);
    assert_eq!(server.hello_status(&desk.token), 403);

    // A server that cannot be reached: one line naming the database without its password.
    let unreachable = Path::new("postgres://someone:s3cret@127.0.0.1:1/none");
    let output = platform(unreachable, &["offices", "list"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .starts_with("error: cannot open the database postgres://someone:***@127.0.0.1:1/none"),
        "{stderr}"
    );
    assert!(!stderr.contains("s3cret"), "{stderr}");
    drop(dir);
}
