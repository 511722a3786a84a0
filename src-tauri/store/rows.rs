//! What every insert-or-update row writer shares: one statement bound with
//! the record's columns and `updated_at`, then `created_at` for an insert or
//! the id for an update (the last `?` of each statement).

use crate::error::AppResult;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Sqlite, SqliteConnection};

/// Runs the writer's statement and returns the row's id (the new one after an insert).
pub async fn finish_write<'q>(
    conn: &mut SqliteConnection,
    query: sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>,
    id: Option<i64>,
    now: &'q str,
) -> AppResult<i64> {
    let done = match id {
        None => query.bind(now).execute(&mut *conn).await?,
        Some(id) => query.bind(id).execute(&mut *conn).await?,
    };
    Ok(id.unwrap_or_else(|| done.last_insert_rowid()))
}
