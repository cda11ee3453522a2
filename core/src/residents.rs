//! Residents: the people who phone in for help.
//!
//! Finding a caller fast is the point of the register. Two indexes serve it:
//! * `resident_name_key`: one row per folded word of the name (see [`crate::text::fold`]), so a
//!   typed prefix of a first or last name is a range scan of a B-tree, exact words first;
//! * `resident_phone`: every number as E.164 (for "starts with", as it is dictated) and with its
//!   digits reversed (for "ends with", when only the last digits are known).
//!
//! Both are written in the same transaction as the resident, by the one function that inserts
//! residents (`ResidentWriter::insert`), which intake, import and the demo all go through.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{ConsentBasis, Language, Resident, ResidentStatus};
use crate::register::Register;
use crate::{dates, national_number, phone, postal, text};

/// A resident as typed at the desk or read from a list: text fields, not yet validated.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewResident {
    /// First name(s).
    pub first_name: String,
    /// Last name (required).
    pub last_name: String,
    /// Birth date, day first or ISO.
    pub birth_date: Option<String>,
    /// National register or BIS number, any written form.
    pub national_number: Option<String>,
    /// Language code or name; defaults to the postal code's language, then the office's.
    pub language: Option<String>,
    /// Street.
    pub street: String,
    /// House number.
    pub house_number: String,
    /// Box.
    pub box_number: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Locality; defaults to the postal code's main locality.
    pub locality: Option<String>,
    /// Phone numbers in any written form; the first is the main one.
    pub phones: Vec<String>,
    /// Lives alone.
    pub lives_alone: Option<bool>,
    /// Needs.
    pub needs: String,
    /// Private notes.
    pub notes: String,
    /// Date consent (or another basis) was recorded.
    pub consent_date: Option<String>,
    /// Basis for keeping the data.
    pub consent_basis: Option<String>,
    /// Where the record comes from (`cli`, `intake`, `import:<id>`, ...).
    pub source: String,
}

/// A resident whose every field has been checked and normalised; what `ResidentWriter::insert` stores.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidResident {
    /// UUIDv7 to store (minted by [`validate`]; the demo mints its own for reproducibility).
    pub id: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// 11 digits.
    pub national_number: Option<String>,
    /// Language.
    pub language: Language,
    /// Street.
    pub street: String,
    /// House number.
    pub house_number: String,
    /// Box.
    pub box_number: String,
    /// Postal code (known to exist).
    pub postal_code: Option<String>,
    /// Locality.
    pub locality: String,
    /// Coordinates from the postal reference.
    pub coordinates: Option<(f64, f64)>,
    /// E.164 numbers, without duplicates.
    pub phones: Vec<String>,
    /// Lives alone.
    pub lives_alone: Option<bool>,
    /// Needs.
    pub needs: String,
    /// Notes.
    pub notes: String,
    /// Consent date.
    pub consent_date: Option<NaiveDate>,
    /// Consent basis.
    pub consent_basis: Option<ConsentBasis>,
    /// Status.
    pub status: ResidentStatus,
    /// Source.
    pub source: String,
}

/// Checks and normalises a typed resident. `office_language` is the fallback language and
/// `today` bounds birth dates. Every problem is an error: the person at the form can fix it.
pub fn validate(
    input: &NewResident,
    office_language: Language,
    today: NaiveDate,
) -> Result<ValidResident> {
    check(input, office_language, today, None).map_err(|r| r.error)
}

/// Why a resident cannot be stored at all: a stable code (for import reports) and the error.
#[derive(Debug)]
pub struct Rejection {
    /// Stable reason code, e.g. `missing_last_name`, `national_number_checksum`.
    pub code: &'static str,
    /// What is wrong, in words.
    pub error: Error,
}

impl Rejection {
    pub(crate) fn new(code: &'static str, error: Error) -> Self {
        Self { code, error }
    }
}

/// A soft problem: a warning when validating leniently (`warnings` given), else a rejection.
pub(crate) fn soft(
    warnings: &mut Option<&mut Vec<Warning>>,
    code: &'static str,
    error: Error,
) -> std::result::Result<(), Rejection> {
    match warnings.as_deref_mut() {
        Some(w) => {
            w.push(Warning {
                code: code.to_owned(),
                message: error.to_string(),
            });
            Ok(())
        }
        None => Err(Rejection::new(code, error)),
    }
}

/// A problem that does not stop a resident from being stored (the value is left out).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Warning {
    /// Stable code, e.g. `phone_invalid`, `locality_mismatch`.
    pub code: String,
    /// What was wrong and what was done about it.
    pub message: String,
}

