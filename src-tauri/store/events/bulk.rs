//! Bulk event writes (the sample catalog, importers, benchmarks): many
//! validated drafts inside the caller's transaction. Rows go in with
//! multi-row statements of a fixed size, so each table's statement is prepared
//! once and reused, and the search index is filled once, for the new ids only,
//! after every row and resource is in (by `insert_many`, or by a batching
//! caller through `index_new_range`: `SearchRows`).

use super::{index_new_range, positions_by_role, reword_positions, COLUMNS, RECORD_TYPE};
use crate::domain::event::EventDraft;
use crate::error::{AppError, AppResult};
use crate::store::resources::{self, ReadyResource};
use crate::store::{now_text, rows::insert_rows};
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// Who fills the new events' search rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchRows {
    /// `insert_many`, before it returns.
    Now,
    /// The caller, which inserts in batches and indexes all of them at once
    /// (`index_new_range`): the new ids of every batch in one write
    /// transaction are one contiguous range.
    ByCaller,
}

/// Inserts the events (with their credits, contacts, trainers, resources and
/// one history line each, `note`) and, as `search_rows` says, their search
/// rows, and returns their new ids in order. Linked positions take the
/// directory's current wording; a link to a missing position is refused as
/// `events[i].trainer_positions[j]` and nothing is written once the caller
/// drops the transaction.
pub async fn insert_many(
    conn: &mut SqliteConnection,
    events: &[(EventDraft, Vec<ReadyResource>)],
    actor: &str,
    note: &str,
    search_rows: SearchRows,
) -> AppResult<Vec<i64>> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let drafts = resolve_all(conn, events).await?;
    // Ids are assigned here, above every id ever used. In the caller's write
    // transaction (`Store::write`) no other writer can take them, so the new
    // rows are one contiguous range the index can be filled for.
    let first: i64 = sqlx::query_scalar(
        "SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'events'), 0),
                    COALESCE((SELECT max(id) FROM events), 0)) + 1",
    )
    .fetch_one(&mut *conn)
    .await?;
    let ids: Vec<i64> = (first..).take(drafts.len()).collect();
    let now = now_text();
    let rows: Vec<(i64, &EventDraft)> = ids.iter().copied().zip(drafts.iter()).collect();

    let head = format!(
        "INSERT INTO events (id, {}, updated_at, created_at) ",
        COLUMNS.join(", ")
    );
    insert_rows(conn, &head, &rows, |mut b, (id, d)| {
        b.push_bind(*id)
            .push_bind(d.title.as_str())
            .push_bind(d.event_type.code())
            .push_bind(d.status.code())
            .push_bind(d.begin.timestamp())
            .push_bind(d.end.timestamp())
            .push_bind(d.time_zone.name())
            .push_bind(d.details.description.as_str())
            .push_bind(d.details.delivery.code())
            .push_bind(d.details.meeting_url.as_deref())
            .push_bind(d.details.location.as_str())
            .push_bind(d.details.sponsor.as_str())
            .push_bind(d.details.registration_required)
            .push_bind(now.as_str())
            .push_bind(now.as_str());
    })
    .await?;

    let credits: Vec<(i64, i64, &'static str, i64)> = rows
        .iter()
        .flat_map(|(id, d)| {
            d.credits
                .iter()
                .enumerate()
                .map(move |(position, c)| (*id, position as i64, c.category.code(), c.amount.0))
        })
        .collect();
    insert_rows(
        conn,
        "INSERT INTO event_credits (event_id, position, category, half_credits) ",
        &credits,
        |mut b, (id, position, category, half)| {
            b.push_bind(*id)
                .push_bind(*position)
                .push_bind(*category)
                .push_bind(*half);
        },
    )
    .await?;

    let positions: Vec<(i64, &'static str, i64, &str, Option<i64>)> = rows
        .iter()
        .flat_map(|(id, d)| {
            positions_by_role(d)
                .map(move |(role, i, p)| (*id, role, i, p.text.as_str(), p.position_id))
        })
        .collect();
    insert_rows(
        conn,
        "INSERT INTO event_positions (event_id, role, position, text, position_id) ",
        &positions,
        |mut b, (id, role, position, text, position_id)| {
            b.push_bind(*id)
                .push_bind(*role)
                .push_bind(*position)
                .push_bind(*text)
                .push_bind(*position_id);
        },
    )
    .await?;

    insert_rows(
        conn,
        "INSERT INTO history (record_type, record_id, changed_at, actor, field, old_value, new_value) ",
        &ids,
        |mut b, id| {
            b.push_bind(RECORD_TYPE)
                .push_bind(*id)
                .push_bind(now.as_str())
                .push_bind(actor)
                .push_bind("Event")
                .push_bind(None::<&str>)
                .push_bind(note);
        },
    )
    .await?;

    for (id, (_, ready)) in ids.iter().zip(events) {
        for resource in ready {
            resources::insert(conn, *id, resource).await?;
        }
    }
    if let (SearchRows::Now, Some(first), Some(last)) = (search_rows, ids.first(), ids.last()) {
        index_new_range(conn, *first, *last).await?;
    }
    Ok(ids)
}

/// The drafts with linked positions worded as in the directory, each
/// position read once however many events name it.
async fn resolve_all(
    conn: &mut SqliteConnection,
    events: &[(EventDraft, Vec<ReadyResource>)],
) -> AppResult<Vec<EventDraft>> {
    let mut wording = HashMap::new();
    let mut errors = Vec::new();
    let mut drafts = Vec::with_capacity(events.len());
    for (n, (draft, _)) in events.iter().enumerate() {
        let mut draft = draft.clone();
        let prefix = format!("events[{n}].");
        errors.extend(reword_positions(conn, &mut draft, &mut wording, &prefix).await?);
        drafts.push(draft);
    }
    AppError::unless_any(errors)?;
    Ok(drafts)
}
