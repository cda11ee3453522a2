//! solidesk-sheets: the printed day as PDF — every volunteer's assignment sheet, the day
//! overview and the call list — typeset by [typst] from [`solidesk_core::sheets::PrintedDay`].
//!
//! **Why typst.** The sheets need what a typesetter does and hand-placed strings do not: text
//! shaping with every accent of four languages, shopping lists that flow onto the next page,
//! tables whose header repeats when they break, embedded subset fonts — and a template an
//! office can change (name, logo, contact line, layout) without recompiling Solidesk. typst is
//! such an engine as a Rust library (Apache-2.0), with no network and no system fonts needed.
//! krilla (typst's own PDF writer) was the alternative: a tenth of the build, but every line
//! break and page break would have been ours to write, and an office could change nothing.
//! The cost is build time and binary size, kept in this crate so `solidesk-core` stays quick to
//! build and test (see `docs/research/pdf-engine.md`).
//!
//! **Speed.** A day's volunteers are one typst document: typst lays out the runs between
//! top-level page breaks in parallel, and the per-volunteer PDFs are page ranges of that one
//! layout, written on every core. The default template avoids `context`, `counter` and
//! `state`, each of which makes typst lay the document out again.

use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};
use solidesk_core::model::{Language, PartOfDay, Task, Urgency};
use solidesk_core::sheets::PrintedDay;
use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Label, Selector};
use typst::introspection::Introspector;
use typst::layout::PageRanges;
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::{LazyHash, PicoStr};
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// The template shipped with Solidesk, used when the office has none of its own.
pub const DEFAULT_TEMPLATE: &str = include_str!("../template/sheets.typ");
/// The template's file name inside a template folder.
pub const TEMPLATE_FILE: &str = "sheets.typ";

/// DejaVu Sans (free licence, see `sheets/fonts/LICENSE`): typst's own font set has no sans
/// text face, and the sheets must not depend on the fonts of the machine that prints them.
static FONTS: LazyLock<Vec<Font>> = LazyLock::new(|| {
    [
        &include_bytes!("../fonts/DejaVuSans.ttf")[..],
        &include_bytes!("../fonts/DejaVuSans-Bold.ttf")[..],
        &include_bytes!("../fonts/DejaVuSans-Oblique.ttf")[..],
    ]
    .into_iter()
    .flat_map(|data| Font::iter(Bytes::new(data)))
    .collect()
});

/// What went wrong making sheets, said so that the person at the desk knows what to do.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The office's template folder or a file in it could not be read.
    #[error("cannot read the sheet template {path}: {source}")]
    TemplateUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The template does not compile (a typo in an office's edit, usually).
    #[error(
        "the sheet template {template} has a mistake: {message} (fix it, or remove it to use the built-in one)"
    )]
    Template {
        /// Which template.
        template: String,
        /// typst's messages, with line numbers.
        message: String,
    },
    /// The PDF writer refused the document.
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Reading the day from the register failed.
    #[error(transparent)]
    Register(#[from] solidesk_core::Error),
}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, SheetError>;

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
}

/// Typesets sheets with one template; built once and reused (fonts, the parsed template and
/// typst's standard library are shared by every document it makes).
pub struct Typesetter {
    book: LazyHash<FontBook>,
    library: LazyHash<Library>,
    main: Source,
    /// The office's template folder (for its logo); none for the built-in template.
    root: Option<PathBuf>,
}

/// One document's view of the typesetter: the shared parts plus this document's data.
struct Job<'a> {
    typesetter: &'a Typesetter,
    data: Bytes,
}

fn file_id(path: &str) -> FileId {
    #[allow(clippy::expect_used)] // constant paths, valid by construction
    let vpath = VirtualPath::new(path).expect("a valid virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/sheets.typ"));
static DATA: LazyLock<FileId> = LazyLock::new(|| file_id("/data.json"));

