//! A recording HTTP proxy on loopback that mistreats traffic on purpose.
//!
//! The desk talks to the proxy as if it were the platform. Each request is read whole, then
//! handled by the action its rule or the dice pick: passed on, dropped, cut short, sent twice at
//! once, preceded or followed by an old request replayed out of order, or the desk or the
//! platform killed with `kill -9` at that step. Every byte that crosses the wire in either
//! direction is recorded, so the test can prove no national number ever did.
//!
//! One request per connection (`Connection: close` both ways) keeps the framing trivial: a
//! request is its headers plus `Content-Length` bytes, a response is everything until the
//! platform closes.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rand::Rng;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// What happens to one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Pass,
    /// Never reaches the platform; the desk sees the connection close.
    DropRequest,
    /// Part of the request reaches the platform, then the connection closes both ways.
    TruncateRequest,
    /// The platform handles it; its answer never reaches the desk.
    DropResponse,
    /// The desk gets part of the answer, then the connection closes.
    TruncateResponse,
    /// The platform gets the request twice at the same time; the desk gets one answer.
    Duplicate,
    /// An old request (a push or pull from earlier) reaches the platform first.
    ReplayBefore,
    /// An old request reaches the platform after this one was answered.
    ReplayAfter,
    /// The request waits a little before going on.
    Delay,
    /// `kill -9` the desk when this request arrives.
    KillClientBefore,
    /// `kill -9` the desk once the platform answered, before the answer reaches it.
    KillClientBeforeResponse,
    /// `kill -9` the desk just after the answer reached it (while it applies it).
    KillClientAfterResponse,
    /// `kill -9` the platform when this request arrives.
    KillServerBefore,
    /// `kill -9` the platform once it answered, before the answer reaches the desk.
    KillServerBeforeResponse,
}

/// The wire faults chaos picks from (kills are placed by rules).
pub const CHAOS: [Action; 8] = [
    Action::DropRequest,
    Action::TruncateRequest,
    Action::DropResponse,
    Action::TruncateResponse,
    Action::Duplicate,
    Action::ReplayBefore,
    Action::ReplayAfter,
    Action::Delay,
];

/// Applies `action` to the `nth` (from 1) request to `path` in this round.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub path: &'static str,
    pub nth: u32,
    pub action: Action,
}

