//! Tracks (data rows), enrollments and their workflow.

use super::rows::Stored;
use super::{history, now_text, Store};
use crate::domain::certification::{Enrollment, EnrollmentStatus, Track, WorkflowDates};
use crate::domain::credits::{Category, HalfCredits};
use crate::domain::history::FieldChange;
use crate::domain::step::{Step, WorkflowStatus};
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;
use sqlx::SqliteConnection;

pub const RECORD_TYPE: &str = "enrollment";

#[derive(sqlx::FromRow)]
struct TrackRow {
    code: String,
    program: String,
    name: String,
    audience: String,
    total_half: i64,
    trustee_total_half: Option<i64>,
    period_years: i64,
    requires_plan: bool,
}

pub async fn tracks(store: &Store) -> AppResult<Vec<Track>> {
    let rows: Vec<TrackRow> = sqlx::query_as(
        "SELECT code, program, name, audience, total_half, trustee_total_half, period_years, requires_plan
         FROM tracks ORDER BY program, name",
    )
    .fetch_all(&store.pool)
    .await?;
    let minimums: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT track_code, category, min_half FROM track_minimums ORDER BY track_code, category",
    )
    .fetch_all(&store.pool)
    .await?;
    rows.into_iter()
        .map(
            |TrackRow {
                 code,
                 program,
                 name,
                 audience,
                 total_half: total,
                 trustee_total_half: trustee_total,
                 period_years: years,
                 requires_plan,
             }| {
                let stored = Stored {
                    record: "track",
                    id: code.as_str(),
                };
                let mut mins: Vec<(Category, HalfCredits)> = minimums
                    .iter()
                    .filter(|(c, _, _)| *c == code)
                    .map(|(_, cat, h)| Ok((stored.choice("category", cat)?, HalfCredits(*h))))
                    .collect::<AppResult<_>>()?;
                mins.sort_by_key(|(c, _)| *c);
                Ok(Track {
                    summary: Track::describe(HalfCredits(total), &mins),
                    code,
                    program,
                    name,
                    audience,
                    total: HalfCredits(total),
                    trustee_total: trustee_total.map(HalfCredits),
                    minimums: mins,
                    period_years: years.max(1) as u32,
                    requires_plan,
                })
            },
        )
        .collect()
}

pub async fn track(store: &Store, code: &str) -> AppResult<Track> {
    find_track(tracks(store).await?, code)
}

/// The track `code` among `tracks`, or a message naming the field.
pub fn find_track(tracks: Vec<Track>, code: &str) -> AppResult<Track> {
    tracks.into_iter().find(|t| t.code == code).ok_or_else(|| {
        AppError::invalid(
            "track",
            format!("\"{code}\" is not a track code (like 2009-administrator)."),
        )
    })
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    person_id: i64,
    track_code: String,
    program: String,
    name: String,
    start_date: String,
    due_date: String,
    status: String,
    submitted_on: Option<String>,
    reviewed_on: Option<String>,
    verified_on: Option<String>,
    verified_by: Option<String>,
    issued_on: Option<String>,
    expires_on: Option<String>,
}

const SELECT: &str =
    "SELECT e.id, e.person_id, e.track_code, t.program, t.name, e.start_date, e.due_date, e.status,
        e.submitted_on, e.reviewed_on, e.verified_on, e.verified_by, e.issued_on, e.expires_on
    FROM enrollments e JOIN tracks t ON t.code = e.track_code";

fn to_enrollment(r: Row) -> AppResult<Enrollment> {
    let stored = Stored {
        record: "enrollment",
        id: r.id,
    };
    let status: EnrollmentStatus = stored.choice("status", &r.status)?;
    // Workflow days are written by `set_status` as "2025-02-01".
    let day = |field: &str, text: &Option<String>| stored.optional(field, text.as_deref());
    Ok(Enrollment {
        id: r.id,
        person_id: r.person_id,
        track_code: r.track_code,
        track_name: format!("{} {}", r.program, r.name),
        start_date: stored.parsed("start date", &r.start_date)?,
        due_date: stored.parsed("due date", &r.due_date)?,
        status,
        status_label: status.label().into(),
        next_statuses: status.next_statuses().to_vec(),
        dates: WorkflowDates {
            submitted_on: day("submitted on", &r.submitted_on)?,
            reviewed_on: day("reviewed on", &r.reviewed_on)?,
            verified_on: day("verified on", &r.verified_on)?,
            verified_by: r.verified_by,
            issued_on: day("issued on", &r.issued_on)?,
            expires_on: day("expires on", &r.expires_on)?,
        },
    })
}

