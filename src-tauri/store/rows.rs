//! What every insert-or-update row writer shares: one column list for both
//! statements, bound with the record's columns and `updated_at`, then
//! `created_at` for an insert or the id for an update (the last `?`).
//! `upsert_row!` writes a record's row with each column beside its value;
//! `insert_rows` writes many rows with multi-row statements. `Stored` reads
//! values back, and refuses one it cannot read rather than guess.

use crate::domain::field::ChoiceList;
use crate::error::{AppError, AppResult};
use sqlx::query_builder::Separated;
use sqlx::sqlite::SqliteArguments;
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use std::str::FromStr;

/// The insert (`id` None) or update statement for `columns` of `table`, with
/// `updated_at` (and `created_at` on insert) after them. Table and column
/// names are the writers' constants, never input.
pub fn upsert_sql(table: &str, columns: &[&str], id: Option<i64>) -> String {
    match id {
        None => format!(
            "INSERT INTO {table} ({}, updated_at, created_at) VALUES ({}?, ?)",
            columns.join(", "),
            "?, ".repeat(columns.len())
        ),
        Some(_) => format!(
            "UPDATE {table} SET {}, updated_at = ? WHERE id = ?",
            columns
                .iter()
                .map(|c| format!("{c} = ?"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

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

/// How many rows `sql` (`SELECT count(*) ... WHERE <column> = ?`) counts for `id`.
pub async fn count(conn: &mut SqliteConnection, sql: &str, id: i64) -> AppResult<i64> {
    Ok(sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}

/// Runs one statement with `id` as its only parameter (a delete by id).
pub async fn run_for(conn: &mut SqliteConnection, sql: &str, id: i64) -> AppResult<()> {
    sqlx::query(sql).bind(id).execute(&mut *conn).await?;
    Ok(())
}

/// A loaded record, or `NotFound` naming it ("Person 7").
pub fn found<T>(row: Option<T>, what: &str, id: i64) -> AppResult<T> {
    row.ok_or_else(|| AppError::NotFound(format!("{what} {id}")))
}

/// Rows per INSERT: 200 events bind 3,000 values, well under SQLite's limit.
const ROWS_PER_STATEMENT: usize = 200;

/// Runs `head VALUES (...), (...)` for `rows`, `ROWS_PER_STATEMENT` at a time.
/// Every full chunk is the same SQL text, so sqlx prepares it once per
/// connection and reuses it.
pub async fn insert_rows<'a, T>(
    conn: &mut SqliteConnection,
    head: &str,
    rows: &'a [T],
    bind: impl Fn(Separated<'_, 'a, Sqlite, &'static str>, &'a T),
) -> AppResult<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut q = QueryBuilder::<Sqlite>::new(head);
        q.push_values(chunk, &bind);
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts (`id` None) or updates one record's row and returns its id. Each
/// column is written beside its value, so the names and the binds cannot
/// drift apart: `upsert_row!(conn, "people", id, { "last_name" => &d.last_name })`.
macro_rules! upsert_row {
    ($conn:expr, $table:literal, $id:expr, { $($column:literal => $value:expr),+ $(,)? }) => {{
        let id: Option<i64> = $id;
        let now = $crate::store::now_text();
        let sql = $crate::store::rows::upsert_sql($table, &[$($column),+], id);
        let query = sqlx::query(&sql)$(.bind($value))+.bind(&now);
        $crate::store::rows::finish_write($conn, query, id, &now).await
    }};
}
pub(crate) use upsert_row;

/// Reads back a record's stored values. A value the app cannot read (edited
/// by hand, or written by a newer version) is an error naming the record, the
/// field and the value; never a guess, which a later save would write back.
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a, Id = i64> {
    /// "event", "credit entry", ...
    pub record: &'a str,
    /// The record's id, or its code (a track).
    pub id: Id,
}

impl<Id: std::fmt::Display> Stored<'_, Id> {
    pub fn unreadable(&self, field: &str, value: &str) -> AppError {
        AppError::Io(format!(
            "{} {} has an unreadable {field} \"{value}\" in the database",
            self.record, self.id
        ))
    }

    /// A code of a closed list (`choice_enum!`).
    pub fn choice<T: ChoiceList>(&self, field: &str, code: &str) -> AppResult<T> {
        T::parse(code).ok_or_else(|| self.unreadable(field, code))
    }

    /// A value stored as text: a day ("2024-03-14"), a time zone, a number.
    pub fn parsed<T: FromStr>(&self, field: &str, text: &str) -> AppResult<T> {
        text.parse().map_err(|_| self.unreadable(field, text))
    }

    /// A value that may be missing.
    pub fn optional<T: FromStr>(&self, field: &str, text: Option<&str>) -> AppResult<Option<T>> {
        text.map(|t| self.parsed(field, t)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::upsert_sql;

    #[test]
    fn insert_and_update_name_the_same_columns_in_the_same_order() {
        assert_eq!(
            upsert_sql("people", &["last_name", "first_name"], None),
            "INSERT INTO people (last_name, first_name, updated_at, created_at) VALUES (?, ?, ?, ?)"
        );
        assert_eq!(
            upsert_sql("people", &["last_name", "first_name"], Some(7)),
            "UPDATE people SET last_name = ?, first_name = ?, updated_at = ? WHERE id = ?"
        );
    }
}
