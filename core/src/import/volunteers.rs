//! Volunteer rows: from cells to a stored volunteer, recognising volunteers already known.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction, params};

use super::{
    Cells, Change, Field, Outcome, Prepared, RowImporter, UndoTable, display_name,
    ensure_untouched, recorded_changes,
};
use crate::error::Result;
use crate::model::{Volunteer, VolunteerStatus};
use crate::residents::Warning;
use crate::text;
use crate::volunteers::{NewVolunteer, ValidVolunteer, check, insert, update_at, volunteer_at};

pub(crate) struct VolunteerRows<'tx> {
    tx: &'tx Transaction<'tx>,
    stamp: String,
}

impl<'tx> VolunteerRows<'tx> {
    pub(crate) fn new(tx: &'tx Transaction<'tx>, stamp: &str) -> Result<Self> {
        Ok(Self {
            tx,
            stamp: stamp.to_owned(),
        })
    }
}

/// "5", "5 km", "2,5": a distance in km.
fn parse_km(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches("km").trim().replace(',', ".");
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn parse_status(s: &str) -> Option<VolunteerStatus> {
    if let Ok(st) = s.trim().to_ascii_lowercase().parse() {
        return Some(st);
    }
    match text::fold(s).trim() {
        "actief" | "actif" | "aktiv" => Some(VolunteerStatus::Active),
        "gepauzeerd" | "pauze" | "en pause" | "pause" | "pausiert" => Some(VolunteerStatus::Paused),
        "gestopt" | "vertrokken" | "parti" | "arrete" | "ausgeschieden" | "stopped"
        | "inactive" => Some(VolunteerStatus::Left),
        _ => None,
    }
}

/// A volunteer row, validated.
pub(crate) struct PreparedVolunteer {
    input: NewVolunteer,
    valid: ValidVolunteer,
    status: Option<VolunteerStatus>,
    solidesk_id: Option<String>,
    radius_given: bool,
    capacity_given: bool,
}

/// Cells to a validated volunteer, or the reason the row is rejected (no register access).
pub(crate) fn prepare(cells: &Cells<'_>, warnings: &mut Vec<Warning>) -> (Prepared, String) {
    let defaults = NewVolunteer::default();
    let mut input = NewVolunteer {
        first_name: cells.text(Field::FirstName).unwrap_or_default(),
        last_name: cells.text(Field::LastName).unwrap_or_default(),
        phone: cells.text(Field::Phone),
        email: cells.text(Field::Email).unwrap_or_default(),
        languages: cells.all(Field::Language).map(str::to_owned).collect(),
        postal_code: cells
            .get(Field::PostalCode)
            .map(|c| c.trim_start_matches("B-").chars().take(4).collect())
            .unwrap_or_default(),
        radius_km: defaults.radius_km,
        tasks: cells.all(Field::Tasks).map(str::to_owned).collect(),
        availability: cells.all(Field::Availability).map(str::to_owned).collect(),
        capacity_per_day: defaults.capacity_per_day,
        notes: cells.text(Field::Notes).unwrap_or_default(),
    };
    let mut soft = |code: &str, message: String| {
        warnings.push(Warning {
            code: code.to_owned(),
            message,
        });
    };
    if let Some(r) = cells.get(Field::RadiusKm) {
        match parse_km(r) {
            Some(km) => input.radius_km = km,
            None => soft(
                "radius_invalid",
                format!("radius: \"{r}\" is not a distance"),
            ),
        }
    }
    if let Some(c) = cells.get(Field::Capacity) {
        match c.trim().parse::<u32>() {
            Ok(n) => input.capacity_per_day = n,
            Err(_) => soft(
                "capacity_invalid",
                format!("capacity: \"{c}\" is not a number"),
            ),
        }
    }
    let status = match cells.get(Field::Status) {
        Some(v) => match parse_status(v) {
            Some(s) => Some(s),
            None => {
                soft(
                    "status_unknown",
                    format!("status: \"{v}\" is not a status Solidesk knows"),
                );
                None
            }
        },
        None => None,
    };
    let name = display_name(&input.first_name, &input.last_name);
    let mut valid = match check(&input, Some(warnings)) {
        Ok(v) => v,
        Err(rejection) => return (rejection.into(), name),
    };
    if let Some(s) = status {
        valid.status = s;
    }
    (
        Prepared::Volunteer(Box::new(PreparedVolunteer {
            input,
            valid,
            status,
            solidesk_id: cells.text(Field::SolideskId),
            radius_given: cells.get(Field::RadiusKm).is_some(),
            capacity_given: cells.get(Field::Capacity).is_some(),
        })),
        name,
    )
}

impl RowImporter for VolunteerRows<'_> {
    fn apply(
        &mut self,
        row: Prepared,
        touched: &HashSet<i64>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Outcome> {
        let _ = warnings;
        let p = match row {
            Prepared::Volunteer(v) => *v,
            Prepared::Rejected { code, message } => return Ok(Outcome::Rejected { code, message }),
            Prepared::Resident(_) => {
                return Err(crate::Error::invalid(
                    "import",
                    "a resident row in a volunteer import",
                ));
            }
        };
        let valid = &p.valid;
        let Some(local_id) = self.find(valid, p.solidesk_id.as_deref())? else {
            insert(self.tx, valid, &self.stamp)?;
            let local_id: i64 = self.tx.query_row(
                "SELECT local_id FROM volunteer WHERE id = ?1",
                [&valid.id],
                |r| r.get(0),
            )?;
            return Ok(Outcome::Created {
                id: valid.id.clone(),
                local_id,
                similar: Vec::new(),
            });
        };
        if touched.contains(&local_id) {
            return Ok(Outcome::Duplicate);
        }
        let current = volunteer_at(self.tx, local_id)?;
        let (merged, changes) = merge(&current, &p)?;
        if changes.is_empty() {
            return Ok(Outcome::Unchanged { local_id });
        }
        update_at(self.tx, &merged, &self.stamp)?;
        Ok(Outcome::Updated {
            id: current.id.clone(),
            local_id,
            before: serde_json::to_string(&current).unwrap_or_default(),
            changes,
        })
    }
}

impl VolunteerRows<'_> {
    /// The volunteer this row is: by Solidesk id, e-mail, phone, or name and postal code.
    fn find(&self, v: &ValidVolunteer, solidesk_id: Option<&str>) -> Result<Option<i64>> {
        let probe = |sql: &str, value: &str| -> Result<Option<i64>> {
            Ok(self
                .tx
                .prepare_cached(sql)?
                .query_row([value], |r| r.get(0))
                .optional()?)
        };
        if let Some(id) = solidesk_id
            && let Some(found) = probe(
                "SELECT local_id FROM volunteer WHERE id = ?1 AND deleted_at IS NULL",
                id,
            )?
        {
            return Ok(Some(found));
        }
        if !v.email.is_empty()
            && let Some(found) = probe(
                "SELECT local_id FROM volunteer WHERE email = ?1 COLLATE NOCASE AND email <> ''
                 AND deleted_at IS NULL ORDER BY local_id LIMIT 1",
                &v.email,
            )?
        {
            return Ok(Some(found));
        }
        if let Some(phone) = &v.phone
            && let Some(found) = probe(
                "SELECT local_id FROM volunteer WHERE phone = ?1 AND deleted_at IS NULL
                 ORDER BY local_id LIMIT 1",
                phone,
            )?
        {
            return Ok(Some(found));
        }
        let search_name = text::words(&format!("{} {}", v.first_name, v.last_name)).join(" ");
        Ok(self
            .tx
            .prepare_cached(
                "SELECT local_id FROM volunteer WHERE search_name = ?1 AND postal_code = ?2
                 AND deleted_at IS NULL ORDER BY local_id LIMIT 1",
            )?
            .query_row(params![search_name, v.postal.code], |r| r.get(0))
            .optional()?)
    }
}

