//! Shared fixtures: a fresh data folder per test (empty, with the seed event or
//! with the sample catalog), the records most tests start from (people,
//! libraries, enrollments), and row counts and a fingerprint of everything
//! stored (to prove bad input changed nothing).

use aspen_desk::commands;
use aspen_desk::domain::directory::Organization;
use aspen_desk::domain::event::{Event, EventInput};
use aspen_desk::domain::history::HistoryEntry;
use aspen_desk::domain::resource::ResourceInput;
use aspen_desk::domain::step::StepInput;
use aspen_desk::store::Store;
use std::path::Path;
use tempfile::TempDir;

pub struct TestStore {
    pub store: Store,
    pub dir: TempDir,
}

pub async fn open() -> TestStore {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path()).await.expect("open store");
    TestStore { store, dir }
}

/// A fresh data folder holding the seed event.
pub async fn open_with_seed() -> (TestStore, Event) {
    let t = open().await;
    let event = commands::create_event(&t.store, &seed()).await;
    (t, event.expect("seed event created"))
}

/// An event read back; it must be there.
pub async fn read_event(store: &Store, id: i64) -> Event {
    let found = commands::get_event(store, id).await;
    found.unwrap_or_else(|e| panic!("event {id}: {e}"))
}

/// An event's page history, newest first.
pub async fn history_of(store: &Store, id: i64) -> Vec<HistoryEntry> {
    let entries = commands::event_history(store, id).await;
    entries.unwrap_or_else(|e| panic!("history of event {id}: {e}"))
}

/// A file resource (a handout) copied in from `path`.
pub fn file_resource(path: &Path) -> ResourceInput {
    ResourceInput {
        resource_type: Some("handout".into()),
        path: Some(path.display().to_string()),
        ..Default::default()
    }
}

/// A fresh data folder holding the sample catalog.
pub async fn open_with_sample() -> TestStore {
    let t = open().await;
    commands::load_sample_catalog(&t.store)
        .await
        .expect("sample");
    t
}

/// The seed page's event as the CLI and the UI send it.
pub const SEED_JSON: &str = r#"{
  "title": "NEW Strategic Track to MSL Certification: what librarians need to know",
  "event_type": "continuing_education",
  "status": "open",
  "begin": "2021-06-02T14:00",
  "end": "2021-06-02T15:00",
  "time_zone": "America/Denver",
  "description": "This webinar will explore the process for librarians to utilize the Stategic Track to Montana State Library Certification.\n\nThis webinar will be recorded and posted to the MSL Vimeo Channel: https://vimeo.com/montanastatelibrary\n\nCE category: .5 library administation",
  "delivery": "online",
  "meeting_url": "https://zoom.us/j/5551234",
  "location": "",
  "sponsor": "Montana State Library",
  "registration_required": true,
  "credits": [{"category": "LA", "credits": 0.5}],
  "contact_positions": [],
  "trainer_positions": ["Hale, Tracy - Statewide Consultant (Montana State Library)"],
  "resources": []
}"#;

pub fn seed() -> EventInput {
    serde_json::from_str(SEED_JSON).expect("seed json")
}

