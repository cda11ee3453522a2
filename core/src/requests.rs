//! Help requests: what a resident asked for, when, and how often.
//!
//! A recurring request is one row; its occurrences are computed from its repetition rule
//! ([`crate::recurrence`]) whenever a day is listed or planned, so a weekly need is entered once.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{Row, params};
use serde::{Deserialize, Serialize};

use crate::dates;
use crate::error::{Error, Result};
use crate::model::{Channel, HelpRequest, Language, PartOfDay, RequestStatus, Task, Urgency};
use crate::recurrence::Recurrence;
use crate::register::Register;
use crate::residents::parse_stored_date;

/// A request as typed at the desk: text fields, not yet validated.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewHelpRequest {
    /// The resident: UUID or this desk's number.
    pub resident: String,
    /// What is needed (see [`Task`]).
    pub kind: String,
    /// The (first) day, day first or ISO.
    pub due_date: String,
    /// `morning`, `afternoon`, `evening`; empty = any time (or derived from the window).
    pub part_of_day: Option<String>,
    /// Time window `HH:MM-HH:MM`.
    pub window: Option<String>,
    /// Repetition (see [`Recurrence::parse`]).
    pub repeat: Option<String>,
    /// Last day of the repetition.
    pub repeat_until: Option<String>,
    /// `low`, `normal` (default), `high`, `urgent`.
    pub urgency: Option<String>,
    /// Language for this request when it differs from the resident's.
    pub language: Option<String>,
    /// Details and shopping list.
    pub notes: String,
    /// How it came in (default phone).
    pub channel: Option<String>,
    /// Who recorded it.
    pub created_by: String,
}

/// One occurrence of a request on one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct RequestOccurrence {
    /// The day.
    pub date: NaiveDate,
    /// The request.
    #[serde(flatten)]
    pub request: HelpRequest,
}

