//! Importing resident and volunteer lists from CSV: nothing lost, nothing duplicated, every
//! rejection explained.
//!
//! A run reads the file as a stream (`source`), maps its columns (`columns`), and turns each
//! row into a domain record with the same validation as the desk's forms, lenient where a list
//! may be imperfect: a row is *rejected* only when it cannot identify a reachable person, other
//! problems are *warnings*. A person already in the register (same Solidesk id, same national
//! number, or same name, birth date and postal code) is updated field by field or reported
//! unchanged, never created again; a second row for a person already met in the file counts as a
//! duplicate in the file.
//!
//! The whole run is one transaction. A dry run is the same run rolled back, so its preview is
//! exactly what the real run does; a run killed half-way leaves the register as it was. Every
//! committed run is recorded with what it did to which row, so it can be undone as a whole while
//! nothing else has touched those rows.
//!
//! Memory stays flat as files grow: rows are streamed, samples are capped, and the only per-row
//! state is the set of records this run touched (8 bytes a row).

mod columns;
mod residents;
mod source;
mod volunteers;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

pub use columns::{Column, Field, Overrides, map_headers, normalise_header, recognise};
pub use source::FileFacts;

use crate::error::{Error, Result};
use crate::export::CsvOut;
use crate::model::Language;
use crate::register::Register;
use crate::residents::Warning;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum ImportKind {
    /// Residents (population-register extracts, client lists, vulnerable-persons lists).
    Residents,
    /// Volunteers (lists from clubs, parishes, the platform).
    Volunteers,
}

impl ImportKind {
    fn fields(self) -> &'static [Field] {
        match self {
            ImportKind::Residents => Field::RESIDENT,
            ImportKind::Volunteers => Field::VOLUNTEER,
        }
    }

    /// `residents` or `volunteers`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Residents => "residents",
            ImportKind::Volunteers => "volunteers",
        }
    }
}

/// How to run an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Residents or volunteers.
    pub kind: ImportKind,
    /// Show what would happen and change nothing.
    pub dry_run: bool,
    /// A saved mapping to apply (see [`Register::save_import_profile`]).
    pub profile: Option<String>,
    /// Corrections for this run: header → field.
    pub overrides: Overrides,
    /// Where to write the rejected rows (the file's layout plus line and reason columns).
    pub rejects: Option<PathBuf>,
    /// The language of reasons in the rejects file and the report's messages.
    pub language: Language,
    /// Who runs the import (recorded).
    pub imported_by: String,
}

impl ImportOptions {
    /// Defaults for a kind: a real run, automatic mapping, English reasons.
    pub fn new(kind: ImportKind) -> Self {
        Self {
            kind,
            dry_run: false,
            profile: None,
            overrides: Overrides::new(),
            rejects: None,
            language: Language::En,
            imported_by: String::new(),
        }
    }
}

/// What a file looks like before importing: for the wizard's mapping step.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct FilePreview {
    /// Encoding, delimiter, size, hash.
    pub file: FileFacts,
    /// Every column and the field it fills.
    pub columns: Vec<Column>,
    /// The first data rows as read (at most 5).
    pub rows: Vec<Vec<String>>,
    /// Fields a row cannot do without that no column fills (`last_name`; `postal_code` for
    /// volunteers). The import refuses to start while this is not empty.
    pub missing: Vec<Field>,
}

/// One row shown as an example of a group in the report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Sample {
    /// Line in the file where the row starts.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    /// The person ("Peeters, Jan").
    pub name: String,
    /// What happened, in the report's language (reason, changed fields, the other record).
    pub detail: String,
}

/// A group of rows with the same outcome (and reason), with a few examples.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SampleGroup {
    /// `created`, `updated`, `unchanged`, `duplicate_in_file`, `rejected`, `warning` or
    /// `possible_duplicate`.
    pub outcome: String,
    /// The reason code for `rejected` and `warning` groups.
    pub reason: Option<String>,
    /// The reason in words.
    pub label: String,
    /// Rows in the group.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: u64,
    /// The first few.
    pub samples: Vec<Sample>,
}

