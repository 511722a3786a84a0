//! IPC for the event catalog: events, their resources and the sample data.

use super::{open_url, opened};
use crate::commands::{self as ops, CatalogOptions};
use crate::domain::event::resource::runs_as_program;
use crate::domain::event::{Event, EventInput};
use crate::domain::history::HistoryEntry;
use crate::domain::resource::{Resource, ResourceInput};
use crate::domain::search::{EventPage, EventSearch};
use crate::domain::vocabulary::PickLists;
use crate::error::{AppError, AppResult};
use crate::picked::PickedFiles;
use crate::store::Store;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub fn catalog_options() -> CatalogOptions {
    ops::catalog_options()
}

#[tauri::command]
pub fn pick_lists() -> PickLists {
    PickLists::all()
}

thin_commands! {
    events_search(store, search: EventSearch) -> EventPage {
        ops::search_events(&store, &search).await
    }
    event_get(store, id: i64) -> Event { ops::get_event(&store, id).await }
    event_create(store, input: EventInput) -> Event {
        refuse_paths(&input.resources)?;
        ops::create_event(&store, &input).await
    }
    event_update(store, id: i64, input: EventInput) -> Event {
        refuse_paths(&input.resources)?;
        ops::update_event(&store, id, &input).await
    }
    event_delete(store, id: i64) -> () { ops::delete_event(&store, id).await.map(|_| ()) }
    event_duplicate(store, id: i64) -> Event { ops::duplicate_event(&store, id).await }
    event_history(store, id: i64) -> Vec<HistoryEntry> {
        ops::event_history(&store, id).await
    }
    resource_remove(store, id: i64) -> () { ops::remove_resource(&store, id).await.map(|_| ()) }
    demo_data_load(store) -> usize { ops::load_sample_catalog(&store).await }
    resource_add(
        store,
        picked: State<'_, PickedFiles>,
        event_id: i64,
        input: ResourceInput,
        file: Option<String>,
    ) -> Resource {
        refuse_paths(std::slice::from_ref(&input))?;
        let mut input = input;
        if let Some(token) = file {
            input.path = Some(opened(&picked, &token)?.to_string_lossy().into_owned());
        }
        ops::add_resource(&store, event_id, &input).await
    }
    resource_save_copy(store, picked: State<'_, PickedFiles>, id: i64, destination: String)
        -> ()
    {
        ops::save_resource_copy(&store, id, &super::destination(&picked, &destination)?).await
    }
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
            let path = ops::resource_open_path(&store, id).await?;
            app.opener()
                .open_path(path.to_string_lossy(), None::<&str>)
                .map_err(|e| AppError::Io(format!("cannot open the file: {e}")))
        }
    }
}
