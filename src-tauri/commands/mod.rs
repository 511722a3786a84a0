//! The operations behind both adapters: IPC commands (`ipc`) and the command
//! line (`crate::cli`). They turn input into domain values, call the store, and
//! return what the UI and the CLI show. No rules live here.

pub mod backup;
pub mod directory;
pub mod documents;
pub mod import;
pub mod ipc;
pub mod ledger;
pub mod plans;

use crate::domain::event::{Event, EventInput};
use crate::domain::history::HistoryEntry;
use crate::domain::resource::{Resource, ResourceInput};
use crate::domain::search::{EventPage, EventSearch};
use crate::domain::{event, time};
use crate::error::{AppError, AppResult};
use crate::sample;
use crate::store::{self, events, resources, Store};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Today in Montana, the calendar the catalog's defaults follow.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&time::DEFAULT_ZONE)
        .date_naive()
}

/// What the event form needs besides its pick lists (`PickLists`): the
/// time zones and the size limit of a resource file.
#[derive(Debug, Serialize, TS)]
pub struct CatalogOptions {
    pub default_time_zone: String,
    pub time_zones: Vec<String>,
    #[ts(type = "number")]
    pub max_resource_megabytes: u64,
}

pub fn catalog_options() -> CatalogOptions {
    CatalogOptions {
        default_time_zone: time::DEFAULT_ZONE.name().into(),
        time_zones: chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| z.name().to_string())
            .filter(|n| n.contains('/') && !n.starts_with("Etc/"))
            .collect(),
        max_resource_megabytes: crate::domain::resource::MAX_RESOURCE_BYTES / (1024 * 1024),
    }
}

/// What the window shows about the app itself.
#[derive(Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// Today in Montana ("2026-11-29"): the UI's default for date inputs.
    pub today: String,
    pub data_dir: String,
    #[ts(type = "number")]
    pub event_count: i64,
    pub sample_loaded: bool,
}

pub async fn app_info(store: &Store) -> AppResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        today: today().to_string(),
        data_dir: store.data_dir().display().to_string(),
        event_count: events::count(store).await?,
        sample_loaded: store::setting(&store.pool, SAMPLE_KEY).await?.is_some(),
    })
}

/// Validates an event and its resources; copies resource files in only once
/// every field is valid.
async fn prepare_event(
    store: &Store,
    input: &EventInput,
) -> AppResult<(event::EventDraft, Vec<resources::ReadyResource>)> {
    let mut errors = Vec::new();
    let draft = input.validate().map_err(|e| errors.extend(e)).ok();
    let mut drafts = Vec::new();
    for (i, r) in input.resources.iter().enumerate() {
        match r.validate(&format!("resources[{i}].")) {
            Ok(d) => drafts.push(d),
            Err(e) => errors.extend(e),
        }
    }
    let Some(draft) = draft.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let mut ready = Vec::new();
    for (i, d) in drafts.into_iter().enumerate() {
        ready.push(resources::prepare(store, d, format!("resources[{i}].path")).await?);
    }
    Ok((draft, ready))
}

pub async fn create_event(store: &Store, input: &EventInput) -> AppResult<Event> {
    let (draft, ready) = prepare_event(store, input).await?;
    let id = events::create(store, &draft, ready, &store::current_actor(), None).await?;
    events::get(store, id).await
}

pub async fn update_event(store: &Store, id: i64, input: &EventInput) -> AppResult<Event> {
    let draft = input.validate()?;
    events::update(store, id, &draft, &store::current_actor()).await?;
    events::get(store, id).await
}

pub async fn get_event(store: &Store, id: i64) -> AppResult<Event> {
    events::get(store, id).await
}

pub async fn delete_event(store: &Store, id: i64) -> AppResult<Event> {
    events::delete(store, id, &store::current_actor()).await
}

