//! Which column holds what: headers recognised in Dutch, French, German and English, as staff
//! and their tools write them, and mappings corrected by a person and saved under a name.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::text;

/// What a column can hold. One list for both kinds of import; each kind uses its own subset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Field {
    /// A record's Solidesk id (files exported by Solidesk): matches the record exactly.
    SolideskId,
    /// Last name.
    LastName,
    /// First name.
    FirstName,
    /// Birth date.
    BirthDate,
    /// National register / BIS number.
    NationalNumber,
    /// Language (residents: one; volunteers: a list).
    Language,
    /// Street.
    Street,
    /// House number (with or without its box).
    HouseNumber,
    /// Box.
    Box,
    /// Street and number in one cell.
    Address,
    /// Postal code.
    PostalCode,
    /// Locality.
    Locality,
    /// A phone number; several columns may hold one each.
    Phone,
    /// E-mail address.
    Email,
    /// Lives alone (yes/no).
    LivesAlone,
    /// Needs.
    Needs,
    /// Notes.
    Notes,
    /// Date consent was given.
    ConsentDate,
    /// Legal basis.
    ConsentBasis,
    /// Status.
    Status,
    /// Volunteer's radius in km.
    RadiusKm,
    /// Volunteer's tasks.
    Tasks,
    /// Volunteer's weekly availability.
    Availability,
    /// Volunteer's assignments per day.
    Capacity,
    /// Known, deliberately not stored (sex, which the national number holds; amounts; the line
    /// and reason columns of a rejects file).
    Ignore,
}

impl Field {
    /// The fields a resident import fills.
    pub const RESIDENT: &[Field] = &[
        Field::SolideskId,
        Field::LastName,
        Field::FirstName,
        Field::BirthDate,
        Field::NationalNumber,
        Field::Language,
        Field::Street,
        Field::HouseNumber,
        Field::Box,
        Field::Address,
        Field::PostalCode,
        Field::Locality,
        Field::Phone,
        Field::LivesAlone,
        Field::Needs,
        Field::Notes,
        Field::ConsentDate,
        Field::ConsentBasis,
        Field::Status,
        Field::Ignore,
    ];

    /// The fields a volunteer import fills.
    pub const VOLUNTEER: &[Field] = &[
        Field::SolideskId,
        Field::LastName,
        Field::FirstName,
        Field::Phone,
        Field::Email,
        Field::Language,
        Field::PostalCode,
        Field::RadiusKm,
        Field::Tasks,
        Field::Availability,
        Field::Capacity,
        Field::Status,
        Field::Notes,
        Field::Ignore,
    ];

    /// The snake_case name (`last_name`), as `--map` and saved profiles write it.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Reads a field name as `--map` takes it.
    pub fn parse(name: &str) -> Option<Field> {
        serde_json::from_value(serde_json::Value::String(name.trim().to_ascii_lowercase())).ok()
    }
}

