//! Volunteers: the neighbours who do the shopping, fetch the medicine, or call for a chat.

use rusqlite::{OptionalExtension, Row, params};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::{Language, PartOfDay, Task, Volunteer, VolunteerStatus};
use crate::register::Register;
use crate::residents::{Rejection, Warning, soft};
use crate::{phone, postal};

/// A volunteer as typed or read from a list: text fields, not yet validated.
#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct NewVolunteer {
    /// First name.
    pub first_name: String,
    /// Last name (required).
    pub last_name: String,
    /// Phone in any written form.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: String,
    /// Languages as codes or names; defaults to the postal code's language.
    pub languages: Vec<String>,
    /// Home postal code (required: matching measures distances from it).
    pub postal_code: String,
    /// How far the volunteer will go, in km.
    pub radius_km: f64,
    /// Tasks (see [`Task`]); defaults to groceries, pharmacy and errands.
    pub tasks: Vec<String>,
    /// Availability as `DAY:PART` items (see [`parse_availability`]).
    pub availability: Vec<String>,
    /// Assignments per day at most.
    pub capacity_per_day: u32,
    /// Notes.
    pub notes: String,
}

impl Default for NewVolunteer {
    fn default() -> Self {
        Self {
            first_name: String::new(),
            last_name: String::new(),
            phone: None,
            email: String::new(),
            languages: Vec::new(),
            postal_code: String::new(),
            radius_km: 5.0,
            tasks: Vec::new(),
            availability: Vec::new(),
            capacity_per_day: 2,
            notes: String::new(),
        }
    }
}

const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Reads availability items: `mon:morning`, `tue:afternoon`, `mon-fri:morning`, `sat:all`,
/// `wed:am`, `thu:pm`, `fri:evening`. Returns (ISO weekday, part) pairs, sorted and unique.
pub fn parse_availability(items: &[String]) -> Result<Vec<(u8, PartOfDay)>> {
    let mut slots = Vec::new();
    for item in items
        .iter()
        .flat_map(|i| i.split([',', ' ']))
        .filter(|s| !s.is_empty())
    {
        let bad = || {
            Error::invalid(
                "availability",
                format!(
                    "\"{item}\" is not a slot; write day:part, like mon:morning, mon-fri:afternoon or sat:all"
                ),
            )
        };
        let (days, part) = item.split_once(':').ok_or_else(bad)?;
        let day_index = |d: &str| {
            let d = d.trim().to_ascii_lowercase();
            WEEKDAYS
                .iter()
                .position(|w| d.starts_with(w))
                .map(|i| i as u8 + 1)
        };
        let (from, to) = match days.split_once('-') {
            Some((a, b)) => (day_index(a).ok_or_else(bad)?, day_index(b).ok_or_else(bad)?),
            None => {
                let d = day_index(days).ok_or_else(bad)?;
                (d, d)
            }
        };
        if from > to {
            return Err(bad());
        }
        let parts: Vec<PartOfDay> = match part.trim().to_ascii_lowercase().as_str() {
            "all" | "day" | "allday" => PartOfDay::ALL.to_vec(),
            "am" => vec![PartOfDay::Morning],
            "pm" => vec![PartOfDay::Afternoon],
            other => vec![other.parse().map_err(|_| bad())?],
        };
        for d in from..=to {
            for p in &parts {
                slots.push((d, *p));
            }
        }
    }
    slots.sort();
    slots.dedup();
    Ok(slots)
}

/// Checks and normalises a typed volunteer; every problem is an error.
pub(crate) fn validate(input: &NewVolunteer) -> Result<ValidVolunteer> {
    check(input, None).map_err(|r| r.error)
}

