//! Two offices, two registers, two `solidesk` processes and one `solidesk-platform` process on
//! loopback: volunteers reach the right office, requests and outcomes reach the platform exactly
//! once, and a volunteer claimed by both offices is held by one while the other is told.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Command;

use common::{Platform, add_volunteer as volunteer};
use serde_json::Value;

const KEY: &str = "sync test key";

struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    fn new() -> Self {
        Office {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        let out = Command::new(env!("CARGO_BIN_EXE_solidesk"))
            .arg("--db")
            .arg(self.dir.path().join("register.db"))
            .args(args)
            .env("SOLIDESK_KEY", KEY)
            .env_remove("SOLIDESK_DB")
            .env_remove("SOLIDESK_PLATFORM")
            .output()
            .expect("solidesk runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "a panic: {stderr}");
        out
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("JSON")
    }

    fn sync(&self) -> Value {
        self.json(&["sync", "--json"])
    }

    fn request_status(&self) -> String {
        let list = self.json(&[
            "requests",
            "list",
            "--from",
            "2026-12-01",
            "--to",
            "2026-12-01",
            "--json",
        ]);
        list[0]["status"].as_str().expect("status").to_owned()
    }

    fn volunteer_number(&self, last_name: &str) -> String {
        self.json(&["volunteers", "list", "--json"])
            .as_array()
            .expect("array")
            .iter()
            .find(|v| v["last_name"] == last_name)
            .map(|v| v["local_id"].to_string())
            .expect("volunteer here")
    }

    fn volunteer_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .json(&["volunteers", "list", "--json"])
            .as_array()
            .expect("array")
            .iter()
            .map(|v| v["last_name"].as_str().expect("name").to_owned())
            .collect();
        names.sort();
        names
    }
}