fn opt(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn parse_window(s: &str) -> Result<(String, String)> {
    let bad = || {
        Error::invalid(
            "window",
            format!("\"{s}\" is not a time window; write it like 09:00-11:30"),
        )
    };
    let (a, b) = s.split_once('-').ok_or_else(bad)?;
    let t = |x: &str| {
        let x = x.trim().replace(['h', 'u', '.'], ":");
        let x = if x.ends_with(':') {
            format!("{x}00")
        } else {
            x
        };
        NaiveTime::parse_from_str(&x, "%H:%M").map_err(|_| bad())
    };
    let (start, end) = (t(a)?, t(b)?);
    if start >= end {
        return Err(bad());
    }
    Ok((
        start.format("%H:%M").to_string(),
        end.format("%H:%M").to_string(),
    ))
}

impl Register {
    /// Records a help request for a resident.
    #[tracing::instrument(skip_all, err)]
    pub fn add_request(&mut self, input: &NewHelpRequest) -> Result<HelpRequest> {
        let resident = self.resident(&input.resident)?;
        let kind: Task = input.kind.parse()?;
        let due_date = dates::parse(&input.due_date, "due date")?;
        let window = opt(&input.window).map(parse_window).transpose()?;
        let part_of_day = match opt(&input.part_of_day) {
            Some("any") => None,
            Some(p) => Some(p.parse::<PartOfDay>()?),
            None => window
                .as_ref()
                .and_then(|(start, _)| NaiveTime::parse_from_str(start, "%H:%M").ok())
                .map(PartOfDay::of),
        };
        let recurrence = opt(&input.repeat).map(Recurrence::parse).transpose()?;
        let repeat_until = opt(&input.repeat_until)
            .map(|s| dates::parse(s, "repeat until"))
            .transpose()?;
        if let Some(until) = repeat_until {
            if recurrence.is_none() {
                return Err(Error::invalid(
                    "repeat until",
                    "only a repeating request has an end date",
                ));
            }
            if until < due_date {
                return Err(Error::invalid(
                    "repeat until",
                    "the repetition ends before it starts",
                ));
            }
        }
        let urgency = opt(&input.urgency)
            .map(str::parse::<Urgency>)
            .transpose()?
            .unwrap_or(Urgency::Normal);
        let language = opt(&input.language)
            .map(Language::parse_loose)
            .transpose()?;
        let channel = opt(&input.channel)
            .map(str::parse::<Channel>)
            .transpose()?
            .unwrap_or(Channel::Phone);
        let created_by = if input.created_by.trim().is_empty() {
            "cli"
        } else {
            input.created_by.trim()
        };
        let valid = ValidHelpRequest {
            id: crate::new_id(),
            resident_id: resident.id,
            kind,
            due_date,
            part_of_day,
            window,
            recurrence,
            repeat_until,
            urgency,
            language,
            notes: input.notes.trim().to_owned(),
            channel,
            created_by: created_by.to_owned(),
        };
        let now = crate::now();
        self.with_tx(|tx| insert(tx, &valid, &now))?;
        let id = valid.id;
        self.request(&id)
    }

    /// A request by UUID or by this desk's number.
    pub fn request(&self, id_or_number: &str) -> Result<HelpRequest> {
        self.find_by_id_or_number(
            "request",
            &format!(
                "SELECT {REQUEST_COLUMNS} FROM help_request q JOIN resident r ON r.id = q.resident_id
                 WHERE q.deleted_at IS NULL AND"
            ),
            "q.",
            id_or_number,
            request_from_row,
        )
    }

    /// Every occurrence of a request due between `from` and `to` (inclusive), recurring requests
    /// expanded, in date, urgency (most urgent first) and number order. `status` filters.
    pub fn list_requests(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        status: Option<RequestStatus>,
    ) -> Result<Vec<RequestOccurrence>> {
        if to < from {
            return Err(Error::invalid(
                "dates",
                "the end date is before the start date",
            ));
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM help_request q JOIN resident r ON r.id = q.resident_id
             WHERE q.deleted_at IS NULL AND (?3 IS NULL OR q.status = ?3)
               AND ((q.recurrence IS NULL AND q.due_date BETWEEN ?1 AND ?2)
                 OR (q.recurrence IS NOT NULL AND q.due_date <= ?2
                     AND (q.repeat_until IS NULL OR q.repeat_until >= ?1)))"
        ))?;
        let rows = stmt.query_map(
            params![from.to_string(), to.to_string(), status],
            request_from_row,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let request = row?;
            match request.recurrence.as_deref().map(Recurrence::parse) {
                None => out.push(RequestOccurrence {
                    date: request.due_date,
                    request,
                }),
                Some(rule) => {
                    let rule = rule?;
                    for date in rule.occurrences(request.due_date, request.repeat_until, from, to) {
                        out.push(RequestOccurrence {
                            date,
                            request: request.clone(),
                        });
                    }
                }
            }
        }
        out.sort_by(|a, b| {
            (
                a.date,
                std::cmp::Reverse(a.request.urgency),
                a.request.local_id,
            )
                .cmp(&(
                    b.date,
                    std::cmp::Reverse(b.request.urgency),
                    b.request.local_id,
                ))
        });
        Ok(out)
    }

    /// Moves a request along its lifecycle (see [`RequestStatus::can_become`]), with what
    /// happened in the caseworker's words when there is something to say.
    pub fn set_request_status(
        &mut self,
        id_or_number: &str,
        status: RequestStatus,
        outcome_note: Option<&str>,
    ) -> Result<HelpRequest> {
        let request = self.request(id_or_number)?;
        let note = outcome_note
            .map(str::trim)
            .unwrap_or(&request.outcome_note)
            .to_owned();
        if request.status == status && note == request.outcome_note {
            return Ok(request);
        }
        if request.status != status && !request.status.can_become(status) {
            return Err(Error::InvalidTransition {
                what: "request",
                from: request.status.to_string(),
                to: status.to_string(),
            });
        }
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE help_request SET status = ?1, outcome_note = ?2, updated_at = ?3 WHERE id = ?4",
                params![status, note, now, request.id],
            )?;
            Ok(())
        })?;
        self.request(&request.id)
    }
}

/// The day at a glance: how many request occurrences stand where, and the list itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DayOverview {
    /// The day.
    pub date: NaiveDate,
    /// Occurrences per status, in lifecycle order (every status listed, zero or not).
    pub counts: Vec<(RequestStatus, u32)>,
    /// Occurrences of the day, most urgent first.
    pub requests: Vec<RequestOccurrence>,
}

