//! Reasons a caseworker reads aloud: why a volunteer was proposed, why a request found nobody,
//! and which rule a manual choice set aside. Stored as data (so an assignment made in French
//! reads in Dutch on a colleague's desk) and put into words from the Fluent files.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::day::{Demand, rule};
use crate::i18n::{Arg, text, text_with};
use crate::model::{Language, PartOfDay, Task};

/// One reason, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Reason {
    /// The distance between them.
    Distance {
        /// Kilometres, one decimal.
        km: f64,
    },
    /// A task done by phone: distance does not matter.
    ByPhone,
    /// The language they share.
    Speaks {
        /// That language.
        language: Language,
    },
    /// The volunteer helped this resident before.
    Helped {
        /// The resident's name.
        resident: String,
        /// How many times.
        times: u32,
    },
    /// The volunteer is free then.
    Free {
        /// ISO weekday, 1 = Monday.
        weekday: u8,
        /// Part of the day.
        part: Option<PartOfDay>,
    },
    /// Not asked for this many days (the whole fortnight when never).
    NotAskedRecently {
        /// Days.
        days: u32,
    },
    /// Asked this many times in the last fortnight.
    AskedRecently {
        /// Times.
        times: u32,
    },
    /// An in-person task for a resident whose address has no known location.
    NoLocation,
    /// Nobody does the task near enough.
    NoneDoTask {
        /// The task.
        task: Task,
        /// The distance limit, for in-person tasks.
        km: Option<f64>,
    },
    /// Some do the task near enough, but none speaks the language.
    NoneSpeaks {
        /// The language wanted.
        language: Language,
        /// The task.
        task: Task,
        /// The distance limit, for in-person tasks.
        km: Option<f64>,
        /// Volunteers who would qualify but speak other languages.
        others: u32,
    },
    /// Some would qualify, but none is free on the day.
    NoneFree {
        /// How many would qualify.
        count: u32,
        /// The language.
        language: Language,
        /// ISO weekday.
        weekday: u8,
        /// Part of the day.
        part: Option<PartOfDay>,
    },
    /// How many would be free on a later day.
    FreeOn {
        /// How many.
        count: u32,
        /// The day.
        date: NaiveDate,
    },
    /// Qualifying volunteers excluded for this resident.
    Excluded {
        /// How many.
        count: u32,
    },
    /// Qualifying volunteers declined for this request today.
    Declined {
        /// How many.
        count: u32,
    },
    /// Qualifying volunteers whose day is full.
    Booked {
        /// How many.
        count: u32,
    },
    /// Candidates existed but the plan needed them for more urgent or nearer requests.
    TakenByOthers {
        /// How many.
        count: u32,
    },
    /// Free volunteers near the office limit, but beyond their own radius.
    OutsideRadius {
        /// How many.
        count: u32,
    },
    /// A manual choice: the volunteer does not speak the language.
    OverridesLanguage {
        /// The language wanted.
        language: Language,
    },
    /// A manual choice: the volunteer does not do this task.
    OverridesTask {
        /// The task.
        task: Task,
    },
    /// A manual choice: the volunteer is not free then.
    OverridesAvailability {
        /// ISO weekday.
        weekday: u8,
        /// Part of the day.
        part: Option<PartOfDay>,
    },
    /// A manual choice: further than the limit.
    OverridesDistance {
        /// Distance.
        km: f64,
        /// The limit that applied.
        limit_km: f64,
    },
    /// A manual choice: excluded for this resident.
    OverridesExclusion,
    /// A manual choice: the volunteer's day was already full.
    OverridesCapacity,
    /// A manual choice: the volunteer was declined earlier for this request.
    OverridesDecline,
    /// A manual choice: no location known to check the distance.
    OverridesLocation,
}

