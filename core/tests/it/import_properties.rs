//! Arbitrary bytes and arbitrary CSV fed to the importer: never a panic, never a partial commit,
//! and every row accounted for.

use proptest::prelude::*;
use solidesk_core::import::{ImportKind, ImportOptions};
use solidesk_core::{Key, Register};

fn check(bytes: &[u8], kind: ImportKind) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("dir");
    let mut reg =
        Register::create(&dir.path().join("r.db"), &Key::new("k").expect("key")).expect("create");
    // Someone is already there: an import must never lose or double them.
    let seed = dir.path().join("seed.csv");
    std::fs::write(
        &seed,
        "Naam;Voornaam;Geboortedatum;Postcode\nPeeters;Jan;1/1/1940;9000\n",
    )
    .expect("seed");
    reg.import_file(
        &seed,
        &ImportOptions::new(ImportKind::Residents),
        &mut |_| true,
    )
    .expect("seed import");
    let before = (
        reg.count_residents().expect("count"),
        reg.count_volunteers().expect("count"),
    );
    let path = dir.path().join("input.csv");
    std::fs::write(&path, bytes).expect("write");
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        reg.import_file(&path, &ImportOptions::new(kind), &mut |_| true)
    }));
    let result = match result {
        Ok(r) => r,
        Err(_) => return Err(TestCaseError::fail("the importer panicked")),
    };
    let after = (
        reg.count_residents().expect("count"),
        reg.count_volunteers().expect("count"),
    );
    match result {
        Ok(r) => {
            prop_assert_eq!(
                r.rows,
                r.created + r.updated + r.unchanged + r.duplicates_in_file + r.rejected
            );
            let created = match kind {
                ImportKind::Residents => (before.0 + r.created, before.1),
                ImportKind::Volunteers => (before.0, before.1 + r.created),
            };
            prop_assert_eq!(after, created);
        }
        Err(_) => prop_assert_eq!(after, before, "a refused import changed the register"),
    }
    Ok(())
}

/// Cells that look like what lists hold, plus junk.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-zÀ-ÿœß' -]{1,12}",
        "[0-9]{4}",
        "[0-9./ -]{1,14}",
        "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}",
        Just("9000".to_owned()),
        Just("68110423484".to_owned()),
        Just("7,40405E+10".to_owned()),
        Just("0470 12 34 56".to_owned()),
        Just("=HYPERLINK(\"x\")".to_owned()),
        any::<String>(),
    ]
}

fn csv_text() -> impl Strategy<Value = String> {
    let headers = prop::sample::subsequence(
        vec![
            "Naam",
            "Voornaam",
            "Rijksregisternummer",
            "Geboortedatum",
            "Postcode",
            "Gemeente",
            "GSM",
            "Straat",
            "Huisnummer",
            "Taal",
            "E-mail",
            "Talen",
            "Taken",
            "Beschikbaarheid",
            "Straal",
            "Capaciteit",
            "Status",
            "Alleenwonend",
            "Kleur",
        ],
        1..10,
    );
    (
        headers,
        prop::sample::select(vec![";", ",", "\t"]),
        prop::sample::select(vec!["\n", "\r\n"]),
    )
        .prop_flat_map(|(headers, delim, eol)| {
            let width = headers.len();
            prop::collection::vec(prop::collection::vec(cell(), 0..width + 2), 0..12).prop_map(
                move |rows| {
                    let quote = |c: &str| {
                        if c.contains([';', ',', '\t', '"', '\n', '\r']) {
                            format!("\"{}\"", c.replace('"', "\"\""))
                        } else {
                            c.to_owned()
                        }
                    };
                    let mut out = headers.join(delim);
                    for r in &rows {
                        out.push_str(eol);
                        out.push_str(&r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(delim));
                    }
                    out
                },
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_nor_half_commit(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check(&bytes, ImportKind::Residents)?;
    }

    #[test]
    fn arbitrary_resident_lists_are_accounted_for(text in csv_text()) {
        check(text.as_bytes(), ImportKind::Residents)?;
    }

    #[test]
    fn arbitrary_volunteer_lists_are_accounted_for(text in csv_text()) {
        check(text.as_bytes(), ImportKind::Volunteers)?;
    }

    #[test]
    fn arbitrary_lists_in_windows_1252_are_accounted_for(text in csv_text()) {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        check(&bytes, ImportKind::Residents)?;
    }
}
