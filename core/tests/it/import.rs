//! Importing lists into real encrypted registers: the shared Belgian samples, every encoding and
//! delimiter, duplicates, updates, rejections, dry runs, cancelling, undo and saved mappings.

use std::path::{Path, PathBuf};

use solidesk_core::import::{Field, ImportKind, ImportOptions, ImportReport, Overrides};
use solidesk_core::{Key, Language, Register};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/samples")
}

fn sample(name: &str) -> PathBuf {
    let p = samples().join(name);
    assert!(p.is_file(), "sample {} is missing", p.display());
    p
}

struct Desk {
    _dir: tempfile::TempDir,
    reg: Register,
    dir: PathBuf,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let reg =
        Register::create(&dir.path().join("r.db"), &Key::new("k").expect("key")).expect("create");
    Desk {
        dir: dir.path().to_owned(),
        _dir: dir,
        reg,
    }
}

impl Desk {
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    fn import(&mut self, path: &Path, options: &ImportOptions) -> ImportReport {
        let r = self
            .reg
            .import_file(path, options, &mut |_| true)
            .expect("import");
        assert_eq!(
            r.rows,
            r.created + r.updated + r.unchanged + r.duplicates_in_file + r.rejected,
            "every row accounted for: {r:?}"
        );
        r
    }

    fn residents(&mut self, path: &Path) -> ImportReport {
        self.import(path, &ImportOptions::new(ImportKind::Residents))
    }

    fn resident_by_name(&self, last: &str) -> solidesk_core::Resident {
        let hits = self.reg.search_residents(last, 5).expect("search");
        let hit = hits
            .iter()
            .find(|h| h.last_name == last)
            .unwrap_or_else(|| panic!("{last} not found in {hits:?}"));
        self.reg.resident(&hit.id).expect("resident")
    }
}

#[test]
fn the_nl_excel_sample_in_windows_1252_imports_with_accents_and_recovered_numbers() {
    let mut d = desk();
    let rejects = d.dir.join("rejects.csv");
    let mut options = ImportOptions::new(ImportKind::Residents);
    options.rejects = Some(rejects.clone());
    options.language = Language::Nl;
    let r = d.import(&sample("excel_nl-BE_ansi_cp1252_semicolon.csv"), &options);
    assert_eq!(r.encoding, "windows-1252");
    assert_eq!(r.delimiter, ";");
    assert_eq!((r.rows, r.created, r.rejected, r.warnings), (12, 11, 1, 0));
    assert_eq!(
        r.rejections.get("national_number_scientific_notation"),
        Some(&1)
    );
    assert_eq!(d.reg.count_residents().expect("count"), 11);

    let noel = d.resident_by_name("Laureys");
    assert_eq!(noel.first_name, "Noël");
    let maes = d.resident_by_name("Maes");
    assert_eq!(maes.first_name, "Françoise");
    assert_eq!(maes.phones, vec!["+32477365432"]);
    // Excel dropped the leading zero; the checksum proves the padded number right.
    let gilles = d.resident_by_name("Gilles");
    assert_eq!(gilles.national_number.as_deref(), Some("03040931124"));
    assert_eq!(
        gilles.birth_date.map(|b| b.to_string()).as_deref(),
        Some("2003-04-09")
    );
    assert_eq!(gilles.language, Language::Fr);
    let coene = d.resident_by_name("Coene");
    assert_eq!(coene.street, "Kerkstraat; achterbouw");
    assert_eq!(coene.house_number, "155/2");
    let eddy = d.resident_by_name("Van den Broeck-D'Hondt");
    assert_eq!(eddy.locality, "Sint-Amandsberg");

    // The rejects file: the file's own columns, then line and reason in Dutch.
    let text = std::fs::read_to_string(&rejects).expect("rejects file");
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(
        header.starts_with("Rijksregisternummer;Naam;Voornaam;"),
        "{header}"
    );
    assert!(header.ends_with(";Regel;Reden"), "{header}");
    let row = lines.next().expect("one rejected row");
    assert!(row.starts_with("7,40405E+10;Nicaise;Basile;"), "{row}");
    assert!(row.contains(";6;"), "line 6 of the file: {row}");
    assert!(row.contains("wetenschappelijke notatie"), "{row}");
    assert_eq!(lines.next(), None);
}