#[test]
fn two_offices_sync_through_one_platform() {
    let dir = tempfile::tempdir().expect("temp dir");
    let platform = Platform::start(dir.path());
    let gent = platform.admin(&[
        "offices",
        "add",
        "--name",
        "OCMW Gent",
        "--postal-codes",
        "9000,9030",
    ]);
    let mariakerke = platform.admin(&[
        "offices",
        "add",
        "--name",
        "Dienstencentrum Mariakerke",
        "--postal-codes",
        "9030,9040",
    ]);
    volunteer(&platform, "Only-Gent", "9000", "2");
    volunteer(&platform, "Only-Mariakerke", "9040", "2");
    volunteer(&platform, "Shared", "9030", "1");

    let a = Office::new();
    let b = Office::new();
    for (office, answer, postal, nn, name) in [
        (&a, &gent, "9000", "85.07.30-033.28", "Dubœuf"),
        (&b, &mariakerke, "9030", "40.11.05-002.86", "Verhaegen"),
    ] {
        office.ok(&["init", "--office-name", answer["name"].as_str().unwrap()]);
        office.ok(&[
            "residents",
            "add",
            "--last-name",
            name,
            "--first-name",
            "Hélène",
            "--phone",
            "0470 12 34 56",
            "--postal-code",
            postal,
            "--street",
            "Kouter",
            "--number",
            "12",
            "--national-number",
            nn,
        ]);
        // A request made before the desk was enrolled reaches the platform too.
        office.ok(&[
            "requests",
            "add",
            "--resident",
            "1",
            "--kind",
            "groceries",
            "--date",
            "2026-12-01",
        ]);
        let enrolled = office.json(&[
            "sync",
            "enrol",
            "--platform",
            &platform.url,
            "--secret",
            answer["enrolment_secret"].as_str().unwrap(),
            "--name",
            "desk 1",
            "--json",
        ]);
        assert_eq!(enrolled["name"], answer["name"]);
        let status = office.json(&["sync", "status", "--json"]);
        assert_eq!(status["enrolled"], true);
        assert_eq!(status["waiting"], 1, "{status}");
    }

    // First cycle: each office's request goes up once, and its resident and request sealed for
    // the office's other desks; each receives its postal codes' volunteers.
    let first_a = a.sync();
    assert_eq!(first_a["office_sealed"], 2, "{first_a}");
    assert_eq!(first_a["applied"], 3, "{first_a}");
    assert_eq!(a.volunteer_names(), ["Only-Gent", "Shared"]);
    let first_b = b.sync();
    assert_eq!(first_b["applied"], 3, "{first_b}");
    assert_eq!(b.volunteer_names(), ["Only-Mariakerke", "Shared"]);
    assert_eq!(platform.count("SELECT count(*) FROM help_request"), 2);

    // Both offices book the shared volunteer (capacity 1) for the same day, offline.
    for office in [&a, &b] {
        let shared = office.volunteer_number("Shared");
        office.ok(&["match", "assign", "1", &shared, "--date", "2026-12-01"]);
        // Not sent yet: the claim and the request's new status wait in the outbox.
        let status = office.json(&["sync", "status", "--json"]);
        assert!(status["waiting"].as_u64().unwrap() >= 2, "{status}");
    }
    let second_a = a.sync();
    assert_eq!(second_a["claims_lost"], 0, "{second_a}");
    let second_b = b.sync();
    assert_eq!(second_b["claims_lost"], 1, "{second_b}");

    // The loser is told, by whom, and its request is open again; the winner holds the volunteer.
    let status_b = b.json(&["sync", "status", "--json"]);
    let issues = status_b["issues"].as_array().expect("issues");
    assert_eq!(issues.len(), 1, "{status_b}");
    assert_eq!(issues[0]["reason"], "claim_lost");
    assert_eq!(issues[0]["holder"], "OCMW Gent");
    let text = b.ok(&["sync", "status"]);
    assert!(text.contains("OCMW Gent"), "{text}");
    assert_eq!(b.request_status(), "open");
    assert_eq!(a.request_status(), "assigned");
    assert!(
        a.json(&["sync", "status", "--json"])["issues"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        platform.count("SELECT count(*) FROM claim WHERE status IN ('held', 'confirmed')"),
        1
    );

    // The outcome goes up once, however many times the desk syncs afterwards.
    a.ok(&["requests", "status", "1", "done"]);
    a.sync();
    a.sync();
    b.sync();
    assert_eq!(platform.count("SELECT count(*) FROM outcome"), 1);
    assert_eq!(platform.count("SELECT count(*) FROM help_request"), 2);
    for office in [&a, &b] {
        assert_eq!(office.json(&["sync", "status", "--json"])["waiting"], 0);
    }
    // Every mutation the platform applied, exactly once by id.
    assert_eq!(
        platform.count("SELECT count(*) - count(DISTINCT mutation_id) FROM applied_mutation"),
        0
    );

    // Nothing personal about the residents is stored on the platform.
    let conn = rusqlite::Connection::open(&platform.db).expect("db");
    let dump: String = conn
        .query_row(
            "SELECT coalesce((SELECT group_concat(image, ' ') FROM help_request), '')
                    || coalesce((SELECT group_concat(blob, ' ') FROM office_record), '')
                    || coalesce((SELECT group_concat(data, ' ') FROM change_log), '')",
            [],
            |r| r.get(0),
        )
        .expect("dump");
    for secret in [
        "85073003328",
        "40110500286",
        "Dubœuf",
        "Verhaegen",
        "Kouter",
        "32470123456",
    ] {
        assert!(
            !dump.contains(secret),
            "{secret} reached the platform: {dump}"
        );
    }
}

/// An office whose line is down: its desk writes a request file, the platform's operator answers
/// it, and the desk imports the answer. The same batches as online (a file that crosses an
/// online sync is answered with duplicates), each answer applied once, and a changed or
/// misdirected file refused whole.
#[test]
fn an_office_without_a_connection_syncs_by_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let platform = Platform::start(dir.path());
    let gent = platform.admin(&[
        "offices",
        "add",
        "--name",
        "OCMW Gent",
        "--postal-codes",
        "9000",
    ]);
    let other = platform.admin(&[
        "offices",
        "add",
        "--name",
        "OCMW Aalst",
        "--postal-codes",
        "9300",
    ]);
    volunteer(&platform, "Peeters", "9000", "2");
    volunteer(&platform, "Claes", "9000", "1");

    let a = Office::new();
    let b = Office::new();
    for (office, answer) in [(&a, &gent), (&b, &other)] {
        office.ok(&["init", "--office-name", answer["name"].as_str().unwrap()]);
        office.ok(&[
            "sync",
            "enrol",
            "--platform",
            &platform.url,
            "--secret",
            answer["enrolment_secret"].as_str().unwrap(),
            "--json",
        ]);
    }
    a.ok(&[
        "residents",
        "add",
        "--last-name",
        "Dubœuf",
        "--first-name",
        "Hélène",
        "--postal-code",
        "9000",
        "--national-number",
        "85.07.30-033.28",
    ]);
    for date in ["2026-12-01", "2026-12-02"] {
        a.ok(&[
            "requests",
            "add",
            "--resident",
            "1",
            "--kind",
            "groceries",
            "--date",
            date,
        ]);
    }
    let files = tempfile::tempdir().expect("stick");
    let path = |name: &str| files.path().join(name).to_str().unwrap().to_owned();

    // The desk writes what it would send (two requests, and the resident and both requests
    // sealed for the office's other desks); nothing leaves its queue yet.
    let export = a.json(&["sync", "export", &path("gent-1.json"), "--json"]);
    assert_eq!(export["mutations"], 5, "{export}");
    assert_eq!(export["batches"], 1, "{export}");
    assert_eq!(a.json(&["sync", "status", "--json"])["waiting"], 5);
    let request_file = std::fs::read_to_string(path("gent-1.json")).unwrap();
    for secret in ["85073003328", "Dubœuf", "Hélène"] {
        assert!(!request_file.contains(secret), "{secret} is in the file");
    }

    // A request file changed on the way is refused whole.
    let forged = request_file.replacen("groceries", "pharmacy", 1);
    std::fs::write(path("forged.json"), &forged).unwrap();
    let refused = Command::new(common::platform_binary())
        .args([
            "exchange",
            &path("forged.json"),
            "--answer",
            &path("x.json"),
        ])
        .arg("--db")
        .arg(&platform.db)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(why.contains("changed"), "{why}");
    assert!(!files.path().join("x.json").exists());
    assert_eq!(platform.count("SELECT count(*) FROM help_request"), 0);

    // The operator answers it; the platform applied the two requests.
    let exchanged = platform.admin(&[
        "exchange",
        &path("gent-1.json"),
        "--answer",
        &path("gent-1-answer.json"),
    ]);
    assert_eq!(exchanged["applied"], 5, "{exchanged}");
    assert_eq!(platform.count("SELECT count(*) FROM help_request"), 2);

    // Another desk cannot import it; a changed answer is refused; nothing is applied.
    let wrong_desk = b.run(&["sync", "import", &path("gent-1-answer.json")]);
    assert!(!wrong_desk.status.success());
    assert!(String::from_utf8_lossy(&wrong_desk.stderr).contains("another desk"));
    let answer = std::fs::read_to_string(path("gent-1-answer.json")).unwrap();
    std::fs::write(
        path("changed-answer.json"),
        answer.replacen("Peeters", "Janssens", 1),
    )
    .unwrap();
    let changed = a.run(&["sync", "import", &path("changed-answer.json")]);
    assert!(!changed.status.success());
    assert!(String::from_utf8_lossy(&changed.stderr).contains("changed"));
    assert_eq!(a.json(&["sync", "status", "--json"])["waiting"], 5);
    assert!(a.volunteer_names().is_empty());

    // The real answer: the queue empties, the office's volunteers arrive.
    let imported = a.json(&["sync", "import", &path("gent-1-answer.json"), "--json"]);
    assert_eq!(imported["applied"], 5, "{imported}");
    assert_eq!(imported["pull_applied"], true, "{imported}");
    assert_eq!(a.volunteer_names(), ["Claes", "Peeters"]);
    let status = a.json(&["sync", "status", "--json"]);
    assert_eq!(status["waiting"], 0, "{status}");
    assert!(status["last_success_at"].is_string(), "{status}");

    // Importing it twice changes nothing.
    let again = a.json(&["sync", "import", &path("gent-1-answer.json"), "--json"]);
    assert_eq!(again["applied"], 0, "{again}");
    assert_eq!(again["batches_already_answered"], 1, "{again}");
    assert_eq!(again["pull_applied"], false, "{again}");

    // A file that crosses the line coming back: the desk exports, then syncs online before the
    // answer arrives. The platform sees the same batch twice and applies it once.
    a.ok(&["requests", "status", "1", "cancelled"]);
    a.json(&["sync", "export", &path("gent-2.json"), "--json"]);
    let online = a.sync();
    assert_eq!(online["applied"], 2, "{online}");
    let late = platform.admin(&[
        "exchange",
        &path("gent-2.json"),
        "--answer",
        &path("gent-2-answer.json"),
    ]);
    assert_eq!(late["applied"], 0, "{late}");
    assert_eq!(late["duplicates"], 2, "{late}");
    let stale = a.json(&["sync", "import", &path("gent-2-answer.json"), "--json"]);
    assert_eq!(stale["batches_already_answered"], 1, "{stale}");
    assert_eq!(
        platform.count("SELECT count(*) FROM applied_mutation"),
        7,
        "two requests, one cancellation and four sealed records, each once"
    );
}

