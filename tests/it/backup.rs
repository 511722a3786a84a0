//! Backups, restore (and its recovery after a crash) and automatic backups,
//! on real data folders holding a row in every table and files in the file
//! store. The filled folder and its fingerprint serve `json_transfer` too.

use crate::cli::run;
use crate::plans::{certified, plan_input};
use crate::support::{enroll, invalid_fields, open, open_with_sample, step, TestStore};
use aspen_desk::commands::backup::{self as bk, BackupSettingsInput};
use aspen_desk::commands::{self, ledger as led, plans as pl};
use aspen_desk::domain::ledger::CreditEntryInput;
use aspen_desk::domain::resource::ResourceInput;
use aspen_desk::export::json;
use aspen_desk::store::{transfer, Store};
use chrono::{Duration, Utc};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Fills a data folder so that every table holds rows and the file store
/// holds blobs: the sample catalog and directory, a certified director with
/// a Strategic Track plan and its document, credits with evidence, a file
/// resource and an activity.
async fn fill(store: &Store) {
    commands::load_sample_catalog(store).await.expect("sample");
    let c = certified(store).await;
    led::set_current_person(store, c.person).await.expect("me");
    let scratch = tempfile::tempdir().expect("scratch");
    let handout = scratch.path().join("Handout – été.txt");
    std::fs::write(&handout, "Bring a library card.\n".repeat(50)).expect("handout");
    commands::add_resource(
        store,
        1,
        &ResourceInput {
            title: "Handout".into(),
            resource_type: Some("handout".into()),
            tags: vec!["print".into()],
            url: None,
            path: Some(handout.display().to_string()),
        },
    )
    .await
    .expect("resource");
    let entry = led::add_credit(
        store,
        &CreditEntryInput {
            person_id: c.person,
            kind: Some("independent".into()),
            title: "Weeding workshop".into(),
            date: "2024-05-01".into(),
            category: "CMTS".into(),
            credits: Some(1.5),
            sponsor: Some("Pathfinder Federation".into()),
            ..Default::default()
        },
    )
    .await
    .expect("credit");
    let evidence = scratch.path().join("certificate.txt");
    std::fs::write(&evidence, "Certificate of attendance").expect("evidence");
    led::attach_evidence(store, entry.id, evidence.to_str().expect("path"))
        .await
        .expect("evidence");
    let strategic = enroll(store, c.person, "strategic", Some("2024-01-01")).await;
    let plan = pl::create(store, &plan_input(strategic, &c.goals))
        .await
        .expect("plan");
    let pdf = scratch.path().join("plan.pdf");
    pl::export_pdf(store, plan.id, &pdf).await.expect("pdf");
    let plan = pl::upload(store, plan.id, pdf.to_str().expect("path"))
        .await
        .expect("upload");
    pl::set_status(store, plan.id, &step("submitted", "2024-02-01", None), None)
        .await
        .expect("submit");
    pl::add_activity(
        store,
        &pl::ActivityInput {
            person_id: c.person,
            title: "Shadowing a children's librarian".into(),
            description: "A week of storytimes".into(),
            plan_goal_id: Some(plan.goals[0].id),
            date: "2024-04-01".into(),
            hours: 6.0,
            learned: "Planning a storytime series".into(),
            ..Default::default()
        },
    )
    .await
    .expect("activity");
}

/// Every row of every table (the JSON export) plus every blob's name and
/// SHA-256: if this is unchanged, nothing in the data folder changed.
pub(crate) async fn everything(store: &Store) -> String {
    let export = json::render(&transfer::export_all(store).await.expect("export"));
    let mut blobs = BTreeSet::new();
    collect_blobs(&store.data_dir().join("files"), &mut blobs);
    format!(
        "{}\n{}",
        String::from_utf8(export).expect("utf-8"),
        blobs.into_iter().collect::<Vec<_>>().join("\n")
    )
}

fn collect_blobs(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_blobs(&path, out);
        } else {
            let bytes = std::fs::read(&path).expect("blob");
            out.insert(format!(
                "{} {}",
                path.strip_prefix(dir).expect("inside").display(),
                hex::encode(Sha256::digest(bytes))
            ));
        }
    }
}