/// A header reduced to what identifies it: lower case, accents and everything but letters and
/// digits removed ("Numéro de registre national" → "numeroderegistrenational").
pub fn normalise_header(header: &str) -> String {
    text::fold(header)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

/// Headers per field, normalised. Each list holds the nl, fr, de and en forms staff use.
const SYNONYMS: &[(Field, &[&str])] = &[
    (Field::SolideskId, &["solideskid"]),
    (
        Field::NationalNumber,
        &[
            "rijksregisternummer",
            "rijksregisternr",
            "rijksregister",
            "rrn",
            "rrnr",
            "insz",
            "insznummer",
            "inszbis",
            "rijksregisterofbisnummer",
            "bisnummer",
            "nationaalnummer",
            "identificatienummer",
            "niss",
            "numeroniss",
            "numerodregistrenational",
            "numeroderegistrenational",
            "registrenational",
            "numeronational",
            "nrn",
            "nnbis",
            "numerobis",
            "nationalregisternummer",
            "nationalnummer",
            "nationalnumber",
            "nationalregisternumber",
            "nationalregisterno",
            "nationalid",
            "ssin",
            "inss",
        ],
    ),
    (
        Field::LastName,
        &[
            "naam",
            "familienaam",
            "achternaam",
            "nom",
            "nomdefamille",
            "nomfamille",
            "nachname",
            "familienname",
            "name",
            "lastname",
            "surname",
            "familyname",
        ],
    ),
    (
        Field::FirstName,
        &[
            "voornaam",
            "voornamen",
            "roepnaam",
            "prenom",
            "prenoms",
            "vorname",
            "vornamen",
            "firstname",
            "givenname",
            "forename",
            "firstnames",
        ],
    ),
    (
        Field::BirthDate,
        &[
            "geboortedatum",
            "geboortedag",
            "datumgeboorte",
            "geborenop",
            "datedenaissance",
            "naissance",
            "datenaissance",
            "nele",
            "geburtsdatum",
            "geburtstag",
            "geboren",
            "birthdate",
            "dateofbirth",
            "dob",
            "born",
            "birthday",
        ],
    ),
    (
        Field::Language,
        &[
            "taal",
            "talen",
            "moedertaal",
            "voertaal",
            "contacttaal",
            "langue",
            "langues",
            "languematernelle",
            "languedecontact",
            "sprache",
            "sprachen",
            "muttersprache",
            "language",
            "languages",
            "preferredlanguage",
            "lang",
        ],
    ),
    (
        Field::Street,
        &[
            "straat",
            "straatnaam",
            "rue",
            "nomderue",
            "voie",
            "strasse",
            "street",
            "streetname",
        ],
    ),
    (
        Field::HouseNumber,
        &[
            "huisnummer",
            "huisnr",
            "nr",
            "nummer",
            "no",
            "numero",
            "num",
            "ndemaison",
            "numerodemaison",
            "hausnummer",
            "hausnr",
            "housenumber",
            "number",
            "houseno",
        ],
    ),
    (
        Field::Box,
        &[
            "bus",
            "busnummer",
            "busnr",
            "boite",
            "bte",
            "boitepostale",
            "box",
            "apartment",
            "appartement",
        ],
    ),
    (
        Field::Address,
        &[
            "adres",
            "straatennummer",
            "straatenhuisnummer",
            "adresse",
            "adressecomplete",
            "rueetnumero",
            "anschrift",
            "strasseundhausnummer",
            "address",
            "streetaddress",
        ],
    ),
    (
        Field::PostalCode,
        &[
            "postcode",
            "postnummer",
            "postnr",
            "codepostal",
            "cp",
            "postleitzahl",
            "plz",
            "postalcode",
            "zip",
            "zipcode",
            "postcodegemeente",
        ],
    ),
    (
        Field::Locality,
        &[
            "gemeente",
            "woonplaats",
            "plaats",
            "deelgemeente",
            "stad",
            "localite",
            "commune",
            "ville",
            "lieu",
            "ort",
            "wohnort",
            "gemeinde",
            "stadt",
            "locality",
            "city",
            "town",
            "municipality",
            "place",
        ],
    ),
    (
        Field::Phone,
        &[
            "gsm",
            "gsmnummer",
            "telefoon",
            "telefoonnummer",
            "tel",
            "telnr",
            "mobiel",
            "mobielnummer",
            "vasttelefoon",
            "telephone",
            "numerodetelephone",
            "portable",
            "telephoneportable",
            "mobile",
            "telefon",
            "telefonnummer",
            "handy",
            "handynummer",
            "mobiltelefon",
            "phone",
            "phonenumber",
            "mobilephone",
            "cellphone",
            "cell",
            "phonee164",
            "landline",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "emailadres",
            "mail",
            "mailadres",
            "courriel",
            "adresseemail",
            "adressemail",
            "emailadresse",
            "emailaddress",
        ],
    ),
    (
        Field::LivesAlone,
        &[
            "alleenwonend",
            "woontalleen",
            "alleenstaand",
            "vitseul",
            "vitseule",
            "seul",
            "isole",
            "alleinlebend",
            "alleinstehend",
            "wohntallein",
            "livesalone",
            "alone",
        ],
    ),
    (
        Field::Needs,
        &[
            "noden",
            "behoeften",
            "hulpvraag",
            "besoins",
            "besoin",
            "bedarf",
            "bedurfnisse",
            "needs",
        ],
    ),
    (
        Field::Notes,
        &[
            "opmerkingen",
            "opmerking",
            "notities",
            "nota",
            "notas",
            "remarques",
            "remarque",
            "notes",
            "note",
            "commentaire",
            "commentaires",
            "bemerkungen",
            "bemerkung",
            "notizen",
            "anmerkungen",
            "comments",
            "comment",
            "remarks",
        ],
    ),
    (
        Field::ConsentDate,
        &[
            "toestemmingsdatum",
            "datumtoestemming",
            "toestemming",
            "dateconsentement",
            "datedeconsentement",
            "consentement",
            "einwilligungsdatum",
            "einwilligung",
            "consentdate",
            "consent",
        ],
    ),
    (
        Field::ConsentBasis,
        &[
            "rechtsgrond",
            "grondslag",
            "basejuridique",
            "baselegale",
            "fondementjuridique",
            "rechtsgrundlage",
            "consentbasis",
            "legalbasis",
            "basis",
        ],
    ),
    (
        Field::Status,
        &["status", "statut", "toestand", "etat", "zustand"],
    ),
    (
        Field::RadiusKm,
        &[
            "straal",
            "straalkm",
            "afstand",
            "maxafstand",
            "afstandkm",
            "rayon",
            "rayonkm",
            "distance",
            "distancekm",
            "umkreis",
            "umkreiskm",
            "entfernung",
            "radius",
            "radiuskm",
        ],
    ),
    (
        Field::Tasks,
        &[
            "taken", "taak", "hulp", "taches", "tache", "aide", "aufgaben", "aufgabe", "hilfe",
            "tasks", "task", "help",
        ],
    ),
    (
        Field::Availability,
        &[
            "beschikbaarheid",
            "beschikbaar",
            "disponibilite",
            "disponibilites",
            "disponible",
            "verfugbarkeit",
            "verfugbar",
            "availability",
            "available",
        ],
    ),
    (
        Field::Capacity,
        &[
            "capaciteit",
            "capaciteitperdag",
            "maxperdag",
            "capacite",
            "capaciteparjour",
            "maxparjour",
            "kapazitat",
            "kapazitatprotag",
            "maxprotag",
            "capacity",
            "capacityperday",
            "maxperday",
        ],
    ),
    (
        Field::Ignore,
        &[
            "geslacht",
            "sexe",
            "geschlecht",
            "sex",
            "gender",
            "genre",
            "origin",
            "herkomst",
            "origine",
            "herkunft",
            "regel",
            "ligne",
            "zeile",
            "line",
            "reden",
            "motif",
            "grund",
            "reason",
            "lijn",
        ],
    ),
];

/// The field a header names, if it is one Solidesk knows (`kind` decides between fields the
/// two kinds share a word for). A trailing number is ignored ("GSM 2", "Phone2").
pub fn recognise(header: &str, allowed: &[Field]) -> Option<Field> {
    let n = normalise_header(header);
    let stripped = n.trim_end_matches(|c: char| c.is_ascii_digit());
    for key in [n.as_str(), stripped] {
        if key.is_empty() {
            continue;
        }
        for (field, words) in SYNONYMS {
            if allowed.contains(field) && words.contains(&key) {
                return Some(*field);
            }
        }
    }
    // Headers with a unit or a qualifier: "Leefloon (EUR)" stays unknown, "GSM-nummer
    // (privé)" is a phone.
    for (field, words) in SYNONYMS {
        if *field == Field::Ignore || !allowed.contains(field) {
            continue;
        }
        if words.iter().any(|w| w.len() >= 4 && n.starts_with(w)) {
            return Some(*field);
        }
    }
    None
}

/// How one column of the file is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Column {
    /// The header as written in the file.
    pub header: String,
    /// The field it fills; `None` when unrecognised (the column is not imported).
    pub field: Option<Field>,
    /// `recognised`, `profile` (a saved mapping said so) or `user` (corrected for this run).
    pub by: String,
}

