//! The domain: who is helped, who helps, what is asked and who does it.
//!
//! Closed value sets are Rust enums stored as the lower-case text the schema CHECKs; the text
//! form is also what the command line accepts and what `--json` prints, so scripts see the same
//! words as the database.

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Declares a closed set of values with its stored text, parsing and SQL conversions.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let wanted = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let known: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        Error::invalid($field, format!("\"{}\" is not one of {}", s.trim(), known.join(", ")))
                    })
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let s = value.as_str()?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| FromSqlError::Other(format!("unknown {} {s:?}", $field).into()))
            }
        }
    };
}

text_enum!(
    /// A language Solidesk speaks with residents and volunteers.
    Language, "language" {
        /// Dutch.
        Nl = "nl",
        /// French.
        Fr = "fr",
        /// German.
        De = "de",
        /// English.
        En = "en",
    }
);

impl Language {
    /// Reads a language written as a code or a name in any of the four languages
    /// ("NL", "Nederlands", "néerlandais", "Dutch", "Niederländisch", ...), as lists contain them.
    pub fn parse_loose(input: &str) -> Result<Self, Error> {
        let folded = crate::text::fold(input);
        let lang = match folded.trim() {
            "nl" | "n" | "nld" | "dut" | "nederlands" | "vlaams" | "dutch" | "flemish"
            | "neerlandais" | "flamand" | "niederlandisch" | "flamisch" => Language::Nl,
            "fr" | "f" | "fra" | "fre" | "frans" | "francais" | "french" | "franzosisch" => {
                Language::Fr
            }
            "de" | "d" | "deu" | "ger" | "duits" | "deutsch" | "german" | "allemand" => {
                Language::De
            }
            "en" | "e" | "eng" | "engels" | "english" | "anglais" | "englisch" => Language::En,
            _ => {
                return Err(Error::invalid(
                    "language",
                    format!(
                        "\"{}\" is not a language Solidesk knows (nl, fr, de, en)",
                        input.trim()
                    ),
                ));
            }
        };
        Ok(lang)
    }
}

text_enum!(
    /// Where a resident's file stands.
    ResidentStatus, "status" {
        /// Receives help.
        Active = "active",
        /// Temporarily needs no help (in hospital, family visiting).
        Paused = "paused",
        /// No longer followed.
        Closed = "closed",
        /// Passed away.
        Deceased = "deceased",
    }
);

text_enum!(
    /// The legal basis for keeping a resident's data (GDPR art. 6 and 9).
    ConsentBasis, "consent basis" {
        /// The resident agreed.
        Consent = "consent",
        /// Needed to protect the resident's vital interests.
        VitalInterest = "vital_interest",
        /// The OCMW/CPAS's public task.
        PublicTask = "public_task",
        /// A legal obligation.
        LegalObligation = "legal_obligation",
    }
);

text_enum!(
    /// Whether a volunteer can be asked.
    VolunteerStatus, "status" {
        /// Can be asked.
        Active = "active",
        /// Not for now.
        Paused = "paused",
        /// Stopped volunteering.
        Left = "left",
    }
);

text_enum!(
    /// What a volunteer does for a resident.
    Task, "kind" {
        /// Shopping for groceries.
        Groceries = "groceries",
        /// Fetching medicine.
        Pharmacy = "pharmacy",
        /// Other errands (post office, bank).
        Errands = "errands",
        /// A regular check-in phone call.
        PhoneCheckin = "phone_checkin",
        /// Going with the resident (doctor, walk).
        Accompaniment = "accompaniment",
        /// A chat call against loneliness.
        Chat = "chat",
    }
);

impl Task {
    /// Reads a task as lists write it, in any of the four languages ("boodschappen",
    /// "courses", "Apotheke", "phone check-in", ...).
    pub fn parse_loose(input: &str) -> Result<Self, Error> {
        if let Ok(t) = input.trim().to_ascii_lowercase().parse() {
            return Ok(t);
        }
        let folded = crate::text::fold(input);
        let compact: String = folded.chars().filter(char::is_ascii_alphanumeric).collect();
        let task = match compact.as_str() {
            "boodschappen" | "winkelen" | "courses" | "achats" | "einkaufen" | "einkaufe"
            | "shopping" | "grocery" => Task::Groceries,
            "apotheek" | "medicatie" | "medicijnen" | "pharmacie" | "medicaments" | "apotheke"
            | "medikamente" | "medicine" | "medication" => Task::Pharmacy,
            "boodschap" | "klusjes" | "post" | "bank" | "commissions" | "demarches"
            | "erledigungen" | "besorgungen" | "errand" => Task::Errands,
            "telefoon" | "belronde" | "telefonischcontact" | "phonecheckin" | "checkin"
            | "appel" | "appeltelephonique" | "telefonanruf" | "anruf" | "phonecall" | "phone" => {
                Task::PhoneCheckin
            }
            "begeleiding" | "vervoer" | "accompagnement" | "begleitung" | "accompany"
            | "transport" => Task::Accompaniment,
            "babbel" | "babbelen" | "praatje" | "gesprek" | "bavardage" | "conversation"
            | "gesprach" | "plaudern" | "talk" | "chat" => Task::Chat,
            _ => {
                return Err(Error::invalid(
                    "task",
                    format!(
                        "\"{}\" is not a task Solidesk knows (groceries, pharmacy, errands, phone_checkin, accompaniment, chat)",
                        input.trim()
                    ),
                ));
            }
        };
        Ok(task)
    }

