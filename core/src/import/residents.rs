//! Resident rows: from cells to a stored resident, recognising people already in the register.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::{
    Cells, Change, Field, Outcome, Prepared, RowImporter, UndoTable, display_name,
    ensure_untouched, parse_yes_no, recorded_changes,
};
use crate::error::Result;
use crate::model::{Language, Resident, ResidentStatus};
use crate::residents::{
    NewResident, ResidentWriter, ValidResident, Warning, check, resident_at, sort_key,
};
use crate::text;

pub(crate) struct ResidentRows<'tx> {
    tx: &'tx Transaction<'tx>,
    writer: ResidentWriter<'tx>,
}

impl<'tx> ResidentRows<'tx> {
    pub(crate) fn new(tx: &'tx Transaction<'tx>, stamp: &str) -> Result<Self> {
        Ok(Self {
            tx,
            writer: ResidentWriter::new(tx, stamp.to_owned())?,
        })
    }
}

/// What validating a resident row needs (no register access).
pub(crate) struct Prep {
    pub office_language: Language,
    pub today: NaiveDate,
    /// `import:<run id>`.
    pub source: String,
}

/// A resident row, validated.
pub(crate) struct PreparedResident {
    input: NewResident,
    valid: ValidResident,
    status: Option<ResidentStatus>,
    solidesk_id: Option<String>,
}

