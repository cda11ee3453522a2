//! `solidesk`: the command line door into a Solidesk register.
//!
//! Every command parses its arguments, opens the register, calls one core function and prints
//! the result (a table for people, `--json` for scripts). Behaviour lives in solidesk-core.

/// `println!` that returns the write error instead of panicking on a closed pipe.
macro_rules! say {
    ($($t:tt)*) => {
        writeln!(std::io::stdout().lock(), $($t)*)?
    };
}

mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;
use solidesk_core::demo::DemoOptions;
use solidesk_core::office::OfficeUpdate;
use solidesk_core::requests::NewHelpRequest;
use solidesk_core::residents::NewResident;
use solidesk_core::volunteers::NewVolunteer;
use solidesk_core::{Key, Register, RequestStatus, dates};

/// Solidesk: the neighbourhood-solidarity register of an OCMW/CPAS office.
#[derive(Parser)]
#[command(name = "solidesk", version, about, long_about = None)]
struct Cli {
    /// The register file [default: the platform's data folder, e.g. ~/.local/share/solidesk/register.db]
    #[arg(long, global = true, env = "SOLIDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// File holding the register's key (otherwise the SOLIDESK_KEY environment variable)
    #[arg(long, global = true, value_name = "FILE")]
    key_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new, empty register
    Init(InitArgs),
    /// Residents: the people who ask for help
    #[command(subcommand)]
    Residents(ResidentsCommand),
    /// Volunteers
    #[command(subcommand)]
    Volunteers(VolunteersCommand),
    /// Help requests
    #[command(subcommand)]
    Requests(RequestsCommand),
    /// The office's settings
    Office(OfficeArgs),
    /// Copy the register, encrypted with the same key, to a new file
    Backup {
        /// The backup file to create (must not exist)
        file: PathBuf,
    },
    /// Replace the register's content by a backup made with the same key
    Restore {
        /// The backup file
        file: PathBuf,
    },
    /// Write residents or volunteers to a CSV file for Excel (UTF-8 with BOM, `;`)
    Export {
        /// What to export
        what: ExportWhat,
        /// The CSV file to write
        file: PathBuf,
    },
    /// Import residents or volunteers from a CSV file (any Belgian Excel or web-tool layout)
    Import(ImportArgs),
    /// Past imports: list them, or undo one
    #[command(subcommand)]
    Imports(ImportsCommand),
    /// Fill an empty register (created if missing) with realistic synthetic demo data
    Demo(DemoArgs),
    /// Plan a day: propose the best volunteer for every open request, with the reasons; or
    /// act on the proposals (accept, decline, confirm, assign by hand)
    #[command(args_conflicts_with_subcommands = true)]
    Match(MatchArgs),
    /// Print a day: every volunteer's assignment sheet (a PDF each, in their language), the
    /// day overview and the check-in call list, and one combined PDF for the printer
    #[command(args_conflicts_with_subcommands = true)]
    Sheets(SheetsArgs),
    /// Sync with the national platform: send what changed here, receive the volunteers of the
    /// office's postal codes (one cycle, for scripts and schedulers); enrol the desk; or see
    /// what is waiting and what was refused
    #[command(args_conflicts_with_subcommands = true)]
    Sync(SyncArgs),
}

