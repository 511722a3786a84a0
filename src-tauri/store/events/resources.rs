//! Event resources: links, and files from the shared file store.

use crate::domain::history::FieldChange;
use crate::domain::resource::{
    Resource, ResourceDraft, ResourceSource, ResourceType, MAX_RESOURCE_BYTES,
};
use crate::error::{AppError, AppResult};
use crate::store::files::StoredFile;
use crate::store::rows::Stored;
use crate::store::{events, history, now_text, Store};
use sqlx::SqliteConnection;

pub const RECORD_TYPE: &str = "event";

/// A resource whose file, if any, is already in the file store.
pub struct ReadyResource {
    pub title: String,
    pub resource_type: ResourceType,
    pub tags: Vec<String>,
    pub link: Option<String>,
    pub file: Option<StoredFile>,
}

/// Copies a resource's file into the store (off the async threads).
/// `field` names the input in messages.
pub async fn prepare(
    store: &Store,
    draft: ResourceDraft,
    field: String,
) -> AppResult<ReadyResource> {
    let (link, file) = match draft.source {
        ResourceSource::Link(url) => (Some(url), None),
        ResourceSource::File(path) => {
            let files = store.files.clone();
            let stored = tokio::task::spawn_blocking(move || {
                files.import(&path, MAX_RESOURCE_BYTES, &field)
            })
            .await
            .map_err(|e| AppError::Io(format!("file copy stopped: {e}")))??;
            (None, Some(stored))
        }
    };
    let title = match (&file, draft.title.is_empty()) {
        (Some(f), true) => f.file_name.clone(),
        _ => draft.title,
    };
    Ok(ReadyResource {
        title,
        resource_type: draft.resource_type,
        tags: draft.tags,
        link,
        file,
    })
}

/// Inserts one resource inside the caller's transaction and returns its id.
pub async fn insert(
    conn: &mut SqliteConnection,
    event_id: i64,
    ready: &ReadyResource,
) -> AppResult<i64> {
    let now = now_text();
    if let Some(file) = &ready.file {
        crate::store::files::record(conn, file).await?;
    }
    let id = sqlx::query(
        "INSERT INTO event_resources (event_id, title, resource_type, tags, url, file_sha256, file_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(event_id)
    .bind(&ready.title)
    .bind(ready.resource_type.code())
    .bind(serde_json::to_string(&ready.tags).unwrap_or_else(|_| "[]".into()))
    .bind(&ready.link)
    .bind(ready.file.as_ref().map(|f| &f.sha256))
    .bind(ready.file.as_ref().map(|f| &f.file_name))
    .bind(&now)
    .execute(&mut *conn)
    .await?
    .last_insert_rowid();
    Ok(id)
}

/// Attaches a resource to an event, with its page history line.
pub async fn add(
    store: &Store,
    event_id: i64,
    ready: ReadyResource,
    actor: &str,
) -> AppResult<Resource> {
    let mut tx = store.write().await?;
    events::ensure_exists(&mut tx, event_id).await?;
    let id = insert(&mut tx, event_id, &ready).await?;
    let resource = load(&mut tx, id).await?;
    let added = format!("Added {}", resource.history_label());
    history::note(&mut tx, RECORD_TYPE, event_id, actor, "Resources", added).await?;
    events::reindex(&mut tx, event_id).await?;
    tx.commit().await?;
    Ok(resource)
}

/// Removes a resource from its event. The stored file stays: other records
/// may share it, and a later clean-up can collect unreferenced blobs.
pub async fn remove(store: &Store, resource_id: i64, actor: &str) -> AppResult<Resource> {
    let mut tx = store.write().await?;
    let resource = load(&mut tx, resource_id).await?;
    crate::store::rows::run_for(
        &mut tx,
        "DELETE FROM event_resources WHERE id = ?",
        resource_id,
    )
    .await?;
    history::record(
        &mut tx,
        RECORD_TYPE,
        resource.event_id,
        actor,
        &[FieldChange::new(
            "Resources",
            Some(format!("Removed {}", resource.history_label())),
            None,
        )],
    )
    .await?;
    events::reindex(&mut tx, resource.event_id).await?;
    tx.commit().await?;
    Ok(resource)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    event_id: i64,
    title: String,
    resource_type: String,
    tags: String,
    url: Option<String>,
    file_sha256: Option<String>,
    file_name: Option<String>,
    file_size: Option<i64>,
    created_at: String,
}

const SELECT: &str =
    "SELECT r.id, r.event_id, r.title, r.resource_type, r.tags, r.url, r.file_sha256,
        r.file_name, f.size AS file_size, r.created_at
    FROM event_resources r LEFT JOIN files f ON f.sha256 = r.file_sha256";

fn to_resource(row: Row) -> AppResult<Resource> {
    let stored = Stored {
        record: "resource",
        id: row.id,
    };
    let resource_type: ResourceType = stored.choice("type", &row.resource_type)?;
    let tags = serde_json::from_str(&row.tags).map_err(|_| stored.unreadable("tags", &row.tags))?;
    Ok(Resource {
        id: row.id,
        event_id: row.event_id,
        title: row.title,
        resource_type,
        resource_type_label: resource_type.label().into(),
        tags,
        kind: if row.file_sha256.is_some() {
            "file"
        } else {
            "link"
        }
        .into(),
        url: row.url,
        file_name: row.file_name,
        file_size: row.file_size,
        sha256: row.file_sha256,
        created_at: row.created_at,
    })
}

pub async fn load(conn: &mut SqliteConnection, resource_id: i64) -> AppResult<Resource> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE r.id = ?"))
        .bind(resource_id)
        .fetch_optional(&mut *conn)
        .await?;
    crate::store::rows::found(row.map(to_resource).transpose()?, "Resource", resource_id)
}

pub async fn for_event(conn: &mut SqliteConnection, event_id: i64) -> AppResult<Vec<Resource>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE r.event_id = ? ORDER BY r.id"))
        .bind(event_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter().map(to_resource).collect()
}