/// What an import did (or, for a dry run, would do). Every data row is accounted for:
/// `rows = created + updated + unchanged + duplicates_in_file + rejected`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportReport {
    /// The recorded run (none for a dry run).
    pub import_id: Option<String>,
    /// Nothing was changed.
    pub dry_run: bool,
    /// Residents or volunteers.
    pub kind: ImportKind,
    /// The file's name.
    pub file_name: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Detected encoding.
    pub encoding: String,
    /// Detected delimiter.
    pub delimiter: String,
    /// The saved mapping used.
    pub profile: Option<String>,
    /// How each column was read.
    pub columns: Vec<Column>,
    /// Data rows read (blank lines not counted).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    /// New records.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: u64,
    /// Records that existed and changed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated: u64,
    /// Records that existed and were already as in the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unchanged: u64,
    /// Rows for a person an earlier row of the file already gave.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duplicates_in_file: u64,
    /// Rows not imported.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rejected: u64,
    /// Imported rows with at least one warning.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub warnings: u64,
    /// Created rows that look like someone already in the register, listed for review.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub possible_duplicates: u64,
    /// Rejected rows per reason code.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub rejections: BTreeMap<String, u64>,
    /// Warnings per reason code.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub warning_reasons: BTreeMap<String, u64>,
    /// Outcomes grouped by reason, with sample rows.
    pub groups: Vec<SampleGroup>,
    /// Where the rejected rows were written.
    pub rejects_file: Option<String>,
    /// The run was stopped by the user; nothing was changed.
    pub cancelled: bool,
}

/// How far a run is, for a progress bar.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Progress {
    /// Data rows read so far.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    /// Bytes of the file read so far (approximately, after decoding).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    /// The file's size.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_bytes: u64,
}

/// A field an import changed on an existing record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Change {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// One row's cells, looked up by field.
pub(crate) struct Cells<'a> {
    record: &'a csv::StringRecord,
    fields: &'a [Option<Field>],
}

impl<'a> Cells<'a> {
    /// The first non-empty cell of a field, cleaned.
    pub fn get(&self, field: Field) -> Option<&'a str> {
        self.all(field).next()
    }

    /// Every non-empty cell of a field (several phone columns), cleaned.
    pub fn all(&self, field: Field) -> impl Iterator<Item = &'a str> + '_ {
        self.fields
            .iter()
            .enumerate()
            .filter(move |(_, f)| **f == Some(field))
            .filter_map(|(i, _)| self.record.get(i))
            .map(source::clean_cell)
            .filter(|s| !s.is_empty())
    }

    /// The cell as an owned optional string.
    pub fn text(&self, field: Field) -> Option<String> {
        self.get(field).map(str::to_owned)
    }
}

/// What one row came to.
pub(crate) enum Outcome {
    Created {
        id: String,
        local_id: i64,
        /// Records already in the register this one may duplicate (ids).
        similar: Vec<(String, String)>,
    },
    Updated {
        id: String,
        local_id: i64,
        before: String,
        changes: Vec<Change>,
    },
    Unchanged {
        local_id: i64,
    },
    /// A person an earlier row of the file already gave.
    Duplicate,
    Rejected {
        code: &'static str,
        message: String,
    },
}

