//! The command line's backup, restore, `export json` and `import` verbs: thin
//! calls into `commands::backup`, printing JSON reports.

use super::to_json;
use crate::commands::backup as bk;
use crate::error::{AppError, AppResult};
use crate::store::Store;
use std::path::Path;

pub async fn backup(store: &Store, out: &Path) -> AppResult<String> {
    to_json(&bk::backup_now(store, out, bk::no_progress()).await?)
}

/// Runs with no store open: the data folder is swapped whole.
pub async fn restore(data_dir: &Path, file: &Path) -> AppResult<String> {
    to_json(&bk::restore_backup(data_dir, file, bk::no_progress()).await?)
}

/// `export json --out F`.
pub async fn export_json(store: &Store, out: &Path) -> AppResult<String> {
    to_json(&bk::export_json(store, out).await?)
}

/// `import FILE`: an Aspen Desk JSON export goes into an empty data folder.
/// Whether a file starts like an Aspen Desk JSON export (its first 256 bytes).
pub fn is_data_export_file(file: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(256);
    std::fs::File::open(file)
        .and_then(|f| f.take(256).read_to_end(&mut head))
        .is_ok_and(|_| crate::export::json::is_data_export(&head))
}

pub async fn import(store: &Store, file: &Path) -> AppResult<String> {
    let bytes = std::fs::read(file)
        .map_err(|e| AppError::invalid("file", format!("cannot read {}: {e}", file.display())))?;
    if crate::export::json::is_data_export(&bytes) {
        return to_json(&bk::import_json(store, &bytes).await?);
    }
    Err(AppError::invalid(
        "file",
        format!("{} is not an Aspen Desk JSON export.", file.display()),
    ))
}
