//! The desktop window: Tauri setup, state, and navigation rules.

use crate::commands::ipc;
use crate::error::{AppError, AppResult};
use crate::picked::PickedFiles;
use crate::single_instance::{self, Claim};
use crate::store::Store;
use std::path::PathBuf;
use tauri::{Emitter, Manager, WebviewUrl, WebviewWindowBuilder};

/// Pages of the app itself, by exact origin: `tauri://localhost` (Linux,
/// macOS) and `http://tauri.localhost` (Windows). Anything else (another
/// port on localhost, `file:`, `data:`, an odd scheme) never loads in the
/// window; http(s) links go to the system browser instead.
fn is_app_url(url: &tauri::Url) -> bool {
    matches!(
        (url.scheme(), url.host_str(), url.port()),
        ("tauri", Some("localhost"), None) | ("http", Some("tauri.localhost"), None)
    ) && url.username().is_empty()
        && url.password().is_none()
}

/// Shows why the window cannot open (e.g. a data folder from a newer Aspen
/// Desk) in a dialog rather than only on stderr; closing it ends the app.
fn show_startup_error(app: &tauri::AppHandle, message: &str) {
    use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
    let handle = app.clone();
    app.dialog()
        .message(message)
        .title("Aspen Desk cannot open this data folder")
        .kind(MessageDialogKind::Error)
        .show(move |_| handle.exit(0));
}

/// Files dropped on the window reach the page as tokens (event
/// `files-dropped`), like files chosen in a dialog: never as paths.
fn announce_dropped_files(app: &tauri::AppHandle, paths: &[PathBuf]) {
    let files = app.state::<PickedFiles>().remember_dropped(paths);
    if !files.is_empty() {
        let _ = app.emit("files-dropped", files);
    }
}

fn bring_to_front(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// On launch, at most once a day, a backup into the folder the librarian
/// chose (nothing when none is chosen).
fn backup_if_due(app: tauri::AppHandle) {
    let store = app.state::<Store>().inner().clone();
    tauri::async_runtime::spawn(async move {
        let now = chrono::Utc::now();
        if let Err(e) = crate::commands::backup::auto_backup_if_due(&store, now).await {
            eprintln!("automatic backup: {e}");
        }
    });
}

/// Housekeeping of the data folder: blobs left by failed writes and folders
/// left by restores that stopped while unpacking are removed once they are
/// an hour old (a command line run beside the app may be about to commit a
/// reference, or be unpacking), and the directory's search index is merged.
fn tidy_store(app: tauri::AppHandle) {
    const GRACE: std::time::Duration = std::time::Duration::from_secs(3600);
    let store = app.state::<Store>().inner().clone();
    tauri::async_runtime::spawn(async move {
        let _ = store.sweep_files(GRACE).await;
        let data_dir = store.data_dir().to_path_buf();
        let _ = tokio::task::spawn_blocking(move || {
            crate::store::backup::sweep_restore_staging(&data_dir, GRACE)
        })
        .await;
        let _ = crate::store::directory::merge_search_index(&store).await;
    });
}

/// On launch, a desktop notification for each certification reminder that is
/// due (90, 60, 30 and 7 days before the due date or the certificate's expiry).
fn notify_reminders(app: tauri::AppHandle) {
    use tauri_plugin_notification::NotificationExt;
    let store = app.state::<Store>().inner().clone();
    tauri::async_runtime::spawn(async move {
        let Ok(dashboard) = crate::commands::ledger::dashboard(&store).await else {
            return;
        };
        for reminder in dashboard.reminders {
            // No notification service (e.g. a bare X session) is not an error.
            let _ = app
                .notification()
                .builder()
                .title("Aspen Desk")
                .body(reminder.message)
                .show();
        }
    });
}

/// How long after launch the reminders, the file-store sweep and the daily
/// backup start.
const LAUNCH_CHORES_AFTER: std::time::Duration = std::time::Duration::from_secs(3);

/// The main window: links to the web open in the browser, dropped files
/// reach the page as tokens.
fn main_window(app: &mut tauri::App) -> tauri::Result<tauri::WebviewWindow> {
    let handle = app.handle().clone();
    let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
        .title("Aspen Desk")
        .inner_size(1240.0, 820.0)
        .min_inner_size(760.0, 520.0)
        .on_navigation(move |url| {
            if is_app_url(url) {
                return true;
            }
            if matches!(url.scheme(), "http" | "https") {
                let _ = ipc::open_url(&handle, url.as_str());
            }
            false
        })
        .build()?;
    let handle = app.handle().clone();
    window.on_window_event(move |event| {
        if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
            announce_dropped_files(&handle, paths);
        }
    });
    Ok(window)
}

