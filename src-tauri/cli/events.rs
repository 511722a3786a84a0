//! `events ...`: add, list (search), show, history and delete catalog events.

use super::{read_json, shown, to_json};
use crate::commands;
use crate::domain::count_of;
use crate::domain::event::{Event, EventInput};
use crate::domain::history::HistoryEntry;
use crate::domain::search::{EventSearch, Paging, SortOrder};
use crate::error::AppResult;
use crate::store::Store;
use clap::Subcommand;

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

pub async fn run(store: &Store, command: EventsCommand) -> AppResult<String> {
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
                    SortOrder::Oldest
                } else {
                    SortOrder::Newest
                },
                paging: Paging { offset, limit },
            };
            let page = commands::search_events(store, &search).await?;
            if json {
                let mut events = Vec::with_capacity(page.items.len());
                for item in &page.items {
                    events.push(commands::get_event(store, item.heading.id).await?);
                }
                return to_json(&events);
            }
            let mut out = count_of(page.total, "event", "events");
            for e in &page.items {
                out.push_str(&format!(
                    "\n{:>6}  {:<26}  {:<34.34}  {:<14}  {}",
                    e.heading.id,
                    e.begin_display,
                    e.heading.title,
                    e.delivery_label,
                    e.credits_short
                ));
            }
            Ok(out)
        }
        EventsCommand::Show { id, json } => {
            shown(json, &commands::get_event(store, id).await?, event_text)
        }
        EventsCommand::History { id, json } => {
            shown(json, &commands::event_history(store, id).await?, |h| {
                history_text(h)
            })
        }
        EventsCommand::Delete { id } => {
            let event = commands::delete_event(store, id).await?;
            Ok(format!("Deleted event {id}: {}", event.heading.title))
        }
    }
}

fn event_text(event: &Event) -> String {
    let credits: Vec<&str> = event
        .credits
        .iter()
        .map(|c| c.description.as_str())
        .collect();
    format!(
        "{}\n{}\nBegin: {}\nEnd:   {}\n{}\nCE credits: {}\nResources: {}",
        event.heading.title,
        event.heading.event_type_label,
        event.begin_display,
        event.end_display,
        event.delivery_label,
        if credits.is_empty() {
            "none".into()
        } else {
            credits.join("; ")
        },
        event.resources.len()
    )
}

fn history_text(entries: &[HistoryEntry]) -> String {
    entries
        .iter()
        .map(|h| {
            format!(
                "{}  {}  {}: {} -> {}",
                h.changed_at_display,
                h.actor,
                h.change.field,
                h.change.old_value.as_deref().unwrap_or("(empty)"),
                h.change.new_value.as_deref().unwrap_or("(empty)")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