/// The stored volunteer with what the row gives on top (empty cells keep the stored value).
fn merge(current: &Volunteer, p: &PreparedVolunteer) -> Result<(ValidVolunteer, Vec<Change>)> {
    let (input, valid, status) = (&p.input, &p.valid, p.status);
    let mut merged = ValidVolunteer::from_stored(current)?;
    let mut changes = Vec::new();
    let mut change = |field: &'static str, old: String, new: String| {
        if old != new {
            changes.push(Change { field, old, new });
            true
        } else {
            false
        }
    };
    if !valid.first_name.is_empty()
        && change(
            "first_name",
            merged.first_name.clone(),
            valid.first_name.clone(),
        )
    {
        merged.first_name = valid.first_name.clone();
    }
    if change(
        "last_name",
        merged.last_name.clone(),
        valid.last_name.clone(),
    ) {
        merged.last_name = valid.last_name.clone();
    }
    if valid.phone.is_some()
        && change(
            "phone",
            merged.phone.clone().unwrap_or_default(),
            valid.phone.clone().unwrap_or_default(),
        )
    {
        merged.phone = valid.phone.clone();
    }
    if !valid.email.is_empty() && change("email", merged.email.clone(), valid.email.clone()) {
        merged.email = valid.email.clone();
    }
    if change(
        "postal_code",
        merged.postal.code.clone(),
        valid.postal.code.clone(),
    ) {
        merged.postal = valid.postal;
    }
    let as_text = |xs: Vec<String>| xs.join(", ");
    if !input.languages.is_empty()
        && change(
            "languages",
            as_text(merged.languages.iter().map(ToString::to_string).collect()),
            as_text(valid.languages.iter().map(ToString::to_string).collect()),
        )
    {
        merged.languages = valid.languages.clone();
    }
    if !input.tasks.is_empty()
        && change(
            "tasks",
            as_text(merged.tasks.iter().map(ToString::to_string).collect()),
            as_text(valid.tasks.iter().map(ToString::to_string).collect()),
        )
    {
        merged.tasks = valid.tasks.clone();
    }
    if !input.availability.is_empty()
        && !valid.availability.is_empty()
        && change(
            "availability",
            as_text(
                merged
                    .availability
                    .iter()
                    .map(|(d, p)| format!("{d}:{p}"))
                    .collect(),
            ),
            as_text(
                valid
                    .availability
                    .iter()
                    .map(|(d, p)| format!("{d}:{p}"))
                    .collect(),
            ),
        )
    {
        merged.availability = valid.availability.clone();
    }
    if p.radius_given
        && change(
            "radius_km",
            merged.radius_km.to_string(),
            valid.radius_km.to_string(),
        )
    {
        merged.radius_km = valid.radius_km;
    }
    if p.capacity_given
        && change(
            "capacity_per_day",
            merged.capacity_per_day.to_string(),
            valid.capacity_per_day.to_string(),
        )
    {
        merged.capacity_per_day = valid.capacity_per_day;
    }
    if !valid.notes.is_empty() && change("notes", merged.notes.clone(), valid.notes.clone()) {
        merged.notes = valid.notes.clone();
    }
    if let Some(s) = status
        && change("status", merged.status.to_string(), s.to_string())
    {
        merged.status = s;
    }
    Ok((merged, changes))
}

