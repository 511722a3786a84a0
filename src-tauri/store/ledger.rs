//! The credit ledger: entries, evidence files, and what a track evaluation
//! reads of them.

use super::files::StoredFile;
use super::rows::Stored;
use super::{history, now_text, Store};
use crate::domain::certification::LedgerLine;
use crate::domain::credits::HalfCredits;
use crate::domain::history::diff;
use crate::domain::ledger::*;
use crate::error::{AppError, AppResult, FieldError};
use chrono::NaiveDate;
use sqlx::SqliteConnection;

pub const RECORD_TYPE: &str = "credit";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    person_id: i64,
    kind: String,
    title: String,
    date: String,
    end_date: Option<String>,
    sponsor: String,
    trainer: String,
    category: String,
    half_credits: i64,
    units: Option<f64>,
    status: String,
    verified_by: Option<String>,
    verified_on: Option<String>,
    event_id: Option<i64>,
    conference: String,
    notes: String,
    learned: String,
    plan_goal_id: Option<i64>,
}

fn stored(id: i64) -> Stored<'static> {
    Stored {
        record: "credit entry",
        id,
    }
}

fn to_draft(r: Row) -> AppResult<(i64, CreditEntryDraft)> {
    let (id, stored) = (r.id, stored(r.id));
    Ok((
        id,
        CreditEntryDraft {
            person_id: r.person_id,
            kind: stored.choice("kind", &r.kind)?,
            title: r.title,
            date: stored.parsed("date", &r.date)?,
            end_date: stored.optional("end date", r.end_date.as_deref())?,
            sponsor: r.sponsor,
            trainer: r.trainer,
            category: stored.choice("category", &r.category)?,
            amount: HalfCredits(r.half_credits),
            units: r.units,
            verification: Verification {
                status: stored.choice("status", &r.status)?,
                verified_by: r.verified_by,
                verified_on: stored.optional("verified on", r.verified_on.as_deref())?,
            },
            event_id: r.event_id,
            conference: r.conference,
            notes: r.notes,
            learned: r.learned,
            plan_goal_id: r.plan_goal_id,
        },
    ))
}

async fn load(conn: &mut SqliteConnection, id: i64) -> AppResult<CreditEntryDraft> {
    let row: Option<Row> = sqlx::query_as("SELECT * FROM credit_entries WHERE id = ?")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(to_draft(super::rows::found(row, "Credit entry", id)?)?.1)
}

/// Refuses entries for people or events that do not exist.
async fn check_links(conn: &mut SqliteConnection, d: &CreditEntryDraft) -> AppResult<()> {
    let mut errors = Vec::new();
    errors.extend(super::directory::missing_person(conn, "person_id", d.person_id).await?);
    if let Some(event) = d.event_id {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM events WHERE id = ?")
            .bind(event)
            .fetch_optional(&mut *conn)
            .await?;
        if found.is_none() {
            errors.push(FieldError::new(
                "event_id",
                format!("There is no event #{event} in the catalog."),
            ));
        }
    }
    if let Some(goal) = d.plan_goal_id {
        if !super::plans::goal_of_person(conn, d.person_id, goal).await? {
            errors.push(FieldError::new(
                "plan_goal_id",
                format!("Plan goal #{goal} is not a goal of this person's plan."),
            ));
        }
    }
    AppError::unless_any(errors)
}

async fn write_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &CreditEntryDraft,
) -> AppResult<i64> {
    crate::store::rows::upsert_row!(conn, "credit_entries", id, {
        "person_id" => d.person_id,
        "kind" => d.kind.code(),
        "title" => &d.title,
        "date" => d.date.to_string(),
        "end_date" => d.end_date.map(|x| x.to_string()),
        "sponsor" => &d.sponsor,
        "trainer" => &d.trainer,
        "category" => d.category.code(),
        "half_credits" => d.amount.0,
        "units" => d.units,
        "status" => d.verification.status.code(),
        "verified_by" => &d.verification.verified_by,
        "verified_on" => d.verification.verified_on.map(|x| x.to_string()),
        "event_id" => d.event_id,
        "conference" => &d.conference,
        "notes" => &d.notes,
        "learned" => &d.learned,
        "plan_goal_id" => d.plan_goal_id,
    })
}

