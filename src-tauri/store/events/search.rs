//! The catalog's search index and the search over it.
//!
//! A search row's rowid is its event's begin time, then its id:
//! `begin_utc * 2^24 + id` (migration 0007). FTS5 hands out a word's matches
//! in rowid order, so a date-ordered text search reads its page straight
//! from the index and stops, however common the word, and a date range is
//! a rowid range. Best match (bm25) reads every match, so it is kept to
//! searches with few enough of them (`SearchPlan::applied_sort`).

use super::{summary, SummaryRow, CREDIT_LIST};
use crate::domain::event::EventSummary;
use crate::domain::search::{EventPage, SearchPlan, SortOrder, RELEVANCE_WEIGHTS};
use crate::domain::time;
use crate::error::{AppError, AppResult};
use crate::store::Store;
use chrono::NaiveDate;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

/// Ids stay below this, the step between two begin times in the key.
pub const KEY_SPAN: i64 = 1 << 24;

/// The search row's rowid, of the event `e` (SQL).
const KEY_OF_EVENT: &str = "(e.begin_utc * 16777216 + e.id)";

/// The event id of the search row being read (SQL).
const EVENT_OF_ROW: &str = "(events_fts.rowid & 16777215)";

/// Inserts the search rows of the events `e` that a WHERE after it picks:
/// key, title, description, sponsor, and the titles and tags of resources.
fn insert_search_rows() -> String {
    format!(
        "INSERT INTO events_fts (rowid, title, description, sponsor, resources)
         SELECT {KEY_OF_EVENT}, e.title, e.description, e.sponsor,
                COALESCE((SELECT group_concat(r.title || ' ' || r.tags, ' ') FROM event_resources r
                          WHERE r.event_id = e.id), '')
         FROM events e"
    )
}

fn within_key_span(id: i64) -> AppResult<()> {
    if id >= KEY_SPAN {
        return Err(AppError::Io(format!(
            "event number {id} is past the search index's limit ({KEY_SPAN})"
        )));
    }
    Ok(())
}

