//! Saving imports: many events in one transaction (new ones through the bulk
//! insert), with progress and cancel, and the lookups the preview needs
//! (existing events, directory positions).

use super::events::{self, SearchRows};
use super::resources::ReadyResource;
use super::Store;
use crate::domain::directory::position_display;
use crate::domain::event::EventDraft;
use crate::error::{AppError, AppResult};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// Progress is reported (and cancel checked) after every this many events.
pub const PROGRESS_EVERY: usize = 250;

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

/// For each (known event id, draft): the names of the fields a save would
/// change, as its history would list them (empty: the event reads exactly
/// as stored). Read in one transaction; nothing is written.
pub async fn pending_changes(
    store: &Store,
    known: &[(i64, &EventDraft)],
) -> AppResult<Vec<Vec<String>>> {
    let mut tx = store.pool.begin().await?;
    let mut fields = Vec::with_capacity(known.len());
    for (id, draft) in known {
        let (_, changes) = events::changes_to(&mut tx, *id, draft).await?;
        fields.push(changes.into_iter().map(|c| c.field).collect());
    }
    tx.rollback().await?;
    Ok(fields)
}

/// What a save did to one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created,
    /// The names of the fields changed, as page history lists them.
    Updated(Vec<String>),
    /// A known event the file holds exactly as stored: nothing written.
    Unchanged,
}

/// What a save did; `None` from `save_events` means it was cancelled.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// The id of each event, in the order given.
    pub ids: Vec<i64>,
    /// What happened to each event, in the order given.
    pub outcomes: Vec<Outcome>,
    pub created: usize,
    pub updated: usize,
    /// Known events the file holds exactly as stored: nothing written.
    pub unchanged: usize,
}

/// Creates or updates (when an id is given) every event in one transaction.
/// New events go in through the bulk path (`events::insert_many`:
/// multi-row statements prepared once), a batch of `PROGRESS_EVERY` at a
/// time, and their search rows are filled once at the end
/// (`SearchRows::ByCaller`: one contiguous range of ids); `progress(done)` is called after each batch, and setting
/// `cancel` stops before the next one and rolls everything back (returns
/// `None`).
pub async fn save_events(
    store: &Store,
    items: &[(Option<i64>, EventDraft)],
    actor: &str,
    note: &str,
    progress: &mut (dyn FnMut(usize) + Send),
    cancel: &AtomicBool,
) -> AppResult<Option<Saved>> {
    let mut tx = store.write().await?;
    let mut saved = Saved {
        ids: Vec::with_capacity(items.len()),
        ..Saved::default()
    };
    let mut done = 0;
    let mut new_range: Option<(i64, i64)> = None;
    for batch in items.chunks(PROGRESS_EVERY) {
        if cancel.load(Ordering::Relaxed) {
            return Ok(None); // dropping `tx` rolls back
        }
        let new: Vec<(EventDraft, Vec<ReadyResource>)> = batch
            .iter()
            .filter(|(existing, _)| existing.is_none())
            .map(|(_, draft)| (draft.clone(), Vec::new()))
            .collect();
        let batch_ids =
            events::insert_many(&mut tx, &new, actor, note, SearchRows::ByCaller).await?;
        new_range = match (new_range, batch_ids.first(), batch_ids.last()) {
            (None, Some(first), Some(last)) => Some((*first, *last)),
            (Some((first, _)), Some(_), Some(last)) => Some((first, *last)),
            (range, _, _) => range,
        };
        let mut new_ids = batch_ids.into_iter();
        for (existing, draft) in batch {
            let (id, outcome) = match existing {
                Some(id) => {
                    let changes = events::update_in(&mut tx, *id, draft, actor).await?;
                    if changes.is_empty() {
                        saved.unchanged += 1;
                        (*id, Outcome::Unchanged)
                    } else {
                        saved.updated += 1;
                        let fields = changes.into_iter().map(|c| c.field).collect();
                        (*id, Outcome::Updated(fields))
                    }
                }
                None => {
                    saved.created += 1;
                    let id = new_ids.next().ok_or_else(|| {
                        AppError::Io("the bulk insert returned too few ids".into())
                    })?;
                    (id, Outcome::Created)
                }
            };
            saved.ids.push(id);
            saved.outcomes.push(outcome);
        }
        done += batch.len();
        if done < items.len() {
            progress(done);
        }
    }
    if cancel.load(Ordering::Relaxed) {
        return Ok(None);
    }
    if let Some((first, last)) = new_range {
        // Every batch took the ids just above the one before (nothing else
        // writes inside this transaction), so one range covers them all.
        let expected = last - first + 1;
        if expected != saved.created as i64 {
            return Err(AppError::Io(format!(
                "the new events' ids are not one range ({first} to {last} for {} events)",
                saved.created
            )));
        }
        events::index_new_range(&mut tx, first, last).await?;
    }
    tx.commit().await?;
    progress(items.len());
    Ok(Some(saved))
}