/// The one validation of a resident, strict or lenient.
///
/// With `warnings` (an import), only what makes the person unidentifiable or unreachable is a
/// [`Rejection`] (no last name; a national number that fails its checksum or lost its digits;
/// an impossible or future birth date; a postal code that does not exist); anything else is
/// recorded as a warning and the doubtful value left out. Without it (a form), every problem
/// is a rejection.
pub(crate) fn check(
    input: &NewResident,
    office_language: Language,
    today: NaiveDate,
    mut warnings: Option<&mut Vec<Warning>>,
) -> std::result::Result<ValidResident, Rejection> {
    let lenient = warnings.is_some();
    let first_name = clean(&input.first_name);
    let last_name = clean(&input.last_name);
    if last_name.is_empty() {
        return Err(Rejection::new(
            "missing_last_name",
            Error::invalid("last name", "a resident needs a last name"),
        ));
    }
    let nn = match non_empty(&input.national_number) {
        Some(s) => {
            Some(national_number::parse(s, today).map_err(|e| Rejection::new(e.code(), e.into()))?)
        }
        None => None,
    };
    let mut birth_date = match non_empty(&input.birth_date) {
        Some(s) => {
            let d = dates::parse(s, "birth date")
                .map_err(|e| Rejection::new("birth_date_invalid", e))?;
            if d > today {
                return Err(Rejection::new(
                    "birth_date_future",
                    Error::invalid(
                        "birth date",
                        format!("{} is in the future", dates::display(d)),
                    ),
                ));
            }
            if d < NaiveDate::from_ymd_opt(1890, 1, 1).unwrap_or(d) {
                return Err(Rejection::new(
                    "birth_date_invalid",
                    Error::invalid(
                        "birth date",
                        format!("{} is too long ago", dates::display(d)),
                    ),
                ));
            }
            Some(d)
        }
        None => None,
    };
    if let Some(nn) = &nn {
        match (birth_date, nn.birth_date) {
            (Some(given), Some(encoded)) if given != encoded => {
                soft(
                    &mut warnings,
                    "birth_date_mismatch",
                    Error::invalid(
                        "birth date",
                        format!(
                            "{} does not match the national register number, which says {}",
                            dates::display(given),
                            dates::display(encoded)
                        ),
                    ),
                )?;
                // The number passed its checksum; the typed date is the likelier mistake.
                birth_date = Some(encoded);
            }
            (None, Some(encoded)) => birth_date = Some(encoded),
            _ => {}
        }
    }
    let postal = match non_empty(&input.postal_code) {
        Some(code) => Some(postal::lookup(code).ok_or_else(|| {
            Rejection::new(
                "postal_code_unknown",
                Error::UnknownPostalCode(code.trim().to_owned()),
            )
        })?),
        None => None,
    };
    let area_language = || {
        postal.map_or(office_language, |p| match p.language_area.as_str() {
            // In Brussels the office's own default is the better guess than the majority.
            "nl+fr" => office_language,
            _ => p.main_language(),
        })
    };
    let language = match non_empty(&input.language) {
        Some(l) => match Language::parse_loose(l) {
            Ok(l) => l,
            Err(e) => {
                soft(&mut warnings, "language_unknown", e)?;
                area_language()
            }
        },
        None => area_language(),
    };
    let locality = match (non_empty(&input.locality), postal) {
        // A form fills the locality from the postal code; only lists carry stale ones.
        (Some(l), Some(p)) if lenient && !p.has_locality(l) => {
            soft(
                &mut warnings,
                "locality_mismatch",
                Error::invalid(
                    "locality",
                    format!(
                        "\"{}\" is not a locality of postal code {}; kept as written",
                        l.trim(),
                        p.code
                    ),
                ),
            )?;
            clean(l)
        }
        (Some(l), _) => clean(l),
        (None, Some(p)) => p.locality_in(language).to_owned(),
        (None, None) => String::new(),
    };
    let mut phones: Vec<String> = Vec::new();
    for raw in input.phones.iter().filter(|p| !p.trim().is_empty()) {
        match phone::parse(raw) {
            Ok(p) => {
                let e164 = p.e164();
                if !phones.contains(&e164) {
                    phones.push(e164);
                }
            }
            Err(e) => soft(&mut warnings, "phone_invalid", e)?,
        }
    }
    let consent_date = match non_empty(&input.consent_date) {
        Some(s) => match dates::parse(s, "consent date") {
            Ok(d) => Some(d),
            Err(e) => {
                soft(&mut warnings, "consent_date_invalid", e)?;
                None
            }
        },
        None => None,
    };
    let consent_basis = match non_empty(&input.consent_basis) {
        Some(s) => match s.parse::<ConsentBasis>() {
            Ok(b) => Some(b),
            Err(e) => {
                soft(&mut warnings, "consent_basis_unknown", e)?;
                None
            }
        },
        None => None,
    };
    Ok(ValidResident {
        id: crate::new_id(),
        first_name,
        last_name,
        birth_date,
        national_number: nn.map(|n| n.digits().to_owned()),
        language,
        street: clean(&input.street),
        house_number: clean(&input.house_number),
        box_number: clean(&input.box_number),
        postal_code: postal.map(|p| p.code.clone()),
        locality,
        coordinates: postal.and_then(|p| Some((p.lat?, p.lon?))),
        phones,
        lives_alone: input.lives_alone,
        needs: input.needs.trim().to_owned(),
        notes: input.notes.trim().to_owned(),
        consent_date,
        consent_basis,
        status: ResidentStatus::Active,
        source: if input.source.trim().is_empty() {
            "cli".to_owned()
        } else {
            input.source.trim().to_owned()
        },
    })
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Collapses runs of white space (lists often carry double spaces and tabs).
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prepared statements for inserting residents; reused across rows for bulk paths.
pub(crate) struct ResidentWriter<'tx> {
    tx: &'tx Transaction<'tx>,
    resident: rusqlite::Statement<'tx>,
    update: rusqlite::Statement<'tx>,
    clear_phones: rusqlite::Statement<'tx>,
    clear_keys: rusqlite::Statement<'tx>,
    phone: rusqlite::Statement<'tx>,
    key: rusqlite::Statement<'tx>,
    now: String,
}

