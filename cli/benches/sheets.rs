//! Printing a day (issue 6): 1,000 volunteers' assignment sheets for one day, goal < 3 s.
//!
//! The day comes from a demo register planned and confirmed like an office's (East Flanders,
//! one day); the first 1,000 volunteers with confirmed assignments are printed. typst's memo
//! cache is emptied before every timed run, so no run profits from an earlier one.
//!
//! Measured in one run:
//! - the goal: the 1,000 volunteers' sheets from the register to disk (`volunteers_day`,
//!   typesetting, the combined PDF, one PDF per volunteer), and each of those parts;
//! - the whole day as `solidesk sheets` makes it (`write_day`: also the overview of every
//!   request of the day and the call list);
//! - `solidesk sheets --date D --out DIR --combined FILE` end to end, with its peak memory;
//! - the baseline: the same sheets made one document at a time (a separate typst compile and
//!   PDF per volunteer, on one core), the way systems that print one sheet at a time work.
//!
//! `cargo bench -p solidesk-cli --bench sheets`. SOLIDESK_BENCH_VOLUNTEERS changes the size.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use solidesk_core::demo::DemoOptions;
use solidesk_core::sheets::PrintedDay;
use solidesk_core::{Key, Language, Register};
use solidesk_sheets::{Typesetter, write_day};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn key() -> Key {
    Key::new("benchmark").expect("key")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// A register whose day has at least `volunteers` volunteers with confirmed assignments.
fn register(dir: &Path, volunteers: usize) -> PathBuf {
    let path = dir.join(format!("day-{volunteers}.db"));
    if path.exists() {
        return path;
    }
    let mut reg = Register::create(&path, &key()).expect("create");
    let requests = (volunteers * 8) as u64;
    reg.fill_demo(&DemoOptions {
        residents: requests,
        volunteers: (volunteers * 3) as u64,
        requests: Some(requests),
        days: 1,
        region: vec!["9".into()],
        ..DemoOptions::new(day())
    })
    .expect("demo");
    reg.plan_day(day(), "bench", Language::En).expect("plan");
    reg.confirm_day(day()).expect("confirm");
    path
}

fn main() {
    let wanted = std::env::var("SOLIDESK_BENCH_VOLUNTEERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000usize);
    let dir = std::env::temp_dir().join("solidesk-bench-sheets");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let started = Instant::now();
    let path = register(&dir, wanted);
    println!(
        "register ready in {:.1} s: {}",
        started.elapsed().as_secs_f64(),
        path.display()
    );
    let reg = Register::open(&path, &key()).expect("open");
    let everyone = reg.printed_day(day(), Language::En, None).expect("day");
    assert!(
        everyone.volunteers.len() >= wanted,
        "only {} volunteers have assignments",
        everyone.volunteers.len()
    );
    let only: Vec<String> = everyone.volunteers[..wanted]
        .iter()
        .map(|s| s.volunteer_id.clone())
        .collect();
    let visits: usize = everyone.volunteers[..wanted]
        .iter()
        .map(|s| s.visits.len())
        .sum();
    let longest = everyone.volunteers[..wanted]
        .iter()
        .map(|s| s.visits.len())
        .max()
        .unwrap_or(0);
    println!(
        "{wanted} volunteers, {visits} assignments (at most {longest} for one volunteer); the day has {} assigned, {} unassigned, {} calls",
        everyone.overview.assigned.len(),
        everyone.overview.unassigned.len(),
        everyone.calls.len()
    );

    let out = dir.join("out");
    let combined = dir.join("all.pdf");
    let runs: usize = std::env::var("SOLIDESK_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let (mut job, mut read, mut layout, mut one_pdf, mut separate, mut whole_day) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let mut pages = 0;
    for _ in 0..runs {
        // The goal: the 1,000 volunteers' sheets, read from the register, typeset, written as
        // one combined PDF and as one PDF per volunteer.
        solidesk_sheets::forget_cache();
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).expect("out");
        let t = Instant::now();
        let printed = reg.volunteers_day(day(), Some(&only)).expect("day");
        read.push(t.elapsed());
        let typesetter = Typesetter::new(None).expect("typesetter");
        let t1 = Instant::now();
        let doc = typesetter.volunteers(&printed, false).expect("layout");
        layout.push(t1.elapsed());
        let t1 = Instant::now();
        let pdf = doc.combined().expect("combined");
        solidesk_sheets::write_atomically(&combined, &pdf.bytes).expect("write");
        one_pdf.push(t1.elapsed());
        let t1 = Instant::now();
        let each = doc.separate().expect("separate");
        for (sheet, p) in printed.volunteers.iter().zip(&each) {
            let path = out.join(solidesk_sheets::volunteer_file_name(
                day(),
                sheet.volunteer_number,
                &sheet.name,
            ));
            solidesk_sheets::write_atomically(&path, &p.bytes).expect("write");
        }
        separate.push(t1.elapsed());
        job.push(t.elapsed());
        assert_eq!(each.len(), wanted);
        pages = pdf.pages;

        // The whole day as `solidesk sheets` makes it: the same, plus the overview of every
        // request of the day (with the planner's reasons for those nobody goes to) and the call
        // list.
        solidesk_sheets::forget_cache();
        let t = Instant::now();
        let printed = reg
            .printed_day(day(), Language::En, Some(&only))
            .expect("day");
        let written = write_day(
            &typesetter,
            &printed,
            Language::En,
            &out,
            Some(&combined),
            false,
        )
        .expect("write");
        whole_day.push(t.elapsed());
        assert_eq!(written.volunteers.len(), wanted);
    }
    let size = std::fs::metadata(&combined).map_or(0, |m| m.len());
    println!("pages: {pages}; combined PDF {:.1} MB", size as f64 / 1e6);
    println!(
        "{wanted} volunteers' sheets (read, typeset, combined PDF and {wanted} PDFs written): median {} (runs: {})",
        ms(median(job.clone())),
        job.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(", ")
    );
    println!(
        "  reading their day from the register: {}",
        ms(median(read))
    );
    println!("  layout: {}", ms(median(layout)));
    println!("  combined PDF, written: {}", ms(median(one_pdf)));
    println!(
        "  {wanted} per-volunteer PDFs on {} threads, written: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        ms(median(separate))
    );
    println!(
        "the whole day (write_day: + overview of every request of the day + call list): median {} (runs: {})",
        ms(median(whole_day.clone())),
        whole_day
            .iter()
            .map(|d| ms(*d))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // The command line, end to end (its own process: key derivation, opening, everything).
    let cli_out = dir.join("cli-out");
    let _ = std::fs::remove_dir_all(&cli_out);
    let volunteers_only_db = path.clone();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "wall %e s, peak RSS %M KiB"])
        .arg(env!("CARGO_BIN_EXE_solidesk"))
        .arg("--db")
        .arg(&volunteers_only_db)
        .args(["sheets", "--date", "2026-12-01", "--lang", "en", "--out"])
        .arg(&cli_out)
        .arg("--combined")
        .arg(dir.join("cli-all.pdf"))
        .env("SOLIDESK_KEY", "benchmark")
        .output()
        .expect("run solidesk under /usr/bin/time (scripts/bench installs it)");
    println!(
        "solidesk sheets, whole day ({} volunteers), end to end: {} {}",
        everyone.volunteers.len(),
        String::from_utf8_lossy(&output.stderr).trim(),
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or("")
    );

    // Baseline: one document per volunteer, one after the other.
    solidesk_sheets::forget_cache();
    let printed = reg
        .printed_day(day(), Language::En, Some(&only))
        .expect("day");
    let typesetter = Typesetter::new(None).expect("typesetter");
    let t = Instant::now();
    let mut baseline_pages = 0;
    for sheet in &printed.volunteers {
        let one = PrintedDay {
            volunteers: vec![sheet.clone()],
            ..printed.clone()
        };
        let doc = typesetter.volunteers(&one, false).expect("one");
        baseline_pages += doc.combined().expect("pdf").pages;
    }
    let baseline = t.elapsed();
    assert_eq!(baseline_pages, pages);
    println!(
        "baseline, one document per volunteer on one core: {} ({:.1} ms a volunteer) -> the day's document is {:.1}x faster",
        ms(baseline),
        baseline.as_secs_f64() * 1000.0 / wanted as f64,
        baseline.as_secs_f64() / median(job).as_secs_f64()
    );
}
