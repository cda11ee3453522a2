//! Belgian national register numbers (rijksregisternummer / NISS / INSZ) and BIS numbers.
//!
//! Layout `YYMMDD NNN CC`: birth date, day counter (odd for men, even for women), and a check
//! value `97 - (N mod 97)` over the first nine digits, where people born in 2000 or later get a
//! `2` in front of those nine digits. The check value is what tells 1917 from 2017. BIS numbers
//! (people not in the National Register) add 20 (sex unknown when issued) or 40 (sex known) to the
//! month. Month and day may be `00` when the birth date is unknown or the day's counters ran out,
//! so a calendar check applies only when both are known.
//!
//! Excel damages these numbers in two ways: it drops leading zeros (births 2000–2009), which we
//! undo only when the padded number then passes its checksum, and it writes long numbers in
//! scientific notation (`7,40405E+10`), which loses digits and cannot be undone.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Why a text is not a national register number, in words and as a stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NationalNumberError {
    /// Excel turned the number into scientific notation; its digits are gone.
    #[error(
        "National register number \"{0}\" was turned into scientific notation (by Excel) and its digits are lost; enter it again from the identity card."
    )]
    ScientificNotation(String),
    /// Not 11 digits (and not recoverable by restoring lost leading zeros).
    #[error("National register number \"{0}\" must have 11 digits.")]
    Length(String),
    /// The month field is neither a month (00–12) nor a BIS month (20–32, 40–52).
    #[error("National register number \"{0}\" has no valid month.")]
    Month(String),
    /// The birth date it encodes does not exist.
    #[error("National register number \"{0}\" encodes a birth date that does not exist.")]
    Date(String),
    /// The check digits do not match, for either century.
    #[error("National register number \"{0}\" fails its check digits; it was probably mistyped.")]
    Checksum(String),
}

impl NationalNumberError {
    /// A stable short code for the reason (used in import reports).
    pub fn code(&self) -> &'static str {
        match self {
            Self::ScientificNotation(_) => "national_number_scientific_notation",
            Self::Length(_) => "national_number_length",
            Self::Month(_) => "national_number_month",
            Self::Date(_) => "national_number_date",
            Self::Checksum(_) => "national_number_checksum",
        }
    }
}

/// Whether it is a National Register number or a BIS number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    /// Issued by the National Register.
    Nn,
    /// Issued by the Crossroads Bank for Social Security to people not in the National Register.
    Bis,
}

/// Sex as encoded in the number (not always known for BIS numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Sex {
    /// Odd counter.
    M,
    /// Even counter.
    F,
}

/// A valid national register or BIS number and what it tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NationalNumber {
    digits: String,
    /// NN or BIS.
    pub kind: NumberKind,
    /// The birth year the check digits settle.
    pub birth_year: i32,
    /// The birth date, when month and day are known.
    pub birth_date: Option<NaiveDate>,
    /// The sex, when the number encodes it.
    pub sex: Option<Sex>,
    /// True when leading zeros lost in a spreadsheet were put back.
    pub recovered_leading_zeros: bool,
}

impl NationalNumber {
    /// The 11 digits, as stored.
    pub fn digits(&self) -> &str {
        &self.digits
    }

    /// The usual written form `YY.MM.DD-NNN.CC`.
    pub fn formatted(&self) -> String {
        format_digits(&self.digits)
    }
}

/// `YY.MM.DD-NNN.CC` for 11 stored digits (anything else is returned unchanged).
pub fn format_digits(d: &str) -> String {
    if d.len() != 11 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return d.to_owned();
    }
    format!(
        "{}.{}.{}-{}.{}",
        &d[0..2],
        &d[2..4],
        &d[4..6],
        &d[6..9],
        &d[9..11]
    )
}

/// Parses any written form (`85.07.30-033.28`, `85073003328`, `85 07 30 033 28`) as of `today`
/// (which decides whether a 20YY birth year is possible).
pub fn parse(input: &str, today: NaiveDate) -> Result<NationalNumber, NationalNumberError> {
    let trimmed = input.trim();
    if looks_scientific(trimmed) {
        return Err(NationalNumberError::ScientificNotation(trimmed.to_owned()));
    }
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    if trimmed
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, '.' | '-' | ' ' | '/')))
    {
        return Err(NationalNumberError::Length(trimmed.to_owned()));
    }
    match digits.len() {
        11 => check(&digits, today, false).map_err(|e| e.with_input(trimmed)),
        // Spreadsheets drop leading zeros: one for births 2000–2009, two for births in 2000 with
        // month 00. Put them back only when the result then passes its check digits.
        9 | 10 => {
            let padded = format!("{digits:0>11}");
            check(&padded, today, true).map_err(|e| match e {
                NationalNumberError::Checksum(_) => NationalNumberError::Length(trimmed.to_owned()),
                other => other.with_input(trimmed),
            })
        }
        _ => Err(NationalNumberError::Length(trimmed.to_owned())),
    }
}

impl NationalNumberError {
    fn with_input(self, input: &str) -> Self {
        let s = input.to_owned();
        match self {
            Self::ScientificNotation(_) => Self::ScientificNotation(s),
            Self::Length(_) => Self::Length(s),
            Self::Month(_) => Self::Month(s),
            Self::Date(_) => Self::Date(s),
            Self::Checksum(_) => Self::Checksum(s),
        }
    }
}

