//! Nothing lost, nothing half-written, nothing readable by others: the file
//! store's permissions and sweep, read-only opened copies, ids never reused,
//! and a newer data folder refused by the command line.

use crate::support::{file_resource, open, person, seed, TestStore};
use aspen_desk::commands;
use aspen_desk::domain::resource::{Resource, ResourceInput};
use aspen_desk::error::{AppError, AppResult};
use aspen_desk::store::Store;
use std::collections::HashSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;
use tempfile::TempDir;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

/// Writes a file in a new folder outside the data folder and attaches it to
/// a new seed event; the folder lasts as long as the returned `TempDir`.
async fn attach_new_file(t: &TestStore, name: &str, bytes: &[u8]) -> (TempDir, Resource) {
    let outside = tempfile::tempdir().unwrap();
    let source = outside.path().join(name);
    std::fs::write(&source, bytes).unwrap();
    let event = commands::create_event(&t.store, &seed()).await.unwrap();
    let added = commands::add_resource(&t.store, event.heading.id, &file_resource(&source)).await;
    (outside, added.unwrap())
}

/// Zoë Ó Briain, new in the directory; returns her id.
async fn new_zoe(store: &Store) -> i64 {
    person(store, "Ó Briain", "Zoë").await
}

fn blobs(data_dir: &Path) -> HashSet<String> {
    let mut names = HashSet::new();
    for folder in std::fs::read_dir(data_dir.join("files")).unwrap().flatten() {
        if folder.file_name() == ".incoming" {
            continue;
        }
        for blob in std::fs::read_dir(folder.path()).unwrap().flatten() {
            names.insert(blob.file_name().to_string_lossy().into_owned());
        }
    }
    names
}

#[tokio::test]
async fn the_data_folder_and_blobs_are_private() {
    let t = open().await;
    assert_eq!(mode(t.dir.path()), 0o700);
    let (_outside, resource) = attach_new_file(&t, "handout.txt", b"only mine").await;
    let sha = resource.sha256.expect("a file");
    let blob = t.store.files.path_of(&sha);
    assert_eq!(mode(&blob), 0o600, "{}", blob.display());
}

#[tokio::test]
async fn a_failed_write_never_deletes_a_blob_another_record_uses_and_the_sweep_clears_orphans() {
    let t = open().await;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared.pdf");
    std::fs::write(&shared, b"%PDF-1.4 the same bytes twice").unwrap();
    let event = commands::create_event(&t.store, &seed()).await.unwrap();

    // One write fails after copying the file in (its event does not exist)...
    let failed = commands::add_resource(&t.store, 999_999, &file_resource(&shared)).await;
    assert!(failed.is_err());
    // ...while another record commits a reference to the same bytes.
    let kept = commands::add_resource(&t.store, event.heading.id, &file_resource(&shared))
        .await
        .unwrap();
    let sha = kept.sha256.clone().expect("a file");
    assert!(blobs(t.dir.path()).contains(&sha));

    // An orphan: bytes copied in whose record never committed.
    let orphan_source = dir.path().join("orphan.txt");
    std::fs::write(&orphan_source, b"never referenced").unwrap();
    let orphan = t.store.files.import(&orphan_source, 1024, "path").unwrap();
    std::fs::write(t.dir.path().join("files/.incoming/stale-copy"), b"half").unwrap();

    // Young files survive the sweep (a writer may be about to commit).
    assert_eq!(
        t.store
            .sweep_files(Duration::from_secs(3600))
            .await
            .unwrap(),
        0
    );
    assert!(blobs(t.dir.path()).contains(&orphan.sha256));

    // Old enough: the orphan and the stale copy go, the referenced blob stays.
    assert_eq!(t.store.sweep_files(Duration::ZERO).await.unwrap(), 2);
    let left = blobs(t.dir.path());
    assert!(left.contains(&sha), "the shared blob was deleted");
    assert!(!left.contains(&orphan.sha256), "the orphan is still there");
    assert_eq!(
        std::fs::read_dir(t.dir.path().join("files/.incoming"))
            .unwrap()
            .count(),
        0
    );
    let opened = commands::resource_open_path(&t.store, kept.id)
        .await
        .unwrap();
    assert_eq!(
        std::fs::read(opened).unwrap(),
        b"%PDF-1.4 the same bytes twice"
    );
}

