//! The contact log: calls and visits with a resident, so the next caseworker knows what was said.

use rusqlite::{Row, params};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Contact, ContactKind, ContactOutcome};
use crate::register::Register;

/// A contact to log, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewContact {
    /// The resident: UUID or this desk's number.
    pub resident: String,
    /// The request it was about (UUID or number), if any.
    pub request: Option<String>,
    /// Kind of contact (see [`ContactKind`]).
    pub kind: String,
    /// How it went (see [`ContactOutcome`]).
    pub outcome: String,
    /// Note.
    pub note: String,
    /// Who logs it.
    pub created_by: String,
}

impl Register {
    /// Logs a contact, now.
    pub fn add_contact(&mut self, input: &NewContact) -> Result<Contact> {
        let resident = self.resident(&input.resident)?;
        let request = match input
            .request
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(r) => Some(self.request(r)?),
            None => None,
        };
        if request
            .as_ref()
            .is_some_and(|q| q.resident_id != resident.id)
        {
            return Err(Error::invalid(
                "request",
                "that request belongs to another resident",
            ));
        }
        let kind: ContactKind = input.kind.parse()?;
        let outcome: ContactOutcome = input.outcome.parse()?;
        let id = crate::new_id();
        let now = crate::now();
        let created_by = if input.created_by.trim().is_empty() {
            "desk"
        } else {
            input.created_by.trim()
        };
        self.with_tx(|tx| {
            tx.execute(
                "INSERT INTO contact_log (id, resident_id, request_id, at, kind, outcome, note,
                     created_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?4, ?4)",
                params![
                    id,
                    resident.id,
                    request.map(|q| q.id),
                    now,
                    kind,
                    outcome,
                    input.note.trim(),
                    created_by
                ],
            )?;
            Ok(())
        })?;
        self.contacts_of(&resident.id)?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::NotFound {
                what: "contact",
                id: id.clone(),
            })
    }

    /// A resident's logged contacts, newest first.
    pub fn contacts_of(&self, resident_id: &str) -> Result<Vec<Contact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, resident_id, request_id, at, kind, outcome, note, created_by FROM contact_log
             WHERE resident_id = ?1 AND deleted_at IS NULL ORDER BY at DESC, local_id DESC",
        )?;
        let rows = stmt
            .query_map([resident_id], contact_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn contact_from_row(row: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(0)?,
        resident_id: row.get(1)?,
        request_id: row.get(2)?,
        at: row.get(3)?,
        kind: row.get(4)?,
        outcome: row.get(5)?,
        note: row.get(6)?,
        created_by: row.get(7)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::residents::NewResident;

    #[test]
    fn contacts_are_logged_newest_first() {
        let mut reg = Register::open_in_memory().expect("register");
        let r = reg
            .add_resident(&NewResident {
                last_name: "Maes".into(),
                ..Default::default()
            })
            .expect("resident");
        for note in ["first", "second"] {
            reg.add_contact(&NewContact {
                resident: r.id.clone(),
                kind: "incoming_call".into(),
                outcome: "reached".into(),
                note: note.into(),
                ..Default::default()
            })
            .expect("logged");
        }
        let notes: Vec<_> = reg
            .contacts_of(&r.id)
            .expect("contacts")
            .into_iter()
            .map(|c| c.note)
            .collect();
        assert_eq!(notes, vec!["second", "first"]);
        assert!(
            reg.add_contact(&NewContact {
                resident: r.id,
                kind: "telepathy".into(),
                outcome: "reached".into(),
                ..Default::default()
            })
            .is_err()
        );
    }
}
