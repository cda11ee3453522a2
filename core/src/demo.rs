//! A demo register: realistic, synthetic residents, volunteers and requests.
//!
//! For trying Solidesk without real personal data, for screenshots, and for benchmarks at the
//! size of a city. Names follow Statbel's 2022 frequencies per region, addresses are spread over
//! postal codes in proportion to their number of addresses (BeST), languages follow the language
//! area (Brussels mixes), residents are mostly elderly, and national numbers and phone numbers
//! are valid. Everything is drawn from one seeded generator (ChaCha8) and ids are minted from it,
//! so the same seed gives the same register on any machine; only request dates follow `today`.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{
    Channel, ConsentBasis, Language, PartOfDay, ResidentStatus, Task, Urgency, VolunteerStatus,
};
use crate::postal::{self, PostalCode};
use crate::recurrence::Recurrence;
use crate::register::Register;
use crate::requests::{self, ValidHelpRequest};
use crate::residents::{ResidentWriter, ValidResident};
use crate::volunteers::{self, ValidVolunteer};

const FIRST_NAMES: &str = include_str!("../data/be_first_names_statbel2022.csv");
const LAST_NAMES: &str = include_str!("../data/be_last_names_statbel2022.csv");
const STREETS: &str = include_str!("../data/be_streets_sample_crab.csv");

/// What to generate.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// Residents.
    pub residents: u64,
    /// Volunteers.
    pub volunteers: u64,
    /// Requests; `None` = one for every four residents.
    pub requests: Option<u64>,
    /// Seed of the generator.
    pub seed: u64,
    /// The first day requests are due.
    pub today: NaiveDate,
    /// Days the requests spread over, from `today` (8 by default; 1 puts a whole city's day on
    /// one date, as the matching benchmark wants).
    pub days: u32,
    /// Only postal codes starting with one of these (e.g. `["9"]` for East Flanders, `["10",
    /// "11", "12"]` for Brussels); empty = all of Belgium.
    pub region: Vec<String>,
}

impl DemoOptions {
    /// The defaults of `solidesk demo`: 2,000 residents, 300 volunteers, a request for every
    /// four residents over eight days from `today`, all of Belgium.
    pub fn new(today: NaiveDate) -> Self {
        DemoOptions {
            residents: 2000,
            volunteers: 300,
            requests: None,
            seed: 1,
            today,
            days: 8,
            region: Vec::new(),
        }
    }
}

/// What was generated.
#[derive(Debug, Clone, Serialize)]
pub struct DemoSummary {
    /// Residents created.
    pub residents: u64,
    /// Volunteers created.
    pub volunteers: u64,
    /// Requests created.
    pub requests: u64,
    /// Of which repeat.
    pub recurring: u64,
}

/// A table of weighted choices, drawn by binary search over cumulative weights.
struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T> Weighted<T> {
    fn new(pairs: impl IntoIterator<Item = (T, u64)>) -> Self {
        let mut items = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0;
        for (item, weight) in pairs {
            if weight == 0 {
                continue;
            }
            total += weight;
            items.push(item);
            cumulative.push(total);
        }
        Self { items, cumulative }
    }

    fn pick(&self, rng: &mut ChaCha8Rng) -> &T {
        let total = self.cumulative.last().copied().unwrap_or(1);
        let x = rng.random_range(0..total);
        let i = self.cumulative.partition_point(|&c| c <= x);
        &self.items[i.min(self.items.len() - 1)]
    }
}

/// Which name lists a language area draws from.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum NameRegion {
    Flemish,
    Walloon,
}

struct Names {
    first: HashMap<(NameRegion, bool), Weighted<String>>,
    last: HashMap<NameRegion, Weighted<String>>,
}

fn region_of(label: &str) -> NameRegion {
    if label.starts_with("Flemish") {
        NameRegion::Flemish
    } else {
        NameRegion::Walloon
    }
}

