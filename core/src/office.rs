//! The office that keeps the register: its NIS code, name, languages and neighbourhood.

use rusqlite::params;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Language;
use crate::postal;
use crate::register::Register;

/// The office's settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct OfficeSettings {
    /// NIS code of the municipality the office serves.
    pub nis_code: Option<String>,
    /// Name ("OCMW Gent").
    pub name: String,
    /// Phone number for volunteers and residents, E.164.
    pub phone: Option<String>,
    /// Language of the office's documents when a person's own is unknown.
    pub default_language: Language,
    /// Postal codes the office serves.
    pub postal_codes: Vec<String>,
    /// How far an in-person task may take a volunteer, whatever their own radius (km).
    pub neighbourhood_km: f64,
}

/// Changes to the settings; `None` keeps what is there.
#[derive(Debug, Clone, Default)]
pub struct OfficeUpdate {
    /// NIS code; its postal codes become the served ones unless `postal_codes` is given.
    pub nis_code: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Phone, any written form.
    pub phone: Option<String>,
    /// Language code or name.
    pub default_language: Option<String>,
    /// Postal codes served.
    pub postal_codes: Option<Vec<String>>,
    /// Neighbourhood limit for in-person tasks, km (more than 0, at most 100).
    pub neighbourhood_km: Option<f64>,
}

impl Register {
    /// The office's settings.
    pub fn office(&self) -> Result<OfficeSettings> {
        let (nis_code, name, phone, default_language, neighbourhood_km) = self.conn.query_row(
            "SELECT nis_code, name, phone, default_language, neighbourhood_km
             FROM office_settings WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT postal_code FROM office_postal_code ORDER BY postal_code")?;
        let postal_codes = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(OfficeSettings {
            nis_code,
            name,
            phone,
            default_language,
            postal_codes,
            neighbourhood_km,
        })
    }

    /// Validates and stores changes to the settings, all at once.
    pub fn update_office(&mut self, update: &OfficeUpdate) -> Result<OfficeSettings> {
        let mut current = self.office()?;
        if let Some(nis) = update.nis_code.as_deref().map(str::trim) {
            let m = postal::municipality(nis).ok_or_else(|| {
                Error::invalid(
                    "NIS code",
                    format!("\"{nis}\" is not the NIS code of a Belgian municipality"),
                )
            })?;
            current.nis_code = Some(m.nis_code.clone());
            if update.postal_codes.is_none() {
                current.postal_codes = m.postal_codes.clone();
            }
        }
        if let Some(name) = &update.name {
            current.name = name.trim().to_owned();
        }
        if let Some(p) = update.phone.as_deref().map(str::trim) {
            current.phone = if p.is_empty() {
                None
            } else {
                Some(crate::phone::parse(p)?.e164())
            };
        }
        if let Some(l) = &update.default_language {
            current.default_language = Language::parse_loose(l)?;
        }
        if let Some(km) = update.neighbourhood_km {
            if !(km > 0.0 && km <= 100.0) {
                return Err(Error::invalid(
                    "neighbourhood",
                    format!(
                        "{km} km is not a neighbourhood; give a distance above 0 and up to 100 km"
                    ),
                ));
            }
            current.neighbourhood_km = km;
        }
        if let Some(codes) = &update.postal_codes {
            let mut checked = Vec::new();
            for c in codes
                .iter()
                .flat_map(|c| c.split([',', ' ']))
                .filter(|c| !c.is_empty())
            {
                let p = postal::lookup(c).ok_or_else(|| Error::UnknownPostalCode(c.to_owned()))?;
                checked.push(p.code.clone());
            }
            checked.sort();
            checked.dedup();
            current.postal_codes = checked;
        }
        let now = crate::now();
        self.with_tx(|tx| {
            tx.execute(
                "UPDATE office_settings SET nis_code = ?1, name = ?2, phone = ?3, default_language = ?4,
                     neighbourhood_km = ?6, updated_at = ?5 WHERE id = 1",
                params![
                    current.nis_code,
                    current.name,
                    current.phone,
                    current.default_language,
                    now,
                    current.neighbourhood_km
                ],
            )?;
            tx.execute("DELETE FROM office_postal_code", [])?;
            let mut insert = tx.prepare_cached("INSERT INTO office_postal_code (postal_code) VALUES (?1)")?;
            for c in &current.postal_codes {
                insert.execute([c])?;
            }
            Ok(())
        })?;
        self.office()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nis_code_brings_its_postal_codes() {
        let mut reg = Register::open_in_memory().expect("register");
        let office = reg
            .update_office(&OfficeUpdate {
                nis_code: Some("44021".into()),
                name: Some("OCMW Gent".into()),
                default_language: Some("nl".into()),
                ..Default::default()
            })
            .expect("valid");
        assert!(
            office.postal_codes.contains(&"9000".to_owned()),
            "{office:?}"
        );
        assert!(
            reg.update_office(&OfficeUpdate {
                nis_code: Some("12345".into()),
                ..Default::default()
            })
            .is_err()
        );
        assert_eq!(
            reg.office().expect("office"),
            office,
            "a refused update changes nothing"
        );
    }
}