    /// Tasks done over the phone: no distance limit applies to them.
    pub fn is_remote(self) -> bool {
        matches!(self, Task::PhoneCheckin | Task::Chat)
    }
}

text_enum!(
    /// Part of the day, for availability and for requests.
    PartOfDay, "part of day" {
        /// Before noon.
        Morning = "morning",
        /// Noon to 17:00.
        Afternoon = "afternoon",
        /// From 17:00.
        Evening = "evening",
    }
);

impl PartOfDay {
    /// The part of the day a time of day falls in.
    pub fn of(time: chrono::NaiveTime) -> Self {
        use chrono::Timelike;
        match time.hour() {
            0..=11 => PartOfDay::Morning,
            12..=16 => PartOfDay::Afternoon,
            _ => PartOfDay::Evening,
        }
    }
}

text_enum!(
    /// How soon help is needed.
    Urgency, "urgency" {
        /// Whenever it fits.
        Low = "low",
        /// Usual.
        Normal = "normal",
        /// Soon.
        High = "high",
        /// Today, before anything else.
        Urgent = "urgent",
    }
);

text_enum!(
    /// Where a help request stands.
    RequestStatus, "status" {
        /// Nobody found yet.
        Open = "open",
        /// Matching proposed a volunteer; a person has not confirmed.
        Proposed = "proposed",
        /// A volunteer is confirmed.
        Assigned = "assigned",
        /// Done.
        Done = "done",
        /// Could not be done.
        NotDone = "not_done",
        /// No longer needed.
        Cancelled = "cancelled",
    }
);

impl RequestStatus {
    /// The lifecycle: open → proposed → assigned → done / not done / cancelled, with the
    /// steps back a caseworker needs (a proposal declined, an assignment fallen through).
    pub fn can_become(self, next: RequestStatus) -> bool {
        use RequestStatus::*;
        matches!(
            (self, next),
            (Open, Proposed | Assigned | Cancelled | NotDone)
                | (Proposed, Open | Assigned | Cancelled)
                | (Assigned, Open | Done | NotDone | Cancelled)
                | (NotDone, Open)
                | (Cancelled, Open)
        )
    }
}

text_enum!(
    /// How a request reached the office.
    Channel, "channel" {
        /// A phone call.
        Phone = "phone",
        /// At the desk.
        WalkIn = "walk_in",
        /// From an imported list.
        Import = "import",
        /// By e-mail or letter.
        Email = "email",
        /// Any other way.
        Other = "other",
    }
);

text_enum!(
    /// What kind of contact with a resident was logged.
    ContactKind, "contact kind" {
        /// The resident called the office.
        IncomingCall = "incoming_call",
        /// The office called the resident.
        OutgoingCall = "outgoing_call",
        /// A regular check-in call.
        CheckinCall = "checkin_call",
        /// A visit.
        Visit = "visit",
        /// A message (letter, text).
        Message = "message",
    }
);

text_enum!(
    /// How a contact went.
    ContactOutcome, "outcome" {
        /// Spoke with the resident.
        Reached = "reached",
        /// Nobody answered.
        NoAnswer = "no_answer",
        /// Left a message.
        Voicemail = "voicemail",
        /// Something is wrong: follow up.
        Concern = "concern",
        /// Anything else.
        Other = "other",
    }
);

text_enum!(
    /// Where one volunteer's part in one occurrence of a request stands.
    AssignmentStatus, "status" {
        /// Proposed by matching, not yet confirmed.
        Proposed = "proposed",
        /// Confirmed by a person.
        Confirmed = "confirmed",
        /// Declined by the caseworker or the volunteer.
        Declined = "declined",
        /// Done.
        Done = "done",
        /// Not done.
        NotDone = "not_done",
        /// Called off.
        Cancelled = "cancelled",
    }
);

