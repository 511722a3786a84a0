//! `plans ...` and `activities ...`: the Strategic Track's plans and
//! self-directed learning.

use super::{read_json, shown, to_json};
use crate::commands::plans as pl;
use crate::domain::plan::Plan;
use crate::domain::step::StepInput;
use crate::error::AppResult;
use crate::store::Store;
use clap::Subcommand;
use std::path::Path;

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

pub async fn run(store: &Store, command: PlansCommand) -> AppResult<String> {
    match command {
        PlansCommand::Create { file } => to_json(&pl::create(store, &read_json(&file)?).await?),
        PlansCommand::Upload { plan_id, path } => {
            to_json(&pl::upload(store, plan_id, &path).await?)
        }
        PlansCommand::Show { id, json } => shown(json, &pl::show(store, id).await?, plan_text),
        PlansCommand::Submit { id, date } => {
            let step = StepInput {
                date,
                ..StepInput::to("submitted")
            };
            to_json(&pl::set_status(store, id, &step, None).await?)
        }
        PlansCommand::ExportPdf { id, path } => {
            pl::export_pdf(store, id, Path::new(&path)).await?;
            Ok(format!("Wrote {path}"))
        }
    }
}

pub async fn run_activities(store: &Store, command: ActivitiesCommand) -> AppResult<String> {
    match command {
        ActivitiesCommand::Add { file } => {
            to_json(&pl::add_activity(store, &read_json(&file)?).await?)
        }
    }
}

fn plan_text(plan: &Plan) -> String {
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
    out
}