impl<'tx> ResidentWriter<'tx> {
    /// A writer that stamps `now` (RFC 3339, see [`crate::now`]) on what it writes: one stamp
    /// for a whole batch, so an import's rows are recognisable as its own.
    pub(crate) fn new(tx: &'tx Transaction<'tx>, now: String) -> Result<Self> {
        Ok(Self {
            tx,
            resident: tx.prepare(
                "INSERT INTO resident (id, first_name, last_name, birth_date, national_number,
                     language, street, house_number, box, postal_code, locality, lat, lon,
                     lives_alone, needs, notes, consent_date, consent_basis, status, source,
                     created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?21)",
            )?,
            update: tx.prepare(
                "UPDATE resident SET first_name = ?2, last_name = ?3, birth_date = ?4,
                     national_number = ?5, language = ?6, street = ?7, house_number = ?8, box = ?9,
                     postal_code = ?10, locality = ?11, lat = ?12, lon = ?13, lives_alone = ?14,
                     needs = ?15, notes = ?16, consent_date = ?17, consent_basis = ?18,
                     updated_at = ?19, status = ?20
                 WHERE id = ?1",
            )?,
            clear_phones: tx.prepare("DELETE FROM resident_phone WHERE resident_id = ?1")?,
            clear_keys: tx.prepare("DELETE FROM resident_name_key WHERE local_id = ?1")?,
            phone: tx.prepare(
                "INSERT INTO resident_phone (resident_id, e164, label, position, rev_digits)
                 VALUES (?1, ?2, '', ?3, ?4)",
            )?,
            key: tx.prepare(
                "INSERT OR IGNORE INTO resident_name_key (token, sort_key, local_id) VALUES (?1, ?2, ?3)",
            )?,
            now,
        })
    }

    /// Stores one resident with its phones and search keys; returns its local number. A national
    /// number another living resident has is refused by the unique index (no probe first: on
    /// the bulk paths every row would pay for it) and reported as that resident.
    pub(crate) fn insert(&mut self, r: &ValidResident) -> Result<i64> {
        let local_id = self.resident.insert(params![
            r.id,
            r.first_name,
            r.last_name,
            r.birth_date.map(|d| d.to_string()),
            r.national_number,
            r.language,
            r.street,
            r.house_number,
            r.box_number,
            r.postal_code,
            r.locality,
            r.coordinates.map(|c| c.0),
            r.coordinates.map(|c| c.1),
            r.lives_alone,
            r.needs,
            r.notes,
            r.consent_date.map(|d| d.to_string()),
            r.consent_basis,
            r.status,
            r.source,
            self.now,
        ]);
        let local_id = match local_id {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    && r.national_number.is_some() =>
            {
                let existing: Option<String> = self
                    .tx
                    .prepare_cached(
                        "SELECT id FROM resident WHERE national_number = ?1 AND deleted_at IS NULL",
                    )?
                    .query_row([&r.national_number], |row| row.get(0))
                    .optional()?;
                return Err(match existing {
                    Some(existing) => Error::DuplicateNationalNumber { existing },
                    None => Error::Database(rusqlite::Error::SqliteFailure(e, None)),
                });
            }
            other => other?,
        };
        self.write_phones_and_keys(r, local_id)?;
        Ok(local_id)
    }

    /// Overwrites a stored resident's details (not its id, number, status, source or creation)
    /// and rebuilds its phones and search keys. The caller has checked the national number is
    /// not another resident's.
    pub(crate) fn update(&mut self, r: &ValidResident, local_id: i64) -> Result<()> {
        self.update.execute(params![
            r.id,
            r.first_name,
            r.last_name,
            r.birth_date.map(|d| d.to_string()),
            r.national_number,
            r.language,
            r.street,
            r.house_number,
            r.box_number,
            r.postal_code,
            r.locality,
            r.coordinates.map(|c| c.0),
            r.coordinates.map(|c| c.1),
            r.lives_alone,
            r.needs,
            r.notes,
            r.consent_date.map(|d| d.to_string()),
            r.consent_basis,
            self.now,
            r.status,
        ])?;
        self.clear_phones.execute([&r.id])?;
        self.clear_keys.execute([local_id])?;
        self.write_phones_and_keys(r, local_id)
    }

    /// Writes a resident's phones and search keys: after the insert, or after an edit removed
    /// the old ones.
    pub(crate) fn write_phones_and_keys(&mut self, r: &ValidResident, local_id: i64) -> Result<()> {
        for (i, e164) in r.phones.iter().enumerate() {
            self.phone
                .execute(params![r.id, e164, i as i64, phone::reversed_digits(e164)])?;
        }
        let sort_key = sort_key(&r.first_name, &r.last_name);
        for token in name_tokens(&r.first_name, &r.last_name) {
            self.key.execute(params![token, sort_key, local_id])?;
        }
        Ok(())
    }
}