/// The one validation of a volunteer, strict (a form) or lenient (an import, with `warnings`):
/// leniently, only a missing last name or a missing or unknown postal code (matching measures
/// from it) rejects the row; a doubtful phone, language, task, slot, radius or capacity is
/// left out (or defaulted) with a warning.
pub(crate) fn check(
    input: &NewVolunteer,
    mut warnings: Option<&mut Vec<Warning>>,
) -> std::result::Result<ValidVolunteer, Rejection> {
    let last_name = input
        .last_name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if last_name.is_empty() {
        return Err(Rejection {
            code: "missing_last_name",
            error: Error::invalid("last name", "a volunteer needs a last name"),
        });
    }
    let code = input.postal_code.trim();
    if code.is_empty() {
        return Err(Rejection {
            code: "postal_code_missing",
            error: Error::invalid("postal code", "a volunteer needs a home postal code"),
        });
    }
    let postal = postal::lookup(code).ok_or_else(|| Rejection {
        code: "postal_code_unknown",
        error: Error::UnknownPostalCode(code.to_owned()),
    })?;
    let phone = match input
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => match phone::parse(p) {
            Ok(p) => Some(p.e164()),
            Err(e) => {
                soft(&mut warnings, "phone_invalid", e)?;
                None
            }
        },
        None => None,
    };
    let email = input.email.trim().to_owned();
    let email = if email.is_empty() || looks_like_email(&email) {
        email
    } else {
        soft(
            &mut warnings,
            "email_invalid",
            Error::invalid("e-mail", format!("\"{email}\" is not an e-mail address")),
        )?;
        String::new()
    };
    let mut languages = Vec::new();
    for l in input
        .languages
        .iter()
        .flat_map(|l| l.split([',', '/', ';', '+']))
        .flat_map(|l| l.split(" en ").flat_map(|l| l.split(" et ")))
        .filter(|l| !l.trim().is_empty())
    {
        match Language::parse_loose(l) {
            Ok(l) => languages.push(l),
            Err(e) => soft(&mut warnings, "language_unknown", e)?,
        }
    }
    if languages.is_empty() {
        languages.push(postal.main_language());
    }
    languages.sort();
    languages.dedup();
    let mut tasks = Vec::new();
    for t in input
        .tasks
        .iter()
        .flat_map(|t| t.split([',', '/', ';', '+']))
        .filter(|t| !t.trim().is_empty())
    {
        match Task::parse_loose(t) {
            Ok(t) => tasks.push(t),
            Err(e) => soft(&mut warnings, "task_unknown", e)?,
        }
    }
    if tasks.is_empty() {
        tasks = vec![Task::Groceries, Task::Pharmacy, Task::Errands];
    }
    tasks.sort();
    tasks.dedup();
    let availability = match parse_availability(&input.availability) {
        Ok(a) => a,
        Err(e) => {
            soft(&mut warnings, "availability_invalid", e)?;
            Vec::new()
        }
    };
    let mut radius_km = input.radius_km;
    if !(0.0..=200.0).contains(&radius_km) || radius_km.is_nan() {
        soft(
            &mut warnings,
            "radius_invalid",
            Error::invalid("radius", "the radius must be between 0 and 200 km"),
        )?;
        radius_km = NewVolunteer::default().radius_km;
    }
    let mut capacity_per_day = input.capacity_per_day;
    if capacity_per_day > 20 {
        soft(
            &mut warnings,
            "capacity_invalid",
            Error::invalid("capacity", "at most 20 assignments a day"),
        )?;
        capacity_per_day = NewVolunteer::default().capacity_per_day;
    }
    Ok(ValidVolunteer {
        id: crate::new_id(),
        first_name: input
            .first_name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        last_name,
        phone,
        email,
        postal,
        languages,
        tasks,
        availability,
        radius_km,
        capacity_per_day,
        status: VolunteerStatus::Active,
        notes: input.notes.trim().to_owned(),
    })
}

/// Something@something.something, without spaces: enough to catch a phone number or a name
/// in the e-mail column, without pretending to validate RFC 5322.
fn looks_like_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

