//! Importing a municipality's list of 500,000 residents, compared in the same run with the
//! floor for getting rows into SQLite: `sqlite3`'s own `.import` of the same file into a plain
//! table. Goal (issue 4): within 3× of that floor, into an empty register and again into a full
//! one; and memory that stays flat as files grow (peak RSS at 100,000 vs 500,000 rows).
//!
//! Runs the release `solidesk` binary as a user would (key derivation, the whole file, the
//! commit), timed by this program and measured by `/usr/bin/time` for peak memory.
//! `cargo bench -p solidesk-cli --bench import` (SOLIDESK_BENCH_ROWS changes the size).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn rows() -> u64 {
    std::env::var("SOLIDESK_BENCH_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500_000)
}

fn list(dir: &Path, n: u64) -> PathBuf {
    let path = dir.join(format!("residents-{n}-seed-1.csv"));
    if !path.is_file() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
        solidesk_core::demo::write_resident_list(&path, n, 1, today).expect("write list");
    }
    path
}

/// Runs a command under `/usr/bin/time`; returns (wall seconds, peak RSS in MiB).
fn measure(cmd: &mut Command) -> (f64, f64) {
    let report = tempfile::NamedTempFile::new().expect("temp");
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let envs: Vec<_> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())))
        .collect();
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(report.path())
        .arg(program)
        .args(args)
        .envs(envs)
        .output()
        .expect("run (is /usr/bin/time installed? scripts/bench installs it)");
    let wall = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kib: f64 = std::fs::read_to_string(report.path())
        .expect("time report")
        .trim()
        .parse()
        .expect("KiB");
    (wall, kib / 1024.0)
}

fn solidesk(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_solidesk"));
    c.arg("--db").arg(db).env("SOLIDESK_KEY", "benchmark");
    c
}

fn import(db: &Path, file: &Path) -> (f64, f64, serde_json::Value) {
    let json = tempfile::NamedTempFile::new().expect("temp");
    let mut cmd = solidesk(db);
    cmd.args(["import", "residents"]).arg(file).arg("--json");
    let (wall, rss) = measure(&mut cmd);
    // Run once more for the report's counts would double the time: read them from the register.
    let out = solidesk(db)
        .args(["imports", "list", "--json"])
        .output()
        .expect("list");
    std::fs::write(json.path(), &out.stdout).expect("write");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    (wall, rss, list[0].clone())
}

fn fresh_register(dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let out = solidesk(&db).arg("init").output().expect("init");
    assert!(out.status.success());
    db
}

/// `sqlite3` running the register's migrations, `.import`ing the file and copying its rows into
/// `resident` in one transaction. Returns (wall seconds, peak MiB).
fn schema_baseline(dir: &Path, file: &Path, deferred: bool) -> (f64, f64) {
    let migrations = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let mut steps: Vec<PathBuf> = std::fs::read_dir(&migrations)
        .expect("migrations")
        .map(|e| e.expect("entry").path().join("up.sql"))
        .collect();
    steps.sort();
    let mut script = String::from("PRAGMA cache_size = -262144;\n");
    for step in &steps {
        script.push_str(&std::fs::read_to_string(step).expect("migration"));
        script.push('\n');
    }
    let indexes = [
        "resident_national_number",
        "resident_by_name",
        "resident_by_birth_date",
    ];
    let mut recreate = String::new();
    if deferred {
        for name in indexes {
            script.push_str(&format!("DROP INDEX {name};\n"));
        }
        for step in &steps {
            let sql = std::fs::read_to_string(step).expect("migration");
            for statement in sql.split(';') {
                if indexes
                    .iter()
                    .any(|i| statement.contains(&format!("INDEX {i} ")))
                {
                    recreate.push_str(statement.trim());
                    recreate.push_str(";\n");
                }
            }
        }
        assert_eq!(recreate.matches("CREATE").count(), indexes.len());
    }
    script.push_str(&format!(
        ".mode csv\n.separator ;\n.import {} plain\nBEGIN;\n\
         INSERT INTO resident (id, first_name, last_name, birth_date, national_number, language,\
           street, house_number, box, postal_code, locality, source, created_at, updated_at)\
         SELECT printf('%016x', rowid) || hex(randomblob(8)), Voornaam, Naam, Geboortedatum,\
           nullif(Rijksregisternummer, ''), 'nl', Straat, Huisnummer, Bus, Postcode, Gemeente,\
           'import:baseline', '2026-11-27T00:00:00.000Z', '2026-11-27T00:00:00.000Z' FROM plain;\n\
         {recreate}COMMIT;\n",
        file.display()
    ));
    let sql = dir.join("baseline.sql");
    std::fs::write(&sql, script).expect("script");
    let db = dir.join("baseline.db");
    let _ = std::fs::remove_file(&db);
    measure(
        Command::new("sqlite3")
            .arg(&db)
            .arg(format!(".read {}", sql.display())),
    )
}