fn siblings(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.parent().expect("parent"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

type ProgressLog = Arc<Mutex<Vec<(u64, u64)>>>;

fn recording() -> (ProgressLog, aspen_desk::store::backup::Progress) {
    let log: ProgressLog = Arc::new(Mutex::new(Vec::new()));
    let sink = log.clone();
    (
        log,
        Box::new(move |done, total| sink.lock().expect("log").push((done, total))),
    )
}

/// A fresh data folder filled by `fill`.
pub(crate) async fn open_filled() -> TestStore {
    let t = open().await;
    fill(&t.store).await;
    t
}

/// A data folder of its own under `root`, so restore can put folders beside it.
pub(crate) async fn open_in(root: &Path) -> (Store, PathBuf) {
    let dir = root.join("data");
    (Store::open(&dir).await.expect("open"), dir)
}

/// A data folder `root/data` filled as `fill` does.
async fn filled_in(root: &Path) -> (Store, PathBuf) {
    let (store, dir) = open_in(root).await;
    fill(&store).await;
    (store, dir)
}

#[tokio::test]
async fn backup_and_restore_give_back_the_same_records_and_files() {
    let root = tempfile::tempdir().expect("root");
    let (store, data_dir) = filled_in(root.path()).await;
    let before = everything(&store).await;
    let backup_file = root.path().join("backup.zip");
    let (log, progress) = recording();
    let report = bk::backup_now(&store, &backup_file, progress)
        .await
        .expect("backup");
    assert_eq!(report.files, 3);
    let log = log.lock().expect("log").clone();
    assert!(
        log.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress goes forward"
    );
    assert_eq!(log.last().copied(), Some((report.bytes, report.bytes)));
    let status = bk::backup_status(&store, Utc::now()).await.expect("status");
    assert!(status.last_backup_at.is_some() && status.warning.is_none());
    // The backup time is itself a record, written after the copy was taken.
    let at_backup = everything(&store).await;
    assert_ne!(at_backup, before);

    // Changes after the backup are undone by the restore, and kept aside.
    commands::delete_event(&store, 2).await.expect("delete");
    std::fs::write(data_dir.join("files/stray.txt"), "x").expect("stray");
    // The window's way: a refused file leaves the store open and working.
    let junk = root.path().join("junk.zip");
    std::fs::write(&junk, "junk").expect("junk");
    bk::restore_closing_store(&store, &junk, bk::no_progress())
        .await
        .expect_err("junk");
    assert!(commands::get_event(&store, 3).await.is_ok());
    let (log, progress) = recording();
    let restored = bk::restore_closing_store(&store, &backup_file, progress)
        .await
        .expect("restore");
    assert!(store.pool.is_closed());
    assert_eq!(restored.files, 3);
    assert!(log.lock().expect("log").len() > 1);
    let aside = PathBuf::from(restored.previous_data_dir.expect("kept aside"));
    assert!(aside
        .file_name()
        .expect("name")
        .to_string_lossy()
        .starts_with("data.before-restore-"));
    assert!(aside.join("files/stray.txt").is_file());

    let store = Store::open(&data_dir).await.expect("reopen");
    assert_eq!(everything(&store).await, at_backup);
    let old = Store::open(&aside).await.expect("old");
    assert!(
        commands::get_event(&old, 2).await.is_err(),
        "the aside folder is the old one"
    );
    old.close().await;
    store.close().await;
}

/// Reads a backup's entries, changes them with `edit`, and writes a new zip.
fn rewrite_backup(source: &Path, target: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(source).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(target).expect("create"));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&edit(&name, bytes)).expect("write");
    }
    out.finish().expect("finish");
}

