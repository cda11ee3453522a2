//! Planning a city-sized day (issue 5): 20,000 open requests and 10,000 volunteers over East
//! Flanders' postal codes (`solidesk demo --region 9 --days 1`), all due the same day.
//!
//! Measured in one run, on the same problem:
//! - the whole plan in process (`Register::plan_day_with_graph`: reading the day, the rules,
//!   the costs, solving, the explanations, writing the proposals), and the solver alone;
//! - the `solidesk match` command end to end (key derivation included), with its peak memory;
//! - OR-Tools' min-cost flow (its Python package) on the exported graph: time and objective;
//! - "nearest available volunteer, first come first served" on the same graph: how many
//!   requests it serves against the optimal plan.
//!
//! `cargo bench -p solidesk-cli --bench matching` (`scripts/bench` installs OR-Tools in a venv
//! and points SOLIDESK_BENCH_PYTHON at it). SOLIDESK_BENCH_REQUESTS / _VOLUNTEERS change the size.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use solidesk_core::demo::DemoOptions;
use solidesk_core::matching::{Graph, flow, tier};
use solidesk_core::{Key, Language, Register};

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn register(dir: &Path, requests: u64, volunteers: u64) -> PathBuf {
    let path = dir.join(format!("city-{requests}-{volunteers}.db"));
    if !path.exists() {
        let mut reg = Register::create(&path, &key()).expect("create");
        reg.fill_demo(&DemoOptions {
            residents: requests,
            volunteers,
            requests: Some(requests),
            days: 1,
            region: vec!["9".into()],
            ..DemoOptions::new(day())
        })
        .expect("demo");
    }
    path
}