/// Two caseworkers of one office, each with a register of their own. The first desk's key
/// becomes the office's; the second desk gets it from a code shown on the first, never from the
/// platform. Residents, requests and notes made on either desk reach the other through the
/// platform sealed, and the platform stores only ciphertext. Two desks changing one record at
/// once end with the same version, and both show the other version as a conflict.
#[test]
fn two_desks_of_one_office_share_their_records_sealed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let platform = Platform::start(dir.path());
    let gent = platform.admin(&[
        "offices",
        "add",
        "--name",
        "OCMW Gent",
        "--postal-codes",
        "9000",
    ]);
    let secret = gent["enrolment_secret"].as_str().unwrap();
    let a = Office::new();
    let b = Office::new();
    for desk in [&a, &b] {
        desk.ok(&["init", "--office-name", "OCMW Gent"]);
    }
    let resident = a.json(&[
        "residents",
        "add",
        "--last-name",
        "Dubœuf",
        "--first-name",
        "Hélène",
        "--phone",
        "0470 12 34 56",
        "--postal-code",
        "9000",
        "--street",
        "Kouter",
        "--number",
        "12",
        "--national-number",
        "85.07.30-033.28",
        "--notes",
        "Hears badly, let it ring long",
        "--json",
    ]);
    let resident_id = resident["id"].as_str().unwrap().to_owned();
    a.ok(&[
        "requests",
        "add",
        "--resident",
        "1",
        "--kind",
        "groceries",
        "--date",
        "2026-12-01",
        "--notes",
        "brood en melk",
    ]);
    a.ok(&[
        "sync",
        "enrol",
        "--platform",
        &platform.url,
        "--secret",
        secret,
        "--name",
        "desk a",
    ]);
    let told = b.ok(&[
        "sync",
        "enrol",
        "--platform",
        &platform.url,
        "--secret",
        secret,
        "--name",
        "desk b",
    ]);
    assert!(told.contains("sync key join"), "{told}");
    assert_eq!(a.json(&["sync", "status", "--json"])["office_key"], "held");
    assert_eq!(
        b.json(&["sync", "status", "--json"])["office_key"],
        "missing"
    );

    // Desk a seals its resident and request; desk b, without the key, keeps them aside.
    let first = a.sync();
    assert_eq!(first["office_sealed"], 2, "{first}");
    let keyless = b.sync();
    assert_eq!(keyless["office_parked"], 2, "{keyless}");
    assert!(
        b.json(&["residents", "search", "dubo", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The code from desk a, typed on desk b. A code of another key is refused first.
    let code = a.ok(&["sync", "key", "show"]).trim().to_owned();
    assert_eq!(code.len(), 69, "{code}");
    let stranger = "AAAA-".repeat(13) + "AAAA";
    let refused = b.run(&["sync", "key", "join", &stranger]);
    assert!(!refused.status.success());
    let joined = b.json(&["sync", "key", "join", &code.to_lowercase(), "--json"]);
    assert_eq!(joined["received"], 2, "{joined}");
    let found = b.json(&["residents", "search", "dubo", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    let there = b.json(&["residents", "show", &resident_id, "--json"]);
    assert_eq!(there["national_number"], resident["national_number"]);
    assert_eq!(there["notes"], "Hears badly, let it ring long");
    assert_eq!(there["phones"], resident["phones"]);
    let requests = b.json(&[
        "requests",
        "list",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-01",
        "--json",
    ]);
    assert_eq!(requests[0]["notes"], "brood en melk", "{requests}");

    // Desk b takes a call for her: desk a gets the request.
    b.ok(&[
        "requests",
        "add",
        "--resident",
        &resident_id,
        "--kind",
        "pharmacy",
        "--date",
        "2026-12-02",
        "--notes",
        "voorschrift ligt klaar",
    ]);
    b.sync();
    let back = a.sync();
    assert_eq!(back["office_received"], 1, "{back}");
    let on_a = a.json(&[
        "requests",
        "list",
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-02",
        "--json",
    ]);
    assert_eq!(on_a[0]["notes"], "voorschrift ligt klaar", "{on_a}");

    // Both desks change her door note before either syncs: one version stays on both desks,
    // and both show the other one.
    a.ok(&[
        "residents",
        "access",
        &resident_id,
        "--note",
        "Key with the neighbour at 14",
    ]);
    b.ok(&[
        "residents",
        "access",
        &resident_id,
        "--note",
        "Ring twice, the bell is weak",
    ]);
    a.sync();
    b.sync();
    a.sync();
    let note = |desk: &Office| {
        desk.ok(&["residents", "access", &resident_id])
            .trim()
            .to_owned()
    };
    assert_eq!(note(&a), note(&b));
    for desk in [&a, &b] {
        let status = desk.json(&["sync", "status", "--json"]);
        let conflicts = status["office_conflicts"].as_array().unwrap();
        assert_eq!(conflicts.len(), 1, "{status}");
        assert_eq!(conflicts[0]["label"], "Hélène Dubœuf");
        assert_eq!(status["office_parked"], 0, "{status}");
        assert_eq!(status["waiting"], 0, "{status}");
    }
    let id = a.json(&["sync", "status", "--json"])["office_conflicts"][0]["id"].to_string();
    a.ok(&["sync", "resolve", &id]);
    assert!(
        a.json(&["sync", "status", "--json"])["office_conflicts"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The platform holds her records only as ciphertext, each mutation once.
    let conn = rusqlite::Connection::open(&platform.db).expect("db");
    let dump: String = conn
        .query_row(
            "SELECT coalesce((SELECT group_concat(blob, ' ') FROM office_record), '')
                    || coalesce((SELECT group_concat(data, ' ') FROM change_log), '')",
            [],
            |r| r.get(0),
        )
        .expect("dump");
    assert!(platform.count("SELECT count(*) FROM office_record") >= 3);
    for secret in [
        "85073003328",
        "Dubœuf",
        "Hélène",
        "Kouter",
        "32470123456",
        "Hears badly",
        "brood",
        "neighbour",
        code.as_str(),
    ] {
        assert!(!dump.contains(secret), "{secret} reached the platform");
    }
    assert_eq!(
        platform.count("SELECT count(*) - count(DISTINCT mutation_id) FROM applied_mutation"),
        0
    );
}