fn main() {
    let n = rows();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-import");
    std::fs::create_dir_all(&dir).expect("dir");
    let file = list(&dir, n);
    let size_mb = std::fs::metadata(&file).expect("size").len() as f64 / 1e6;
    println!("import of {n} resident rows ({size_mb:.1} MB, UTF-8 with BOM, `;`)");

    // The floor: sqlite3's .import into a plain table (no encryption, no validation, no index).
    let mut floor = f64::MAX;
    for _ in 0..3 {
        let plain = dir.join("plain.db");
        let _ = std::fs::remove_file(&plain);
        let (wall, _) = measure(
            Command::new("sqlite3")
                .arg(&plain)
                .arg("-cmd")
                .arg(".mode csv")
                .arg("-cmd")
                .arg(".separator ;")
                .arg(format!(".import {} plain", file.display())),
        );
        floor = floor.min(wall);
    }
    println!(
        "{:<52} {floor:>8.2} s",
        "sqlite3 .import into a plain table (best of 3)"
    );

    // What SQLite itself needs to put the same rows into Solidesk's resident table alone
    // (the migrations' schema, unencrypted, no validation, no phones, no search keys), with its
    // indexes kept row by row as any importer that checks duplicates on the way must, and with
    // them built once at the end: the floor for this schema rather than for a bare table.
    for (label, deferred) in [
        ("sqlite3: same rows into the resident table, indexed", false),
        ("sqlite3: same, indexes built after the rows", true),
    ] {
        let (wall, _) = schema_baseline(&dir, &file, deferred);
        println!("{label:<52} {wall:>8.2} s  {:>5.1}× floor", wall / floor);
    }

    let db = fresh_register(&dir, "register.db");
    let (empty, empty_rss, first) = import(&db, &file);
    println!(
        "{:<52} {empty:>8.2} s  {:>5.1}× floor  peak {empty_rss:.0} MiB  ({} created)",
        "solidesk import into an empty register",
        empty / floor,
        first["created"]
    );
    let (full, full_rss, second) = import(&db, &file);
    println!(
        "{:<52} {full:>8.2} s  {:>5.1}× floor  peak {full_rss:.0} MiB  ({} unchanged, {} created)",
        "the same file again into the full register",
        full / floor,
        second["unchanged"],
        second["created"]
    );
    // Memory: peak RSS is bounded by the import's page cache (256 MiB) plus the program, not by
    // the file: it grows until the register outgrows the cache, then stays.
    for part in [5, 2] {
        let m = (n / part).max(1);
        let file = list(&dir, m);
        let db = fresh_register(&dir, &format!("part-{part}.db"));
        let (wall, rss, _) = import(&db, &file);
        println!(
            "{:<52} {wall:>8.2} s  peak {rss:.0} MiB",
            format!("memory check: {m} rows into an empty register")
        );
    }
    println!(
        "{:<52} {:>8} peak {empty_rss:.0} MiB",
        format!("memory check: {n} rows (above)"),
        ""
    );
    let per_row_us = empty / n as f64 * 1e6;
    println!("per row into an empty register: {per_row_us:.0} µs");
}