impl World for Job<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.typesetter.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.typesetter.book
    }
    fn main(&self) -> FileId {
        *MAIN
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == *MAIN {
            Ok(self.typesetter.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA {
            return Ok(self.data.clone());
        }
        // Anything else is a file of the office's template folder (its logo); the built-in
        // template reads none. `realize` refuses paths that climb out of the folder.
        let root = self
            .typesetter
            .root
            .as_deref()
            .ok_or(FileError::AccessDenied)?;
        let path = id.get().vpath().realize(root).map_err(FileError::Realize)?;
        std::fs::read(&path)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }
    fn font(&self, index: usize) -> Option<Font> {
        FONTS.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

impl Typesetter {
    /// A typesetter for the office's template folder (holding `sheets.typ` and whatever it
    /// refers to, like a logo), or for the built-in template when `template` is `None` or the
    /// folder has no `sheets.typ`.
    pub fn new(template: Option<&Path>) -> Result<Self> {
        let (text, root) = match template {
            Some(dir) => {
                let file = dir.join(TEMPLATE_FILE);
                match std::fs::read_to_string(&file) {
                    Ok(text) => (text, Some(dir.to_path_buf())),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound && !dir.exists() => {
                        return Err(SheetError::TemplateUnreadable {
                            path: dir.to_path_buf(),
                            source: e,
                        });
                    }
                    Err(e) => {
                        return Err(SheetError::TemplateUnreadable {
                            path: file,
                            source: e,
                        });
                    }
                }
            }
            None => (DEFAULT_TEMPLATE.to_owned(), None),
        };
        Ok(Self {
            book: LazyHash::new(FontBook::from_fonts(FONTS.iter())),
            library: LazyHash::new(Library::builder().build()),
            main: Source::new(*MAIN, text),
            root,
        })
    }

    /// The office's template file, or `None` for the built-in one.
    pub fn template_file(&self) -> Option<PathBuf> {
        self.root.as_ref().map(|r| r.join(TEMPLATE_FILE))
    }

    fn template_name(&self) -> String {
        self.template_file()
            .map_or_else(|| "(built in)".to_owned(), |p| p.display().to_string())
    }

    fn compile(&self, data: &Value) -> Result<PagedDocument> {
        let job = Job {
            typesetter: self,
            data: Bytes::new(serde_json::to_vec(data).map_err(|e| SheetError::Pdf(e.to_string()))?),
        };
        let result = typst::compile::<PagedDocument>(&job);
        result.output.map_err(|errors| SheetError::Template {
            template: self.template_name(),
            message: describe(&job, &errors),
        })
    }

    /// The day's volunteer sheets as one laid-out document: each volunteer starts on a new
    /// page (on a new sheet of paper when `duplex`), in the volunteer's language.
    pub fn volunteers(&self, day: &PrintedDay, duplex: bool) -> Result<VolunteerDocument> {
        // typst lays out one document's pages in parallel but evaluates and realises it on one
        // thread; so the day is cut into one part per core, each compiled on its own thread,
        // and the parts' pages are joined into one document. (Not for double-sided printing:
        // a part's page count decides on which side the next part starts, so that stays one
        // document.)
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        let parts = if duplex || day.volunteers.len() < 50 {
            1
        } else {
            cores.min(4)
        };
        let chunks = split_evenly(&day.volunteers, parts);
        let results: Vec<Result<Part>> = if chunks.len() == 1 {
            vec![self.volunteers_part(day, &day.volunteers, duplex)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = chunks
                    .iter()
                    .map(|chunk| scope.spawn(move || self.volunteers_part(day, chunk, duplex)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err(SheetError::Pdf("a typesetting thread stopped".into()))
                        })
                    })
                    .collect()
            })
        };
        let mut pages = Vec::new();
        let mut ranges = Vec::with_capacity(day.volunteers.len());
        let mut info = None;
        for result in results {
            let (doc, part_ranges) = result?;
            let offset = pages.len();
            ranges.extend(part_ranges.iter().map(|(a, b)| (a + offset, b + offset)));
            pages.extend(doc.pages().iter().cloned());
            info.get_or_insert_with(|| typst::model::Document::info(&doc).clone());
        }
        let doc = PagedDocument::new(pages.into_iter().collect(), info.unwrap_or_default());
        Ok(VolunteerDocument {
            document: Document { doc },
            ranges,
            ids: day
                .volunteers
                .iter()
                .map(|s| s.volunteer_id.clone())
                .collect(),
        })
    }

    /// One part of the volunteers' document, with each volunteer's first and last page.
    fn volunteers_part(
        &self,
        day: &PrintedDay,
        sheets: &[solidesk_core::sheets::VolunteerSheet],
        duplex: bool,
    ) -> Result<Part> {
        let languages: Vec<Language> = sheets.iter().map(|s| s.language).collect();
        let mut data = document_data(day, "volunteers", day.office.language, duplex, &languages);
        data["volunteers"] = to_value(&sheets);
        let doc = self.compile(&data)?;
        // Where each volunteer starts: the template marks it with `<volunteer-start>` metadata
        // (read here, not in the document, so it costs no second layout pass).
        let introspector = doc.introspector();
        let label = Label::new(PicoStr::intern("volunteer-start"))
            .ok_or_else(|| SheetError::Pdf("no label".into()))?;
        let mut starts: Vec<usize> = introspector
            .query(&Selector::Label(label))
            .iter()
            .filter_map(|c| c.location())
            .filter_map(|loc| introspector.page(loc))
            .map(NonZeroUsize::get)
            .collect();
        if starts.len() != sheets.len() {
            return Err(SheetError::Template {
                template: self.template_name(),
                message: format!(
                    "it must mark each volunteer's first page with `#metadata(..) <volunteer-start>` \
                     ({} marks for {} volunteers)",
                    starts.len(),
                    sheets.len()
                ),
            });
        }
        starts.sort_unstable();
        let total = doc.pages().len();
        let ranges = starts
            .iter()
            .enumerate()
            .map(|(i, &first)| {
                let next = starts.get(i + 1).map_or(total + 1, |&n| n);
                // A duplex blank page before the next volunteer belongs to no one.
                let mut last = next - 1;
                while duplex && last > first && page_is_blank(&doc, last) {
                    last -= 1;
                }
                (first, last)
            })
            .collect();
        Ok((doc, ranges))
    }

    /// The coordinator's day overview, in `language`.
    pub fn overview(&self, day: &PrintedDay, language: Language) -> Result<Document> {
        let doc = self.compile(&document_data(
            day,
            "overview",
            language,
            false,
            &[language],
        ))?;
        Ok(Document { doc })
    }

    /// The check-in call list, in `language`.
    pub fn calls(&self, day: &PrintedDay, language: Language) -> Result<Document> {
        let doc = self.compile(&document_data(day, "calls", language, false, &[language]))?;
        Ok(Document { doc })
    }
}

