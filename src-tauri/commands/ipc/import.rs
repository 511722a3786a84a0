//! IPC for imports: pasted text or a chosen file is kept as a session, then
//! previewed and saved (with progress and cancel).

use super::opened;
use crate::commands::import::{
    ImportOptions, ImportProgress, ImportReport, ImportSessions, ImportSource,
};
use crate::error::AppResult;
use crate::picked::PickedFiles;
use tauri::State;

/// Pasted text (an ASPeN page, a calendar, a CSV) waiting for its preview.
#[tauri::command]
pub fn import_paste(sessions: State<'_, ImportSessions>, text: String) -> AppResult<ImportSource> {
    sessions.add(None, text.into_bytes())
}

/// A file chosen in the app's open dialog or dropped on the window (its
/// single-use token), read and kept for its preview.
#[tauri::command]
pub fn import_open(
    picked: State<'_, PickedFiles>,
    sessions: State<'_, ImportSessions>,
    file: String,
) -> AppResult<ImportSource> {
    sessions.add_file(&opened(&picked, &file)?)
}

thin_commands! {
    import_preview(
        store,
        sessions: State<'_, ImportSessions>,
        session: u64,
        options: ImportOptions,
    ) -> ImportReport {
        sessions.preview(&store, session, &options).await
    }
    /// Saves in one transaction, sending progress on `on_progress`.
    import_save(
        store,
        sessions: State<'_, ImportSessions>,
        session: u64,
        options: ImportOptions,
        on_progress: tauri::ipc::Channel<ImportProgress>,
    ) -> ImportReport {
        let progress = move |p: ImportProgress| {
            let _ = on_progress.send(p);
        };
        sessions.save(&store, session, &options, progress).await
    }
}

/// Stops a running save; it rolls back, leaving nothing.
#[tauri::command]
pub fn import_cancel(sessions: State<'_, ImportSessions>, session: u64) -> AppResult<()> {
    sessions.cancel(session)
}
