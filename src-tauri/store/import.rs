//! Saving imports: many events in one transaction, with progress and cancel,
//! and the lookups the preview needs (existing events, directory positions).

use super::{events, history, Store};
use crate::domain::directory::position_display;
use crate::domain::event::EventDraft;
use crate::domain::history::FieldChange;
use crate::error::AppResult;
use sqlx::{QueryBuilder, SqliteConnection};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Progress is reported after every this many events.
pub const PROGRESS_EVERY: usize = 250;
/// Search rows are written for this many new events per statement.
const FTS_CHUNK: usize = 500;

/// A position's display text made comparable: case and spacing do not matter.
pub fn position_key(display: &str) -> String {
    display
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A position's id, holder (last, first), title and organization name.
type PositionNameRow = (i64, Option<String>, Option<String>, String, String);

/// Every directory position by its display ("Last, First - Title
/// (Organization)"), active ones winning over ended ones of the same wording.
pub async fn positions_by_display(store: &Store) -> AppResult<HashMap<String, i64>> {
    let rows: Vec<PositionNameRow> = sqlx::query_as(
        "SELECT ps.id, p.last_name, p.first_name, ps.title, o.name
         FROM positions ps JOIN organizations o ON o.id = ps.organization_id
         LEFT JOIN people p ON p.id = ps.person_id
         ORDER BY ps.active ASC, ps.id DESC",
    )
    .fetch_all(&store.pool)
    .await?;
    let mut map = HashMap::with_capacity(rows.len());
    for (id, last, first, title, org) in rows {
        let holder = match (&last, &first) {
            (Some(l), Some(f)) => Some((l.as_str(), f.as_str())),
            _ => None,
        };
        // Later rows (active, older) overwrite earlier ones.
        map.insert(position_key(&position_display(holder, &title, &org)), id);
    }
    Ok(map)
}

/// Stored events whose (title, begin) is among `keys`: what an import updates.
pub async fn existing_events(
    store: &Store,
    keys: &[(String, i64)],
) -> AppResult<HashMap<(String, i64), i64>> {
    let (Some(min), Some(max)) = (
        keys.iter().map(|k| k.1).min(),
        keys.iter().map(|k| k.1).max(),
    ) else {
        return Ok(HashMap::new());
    };
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, title, begin_utc FROM events WHERE begin_utc BETWEEN ? AND ? ORDER BY id",
    )
    .bind(min)
    .bind(max)
    .fetch_all(&store.pool)
    .await?;
    let wanted: std::collections::HashSet<&(String, i64)> = keys.iter().collect();
    let mut found = HashMap::new();
    for (id, title, begin) in rows {
        let key = (title, begin);
        if wanted.contains(&key) {
            found.entry(key).or_insert(id);
        }
    }
    Ok(found)
}

/// What a save did; `None` from `save_events` means it was cancelled.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// The id of each event, in the order given.
    pub ids: Vec<i64>,
    pub created: usize,
    pub updated: usize,
}

/// Creates or updates (when an id is given) every event in one transaction.
/// `progress(done)` is called every `PROGRESS_EVERY` events; setting `cancel`
/// stops before the next event and rolls everything back (returns `None`).
pub async fn save_events(
    store: &Store,
    items: &[(Option<i64>, EventDraft)],
    actor: &str,
    note: &str,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> AppResult<Option<Saved>> {
    let mut tx = store.write().await?;
    let mut saved = Saved::default();
    let mut new_ids = Vec::new();
    let created_note = [FieldChange::new("Event", None, Some(note.to_string()))];
    for (done, (existing, draft)) in items.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Ok(None); // dropping `tx` rolls back
        }
        let id = match existing {
            Some(id) => {
                events::update_in(&mut tx, *id, draft, actor).await?;
                saved.updated += 1;
                *id
            }
            None => {
                let id = events::insert(&mut tx, draft).await?;
                history::record(&mut tx, events::RECORD_TYPE, id, actor, &created_note).await?;
                new_ids.push(id);
                saved.created += 1;
                id
            }
        };
        saved.ids.push(id);
        if (done + 1) % PROGRESS_EVERY == 0 {
            progress(done + 1);
        }
    }
    if cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    index_new_events(&mut tx, &new_ids).await?;
    tx.commit().await?;
    progress(items.len());
    Ok(Some(saved))
}

/// Search rows for events that have no resources yet, many per statement.
async fn index_new_events(conn: &mut SqliteConnection, ids: &[i64]) -> AppResult<()> {
    for chunk in ids.chunks(FTS_CHUNK) {
        let mut q = QueryBuilder::new(
            "INSERT INTO events_fts (rowid, title, description, sponsor, resources)
             SELECT id, title, description, sponsor, '' FROM events WHERE id IN (",
        );
        let mut list = q.separated(", ");
        for id in chunk {
            list.push_bind(*id);
        }
        q.push(")");
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}