impl Register {
    /// What is open, proposed, assigned and done on `date`.
    pub fn day_overview(&self, date: NaiveDate) -> Result<DayOverview> {
        let requests = self.list_requests(date, date, None)?;
        let counts = RequestStatus::ALL
            .iter()
            .map(|s| {
                (
                    *s,
                    requests.iter().filter(|o| o.request.status == *s).count() as u32,
                )
            })
            .collect();
        Ok(DayOverview {
            date,
            counts,
            requests,
        })
    }

    /// A resident's requests, newest due date first.
    pub fn requests_of_resident(&self, resident_id: &str) -> Result<Vec<HelpRequest>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REQUEST_COLUMNS} FROM help_request q JOIN resident r ON r.id = q.resident_id
             WHERE q.resident_id = ?1 AND q.deleted_at IS NULL
             ORDER BY q.due_date DESC, q.local_id DESC"
        ))?;
        let rows = stmt
            .query_map([resident_id], request_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// A request whose fields are checked; what [`insert`] stores.
#[derive(Debug, Clone)]
pub(crate) struct ValidHelpRequest {
    pub id: String,
    pub resident_id: String,
    pub kind: Task,
    pub due_date: NaiveDate,
    pub part_of_day: Option<PartOfDay>,
    pub window: Option<(String, String)>,
    pub recurrence: Option<Recurrence>,
    pub repeat_until: Option<NaiveDate>,
    pub urgency: Urgency,
    pub language: Option<Language>,
    pub notes: String,
    pub channel: Channel,
    pub created_by: String,
}

/// Stores one request (status open): the one insert path for intake, imports and the demo.
pub(crate) fn insert(
    tx: &rusqlite::Transaction<'_>,
    q: &ValidHelpRequest,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO help_request (id, resident_id, kind, due_date, part_of_day, window_start,
             window_end, recurrence, repeat_until, urgency, language, notes, status, channel,
             created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'open', ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        q.id,
        q.resident_id,
        q.kind,
        q.due_date.to_string(),
        q.part_of_day.map_or("any", |p| p.as_str()),
        q.window.as_ref().map(|w| &w.0),
        q.window.as_ref().map(|w| &w.1),
        q.recurrence.as_ref().map(ToString::to_string),
        q.repeat_until.map(|d| d.to_string()),
        q.urgency,
        q.language,
        q.notes,
        q.channel,
        q.created_by,
        now
    ])?;
    Ok(())
}

/// How many columns [`REQUEST_COLUMNS`] selects (a query may add its own after them).
pub(crate) const REQUEST_COLUMN_COUNT: usize = 20;

pub(crate) const REQUEST_COLUMNS: &str =
    "q.id, q.local_id, q.resident_id, r.first_name || ' ' || r.last_name,
    q.kind, q.due_date, q.part_of_day, q.window_start, q.window_end, q.recurrence, q.repeat_until,
    q.urgency, coalesce(q.language, r.language), q.notes, q.status, q.channel, q.created_by,
    q.created_at, q.updated_at, q.outcome_note";

