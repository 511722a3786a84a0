//! Every earlier schema upgrades to the current one with its data intact;
//! a newer schema is refused untouched; ids are never reused.

use crate::support::{self, scalar};
use aspen_desk::commands;
use aspen_desk::domain::search::SortOrder;
use aspen_desk::error::AppError;
use aspen_desk::store::{self, Store, DATABASE_FILE};
use std::path::{Path, PathBuf};

fn fixture(version: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schemas")
        .join(format!("schema-{version:04}.sqlite3"))
}

/// A data folder holding a copy of the fixture database.
fn data_folder_from(version: i64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::copy(fixture(version), dir.path().join(DATABASE_FILE)).expect("copy fixture");
    dir
}

async fn directory_titles(
    store: &Store,
    search: &aspen_desk::domain::directory::DirectorySearch,
) -> Vec<String> {
    commands::directory::search(store, search)
        .await
        .expect("directory search")
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[tokio::test]
async fn every_earlier_schema_upgrades_with_its_data() {
    let known = store::known_schema_version();
    assert!(known >= 5, "the fixtures cover schemas 1 to 4");
    for version in 1..known {
        if !fixture(version).exists() {
            // A schema that is not the newest must have its fixture.
            panic!("missing fixture for schema {version}: run tests/fixtures/schemas/make.sh {version}");
        }
        let dir = data_folder_from(version);
        let store = Store::open(dir.path()).await.expect("upgrade");
        let mut conn = store.pool.acquire().await.unwrap();
        assert_eq!(
            store::applied_schema_version(&mut conn).await.unwrap(),
            known
        );
        drop(conn);
        assert_eq!(support::integrity(&store).await, "ok", "schema {version}");
        let broken_links: Vec<(String,)> = sqlx::query_as("PRAGMA foreign_key_check")
            .fetch_all(&store.pool)
            .await
            .unwrap();
        assert!(
            broken_links.is_empty(),
            "schema {version}: {broken_links:?}"
        );

        // The copy taken before the upgrade is there and is the old schema.
        let copies: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("before-schema"))
            .collect();
        assert_eq!(copies.len(), 1, "schema {version}: one copy aside");

        // Schema 1 data: events, credits, resources, search, history.
        let event = commands::get_event(&store, 3).await.expect("event 3");
        assert_eq!(event.heading.title, "Zoë's Budget Basics");
        assert_eq!(event.credits.len(), 2);
        let first = commands::get_event(&store, 1).await.expect("event 1");
        assert_eq!(first.resources.len(), 1);
        assert_eq!(
            scalar::<i64>(
                &store,
                "SELECT count(*) FROM events_fts WHERE events_fts MATCH 'strategic'"
            )
            .await,
            1
        );
        assert_eq!(
            scalar::<i64>(
                &store,
                "SELECT count(*) FROM history WHERE record_type = 'event'"
            )
            .await,
            4
        );

        // A new event never takes the id of the deleted event 4.
        let created = commands::create_event(&store, &support::seed())
            .await
            .unwrap();
        assert!(
            created.heading.id > 4,
            "schema {version}: new event got id {}",
            created.heading.id
        );
        let history = commands::event_history(&store, created.heading.id)
            .await
            .unwrap();
        assert!(
            history.iter().all(|h| h.actor != "fixture"),
            "schema {version}: inherited history"
        );

        if version >= 2 {
            assert_eq!(
                scalar::<i64>(&store, "SELECT count(*) FROM people").await,
                1
            );
            let zoe = commands::directory::get_person(&store, 1).await.unwrap();
            assert_eq!(zoe.details.first_name, "Zoë");
            let person: aspen_desk::domain::directory::PersonInput = serde_json::from_value(
                serde_json::json!({"last_name": "New", "first_name": "Person"}),
            )
            .unwrap();
            let new = commands::directory::create_person(&store, &person)
                .await
                .unwrap();
            assert!(
                new.id > 2,
                "schema {version}: new person got the deleted person's id"
            );
        }
        if version >= 3 {
            assert_eq!(
                scalar::<i64>(&store, "SELECT count(*) FROM credit_entries").await,
                2
            );
            assert_eq!(
                scalar::<i64>(
                    &store,
                    "SELECT half_credits FROM credit_entries WHERE id = 2"
                )
                .await,
                6
            );
            assert_eq!(
                scalar::<i64>(
                    &store,
                    "SELECT count(*) FROM enrollments WHERE status = 'issued'"
                )
                .await,
                1
            );
        }
        if version >= 4 {
            assert_eq!(
                scalar::<i64>(&store, "SELECT count(*) FROM plan_goals WHERE plan_id = 1").await,
                1
            );
        }
        if version >= 5 {
            // Schema 6's name indexes order without regard to case.
            let search = aspen_desk::domain::directory::DirectorySearch {
                kinds: vec![aspen_desk::domain::directory::DirectoryKind::Organization],
                ..Default::default()
            };
            let names = directory_titles(&store, &search).await;
            assert_eq!(
                names,
                ["bitterroot Public Library", "Sweet Grass Valley Library"]
            );
        }
        if version >= 2 {
            // Schema 8 gives the directory's index prefix lists: the rows
            // of every earlier schema are found by their first letters.
            let search = aspen_desk::domain::directory::DirectorySearch {
                text: "zo".into(),
                kinds: vec![aspen_desk::domain::directory::DirectoryKind::Person],
                ..Default::default()
            };
            let people = directory_titles(&store, &search).await;
            assert_eq!(people, ["Ó Briain, Zoë"], "schema {version}");
        }
        // Schema 7 keys the search rows by date: found by a word, in date
        // order, from any earlier schema.
        let by_word = |text: &str, sort| aspen_desk::domain::search::EventSearch {
            text: text.into(),
            sort,
            ..Default::default()
        };
        let found = commands::search_events(&store, &by_word("montana", SortOrder::Oldest))
            .await
            .unwrap();
        let titles: Vec<&str> = found
            .items
            .iter()
            .map(|e| e.heading.title.as_str())
            .collect();
        // The event created above shares the first one's begin time: the
        // older id comes first.
        let seed_title = support::seed().title;
        let mut expected = vec![
            "Strategic Track Overview",
            seed_title.as_str(),
            "Zoë's Budget Basics",
        ];
        if version >= 6 {
            // Before 1970: a negative begin time, first in date order.
            expected.insert(0, "Bookmobile Days");
        }
        assert_eq!(titles[..expected.len()], expected[..], "schema {version}");
        let found = commands::search_events(&store, &by_word("bookmobile", SortOrder::Newest))
            .await
            .unwrap();
        assert_eq!(found.total, i64::from(version >= 6), "schema {version}");
        store.close().await;
    }
}