/// Splits "Kerkstraat 12 bus 3" into street, number and box.
fn split_address(address: &str) -> (String, String, String) {
    let words: Vec<&str> = address.split_whitespace().collect();
    let Some(first_number) = words
        .iter()
        .position(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .filter(|&i| i > 0)
    else {
        return (address.trim().to_owned(), String::new(), String::new());
    };
    let street = words[..first_number]
        .join(" ")
        .trim_end_matches(',')
        .to_owned();
    let (number, bx) = split_box(&words[first_number..].join(" "));
    (street, number, bx)
}

/// Splits "12 bus 3" / "12 bte 3" / "12 boîte 3" into number and box.
fn split_box(number: &str) -> (String, String) {
    let words: Vec<&str> = number.split_whitespace().collect();
    if let Some(i) = words.iter().position(|w| {
        matches!(
            text::fold(w).trim_end_matches('.'),
            "bus" | "bte" | "boite" | "box" | "b"
        )
    }) && i > 0
        && i + 1 < words.len()
    {
        return (words[..i].join(" "), words[i + 1..].join(" "));
    }
    (number.trim().to_owned(), String::new())
}

/// "B-9280", "9280 Lebbeke": the code, and a locality when the cell also held one.
fn split_postal(cell: &str) -> (String, Option<String>) {
    let s = cell.trim();
    let s = s
        .strip_prefix("B-")
        .or_else(|| s.strip_prefix("B "))
        .or_else(|| s.strip_prefix("BE-"))
        .unwrap_or(s)
        .trim();
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 {
        let rest = s[4..].trim().trim_start_matches(['-', ',']).trim();
        return (digits, (!rest.is_empty()).then(|| rest.to_owned()));
    }
    (s.to_owned(), None)
}

/// Excel writes dates with a time ("04/11/1968 00:00", "1968-11-04T00:00:00"); the day is
/// what counts.
pub(crate) fn date_part(s: &str) -> &str {
    let s = s.trim();
    s.split([' ', 'T']).next().unwrap_or(s)
}

pub(crate) fn parse_status(s: &str) -> Option<ResidentStatus> {
    if let Ok(st) = s.trim().to_ascii_lowercase().parse() {
        return Some(st);
    }
    match text::fold(s).trim() {
        "actief" | "actif" | "active" | "aktiv" => Some(ResidentStatus::Active),
        "gepauzeerd" | "pauze" | "en pause" | "pause" | "pausiert" => Some(ResidentStatus::Paused),
        "afgesloten" | "gesloten" | "cloture" | "clos" | "ferme" | "geschlossen"
        | "abgeschlossen" => Some(ResidentStatus::Closed),
        "overleden" | "decede" | "decedee" | "verstorben" | "dead" => {
            Some(ResidentStatus::Deceased)
        }
        _ => None,
    }
}

fn opt_text(v: &Option<impl ToString>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

impl Prep {
    /// Cells to a validated resident, or the reason the row is rejected.
    pub(crate) fn prepare(
        &self,
        cells: &Cells<'_>,
        warnings: &mut Vec<Warning>,
    ) -> (Prepared, String) {
        let (mut street, mut house_number, mut box_number) = (
            cells.text(Field::Street).unwrap_or_default(),
            cells.text(Field::HouseNumber).unwrap_or_default(),
            cells.text(Field::Box).unwrap_or_default(),
        );
        if street.is_empty()
            && let Some(address) = cells.get(Field::Address)
        {
            (street, house_number, box_number) = split_address(address);
        }
        if box_number.is_empty() && !house_number.is_empty() {
            (house_number, box_number) = split_box(&house_number);
        }
        let (postal_code, locality_from_code) = match cells.get(Field::PostalCode) {
            Some(c) => {
                let (code, locality) = split_postal(c);
                (Some(code), locality)
            }
            None => (None, None),
        };
        let phones: Vec<String> = cells
            .all(Field::Phone)
            .flat_map(|c| c.split([',', ';', '|']).flat_map(|p| p.split(" / ")))
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        let lives_alone = match cells.get(Field::LivesAlone) {
            Some(v) => match parse_yes_no(v) {
                Some(b) => Some(b),
                None => {
                    warnings.push(Warning {
                        code: "lives_alone_unknown".into(),
                        message: format!("lives alone: \"{v}\" is neither yes nor no"),
                    });
                    None
                }
            },
            None => None,
        };
        let status = match cells.get(Field::Status) {
            Some(v) => match parse_status(v) {
                Some(s) => Some(s),
                None => {
                    warnings.push(Warning {
                        code: "status_unknown".into(),
                        message: format!("status: \"{v}\" is not a status Solidesk knows"),
                    });
                    None
                }
            },
            None => None,
        };
        let input = NewResident {
            first_name: cells.text(Field::FirstName).unwrap_or_default(),
            last_name: cells.text(Field::LastName).unwrap_or_default(),
            birth_date: cells.get(Field::BirthDate).map(|d| date_part(d).to_owned()),
            national_number: cells.text(Field::NationalNumber),
            language: cells.text(Field::Language),
            street,
            house_number,
            box_number,
            postal_code,
            locality: cells.text(Field::Locality).or(locality_from_code),
            phones,
            lives_alone,
            needs: cells.text(Field::Needs).unwrap_or_default(),
            notes: cells.text(Field::Notes).unwrap_or_default(),
            consent_date: cells
                .get(Field::ConsentDate)
                .map(|d| date_part(d).to_owned()),
            consent_basis: cells.text(Field::ConsentBasis),
            source: self.source.clone(),
        };
        let name = display_name(&input.first_name, &input.last_name);
        let mut valid = match check(&input, self.office_language, self.today, Some(warnings)) {
            Ok(v) => v,
            Err(rejection) => return (rejection.into(), name),
        };
        if let Some(s) = status {
            valid.status = s;
        }
        (
            Prepared::Resident(Box::new(PreparedResident {
                input,
                valid,
                status,
                solidesk_id: cells.text(Field::SolideskId),
            })),
            name,
        )
    }
}

impl RowImporter for ResidentRows<'_> {
    fn apply(
        &mut self,
        row: Prepared,
        touched: &HashSet<i64>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Outcome> {
        let PreparedResident {
            input,
            valid,
            status,
            solidesk_id,
        } = match row {
            Prepared::Resident(r) => *r,
            Prepared::Rejected { code, message } => return Ok(Outcome::Rejected { code, message }),
            Prepared::Volunteer(_) => {
                return Err(crate::Error::invalid(
                    "import",
                    "a volunteer row in a resident import",
                ));
            }
        };
        let existing = self.find(&valid, solidesk_id.as_deref())?;
        let Some(local_id) = existing else {
            let local_id = self.writer.insert(&valid)?;
            let similar = self.similar(&valid, local_id)?;
            return Ok(Outcome::Created {
                id: valid.id,
                local_id,
                similar,
            });
        };
        if touched.contains(&local_id) {
            return Ok(Outcome::Duplicate);
        }
        let current = resident_at(self.tx, local_id)?;
        let (merged, changes) = self.merge(&current, &input, &valid, status, warnings)?;
        if changes.is_empty() {
            return Ok(Outcome::Unchanged { local_id });
        }
        let before = serde_json::to_string(&current).unwrap_or_default();
        self.writer.update(&merged, local_id)?;
        Ok(Outcome::Updated {
            id: current.id,
            local_id,
            before,
            changes,
        })
    }
}

impl ResidentRows<'_> {
    /// The living resident this row is: by Solidesk id, national number, or name with birth
    /// date (or, without one, street and number) and postal code. A candidate with a different
    /// national number is someone else.
    fn find(&self, r: &ValidResident, solidesk_id: Option<&str>) -> Result<Option<i64>> {
        if let Some(id) = solidesk_id {
            let found: Option<i64> = self
                .tx
                .prepare_cached(
                    "SELECT local_id FROM resident WHERE id = ?1 AND deleted_at IS NULL",
                )?
                .query_row([id], |row| row.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        if let Some(nn) = &r.national_number {
            let found: Option<i64> = self
                .tx
                .prepare_cached(
                    "SELECT local_id FROM resident WHERE national_number = ?1 AND deleted_at IS NULL",
                )?
                .query_row([nn], |row| row.get(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let Some(token) = text::words(&r.last_name).into_iter().next() else {
            return Ok(None);
        };
        if r.birth_date.is_none() && (r.street.is_empty() || r.house_number.is_empty()) {
            // A name and a postal code alone do not make a person: two Jan Peeters live in
            // many towns.
            return Ok(None);
        }
        let mut stmt = self.tx.prepare_cached(
            "SELECT r.local_id, r.national_number, r.birth_date, r.street, r.house_number
             FROM resident_name_key k JOIN resident r ON r.local_id = k.local_id
             WHERE k.token = ?1 AND k.sort_key = ?2 AND r.deleted_at IS NULL
               AND r.postal_code IS ?3",
        )?;
        let candidates = stmt
            .query_map(
                params![token, sort_key(&r.first_name, &r.last_name), r.postal_code],
                |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, Option<String>>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, String>(4)?,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let birth = r.birth_date.map(|d| d.to_string());
        for (local_id, nn, born, street, number) in candidates {
            if nn.is_some() && r.national_number.is_some() && nn != r.national_number {
                continue;
            }
            let same = match &birth {
                Some(b) => born.as_deref() == Some(b.as_str()),
                None => {
                    text::fold(&street) == text::fold(&r.street)
                        && text::fold(&number) == text::fold(&r.house_number)
                }
            };
            if same {
                return Ok(Some(local_id));
            }
        }
        Ok(None)
    }

    /// Residents born the same day who look like this new one: a name within a typo or two,
    /// or the same address. (id, why) pairs, for review.
    fn similar(&self, r: &ValidResident, local_id: i64) -> Result<Vec<(String, String)>> {
        let Some(born) = r.birth_date else {
            return Ok(Vec::new());
        };
        let mut stmt = self.tx.prepare_cached(
            "SELECT id, first_name, last_name, street, house_number, postal_code, national_number
             FROM resident WHERE birth_date = ?1 AND deleted_at IS NULL AND local_id <> ?2",
        )?;
        let mut rows = stmt.query(params![born.to_string(), local_id])?;
        let name = text::fold(&format!("{} {}", r.last_name, r.first_name));
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let first: String = row.get(1)?;
            let last: String = row.get(2)?;
            let street: String = row.get(3)?;
            let number: String = row.get(4)?;
            let postal: Option<String> = row.get(5)?;
            let nn: Option<String> = row.get(6)?;
            let other = text::fold(&format!("{last} {first}"));
            let similarity = strsim::normalized_damerau_levenshtein(&name, &other);
            let same_address = !r.street.is_empty()
                && postal == r.postal_code
                && text::fold(&street) == text::fold(&r.street)
                && text::fold(&number) == text::fold(&r.house_number);
            let why = if (0.8..1.0).contains(&similarity) {
                format!(
                    "{}: similar name, same birth date",
                    display_name(&first, &last)
                )
            } else if similarity == 1.0 {
                // Same name and birth date, yet not matched: another postal code or national number.
                if nn.is_some() && r.national_number.is_some() {
                    continue;
                }
                format!(
                    "{}: same name and birth date, other address",
                    display_name(&first, &last)
                )
            } else if same_address {
                format!(
                    "{}: same birth date and address",
                    display_name(&first, &last)
                )
            } else {
                continue;
            };
            out.push((id, why));
        }
        Ok(out)
    }

    /// The stored resident with what the row says on top: a field the row leaves empty keeps
    /// its value; phones are added, never removed. Returns the merged record and its changes.
    fn merge(
        &self,
        current: &Resident,
        input: &NewResident,
        valid: &ValidResident,
        status: Option<ResidentStatus>,
        warnings: &mut Vec<Warning>,
    ) -> Result<(ValidResident, Vec<Change>)> {
        let mut merged = ValidResident::from_stored(current);
        let mut changes = Vec::new();
        let given = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        let mut change = |field: &'static str, old: String, new: String| {
            changes.push(Change { field, old, new });
        };
        if !valid.first_name.is_empty() && merged.first_name != valid.first_name {
            change(
                "first_name",
                merged.first_name.clone(),
                valid.first_name.clone(),
            );
            merged.first_name = valid.first_name.clone();
        }
        if merged.last_name != valid.last_name {
            change(
                "last_name",
                merged.last_name.clone(),
                valid.last_name.clone(),
            );
            merged.last_name = valid.last_name.clone();
        }
        if valid.birth_date.is_some() && merged.birth_date != valid.birth_date {
            change(
                "birth_date",
                opt_text(&merged.birth_date),
                opt_text(&valid.birth_date),
            );
            merged.birth_date = valid.birth_date;
        }
        if valid.national_number.is_some() && valid.national_number != merged.national_number {
            let taken: Option<String> = self
                .tx
                .prepare_cached(
                    "SELECT id FROM resident WHERE national_number = ?1 AND id <> ?2 AND deleted_at IS NULL",
                )?
                .query_row(params![valid.national_number, current.id], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                warnings.push(Warning {
                    code: "national_number_taken".into(),
                    message: "the national number belongs to another resident; left unchanged"
                        .into(),
                });
            } else {
                changes.push(Change {
                    field: "national_number",
                    // Never the number itself in a change log.
                    old: if merged.national_number.is_some() {
                        "…".into()
                    } else {
                        String::new()
                    },
                    new: "…".into(),
                });
                merged.national_number = valid.national_number.clone();
            }
        }
        if given(&input.language) && merged.language != valid.language {
            changes.push(Change {
                field: "language",
                old: merged.language.to_string(),
                new: valid.language.to_string(),
            });
            merged.language = valid.language;
        }
        for (field, stored, new) in [
            ("street", &mut merged.street, &valid.street),
            (
                "house_number",
                &mut merged.house_number,
                &valid.house_number,
            ),
            ("box", &mut merged.box_number, &valid.box_number),
            ("needs", &mut merged.needs, &valid.needs),
            ("notes", &mut merged.notes, &valid.notes),
        ] {
            if !new.is_empty() && *stored != *new {
                changes.push(Change {
                    field,
                    old: stored.clone(),
                    new: new.clone(),
                });
                *stored = new.clone();
            }
        }
        if valid.postal_code.is_some() && valid.postal_code != merged.postal_code {
            changes.push(Change {
                field: "postal_code",
                old: opt_text(&merged.postal_code),
                new: opt_text(&valid.postal_code),
            });
            merged.postal_code = valid.postal_code.clone();
            merged.coordinates = valid.coordinates;
            if !given(&input.locality) {
                merged.locality = valid.locality.clone();
            }
        }
        if given(&input.locality) && merged.locality != valid.locality {
            changes.push(Change {
                field: "locality",
                old: merged.locality.clone(),
                new: valid.locality.clone(),
            });
            merged.locality = valid.locality.clone();
        }
        let added: Vec<String> = valid
            .phones
            .iter()
            .filter(|p| !merged.phones.contains(p))
            .cloned()
            .collect();
        if !added.is_empty() {
            changes.push(Change {
                field: "phones",
                old: merged.phones.join(" "),
                new: merged
                    .phones
                    .iter()
                    .chain(&added)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            });
            merged.phones.extend(added);
        }
        if valid.lives_alone.is_some() && valid.lives_alone != merged.lives_alone {
            changes.push(Change {
                field: "lives_alone",
                old: opt_text(&merged.lives_alone),
                new: opt_text(&valid.lives_alone),
            });
            merged.lives_alone = valid.lives_alone;
        }
        if valid.consent_date.is_some() && valid.consent_date != merged.consent_date {
            changes.push(Change {
                field: "consent_date",
                old: opt_text(&merged.consent_date),
                new: opt_text(&valid.consent_date),
            });
            merged.consent_date = valid.consent_date;
        }
        if valid.consent_basis.is_some() && valid.consent_basis != merged.consent_basis {
            changes.push(Change {
                field: "consent_basis",
                old: opt_text(&merged.consent_basis),
                new: opt_text(&valid.consent_basis),
            });
            merged.consent_basis = valid.consent_basis;
        }
        if let Some(s) = status
            && s != merged.status
        {
            changes.push(Change {
                field: "status",
                old: merged.status.to_string(),
                new: s.to_string(),
            });
            merged.status = s;
        }
        Ok((merged, changes))
    }
}

/// Undoes a resident import inside `tx`: refuses if any record it wrote changed since.
pub(crate) fn undo(tx: &Transaction<'_>, import_id: &str) -> Result<super::UndoReport> {
    let mut recorded = recorded_changes(tx, import_id)?;
    // Created residents are not in import_change: their `source` names the run. (A scan; undo
    // is rare and a scan of half a million rows takes a fraction of a second.)
    let mut created = tx.prepare("SELECT id FROM resident WHERE source = ?1")?;
    let created: Vec<String> = created
        .query_map([format!("import:{import_id}")], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    recorded.extend(
        created
            .into_iter()
            .map(|id| (id, "created".to_owned(), None)),
    );
    ensure_untouched(
        tx,
        import_id,
        &recorded,
        &UndoTable {
            table: "resident",
            what: "residents",
            used_sql: "SELECT EXISTS (SELECT 1 FROM help_request WHERE resident_id = ?1)
             OR EXISTS (SELECT 1 FROM contact_log WHERE resident_id = ?1)
             OR EXISTS (SELECT 1 FROM volunteer_exclusion WHERE resident_id = ?1)",
        },
    )?;
    let mut writer = ResidentWriter::new(tx, crate::now())?;
    let (mut removed, mut restored) = (0, 0);
    for (id, action, before) in recorded {
        if action == "created" {
            let local_id: i64 =
                tx.query_row("SELECT local_id FROM resident WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })?;
            tx.execute(
                "DELETE FROM resident_name_key WHERE local_id = ?1",
                [local_id],
            )?;
            tx.execute("DELETE FROM resident_phone WHERE resident_id = ?1", [&id])?;
            tx.execute("DELETE FROM resident WHERE id = ?1", [&id])?;
            removed += 1;
        } else if let Some(before) = before {
            let stored: Resident = serde_json::from_str(&before).map_err(|e| {
                crate::Error::invalid(
                    "import",
                    format!("the record of this import is damaged: {e}"),
                )
            })?;
            writer.update(&ValidResident::from_stored(&stored), stored.local_id)?;
            // Back to the state before, timestamps included.
            tx.execute(
                "UPDATE resident SET updated_at = ?2 WHERE id = ?1",
                params![stored.id, stored.updated_at],
            )?;
            restored += 1;
        }
    }
    Ok(super::UndoReport { removed, restored })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_into_street_number_and_box() {
        assert_eq!(
            split_address("Kerkstraat 12 bus 3"),
            ("Kerkstraat".into(), "12".into(), "3".into())
        );
        assert_eq!(
            split_address("Rue de la Station 92"),
            ("Rue de la Station".into(), "92".into(), String::new())
        );
        assert_eq!(
            split_address("Place Saint-Lambert 107 bte 2"),
            ("Place Saint-Lambert".into(), "107".into(), "2".into())
        );
        assert_eq!(split_box("155/2"), ("155/2".into(), String::new()));
    }

    #[test]
    fn postal_cells_lose_country_prefixes_and_keep_localities() {
        assert_eq!(split_postal("B-9280"), ("9280".into(), None));
        assert_eq!(
            split_postal("9280 Lebbeke"),
            ("9280".into(), Some("Lebbeke".into()))
        );
        assert_eq!(split_postal("12345"), ("12345".into(), None));
    }

    #[test]
    fn dates_lose_their_time() {
        assert_eq!(date_part("04/11/1968 00:00"), "04/11/1968");
        assert_eq!(date_part("1968-11-04T00:00:00"), "1968-11-04");
    }
}