impl Reason {
    /// A reason that explains a gap rather than a choice.
    fn is_missing(&self) -> bool {
        matches!(
            self,
            Reason::NoLocation
                | Reason::NoneDoTask { .. }
                | Reason::NoneSpeaks { .. }
                | Reason::NoneFree { .. }
                | Reason::FreeOn { .. }
                | Reason::Excluded { .. }
                | Reason::Declined { .. }
                | Reason::Booked { .. }
                | Reason::TakenByOthers { .. }
                | Reason::OutsideRadius { .. }
        )
    }

    /// The reason in words.
    pub fn words(&self, lang: Language) -> String {
        let n = |v: u32| Arg::Number(f64::from(v));
        let t = |s: String| Arg::Text(s);
        match self {
            // Locations are postal-code centres until addresses are geocoded: 0 km means that.
            Reason::Distance { km } if *km < 0.05 => text(lang, "match-why-same-area"),
            Reason::Distance { km } => {
                text_with(lang, "match-why-distance", &[("km", t(km_text(*km, lang)))])
            }
            Reason::ByPhone => text(lang, "match-why-by-phone"),
            Reason::Speaks { language } => text_with(
                lang,
                "match-why-speaks",
                &[("language", t(language_text(*language, lang)))],
            ),
            Reason::Helped { resident, times } => text_with(
                lang,
                "match-why-helped",
                &[("resident", t(resident.clone())), ("times", n(*times))],
            ),
            Reason::Free { weekday, part } => text_with(
                lang,
                "match-why-free",
                &[("when", t(when_text(*weekday, *part, lang)))],
            ),
            Reason::NotAskedRecently { days } if *days >= super::day::RECENT_DAYS as u32 => {
                text(lang, "match-why-not-asked-fortnight")
            }
            Reason::NotAskedRecently { days } => {
                text_with(lang, "match-why-not-asked", &[("days", n(*days))])
            }
            Reason::AskedRecently { times } => {
                text_with(lang, "match-why-asked", &[("times", n(*times))])
            }
            Reason::NoLocation => text(lang, "match-why-no-location"),
            Reason::NoneDoTask { task, km: Some(km) } => text_with(
                lang,
                "match-why-none-do-task",
                &[
                    ("task", t(task_text(*task, lang))),
                    ("km", t(km_text(*km, lang))),
                ],
            ),
            Reason::NoneDoTask { task, km: None } => text_with(
                lang,
                "match-why-none-do-task-anywhere",
                &[("task", t(task_text(*task, lang)))],
            ),
            Reason::NoneSpeaks {
                language,
                task,
                km,
                others,
            } => text_with(
                lang,
                "match-why-none-speaks",
                &[
                    ("task", t(task_text(*task, lang))),
                    ("language", t(language_text(*language, lang))),
                    ("km", t(km.map(|k| km_text(k, lang)).unwrap_or_default())),
                    ("others", n(*others)),
                ],
            ),
            Reason::NoneFree {
                count,
                language,
                weekday,
                part,
            } => text_with(
                lang,
                "match-why-none-free",
                &[
                    ("count", n(*count)),
                    ("language", t(language_text(*language, lang))),
                    ("when", t(when_text(*weekday, *part, lang))),
                ],
            ),
            Reason::FreeOn { count, date } => text_with(
                lang,
                "match-why-free-on",
                &[
                    ("count", n(*count)),
                    (
                        "day",
                        t(format!(
                            "{} {}",
                            weekday_text(date.weekday().number_from_monday() as u8, lang),
                            date.format("%d/%m")
                        )),
                    ),
                ],
            ),
            Reason::Excluded { count } => {
                text_with(lang, "match-why-excluded", &[("count", n(*count))])
            }
            Reason::Declined { count } => {
                text_with(lang, "match-why-declined", &[("count", n(*count))])
            }
            Reason::Booked { count } => {
                text_with(lang, "match-why-booked", &[("count", n(*count))])
            }
            Reason::TakenByOthers { count } => {
                text_with(lang, "match-why-taken", &[("count", n(*count))])
            }
            Reason::OutsideRadius { count } => {
                text_with(lang, "match-why-outside-radius", &[("count", n(*count))])
            }
            Reason::OverridesLanguage { language } => text_with(
                lang,
                "match-override-language",
                &[("language", t(language_text(*language, lang)))],
            ),
            Reason::OverridesTask { task } => text_with(
                lang,
                "match-override-task",
                &[("task", t(task_text(*task, lang)))],
            ),
            Reason::OverridesAvailability { weekday, part } => text_with(
                lang,
                "match-override-availability",
                &[("when", t(when_text(*weekday, *part, lang)))],
            ),
            Reason::OverridesDistance { km, limit_km } => text_with(
                lang,
                "match-override-distance",
                &[
                    ("km", t(km_text(*km, lang))),
                    ("limit", t(km_text(*limit_km, lang))),
                ],
            ),
            Reason::OverridesExclusion => text(lang, "match-override-exclusion"),
            Reason::OverridesCapacity => text(lang, "match-override-capacity"),
            Reason::OverridesDecline => text(lang, "match-override-decline"),
            Reason::OverridesLocation => text(lang, "match-override-location"),
        }
    }
}

