//! The last line of defence of the privacy boundary: refuse any payload that carries something
//! shaped like a Belgian national register number.
//!
//! The wire types have no field for one, but free text (a request's `kind`, a status) could still
//! carry it by mistake. A number counts when it is a run of exactly 11 digits (or the printed form
//! `YY.MM.DD-XXX.CC`) whose last two digits are the mod-97 check of the first nine, with or without
//! the `2` prefix used for people born from 2000. Strings that are UUIDs are skipped: a UUID's
//! hex groups can hold 11 digits in a row by chance, and a refused UUID would block a record for
//! good.

use serde_json::Value;
use uuid::Uuid;

/// True when any string, key or number in `value` holds a valid national number.
pub fn carries_national_number(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(_) => false,
        Value::Number(n) => text_carries_national_number(&n.to_string()),
        Value::String(s) => Uuid::parse_str(s).is_err() && text_carries_national_number(s),
        Value::Array(items) => items.iter().any(carries_national_number),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| text_carries_national_number(k) || carries_national_number(v)),
    }
}

/// True when `text` holds a run of exactly 11 digits, or the dotted form, passing the check.
pub fn text_carries_national_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut start = 0;
    while start < bytes.len() {
        if !digit_at(start) || (start > 0 && digit_at(start - 1)) {
            start += 1;
            continue;
        }
        // A run of digits starts here.
        let mut end = start;
        while digit_at(end) {
            end += 1;
        }
        if end - start == 11 && passes_check(&bytes[start..end]) {
            return true;
        }
        if let Some(digits) = dotted_at(bytes, start)
            && passes_check(&digits)
        {
            return true;
        }
        start = end;
    }
    false
}

/// The 11 digits of `YY.MM.DD-XXX.CC` starting at `start`, when the form is exactly there and not
/// glued to more digits.
fn dotted_at(bytes: &[u8], start: usize) -> Option<[u8; 11]> {
    const SHAPE: &[u8; 15] = b"dd.dd.dd-ddd.dd";
    let window = bytes.get(start..start + SHAPE.len())?;
    if bytes
        .get(start + SHAPE.len())
        .is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let mut digits = [0u8; 11];
    let mut n = 0;
    for (&c, &shape) in window.iter().zip(SHAPE) {
        if shape == b'd' {
            if !c.is_ascii_digit() {
                return None;
            }
            digits[n] = c;
            n += 1;
        } else if c != shape {
            return None;
        }
    }
    Some(digits)
}

/// The mod-97 check of a national number, for both centuries.
fn passes_check(digits: &[u8]) -> bool {
    let value = |part: &[u8]| {
        part.iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d.saturating_sub(b'0')))
    };
    if digits.len() != 11 {
        return false;
    }
    let first9 = value(&digits[..9]);
    let check = value(&digits[9..]);
    check == 97 - first9 % 97 || check == 97 - (2_000_000_000 + first9) % 97
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_numbers_are_found_in_every_form() {
        // 85.07.30-033.28 is the example of the national register's documentation.
        for text in [
            "85073003328",
            "rrn 85073003328 please",
            "x85073003328",
            "85.07.30-033.28",
            "born 85.07.30-033.28.",
        ] {
            assert!(text_carries_national_number(text), "{text}");
        }
    }

    #[test]
    fn a_number_born_after_2000_uses_the_prefixed_check() {
        // 00.01.01-001.xx for someone born on 1 January 2000: the check covers 2000101001.
        let first9 = 101_001u64;
        let check = 97 - (2_000_000_000 + first9) % 97;
        let text = format!("{first9:09}{check:02}");
        assert!(text_carries_national_number(&text), "{text}");
    }

    #[test]
    fn near_misses_pass() {
        for text in [
            "85073003329",  // wrong check
            "850730033281", // 12 digits
            "8507300332",   // 10 digits
            "85.07.30-033.29",
            "2026-12-01",
            "groceries",
        ] {
            assert!(!text_carries_national_number(text), "{text}");
        }
    }

    #[test]
    fn uuids_are_not_scanned_but_other_strings_are() {
        let json = serde_json::json!({
            "id": "0190a0b0-0000-7000-8000-a85073003328",
            "kind": "shopping",
        });
        assert!(!carries_national_number(&json));
        let json = serde_json::json!({ "kind": "help for 85073003328" });
        assert!(carries_national_number(&json));
        let json = serde_json::json!({ "n": 85073003328u64 });
        assert!(carries_national_number(&json));
    }
}