fn load_names() -> Names {
    let mut first: HashMap<(NameRegion, bool), Vec<(String, u64)>> = HashMap::new();
    for r in csv::Reader::from_reader(FIRST_NAMES.as_bytes())
        .records()
        .flatten()
    {
        let key = (region_of(&r[0]), &r[1] == "F");
        first
            .entry(key)
            .or_default()
            .push((r[3].to_owned(), r[4].parse().unwrap_or(1)));
    }
    let mut last: HashMap<NameRegion, Vec<(String, u64)>> = HashMap::new();
    for r in csv::Reader::from_reader(LAST_NAMES.as_bytes())
        .records()
        .flatten()
    {
        last.entry(region_of(&r[0]))
            .or_default()
            .push((r[2].to_owned(), r[3].parse().unwrap_or(1)));
    }
    Names {
        first: first
            .into_iter()
            .map(|(k, v)| (k, Weighted::new(v)))
            .collect(),
        last: last
            .into_iter()
            .map(|(k, v)| (k, Weighted::new(v)))
            .collect(),
    }
}

const STREETS_NL: &[&str] = &[
    "Kerkstraat",
    "Stationsstraat",
    "Dorpsstraat",
    "Molenstraat",
    "Schoolstraat",
    "Nieuwstraat",
    "Kapelstraat",
    "Beekstraat",
    "Veldstraat",
    "Lindenlaan",
    "Kouter",
    "Markt",
    "Hoogstraat",
    "Zandstraat",
    "Bosstraat",
    "Kasteelstraat",
    "Meersstraat",
    "Populierenlaan",
    "Heirweg",
    "Bergstraat",
    "Sint-Jansstraat",
    "Grote Baan",
    "Eikenlaan",
    "Pastoriestraat",
];
const STREETS_FR: &[&str] = &[
    "Rue de la Station",
    "Rue de l'Église",
    "Rue du Moulin",
    "Rue de la Gare",
    "Place communale",
    "Rue Haute",
    "Chaussée de Bruxelles",
    "Rue des Écoles",
    "Rue du Château",
    "Rue de la Chapelle",
    "Avenue des Tilleuls",
    "Rue Neuve",
    "Rue du Centre",
    "Rue des Prés",
    "Rue du Bois",
    "Rue de Namur",
    "Rue Saint-Martin",
    "Rue de Liège",
    "Rue des Champs",
    "Rue Émile Vandervelde",
    "Rue de la Fontaine",
    "Avenue Reine Astrid",
    "Rue du Cœur",
    "Rue François Bovesse",
];
const STREETS_DE: &[&str] = &[
    "Hauptstraße",
    "Kirchstraße",
    "Bahnhofstraße",
    "Schulstraße",
    "Aachener Straße",
    "Neustraße",
    "Bergstraße",
    "Mühlenweg",
    "Klosterstraße",
    "Marktplatz",
    "Lindenallee",
    "Talstraße",
];

fn shopping(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::Nl => &[
            "brood",
            "melk",
            "boter",
            "kaas",
            "eieren",
            "appels",
            "bananen",
            "koffie",
            "thee",
            "suiker",
            "soep",
            "aardappelen",
            "wortelen",
            "yoghurt",
            "ham",
            "confituur",
            "wc-papier",
            "afwasmiddel",
            "rijst",
            "pasta",
            "sinaasappelsap",
            "koekjes",
        ],
        Language::Fr => &[
            "pain",
            "lait",
            "beurre",
            "fromage",
            "œufs",
            "pommes",
            "bananes",
            "café",
            "thé",
            "sucre",
            "soupe",
            "pommes de terre",
            "carottes",
            "yaourt",
            "jambon",
            "confiture",
            "papier toilette",
            "liquide vaisselle",
            "riz",
            "pâtes",
            "jus d'orange",
            "biscuits",
        ],
        Language::De => &[
            "Brot",
            "Milch",
            "Butter",
            "Käse",
            "Eier",
            "Äpfel",
            "Bananen",
            "Kaffee",
            "Tee",
            "Zucker",
            "Suppe",
            "Kartoffeln",
            "Möhren",
            "Joghurt",
            "Schinken",
            "Marmelade",
            "Toilettenpapier",
            "Spülmittel",
            "Reis",
            "Nudeln",
            "Orangensaft",
            "Kekse",
        ],
        Language::En => &[
            "bread",
            "milk",
            "butter",
            "cheese",
            "eggs",
            "apples",
            "bananas",
            "coffee",
            "tea",
            "sugar",
            "soup",
            "potatoes",
            "carrots",
            "yoghurt",
            "ham",
            "jam",
            "toilet paper",
            "washing-up liquid",
            "rice",
            "pasta",
            "orange juice",
            "biscuits",
        ],
    }
}