/// The reasons as one sentence: choices joined by commas, gaps by semicolons.
pub fn sentence(reasons: &[Reason], lang: Language) -> String {
    let separator = if reasons.iter().any(Reason::is_missing) {
        "; "
    } else {
        ", "
    };
    reasons
        .iter()
        .map(|r| r.words(lang))
        .collect::<Vec<_>>()
        .join(separator)
}

/// The rules a manual choice sets aside, from the failure bits of [`super::day::Day::failures`].
pub(crate) fn broken_rules(bits: u16, d: &Demand, km: Option<f64>, limit_km: f64) -> Vec<Reason> {
    let q = &d.request;
    let mut out = Vec::new();
    if bits & rule::LANGUAGE != 0 {
        out.push(Reason::OverridesLanguage {
            language: q.language,
        });
    }
    if bits & rule::TASK != 0 {
        out.push(Reason::OverridesTask { task: q.kind });
    }
    if bits & rule::AVAILABLE != 0 {
        out.push(Reason::OverridesAvailability {
            weekday: q.due_date.weekday().number_from_monday() as u8,
            part: q.part_of_day,
        });
    }
    if bits & rule::DISTANCE != 0 {
        out.push(Reason::OverridesDistance {
            km: km.map_or(0.0, |k| (k * 10.0).round() / 10.0),
            limit_km,
        });
    }
    if bits & rule::NO_LOCATION != 0 {
        out.push(Reason::OverridesLocation);
    }
    if bits & rule::EXCLUDED != 0 {
        out.push(Reason::OverridesExclusion);
    }
    if bits & rule::CAPACITY != 0 {
        out.push(Reason::OverridesCapacity);
    }
    if bits & rule::DECLINED != 0 {
        out.push(Reason::OverridesDecline);
    }
    out
}

/// Kilometres with one decimal, with the decimal comma in Dutch, French and German.
fn km_text(km: f64, lang: Language) -> String {
    let s = if km.fract().abs() < 0.05 {
        format!("{km:.0}")
    } else {
        format!("{km:.1}")
    };
    if lang == Language::En {
        s
    } else {
        s.replace('.', ",")
    }
}

fn language_text(l: Language, lang: Language) -> String {
    text(lang, &format!("match-language-{}", l.as_str()))
}

fn task_text(task: Task, lang: Language) -> String {
    text(lang, &format!("task-{}", task.as_str()))
}

fn weekday_text(weekday: u8, lang: Language) -> String {
    text(lang, &format!("match-weekday-{weekday}"))
}

fn when_text(weekday: u8, part: Option<PartOfDay>, lang: Language) -> String {
    match part {
        Some(p) => text_with(
            lang,
            "match-when-part",
            &[
                ("weekday", Arg::Text(weekday_text(weekday, lang))),
                (
                    "part",
                    Arg::Text(text(lang, &format!("match-part-{}", p.as_str()))),
                ),
            ],
        ),
        None => weekday_text(weekday, lang),
    }
}
