//! IPC for backups and restore. Files come from dialogs shown by Rust; the
//! window passes tokens.

use super::{destination, opened};
use crate::commands::backup as bk;
use crate::domain::backup::BackupStatus;
use crate::error::AppResult;
use crate::picked::{self, PickedFile, PickedFiles};
use crate::store::backup::{BackupReport, RestoreReport};
use tauri::{AppHandle, State};

thin_commands! {
    /// The backup line and the automatic backup settings.
    backup_status(store) -> BackupStatus { bk::backup_status(&store, chrono::Utc::now()).await }
    /// Changes how many automatic backups to keep, or turns them off.
    backup_settings_set(store, keep: u32, turn_off: bool) -> BackupStatus {
        let current = bk::backup_status(&store, chrono::Utc::now()).await?;
        let input = bk::BackupSettingsInput {
            folder: current.auto_folder.filter(|_| !turn_off),
            keep,
        };
        bk::set_backup_settings(&store, &input).await
    }
    backup_create(store, app: AppHandle, picked: State<'_, PickedFiles>, token: String)
        -> BackupReport
    {
        let path = destination(&picked, &token)?;
        bk::backup_now(&store, &path, progress_events(app)).await
    }
    /// Checks the backup completely, then swaps it in; the window then restarts
    /// the app (`app_restart`), which opens the restored folder.
    backup_restore(store, app: AppHandle, picked: State<'_, PickedFiles>, token: String)
        -> RestoreReport
    {
        let source = opened(&picked, &token)?;
        bk::restore_closing_store(&store, &source, progress_events(app)).await
    }
    /// The folder dialog for automatic backups; saves the folder and how many
    /// backups to keep. `None` when cancelled.
    backup_folder_choose(store, app: AppHandle, picked: State<'_, PickedFiles>, keep: u32)
        -> Option<BackupStatus>
    {
        let Some(folder) = picked::pick_folder(&app, &picked).await else {
            return Ok(None);
        };
        let input = bk::BackupSettingsInput {
            folder: Some(folder.display().to_string()),
            keep,
        };
        bk::set_backup_settings(&store, &input).await.map(Some)
    }
}

/// The save dialog for a backup, proposing a dated name.
#[tauri::command]
pub async fn backup_pick_destination(
    app: AppHandle,
    picked: State<'_, PickedFiles>,
) -> AppResult<Option<PickedFile>> {
    let name = crate::domain::backup::auto_backup_name(chrono::Utc::now());
    picked::pick_save(&app, &picked, &name).await
}

/// The open dialog for a backup file to restore.
#[tauri::command]
pub async fn backup_pick_source(
    app: AppHandle,
    picked: State<'_, PickedFiles>,
) -> AppResult<Option<PickedFile>> {
    picked::pick_open(&app, &picked, picked::FileKind::Backup).await
}

/// Progress of a backup or restore, for the progress bar.
#[derive(Clone, serde::Serialize, ts_rs::TS)]
pub struct BackupProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

pub const BACKUP_PROGRESS_EVENT: &str = "backup-progress";

/// Sends progress to the window about once per percent.
fn progress_events(app: AppHandle) -> crate::store::backup::Progress {
    use tauri::Emitter;
    let mut last_percent = u64::MAX;
    Box::new(move |done, total| {
        let percent = done.saturating_mul(100) / total.max(1);
        if percent != last_percent {
            last_percent = percent;
            let _ = app.emit(BACKUP_PROGRESS_EVENT, BackupProgress { done, total });
        }
    })
}
