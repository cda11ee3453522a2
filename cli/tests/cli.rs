//! End-to-end tests of the `solidesk` binary: real processes on real encrypted register files.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

const KEY: &str = "tafel-lamp-fiets";

struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("register.db")
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run_with_key(&self, key: Option<&str>, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_solidesk"));
        cmd.arg("--db")
            .arg(self.db())
            .args(args)
            .env_remove("SOLIDESK_DB");
        match key {
            Some(k) => cmd.env("SOLIDESK_KEY", k),
            None => cmd.env_remove("SOLIDESK_KEY"),
        };
        let out = cmd.output().expect("the binary runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains("panicked"),
            "a panic reached the user: {stderr}"
        );
        out
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with_key(Some(KEY), args)
    }

    /// Runs a command that must succeed and returns its standard output.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8 output")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("valid JSON")
    }

    /// Runs a command that must fail with one clear sentence; returns that sentence.
    fn fails(&self, key: Option<&str>, args: &[&str]) -> String {
        let out = self.run_with_key(key, args);
        assert!(!out.status.success(), "{args:?} should have failed");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 error");
        let line = stderr.trim();
        assert!(line.starts_with("error: "), "{args:?}: {stderr}");
        assert_eq!(
            line.lines().count(),
            1,
            "one sentence, not a trace: {stderr}"
        );
        line.to_owned()
    }

    fn register_bytes(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(self.dir.path())
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("register.db"))
            })
            .collect();
        files.sort();
        files
            .into_iter()
            .map(|p| (p.clone(), fs::read(&p).expect("read")))
            .collect()
    }

    fn resident_count(&self) -> usize {
        self.json(&["residents", "list", "--limit", "100000", "--json"])
            .as_array()
            .expect("array")
            .len()
    }
}

fn with_register() -> Desk {
    let desk = Desk::new();
    desk.ok(&[
        "init",
        "--office-name",
        "OCMW Gent",
        "--nis",
        "44021",
        "--language",
        "nl",
    ]);
    desk.ok(&[
        "residents",
        "add",
        "--last-name",
        "Dubœuf",
        "--first-name",
        "Hélène",
        "--phone",
        "0470 12 34 56",
        "--phone",
        "09 223 45 67",
        "--postal-code",
        "9000",
        "--street",
        "Kouter",
        "--number",
        "12",
        "--national-number",
        "85.07.30-033.28",
        "--language",
        "fr",
    ]);
    desk.ok(&[
        "residents",
        "add",
        "--last-name",
        "Peeters",
        "--first-name",
        "Jan",
        "--phone",
        "02 512 34 56",
        "--postal-code",
        "1000",
    ]);
    desk.ok(&[
        "volunteers",
        "add",
        "--last-name",
        "Claes",
        "--first-name",
        "Sofie",
        "--postal-code",
        "9000",
        "--availability",
        "mon-fri:morning",
        "--languages",
        "nl,fr",
    ]);
    desk
}

#[test]
fn a_caller_is_found_by_name_and_by_phone_in_any_form() {
    let desk = with_register();
    for query in [
        "duboeuf",
        "DUBŒUF",
        "hel dub",
        "0470/12.34.56",
        "+32 (0)470 12 34 56",
        "3456",
        "09 223",
    ] {
        let hits = desk.json(&["residents", "search", query, "--json"]);
        let hits = hits.as_array().expect("array");
        assert!(
            hits.iter().any(|h| h["last_name"] == "Dubœuf"),
            "{query:?} should find Dubœuf: {hits:?}"
        );
    }
    let shown = desk.json(&["residents", "show", "1", "--json"]);
    assert_eq!(
        shown["phones"],
        serde_json::json!(["+32470123456", "+3292234567"])
    );
    assert_eq!(shown["national_number"], "85073003328");
    assert_eq!(shown["birth_date"], "1985-07-30");
    assert_eq!(shown["language"], "fr");
    assert_eq!(shown["locality"], "Gent");
}