/// Removes an event's search row. Call it before the event's begin time
/// changes or the event is deleted: the row is found by the stored time.
pub async fn unindex(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    sqlx::query(&format!(
        "DELETE FROM events_fts WHERE rowid = (SELECT {KEY_OF_EVENT} FROM events e WHERE e.id = ?)"
    ))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Writes an event's search row from its stored row and resources.
pub async fn index(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    within_key_span(id)?;
    sqlx::query(&format!("{} WHERE e.id = ?", insert_search_rows()))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Rewrites an event's search row after a change that keeps its begin time
/// (its resources).
pub async fn reindex(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    unindex(conn, id).await?;
    index(conn, id).await
}

/// Search rows for the events `first..=last`, just inserted. Their ids have
/// never been used (ids are never reused), so there is no old search row to
/// replace: one statement indexes the whole range.
pub async fn index_new_range(conn: &mut SqliteConnection, first: i64, last: i64) -> AppResult<()> {
    within_key_span(last)?;
    sqlx::query(&format!(
        "{} WHERE e.id BETWEEN ? AND ?",
        insert_search_rows()
    ))
    .bind(first)
    .bind(last)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The first second of a Montana day, and of the day after `to`.
fn bounds(plan: &SearchPlan) -> (Option<i64>, Option<i64>) {
    let start = |day: NaiveDate| time::start_of_day(day, time::DEFAULT_ZONE).timestamp();
    (
        plan.days.from.map(start),
        plan.days.to.and_then(|d| d.succ_opt()).map(start),
    )
}

/// True when a filter reads the events table; the category reads only the
/// credit rows, by id, so a text search with it never visits the events.
fn filters_events(plan: &SearchPlan) -> bool {
    plan.event_type.is_some() || plan.delivery.is_some()
}

/// `FROM ... WHERE ...` of a search: the search rows when there is text
/// (joined to the events only when a filter needs them), else the events.
fn push_source(q: &mut QueryBuilder<'_, Sqlite>, plan: &SearchPlan) {
    let (from, until) = bounds(plan);
    let id = if plan.fts.is_some() {
        EVENT_OF_ROW
    } else {
        "e.id"
    };
    match &plan.fts {
        Some(fts) => {
            q.push(" FROM events_fts");
            if filters_events(plan) {
                q.push(format!(" JOIN events e ON e.id = {EVENT_OF_ROW}"));
            }
            q.push(" WHERE events_fts MATCH ").push_bind(fts.clone());
            // A day's first key is its first second's, with id 0.
            if let Some(from) = from {
                q.push(" AND events_fts.rowid >= ")
                    .push_bind(from.saturating_mul(KEY_SPAN));
            }
            if let Some(until) = until {
                q.push(" AND events_fts.rowid < ")
                    .push_bind(until.saturating_mul(KEY_SPAN));
            }
        }
        None => {
            q.push(" FROM events e WHERE 1 = 1");
            if let Some(from) = from {
                q.push(" AND e.begin_utc >= ").push_bind(from);
            }
            if let Some(until) = until {
                q.push(" AND e.begin_utc < ").push_bind(until);
            }
        }
    }
    if let Some(t) = plan.event_type {
        q.push(" AND e.event_type = ").push_bind(t.code());
    }
    if let Some(d) = plan.delivery {
        q.push(" AND e.delivery = ").push_bind(d.code());
    }
    if let Some(c) = plan.category {
        q.push(format!(
            " AND EXISTS (SELECT 1 FROM event_credits c WHERE c.event_id = {id} AND c.category = "
        ))
        .push_bind(c.code())
        .push(")");
    }
}

/// One page of the catalog, best match or date order, with the number of
/// matches counted up to `SearchPlan::count_limit`.
pub async fn search(store: &Store, plan: &SearchPlan) -> AppResult<EventPage> {
    let mut conn = store.pool.acquire().await?;
    let (counted, sort, items) = match plan.fts {
        None => {
            let (counted, items) = browse(&mut conn, plan).await?;
            (counted, plan.sort, items)
        }
        Some(_) => {
            // Date order first: it counts the matches and, most often, is the page.
            let (counted, dated_ids) = text_in_date_order(&mut conn, plan).await?;
            let sort = plan.applied_sort(counted);
            let ids = if sort == SortOrder::Relevance && counted > 0 {
                ranked(&mut conn, plan).await?
            } else {
                dated_ids
            };
            (counted, sort, summaries(&mut conn, &ids).await?)
        }
    };
    let limit = plan.count_limit();
    Ok(EventPage {
        total: counted.min(limit),
        total_is_lower_bound: counted > limit,
        sort,
        too_many_to_rank: plan.sort == SortOrder::Relevance && sort != SortOrder::Relevance,
        paging: plan.paging,
        from: plan.days.from.map(|d| d.to_string()),
        items,
    })
}

/// The page: ` LIMIT ? OFFSET ?` of the plan.
fn push_page(q: &mut QueryBuilder<'_, Sqlite>, plan: &SearchPlan) {
    q.push(" LIMIT ")
        .push_bind(i64::from(plan.paging.limit))
        .push(" OFFSET ")
        .push_bind(i64::from(plan.paging.offset));
}

/// SQL's word for the date order: oldest first when asked, else newest.
fn direction(sort: SortOrder) -> &'static str {
    match sort {
        SortOrder::Oldest => "ASC",
        _ => "DESC",
    }
}

/// Browsing (no text): the events counted up to one past the count limit,
/// and the page. The begin-date index counts and orders without reading a
/// row; the page's ids are chosen first, so its display columns and credit
/// lists are computed for one page only. Ties go to the event added last
/// (newest first) or first (oldest first).
async fn browse(
    conn: &mut SqliteConnection,
    plan: &SearchPlan,
) -> AppResult<(i64, Vec<EventSummary>)> {
    let direction = direction(plan.sort);
    let mut count = QueryBuilder::new("SELECT count(*) FROM (SELECT 1");
    push_source(&mut count, plan);
    count
        .push(" LIMIT ")
        .push_bind(plan.count_limit() + 1)
        .push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(&mut *conn).await?;
    if counted <= i64::from(plan.paging.offset) {
        return Ok((counted, Vec::new()));
    }
    let mut q = QueryBuilder::new("WITH page AS MATERIALIZED (SELECT e.id, e.begin_utc");
    push_source(&mut q, plan);
    q.push(format!(
        " ORDER BY e.begin_utc {direction}, e.id {direction}"
    ));
    push_page(&mut q, plan);
    q.push(format!(
        ") SELECT e.id, e.title, e.event_type, e.status, e.begin_utc, e.time_zone, e.delivery,
                  e.sponsor, {CREDIT_LIST} AS credits
           FROM page JOIN events e ON e.id = page.id
           ORDER BY page.begin_utc {direction}, page.id {direction}"
    ));
    let rows: Vec<SummaryRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let items = rows.into_iter().map(summary).collect::<AppResult<_>>()?;
    Ok((counted, items))
}

/// A text search's matches in date order (oldest first when asked, else
/// newest), counted up to one past the count limit, and the page's ids, in
/// one statement. FTS5 expands a prefix word ("montana"*) into one list of
/// every match before it reads any, which is most of what a common word
/// costs, so it is done once for the count and the page. A search row's key
/// holds its id, so the key alone orders them.
async fn text_in_date_order(
    conn: &mut SqliteConnection,
    plan: &SearchPlan,
) -> AppResult<(i64, Vec<i64>)> {
    let direction = direction(plan.sort);
    let mut q =
        QueryBuilder::new("WITH matched AS MATERIALIZED (SELECT events_fts.rowid AS sort_key");
    push_source(&mut q, plan);
    q.push(format!(" ORDER BY events_fts.rowid {direction} LIMIT "))
        .push_bind(plan.count_limit() + 1);
    q.push(format!(
        "), page AS (SELECT sort_key FROM matched ORDER BY sort_key {direction}"
    ));
    push_page(&mut q, plan);
    // One row even when the page is empty, to carry the count.
    q.push(format!(
        ") SELECT (SELECT count(*) FROM matched), page.sort_key & {} FROM (SELECT 1)
           LEFT JOIN page ORDER BY page.sort_key {direction}",
        KEY_SPAN - 1
    ));
    let rows: Vec<(i64, Option<i64>)> = q.build_query_as().fetch_all(&mut *conn).await?;
    let counted = rows.first().map_or(0, |r| r.0);
    Ok((counted, rows.into_iter().filter_map(|r| r.1).collect()))
}

/// The page's ids, best match first (bm25, the title weighted most); ties
/// go to the event added last. bm25 exists only while FTS5 runs the MATCH,
/// so the matches drive.
async fn ranked(conn: &mut SqliteConnection, plan: &SearchPlan) -> AppResult<Vec<i64>> {
    let [title, description, sponsor, resources] = RELEVANCE_WEIGHTS;
    let mut q = QueryBuilder::new(format!(
        "SELECT {EVENT_OF_ROW} AS id,
                bm25(events_fts, {title:?}, {description:?}, {sponsor:?}, {resources:?}) AS score"
    ));
    push_source(&mut q, plan);
    q.push(" ORDER BY score ASC, id DESC");
    push_page(&mut q, plan);
    let rows: Vec<(i64, f64)> = q.build_query_as().fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// The display rows of `ids`, in that order; the credit list is computed
/// for the page only.
async fn summaries(conn: &mut SqliteConnection, ids: &[i64]) -> AppResult<Vec<EventSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::new(format!(
        "SELECT e.id, e.title, e.event_type, e.status, e.begin_utc, e.time_zone, e.delivery,
                e.sponsor, {CREDIT_LIST} AS credits
         FROM events e WHERE e.id IN ("
    ));
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
    let rows: Vec<SummaryRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    let mut by_id: std::collections::HashMap<i64, SummaryRow> =
        rows.into_iter().map(|r| (r.id, r)).collect();
    ids.iter()
        .filter_map(|id| by_id.remove(id))
        .map(summary)
        .collect()
}