pub fn run(data_dir: PathBuf) -> AppResult<()> {
    let owner = match single_instance::claim(&data_dir) {
        // The copy already open on this folder was brought to the front.
        Claim::AlreadyRunning => return Ok(()),
        Claim::First(owner) => Some(owner),
        Claim::Unsupported => None,
    };
    let socket = owner
        .as_ref()
        .map(|_| single_instance::socket_path(&data_dir));
    // The database opens (and upgrades) on its own thread while GTK, the
    // plugins and the event loop start; `setup` waits for it.
    let opening = {
        let data_dir = data_dir.clone();
        std::thread::spawn(move || tauri::async_runtime::block_on(Store::open(&data_dir)))
    };
    let failed = std::sync::Arc::new(std::sync::Mutex::new(None::<AppError>));
    let failed_in_setup = failed.clone();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .manage(PickedFiles::from_env())
        .manage(crate::commands::import::ImportSessions::default())
        .invoke_handler(ipc::handler())
        .setup(move |app| {
            let opened = opening.join().unwrap_or_else(|_| {
                Err(AppError::Io(
                    "opening the database stopped unexpectedly".into(),
                ))
            });
            let store = match opened {
                Ok(store) => store,
                Err(err) => {
                    show_startup_error(app.handle(), &err.to_string());
                    if let Ok(mut slot) = failed_in_setup.lock() {
                        *slot = Some(err);
                    }
                    return Ok(());
                }
            };
            app.manage(store);
            main_window(app)?;
            if let Some(owner) = owner {
                let handle = app.handle().clone();
                owner.wait_for_focus(move || bring_to_front(&handle));
            }
            // The launch chores wait until the first screen has had its
            // answers: they read the whole ledger and may copy the database.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(LAUNCH_CHORES_AFTER).await;
                notify_reminders(handle.clone());
                tidy_store(handle.clone());
                backup_if_due(handle);
            });
            Ok(())
        })
        .build(tauri::generate_context!())
        .map_err(|e| AppError::Io(format!("cannot start the window: {e}")))?
        .run_return(move |app, event| {
            if let tauri::RunEvent::Exit = event {
                if let Some(socket) = &socket {
                    let _ = std::fs::remove_file(socket);
                }
                if let Some(store) = app.try_state::<Store>() {
                    tauri::async_runtime::block_on(store.inner().clone().close());
                }
            }
        });
    match failed.lock().ok().and_then(|mut slot| slot.take()) {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::is_app_url;

    fn app(url: &str) -> bool {
        is_app_url(&tauri::Url::parse(url).expect("url"))
    }

    #[test]
    fn only_the_apps_own_origins_load_in_the_window() {
        assert!(app("tauri://localhost/index.html"));
        assert!(app("tauri://localhost/#/events/3"));
        assert!(app("http://tauri.localhost/index.html"));
        for outside in [
            "http://localhost:8080/",
            "http://localhost/",
            "https://tauri.localhost/",
            "http://tauri.localhost:1420/",
            "tauri://localhost.evil.example/",
            "tauri://user@localhost/",
            "file:///etc/passwd",
            "data:text/html,hi",
            "asset://localhost/etc/passwd",
            "https://msl.mt.gov/",
        ] {
            assert!(!app(outside), "{outside} must not load in the window");
        }
    }
}