#[test]
fn requests_are_recorded_and_listed_with_their_repetitions() {
    let desk = with_register();
    desk.ok(&[
        "requests",
        "add",
        "--resident",
        "1",
        "--kind",
        "groceries",
        "--date",
        "01/12/2026",
        "--window",
        "09:00-11:00",
        "--repeat",
        "weekly",
        "--notes",
        "brood, melk, kaas",
    ]);
    desk.ok(&[
        "requests",
        "add",
        "--resident",
        "2",
        "--kind",
        "pharmacy",
        "--date",
        "2026-12-02",
        "--urgency",
        "urgent",
    ]);
    let list = desk.json(&[
        "requests",
        "list",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-14",
        "--json",
    ]);
    let dates: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|o| o["date"].as_str().expect("date"))
        .collect();
    assert_eq!(dates, vec!["2026-12-01", "2026-12-02", "2026-12-08"]);
    let first = &list[0];
    assert_eq!(first["kind"], "groceries");
    assert_eq!(first["part_of_day"], "morning");
    assert_eq!(first["status"], "open");
    let status = desk.json(&["requests", "status", "2", "cancelled", "--json"]);
    assert_eq!(status["status"], "cancelled");
}

#[test]
fn the_register_file_is_not_a_database_to_plain_sqlite3() {
    let desk = with_register();
    let out = Command::new("sqlite3")
        .arg(desk.db())
        .arg("SELECT count(*) FROM sqlite_master;")
        .output()
        .expect("sqlite3 is installed (the test command installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "plain sqlite3 must not read the register"
    );
    assert!(stderr.contains("file is not a database"), "{stderr}");
}

#[test]
fn bad_input_to_every_command_is_one_sentence_and_changes_nothing() {
    let desk = with_register();
    let backup = desk.path("backup.db");
    desk.ok(&["backup", backup.to_str().expect("path")]);
    let before = desk.register_bytes();
    let b = backup.to_str().expect("path");
    let out_csv = desk.path("out.csv");
    let o = out_csv.to_str().expect("path");

    // Wrong key, for every command that opens the register.
    for args in [
        &["residents", "list"][..],
        &["residents", "search", "peeters"],
        &["residents", "show", "1"],
        &["residents", "add", "--last-name", "X"],
        &["volunteers", "list"],
        &["volunteers", "show", "1"],
        &[
            "volunteers",
            "add",
            "--last-name",
            "X",
            "--postal-code",
            "9000",
        ],
        &["requests", "list"],
        &[
            "requests",
            "add",
            "--resident",
            "1",
            "--kind",
            "chat",
            "--date",
            "2026-12-01",
        ],
        &["office"],
        &["backup", "another.db"],
        &["restore", b],
        &["export", "residents", o],
        &["demo", "--residents", "5"],
    ] {
        let msg = desk.fails(Some("wrong key"), args);
        assert!(msg.contains("key does not open"), "{args:?}: {msg}");
    }
    assert!(!out_csv.exists(), "no export with a wrong key");
    assert!(!desk.path("another.db").exists());

    // No key at all.
    let msg = desk.fails(None, &["residents", "list"]);
    assert!(msg.contains("SOLIDESK_KEY"), "{msg}");
    let msg = desk.fails(
        None,
        &[
            "--key-file",
            desk.path("nokey").to_str().expect("path"),
            "residents",
            "list",
        ],
    );
    assert!(msg.contains("key file"), "{msg}");

    // Unknown ids.
    for args in [
        &["residents", "show", "999"][..],
        &["residents", "show", "01900000-0000-7000-8000-000000000000"],
        &["volunteers", "show", "42"],
        &[
            "requests",
            "add",
            "--resident",
            "999",
            "--kind",
            "chat",
            "--date",
            "2026-12-01",
        ],
        &["requests", "status", "77", "done"],
    ] {
        let msg = desk.fails(Some(KEY), args);
        assert!(msg.contains("No "), "{args:?}: {msg}");
    }

    // Invalid values.
    for (args, expected) in [
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--national-number",
                "85.07.30-033.29",
            ][..],
            "check digits",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--national-number",
                "7,40405E+10",
            ],
            "scientific notation",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--phone",
                "09 123 45 67",
            ],
            "not a valid phone",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--phone",
                "call my son",
            ],
            "not a valid phone",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--postal-code",
                "9999",
            ],
            "does not exist",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--birth-date",
                "12/31/1950",
            ],
            "not a date",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "X",
                "--language",
                "klingon",
            ],
            "language",
        ),
        (
            &[
                "residents",
                "add",
                "--last-name",
                "Twin",
                "--national-number",
                "85073003328",
            ],
            "already has this national",
        ),
        (
            &[
                "volunteers",
                "add",
                "--last-name",
                "X",
                "--postal-code",
                "0000",
            ],
            "does not exist",
        ),
        (
            &[
                "volunteers",
                "add",
                "--last-name",
                "X",
                "--postal-code",
                "9000",
                "--phone",
                "12",
            ],
            "not a valid phone",
        ),
        (
            &[
                "volunteers",
                "add",
                "--last-name",
                "X",
                "--postal-code",
                "9000",
                "--availability",
                "funday:am",
            ],
            "not a slot",
        ),
        (
            &[
                "requests",
                "add",
                "--resident",
                "1",
                "--kind",
                "shopping",
                "--date",
                "2026-12-01",
            ],
            "not one of",
        ),
        (
            &[
                "requests",
                "add",
                "--resident",
                "1",
                "--kind",
                "chat",
                "--date",
                "2026-13-01",
            ],
            "not a date",
        ),
        (
            &[
                "requests",
                "add",
                "--resident",
                "1",
                "--kind",
                "chat",
                "--date",
                "2026-12-01",
                "--repeat",
                "often",
            ],
            "not a repetition",
        ),
        (&["requests", "status", "1", "done"], "No request"),
        (&["requests", "list", "--status", "lost"], "not one of"),
        (&["office", "--nis", "12345"], "NIS code"),
        (&["office", "--postal-codes", "1000,9999"], "does not exist"),
        (&["init"], "already exists"),
        (&["demo", "--residents", "5"], "already holds people"),
        (&["backup", b], "already exists"),
    ] {
        let msg = desk.fails(Some(KEY), args);
        assert!(
            msg.contains(expected),
            "{args:?}: expected {expected:?} in {msg}"
        );
    }

    // Missing files.
    let msg = desk.fails(
        Some(KEY),
        &["restore", desk.path("absent.db").to_str().expect("path")],
    );
    assert!(msg.contains("absent.db"), "{msg}");
    let msg = desk.fails(
        Some(KEY),
        &["export", "residents", "/nonexistent-folder/x.csv"],
    );
    assert!(msg.contains("x.csv"), "{msg}");

    assert_eq!(
        desk.register_bytes(),
        before,
        "no failed command may change the register"
    );
    assert_eq!(desk.resident_count(), 2);

    let missing = Desk::new();
    let msg = missing.fails(Some(KEY), &["residents", "list"]);
    assert!(msg.contains("no register"), "{msg}");
    assert!(!missing.db().exists(), "a failed open creates nothing");
}

