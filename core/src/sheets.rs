//! The printed day, as data: each volunteer's sheet, the coordinator's day overview and the
//! caseworkers' call list.
//!
//! Core decides *what* goes on paper; `solidesk-sheets` typesets it. Keeping the choice here
//! keeps the privacy rule in one place that the tests read: a sheet carries what the volunteer
//! needs for the visit (name, address, phone, language, task, the shopping list, and the access
//! note the resident agreed to share) and never a national register number or the office's
//! private notes. The queries below do not even select those columns.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::matching::SETTLED;
use crate::model::{Language, PartOfDay, Task, Urgency};
use crate::register::Register;

/// Everything printed for one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrintedDay {
    /// The day.
    pub date: NaiveDate,
    /// Who prints: named on every page, with the number to call when something is wrong.
    pub office: SheetOffice,
    /// One sheet per volunteer with a settled assignment that day, by last name.
    pub volunteers: Vec<VolunteerSheet>,
    /// The coordinator's list of the day.
    pub overview: DayOverviewSheet,
    /// The check-in calls of the day.
    pub calls: Vec<CheckinCall>,
}

/// The office as printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetOffice {
    /// Name ("OCMW Gent"); empty when the office has not set one.
    pub name: String,
    /// Phone, written the Belgian way ("09 266 99 11").
    pub phone: Option<String>,
    /// Language of the office's own documents (the overview and call list default).
    pub language: Language,
}

/// One volunteer's day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolunteerSheet {
    /// The volunteer's id.
    pub volunteer_id: String,
    /// This desk's number for the volunteer.
    pub volunteer_number: i64,
    /// "First Last".
    pub name: String,
    /// Phone, written the Belgian way.
    pub phone: Option<String>,
    /// The language the sheet is printed in (see [`sheet_language`]).
    pub language: Language,
    /// The visits and calls, in time order.
    pub visits: Vec<Visit>,
}

/// One assignment as the volunteer reads it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Visit {
    /// This desk's number of the assignment (to report back by phone).
    pub assignment_number: i64,
    /// When.
    pub time: TimeSlot,
    /// The task.
    pub task: Task,
    /// Urgency of the request.
    pub urgency: Urgency,
    /// "First Last".
    pub resident_name: String,
    /// "Street 12 bus 3".
    pub street_line: String,
    /// "9000 Gent".
    pub locality_line: String,
    /// The resident's main phone, written the Belgian way.
    pub phone: Option<String>,
    /// The language to speak with the resident (the request's, else the resident's).
    pub language: Language,
    /// The request's notes when they are not a shopping list.
    pub details: String,
    /// The shopping list, one item per line (see [`shopping_list`]).
    pub items: Vec<String>,
    /// What the resident agreed to share for the visit (door code, bell, pets).
    pub access_note: Option<String>,
}

/// When a visit or call is due.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeSlot {
    /// Part of the day asked for; none for any time.
    pub part_of_day: Option<PartOfDay>,
    /// "09:00", when the resident gave a window.
    pub start: Option<String>,
    /// "11:30".
    pub end: Option<String>,
}

/// The coordinator's view of the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayOverviewSheet {
    /// Every settled assignment, by time then postal code.
    pub assigned: Vec<OverviewRow>,
    /// Occurrences due that day without a settled assignment, most urgent first, with why.
    pub unassigned: Vec<UnassignedRow>,
}

/// One assignment in the overview.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverviewRow {
    /// When.
    pub time: TimeSlot,
    /// The resident's postal code.
    pub postal_code: String,
    /// "9000 Gent".
    pub locality_line: String,
    /// The resident.
    pub resident_name: String,
    /// The task.
    pub task: Task,
    /// Urgency.
    pub urgency: Urgency,
    /// Who goes.
    pub volunteer_name: String,
    /// The volunteer's phone.
    pub volunteer_phone: Option<String>,
}

/// A request of the day that nobody is settled on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnassignedRow {
    /// This desk's number of the request.
    pub request_number: i64,
    /// When.
    pub time: TimeSlot,
    /// The resident's postal code.
    pub postal_code: String,
    /// The resident.
    pub resident_name: String,
    /// The task.
    pub task: Task,
    /// Urgency.
    pub urgency: Urgency,
    /// Why nobody goes yet, in the reader's language.
    pub why: String,
}