/// A row read and validated off the writing thread: everything but the register's part.
pub(crate) enum Prepared {
    Rejected { code: &'static str, message: String },
    Resident(Box<residents::PreparedResident>),
    Volunteer(Box<volunteers::PreparedVolunteer>),
}

impl From<crate::residents::Rejection> for Prepared {
    fn from(r: crate::residents::Rejection) -> Self {
        Prepared::Rejected {
            code: r.code,
            message: r.error.to_string(),
        }
    }
}

/// What the reading thread hands the writing thread for one row.
pub(crate) struct RowWork {
    line: u64,
    byte: u64,
    name: String,
    prepared: Prepared,
    warnings: Vec<Warning>,
    /// The row's cells as read, kept only for a rejected row (the rejects file).
    raw: Option<Vec<String>>,
}

/// Turns cells into a prepared row: parsing and validation, no register access, so it runs on
/// the reading thread while the writing thread stores the rows before it.
pub(crate) enum Preparer {
    Residents(residents::Prep),
    Volunteers,
}

impl Preparer {
    fn prepare(&self, cells: &Cells<'_>, warnings: &mut Vec<Warning>) -> (Prepared, String) {
        match self {
            Preparer::Residents(p) => p.prepare(cells, warnings),
            Preparer::Volunteers => volunteers::prepare(cells, warnings),
        }
    }
}

/// The per-kind register part of a run: stores or matches a prepared row inside the run's
/// transaction.
pub(crate) trait RowImporter {
    /// Handles one prepared row. `touched` holds the records this run already wrote or matched.
    fn apply(
        &mut self,
        row: Prepared,
        touched: &HashSet<i64>,
        warnings: &mut Vec<Warning>,
    ) -> Result<Outcome>;
}

/// Rows handed over at a time: few enough to keep memory flat, enough to keep the two threads
/// from waiting on each other row by row.
const BATCH: usize = 256;

/// The reading thread: reads, maps and validates rows and sends them on in batches. Stops at the
/// end of the file, at a read error (sent on), or when the writing side hangs up (cancel, error).
fn read_rows(
    path: &Path,
    detected: source::Detected,
    delimiter: u8,
    fields: &[Option<Field>],
    preparer: &Preparer,
    keep_rejected: bool,
    out: &std::sync::mpsc::SyncSender<Result<Vec<RowWork>>>,
) {
    let result = (|| -> Result<()> {
        let (mut reader, lines) = source::records(path, detected, delimiter)?;
        // The header was read and mapped by the caller; skip it.
        read_header(&mut reader, path)?;
        let mut record = csv::StringRecord::new();
        let mut batch = Vec::with_capacity(BATCH);
        while reader
            .read_record(&mut record)
            .map_err(|e| csv_error(path, e))?
        {
            if is_blank(&record) {
                continue;
            }
            let byte = record.position().map_or(0, |p| p.byte());
            let line = lines.borrow_mut().line_of_record(byte);
            let mut warnings = Vec::new();
            let cells = Cells {
                record: &record,
                fields,
            };
            let (prepared, name) = preparer.prepare(&cells, &mut warnings);
            let raw = (keep_rejected && matches!(prepared, Prepared::Rejected { .. }))
                .then(|| record.iter().map(str::to_owned).collect());
            batch.push(RowWork {
                line,
                byte,
                name,
                prepared,
                warnings,
                raw,
            });
            if batch.len() == BATCH && out.send(Ok(std::mem::take(&mut batch))).is_err() {
                return Ok(());
            }
        }
        if !batch.is_empty() {
            let _ = out.send(Ok(batch));
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = out.send(Err(e));
    }
}

const SAMPLES_PER_GROUP: usize = 5;

/// Page cache during an import, in KiB (negative, as `PRAGMA cache_size` takes it).
const IMPORT_CACHE_SIZE_KIB: i64 = -262_144;

/// The report being built while the rows stream by.
struct Tally {
    report: ImportReport,
    language: Language,
    groups: BTreeMap<(u8, String, Option<String>), SampleGroup>,
}

impl Tally {
    fn add(
        &mut self,
        order: u8,
        outcome: &str,
        reason: Option<&str>,
        label: String,
        sample: Sample,
    ) {
        let group = self
            .groups
            .entry((order, outcome.to_owned(), reason.map(str::to_owned)))
            .or_insert_with(|| SampleGroup {
                outcome: outcome.to_owned(),
                reason: reason.map(str::to_owned),
                label,
                count: 0,
                samples: Vec::new(),
            });
        group.count += 1;
        if group.samples.len() < SAMPLES_PER_GROUP {
            group.samples.push(sample);
        }
    }

    fn text(&self, id: &str) -> String {
        crate::i18n::text(self.language, id)
    }
}

/// Reads every header row and mapping fact of a file: the first non-blank record is the header.
fn read_header(
    reader: &mut csv::Reader<source::Counted>,
    path: &Path,
) -> Result<Option<csv::StringRecord>> {
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| csv_error(path, e))?;
        if !more {
            return Ok(None);
        }
        if !is_blank(&record) {
            return Ok(Some(record));
        }
    }
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| source::clean_cell(f).is_empty())
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    // The csv reader is flexible and the text already decoded, so this is an I/O error.
    Error::File {
        action: "read",
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    }
}

fn required(kind: ImportKind) -> &'static [Field] {
    match kind {
        ImportKind::Residents => &[Field::LastName],
        ImportKind::Volunteers => &[Field::LastName, Field::PostalCode],
    }
}

fn missing_fields(kind: ImportKind, columns: &[Column]) -> Vec<Field> {
    required(kind)
        .iter()
        .copied()
        .filter(|f| !columns.iter().any(|c| c.field == Some(*f)))
        .collect()
}

