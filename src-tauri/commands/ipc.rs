//! The desktop adapter: one `#[tauri::command]` per operation, each a thin
//! call into `commands`. `with_ipc_commands!` below is the one list of them:
//! the handler (`handler`), the ACL (`build.rs` reads the list) and the UI's
//! `ui/src/lib/commands.ts` (generated) all come from it.

use super::backup as bk;
use super::{AppInfo, CatalogOptions};
use crate::commands::documents::{
    self as docs, CalendarRequest, TranscriptFormat, TranscriptRequest,
};
use crate::domain::backup::BackupStatus;
use crate::domain::event::resource::runs_as_program;
use crate::domain::event::{Event, EventInput};
use crate::domain::history::HistoryEntry;
use crate::domain::resource::{Resource, ResourceInput};
use crate::domain::search::{EventPage, EventSearch};
use crate::error::{AppError, AppResult};
use crate::export::packet::PacketManifest;
use crate::export::Transcript;
use crate::picked::{self, FileKind, PickedFile, PickedFiles, Purpose};
use crate::store::backup::{BackupReport, RestoreReport};
use crate::store::Store;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// The one list of IPC commands, in the order the UI groups them. Adding a
/// command: write its `#[tauri::command]` fn below and add its name here.
/// `build.rs` reads the names between the braces for the ACL.
macro_rules! with_ipc_commands {
    ($then:ident) => {
        $then! {
            app_info
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
            directory_options
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
            ledger_options
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

#[tauri::command]
pub async fn app_info(store: State<'_, Store>) -> AppResult<AppInfo> {
    super::app_info(&store).await
}

#[tauri::command]
pub fn catalog_options() -> CatalogOptions {
    super::catalog_options()
}

#[tauri::command]
pub async fn events_search(store: State<'_, Store>, search: EventSearch) -> AppResult<EventPage> {
    super::search_events(&store, &search).await
}

#[tauri::command]
pub async fn event_get(store: State<'_, Store>, id: i64) -> AppResult<Event> {
    super::get_event(&store, id).await
}

#[tauri::command]
pub async fn event_create(store: State<'_, Store>, input: EventInput) -> AppResult<Event> {
    refuse_paths(&input.resources)?;
    super::create_event(&store, &input).await
}

#[tauri::command]
pub async fn event_update(store: State<'_, Store>, id: i64, input: EventInput) -> AppResult<Event> {
    refuse_paths(&input.resources)?;
    super::update_event(&store, id, &input).await
}

#[tauri::command]
pub async fn event_delete(store: State<'_, Store>, id: i64) -> AppResult<()> {
    super::delete_event(&store, id).await.map(|_| ())
}

#[tauri::command]
pub async fn event_duplicate(store: State<'_, Store>, id: i64) -> AppResult<Event> {
    super::duplicate_event(&store, id).await
}

#[tauri::command]
pub async fn event_history(store: State<'_, Store>, id: i64) -> AppResult<Vec<HistoryEntry>> {
    super::event_history(&store, id).await
}

#[tauri::command]
pub async fn resource_add(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    event_id: i64,
    mut input: ResourceInput,
    file: Option<String>,
) -> AppResult<Resource> {
    refuse_paths(std::slice::from_ref(&input))?;
    if let Some(token) = file {
        let path = picked.redeem(&token, Purpose::Open, "file")?;
        input.path = Some(path.to_string_lossy().into_owned());
    }
    super::add_resource(&store, event_id, &input).await
}

/// The window never names a file: files come as tokens from `pick_open_file`
/// or a drop (see `picked`).
fn refuse_paths(resources: &[ResourceInput]) -> AppResult<()> {
    match resources.iter().position(|r| r.path.is_some()) {
        Some(i) => Err(AppError::invalid(
            format!("resources[{i}].path"),
            "Choose the file with the Attach button or drop it on the window.",
        )),
        None => Ok(()),
    }
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

#[tauri::command]
pub async fn resource_remove(store: State<'_, Store>, id: i64) -> AppResult<()> {
    super::remove_resource(&store, id).await.map(|_| ())
}

/// Opens a resource: a link in the system browser, a file in its default
/// app (a read-only copy). A program (`.exe`, `.sh`, `.desktop`, ...) opens
/// only once the librarian confirmed (`confirmed`); until then the refusal
/// names the field `confirm_program` so the window can ask.
#[tauri::command]
pub async fn resource_open(
    app: AppHandle,
    store: State<'_, Store>,
    id: i64,
    confirmed: Option<bool>,
) -> AppResult<()> {
    let mut conn = store.pool.acquire().await?;
    let resource = crate::store::resources::load(&mut conn, id).await?;
    drop(conn);
    match resource.url {
        Some(url) => open_url(&app, &url),
        None => {
            let name = resource.file_name.clone().unwrap_or_default();
            if runs_as_program(&name) && confirmed != Some(true) {
                return Err(AppError::invalid(
                    "confirm_program",
                    format!("\"{name}\" is a program: opening it runs it on this computer."),
                ));
            }
            let path = super::resource_open_path(&store, id).await?;
            app.opener()
                .open_path(path.to_string_lossy(), None::<&str>)
                .map_err(|e| AppError::Io(format!("cannot open the file: {e}")))
        }
    }
}

#[tauri::command]
pub async fn resource_save_copy(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    id: i64,
    destination: String,
) -> AppResult<()> {
    let destination = picked.redeem(&destination, Purpose::Save, "destination")?;
    super::save_resource_copy(&store, id, &destination).await
}

#[tauri::command]
pub async fn demo_data_load(store: State<'_, Store>) -> AppResult<usize> {
    super::load_sample_catalog(&store).await
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

// ---------- the library directory ----------

use super::directory as dir;
use super::directory::DirectoryOptions;
use crate::domain::directory::{
    DirectoryHit, DirectorySearch, Organization, OrganizationInput, Person, PersonInput, Position,
    PositionInput,
};

#[tauri::command]
pub fn directory_options() -> DirectoryOptions {
    dir::options()
}

#[tauri::command]
pub async fn directory_search(
    store: State<'_, Store>,
    search: DirectorySearch,
) -> AppResult<Vec<DirectoryHit>> {
    dir::search(&store, &search).await
}

#[tauri::command]
pub async fn org_get(store: State<'_, Store>, id: i64) -> AppResult<Organization> {
    dir::get_org(&store, id).await
}

#[tauri::command]
pub async fn org_create(
    store: State<'_, Store>,
    input: OrganizationInput,
) -> AppResult<Organization> {
    dir::create_org(&store, &input).await
}

#[tauri::command]
pub async fn org_update(
    store: State<'_, Store>,
    id: i64,
    input: OrganizationInput,
) -> AppResult<Organization> {
    dir::update_org(&store, id, &input).await
}

#[tauri::command]
pub async fn person_get(store: State<'_, Store>, id: i64) -> AppResult<Person> {
    dir::get_person(&store, id).await
}

#[tauri::command]
pub async fn person_create(store: State<'_, Store>, input: PersonInput) -> AppResult<Person> {
    dir::create_person(&store, &input).await
}

#[tauri::command]
pub async fn person_update(
    store: State<'_, Store>,
    id: i64,
    input: PersonInput,
) -> AppResult<Person> {
    dir::update_person(&store, id, &input).await
}

#[tauri::command]
pub async fn person_delete(store: State<'_, Store>, id: i64) -> AppResult<()> {
    dir::delete_person(&store, id).await
}

#[tauri::command]
pub async fn position_get(store: State<'_, Store>, id: i64) -> AppResult<Position> {
    dir::get_position(&store, id).await
}

#[tauri::command]
pub async fn position_create(store: State<'_, Store>, input: PositionInput) -> AppResult<Position> {
    dir::create_position(&store, &input).await
}

#[tauri::command]
pub async fn position_update(
    store: State<'_, Store>,
    id: i64,
    input: PositionInput,
) -> AppResult<Position> {
    dir::update_position(&store, id, &input).await
}

/// Page history of an organization, person or position.
#[tauri::command]
pub async fn record_history(
    store: State<'_, Store>,
    record_type: String,
    id: i64,
) -> AppResult<Vec<HistoryEntry>> {
    dir::history(&store, &record_type, id).await
}

// ---------- the ledger and certification ----------

use super::ledger as led;
use crate::domain::certification::Progress;
use crate::domain::ledger::{CreditEntry, CreditEntryInput};
use crate::store::certification::Enrollment;

#[tauri::command]
pub async fn ledger_options(store: State<'_, Store>) -> AppResult<led::LedgerOptions> {
    led::options(&store).await
}

#[tauri::command]
pub async fn current_person_get(store: State<'_, Store>) -> AppResult<Option<Person>> {
    led::current_person(&store).await
}

#[tauri::command]
pub async fn current_person_set(store: State<'_, Store>, person_id: i64) -> AppResult<Person> {
    led::set_current_person(&store, person_id).await
}

#[tauri::command]
pub async fn credit_add(
    store: State<'_, Store>,
    input: CreditEntryInput,
) -> AppResult<CreditEntry> {
    led::add_credit(&store, &input).await
}

#[tauri::command]
pub async fn credit_update(
    store: State<'_, Store>,
    id: i64,
    input: CreditEntryInput,
) -> AppResult<CreditEntry> {
    led::update_credit(&store, id, &input).await
}

#[tauri::command]
pub async fn credit_set_status(
    store: State<'_, Store>,
    id: i64,
    status: String,
    by: Option<String>,
) -> AppResult<CreditEntry> {
    led::set_credit_status(&store, id, &status, by.as_deref(), None).await
}

#[tauri::command]
pub async fn credits_list(
    store: State<'_, Store>,
    person_id: i64,
    filter: led::LedgerFilter,
) -> AppResult<led::Ledger> {
    led::list_credits(&store, person_id, &filter).await
}

#[tauri::command]
pub async fn event_attend(
    store: State<'_, Store>,
    person_id: i64,
    event_id: i64,
    plan_goal_id: Option<i64>,
) -> AppResult<Vec<CreditEntry>> {
    led::attend_event(&store, person_id, event_id, plan_goal_id).await
}

#[tauri::command]
pub async fn credit_attach_evidence(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    id: i64,
    file: String,
) -> AppResult<Vec<String>> {
    let path = picked.redeem(&file, Purpose::Open, "file")?;
    led::attach_evidence(&store, id, &path.to_string_lossy()).await
}

#[tauri::command]
pub async fn enrollments_list(
    store: State<'_, Store>,
    person_id: i64,
) -> AppResult<Vec<Enrollment>> {
    crate::store::certification::for_person(&store, person_id).await
}

#[tauri::command]
pub async fn enroll(
    store: State<'_, Store>,
    person_id: i64,
    track: String,
    start: Option<String>,
) -> AppResult<Enrollment> {
    led::enroll(&store, person_id, &track, start.as_deref()).await
}

#[tauri::command]
pub async fn enrollment_set_status(
    store: State<'_, Store>,
    id: i64,
    status: String,
    date: Option<String>,
    by: Option<String>,
) -> AppResult<Enrollment> {
    led::set_enrollment_status(&store, id, &status, date.as_deref(), by.as_deref()).await
}

#[tauri::command]
pub async fn progress_get(
    store: State<'_, Store>,
    person_id: i64,
    track: Option<String>,
    as_of: Option<String>,
) -> AppResult<Progress> {
    led::progress(&store, person_id, track.as_deref(), as_of.as_deref()).await
}

#[tauri::command]
pub async fn dashboard_get(store: State<'_, Store>) -> AppResult<led::Dashboard> {
    led::dashboard(&store).await
}

// ---------- the Strategic Track ----------

use super::plans as pl;
use crate::domain::plan::{Plan, PlanInput};

#[tauri::command]
pub async fn person_goals(
    store: State<'_, Store>,
    person_id: i64,
) -> AppResult<Vec<pl::PersonGoal>> {
    pl::person_goals(&store, person_id).await
}

#[tauri::command]
pub async fn plan_create(store: State<'_, Store>, input: PlanInput) -> AppResult<Plan> {
    pl::create(&store, &input).await
}

#[tauri::command]
pub async fn plan_update(store: State<'_, Store>, id: i64, input: PlanInput) -> AppResult<Plan> {
    pl::update_goals(&store, id, &input).await
}

#[tauri::command]
pub async fn plan_new_version(store: State<'_, Store>, id: i64) -> AppResult<Plan> {
    pl::new_version(&store, id).await
}

#[tauri::command]
pub async fn plan_get(store: State<'_, Store>, id: i64) -> AppResult<Plan> {
    pl::show(&store, id).await
}

#[tauri::command]
pub async fn plan_latest(store: State<'_, Store>, enrollment_id: i64) -> AppResult<Option<Plan>> {
    pl::latest(&store, enrollment_id).await
}

#[tauri::command]
pub async fn plan_set_status(
    store: State<'_, Store>,
    id: i64,
    status: String,
    date: Option<String>,
    by: Option<String>,
    request: Option<String>,
) -> AppResult<Plan> {
    pl::set_status(
        &store,
        id,
        &status,
        date.as_deref(),
        by.as_deref(),
        request.as_deref(),
    )
    .await
}

/// The path-taking upload the file dialog, drag and drop and tests all use.
#[tauri::command]
pub async fn plan_upload(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    id: i64,
    file: String,
) -> AppResult<Plan> {
    let path = picked.redeem(&file, Purpose::Open, "file")?;
    pl::upload(&store, id, &path.to_string_lossy()).await
}

/// A plan document's bytes, for the in-app PDF viewer (raw, not JSON).
#[tauri::command]
pub async fn plan_document_data(
    store: State<'_, Store>,
    id: i64,
) -> AppResult<tauri::ipc::Response> {
    let (bytes, _) = pl::document_bytes(&store, id).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// Writes the plan, as typed, to a PDF at `destination`.
#[tauri::command]
pub async fn plan_export_pdf(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    id: i64,
    destination: String,
) -> AppResult<()> {
    let destination = picked.redeem(&destination, Purpose::Save, "destination")?;
    pl::export_pdf(&store, id, &destination).await
}

#[tauri::command]
pub async fn activity_add(
    store: State<'_, Store>,
    input: pl::ActivityInput,
) -> AppResult<CreditEntry> {
    pl::add_activity(&store, &input).await
}

#[tauri::command]
pub async fn plan_document_save_copy(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    id: i64,
    destination: String,
) -> AppResult<()> {
    let destination = picked.redeem(&destination, Purpose::Save, "destination")?;
    pl::save_document_copy(&store, id, &destination).await
}

// Backups. Files come from dialogs shown by Rust; the window passes tokens.

/// The backup line and the automatic backup settings.
#[tauri::command]
pub async fn backup_status(store: State<'_, Store>) -> AppResult<BackupStatus> {
    bk::backup_status(&store, chrono::Utc::now()).await
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

#[tauri::command]
pub async fn backup_create(
    app: AppHandle,
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    token: String,
) -> AppResult<BackupReport> {
    let destination = picked.redeem(&token, Purpose::Save, "destination")?;
    bk::backup_now(&store, &destination, progress_events(app)).await
}

/// Checks the backup completely, then swaps it in; the window then restarts
/// the app (`app_restart`), which opens the restored folder.
#[tauri::command]
pub async fn backup_restore(
    app: AppHandle,
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    token: String,
) -> AppResult<RestoreReport> {
    let source = picked.redeem(&token, Purpose::Open, "file")?;
    bk::restore_closing_store(&store, &source, progress_events(app)).await
}

/// Starts the app again (after a restore). The socket of this window is
/// removed first so that the new copy takes the folder instead of handing
/// it back to this one.
#[tauri::command]
pub fn app_restart(app: AppHandle, store: State<'_, Store>) {
    let _ = std::fs::remove_file(crate::single_instance::socket_path(store.data_dir()));
    app.restart();
}

/// The folder dialog for automatic backups; saves the folder and how many
/// backups to keep. `None` when cancelled.
#[tauri::command]
pub async fn backup_folder_choose(
    app: AppHandle,
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    keep: u32,
) -> AppResult<Option<BackupStatus>> {
    let Some(folder) = picked::pick_folder(&app, &picked).await else {
        return Ok(None);
    };
    let input = bk::BackupSettingsInput {
        folder: Some(folder.display().to_string()),
        keep,
    };
    bk::set_backup_settings(&store, &input).await.map(Some)
}

/// Changes how many automatic backups to keep, or turns them off.
#[tauri::command]
pub async fn backup_settings_set(
    store: State<'_, Store>,
    keep: u32,
    turn_off: bool,
) -> AppResult<BackupStatus> {
    let current = bk::backup_status(&store, chrono::Utc::now()).await?;
    let input = bk::BackupSettingsInput {
        folder: current.auto_folder.filter(|_| !turn_off),
        keep,
    };
    bk::set_backup_settings(&store, &input).await
}

// ---------- import ----------

use super::import::{ImportOptions, ImportProgress, ImportReport, ImportSessions, ImportSource};

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
    let path = picked.redeem(&file, Purpose::Open, "file")?;
    let bytes = super::import::read_file(&path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    sessions.add(name, bytes)
}

#[tauri::command]
pub async fn import_preview(
    store: State<'_, Store>,
    sessions: State<'_, ImportSessions>,
    session: u64,
    options: ImportOptions,
) -> AppResult<ImportReport> {
    sessions.preview(&store, session, &options).await
}

/// Saves in one transaction, sending progress on `on_progress`.
#[tauri::command]
pub async fn import_save(
    store: State<'_, Store>,
    sessions: State<'_, ImportSessions>,
    session: u64,
    options: ImportOptions,
    on_progress: tauri::ipc::Channel<ImportProgress>,
) -> AppResult<ImportReport> {
    let progress = move |p: ImportProgress| {
        let _ = on_progress.send(p);
    };
    sessions.save(&store, session, &options, progress).await
}

/// Stops a running save; it rolls back, leaving nothing.
#[tauri::command]
pub fn import_cancel(sessions: State<'_, ImportSessions>, session: u64) -> AppResult<()> {
    sessions.cancel(session)
}

// ---------- documents out: previews as bytes, saves through save-dialog tokens ----------

/// The destination behind a save token, once.
fn destination(picked: &PickedFiles, token: &str) -> AppResult<std::path::PathBuf> {
    picked.redeem(token, Purpose::Save, "destination")
}

/// The transcript's contents, for the window to show beside its preview.
#[tauri::command]
pub async fn transcript_get(
    store: State<'_, Store>,
    request: TranscriptRequest,
) -> AppResult<Transcript> {
    docs::transcript(&store, &request).await
}

/// The transcript PDF, for the in-app viewer.
#[tauri::command]
pub async fn transcript_pdf_data(
    store: State<'_, Store>,
    request: TranscriptRequest,
) -> AppResult<tauri::ipc::Response> {
    let bytes = docs::transcript_bytes(&store, &request, TranscriptFormat::Pdf).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

#[tauri::command]
pub async fn transcript_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    request: TranscriptRequest,
    format: TranscriptFormat,
    token: String,
) -> AppResult<()> {
    let path = destination(&picked, &token)?;
    docs::export_transcript(&store, &request, format, &path).await
}

/// The certificate PDF of an issued certification, for the viewer.
#[tauri::command]
pub async fn certificate_pdf_data(
    store: State<'_, Store>,
    enrollment_id: i64,
) -> AppResult<tauri::ipc::Response> {
    Ok(tauri::ipc::Response::new(
        docs::certificate_bytes(&store, enrollment_id).await?,
    ))
}

#[tauri::command]
pub async fn certificate_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    enrollment_id: i64,
    token: String,
) -> AppResult<()> {
    let path = destination(&picked, &token)?;
    docs::export_certificate(&store, enrollment_id, &path).await
}

#[tauri::command]
pub async fn packet_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    enrollment_id: i64,
    token: String,
) -> AppResult<PacketManifest> {
    let path = destination(&picked, &token)?;
    docs::export_packet(&store, enrollment_id, &path).await
}

/// Writes the calendar; returns how many events it holds.
#[tauri::command]
pub async fn calendar_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    request: CalendarRequest,
    token: String,
) -> AppResult<usize> {
    let count = docs::calendar_events(&store, &request).await?.len();
    let path = destination(&picked, &token)?;
    docs::export_calendar(&store, &request, &path).await?;
    Ok(count)
}

/// Records a certificate held already (issued elsewhere).
#[tauri::command]
pub async fn certificate_record(
    store: State<'_, Store>,
    person_id: i64,
    track: String,
    issued: String,
) -> AppResult<Enrollment> {
    docs::record_certificate(&store, person_id, &track, &issued).await
}