#[test]
fn backup_and_restore_through_the_command_line() {
    let desk = with_register();
    let backup = desk.path("monday.db");
    desk.ok(&["backup", backup.to_str().expect("path")]);
    desk.ok(&["residents", "add", "--last-name", "Tuesday"]);
    assert_eq!(desk.resident_count(), 3);
    desk.ok(&["restore", backup.to_str().expect("path")]);
    assert_eq!(desk.resident_count(), 2);
    assert!(
        desk.json(&["residents", "search", "tuesday", "--json"])
            .as_array()
            .expect("array")
            .is_empty()
    );

    // A new desk restores the backup into a register it does not have yet.
    let other = Desk::new();
    other.ok(&["restore", backup.to_str().expect("path")]);
    assert_eq!(other.resident_count(), 2);
}

#[test]
fn export_opens_in_belgian_excel_and_demo_is_reproducible() {
    let a = Desk::new();
    let b = Desk::new();
    let args = [
        "demo",
        "--residents",
        "300",
        "--volunteers",
        "40",
        "--seed",
        "42",
        "--today",
        "2026-11-27",
        "--json",
    ];
    let summary = a.json(&args);
    assert_eq!(summary["residents"], 300);
    assert_eq!(summary["volunteers"], 40);
    assert_eq!(summary["requests"], 75);
    b.json(&args);
    for what in ["residents", "volunteers"] {
        let (fa, fb) = (a.path("a.csv"), b.path("b.csv"));
        a.ok(&["export", what, fa.to_str().expect("path")]);
        b.ok(&["export", what, fb.to_str().expect("path")]);
        let (ca, cb) = (fs::read(&fa).expect("a"), fs::read(&fb).expect("b"));
        assert_eq!(ca, cb, "the same seed must give the same {what}");
        assert!(ca.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
        let text = String::from_utf8(ca).expect("UTF-8");
        let header = text.lines().next().expect("header");
        assert!(header.contains(";Last name;"), "{header}");
        let rows = text.lines().count() - 1;
        assert_eq!(rows, if what == "residents" { 300 } else { 40 });
        for line in text.lines().skip(1) {
            for cell in line.split(';') {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "formula-like cell {cell:?}"
                );
            }
        }
    }
}

