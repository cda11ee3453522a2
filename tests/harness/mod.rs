//! Starts and stops everything an end-to-end test needs: Xvfb, tauri-driver (which starts
//! WebKitWebDriver), the app on a fresh register, and a WebDriver session.
//!
//! Facts this relies on (docs/desktop-on-linux.md): tauri-driver listens before its
//! WebKitWebDriver is ready and does not retry, so both ports are awaited before the session;
//! it must be stopped with SIGTERM (not SIGKILL) to take WebKitWebDriver down with it; WebKit's
//! own screenshot waits for a repaint that an idle page never makes, so screenshots are taken
//! of the X display with ImageMagick's `import`.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use solidesk_core::Register;
use solidesk_core::residents::NewResident;
use solidesk_core::volunteers::NewVolunteer;
use thirtyfour::prelude::*;
use tokio::sync::{Mutex, MutexGuard};

/// The key of every test register.
pub const KEY: &str = "e2e-sleutel";

/// One desk at a time: two WebKit windows on two cores make both slow and flaky.
static SERIAL: Mutex<()> = Mutex::const_new(());

const WAIT: Duration = Duration::from_secs(20);

/// A running app under test.
pub struct Desk {
    driver: Option<WebDriver>,
    xvfb: Child,
    tauri_driver: Child,
    display: String,
    /// Screenshots are `<screenshot_dir>/<shot name>.png`; the test name is only for errors.
    name: String,
    /// When the WebDriver session (which launches the app) was asked for.
    launched_at: Instant,
    /// A private D-Bus session bus, for the tests of a second launch (single instance).
    bus: Option<(Child, String)>,
    db: PathBuf,
    data: PathBuf,
    _dir: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

fn err(message: impl Into<String>) -> WebDriverError {
    WebDriverError::FatalError(message.into())
}

fn free_port() -> WebDriverResult<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| err(e.to_string()))?;
    Ok(listener
        .local_addr()
        .map_err(|e| err(e.to_string()))?
        .port())
}