/// The catalog event behind an entry, for the eligibility warnings.
async fn event_facts(
    conn: &mut SqliteConnection,
    event_id: Option<i64>,
) -> AppResult<(Option<String>, Option<NaiveDate>)> {
    let Some(id) = event_id else {
        return Ok((None, None));
    };
    let row: Option<(String, i64, String)> =
        sqlx::query_as("SELECT event_type, begin_utc, time_zone FROM events WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(match row {
        // The event's own calendar day, in its zone.
        Some((t, begin, zone)) => {
            let zone: chrono_tz::Tz = Stored {
                record: "event",
                id,
            }
            .parsed("time zone", &zone)?;
            let day = chrono::DateTime::from_timestamp(begin, 0)
                .map(|d| d.with_timezone(&zone).date_naive());
            (Some(t), day)
        }
        None => (None, None),
    })
}

pub async fn insert(
    conn: &mut SqliteConnection,
    d: &CreditEntryDraft,
    actor: &str,
) -> AppResult<CreditEntry> {
    check_links(conn, d).await?;
    let id = write_row(conn, None, d).await?;
    history::record_creation(conn, RECORD_TYPE, id, actor, ("Credit", "Logged"), d).await?;
    let (event_type, event_date) = event_facts(conn, d.event_id).await?;
    Ok(CreditEntry::new(
        id,
        d,
        eligibility_warnings(d, event_type.as_deref(), event_date),
    ))
}

/// Logs several entries at once (an event's credit rows), in one transaction.
pub async fn add_all(
    store: &Store,
    drafts: &[CreditEntryDraft],
    actor: &str,
) -> AppResult<Vec<CreditEntry>> {
    let mut tx = store.write().await?;
    let mut saved = Vec::with_capacity(drafts.len());
    for d in drafts {
        saved.push(insert(&mut tx, d, actor).await?);
    }
    tx.commit().await?;
    Ok(saved)
}

pub async fn update(
    store: &Store,
    id: i64,
    d: &CreditEntryDraft,
    actor: &str,
) -> AppResult<CreditEntry> {
    let mut tx = store.write().await?;
    let old = load(&mut tx, id).await?;
    check_links(&mut tx, d).await?;
    let changes = diff(&old, d);
    if !changes.is_empty() {
        write_row(&mut tx, Some(id), d).await?;
        history::record(&mut tx, RECORD_TYPE, id, actor, &changes).await?;
    }
    let (event_type, event_date) = event_facts(&mut tx, d.event_id).await?;
    tx.commit().await?;
    Ok(CreditEntry::new(
        id,
        d,
        eligibility_warnings(d, event_type.as_deref(), event_date),
    ))
}

pub async fn get(store: &Store, id: i64) -> AppResult<CreditEntry> {
    let mut conn = store.pool.acquire().await?;
    let d = load(&mut conn, id).await?;
    let (event_type, event_date) = event_facts(&mut conn, d.event_id).await?;
    Ok(CreditEntry::new(
        id,
        &d,
        eligibility_warnings(&d, event_type.as_deref(), event_date),
    ))
}

/// Every entry of a person, newest first.
pub async fn for_person(store: &Store, person_id: i64) -> AppResult<Vec<(i64, CreditEntryDraft)>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT * FROM credit_entries WHERE person_id = ? ORDER BY date DESC, id DESC",
    )
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?;
    rows.into_iter().map(to_draft).collect()
}

/// A person's newest entries (the dashboard's "recent"), newest first.
pub async fn newest_for_person(
    store: &Store,
    person_id: i64,
    limit: u32,
) -> AppResult<Vec<(i64, CreditEntryDraft)>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT * FROM credit_entries WHERE person_id = ? ORDER BY date DESC, id DESC LIMIT ?",
    )
    .bind(person_id)
    .bind(limit)
    .fetch_all(&store.pool)
    .await?;
    rows.into_iter().map(to_draft).collect()
}

/// A person's ledger lines (`LineRow`s) as one JSON array built by SQLite;
/// the bench's raw twin reads the same.
pub const LINES_AS_JSON: &str =
    "SELECT json_group_array(json_array(id, kind, title, date, category, half_credits,
                                        status, plan_goal_id))
     FROM credit_entries WHERE person_id = ?";

