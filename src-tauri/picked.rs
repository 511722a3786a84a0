//! Files the librarian chose: the window never names a path.
//!
//! Open and save dialogs are shown from Rust, and files dropped on the
//! window are taken from the native drop event. Each chosen path is kept
//! here, and the window gets only an opaque, single-use token for it, which
//! the commands redeem. Script in the page (a bug, a hostile imported page)
//! therefore cannot read or overwrite a file the librarian did not choose.
//! The command line keeps taking paths: there the user types them.
//!
//! End-to-end tests cannot drive native dialogs, so `ASPEN_DESK_TEST_DIALOG`
//! (set by whoever launches the process, never by the page) may name a file
//! holding one answer per line, given to the dialogs in order.

use crate::error::{AppError, AppResult};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;

pub const TEST_DIALOG_ENV: &str = "ASPEN_DESK_TEST_DIALOG";

/// What a chosen file is for: read from, or written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Open,
    Save,
}

/// What the window learns of a chosen file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PickedFile {
    /// Redeemed once by the command that reads or writes the file.
    pub token: String,
    /// The file's name, for display ("Plan 2026.pdf").
    pub name: String,
    #[ts(type = "number | null")]
    pub size: Option<u64>,
}

/// The kinds of file the open dialog offers, with their filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Any file (event resources, evidence).
    Any,
    /// A plan document: PDF, DOCX or ODT.
    Plan,
    /// An ASPeN page, a calendar or a CSV list.
    Import,
    /// An Aspen Desk backup or JSON export.
    Backup,
}

impl FileKind {
    pub fn filter(self) -> Option<(&'static str, &'static [&'static str])> {
        match self {
            FileKind::Any => None,
            FileKind::Plan => Some(("Plan documents", &["pdf", "docx", "odt"])),
            FileKind::Import => Some((
                "Pages, calendars, lists",
                &["txt", "html", "htm", "ics", "csv", "json"],
            )),
            FileKind::Backup => Some(("Aspen Desk backups", &["zip", "aspenbackup", "json"])),
        }
    }
}

#[derive(Default)]
pub struct PickedFiles {
    chosen: Mutex<HashMap<String, (PathBuf, Purpose)>>,
    test_answers: Mutex<VecDeque<Option<PathBuf>>>,
}

impl PickedFiles {
    /// The registry, with the test dialog's answers when the environment
    /// names a file of them (one path per line; an empty line is "Cancel").
    pub fn from_env() -> PickedFiles {
        let picked = PickedFiles::default();
        if let Some(list) = std::env::var_os(TEST_DIALOG_ENV) {
            if let Ok(text) = std::fs::read_to_string(list) {
                let answers = text
                    .lines()
                    .map(|l| (!l.trim().is_empty()).then(|| PathBuf::from(l.trim())))
                    .collect();
                if let Ok(mut queue) = picked.test_answers.lock() {
                    *queue = answers;
                }
            }
        }
        picked
    }

    /// The next scripted answer, when dialogs are scripted for a test.
    pub fn scripted_answer(&self) -> Option<Option<PathBuf>> {
        self.test_answers.lock().ok()?.pop_front()
    }

    /// Keeps a path the user chose and hands out its token.
    pub fn remember(&self, path: PathBuf, purpose: Purpose) -> AppResult<PickedFile> {
        let token = new_token()?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let size = match purpose {
            Purpose::Open => std::fs::metadata(&path).ok().map(|m| m.len()),
            Purpose::Save => None,
        };
        self.lock()?.insert(token.clone(), (path, purpose));
        Ok(PickedFile { token, name, size })
    }

    /// Tokens for files dropped on the window (what the `files-dropped`
    /// event carries), in the order dropped.
    pub fn remember_dropped(&self, paths: &[PathBuf]) -> Vec<PickedFile> {
        paths
            .iter()
            .filter_map(|p| self.remember(p.clone(), Purpose::Open).ok())
            .collect()
    }

    /// The path behind a token, once. `field` names the input in messages.
    pub fn redeem(&self, token: &str, purpose: Purpose, field: &str) -> AppResult<PathBuf> {
        let mut chosen = self.lock()?;
        match chosen.get(token) {
            Some((_, p)) if *p != purpose => Err(AppError::invalid(
                field,
                "That file was chosen for another use: choose it again.",
            )),
            Some(_) => Ok(chosen
                .remove(token)
                .map(|(path, _)| path)
                .unwrap_or_default()),
            None => Err(AppError::invalid(
                field,
                "Choose the file again (a choice can be used only once).",
            )),
        }
    }

    fn lock(&self) -> AppResult<std::sync::MutexGuard<'_, HashMap<String, (PathBuf, Purpose)>>> {
        self.chosen
            .lock()
            .map_err(|_| AppError::Io("the list of chosen files is unavailable".into()))
    }
}