pub(crate) fn request_from_row(row: &Row<'_>) -> rusqlite::Result<HelpRequest> {
    let part: String = row.get(6)?;
    Ok(HelpRequest {
        id: row.get(0)?,
        local_id: row.get(1)?,
        resident_id: row.get(2)?,
        resident_name: row.get(3)?,
        kind: row.get(4)?,
        due_date: parse_stored_date(row.get(5)?).unwrap_or_default(),
        part_of_day: part.parse().ok(),
        window_start: row.get(7)?,
        window_end: row.get(8)?,
        recurrence: row.get(9)?,
        repeat_until: parse_stored_date(row.get(10)?),
        urgency: row.get(11)?,
        language: row.get(12)?,
        notes: row.get(13)?,
        status: row.get(14)?,
        channel: row.get(15)?,
        created_by: row.get(16)?,
        created_at: row.get(17)?,
        updated_at: row.get(18)?,
        outcome_note: row.get(19)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::residents::NewResident;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    fn register_with_resident() -> (Register, String) {
        let mut reg = Register::open_in_memory().expect("register");
        let r = reg
            .add_resident(&NewResident {
                last_name: "Peeters".into(),
                first_name: "Maria".into(),
                ..Default::default()
            })
            .expect("resident");
        (reg, r.id)
    }

    #[test]
    fn a_weekly_request_shows_on_each_of_its_days() {
        let (mut reg, resident) = register_with_resident();
        let q = reg
            .add_request(&NewHelpRequest {
                resident,
                kind: "groceries".into(),
                due_date: "01/12/2026".into(),
                window: Some("09:30-11:00".into()),
                repeat: Some("weekly".into()),
                notes: "brood, melk".into(),
                ..Default::default()
            })
            .expect("valid");
        assert_eq!(
            q.part_of_day,
            Some(PartOfDay::Morning),
            "derived from the window"
        );
        assert_eq!(q.recurrence.as_deref(), Some("weekly"));
        let days: Vec<_> = reg
            .list_requests(d("2026-11-27"), d("2026-12-16"), None)
            .expect("list")
            .into_iter()
            .map(|o| o.date)
            .collect();
        assert_eq!(
            days,
            vec![d("2026-12-01"), d("2026-12-08"), d("2026-12-15")]
        );
    }

    #[test]
    fn status_follows_the_lifecycle() {
        let (mut reg, resident) = register_with_resident();
        let q = reg
            .add_request(&NewHelpRequest {
                resident,
                kind: "pharmacy".into(),
                due_date: "2026-11-27".into(),
                ..Default::default()
            })
            .expect("valid");
        assert_eq!(q.status, RequestStatus::Open);
        assert!(
            reg.set_request_status(&q.id, RequestStatus::Done, None)
                .is_err(),
            "nobody did it yet"
        );
        reg.set_request_status(&q.id, RequestStatus::Assigned, None)
            .expect("open -> assigned");
        let done = reg
            .set_request_status(&q.id, RequestStatus::Done, Some("Boodschappen geleverd"))
            .expect("assigned -> done");
        assert_eq!(done.status, RequestStatus::Done);
        assert_eq!(done.outcome_note, "Boodschappen geleverd");
        let overview = reg.day_overview(d("2026-11-27")).expect("overview");
        assert!(
            overview.counts.contains(&(RequestStatus::Done, 1)),
            "{:?}",
            overview.counts
        );
        assert_eq!(
            reg.requests_of_resident(&q.resident_id)
                .expect("history")
                .len(),
            1
        );
    }

    #[test]
    fn refuses_bad_input() {
        let (mut reg, resident) = register_with_resident();
        for (req, message) in [
            (
                NewHelpRequest {
                    resident: "999".into(),
                    kind: "groceries".into(),
                    due_date: "2026-11-27".into(),
                    ..Default::default()
                },
                "No resident",
            ),
            (
                NewHelpRequest {
                    resident: resident.clone(),
                    kind: "shopping".into(),
                    due_date: "2026-11-27".into(),
                    ..Default::default()
                },
                "not one of",
            ),
            (
                NewHelpRequest {
                    resident: resident.clone(),
                    kind: "groceries".into(),
                    due_date: "11/31/2026".into(),
                    ..Default::default()
                },
                "not a date",
            ),
            (
                NewHelpRequest {
                    resident: resident.clone(),
                    kind: "groceries".into(),
                    due_date: "2026-11-27".into(),
                    window: Some("11:00-09:00".into()),
                    ..Default::default()
                },
                "time window",
            ),
            (
                NewHelpRequest {
                    resident: resident.clone(),
                    kind: "groceries".into(),
                    due_date: "2026-11-27".into(),
                    repeat: Some("sometimes".into()),
                    ..Default::default()
                },
                "not a repetition",
            ),
        ] {
            let err = reg.add_request(&req).expect_err("invalid");
            assert!(err.to_string().contains(message), "{err}");
        }
        assert!(
            reg.list_requests(d("2026-01-01"), d("2027-01-01"), None)
                .expect("list")
                .is_empty()
        );
    }
}
