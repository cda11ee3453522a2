//! `solidesk-platform`: serve the sync API, and manage offices, volunteers and desks on the
//! platform's database.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use solidesk_platform::{
    PostgresStore, ServerConfig, SqliteStore, Store, failpoint, is_postgres_url, redacted_url,
};
use solidesk_protocol::VolunteerImage;
use uuid::Uuid;

#[derive(Parser)]
#[command(
    name = "solidesk-platform",
    version,
    about = "The national platform Solidesk desks sync with."
)]
struct Cli {
    /// The platform's database: a SQLite file (created when missing), or a PostgreSQL database
    /// as a postgres:// URL (its tables are created when missing).
    #[arg(
        long,
        global = true,
        env = "SOLIDESK_PLATFORM_DB",
        default_value = "./solidesk-platform.sqlite"
    )]
    db: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the sync API.
    Serve {
        /// Address to listen on, e.g. 127.0.0.1:8080 (port 0 picks a free one).
        #[arg(long)]
        listen: String,
        /// Token of the national administrator for /admin (without one, /admin is off).
        #[arg(long, env = "SOLIDESK_PLATFORM_ADMIN_TOKEN", hide_env_values = true)]
        admin_token: Option<String>,
    },
    /// Manage offices.
    #[command(subcommand)]
    Offices(OfficeCommand),
    /// Manage the platform's volunteers.
    #[command(subcommand)]
    Volunteers(VolunteerCommand),
    /// Manage enrolled desks.
    #[command(subcommand)]
    Devices(DeviceCommand),
    /// Answer a desk's sync request file (`solidesk sync export`), for an office without a
    /// connection: applies its batches and writes the answer the desk imports.
    Exchange {
        /// The desk's request file.
        request: PathBuf,
        /// Where to write the answer (for `solidesk sync import`).
        #[arg(long)]
        answer: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum OfficeCommand {
    /// Add an office and print its enrolment secret.
    Add {
        #[arg(long)]
        name: String,
        /// Comma-separated postal codes the office covers.
        #[arg(long, value_delimiter = ',', required = true)]
        postal_codes: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the offices.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum VolunteerCommand {
    /// Register a volunteer and print their id.
    Add(NewVolunteer),
    /// Register or update the volunteers of a JSON array (ids kept).
    Import { file: PathBuf },
    /// The volunteer left the platform.
    Leave { id: Uuid },
}

#[derive(Args)]
struct NewVolunteer {
    #[arg(long)]
    first_name: String,
    #[arg(long)]
    last_name: String,
    #[arg(long)]
    postal_code: String,
    /// E.164, e.g. +32470123456.
    #[arg(long)]
    phone: Option<String>,
    #[arg(long, default_value = "")]
    email: String,
    /// Comma-separated: nl, fr, de, en.
    #[arg(long, value_delimiter = ',')]
    languages: Vec<String>,
    /// Comma-separated task kinds.
    #[arg(long, value_delimiter = ',')]
    tasks: Vec<String>,
    /// Bookings a day.
    #[arg(long, default_value_t = 1)]
    capacity: u32,
    #[arg(long, default_value_t = 5.0)]
    radius_km: f64,
    /// Comma-separated weekday:part, e.g. 1:morning,3:afternoon.
    #[arg(long, value_delimiter = ',')]
    availability: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum DeviceCommand {
    /// Revoke a desk: its token is refused from now on.
    Revoke { id: Uuid },
}

fn main() {
    if let Err(error) = run() {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout with status 0; a usage error exits 1 like every error.
        Err(error) if !error.use_stderr() => error.exit(),
        Err(error) => {
            eprint!("{error}");
            std::process::exit(1);
        }
    };
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    failpoint::arm_from_env().map_err(anyhow::Error::msg)?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
    runtime.block_on(async {
        // A URL names a PostgreSQL database; anything else is a SQLite file's path.
        match cli.db.to_str().filter(|db| is_postgres_url(db)) {
            Some(url) => {
                let store = PostgresStore::open(url)
                    .await
                    .with_context(|| format!("cannot open the database {}", redacted_url(url)))?;
                execute(store, cli.command).await
            }
            None => {
                let store = SqliteStore::open(&cli.db)
                    .with_context(|| format!("cannot open the database {}", cli.db.display()))?;
                execute(store, cli.command).await
            }
        }
    })
}

/// Runs a command on either store: every command is written once, against [`Store`].
async fn execute<S: Store>(store: S, command: Command) -> Result<()> {
    match command {
        Command::Serve {
            listen,
            admin_token,
        } => serve(store, &listen, admin_token).await,
        Command::Offices(command) => offices(&store, command).await,
        Command::Volunteers(command) => volunteers(&store, command).await,
        Command::Devices(DeviceCommand::Revoke { id }) => {
            store.revoke_device(id).await?;
            println!("desk {id} revoked");
            Ok(())
        }
        Command::Exchange {
            request,
            answer,
            json,
        } => exchange(&store, &request, &answer, json).await,
    }
}

async fn exchange<S: Store>(
    store: &S,
    request: &std::path::Path,
    answer_path: &std::path::Path,
    json: bool,
) -> Result<()> {
    let bytes =
        std::fs::read(request).with_context(|| format!("cannot read {}", request.display()))?;
    let (answer, summary) = solidesk_platform::exchange::answer(store, &bytes)
        .await
        .with_context(|| format!("{} was not applied", request.display()))?;
    // Written beside the target first: a full stick never leaves half an answer under its name.
    let mut partial = answer_path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    std::fs::write(&partial, serde_json::to_vec_pretty(&answer)?)
        .and_then(|()| std::fs::rename(&partial, answer_path))
        .with_context(|| {
            format!(
                "the batches were applied, but the answer could not be written to {}; run the same file again for a new answer",
                answer_path.display()
            )
        })?;
    if json {
        println!("{}", serde_json::to_string(&summary)?);
    } else {
        println!(
            "{}: {} batches, {} applied, {} already there, {} refused; {} changes to take back in {}",
            summary.office,
            summary.batches,
            summary.applied,
            summary.duplicates,
            summary.rejected,
            summary.changes,
            answer_path.display()
        );
        for refused in &summary.refused_batches {
            println!("refused batch: {refused}");
        }
    }
    Ok(())
}

async fn serve<S: Store>(store: S, listen: &str, admin_token: Option<String>) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen}"))?;
    let address = listener.local_addr()?;
    println!("listening on http://{address}");
    std::io::stdout().flush()?;
    solidesk_platform::serve(
        listener,
        Arc::new(store),
        ServerConfig { admin_token },
        shutdown_signal(),
    )
    .await
    .context("the server stopped")
}

/// Completes on ctrl-c or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down");
}

async fn offices<S: Store>(store: &S, command: OfficeCommand) -> Result<()> {
    match command {
        OfficeCommand::Add {
            name,
            postal_codes,
            json,
        } => {
            let office = store.add_office(&name, &postal_codes).await?;
            if json {
                println!("{}", serde_json::to_string(&office)?);
            } else {
                println!("office_id: {}", office.office_id);
                println!("enrolment_secret: {}", office.enrolment_secret);
            }
        }
        OfficeCommand::List { json } => {
            let offices = store.offices().await?;
            if json {
                println!("{}", serde_json::to_string(&offices)?);
            } else {
                for office in offices {
                    println!(
                        "{}\t{}\t{}",
                        office.id,
                        office.name,
                        office.postal_codes.join(",")
                    );
                }
            }
        }
    }
    Ok(())
}

async fn volunteers<S: Store>(store: &S, command: VolunteerCommand) -> Result<()> {
    match command {
        VolunteerCommand::Add(new) => {
            let availability = new
                .availability
                .iter()
                .map(|entry| {
                    let (day, part) = entry
                        .split_once(':')
                        .with_context(|| format!("availability {entry:?} is not weekday:part"))?;
                    let day: u8 = day
                        .parse()
                        .with_context(|| format!("availability {entry:?} has no weekday 1-7"))?;
                    Ok((day, part.to_owned()))
                })
                .collect::<Result<Vec<_>>>()?;
            let image = VolunteerImage {
                id: Uuid::now_v7(),
                first_name: new.first_name,
                last_name: new.last_name,
                phone: new.phone,
                email: new.email,
                postal_code: new.postal_code,
                radius_km: new.radius_km,
                capacity_per_day: new.capacity,
                languages: new.languages,
                tasks: new.tasks,
                availability,
                status: "active".into(),
            };
            store.upsert_volunteer(&image).await?;
            if new.json {
                println!("{}", serde_json::json!({ "id": image.id }));
            } else {
                println!("{}", image.id);
            }
        }
        VolunteerCommand::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let images: Vec<VolunteerImage> = serde_json::from_str(&text)
                .with_context(|| format!("{} is not a JSON array of volunteers", file.display()))?;
            // All or none: a mistake in one entry leaves the platform as it was.
            let n = store
                .upsert_volunteers(&images)
                .await
                .with_context(|| format!("nothing was imported from {}", file.display()))?;
            println!("{n} volunteers imported");
        }
        VolunteerCommand::Leave { id } => {
            store.remove_volunteer(id).await?;
            println!("volunteer {id} left the platform");
        }
    }
    Ok(())
}