async fn load(conn: &mut SqliteConnection, id: i64) -> AppResult<Enrollment> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE e.id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    super::rows::found(row.map(to_enrollment).transpose()?, "Enrollment", id)
}

pub async fn get(store: &Store, id: i64) -> AppResult<Enrollment> {
    let mut conn = store.pool.acquire().await?;
    load(&mut conn, id).await
}

/// A person's enrollments, newest first.
pub async fn for_person(store: &Store, person_id: i64) -> AppResult<Vec<Enrollment>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE e.person_id = ? ORDER BY e.start_date DESC, e.id DESC"
    ))
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?;
    rows.into_iter().map(to_enrollment).collect()
}

pub async fn enroll(
    store: &Store,
    person_id: i64,
    track: &Track,
    start: NaiveDate,
    due: NaiveDate,
    actor: &str,
) -> AppResult<Enrollment> {
    let mut tx = store.write().await?;
    if let Some(missing) = super::directory::missing_person(&mut tx, "person", person_id).await? {
        return Err(missing.into());
    }
    let now = now_text();
    let id = sqlx::query(
        "INSERT INTO enrollments (person_id, track_code, start_date, due_date, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'in_progress', ?, ?)",
    )
    .bind(person_id)
    .bind(&track.code)
    .bind(start.to_string())
    .bind(due.to_string())
    .bind(&now)
    .bind(&now)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    let note = format!("Enrolled in {} {}", track.program, track.name);
    history::note(&mut tx, RECORD_TYPE, id, actor, "Enrollment", note).await?;
    let enrollment = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(enrollment)
}

/// Moves an enrollment through the workflow (rules in the domain).
pub async fn set_status(
    store: &Store,
    id: i64,
    step: &Step<EnrollmentStatus>,
    today: NaiveDate,
    actor: &str,
) -> AppResult<Enrollment> {
    let (next, date, by) = (step.status, step.date, step.by.as_deref());
    let mut tx = store.write().await?;
    let current = load(&mut tx, id).await?;
    let dates = current.dates.clone();
    crate::domain::certification::check_step_date(next, date, today, &dates)?;
    let dates = crate::domain::certification::transition(current.status, next, date, by, dates)?;
    let text = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    sqlx::query(
        "UPDATE enrollments SET status = ?, submitted_on = ?, reviewed_on = ?, verified_on = ?, verified_by = ?,
            issued_on = ?, expires_on = ?, updated_at = ? WHERE id = ?",
    )
    .bind(next.code())
    .bind(text(dates.submitted_on))
    .bind(text(dates.reviewed_on))
    .bind(text(dates.verified_on))
    .bind(&dates.verified_by)
    .bind(text(dates.issued_on))
    .bind(text(dates.expires_on))
    .bind(now_text())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let mut note = format!("{} on {date}", next.label());
    if let Some(by) = &dates.verified_by {
        if next == EnrollmentStatus::SupervisorVerified {
            note.push_str(&format!(" by {by}"));
        }
    }
    let change = [FieldChange::new(
        "Status",
        Some(current.status_label.clone()),
        Some(note),
    )];
    history::record(&mut tx, RECORD_TYPE, id, actor, &change).await?;
    let saved = load(&mut tx, id).await?;
    tx.commit().await?;
    Ok(saved)
}

/// How many enrollments a person has (the directory's delete guard asks).
pub async fn count_for_person(conn: &mut SqliteConnection, person_id: i64) -> AppResult<i64> {
    let sql = "SELECT count(*) FROM enrollments WHERE person_id = ?";
    super::rows::count(conn, sql, person_id).await
}