/// The folded words a resident can be found by: every word of both names, plus the last name
/// written as one word ("Van den Bossche" is also found by "vandenb").
pub(crate) fn name_tokens(first: &str, last: &str) -> Vec<String> {
    let mut tokens = text::words(first);
    let last_words = text::words(last);
    if last_words.len() > 1 {
        tokens.push(last_words.concat());
    }
    tokens.extend(last_words);
    tokens.sort();
    tokens.dedup();
    tokens
}

pub(crate) fn sort_key(first: &str, last: &str) -> String {
    format!(
        "{}\u{1}{}",
        text::fold(last).trim(),
        text::fold(first).trim()
    )
}
/// A resident found by a search, with what a caseworker needs to recognise the caller.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ResidentHit {
    /// UUIDv7.
    pub id: String,
    /// This desk's number.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub local_id: i64,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// Street and number.
    pub address: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Locality.
    pub locality: String,
    /// Main phone, E.164.
    pub phone: Option<String>,
    /// Main phone as people read it (`0470 12 34 56`).
    pub phone_display: Option<String>,
    /// Language.
    pub language: Language,
}

const HIT_COLUMNS: &str = "r.id, r.local_id, r.first_name, r.last_name, r.birth_date,
    r.street, r.house_number, r.box, r.postal_code, r.locality,
    (SELECT e164 FROM resident_phone p WHERE p.resident_id = r.id ORDER BY position LIMIT 1),
    r.language";

fn hit_from_row(row: &Row<'_>) -> rusqlite::Result<ResidentHit> {
    let street: String = row.get(5)?;
    let number: String = row.get(6)?;
    let box_number: String = row.get(7)?;
    Ok(ResidentHit {
        id: row.get(0)?,
        local_id: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        birth_date: parse_stored_date(row.get(4)?),
        address: format_address(&street, &number, &box_number),
        postal_code: row.get(8)?,
        locality: row.get(9)?,
        phone_display: row
            .get::<_, Option<String>>(10)?
            .as_deref()
            .map(phone::display),
        phone: row.get(10)?,
        language: row.get(11)?,
    })
}

pub(crate) fn parse_stored_date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| s.parse().ok())
}

/// "Kerkstraat 12 bus 3".
pub fn format_address(street: &str, number: &str, box_number: &str) -> String {
    let mut out = street.to_owned();
    if !number.is_empty() {
        out.push(' ');
        out.push_str(number);
    }
    if !box_number.is_empty() {
        out.push_str(" bus ");
        out.push_str(box_number);
    }
    out
}

/// The most results one search returns.
pub const MAX_SEARCH_RESULTS: usize = 1000;

/// A resident with what happened with them, for the detail view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ResidentHistory {
    /// The resident.
    pub resident: Resident,
    /// Their requests, newest first.
    pub requests: Vec<crate::model::HelpRequest>,
    /// Calls and visits, newest first.
    pub contacts: Vec<crate::model::Contact>,
    /// What they agreed to share with visiting volunteers (printed on their sheets).
    pub access_note: Option<String>,
}

/// How far a name search reads candidates of its most selective word before it stops: bounds
/// the time of a pathological query (two common prefixes that rarely meet) on a large register.
const MAX_NAME_CANDIDATES: usize = 50_000;

impl Register {
    /// Adds a resident typed at the desk (validated as in [`validate`]).
    #[tracing::instrument(skip_all, err)]
    pub fn add_resident(&mut self, input: &NewResident) -> Result<Resident> {
        let valid = validate(input, self.office_language()?, crate::today())?;
        let local_id = self.with_tx(|tx| ResidentWriter::new(tx, crate::now())?.insert(&valid))?;
        self.resident(&local_id.to_string())
    }

