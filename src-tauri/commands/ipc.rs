//! The desktop adapter: one `#[tauri::command]` per operation, each a thin
//! call into `commands`, in one child module per area (`ipc/events.rs`,
//! `ipc/directory.rs`, `ipc/ledger.rs`, `ipc/plans.rs`, `ipc/documents.rs`,
//! `ipc/backup.rs`, `ipc/import.rs`). `with_ipc_commands!` below is the one
//! list of them: the handler (`handler`), the ACL (`build.rs` reads the list)
//! and the UI's `ui/src/lib/commands.ts` (generated) all come from it.

use super::AppInfo;
use crate::error::{AppError, AppResult};
use crate::picked::{FileKind, PickedFile, PickedFiles, Purpose};
use crate::store::Store;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// Defines the commands that take the store, one entry each:
/// `name(store, arg: Type, ...) -> Output { body }` becomes
/// `#[tauri::command] pub async fn name(store: State<'_, Store>, arg: Type, ...)
/// -> AppResult<Output>`, so the handler, the argument names and the bindings
/// are as if written out; only the repeated signature is spared. Other state
/// (`picked: State<'_, PickedFiles>`, `app: AppHandle`) is an argument like any
/// other. The store's name is written at each entry so the body can use it
/// (macro hygiene). `tests/it/tidy.rs` reads the entries too.
macro_rules! thin_commands {
    ($(
        $(#[$meta:meta])*
        $name:ident($store:ident $(, $arg:ident: $ty:ty)* $(,)?) -> $out:ty $body:block
    )*) => {
        $(
            $(#[$meta])*
            #[tauri::command]
            pub async fn $name(
                $store: tauri::State<'_, crate::store::Store>
                $(, $arg: $ty)*
            ) -> crate::error::AppResult<$out> $body
        )*
    };
}

mod backup;
mod directory;
mod documents;
mod events;
mod import;
mod ledger;
mod plans;
pub use backup::*;
pub use directory::*;
pub use documents::*;
pub use events::*;
pub use import::*;
pub use ledger::*;
pub use plans::*;

/// The one list of IPC commands, in the order the UI groups them. Adding a
/// command: write its `thin_commands!` entry (or its `#[tauri::command]` fn)
/// in its area's module and add its name here. `build.rs` reads the names
/// between the braces for the ACL.
macro_rules! with_ipc_commands {
    ($then:ident) => {
        $then! {
            app_info
            pick_lists
            catalog_options
            events_search
            event_get
            event_create
            event_update
            event_delete
            event_duplicate
            event_history
            resource_add
            resource_remove
            resource_open
            resource_save_copy
            demo_data_load
            open_external
            directory_search
            org_get
            org_create
            org_update
            person_get
            person_create
            person_update
            person_delete
            position_get
            position_create
            position_update
            record_history
            tracks_list
            current_person_get
            current_person_set
            credit_add
            credit_update
            credit_set_status
            credits_list
            event_attend
            credit_attach_evidence
            enrollments_list
            enroll
            enrollment_set_status
            progress_get
            progress_entries
            dashboard_get
            person_goals
            plan_create
            plan_update
            plan_new_version
            plan_get
            plan_latest
            plan_set_status
            plan_upload
            plan_document_data
            plan_export_pdf
            activity_add
            plan_document_save_copy
            pick_open_file
            pick_save_file
            backup_status
            backup_pick_destination
            backup_pick_source
            backup_create
            backup_restore
            app_restart
            backup_folder_choose
            backup_settings_set
            import_paste
            import_open
            import_preview
            import_save
            import_cancel
            transcript_get
            transcript_pdf_data
            transcript_save
            certificate_pdf_data
            certificate_save
            packet_save
            calendar_save
            certificate_record
        }
    };
}

macro_rules! command_names {
    ($($name:ident)*) => {
        /// Every IPC command's name, as the UI invokes it.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}
with_ipc_commands!(command_names);

/// The invoke handler for every command in the list.
pub fn handler() -> impl Fn(tauri::ipc::Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    macro_rules! generate {
        ($($name:ident)*) => {
            tauri::generate_handler![$($name),*]
        };
    }
    with_ipc_commands!(generate)
}

thin_commands! {
    app_info(store) -> AppInfo { super::app_info(&store).await }
}

/// The redeemed path of a file the librarian chose or dropped (`file`).
fn opened(picked: &PickedFiles, token: &str) -> AppResult<std::path::PathBuf> {
    picked.redeem(token, Purpose::Open, "file")
}

/// The destination behind a save-dialog token, once.
fn destination(picked: &PickedFiles, token: &str) -> AppResult<std::path::PathBuf> {
    picked.redeem(token, Purpose::Save, "destination")
}

/// Shows the open dialog; the window gets a single-use token, never a path.
#[tauri::command]
pub async fn pick_open_file(
    app: AppHandle,
    picked: State<'_, PickedFiles>,
    kind: FileKind,
) -> AppResult<Option<PickedFile>> {
    crate::picked::pick_open(&app, &picked, kind).await
}

/// Shows the save dialog with a suggested name; returns a token for the
/// chosen destination.
#[tauri::command]
pub async fn pick_save_file(
    app: AppHandle,
    picked: State<'_, PickedFiles>,
    suggested_name: String,
) -> AppResult<Option<PickedFile>> {
    crate::picked::pick_save(&app, &picked, &suggested_name).await
}

/// Opens a web link in the system browser, never inside the app.
#[tauri::command]
pub fn open_external(app: AppHandle, url: String) -> AppResult<()> {
    open_url(&app, &url)
}

pub fn open_url(app: &AppHandle, url: &str) -> AppResult<()> {
    let checked = crate::domain::field::web_url(url).map_err(|m| AppError::invalid("url", m))?;
    app.opener()
        .open_url(checked, None::<&str>)
        .map_err(|e| AppError::Io(format!("cannot open the browser: {e}")))
}

/// Starts the app again (after a restore). The socket of this window is
/// removed first so that the new copy takes the folder instead of handing
/// it back to this one.
#[tauri::command]
pub fn app_restart(app: AppHandle, store: State<'_, Store>) {
    let _ = std::fs::remove_file(crate::single_instance::socket_path(store.data_dir()));
    app.restart();
}
