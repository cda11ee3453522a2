//! The desktop app on a city-sized register, measured the way a caseworker meets it:
//! from launch to a usable window, unlocking, and search-as-you-type on 500,000 residents.
//!
//! Goals (issue 3): the window is usable within 2 s of launch; results show within 100 ms of a
//! keystroke. Runs the release build of the real app under Xvfb through WebDriver (the harness of
//! the end-to-end tests). The register is the demo register of the search benchmark, built once
//! and cached under target/tmp/bench-registers. `cargo bench --bench desktop`.

#[path = "../tests/harness/mod.rs"]
mod harness;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use harness::Desk;
use solidesk_core::Register;
use solidesk_core::demo::DemoOptions;
use thirtyfour::prelude::*;

const KEY: &str = "benchmark";

fn residents() -> u64 {
    std::env::var("SOLIDESK_BENCH_RESIDENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500_000)
}

fn register() -> PathBuf {
    let n = residents();
    let key = solidesk_core::Key::new(KEY).expect("key");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("bench-registers")
        .join(format!(
            "demo-{n}-seed-1-schema-{}.db",
            solidesk_core::register::schema_version()
        ));
    if Register::open(&path, &key).is_ok_and(|r| r.count_residents().ok() == Some(n)) {
        return path;
    }
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut reg = Register::create(&path, &key).expect("create");
    reg.fill_demo(&DemoOptions {
        residents: n,
        volunteers: n / 25,
        ..DemoOptions::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"))
    })
    .expect("demo");
    eprintln!(
        "built a demo register of {n} residents in {:.1?}",
        started.elapsed()
    );
    path
}

fn summary(label: &str, mut xs: Vec<f64>) {
    if xs.is_empty() {
        println!("{label:<44} no samples");
        return;
    }
    xs.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| xs[((xs.len() - 1) as f64 * p).round() as usize];
    println!(
        "{label:<44} n={:<4} p50 {:>8.1} ms  p95 {:>8.1} ms  max {:>8.1} ms",
        xs.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

/// What the page recorded: (query, ms from input event to rendered results, result count).
async fn searches(d: &WebDriver) -> WebDriverResult<Vec<(String, f64)>> {
    let v = d
        .execute(
            "return (window.__solidesk && window.__solidesk.searches) || [];",
            vec![],
        )
        .await?
        .json()
        .clone();
    Ok(v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| {
                    (
                        s["query"].as_str().unwrap_or_default().to_owned(),
                        s["ms"].as_f64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default())
}

#[tokio::main]
async fn main() -> WebDriverResult<()> {
    let db = register();
    let rounds = 5;
    let mut launch = Vec::new();
    let mut unlock = Vec::new();
    let mut in_page = Vec::new();
    let mut end_to_end = Vec::new();
    let queries = [
        "peeters mar",
        "janssens",
        "dubois jean",
        "0470 12",
        "+32 2 5",
        "van den b",
        "lambert",
    ];
    for _ in 0..rounds {
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = Desk::start_on("bench", dir, &db, &[]).await?;
        desk.wait_for(By::Id("unlock-key")).await?;
        launch.push(desk.launched_at().elapsed().as_secs_f64() * 1000.0);

        let field = desk.driver().find(By::Id("unlock-key")).await?;
        field.send_keys(KEY).await?;
        let t = Instant::now();
        field.send_keys(Key::Enter).await?;
        let search = desk.wait_for(By::Id("intake-search")).await?;
        unlock.push(t.elapsed().as_secs_f64() * 1000.0);

        for q in queries {
            search.clear().await?;
            tokio::time::sleep(Duration::from_millis(100)).await;
            for i in 0..q.chars().count() {
                let typed: String = q.chars().take(i + 1).collect();
                let next: String = q.chars().skip(i).take(1).collect();
                let before = searches(desk.driver()).await?.len();
                let t = Instant::now();
                search.send_keys(next).await?;
                // Until the page has rendered the results of this keystroke.
                let deadline = Instant::now() + Duration::from_secs(10);
                loop {
                    let s = searches(desk.driver()).await?;
                    if s.len() > before && s.last().is_some_and(|l| l.0 == typed) {
                        end_to_end.push(t.elapsed().as_secs_f64() * 1000.0);
                        in_page.push(s.last().map_or(0.0, |l| l.1));
                        break;
                    }
                    if Instant::now() > deadline {
                        eprintln!("no results rendered for {typed:?}");
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }
        }
        desk.stop().await?;
    }
    println!(
        "desktop app on {} residents ({rounds} launches)",
        residents()
    );
    summary("launch -> unlock screen usable", launch);
    summary("unlock (key derivation, open, counts)", unlock);
    summary("keystroke -> results rendered (in page)", in_page);
    summary("keystroke -> rendered, seen over WebDriver", end_to_end);
    Ok(())
}