    /// Changes a resident's details (validated as in [`validate`]); phones and search keys follow
    /// in the same transaction. The record's id, number, source and creation stay.
    #[tracing::instrument(skip_all, err)]
    pub fn update_resident(&mut self, id_or_number: &str, input: &NewResident) -> Result<Resident> {
        let current = self.resident(id_or_number)?;
        let mut valid = validate(input, self.office_language()?, crate::today())?;
        valid.id = current.id.clone();
        valid.status = current.status;
        self.with_tx(|tx| {
            if let Some(nn) = &valid.national_number {
                let other: Option<String> = tx
                    .query_row(
                        "SELECT id FROM resident WHERE national_number = ?1 AND id <> ?2
                         AND deleted_at IS NULL",
                        params![nn, valid.id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(existing) = other {
                    return Err(Error::DuplicateNationalNumber { existing });
                }
            }
            ResidentWriter::new(tx, crate::now())?.update(&valid, current.local_id)?;
            Ok(())
        })?;
        self.resident(&current.id)
    }

    /// Everything that happened with a resident, newest first: requests and logged contacts.
    pub fn resident_history(&self, id_or_number: &str) -> Result<ResidentHistory> {
        let resident = self.resident(id_or_number)?;
        let requests = self.requests_of_resident(&resident.id)?;
        let contacts = self.contacts_of(&resident.id)?;
        let access_note = self.access_note(&resident.id)?;
        Ok(ResidentHistory {
            resident,
            requests,
            contacts,
            access_note,
        })
    }

    /// The office's default language.
    pub fn office_language(&self) -> Result<Language> {
        Ok(self
            .conn
            .query_row(
                "SELECT default_language FROM office_settings WHERE id = 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(Language::Nl))
    }

    /// A resident by UUID or by this desk's number.
    pub fn resident(&self, id_or_number: &str) -> Result<Resident> {
        let mut resident = self.find_by_id_or_number(
            "resident",
            &format!("SELECT {RESIDENT_COLUMNS} FROM resident WHERE deleted_at IS NULL AND"),
            "",
            id_or_number,
            resident_from_row,
        )?;
        resident.phones = phones_of(&self.conn, &resident.id)?;
        resident.phones_display = resident.phones.iter().map(|p| phone::display(p)).collect();
        Ok(resident)
    }

    /// Residents in alphabetical order, a page at a time.
    pub fn list_residents(&self, limit: usize, offset: usize) -> Result<Vec<ResidentHit>> {
        // The page's numbers come from the name index alone; only the page's rows are read.
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_id FROM resident INDEXED BY resident_by_name WHERE deleted_at IS NULL
             ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, local_id
             LIMIT ?1 OFFSET ?2",
        )?;
        let ids: Vec<i64> = stmt
            .query_map(
                params![crate::sql_count(limit), crate::sql_count(offset)],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        self.hits_by_local_id(&ids)
    }

    /// How many residents the register holds (not counting erased ones).
    pub fn count_residents(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM resident WHERE deleted_at IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    /// Finds residents while the caller speaks: by phone number when the text is a number
    /// (any written form, or its last digits), otherwise by name (prefixes of first and last
    /// names, in any order, case, accent and ligature insensitive).
    #[tracing::instrument(skip_all, err)]
    pub fn search_residents(&self, query: &str, limit: usize) -> Result<Vec<ResidentHit>> {
        // A search is for recognising a caller, not for listing the register.
        let limit = limit.min(MAX_SEARCH_RESULTS);
        if limit == 0 {
            return Ok(Vec::new());
        }
        if phone::looks_like_phone(query) {
            // A national register number read from an identity card finds its one resident
            // first; phone matches follow (the digits could be both).
            let mut hits = match national_number::parse(query, crate::today()) {
                Ok(nn) => {
                    let mut stmt = self.conn.prepare_cached(&format!(
                        "SELECT {HIT_COLUMNS} FROM resident r
                         WHERE r.national_number = ?1 AND r.deleted_at IS NULL"
                    ))?;
                    stmt.query_map([nn.digits()], hit_from_row)?
                        .collect::<rusqlite::Result<Vec<_>>>()?
                }
                Err(_) => Vec::new(),
            };
            for hit in self.search_by_phone(query, limit)? {
                if hits.len() < limit && !hits.iter().any(|h| h.id == hit.id) {
                    hits.push(hit);
                }
            }
            Ok(hits)
        } else {
            self.search_by_name(query, limit)
        }
    }

    fn search_by_name(&self, query: &str, limit: usize) -> Result<Vec<ResidentHit>> {
        let mut terms = text::words(query);
        terms.sort();
        terms.dedup();
        // A word that is a prefix of another query word adds nothing ("jan janssens").
        let all = terms.clone();
        terms.retain(|t| !all.iter().any(|o| o != t && o.starts_with(t.as_str())));
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        // Drive the scan with the most selective word (fewest index entries, counted up to a
        // cap); every other word is checked with one probe of the by-resident index.
        let mut count = self.conn.prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM resident_name_key
             WHERE token >= ?1 AND token < ?2 LIMIT 5000)",
        )?;
        let mut best: Option<(i64, usize)> = None;
        for (i, t) in terms.iter().enumerate() {
            let n: i64 = count.query_row(params![t, prefix_end(t)], |r| r.get(0))?;
            if best.is_none_or(|(m, j)| n < m || (n == m && t.len() > terms[j].len())) {
                best = Some((n, i));
            }
        }
        let driver = best.map_or(0, |(_, i)| i);
        terms.swap(0, driver);

        let mut sql = String::from(
            "SELECT k.local_id FROM resident_name_key k WHERE k.token >= ?1 AND k.token < ?2",
        );
        let mut bounds: Vec<String> = vec![terms[0].clone(), prefix_end(&terms[0])];
        for t in &terms[1..] {
            let n = bounds.len();
            sql.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM resident_name_key o WHERE o.local_id = k.local_id
                   AND o.token >= ?{} AND o.token < ?{})",
                n + 1,
                n + 2
            ));
            bounds.push(t.clone());
            bounds.push(prefix_end(t));
        }
        sql.push_str(" ORDER BY k.token, k.sort_key, k.local_id");
        let mut scan = self.conn.prepare_cached(&sql)?;
        let mut rows = scan.query(rusqlite::params_from_iter(bounds.iter()))?;
        let mut found: Vec<i64> = Vec::with_capacity(limit);
        let mut seen = std::collections::HashSet::with_capacity(limit);
        let mut read = 0usize;
        while let Some(row) = rows.next()? {
            read += 1;
            if read > MAX_NAME_CANDIDATES {
                break;
            }
            let local_id: i64 = row.get(0)?;
            // A resident matches once even when two of their words start with the driver word.
            if seen.insert(local_id) {
                found.push(local_id);
                if found.len() == limit {
                    break;
                }
            }
        }
        self.hits_by_local_id(&found)
    }