impl Register {
    /// Looks at a file without importing it: encoding, delimiter, column mapping, first rows.
    pub fn preview_import(
        &self,
        path: &Path,
        kind: ImportKind,
        profile: Option<&str>,
        overrides: &Overrides,
    ) -> Result<FilePreview> {
        let (file, detected, delimiter) = source::open(path)?;
        let (mut reader, _) = source::records(path, detected, delimiter)?;
        let headers: Vec<String> = read_header(&mut reader, path)?
            .map(|h| h.iter().map(|s| source::clean_cell(s).to_owned()).collect())
            .unwrap_or_default();
        let profile = match profile {
            Some(name) => Some(self.import_profile(name, kind)?),
            None => None,
        };
        let columns = map_headers(&headers, kind.fields(), profile.as_ref(), overrides);
        let mut rows = Vec::new();
        let mut record = csv::StringRecord::new();
        while rows.len() < 5
            && reader
                .read_record(&mut record)
                .map_err(|e| csv_error(path, e))?
        {
            if !is_blank(&record) {
                rows.push(record.iter().map(str::to_owned).collect());
            }
        }
        let missing = missing_fields(kind, &columns);
        Ok(FilePreview {
            file,
            columns,
            rows,
            missing,
        })
    }

    /// Imports a file (see the module documentation). `progress` is called every few hundred
    /// rows; returning `false` cancels the run, which then changes nothing and reports
    /// `cancelled`.
    #[tracing::instrument(skip_all, err, fields(kind = options.kind.as_str(), dry_run = options.dry_run))]
    pub fn import_file(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<ImportReport> {
        // A large list is one large transaction: it gets a bigger page cache for its duration
        // (bounded, so memory stays flat however long the file is).
        self.conn
            .pragma_update(None, "cache_size", IMPORT_CACHE_SIZE_KIB)?;
        let result = self.import_file_in_cache(path, options, progress);
        self.conn
            .pragma_update(None, "cache_size", crate::register::CACHE_SIZE_KIB)?;
        result
    }

    fn import_file_in_cache(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        progress: &mut dyn FnMut(Progress) -> bool,
    ) -> Result<ImportReport> {
        let kind = options.kind;
        let (file, detected, delimiter) = source::open(path)?;
        let (mut reader, _) = source::records(path, detected, delimiter)?;
        let Some(header) = read_header(&mut reader, path)? else {
            return Err(Error::invalid(
                "file",
                format!("{} holds no rows (not even a header line)", path.display()),
            ));
        };
        let headers: Vec<String> = header
            .iter()
            .map(|s| source::clean_cell(s).to_owned())
            .collect();
        let profile = match &options.profile {
            Some(name) => Some(self.import_profile(name, kind)?),
            None => None,
        };
        let columns = map_headers(
            &headers,
            kind.fields(),
            profile.as_ref(),
            &options.overrides,
        );
        let missing = missing_fields(kind, &columns);
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|f| f.name()).collect();
            return Err(Error::invalid(
                "columns",
                format!(
                    "no column of {} holds {}; name the column with --map \"HEADER={}\" (headers found: {})",
                    file.file_name,
                    names.join(" or "),
                    names[0],
                    headers.join(", ")
                ),
            ));
        }
        let fields: Vec<Option<Field>> = columns
            .iter()
            .map(|c| c.field.filter(|f| *f != Field::Ignore))
            .collect();
        let office_language = self.office_language()?;
        let import_id = crate::new_id();
        let mut rejects = match &options.rejects {
            Some(dest) => {
                let mut out = CsvOut::create_with(dest, delimiter)?;
                let mut head = headers.clone();
                head.push(crate::i18n::text(options.language, "import-rejects-line"));
                head.push(crate::i18n::text(options.language, "import-rejects-reason"));
                out.row(head.iter().map(String::as_str))?;
                Some(out)
            }
            None => None,
        };
        let mut tally = Tally {
            report: ImportReport {
                import_id: None,
                dry_run: options.dry_run,
                kind,
                file_name: file.file_name.clone(),
                sha256: file.sha256.clone(),
                encoding: file.encoding.clone(),
                delimiter: file.delimiter.clone(),
                profile: options.profile.clone(),
                columns,
                rows: 0,
                created: 0,
                updated: 0,
                unchanged: 0,
                duplicates_in_file: 0,
                rejected: 0,
                warnings: 0,
                possible_duplicates: 0,
                rejections: BTreeMap::new(),
                warning_reasons: BTreeMap::new(),
                groups: Vec::new(),
                rejects_file: options.rejects.as_ref().map(|p| p.display().to_string()),
                cancelled: false,
            },
            language: options.language,
            groups: BTreeMap::new(),
        };
        let today = crate::today();
        // Every row this run writes carries this `updated_at`; undo checks it.
        let stamp = crate::now();
        let source_tag = format!("import:{import_id}");
        let tx = self.conn.transaction()?;
        crate::sync::begin_local_tx(&tx)?;
        let run = (|| -> Result<bool> {
            // The run's row first (its changes refer to it); counts are filled in at the end.
            tx.execute(
                "INSERT INTO import_run (id, kind, file_name, file_sha256, encoding, delimiter,
                     profile, rows, created, updated, unchanged, duplicates_in_file, rejected,
                     warnings, possible_duplicates, report, imported_by, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, 0, 0, 0, 0, 0, 0, 0, '{}', ?8, ?9)",
                params![
                    import_id,
                    kind.as_str(),
                    file.file_name,
                    file.sha256,
                    file.encoding,
                    file.delimiter,
                    options.profile,
                    options.imported_by,
                    stamp,
                ],
            )?;
            let mut importer: Box<dyn RowImporter + '_> = match kind {
                ImportKind::Residents => Box::new(residents::ResidentRows::new(&tx, &stamp)?),
                ImportKind::Volunteers => Box::new(volunteers::VolunteerRows::new(&tx, &stamp)?),
            };
            let preparer = match kind {
                ImportKind::Residents => Preparer::Residents(residents::Prep {
                    office_language,
                    today,
                    source: source_tag.clone(),
                }),
                ImportKind::Volunteers => Preparer::Volunteers,
            };
            let mut touched: HashSet<i64> = HashSet::new();
            let mut changes = tx.prepare(
                "INSERT INTO import_change (import_id, entity, entity_id, action, line, before, changes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            let mut review = tx.prepare(
                "INSERT OR IGNORE INTO import_review (import_id, entity_id, candidate_id, line, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let entity = match kind {
                ImportKind::Residents => "resident",
                ImportKind::Volunteers => "volunteer",
            };
            let keep_rejected = rejects.is_some();
            std::thread::scope(|scope| -> Result<bool> {
                // Reading, decoding and validating (libphonenumber, national numbers, folding) run
                // on a second thread; this one only does the register's part. The channel is
                // bounded, so a fast reader never holds more than a few batches in memory.
                let (sender, receiver) = std::sync::mpsc::sync_channel::<Result<Vec<RowWork>>>(4);
                let (fields, preparer) = (&fields, &preparer);
                scope.spawn(move || {
                    read_rows(
                        path,
                        detected,
                        delimiter,
                        fields,
                        preparer,
                        keep_rejected,
                        &sender,
                    );
                });
                for batch in receiver.iter() {
                    for work in batch? {
                        let RowWork {
                            line,
                            byte,
                            name,
                            prepared,
                            mut warnings,
                            raw,
                        } = work;
                        tally.report.rows += 1;
                        if tally.report.rows.is_multiple_of(512) {
                            let keep_going = progress(Progress {
                                rows: tally.report.rows,
                                bytes: byte,
                                total_bytes: file.bytes,
                            });
                            if !keep_going {
                                return Ok(false);
                            }
                        }
                        let outcome = importer.apply(prepared, &touched, &mut warnings)?;
                        let sample = |detail: String| Sample {
                            line,
                            name: name.clone(),
                            detail,
                        };
                        let imported =
                            !matches!(outcome, Outcome::Rejected { .. } | Outcome::Duplicate);
                        match outcome {
                            Outcome::Created {
                                id,
                                local_id,
                                similar,
                            } => {
                                touched.insert(local_id);
                                tally.report.created += 1;
                                // A created resident carries the run in its `source`, which is how undo
                                // finds it: one index entry fewer per row on the bulk path. Volunteers
                                // have no such column.
                                if kind == ImportKind::Volunteers {
                                    changes.execute(params![
                                        import_id,
                                        entity,
                                        id,
                                        "created",
                                        line as i64,
                                        None::<String>,
                                        "[]"
                                    ])?;
                                }
                                tally.add(
                                    1,
                                    "created",
                                    None,
                                    tally.text("import-group-created"),
                                    sample(String::new()),
                                );
                                if !similar.is_empty() {
                                    tally.report.possible_duplicates += 1;
                                    let mut details = Vec::new();
                                    for (candidate, why) in &similar {
                                        review.execute(params![
                                            import_id,
                                            id,
                                            candidate,
                                            line as i64,
                                            why
                                        ])?;
                                        details.push(why.clone());
                                    }
                                    tally.add(
                                        6,
                                        "possible_duplicate",
                                        None,
                                        tally.text("import-group-possible_duplicate"),
                                        sample(details.join("; ")),
                                    );
                                }
                            }
                            Outcome::Updated {
                                id,
                                local_id,
                                before,
                                changes: changed,
                            } => {
                                touched.insert(local_id);
                                tally.report.updated += 1;
                                let detail = changed
                                    .iter()
                                    .map(|c| format!("{}: {} → {}", c.field, c.old, c.new))
                                    .collect::<Vec<_>>()
                                    .join("; ");
                                changes.execute(params![
                                    import_id,
                                    entity,
                                    id,
                                    "updated",
                                    line as i64,
                                    before,
                                    serde_json::to_string(&changed).unwrap_or_default()
                                ])?;
                                tally.add(
                                    2,
                                    "updated",
                                    None,
                                    tally.text("import-group-updated"),
                                    sample(detail),
                                );
                            }
                            Outcome::Unchanged { local_id } => {
                                touched.insert(local_id);
                                tally.report.unchanged += 1;
                                tally.add(
                                    3,
                                    "unchanged",
                                    None,
                                    tally.text("import-group-unchanged"),
                                    sample(String::new()),
                                );
                            }
                            Outcome::Duplicate => {
                                tally.report.duplicates_in_file += 1;
                                tally.add(
                                    4,
                                    "duplicate_in_file",
                                    None,
                                    tally.text("import-group-duplicate_in_file"),
                                    sample(String::new()),
                                );
                            }
                            Outcome::Rejected { code, message } => {
                                tally.report.rejected += 1;
                                *tally.report.rejections.entry(code.to_owned()).or_default() += 1;
                                let label = tally.text(&format!("import-reason-{code}"));
                                if let Some(out) = rejects.as_mut() {
                                    let mut cells: Vec<String> = raw.unwrap_or_default();
                                    cells.resize(headers.len().max(cells.len()), String::new());
                                    cells.push(line.to_string());
                                    cells.push(label.clone());
                                    out.row(cells.iter().map(String::as_str))?;
                                }
                                tally.add(5, "rejected", Some(code), label, sample(message));
                            }
                        }
                        if imported && !warnings.is_empty() {
                            tally.report.warnings += 1;
                            for w in &warnings {
                                *tally
                                    .report
                                    .warning_reasons
                                    .entry(w.code.clone())
                                    .or_default() += 1;
                                let label = tally.text(&format!("import-warning-{}", w.code));
                                tally.add(
                                    7,
                                    "warning",
                                    Some(&w.code),
                                    label,
                                    sample(w.message.clone()),
                                );
                            }
                        }
                    }
                }
                Ok(true)
            })
        })();
        let completed = match run {
            Ok(c) => c,
            Err(e) => {
                // Nothing of a failed run stays: the transaction rolls back when dropped, and a
                // half-written rejects file is removed.
                drop(tx);
                drop(rejects);
                return Err(e);
            }
        };
        tally.report.groups = std::mem::take(&mut tally.groups).into_values().collect();
        if !completed {
            drop(tx);
            drop(rejects);
            tally.report.cancelled = true;
            tally.report.rejects_file = None;
            return Ok(tally.report);
        }
        if options.dry_run {
            drop(tx);
        } else {
            tally.report.import_id = Some(import_id.clone());
            let r = &tally.report;
            tx.execute(
                "UPDATE import_run SET rows = ?2, created = ?3, updated = ?4, unchanged = ?5,
                     duplicates_in_file = ?6, rejected = ?7, warnings = ?8,
                     possible_duplicates = ?9, report = ?10
                 WHERE id = ?1",
                params![
                    import_id,
                    r.rows as i64,
                    r.created as i64,
                    r.updated as i64,
                    r.unchanged as i64,
                    r.duplicates_in_file as i64,
                    r.rejected as i64,
                    r.warnings as i64,
                    r.possible_duplicates as i64,
                    serde_json::to_string(r).unwrap_or_default(),
                ],
            )?;
            tx.commit()?;
        }
        if let Some(out) = rejects {
            out.finish()?;
        }
        Ok(tally.report)
    }

    /// Saves a mapping (header → field) under a name, for the next file of the same source.
    pub fn save_import_profile(
        &mut self,
        name: &str,
        kind: ImportKind,
        mapping: &Overrides,
    ) -> Result<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid(
                "mapping name",
                "a saved mapping needs a name",
            ));
        }
        let normalised: BTreeMap<String, Field> = mapping
            .iter()
            .map(|(h, f)| (normalise_header(h), *f))
            .collect();
        let now = crate::now();
        self.conn.execute(
            "INSERT INTO import_profile (name, kind, mapping, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (name) DO UPDATE SET kind = ?2, mapping = ?3, updated_at = ?4",
            params![
                name,
                kind.as_str(),
                serde_json::to_string(&normalised).unwrap_or_default(),
                now
            ],
        )?;
        Ok(())
    }

    /// A saved mapping by name.
    pub fn import_profile(&self, name: &str, kind: ImportKind) -> Result<Overrides> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT kind, mapping FROM import_profile WHERE name = ?1",
                [name.trim()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((stored_kind, mapping)) = row else {
            return Err(Error::NotFound {
                what: "saved mapping",
                id: name.trim().to_owned(),
            });
        };
        if stored_kind != kind.as_str() {
            return Err(Error::invalid(
                "mapping",
                format!(
                    "the saved mapping \"{}\" is for {stored_kind}, not {}",
                    name.trim(),
                    kind.as_str()
                ),
            ));
        }
        serde_json::from_str(&mapping).map_err(|e| {
            Error::invalid(
                "mapping",
                format!("the saved mapping \"{}\" is damaged: {e}", name.trim()),
            )
        })
    }

    /// The saved mappings: (name, kind).
    pub fn import_profiles(&self) -> Result<Vec<(String, ImportKind)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, kind FROM import_profile ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows
            .into_iter()
            .map(|(n, k)| {
                let kind = if k == "volunteers" {
                    ImportKind::Volunteers
                } else {
                    ImportKind::Residents
                };
                (n, kind)
            })
            .collect())
    }

    /// The recorded imports, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, local_id, kind, file_name, file_sha256, rows, created, updated, unchanged,
                 duplicates_in_file, rejected, imported_by, imported_at, undone_at
             FROM import_run ORDER BY local_id DESC",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok(ImportRecord {
                    id: r.get(0)?,
                    local_id: r.get(1)?,
                    kind: r.get(2)?,
                    file_name: r.get(3)?,
                    sha256: r.get(4)?,
                    rows: r.get::<_, i64>(5)? as u64,
                    created: r.get::<_, i64>(6)? as u64,
                    updated: r.get::<_, i64>(7)? as u64,
                    unchanged: r.get::<_, i64>(8)? as u64,
                    duplicates_in_file: r.get::<_, i64>(9)? as u64,
                    rejected: r.get::<_, i64>(10)? as u64,
                    imported_by: r.get(11)?,
                    imported_at: r.get(12)?,
                    undone_at: r.get(13)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The likely duplicates an import listed for review, in file order.
    pub fn import_reviews(&self, id_or_number: &str) -> Result<Vec<ReviewItem>> {
        let id: String = self.find_by_id_or_number(
            "import",
            "SELECT id FROM import_run WHERE",
            "",
            id_or_number,
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT v.line, v.entity_id, v.candidate_id, v.reason,
                 coalesce(r.last_name || ', ' || r.first_name, '')
             FROM import_review v LEFT JOIN resident r ON r.id = v.entity_id
             WHERE v.import_id = ?1 AND v.resolved_at IS NULL ORDER BY v.line",
        )?;
        let rows = stmt
            .query_map([&id], |r| {
                Ok(ReviewItem {
                    line: r.get::<_, i64>(0)? as u64,
                    created_id: r.get(1)?,
                    candidate_id: r.get(2)?,
                    reason: r.get(3)?,
                    created_name: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Undoes a whole import: removes the records it created and puts back the ones it updated.
    /// Refused, changing nothing, when anything else has touched those records since (an edit,
    /// a request, a later import).
    #[tracing::instrument(skip_all, err)]
    pub fn undo_import(&mut self, id_or_number: &str, by: &str) -> Result<UndoReport> {
        let (id, undone_at, kind): (String, Option<String>, String) = self.find_by_id_or_number(
            "import",
            "SELECT id, undone_at, kind FROM import_run WHERE",
            "",
            id_or_number,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        if undone_at.is_some() {
            return Err(Error::invalid("import", "this import was already undone"));
        }
        self.with_tx(|tx| {
            let report = match kind.as_str() {
                "volunteers" => volunteers::undo(tx, &id)?,
                _ => residents::undo(tx, &id)?,
            };
            tx.execute(
                "UPDATE import_run SET undone_at = ?2, undone_by = ?3 WHERE id = ?1",
                params![id, crate::now(), by],
            )?;
            Ok(report)
        })
    }
}

/// A created record that looks like one already in the register, for a person to review.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReviewItem {
    /// Line of the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub line: u64,
    /// The record the import created (id).
    pub created_id: String,
    /// Its name ("Vermeulem, Maria").
    pub created_name: String,
    /// The record it may duplicate (id).
    pub candidate_id: String,
    /// Why they look alike, with the other record's name.
    pub reason: String,
}

/// A recorded import, for the list of past imports.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportRecord {
    /// UUIDv7.
    pub id: String,
    /// This desk's number.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub local_id: i64,
    /// `residents` or `volunteers`.
    pub kind: String,
    /// File name.
    pub file_name: String,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Data rows.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: u64,
    /// Created.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub created: u64,
    /// Updated.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub updated: u64,
    /// Unchanged.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unchanged: u64,
    /// Duplicates in the file.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duplicates_in_file: u64,
    /// Rejected.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rejected: u64,
    /// Who.
    pub imported_by: String,
    /// When.
    pub imported_at: String,
    /// When it was undone.
    pub undone_at: Option<String>,
}

/// What undoing an import did.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct UndoReport {
    /// Records removed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub removed: u64,
    /// Records put back as they were.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub restored: u64,
}

/// The records an import wrote that something else has changed since, as an error.
pub(crate) fn touched_since_error(what: &str, names: &[String]) -> Error {
    Error::invalid(
        "import",
        format!(
            "this import cannot be undone: {} {what} it wrote changed since ({}{}); undo is only for untouched imports",
            names.len(),
            names.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
            if names.len() > 5 { ", …" } else { "" }
        ),
    )
}

/// What undo must know of a kind of record.
pub(crate) struct UndoTable {
    /// The table.
    pub table: &'static str,
    /// Its records in words, for the refusal ("residents").
    pub what: &'static str,
    /// Whether a created record is in use since (requests, calls, ...), with `?1` its id.
    pub used_sql: &'static str,
}

/// Refuses, changing nothing, when any record the import wrote was changed, erased or used
/// since. The import stamped every row it wrote with its own time as `updated_at`, so a row
/// with another stamp was changed since.
pub(crate) fn ensure_untouched(
    tx: &Transaction<'_>,
    import_id: &str,
    recorded: &[(String, String, Option<String>)],
    kind: &UndoTable,
) -> Result<()> {
    let stamp: String = tx.query_row(
        "SELECT imported_at FROM import_run WHERE id = ?1",
        [import_id],
        |r| r.get(0),
    )?;
    let mut row = tx.prepare(&format!(
        "SELECT updated_at, deleted_at, first_name, last_name FROM {} WHERE id = ?1",
        kind.table
    ))?;
    let mut used = tx.prepare(kind.used_sql)?;
    let mut moved = Vec::new();
    for (id, action, _) in recorded {
        let found: Option<(String, Option<String>, String, String)> = row
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((updated_at, deleted_at, first, last)) = found else {
            moved.push(id.clone());
            continue;
        };
        let in_use = action == "created" && used.query_row([id], |r| r.get::<_, bool>(0))?;
        if deleted_at.is_some() || updated_at != stamp || in_use {
            moved.push(display_name(&first, &last));
        }
    }
    if moved.is_empty() {
        Ok(())
    } else {
        Err(touched_since_error(kind.what, &moved))
    }
}

/// "Peeters, Jan", as samples and refusals name people.
pub(crate) fn display_name(first: &str, last: &str) -> String {
    match (last.trim(), first.trim()) {
        ("", f) => f.to_owned(),
        (l, "") => l.to_owned(),
        (l, f) => format!("{l}, {f}"),
    }
}

/// The rows an import recorded: (entity id, action, before).
pub(crate) fn recorded_changes(
    tx: &Transaction<'_>,
    import_id: &str,
) -> Result<Vec<(String, String, Option<String>)>> {
    let mut stmt = tx.prepare(
        "SELECT entity_id, action, before FROM import_change WHERE import_id = ?1 ORDER BY line",
    )?;
    let rows = stmt
        .query_map([import_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// "yes"/"no" in the four languages, as lists write them.
pub(crate) fn parse_yes_no(s: &str) -> Option<bool> {
    match crate::text::fold(s).trim() {
        "ja" | "j" | "yes" | "y" | "oui" | "o" | "1" | "x" | "true" | "waar" | "vrai" | "wahr" => {
            Some(true)
        }
        "nee" | "neen" | "n" | "no" | "non" | "nein" | "0" | "false" | "onwaar" | "faux"
        | "falsch" => Some(false),
        _ => None,
    }
}
