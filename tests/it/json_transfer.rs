//! The JSON export and import of a whole data folder: every table covered,
//! export → import → export gives the same file, and an import refused into a
//! folder that holds records or from bad JSON changes nothing.

use crate::backup::{everything, open_filled, open_in};
use crate::support::invalid_fields;
use aspen_desk::commands;
use aspen_desk::commands::backup as bk;
use aspen_desk::store::transfer;

#[tokio::test]
async fn the_json_export_covers_every_table_in_the_schema() {
    let t = open_filled().await;
    let export = transfer::export_all(&t.store).await.expect("export");
    let all_tables: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .fetch_all(&t.store.pool)
            .await
            .expect("tables");
    let virtual_tables: Vec<&str> = all_tables
        .iter()
        .filter(|(_, sql)| {
            sql.as_deref()
                .unwrap_or("")
                .starts_with("CREATE VIRTUAL TABLE")
        })
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(!virtual_tables.is_empty());
    for (name, _) in &all_tables {
        let shadow = virtual_tables
            .iter()
            .any(|v| name.starts_with(&format!("{v}_")));
        if name == "_sqlx_migrations" || shadow {
            assert!(!export.tables.contains_key(name), "{name} is exported");
            continue;
        }
        let rows = export
            .tables
            .get(name)
            .unwrap_or_else(|| panic!("table {name} is not in the JSON export"));
        // A table the fixture leaves empty is a table the round trip does not prove.
        assert!(
            !rows.rows.is_empty(),
            "fill() puts no rows in {name}: add some"
        );
    }
}

#[tokio::test]
async fn export_import_export_gives_an_identical_file() {
    let root = tempfile::tempdir().expect("root");
    let t = open_filled().await;
    let first = root.path().join("first.json");
    let report = bk::export_json(&t.store, &first).await.expect("export");
    assert!(report.rows > 300, "{report:?}");

    let (empty, _) = open_in(root.path()).await;
    let imported = bk::import_json(&empty, &std::fs::read(&first).expect("read"))
        .await
        .expect("import");
    assert_eq!(imported.rows, report.rows);
    // The export carries hashes, not bytes: the three blobs are named as missing.
    assert_eq!(imported.missing_files.len(), 3, "{imported:?}");
    let second = root.path().join("second.json");
    bk::export_json(&empty, &second)
        .await
        .expect("export again");
    assert_eq!(
        std::fs::read(&first).expect("first"),
        std::fs::read(&second).expect("second")
    );
    // The search index came along: the catalog is searchable at once.
    let page = commands::search_events(
        &empty,
        &serde_json::from_value(serde_json::json!({"query": "Strategic Track", "all_dates": true}))
            .expect("search"),
    )
    .await
    .expect("search");
    assert!(page.total > 0);
}

#[tokio::test]
async fn import_is_refused_into_a_data_folder_with_records_or_with_bad_json() {
    let root = tempfile::tempdir().expect("root");
    let t = open_filled().await;
    let file = root.path().join("all.json");
    bk::export_json(&t.store, &file).await.expect("export");
    let bytes = std::fs::read(&file).expect("read");

    let before = everything(&t.store).await;
    let err = bk::import_json(&t.store, &bytes)
        .await
        .expect_err("not empty");
    assert!(err.to_string().contains("already holds records"), "{err}");
    assert_eq!(invalid_fields(err), ["data_dir"]);
    assert_eq!(everything(&t.store).await, before);

    let (empty, _) = open_in(root.path()).await;
    let fresh = everything(&empty).await;
    let text = String::from_utf8(bytes).expect("utf-8");
    for (broken, field) in [
        (
            text.replacen("\"schema_version\": ", "\"schema_version\": 9", 1),
            "json.schema_version",
        ),
        (text[..text.len() / 2].to_string(), "json"),
        (
            text.replacen("\"title\"", "\"headline\"", 1),
            "json.tables.",
        ),
    ] {
        let err = bk::import_json(&empty, broken.as_bytes())
            .await
            .expect_err(field);
        let fields = invalid_fields(err);
        assert!(fields[0].starts_with(field), "{fields:?} for {field}");
        assert_eq!(everything(&empty).await, fresh, "{field} changed something");
    }
}