/// A part of the volunteers' document and each of its volunteers' first and last page.
type Part = (PagedDocument, Vec<(usize, usize)>);

/// `items` in `parts` consecutive slices of about the same weight (assignments, not
/// volunteers: one volunteer with six visits is six volunteers' work).
fn split_evenly(
    items: &[solidesk_core::sheets::VolunteerSheet],
    parts: usize,
) -> Vec<&[solidesk_core::sheets::VolunteerSheet]> {
    let total: usize = items.iter().map(|s| s.visits.len().max(1)).sum();
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    let mut weight = 0;
    for (i, s) in items.iter().enumerate() {
        weight += s.visits.len().max(1);
        if out.len() + 1 < parts && weight * parts >= total * (out.len() + 1) {
            out.push(&items[start..=i]);
            start = i + 1;
        }
    }
    if start < items.len() || out.is_empty() {
        out.push(&items[start..]);
    }
    out
}

fn page_is_blank(doc: &PagedDocument, page: usize) -> bool {
    doc.pages()
        .get(page - 1)
        .is_some_and(|p| p.frame.items().next().is_none())
}

/// typst's error messages with the template's line numbers.
fn describe(job: &Job<'_>, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let line = job.range(d.span).map(|r| {
                job.typesetter.main.text()[..r.start.min(job.typesetter.main.text().len())]
                    .lines()
                    .count()
                    .max(1)
            });
            let mut s = match line {
                Some(l) if d.span.id() == Some(*MAIN) => format!("line {l}: {}", d.message),
                _ => d.message.to_string(),
            };
            for hint in &d.hints {
                s.push_str(&format!(" (hint: {})", hint.v));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn to_pdf(doc: &PagedDocument, pages: Option<(usize, usize)>) -> Result<Pdf> {
    let options = typst_pdf::PdfOptions {
        page_ranges: pages
            .map(|(a, b)| PageRanges::new(vec![NonZeroUsize::new(a)..=NonZeroUsize::new(b)])),
        // Untagged: typst cannot tag a page range, and a sheet is read on paper, not by a
        // screen reader (the overview and call list are the same data as the desktop's screens).
        tagged: false,
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(doc, &options).map_err(|errors| {
        SheetError::Pdf(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(Pdf {
        bytes,
        pages: pages.map_or(doc.pages().len(), |(a, b)| b + 1 - a),
    })
}

/// A laid-out document: its pages can be written as PDF or drawn for a preview.
pub struct Document {
    doc: PagedDocument,
}

impl Document {
    /// Pages in all.
    pub fn pages(&self) -> usize {
        self.doc.pages().len()
    }

    /// The whole document as one PDF.
    pub fn pdf(&self) -> Result<Pdf> {
        to_pdf(&self.doc, None)
    }

    /// Page `page` (1-based) as SVG, for an on-screen preview; `None` past the end.
    pub fn page_svg(&self, page: usize) -> Option<String> {
        let p = self.doc.pages().get(page.checked_sub(1)?)?;
        Some(typst_svg::svg(p, &typst_svg::SvgOptions::default()))
    }
}

/// The volunteers' sheets of a day, laid out once.
pub struct VolunteerDocument {
    document: Document,
    /// First and last page (1-based) of each volunteer, in the day's order.
    ranges: Vec<(usize, usize)>,
    ids: Vec<String>,
}

impl VolunteerDocument {
    /// The laid-out document (all volunteers, in the day's order).
    pub fn document(&self) -> &Document {
        &self.document
    }

    /// Pages in all.
    pub fn pages(&self) -> usize {
        self.document.pages()
    }

    /// First and last page (1-based) of each volunteer, in the day's order.
    pub fn ranges(&self) -> &[(usize, usize)] {
        &self.ranges
    }

    /// Everything in one PDF, for printing the whole day at once.
    pub fn combined(&self) -> Result<Pdf> {
        self.document.pdf()
    }

    /// One PDF per volunteer, in the day's order, written on every core.
    pub fn separate(&self) -> Result<Vec<Pdf>> {
        let n = self.ranges.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, NonZeroUsize::get)
            .min(n.max(1));
        let mut out: Vec<Option<Result<Pdf>>> = (0..n).map(|_| None).collect();
        std::thread::scope(|scope| {
            let chunks: Vec<_> = out
                .chunks_mut(n.div_ceil(threads).max(1))
                .enumerate()
                .map(|(c, slots)| {
                    let base = c * n.div_ceil(threads).max(1);
                    scope.spawn(move || {
                        for (k, slot) in slots.iter_mut().enumerate() {
                            *slot = Some(to_pdf(&self.document.doc, Some(self.ranges[base + k])));
                        }
                    })
                })
                .collect();
            for c in chunks {
                if c.join().is_err() {
                    tracing::error!("a PDF writer thread panicked");
                }
            }
        });
        out.into_iter()
            .map(|p| p.unwrap_or_else(|| Err(SheetError::Pdf("a PDF writer stopped".into()))))
            .collect()
    }

    /// The volunteer ids, in the day's order.
    pub fn volunteer_ids(&self) -> &[String] {
        &self.ids
    }
}

/// The words a template may ask for, in each language the document uses: every `sheet-*`
/// message, and the names of tasks, parts of the day, languages and urgencies.
fn labels(language: Language) -> serde_json::Map<String, Value> {
    let mut ids: Vec<String> = SHEET_MESSAGES.iter().map(|s| (*s).to_owned()).collect();
    ids.extend(Task::ALL.iter().map(|t| format!("task-{t}")));
    ids.extend(PartOfDay::ALL.iter().map(|p| format!("part-{p}")));
    ids.push("part-any".into());
    ids.extend(Language::ALL.iter().map(|l| format!("language-{l}")));
    ids.extend(Urgency::ALL.iter().map(|u| format!("urgency-{u}")));
    ids.into_iter()
        .map(|id| {
            let text = solidesk_core::i18n::text(language, &id);
            (id, Value::String(text))
        })
        .collect()
}

/// The `sheet-*` messages of `locales/*.ftl` (a test checks the list against the files).
pub const SHEET_MESSAGES: &[&str] = &[
    "sheet-title",
    "sheet-when",
    "sheet-resident",
    "sheet-address",
    "sheet-phone",
    "sheet-speaks",
    "sheet-task",
    "sheet-details",
    "sheet-list",
    "sheet-access",
    "sheet-outcome",
    "sheet-outcome-done",
    "sheet-outcome-not-done",
    "sheet-outcome-nobody",
    "sheet-outcome-unreached",
    "sheet-remarks",
    "sheet-urgent",
    "sheet-number",
    "sheet-volunteer",
    "sheet-continued",
    "sheet-overview-title",
    "sheet-assigned",
    "sheet-unassigned",
    "sheet-why",
    "sheet-postal-code",
    "sheet-none",
    "sheet-calls-title",
    "sheet-caller",
    "sheet-caller-office",
    "sheet-last-contact",
    "sheet-called-at",
    "sheet-reached",
];

/// "dinsdag 01/12/2026".
fn date_text(date: NaiveDate, language: Language) -> String {
    use chrono::Datelike;
    let weekday = solidesk_core::i18n::text(
        language,
        &format!("match-weekday-{}", date.weekday().number_from_monday()),
    );
    format!("{weekday} {}", solidesk_core::dates::display(date))
}

fn help_line(day: &PrintedDay, language: Language) -> String {
    use solidesk_core::i18n::{Arg, text_with};
    let office = if day.office.name.is_empty() {
        "Solidesk".to_owned()
    } else {
        day.office.name.clone()
    };
    match &day.office.phone {
        Some(phone) => text_with(
            language,
            "sheet-help-line",
            &[
                ("office", Arg::Text(office)),
                ("phone", Arg::Text(phone.clone())),
            ],
        ),
        None => text_with(
            language,
            "sheet-help-line-no-phone",
            &[("office", Arg::Text(office))],
        ),
    }
}

/// What the template reads as `/data.json`.
fn document_data(
    day: &PrintedDay,
    kind: &str,
    language: Language,
    duplex: bool,
    languages: &[Language],
) -> Value {
    let mut used: Vec<Language> = languages.to_vec();
    used.push(language);
    used.sort_unstable();
    used.dedup();
    let per_language = |f: &dyn Fn(Language) -> Value| -> Value {
        Value::Object(used.iter().map(|l| (l.to_string(), f(*l))).collect())
    };
    let counts = solidesk_core::i18n::text_with(
        language,
        "sheet-counts",
        &[
            (
                "assigned",
                solidesk_core::i18n::Arg::Number(day.overview.assigned.len() as f64),
            ),
            (
                "unassigned",
                solidesk_core::i18n::Arg::Number(day.overview.unassigned.len() as f64),
            ),
            (
                "volunteers",
                solidesk_core::i18n::Arg::Number(day.volunteers.len() as f64),
            ),
        ],
    );
    let title = solidesk_core::i18n::text(
        language,
        match kind {
            "overview" => "sheet-overview-title",
            "calls" => "sheet-calls-title",
            _ => "sheet-title",
        },
    );
    let mut data = json!({
        "kind": kind,
        "title": format!("{title} {}", solidesk_core::dates::display(day.date)),
        "language": language,
        "duplex": duplex,
        "date": day.date,
        "date_text": per_language(&|l| Value::String(date_text(day.date, l))),
        "help_line": per_language(&|l| Value::String(help_line(day, l))),
        "labels": per_language(&|l| Value::Object(labels(l))),
        "counts_text": counts,
        "office": to_value(&day.office),
        "volunteers": [],
        "overview": {"assigned": [], "unassigned": []},
        "calls": [],
    });
    match kind {
        "volunteers" => data["volunteers"] = to_value(&day.volunteers),
        "overview" => data["overview"] = to_value(&day.overview),
        _ => {
            let mut calls = to_value(&day.calls);
            // Dates the way Belgians write them.
            if let Some(list) = calls.as_array_mut() {
                for (call, c) in list.iter_mut().zip(&day.calls) {
                    call["last_contact"] = c.last_contact.map_or(Value::Null, |d| {
                        Value::String(solidesk_core::dates::display(d))
                    });
                }
            }
            data["calls"] = calls;
        }
    }
    data
}

fn to_value<T: Serialize>(t: &T) -> Value {
    serde_json::to_value(t).unwrap_or(Value::Null)
}

/// What [`write_day`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// The day.
    pub date: NaiveDate,
    /// One file per volunteer, in the day's order.
    pub volunteers: Vec<WrittenSheet>,
    /// The day overview.
    pub overview: WrittenFile,
    /// The call list.
    pub calls: WrittenFile,
    /// The combined file, when asked for.
    pub combined: Option<WrittenFile>,
    /// The template used (`None`: the built-in one).
    pub template: Option<PathBuf>,
}

/// A written PDF.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenFile {
    /// Where.
    pub path: PathBuf,
    /// Pages.
    pub pages: usize,
}

/// A volunteer's written sheet.
#[derive(Debug, Clone, Serialize)]
pub struct WrittenSheet {
    /// The volunteer's id.
    pub volunteer_id: String,
    /// This desk's number for the volunteer.
    pub volunteer_number: i64,
    /// The volunteer's name.
    pub name: String,
    /// The sheet's language.
    pub language: Language,
    /// Assignments on the sheet.
    pub assignments: usize,
    /// The file.
    #[serde(flatten)]
    pub file: WrittenFile,
}

/// A file name part from a person's name: "Noël Dubœuf" → "noel-duboeuf".
fn slug(name: &str) -> String {
    let folded = solidesk_core::text::fold(name);
    let mut s = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').to_owned()
}

/// A volunteer's file name: `2026-12-01-volunteer-0042-an-peeters.pdf` (sorts by number; the
/// name makes it findable; the number keeps two An Peeters apart).
pub fn volunteer_file_name(date: NaiveDate, number: i64, name: &str) -> String {
    format!("{date}-volunteer-{number:04}-{}.pdf", slug(name))
}

/// Writes a day's PDFs into `out`: one per volunteer (`2026-12-01-volunteer-0042-an-peeters.pdf`),
/// the overview and the call list in `language`, and the combined file when `combined` is
/// given. Everything is typeset before anything is written, and each file is written beside
/// its final name and then renamed, so a failure leaves no half-written PDF behind.
pub fn write_day(
    typesetter: &Typesetter,
    day: &PrintedDay,
    language: Language,
    out: &Path,
    combined: Option<&Path>,
    duplex: bool,
) -> Result<Written> {
    // A day without settled assignments has no volunteers' pages (and no empty combined file).
    let volunteers = if day.volunteers.is_empty() {
        None
    } else {
        Some(typesetter.volunteers(day, duplex)?)
    };
    let separate = volunteers
        .as_ref()
        .map(|v| v.separate())
        .transpose()?
        .unwrap_or_default();
    let overview = typesetter.overview(day, language)?.pdf()?;
    let calls = typesetter.calls(day, language)?.pdf()?;
    let combined_pdf = match (combined, &volunteers) {
        (Some(_), Some(v)) => Some(v.combined()?),
        _ => None,
    };

    std::fs::create_dir_all(out).map_err(|source| SheetError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    let date = day.date;
    let mut written = Vec::new();
    for (sheet, pdf) in day.volunteers.iter().zip(&separate) {
        let path = out.join(volunteer_file_name(
            date,
            sheet.volunteer_number,
            &sheet.name,
        ));
        write_atomically(&path, &pdf.bytes)?;
        written.push(WrittenSheet {
            volunteer_id: sheet.volunteer_id.clone(),
            volunteer_number: sheet.volunteer_number,
            name: sheet.name.clone(),
            language: sheet.language,
            assignments: sheet.visits.len(),
            file: WrittenFile {
                path,
                pages: pdf.pages,
            },
        });
    }
    let overview_path = out.join(format!("{date}-overview.pdf"));
    write_atomically(&overview_path, &overview.bytes)?;
    let calls_path = out.join(format!("{date}-calls.pdf"));
    write_atomically(&calls_path, &calls.bytes)?;
    let combined = match (combined, combined_pdf) {
        (Some(path), Some(pdf)) => {
            write_atomically(path, &pdf.bytes)?;
            Some(WrittenFile {
                path: path.to_path_buf(),
                pages: pdf.pages,
            })
        }
        _ => None,
    };
    Ok(Written {
        date,
        volunteers: written,
        overview: WrittenFile {
            path: overview_path,
            pages: overview.pages,
        },
        calls: WrittenFile {
            path: calls_path,
            pages: calls.pages,
        },
        combined,
        template: typesetter.template_file(),
    })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |source| SheetError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    let tmp = path.with_extension("pdf.part");
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}

/// Empties typst's memo cache. typst remembers every layout it made so that the same
/// document is quick the second time; in a long-running app that memory only grows (to
/// gigabytes over a few thousand-page days), so the desktop calls this after each day's sheets.
pub fn forget_cache() {
    typst::comemo::evict(0);
}

/// Where an office keeps its adapted template: `sheet-template/` beside the register file, so
/// the template travels with the register's folder (and its backups).
pub fn office_template_dir(register: &Path) -> PathBuf {
    register
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("sheet-template")
}

/// Copies the built-in template into `dir` for an office to adapt; refuses to overwrite one
/// that is there.
pub fn write_template(dir: &Path) -> Result<PathBuf> {
    let path = dir.join(TEMPLATE_FILE);
    let err = |source| SheetError::Write {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    if path.exists() {
        return Err(err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            "a template is already there; move it away first",
        )));
    }
    std::fs::write(&path, DEFAULT_TEMPLATE).map_err(err)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(slug("Noël Dubœuf"), "noel-duboeuf");
        assert_eq!(slug("  Jean-Luc  O'Brien "), "jean-luc-obrien");
    }

    #[test]
    fn every_sheet_message_exists_in_every_language() {
        for l in Language::ALL {
            for (id, text) in labels(*l) {
                assert_ne!(&id, text.as_str().unwrap_or(&id), "{id} missing in {l}");
            }
        }
    }
}