fn key() -> Key {
    Key::new("benchmark").expect("key")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The solver's problem, read back from the graph the plan exported.
fn problem(graph: &Graph) -> flow::Problem {
    flow::Problem {
        supply: graph.groups.iter().map(|g| g.supply).collect(),
        tier: graph.groups.iter().map(|g| tier(g.urgency)).collect(),
        hub: graph.groups.iter().map(|g| g.hub).collect(),
        capacity: graph.volunteers.iter().map(|v| v.capacity).collect(),
        edges: graph
            .edges
            .iter()
            .map(|e| flow::Edge {
                hub: e.hub,
                volunteer: e.volunteer,
                cost: e.cost,
            })
            .collect(),
    }
}

/// "Nearest available volunteer, first come first served": requests in the order they came in
/// (their number), each given the nearest volunteer with room left (by phone: the first with
/// room), never revisited.
fn first_come_first_served(graph: &Graph) -> (u32, u32) {
    let mut room: Vec<u32> = graph.volunteers.iter().map(|v| v.capacity).collect();
    let hubs = graph
        .edges
        .iter()
        .map(|e| e.hub as usize + 1)
        .max()
        .unwrap_or(0);
    let mut edges_of: Vec<Vec<usize>> = vec![Vec::new(); hubs];
    for (i, e) in graph.edges.iter().enumerate() {
        edges_of[e.hub as usize].push(i);
    }
    for list in &mut edges_of {
        list.sort_by(|&a, &b| {
            let (ea, eb) = (&graph.edges[a], &graph.edges[b]);
            ea.distance_km
                .unwrap_or(0.0)
                .total_cmp(&eb.distance_km.unwrap_or(0.0))
                .then(ea.volunteer.cmp(&eb.volunteer))
        });
    }
    let mut order: Vec<usize> = (0..graph.requests.len()).collect();
    order.sort_by_key(|&r| graph.requests[r].number);
    let (mut served, mut urgent) = (0, 0);
    for r in order {
        let request = &graph.requests[r];
        let hub = graph.groups[request.group as usize].hub as usize;
        if let Some(&e) = edges_of
            .get(hub)
            .into_iter()
            .flatten()
            .find(|&&e| room[graph.edges[e].volunteer as usize] > 0)
        {
            room[graph.edges[e].volunteer as usize] -= 1;
            served += 1;
            if request.urgency == solidesk_core::Urgency::Urgent {
                urgent += 1;
            }
        }
    }
    (served, urgent)
}

fn main() {
    let requests = setting("SOLIDESK_BENCH_REQUESTS", 20_000);
    let volunteers = setting("SOLIDESK_BENCH_VOLUNTEERS", 10_000);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-matching");
    std::fs::create_dir_all(&dir).expect("dir");
    let pristine = register(&dir, requests, volunteers);
    // Every run starts from a register with no plan yet (the pristine one is never planned).
    let path = dir.join("work.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(&pristine, &path).expect("copy the register");
    println!(
        "a city-sized day: {requests} open requests, {volunteers} volunteers, postal codes 9xxx, {}",
        day()
    );

    let mut reg = Register::open(&path, &key()).expect("open");
    let started = Instant::now();
    let (plan, graph) = reg
        .plan_day_with_graph(day(), "bench", Language::En)
        .expect("plan");
    let first = started.elapsed();
    println!(
        "problem: {} requests in {} groups, {} volunteers with room, {} feasible edges",
        graph.requests.len(),
        graph.groups.len(),
        graph.volunteers.len(),
        graph.edges.len()
    );
    let mut runs = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let again = reg.plan_day(day(), "bench", Language::En).expect("plan");
        runs.push(started.elapsed());
        assert_eq!(again.objective, plan.objective, "the same plan every time");
    }
    let whole = median(runs);
    let p = problem(&graph);
    let mut runs = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let s = flow::solve(&p);
        runs.push(started.elapsed());
        assert_eq!(s.total, graph.total);
    }
    let solver = median(runs);
    drop(reg);

    // The command as a user runs it, with its peak memory.
    let report = dir.join("time.txt");
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(env!("CARGO_BIN_EXE_solidesk"))
        .arg("--db")
        .arg(&path)
        .args(["match", "--date", "2026-12-01", "--json"])
        .env("SOLIDESK_KEY", "benchmark")
        .output()
        .expect("run solidesk under /usr/bin/time (scripts/bench installs it)");
    let command = started.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let peak_mib = std::fs::read_to_string(&report)
        .expect("time report")
        .trim()
        .parse::<f64>()
        .expect("KiB")
        / 1024.0;

    let o = plan.objective;
    println!(
        "{:<58} {:>9.0} ms",
        "Solidesk: the first plan of the day (writes every proposal)",
        first.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>9.0} ms",
        "Solidesk: planning again (read, rules, solve, explain, write)",
        whole.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>9.0} ms",
        "Solidesk: the solver alone",
        solver.as_secs_f64() * 1e3
    );
    println!(
        "{:<58} {:>9.0} ms  peak {peak_mib:.0} MiB",
        "`solidesk match --json` end to end (key derivation incl.)",
        command.as_secs_f64() * 1e3
    );
    println!(
        "Solidesk objective: {} (served {}, urgent {}, cost {})",
        graph.total, o.served, o.served_urgent, o.cost
    );

    // OR-Tools on the same graph.
    let graph_file = dir.join("graph.json");
    std::fs::write(&graph_file, serde_json::to_vec(&graph).expect("json")).expect("write graph");
    let python = std::env::var("SOLIDESK_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/ortools_check.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(&graph_file)
        .output()
        .expect("python runs");
    if out.status.success() {
        let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("OR-Tools JSON");
        println!(
            "{:<58} {:>9.0} ms  (building the network: {:.0} ms)",
            "OR-Tools SimpleMinCostFlow.solve on the same graph",
            r["solve_seconds"].as_f64().unwrap_or(f64::NAN) * 1e3,
            r["build_seconds"].as_f64().unwrap_or(f64::NAN) * 1e3
        );
        println!(
            "OR-Tools objective: {} ({} version {}){}",
            r["optimal_cost"],
            r["status"],
            r["version"],
            if r["optimal_cost"].as_i64() == Some(graph.total) {
                " — the same value"
            } else {
                " — DIFFERENT"
            }
        );
    } else {
        println!(
            "OR-Tools: not run ({}); scripts/bench installs it",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
    }

    let (greedy, greedy_urgent) = first_come_first_served(&graph);
    println!(
        "nearest available volunteer, first come first served: {greedy} served ({greedy_urgent} urgent); the plan serves {} more ({} more urgent)",
        i64::from(o.served) - i64::from(greedy),
        i64::from(o.served_urgent) - i64::from(greedy_urgent)
    );
}