/// A check-in call of the day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckinCall {
    /// This desk's number of the request.
    pub request_number: i64,
    /// When.
    pub time: TimeSlot,
    /// The resident.
    pub resident_name: String,
    /// Numbers to call, main first, written the Belgian way.
    pub phones: Vec<String>,
    /// The language to speak.
    pub language: Language,
    /// The volunteer who calls, when one is settled; otherwise the office calls.
    pub caller: Option<String>,
    /// The last contact logged with the resident (date), to know how long it has been.
    pub last_contact: Option<NaiveDate>,
    /// The request's notes (what to ask about).
    pub details: String,
}

/// The language a volunteer's sheet is printed in: their only language; else the office's
/// default when they speak it; else the first they speak in nl, fr, de, en order. (The register
/// keeps no preferred language for volunteers; this is the guess a coordinator would make.)
pub fn sheet_language(speaks: &[Language], office_default: Language) -> Language {
    match speaks {
        [] => office_default,
        [one] => *one,
        _ if speaks.contains(&office_default) => office_default,
        _ => Language::ALL
            .iter()
            .copied()
            .find(|l| speaks.contains(l))
            .unwrap_or(office_default),
    }
}

/// The shopping list in a request's notes: one item per line; a single line with commas or
/// semicolons ("milk, bread, 6 eggs") is split on them, the way caseworkers type while on the
/// phone. Bullets and checkboxes typed in front of items are dropped. Empty when the notes
/// hold at most one item (then they are details, not a list).
pub fn shopping_list(notes: &str) -> Vec<String> {
    let lines: Vec<&str> = notes
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let raw: Vec<&str> = if lines.len() == 1 {
        lines[0].split([',', ';']).collect()
    } else {
        lines
    };
    let items: Vec<String> = raw
        .into_iter()
        .map(|i| {
            i.trim()
                .trim_start_matches(['-', '*', '•', '☐', '□', '[', ']', ' '])
                .trim()
                .to_owned()
        })
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() < 2 { Vec::new() } else { items }
}

/// Minutes into the day a slot starts, for ordering: the window's start, else the part of
/// day's usual start; "any time" after everything else.
fn slot_order(t: &TimeSlot) -> u32 {
    if let Some(start) = t.start.as_deref()
        && let Ok(t) = NaiveTime::parse_from_str(start, "%H:%M")
    {
        use chrono::Timelike;
        return t.hour() * 60 + t.minute();
    }
    match t.part_of_day {
        Some(PartOfDay::Morning) => 9 * 60,
        Some(PartOfDay::Afternoon) => 13 * 60,
        Some(PartOfDay::Evening) => 18 * 60,
        None => 24 * 60,
    }
}

fn locality_line(postal_code: &str, locality: &str) -> String {
    format!("{postal_code} {locality}").trim().to_owned()
}

fn street_line(street: &str, number: &str, box_number: &str, language: Language) -> String {
    let mut s = format!("{street} {number}").trim().to_owned();
    if !box_number.is_empty() {
        let word = match language {
            Language::Nl => "bus",
            Language::Fr => "bte",
            Language::De => "Bf.",
            Language::En => "box",
        };
        s = format!("{s} {word} {box_number}");
    }
    s
}

fn phone_display(e164: Option<String>) -> Option<String> {
    e164.map(|p| crate::phone::display(&p))
}

impl Register {
    /// What is printed for `date`: every volunteer with a settled (confirmed, done or not done)
    /// assignment that day, the overview and the call list. The overview's reasons are in
    /// `language`. `only` restricts the volunteers' sheets to those ids (the overview and
    /// call list always cover the whole day).
    #[tracing::instrument(skip_all, err)]
    pub fn printed_day(
        &self,
        date: NaiveDate,
        language: Language,
        only: Option<&[String]>,
    ) -> Result<PrintedDay> {
        self.printed(date, language, only, true)
    }

    /// The volunteers' sheets of `date` alone: [`Register::printed_day`] without the
    /// unassigned requests' explanations and the call list (which ask the planner and every
    /// caller's history), for printing or re-printing volunteers' sheets only.
    pub fn volunteers_day(&self, date: NaiveDate, only: Option<&[String]>) -> Result<PrintedDay> {
        self.printed(date, Language::En, only, false)
    }