/// A correction to the automatic mapping: this header is that field (or `Field::Ignore`).
pub type Overrides = BTreeMap<String, Field>;

/// Maps every header: the person's corrections first, then the saved profile, then recognition.
/// Corrections and profiles are keyed by the normalised header, so "GSM" and "gsm " agree.
pub fn map_headers(
    headers: &[String],
    allowed: &[Field],
    profile: Option<&Overrides>,
    overrides: &Overrides,
) -> Vec<Column> {
    let normalised_overrides: BTreeMap<String, Field> = overrides
        .iter()
        .map(|(h, f)| (normalise_header(h), *f))
        .collect();
    headers
        .iter()
        .map(|h| {
            let key = normalise_header(h);
            let (field, by) = if let Some(f) = normalised_overrides.get(&key) {
                (Some(*f), "user")
            } else if let Some(f) = profile.and_then(|p| p.get(&key)) {
                (Some(*f), "profile")
            } else {
                (recognise(h, allowed), "recognised")
            };
            Column {
                header: h.clone(),
                field,
                by: by.to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Naam", Field::LastName)]
    #[case("Familienaam", Field::LastName)]
    #[case("NOM", Field::LastName)]
    #[case("Prénom", Field::FirstName)]
    #[case("Rijksregisternummer", Field::NationalNumber)]
    #[case("NISS", Field::NationalNumber)]
    #[case("INSZ", Field::NationalNumber)]
    #[case("Numéro de registre national", Field::NationalNumber)]
    #[case("GSM", Field::Phone)]
    #[case("GSM 2", Field::Phone)]
    #[case("Code postal", Field::PostalCode)]
    #[case(" code  POSTAL ", Field::PostalCode)]
    #[case("Postleitzahl", Field::PostalCode)]
    #[case("Date de naissance", Field::BirthDate)]
    #[case("Geboortedatum", Field::BirthDate)]
    #[case("Localité", Field::Locality)]
    #[case("Numéro", Field::HouseNumber)]
    #[case("Straße", Field::Street)]
    #[case("phone_e164", Field::Phone)]
    #[case("national_number", Field::NationalNumber)]
    #[case("Geslacht", Field::Ignore)]
    #[case("Solidesk ID", Field::SolideskId)]
    #[case("Phone 2", Field::Phone)]
    #[case("Lives alone", Field::LivesAlone)]
    fn recognises_headers_in_four_languages(#[case] header: &str, #[case] field: Field) {
        assert_eq!(recognise(header, Field::RESIDENT), Some(field), "{header}");
    }

    #[rstest]
    #[case("Leefloon (EUR)")]
    #[case("Montant RIS (EUR)")]
    #[case("Kleur")]
    fn leaves_unknown_headers_unmapped(#[case] header: &str) {
        assert_eq!(recognise(header, Field::RESIDENT), None, "{header}");
    }

    #[test]
    fn corrections_beat_profiles_beat_recognition() {
        let headers = vec!["Naam".to_owned(), "Kleur".to_owned(), "GSM".to_owned()];
        let profile: Overrides = [("kleur".to_owned(), Field::Notes)].into();
        let user: Overrides = [("GSM ".to_owned(), Field::Ignore)].into();
        let cols = map_headers(&headers, Field::RESIDENT, Some(&profile), &user);
        assert_eq!(cols[0].field, Some(Field::LastName));
        assert_eq!(
            (cols[1].field, cols[1].by.as_str()),
            (Some(Field::Notes), "profile")
        );
        assert_eq!(
            (cols[2].field, cols[2].by.as_str()),
            (Some(Field::Ignore), "user")
        );
    }

    #[test]
    fn field_names_round_trip() {
        for f in Field::RESIDENT.iter().chain(Field::VOLUNTEER) {
            assert_eq!(Field::parse(&f.name()), Some(*f));
        }
    }
}