/// 128 random bits, hex: not guessable by the page.
fn new_token() -> AppResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Io(format!("no random numbers for a file token: {e}")))?;
    Ok(hex::encode(bytes))
}

/// A name for a save dialog: only the last part of what the page suggests.
pub fn suggested_name(suggestion: &str) -> String {
    Path::new(suggestion)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Aspen Desk file".into())
}

/// Shows the open dialog from Rust (or takes the scripted test answer) and
/// hands the window a token for the chosen file; `None` when cancelled.
pub async fn pick_open<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    picked: &PickedFiles,
    kind: FileKind,
) -> AppResult<Option<PickedFile>> {
    let path = match picked.scripted_answer() {
        Some(answer) => answer,
        None => {
            use tauri_plugin_dialog::DialogExt;
            let mut dialog = app.dialog().file();
            if let Some((name, extensions)) = kind.filter() {
                dialog = dialog.add_filter(name, extensions);
            }
            dialog_answer(|answer| dialog.pick_file(answer)).await
        }
    };
    path.map(|p| picked.remember(p, Purpose::Open)).transpose()
}

/// Shows the save dialog from Rust, proposing `suggestion` as the name.
pub async fn pick_save<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    picked: &PickedFiles,
    suggestion: &str,
) -> AppResult<Option<PickedFile>> {
    let path = match picked.scripted_answer() {
        Some(answer) => answer,
        None => {
            use tauri_plugin_dialog::DialogExt;
            let dialog = app
                .dialog()
                .file()
                .set_file_name(suggested_name(suggestion));
            dialog_answer(|answer| dialog.save_file(answer)).await
        }
    };
    path.map(|p| picked.remember(p, Purpose::Save)).transpose()
}

/// Shows the folder dialog from Rust (or takes the scripted test answer).
/// The folder stays on the Rust side (e.g. the automatic backup folder).
pub async fn pick_folder<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    picked: &PickedFiles,
) -> Option<PathBuf> {
    if let Some(answer) = picked.scripted_answer() {
        return answer;
    }
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file();
    dialog_answer(|answer| dialog.pick_folder(answer)).await
}

/// The path a native dialog answers with (`None` when cancelled). The dialog
/// calls back on its own thread; `show` opens it with that callback.
async fn dialog_answer(show: impl FnOnce(DialogCallback)) -> Option<PathBuf> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    show(Box::new(move |chosen| {
        let _ = tx.send(chosen.and_then(|p| p.into_path().ok()));
    }));
    rx.await.unwrap_or(None)
}

type DialogCallback = Box<dyn FnOnce(Option<tauri_plugin_dialog::FilePath>) + Send>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_redeemed_once_and_for_its_purpose_only() {
        let picked = PickedFiles::default();
        let open = picked
            .remember(PathBuf::from("/srv/ann/Plan 2026.pdf"), Purpose::Open)
            .unwrap();
        assert_eq!(open.name, "Plan 2026.pdf");
        assert_eq!(open.token.len(), 32);
        let err = picked
            .redeem(&open.token, Purpose::Save, "destination")
            .unwrap_err();
        assert!(err.to_string().contains("another use"), "{err}");
        assert_eq!(
            picked.redeem(&open.token, Purpose::Open, "file").unwrap(),
            PathBuf::from("/srv/ann/Plan 2026.pdf")
        );
        let again = picked
            .redeem(&open.token, Purpose::Open, "file")
            .unwrap_err();
        assert!(
            again.to_string().starts_with("file: Choose the file again"),
            "{again}"
        );
    }

    #[test]
    fn a_path_is_not_a_token() {
        let picked = PickedFiles::default();
        picked
            .remember(PathBuf::from("/srv/a"), Purpose::Open)
            .unwrap();
        for forged in [
            "../.ssh/id_ed25519",
            "",
            "../../etc/passwd",
            "00000000000000000000000000000000",
        ] {
            assert!(
                picked.redeem(forged, Purpose::Open, "file").is_err(),
                "{forged}"
            );
        }
    }

    #[test]
    fn tokens_differ() {
        let picked = PickedFiles::default();
        let a = picked.remember(PathBuf::from("/x"), Purpose::Save).unwrap();
        let b = picked.remember(PathBuf::from("/x"), Purpose::Save).unwrap();
        assert_ne!(a.token, b.token);
    }

    #[test]
    fn a_suggested_name_cannot_carry_a_folder() {
        assert_eq!(suggested_name("../../.bashrc"), ".bashrc");
        assert_eq!(suggested_name("/etc/passwd"), "passwd");
        assert_eq!(
            suggested_name("Transcript – Zoë.pdf"),
            "Transcript – Zoë.pdf"
        );
        assert_eq!(suggested_name(""), "Aspen Desk file");
    }
}
