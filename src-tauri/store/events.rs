//! The event catalog: events, their credit rows and positions, search.

mod bulk;
/// Links and files attached to an event, kept with it.
pub mod resources;
mod search;
pub use bulk::{insert_many, SearchRows};
pub use search::{index, index_new_range, reindex, search, unindex, KEY_SPAN};

use super::directory;
use super::rows::Stored;
use super::{history, now_text, Store};
use crate::domain::credits::{Category, HalfCredits};
use crate::domain::event::{
    Event, EventCredit, EventDetails, EventDraft, EventPosition, EventSummary,
};
use crate::domain::history::{creation, diff, FieldChange};
use crate::domain::time;
use crate::error::{AppError, AppResult, FieldError};
use chrono::{DateTime, Utc};
use resources::ReadyResource;
use sqlx::query::Query;
use sqlx::sqlite::SqliteArguments;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::collections::HashMap;

pub const RECORD_TYPE: &str = "event";

fn stored(id: i64) -> Stored<'static> {
    Stored {
        record: "event",
        id,
    }
}

fn instant(id: i64, seconds: i64) -> AppResult<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, 0)
        .ok_or_else(|| stored(id).unreadable("time", &seconds.to_string()))
}

/// "LA:1,TECH:2" (from group_concat) back into credit rows.
fn parse_credit_list(id: i64, list: Option<&str>) -> AppResult<Vec<EventCredit>> {
    list.unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|item| {
            let unreadable = || stored(id).unreadable("credit", item);
            let (code, halves) = item.split_once(':').ok_or_else(unreadable)?;
            Ok(EventCredit {
                category: stored(id).choice("category", code)?,
                amount: HalfCredits(halves.parse().map_err(|_| unreadable())?),
            })
        })
        .collect()
}

const CREDIT_LIST: &str = "(SELECT group_concat(category || ':' || half_credits, ',') FROM
    (SELECT category, half_credits FROM event_credits WHERE event_id = e.id ORDER BY position))";