fn task_note(task: Task, lang: Language) -> &'static str {
    use Language::*;
    use Task::*;
    match (task, lang) {
        (Pharmacy, Nl) => "Voorschrift ophalen bij de apotheek.",
        (Pharmacy, Fr) => "Aller chercher l'ordonnance à la pharmacie.",
        (Pharmacy, De) => "Rezept in der Apotheke abholen.",
        (Pharmacy, En) => "Collect the prescription at the pharmacy.",
        (Errands, Nl) => "Brief posten en facturen betalen bij de bank.",
        (Errands, Fr) => "Poster une lettre et payer des factures à la banque.",
        (Errands, De) => "Brief einwerfen und Rechnungen bei der Bank bezahlen.",
        (Errands, En) => "Post a letter and pay bills at the bank.",
        (Accompaniment, Nl) => "Begeleiden naar de huisarts.",
        (Accompaniment, Fr) => "Accompagner chez le médecin.",
        (Accompaniment, De) => "Zum Hausarzt begleiten.",
        (Accompaniment, En) => "Go with them to the doctor.",
        (PhoneCheckin | Chat, Nl) => "Even bellen om te horen hoe het gaat.",
        (PhoneCheckin | Chat, Fr) => "Appeler pour prendre des nouvelles.",
        (PhoneCheckin | Chat, De) => "Anrufen und fragen, wie es geht.",
        (PhoneCheckin | Chat, En) => "Call to hear how they are doing.",
        (Groceries, _) => "",
    }
}

fn needs(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::Nl => &[
            "slechthorend",
            "rolstoel",
            "diabetes: suikervrij",
            "rollator",
            "slechtziend",
        ],
        Language::Fr => &[
            "malentendant",
            "fauteuil roulant",
            "diabète : sans sucre",
            "déambulateur",
            "malvoyant",
        ],
        Language::De => &[
            "schwerhörig",
            "Rollstuhl",
            "Diabetes: zuckerfrei",
            "Rollator",
            "sehbehindert",
        ],
        Language::En => &[
            "hard of hearing",
            "wheelchair",
            "diabetic: sugar-free",
            "walking frame",
            "visually impaired",
        ],
    }
}

/// Landline zones outside the four one-digit ones (libphonenumber-valid, with 2–8 after the zone).
const TWO_DIGIT_ZONES: &[&str] = &[
    "10", "11", "12", "13", "14", "15", "16", "19", "50", "51", "52", "53", "54", "55", "56", "57",
    "58", "59", "60", "61", "63", "64", "65", "67", "68", "69", "71", "80", "81", "82", "83", "84",
    "85", "86", "87", "89",
];

fn digits(rng: &mut ChaCha8Rng, n: usize) -> String {
    (0..n)
        .map(|_| char::from(b'0' + rng.random_range(0..10u8)))
        .collect()
}

fn mobile(rng: &mut ChaCha8Rng) -> String {
    let range = [
        "470", "471", "472", "473", "474", "475", "476", "477", "478", "479", "484", "485", "486",
        "487", "488", "489", "490", "491", "492", "493", "494", "495", "496", "497", "498", "499",
        "456", "460", "465", "466", "467", "468",
    ];
    format!(
        "+32{}{}",
        range[rng.random_range(0..range.len())],
        digits(rng, 6)
    )
}

