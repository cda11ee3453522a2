//! Finding a caller in a city-sized register: name and phone search on 500,000 residents.
//!
//! Goal (issue 2): each kind of search answers in under 10 ms median. The register is the demo
//! register (`solidesk demo --residents 500000 --volunteers 20000`), built once and cached under
//! the target folder (delete it or set SOLIDESK_BENCH_FRESH=1 to rebuild). Queries are drawn
//! from residents of that register, as a caseworker would type them while the caller speaks:
//! a last-name prefix, last name plus the start of the first name, a whole phone number as it
//! is dictated, and its last six digits.
//!
//! Criterion reports the time per query averaged over each sample; the per-query distribution
//! (p50, p95, max over every query of the set) is printed first, because the goal is a median.
//!
//! SOLIDESK_BENCH_RESIDENTS changes the size (default 500000).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use solidesk_core::demo::DemoOptions;
use solidesk_core::{Key, Register, phone};

fn residents() -> u64 {
    std::env::var("SOLIDESK_BENCH_RESIDENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500_000)
}

fn register() -> Register {
    let n = residents();
    let key = Key::new("benchmark").expect("key");
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-registers");
    let path = dir.join(format!(
        "demo-{n}-seed-1-schema-{}.db",
        solidesk_core::register::schema_version()
    ));
    if std::env::var_os("SOLIDESK_BENCH_FRESH").is_some() {
        let _ = std::fs::remove_file(&path);
    }
    if let Ok(reg) = Register::open(&path, &key)
        && reg.count_residents().expect("count") == n
    {
        return reg;
    }
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let mut reg = Register::create(&path, &key).expect("create bench register");
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
    reg
}

struct Queries {
    name_prefix: Vec<String>,
    name_full: Vec<String>,
    phone_full: Vec<String>,
    phone_suffix: Vec<String>,
}

fn queries(reg: &Register) -> Queries {
    let n = reg.count_residents().expect("count") as usize;
    let mut q = Queries {
        name_prefix: vec![],
        name_full: vec![],
        phone_full: vec![],
        phone_suffix: vec![],
    };
    // 200 residents spread over the register (by this desk's number: demo residents are in
    // random order, so this is a random sample of names and numbers).
    for i in 0..200 {
        let hit = reg
            .resident(&(1 + i * n / 200).to_string())
            .expect("resident");
        let hit = solidesk_core::residents::ResidentHit {
            id: hit.id,
            local_id: hit.local_id,
            first_name: hit.first_name,
            last_name: hit.last_name,
            birth_date: hit.birth_date,
            address: String::new(),
            postal_code: hit.postal_code,
            locality: hit.locality,
            phone: hit.phones.first().cloned(),
            phone_display: None,
            language: hit.language,
        };
        let last: String = hit.last_name.chars().take(4).collect();
        q.name_prefix.push(last);
        let first: String = hit.first_name.chars().take(3).collect();
        q.name_full.push(format!("{} {first}", hit.last_name));
        if let Some(p) = &hit.phone {
            q.phone_full.push(phone::display(p));
            q.phone_suffix.push(p[p.len() - 6..].to_owned());
        }
    }
    q
}

fn distribution(reg: &Register, label: &str, queries: &[String]) {
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for _ in 0..5 {
        for q in queries {
            let t = Instant::now();
            let hits = reg.search_residents(q, 20).expect("search");
            times.push(t.elapsed());
            found += usize::from(!hits.is_empty());
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
    eprintln!(
        "{label:<14} {} queries: p50 {:>8.3?}  p95 {:>8.3?}  max {:>8.3?}  ({}% found something)",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0),
        found * 100 / times.len()
    );
}

fn search(c: &mut Criterion) {
    let reg = register();
    let q = queries(&reg);
    eprintln!(
        "register: {} residents",
        reg.count_residents().expect("count")
    );
    for (label, set) in [
        ("name_prefix", &q.name_prefix),
        ("name_full", &q.name_full),
        ("phone_full", &q.phone_full),
        ("phone_suffix", &q.phone_suffix),
    ] {
        distribution(&reg, label, set);
    }
    let mut group = c.benchmark_group("search_500k");
    for (label, set) in [
        ("name_prefix", &q.name_prefix),
        ("name_full", &q.name_full),
        ("phone_full", &q.phone_full),
        ("phone_suffix", &q.phone_suffix),
    ] {
        let mut i = 0;
        group.bench_function(label, |b| {
            b.iter(|| {
                i = (i + 1) % set.len();
                reg.search_residents(&set[i], 20).expect("search")
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50).measurement_time(Duration::from_secs(4));
    targets = search
}
criterion_main!(benches);