/// The one value `sql` reads (a count, a PRAGMA's answer).
pub async fn scalar<T>(store: &Store, sql: &str) -> T
where
    T: for<'r> sqlx::Decode<'r, sqlx::Sqlite> + sqlx::Type<sqlx::Sqlite> + Send + Unpin,
{
    let value = sqlx::query_scalar(sql).fetch_one(&store.pool).await;
    value.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// How many rows a table holds.
pub async fn rows(store: &Store, table: &str) -> i64 {
    scalar(store, &format!("SELECT count(*) FROM {table}")).await
}

/// What SQLite's own check says of the database ("ok" when sound).
pub async fn integrity(store: &Store) -> String {
    scalar(store, "PRAGMA integrity_check").await
}

/// Row counts of every table plus the blobs in the file store (after the
/// start-up sweep).
pub async fn fingerprint(store: &Store, data_dir: &Path) -> String {
    let mut parts = Vec::new();
    for table in [
        "events",
        "event_credits",
        "event_positions",
        "event_resources",
        "files",
        "history",
        "events_fts",
    ] {
        parts.push(format!("{table}={}", rows(store, table).await));
    }
    // What the start-up sweep leaves: a refused file may sit in the store
    // until then, since blobs are never deleted inline.
    store
        .sweep_files(std::time::Duration::ZERO)
        .await
        .expect("sweep");
    let mut blobs = 0;
    for entry in walk(&data_dir.join("files")) {
        if entry.is_file() {
            blobs += 1;
        }
    }
    parts.push(format!("blobs={blobs}"));
    let checksum: Option<String> = sqlx::query_scalar(
        "SELECT group_concat(id || title || begin_utc || end_utc || description, '|') FROM events",
    )
    .fetch_one(&store.pool)
    .await
    .expect("checksum");
    parts.push(checksum.unwrap_or_default());
    parts.join(" ")
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// A workflow step to `status` on `date`, by `by` when named.
pub fn step(status: &str, date: &str, by: Option<&str>) -> StepInput {
    StepInput {
        status: status.into(),
        date: Some(date.into()),
        by: by.map(String::from),
    }
}

/// The field names of an Invalid error.
pub fn invalid_fields(err: aspen_desk::error::AppError) -> Vec<String> {
    match err {
        aspen_desk::error::AppError::Invalid(fields) => {
            fields.into_iter().map(|f| f.field).collect()
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
}

/// A checksum of the directory's rows, to prove a refused change changed nothing.
pub async fn directory_rows(store: &Store) -> String {
    let mut out = Vec::new();
    for sql in [
        "SELECT group_concat(id || name || coalesce(parent_id, '') || coalesce(federation, '') || email || active, '|') FROM organizations",
        "SELECT group_concat(id || organization_id || position || text || coalesce(retired_at, ''), '|') FROM strategic_goals",
        "SELECT group_concat(id || last_name || first_name || email || active, '|') FROM people",
        "SELECT group_concat(id || coalesce(person_id, '') || organization_id || title || coalesce(end_date, '') || active, '|') FROM positions",
    ] {
        let row: Option<String> = sqlx::query_scalar(sql).fetch_one(&store.pool).await.expect("checksum");
        out.push(row.unwrap_or_default());
    }
    out.join("\n")
}

/// A public library in the directory, with its strategic goals.
pub fn library(name: &str, goals: &[&str]) -> aspen_desk::domain::directory::OrganizationInput {
    aspen_desk::domain::directory::OrganizationInput {
        name: name.into(),
        org_type: Some("public_library".into()),
        federation: Some("south_central".into()),
        address: Some("Big Timber, MT".into()),
        email: Some("info@bigtimber.example".into()),
        strategic_goals: goals
            .iter()
            .map(|g| aspen_desk::domain::directory::GoalInput {
                id: None,
                text: (*g).into(),
            })
            .collect(),
        ..Default::default()
    }
}

/// Adds a public library (see `library`) to the directory.
pub async fn add_library(store: &Store, name: &str, goals: &[&str]) -> Organization {
    let made = commands::directory::create_org(store, &library(name, goals)).await;
    made.unwrap_or_else(|e| panic!("library {name}: {e}"))
}

/// The library most tests use: Sweet Grass Valley Library, with two goals.
pub async fn add_sweet_grass(store: &Store) -> Organization {
    let goals = ["Grow early literacy", "Close the digital divide"];
    add_library(store, "Sweet Grass Valley Library", &goals).await
}

/// A person known by name only; returns their id.
pub async fn person(store: &Store, last: &str, first: &str) -> i64 {
    let input = aspen_desk::domain::directory::PersonInput {
        last_name: last.into(),
        first_name: first.into(),
        ..Default::default()
    };
    let made = commands::directory::create_person(store, &input).await;
    made.unwrap_or_else(|e| panic!("person {last}, {first}: {e}"))
        .id
}

/// Enrolls a person in a track from `start`; returns the enrollment's id.
pub async fn enroll(store: &Store, person: i64, track: &str, start: Option<&str>) -> i64 {
    let made = commands::ledger::enroll(store, person, track, start).await;
    made.unwrap_or_else(|e| panic!("enroll in {track}: {e}")).id
}

/// A person who holds a director position ("Library Director") at a library.
pub async fn director_of(store: &Store, first: &str, last: &str, library_id: i64) -> i64 {
    use aspen_desk::commands::directory as dir;
    use aspen_desk::domain::directory::PositionInput;
    let person = person(store, last, first).await;
    dir::create_position(
        store,
        &PositionInput {
            person_id: Some(person),
            organization_id: library_id,
            position_type: Some("director".into()),
            title: "Library Director".into(),
            ..Default::default()
        },
    )
    .await
    .expect("position");
    person
}