    fn search_by_phone(&self, query: &str, limit: usize) -> Result<Vec<ResidentHit>> {
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        let mut ids: Vec<String> = Vec::with_capacity(limit);
        let push = |id: String, ids: &mut Vec<String>| {
            if !ids.contains(&id) && ids.len() < limit {
                ids.push(id);
            }
        };
        // 1. The whole number, in any written form.
        if let Ok(p) = phone::parse(query) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT resident_id FROM resident_phone WHERE rev_digits = ?1 LIMIT ?2",
            )?;
            for id in stmt.query_map(
                params![phone::reversed_digits(&p.e164()), crate::sql_count(limit)],
                |r| r.get(0),
            )? {
                push(id?, &mut ids);
            }
        }
        // 2. The beginning of a number, as it is dictated ("0470 12 …").
        if let Some(prefix) = e164_prefix(query) {
            let mut stmt = self.conn.prepare_cached(
                "SELECT resident_id FROM resident_phone WHERE e164 >= ?1 AND e164 < ?2
                 ORDER BY e164 LIMIT ?3",
            )?;
            for id in stmt.query_map(
                params![prefix, prefix_end(&prefix), crate::sql_count(limit)],
                |r| r.get(0),
            )? {
                push(id?, &mut ids);
            }
        }
        // 3. The last digits ("the one ending in 3456").
        if digits.len() >= 3 {
            let rev: String = digits.chars().rev().collect();
            let mut stmt = self.conn.prepare_cached(
                "SELECT resident_id FROM resident_phone WHERE rev_digits >= ?1 AND rev_digits < ?2
                 ORDER BY rev_digits LIMIT ?3",
            )?;
            for id in stmt.query_map(
                params![rev, prefix_end(&rev), crate::sql_count(limit)],
                |r| r.get(0),
            )? {
                push(id?, &mut ids);
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HIT_COLUMNS} FROM resident r WHERE r.id = ?1 AND r.deleted_at IS NULL"
        ))?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(hit) = stmt.query_row([id], hit_from_row).optional()? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }

    fn hits_by_local_id(&self, ids: &[i64]) -> Result<Vec<ResidentHit>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HIT_COLUMNS} FROM resident r WHERE r.local_id = ?1 AND r.deleted_at IS NULL"
        ))?;
        let mut hits = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(hit) = stmt.query_row([id], hit_from_row).optional()? {
                hits.push(hit);
            }
        }
        Ok(hits)
    }
}

/// The smallest text greater than every text starting with `prefix` (for range scans).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// The E.164 beginning of a partly typed number: "0470 12" → "+3247012", "0032 2" → "+322",
/// "+32 470" → "+32470". `None` when the text cannot be the start of a number.
fn e164_prefix(query: &str) -> Option<String> {
    let q = query.trim().replace("(0)", "");
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let international = if q.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("32{rest}")
    } else {
        return None;
    };
    // "+32" alone, or less, would list half the register.
    (international.len() >= 4).then(|| format!("+{international}"))
}

const RESIDENT_COLUMNS: &str = "id, local_id, first_name, last_name, birth_date,
    national_number, language, street, house_number, box, postal_code, locality, lat, lon,
    lives_alone, needs, notes, consent_date, consent_basis, status, source, created_at, updated_at";

/// A resident's phones, main one first (E.164).
pub(crate) fn phones_of(conn: &rusqlite::Connection, resident_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e164 FROM resident_phone WHERE resident_id = ?1 ORDER BY position",
    )?;
    Ok(stmt
        .query_map([resident_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A living resident by this desk's number, with phones (E.164 only; no display forms), read
/// through any connection or transaction.
pub(crate) fn resident_at(conn: &rusqlite::Connection, local_id: i64) -> Result<Resident> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RESIDENT_COLUMNS} FROM resident WHERE local_id = ?1 AND deleted_at IS NULL"
    ))?;
    let mut resident = stmt
        .query_row([local_id], resident_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "resident",
            id: local_id.to_string(),
        })?;
    resident.phones = phones_of(conn, &resident.id)?;
    Ok(resident)
}