/// A copy of an event (same fields and links; files are shared in the store),
/// titled "... (copy)", with history saying where it came from.
pub async fn duplicate_event(store: &Store, id: i64) -> AppResult<Event> {
    let original = events::get(store, id).await?;
    let mut draft = events::draft(store, id).await?;
    draft.title = format!("{} (copy)", draft.title);
    if draft.title.chars().count() > event::MAX_TITLE_CHARS {
        draft.title = draft.title.chars().take(event::MAX_TITLE_CHARS).collect();
    }
    let ready = original
        .resources
        .iter()
        .map(|r| resources::ReadyResource {
            title: r.title.clone(),
            resource_type: r.resource_type,
            tags: r.tags.clone(),
            link: r.url.clone(),
            file: r.sha256.as_ref().map(|sha| store::files::StoredFile {
                sha256: sha.clone(),
                size: r.file_size.unwrap_or(0) as u64,
                file_name: r.file_name.clone().unwrap_or_default(),
                newly_stored: false,
            }),
        })
        .collect();
    let note = format!("Created as a copy of event {id}");
    let new_id = events::create(store, &draft, ready, &store::current_actor(), Some(note)).await?;
    events::get(store, new_id).await
}

pub async fn event_history(store: &Store, id: i64) -> AppResult<Vec<HistoryEntry>> {
    store::history::list(&store.pool, events::RECORD_TYPE, id).await
}

pub async fn search_events(store: &Store, search: &EventSearch) -> AppResult<EventPage> {
    let plan = search.plan(today())?;
    events::search(store, &plan).await
}

pub async fn add_resource(
    store: &Store,
    event_id: i64,
    input: &ResourceInput,
) -> AppResult<Resource> {
    let draft = input.validate("")?;
    let ready = resources::prepare(store, draft, "path".into()).await?;
    resources::add(store, event_id, ready, &store::current_actor()).await
}

pub async fn remove_resource(store: &Store, resource_id: i64) -> AppResult<Resource> {
    resources::remove(store, resource_id, &store::current_actor()).await
}

async fn stored_file(store: &Store, resource_id: i64) -> AppResult<(String, String)> {
    let mut conn = store.pool.acquire().await?;
    let resource = resources::load(&mut conn, resource_id).await?;
    match (resource.sha256, resource.file_name) {
        (Some(sha), Some(name)) => Ok((sha, name)),
        _ => Err(AppError::invalid(
            "resource",
            "This resource is a link, not a file.",
        )),
    }
}

/// Puts a copy of a resource's file, under its original name, where the
/// system's default application can open it.
pub async fn resource_open_path(store: &Store, resource_id: i64) -> AppResult<PathBuf> {
    let (sha, name) = stored_file(store, resource_id).await?;
    let folder = store.data_dir().join("opened").join(&sha);
    // Never let a stored name climb out of its folder.
    let safe_name = Path::new(&name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| sha.clone());
    store.files.read_only_copy(&sha, &folder, &safe_name)
}

pub async fn save_resource_copy(
    store: &Store,
    resource_id: i64,
    destination: &Path,
) -> AppResult<()> {
    let (sha, _) = stored_file(store, resource_id).await?;
    store.files.export(&sha, destination)
}

const SAMPLE_KEY: &str = "sample_catalog_loaded";

/// Loads the sample directory and catalog once; a second call adds nothing
/// and returns 0.
pub async fn load_sample_catalog(store: &Store) -> AppResult<usize> {
    if store::setting(&store.pool, SAMPLE_KEY).await?.is_some() {
        return Ok(0);
    }
    let mut orgs = Vec::new();
    for sample in sample::directory() {
        let org = sample.org.validate()?;
        let mut staff = Vec::new();
        for (person, position_type, title) in sample.staff {
            let position = crate::domain::directory::PositionInput {
                organization_id: 1, // replaced by the loader
                position_type: Some(position_type.into()),
                title,
                ..Default::default()
            };
            staff.push((person.validate()?, position.validate()?));
        }
        orgs.push(store::sample::SampleOrg {
            org,
            parent: sample.parent,
            staff,
        });
    }
    let inputs = sample::catalog(today(), 240);
    let mut catalog = Vec::with_capacity(inputs.len());
    for input in &inputs {
        catalog.push(prepare_event(store, input).await?);
    }
    let loaded_at = chrono::Utc::now().to_rfc3339();
    let loaded = store::sample::load(
        store,
        orgs,
        catalog,
        &store::current_actor(),
        (SAMPLE_KEY, &loaded_at),
    )
    .await?;
    Ok(loaded.events)
}
