//! `credits ...`, `certification ...` and `progress`: the ledger
//! and the certification workflow.

use super::{read_json, shown, to_json};
use crate::commands::documents::record_certificate;
use crate::commands::ledger::{self as led, ProgressQuery};
use crate::domain::certification::Progress;
use crate::domain::count_of;
use crate::domain::step::StepInput;
use crate::error::AppResult;
use crate::store::Store;
use clap::Subcommand;

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

pub async fn run_credits(store: &Store, command: CreditsCommand) -> AppResult<String> {
    match command {
        CreditsCommand::Add { file } => to_json(&led::add_credit(store, &read_json(&file)?).await?),
        CreditsCommand::List { person, json } => {
            let ledger = led::list_credits(store, person, &Default::default()).await?;
            if json {
                return to_json(&ledger.entries);
            }
            let mut out = format!(
                "{}, {}",
                count_of(ledger.entries.len(), "entry", "entries"),
                count_of(ledger.total, "credit", "credits")
            );
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
    }
}

pub async fn run_certification(store: &Store, command: CertificationCommand) -> AppResult<String> {
    match command {
        CertificationCommand::Status {
            enrollment_id,
            status,
            date,
            by,
        } => {
            let step = StepInput { status, date, by };
            to_json(&led::set_enrollment_status(store, enrollment_id, &step).await?)
        }
        CertificationCommand::Record {
            person,
            track,
            issued,
        } => to_json(&record_certificate(store, person, &track, &issued).await?),
    }
}

/// `progress --person N [--track T] [--as-of D] [--json]`.
pub async fn progress(store: &Store, query: &ProgressQuery, json: bool) -> AppResult<String> {
    let progress = led::progress(store, query).await?;
    shown(json, &progress, progress_text)
}

fn progress_text(p: &Progress) -> String {
    let mut out = format!(
        "{} as of {}: {} of {}",
        p.track_name, p.as_of, p.totals.total_earned, p.totals.total_required
    );
    for (code, c) in &p.categories {
        out.push_str(&format!("\n  {code}: {} of {}", c.earned, c.required));
    }
    for m in &p.totals.missing {
        out.push_str(&format!("\n  missing {m}"));
    }
    if p.complete {
        out.push_str("\n  complete");
    }
    out
}
