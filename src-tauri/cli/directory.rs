//! `directory ...`: add and show organizations, people and positions, and
//! search them.

use super::{read_json, shown, to_json};
use crate::commands::directory as dir;
use crate::domain::directory::{DirectoryHit, DirectorySearch, Organization, Person};
use crate::error::AppResult;
use crate::store::Store;
use clap::Subcommand;

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

pub async fn run(store: &Store, command: DirectoryCommand) -> AppResult<String> {
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
            let search = DirectorySearch {
                text: query.unwrap_or_default(),
                federation,
                org_type,
                position_type,
                kinds: Vec::new(),
                include_inactive,
                limit,
            };
            shown(json, &dir::search(store, &search).await?, |hits| {
                hits_text(hits)
            })
        }
        DirectoryCommand::ShowOrg { id, json } => {
            shown(json, &dir::get_org(store, id).await?, org_text)
        }
        DirectoryCommand::ShowPerson { id, json } => {
            shown(json, &dir::get_person(store, id).await?, person_text)
        }
    }
}

fn hits_text(hits: &[DirectoryHit]) -> String {
    hits.iter()
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
        .join("\n")
}

fn org_text(org: &Organization) -> String {
    let mut out = format!("{}\n{}", org.name, org.org_type_label);
    for goal in &org.strategic_goals {
        out.push_str(&format!("\n  goal {}: {}", goal.id, goal.text));
    }
    for p in &org.positions {
        out.push_str(&format!("\n  {}", p.display));
    }
    out
}

fn person_text(person: &Person) -> String {
    let mut out = person.display_name.clone();
    for p in &person.positions {
        out.push_str(&format!(
            "\n  {}{}",
            p.display,
            if p.details.active { "" } else { " (inactive)" }
        ));
    }
    out
}
