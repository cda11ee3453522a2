//! Folding names so that what a caller says finds what a caseworker typed years ago.
//!
//! Callers spell their names aloud; caseworkers type them with or without accents, in any case,
//! with or without the ligature ("Dubœuf", "Duboeuf", "DUBOEUF"). Both the stored search keys and
//! the typed query go through [`fold`], so they meet in the middle.
//!
//! SQLite's own `unicode61` tokenizer removes diacritics but keeps `œ`, `æ` and `ß` as letters of
//! their own, which is why folding is done here rather than in the database.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, strips accents and expands ligatures; every other non-alphanumeric character
/// becomes a space. "Van den Bossche-Dubœuf" → "van den bossche duboeuf".
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' | 'ẞ' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            // An apostrophe joins: "D'Hondt" is searched as "dhondt" as well as "d hondt" would be
            // surprising; Belgian registers write it both ways ("Dhondt", "D'Hondt").
            '\'' | '’' | '`' | '´' => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out
}

/// The words of a folded name, in order, without empties.
pub fn words(input: &str) -> Vec<String> {
    fold(input).split_whitespace().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Dubœuf", "duboeuf")]
    #[case("DUBOEUF", "duboeuf")]
    #[case("Hélène", "helene")]
    #[case("Ægidius", "aegidius")]
    #[case("Weiß", "weiss")]
    #[case("Çelik", "celik")]
    #[case("D'Hondt", "dhondt")]
    #[case("Van den Bossche-Dubœuf", "van den bossche duboeuf")]
    #[case("Noël", "noel")]
    fn folds_like_a_caller_spells(#[case] input: &str, #[case] folded: &str) {
        assert_eq!(fold(input), folded);
    }

    #[test]
    fn words_drop_empty_parts() {
        assert_eq!(words("  Jean -  Pierre "), vec!["jean", "pierre"]);
    }
}