#[tokio::test]
async fn a_damaged_truncated_or_newer_backup_is_refused_and_changes_nothing() {
    let root = tempfile::tempdir().expect("root");
    let (store, data_dir) = filled_in(root.path()).await;
    let good = root.path().join("good.zip");
    bk::backup_now(&store, &good, bk::no_progress())
        .await
        .expect("backup");
    commands::delete_event(&store, 3)
        .await
        .expect("a change after the backup");
    let before = everything(&store).await;
    store.close().await;
    let bytes = std::fs::read(&good).expect("read");

    let truncated = root.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).expect("write");
    // A flipped byte in the middle of the file lands in the database or a blob.
    let flipped = root.path().join("flipped.zip");
    let mut changed = bytes.clone();
    changed[bytes.len() / 2] ^= 0x01;
    std::fs::write(&flipped, &changed).expect("write");
    // A blob whose bytes no longer match the manifest (zip checksums fine).
    let tampered = root.path().join("tampered.zip");
    rewrite_backup(&good, &tampered, |name, mut bytes| {
        if name.starts_with("files/") {
            bytes[0] ^= 0x20;
        }
        bytes
    });
    let newer = root.path().join("newer.zip");
    rewrite_backup(&good, &newer, |name, bytes| {
        if name != "manifest.json" {
            return bytes;
        }
        let mut manifest: serde_json::Value = serde_json::from_slice(&bytes).expect("manifest");
        manifest["schema_version"] =
            serde_json::json!(aspen_desk::store::known_schema_version() + 1);
        serde_json::to_vec(&manifest).expect("json")
    });
    let no_manifest = root.path().join("no-manifest.zip");
    {
        let mut archive =
            zip::ZipArchive::new(std::fs::File::open(&good).expect("open")).expect("zip");
        let mut out = zip::ZipWriter::new(std::fs::File::create(&no_manifest).expect("create"));
        let mut db = Vec::new();
        archive
            .by_name("database.sqlite3")
            .expect("db")
            .read_to_end(&mut db)
            .expect("read");
        out.start_file("database.sqlite3", zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&db).expect("write");
        out.finish().expect("finish");
    }
    let not_a_zip = root.path().join("notes.zip");
    std::fs::write(&not_a_zip, "just some notes").expect("write");

    let folders = siblings(&data_dir);
    for (file, says) in [
        (&truncated, "not a complete Aspen Desk backup"),
        (&flipped, "not a complete Aspen Desk backup"),
        (&tampered, "does not match its SHA-256"),
        (&newer, "newer Aspen Desk"),
        (&no_manifest, "no manifest.json"),
        (&not_a_zip, "not a complete Aspen Desk backup"),
        (&root.path().join("missing.zip"), "Cannot open"),
    ] {
        let err = bk::restore_backup(&data_dir, file, bk::no_progress())
            .await
            .expect_err(says);
        assert!(err.to_string().contains(says), "{}: {err}", file.display());
        assert_eq!(invalid_fields(err), ["backup"]);
        assert_eq!(
            siblings(&data_dir),
            folders,
            "{} left a folder behind",
            file.display()
        );
        let store = Store::open(&data_dir).await.expect("reopen");
        assert_eq!(
            everything(&store).await,
            before,
            "{} changed the data",
            file.display()
        );
        store.close().await;
    }
}

#[tokio::test]
async fn a_backup_is_never_written_inside_the_data_folder() {
    let t = open().await;
    for inside in [t.dir.path().join("b.zip"), t.dir.path().join("files/b.zip")] {
        let err = bk::backup_now(&t.store, &inside, bk::no_progress())
            .await
            .expect_err("inside");
        assert_eq!(invalid_fields(err), ["destination"]);
        assert!(!inside.exists());
        let err = bk::export_json(&t.store, &inside)
            .await
            .expect_err("inside");
        assert_eq!(invalid_fields(err), ["destination"]);
    }
    let status = bk::backup_status(&t.store, Utc::now())
        .await
        .expect("status");
    assert!(status.last_backup_at.is_none() && status.warning.is_some());
}

