//! Dates the way Belgians write them: day first, always.
//!
//! Accepted: `d/m/yyyy`, `dd/mm/yyyy`, `dd-mm-yyyy`, `dd.mm.yyyy` and ISO `yyyy-mm-dd`.
//! A month-first reading is never tried: `04/11/1968` is the 4th of November.

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Parses a day-first or ISO date; `field` names the field in the error.
pub fn parse(input: &str, field: &'static str) -> Result<NaiveDate> {
    let s = input.trim();
    let bad = || {
        Error::invalid(
            field,
            format!("\"{s}\" is not a date; write it day first, like 27/11/2026, or as 2026-11-27"),
        )
    };
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(bad());
    };
    let num = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (a_n, b_n, c_n) = (
        num(a).ok_or_else(bad)?,
        num(b).ok_or_else(bad)?,
        num(c).ok_or_else(bad)?,
    );
    let (year, month, day) = if a.len() == 4 && s.contains('-') {
        (a_n, b_n, c_n)
    } else if c.len() == 4 && a.len() <= 2 && b.len() <= 2 {
        (c_n, b_n, a_n)
    } else {
        return Err(bad());
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(bad)
}

/// `27/11/2026`: how dates are printed for Belgian readers.
pub fn display(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("4/11/1968", "1968-11-04")]
    #[case("04/11/1968", "1968-11-04")]
    #[case("9/04/2003", "2003-04-09")]
    #[case("04-11-1968", "1968-11-04")]
    #[case("04.11.1968", "1968-11-04")]
    #[case("1968-11-04", "1968-11-04")]
    #[case(" 29/02/2024 ", "2024-02-29")]
    fn reads_day_first(#[case] input: &str, #[case] iso: &str) {
        assert_eq!(parse(input, "date").expect("valid").to_string(), iso);
    }

    #[rstest]
    #[case("11/31/1968")]
    #[case("29/02/2023")]
    #[case("1968/11/04")]
    #[case("4/11/68")]
    #[case("yesterday")]
    #[case("")]
    #[case("12/13/2020")]
    fn refuses_what_is_not_a_day_first_date(#[case] input: &str) {
        assert!(parse(input, "date").is_err(), "{input}");
    }
}