struct State {
    upstream: SocketAddr,
    client_pid: Option<u32>,
    server_pid: Option<u32>,
    rules: Vec<Rule>,
    /// Chance that a request without a rule gets a random wire fault.
    chaos: f64,
    rng: ChaCha8Rng,
    seen: Vec<(&'static str, u32)>,
    /// Recent pushes and pulls, for replays.
    history: VecDeque<Vec<u8>>,
    /// Every byte in both directions since the last `take_wire`.
    wire: Vec<u8>,
    /// What the proxy did, for a failing test's message.
    log: Vec<String>,
}

/// The proxy; its threads live as long as the test process.
#[derive(Clone)]
pub struct Proxy {
    pub addr: SocketAddr,
    state: Arc<Mutex<State>>,
}

impl Proxy {
    pub fn start(upstream: SocketAddr, seed: u64) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("proxy binds");
        let addr = listener.local_addr().expect("address");
        let proxy = Proxy {
            addr,
            state: Arc::new(Mutex::new(State {
                upstream,
                client_pid: None,
                server_pid: None,
                rules: Vec::new(),
                chaos: 0.0,
                rng: ChaCha8Rng::seed_from_u64(seed),
                seen: Vec::new(),
                history: VecDeque::new(),
                wire: Vec::new(),
                log: Vec::new(),
            })),
        };
        let shared = proxy.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let proxy = shared.clone();
                std::thread::spawn(move || proxy.handle(stream));
            }
        });
        proxy
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panicking connection thread must not hide what the others recorded.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A new round: these rules, this much chaos, these processes to kill.
    pub fn round(
        &self,
        rules: Vec<Rule>,
        chaos: f64,
        client_pid: Option<u32>,
        server_pid: Option<u32>,
    ) {
        let mut s = self.state();
        s.rules = rules;
        s.chaos = chaos;
        s.client_pid = client_pid;
        s.server_pid = server_pid;
        s.seen.clear();
        s.log.clear();
    }

    pub fn set_client(&self, pid: Option<u32>) {
        self.state().client_pid = pid;
    }

    pub fn set_upstream(&self, upstream: SocketAddr, server_pid: u32) {
        let mut s = self.state();
        s.upstream = upstream;
        s.server_pid = Some(server_pid);
    }

    /// The bytes recorded since the last call.
    pub fn take_wire(&self) -> Vec<u8> {
        std::mem::take(&mut self.state().wire)
    }

    pub fn log(&self) -> Vec<String> {
        self.state().log.clone()
    }

    fn handle(&self, mut client: TcpStream) {
        let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
        let Some(request) = read_request(&mut client) else {
            return;
        };
        let path = request_path(&request);
        let (action, upstream, replay, cut, client_pid, server_pid) = {
            let mut guard = self.state();
            let s = &mut *guard;
            s.wire.extend_from_slice(&request);
            let n = match s.seen.iter_mut().find(|(p, _)| *p == path) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    s.seen.push((path, 1));
                    1
                }
            };
            let ruled = s
                .rules
                .iter()
                .find(|r| r.path == path && r.nth == n)
                .map(|r| r.action);
            let action = match ruled {
                Some(a) => a,
                None => {
                    let chaos = s.chaos;
                    if chaos > 0.0 && s.rng.random_bool(chaos) {
                        CHAOS[s.rng.random_range(0..CHAOS.len())]
                    } else {
                        Action::Pass
                    }
                }
            };
            let replay = if s.history.is_empty() {
                None
            } else {
                let i = s.rng.random_range(0..s.history.len());
                s.history.get(i).cloned()
            };
            let cut = s.rng.random_range(0.05..0.95);
            if path != "/v1/hello" {
                s.history.push_back(request.clone());
                if s.history.len() > 40 {
                    s.history.pop_front();
                }
            }
            let upstream = s.upstream;
            s.log.push(format!("{path} #{n}: {action:?}"));
            // The desk of this request, not of whichever round runs when the kill comes: a
            // delayed request of an earlier round once killed the next round's desk.
            let (client_pid, server_pid) = (s.client_pid, s.server_pid);
            (action, upstream, replay, cut, client_pid, server_pid)
        };
        let request = close_after(&request);
        match action {
            Action::Pass => self.relay(&mut client, upstream, &request),
            Action::DropRequest => {}
            Action::TruncateRequest => {
                let k = ((request.len() as f64) * cut) as usize;
                if let Ok(mut up) = connect(upstream) {
                    let _ = up.write_all(&request[..k]);
                    let _ = up.shutdown(Shutdown::Both);
                }
            }
            Action::DropResponse => {
                let _ = self.exchange(upstream, &request);
            }
            Action::TruncateResponse => {
                if let Some(response) = self.exchange(upstream, &request) {
                    let k = ((response.len() as f64) * cut) as usize;
                    let _ = client.write_all(&response[..k]);
                }
            }
            Action::Duplicate => {
                let (a, b) = std::thread::scope(|scope| {
                    let a = scope.spawn(|| self.exchange(upstream, &request));
                    let b = scope.spawn(|| self.exchange(upstream, &request));
                    (a.join().ok().flatten(), b.join().ok().flatten())
                });
                if let Some(response) = a.or(b) {
                    let _ = client.write_all(&response);
                }
            }
            Action::ReplayBefore => {
                if let Some(old) = replay {
                    let _ = self.exchange(upstream, &close_after(&old));
                }
                self.relay(&mut client, upstream, &request);
            }
            Action::ReplayAfter => {
                self.relay(&mut client, upstream, &request);
                if let Some(old) = replay {
                    let _ = self.exchange(upstream, &close_after(&old));
                }
            }
            Action::Delay => {
                std::thread::sleep(Duration::from_millis((cut * 300.0) as u64));
                self.relay(&mut client, upstream, &request);
            }
            Action::KillClientBefore => kill_client(client_pid),
            Action::KillClientBeforeResponse => {
                let _ = self.exchange(upstream, &request);
                kill_client(client_pid);
            }
            Action::KillClientAfterResponse => {
                self.relay(&mut client, upstream, &request);
                std::thread::sleep(Duration::from_micros((cut * 20_000.0) as u64));
                kill_client(client_pid);
            }
            Action::KillServerBefore => self.kill_server(server_pid),
            Action::KillServerBeforeResponse => {
                let _ = self.exchange(upstream, &request);
                self.kill_server(server_pid);
            }
        }
        let _ = client.shutdown(Shutdown::Both);
    }

    fn relay(&self, client: &mut TcpStream, upstream: SocketAddr, request: &[u8]) {
        if let Some(response) = self.exchange(upstream, request) {
            let _ = client.write_all(&response);
        }
    }

    /// Sends `request` to the platform and reads its whole answer, recording it.
    fn exchange(&self, upstream: SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
        let mut up = connect(upstream).ok()?;
        up.write_all(request).ok()?;
        let mut response = Vec::new();
        let read = up.read_to_end(&mut response);
        self.state().wire.extend_from_slice(&response);
        read.ok()?;
        (!response.is_empty()).then(|| close_after(&response))
    }

    /// Kills the platform this request was for, once (a restarted one is not this request's).
    fn kill_server(&self, pid: Option<u32>) {
        let mut s = self.state();
        if pid.is_some() && s.server_pid == pid {
            s.server_pid = None;
            drop(s);
            if let Some(pid) = pid {
                kill9(pid);
            }
        }
    }
}

fn kill_client(pid: Option<u32>) {
    if let Some(pid) = pid {
        kill9(pid);
    }
}

/// `kill -9`: no handler, no flush, no destructor runs.
pub fn kill9(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status();
}

fn connect(upstream: SocketAddr) -> std::io::Result<TcpStream> {
    let up = TcpStream::connect_timeout(&upstream, Duration::from_secs(2))?;
    up.set_read_timeout(Some(Duration::from_secs(30)))?;
    Ok(up)
}

/// One whole request from the desk: headers and `Content-Length` bytes of body.
fn read_request(client: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
        let n = client.read(&mut chunk).ok()?;
        if n == 0 || buf.len() > 64 * 1024 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = client.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(buf)
}

fn request_path(request: &[u8]) -> &'static str {
    let line = request.split(|b| *b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    ["/v1/hello", "/v1/push", "/v1/pull", "/v1/enrol"]
        .into_iter()
        .find(|p| line.split(' ').nth(1) == Some(p))
        .unwrap_or("other")
}

/// The same message with `Connection: close` as its only connection header.
fn close_after(message: &[u8]) -> Vec<u8> {
    let Some(end) = find(message, b"\r\n\r\n") else {
        return message.to_vec();
    };
    let head = String::from_utf8_lossy(&message[..end]);
    let mut out = String::new();
    for line in head.split("\r\n") {
        if !line.to_ascii_lowercase().starts_with("connection:") {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str("Connection: close\r\n\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&message[end + 4..]);
    bytes
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