/// The folded "first last" stored for search.
fn search_name(first: &str, last: &str) -> String {
    crate::text::words(&format!("{first} {last}")).join(" ")
}

impl Register {
    /// Adds a volunteer registered at the office.
    #[tracing::instrument(skip_all, err)]
    pub fn add_volunteer(&mut self, input: &NewVolunteer) -> Result<Volunteer> {
        let valid = validate(input)?;
        let now = crate::now();
        self.with_tx(|tx| insert(tx, &valid, &now))?;
        self.volunteer(&valid.id)
    }

    /// Changes a volunteer's details, languages, tasks and availability (validated as when
    /// added); the status and origin stay.
    #[tracing::instrument(skip_all, err)]
    pub fn update_volunteer(
        &mut self,
        id_or_number: &str,
        input: &NewVolunteer,
    ) -> Result<Volunteer> {
        let current = self.volunteer(id_or_number)?;
        let mut valid = validate(input)?;
        valid.id = current.id.clone();
        valid.status = current.status;
        let now = crate::now();
        self.with_tx(|tx| update_at(tx, &valid, &now))?;
        self.volunteer(&current.id)
    }

    /// Pauses, reactivates or records that a volunteer left.
    pub fn set_volunteer_status(
        &mut self,
        id_or_number: &str,
        status: VolunteerStatus,
    ) -> Result<Volunteer> {
        let current = self.volunteer(id_or_number)?;
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE volunteer SET status = ?1, updated_at = ?2 WHERE id = ?3",
                params![status, now, current.id],
            )?;
            Ok(())
        })?;
        self.volunteer(&current.id)
    }

    /// Records that a volunteer must not be sent to a resident (`refused`, `conflict`,
    /// `same_household` or `other`); matching never proposes them together again.
    pub fn exclude_volunteer(
        &mut self,
        volunteer: &str,
        resident: &str,
        reason: &str,
        note: &str,
    ) -> Result<()> {
        let reason = reason.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if !["refused", "conflict", "same_household", "other"].contains(&reason.as_str()) {
            return Err(Error::invalid(
                "reason",
                format!(
                    "\"{reason}\" is not a reason; write refused, conflict, same_household or other"
                ),
            ));
        }
        let v = self.volunteer(volunteer)?;
        let r = self.resident(resident)?;
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "INSERT INTO volunteer_exclusion (volunteer_id, resident_id, reason, note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (volunteer_id, resident_id) DO UPDATE SET reason = excluded.reason,
                     note = excluded.note",
                params![v.id, r.id, reason, note.trim(), now],
            )?;
            Ok(())
        })
    }

    /// Volunteers with a name word starting with every word of `query` (accent- and
    /// case-insensitive), alphabetically. Volunteer lists are thousands, not hundreds of
    /// thousands, so a scan of the folded names is fast enough.
    pub fn search_volunteers(&self, query: &str, limit: usize) -> Result<Vec<Volunteer>> {
        let terms = crate::text::words(query);
        if terms.is_empty() {
            return self.list_volunteers(limit, 0);
        }
        let mut sql = format!("SELECT {VOLUNTEER_COLUMNS} FROM volunteer WHERE deleted_at IS NULL");
        for i in 1..=terms.len() {
            sql.push_str(&format!(
                " AND (' ' || search_name) LIKE ('% ' || ?{i} || '%')"
            ));
        }
        sql.push_str(&format!(
            " ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, local_id LIMIT {}",
            crate::sql_count(limit)
        ));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut list: Vec<Volunteer> = stmt
            .query_map(rusqlite::params_from_iter(terms.iter()), volunteer_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for v in &mut list {
            self.fill_volunteer_sets(v)?;
        }
        Ok(list)
    }

    /// A volunteer by UUID or by this desk's number.
    pub fn volunteer(&self, id_or_number: &str) -> Result<Volunteer> {
        let mut v = self.find_by_id_or_number(
            "volunteer",
            &format!("SELECT {VOLUNTEER_COLUMNS} FROM volunteer WHERE deleted_at IS NULL AND"),
            "",
            id_or_number,
            volunteer_from_row,
        )?;
        self.fill_volunteer_sets(&mut v)?;
        Ok(v)
    }

    /// Volunteers in alphabetical order, a page at a time.
    pub fn list_volunteers(&self, limit: usize, offset: usize) -> Result<Vec<Volunteer>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {VOLUNTEER_COLUMNS} FROM volunteer WHERE deleted_at IS NULL
             ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, local_id
             LIMIT ?1 OFFSET ?2"
        ))?;
        let mut list: Vec<Volunteer> = stmt
            .query_map(
                params![crate::sql_count(limit), crate::sql_count(offset)],
                volunteer_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        for v in &mut list {
            self.fill_volunteer_sets(v)?;
        }
        Ok(list)
    }

    /// How many volunteers the register holds.
    pub fn count_volunteers(&self) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM volunteer WHERE deleted_at IS NULL",
            [],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    fn fill_volunteer_sets(&self, v: &mut Volunteer) -> Result<()> {
        fill_sets(&self.conn, v)
    }
}

