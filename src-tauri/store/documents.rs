//! What the documents out (transcript, packet) read beyond the other
//! modules, and recording a certificate the person already holds.

use super::certification::{self as cert, RECORD_TYPE};
use super::{history, now_text, Store};
use crate::domain::certification::Enrollment;
use crate::error::{AppError, AppResult};
use chrono::NaiveDate;

/// An evidence file of a credit entry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EvidenceFile {
    pub entry_id: i64,
    pub sha256: String,
    pub file_name: String,
}

/// The evidence files of a person's entries, in entry and upload order.
pub async fn evidence_of_person(store: &Store, person_id: i64) -> AppResult<Vec<EvidenceFile>> {
    Ok(sqlx::query_as(
        "SELECT ev.entry_id, ev.sha256, ev.file_name FROM credit_evidence ev
         JOIN credit_entries e ON e.id = ev.entry_id WHERE e.person_id = ? ORDER BY ev.entry_id, ev.id",
    )
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?)
}

/// Records a certification issued elsewhere: an enrollment already issued on
/// `issued`, covering the period that earned it (`start` to `issued`) and
/// valid until `expires`. One transaction with its history line.
pub async fn record_issued(
    store: &Store,
    person_id: i64,
    track_code: &str,
    start: NaiveDate,
    issued: NaiveDate,
    expires: NaiveDate,
    actor: &str,
) -> AppResult<Enrollment> {
    let mut tx = store.pool.begin().await?;
    let now = now_text();
    // Inserted only when the person exists.
    let inserted = sqlx::query(
        "INSERT INTO enrollments (person_id, track_code, start_date, due_date, status, issued_on, expires_on, created_at, updated_at)
         SELECT id, ?, ?, ?, 'issued', ?, ?, ?, ? FROM people WHERE id = ?",
    )
    .bind(track_code)
    .bind(start.to_string())
    .bind(issued.to_string())
    .bind(issued.to_string())
    .bind(expires.to_string())
    .bind(&now)
    .bind(&now)
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::invalid(
            "person",
            format!("There is no person #{person_id}."),
        ));
    }
    let id = inserted.last_insert_rowid();
    let note = format!("Certificate held already: issued {issued}, recorded in Aspen Desk");
    history::note(&mut tx, RECORD_TYPE, id, actor, "Status", note).await?;
    tx.commit().await?;
    cert::get(store, id).await
}
