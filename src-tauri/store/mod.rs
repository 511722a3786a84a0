//! The store: the only place with SQL. One module per aggregate; every
//! multi-row write is one transaction.

pub mod certification;
pub mod directory;
pub mod events;
pub mod files;
pub mod history;
pub mod ledger;
pub mod plans;
pub mod resources;
pub mod sample;

use crate::error::{AppError, AppResult};
use files::FileStore;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DATABASE_FILE: &str = "aspen-desk.sqlite3";

/// The open data folder: the database and the file store.
#[derive(Clone)]
pub struct Store {
    pub pool: SqlitePool,
    pub files: FileStore,
    data_dir: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the data folder and applies migrations.
    pub async fn open(data_dir: &Path) -> AppResult<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            AppError::io(
                &format!("cannot create the data folder {}", data_dir.display()),
                e,
            )
        })?;
        let options = SqliteConnectOptions::new()
            .filename(data_dir.join(DATABASE_FILE))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("cache_size", "-32000") // 32 MB: search walks indexes larger than the 2 MB default
            .pragma("mmap_size", "268435456");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("src-tauri/migrations").run(&pool).await?;
        let files = FileStore::open(data_dir)?;
        Ok(Store {
            pool,
            files,
            data_dir: data_dir.to_path_buf(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// Who is making changes, for page history. The directory issue will replace
/// this with the current person; until then it is the computer's user name.
pub fn current_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "local user".into())
}

pub(crate) fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Reads an app-wide setting.
pub async fn setting(pool: &SqlitePool, key: &str) -> AppResult<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT value FROM app_settings WHERE key = ?")
            .bind(key)
            .fetch_optional(pool)
            .await?,
    )
}

/// Writes an app-wide setting inside the caller's transaction.
pub async fn set_setting(
    conn: &mut sqlx::SqliteConnection,
    key: &str,
    value: &str,
) -> AppResult<()> {
    sqlx::query("INSERT INTO app_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        .bind(key)
        .bind(value)
        .execute(conn)
        .await?;
    Ok(())
}