impl ValidResident {
    /// A stored resident as the writer takes it back (an edit or an undone import).
    pub(crate) fn from_stored(r: &Resident) -> Self {
        Self {
            id: r.id.clone(),
            first_name: r.first_name.clone(),
            last_name: r.last_name.clone(),
            birth_date: r.birth_date,
            national_number: r.national_number.clone(),
            language: r.language,
            street: r.street.clone(),
            house_number: r.house_number.clone(),
            box_number: r.box_number.clone(),
            postal_code: r.postal_code.clone(),
            locality: r.locality.clone(),
            coordinates: r.lat.zip(r.lon),
            phones: r.phones.clone(),
            lives_alone: r.lives_alone,
            needs: r.needs.clone(),
            notes: r.notes.clone(),
            consent_date: r.consent_date,
            consent_basis: r.consent_basis,
            status: r.status,
            source: r.source.clone(),
        }
    }
}

fn resident_from_row(row: &Row<'_>) -> rusqlite::Result<Resident> {
    Ok(Resident {
        id: row.get(0)?,
        local_id: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        birth_date: parse_stored_date(row.get(4)?),
        national_number: row.get(5)?,
        language: row.get(6)?,
        street: row.get(7)?,
        house_number: row.get(8)?,
        box_number: row.get(9)?,
        postal_code: row.get(10)?,
        locality: row.get(11)?,
        lat: row.get(12)?,
        lon: row.get(13)?,
        phones: Vec::new(),
        phones_display: Vec::new(),
        lives_alone: row.get(14)?,
        needs: row.get(15)?,
        notes: row.get(16)?,
        consent_date: parse_stored_date(row.get(17)?),
        consent_basis: row.get(18)?,
        status: row.get(19)?,
        source: row.get(20)?,
        created_at: row.get(21)?,
        updated_at: row.get(22)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::{fixture, rstest};

    #[fixture]
    fn register() -> Register {
        let mut reg = Register::open_in_memory().expect("in-memory register");
        for (first, last, phone, pc) in [
            ("Marie", "Dubœuf", "0470 12 34 56", "4000"),
            ("Jan", "Peeters", "02 512 34 56", "1000"),
            ("Anna", "Peeters", "+32 496 99 88 77", "2000"),
            ("Hélène", "Van den Bossche", "050 12 34 56", "8000"),
            ("Piet", "Janssens", "016 12 34 56", "3000"),
        ] {
            reg.add_resident(&NewResident {
                first_name: first.into(),
                last_name: last.into(),
                phones: vec![phone.into()],
                postal_code: Some(pc.into()),
                ..Default::default()
            })
            .expect("valid resident");
        }
        reg
    }

    fn names(hits: &[ResidentHit]) -> Vec<String> {
        hits.iter()
            .map(|h| format!("{} {}", h.first_name, h.last_name))
            .collect()
    }

    #[rstest]
    #[case("duboeuf", &["Marie Dubœuf"])]
    #[case("DUBŒ", &["Marie Dubœuf"])]
    #[case("dub", &["Marie Dubœuf"])]
    #[case("helene", &["Hélène Van den Bossche"])]
    #[case("vandenb", &["Hélène Van den Bossche"])]
    #[case("bossche hel", &["Hélène Van den Bossche"])]
    #[case("peeters", &["Anna Peeters", "Jan Peeters"])]
    #[case("pee jan", &["Jan Peeters"])]
    #[case("jan", &["Jan Peeters", "Piet Janssens"])]
    #[case("nobody", &[])]
    #[case("   ", &[])]
    fn finds_by_name(register: Register, #[case] query: &str, #[case] expected: &[&str]) {
        let hits = register.search_residents(query, 10).expect("search");
        assert_eq!(names(&hits), expected, "query {query:?}");
    }

    #[rstest]
    #[case("0470 12 34 56", "Marie Dubœuf")]
    #[case("+32470123456", "Marie Dubœuf")]
    #[case("0032 470 123 456", "Marie Dubœuf")]
    #[case("0470/12.34.56", "Marie Dubœuf")]
    #[case("70 12 34 56", "Marie Dubœuf")]
    #[case("0496 99", "Anna Peeters")]
    #[case("88 77", "Anna Peeters")]
    #[case("02 512 34 56", "Jan Peeters")]
    fn finds_by_phone_in_any_form(register: Register, #[case] query: &str, #[case] expected: &str) {
        let hits = register.search_residents(query, 10).expect("search");
        assert_eq!(
            names(&hits).first().map(String::as_str),
            Some(expected),
            "query {query:?}: {hits:?}"
        );
    }

    #[rstest]
    fn pages_follow_the_alphabet_without_gaps_or_repeats(register: Register) {
        let all = names(&register.list_residents(100, 0).expect("list"));
        assert_eq!(
            all,
            [
                "Marie Dubœuf",
                "Piet Janssens",
                "Anna Peeters",
                "Jan Peeters",
                "Hélène Van den Bossche"
            ]
        );
        let paged: Vec<String> = (0..3)
            .flat_map(|p| names(&register.list_residents(2, p * 2).expect("page")))
            .collect();
        assert_eq!(paged, all);
    }

    #[rstest]
    fn an_edit_moves_the_search_keys_and_phones_along(mut register: Register) {
        let marie = register.search_residents("duboeuf", 1).expect("search")[0]
            .id
            .clone();
        let edited = register
            .update_resident(
                &marie,
                &NewResident {
                    first_name: "Marie".into(),
                    last_name: "Lambert".into(),
                    phones: vec!["0496 11 22 33".into()],
                    postal_code: Some("4000".into()),
                    ..Default::default()
                },
            )
            .expect("valid edit");
        assert_eq!(edited.id, marie);
        assert_eq!(edited.source, "cli", "the origin of the record stays");
        assert!(
            register
                .search_residents("duboeuf", 5)
                .expect("search")
                .is_empty()
        );
        assert_eq!(
            names(&register.search_residents("lamb", 5).expect("search")),
            ["Marie Lambert"]
        );
        assert!(
            register
                .search_residents("0470 12 34 56", 5)
                .expect("search")
                .is_empty()
        );
        assert_eq!(
            names(
                &register
                    .search_residents("0496 11 22 33", 5)
                    .expect("search")
            ),
            ["Marie Lambert"]
        );
        let bad = register.update_resident(
            &marie,
            &NewResident {
                last_name: "Lambert".into(),
                postal_code: Some("9999".into()),
                ..Default::default()
            },
        );
        assert!(bad.is_err());
        assert_eq!(
            register
                .resident(&marie)
                .expect("still there")
                .postal_code
                .as_deref(),
            Some("4000")
        );
    }

    #[rstest]
    fn a_national_number_finds_its_resident(mut register: Register) {
        let r = register
            .add_resident(&NewResident {
                last_name: "Maes".into(),
                national_number: Some("85073003328".into()),
                ..Default::default()
            })
            .expect("valid");
        for query in ["85.07.30-033.28", "85073003328"] {
            let hits = register.search_residents(query, 5).expect("search");
            assert_eq!(
                hits.first().map(|h| h.id.as_str()),
                Some(r.id.as_str()),
                "{query}"
            );
        }
    }

    #[rstest]
    fn last_digits_find_every_number_ending_with_them(register: Register) {
        let hits = register.search_residents("3456", 10).expect("search");
        assert_eq!(hits.len(), 4, "four fixture numbers end in 3456: {hits:?}");
        assert!(
            hits.iter()
                .all(|h| h.phone.as_deref().is_some_and(|p| p.ends_with("3456")))
        );
    }

    #[rstest]
    fn national_number_fills_birth_date_and_is_unique(mut register: Register) {
        let r = register
            .add_resident(&NewResident {
                first_name: "Jos".into(),
                last_name: "Maes".into(),
                national_number: Some("85.07.30-033.28".into()),
                ..Default::default()
            })
            .expect("valid");
        assert_eq!(
            r.birth_date.map(|d| d.to_string()).as_deref(),
            Some("1985-07-30")
        );
        assert_eq!(r.national_number.as_deref(), Some("85073003328"));
        let again = register.add_resident(&NewResident {
            first_name: "Jozef".into(),
            last_name: "Maes".into(),
            national_number: Some("85073003328".into()),
            ..Default::default()
        });
        assert!(
            matches!(again, Err(Error::DuplicateNationalNumber { existing }) if existing == r.id)
        );
    }

    #[rstest]
    #[case(NewResident { last_name: "".into(), ..Default::default() }, "last name")]
    #[case(NewResident { last_name: "X".into(), national_number: Some("85073003329".into()), ..Default::default() }, "check digits")]
    #[case(NewResident { last_name: "X".into(), phones: vec!["09 123 45 67".into()], ..Default::default() }, "not a valid phone")]
    #[case(NewResident { last_name: "X".into(), postal_code: Some("9999".into()), ..Default::default() }, "does not exist")]
    #[case(NewResident { last_name: "X".into(), birth_date: Some("31/02/1950".into()), ..Default::default() }, "not a date")]
    #[case(NewResident { last_name: "X".into(), birth_date: Some("01/01/1950".into()), national_number: Some("85073003328".into()), ..Default::default() }, "does not match")]
    fn refuses_bad_input_and_stores_nothing(
        mut register: Register,
        #[case] input: NewResident,
        #[case] message: &str,
    ) {
        let before = register.count_residents().expect("count");
        let err = register.add_resident(&input).expect_err("invalid");
        assert!(err.to_string().contains(message), "{err}");
        assert_eq!(register.count_residents().expect("count"), before);
    }

    #[rstest]
    fn language_defaults_to_the_postal_area(mut register: Register) {
        let r = register
            .add_resident(&NewResident {
                last_name: "Lambert".into(),
                postal_code: Some("5000".into()),
                ..Default::default()
            })
            .expect("valid");
        assert_eq!(r.language, Language::Fr);
        assert_eq!(r.locality, "Namur");
        assert!(r.lat.is_some());
    }
}
