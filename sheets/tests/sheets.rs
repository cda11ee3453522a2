//! The printed day read back: real registers, real PDFs, read with poppler's `pdftotext` and
//! checked with `qpdf --check` (both installed by `scripts/setup`).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use solidesk_core::contacts::NewContact;
use solidesk_core::office::OfficeUpdate;
use solidesk_core::requests::NewHelpRequest;
use solidesk_core::residents::NewResident;
use solidesk_core::volunteers::NewVolunteer;
use solidesk_core::{Key, Language, Register};
use solidesk_sheets::{SheetError, Typesetter, Written, write_day, write_template};

/// Tuesday.
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

/// Valid national numbers (mod 97), none of which may reach paper.
const NATIONAL_NUMBERS: [&str; 4] = ["45031212395", "38092512385", "52010112373", "47071712315"];

struct Desk {
    dir: tempfile::TempDir,
    reg: Register,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut reg =
        Register::create(&dir.path().join("r.db"), &Key::new("k").expect("key")).expect("create");
    reg.update_office(&OfficeUpdate {
        name: Some("OCMW Gent".into()),
        phone: Some("09 266 99 11".into()),
        default_language: Some("nl".into()),
        neighbourhood_km: Some(10.0),
        ..Default::default()
    })
    .expect("office");
    Desk { dir, reg }
}

impl Desk {
    fn resident(
        &mut self,
        first: &str,
        last: &str,
        nn: &str,
        language: &str,
        street: &str,
    ) -> String {
        self.reg
            .add_resident(&NewResident {
                first_name: first.into(),
                last_name: last.into(),
                national_number: Some(nn.into()),
                language: Some(language.into()),
                street: street.into(),
                house_number: "12".into(),
                box_number: "3".into(),
                postal_code: Some("9000".into()),
                phones: vec!["0470 12 34 56".into()],
                notes: "PRIVATE-NOTE do not print".into(),
                source: "test".into(),
                ..Default::default()
            })
            .expect("resident")
            .id
    }

    fn volunteer(&mut self, first: &str, last: &str, language: &str, tasks: &[&str]) -> String {
        self.reg
            .add_volunteer(&NewVolunteer {
                first_name: first.into(),
                last_name: last.into(),
                phone: Some("0486 11 22 33".into()),
                languages: vec![language.into()],
                postal_code: "9000".into(),
                radius_km: 10.0,
                tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
                availability: vec!["tue:morning".into(), "tue:afternoon".into()],
                capacity_per_day: 4,
                notes: "VOLUNTEER-PRIVATE".into(),
                ..Default::default()
            })
            .expect("volunteer")
            .id
    }

    fn request(&mut self, resident: &str, kind: &str, language: &str, notes: &str, part: &str) {
        self.reg
            .add_request(&NewHelpRequest {
                resident: resident.into(),
                kind: kind.into(),
                due_date: day().to_string(),
                part_of_day: Some(part.into()),
                language: Some(language.into()),
                notes: notes.into(),
                created_by: "test".into(),
                ..Default::default()
            })
            .expect("request");
    }
}

