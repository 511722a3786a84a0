//! Every table as rows, for the JSON export and import. The table list comes
//! from the schema itself (`PRAGMA table_list`), so a table added by a future
//! migration is exported without anyone remembering to add it here.

use super::{applied_schema_version, Store, MIGRATOR};
use crate::error::{AppError, AppResult};
use crate::export::json::{DataExport, TableRows};
use serde_json::{json, Value};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection, TypeInfo, ValueRef};
use std::collections::BTreeMap;

/// sqlx's own bookkeeping: the schema version travels as `schema_version`.
const MIGRATIONS_TABLE: &str = "_sqlx_migrations";

/// A table as the schema describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableInfo {
    pub name: String,
    /// An FTS5 table: rows are copied, its shadow tables are not.
    pub is_virtual: bool,
    pub has_rowid: bool,
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables an export holds: every ordinary and virtual table of the main
/// schema (including `sqlite_sequence` when it exists), minus sqlx's
/// migration log and FTS5's shadow tables, which SQLite keeps itself.
pub async fn exported_tables(conn: &mut SqliteConnection) -> AppResult<Vec<TableInfo>> {
    let rows = sqlx::query(
        "SELECT name, type, wr FROM pragma_table_list WHERE schema = 'main' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut tables = Vec::new();
    for row in rows {
        let name: String = row.try_get("name")?;
        let kind: String = row.try_get("type")?;
        let without_rowid: i64 = row.try_get("wr")?;
        let wanted = match kind.as_str() {
            "table" => name != MIGRATIONS_TABLE && name != "sqlite_schema",
            "virtual" => true,
            _ => false, // views, shadow tables
        };
        if wanted {
            tables.push(TableInfo {
                name,
                is_virtual: kind == "virtual",
                has_rowid: without_rowid == 0,
            });
        }
    }
    Ok(tables)
}

/// The columns to export: the declared ones, plus `rowid` when it is not
/// already one of them (an `INTEGER PRIMARY KEY`), since FTS rows and
/// tables keyed by text are found by it.
async fn columns_of(conn: &mut SqliteConnection, table: &TableInfo) -> AppResult<Vec<String>> {
    let rows = sqlx::query(&format!(
        "SELECT name, type, pk FROM pragma_table_info({})",
        quote_literal(&table.name)
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut columns = Vec::new();
    let mut key_columns = Vec::new();
    for row in &rows {
        let name: String = row.try_get("name")?;
        let kind: String = row.try_get("type")?;
        let pk: i64 = row.try_get("pk")?;
        if pk > 0 {
            key_columns.push(kind.to_ascii_uppercase());
        }
        columns.push(name);
    }
    let rowid_is_a_column = key_columns.len() == 1 && key_columns[0] == "INTEGER";
    if table.has_rowid && !rowid_is_a_column && !columns.iter().any(|c| c == "rowid") {
        columns.insert(0, "rowid".into());
    }
    Ok(columns)
}

fn quote_literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn value_at(row: &sqlx::sqlite::SqliteRow, index: usize) -> AppResult<Value> {
    let raw = row.try_get_raw(index)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let kind = raw.type_info().name().to_string();
    Ok(match kind.as_str() {
        "INTEGER" => json!(row.try_get::<i64, _>(index)?),
        "REAL" => json!(row.try_get::<f64, _>(index)?),
        "BLOB" => json!({ "hex": hex::encode(row.try_get::<Vec<u8>, _>(index)?) }),
        _ => json!(row.try_get::<String, _>(index)?),
    })
}

/// One table's rows in a fixed order: by rowid, or by every column for a
/// table without one.
async fn dump_table(conn: &mut SqliteConnection, table: &TableInfo) -> AppResult<TableRows> {
    let columns = columns_of(conn, table).await?;
    let list = columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ");
    let order = if table.has_rowid {
        "rowid".to_string()
    } else {
        (1..=columns.len())
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sql = format!("SELECT {list} FROM {} ORDER BY {order}", quote(&table.name));
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut values = Vec::with_capacity(row.columns().len());
        for index in 0..row.columns().len() {
            values.push(value_at(row, index)?);
        }
        out.push(values);
    }
    Ok(TableRows { columns, rows: out })
}

/// Every table of the database, read in one transaction (a consistent view).
pub async fn export_all(store: &Store) -> AppResult<DataExport> {
    let mut tx = store.write().await?;
    let export = dump_all(&mut tx).await?;
    tx.commit().await?;
    Ok(export)
}

async fn dump_all(conn: &mut SqliteConnection) -> AppResult<DataExport> {
    let mut tables = BTreeMap::new();
    for table in exported_tables(conn).await? {
        let rows = dump_table(conn, &table).await?;
        tables.insert(table.name, rows);
    }
    Ok(DataExport::new(applied_schema_version(conn).await?, tables))
}

/// The rows a freshly created data folder holds (the reference lists that
/// migrations insert, such as the tracks).
async fn fresh_contents() -> AppResult<DataExport> {
    // One connection: each in-memory connection is a database of its own.
    let mut conn = SqliteConnectOptions::new()
        .in_memory(true)
        .foreign_keys(true)
        .connect()
        .await?;
    MIGRATOR.run(&mut conn).await?;
    let export = dump_all(&mut conn).await;
    let _ = conn.close().await;
    export
}

/// True when the data folder holds nothing but what a new one starts with.
pub async fn is_fresh(store: &Store) -> AppResult<bool> {
    let fresh = fresh_contents().await?;
    let current = export_all(store).await?;
    Ok(fresh.tables == current.tables)
}

fn bind_value<'q>(
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    value: &'q Value,
    field: &str,
) -> AppResult<sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>> {
    Ok(match value {
        Value::Null => query.bind(None::<i64>),
        Value::Bool(b) => query.bind(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => query.bind(i),
            None => query.bind(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => query.bind(s.as_str()),
        Value::Object(map) => {
            let bytes = map
                .get("hex")
                .and_then(Value::as_str)
                .and_then(|h| hex::decode(h).ok())
                .ok_or_else(|| {
                    AppError::invalid(field, "Expected {\"hex\": \"...\"} for binary data.")
                })?;
            query.bind(bytes)
        }
        Value::Array(_) => {
            return Err(AppError::invalid(field, "A value cannot be a list."));
        }
    })
}

/// Replaces the contents of a fresh data folder with `export`, in one
/// transaction. The export must name exactly this schema's tables and
/// columns; foreign keys are checked at commit, so table order is free.
pub async fn import_all(store: &Store, export: &DataExport) -> AppResult<()> {
    let mut tx = store.write().await?;
    sqlx::query("PRAGMA defer_foreign_keys = ON")
        .execute(&mut *tx)
        .await?;
    let mut tables = exported_tables(&mut tx).await?;
    // Last, so that inserting ids cannot move the AUTOINCREMENT counters it restores.
    tables.sort_by_key(|t| t.name == "sqlite_sequence");
    let known: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    if let Some(unknown) = export.tables.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(AppError::invalid(
            format!("json.tables.{unknown}"),
            "This data folder has no such table.",
        ));
    }
    for table in &tables {
        let expected = columns_of(&mut tx, table).await?;
        let field = format!("json.tables.{}", table.name);
        let Some(rows) = export.tables.get(&table.name) else {
            // sqlite_sequence appears only after the first AUTOINCREMENT insert.
            if table.name == "sqlite_sequence" {
                continue;
            }
            return Err(AppError::invalid(
                field,
                "The export has no rows for this table.",
            ));
        };
        if rows.columns != expected {
            return Err(AppError::invalid(
                format!("{field}.columns"),
                format!("Expected the columns {}.", expected.join(", ")),
            ));
        }
        sqlx::query(&format!("DELETE FROM {}", quote(&table.name)))
            .execute(&mut *tx)
            .await?;
        let list = expected
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(", ");
        let marks = vec!["?"; expected.len()].join(", ");
        let sql = format!(
            "INSERT INTO {} ({list}) VALUES ({marks})",
            quote(&table.name)
        );
        for (index, row) in rows.rows.iter().enumerate() {
            let mut query = sqlx::query(&sql);
            for (column, value) in expected.iter().zip(row) {
                query = bind_value(query, value, &format!("{field}.rows[{index}].{column}"))?;
            }
            query.execute(&mut *tx).await.map_err(|e| match e {
                sqlx::Error::Database(db) => AppError::invalid(
                    format!("{field}.rows[{index}]"),
                    format!("This row cannot be stored: {}", db.message()),
                ),
                other => AppError::Database(other),
            })?;
        }
    }
    tx.commit().await.map_err(|e| match e {
        sqlx::Error::Database(db) => AppError::invalid(
            "json.tables",
            format!("The rows do not fit together: {}", db.message()),
        ),
        other => AppError::Database(other),
    })?;
    Ok(())
}