/// Writes an event's credits and positions, one prepared row at a time.
/// Public for the bulk-load benchmark's raw twin, which writes them the same way.
pub async fn write_children(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &EventDraft,
) -> AppResult<()> {
    for (position, credit) in draft.credits.iter().enumerate() {
        sqlx::query("INSERT INTO event_credits (event_id, position, category, half_credits) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(position as i64)
            .bind(credit.category.code())
            .bind(credit.amount.0)
            .execute(&mut *conn)
            .await?;
    }
    for (role, position, entry) in positions_by_role(draft) {
        sqlx::query(
            "INSERT INTO event_positions (event_id, role, position, text, position_id) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(role)
        .bind(position)
        .bind(&entry.text)
        .bind(entry.position_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An event's contacts and trainers as `event_positions` keeps them: the
/// role, the place in its list, the position (the one-row and bulk writes).
fn positions_by_role(
    draft: &EventDraft,
) -> impl Iterator<Item = (&'static str, i64, &EventPosition)> {
    let roles = [
        ("contact", &draft.details.contact_positions),
        ("trainer", &draft.details.trainer_positions),
    ];
    roles.into_iter().flat_map(|(role, list)| {
        list.iter()
            .enumerate()
            .map(move |(position, entry)| (role, position as i64, entry))
    })
}

/// Gives linked contacts and trainers the directory's current wording, and
/// refuses links to positions that do not exist.
pub async fn resolve_positions(
    conn: &mut SqliteConnection,
    draft: &mut EventDraft,
) -> AppResult<()> {
    let errors = reword_positions(conn, draft, &mut HashMap::new(), "").await?;
    AppError::unless_any(errors)
}

/// The work of `resolve_positions`, reading each position once per `wording`
/// cache (a bulk insert shares one) and naming bad links `{prefix}field[i]`.
async fn reword_positions(
    conn: &mut SqliteConnection,
    draft: &mut EventDraft,
    wording: &mut HashMap<i64, Option<String>>,
    prefix: &str,
) -> AppResult<Vec<FieldError>> {
    let mut errors = Vec::new();
    let lists = [
        ("contact_positions", &mut draft.details.contact_positions),
        ("trainer_positions", &mut draft.details.trainer_positions),
    ];
    for (field, list) in lists {
        for (i, entry) in list.iter_mut().enumerate() {
            let Some(position_id) = entry.position_id else {
                continue;
            };
            let display = match wording.get(&position_id) {
                Some(known) => known.clone(),
                None => {
                    let found = directory::load_position(conn, position_id).await?;
                    let display = found.map(|p| p.display);
                    wording.insert(position_id, display.clone());
                    display
                }
            };
            match display {
                Some(display) => entry.text = display,
                None => errors.push(FieldError::new(
                    format!("{prefix}{field}[{i}]"),
                    format!("There is no position #{position_id} in the directory."),
                )),
            }
        }
    }
    Ok(errors)
}

/// The event row's own columns, in the order every writer binds them
/// (then `updated_at` and `created_at`); public for the bulk-load twin.
pub const COLUMNS: [&str; 12] = [
    "title",
    "event_type",
    "status",
    "begin_utc",
    "end_utc",
    "time_zone",
    "description",
    "delivery",
    "meeting_url",
    "location",
    "sponsor",
    "registration_required",
];

/// Inserts (`id` None) or updates the event's own row; returns its id.
async fn write_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    draft: &EventDraft,
) -> AppResult<i64> {
    let now = now_text();
    let sql = crate::store::rows::upsert_sql("events", &COLUMNS, id);
    let q = bind_columns(sqlx::query(&sql), draft).bind(&now);
    super::rows::finish_write(conn, q, id, &now).await
}

/// Binds the draft's values in the order of `COLUMNS`. Public for the
/// bulk-load benchmark's raw twin, which must write the same row.
pub fn bind_columns<'q>(
    query: Query<'q, Sqlite, SqliteArguments<'q>>,
    draft: &'q EventDraft,
) -> Query<'q, Sqlite, SqliteArguments<'q>> {
    let d = &draft.details;
    query
        .bind(&draft.title)
        .bind(draft.event_type.code())
        .bind(draft.status.code())
        .bind(draft.begin.timestamp())
        .bind(draft.end.timestamp())
        .bind(draft.time_zone.name())
        .bind(&d.description)
        .bind(d.delivery.code())
        .bind(&d.meeting_url)
        .bind(&d.location)
        .bind(&d.sponsor)
        .bind(d.registration_required)
}

pub(crate) async fn insert(conn: &mut SqliteConnection, draft: &EventDraft) -> AppResult<i64> {
    let id = write_row(conn, None, draft).await?;
    write_children(conn, id, draft).await?;
    Ok(id)
}

/// Creates one event with its resources and its page history, in one transaction.
pub async fn create(
    store: &Store,
    draft: &EventDraft,
    resources: Vec<ReadyResource>,
    actor: &str,
    note: Option<String>,
) -> AppResult<i64> {
    let mut tx = store.write().await?;
    let mut draft = draft.clone();
    resolve_positions(&mut tx, &mut draft).await?;
    let draft = &draft;
    let id = insert(&mut tx, draft).await?;
    let mut changes = vec![FieldChange::new(
        "Event",
        None,
        Some(note.clone().unwrap_or_else(|| "Created".into())),
    )];
    changes.extend(creation(draft));
    for ready in &resources {
        resources::insert(&mut tx, id, ready).await?;
        changes.push(FieldChange::new(
            "Resources",
            None,
            Some(format!(
                "Added {}: {}",
                ready.resource_type.label(),
                ready.title
            )),
        ));
    }
    history::record(&mut tx, RECORD_TYPE, id, actor, &changes).await?;
    index(&mut tx, id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates many events in one transaction (see `insert_many`).
pub async fn create_many(
    store: &Store,
    events: &[(EventDraft, Vec<ReadyResource>)],
    actor: &str,
    note: &str,
) -> AppResult<Vec<i64>> {
    let mut tx = store.write().await?;
    let ids = insert_many(&mut tx, events, actor, note, SearchRows::Now).await?;
    tx.commit().await?;
    Ok(ids)
}

#[derive(sqlx::FromRow)]
struct EventRow {
    title: String,
    event_type: String,
    status: String,
    begin_utc: i64,
    end_utc: i64,
    time_zone: String,
    description: String,
    delivery: String,
    meeting_url: Option<String>,
    location: String,
    sponsor: String,
    registration_required: bool,
    created_at: String,
    updated_at: String,
    credits: Option<String>,
}

struct Loaded {
    draft: EventDraft,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn parse_stamp(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

async fn load(conn: &mut SqliteConnection, id: i64) -> AppResult<Option<Loaded>> {
    let row: Option<EventRow> = sqlx::query_as(&format!(
        "SELECT e.*, {CREDIT_LIST} AS credits FROM events e WHERE e.id = ?"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let positions: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT role, text, position_id FROM event_positions WHERE event_id = ? ORDER BY role, position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let pick = |role: &str| -> Vec<EventPosition> {
        positions
            .iter()
            .filter(|(r, _, _)| r == role)
            .map(|(_, text, position_id)| EventPosition {
                position_id: *position_id,
                text: text.clone(),
            })
            .collect()
    };
    let mut draft = EventDraft {
        event_type: stored(id).choice("event type", &row.event_type)?,
        status: stored(id).choice("status", &row.status)?,
        begin: instant(id, row.begin_utc)?,
        end: instant(id, row.end_utc)?,
        time_zone: stored(id).parsed("time zone", &row.time_zone)?,
        credits: parse_credit_list(id, row.credits.as_deref())?,
        details: EventDetails {
            delivery: stored(id).choice("delivery", &row.delivery)?,
            contact_positions: pick("contact"),
            trainer_positions: pick("trainer"),
            description: row.description,
            meeting_url: row.meeting_url,
            location: row.location,
            sponsor: row.sponsor,
            registration_required: row.registration_required,
        },
        title: row.title,
    };
    // Linked positions read as the directory shows them today; a link that no
    // longer resolves keeps the text saved with it.
    match resolve_positions(conn, &mut draft).await {
        Ok(()) | Err(AppError::Invalid(_)) => {}
        Err(other) => return Err(other),
    }
    Ok(Some(Loaded {
        draft,
        created_at: parse_stamp(&row.created_at),
        updated_at: parse_stamp(&row.updated_at),
    }))
}

async fn load_required(conn: &mut SqliteConnection, id: i64) -> AppResult<Loaded> {
    super::rows::found(load(conn, id).await?, "Event", id)
}

pub async fn ensure_exists(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let row: Option<i64> = sqlx::query_scalar("SELECT id FROM events WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    super::rows::found(row, "Event", id).map(drop)
}

/// The whole event page.
pub async fn get(store: &Store, id: i64) -> AppResult<Event> {
    let mut conn = store.pool.acquire().await?;
    let loaded = load_required(&mut conn, id).await?;
    let resources = resources::for_event(&mut conn, id).await?;
    Ok(Event::new(
        id,
        loaded.draft,
        resources,
        loaded.created_at,
        loaded.updated_at,
    ))
}

/// The stored draft, e.g. to duplicate an event.
pub async fn draft(store: &Store, id: i64) -> AppResult<EventDraft> {
    let mut conn = store.pool.acquire().await?;
    Ok(load_required(&mut conn, id).await?.draft)
}

/// Saves an edit; page history gets one line per changed field.
pub async fn update(store: &Store, id: i64, draft: &EventDraft, actor: &str) -> AppResult<()> {
    let mut tx = store.write().await?;
    update_in(&mut tx, id, draft, actor).await?;
    tx.commit().await?;
    Ok(())
}

/// `update` inside the caller's transaction (imports): the changes written,
/// none when the event already read so (nothing is written then).
pub async fn update_in(
    tx: &mut SqliteConnection,
    id: i64,
    draft: &EventDraft,
    actor: &str,
) -> AppResult<Vec<FieldChange>> {
    let (draft, changes) = changes_to(&mut *tx, id, draft).await?;
    if changes.is_empty() {
        return Ok(changes);
    }
    let draft = &draft;
    // The search row is keyed by the begin time, which may change.
    unindex(&mut *tx, id).await?;
    write_row(&mut *tx, Some(id), draft).await?;
    // The credit rows and positions are written again whole.
    for sql in [
        "DELETE FROM event_credits WHERE event_id = ?",
        "DELETE FROM event_positions WHERE event_id = ?",
    ] {
        super::rows::run_for(&mut *tx, sql, id).await?;
    }
    write_children(&mut *tx, id, draft).await?;
    history::record(&mut *tx, RECORD_TYPE, id, actor, &changes).await?;
    index(&mut *tx, id).await?;
    Ok(changes)
}

/// What saving `draft` over event `id` would change, field by field (an
/// empty list: it reads exactly as stored), with the draft its positions
/// resolved as they would be saved.
pub async fn changes_to(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &EventDraft,
) -> AppResult<(EventDraft, Vec<FieldChange>)> {
    let old = load_required(&mut *conn, id).await?;
    let mut draft = draft.clone();
    resolve_positions(&mut *conn, &mut draft).await?;
    let changes = diff(&old.draft, &draft);
    Ok((draft, changes))
}

/// Deletes an event. Its history stays, ending with a line that keeps the
/// whole deleted event as JSON, so nothing is lost beyond recall.
pub async fn delete(store: &Store, id: i64, actor: &str) -> AppResult<Event> {
    let mut tx = store.write().await?;
    let old = load_required(&mut tx, id).await?;
    let credited = super::ledger::count_for_event(&mut tx, id).await?;
    if credited > 0 {
        return Err(AppError::invalid(
            "event",
            format!("This event cannot be deleted: {credited} credit entries in the ledger record attending it. Mark it inactive instead."),
        ));
    }
    let resources = resources::for_event(&mut tx, id).await?;
    let event = Event::new(id, old.draft, resources, old.created_at, old.updated_at);
    let snapshot = serde_json::to_string(&event).map_err(|e| AppError::Io(e.to_string()))?;
    unindex(&mut tx, id).await?;
    crate::store::rows::run_for(&mut tx, "DELETE FROM events WHERE id = ?", id).await?;
    history::record(
        &mut tx,
        RECORD_TYPE,
        id,
        actor,
        &[FieldChange::new(
            "Event",
            Some(snapshot),
            Some("Deleted".into()),
        )],
    )
    .await?;
    tx.commit().await?;
    Ok(event)
}

pub(super) fn summary(r: SummaryRow) -> AppResult<EventSummary> {
    let stored = stored(r.id);
    Ok(EventSummary::new(
        r.id,
        r.title,
        stored.choice("event type", &r.event_type)?,
        stored.choice("status", &r.status)?,
        instant(r.id, r.begin_utc)?,
        stored.parsed("time zone", &r.time_zone)?,
        stored.choice("delivery", &r.delivery)?,
        r.sponsor,
        &parse_credit_list(r.id, r.credits.as_deref())?,
    ))
}

#[derive(sqlx::FromRow)]
pub(super) struct SummaryRow {
    id: i64,
    title: String,
    event_type: String,
    status: String,
    begin_utc: i64,
    time_zone: String,
    delivery: String,
    sponsor: String,
    credits: Option<String>,
}

pub async fn count(store: &Store) -> AppResult<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(&store.pool)
        .await?)
}

/// Upcoming events (from `from` to `until`, Montana days) that offer credit in
/// any of `categories`, soonest first.
pub async fn upcoming_with_credits(
    store: &Store,
    from: chrono::NaiveDate,
    until: chrono::NaiveDate,
    categories: &[Category],
    limit: i64,
) -> AppResult<Vec<EventSummary>> {
    let mut q = QueryBuilder::new(format!(
        "SELECT e.id, e.title, e.event_type, e.status, e.begin_utc, e.time_zone, e.delivery, e.sponsor,
                {CREDIT_LIST} AS credits FROM events e
         WHERE e.status = 'open' AND e.begin_utc >= "
    ));
    q.push_bind(time::start_of_day(from, time::DEFAULT_ZONE).timestamp());
    q.push(" AND e.begin_utc < ");
    q.push_bind(
        time::start_of_day(until.succ_opt().unwrap_or(until), time::DEFAULT_ZONE).timestamp(),
    );
    q.push(
        " AND EXISTS (SELECT 1 FROM event_credits c WHERE c.event_id = e.id AND c.category IN (",
    );
    let mut list = q.separated(", ");
    for c in categories {
        list.push_bind(c.code());
    }
    q.push(")) ORDER BY e.begin_utc ASC LIMIT ")
        .push_bind(limit);
    let rows: Vec<SummaryRow> = q.build_query_as().fetch_all(&store.pool).await?;
    rows.into_iter().map(summary).collect()
}
