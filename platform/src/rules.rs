//! Format rules the platform checks before storing a record. One check per entity, shared by
//! every store, so SQLite and PostgreSQL refuse the same things.

use solidesk_protocol::{RequestImage, VolunteerImage};

/// Languages a volunteer can speak, by code.
pub const LANGUAGES: [&str; 4] = ["nl", "fr", "de", "en"];
/// A volunteer's states: `left` keeps the row but takes them out of every bucket.
pub const VOLUNTEER_STATUSES: [&str; 3] = ["active", "paused", "left"];
/// Parts of a day in an availability entry.
pub const PARTS_OF_DAY: [&str; 3] = ["morning", "afternoon", "evening"];
/// More bookings than this on one day is a typo, not a volunteer.
pub const MAX_CAPACITY_PER_DAY: u32 = 20;

/// A Belgian postal code: four digits.
pub fn is_postal_code(code: &str) -> bool {
    code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Every problem of a volunteer image, as sentences; empty when it may be stored.
pub fn volunteer_problems(v: &VolunteerImage) -> Vec<String> {
    let mut problems = Vec::new();
    if v.last_name.trim().is_empty() {
        problems.push("the last name is empty".to_owned());
    }
    if !is_postal_code(&v.postal_code) {
        problems.push(format!(
            "the postal code {:?} is not four digits",
            v.postal_code
        ));
    }
    if let Some(phone) = &v.phone {
        let digits = phone.strip_prefix('+').unwrap_or("");
        if !(8..=15).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(format!("the phone number {phone:?} is not in E.164 form"));
        }
    }
    for language in &v.languages {
        if !LANGUAGES.contains(&language.as_str()) {
            problems.push(format!(
                "the language {language:?} is not one of nl, fr, de, en"
            ));
        }
    }
    if v.capacity_per_day == 0 || v.capacity_per_day > MAX_CAPACITY_PER_DAY {
        problems.push(format!(
            "the capacity {} is not between 1 and {MAX_CAPACITY_PER_DAY} a day",
            v.capacity_per_day
        ));
    }
    if !v.radius_km.is_finite() || v.radius_km < 0.0 {
        problems.push("the radius is not a distance".to_owned());
    }
    for (day, part) in &v.availability {
        if !(1..=7).contains(day) || !PARTS_OF_DAY.contains(&part.as_str()) {
            problems.push(format!(
                "the availability {day}:{part} is not a weekday 1-7 and morning, afternoon or evening"
            ));
        }
    }
    if !VOLUNTEER_STATUSES.contains(&v.status.as_str()) {
        problems.push(format!(
            "the status {:?} is not active, paused or left",
            v.status
        ));
    }
    problems
}

/// True when a request image may be stored: a four-digit postal code when there is one, and a
/// kind and a status.
pub fn request_is_valid(r: &RequestImage) -> bool {
    r.postal_code.as_deref().is_none_or(is_postal_code)
        && !r.kind.trim().is_empty()
        && !r.status.trim().is_empty()
}