#[test]
fn the_fr_excel_sample_in_utf8_with_bom_imports_every_row() {
    let mut d = desk();
    let r = d.residents(&sample("excel_fr-BE_utf8bom_semicolon.csv"));
    assert_eq!(r.encoding, "UTF-8 (BOM)");
    assert_eq!((r.rows, r.created, r.rejected), (12, 12, 0));
    let nicaise = d.resident_by_name("Nicaise");
    assert_eq!(nicaise.national_number.as_deref(), Some("74040543131"));
    assert_eq!(nicaise.phones, vec!["+32470680154"]);
    assert_eq!(nicaise.locality, "Chantemelle");
    assert_eq!(d.resident_by_name("Laureys").first_name, "Noël");
}

#[test]
fn the_three_samples_are_the_same_people_and_never_create_anyone_twice() {
    let mut d = desk();
    let first = d.residents(&sample("excel_nl-BE_ansi_cp1252_semicolon.csv"));
    assert_eq!(first.created, 11);
    // The fr file adds the one person whose number Excel destroyed in the nl file.
    let fr = d.residents(&sample("excel_fr-BE_utf8bom_semicolon.csv"));
    assert_eq!((fr.created, fr.updated, fr.unchanged), (1, 0, 11), "{fr:?}");
    let clean = d.residents(&sample("export_utf8_comma_iso.csv"));
    assert_eq!(clean.encoding, "UTF-8");
    assert_eq!(clean.delimiter, ",");
    assert_eq!(
        (clean.created, clean.updated, clean.unchanged),
        (0, 0, 12),
        "{clean:?}"
    );
    // The same file again creates nobody.
    let again = d.residents(&sample("excel_fr-BE_utf8bom_semicolon.csv"));
    assert_eq!((again.created, again.unchanged), (0, 12));
    assert_eq!(d.reg.count_residents().expect("count"), 12);
    assert_eq!(d.reg.imports().expect("imports").len(), 4);
}