#[tokio::test]
async fn an_opened_file_is_a_read_only_copy_that_is_not_copied_again() {
    let t = open().await;
    let (_dir, resource) = attach_new_file(&t, "Agenda – été.txt", b"agenda").await;
    let first = commands::resource_open_path(&t.store, resource.id)
        .await
        .unwrap();
    assert!(first.ends_with("Agenda – été.txt"));
    assert_eq!(mode(&first), 0o400);
    let stamp = std::fs::metadata(&first).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    let again = commands::resource_open_path(&t.store, resource.id)
        .await
        .unwrap();
    assert_eq!(again, first);
    assert_eq!(
        std::fs::metadata(&again).unwrap().modified().unwrap(),
        stamp,
        "copied again"
    );

    // A damaged copy (changed behind the app's back) is replaced whole.
    std::fs::set_permissions(&first, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(&first, b"damaged").unwrap();
    let fresh = commands::resource_open_path(&t.store, resource.id)
        .await
        .unwrap();
    assert_eq!(std::fs::read(&fresh).unwrap(), b"agenda");
}

#[tokio::test]
async fn a_deleted_event_or_person_id_is_never_given_out_again() {
    let t = open().await;
    let first = commands::create_event(&t.store, &seed()).await.unwrap();
    let second = commands::create_event(&t.store, &seed()).await.unwrap();
    commands::delete_event(&t.store, second.heading.id)
        .await
        .unwrap();
    let third = commands::create_event(&t.store, &seed()).await.unwrap();
    assert!(
        third.heading.id > second.heading.id,
        "{} reused",
        third.heading.id
    );
    let history = commands::event_history(&t.store, third.heading.id)
        .await
        .unwrap();
    assert!(
        history
            .iter()
            .all(|h| !h.change.field.to_lowercase().contains("delet")),
        "{history:?}"
    );
    assert!(first.heading.id < second.heading.id);

    let zoe = new_zoe(&t.store).await;
    commands::directory::delete_person(&t.store, zoe)
        .await
        .unwrap();
    assert!(new_zoe(&t.store).await > zoe);
}

#[test]
fn the_command_line_refuses_a_newer_data_folder_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let list_events = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_aspen-desk"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["events", "list", "--json"])
            .output()
            .unwrap()
    };
    assert!(list_events().status.success());
    let future = aspen_desk::store::known_schema_version() + 1;
    let db = dir.path().join(aspen_desk::store::DATABASE_FILE);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect_with(
            sqlx::sqlite::SqliteConnectOptions::new().filename(&db),
        )
        .await
        .unwrap();
        sqlx::query(&format!(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ({future}, 'future', 1, X'00', 0)"
        ))
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
    let out = list_events();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("this data folder was written by a newer Aspen Desk (schema {future}; this version knows up to {})", future - 1)),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_writers_on_one_folder_never_see_database_is_locked() {
    let t = open().await;
    // A second copy of the app (or the command line) on the same folder.
    let other = aspen_desk::store::Store::open(t.dir.path()).await.unwrap();
    let event = commands::create_event(&t.store, &seed()).await.unwrap();
    let mut tasks = Vec::new();
    for i in 0..40 {
        let store = if i % 2 == 0 {
            t.store.clone()
        } else {
            other.clone()
        };
        let id = event.heading.id;
        tasks.push(tokio::spawn(async move {
            // Each update reads the event, then writes it and its history.
            let mut input = seed();
            input.title = format!("Edited by writer {i}");
            commands::update_event(&store, id, &input).await
        }));
    }
    for task in tasks {
        if let Err(err) = task.await.unwrap() {
            panic!("a concurrent write failed: {err}");
        }
    }
    let history = commands::event_history(&t.store, event.heading.id)
        .await
        .unwrap();
    assert!(history.len() >= 40, "{} history lines", history.len());
}

#[tokio::test]
async fn deleting_who_am_i_clears_the_setting() {
    let t = open().await;
    let zoe = new_zoe(&t.store).await;
    commands::ledger::set_current_person(&t.store, zoe)
        .await
        .unwrap();
    commands::directory::delete_person(&t.store, zoe)
        .await
        .unwrap();
    assert!(commands::ledger::current_person(&t.store)
        .await
        .unwrap()
        .is_none());
    assert!(new_zoe(&t.store).await > zoe);
    assert!(
        commands::ledger::current_person(&t.store)
            .await
            .unwrap()
            .is_none(),
        "a new person became who am I"
    );
}