#[test]
fn listing_commands_speak_json() {
    let desk = with_register();
    desk.ok(&[
        "requests",
        "add",
        "--resident",
        "2",
        "--kind",
        "chat",
        "--date",
        "2026-12-01",
    ]);
    for args in [
        &["residents", "list", "--json"][..],
        &["residents", "search", "peeters", "--json"],
        &["volunteers", "list", "--json"],
        &["requests", "list", "--date", "2026-12-01", "--json"],
    ] {
        let v = desk.json(args);
        assert!(!v.as_array().expect("array").is_empty(), "{args:?}");
    }
    let v = desk.json(&["volunteers", "show", "1", "--json"]);
    assert_eq!(v["languages"], serde_json::json!(["nl", "fr"]));
    assert_eq!(v["availability"].as_array().expect("slots").len(), 5);
    let office = desk.json(&["office", "--json"]);
    assert_eq!(office["nis_code"], "44021");
    assert!(
        office["postal_codes"]
            .as_array()
            .expect("codes")
            .iter()
            .any(|c| c == "9000")
    );
}

#[test]
fn a_key_file_opens_the_register_like_the_variable() {
    let desk = with_register();
    let key_file = desk.path("key.txt");
    fs::write(&key_file, format!("{KEY}\n")).expect("write key file");
    let out = desk.run_with_key(
        None,
        &[
            "--key-file",
            key_file.to_str().expect("path"),
            "residents",
            "list",
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The command-line examples of the README run as written (in a scratch folder, with a smaller
/// demo), so the first thing a new user copies works.
#[test]
fn the_readme_examples_work() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("## Using the command line")
        .nth(1)
        .expect("README has a command-line section");
    let block = section
        .split("```sh")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a sh block");
    let desk = Desk::new();
    let script = block
        .replace("/media/usb/", &format!("{}/", desk.dir.path().display()))
        .replace(
            "--residents 500000 --volunteers 20000",
            "--residents 300 --volunteers 20",
        );
    let bin_dir = PathBuf::from(env!("CARGO_BIN_EXE_solidesk"));
    let bin_dir = bin_dir.parent().expect("binary folder");
    let out = Command::new("bash")
        .arg("-euo")
        .arg("pipefail")
        .arg("-c")
        .arg(&script)
        .current_dir(desk.dir.path())
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin_dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .env("SOLIDESK_DB", desk.db())
        .env_remove("SOLIDESK_KEY")
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "README example failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Dubœuf"),
        "the searches find the resident added above: {stdout}"
    );
    assert!(desk.path("demo.db").exists());
}

#[test]
fn absurd_limits_are_not_a_crash() {
    let desk = with_register();
    for args in [
        &[
            "residents",
            "search",
            "peeters",
            "--limit",
            "18446744073709551615",
            "--json",
        ][..],
        &[
            "residents",
            "list",
            "--limit",
            "18446744073709551615",
            "--offset",
            "18446744073709551615",
            "--json",
        ],
        &[
            "volunteers",
            "list",
            "--offset",
            "18446744073709551615",
            "--json",
        ],
    ] {
        desk.json(args);
    }
    // A malformed argument is a usage error from the argument parser (exit status 2), not a crash.
    let out = desk.run(&["residents", "search", "x", "--limit", "-1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("error:"));
}

#[test]
fn an_import_killed_half_way_leaves_the_register_as_it_was() {
    use std::io::{BufRead, BufReader};
    let desk = Desk::new();
    desk.ok(&["init"]);
    let list = desk.path("list.csv");
    let list_arg = list.to_str().expect("path");
    desk.ok(&[
        "demo",
        "--residents",
        "20000",
        "--seed",
        "3",
        "--write-list",
        list_arg,
    ]);
    // Someone is in the register before the import.
    let first = desk.path("first.csv");
    fs::write(&first, "Naam;Voornaam;Postcode\nPeeters;Jan;9000\n").expect("write");
    desk.ok(&["import", "residents", first.to_str().expect("path")]);
    let before = desk.ok(&["residents", "list", "--json"]);

    let mut child = Command::new(env!("CARGO_BIN_EXE_solidesk"))
        .arg("--db")
        .arg(desk.db())
        .args(["import", "residents", list_arg, "--progress"])
        .env("SOLIDESK_KEY", KEY)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut reached = 0;
    for line in BufReader::new(stderr).lines() {
        let line = line.expect("line");
        let progress: Value = serde_json::from_str(&line).expect("progress line");
        reached = progress["rows"].as_u64().expect("rows");
        if reached >= 10_000 {
            break;
        }
    }
    assert!(
        reached >= 10_000,
        "the import ended before half-way ({reached} rows)"
    );
    child.kill().expect("kill");
    let status = child.wait().expect("wait");
    assert!(!status.success(), "killed, not finished");

    // The register opens, holds exactly what it held, and knows of no import but the first.
    assert_eq!(desk.ok(&["residents", "list", "--json"]), before);
    let imports: Value =
        serde_json::from_str(&desk.ok(&["imports", "list", "--json"])).expect("json");
    assert_eq!(imports.as_array().map(Vec::len), Some(1));
    // The same file then imports in full.
    let report: Value =
        serde_json::from_str(&desk.ok(&["import", "residents", list_arg, "--json"])).expect("json");
    assert_eq!(report["rows"], 20_000);
    assert_eq!(
        report["created"].as_u64().expect("created")
            + report["duplicates_in_file"].as_u64().expect("dups"),
        20_000
    );
}

#[test]
fn import_speaks_the_contracted_json_and_writes_rejects() {
    let desk = Desk::new();
    desk.ok(&["init"]);
    let samples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/samples");
    let nl = samples.join("excel_nl-BE_ansi_cp1252_semicolon.csv");
    let rejects = desk.path("rejects.csv");
    let dry: Value = serde_json::from_str(&desk.ok(&[
        "import",
        "residents",
        nl.to_str().expect("path"),
        "--dry-run",
        "--json",
    ]))
    .expect("json");
    for field in [
        "rows",
        "created",
        "updated",
        "unchanged",
        "duplicates_in_file",
        "rejected",
        "warnings",
        "possible_duplicates",
    ] {
        assert!(dry[field].is_u64(), "{field} is an integer: {dry}");
    }
    assert_eq!(dry["rejections"]["national_number_scientific_notation"], 1);
    assert_eq!(
        desk.ok(&["residents", "list", "--json"]).trim(),
        "[]",
        "a dry run changes nothing"
    );
    let real: Value = serde_json::from_str(&desk.ok(&[
        "import",
        "residents",
        nl.to_str().expect("path"),
        "--rejects",
        rejects.to_str().expect("path"),
        "--lang",
        "fr",
        "--json",
    ]))
    .expect("json");
    assert_eq!(
        (
            real["rows"].as_u64(),
            real["created"].as_u64(),
            real["rejected"].as_u64()
        ),
        (Some(12), Some(11), Some(1))
    );
    let text = fs::read_to_string(&rejects).expect("rejects");
    assert!(
        text.lines()
            .next()
            .expect("header")
            .ends_with(";Ligne;Motif"),
        "{text}"
    );
    assert!(text.contains("notation scientifique"), "{text}");
    // A corrected mapping saved from the command line, then reused by name.
    let odd = desk.path("odd.csv");
    fs::write(&odd, "Kolom A,Kolom B\nClaes,Mieke\n").expect("write");
    let out = desk.run(&["import", "residents", odd.to_str().expect("path")]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--map"),
        "the error says how to fix it"
    );
    desk.ok(&[
        "import",
        "residents",
        odd.to_str().expect("path"),
        "--map",
        "Kolom A=last_name",
        "--map",
        "Kolom B=first_name",
        "--save-mapping",
        "clublijst",
        "--dry-run",
    ]);
    let reused: Value = serde_json::from_str(&desk.ok(&[
        "import",
        "residents",
        odd.to_str().expect("path"),
        "--mapping",
        "clublijst",
        "--json",
    ]))
    .expect("json");
    assert_eq!(reused["created"], 1);
    // Undo from the command line.
    let id = reused["import_id"].as_str().expect("id").to_owned();
    assert!(
        desk.ok(&["imports", "undo", &id])
            .contains("1 records removed")
    );
}

#[test]
fn matching_speaks_the_contracted_json_and_acts_on_proposals() {
    let desk = with_register();
    // Mme Dubœuf (Gent) can be served by Sofie Claes; Jan Peeters (Brussels) by nobody.
    for (resident, kind) in [("1", "groceries"), ("2", "pharmacy")] {
        desk.ok(&[
            "requests",
            "add",
            "--resident",
            resident,
            "--kind",
            kind,
            "--date",
            "01/12/2026",
            "--part-of-day",
            "morning",
        ]);
    }
    let graph_file = desk.path("graph.json");
    let plan = desk.json(&[
        "match",
        "--date",
        "2026-12-01",
        "--lang",
        "fr",
        "--graph",
        graph_file.to_str().expect("path"),
        "--json",
    ]);
    let proposals = plan["proposals"].as_array().expect("proposals");
    assert_eq!(proposals.len(), 1, "{plan:#}");
    let p = &proposals[0];
    for field in ["request_id", "volunteer_id", "why"] {
        assert!(p[field].is_string(), "{field}: {p:#}");
    }
    assert!(p["distance_km"].is_number());
    assert!(p["cost"].is_i64());
    assert!(
        p["why"].as_str().expect("why").contains("parle français"),
        "{p:#}"
    );
    let unmatched = plan["unmatched"].as_array().expect("unmatched");
    assert_eq!(unmatched.len(), 1);
    assert!(unmatched[0]["request_id"].is_string());
    assert!(
        unmatched[0]["why"].as_str().expect("why").contains("km"),
        "{unmatched:#?}"
    );
    assert_eq!(plan["objective"]["served"], 1);
    assert_eq!(plan["objective"]["served_urgent"], 0);
    assert_eq!(plan["objective"]["cost"], p["cost"]);

    let graph: Value =
        serde_json::from_str(&fs::read_to_string(&graph_file).expect("graph written"))
            .expect("graph JSON");
    assert_eq!(graph["requests"].as_array().expect("requests").len(), 2);
    assert_eq!(graph["edges"].as_array().expect("edges").len(), 1);
    assert_eq!(graph["edges"][0]["cost"], p["cost"]);
    assert!(
        graph["requests"][0]["unserved_cost"]
            .as_i64()
            .expect("price")
            > 0
    );
    assert_eq!(graph["volunteers"][0]["capacity"], 2);

    // Decline: nobody else; the request is open again and the plan does not propose her again.
    let number = p["assignment_number"].to_string();
    let next = desk.json(&["match", "decline", &number, "--json"]);
    assert_eq!(next.as_array().expect("candidates").len(), 0);
    let again = desk.json(&["match", "--date", "2026-12-01", "--json"]);
    assert_eq!(again["objective"]["served"], 0);
    // By hand, the caseworker overrules the decline: recorded, confirmed at once.
    let manual = desk.json(&[
        "match",
        "assign",
        "1",
        "1",
        "--date",
        "2026-12-01",
        "--json",
    ]);
    assert_eq!(manual["assignment"]["status"], "confirmed");
    assert_eq!(manual["overridden"][0]["reason"], "overrides_decline");
    let kept = desk.json(&["match", "--date", "2026-12-01", "--json"]);
    assert_eq!(kept["kept"].as_array().expect("kept").len(), 1);
    assert_eq!(kept["proposals"].as_array().expect("proposals").len(), 0);
    let confirm = desk.json(&["match", "confirm", "--date", "2026-12-01", "--json"]);
    assert_eq!(confirm["confirmed"], 0);

    let e = desk.fails(Some(KEY), &["match"]);
    assert!(e.contains("--date"), "{e}");
    let e = desk.fails(Some(KEY), &["match", "--date", "31/02/2026"]);
    assert!(e.contains("date"), "{e}");
    let e = desk.fails(Some(KEY), &["match", "accept", "999"]);
    assert!(e.contains("999"), "{e}");
    let e = desk.fails(
        Some(KEY),
        &[
            "match",
            "--date",
            "2026-12-01",
            "--graph",
            "/nonexistent/dir/g.json",
        ],
    );
    assert!(e.contains("graph"), "{e}");
}

#[test]
fn sheets_speak_the_contracted_json_and_keep_private_data_off_paper() {
    let desk = with_register();
    desk.ok(&[
        "requests",
        "add",
        "--resident",
        "1",
        "--kind",
        "groceries",
        "--date",
        "01/12/2026",
        "--part-of-day",
        "morning",
        "--notes",
        "pain, lait, œufs",
    ]);
    desk.ok(&[
        "residents",
        "access",
        "1",
        "--note",
        "Sonnette du haut, code 1234",
    ]);
    assert!(desk.ok(&["residents", "access", "1"]).contains("code 1234"));
    desk.ok(&["match", "--date", "2026-12-01"]);
    desk.ok(&["match", "confirm", "--date", "2026-12-01"]);

    let out = desk.path("sheets");
    let combined = desk.path("all.pdf");
    let written = desk.json(&[
        "sheets",
        "--date",
        "2026-12-01",
        "--out",
        out.to_str().expect("path"),
        "--combined",
        combined.to_str().expect("path"),
        "--lang",
        "nl",
        "--json",
    ]);
    let volunteers = written["volunteers"].as_array().expect("volunteers");
    assert_eq!(volunteers.len(), 1, "{written:#}");
    let sheet = &volunteers[0];
    for field in ["volunteer_id", "name", "path"] {
        assert!(sheet[field].is_string(), "{field}: {sheet:#}");
    }
    assert_eq!(
        sheet["language"], "nl",
        "Sofie speaks nl and fr; the office's nl wins"
    );
    assert_eq!(sheet["assignments"], 1);
    assert!(sheet["pages"].as_u64().expect("pages") >= 1);
    for doc in ["overview", "calls", "combined"] {
        let path = written[doc]["path"].as_str().expect("path");
        assert!(std::path::Path::new(path).is_file(), "{doc}: {path}");
        assert!(written[doc]["pages"].as_u64().expect("pages") >= 1);
    }
    let text = |path: &str| {
        let out = Command::new("pdftotext")
            .arg(path)
            .arg("-")
            .output()
            .expect("pdftotext");
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let page = text(sheet["path"].as_str().expect("path"));
    for wanted in [
        "Opdrachtenblad",
        "Hélène Dubœuf",
        "Kouter 12",
        "9000 Gent",
        "Boodschappen",
        "œufs",
        "code 1234",
        "Frans",
    ] {
        assert!(page.contains(wanted), "{wanted:?} missing: {page}");
    }
    let all = [
        page,
        text(written["overview"]["path"].as_str().expect("path")),
        text(combined.to_str().expect("path")),
    ]
    .join(" ");
    let digits: String = all.chars().filter(char::is_ascii_digit).collect();
    assert!(
        !digits.contains("85073003328") && !all.contains("85.07.30"),
        "no national number on paper"
    );

    // The template to adapt, once; a second copy would overwrite the office's work.
    let template = desk.path("template");
    let said = desk.ok(&[
        "sheets",
        "template",
        "--out",
        template.to_str().expect("path"),
    ]);
    assert!(template.join("sheets.typ").is_file(), "{said}");
    let e = desk.fails(
        Some(KEY),
        &[
            "sheets",
            "template",
            "--out",
            template.to_str().expect("path"),
        ],
    );
    assert!(e.contains("already"), "{e}");
    let e = desk.fails(Some(KEY), &["sheets", "--date", "2026-12-01"]);
    assert!(e.contains("--out"), "{e}");
    let e = desk.fails(
        Some(KEY),
        &[
            "sheets",
            "--date",
            "2026-12-01",
            "--out",
            "x",
            "--template",
            desk.path("nope").to_str().expect("path"),
        ],
    );
    assert!(e.contains("template") && e.contains("nope"), "{e}");
    // A broken template: one sentence naming the line, nothing written.
    fs::write(template.join("sheets.typ"), "#let x = (\n").expect("write");
    let broken_out = desk.path("broken");
    let e = desk.fails(
        Some(KEY),
        &[
            "sheets",
            "--date",
            "2026-12-01",
            "--out",
            broken_out.to_str().expect("path"),
            "--template",
            template.to_str().expect("path"),
        ],
    );
    assert!(e.contains("line"), "{e}");
    assert!(!broken_out.exists());
}
