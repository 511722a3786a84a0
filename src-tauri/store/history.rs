//! Page history rows, shared by every record type.

use crate::domain::history::{FieldChange, HistoryEntry};
use crate::domain::time;
use crate::error::AppResult;
use sqlx::{SqliteConnection, SqlitePool};

/// Writes the changes of one record; call it inside the change's transaction.
pub async fn record(
    conn: &mut SqliteConnection,
    record_type: &str,
    record_id: i64,
    actor: &str,
    changes: &[FieldChange],
) -> AppResult<()> {
    let at = super::now_text();
    let head = "INSERT INTO history (record_type, record_id, changed_at, actor, field, old_value, new_value) ";
    super::rows::insert_rows(conn, head, changes, |mut row, change| {
        row.push_bind(record_type)
            .push_bind(record_id)
            .push_bind(at.as_str())
            .push_bind(actor)
            .push_bind(change.field.as_str())
            .push_bind(change.old_value.as_deref())
            .push_bind(change.new_value.as_deref());
    })
    .await
}

/// Writes one line saying what was done to a record (no old value), e.g.
/// "Evidence: Attached certificate.pdf".
pub async fn note(
    conn: &mut SqliteConnection,
    record_type: &str,
    record_id: i64,
    actor: &str,
    field: &str,
    text: String,
) -> AppResult<()> {
    let change = [FieldChange::new(field, None, Some(text))];
    record(conn, record_type, record_id, actor, &change).await
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    changed_at: String,
    actor: String,
    field: String,
    old_value: Option<String>,
    new_value: Option<String>,
}

/// A record's history, newest first.
pub async fn list(
    pool: &SqlitePool,
    record_type: &str,
    record_id: i64,
) -> AppResult<Vec<HistoryEntry>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, changed_at, actor, field, old_value, new_value FROM history
         WHERE record_type = ? AND record_id = ? ORDER BY id DESC",
    )
    .bind(record_type)
    .bind(record_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| HistoryEntry {
            changed_at_display: chrono::DateTime::parse_from_rfc3339(&r.changed_at)
                .map(|t| {
                    t.with_timezone(&time::DEFAULT_ZONE)
                        .format("%b %-d, %Y %-I:%M %p")
                        .to_string()
                })
                .unwrap_or_else(|_| r.changed_at.clone()),
            id: r.id,
            changed_at: r.changed_at,
            actor: r.actor,
            change: FieldChange::new(r.field, r.old_value, r.new_value),
        })
        .collect())
}

/// Writes a record's creation: a `heading` line (e.g. "Person": "Created")
/// and one line per field that has a value.
pub async fn record_creation<T: crate::domain::history::Tracked>(
    conn: &mut SqliteConnection,
    record_type: &str,
    record_id: i64,
    actor: &str,
    heading: (&str, &str),
    record: &T,
) -> AppResult<()> {
    let mut changes = vec![FieldChange::new(
        heading.0,
        None,
        Some(heading.1.to_string()),
    )];
    changes.extend(crate::domain::history::creation(record));
    self::record(conn, record_type, record_id, actor, &changes).await
}