/// A resident as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Resident {
    /// UUIDv7.
    pub id: String,
    /// This desk's number for the resident.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub local_id: i64,
    /// First name(s).
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Birth date.
    pub birth_date: Option<NaiveDate>,
    /// 11 digits (NN or BIS); never leaves the device.
    pub national_number: Option<String>,
    /// The resident's language.
    pub language: Language,
    /// Street.
    pub street: String,
    /// House number (with suffix, "12A").
    pub house_number: String,
    /// Box ("bus 3" / "bte 3").
    pub box_number: String,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Locality.
    pub locality: String,
    /// Latitude of the address (from the postal reference).
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// Phone numbers, E.164, first is the main one.
    pub phones: Vec<String>,
    /// The same numbers as people read them (`0470 12 34 56`).
    pub phones_display: Vec<String>,
    /// Whether the resident lives alone, if known.
    pub lives_alone: Option<bool>,
    /// Needs (mobility, diet, hearing, ...).
    pub needs: String,
    /// Private notes of the office; never printed for volunteers.
    pub notes: String,
    /// When consent (or another basis) was recorded.
    pub consent_date: Option<NaiveDate>,
    /// The basis for keeping the data.
    pub consent_basis: Option<ConsentBasis>,
    /// File status.
    pub status: ResidentStatus,
    /// Where the record came from (`intake`, `import:<id>`, `demo`, `cli`).
    pub source: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// A volunteer as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Volunteer {
    /// UUIDv7.
    pub id: String,
    /// This desk's number for the volunteer.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub local_id: i64,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Phone, E.164.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: String,
    /// Languages spoken.
    pub languages: Vec<Language>,
    /// Home postal code.
    pub postal_code: String,
    /// Latitude of the home postal code.
    pub lat: Option<f64>,
    /// Longitude.
    pub lon: Option<f64>,
    /// How far the volunteer will go, in km.
    pub radius_km: f64,
    /// What the volunteer will do.
    pub tasks: Vec<Task>,
    /// When the volunteer is free: ISO weekday (1 = Monday) and part of the day.
    pub availability: Vec<(u8, PartOfDay)>,
    /// Assignments per day at most.
    pub capacity_per_day: u32,
    /// Whether the volunteer can be asked.
    pub status: VolunteerStatus,
    /// `local` or `platform`.
    pub origin: String,
    /// The volunteer's id on the national platform.
    pub platform_id: Option<String>,
    /// Notes.
    pub notes: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// A help request as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HelpRequest {
    /// UUIDv7.
    pub id: String,
    /// This desk's number for the request.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub local_id: i64,
    /// The resident who asked.
    pub resident_id: String,
    /// The resident's name, for listings.
    pub resident_name: String,
    /// What is needed.
    pub kind: Task,
    /// The (first) day it is due.
    pub due_date: NaiveDate,
    /// Part of the day; `None` = any time.
    pub part_of_day: Option<PartOfDay>,
    /// Earliest time, `HH:MM`.
    pub window_start: Option<String>,
    /// Latest time, `HH:MM`.
    pub window_end: Option<String>,
    /// Repetition in text form (see [`crate::recurrence`]); `None` = once.
    pub recurrence: Option<String>,
    /// Last day of the repetition.
    pub repeat_until: Option<NaiveDate>,
    /// How soon.
    pub urgency: Urgency,
    /// The language to use (the request's own, or the resident's).
    pub language: Language,
    /// Details and shopping list.
    pub notes: String,
    /// Status.
    pub status: RequestStatus,
    /// What happened (with done, not done, cancelled).
    pub outcome_note: String,
    /// How it came in.
    pub channel: Channel,
    /// Who recorded it.
    pub created_by: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// A logged contact with a resident.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Contact {
    /// UUIDv7.
    pub id: String,
    /// The resident.
    pub resident_id: String,
    /// The request it was about, if any.
    pub request_id: Option<String>,
    /// When (RFC 3339).
    pub at: String,
    /// Kind of contact.
    pub kind: ContactKind,
    /// How it went.
    pub outcome: ContactOutcome,
    /// Note.
    pub note: String,
    /// Who logged it.
    pub created_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("NL", Language::Nl)]
    #[case("Nederlands", Language::Nl)]
    #[case("néerlandais", Language::Nl)]
    #[case("Français", Language::Fr)]
    #[case("Frans", Language::Fr)]
    #[case("Deutsch", Language::De)]
    #[case("Allemand", Language::De)]
    #[case("English", Language::En)]
    fn reads_language_names_in_four_languages(#[case] input: &str, #[case] lang: Language) {
        assert_eq!(Language::parse_loose(input).expect("known"), lang);
    }

    #[test]
    fn unknown_values_name_the_choices() {
        let err = "shopping".parse::<Task>().expect_err("not a task");
        assert!(err.to_string().contains("groceries"), "{err}");
        assert_eq!(
            "phone-checkin".parse::<Task>().expect("dash form"),
            Task::PhoneCheckin
        );
    }

    #[test]
    fn lifecycle_allows_forward_and_the_needed_steps_back() {
        use RequestStatus::*;
        assert!(Open.can_become(Proposed));
        assert!(Proposed.can_become(Assigned));
        assert!(Assigned.can_become(Done));
        assert!(Proposed.can_become(Open), "a declined proposal reopens");
        assert!(!Done.can_become(Open), "done is final");
        assert!(!Open.can_become(Done), "nobody did it");
    }
}
