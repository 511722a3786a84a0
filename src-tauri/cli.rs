//! The command line: the same binary works headless when given a subcommand.
//! A thin adapter over `commands`, like the IPC one: the arguments (clap),
//! the data folder, the exit codes and the dispatch live here; each area's
//! subcommands and their printing in a child (`cli/events.rs`,
//! `cli/directory.rs`, `cli/ledger.rs`, `cli/plans.rs`, `cli/export.rs`,
//! `cli/transfer.rs`).

use crate::commands;
use crate::error::{AppError, AppResult};
use crate::store::Store;
use clap::{Parser, Subcommand};
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod directory;
mod events;
mod export;
mod ledger;
mod plans;
mod transfer;
pub use directory::DirectoryCommand;
pub use events::EventsCommand;
pub use export::ExportCommand;
pub use ledger::{CertificationCommand, CreditsCommand};
pub use plans::{ActivitiesCommand, PlansCommand};

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
            if output.is_empty() {
                return ExitCode::SUCCESS;
            }
            use std::io::Write;
            // A reader that stops early (`| head`) is not an error; any
            // other failure to write the answer is.
            match writeln!(std::io::stdout().lock(), "{output}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    eprintln!("error: cannot write the output: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
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
        let message = e.into_inner().to_string();
        let field = if path == "." || path == "?" {
            flattened_field::<T>(text, &message).unwrap_or_else(|| "json".to_string())
        } else {
            path
        };
        AppError::invalid(field, message)
    })
}

/// The top-level key behind an error serde reports without a path: a field
/// of a flattened group (a credit's `status`, `verified_by`, ...) is read
/// after its path is lost. The key is the one that alone gives the same error.
fn flattened_field<T: DeserializeOwned>(text: &str, message: &str) -> Option<String> {
    let serde_json::Value::Object(object) = serde_json::from_str(text).ok()? else {
        return None;
    };
    object.into_iter().find_map(|(key, value)| {
        let alone = serde_json::Value::Object([(key.clone(), value)].into_iter().collect());
        match serde_json::from_value::<T>(alone) {
            // The same error, less the place in the text ("at line 1 column 9").
            Err(e) if message.starts_with(&e.to_string()) => Some(key),
            _ => None,
        }
    })
}

fn to_json<T: serde::Serialize>(value: &T) -> AppResult<String> {
    serde_json::to_string_pretty(value).map_err(|e| AppError::Io(e.to_string()))
}

/// What a subcommand with `--json` prints: the value as JSON, else its text.
fn shown<T: serde::Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> AppResult<String> {
    if json {
        to_json(value)
    } else {
        Ok(text(value))
    }
}

/// Runs one subcommand and returns what to print.
pub async fn run(store: &Store, command: Command) -> AppResult<String> {
    match command {
        Command::Events(command) => events::run(store, command).await,
        Command::Directory(command) => directory::run(store, command).await,
        Command::Credits(command) => ledger::run_credits(store, command).await,
        Command::Enroll {
            person,
            track,
            start,
        } => to_json(
            &crate::commands::ledger::enroll(store, person, &track, start.as_deref()).await?,
        ),
        Command::Certification(command) => ledger::run_certification(store, command).await,
        Command::Progress {
            person,
            track,
            as_of,
            json,
        } => {
            let query = commands::ledger::ProgressQuery {
                person_id: person,
                track,
                as_of,
            };
            ledger::progress(store, &query, json).await
        }
        Command::Plans(command) => plans::run(store, command).await,
        Command::Activities(command) => plans::run_activities(store, command).await,
        Command::Export(command) => export::run(store, command).await,
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
            shown(json, &report, |r| {
                if dry_run {
                    r.preview_summary()
                } else {
                    r.summary()
                }
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::CreditEntryInput;

    fn refused_field(text: &str) -> String {
        match parse_json::<CreditEntryInput>(text) {
            Err(AppError::Invalid(fields)) => fields[0].field.clone(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_badly_typed_field_is_named_even_inside_a_flattened_group() {
        assert_eq!(
            refused_field(r#"{"title": "Weeding", "person_id": "one"}"#),
            "person_id"
        );
        assert_eq!(
            refused_field(r#"{"title": "Weeding", "status": 5}"#),
            "status"
        );
        assert_eq!(
            refused_field(r#"{"verified_on": [], "title": "Weeding"}"#),
            "verified_on"
        );
        assert_eq!(refused_field(r#"["not", "an", "object"]"#), "json");
    }
}
