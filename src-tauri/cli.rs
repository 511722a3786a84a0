//! The command line: the same binary works headless when given a subcommand.
//! A thin adapter over `commands`, like the IPC one.

use crate::commands;
use crate::domain::event::EventInput;
use crate::domain::search::EventSearch;
use crate::error::{AppError, AppResult};
use crate::store::Store;
use clap::{Parser, Subcommand};
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod export;
mod transfer;
pub use export::ExportCommand;

pub const DATA_DIR_ENV: &str = "ASPEN_DESK_DATA_DIR";

#[derive(Parser, Debug)]
#[command(
    name = "aspen-desk",
    version,
    about = "Continuing education and certification for Montana librarians, offline."
)]
pub struct Cli {
    /// The data folder (database and files). Default: $ASPEN_DESK_DATA_DIR, else the OS app-data folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Passed by WebKitWebDriver when it launches the window for end-to-end
    /// tests; accepted and ignored.
    #[arg(long, hide = true)]
    pub automation: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The CE event catalog.
    #[command(subcommand)]
    Events(EventsCommand),
    /// The library directory: organizations, people, positions.
    #[command(subcommand)]
    Directory(DirectoryCommand),
    /// The CE credit ledger.
    #[command(subcommand)]
    Credits(CreditsCommand),
    /// Enroll a person in a certification track; prints the enrollment as JSON.
    Enroll {
        #[arg(long)]
        person: i64,
        /// 2009-administrator, 2009-staff, 2009-trustee, 2023-director-initial,
        /// 2023-director-renewal, 2023-staff, 2023-trustee, strategic
        #[arg(long)]
        track: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<String>,
    },
    /// Move an enrollment through the certification workflow.
    #[command(subcommand)]
    Certification(CertificationCommand),
    /// A person's progress toward a track.
    Progress {
        #[arg(long)]
        person: i64,
        #[arg(long)]
        track: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Strategic Track plans.
    #[command(subcommand)]
    Plans(PlansCommand),
    /// Self-directed learning activities.
    #[command(subcommand)]
    Activities(ActivitiesCommand),
    /// Data out: transcript, certificate, packet, calendar (ics), everything as JSON.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Load the sample catalog and directory (once).
    DemoData,
    /// Write a backup (database, files, manifest) to one file.
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the data folder with a backup, after checking all of it; the
    /// old folder is kept aside as `<data>.before-restore-<time>`.
    Restore {
        #[arg(value_name = "FILE")]
        backup: PathBuf,
    },
    /// Import an ASPeN event page (.txt/.html), a calendar (.ics), a CSV of credits, or
    /// an Aspen Desk JSON export (into an empty data folder only).
    Import {
        /// The file to read (a path, not JSON).
        #[arg(value_name = "FILE")]
        path: PathBuf,
        /// Whose credits a CSV holds (default: the current person).
        #[arg(long)]
        person: Option<i64>,
        /// Read and check only; save nothing.
        #[arg(long)]
        dry_run: bool,
        /// Save the good rows even when others are bad.
        #[arg(long)]
        only_good: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum PlansCommand {
    /// Create a plan (a new draft version) from JSON (FILE or `-`); prints it as JSON.
    Create { file: String },
    /// Upload the plan document (PDF, DOCX or ODT, up to 25 MB) from a path.
    Upload { plan_id: i64, path: String },
    /// Show a plan.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Submit a plan for review.
    Submit {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
    },
    /// Write the plan as typed to a PDF.
    ExportPdf { id: i64, path: String },
}

#[derive(Subcommand, Debug)]
pub enum ActivitiesCommand {
    /// Log a self-directed activity from JSON (FILE or `-`); prints the credit entry as JSON.
    Add { file: String },
}

#[derive(Subcommand, Debug)]
pub enum CreditsCommand {
    /// Log a credit entry from JSON (FILE or `-`); prints it as JSON.
    Add { file: String },
    /// A person's ledger, newest first.
    List {
        #[arg(long)]
        person: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum CertificationCommand {
    /// Set the status: submitted, coordinator_review, supervisor_verified (needs --by), issued, expired, in_progress.
    Status {
        enrollment_id: i64,
        status: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        by: Option<String>,
    },
    /// Record a certificate issued elsewhere (expiry follows); prints the enrollment as JSON.
    Record {
        #[arg(long)]
        person: i64,
        #[arg(long)]
        track: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        issued: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum DirectoryCommand {
    /// Add an organization from JSON (FILE or `-`); prints it as JSON.
    AddOrg { file: String },
    /// Add a person from JSON (FILE or `-`); prints them as JSON.
    AddPerson { file: String },
    /// Add a position from JSON (FILE or `-`); prints it as JSON.
    AddPosition { file: String },
    /// Search organizations, people and positions.
    Search {
        query: Option<String>,
        #[arg(long)]
        federation: Option<String>,
        #[arg(long)]
        org_type: Option<String>,
        #[arg(long)]
        position_type: Option<String>,
        #[arg(long)]
        include_inactive: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show an organization with its goals, branches and people.
    ShowOrg {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Show a person with their positions.
    ShowPerson {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum EventsCommand {
    /// Add one event from a JSON file, or `-` for standard input; prints it as JSON.
    Add { file: String },
    /// Search the catalog (default: the last 4 years and all future events).
    List {
        #[arg(long)]
        query: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// LA, LSP, CMTS or TECH
        #[arg(long)]
        category: Option<String>,
        /// continuing_education, conference, webinar, meeting or deadline
        #[arg(long = "type")]
        event_type: Option<String>,
        /// online, in_person or hybrid
        #[arg(long)]
        delivery: Option<String>,
        /// Search every date, not only the last 4 years and the future.
        #[arg(long)]
        all_dates: bool,
        /// Oldest first instead of newest first.
        #[arg(long)]
        oldest_first: bool,
        #[arg(long, default_value_t = 500)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one event.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Show an event's page history, newest first.
    History {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Delete an event (its history is kept).
    Delete { id: i64 },
}

/// The data folder: `--data-dir`, else `$ASPEN_DESK_DATA_DIR`, else the OS app-data folder.
pub fn resolve_data_dir(flag: Option<PathBuf>) -> PathBuf {
    flag.or_else(|| {
        std::env::var_os(DATA_DIR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
    .unwrap_or_else(|| {
        dirs::data_dir()
            .unwrap_or_else(|| PathBuf::from("."))
            .join("org.aspendesk.app")
    })
}

pub fn main() -> ExitCode {
    // clap's own definition decides: any argument it cannot parse is an
    // error (exit 2), help and version exit 0, and only no subcommand opens
    // the window.
    let cli = match Cli::try_parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let data_dir = resolve_data_dir(cli.data_dir);
    let Some(command) = cli.command else {
        return match crate::app::run(data_dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::from(if err.is_user_error() { 2 } else { 1 })
            }
        };
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        if let Command::Restore { backup } = &command {
            return transfer::restore(&data_dir, backup).await;
        }
        let store = Store::open(&data_dir).await?;
        let result = run(&store, command).await;
        store.close().await;
        result
    });
    match result {
        Ok(output) => {
            if !output.is_empty() {
                println!("{output}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            match &err {
                AppError::Invalid(fields) => {
                    for f in fields {
                        eprintln!("error: {}: {}", f.field, f.message);
                    }
                }
                other => eprintln!("error: {other}"),
            }
            ExitCode::from(if err.is_user_error() { 2 } else { 1 })
        }
    }
}

/// Reads JSON from a file or `-` (standard input), naming the bad field on error.
pub fn read_json<T: DeserializeOwned>(source: &str) -> AppResult<T> {
    let text = if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| AppError::io("cannot read standard input", e))?;
        String::from_utf8(bytes)
            .map_err(|_| AppError::invalid("json", "standard input is not UTF-8 text"))?
    } else {
        std::fs::read_to_string(Path::new(source))
            .map_err(|e| AppError::invalid("file", format!("cannot read {source}: {e}")))?
    };
    parse_json(&text)
}

pub fn parse_json<T: DeserializeOwned>(text: &str) -> AppResult<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." || path == "?" {
            "json".to_string()
        } else {
            path
        };
        let message = e.into_inner().to_string();
        AppError::invalid(field, message)
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string_pretty(value).map_err(|e| AppError::Io(e.to_string()))
}

/// Runs one subcommand and returns what to print.
pub async fn run(store: &Store, command: Command) -> AppResult<String> {
    match command {
        Command::DemoData => {
            let added = commands::load_sample_catalog(store).await?;
            Ok(if added == 0 {
                "The sample catalog was already loaded.".into()
            } else {
                format!("Loaded {added} sample events.")
            })
        }
        Command::Backup { out } => transfer::backup(store, &out).await,
        Command::Restore { .. } => Err(AppError::Io("restore needs the data folder closed".into())),
        Command::Events(command) => run_events(store, command).await,
        Command::Import {
            path,
            person,
            dry_run,
            only_good,
            json,
        } => {
            // An Aspen Desk JSON export restores records; anything else is
            // read as a page, a calendar or a credit list.
            if transfer::is_data_export_file(&path) {
                return transfer::import(store, &path).await;
            }
            let options = crate::commands::import::ImportOptions {
                person_id: person,
                only_good,
            };
            let report =
                crate::commands::import::import_file(store, &path, &options, dry_run).await?;
            if json {
                to_json(&report)
            } else {
                Ok(report.summary())
            }
        }
        Command::Directory(command) => run_directory(store, command).await,
        Command::Plans(command) => run_plans(store, command).await,
        Command::Export(command) => export::run(store, command).await,
        Command::Certification(CertificationCommand::Record {
            person,
            track,
            issued,
        }) => to_json(
            &crate::commands::documents::record_certificate(store, person, &track, &issued).await?,
        ),
        Command::Activities(ActivitiesCommand::Add { file }) => {
            to_json(&crate::commands::plans::add_activity(store, &read_json(&file)?).await?)
        }
        Command::Credits(CreditsCommand::Add { file }) => {
            to_json(&crate::commands::ledger::add_credit(store, &read_json(&file)?).await?)
        }
        Command::Credits(CreditsCommand::List { person, json }) => {
            let ledger =
                crate::commands::ledger::list_credits(store, person, &Default::default()).await?;
            if json {
                return to_json(&ledger.entries);
            }
            let mut out = format!("{} entries, {} credits", ledger.entries.len(), ledger.total);
            for e in &ledger.entries {
                out.push_str(&format!(
                    "\n{:>6}  {}  {:<40.40}  {:<5} {:>5}  {}",
                    e.id,
                    e.date,
                    e.title,
                    e.category.code(),
                    e.credits,
                    e.status_label
                ));
            }
            Ok(out)
        }
        Command::Enroll {
            person,
            track,
            start,
        } => to_json(
            &crate::commands::ledger::enroll(store, person, &track, start.as_deref()).await?,
        ),
        Command::Certification(CertificationCommand::Status {
            enrollment_id,
            status,
            date,
            by,
        }) => to_json(
            &crate::commands::ledger::set_enrollment_status(
                store,
                enrollment_id,
                &status,
                date.as_deref(),
                by.as_deref(),
            )
            .await?,
        ),
        Command::Progress {
            person,
            track,
            as_of,
            json,
        } => {
            let p = crate::commands::ledger::progress(
                store,
                person,
                track.as_deref(),
                as_of.as_deref(),
            )
            .await?;
            if json {
                return to_json(&p);
            }
            let mut out = format!(
                "{} as of {}: {} of {}",
                p.track_name, p.as_of, p.total_earned, p.total_required
            );
            for (code, c) in &p.categories {
                out.push_str(&format!("\n  {code}: {} of {}", c.earned, c.required));
            }
            for m in &p.missing {
                out.push_str(&format!("\n  missing {m}"));
            }
            if p.complete {
                out.push_str("\n  complete");
            }
            Ok(out)
        }
    }
}

async fn run_plans(store: &Store, command: PlansCommand) -> AppResult<String> {
    use crate::commands::plans as pl;
    match command {
        PlansCommand::Create { file } => to_json(&pl::create(store, &read_json(&file)?).await?),
        PlansCommand::Upload { plan_id, path } => {
            to_json(&pl::upload(store, plan_id, &path).await?)
        }
        PlansCommand::Show { id, json } => {
            let plan = pl::show(store, id).await?;
            if json {
                return to_json(&plan);
            }
            let mut out = format!(
                "Plan {} version {}: {}",
                plan.id, plan.version, plan.status_label
            );
            for g in &plan.goals {
                out.push_str(&format!(
                    "\n  goal {}: {} (serves: {})",
                    g.id, g.objective, g.strategic_goal_text
                ));
            }
            for d in &plan.documents {
                out.push_str(&format!("\n  document: {} ({})", d.file_name, d.media_type));
            }
            Ok(out)
        }
        PlansCommand::Submit { id, date } => {
            to_json(&pl::set_status(store, id, "submitted", date.as_deref(), None, None).await?)
        }
        PlansCommand::ExportPdf { id, path } => {
            pl::export_pdf(store, id, Path::new(&path)).await?;
            Ok(format!("Wrote {path}"))
        }
    }
}

async fn run_directory(store: &Store, command: DirectoryCommand) -> AppResult<String> {
    use crate::commands::directory as dir;
    match command {
        DirectoryCommand::AddOrg { file } => {
            to_json(&dir::create_org(store, &read_json(&file)?).await?)
        }
        DirectoryCommand::AddPerson { file } => {
            to_json(&dir::create_person(store, &read_json(&file)?).await?)
        }
        DirectoryCommand::AddPosition { file } => {
            to_json(&dir::create_position(store, &read_json(&file)?).await?)
        }
        DirectoryCommand::Search {
            query,
            federation,
            org_type,
            position_type,
            include_inactive,
            limit,
            json,
        } => {
            let search = crate::domain::directory::DirectorySearch {
                text: query.unwrap_or_default(),
                federation,
                org_type,
                position_type,
                kinds: Vec::new(),
                include_inactive,
                limit,
            };
            let hits = dir::search(store, &search).await?;
            if json {
                return to_json(&hits);
            }
            Ok(hits
                .iter()
                .map(|h| {
                    format!(
                        "{:<12} {:>6}  {}  ({})",
                        format!("{:?}", h.kind).to_lowercase(),
                        h.id,
                        h.title,
                        h.subtitle
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        DirectoryCommand::ShowOrg { id, json } => {
            let org = dir::get_org(store, id).await?;
            if json {
                return to_json(&org);
            }
            let mut out = format!("{}\n{}", org.name, org.org_type_label);
            for goal in &org.strategic_goals {
                out.push_str(&format!("\n  goal {}: {}", goal.id, goal.text));
            }
            for p in &org.positions {
                out.push_str(&format!("\n  {}", p.display));
            }
            Ok(out)
        }
        DirectoryCommand::ShowPerson { id, json } => {
            let person = dir::get_person(store, id).await?;
            if json {
                return to_json(&person);
            }
            let mut out = person.display_name.clone();
            for p in &person.positions {
                out.push_str(&format!(
                    "\n  {}{}",
                    p.display,
                    if p.active { "" } else { " (inactive)" }
                ));
            }
            Ok(out)
        }
    }
}

async fn run_events(store: &Store, command: EventsCommand) -> AppResult<String> {
    match command {
        EventsCommand::Add { file } => {
            let input: EventInput = read_json(&file)?;
            to_json(&commands::create_event(store, &input).await?)
        }
        EventsCommand::List {
            query,
            from,
            to,
            category,
            event_type,
            delivery,
            all_dates,
            oldest_first,
            limit,
            offset,
            json,
        } => {
            let search = EventSearch {
                text: query.unwrap_or_default(),
                from,
                to,
                all_dates,
                event_type,
                category,
                delivery,
                sort: if oldest_first {
                    crate::domain::search::SortOrder::Oldest
                } else {
                    crate::domain::search::SortOrder::Newest
                },
                offset,
                limit,
            };
            let page = commands::search_events(store, &search).await?;
            if json {
                let mut events = Vec::with_capacity(page.items.len());
                for item in &page.items {
                    events.push(commands::get_event(store, item.id).await?);
                }
                return to_json(&events);
            }
            let mut out = format!("{} events", page.total);
            for e in &page.items {
                out.push_str(&format!(
                    "\n{:>6}  {:<26}  {:<34.34}  {:<14}  {}",
                    e.id, e.begin_display, e.title, e.delivery_label, e.credits_short
                ));
            }
            Ok(out)
        }
        EventsCommand::Show { id, json } => {
            let event = commands::get_event(store, id).await?;
            if json {
                return to_json(&event);
            }
            let credits: Vec<&str> = event
                .credits
                .iter()
                .map(|c| c.description.as_str())
                .collect();
            Ok(format!(
                "{}\n{}\nBegin: {}\nEnd:   {}\n{}\nCE credits: {}\nResources: {}",
                event.title,
                event.event_type_label,
                event.begin_display,
                event.end_display,
                event.delivery_label,
                if credits.is_empty() {
                    "none".into()
                } else {
                    credits.join("; ")
                },
                event.resources.len()
            ))
        }
        EventsCommand::History { id, json } => {
            let entries = commands::event_history(store, id).await?;
            if json {
                return to_json(&entries);
            }
            Ok(entries
                .iter()
                .map(|h| {
                    format!(
                        "{}  {}  {}: {} -> {}",
                        h.changed_at_display,
                        h.actor,
                        h.field,
                        h.old_value.as_deref().unwrap_or("(empty)"),
                        h.new_value.as_deref().unwrap_or("(empty)")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"))
        }
        EventsCommand::Delete { id } => {
            let event = commands::delete_event(store, id).await?;
            Ok(format!("Deleted event {id}: {}", event.title))
        }
    }
}