/// What a track evaluation reads of a person's entries: only its columns,
/// without the rest of each row (the progress command reads thousands).
pub async fn lines_for_person(store: &Store, person_id: i64) -> AppResult<Vec<LedgerLine>> {
    // One JSON array built by SQLite, not a row each: sqlx hands every row
    // across a thread with a copy of each value, which for a career's
    // thousands of entries costs more than the whole evaluation. An
    // aggregate's input order is not SQLite's promise, so the lines are
    // sorted here.
    let json: String = sqlx::query_scalar(LINES_AS_JSON)
        .bind(person_id)
        .fetch_one(&store.pool)
        .await?;
    let rows: Vec<LineRow> = serde_json::from_str(&json)
        .map_err(|e| AppError::Io(format!("the credit entries could not be read back: {e}")))?;
    let mut lines = rows
        .into_iter()
        .map(
            |LineRow(id, kind, title, date, category, half_credits, status, plan_goal_id)| {
                let stored = stored(id);
                Ok(LedgerLine {
                    id,
                    kind: stored.choice("kind", &kind)?,
                    title,
                    date: stored.parsed("date", &date)?,
                    category: stored.choice("category", &category)?,
                    amount: HalfCredits(half_credits),
                    status: stored.choice("status", &status)?,
                    plan_goal_id,
                })
            },
        )
        .collect::<AppResult<Vec<_>>>()?;
    // Newest first; on one day, the entry logged last first.
    lines.sort_unstable_by_key(|l| std::cmp::Reverse((l.date, l.id)));
    Ok(lines)
}

/// One entry as `lines_for_person` reads it: id, kind, title, date,
/// category, half-credits, status, plan goal. The codes borrow from the JSON
/// text (they never need escaping), so only titles are copied.
#[derive(serde::Deserialize)]
struct LineRow<'a>(
    i64,
    #[serde(borrow)] std::borrow::Cow<'a, str>,
    String,
    #[serde(borrow)] std::borrow::Cow<'a, str>,
    #[serde(borrow)] std::borrow::Cow<'a, str>,
    i64,
    #[serde(borrow)] std::borrow::Cow<'a, str>,
    Option<i64>,
);

/// Attaches an evidence file (certificate of attendance) to an entry.
pub async fn add_evidence(
    store: &Store,
    entry_id: i64,
    file: &StoredFile,
    actor: &str,
) -> AppResult<()> {
    let mut tx = store.write().await?;
    load(&mut tx, entry_id).await?;
    crate::store::files::record(&mut tx, file).await?;
    sqlx::query(
        "INSERT INTO credit_evidence (entry_id, sha256, file_name, created_at) VALUES (?, ?, ?, ?)",
    )
    .bind(entry_id)
    .bind(&file.sha256)
    .bind(&file.file_name)
    .bind(now_text())
    .execute(&mut *tx)
    .await?;
    let note = format!("Attached {}", file.file_name);
    history::note(&mut tx, RECORD_TYPE, entry_id, actor, "Evidence", note).await?;
    tx.commit().await?;
    Ok(())
}

/// Names of the evidence files of an entry.
pub async fn evidence(store: &Store, entry_id: i64) -> AppResult<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT file_name FROM credit_evidence WHERE entry_id = ? ORDER BY id")
            .bind(entry_id)
            .fetch_all(&store.pool)
            .await?,
    )
}

/// How many credit entries a person has (they keep the person from being deleted).
pub async fn count_for_person(conn: &mut SqliteConnection, person_id: i64) -> AppResult<i64> {
    let sql = "SELECT count(*) FROM credit_entries WHERE person_id = ?";
    super::rows::count(conn, sql, person_id).await
}

/// How many credit entries record attending an event (they keep the event
/// from being deleted).
pub async fn count_for_event(conn: &mut SqliteConnection, event_id: i64) -> AppResult<i64> {
    let sql = "SELECT count(*) FROM credit_entries WHERE event_id = ?";
    super::rows::count(conn, sql, event_id).await
}
