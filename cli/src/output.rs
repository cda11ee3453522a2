//! Plain-text output for people at a terminal. Scripts use `--json`.
//!
//! Everything goes through `outln!`, which returns write errors instead of panicking the way
//! `println!` does when the reader of a pipe (`| head`) goes away.

use std::io::{self, Write};

/// `println!` that returns the write error.
macro_rules! outln {
    ($($t:tt)*) => {
        writeln!(io::stdout().lock(), $($t)*)?
    };
}

use solidesk_core::office::OfficeSettings;
use solidesk_core::requests::RequestOccurrence;
use solidesk_core::residents::ResidentHit;
use solidesk_core::{Resident, Volunteer, dates, national_number, phone};

fn phone_or_dash(p: Option<&str>) -> String {
    p.map(phone::display).unwrap_or_else(|| "-".into())
}

/// Pads to a width in characters (not bytes: names carry accents).
fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.chars().take(width).collect()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

pub fn resident_hits(hits: &[ResidentHit]) -> io::Result<()> {
    outln!(
        "{} {} {} {} {} {}",
        pad("#", 8),
        pad("name", 30),
        pad("born", 10),
        pad("address", 34),
        pad("phone", 16),
        "lang"
    );
    for h in hits {
        let place = format!(
            "{}, {} {}",
            h.address,
            h.postal_code.as_deref().unwrap_or(""),
            h.locality
        );
        outln!(
            "{} {} {} {} {} {}",
            pad(&h.local_id.to_string(), 8),
            pad(&format!("{}, {}", h.last_name, h.first_name), 30),
            pad(&h.birth_date.map(dates::display).unwrap_or_default(), 10),
            pad(&place, 34),
            pad(&phone_or_dash(h.phone.as_deref()), 16),
            h.language
        );
    }
    Ok(())
}