/// Undoes a volunteer import inside `tx`: refuses if any record it wrote changed since.
pub(crate) fn undo(tx: &Transaction<'_>, import_id: &str) -> Result<super::UndoReport> {
    let recorded = recorded_changes(tx, import_id)?;
    ensure_untouched(
        tx,
        import_id,
        &recorded,
        &UndoTable {
            table: "volunteer",
            what: "volunteers",
            used_sql: "SELECT EXISTS (SELECT 1 FROM assignment WHERE volunteer_id = ?1)
             OR EXISTS (SELECT 1 FROM contact_log WHERE volunteer_id = ?1)
             OR EXISTS (SELECT 1 FROM volunteer_exclusion WHERE volunteer_id = ?1)",
        },
    )?;
    let (mut removed, mut restored) = (0, 0);
    for (id, action, before) in recorded {
        if action == "created" {
            for table in [
                "volunteer_language",
                "volunteer_task",
                "volunteer_availability",
            ] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE volunteer_id = ?1"),
                    [&id],
                )?;
            }
            tx.execute("DELETE FROM volunteer WHERE id = ?1", [&id])?;
            removed += 1;
        } else if let Some(before) = before {
            let stored: Volunteer = serde_json::from_str(&before).map_err(|e| {
                crate::Error::invalid(
                    "import",
                    format!("the record of this import is damaged: {e}"),
                )
            })?;
            update_at(
                tx,
                &ValidVolunteer::from_stored(&stored)?,
                &stored.updated_at,
            )?;
            restored += 1;
        }
    }
    Ok(super::UndoReport { removed, restored })
}