#[tokio::test]
async fn automatic_backups_run_once_a_day_and_keep_the_last_n() {
    let t = open_with_sample().await;
    let folder = tempfile::tempdir().expect("folder");
    std::fs::write(folder.path().join("notes.zip"), "mine").expect("mine");
    std::fs::write(folder.path().join("aspen-desk-backup-old.zip"), "mine").expect("mine");

    let start = Utc::now() - Duration::days(10);
    assert!(bk::auto_backup_if_due(&t.store, start)
        .await
        .expect("off")
        .is_none());
    let settings = |folder: &Path, keep: u32| BackupSettingsInput {
        folder: Some(folder.display().to_string()),
        keep,
    };
    let err = bk::set_backup_settings(&t.store, &settings(folder.path(), 0))
        .await
        .expect_err("keep 0");
    assert_eq!(invalid_fields(err), ["keep"]);
    let inside = t.dir.path().join("files");
    let err = bk::set_backup_settings(&t.store, &settings(&inside, 3))
        .await
        .expect_err("inside");
    assert_eq!(invalid_fields(err), ["folder"]);
    let status = bk::set_backup_settings(&t.store, &settings(folder.path(), 3))
        .await
        .expect("settings");
    assert_eq!(status.keep, 3);

    let mut made = Vec::new();
    for (hours, due) in [
        (0, true),
        (5, false),
        (23, false),
        (24, true),
        (48, true),
        (49, false),
        (72, true),
        (96, true),
    ] {
        let now = start + Duration::hours(hours);
        let report = bk::auto_backup_if_due(&t.store, now).await.expect("auto");
        assert_eq!(report.is_some(), due, "at +{hours} h");
        if let Some(report) = report {
            made.push(PathBuf::from(report.path));
        }
    }
    assert_eq!(made.len(), 5);
    let mut names: Vec<String> = std::fs::read_dir(folder.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let newest: Vec<String> = made[2..]
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    let mut expected = vec![
        "aspen-desk-backup-old.zip".to_string(),
        "notes.zip".to_string(),
    ];
    expected.extend(newest);
    expected.sort();
    assert_eq!(names, expected);

    let dashboard = led::dashboard(&t.store).await.expect("dashboard");
    let last = (start + Duration::hours(96)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    assert_eq!(
        dashboard.backup.last_backup_at.as_deref(),
        Some(last.as_str())
    );
    assert_eq!(dashboard.backup.warning, None);

    // Each automatic backup restores.
    let root = tempfile::tempdir().expect("root");
    let target = root.path().join("data");
    bk::restore_backup(&target, &made[4], bk::no_progress())
        .await
        .expect("restore the newest");
    let restored = Store::open(&target).await.expect("open");
    assert_eq!(
        aspen_desk::store::events::count(&restored)
            .await
            .expect("count"),
        240
    );
    restored.close().await;
}

#[test]
fn the_command_line_backs_up_restores_exports_and_imports() {
    let root = tempfile::tempdir().expect("root");
    let data = root.path().join("data");
    let ok = |out: std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("json")
    };
    let refused = |out: std::process::Output, says: &str| {
        assert_eq!(
            out.status.code(),
            Some(2),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
    };
    assert!(run(&data, &["demo-data"], None).status.success());
    let backup = root.path().join("b.zip");
    let report = ok(run(
        &data,
        &["backup", "--out", backup.to_str().expect("path")],
        None,
    ));
    assert_eq!(report["files"], 0);
    let export = root.path().join("all.json");
    ok(run(
        &data,
        &["export", "json", "--out", export.to_str().expect("path")],
        None,
    ));

    // Bad input: exit 2, a message, no output file.
    let inside = data.join("inside.zip");
    refused(
        run(
            &data,
            &["backup", "--out", inside.to_str().expect("path")],
            None,
        ),
        "own data folder",
    );
    assert!(!inside.exists());
    let nowhere = root.path().join("no/such/folder.json");
    refused(
        run(
            &data,
            &["export", "json", "--out", nowhere.to_str().expect("path")],
            None,
        ),
        "does not exist",
    );
    assert!(!nowhere.exists());
    let garbage = root.path().join("garbage.zip");
    std::fs::write(&garbage, b"PK\x03\x04 not really").expect("garbage");
    refused(
        run(&data, &["restore", garbage.to_str().expect("path")], None),
        "not a complete Aspen Desk backup",
    );
    refused(
        run(&data, &["import", export.to_str().expect("path")], None),
        "already holds records",
    );
    // Not a JSON export: the importers read it, and refuse a binary file.
    refused(
        run(&data, &["import", garbage.to_str().expect("path")], None),
        "binary file",
    );

    let other = root.path().join("other");
    let imported = ok(run(
        &other,
        &["import", export.to_str().expect("path")],
        None,
    ));
    assert!(imported["rows"].as_u64().expect("rows") > 240);
    let again = root.path().join("again.json");
    ok(run(
        &other,
        &["export", "json", "--out", again.to_str().expect("path")],
        None,
    ));
    assert_eq!(
        std::fs::read(&export).expect("a"),
        std::fs::read(&again).expect("b")
    );

    assert!(run(&data, &["events", "delete", "1"], None)
        .status
        .success());
    assert!(!run(&data, &["events", "show", "1", "--json"], None)
        .status
        .success());
    // Never swapped from under an open window.
    let window = aspen_desk::single_instance::claim(&data);
    refused(
        run(&data, &["restore", backup.to_str().expect("path")], None),
        "Aspen Desk is open on this data folder",
    );
    drop(window);
    let restored = ok(run(
        &data,
        &["restore", backup.to_str().expect("path")],
        None,
    ));
    assert!(restored["previous_data_dir"]
        .as_str()
        .expect("aside")
        .contains("data.before-restore-"));
    let shown = run(&data, &["events", "show", "1", "--json"], None);
    assert!(shown.status.success(), "event 1 is back");
}

/// What `swap_in` leaves when the machine stops between its two moves: the
/// data folder moved aside, the checked staging folder of the same time, no
/// data folder. Two restores in that same second had already moved folders
/// aside (`…-021500`, `…-021500-2`): the tenth is this one.
fn stop_between_the_moves(data_dir: &Path) -> PathBuf {
    for earlier in [
        "data.before-restore-20261201-021500",
        "data.before-restore-20261201-021500-2",
    ] {
        std::fs::create_dir(data_dir.with_file_name(earlier)).expect("earlier");
    }
    let aside = data_dir.with_file_name("data.before-restore-20261201-021500-10");
    std::fs::rename(data_dir, &aside).expect("move aside");
    std::fs::create_dir(data_dir.with_file_name("data.restoring-20261201-021500-4242"))
        .expect("staging");
    aside
}

#[tokio::test]
async fn a_restore_stopped_between_its_two_moves_opens_on_the_librarians_records() {
    let root = tempfile::tempdir().expect("root");
    let (store, data_dir) = filled_in(root.path()).await;
    let before = everything(&store).await;
    store.close().await;
    // An older restore's folder, kept aside as restores do: not the one to put back.
    std::fs::create_dir(data_dir.with_file_name("data.before-restore-20250101-080000"))
        .expect("older");
    let aside = stop_between_the_moves(&data_dir);

    let store = Store::open(&data_dir).await.expect("open");
    assert_eq!(everything(&store).await, before);
    assert!(!aside.exists(), "the folder moved aside went back");
    assert_eq!(
        siblings(&data_dir),
        [
            "data",
            "data.before-restore-20250101-080000",
            "data.before-restore-20261201-021500",
            "data.before-restore-20261201-021500-2",
            "data.restoring-20261201-021500-4242",
        ]
    );
    store.close().await;
}

#[tokio::test]
async fn a_data_folder_removed_by_hand_is_not_replaced_by_an_old_one() {
    let root = tempfile::tempdir().expect("root");
    let (store, data_dir) = filled_in(root.path()).await;
    store.close().await;
    let aside = data_dir.with_file_name("data.before-restore-20261201-021500");
    std::fs::rename(&data_dir, &aside).expect("move aside");
    // A later restore stopped while unpacking (its time has no folder moved
    // aside): it never touched the data folder, so the empty start is wanted.
    std::fs::create_dir(data_dir.with_file_name("data.restoring-20261202-080000-4242"))
        .expect("staging");

    let store = Store::open(&data_dir).await.expect("open");
    assert!(
        commands::get_event(&store, 1).await.is_err(),
        "starts empty"
    );
    assert!(aside.is_dir(), "the old folder is left where it is");
    store.close().await;
}

#[test]
fn staging_folders_of_stopped_restores_are_swept_once_an_hour_old() {
    let root = tempfile::tempdir().expect("root");
    let data_dir = root.path().join("data");
    std::fs::create_dir(&data_dir).expect("data folder");
    let staging = |name: String| {
        let folder = data_dir.with_file_name(name);
        std::fs::create_dir_all(folder.join("files")).expect("staging");
        std::fs::write(folder.join("aspen-desk.db"), "half unpacked").expect("part");
        folder
    };
    // No process has id 99999999 (Linux's pid_max is at most 4194304).
    let stale = staging("data.restoring-20261130-090000-99999999".into());
    let fresh = staging("data.restoring-20261201-021500-99999998".into());
    // Old, but its process (this test) is still running: it may be unpacking.
    let running = staging(format!(
        "data.restoring-20261130-090000-{}",
        std::process::id()
    ));
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for old in [&stale, &running] {
        std::fs::File::open(old)
            .and_then(|f| f.set_modified(two_hours_ago))
            .expect("age the folder");
    }
    let hour = std::time::Duration::from_secs(3600);

    let swept = aspen_desk::store::backup::sweep_restore_staging(&data_dir, hour);
    assert_eq!(swept, 1);
    assert!(!stale.exists());
    assert!(fresh.is_dir(), "a restore may be unpacking it right now");
    assert!(running.is_dir(), "its restore is still running");
    assert!(data_dir.is_dir());
}
