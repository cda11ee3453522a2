//! CSV exports that Belgian Excel opens as they are, and that Solidesk can import again.
//!
//! UTF-8 with a BOM (without it Excel falls back to Windows-1252 and breaks accents), `;` as the
//! delimiter (the Belgian list separator), day-first dates, decimal commas, national numbers in
//! their dotted form (so Excel cannot turn them into numbers and drop zeros), phones as people
//! write them. Every cell that a spreadsheet would read as a formula (`= + - @`, tab, CR) is
//! prefixed with `'` (OWASP's advice against CSV injection): a hostile name typed at intake
//! must not run in a colleague's Excel.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rusqlite::Row;

use crate::error::{Error, Result};
use crate::register::Register;
use crate::{dates, national_number, phone};

/// Neutralises a cell a spreadsheet would evaluate.
pub fn safe_cell(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

/// A CSV file being written beside its final name, moved into place only when complete.
pub(crate) struct CsvOut {
    writer: csv::Writer<BufWriter<File>>,
    partial: PathBuf,
    dest: PathBuf,
}

impl CsvOut {
    fn create(dest: &Path) -> Result<Self> {
        Self::create_with(dest, b';')
    }

    /// A file for Belgian Excel (UTF-8 with BOM, CRLF) with the given delimiter.
    pub(crate) fn create_with(dest: &Path, delimiter: u8) -> Result<Self> {
        let mut name = dest.file_name().unwrap_or_default().to_os_string();
        name.push(".partial");
        let partial = dest.with_file_name(name);
        let file_err = |source| Error::File {
            action: "write",
            path: dest.to_owned(),
            source,
        };
        let mut file = BufWriter::new(File::create(&partial).map_err(file_err)?);
        file.write_all("\u{feff}".as_bytes()).map_err(file_err)?;
        let writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::CRLF)
            .from_writer(file);
        Ok(Self {
            writer,
            partial,
            dest: dest.to_owned(),
        })
    }

    pub(crate) fn row<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<()> {
        self.writer
            .write_record(cells.into_iter().map(|c| safe_cell(c).into_owned()))?;
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<()> {
        let dest = self.dest.clone();
        let partial = self.partial.clone();
        let result = (|| {
            let file = self
                .writer
                .into_inner()
                .map_err(|e| Error::File {
                    action: "write",
                    path: dest.clone(),
                    source: std::io::Error::other(e.to_string()),
                })?
                .into_inner()
                .map_err(|e| Error::File {
                    action: "write",
                    path: dest.clone(),
                    source: e.into_error(),
                })?;
            file.sync_all().map_err(|source| Error::File {
                action: "write",
                path: dest.clone(),
                source,
            })?;
            std::fs::rename(&partial, &dest).map_err(|source| Error::File {
                action: "write",
                path: dest.clone(),
                source,
            })
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }
}

/// Column headers of the resident export (recognised by the importer).
pub const RESIDENT_HEADERS: [&str; 19] = [
    "Solidesk ID",
    "Last name",
    "First name",
    "Birth date",
    "National number",
    "Language",
    "Street",
    "Number",
    "Box",
    "Postal code",
    "Locality",
    "Phone",
    "Phone 2",
    "Lives alone",
    "Needs",
    "Notes",
    "Consent date",
    "Consent basis",
    "Status",
];

/// Column headers of the volunteer export.
pub const VOLUNTEER_HEADERS: [&str; 14] = [
    "Solidesk ID",
    "Last name",
    "First name",
    "Phone",
    "Email",
    "Languages",
    "Postal code",
    "Radius (km)",
    "Tasks",
    "Availability",
    "Capacity per day",
    "Status",
    "Origin",
    "Notes",
];

fn day(value: Option<String>) -> String {
    value
        .and_then(|s| s.parse().ok())
        .map(dates::display)
        .unwrap_or_default()
}

fn decimal_comma(x: f64) -> String {
    let s = format!("{x}");
    s.replace('.', ",")
}

impl Register {
    /// Writes every resident to `dest` (see the module documentation); returns how many.
    #[tracing::instrument(skip_all, err)]
    pub fn export_residents(&self, dest: &Path) -> Result<u64> {
        let mut out = CsvOut::create(dest)?;
        out.row(RESIDENT_HEADERS)?;
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.last_name, r.first_name, r.birth_date, r.national_number, r.language,
                 r.street, r.house_number, r.box, r.postal_code, r.locality,
                 (SELECT group_concat(e164, ' ') FROM
                     (SELECT e164 FROM resident_phone p WHERE p.resident_id = r.id ORDER BY position)),
                 r.lives_alone, r.needs, r.notes, r.consent_date, r.consent_basis, r.status
             FROM resident r WHERE r.deleted_at IS NULL
             ORDER BY r.last_name COLLATE NOCASE, r.first_name COLLATE NOCASE, r.local_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let cells = resident_cells(row)?;
            out.row(cells.iter().map(String::as_str))?;
            n += 1;
        }
        out.finish()?;
        Ok(n)
    }

    /// Writes every volunteer to `dest`; returns how many.
    #[tracing::instrument(skip_all, err)]
    pub fn export_volunteers(&self, dest: &Path) -> Result<u64> {
        let mut out = CsvOut::create(dest)?;
        out.row(VOLUNTEER_HEADERS)?;
        let total = self.count_volunteers()? as usize;
        let mut n = 0;
        // Page through the same listing the desk shows, so the child sets come with each row.
        while n < total {
            let page = self.list_volunteers(1000, n)?;
            if page.is_empty() {
                break;
            }
            for v in &page {
                let join = |items: Vec<String>| items.join(", ");
                let availability = v
                    .availability
                    .iter()
                    .map(|(d, p)| {
                        let day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                            [usize::from(d.saturating_sub(1)).min(6)];
                        format!("{day}:{p}")
                    })
                    .collect();
                let cells = [
                    v.id.clone(),
                    v.last_name.clone(),
                    v.first_name.clone(),
                    v.phone.as_deref().map(phone::display).unwrap_or_default(),
                    v.email.clone(),
                    join(v.languages.iter().map(ToString::to_string).collect()),
                    v.postal_code.clone(),
                    decimal_comma(v.radius_km),
                    join(v.tasks.iter().map(ToString::to_string).collect()),
                    join(availability),
                    v.capacity_per_day.to_string(),
                    v.status.to_string(),
                    v.origin.clone(),
                    v.notes.clone(),
                ];
                out.row(cells.iter().map(String::as_str))?;
            }
            n += page.len();
        }
        out.finish()?;
        Ok(n as u64)
    }
}

fn resident_cells(row: &Row<'_>) -> rusqlite::Result<Vec<String>> {
    let phones: Option<String> = row.get(11)?;
    let mut phones = phones
        .unwrap_or_default()
        .split(' ')
        .filter(|p| !p.is_empty())
        .map(phone::display)
        .collect::<Vec<_>>()
        .into_iter();
    let lives_alone: Option<bool> = row.get(12)?;
    let consent_basis: Option<String> = row.get(16)?;
    let nn: Option<String> = row.get(4)?;
    Ok(vec![
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        day(row.get(3)?),
        nn.as_deref()
            .map(national_number::format_digits)
            .unwrap_or_default(),
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
        row.get(8)?,
        row.get::<_, Option<String>>(9)?.unwrap_or_default(),
        row.get(10)?,
        phones.next().unwrap_or_default(),
        phones.next().unwrap_or_default(),
        match lives_alone {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => String::new(),
        },
        row.get(13)?,
        row.get(14)?,
        day(row.get(15)?),
        consent_basis.unwrap_or_default(),
        row.get(17)?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::residents::NewResident;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("+32 470"), "'+32 470");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("Peeters"), "Peeters");
        assert_eq!(safe_cell(""), "");
    }

    #[test]
    fn resident_export_is_excel_ready() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut reg = Register::open_in_memory().expect("register");
        reg.add_resident(&NewResident {
            first_name: "=cmd|' /C calc'!A0".into(),
            last_name: "Dubœuf".into(),
            national_number: Some("03040931124".into()),
            phones: vec!["0470 12 34 56".into(), "+31 20 123 4567".into()],
            postal_code: Some("4000".into()),
            ..Default::default()
        })
        .expect("valid");
        let path = dir.path().join("residents.csv");
        assert_eq!(reg.export_residents(&path).expect("export"), 1);
        let bytes = std::fs::read(&path).expect("written");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
        let text = String::from_utf8(bytes).expect("UTF-8");
        let line = text.lines().nth(1).expect("one data row");
        assert!(line.contains(";Dubœuf;'=cmd|"), "{line}");
        assert!(
            line.contains(";03.04.09-311.24;"),
            "dotted national number keeps its zero: {line}"
        );
        assert!(line.contains(";0470 12 34 56;'+31 20 123 4567;"), "{line}");
        assert!(
            line.contains(";09/04/2003;"),
            "day-first birth date: {line}"
        );
        assert!(text.contains("\r\n"), "CRLF line ends");
        assert!(!dir.path().join("residents.csv.partial").exists());
    }
}
