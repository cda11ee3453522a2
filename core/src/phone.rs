//! Phone numbers, stored as E.164 and shown the Belgian way.
//!
//! Parsing and validation use the `phonenumber` crate, a port of Google's libphonenumber with its
//! metadata: Belgian numbering has more unallocated ranges than a pattern written by hand would
//! know (`09 1xx xx xx`, `070 1x xx xx`, `044 …`), and residents' relatives have foreign numbers.

use phonenumber::{Mode, PhoneNumber, country};

use crate::error::{Error, Result};

/// A valid phone number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    number: PhoneNumber,
}

impl Phone {
    /// `+32470123456`: the stored form.
    pub fn e164(&self) -> String {
        self.number.format().mode(Mode::E164).to_string()
    }

    /// `0470 12 34 56` for Belgian numbers, `+31 20 123 4567` for others: what people read.
    pub fn display(&self) -> String {
        display(&self.e164())
    }
}

/// Parses a number in any usual written form (`0470/12.34.56`, `+32 (0)470 12 34 56`,
/// `0032 470 123 456`, `02 512 34 56`); numbers without a country prefix are Belgian.
pub fn parse(input: &str) -> Result<Phone> {
    let trimmed = input.trim();
    // People write "+32 (0)470 …"; the "(0)" is the trunk prefix that must go after +32.
    let cleaned = trimmed.replace("(0)", "");
    let number = phonenumber::parse(Some(country::Id::BE), &cleaned)
        .map_err(|_| Error::InvalidPhone(trimmed.to_owned()))?;
    if !phonenumber::is_valid(&number) {
        return Err(Error::InvalidPhone(trimmed.to_owned()));
    }
    Ok(Phone { number })
}

/// The human form of a stored E.164 number; falls back to the stored text if it no longer parses.
pub fn display(e164: &str) -> String {
    match phonenumber::parse(None, e164) {
        Ok(n) if n.code().value() == 32 => n.format().mode(Mode::National).to_string(),
        Ok(n) => n.format().mode(Mode::International).to_string(),
        Err(_) => e164.to_owned(),
    }
}

/// The digits of an E.164 number reversed: the search key for "ends with".
pub fn reversed_digits(e164: &str) -> String {
    e164.chars().rev().filter(char::is_ascii_digit).collect()
}

/// Whether a search text is meant as a phone number: digits with phone punctuation only.
pub fn looks_like_phone(query: &str) -> bool {
    let q = query.trim();
    q.chars().any(|c| c.is_ascii_digit())
        && q.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '/' | '.' | '-' | '(' | ')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the shared vectors (computed with Python phonenumbers) gives the same verdict,
    /// E.164 form and national form.
    #[test]
    fn agrees_with_the_reference_vectors() {
        let data = include_str!("../tests/vectors/be_phone_test_vectors.csv");
        let mut reader = csv::Reader::from_reader(data.as_bytes());
        let mut rows = 0;
        for record in reader.records() {
            let r = record.expect("vector file is valid CSV");
            rows += 1;
            let (input, valid, e164, national, international, region) =
                (&r[0], &r[1] == "true", &r[3], &r[4], &r[5], &r[6]);
            let parsed = parse(input);
            assert_eq!(parsed.is_ok(), valid, "{input}: {parsed:?}");
            let Ok(phone) = parsed else { continue };
            assert_eq!(phone.e164(), e164, "{input}");
            let expected_display = if region == "BE" {
                national
            } else {
                international
            };
            assert_eq!(phone.display(), expected_display, "{input}");
        }
        assert!(rows >= 30, "the vector file lost rows");
    }

    #[test]
    fn rejects_words_and_empty() {
        for s in ["", "abc", "call my daughter", "+", "0"] {
            assert!(parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn reversed_digits_make_suffixes_prefixes() {
        assert_eq!(reversed_digits("+32470123456"), "65432107423");
        assert!(reversed_digits("+32470123456").starts_with(&reversed_digits("3456")));
    }
}
