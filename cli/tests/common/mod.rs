//! What the sync tests share: the platform as a real process on loopback.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// The platform binary, built by the same `cargo build --workspace` as this test.
pub fn platform_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("test path");
    let dir = exe.parent().and_then(Path::parent).expect("target/debug");
    let bin = dir.join("solidesk-platform");
    assert!(
        bin.is_file(),
        "{} is missing: build it first (cargo build -p solidesk-platform)",
        bin.display()
    );
    bin
}

/// How a platform process is started.
#[derive(Debug, Clone, Default)]
pub struct PlatformOptions {
    /// `SOLIDESK_PLATFORM_FAILPOINT`: the process aborts when it reaches this point.
    pub failpoint: Option<String>,
    /// Runs the process under libfaketime with this offset (`+3d`, `-2d`): a skewed clock.
    pub clock_offset: Option<String>,
}

/// A running platform on 127.0.0.1 with its database (a file, or a `postgres://` URL); killed
/// when dropped.
pub struct Platform {
    child: Child,
    pub url: String,
    pub addr: std::net::SocketAddr,
    pub db: PathBuf,
}

impl Platform {
    /// Starts a platform on `db` (`platform.sqlite` in `dir` for a plain start).
    pub fn start(dir: &Path) -> Self {
        Platform::start_with(&dir.join("platform.sqlite"), &PlatformOptions::default())
    }

    pub fn start_with(db: &Path, options: &PlatformOptions) -> Self {
        let mut command = Command::new(platform_binary());
        if let Some(offset) = &options.clock_offset {
            skew_clock(&mut command, offset);
        }
        command
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(db)
            .env_remove("SOLIDESK_PLATFORM_FAILPOINT")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(point) = &options.failpoint {
            command.env("SOLIDESK_PLATFORM_FAILPOINT", point);
        }
        let mut child = command.spawn().expect("platform starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("platform prints its address");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        let addr = url
            .strip_prefix("http://")
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("not an address: {url}"));
        Platform {
            child,
            url,
            addr,
            db: db.to_owned(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Whether the process is still running (a failpoint or `kill -9` ends it).
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// The administrator's command line on the same database, answering JSON.
    pub fn admin(&self, args: &[&str]) -> Value {
        let out = Command::new(platform_binary())
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .arg("--json")
            .output()
            .expect("platform CLI runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    }

    /// The administrator's command line on the same database, for commands without JSON.
    pub fn admin_plain(&self, args: &[&str]) -> String {
        let out = Command::new(platform_binary())
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .output()
            .expect("platform CLI runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.db).expect("platform db");
        conn.query_row(sql, [], |r| r.get(0)).expect(sql)
    }
}

impl Drop for Platform {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `command` with its wall clock `offset` off (`+3d`, `-2d`) through libfaketime, preloaded
/// directly so that the process keeps its own pid (the `faketime` wrapper forks, and a
/// `kill -9` would hit the wrapper). Monotonic time stays real, as on a badly set PC.
pub fn skew_clock(command: &mut Command, offset: &str) {
    let lib = [
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu",
        "/usr/lib",
    ]
    .iter()
    .map(|dir| Path::new(dir).join("faketime/libfaketime.so.1"))
    .find(|p| p.is_file())
    .expect("libfaketime is missing: install Debian's faketime package (scripts/setup does)");
    command
        .env("LD_PRELOAD", lib)
        .env("FAKETIME", offset)
        .env("FAKETIME_DONT_FAKE_MONOTONIC", "1")
        .env("FAKETIME_DONT_RESET", "1");
}

/// A platform volunteer available every weekday, morning and afternoon; returns their id.
pub fn add_volunteer(platform: &Platform, last: &str, postal: &str, capacity: &str) -> String {
    platform.admin(&[
        "volunteers",
        "add",
        "--first-name",
        "Vera",
        "--last-name",
        last,
        "--postal-code",
        postal,
        "--languages",
        "nl,fr",
        "--tasks",
        "groceries,pharmacy",
        "--availability",
        "1:morning,2:morning,3:morning,4:morning,5:morning,1:afternoon,2:afternoon,3:afternoon,4:afternoon,5:afternoon",
        "--capacity",
        capacity,
    ])["id"]
        .as_str()
        .expect("volunteer id")
        .to_owned()
}