#[tokio::test]
async fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = data_folder_from(4);
    let path = dir.path().join(DATABASE_FILE);
    // Pretend a future Aspen Desk applied a migration this one does not know.
    let future = store::known_schema_version() + 7;
    exec_on_file(&path, &format!(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ({future}, 'from the future', 1, X'00', 0)"
    ))
    .await;
    let before = aspen_desk::store::files::file_sha256(&path).unwrap();
    match Store::open(dir.path()).await {
        Err(err @ AppError::NewerSchema { .. }) => {
            assert!(err.is_user_error());
            assert_eq!(
                err.to_string(),
                format!(
                    "this data folder was written by a newer Aspen Desk (schema {future}; this version knows up to {})",
                    store::known_schema_version()
                )
            );
        }
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    let after = aspen_desk::store::files::file_sha256(&path).unwrap();
    assert_eq!(after, before, "the database changed");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.contains("before-schema")),
        "{names:?}"
    );
}

/// Runs one statement on a database file with its own short-lived pool.
async fn exec_on_file(path: &Path, sql: &str) {
    let pool =
        sqlx::SqlitePool::connect_with(sqlx::sqlite::SqliteConnectOptions::new().filename(path))
            .await
            .unwrap();
    sqlx::query(sql).execute(&pool).await.unwrap();
    pool.close().await;
}