fn fill_sets(conn: &rusqlite::Connection, v: &mut Volunteer) -> Result<()> {
    let mut langs = conn.prepare_cached(
        "SELECT language FROM volunteer_language WHERE volunteer_id = ?1 ORDER BY language",
    )?;
    v.languages = langs
        .query_map([&v.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    v.languages.sort();
    let mut tasks = conn
        .prepare_cached("SELECT task FROM volunteer_task WHERE volunteer_id = ?1 ORDER BY task")?;
    v.tasks = tasks
        .query_map([&v.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Declaration order (groceries first), not alphabetical.
    v.tasks.sort();
    let mut slots = conn.prepare_cached(
        "SELECT weekday, part_of_day FROM volunteer_availability WHERE volunteer_id = ?1
         ORDER BY weekday, CASE part_of_day WHEN 'morning' THEN 0 WHEN 'afternoon' THEN 1 ELSE 2 END",
    )?;
    v.availability = slots
        .query_map([&v.id], |r| Ok((r.get::<_, u8>(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// A volunteer whose fields are checked; what [`insert`] stores.
#[derive(Debug, Clone)]
pub(crate) struct ValidVolunteer {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub phone: Option<String>,
    pub email: String,
    pub postal: &'static postal::PostalCode,
    pub languages: Vec<Language>,
    pub tasks: Vec<Task>,
    pub availability: Vec<(u8, PartOfDay)>,
    pub radius_km: f64,
    pub capacity_per_day: u32,
    pub status: VolunteerStatus,
    pub notes: String,
}

/// Stores one volunteer with languages, tasks and availability: the one insert path for the
/// desk, imports and the demo.
pub(crate) fn insert(tx: &rusqlite::Transaction<'_>, v: &ValidVolunteer, now: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO volunteer (id, first_name, last_name, phone, email, postal_code, lat, lon,
             radius_km, capacity_per_day, status, origin, notes, search_name, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'local', ?12, ?14, ?13, ?13)",
    )?
    .execute(params![
        v.id,
        v.first_name,
        v.last_name,
        v.phone,
        v.email,
        v.postal.code,
        v.postal.lat,
        v.postal.lon,
        v.radius_km,
        v.capacity_per_day,
        v.status,
        v.notes,
        now,
        search_name(&v.first_name, &v.last_name)
    ])?;
    write_volunteer_sets(tx, &v.id, &v.languages, &v.tasks, &v.availability)
}

/// Overwrites a stored volunteer's details, status and sets (not its id, origin or creation).
pub(crate) fn update_at(
    tx: &rusqlite::Transaction<'_>,
    v: &ValidVolunteer,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE volunteer SET first_name = ?2, last_name = ?3, phone = ?4, email = ?5,
             postal_code = ?6, lat = ?7, lon = ?8, radius_km = ?9, capacity_per_day = ?10,
             notes = ?11, search_name = ?12, updated_at = ?13, status = ?14
         WHERE id = ?1",
    )?
    .execute(params![
        v.id,
        v.first_name,
        v.last_name,
        v.phone,
        v.email,
        v.postal.code,
        v.postal.lat,
        v.postal.lon,
        v.radius_km,
        v.capacity_per_day,
        v.notes,
        search_name(&v.first_name, &v.last_name),
        now,
        v.status
    ])?;
    for table in [
        "volunteer_language",
        "volunteer_task",
        "volunteer_availability",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE volunteer_id = ?1"))?
            .execute([&v.id])?;
    }
    write_volunteer_sets(tx, &v.id, &v.languages, &v.tasks, &v.availability)
}

/// A living volunteer by this desk's number, with languages, tasks and availability, read
/// through any connection or transaction.
pub(crate) fn volunteer_at(conn: &rusqlite::Connection, local_id: i64) -> Result<Volunteer> {
    let mut v = conn
        .prepare_cached(&format!(
            "SELECT {VOLUNTEER_COLUMNS} FROM volunteer WHERE local_id = ?1 AND deleted_at IS NULL"
        ))?
        .query_row([local_id], volunteer_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound {
            what: "volunteer",
            id: local_id.to_string(),
        })?;
    fill_sets(conn, &mut v)?;
    Ok(v)
}

impl ValidVolunteer {
    /// A stored volunteer as the writer takes it back.
    pub(crate) fn from_stored(v: &Volunteer) -> Result<Self> {
        let postal = postal::lookup(&v.postal_code)
            .ok_or_else(|| Error::UnknownPostalCode(v.postal_code.clone()))?;
        Ok(Self {
            id: v.id.clone(),
            first_name: v.first_name.clone(),
            last_name: v.last_name.clone(),
            phone: v.phone.clone(),
            email: v.email.clone(),
            postal,
            languages: v.languages.clone(),
            tasks: v.tasks.clone(),
            availability: v.availability.clone(),
            radius_km: v.radius_km,
            capacity_per_day: v.capacity_per_day,
            status: v.status,
            notes: v.notes.clone(),
        })
    }
}

/// Writes a volunteer's languages, tasks and availability (rows of the child tables).
fn write_volunteer_sets(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    languages: &[Language],
    tasks: &[Task],
    availability: &[(u8, PartOfDay)],
) -> Result<()> {
    let mut lang = tx.prepare_cached(
        "INSERT INTO volunteer_language (volunteer_id, language) VALUES (?1, ?2)",
    )?;
    for l in languages {
        lang.execute(params![id, l])?;
    }
    let mut task =
        tx.prepare_cached("INSERT INTO volunteer_task (volunteer_id, task) VALUES (?1, ?2)")?;
    for t in tasks {
        task.execute(params![id, t])?;
    }
    let mut slot = tx.prepare_cached(
        "INSERT INTO volunteer_availability (volunteer_id, weekday, part_of_day) VALUES (?1, ?2, ?3)",
    )?;
    for (d, p) in availability {
        slot.execute(params![id, d, p])?;
    }
    Ok(())
}

const VOLUNTEER_COLUMNS: &str =
    "id, local_id, first_name, last_name, phone, email, postal_code, lat, lon,
    radius_km, capacity_per_day, status, origin, platform_id, notes, created_at, updated_at";

fn volunteer_from_row(row: &Row<'_>) -> rusqlite::Result<Volunteer> {
    Ok(Volunteer {
        id: row.get(0)?,
        local_id: row.get(1)?,
        first_name: row.get(2)?,
        last_name: row.get(3)?,
        phone: row.get(4)?,
        email: row.get(5)?,
        languages: Vec::new(),
        postal_code: row.get(6)?,
        lat: row.get(7)?,
        lon: row.get(8)?,
        radius_km: row.get(9)?,
        tasks: Vec::new(),
        availability: Vec::new(),
        capacity_per_day: row.get(10)?,
        status: row.get::<_, VolunteerStatus>(11)?,
        origin: row.get(12)?,
        platform_id: row.get(13)?,
        notes: row.get(14)?,
        created_at: row.get(15)?,
        updated_at: row.get(16)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_reads_ranges_and_shorthands() {
        let slots =
            parse_availability(&["mon-wed:am".into(), "sat:all".into(), "tue:morning".into()])
                .expect("valid");
        assert_eq!(
            slots,
            vec![
                (1, PartOfDay::Morning),
                (2, PartOfDay::Morning),
                (3, PartOfDay::Morning),
                (6, PartOfDay::Morning),
                (6, PartOfDay::Afternoon),
                (6, PartOfDay::Evening),
            ]
        );
        assert!(parse_availability(&["someday:morning".into()]).is_err());
        assert!(parse_availability(&["fri-mon:am".into()]).is_err());
        assert!(parse_availability(&["mon".into()]).is_err());
    }

    #[test]
    fn a_volunteer_round_trips_with_defaults() {
        let mut reg = Register::open_in_memory().expect("register");
        let v = reg
            .add_volunteer(&NewVolunteer {
                first_name: "Sofie".into(),
                last_name: "Claes".into(),
                phone: Some("0478 51 48 60".into()),
                postal_code: "9000".into(),
                availability: vec!["tue:morning".into()],
                ..Default::default()
            })
            .expect("valid");
        assert_eq!(v.languages, vec![Language::Nl], "Gent speaks Dutch");
        assert_eq!(
            v.tasks,
            vec![Task::Groceries, Task::Pharmacy, Task::Errands]
        );
        assert_eq!(v.phone.as_deref(), Some("+32478514860"));
        assert_eq!(
            reg.volunteer(&v.local_id.to_string()).expect("by number"),
            v
        );
    }

    #[test]
    fn edits_and_searches_volunteers() {
        let mut reg = Register::open_in_memory().expect("register");
        let v = reg
            .add_volunteer(&NewVolunteer {
                first_name: "Zoë".into(),
                last_name: "Dubœuf".into(),
                postal_code: "4000".into(),
                ..Default::default()
            })
            .expect("valid");
        let found = reg.search_volunteers("zoe dub", 10).expect("search");
        assert_eq!(found.iter().map(|f| &f.id).collect::<Vec<_>>(), vec![&v.id]);
        assert!(
            reg.search_volunteers("oe", 10).expect("search").is_empty(),
            "word prefixes only"
        );
        let edited = reg
            .update_volunteer(
                &v.id,
                &NewVolunteer {
                    first_name: "Zoë".into(),
                    last_name: "Lambert".into(),
                    postal_code: "4000".into(),
                    availability: vec!["sat:all".into()],
                    ..Default::default()
                },
            )
            .expect("valid edit");
        assert_eq!(edited.availability.len(), 3);
        assert_eq!(
            reg.search_volunteers("lambert", 10).expect("search").len(),
            1
        );
        assert!(
            reg.search_volunteers("duboeuf", 10)
                .expect("search")
                .is_empty()
        );
        let paused = reg
            .set_volunteer_status(&v.id, VolunteerStatus::Paused)
            .expect("pause");
        assert_eq!(paused.status, VolunteerStatus::Paused);
    }

    #[test]
    fn refuses_an_unknown_postal_code_and_stores_nothing() {
        let mut reg = Register::open_in_memory().expect("register");
        let err = reg
            .add_volunteer(&NewVolunteer {
                last_name: "Claes".into(),
                postal_code: "0999".into(),
                ..Default::default()
            })
            .expect_err("unknown postal code");
        assert!(matches!(err, Error::UnknownPostalCode(_)));
        assert_eq!(reg.count_volunteers().expect("count"), 0);
    }
}