fn looks_scientific(s: &str) -> bool {
    let upper = s.to_ascii_uppercase();
    match upper.split_once('E') {
        Some((mantissa, exponent)) => {
            !mantissa.is_empty()
                && mantissa
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
                && exponent
                    .trim_start_matches('+')
                    .chars()
                    .all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

fn check(
    digits: &str,
    today: NaiveDate,
    recovered: bool,
) -> Result<NationalNumber, NationalNumberError> {
    let num = |range: std::ops::Range<usize>| -> u32 {
        digits[range]
            .bytes()
            .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    let yy = num(0..2) as i32;
    let raw_month = num(2..4);
    let day = num(4..6);
    let counter = num(6..9);
    let check_value = u64::from(num(9..11));
    let first_nine: u64 = digits[0..9].parse().unwrap_or_default();

    let (kind, month, sex_known) = match raw_month {
        0..=12 => (NumberKind::Nn, raw_month, true),
        20..=32 => (NumberKind::Bis, raw_month - 20, false),
        40..=52 => (NumberKind::Bis, raw_month - 40, true),
        _ => return Err(NationalNumberError::Month(digits.to_owned())),
    };
    if day > 31 {
        return Err(NationalNumberError::Date(digits.to_owned()));
    }

    let fits = |n: u64| 97 - n % 97 == check_value;
    let year_2000 = 2000 + yy;
    let birth_year = if fits(2_000_000_000 + first_nine) && year_2000 <= today.year() {
        year_2000
    } else if fits(first_nine) {
        1900 + yy
    } else {
        return Err(NationalNumberError::Checksum(digits.to_owned()));
    };

    let birth_date = if month != 0 && day != 0 {
        let date = NaiveDate::from_ymd_opt(birth_year, month, day)
            .ok_or_else(|| NationalNumberError::Date(digits.to_owned()))?;
        if date > today {
            return Err(NationalNumberError::Date(digits.to_owned()));
        }
        Some(date)
    } else {
        None
    };
    let sex = sex_known.then_some(if counter % 2 == 1 { Sex::M } else { Sex::F });

    Ok(NationalNumber {
        digits: digits.to_owned(),
        kind,
        birth_year,
        birth_date,
        sex,
        recovered_leading_zeros: recovered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).expect("valid date")
    }

    /// Every row of the shared test vectors (checked with python-stdnum) must give the same verdict,
    /// kind, birth date and sex.
    #[test]
    fn agrees_with_the_reference_vectors() {
        let data = include_str!("../tests/vectors/be_national_number_test_vectors.csv");
        let mut reader = csv::Reader::from_reader(data.as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let r = record.expect("vector file is valid CSV");
            rows += 1;
            let (input, digits, formatted, valid, kind, birth, sex) =
                (&r[0], &r[1], &r[2], &r[3] == "true", &r[4], &r[5], &r[6]);
            let parsed = parse(input, today());
            assert_eq!(parsed.is_ok(), valid, "{input}: {parsed:?}");
            let Ok(nn) = parsed else { continue };
            assert_eq!(nn.digits(), digits, "{input}");
            assert_eq!(nn.formatted(), formatted, "{input}");
            let expected_kind = if kind == "BIS" {
                NumberKind::Bis
            } else {
                NumberKind::Nn
            };
            assert_eq!(nn.kind, expected_kind, "{input}");
            match NaiveDate::parse_from_str(birth, "%Y-%m-%d") {
                Ok(date) => assert_eq!(nn.birth_date, Some(date), "{input}"),
                Err(_) => assert_eq!(nn.birth_date, None, "{input}: unknown birth date"),
            }
            let expected_sex = match sex {
                "M" => Some(Sex::M),
                "F" => Some(Sex::F),
                _ => None,
            };
            assert_eq!(nn.sex, expected_sex, "{input}");
        }
        assert!(rows >= 16, "the vector file lost rows");
    }

    #[test]
    fn recovers_a_lost_leading_zero_only_when_the_checksum_holds() {
        let nn = parse("3040931124", today()).expect("2003 birth with its zero restored");
        assert_eq!(nn.digits(), "03040931124");
        assert!(nn.recovered_leading_zeros);
        assert_eq!(nn.birth_year, 2003);
        // The same ten digits with a wrong last digit are not "recovered" into something else.
        assert!(matches!(
            parse("3040931125", today()),
            Err(NationalNumberError::Length(_))
        ));
    }

    #[test]
    fn recovers_two_lost_zeros_for_births_in_2000() {
        let nn = parse("22900145", today());
        assert!(
            nn.is_err(),
            "8 digits is too few to be a damaged number: {nn:?}"
        );
        let nn = parse("022900145", today()).expect("two zeros lost");
        assert_eq!(nn.digits(), "00022900145");
    }

    #[test]
    fn refuses_scientific_notation() {
        for s in ["7,40405E+10", "8.50730E10", "8,5073E+10"] {
            assert!(
                matches!(
                    parse(s, today()),
                    Err(NationalNumberError::ScientificNotation(_))
                ),
                "{s}"
            );
        }
    }

    #[test]
    fn a_2000s_year_in_the_future_is_read_as_1900s_or_refused() {
        // 2017 example is valid with the 2000 rule; on a day in 2016 it cannot be a 2017 birth.
        let before = NaiveDate::from_ymd_opt(2016, 1, 1).expect("date");
        assert!(parse("17073003384", before).is_err());
    }

    #[test]
    fn refuses_a_day_that_does_not_exist() {
        // 31 February 1985 with a check value computed for it.
        let first = 850231033u64;
        let cc = 97 - first % 97;
        let s = format!("{first:09}{cc:02}");
        assert!(matches!(
            parse(&s, today()),
            Err(NationalNumberError::Date(_))
        ));
    }

    #[test]
    fn refuses_letters() {
        assert!(parse("85O73003328", today()).is_err());
    }
}