/// Sets one stored value to a code no version of the app writes and returns
/// the value it had.
async fn corrupt(store: &Store, table: &str, column: &str, id: i64) -> String {
    let was: String = sqlx::query_scalar(&format!("SELECT {column} FROM {table} WHERE id = ?"))
        .bind(id)
        .fetch_one(&store.pool)
        .await
        .unwrap();
    sqlx::query(&format!(
        "UPDATE {table} SET {column} = 'bogus' WHERE id = ?"
    ))
    .bind(id)
    .execute(&store.pool)
    .await
    .unwrap_or_else(|e| panic!("{table}.{column}: {e}"));
    was
}

async fn restore(store: &Store, table: &str, column: &str, id: i64, was: &str) {
    sqlx::query(&format!("UPDATE {table} SET {column} = ? WHERE id = ?"))
        .bind(was)
        .bind(id)
        .execute(&store.pool)
        .await
        .unwrap();
}

/// The read refused, naming the record, the field and the value.
fn refused<T: std::fmt::Debug>(read: AppResult<T>, record: &str, field: &str) {
    match read {
        Err(AppError::Io(message)) => assert!(
            message.contains(record) && message.contains(&format!("unreadable {field} \"bogus\"")),
            "{message}"
        ),
        other => panic!("{record} {field}: expected a refusal, got {other:?}"),
    }
}

/// A stored value the app cannot read back (edited by hand, written by a
/// newer version) is reported, never read as a default: a status read as
/// "draft" or "in progress" would unlock edits, and a later save would
/// write the guess back over the record.
#[tokio::test]
async fn an_unreadable_stored_value_is_reported_never_guessed() {
    use aspen_desk::commands::{directory as dir, ledger as led, plans as pl};
    use aspen_desk::domain::ledger::LedgerFilter;
    use aspen_desk::store::certification as cert;
    let t = open().await;
    let s = &t.store;
    let c = crate::plans::certified(s).await;
    let strategic = led::enroll(s, c.person, "strategic", Some("2024-01-01")).await;
    let enrollment = strategic.expect("enrolled").id;
    let plan = pl::create(s, &crate::plans::plan_input(enrollment, &c.goals)).await;
    let plan = plan.expect("plan").id;
    let event = commands::create_event(s, &seed())
        .await
        .expect("event")
        .heading
        .id;
    let link = ResourceInput {
        title: "Slides".into(),
        url: Some("https://example.org/slides".into()),
        ..Default::default()
    };
    let resource = commands::add_resource(s, event, &link)
        .await
        .expect("link")
        .id;
    let post: i64 = crate::support::scalar(s, "SELECT max(id) FROM positions").await;
    let all = LedgerFilter::default();
    let credit = led::attend_event(s, c.person, event, None).await;
    let credit = credit.expect("attended")[0].id;

    // (table.column, row, what the refusal names: record and field)
    let cases = [
        ("events.status", event, "event", "status"),
        (
            "event_resources.resource_type",
            resource,
            "resource",
            "type",
        ),
        ("credit_entries.status", credit, "credit entry", "status"),
        ("enrollments.due_date", enrollment, "enrollment", "due date"),
        ("enrollments.status", enrollment, "enrollment", "status"),
        ("plans.status", plan, "plan", "status"),
        ("positions.position_type", post, "position", "position type"),
    ];
    for (column, id, record, field) in cases {
        let (table, column) = column.split_once('.').expect("table.column");
        let was = corrupt(s, table, column, id).await;
        match table {
            "events" | "event_resources" => {
                refused(commands::get_event(s, event).await, record, field)
            }
            "credit_entries" => refused(led::list_credits(s, c.person, &all).await, record, field),
            "enrollments" => refused(cert::get(s, enrollment).await, record, field),
            "plans" => refused(pl::show(s, plan).await, record, field),
            _ => refused(dir::get_position(s, post).await, record, field),
        }
        restore(s, table, column, id, &was).await;
    }
    // Put back, every record reads as before.
    commands::get_event(s, event).await.expect("event");
    led::list_credits(s, c.person, &all).await.expect("ledger");
    assert_eq!(
        cert::get(s, enrollment)
            .await
            .expect("enrollment")
            .due_date
            .to_string(),
        "2028-01-01"
    );
    pl::show(s, plan).await.expect("plan");
    dir::get_position(s, post).await.expect("position");
}