/// A day with three volunteers, one per language, each with residents of their language only
/// (so the plan is forced), a 60-item list, an access note, a check-in call and a request
/// nobody can take.
fn planned_day() -> (Desk, Vec<(String, Vec<&'static str>)>) {
    let mut d = desk();
    let noel = d.resident("Noël", "Dubœuf", NATIONAL_NUMBERS[0], "nl", "Kerkstraat");
    let francoise = d.resident(
        "Françoise",
        "Garçon",
        NATIONAL_NUMBERS[1],
        "fr",
        "Rue de la Fontaine",
    );
    let jurgen = d.resident("Jürgen", "Weiß", NATIONAL_NUMBERS[2], "de", "Hauptstraße");
    let lonely = d.resident("Émile", "Zoë", NATIONAL_NUMBERS[3], "en", "Long Lane");
    d.reg
        .set_access_note(&noel, "Bel bij de buren (nr. 14), de hond is lief")
        .expect("access note");
    let nl = d.volunteer("An", "Peeters", "nl", &["groceries", "phone_checkin"]);
    let fr = d.volunteer("Céline", "Dupont", "fr", &["groceries", "pharmacy"]);
    let de = d.volunteer("Jörg", "Schäfer", "de", &["groceries"]);
    let list: Vec<String> = (1..=60).map(|i| format!("Artikel {i:02} Käse ß")).collect();
    d.request(&noel, "groceries", "nl", "melk, brood, kaas", "morning");
    d.request(
        &noel,
        "phone_checkin",
        "nl",
        "Vragen naar de nieuwe bril",
        "afternoon",
    );
    d.request(
        &francoise,
        "pharmacy",
        "fr",
        "Ordonnance du Dr Lœwe",
        "morning",
    );
    d.request(&jurgen, "groceries", "de", &list.join("\n"), "morning");
    d.request(&lonely, "accompaniment", "en", "Hospital visit", "morning");
    d.reg
        .add_contact(&NewContact {
            resident: noel.clone(),
            kind: "checkin_call".into(),
            outcome: "reached".into(),
            note: String::new(),
            created_by: "test".into(),
            ..Default::default()
        })
        .expect("contact");
    let plan = d.reg.plan_day(day(), "test", Language::En).expect("plan");
    assert_eq!(plan.proposals.len(), 4, "{plan:#?}");
    d.reg.confirm_day(day()).expect("confirm");
    let expected = vec![
        (
            nl,
            vec![
                "Noël Dubœuf",
                "Kerkstraat 12 bus 3",
                "9000 Gent",
                "Boodschappen",
                "Opdrachtenblad",
                "de hond is lief",
                "melk",
            ],
        ),
        (
            fr,
            vec![
                "Françoise Garçon",
                "Rue de la Fontaine 12 bte 3",
                "Pharmacie",
                "Feuille de mission",
                "Ordonnance du Dr Lœwe",
            ],
        ),
        (
            de,
            vec![
                "Jürgen Weiß",
                "Hauptstraße 12 Bf. 3",
                "Einkäufe",
                "Einsatzblatt",
                "Artikel 01 Käse ß",
            ],
        ),
    ];
    (d, expected)
}

fn text_of(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some((a, b)) = pages {
        cmd.args(["-f", &a.to_string(), "-l", &b.to_string()]);
    }
    let out = cmd
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(
        out.status.success(),
        "pdftotext {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    // Words only: where a table cell wraps is the layout's business, not the test's.
    let text = String::from_utf8(out.stdout).expect("utf-8");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_valid(pdf: &Path) {
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(pdf)
        .output()
        .expect("qpdf runs");
    assert!(
        out.status.success(),
        "qpdf --check {}: {}{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write(d: &Desk, template: Option<&Path>, duplex: bool) -> (PathBuf, Written) {
    let printed = d
        .reg
        .printed_day(day(), Language::En, None)
        .expect("printed day");
    let typesetter = Typesetter::new(template).expect("typesetter");
    let out = d.dir.path().join("sheets");
    let combined = d.dir.path().join("all.pdf");
    let written = write_day(
        &typesetter,
        &printed,
        Language::En,
        &out,
        Some(&combined),
        duplex,
    )
    .expect("write");
    (combined, written)
}

#[test]
fn each_volunteer_gets_their_own_visits_in_their_language_and_nothing_private() {
    let (d, expected) = planned_day();
    let (combined, written) = write(&d, None, false);
    assert_eq!(written.volunteers.len(), 3);
    let texts: Vec<(String, String)> = written
        .volunteers
        .iter()
        .map(|w| (w.volunteer_id.clone(), text_of(&w.file.path, None)))
        .collect();
    for (volunteer, wanted) in &expected {
        let (_, text) = texts
            .iter()
            .find(|(id, _)| id == volunteer)
            .expect("a sheet per volunteer");
        for w in wanted {
            assert!(
                text.contains(w),
                "{w:?} missing from the sheet of {volunteer}:\n{text}"
            );
        }
        // Nobody else's residents.
        for (other, other_wanted) in &expected {
            if other != volunteer {
                assert!(
                    !text.contains(other_wanted[0]),
                    "{} on the sheet of {volunteer}",
                    other_wanted[0]
                );
            }
        }
        assert!(
            text.contains("09 266 99 11"),
            "the office's number on every sheet"
        );
    }
    // Labels follow the volunteer, not the person printing.
    let (_, fr) = texts
        .iter()
        .find(|(id, _)| *id == expected[1].0)
        .expect("fr");
    assert!(
        fr.contains("Habitant") && fr.contains("Adresse") && !fr.contains("Resident"),
        "{fr}"
    );

    // Nothing private anywhere: national numbers in any written form, private notes.
    let mut files: Vec<PathBuf> = written
        .volunteers
        .iter()
        .map(|w| w.file.path.clone())
        .collect();
    files.extend([
        written.overview.path.clone(),
        written.calls.path.clone(),
        combined.clone(),
    ]);
    for f in &files {
        assert_valid(f);
        let text = text_of(f, None);
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        for nn in NATIONAL_NUMBERS {
            assert!(!digits.contains(nn), "a national number in {}", f.display());
            assert!(!text.contains(&solidesk_core::national_number::format_digits(nn)));
        }
        assert!(
            !text.contains("PRIVATE"),
            "a private note in {}:\n{text}",
            f.display()
        );
    }
    // Not even in the data the template is given.
    let printed = d
        .reg
        .printed_day(day(), Language::En, None)
        .expect("printed");
    let json = serde_json::to_string(&printed).expect("json");
    for nn in NATIONAL_NUMBERS {
        assert!(!json.contains(nn));
    }
    assert!(!json.contains("PRIVATE"));

    // The combined file is the same pages, each volunteer from a new page.
    let pages: usize = written.volunteers.iter().map(|w| w.file.pages).sum();
    assert_eq!(written.combined.as_ref().map(|c| c.pages), Some(pages));
    let mut page = 1;
    for w in &written.volunteers {
        let first = text_of(&combined, Some((page, page)));
        assert!(
            first.contains(&w.name),
            "page {page} of the combined file starts {}",
            w.name
        );
        page += w.file.pages;
    }
}

#[test]
fn a_sixty_item_list_flows_onto_a_second_page() {
    let (d, expected) = planned_day();
    let (_, written) = write(&d, None, false);
    let german = written
        .volunteers
        .iter()
        .find(|w| w.volunteer_id == expected[2].0)
        .expect("the German sheet");
    assert!(
        german.file.pages >= 2,
        "60 items on {} page(s)",
        german.file.pages
    );
    let first = text_of(&german.file.path, Some((1, 1)));
    let second = text_of(&german.file.path, Some((2, german.file.pages)));
    assert!(first.contains("Artikel 01"));
    assert!(!first.contains("Artikel 60"));
    assert!(second.contains("Artikel 60 Käse ß"), "{second}");
    // Every item once, in order, none lost at the break.
    let all = text_of(&german.file.path, None);
    let mut at = 0;
    for i in 1..=60 {
        let item = format!("Artikel {i:02}");
        let found = all[at..]
            .find(&item)
            .unwrap_or_else(|| panic!("{item} missing or out of order"));
        at += found + item.len();
    }
    // The page that continues still says whose sheet it is.
    assert!(second.contains("Jörg Schäfer"), "{second}");
}

#[test]
fn the_overview_and_call_list_are_in_the_readers_language() {
    let (d, _) = planned_day();
    let printed = d
        .reg
        .printed_day(day(), Language::Nl, None)
        .expect("printed day");
    assert_eq!(printed.overview.assigned.len(), 4);
    assert_eq!(printed.overview.unassigned.len(), 1);
    assert_eq!(printed.calls.len(), 1);
    let typesetter = Typesetter::new(None).expect("typesetter");
    let out = d.dir.path().join("nl");
    let written = write_day(&typesetter, &printed, Language::Nl, &out, None, false).expect("write");
    assert!(written.combined.is_none());
    let overview = text_of(&written.overview.path, None);
    for w in [
        "Dagoverzicht",
        "Toegewezen",
        "Niet toegewezen",
        "Émile Zoë",
        "Begeleiding",
        "Noël Dubœuf",
        "An Peeters",
    ] {
        assert!(
            overview.contains(w),
            "{w:?} missing from the overview:\n{overview}"
        );
    }
    // Why nobody goes, worded by the planner.
    assert!(
        overview.contains("Engels") || overview.contains("vrijwilliger"),
        "{overview}"
    );
    let calls = text_of(&written.calls.path, None);
    for w in [
        "Belrondes",
        "Noël Dubœuf",
        "0470 12 34 56",
        "An Peeters",
        "Vragen naar de nieuwe bril",
    ] {
        assert!(
            calls.contains(w),
            "{w:?} missing from the call list:\n{calls}"
        );
    }
    assert_valid(&written.overview.path);
    assert_valid(&written.calls.path);
}

#[test]
fn double_sided_printing_starts_each_volunteer_on_a_new_sheet() {
    let (d, _) = planned_day();
    let (combined, written) = write(&d, None, true);
    let mut page = 1;
    let mut last_pages = 0;
    for w in &written.volunteers {
        assert_eq!(page % 2, 1, "{} starts on page {page}", w.name);
        let first = text_of(&combined, Some((page, page)));
        assert!(first.contains(&w.name));
        // Their own file has no blank page; the combined one pads to an even count.
        last_pages = w.file.pages;
        page += w.file.pages + w.file.pages % 2;
    }
    let padded_before_last = page - 1 - last_pages - last_pages % 2;
    assert_eq!(
        written.combined.map(|c| c.pages),
        Some(padded_before_last + last_pages)
    );
}

#[test]
fn an_office_template_changes_the_paper_without_recompiling() {
    let (d, expected) = planned_day();
    let folder = d.dir.path().join("template");
    let file = write_template(&folder).expect("write the default");
    // Writing it again would overwrite the office's work: refused.
    assert!(write_template(&folder).is_err());
    let text = std::fs::read_to_string(&file).expect("read");
    let text = text
        .replace(
            "#let office-name = auto",
            "#let office-name = \"CPAS de Test-Ville\"",
        )
        .replace("#let logo = none", "#let logo = \"logo.svg\"")
        .replace(
            "#let contact-line = auto",
            "#let contact-line = \"Permanence : 02 555 01 01\"",
        );
    std::fs::write(&file, text).expect("edit");
    std::fs::write(
        folder.join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1f4e79"/></svg>"##,
    )
    .expect("logo");
    let (_, written) = write(&d, Some(&folder), false);
    assert_eq!(written.template.as_deref(), Some(file.as_path()));
    let sheet = text_of(&written.volunteers[0].file.path, None);
    assert!(sheet.contains("CPAS DE TEST-VILLE"), "{sheet}");
    assert!(sheet.contains("Permanence : 02 555 01 01"));
    let _ = expected;

    // A mistake in the template: a clear error naming the line, and nothing written.
    let broken = std::fs::read_to_string(&file)
        .expect("read")
        .replace("#let L(lang, id) =", "#let L(lang, id) = (");
    std::fs::write(&file, broken).expect("break");
    let printed = d
        .reg
        .printed_day(day(), Language::En, None)
        .expect("printed");
    let typesetter = Typesetter::new(Some(&folder)).expect("typesetter");
    let out = d.dir.path().join("broken-out");
    let err =
        write_day(&typesetter, &printed, Language::En, &out, None, false).expect_err("broken");
    let message = err.to_string();
    assert!(matches!(err, SheetError::Template { .. }), "{message}");
    assert!(message.contains("line "), "{message}");
    assert!(!out.exists(), "nothing written for a broken template");

    // A template folder that is not there is an error, not the default in disguise.
    let missing = Typesetter::new(Some(&d.dir.path().join("nope")));
    assert!(matches!(
        missing,
        Err(SheetError::TemplateUnreadable { .. })
    ));
}

#[test]
fn a_day_without_assignments_still_prints_the_overview() {
    let mut d = desk();
    let r = d.resident("Maria", "Peeters", NATIONAL_NUMBERS[0], "nl", "Kerkstraat");
    d.request(&r, "groceries", "nl", "brood", "morning");
    let printed = d
        .reg
        .printed_day(day(), Language::En, None)
        .expect("printed");
    assert!(printed.volunteers.is_empty());
    assert_eq!(printed.overview.unassigned.len(), 1);
    let (_, written) = write(&d, None, false);
    assert!(written.volunteers.is_empty());
    assert!(written.combined.is_none(), "no empty combined file");
    assert!(text_of(&written.overview.path, None).contains("Maria Peeters"));
}

#[test]
fn a_big_day_is_typeset_in_parts_and_joined_in_order() {
    use solidesk_core::sheets::{PrintedDay, TimeSlot, Visit, VolunteerSheet};
    let (d, _) = planned_day();
    let mut day: PrintedDay = d
        .reg
        .printed_day(day(), Language::En, None)
        .expect("printed");
    let template = day.volunteers[0].visits[0].clone();
    // 120 volunteers (more than one part per core), uneven loads, languages mixed.
    day.volunteers = (0..120)
        .map(|i| VolunteerSheet {
            volunteer_id: format!("v{i}"),
            volunteer_number: i,
            name: format!("Volunteer Nummer{i:03}"),
            phone: None,
            language: [Language::Nl, Language::Fr, Language::De][i as usize % 3],
            visits: (0..1 + i as usize % 4)
                .map(|k| Visit {
                    resident_name: format!("Resident R{i:03}x{k}"),
                    time: TimeSlot {
                        part_of_day: None,
                        start: None,
                        end: None,
                    },
                    ..template.clone()
                })
                .collect(),
        })
        .collect();
    let doc = Typesetter::new(None)
        .expect("typesetter")
        .volunteers(&day, false)
        .expect("typeset");
    assert_eq!(doc.ranges().len(), 120);
    let pdf = doc.combined().expect("combined");
    assert_eq!(pdf.pages, doc.pages());
    let file = d.dir.path().join("big.pdf");
    std::fs::write(&file, &pdf.bytes).expect("write");
    assert_valid(&file);
    let mut expected_first = 1;
    for (i, (first, last)) in doc.ranges().iter().enumerate() {
        assert_eq!(
            *first, expected_first,
            "volunteer {i} follows the one before"
        );
        expected_first = last + 1;
        let text = text_of(&file, Some((*first, *last)));
        assert!(
            text.contains(&format!("Nummer{i:03}")),
            "volunteer {i} on pages {first}-{last}"
        );
        assert!(text.contains(&format!("R{i:03}x0")));
        let other = format!("R{:03}x0", (i + 1) % 120);
        assert!(
            !text.contains(&other),
            "{other} on the pages of volunteer {i}"
        );
    }
    assert_eq!(expected_first - 1, pdf.pages);
    // Each volunteer's own PDF is their pages.
    let separate = doc.separate().expect("separate");
    assert_eq!(separate.len(), 120);
    for (pdf, (first, last)) in separate.iter().zip(doc.ranges()) {
        assert_eq!(pdf.pages, last + 1 - first);
    }
}
