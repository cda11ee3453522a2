//! A throwaway PostgreSQL server for the tests, and a fresh database per test.
//!
//! `SOLIDESK_TEST_POSTGRES_URL` (a server the tests may create databases on, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`) is used when set. Otherwise the first test of
//! the process starts its own server from the distribution's binaries: `initdb` into a scratch
//! directory under /tmp, `postgres` on 127.0.0.1 at a free port, trust authentication, run as the
//! `postgres` user when the tests run as root (PostgreSQL refuses to run as root). The server is
//! started by a watchdog shell that reads its stdin, a pipe only this process holds: when the
//! test process ends, however it ends, the pipe closes, and the watchdog stops the server and
//! deletes its directory. Nothing is skipped: a missing binary fails the test with what to
//! install.
#![allow(
    dead_code,
    reason = "shared by several test crates, each using a part of it"
)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

/// The server every test of this process creates its databases on.
struct Server {
    /// URL of the `postgres` database, to create the others from.
    admin_url: String,
    /// URL without the database name: `{base}/{name}`.
    base_url: String,
    /// Kept open for the life of the process: the watchdog stops the server on its EOF.
    _watchdog: Option<Mutex<(Child, ChildStdin)>>,
}

static SERVER: OnceLock<Server> = OnceLock::new();
static NEXT_DATABASE: AtomicU32 = AtomicU32::new(1);

/// A new empty database on the test server; its URL.
pub fn fresh_database() -> String {
    let server = SERVER.get_or_init(start);
    let name = format!(
        "solidesk_test_{}_{}",
        std::process::id(),
        NEXT_DATABASE.fetch_add(1, Ordering::Relaxed)
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (client, connection) =
            tokio_postgres::connect(&server.admin_url, tokio_postgres::NoTls)
                .await
                .unwrap_or_else(|e| panic!("cannot connect to the test PostgreSQL server: {e}"));
        tokio::spawn(connection);
        // Two statements: DROP/CREATE DATABASE refuse to run in the implicit transaction of a
        // multi-statement query.
        for sql in [
            format!("DROP DATABASE IF EXISTS {name}"),
            format!("CREATE DATABASE {name}"),
        ] {
            client
                .batch_execute(&sql)
                .await
                .unwrap_or_else(|e| panic!("{sql} failed on the test server: {e:?}"));
        }
    });
    format!("{}/{name}", server.base_url)
}

fn start() -> Server {
    if let Ok(url) = std::env::var("SOLIDESK_TEST_POSTGRES_URL")
        && !url.is_empty()
    {
        let base_url = match url.rfind('/') {
            Some(at) if at > "postgres://".len() => url[..at].to_owned(),
            _ => url.clone(),
        };
        return Server {
            admin_url: url,
            base_url,
            _watchdog: None,
        };
    }
    let bin = binaries();
    let as_root = is_root();
    let dir = tempfile::Builder::new()
        .prefix("solidesk-pg-")
        .tempdir_in("/tmp")
        .expect("a scratch directory in /tmp")
        .keep();
    let data = dir.join("data");
    if as_root {
        // PostgreSQL refuses to run as root: the server's files belong to `postgres`.
        run(Command::new("chown").args(["postgres:postgres"]).arg(&dir));
    }
    run(as_server_user(as_root, &bin.join("initdb"))
        .args([
            "--auth=trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
            "-D",
        ])
        .arg(&data));
    let port = free_port();
    let log = dir.join("server.log");
    // The watchdog: starts the server, waits for EOF on stdin (the test process ending), then
    // stops the server fast and removes its directory.
    let script = format!(
        "{postgres} -D {data} -k {dir} -h 127.0.0.1 -p {port} -c fsync=off \
           -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
           >{log} 2>&1 & pid=$!; \
         read _; kill -INT $pid; wait $pid; rm -rf {dir}",
        postgres = quoted(&bin.join("postgres")),
        data = quoted(&data),
        dir = quoted(&dir),
        log = quoted(&log),
    );
    let mut command = if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--", "sh", "-c", &script]);
        command
    } else {
        let mut command = Command::new("sh");
        command.args(["-c", &script]);
        command
    };
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start the PostgreSQL watchdog: {e}"));
    let stdin = child.stdin.take().expect("the watchdog's stdin");
    let base_url = format!("postgres://postgres@127.0.0.1:{port}");
    let admin_url = format!("{base_url}/postgres");
    wait_until_ready(&admin_url, &log, &mut child);
    Server {
        admin_url,
        base_url,
        _watchdog: Some(Mutex::new((child, stdin))),
    }
}

/// The directory of the distribution's PostgreSQL binaries.
fn binaries() -> PathBuf {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|out| out.status.success())
        .map(|out| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    let candidates = from_pg_config.into_iter().chain(
        std::fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path().join("bin")),
    );
    for dir in candidates {
        if dir.join("initdb").is_file() && dir.join("postgres").is_file() {
            return dir;
        }
    }
    panic!(
        "the PostgreSQL server is not installed (no initdb/postgres from `pg_config --bindir` \
         or /usr/lib/postgresql/*/bin): run scripts/setup or `apt-get install postgresql`, \
         or point SOLIDESK_TEST_POSTGRES_URL at a server the tests may create databases on"
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn as_server_user(as_root: bool, program: &Path) -> Command {
    if as_root {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed (is the `postgres` system user there when testing as root?): {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// Single-quoted for sh.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

fn wait_until_ready(url: &str, log: &Path, watchdog: &mut Child) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let connected = runtime.block_on(async {
            match tokio_postgres::connect(url, tokio_postgres::NoTls).await {
                Ok((client, connection)) => {
                    drop(client);
                    let _ = connection.await;
                    true
                }
                Err(_) => false,
            }
        });
        if connected {
            return;
        }
        let mut text = String::new();
        if let Ok(mut file) = std::fs::File::open(log) {
            let _ = file.read_to_string(&mut text);
        }
        let exited = watchdog.try_wait().ok().flatten().is_some();
        // A FATAL line other than the one our own early connections cause: the server is down.
        let failed = text
            .lines()
            .any(|line| line.contains("FATAL") && !line.contains("is starting up"));
        if exited || failed || Instant::now() > deadline {
            panic!("the test PostgreSQL server did not start on {url}: {text}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}
