//! The desktop window: Tauri setup, state, and navigation rules.

use crate::commands::ipc;
use crate::store::Store;
use std::path::PathBuf;
use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};

/// Pages of the app itself; anything else is opened in the system browser.
fn is_app_url(url: &tauri::Url) -> bool {
    matches!(url.scheme(), "tauri" | "asset")
        || matches!(
            url.host_str(),
            Some("tauri.localhost") | Some("localhost") | Some("ipc.localhost")
        )
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

pub fn run(data_dir: PathBuf) -> Result<(), String> {
    let store =
        tauri::async_runtime::block_on(Store::open(&data_dir)).map_err(|e| e.to_string())?;
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .manage(store)
        .invoke_handler(tauri::generate_handler![
            ipc::app_info,
            ipc::catalog_options,
            ipc::events_search,
            ipc::event_get,
            ipc::event_create,
            ipc::event_update,
            ipc::event_delete,
            ipc::event_duplicate,
            ipc::event_history,
            ipc::resource_add,
            ipc::resource_remove,
            ipc::resource_open,
            ipc::resource_save_copy,
            ipc::demo_data_load,
            ipc::open_external,
            ipc::directory_options,
            ipc::directory_search,
            ipc::org_get,
            ipc::org_create,
            ipc::org_update,
            ipc::person_get,
            ipc::person_create,
            ipc::person_update,
            ipc::person_delete,
            ipc::position_get,
            ipc::position_create,
            ipc::position_update,
            ipc::record_history,
            ipc::ledger_options,
            ipc::current_person_get,
            ipc::current_person_set,
            ipc::credit_add,
            ipc::credit_update,
            ipc::credit_set_status,
            ipc::credits_list,
            ipc::event_attend,
            ipc::credit_attach_evidence,
            ipc::enrollments_list,
            ipc::enroll,
            ipc::enrollment_set_status,
            ipc::progress_get,
            ipc::dashboard_get,
            ipc::person_goals,
            ipc::plan_create,
            ipc::plan_update,
            ipc::plan_new_version,
            ipc::plan_get,
            ipc::plan_latest,
            ipc::plan_set_status,
            ipc::plan_upload,
            ipc::plan_document_data,
            ipc::plan_export_pdf,
            ipc::activity_add,
            ipc::plan_document_save_copy,
        ])
        .setup(|app| {
            let handle = app.handle().clone();
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
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
            notify_reminders(app.handle().clone());
            Ok(())
        })
        .build(tauri::generate_context!())
        .map_err(|e| format!("cannot start the window: {e}"))?
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                let store = app.state::<Store>().inner().clone();
                tauri::async_runtime::block_on(store.close());
            }
        });
    Ok(())
}
