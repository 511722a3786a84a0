//! The store: the only place with SQL. One module per aggregate; every
//! multi-row write is one transaction.

pub mod backup;
pub mod certification;
pub mod directory;
pub mod documents;
pub mod events;
pub mod files;
pub mod history;
pub mod import;
pub mod ledger;
pub mod output;
pub mod plans;
pub mod rows;
pub mod sample;
pub mod transfer;

/// Resources belong to their event (`events::resources`); the old path stays.
pub use events::resources;

use crate::error::{AppError, AppResult};
use files::FileStore;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::{ConnectOptions, Connection, SqlitePool};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DATABASE_FILE: &str = "aspen-desk.sqlite3";
/// The `app_settings` key of the person using the app ("who am I").
pub const CURRENT_PERSON_SETTING: &str = "current_person_id";

/// The open data folder: the database and the file store.
#[derive(Clone)]
pub struct Store {
    pub pool: SqlitePool,
    pub files: FileStore,
    data_dir: PathBuf,
}

impl Store {
    /// Opens (creating when needed) the data folder and applies migrations.
    /// A database written by a newer Aspen Desk is refused before anything is
    /// changed; before an upgrade the database is copied aside. A restore
    /// that stopped between its two folder moves is undone first.
    pub async fn open(data_dir: &Path) -> AppResult<Store> {
        if let Some(aside) = backup::undo_interrupted_restore(data_dir)? {
            eprintln!(
                "A restore stopped half-way: the data folder was put back from {}.",
                aside.display()
            );
        }
        create_private_dir(data_dir)?;
        let options = SqliteConnectOptions::new()
            .filename(data_dir.join(DATABASE_FILE))
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .pragma("cache_size", "-32000") // 32 MB: search walks indexes larger than the 2 MB default
            .pragma("mmap_size", "268435456");
        upgrade(&options, data_dir).await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        let files = FileStore::open(data_dir)?;
        Ok(Store {
            pool,
            files,
            data_dir: data_dir.to_path_buf(),
        })
    }

    /// Starts a write transaction. `BEGIN IMMEDIATE` takes the write lock at
    /// once: a deferred transaction that reads first and writes later fails
    /// with "database is locked" when another writer (a second window, the
    /// command line) commits in between, and waiting cannot fix that.
    pub async fn write(&self) -> AppResult<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Removes file-store blobs that no record names and stale partial
    /// copies older than `grace` (see `files`). Run at start-up.
    pub async fn sweep_files(&self, grace: Duration) -> AppResult<usize> {
        let referenced: std::collections::HashSet<String> =
            sqlx::query_scalar("SELECT sha256 FROM files")
                .fetch_all(&self.pool)
                .await?
                .into_iter()
                .collect();
        let files = self.files.clone();
        tokio::task::spawn_blocking(move || files.sweep(&referenced, grace))
            .await
            .map_err(|e| AppError::Io(format!("the file sweep stopped: {e}")))
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// The migrations this version knows, embedded in the binary.
pub static MIGRATOR: Migrator = sqlx::migrate!("src-tauri/migrations");

/// The newest schema version this build of Aspen Desk knows.
pub fn known_schema_version() -> i64 {
    MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The newest schema version applied to a database (0 for a new one).
pub async fn applied_schema_version(conn: &mut SqliteConnection) -> AppResult<i64> {
    let has_table: bool = sqlx::query_scalar(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&mut *conn)
    .await?;
    if !has_table {
        return Ok(0);
    }
    let version: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(&mut *conn)
            .await?;
    Ok(version.unwrap_or(0))
}

/// Refuses a newer schema, copies the database aside when there is
/// something to upgrade, then applies the pending migrations on a connection
/// of its own with foreign keys off (a table rebuild must not cascade), and
/// checks every link afterwards.
async fn upgrade(options: &SqliteConnectOptions, data_dir: &Path) -> AppResult<()> {
    refuse_newer_schema(&data_dir.join(DATABASE_FILE)).await?;
    let mut conn = options.clone().foreign_keys(false).connect().await?;
    let result = upgrade_on(&mut conn, data_dir).await;
    let _ = conn.close().await;
    result
}

async fn upgrade_on(conn: &mut SqliteConnection, data_dir: &Path) -> AppResult<()> {
    let found = applied_schema_version(conn).await?;
    let known = known_schema_version();
    if found > known {
        return Err(AppError::NewerSchema { found, known });
    }
    if found > 0 && found < known {
        let copy = data_dir.join(format!(
            "aspen-desk.before-schema-{known}.{}.sqlite3",
            chrono::Utc::now().format("%Y%m%dT%H%M%S")
        ));
        // VACUUM INTO gives a consistent copy even with a WAL in use.
        sqlx::query("VACUUM INTO ?")
            .bind(copy.to_string_lossy().as_ref())
            .execute(&mut *conn)
            .await?;
    }
    if found < known {
        MIGRATOR.run(&mut *conn).await?;
        let broken: Vec<SqliteRow> = sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut *conn)
            .await?;
        if !broken.is_empty() {
            return Err(AppError::Io(format!(
                "the database upgrade found {} broken links; the copy taken before it is in the data folder",
                broken.len()
            )));
        }
    }
    Ok(())
}

/// Looks at an existing database read-only first: a newer schema is refused
/// before anything (even the journal mode) is written.
async fn refuse_newer_schema(database: &Path) -> AppResult<()> {
    if !database.exists() {
        return Ok(());
    }
    // A WAL database may not open read-only (no -shm file to share); the
    // check in `upgrade_on` then still refuses before any migration runs.
    let Ok(mut conn) = SqliteConnectOptions::new()
        .filename(database)
        .read_only(true)
        .connect()
        .await
    else {
        return Ok(());
    };
    let found = applied_schema_version(&mut conn).await;
    let _ = conn.close().await;
    let (found, known) = (found?, known_schema_version());
    if found > known {
        return Err(AppError::NewerSchema { found, known });
    }
    Ok(())
}

/// Creates the data folder readable by its owner only (0700 on Unix).
fn create_private_dir(dir: &Path) -> AppResult<()> {
    let fail = |e| {
        AppError::io(
            &format!("cannot create the data folder {}", dir.display()),
            e,
        )
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(fail)?;
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(fail)?;
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).map_err(fail)?;
    Ok(())
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

/// Removes an app-wide setting inside the caller's transaction.
pub async fn delete_setting(conn: &mut sqlx::SqliteConnection, key: &str) -> AppResult<()> {
    sqlx::query("DELETE FROM app_settings WHERE key = ?")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}