#[derive(Args)]
struct SyncArgs {
    #[command(subcommand)]
    action: Option<SyncAction>,
    /// The platform's address [default: the one the desk enrolled with]
    #[arg(long, value_name = "URL", env = "SOLIDESK_PLATFORM")]
    platform: Option<String>,
    /// Tries per request before the cycle gives up (a scheduler that runs every few minutes
    /// can use 1: the next run is the retry)
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=20))]
    attempts: u32,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum SyncAction {
    /// Join this desk to its office on the platform, with the secret the platform's
    /// administrator gave the office
    Enrol {
        /// The platform's address (https://…)
        #[arg(long, value_name = "URL", env = "SOLIDESK_PLATFORM")]
        platform: String,
        /// The office's enrolment secret
        #[arg(long, env = "SOLIDESK_ENROLMENT_SECRET")]
        secret: String,
        /// This desk's name as the platform's administrator sees it [default: the host name]
        #[arg(long)]
        name: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The last successful sync, what is waiting, what was refused and why
    Status {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// No connection: write what would be sent to a file for the platform's operator
    Export {
        /// The request file to write (e.g. on a USB stick)
        file: PathBuf,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The office key that seals residents, requests and notes between the office's desks
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
    /// Mark a record changed on two desks at once as looked at
    Resolve {
        /// The conflict's number, as `solidesk sync status` shows it
        id: i64,
    },
    /// No connection: apply the platform's answer file to this desk
    Import {
        /// The answer file the platform's operator wrote
        file: PathBuf,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum KeyAction {
    /// Show the office key as a code to type on a new desk of the office (show it to a
    /// colleague; never send it by e-mail)
    Show {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Enter the code shown on an enrolled desk of the office
    Join {
        /// The 56-character code (dashes and spaces do not matter)
        code: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct SheetsArgs {
    #[command(subcommand)]
    action: Option<SheetsAction>,
    /// The day (YYYY-MM-DD, or day first: 1/12/2026)
    #[arg(long)]
    date: Option<String>,
    /// Folder for the PDFs (created if missing)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also write every volunteer's sheet into this one PDF, each from a new page
    #[arg(long, value_name = "FILE.pdf")]
    combined: Option<PathBuf>,
    /// For double-sided printing: each volunteer starts on a new sheet of paper
    #[arg(long)]
    duplex: bool,
    /// The office's template folder (with sheets.typ) [default: sheet-template beside the
    /// register, when it is there; otherwise the built-in template]
    #[arg(long, value_name = "DIR", env = "SOLIDESK_SHEET_TEMPLATE")]
    template: Option<PathBuf>,
    /// Language of the day overview and call list (volunteers' sheets are in theirs)
    /// [default: from LANG]
    #[arg(long)]
    lang: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum SheetsAction {
    /// Write the built-in template into a folder, for the office to adapt (name, logo,
    /// contact line, layout) without recompiling
    Template {
        /// The folder (refused if it already holds a sheets.typ)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Args)]
struct MatchArgs {
    #[command(subcommand)]
    action: Option<MatchAction>,
    /// The day to plan (YYYY-MM-DD, or day first: 1/12/2026)
    #[arg(long)]
    date: Option<String>,
    /// Also write the exact problem solved (requests with urgency and the price of leaving
    /// them unserved, volunteers with room, every feasible edge with its integer cost) to this
    /// JSON file, for checking the plan with another solver
    #[arg(long, value_name = "FILE.json")]
    graph: Option<PathBuf>,
    /// Language of the reasons (nl, fr, de, en) [default: from LANG]
    #[arg(long)]
    lang: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum MatchAction {
    /// Accept a proposal: it becomes a confirmed assignment
    Accept {
        /// The proposal's assignment id or number
        assignment: String,
        /// Language of the reasons
        #[arg(long)]
        lang: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Decline a proposal, and see the next-best volunteers for that request
    Decline {
        /// The proposal's assignment id or number
        assignment: String,
        /// Language of the reasons
        #[arg(long)]
        lang: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Confirm every proposal of a day whose volunteer still has room
    Confirm {
        /// The day
        #[arg(long)]
        date: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The volunteers who could take a request on a day, best first
    Alternatives {
        /// The request's id or number
        request: String,
        /// The day
        #[arg(long)]
        date: String,
        /// Language of the reasons
        #[arg(long)]
        lang: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Assign a volunteer by hand, confirmed at once, even outside the proposals
    Assign {
        /// The request's id or number
        request: String,
        /// The volunteer's id or number
        volunteer: String,
        /// The day
        #[arg(long)]
        date: String,
        /// Language of the reasons
        #[arg(long)]
        lang: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct ImportArgs {
    /// What the file holds
    what: ExportWhat,
    /// The CSV file (UTF-8 with or without BOM, UTF-16, or Windows-1252; `;`, `,` or tab)
    file: PathBuf,
    /// Show what would be created, updated, unchanged and rejected, and change nothing
    #[arg(long)]
    dry_run: bool,
    /// Apply a saved column mapping
    #[arg(long, value_name = "NAME")]
    mapping: Option<String>,
    /// Read a column as a field, e.g. --map "Naam bewoner=last_name" or --map "Kleur=ignore"
    /// (repeatable; fields: solidesk_id, last_name, first_name, birth_date, national_number,
    /// language, street, house_number, box, address, postal_code, locality, phone, email,
    /// lives_alone, needs, notes, consent_date, consent_basis, status, radius_km, tasks,
    /// availability, capacity, ignore)
    #[arg(long = "map", value_name = "HEADER=FIELD")]
    maps: Vec<String>,
    /// Save the mapping (the saved one plus --map corrections) under this name
    #[arg(long, value_name = "NAME")]
    save_mapping: Option<String>,
    /// Write the rejected rows to this CSV file (the file's columns plus line and reason)
    #[arg(long, value_name = "OUT.csv")]
    rejects: Option<PathBuf>,
    /// Language of the reasons (nl, fr, de, en) [default: from LANG]
    #[arg(long)]
    lang: Option<String>,
    /// Report progress on standard error, one JSON line every few hundred rows
    /// ({"rows":…,"bytes":…,"total_bytes":…})
    #[arg(long)]
    progress: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum ImportsCommand {
    /// The imports done on this register, newest first
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// The likely duplicates an import listed for review
    Review {
        /// The import's id or number
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Undo a whole import (only while nothing else has changed the records it wrote)
    Undo {
        /// The import's id or number
        id: String,
    },
}

#[derive(Args)]
struct InitArgs {
    /// The office's name, e.g. "OCMW Gent"
    #[arg(long)]
    office_name: Option<String>,
    /// NIS code of the municipality served; its postal codes become the served ones
    #[arg(long)]
    nis: Option<String>,
    /// Default language (nl, fr, de, en)
    #[arg(long)]
    language: Option<String>,
}

#[derive(Args)]
struct OfficeArgs {
    /// New name
    #[arg(long)]
    name: Option<String>,
    /// NIS code of the municipality served
    #[arg(long)]
    nis: Option<String>,
    /// Office phone number
    #[arg(long)]
    phone: Option<String>,
    /// Default language
    #[arg(long)]
    language: Option<String>,
    /// Postal codes served (comma-separated)
    #[arg(long, value_delimiter = ',')]
    postal_codes: Option<Vec<String>>,
    /// How far an in-person task may take a volunteer, whatever their own radius (km)
    #[arg(long, value_name = "KM")]
    neighbourhood_km: Option<f64>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum ResidentsCommand {
    /// Add a resident
    Add(Box<ResidentAddArgs>),
    /// List residents alphabetically
    List(ListArgs),
    /// Find residents by name or phone number (any form, or its last digits)
    Search {
        /// Name(s) or phone number
        query: String,
        /// Most results
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show one resident
    Show(ShowArgs),
    /// What the resident agreed to share with visiting volunteers (door code, bell, pets):
    /// printed on their sheets. Private notes never are. An empty note removes it
    Access {
        /// The resident's id or number
        resident: String,
        /// The note; without it, the current one is shown
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Args)]
struct ResidentAddArgs {
    /// Last name
    #[arg(long)]
    last_name: String,
    /// First name(s)
    #[arg(long, default_value = "")]
    first_name: String,
    /// Birth date, day first (27/11/1940) or ISO
    #[arg(long)]
    birth_date: Option<String>,
    /// National register or BIS number
    #[arg(long)]
    national_number: Option<String>,
    /// Language (nl, fr, de, en); default: the postal code's
    #[arg(long)]
    language: Option<String>,
    /// Street
    #[arg(long, default_value = "")]
    street: String,
    /// House number
    #[arg(long, default_value = "")]
    number: String,
    /// Box
    #[arg(long = "box", default_value = "")]
    box_number: String,
    /// Postal code
    #[arg(long)]
    postal_code: Option<String>,
    /// Locality (default: the postal code's)
    #[arg(long)]
    locality: Option<String>,
    /// Phone number (repeat for more; the first is the main one)
    #[arg(long)]
    phone: Vec<String>,
    /// Lives alone (yes/no)
    #[arg(long)]
    lives_alone: Option<YesNo>,
    /// Needs (mobility, diet, hearing ...)
    #[arg(long, default_value = "")]
    needs: String,
    /// Private notes
    #[arg(long, default_value = "")]
    notes: String,
    /// Date consent was recorded
    #[arg(long)]
    consent_date: Option<String>,
    /// Basis: consent, vital_interest, public_task, legal_obligation
    #[arg(long)]
    consent_basis: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum YesNo {
    Yes,
    No,
}

#[derive(Args)]
struct ListArgs {
    /// Most rows
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Rows to skip
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ShowArgs {
    /// Id (UUID) or this desk's number
    id: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum VolunteersCommand {
    /// Add a volunteer
    Add(Box<VolunteerAddArgs>),
    /// List volunteers alphabetically
    List(ListArgs),
    /// Show one volunteer
    Show(ShowArgs),
    /// Never send this volunteer to this resident (matching will not propose them together)
    Exclude {
        /// The volunteer's id or number
        volunteer: String,
        /// The resident's id or number
        #[arg(long)]
        resident: String,
        /// refused, conflict, same_household or other
        #[arg(long)]
        reason: String,
        /// A note for colleagues
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Args)]
struct VolunteerAddArgs {
    /// Last name
    #[arg(long)]
    last_name: String,
    /// First name
    #[arg(long, default_value = "")]
    first_name: String,
    /// Home postal code
    #[arg(long)]
    postal_code: String,
    /// Phone number
    #[arg(long)]
    phone: Option<String>,
    /// E-mail address
    #[arg(long, default_value = "")]
    email: String,
    /// Languages spoken (comma-separated; default: the postal code's)
    #[arg(long, value_delimiter = ',')]
    languages: Vec<String>,
    /// How far they will go, in km
    #[arg(long, default_value_t = 5.0)]
    radius_km: f64,
    /// Tasks (comma-separated): groceries, pharmacy, errands, phone_checkin, accompaniment, chat
    #[arg(long, value_delimiter = ',')]
    tasks: Vec<String>,
    /// Availability (comma-separated day:part, e.g. mon-fri:morning,sat:all)
    #[arg(long, value_delimiter = ',')]
    availability: Vec<String>,
    /// Assignments per day at most
    #[arg(long, default_value_t = 2)]
    capacity: u32,
    /// Notes
    #[arg(long, default_value = "")]
    notes: String,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum RequestsCommand {
    /// Record a help request
    Add(Box<RequestAddArgs>),
    /// List request occurrences of a day or a period (recurring requests expanded)
    List(RequestListArgs),
    /// Change a request's status (open, proposed, assigned, done, not_done, cancelled)
    Status {
        /// Id (UUID) or this desk's number
        id: String,
        /// The new status
        status: String,
        /// What happened, in your words
        #[arg(long)]
        note: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct RequestAddArgs {
    /// The resident: id or this desk's number
    #[arg(long)]
    resident: String,
    /// groceries, pharmacy, errands, phone_checkin, accompaniment, chat
    #[arg(long)]
    kind: String,
    /// The (first) day it is due, day first or ISO
    #[arg(long)]
    date: String,
    /// morning, afternoon, evening or any
    #[arg(long)]
    part_of_day: Option<String>,
    /// Time window, e.g. 09:00-11:00
    #[arg(long)]
    window: Option<String>,
    /// Repetition: daily, every 3 days, weekly, weekly:tue,fri, every 2 weeks:mon, monthly
    #[arg(long)]
    repeat: Option<String>,
    /// Last day of the repetition
    #[arg(long)]
    until: Option<String>,
    /// low, normal, high, urgent
    #[arg(long)]
    urgency: Option<String>,
    /// Language, when not the resident's
    #[arg(long)]
    language: Option<String>,
    /// Details, shopping list
    #[arg(long, default_value = "")]
    notes: String,
    /// phone, walk_in, import, email, other
    #[arg(long)]
    channel: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct RequestListArgs {
    /// One day (default: today)
    #[arg(long, conflicts_with_all = ["from", "to"])]
    date: Option<String>,
    /// First day of a period
    #[arg(long, requires = "to")]
    from: Option<String>,
    /// Last day of a period
    #[arg(long, requires = "from")]
    to: Option<String>,
    /// Only this status
    #[arg(long)]
    status: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportWhat {
    Residents,
    Volunteers,
}

#[derive(Args)]
struct DemoArgs {
    /// Residents to create
    #[arg(long, default_value_t = 2000)]
    residents: u64,
    /// Volunteers to create
    #[arg(long, default_value_t = 300)]
    volunteers: u64,
    /// Requests to create [default: one per four residents]
    #[arg(long)]
    requests: Option<u64>,
    /// Seed of the generator: the same seed gives the same people
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// First day of the requests [default: today]
    #[arg(long)]
    today: Option<String>,
    /// Days the requests spread over from the first (1 = a whole city's requests on one day)
    #[arg(long, default_value_t = 8)]
    days: u32,
    /// Only postal codes starting with these (comma-separated; e.g. 9 for East Flanders,
    /// 10,11,12 for Brussels) [default: all of Belgium]
    #[arg(long, value_delimiter = ',')]
    region: Vec<String>,
    /// Write that many synthetic residents to this CSV file (a municipality's Excel export, to
    /// try `solidesk import` on) instead of filling a register
    #[arg(long, value_name = "FILE.csv")]
    write_list: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of a pipe went away (`solidesk … | head`): not an error of ours.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn default_db() -> Result<PathBuf> {
    solidesk_core::register::default_path().context(
        "This system has no data folder for the register; pass --db PATH or set SOLIDESK_DB.",
    )
}

fn key(cli_key_file: Option<&Path>) -> Result<Key> {
    let secret = match cli_key_file {
        Some(file) => std::fs::read_to_string(file)
            .with_context(|| format!("Could not read the key file {}", file.display()))?,
        None => match std::env::var("SOLIDESK_KEY") {
            Ok(k) => k,
            Err(_) => {
                bail!("No key: set the SOLIDESK_KEY environment variable or pass --key-file FILE.")
            }
        },
    };
    Ok(Key::new(secret)?)
}

fn import(args: ImportArgs, mut reg: Register) -> Result<()> {
    use solidesk_core::import::{Field, ImportKind, ImportOptions, Overrides};
    let kind = match args.what {
        ExportWhat::Residents => ImportKind::Residents,
        ExportWhat::Volunteers => ImportKind::Volunteers,
    };
    let mut overrides = Overrides::new();
    for m in &args.maps {
        let (header, field) = m
            .rsplit_once('=')
            .with_context(|| format!("--map \"{m}\": write HEADER=FIELD"))?;
        let field = Field::parse(field)
            .with_context(|| format!("--map \"{m}\": \"{field}\" is not a field (see --help)"))?;
        overrides.insert(header.to_owned(), field);
    }
    let language = match &args.lang {
        Some(l) => solidesk_core::Language::parse_loose(l)?,
        None => solidesk_core::i18n::language_from_env(),
    };
    if let Some(name) = &args.save_mapping {
        let mut mapping = match &args.mapping {
            Some(base) => reg.import_profile(base, kind)?,
            None => Overrides::new(),
        };
        mapping.extend(overrides.clone());
        reg.save_import_profile(name, kind, &mapping)?;
    }
    let options = ImportOptions {
        kind,
        dry_run: args.dry_run,
        profile: args.mapping.clone(),
        overrides,
        rejects: args.rejects.clone(),
        language,
        imported_by: solidesk_core::os_account(),
    };
    let mut report_progress = |p: solidesk_core::import::Progress| {
        if args.progress {
            let mut err = std::io::stderr().lock();
            let _ = serde_json::to_writer(&mut err, &p);
            let _ = writeln!(err);
        }
        true
    };
    let report = reg.import_file(&args.file, &options, &mut report_progress)?;
    if args.json {
        print_json(&report)?;
    } else {
        output::import_report(&report)?;
    }
    Ok(())
}

fn language(lang: Option<&str>) -> Result<solidesk_core::Language> {
    Ok(match lang {
        Some(l) => solidesk_core::Language::parse_loose(l)?,
        None => solidesk_core::i18n::language_from_env(),
    })
}

fn sheets(args: SheetsArgs, open: &dyn Fn() -> Result<Register>) -> Result<()> {
    if let Some(SheetsAction::Template { out }) = args.action {
        let path = solidesk_sheets::write_template(&out)?;
        say!(
            "Wrote {}: edit it (office name, logo, contact line), then print with --template {}.",
            path.display(),
            out.display()
        );
        return Ok(());
    }
    let (Some(date), Some(out)) = (args.date.as_deref(), args.out.as_deref()) else {
        anyhow::bail!("which day, and where to? give --date YYYY-MM-DD --out DIR");
    };
    let date = dates::parse(date, "date")?;
    let lang = language(args.lang.as_deref())?;
    let reg = open()?;
    let template = match args.template {
        Some(dir) => Some(dir),
        None => reg
            .path()
            .map(solidesk_sheets::office_template_dir)
            .filter(|d| d.join(solidesk_sheets::TEMPLATE_FILE).is_file()),
    };
    let typesetter = solidesk_sheets::Typesetter::new(template.as_deref())?;
    let day = reg.printed_day(date, lang, None)?;
    let written = solidesk_sheets::write_day(
        &typesetter,
        &day,
        lang,
        out,
        args.combined.as_deref(),
        args.duplex,
    )?;
    if args.json {
        return print_json(&written);
    }
    if written.volunteers.is_empty() {
        say!(
            "No confirmed assignments on {}: confirm the day's plan first (solidesk match confirm --date {}).",
            dates::display(date),
            date
        );
    } else {
        let pages: usize = written.volunteers.iter().map(|w| w.file.pages).sum();
        say!(
            "{} volunteers' sheets ({pages} pages) in {}.",
            written.volunteers.len(),
            out.display()
        );
    }
    say!(
        "Day overview: {} ({} pages); call list: {} ({} pages).",
        written.overview.path.display(),
        written.overview.pages,
        written.calls.path.display(),
        written.calls.pages
    );
    if let Some(c) = &written.combined {
        say!(
            "Combined for printing: {} ({} pages).",
            c.path.display(),
            c.pages
        );
    }
    Ok(())
}

fn match_day(args: MatchArgs, mut reg: Register) -> Result<()> {
    let Some(action) = args.action else {
        let date = args
            .date
            .as_deref()
            .context("which day? give --date YYYY-MM-DD (or act on proposals: solidesk match accept|decline|confirm|alternatives|assign)")?;
        let date = dates::parse(date, "date")?;
        let lang = language(args.lang.as_deref())?;
        let (plan, graph) = reg.plan_day_with_graph(date, &solidesk_core::os_account(), lang)?;
        if let Some(path) = &args.graph {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot write the graph to {}", path.display()))?;
            let mut out = std::io::BufWriter::new(file);
            serde_json::to_writer(&mut out, &graph).map_err(std::io::Error::from)?;
            out.flush()
                .with_context(|| format!("cannot write the graph to {}", path.display()))?;
        }
        if args.json {
            print_json(&plan)?;
        } else {
            output::day_plan(&plan)?;
        }
        return Ok(());
    };
    match action {
        MatchAction::Accept {
            assignment,
            lang,
            json,
        } => {
            let a = reg.accept_proposal(&assignment, language(lang.as_deref())?)?;
            if json {
                print_json(&a)?;
            } else {
                say!(
                    "Confirmed: {} for request {} ({}) on {}.",
                    a.volunteer_name,
                    a.request_number,
                    a.resident_name,
                    dates::display(a.date)
                );
            }
        }
        MatchAction::Decline {
            assignment,
            lang,
            json,
        } => {
            let candidates = reg.decline_proposal(&assignment, language(lang.as_deref())?)?;
            if json {
                print_json(&candidates)?;
            } else {
                say!("Declined. Next-best volunteers:");
                output::candidates(&candidates)?;
            }
        }
        MatchAction::Confirm { date, json } => {
            let done = reg.confirm_day(dates::parse(&date, "date")?)?;
            if json {
                print_json(&done)?;
            } else {
                say!(
                    "Confirmed {} proposals; {} left as proposed because their volunteer's day filled up meanwhile.",
                    done.confirmed,
                    done.skipped
                );
            }
        }
        MatchAction::Alternatives {
            request,
            date,
            lang,
            json,
        } => {
            let candidates = reg.alternatives(
                &request,
                dates::parse(&date, "date")?,
                language(lang.as_deref())?,
            )?;
            if json {
                print_json(&candidates)?;
            } else {
                output::candidates(&candidates)?;
            }
        }
        MatchAction::Assign {
            request,
            volunteer,
            date,
            lang,
            json,
        } => {
            let manual = reg.assign_volunteer(
                &request,
                dates::parse(&date, "date")?,
                &volunteer,
                &solidesk_core::os_account(),
                language(lang.as_deref())?,
            )?;
            if json {
                print_json(&manual)?;
            } else {
                let a = &manual.assignment;
                say!(
                    "Assigned {} to request {} ({}) on {}.",
                    a.volunteer_name,
                    a.request_number,
                    a.resident_name,
                    dates::display(a.date)
                );
                if !manual.overridden.is_empty() {
                    say!("Set aside: {}.", manual.why);
                }
            }
        }
    }
    Ok(())
}

fn print_json<T: Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

fn run(cli: Cli) -> Result<()> {
    let db = match cli.db {
        Some(p) => p,
        None => default_db()?,
    };
    let key_file = cli.key_file.as_deref();
    let open = || -> Result<Register> { Ok(Register::open(&db, &key(key_file)?)?) };
    match cli.command {
        Command::Init(args) => {
            let key = key(key_file)?;
            let mut reg = Register::create(&db, &key)?;
            let update = OfficeUpdate {
                nis_code: args.nis,
                name: args.office_name,
                default_language: args.language,
                ..Default::default()
            };
            if let Err(e) = reg.update_office(&update) {
                // A register with settings the user did not ask for is worse than none.
                drop(reg);
                remove_register(&db);
                return Err(e.into());
            }
            say!("Created an encrypted register at {}.", db.display());
        }
        Command::Sync(args) => sync(args, open()?)?,
        Command::Residents(cmd) => residents(cmd, open()?)?,
        Command::Volunteers(cmd) => volunteers(cmd, open()?)?,
        Command::Requests(cmd) => requests(cmd, open()?)?,
        Command::Office(args) => {
            let mut reg = open()?;
            let any_change = args.name.is_some()
                || args.nis.is_some()
                || args.phone.is_some()
                || args.language.is_some()
                || args.postal_codes.is_some()
                || args.neighbourhood_km.is_some();
            let office = if any_change {
                reg.update_office(&OfficeUpdate {
                    nis_code: args.nis,
                    name: args.name,
                    phone: args.phone,
                    default_language: args.language,
                    postal_codes: args.postal_codes,
                    neighbourhood_km: args.neighbourhood_km,
                })?
            } else {
                reg.office()?
            };
            if args.json {
                print_json(&office)?;
            } else {
                output::office(&office)?;
            }
        }
        Command::Backup { file } => {
            let key = key(key_file)?;
            let reg = Register::open(&db, &key)?;
            reg.backup_to(&file, &key)?;
            say!(
                "Backed up the register to {} (encrypted with the same key).",
                file.display()
            );
        }
        Command::Restore { file } => {
            let key = key(key_file)?;
            if db.exists() {
                let mut reg = Register::open(&db, &key)?;
                reg.restore_from(&file, &key)?;
            } else {
                let mut reg = Register::create(&db, &key)?;
                if let Err(e) = reg.restore_from(&file, &key) {
                    drop(reg);
                    remove_register(&db);
                    return Err(e.into());
                }
            }
            say!("Restored {} from {}.", db.display(), file.display());
        }
        Command::Export { what, file } => {
            let reg = open()?;
            let n = match what {
                ExportWhat::Residents => reg.export_residents(&file)?,
                ExportWhat::Volunteers => reg.export_volunteers(&file)?,
            };
            say!("Wrote {n} rows to {}.", file.display());
        }
        Command::Import(args) => import(args, open()?)?,
        Command::Imports(ImportsCommand::List { json }) => {
            let list = open()?.imports()?;
            if json {
                print_json(&list)?;
            } else {
                output::imports(&list)?;
            }
        }
        Command::Imports(ImportsCommand::Review { id, json }) => {
            let items = open()?.import_reviews(&id)?;
            if json {
                print_json(&items)?;
            } else if items.is_empty() {
                say!("Nothing to review for this import.");
            } else {
                for i in &items {
                    say!("line {:>6}  {}  ~  {}", i.line, i.created_name, i.reason);
                }
            }
        }
        Command::Imports(ImportsCommand::Undo { id }) => {
            let report = open()?.undo_import(&id, &solidesk_core::os_account())?;
            say!(
                "Undone: {} records removed, {} put back as they were.",
                report.removed,
                report.restored
            );
        }
        Command::Match(args) => match_day(args, open()?)?,
        Command::Sheets(args) => sheets(args, &open)?,
        Command::Demo(args) => {
            let today = match &args.today {
                Some(d) => dates::parse(d, "today")?,
                None => solidesk_core::today(),
            };
            if let Some(file) = &args.write_list {
                let n = solidesk_core::demo::write_resident_list(
                    file,
                    args.residents,
                    args.seed,
                    today,
                )?;
                say!("Wrote {n} synthetic residents to {}.", file.display());
                return Ok(());
            }
            let key = key(key_file)?;
            let created = !db.exists();
            let mut reg = if created {
                Register::create(&db, &key)?
            } else {
                Register::open(&db, &key)?
            };
            let result = reg.fill_demo(&DemoOptions {
                residents: args.residents,
                volunteers: args.volunteers,
                requests: args.requests,
                seed: args.seed,
                today,
                days: args.days,
                region: args.region.clone(),
            });
            let summary = match result {
                Ok(s) => s,
                Err(e) => {
                    drop(reg);
                    if created {
                        remove_register(&db);
                    }
                    return Err(e.into());
                }
            };
            if args.json {
                print_json(&summary)?;
            } else {
                say!(
                    "Filled {} with {} residents, {} volunteers and {} requests ({} recurring).",
                    db.display(),
                    summary.residents,
                    summary.volunteers,
                    summary.requests,
                    summary.recurring
                );
            }
        }
    }
    Ok(())
}

/// "Maria Peeters", or just "Peeters" when the first name is unknown.
fn full_name(first: &str, last: &str) -> String {
    format!("{first} {last}").trim().to_owned()
}

/// Removes a register this command created and could not finish.
fn remove_register(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

fn residents(cmd: ResidentsCommand, mut reg: Register) -> Result<()> {
    match cmd {
        ResidentsCommand::Add(a) => {
            let r = reg.add_resident(&NewResident {
                first_name: a.first_name,
                last_name: a.last_name,
                birth_date: a.birth_date,
                national_number: a.national_number,
                language: a.language,
                street: a.street,
                house_number: a.number,
                box_number: a.box_number,
                postal_code: a.postal_code,
                locality: a.locality,
                phones: a.phone,
                lives_alone: a.lives_alone.map(|y| matches!(y, YesNo::Yes)),
                needs: a.needs,
                notes: a.notes,
                consent_date: a.consent_date,
                consent_basis: a.consent_basis,
                source: "cli".into(),
            })?;
            if a.json {
                print_json(&r)?;
            } else {
                say!(
                    "Added resident #{} {} ({}).",
                    r.local_id,
                    full_name(&r.first_name, &r.last_name),
                    r.id
                );
            }
        }
        ResidentsCommand::List(a) => {
            let hits = reg.list_residents(a.limit, a.offset)?;
            if a.json {
                print_json(&hits)?;
            } else {
                output::resident_hits(&hits)?;
            }
        }
        ResidentsCommand::Search { query, limit, json } => {
            let hits = reg.search_residents(&query, limit)?;
            if json {
                print_json(&hits)?;
            } else if hits.is_empty() {
                say!("No resident matches \"{query}\".");
            } else {
                output::resident_hits(&hits)?;
            }
        }
        ResidentsCommand::Show(a) => {
            let r = reg.resident(&a.id)?;
            if a.json {
                print_json(&r)?;
            } else {
                output::resident(&r)?;
            }
        }
        ResidentsCommand::Access { resident, note } => {
            let current = match note {
                Some(note) => reg.set_access_note(&resident, &note)?,
                None => reg.access_note(&resident)?,
            };
            match current {
                Some(note) => say!("Access note (printed on volunteers' sheets): {note}"),
                None => say!("No access note."),
            }
        }
    }
    Ok(())
}

fn volunteers(cmd: VolunteersCommand, mut reg: Register) -> Result<()> {
    match cmd {
        VolunteersCommand::Exclude {
            volunteer,
            resident,
            reason,
            note,
        } => {
            reg.exclude_volunteer(&volunteer, &resident, &reason, &note)?;
            say!("Recorded: matching will not propose this volunteer for this resident.");
        }
        VolunteersCommand::Add(a) => {
            let v = reg.add_volunteer(&NewVolunteer {
                first_name: a.first_name,
                last_name: a.last_name,
                phone: a.phone,
                email: a.email,
                languages: a.languages,
                postal_code: a.postal_code,
                radius_km: a.radius_km,
                tasks: a.tasks,
                availability: a.availability,
                capacity_per_day: a.capacity,
                notes: a.notes,
            })?;
            if a.json {
                print_json(&v)?;
            } else {
                say!(
                    "Added volunteer #{} {} ({}).",
                    v.local_id,
                    full_name(&v.first_name, &v.last_name),
                    v.id
                );
            }
        }
        VolunteersCommand::List(a) => {
            let list = reg.list_volunteers(a.limit, a.offset)?;
            if a.json {
                print_json(&list)?;
            } else {
                output::volunteers(&list)?;
            }
        }
        VolunteersCommand::Show(a) => {
            let v = reg.volunteer(&a.id)?;
            if a.json {
                print_json(&v)?;
            } else {
                output::volunteer(&v)?;
            }
        }
    }
    Ok(())
}

fn requests(cmd: RequestsCommand, mut reg: Register) -> Result<()> {
    match cmd {
        RequestsCommand::Add(a) => {
            let q = reg.add_request(&NewHelpRequest {
                resident: a.resident,
                kind: a.kind,
                due_date: a.date,
                part_of_day: a.part_of_day,
                window: a.window,
                repeat: a.repeat,
                repeat_until: a.until,
                urgency: a.urgency,
                language: a.language,
                notes: a.notes,
                channel: a.channel,
                created_by: std::env::var("USER").unwrap_or_else(|_| "cli".into()),
            })?;
            if a.json {
                print_json(&q)?;
            } else {
                say!(
                    "Recorded request #{}: {} for {} on {}.",
                    q.local_id,
                    q.kind,
                    q.resident_name,
                    dates::display(q.due_date)
                );
            }
        }
        RequestsCommand::List(a) => {
            let (from, to) = match (&a.date, &a.from, &a.to) {
                (Some(d), _, _) => {
                    let d = dates::parse(d, "date")?;
                    (d, d)
                }
                (None, Some(f), Some(t)) => (dates::parse(f, "from")?, dates::parse(t, "to")?),
                _ => {
                    let d = solidesk_core::today();
                    (d, d)
                }
            };
            let status = a
                .status
                .as_deref()
                .map(str::parse::<RequestStatus>)
                .transpose()?;
            let list = reg.list_requests(from, to, status)?;
            if a.json {
                print_json(&list)?;
            } else {
                output::requests(&list)?;
            }
        }
        RequestsCommand::Status {
            id,
            status,
            note,
            json,
        } => {
            let status: RequestStatus = status.parse()?;
            let q = reg.set_request_status(&id, status, note.as_deref())?;
            if json {
                print_json(&q)?;
            } else {
                say!("Request #{} is now {}.", q.local_id, q.status);
            }
        }
    }
    Ok(())
}

fn sync(args: SyncArgs, mut reg: Register) -> Result<()> {
    match args.action {
        Some(SyncAction::Enrol {
            platform,
            secret,
            name,
            json,
        }) => {
            let name = name.unwrap_or_else(|| {
                std::fs::read_to_string("/etc/hostname")
                    .map(|h| h.trim().to_owned())
                    .ok()
                    .filter(|h| !h.is_empty())
                    .unwrap_or_else(solidesk_core::os_account)
            });
            let office = reg.enrol(&platform, &secret, &name)?;
            if json {
                print_json(&office)?;
            } else {
                say!(
                    "Enrolled with {platform} as a desk of {} (postal codes {}).",
                    office.name,
                    office.postal_codes.join(", ")
                );
                if reg.sync_status()?.office_key != "held" {
                    say!(
                        "Your office already has a key for its residents' data: on an enrolled desk run `solidesk sync key show`, then here `solidesk sync key join CODE`."
                    );
                }
            }
        }
        Some(SyncAction::Key {
            action: KeyAction::Show { json },
        }) => {
            let code = reg.office_key_code()?;
            if json {
                print_json(&serde_json::json!({ "code": code }))?;
            } else {
                say!("{code}");
            }
        }
        Some(SyncAction::Key {
            action: KeyAction::Join { code, json },
        }) => {
            let received = reg.join_office_key(&code)?;
            if json {
                print_json(&serde_json::json!({ "received": received }))?;
            } else {
                say!(
                    "This desk now holds the office key; {received} records of the office's other desks were taken in. The next sync sends this desk's records."
                );
            }
        }
        Some(SyncAction::Resolve { id }) => {
            reg.resolve_office_conflict(id)?;
            say!("Conflict #{id} is marked as looked at.");
        }
        Some(SyncAction::Export { file, json }) => {
            let export = reg.export_sync(&file)?;
            if json {
                print_json(&export)?;
            } else {
                say!(
                    "Wrote {} changes in {} batches to {}; take it to the platform's operator, then import the answer with `solidesk sync import`.",
                    export.mutations,
                    export.batches,
                    export.path.display()
                );
                if export.left_out > 0 {
                    say!(
                        "{} more changes wait for a next file (a file holds at most 200 batches).",
                        export.left_out
                    );
                }
            }
        }
        Some(SyncAction::Import { file, json }) => {
            let import = reg.import_sync_answer(&file)?;
            if json {
                print_json(&import)?;
            } else {
                output::sync_report(&import.report)?;
                if import.batches_already_answered > 0 {
                    say!(
                        "{} batches had been answered before; skipped.",
                        import.batches_already_answered
                    );
                }
                if !import.pull_applied {
                    say!(
                        "The answer's changes are older than what this desk already has; skipped."
                    );
                }
                for refused in &import.batches_refused {
                    say!("The platform refused a batch: {refused}");
                }
            }
        }
        Some(SyncAction::Status { json }) => {
            let status = reg.sync_status()?;
            if json {
                print_json(&status)?;
            } else {
                output::sync_status(&status)?;
            }
        }
        None => {
            let options = solidesk_core::sync::SyncOptions {
                platform_url: args.platform,
                backoff: solidesk_core::sync::plan::Backoff {
                    attempts: args.attempts,
                    ..Default::default()
                },
                ..Default::default()
            };
            let report = reg.sync(&options)?;
            if args.json {
                print_json(&report)?;
            } else {
                output::sync_report(&report)?;
            }
        }
    }
    Ok(())
}