    fn printed(
        &self,
        date: NaiveDate,
        language: Language,
        only: Option<&[String]>,
        whole: bool,
    ) -> Result<PrintedDay> {
        let settings = self.office()?;
        let office = SheetOffice {
            name: settings.name.clone(),
            phone: phone_display(settings.phone.clone()),
            language: settings.default_language,
        };
        let day = date.to_string();

        let mut speaks: HashMap<String, Vec<Language>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT DISTINCT l.volunteer_id, l.language FROM volunteer_language l
                 JOIN assignment a ON a.volunteer_id = l.volunteer_id
                 WHERE a.occurrence_date = ?1 AND a.deleted_at IS NULL AND a.status IN {SETTLED}"
            ))?;
            let mut rows = stmt.query([&day])?;
            while let Some(row) = rows.next()? {
                speaks.entry(row.get(0)?).or_default().push(row.get(1)?);
            }
        }

        // One row per settled assignment. Deliberately no r.national_number, r.notes, v.notes.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT a.local_id, v.id, v.local_id, v.first_name, v.last_name, v.phone,
                    q.kind, q.urgency, q.part_of_day, q.window_start, q.window_end,
                    coalesce(q.language, r.language), q.notes,
                    r.first_name, r.last_name, r.street, r.house_number, r.box,
                    coalesce(r.postal_code, ''), r.locality,
                    (SELECT e164 FROM resident_phone p WHERE p.resident_id = r.id
                      ORDER BY p.position LIMIT 1),
                    n.note
             FROM assignment a
             JOIN help_request q ON q.id = a.request_id
             JOIN resident r ON r.id = q.resident_id
             JOIN volunteer v ON v.id = a.volunteer_id
             LEFT JOIN resident_access_note n ON n.resident_id = r.id
             WHERE a.occurrence_date = ?1 AND a.deleted_at IS NULL AND a.status IN {SETTLED}
             ORDER BY v.last_name COLLATE NOCASE, v.first_name COLLATE NOCASE, v.local_id"
        ))?;
        let mut sheets: Vec<VolunteerSheet> = Vec::new();
        let mut assigned = Vec::new();
        let mut rows = stmt.query([&day])?;
        while let Some(row) = rows.next()? {
            let volunteer_id: String = row.get(1)?;
            let volunteer_name =
                format!("{} {}", row.get::<_, String>(3)?, row.get::<_, String>(4)?)
                    .trim()
                    .to_owned();
            let volunteer_phone = phone_display(row.get(5)?);
            let task: Task = row.get(6)?;
            let notes: String = row.get(12)?;
            let items = if matches!(task, Task::Groceries | Task::Pharmacy | Task::Errands) {
                shopping_list(&notes)
            } else {
                Vec::new()
            };
            let language: Language = row.get(11)?;
            let postal_code: String = row.get(18)?;
            let locality: String = row.get(19)?;
            let visit = Visit {
                assignment_number: row.get(0)?,
                time: TimeSlot {
                    part_of_day: row.get::<_, String>(8)?.parse().ok(),
                    start: row.get(9)?,
                    end: row.get(10)?,
                },
                task,
                urgency: row.get(7)?,
                resident_name: format!(
                    "{} {}",
                    row.get::<_, String>(13)?,
                    row.get::<_, String>(14)?
                )
                .trim()
                .to_owned(),
                street_line: street_line(
                    &row.get::<_, String>(15)?,
                    &row.get::<_, String>(16)?,
                    &row.get::<_, String>(17)?,
                    language,
                ),
                locality_line: locality_line(&postal_code, &locality),
                phone: phone_display(row.get(20)?),
                language,
                details: if items.is_empty() {
                    notes.trim().to_owned()
                } else {
                    String::new()
                },
                items,
                access_note: row.get(21)?,
            };
            assigned.push(OverviewRow {
                time: visit.time.clone(),
                postal_code,
                locality_line: visit.locality_line.clone(),
                resident_name: visit.resident_name.clone(),
                task,
                urgency: visit.urgency,
                volunteer_name: volunteer_name.clone(),
                volunteer_phone: volunteer_phone.clone(),
            });
            let wanted = only.is_none_or(|ids| {
                let number: i64 = row.get(2).unwrap_or(-1);
                ids.iter()
                    .any(|i| *i == volunteer_id || i.parse::<i64>().ok() == Some(number))
            });
            if !wanted {
                continue;
            }
            match sheets.last_mut() {
                Some(s) if s.volunteer_id == volunteer_id => s.visits.push(visit),
                _ => sheets.push(VolunteerSheet {
                    language: sheet_language(
                        speaks.get(&volunteer_id).map_or(&[][..], |v| v.as_slice()),
                        settings.default_language,
                    ),
                    volunteer_id,
                    volunteer_number: row.get(2)?,
                    name: volunteer_name,
                    phone: volunteer_phone,
                    visits: vec![visit],
                }),
            }
        }
        drop(rows);
        for s in &mut sheets {
            s.visits.sort_by_key(|v| {
                (
                    slot_order(&v.time),
                    v.locality_line.clone(),
                    v.assignment_number,
                )
            });
        }
        assigned.sort_by(|a, b| {
            (slot_order(&a.time), &a.postal_code, &a.resident_name).cmp(&(
                slot_order(&b.time),
                &b.postal_code,
                &b.resident_name,
            ))
        });

        let (unassigned, calls) = if whole {
            (
                self.unassigned_on(date, language)?,
                self.checkin_calls(date)?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(PrintedDay {
            date,
            office,
            volunteers: sheets,
            overview: DayOverviewSheet {
                assigned,
                unassigned,
            },
            calls,
        })
    }

    /// The occurrences of `date` nobody is settled on, with why: a proposal waiting to be
    /// confirmed, or the planner's explanation (computed without writing anything).
    fn unassigned_on(&self, date: NaiveDate, language: Language) -> Result<Vec<UnassignedRow>> {
        let due = self.list_requests(date, date, None)?;
        let day = date.to_string();
        let mut settled = std::collections::HashSet::new();
        let mut proposed: HashMap<String, String> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT a.request_id, a.status, v.first_name || ' ' || v.last_name
                 FROM assignment a JOIN volunteer v ON v.id = a.volunteer_id
                 WHERE a.occurrence_date = ?1 AND a.deleted_at IS NULL",
            )?;
            let mut rows = stmt.query([&day])?;
            while let Some(row) = rows.next()? {
                let request: String = row.get(0)?;
                match row.get::<_, String>(1)?.as_str() {
                    "confirmed" | "done" | "not_done" => {
                        settled.insert(request);
                    }
                    "proposed" => {
                        proposed.insert(request, row.get(2)?);
                    }
                    _ => {}
                }
            }
        }
        let open: Vec<_> = due
            .into_iter()
            .filter(|o| {
                !settled.contains(&o.request.id)
                    && !matches!(
                        o.request.status,
                        crate::model::RequestStatus::Cancelled
                            | crate::model::RequestStatus::Done
                            | crate::model::RequestStatus::NotDone
                    )
            })
            .collect();
        if open.is_empty() {
            return Ok(Vec::new());
        }
        let planner = self.explain_unplanned(date, language)?;
        let postal: HashMap<String, String> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT q.id, coalesce(r.postal_code, '') FROM help_request q
                 JOIN resident r ON r.id = q.resident_id WHERE q.id = ?1",
            )?;
            let mut m = HashMap::new();
            for o in &open {
                if let Some(p) = stmt
                    .query_row([&o.request.id], |r| r.get::<_, String>(1))
                    .optional()?
                {
                    m.insert(o.request.id.clone(), p);
                }
            }
            m
        };
        Ok(open
            .into_iter()
            .map(|o| {
                let q = o.request;
                let why = match proposed.get(&q.id) {
                    Some(name) => crate::i18n::text_with(
                        language,
                        "sheet-why-proposed",
                        &[("name", crate::i18n::Arg::Text(name.trim().to_owned()))],
                    ),
                    None => planner
                        .get(&q.id)
                        .cloned()
                        .unwrap_or_else(|| crate::i18n::text(language, "sheet-why-not-planned")),
                };
                UnassignedRow {
                    request_number: q.local_id,
                    time: TimeSlot {
                        part_of_day: q.part_of_day,
                        start: q.window_start.clone(),
                        end: q.window_end.clone(),
                    },
                    postal_code: postal.get(&q.id).cloned().unwrap_or_default(),
                    resident_name: q.resident_name.clone(),
                    task: q.kind,
                    urgency: q.urgency,
                    why,
                }
            })
            .collect())
    }

    /// The check-in calls due on `date`, by time, with who calls.
    fn checkin_calls(&self, date: NaiveDate) -> Result<Vec<CheckinCall>> {
        let due = self.list_requests(date, date, None)?;
        let day = date.to_string();
        let mut caller_stmt = self.conn.prepare_cached(&format!(
            "SELECT v.first_name || ' ' || v.last_name FROM assignment a
             JOIN volunteer v ON v.id = a.volunteer_id
             WHERE a.request_id = ?1 AND a.occurrence_date = ?2 AND a.deleted_at IS NULL
               AND a.status IN {SETTLED} ORDER BY a.local_id LIMIT 1"
        ))?;
        let mut last_stmt = self.conn.prepare_cached(
            "SELECT max(substr(at, 1, 10)) FROM contact_log
             WHERE resident_id = ?1 AND deleted_at IS NULL AND substr(at, 1, 10) <= ?2",
        )?;
        let mut calls = Vec::new();
        for o in due {
            let q = o.request;
            if q.kind != Task::PhoneCheckin
                || matches!(q.status, crate::model::RequestStatus::Cancelled)
            {
                continue;
            }
            let caller: Option<String> = caller_stmt
                .query_row(params![q.id, day], |r| r.get(0))
                .optional()?;
            let last: Option<String> =
                last_stmt.query_row(params![q.resident_id, day], |r| r.get(0))?;
            let resident = self.resident(&q.resident_id)?;
            calls.push(CheckinCall {
                request_number: q.local_id,
                time: TimeSlot {
                    part_of_day: q.part_of_day,
                    start: q.window_start.clone(),
                    end: q.window_end.clone(),
                },
                resident_name: q.resident_name.clone(),
                phones: resident
                    .phones
                    .iter()
                    .map(|p| crate::phone::display(p))
                    .collect(),
                language: q.language,
                caller: caller.map(|c| c.trim().to_owned()),
                last_contact: last.and_then(|d| d.parse().ok()),
                details: q.notes.trim().to_owned(),
            });
        }
        calls.sort_by_key(|c| (slot_order(&c.time), c.resident_name.clone()));
        Ok(calls)
    }

    /// Records what a resident agreed to share with the volunteers who visit (door code,
    /// bell, pets), printed on their sheets; an empty note removes it.
    pub fn set_access_note(&mut self, resident: &str, note: &str) -> Result<Option<String>> {
        let resident = self.resident(resident)?;
        let note = note.trim();
        let now = crate::now();
        if note.is_empty() {
            self.conn.execute(
                "DELETE FROM resident_access_note WHERE resident_id = ?1",
                [&resident.id],
            )?;
            return Ok(None);
        }
        if note.chars().count() > 500 {
            return Err(Error::invalid(
                "access_note",
                "an access note is at most 500 characters: it has to fit on a sheet",
            ));
        }
        self.conn.execute(
            "INSERT INTO resident_access_note (resident_id, note, agreed_on, updated_at)
             VALUES (?1, ?2, substr(?3, 1, 10), ?3)
             ON CONFLICT (resident_id) DO UPDATE SET note = ?2, updated_at = ?3",
            params![resident.id, note, now],
        )?;
        Ok(Some(note.to_owned()))
    }

    /// The access note of a resident, if any.
    pub fn access_note(&self, resident: &str) -> Result<Option<String>> {
        let resident = self.resident(resident)?;
        Ok(self
            .conn
            .query_row(
                "SELECT note FROM resident_access_note WHERE resident_id = ?1",
                [&resident.id],
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_lines_or_one_line_of_commas() {
        assert_eq!(
            shopping_list("milk\nbread\n- 6 eggs"),
            ["milk", "bread", "6 eggs"]
        );
        assert_eq!(
            shopping_list("melk, brood; kaas"),
            ["melk", "brood", "kaas"]
        );
        assert!(shopping_list("Pick up the prescription at the pharmacy").is_empty());
        assert!(shopping_list("").is_empty());
        assert_eq!(shopping_list("☐ Dubœuf\n☐ Käse"), ["Dubœuf", "Käse"]);
    }

    #[test]
    fn the_sheet_language_follows_the_volunteer() {
        use Language::*;
        assert_eq!(sheet_language(&[Fr], Nl), Fr);
        assert_eq!(sheet_language(&[Fr, Nl], Nl), Nl);
        assert_eq!(sheet_language(&[En, De], Nl), De);
        assert_eq!(sheet_language(&[], Fr), Fr);
    }

    #[test]
    fn slots_order_by_window_then_part_of_day() {
        let s = |p, start: Option<&str>| TimeSlot {
            part_of_day: Some(p),
            start: start.map(str::to_owned),
            end: None,
        };
        assert!(
            slot_order(&s(PartOfDay::Morning, Some("08:30")))
                < slot_order(&s(PartOfDay::Morning, None))
        );
        assert!(
            slot_order(&s(PartOfDay::Afternoon, None))
                < slot_order(&TimeSlot {
                    part_of_day: None,
                    start: None,
                    end: None
                })
        );
    }
}
