//! Repeating help requests ("every Tuesday morning", "every other day") so that staff enter a
//! recurring need once instead of every week.
//!
//! The stored text form is small and readable: `daily`, `every 3 days`, `weekly` (on the first
//! due date's weekday), `weekly:tue,fri`, `every 2 weeks:mon`, `monthly` (same day of the month,
//! or the month's last day when it is shorter). Dates are calendar dates, so daylight-saving
//! changes cannot shift an occurrence.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::error::{Error, Result};

/// How a request repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recurrence {
    /// Every `n` days.
    Daily {
        /// Interval in days (1 = every day).
        every: u32,
    },
    /// Every `n` weeks, on the given weekdays (empty = the first due date's weekday).
    Weekly {
        /// Interval in weeks.
        every: u32,
        /// Weekdays, Monday first.
        days: Vec<Weekday>,
    },
    /// Every month on the first due date's day of the month.
    Monthly,
}

const DAY_NAMES: [(&str, Weekday); 7] = [
    ("mon", Weekday::Mon),
    ("tue", Weekday::Tue),
    ("wed", Weekday::Wed),
    ("thu", Weekday::Thu),
    ("fri", Weekday::Fri),
    ("sat", Weekday::Sat),
    ("sun", Weekday::Sun),
];

fn parse_day(s: &str) -> Option<Weekday> {
    let s = s.trim().to_ascii_lowercase();
    let key = s.get(..3)?;
    DAY_NAMES.iter().find(|(n, _)| *n == key).map(|(_, d)| *d)
}

fn bad(input: &str) -> Error {
    Error::invalid(
        "repeat",
        format!(
            "\"{input}\" is not a repetition; write daily, every 3 days, weekly, weekly:tue,fri, every 2 weeks:mon or monthly"
        ),
    )
}

impl Recurrence {
    /// Reads the text form (see the module documentation).
    pub fn parse(input: &str) -> Result<Self> {
        let s = input.trim().to_ascii_lowercase();
        let (head, days) = match s.split_once(':') {
            Some((h, d)) => (h.trim().to_owned(), Some(d.to_owned())),
            None => (s.clone(), None),
        };
        let words: Vec<&str> = head.split_whitespace().collect();
        let (unit, every) = match words.as_slice() {
            ["daily"] => ("day", 1),
            ["weekly"] => ("week", 1),
            ["monthly"] => ("month", 1),
            ["every", unit] => (unit.trim_end_matches('s'), 1),
            ["every", n, unit] => (
                unit.trim_end_matches('s'),
                n.parse::<u32>().map_err(|_| bad(input))?,
            ),
            _ => return Err(bad(input)),
        };
        if every == 0 || every > 52 {
            return Err(bad(input));
        }
        let days = match days {
            Some(list) => {
                let mut parsed = list
                    .split(',')
                    .map(|d| parse_day(d).ok_or_else(|| bad(input)))
                    .collect::<Result<Vec<_>>>()?;
                parsed.sort_by_key(|d| d.num_days_from_monday());
                parsed.dedup();
                parsed
            }
            None => Vec::new(),
        };
        match unit {
            "day" if days.is_empty() => Ok(Recurrence::Daily { every }),
            "week" => Ok(Recurrence::Weekly { every, days }),
            "month" if every == 1 && days.is_empty() => Ok(Recurrence::Monthly),
            _ => Err(bad(input)),
        }
    }

    /// Whether a request first due on `start` (and repeating until `until`, inclusive) occurs on
    /// `date`.
    pub fn occurs_on(&self, start: NaiveDate, until: Option<NaiveDate>, date: NaiveDate) -> bool {
        if date < start || until.is_some_and(|u| date > u) {
            return false;
        }
        match self {
            Recurrence::Daily { every } => (date - start).num_days() % i64::from(*every) == 0,
            Recurrence::Weekly { every, days } => {
                let on_day = if days.is_empty() {
                    date.weekday() == start.weekday()
                } else {
                    days.contains(&date.weekday())
                };
                let week_of =
                    |d: NaiveDate| d - Days::new(u64::from(d.weekday().num_days_from_monday()));
                let weeks = (week_of(date) - week_of(start)).num_days() / 7;
                on_day && weeks % i64::from(*every) == 0
            }
            Recurrence::Monthly => {
                let last = last_day_of_month(date);
                date.day() == start.day().min(last)
            }
        }
    }