pub fn resident(r: &Resident) -> io::Result<()> {
    let line = |label: &str, value: &str| -> io::Result<()> {
        if !value.is_empty() {
            outln!("{} {value}", pad(label, 16));
        }
        Ok(())
    };
    line(
        "resident",
        &format!("#{} {} {}", r.local_id, r.first_name, r.last_name),
    )?;
    line("id", &r.id)?;
    line(
        "born",
        &r.birth_date.map(dates::display).unwrap_or_default(),
    )?;
    line(
        "national number",
        &r.national_number
            .as_deref()
            .map(national_number::format_digits)
            .unwrap_or_default(),
    )?;
    line("language", r.language.as_str())?;
    line(
        "address",
        &format!(
            "{}, {} {}",
            solidesk_core::residents::format_address(&r.street, &r.house_number, &r.box_number),
            r.postal_code.as_deref().unwrap_or(""),
            r.locality
        ),
    )?;
    line(
        "phones",
        &r.phones
            .iter()
            .map(|p| phone::display(p))
            .collect::<Vec<_>>()
            .join(", "),
    )?;
    line(
        "lives alone",
        match r.lives_alone {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
    )?;
    line("needs", &r.needs)?;
    line("notes", &r.notes)?;
    line(
        "consent",
        &match (r.consent_date, r.consent_basis) {
            (Some(d), Some(b)) => format!("{b} since {}", dates::display(d)),
            (None, Some(b)) => b.to_string(),
            (Some(d), None) => dates::display(d),
            (None, None) => String::new(),
        },
    )?;
    line("status", r.status.as_str())?;
    line("source", &r.source)?;
    Ok(())
}

pub fn volunteers(list: &[Volunteer]) -> io::Result<()> {
    outln!(
        "{} {} {} {} {} {}",
        pad("#", 8),
        pad("name", 30),
        pad("postal", 6),
        pad("phone", 16),
        pad("languages", 10),
        "tasks"
    );
    for v in list {
        outln!(
            "{} {} {} {} {} {}",
            pad(&v.local_id.to_string(), 8),
            pad(&format!("{}, {}", v.last_name, v.first_name), 30),
            pad(&v.postal_code, 6),
            pad(&phone_or_dash(v.phone.as_deref()), 16),
            pad(
                &v.languages
                    .iter()
                    .map(|l| l.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                10
            ),
            v.tasks
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(",")
        );
    }
    Ok(())
}

pub fn volunteer(v: &Volunteer) -> io::Result<()> {
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    outln!(
        "{} #{} {} {}",
        pad("volunteer", 16),
        v.local_id,
        v.first_name,
        v.last_name
    );
    outln!("{} {}", pad("id", 16), v.id);
    outln!("{} {}", pad("phone", 16), phone_or_dash(v.phone.as_deref()));
    if !v.email.is_empty() {
        outln!("{} {}", pad("email", 16), v.email);
    }
    outln!(
        "{} {}",
        pad("languages", 16),
        v.languages
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    outln!(
        "{} {} (within {} km)",
        pad("home", 16),
        v.postal_code,
        v.radius_km
    );
    outln!(
        "{} {}",
        pad("tasks", 16),
        v.tasks
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    outln!(
        "{} {}",
        pad("available", 16),
        v.availability
            .iter()
            .map(|(d, p)| format!("{} {}", days[usize::from(d.saturating_sub(1)).min(6)], p))
            .collect::<Vec<_>>()
            .join(", ")
    );
    outln!("{} {} a day", pad("capacity", 16), v.capacity_per_day);
    outln!("{} {}", pad("status", 16), v.status);
    Ok(())
}

pub fn requests(list: &[RequestOccurrence]) -> io::Result<()> {
    if list.is_empty() {
        outln!("No requests.");
        return Ok(());
    }
    outln!(
        "{} {} {} {} {} {} {}",
        pad("date", 10),
        pad("#", 7),
        pad("kind", 14),
        pad("when", 12),
        pad("urgency", 8),
        pad("status", 9),
        "resident"
    );
    for o in list {
        let q = &o.request;
        let when = match (&q.window_start, &q.window_end, q.part_of_day) {
            (Some(a), Some(b), _) => format!("{a}-{b}"),
            (_, _, Some(p)) => p.to_string(),
            _ => "any time".into(),
        };
        let repeat = q
            .recurrence
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        outln!(
            "{} {} {} {} {} {} {}{}",
            pad(&dates::display(o.date), 10),
            pad(&q.local_id.to_string(), 7),
            pad(q.kind.as_str(), 14),
            pad(&when, 12),
            pad(q.urgency.as_str(), 8),
            pad(q.status.as_str(), 9),
            q.resident_name,
            repeat
        );
    }
    Ok(())
}

pub fn office(o: &OfficeSettings) -> io::Result<()> {
    outln!("{} {}", pad("name", 16), o.name);
    outln!(
        "{} {}",
        pad("NIS code", 16),
        o.nis_code.as_deref().unwrap_or("-")
    );
    outln!("{} {}", pad("phone", 16), phone_or_dash(o.phone.as_deref()));
    outln!("{} {}", pad("language", 16), o.default_language);
    outln!("{} {}", pad("postal codes", 16), o.postal_codes.join(", "));
    outln!("{} {} km", pad("neighbourhood", 16), o.neighbourhood_km);
    Ok(())
}

pub fn import_report(r: &solidesk_core::import::ImportReport) -> io::Result<()> {
    let what = if r.dry_run {
        "Dry run (nothing was changed)"
    } else {
        "Imported"
    };
    outln!(
        "{what}: {} ({}, delimiter {}), {} rows.",
        r.file_name,
        r.encoding,
        r.delimiter,
        r.rows
    );
    let unmapped: Vec<&str> = r
        .columns
        .iter()
        .filter(|c| c.field.is_none())
        .map(|c| c.header.as_str())
        .collect();
    if !unmapped.is_empty() {
        outln!("Columns not imported: {}", unmapped.join(", "));
    }
    outln!(
        "  created {}, updated {}, unchanged {}, twice in the file {}, rejected {}",
        r.created,
        r.updated,
        r.unchanged,
        r.duplicates_in_file,
        r.rejected
    );
    outln!(
        "  rows with warnings {}, possible duplicates to review {}",
        r.warnings,
        r.possible_duplicates
    );
    for g in &r.groups {
        if matches!(g.outcome.as_str(), "created" | "unchanged") {
            continue;
        }
        outln!("{} ({}):", g.label, g.count);
        for s in &g.samples {
            if s.detail.is_empty() {
                outln!("    line {:>6}  {}", s.line, s.name);
            } else {
                outln!("    line {:>6}  {}  {}", s.line, s.name, s.detail);
            }
        }
    }
    if let Some(f) = &r.rejects_file
        && r.rejected > 0
    {
        outln!("Rejected rows written to {f}.");
    }
    if let Some(id) = &r.import_id {
        outln!("Import {id} recorded; `solidesk imports undo {id}` undoes it.");
    }
    Ok(())
}

pub fn imports(list: &[solidesk_core::import::ImportRecord]) -> io::Result<()> {
    outln!(
        "{} {} {} {} {} {}",
        pad("#", 5),
        pad("when", 20),
        pad("what", 10),
        pad("file", 30),
        pad("rows", 8),
        "created/updated/unchanged/twice/rejected"
    );
    for i in list {
        outln!(
            "{} {} {} {} {} {}/{}/{}/{}/{}{}",
            pad(&i.local_id.to_string(), 5),
            pad(&i.imported_at, 20),
            pad(&i.kind, 10),
            pad(&i.file_name, 30),
            pad(&i.rows.to_string(), 8),
            i.created,
            i.updated,
            i.unchanged,
            i.duplicates_in_file,
            i.rejected,
            if i.undone_at.is_some() {
                "  (undone)"
            } else {
                ""
            }
        );
    }
    Ok(())
}

pub fn day_plan(plan: &solidesk_core::matching::DayPlan) -> io::Result<()> {
    let o = &plan.objective;
    let planned = o.served + o.unserved;
    outln!(
        "{}: {} of {} open requests served ({} urgent), cost {}; {} confirmed earlier, kept.",
        solidesk_core::dates::display(plan.date),
        o.served,
        planned,
        o.served_urgent,
        o.cost,
        plan.kept.len()
    );
    if !plan.proposals.is_empty() {
        outln!();
        outln!("Proposals (accept with `solidesk match accept NUMBER`):");
        for p in &plan.proposals {
            outln!(
                "  {:>6}  request {:>6}  {}  {}  {}  →  {} (volunteer {}): {}",
                p.assignment_number,
                p.request_number,
                pad(&p.resident_name, 24),
                pad(p.kind.as_str(), 14),
                pad(p.urgency.as_str(), 7),
                p.volunteer_name,
                p.volunteer_number,
                p.why
            );
        }
    }
    if !plan.unmatched.is_empty() {
        outln!();
        outln!("Nobody found:");
        for u in &plan.unmatched {
            outln!(
                "          request {:>6}  {}  {}  {}  {}",
                u.request_number,
                pad(&u.resident_name, 24),
                pad(u.kind.as_str(), 14),
                pad(u.urgency.as_str(), 7),
                u.why
            );
        }
    }
    Ok(())
}

pub fn candidates(list: &[solidesk_core::matching::Candidate]) -> io::Result<()> {
    if list.is_empty() {
        outln!(
            "  nobody else meets every rule; assign someone by hand with `solidesk match assign`."
        );
    }
    for c in list {
        outln!(
            "  volunteer {:>6}  {}  room {}  cost {:>5}  {}",
            c.volunteer_number,
            pad(&c.volunteer_name, 24),
            c.room,
            c.cost,
            c.why
        );
    }
    Ok(())
}

pub fn sync_status(s: &solidesk_core::sync::SyncStatus) -> io::Result<()> {
    if !s.enrolled {
        outln!(
            "Not enrolled with the national platform (solidesk sync enrol --platform URL --secret S)."
        );
    } else {
        outln!(
            "Platform:      {} ({})",
            s.platform_url.as_deref().unwrap_or("-"),
            s.office_name.as_deref().unwrap_or("-")
        );
    }
    outln!(
        "Last success:  {}",
        s.last_success_at.as_deref().unwrap_or("never")
    );
    if let Some(error) = &s.last_error {
        outln!(
            "Last attempt:  {} FAILED: {error}",
            s.last_attempt_at.as_deref().unwrap_or("-")
        );
    }
    let kinds: Vec<String> = s
        .waiting_by_kind
        .iter()
        .map(|w| format!("{} {}", w.count, w.entity))
        .collect();
    if s.waiting == 0 {
        outln!("Waiting:       nothing");
    } else {
        outln!(
            "Waiting:       {} ({}), oldest from {}",
            s.waiting,
            kinds.join(", "),
            s.oldest_waiting_at.as_deref().unwrap_or("-")
        );
    }
    if s.issues.is_empty() {
        outln!("Refused:       nothing");
    } else {
        outln!("Refused by the platform ({}):", s.issues.len());
        for issue in &s.issues {
            // The record as the office knows it; its id once it is gone from the register.
            let record = match issue.request_number {
                Some(number) => [
                    Some(format!("request #{number}")),
                    issue.date.clone(),
                    issue.resident.clone(),
                    issue.volunteer.clone(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
                None => issue.entity_id.clone(),
            };
            outln!(
                "  {} {} {}: {} [{}]",
                issue.created_at,
                issue.entity,
                record,
                issue.message,
                issue.reason
            );
        }
    }
    if s.enrolled {
        outln!(
            "Office key:    {}",
            match s.office_key.as_str() {
                "held" => "held (the office's other desks read what this one sends)",
                "other" =>
                    "NOT the office's: enter the code from an enrolled desk (solidesk sync key join CODE)",
                _ =>
                    "missing: on an enrolled desk run `solidesk sync key show`, then here `solidesk sync key join CODE`",
            }
        );
        outln!(
            "Office data:   {} records to seal for the other desks, {} received records kept aside",
            s.office_waiting,
            s.office_parked
        );
    }
    if !s.office_conflicts.is_empty() {
        outln!(
            "Changed on two desks at once ({}); the later change was kept everywhere:",
            s.office_conflicts.len()
        );
        for c in &s.office_conflicts {
            outln!(
                "  #{} {} {} {}: the version from desk {} was set aside (solidesk sync resolve {} once looked at)",
                c.id,
                c.detected_at,
                c.kind,
                c.label,
                c.set_aside_by,
                c.id
            );
        }
    }
    Ok(())
}

pub fn sync_report(r: &solidesk_core::sync::SyncReport) -> io::Result<()> {
    outln!(
        "Sent: {} applied, {} already there, {} refused ({} claims lost) in {} batches.",
        r.applied,
        r.duplicates,
        r.rejected,
        r.claims_lost,
        r.batches
    );
    outln!(
        "Received: {} changes ({} volunteers updated, {} removed, {} skipped) in {} pages.",
        r.pulled,
        r.volunteers_updated,
        r.volunteers_removed,
        r.skipped,
        r.pages
    );
    if r.retries > 0 || r.new_epoch {
        outln!(
            "Retried {} times{}.",
            r.retries,
            if r.new_epoch {
                "; restarted the sequence (the register was restored or copied)"
            } else {
                ""
            }
        );
    }
    if r.office_sealed + r.office_received + r.office_parked > 0 {
        outln!(
            "Office records: {} sealed for the other desks, {} received ({} changed on two desks at once), {} kept aside.",
            r.office_sealed,
            r.office_received,
            r.office_conflicts,
            r.office_parked
        );
    }
    outln!("Waiting: {}.", r.waiting);
    Ok(())
}
