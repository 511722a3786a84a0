//! Backups, restore, automatic backups and the JSON export/import: the
//! operations behind both adapters. The zip and the table dump live in
//! `store::backup` and `store::transfer`; the rules in `domain::backup`.

use crate::domain::backup::{self as rules, BackupStatus};
use crate::error::{AppError, AppResult};
use crate::export::json;
use crate::store::backup::{
    self, record_backup_time, BackupReport, Progress, RestoreReport, AUTO_FOLDER_KEY, KEEP_KEY,
    LAST_BACKUP_KEY,
};
use crate::store::output::{check_destination, write_bytes_atomic};
use crate::store::{self, transfer, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// A progress callback that ignores progress (the CLI, tests).
pub fn no_progress() -> Progress {
    Box::new(|_, _| {})
}

/// Writes a backup to `destination` and records it as the last backup.
pub async fn backup_now(
    store: &Store,
    destination: &Path,
    progress: Progress,
) -> AppResult<BackupReport> {
    let now = Utc::now();
    let report = backup::create_backup(store, destination, now, progress).await?;
    record_backup_time(store, now).await?;
    Ok(report)
}

/// Checks `backup_file` completely, then replaces the data folder with it,
/// keeping the old one aside. No store may be open on `data_dir` (the app
/// closes its store first: stage with `store::backup::stage_restore`, close,
/// `swap_in`, reopen).
pub async fn restore_backup(
    data_dir: &Path,
    backup_file: &Path,
    progress: Progress,
) -> AppResult<RestoreReport> {
    if crate::single_instance::is_open(data_dir) {
        return Err(AppError::invalid(
            "data_dir",
            "Aspen Desk is open on this data folder: close it first, or restore from its Backups screen.",
        ));
    }
    let now = Utc::now();
    let staged = backup::stage_restore(data_dir, backup_file, now, progress).await?;
    staged.swap_in()
}

/// The window's restore: checks the backup while the store stays open (a
/// refused file changes nothing and the app goes on), then closes the store
/// and swaps the folder. The caller opens a new store (or restarts) after.
pub async fn restore_closing_store(
    store: &Store,
    backup_file: &Path,
    progress: Progress,
) -> AppResult<RestoreReport> {
    let now = Utc::now();
    let staged = backup::stage_restore(store.data_dir(), backup_file, now, progress).await?;
    store.clone().close().await;
    staged.swap_in()
}

/// The automatic backup settings as the librarian sets them.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupSettingsInput {
    /// The folder for automatic backups; none turns them off.
    pub folder: Option<String>,
    pub keep: u32,
}

pub async fn set_backup_settings(
    store: &Store,
    input: &BackupSettingsInput,
) -> AppResult<BackupStatus> {
    let keep = rules::parse_keep(input.keep)?;
    let folder = match input
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(folder) => {
            let path = PathBuf::from(folder);
            if !path.is_dir() {
                return Err(AppError::invalid(
                    "folder",
                    format!("There is no folder {folder}."),
                ));
            }
            check_destination(&path.join("backup.zip"), store.data_dir()).map_err(|e| match e {
                AppError::Invalid(mut fields) => {
                    fields.iter_mut().for_each(|f| f.field = "folder".into());
                    AppError::Invalid(fields)
                }
                other => other,
            })?;
            Some(folder.to_string())
        }
        None => None,
    };
    backup::save_auto_settings(store, folder.as_deref(), keep).await?;
    backup_status(store, Utc::now()).await
}

async fn last_backup_at(store: &Store) -> AppResult<Option<DateTime<Utc>>> {
    Ok(store::setting(&store.pool, LAST_BACKUP_KEY)
        .await?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

async fn keep_setting(store: &Store) -> AppResult<u32> {
    Ok(store::setting(&store.pool, KEEP_KEY)
        .await?
        .and_then(|k| k.parse().ok())
        .unwrap_or(rules::DEFAULT_KEEP))
}

/// The dashboard's backup line and the settings panel's values.
pub async fn backup_status(store: &Store, now: DateTime<Utc>) -> AppResult<BackupStatus> {
    Ok(rules::backup_status(
        last_backup_at(store).await?,
        now,
        store::setting(&store.pool, AUTO_FOLDER_KEY).await?,
        keep_setting(store).await?,
    ))
}

/// On launch: when a folder is chosen and no backup was made in the last
/// day, writes one there and deletes the oldest automatic backups beyond
/// the number to keep. Files the app did not name are never deleted.
pub async fn auto_backup_if_due(
    store: &Store,
    now: DateTime<Utc>,
) -> AppResult<Option<BackupReport>> {
    let Some(folder) = store::setting(&store.pool, AUTO_FOLDER_KEY).await? else {
        return Ok(None);
    };
    if !rules::is_backup_due(last_backup_at(store).await?, now) {
        return Ok(None);
    }
    let folder = PathBuf::from(folder);
    let destination = folder.join(rules::auto_backup_name(now));
    let report = backup::create_backup(store, &destination, now, no_progress()).await?;
    record_backup_time(store, now).await?;
    let names: Vec<String> = std::fs::read_dir(&folder)
        .map_err(|e| AppError::io("cannot list the backup folder", e))?
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    for name in rules::backups_to_prune(&names, keep_setting(store).await?) {
        std::fs::remove_file(folder.join(&name))
            .map_err(|e| AppError::io(&format!("cannot delete the old backup {name}"), e))?;
    }
    Ok(Some(report))
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportReport {
    pub path: String,
    #[ts(type = "number")]
    pub tables: u64,
    #[ts(type = "number")]
    pub rows: u64,
}

/// Every record of every table, with ids, as one JSON file.
pub async fn export_json(store: &Store, destination: &Path) -> AppResult<ExportReport> {
    check_destination(destination, store.data_dir())?;
    let export = transfer::export_all(store).await?;
    write_bytes_atomic(destination, store.data_dir(), &json::render(&export))?;
    Ok(ExportReport {
        path: destination.display().to_string(),
        tables: export.tables.len() as u64,
        rows: export.row_count() as u64,
    })
}

/// What an import brought in.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DataImportReport {
    #[ts(type = "number")]
    pub rows: u64,
    /// Files the records name whose bytes are not in this data folder (an
    /// export carries hashes, not bytes): restore a backup for those.
    pub missing_files: Vec<String>,
}

/// Loads a JSON export into an empty data folder (refused otherwise), all
/// in one transaction.
pub async fn import_json(store: &Store, bytes: &[u8]) -> AppResult<DataImportReport> {
    let export = json::parse(bytes)?;
    let ours = store::known_schema_version();
    json::expect_header(
        "schema_version",
        export.schema_version == ours,
        format!(
            "This export has schema {} and this Aspen Desk has schema {ours}: import it with the version that made it, or restore a backup instead.",
            export.schema_version
        ),
    )?;
    if !transfer::is_fresh(store).await? {
        return Err(AppError::invalid(
            "data_dir",
            format!(
                "The data folder {} already holds records: import only into an empty data folder (for example with --data-dir NEW_FOLDER).",
                store.data_dir().display()
            ),
        ));
    }
    transfer::import_all(store, &export).await?;
    let mut missing_files = Vec::new();
    if let Some(files) = export.tables.get("files") {
        if let Some(column) = files.columns.iter().position(|c| c == "sha256") {
            for row in &files.rows {
                if let Some(sha256) = row.get(column).and_then(|v| v.as_str()) {
                    if !store.files.path_of(sha256).is_file() {
                        missing_files.push(sha256.to_string());
                    }
                }
            }
        }
    }
    Ok(DataImportReport {
        rows: export.row_count() as u64,
        missing_files,
    })
}
