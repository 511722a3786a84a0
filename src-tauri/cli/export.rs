//! `export ...`: documents and calendars out, each written whole to --out.

use crate::commands::documents::{self as docs, CalendarRequest, TranscriptRequest};
use crate::domain::count_of;
use crate::domain::search::EventSearch;
use crate::error::AppResult;
use crate::store::Store;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// A person's transcript for a period (default: the enrollment's 4-year window).
    Transcript {
        #[arg(long)]
        person: i64,
        #[arg(long)]
        track: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// pdf or csv
        #[arg(long)]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The certificate (PDF) of an issued certification.
    Certificate {
        enrollment_id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The application packet (.zip): transcript, evidence, plan, packet.json.
    Packet {
        enrollment_id: i64,
        #[arg(long, value_name = "FILE.zip")]
        out: PathBuf,
    },
    /// Every record of every table, with ids and the files' hashes, as JSON.
    Json {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Events as an .ics calendar: a search and/or the events a person attended.
    Ics {
        #[arg(long)]
        query: Option<String>,
        #[arg(long, requires = "attended")]
        person: Option<i64>,
        #[arg(long, requires = "person")]
        attended: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

pub async fn run(store: &Store, command: ExportCommand) -> AppResult<String> {
    match command {
        ExportCommand::Json { out } => super::transfer::export_json(store, &out).await,
        ExportCommand::Transcript {
            person,
            track,
            from,
            to,
            format,
            out,
        } => {
            let format = docs::TranscriptFormat::parse(&format)?;
            let request = TranscriptRequest {
                person_id: person,
                track,
                from,
                to,
            };
            docs::export_transcript(store, &request, format, &out).await?;
            Ok(format!("Wrote {}", out.display()))
        }
        ExportCommand::Certificate { enrollment_id, out } => {
            docs::export_certificate(store, enrollment_id, &out).await?;
            Ok(format!("Wrote {}", out.display()))
        }
        ExportCommand::Packet { enrollment_id, out } => {
            let manifest = docs::export_packet(store, enrollment_id, &out).await?;
            Ok(format!(
                "Wrote {} ({} and packet.json)",
                out.display(),
                count_of(manifest.files.len(), "file", "files")
            ))
        }
        ExportCommand::Ics {
            query,
            person,
            attended,
            out,
        } => {
            let request = CalendarRequest {
                event_ids: Vec::new(),
                search: query.map(|text| EventSearch {
                    text,
                    ..Default::default()
                }),
                attended_by: person.filter(|_| attended),
            };
            let count = docs::calendar_events(store, &request).await?.len();
            docs::export_calendar(store, &request, &out).await?;
            let events = count_of(count, "event", "events");
            Ok(format!("Wrote {} ({events})", out.display()))
        }
    }
}