    /// The occurrences between `from` and `to`, inclusive.
    pub fn occurrences(
        &self,
        start: NaiveDate,
        until: Option<NaiveDate>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Vec<NaiveDate> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.occurs_on(start, until, *d))
            .collect()
    }
}

fn last_day_of_month(date: NaiveDate) -> u32 {
    let (y, m) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|first| first.pred_opt())
        .map_or(28, |d| d.day())
}

impl fmt::Display for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day_list = |days: &[Weekday]| {
            days.iter()
                .filter_map(|d| DAY_NAMES.iter().find(|(_, w)| w == d).map(|(n, _)| *n))
                .collect::<Vec<_>>()
                .join(",")
        };
        match self {
            Recurrence::Daily { every: 1 } => f.write_str("daily"),
            Recurrence::Daily { every } => write!(f, "every {every} days"),
            Recurrence::Weekly { every, days } => {
                if *every == 1 {
                    f.write_str("weekly")?;
                } else {
                    write!(f, "every {every} weeks")?;
                }
                if !days.is_empty() {
                    write!(f, ":{}", day_list(days))?;
                }
                Ok(())
            }
            Recurrence::Monthly => f.write_str("monthly"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[rstest]
    #[case("daily", "daily")]
    #[case("every 3 days", "every 3 days")]
    #[case("Weekly", "weekly")]
    #[case("weekly:Tue,mon", "weekly:mon,tue")]
    #[case("every 2 weeks:thursday", "every 2 weeks:thu")]
    #[case("every week", "weekly")]
    #[case("monthly", "monthly")]
    fn text_form_round_trips(#[case] input: &str, #[case] canonical: &str) {
        let r = Recurrence::parse(input).expect("valid");
        assert_eq!(r.to_string(), canonical);
        assert_eq!(Recurrence::parse(canonical).expect("canonical parses"), r);
    }

    #[rstest]
    #[case("sometimes")]
    #[case("every 0 days")]
    #[case("weekly:funday")]
    #[case("every 2 months")]
    #[case("daily:mon")]
    fn refuses_what_it_cannot_plan(#[case] input: &str) {
        assert!(Recurrence::parse(input).is_err(), "{input}");
    }

    #[test]
    fn every_tuesday_across_a_month_end_and_a_dst_change() {
        // 2026-10-25 is the end of summer time in Belgium; dates do not care.
        let r = Recurrence::parse("weekly:tue").expect("valid");
        let got = r.occurrences(d("2026-10-20"), None, d("2026-10-19"), d("2026-11-10"));
        let want: Vec<_> = ["2026-10-20", "2026-10-27", "2026-11-03", "2026-11-10"]
            .map(d)
            .to_vec();
        assert_eq!(got, want);
    }

    #[test]
    fn every_other_week_counts_weeks_from_the_first_due_date() {
        let r = Recurrence::parse("every 2 weeks:mon,thu").expect("valid");
        let got = r.occurrences(d("2026-11-02"), None, d("2026-11-01"), d("2026-11-22"));
        let want: Vec<_> = ["2026-11-02", "2026-11-05", "2026-11-16", "2026-11-19"]
            .map(d)
            .to_vec();
        assert_eq!(got, want);
    }

    #[test]
    fn monthly_on_the_31st_falls_on_the_last_day_and_leap_day() {
        let r = Recurrence::Monthly;
        let got = r.occurrences(d("2028-01-31"), None, d("2028-01-01"), d("2028-04-30"));
        let want: Vec<_> = ["2028-01-31", "2028-02-29", "2028-03-31", "2028-04-30"]
            .map(d)
            .to_vec();
        assert_eq!(got, want);
    }

    #[test]
    fn stops_after_until_and_never_before_start() {
        let r = Recurrence::Daily { every: 2 };
        let got = r.occurrences(
            d("2026-11-27"),
            Some(d("2026-12-01")),
            d("2026-11-20"),
            d("2026-12-31"),
        );
        assert_eq!(got, vec![d("2026-11-27"), d("2026-11-29"), d("2026-12-01")]);
    }
}