/// The same six people written every way offices' tools write them.
fn people_table(headers: &[&str], delimiter: char) -> String {
    let rows = [
        [
            "68110423484",
            "Vanderstraeten",
            "Jade",
            "4/11/1968",
            "Felix Steensstraat",
            "110",
            "9280",
            "0479 02 78 67",
        ],
        [
            "",
            "Dubœuf",
            "Hélène",
            "1941-03-06",
            "Rue de l'Église",
            "3",
            "4000",
            "+32 4 222 33 44",
        ],
        [
            "",
            "Weiß",
            "Jürgen",
            "12.05.1950",
            "Hauptstraße",
            "7",
            "4700",
            "087 55 66 77",
        ],
        [
            "",
            "Çelik",
            "Zoë",
            "01-02-1955",
            "Kerkstraat",
            "12 bus 3",
            "1000",
            "0470/12.34.56",
        ],
        [
            "93011789174",
            "Laureys",
            "Noël",
            "17/01/1993",
            "Basiliekstraat; achterbouw",
            "136/2",
            "3191",
            "",
        ],
        [
            "",
            "O\"Brien",
            "Seán",
            "5/7/1949",
            "Line\nbreak",
            "1",
            "8000",
            "",
        ],
    ];
    let quote = |s: &str| {
        if s.contains([delimiter, '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let d = delimiter.to_string();
    let mut out = headers.join(&d);
    out.push_str("\r\n");
    for (i, r) in rows.iter().enumerate() {
        out.push_str(&r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(&d));
        out.push_str("\r\n");
        if i == 2 {
            out.push_str("\r\n"); // a blank line
        }
    }
    out.truncate(out.len() - 2); // no final newline
    out
}

const HEADERS: [&[&str]; 4] = [
    &[
        "Rijksregisternummer",
        "Familienaam",
        "Voornaam",
        "Geboortedatum",
        "Straat",
        "Huisnummer",
        "Postcode",
        "GSM",
    ],
    &[
        "NISS",
        "Nom",
        "Prénom",
        "Date de naissance",
        "Rue",
        "Numéro",
        "Code postal",
        "Téléphone",
    ],
    &[
        "Nationalregisternummer",
        "Nachname",
        "Vorname",
        "Geburtsdatum",
        "Straße",
        "Hausnummer",
        "Postleitzahl",
        "Telefon",
    ],
    &[
        "National number",
        "Last name",
        "First name",
        "Date of birth",
        "Street",
        "House number",
        "Postal code",
        "Phone",
    ],
];

fn encode(text: &str, encoding: &str) -> Vec<u8> {
    match encoding {
        "utf8" => text.as_bytes().to_vec(),
        "utf8bom" => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        "cp1252" => {
            let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!lossy, "the table must be encodable in 1252");
            bytes.into_owned()
        }
        "utf16le" => {
            let mut out = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                out.extend_from_slice(&unit.to_le_bytes());
            }
            out
        }
        other => panic!("{other}"),
    }
}

#[test]
fn every_encoding_delimiter_and_language_reads_the_same_people() {
    for (h, headers) in HEADERS.iter().enumerate() {
        for delimiter in [';', ',', '\t'] {
            for encoding in ["utf8", "utf8bom", "cp1252", "utf16le"] {
                let mut d = desk();
                let text = people_table(headers, delimiter);
                let path = d.write("list.csv", &encode(&text, encoding));
                let r = d.residents(&path);
                let case = format!("headers {h}, delimiter {delimiter:?}, {encoding}");
                assert_eq!((r.rows, r.created, r.rejected), (6, 6, 0), "{case}: {r:?}");
                let expected_delimiter = if delimiter == '\t' {
                    "\\t".to_owned()
                } else {
                    delimiter.to_string()
                };
                assert_eq!(r.delimiter, expected_delimiter, "{case}");
                let dub = d.resident_by_name("Dubœuf");
                assert_eq!(
                    (dub.first_name.as_str(), dub.street.as_str()),
                    ("Hélène", "Rue de l'Église"),
                    "{case}"
                );
                assert_eq!(
                    dub.birth_date.map(|b| b.to_string()).as_deref(),
                    Some("1941-03-06"),
                    "{case}"
                );
                assert_eq!(dub.phones, vec!["+3242223344"], "{case}");
                let weiss = d.resident_by_name("Weiß");
                assert_eq!(weiss.first_name, "Jürgen", "{case}");
                assert_eq!(
                    weiss.birth_date.map(|b| b.to_string()).as_deref(),
                    Some("1950-05-12"),
                    "{case}"
                );
                assert_eq!(weiss.street, "Hauptstraße", "{case}");
                let celik = d.resident_by_name("Çelik");
                assert_eq!(
                    (celik.house_number.as_str(), celik.box_number.as_str()),
                    ("12", "3"),
                    "{case}"
                );
                assert_eq!(celik.phones, vec!["+32470123456"], "{case}");
                assert_eq!(
                    celik.birth_date.map(|b| b.to_string()).as_deref(),
                    Some("1955-02-01"),
                    "{case}"
                );
                let noel = d.resident_by_name("Laureys");
                assert_eq!(noel.street, "Basiliekstraat; achterbouw", "{case}");
                let obrien = d.resident_by_name("O\"Brien");
                assert_eq!(
                    (obrien.first_name.as_str(), obrien.street.as_str()),
                    ("Seán", "Line break"),
                    "{case}"
                );
                assert_eq!(
                    obrien.birth_date.map(|b| b.to_string()).as_deref(),
                    Some("1949-07-05"),
                    "{case}"
                );
            }
        }
    }
}

#[test]
fn rejections_and_warnings_are_counted_per_reason() {
    let mut d = desk();
    let csv = "Naam;Voornaam;Rijksregisternummer;Geboortedatum;Postcode;Gemeente;GSM\n\
               ;Zonder;;;9000;;\n\
               Peeters;Jan;68110423485;;9000;;\n\
               Peeters;Piet;7,40405E+10;;9000;;\n\
               Janssens;An;;31/02/1950;9000;;\n\
               Janssens;Bo;;1/1/2999;9000;;\n\
               Maes;Lotte;;1/1/1950;9999;;\n\
               Maes;Tom;;2/2/1950;9000;;12345\n\
               Maes;Eva;;3/3/1950;9000;Brugge;\n\
               Maes;Kris;;4/4/1950;9000;Gent;0470 12 34 56\n";
    let path = d.write("bad.csv", csv.as_bytes());
    let r = d.residents(&path);
    assert_eq!((r.rows, r.created, r.rejected), (9, 3, 6), "{r:?}");
    let expected: Vec<(&str, u64)> = vec![
        ("birth_date_future", 1),
        ("birth_date_invalid", 1),
        ("missing_last_name", 1),
        ("national_number_checksum", 1),
        ("national_number_scientific_notation", 1),
        ("postal_code_unknown", 1),
    ];
    assert_eq!(
        r.rejections
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        expected
    );
    assert_eq!(r.warnings, 2);
    assert_eq!(r.warning_reasons.get("phone_invalid"), Some(&1));
    assert_eq!(r.warning_reasons.get("locality_mismatch"), Some(&1));
    // The warned rows are in, without the doubtful phone.
    let tom = &d.reg.search_residents("maes tom", 1).expect("search")[0];
    assert_eq!(
        (tom.first_name.as_str(), tom.phone.as_deref()),
        ("Tom", None)
    );
    let groups: Vec<&str> = r.groups.iter().map(|g| g.outcome.as_str()).collect();
    assert!(
        groups.contains(&"rejected") && groups.contains(&"warning"),
        "{groups:?}"
    );
    let checksum = r
        .groups
        .iter()
        .find(|g| g.reason.as_deref() == Some("national_number_checksum"))
        .expect("group");
    assert_eq!(checksum.samples[0].line, 3);
    assert_eq!(checksum.samples[0].name, "Peeters, Jan");
}

#[test]
fn the_same_person_twice_in_a_file_counts_once() {
    let mut d = desk();
    let csv = "Naam;Voornaam;Rijksregisternummer;Geboortedatum;Postcode;Straat;Huisnummer\n\
               Vanderstraeten;Jade;68110423484;;9280;;\n\
               Vanderstraeten;Jade;68.11.04-234.84;;9280;;\n\
               VANDERSTRAETEN;jade;;4/11/1968;9280;;\n\
               Peeters;Jan;;1/1/1940;9000;;\n\
               Peeters;Jan;;01/01/1940;9000;;\n\
               Peeters;Jan;;1/1/1940;2000;;\n\
               Smet;Els;;;9000;Kerkstraat;1\n\
               Smet;Els;;;9000;kerkstraat;1\n\
               Smet;Els;;;9000;;\n\
               Smet;Els;;;9000;;\n";
    let path = d.write("dups.csv", csv.as_bytes());
    let r = d.residents(&path);
    // Jade: one (NN, NN, name + birth date); Jan: one in 9000, another in 2000; Els at
    // Kerkstraat 1: one; Els without address or birth date: not certain, created twice.
    assert_eq!(
        (r.rows, r.created, r.duplicates_in_file),
        (10, 6, 4),
        "{r:?}"
    );
    let again = d.residents(&path);
    assert_eq!(
        again.created, 2,
        "only the two Els without any identifying detail: {again:?}"
    );
}

#[test]
fn a_person_already_in_the_register_is_updated_with_the_change_recorded_and_undo_restores() {
    let mut d = desk();
    let v1 = "Naam;Voornaam;Rijksregisternummer;Straat;Huisnummer;Postcode;GSM\n\
              Vanderstraeten;Jade;68110423484;Felix Steensstraat;110;9280;0479 02 78 67\n\
              De Vuyst;Steven;69110424396;Borreweg;4/2;8840;\n";
    let p1 = d.write("v1.csv", v1.as_bytes());
    let first = d.residents(&p1);
    assert_eq!(first.created, 2);
    let v2 = "Naam;Voornaam;Rijksregisternummer;Straat;Huisnummer;Postcode;GSM\n\
              Vanderstraeten;Jade;68110423484;Kerkstraat;5;9280;02 512 34 56\n\
              De Vuyst;Steven;69110424396;;;;\n";
    let p2 = d.write("v2.csv", v2.as_bytes());
    let second = d.residents(&p2);
    assert_eq!((second.updated, second.unchanged), (1, 1), "{second:?}");
    let updated = &second
        .groups
        .iter()
        .find(|g| g.outcome == "updated")
        .expect("group")
        .samples[0];
    assert!(
        updated
            .detail
            .contains("street: Felix Steensstraat → Kerkstraat"),
        "{}",
        updated.detail
    );
    let jade = d.resident_by_name("Vanderstraeten");
    assert_eq!(
        (jade.street.as_str(), jade.house_number.as_str()),
        ("Kerkstraat", "5")
    );
    assert_eq!(
        jade.phones,
        vec!["+32479027867", "+3225123456"],
        "phones are added, never dropped"
    );
    // An empty cell never erases: Steven keeps his address.
    assert_eq!(d.resident_by_name("De Vuyst").street, "Borreweg");

    // Undo the update: Jade is back as she was.
    let imports = d.reg.imports().expect("imports");
    let undo = d.reg.undo_import(&imports[0].id, "test").expect("undo");
    assert_eq!((undo.removed, undo.restored), (0, 1));
    let jade = d.resident_by_name("Vanderstraeten");
    assert_eq!(
        (jade.street.as_str(), jade.phones.len()),
        ("Felix Steensstraat", 1)
    );
    assert!(
        d.reg.undo_import(&imports[0].id, "test").is_err(),
        "undone once"
    );

    // Undo the first import after someone edited one of its residents: refused, nothing changes.
    let mut edit = solidesk_core::residents::NewResident {
        last_name: "De Vuyst".into(),
        first_name: "Steven".into(),
        postal_code: Some("8840".into()),
        ..Default::default()
    };
    edit.notes = "called on Monday".into();
    let steven = d.resident_by_name("De Vuyst");
    d.reg.update_resident(&steven.id, &edit).expect("edit");
    let err = d
        .reg
        .undo_import(&imports[1].id, "test")
        .expect_err("touched since");
    assert!(err.to_string().contains("De Vuyst"), "{err}");
    assert_eq!(d.reg.count_residents().expect("count"), 2);
}

#[test]
fn undo_of_an_untouched_import_removes_what_it_created() {
    let mut d = desk();
    let r = d.residents(&sample("excel_fr-BE_utf8bom_semicolon.csv"));
    assert_eq!(d.reg.count_residents().expect("count"), 12);
    let undo = d
        .reg
        .undo_import(r.import_id.as_deref().expect("id"), "test")
        .expect("undo");
    assert_eq!(undo.removed, 12);
    assert_eq!(d.reg.count_residents().expect("count"), 0);
    assert!(
        d.reg
            .search_residents("laureys", 5)
            .expect("search")
            .is_empty(),
        "search keys gone too"
    );
    // And the file imports again as new.
    assert_eq!(
        d.residents(&sample("excel_fr-BE_utf8bom_semicolon.csv"))
            .created,
        12
    );
}

#[test]
fn a_likely_duplicate_is_imported_and_listed_for_review() {
    let mut d = desk();
    let a = "Naam;Voornaam;Geboortedatum;Straat;Huisnummer;Postcode\n\
             Vermeulen;Maria;3/4/1938;Dorpstraat;4;9000\n";
    d.residents(&d.write("a.csv", a.as_bytes()));
    let b = "Naam;Voornaam;Geboortedatum;Straat;Huisnummer;Postcode\n\
             Vermeulem;Maria;3/4/1938;Dorpstraat;4;9000\n\
             Claes;Jef;3/4/1938;Molenstraat;1;9000\n";
    let r = d.residents(&d.write("b.csv", b.as_bytes()));
    assert_eq!((r.created, r.possible_duplicates), (2, 1), "{r:?}");
    let group = r
        .groups
        .iter()
        .find(|g| g.outcome == "possible_duplicate")
        .expect("group");
    assert_eq!(group.samples[0].name, "Vermeulem, Maria");
    assert!(
        group.samples[0].detail.contains("Vermeulen, Maria"),
        "{}",
        group.samples[0].detail
    );
    // Listed for review with both records, until someone resolves it.
    let review = d
        .reg
        .import_reviews(r.import_id.as_deref().expect("id"))
        .expect("review");
    assert_eq!(review.len(), 1);
    assert_eq!(
        (review[0].line, review[0].created_name.as_str()),
        (2, "Vermeulem, Maria")
    );
    let original = d.resident_by_name("Vermeulen");
    assert_eq!(review[0].candidate_id, original.id);
}

#[test]
fn a_dry_run_reports_exactly_what_the_run_does_and_changes_nothing() {
    let mut d = desk();
    let path = sample("excel_nl-BE_ansi_cp1252_semicolon.csv");
    let mut options = ImportOptions::new(ImportKind::Residents);
    options.dry_run = true;
    let dry = d.import(&path, &options);
    assert!(dry.dry_run && dry.import_id.is_none());
    assert_eq!(d.reg.count_residents().expect("count"), 0);
    assert!(d.reg.imports().expect("imports").is_empty());
    let real = d.residents(&path);
    assert_eq!(
        (
            dry.rows,
            dry.created,
            dry.updated,
            dry.unchanged,
            dry.duplicates_in_file,
            dry.rejected,
            dry.warnings
        ),
        (
            real.rows,
            real.created,
            real.updated,
            real.unchanged,
            real.duplicates_in_file,
            real.rejected,
            real.warnings
        )
    );
    assert_eq!(dry.rejections, real.rejections);
}

#[test]
fn a_cancelled_run_changes_nothing() {
    let mut d = desk();
    let path = d.dir.join("big.csv");
    solidesk_core::demo::write_resident_list(
        &path,
        3000,
        7,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
    )
    .expect("list");
    let mut calls = 0;
    let r = d
        .reg
        .import_file(
            &path,
            &ImportOptions::new(ImportKind::Residents),
            &mut |p| {
                calls += 1;
                p.rows < 1500
            },
        )
        .expect("cancelled run");
    assert!(r.cancelled && calls >= 2, "{calls}");
    assert_eq!(d.reg.count_residents().expect("count"), 0);
    assert!(d.reg.imports().expect("imports").is_empty());
    // The generated list imports in full.
    let full = d.residents(&path);
    assert_eq!(
        (full.rows, full.created + full.duplicates_in_file),
        (3000, 3000),
        "{:?}",
        full.rejections
    );
}

#[test]
fn a_corrected_mapping_is_saved_and_reused() {
    let mut d = desk();
    let csv = "Kolom A;Kolom B;PC\nPeeters;Jan;9000\n";
    let path = d.write("odd.csv", csv.as_bytes());
    let err = d
        .reg
        .import_file(
            &path,
            &ImportOptions::new(ImportKind::Residents),
            &mut |_| true,
        )
        .expect_err("no last-name column");
    assert!(err.to_string().contains("last_name"), "{err}");
    assert_eq!(d.reg.count_residents().expect("count"), 0);

    let preview = d
        .reg
        .preview_import(&path, ImportKind::Residents, None, &Overrides::new())
        .expect("preview");
    assert_eq!(preview.missing, vec![Field::LastName]);
    assert_eq!(preview.rows, vec![vec!["Peeters", "Jan", "9000"]]);

    let mapping: Overrides = [
        ("Kolom A".to_owned(), Field::LastName),
        ("kolom b".to_owned(), Field::FirstName),
        ("PC".to_owned(), Field::PostalCode),
    ]
    .into();
    d.reg
        .save_import_profile("OCMW lijst", ImportKind::Residents, &mapping)
        .expect("save");
    let mut options = ImportOptions::new(ImportKind::Residents);
    options.profile = Some("OCMW lijst".into());
    let r = d.import(&path, &options);
    assert_eq!(r.created, 1);
    let jan = d.resident_by_name("Peeters");
    assert_eq!(
        (jan.first_name.as_str(), jan.postal_code.as_deref()),
        ("Jan", Some("9000"))
    );
    assert!(r.columns.iter().all(|c| c.by == "profile"));
    // A resident mapping is not a volunteer mapping.
    assert!(
        d.reg
            .import_profile("OCMW lijst", ImportKind::Volunteers)
            .is_err()
    );
}

#[test]
fn an_export_imports_back_unchanged() {
    let mut d = desk();
    d.residents(&sample("excel_fr-BE_utf8bom_semicolon.csv"));
    let export = d.dir.join("export.csv");
    d.reg.export_residents(&export).expect("export");
    let r = d.residents(&export);
    assert_eq!(
        (r.rows, r.created, r.updated, r.unchanged),
        (12, 0, 0, 12),
        "{r:?}"
    );
    assert!(
        r.columns.iter().all(|c| c.field.is_some()),
        "every export column is known: {:?}",
        r.columns
    );
}

#[test]
fn volunteers_import_with_languages_tasks_and_availability() {
    let mut d = desk();
    let csv = "Naam;Voornaam;E-mail;GSM;Postcode;Talen;Taken;Beschikbaarheid;Straal (km);Capaciteit\n\
               Claes;Mieke;mieke@example.org;0470 11 22 33;9000;NL, FR;boodschappen, apotheek;mon-fri:morning;3,5;2\n\
               Dubois;Luc;luc@example.org;;4000;français;courses;sat:all;;\n\
               Dubois;Luc;LUC@example.org;;4000;;;;;\n\
               Zonder;Postcode;z@example.org;;;;;;;\n\
               Peters;Ann;ann@;0470 99;9000;klingon;zingen;;;\n";
    let path = d.write("vol.csv", csv.as_bytes());
    let r = d.import(&path, &ImportOptions::new(ImportKind::Volunteers));
    assert_eq!(
        (r.rows, r.created, r.duplicates_in_file, r.rejected),
        (5, 3, 1, 1),
        "{r:?}"
    );
    assert_eq!(r.rejections.get("postal_code_missing"), Some(&1));
    assert_eq!(r.warnings, 1);
    for code in [
        "email_invalid",
        "phone_invalid",
        "language_unknown",
        "task_unknown",
    ] {
        assert_eq!(
            r.warning_reasons.get(code),
            Some(&1),
            "{code}: {:?}",
            r.warning_reasons
        );
    }
    let mieke = &d.reg.search_volunteers("mieke", 1).expect("search")[0];
    assert_eq!(mieke.languages, vec![Language::Nl, Language::Fr]);
    assert_eq!(mieke.radius_km, 3.5);
    assert_eq!(mieke.availability.len(), 5);
    assert_eq!(mieke.phone.as_deref(), Some("+32470112233"));
    let again = d.import(&path, &ImportOptions::new(ImportKind::Volunteers));
    assert_eq!((again.created, again.unchanged), (0, 3), "{again:?}");
    assert_eq!(d.reg.count_volunteers().expect("count"), 3);
    // Undo, newest first: the second run changed nothing, the first created three.
    let runs = d.reg.imports().expect("imports");
    let nothing = d.reg.undo_import(&runs[0].id, "test").expect("undo");
    assert_eq!((nothing.removed, nothing.restored), (0, 0));
    // Someone edits Mieke: the first run can no longer be undone.
    let mieke = d.reg.search_volunteers("mieke", 1).expect("search")[0].clone();
    d.reg
        .set_volunteer_status(&mieke.id, solidesk_core::VolunteerStatus::Paused)
        .expect("pause");
    let err = d.reg.undo_import(&runs[1].id, "test").expect_err("touched");
    assert!(err.to_string().contains("Claes, Mieke"), "{err}");
    assert_eq!(d.reg.count_volunteers().expect("count"), 3);
}

#[test]
fn files_that_are_not_lists_are_refused_without_changing_anything() {
    let mut d = desk();
    for (name, bytes) in [
        ("empty.csv", b"".as_slice()),
        ("blank.csv", b"\r\n\r\n  \r\n".as_slice()),
        (
            "binary.csv",
            b"\x00\x01\x02\xff\xfe\x00PK\x03\x04".as_slice(),
        ),
    ] {
        let path = d.write(name, bytes);
        let result = d.reg.import_file(
            &path,
            &ImportOptions::new(ImportKind::Residents),
            &mut |_| true,
        );
        assert!(result.is_err(), "{name}: {result:?}");
    }
    let missing = d.dir.join("no-such-file.csv");
    let err = d
        .reg
        .import_file(
            &missing,
            &ImportOptions::new(ImportKind::Residents),
            &mut |_| true,
        )
        .expect_err("missing file");
    assert!(err.to_string().contains("no-such-file.csv"), "{err}");
    assert_eq!(d.reg.count_residents().expect("count"), 0);
    assert!(d.reg.imports().expect("imports").is_empty());
}