/// Beginnings of landline numbers (zone and two subscriber digits) that libphonenumber accepts,
/// worked out once: not every subscriber range of every zone is allocated (`09 1…` is not).
struct LandlinePrefixes {
    /// Per one-digit zone (Brussels 2, Antwerp 3, Liège 4, Gent 9).
    one_digit: HashMap<char, Vec<String>>,
    /// All two-digit zones together.
    two_digit: Vec<String>,
}

impl LandlinePrefixes {
    fn new() -> Self {
        let valid =
            |prefix: &str, rest: &str| crate::phone::parse(&format!("{prefix}{rest}")).is_ok();
        let mut one_digit = HashMap::new();
        for zone in ['2', '3', '4', '9'] {
            let list = (10..100)
                .map(|n| format!("+32{zone}{n}"))
                .filter(|p| valid(p, "12345") && valid(p, "98760"))
                .collect();
            one_digit.insert(zone, list);
        }
        let two_digit = TWO_DIGIT_ZONES
            .iter()
            .flat_map(|zone| (10..100).map(move |n| format!("+32{zone}{n}")))
            .filter(|p| valid(p, "1234") && valid(p, "9876"))
            .collect();
        Self {
            one_digit,
            two_digit,
        }
    }

    fn number(&self, rng: &mut ChaCha8Rng, postal_code: &str) -> String {
        let zone = match postal_code.as_bytes().first() {
            Some(b'1') if postal_code < "1300" => Some('2'),
            Some(b'2') => Some('3'),
            Some(b'4') => Some('4'),
            Some(b'9') => Some('9'),
            _ => None,
        };
        match zone
            .and_then(|z| self.one_digit.get(&z))
            .filter(|l| !l.is_empty())
        {
            Some(list) => format!(
                "{}{}",
                list[rng.random_range(0..list.len())],
                digits(rng, 5)
            ),
            None => {
                let list = &self.two_digit;
                format!(
                    "{}{}",
                    list[rng.random_range(0..list.len())],
                    digits(rng, 4)
                )
            }
        }
    }
}

/// Ids from the seeded generator: UUIDv7 layout with a fixed time base, so a seed reproduces them.
struct DemoIds {
    millis: u64,
}

impl DemoIds {
    fn next(&mut self, rng: &mut ChaCha8Rng) -> String {
        self.millis += 1;
        let mut bytes = [0u8; 10];
        rng.fill(&mut bytes);
        uuid::Builder::from_unix_timestamp_millis(self.millis, &bytes)
            .into_uuid()
            .to_string()
    }
}

fn national_number(birth: NaiveDate, counter: u32) -> String {
    let yy = birth.year() % 100;
    let first_nine = u64::from(yy as u32) * 10_000_000
        + u64::from(birth.month()) * 100_000
        + u64::from(birth.day()) * 1_000
        + u64::from(counter);
    let base = if birth.year() >= 2000 {
        2_000_000_000 + first_nine
    } else {
        first_nine
    };
    format!("{first_nine:09}{:02}", 97 - base % 97)
}