fn wait_port(port: u16, deadline: Instant) -> WebDriverResult<()> {
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(err(format!("nothing listens on port {port}")));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

fn tauri_driver() -> PathBuf {
    let home_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .map(|c| c.join("bin").join("tauri-driver"));
    match home_bin {
        Some(p) if p.exists() => p,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// The register every test starts from: three residents and two volunteers.
fn make_register(path: &Path) -> WebDriverResult<()> {
    let fail = |e: solidesk_core::Error| err(e.to_string());
    let mut reg =
        Register::create(path, &solidesk_core::Key::new(KEY).map_err(fail)?).map_err(fail)?;
    for (first, last, phone, pc, lang) in [
        ("Hélène", "Dubœuf", "0470 12 34 56", "9000", "fr"),
        ("Jan", "Peeters", "02 512 34 56", "1000", "nl"),
        ("Anna", "Peeters", "0496 99 88 77", "2000", "nl"),
    ] {
        reg.add_resident(&NewResident {
            first_name: first.into(),
            last_name: last.into(),
            phones: vec![phone.into()],
            postal_code: Some(pc.into()),
            language: Some(lang.into()),
            street: "Kerkstraat".into(),
            house_number: "1".into(),
            ..Default::default()
        })
        .map_err(fail)?;
    }
    for (first, last, pc) in [("Sofie", "Claes", "9000"), ("Marc", "Janssens", "1000")] {
        reg.add_volunteer(&NewVolunteer {
            first_name: first.into(),
            last_name: last.into(),
            postal_code: pc.into(),
            availability: vec!["mon-fri:morning".into()],
            ..Default::default()
        })
        .map_err(fail)?;
    }
    Ok(())
}

impl Desk {
    /// Starts Xvfb, tauri-driver and the app with `args` on a fresh register.
    pub async fn start(name: &str, args: &[&str]) -> WebDriverResult<Self> {
        let dir = tempfile::tempdir().map_err(|e| err(e.to_string()))?;
        let db = dir.path().join("register.db");
        make_register(&db)?;
        Self::start_on(name, dir, &db, args).await
    }

    /// Starts Xvfb, tauri-driver and the app with `args` on the register at `db`; `dir` holds
    /// the app's data folders and lives as long as the desk.
    pub async fn start_on(
        name: &str,
        dir: tempfile::TempDir,
        db: &Path,
        args: &[&str],
    ) -> WebDriverResult<Self> {
        Self::launch(name, dir, db, args, false).await
    }

    /// As [`Desk::start`], with a private D-Bus session bus (what single-instance needs).
    pub async fn start_with_bus(name: &str, args: &[&str]) -> WebDriverResult<Self> {
        let dir = tempfile::tempdir().map_err(|e| err(e.to_string()))?;
        let db = dir.path().join("register.db");
        make_register(&db)?;
        Self::launch(name, dir, &db, args, true).await
    }

    async fn launch(
        name: &str,
        dir: tempfile::TempDir,
        db: &Path,
        args: &[&str],
        with_bus: bool,
    ) -> WebDriverResult<Self> {
        let turn = SERIAL.lock().await;
        let bus = if with_bus {
            let mut daemon = Command::new("dbus-daemon")
                .args(["--session", "--nofork", "--print-address"])
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .map_err(|e| err(format!("dbus-daemon could not start: {e}")))?;
            let mut address = String::new();
            let out = daemon
                .stdout
                .take()
                .ok_or_else(|| err("dbus-daemon has no stdout"))?;
            BufReader::new(out)
                .read_line(&mut address)
                .map_err(|e| err(e.to_string()))?;
            Some((daemon, address.trim().to_owned()))
        } else {
            None
        };
        let bus_address = bus
            .as_ref()
            .map_or_else(|| "disabled:".to_owned(), |(_, a)| a.clone());

        let mut xvfb = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                err(format!(
                    "Xvfb could not start (is the xvfb package installed?): {e}"
                ))
            })?;
        let mut line = String::new();
        let stdout = xvfb
            .stdout
            .take()
            .ok_or_else(|| err("Xvfb has no stdout"))?;
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| err(e.to_string()))?;
        let display = format!(":{}", line.trim());

        let (port, native_port) = (free_port()?, free_port()?);
        let data = dir.path().join("data");
        let tauri_driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .env("SOLIDESK_DB", db)
            .env("XDG_DATA_HOME", data.join("share"))
            .env("XDG_CONFIG_HOME", data.join("config"))
            .env("XDG_CACHE_HOME", data.join("cache"))
            .env("DBUS_SESSION_BUS_ADDRESS", &bus_address)
            .env("LANG", "en_GB.UTF-8")
            .env("LANGUAGE", "en_GB:en")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                err(format!(
                    "tauri-driver could not start (cargo install tauri-driver --version 2.1.0): {e}"
                ))
            })?;
        let deadline = Instant::now() + WAIT;
        let mut desk = Self {
            driver: None,
            xvfb,
            tauri_driver,
            display,
            name: name.to_owned(),
            launched_at: Instant::now(),
            bus,
            db: db.to_owned(),
            data: data.clone(),
            _dir: dir,
            _turn: turn,
        };
        wait_port(port, deadline)?;
        wait_port(native_port, deadline)?;

        let mut caps = Capabilities::new();
        caps.set("browserName", "wry")?;
        caps.set(
            "tauri:options",
            json!({ "application": env!("CARGO_BIN_EXE_solidesk-app"), "args": args }),
        )?;
        desk.launched_at = Instant::now();
        desk.driver = Some(WebDriver::new(format!("http://127.0.0.1:{port}"), caps).await?);
        Ok(desk)
    }

    /// When the app was launched (the WebDriver session asked for).
    pub fn launched_at(&self) -> Instant {
        self.launched_at
    }

    /// The WebDriver session.
    pub fn driver(&self) -> &WebDriver {
        self.driver.as_ref().expect("a started desk has a session")
    }

    /// Waits until an element is there.
    pub async fn wait_for(&self, by: By) -> WebDriverResult<WebElement> {
        self.driver()
            .query(by)
            .wait(WAIT, Duration::from_millis(50))
            .and_displayed()
            .first()
            .await
    }

    /// Waits until the element with `id` shows some text, and returns it.
    pub async fn wait_text(&self, id: &str) -> WebDriverResult<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.driver().find(By::Id(id)).await
                && let Ok(text) = el.text().await
                && !text.trim().is_empty()
            {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(err(format!("#{id} never showed any text")));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the element shows `needle`, and returns its text.
    pub async fn wait_text_containing(&self, by: By, needle: &str) -> WebDriverResult<String> {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(el) = self.driver().find(by.clone()).await
                && let Ok(text) = el.text().await
                && text.contains(needle)
            {
                return Ok(text);
            }
            if Instant::now() > deadline {
                return Err(err(format!("{needle:?} never appeared")));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Unlocks the register with `key` and waits for the app's navigation.
    pub async fn unlock(&self, key: &str) -> WebDriverResult<()> {
        let field = self.wait_for(By::Id("unlock-key")).await?;
        field.send_keys(key).await?;
        field.send_keys(Key::Enter).await?;
        self.wait_for(By::Css("nav button[data-screen]")).await?;
        Ok(())
    }

    /// Chooses `value` in the `<select>` with `id`, as a user's choice would (change event).
    pub async fn select(&self, id: &str, value: &str) -> WebDriverResult<()> {
        let el = self.wait_for(By::Id(id)).await?;
        self.driver()
            .execute(
                "const [el, v] = arguments; el.value = v; el.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![el.to_json()?, json!(value)],
            )
            .await?;
        Ok(())
    }

    /// Opens a screen from the navigation and waits until it is shown.
    pub async fn goto(&self, screen: &str) -> WebDriverResult<()> {
        self.wait_for(By::Css(format!("nav button[data-screen='{screen}']")))
            .await?
            .click()
            .await?;
        self.wait_for(By::Css(format!("main[data-current='{screen}']")))
            .await?;
        // Let the screen load its data before anyone looks at it.
        tokio::time::sleep(Duration::from_millis(300)).await;
        Ok(())
    }

    /// Saves a picture of the whole display. A failed screenshot fails no test: pictures are
    /// for people, the assertions are the test.
    pub async fn screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let dir = screenshot_dir();
        let _ = std::fs::create_dir_all(&dir);
        let status = Command::new("import")
            .args(["-display", &self.display, "-window", "root"])
            .arg(dir.join(format!("{name}.png")))
            .status();
        if !status.is_ok_and(|s| s.success()) {
            eprintln!(
                "{}: no screenshot {name} (is imagemagick installed?)",
                self.name
            );
        }
    }

    /// Launches the app binary a second time with `args` in the first one's environment, as a
    /// desktop would when a `solidesk://` link is opened while the app runs, and waits for it.
    pub fn launch_again(&self, args: &[&str]) -> WebDriverResult<std::process::ExitStatus> {
        let address = self
            .bus
            .as_ref()
            .map_or_else(|| "disabled:".to_owned(), |(_, a)| a.clone());
        let mut child = Command::new(env!("CARGO_BIN_EXE_solidesk-app"))
            .args(args)
            .env("DISPLAY", &self.display)
            .env("SOLIDESK_DB", &self.db)
            .env("XDG_DATA_HOME", self.data.join("share"))
            .env("XDG_CONFIG_HOME", self.data.join("config"))
            .env("XDG_CACHE_HOME", self.data.join("cache"))
            .env("DBUS_SESSION_BUS_ADDRESS", address)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| err(e.to_string()))?;
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = child.try_wait().map_err(|e| err(e.to_string()))? {
                return Ok(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(err("the second launch did not hand over and exit"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ends the session and stops tauri-driver (SIGTERM, so it stops WebKitWebDriver) and Xvfb.
    pub async fn stop(mut self) -> WebDriverResult<()> {
        if let Some(driver) = self.driver.take() {
            driver.quit().await?;
        }
        Ok(())
    }
}

impl Drop for Desk {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.tauri_driver.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.tauri_driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.tauri_driver.kill();
        let _ = self.tauri_driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
        if let Some((mut daemon, _)) = self.bus.take() {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
    }
}

/// Where screenshots go: SOLIDESK_SCREENSHOTS, or target/e2e-screenshots.
pub fn screenshot_dir() -> PathBuf {
    std::env::var_os("SOLIDESK_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots"))
}

/// The reference national platform (`solidesk-platform serve`) on loopback with its own SQLite
/// file; stopped when dropped.
pub struct Platform {
    child: Child,
    /// `http://127.0.0.1:<port>`, as the platform printed it.
    pub url: String,
    db: PathBuf,
}

/// The platform binary, built into the same target folder as this test (`cargo build
/// --workspace` does; a lone `cargo test -p solidesk-app` does not: build it with `cargo build
/// -p solidesk-platform`). Found beside the test's own folder, so `CARGO_TARGET_DIR` is honoured.
fn platform_binary() -> WebDriverResult<PathBuf> {
    let exe = std::env::current_exe().map_err(|e| err(e.to_string()))?;
    let bin = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("solidesk-platform"))
        .ok_or_else(|| err("the test binary is not in a target folder"))?;
    if bin.is_file() {
        Ok(bin)
    } else {
        Err(err(format!(
            "{} is missing: build it first (cargo build -p solidesk-platform)",
            bin.display()
        )))
    }
}

impl Platform {
    /// Starts a platform on `dir/platform.sqlite` and waits for its address.
    pub fn start(dir: &Path) -> WebDriverResult<Self> {
        let db = dir.join("platform.sqlite");
        let mut child = Command::new(platform_binary()?)
            .args(["serve", "--listen", "127.0.0.1:0", "--db"])
            .arg(&db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| err(format!("solidesk-platform could not start: {e}")))?;
        let mut line = String::new();
        let out = child
            .stdout
            .take()
            .ok_or_else(|| err("solidesk-platform has no stdout"))?;
        BufReader::new(out)
            .read_line(&mut line)
            .map_err(|e| err(e.to_string()))?;
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .map(str::to_owned)
            .ok_or_else(|| err(format!("solidesk-platform said {line:?}, not its address")))?;
        Ok(Self { child, url, db })
    }

    /// The platform administrator's command line on the same database, answering JSON.
    pub fn admin(&self, args: &[&str]) -> WebDriverResult<serde_json::Value> {
        let out = Command::new(platform_binary()?)
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .arg("--json")
            .output()
            .map_err(|e| err(e.to_string()))?;
        if !out.status.success() {
            return Err(err(format!(
                "solidesk-platform {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            )));
        }
        serde_json::from_slice(&out.stdout).map_err(|e| err(e.to_string()))
    }

    /// Stops the platform (the line to the national platform goes down).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Platform {
    fn drop(&mut self) {
        self.stop();
    }
}