impl Register {
    /// Fills an empty register with demo data, in one transaction.
    #[tracing::instrument(skip_all, err)]
    pub fn fill_demo(&mut self, options: &DemoOptions) -> Result<DemoSummary> {
        if self.count_residents()? > 0 || self.count_volunteers()? > 0 {
            return Err(Error::invalid(
                "demo",
                "this register already holds people; the demo only fills an empty register",
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
        // 2026-01-01T00:00:00Z: ids look like ones minted this year, whatever the clock says.
        let mut ids = DemoIds {
            millis: 1_767_225_600_000,
        };
        let people = People::in_region(&options.region)?;
        let now = crate::now();
        // Bulk load: a bigger page cache for the one large transaction.
        self.conn.pragma_update(None, "cache_size", -262_144)?;

        let summary = self.with_tx(|tx| {
            let mut writer = ResidentWriter::new(tx, crate::now())?;
            let mut counters: HashMap<NaiveDate, u32> = HashMap::new();
            let mut resident_ids: Vec<(String, Language)> =
                Vec::with_capacity(options.residents as usize);
            for _ in 0..options.residents {
                let resident = people.resident(&mut rng, &mut ids, &mut counters, options.today);
                resident_ids.push((resident.id.clone(), resident.language));
                writer.insert(&resident)?;
            }
            drop(writer);

            for _ in 0..options.volunteers {
                let v = make_volunteer(&mut rng, &mut ids, &people.names, &people.codes);
                volunteers::insert(tx, &v, &now)?;
            }

            let wanted = options.requests.unwrap_or(options.residents / 4);
            let mut recurring = 0;
            let mut created = 0;
            if !resident_ids.is_empty() {
                for _ in 0..wanted {
                    let (resident_id, lang) =
                        &resident_ids[rng.random_range(0..resident_ids.len())];
                    let q = make_request(
                        &mut rng,
                        &mut ids,
                        resident_id.clone(),
                        *lang,
                        options.today,
                        options.days.max(1),
                    );
                    recurring += u64::from(q.recurrence.is_some());
                    requests::insert(tx, &q, &now)?;
                    created += 1;
                }
            }
            tx.execute(
                "UPDATE office_settings SET name = 'OCMW Demo / CPAS Démo', phone = '+3225123456',
                     updated_at = ?1 WHERE id = 1",
                [&now],
            )?;
            Ok(DemoSummary {
                residents: options.residents,
                volunteers: options.volunteers,
                requests: created,
                recurring,
            })
        });
        self.conn
            .pragma_update(None, "cache_size", crate::register::CACHE_SIZE_KIB)?;
        // Fold the bulk write into the register file now rather than at some later commit.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        summary
    }
}

fn language_for(rng: &mut ChaCha8Rng, area: &str) -> (Language, NameRegion) {
    match area {
        "nl" => (Language::Nl, NameRegion::Flemish),
        "de" => (Language::De, NameRegion::Walloon),
        "nl+fr" => match rng.random_range(0..100) {
            0..35 => (Language::Nl, NameRegion::Flemish),
            35..95 => (Language::Fr, NameRegion::Walloon),
            _ => (Language::En, NameRegion::Walloon),
        },
        _ => (Language::Fr, NameRegion::Walloon),
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

/// What residents are drawn from: names, places, streets, phone prefixes.
struct People {
    names: Names,
    landlines: LandlinePrefixes,
    codes: Weighted<&'static PostalCode>,
    crab: HashMap<String, Vec<String>>,
}

impl People {
    fn new() -> Self {
        Self::in_region(&[]).unwrap_or_else(|_| unreachable!("all of Belgium has postal codes"))
    }

    /// People living in postal codes that start with one of `region` (all when empty).
    fn in_region(region: &[String]) -> Result<Self> {
        let in_region =
            |code: &str| region.is_empty() || region.iter().any(|r| code.starts_with(r.trim()));
        let places: Vec<_> = postal::all()
            .into_iter()
            .filter(|p| p.lat.is_some() && in_region(&p.code))
            .map(|p| (p, u64::from(p.address_count)))
            .collect();
        if places.is_empty() {
            return Err(Error::invalid(
                "region",
                format!("no Belgian postal code starts with {}", region.join(" or ")),
            ));
        }
        let codes = Weighted::new(places);
        let mut crab: HashMap<String, Vec<String>> = HashMap::new();
        for r in csv::Reader::from_reader(STREETS.as_bytes())
            .records()
            .flatten()
        {
            crab.entry(r[0].to_owned())
                .or_default()
                .push(r[4].to_owned());
        }
        Ok(Self {
            names: load_names(),
            landlines: LandlinePrefixes::new(),
            codes,
            crab,
        })
    }

    fn resident(
        &self,
        rng: &mut ChaCha8Rng,
        ids: &mut DemoIds,
        counters: &mut HashMap<NaiveDate, u32>,
        today: NaiveDate,
    ) -> ValidResident {
        make_resident(rng, ids, self, counters, today)
    }
}

/// Writes `n` synthetic residents as a municipality's Excel export would hold them (Dutch
/// headers, `;`, UTF-8 with BOM, day-first dates, national numbers as digits, phones as people
/// write them): realistic input for import tests and benchmarks. Returns the rows written.
pub fn write_resident_list(
    dest: &std::path::Path,
    n: u64,
    seed: u64,
    today: NaiveDate,
) -> Result<u64> {
    use std::io::Write;
    let file_err = |source| Error::File {
        action: "write",
        path: dest.to_owned(),
        source,
    };
    let mut file = std::io::BufWriter::new(std::fs::File::create(dest).map_err(file_err)?);
    file.write_all("\u{feff}".as_bytes()).map_err(file_err)?;
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .from_writer(file);
    out.write_record([
        "Rijksregisternummer",
        "Naam",
        "Voornaam",
        "Geboortedatum",
        "Straat",
        "Huisnummer",
        "Bus",
        "Postcode",
        "Gemeente",
        "Telefoon",
        "GSM",
        "Taal",
        "Alleenwonend",
    ])?;
    let people = People::new();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut ids = DemoIds {
        millis: 1_767_225_600_000,
    };
    let mut counters = HashMap::new();
    for _ in 0..n {
        let r = people.resident(&mut rng, &mut ids, &mut counters, today);
        let (landline, mobile): (Vec<&String>, Vec<&String>) =
            r.phones.iter().partition(|p| !p.starts_with("+324"));
        let national =
            |p: Option<&&String>| p.map(|p| crate::phone::display(p)).unwrap_or_default();
        out.write_record([
            r.national_number.clone().unwrap_or_default(),
            r.last_name,
            r.first_name,
            r.birth_date
                .map(|d| d.format("%-d/%m/%Y").to_string())
                .unwrap_or_default(),
            r.street,
            r.house_number,
            r.box_number,
            r.postal_code.unwrap_or_default(),
            r.locality,
            national(landline.first()),
            national(mobile.first()),
            r.language.as_str().to_uppercase(),
            match r.lives_alone {
                Some(true) => "ja".into(),
                Some(false) => "nee".into(),
                None => String::new(),
            },
        ])?;
    }
    out.flush().map_err(file_err)?;
    Ok(n)
}

fn make_resident(
    rng: &mut ChaCha8Rng,
    ids: &mut DemoIds,
    people: &People,
    counters: &mut HashMap<NaiveDate, u32>,
    today: NaiveDate,
) -> ValidResident {
    let (names, codes, crab, landlines) = (
        &people.names,
        &people.codes,
        &people.crab,
        &people.landlines,
    );
    let place: &PostalCode = codes.pick(rng);
    let (language, region) = language_for(rng, &place.language_area);
    let female = rng.random_bool(0.58); // more women than men among the elderly who live alone
    let first_name = names.first[&(region, female)].pick(rng).clone();
    let last_name = names.last[&region].pick(rng).clone();
    let age_days = if rng.random_bool(0.85) {
        rng.random_range(65 * 365..100 * 365)
    } else {
        rng.random_range(25 * 365..65 * 365)
    };
    let birth = today - Days::new(age_days);
    let national_number = rng.random_bool(0.75).then(|| {
        let counter = counters.entry(birth).or_insert(if female { 0 } else { 1 });
        // Odd counters for men, even for women; wrap within 001–998 (cannot collide in practice:
        // 14 people a day on average even for half a million residents).
        *counter = if *counter + 2 > 998 {
            if female { 2 } else { 1 }
        } else {
            *counter + 2
        };
        national_number(birth, *counter)
    });
    let street = match crab.get(place.code.as_str()) {
        Some(streets) if language == Language::Nl => {
            streets[rng.random_range(0..streets.len())].as_str()
        }
        _ => match language {
            Language::Nl => pick(rng, STREETS_NL),
            Language::De => pick(rng, STREETS_DE),
            _ => pick(rng, STREETS_FR),
        },
    }
    .to_owned();
    let mut house_number = rng.random_range(1..250).to_string();
    if rng.random_bool(0.08) {
        house_number.push(char::from(b'A' + rng.random_range(0..3u8)));
    }
    let box_number = if rng.random_bool(0.12) {
        rng.random_range(1..30).to_string()
    } else {
        String::new()
    };
    let mut phones = Vec::new();
    if rng.random_bool(0.7) {
        phones.push(landlines.number(rng, &place.code));
    }
    if phones.is_empty() || rng.random_bool(0.5) {
        phones.push(mobile(rng));
    }
    phones.dedup();
    let need = if rng.random_bool(0.3) {
        pick(rng, needs(language)).to_owned()
    } else {
        String::new()
    };
    ValidResident {
        id: ids.next(rng),
        first_name,
        last_name,
        birth_date: Some(birth),
        national_number,
        language,
        street,
        house_number,
        box_number,
        postal_code: Some(place.code.clone()),
        locality: place.locality_in(language).to_owned(),
        coordinates: place.lat.zip(place.lon),
        phones,
        lives_alone: Some(rng.random_bool(0.55)),
        needs: need,
        notes: String::new(),
        consent_date: Some(today - Days::new(rng.random_range(1..730))),
        consent_basis: Some(if rng.random_bool(0.7) {
            ConsentBasis::PublicTask
        } else {
            ConsentBasis::Consent
        }),
        status: ResidentStatus::Active,
        source: "demo".to_owned(),
    }
}

fn make_volunteer(
    rng: &mut ChaCha8Rng,
    ids: &mut DemoIds,
    names: &Names,
    codes: &Weighted<&'static PostalCode>,
) -> ValidVolunteer {
    let place: &'static PostalCode = codes.pick(rng);
    let (language, region) = language_for(rng, &place.language_area);
    let female = rng.random_bool(0.55);
    let first_name = names.first[&(region, female)].pick(rng).clone();
    let last_name = names.last[&region].pick(rng).clone();
    let mut languages = vec![language];
    match language {
        Language::Nl if rng.random_bool(0.35) => languages.push(Language::Fr),
        Language::Fr if rng.random_bool(0.25) => languages.push(Language::Nl),
        Language::De if rng.random_bool(0.6) => languages.push(Language::Fr),
        _ => {}
    }
    if language != Language::En && rng.random_bool(0.25) {
        languages.push(Language::En);
    }
    languages.sort();
    let mut tasks: Vec<Task> = Task::ALL
        .iter()
        .copied()
        .filter(|_| rng.random_bool(0.45))
        .collect();
    if tasks.is_empty() {
        tasks.push(Task::ALL[rng.random_range(0..Task::ALL.len())]);
    }
    let mut availability = Vec::new();
    for _ in 0..rng.random_range(2..9) {
        let day = rng.random_range(1..=7u8);
        let part = PartOfDay::ALL[rng.random_range(0..3)];
        availability.push((day, part));
    }
    availability.sort();
    availability.dedup();
    let status = match rng.random_range(0..100) {
        0..92 => VolunteerStatus::Active,
        92..97 => VolunteerStatus::Paused,
        _ => VolunteerStatus::Left,
    };
    let email_name = crate::text::words(&format!("{first_name} {last_name}")).join(".");
    ValidVolunteer {
        id: ids.next(rng),
        email: format!("{email_name}@example.org"),
        first_name,
        last_name,
        phone: Some(mobile(rng)),
        postal: place,
        languages,
        tasks,
        availability,
        radius_km: f64::from(rng.random_range(2..=15u32)),
        capacity_per_day: rng.random_range(1..=4),
        status,
        notes: String::new(),
    }
}

fn make_request(
    rng: &mut ChaCha8Rng,
    ids: &mut DemoIds,
    resident_id: String,
    language: Language,
    today: NaiveDate,
    days: u32,
) -> ValidHelpRequest {
    let kind = *Weighted::new([
        (Task::Groceries, 35),
        (Task::Pharmacy, 20),
        (Task::Errands, 10),
        (Task::PhoneCheckin, 15),
        (Task::Chat, 10),
        (Task::Accompaniment, 10),
    ])
    .pick(rng);
    let due_date = today + Days::new(rng.random_range(0..u64::from(days)));
    let part_of_day = rng
        .random_bool(0.8)
        .then(|| PartOfDay::ALL[rng.random_range(0..3)]);
    let window = match part_of_day {
        Some(part) if rng.random_bool(0.3) => {
            let start = match part {
                PartOfDay::Morning => rng.random_range(8..11),
                PartOfDay::Afternoon => rng.random_range(12..16),
                PartOfDay::Evening => rng.random_range(17..19),
            };
            Some((format!("{start:02}:00"), format!("{:02}:00", start + 1)))
        }
        _ => None,
    };
    let recurrence = rng.random_bool(0.25).then(|| match kind {
        Task::PhoneCheckin | Task::Chat if rng.random_bool(0.3) => Recurrence::Daily { every: 2 },
        _ if rng.random_bool(0.2) => Recurrence::Weekly {
            every: 2,
            days: Vec::new(),
        },
        _ => Recurrence::Weekly {
            every: 1,
            days: Vec::new(),
        },
    });
    let urgency = match rng.random_range(0..100) {
        0..5 => Urgency::Urgent,
        5..20 => Urgency::High,
        20..85 => Urgency::Normal,
        _ => Urgency::Low,
    };
    let notes = if kind == Task::Groceries {
        let items = shopping(language);
        let n = rng.random_range(3..12);
        (0..n)
            .map(|_| pick(rng, items))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        task_note(kind, language).to_owned()
    };
    let channel = match rng.random_range(0..10) {
        0 => Channel::WalkIn,
        1 => Channel::Email,
        _ => Channel::Phone,
    };
    ValidHelpRequest {
        id: ids.next(rng),
        resident_id,
        kind,
        due_date,
        part_of_day,
        window,
        recurrence,
        repeat_until: None,
        urgency,
        language: None,
        notes,
        channel,
        created_by: "demo".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(seed: u64) -> DemoOptions {
        DemoOptions {
            residents: 400,
            volunteers: 60,
            seed,
            ..DemoOptions::new(NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"))
        }
    }

    #[test]
    fn demo_people_pass_the_same_validation_as_typed_ones() {
        let mut reg = Register::open_in_memory().expect("register");
        let summary = reg.fill_demo(&options(7)).expect("demo");
        assert_eq!(
            (summary.residents, summary.volunteers, summary.requests),
            (400, 60, 100)
        );
        let today = options(7).today;
        for hit in reg.list_residents(400, 0).expect("list") {
            let r = reg.resident(&hit.id).expect("resident");
            if let Some(nn) = &r.national_number {
                let parsed =
                    crate::national_number::parse(nn, today).expect("valid national number");
                assert_eq!(parsed.birth_date, r.birth_date, "{nn}");
            }
            assert!(!r.phones.is_empty());
            for p in &r.phones {
                assert_eq!(crate::phone::parse(p).expect("valid phone").e164(), *p);
            }
            assert!(
                r.postal_code
                    .as_deref()
                    .and_then(crate::postal::lookup)
                    .is_some()
            );
        }
        let week = reg
            .list_requests(today, today + Days::new(7), None)
            .expect("requests");
        assert!(
            week.len() >= 100,
            "recurring requests add occurrences: {}",
            week.len()
        );
    }

    #[test]
    fn same_seed_same_register_other_seed_other_register() {
        let dump = |seed| {
            let mut reg = Register::open_in_memory().expect("register");
            reg.fill_demo(&options(seed)).expect("demo");
            reg.list_residents(1000, 0).expect("list")
        };
        assert_eq!(dump(1), dump(1));
        assert_ne!(dump(1), dump(2));
    }

    #[test]
    fn refuses_a_register_that_holds_people() {
        let mut reg = Register::open_in_memory().expect("register");
        reg.fill_demo(&options(1)).expect("demo");
        assert!(reg.fill_demo(&options(2)).is_err());
        assert_eq!(reg.count_residents().expect("count"), 400);
    }
}
