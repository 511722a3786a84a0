//! Importing ASPeN pages, calendars and credit spreadsheets through the
//! command layer, on real SQLite files: previews, saves, updates, refusals
//! that change nothing, and a cancelled 10,000-event import.

use crate::support::{fingerprint, invalid_fields, open, person, read_event, rows};
use aspen_desk::commands::import::{self, ImportAction, ImportOptions, ImportProgress};
use aspen_desk::commands::{self, directory as dir};
use aspen_desk::domain::directory::{OrganizationInput, PositionInput};
use aspen_desk::domain::search::{EventSearch, Paging};
use aspen_desk::error::AppResult;
use aspen_desk::import::ImportKind;
use aspen_desk::picked::{PickedFiles, Purpose};
use aspen_desk::store::Store;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).expect("fixture")
}

async fn save(
    store: &Store,
    name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> AppResult<import::ImportReport> {
    import::save(store, Some(name), bytes, options, |_| {}, Arc::default()).await
}

/// Saves a fixture under its own name, with the default options.
async fn save_fixture(store: &Store, name: &str) -> AppResult<import::ImportReport> {
    save(store, name, &fixture(name), &ImportOptions::default()).await
}

async fn found(store: &Store, text: &str) -> Vec<String> {
    let search = EventSearch {
        text: text.into(),
        all_dates: true,
        paging: Paging::first(50),
        ..Default::default()
    };
    commands::search_events(store, &search)
        .await
        .expect("search")
        .items
        .into_iter()
        .map(|e| e.heading.title)
        .collect()
}

#[tokio::test]
async fn the_seed_page_previews_saves_once_and_is_left_unchanged_the_second_time() {
    let t = open().await;
    let page = fixture("seed-page.txt");
    let before = fingerprint(&t.store, t.dir.path()).await;
    let preview = import::preview(&t.store, None, &page, &ImportOptions::default())
        .await
        .expect("preview");
    assert_eq!(preview.batch.kind, ImportKind::AspenPage);
    assert_eq!(preview.batch.events[0].action, ImportAction::Create);
    assert_eq!(
        preview.batch.events[0].event.begin_display,
        "Wednesday, June 2, 2021 2:00 PM"
    );
    assert_eq!(
        before,
        fingerprint(&t.store, t.dir.path()).await,
        "a preview saves nothing"
    );

    let first = save(&t.store, "page.txt", &page, &ImportOptions::default())
        .await
        .expect("save");
    assert_eq!((first.created, first.updated), (1, 0));
    let id = first.batch.events[0].event.heading.id;
    assert!(id > 0);
    assert_eq!(
        found(&t.store, "strategic track").await,
        ["NEW Strategic Track to MSL Certification: what librarians need to know"]
    );

    let again = import::preview(&t.store, None, &page, &ImportOptions::default())
        .await
        .expect("preview");
    assert_eq!(again.batch.events[0].action, ImportAction::Unchanged);
    assert!(again.batch.events[0].changes.is_empty());
    assert_eq!(again.batch.events[0].event.heading.id, id);
    let second = save(&t.store, "page.txt", &page, &ImportOptions::default())
        .await
        .expect("save");
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (0, 0, 1),
        "the same page again changes nothing"
    );
    let count = rows(&t.store, "events").await;
    assert_eq!(count, 1, "the same page twice leaves one event");
    let shown = read_event(&t.store, id).await;
    assert_eq!(shown.credits[0].credits, 0.5);
}

#[tokio::test]
async fn trainers_that_name_a_directory_position_are_linked() {
    let t = open().await;
    let org = dir::create_org(
        &t.store,
        &OrganizationInput {
            name: "Miles City Public Library".into(),
            org_type: Some("public_library".into()),
            ..Default::default()
        },
    )
    .await
    .expect("org");
    let person = person(&t.store, "Whitehorse", "Dana").await;
    let position = dir::create_position(
        &t.store,
        &PositionInput {
            person_id: Some(person),
            organization_id: org.id,
            position_type: Some("director".into()),
            title: "Director".into(),
            ..Default::default()
        },
    )
    .await
    .expect("position");
    let report = save_fixture(&t.store, "place-name-only.txt")
        .await
        .expect("save");
    let event = read_event(&t.store, report.batch.events[0].event.heading.id).await;
    assert_eq!(
        event.details.trainer_positions[0].position_id,
        Some(position.id)
    );
    assert_eq!(
        event.details.trainer_positions[0].text,
        "Whitehorse, Dana - Director (Miles City Public Library)"
    );

    // A contact the directory does not know keeps its text.
    let other = save_fixture(&t.store, "colon-online.txt")
        .await
        .expect("save");
    let event = read_event(&t.store, other.batch.events[0].event.heading.id).await;
    assert_eq!(event.details.contact_positions[0].position_id, None);
    assert_eq!(
        event.details.contact_positions[0].text,
        "Ferreira, Luz - Youth Services Consultant (Montana State Library)"
    );
}

#[tokio::test]
async fn garbage_binary_truncated_empty_and_huge_files_are_refused_and_change_nothing() {
    let t = open().await;
    save_fixture(&t.store, "seed-page.txt").await.expect("seed");
    let before = fingerprint(&t.store, t.dir.path()).await;
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend([0u8; 64]);
    let seed = fixture("seed-page.txt");
    let calendar = fixture("calendar.ics");
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("garbage.txt", b"lorem ipsum dolor\nsit amet\n".to_vec()),
        ("description.txt", fixture("only-description.txt")),
        ("image.png", png),
        ("empty.txt", Vec::new()),
        ("truncated.txt", seed[..200].to_vec()),
        ("truncated.ics", calendar[..300].to_vec()),
        (
            "garbage.ics",
            b"BEGIN:VCALENDAR\nthis is : not : ical\n".to_vec(),
        ),
        ("garbage.csv", b"\"unclosed,quote\nx,y".to_vec()),
        ("empty.ics", b"\r\n".to_vec()),
        ("empty.csv", Vec::new()),
        (
            "header-only.csv",
            b"date,title,kind,category,credits\n".to_vec(),
        ),
        ("empty.html", b"<html><body></body></html>".to_vec()),
        (
            "binary.ics",
            [b"BEGIN:VCALENDAR\r\n".as_slice(), &[0u8; 32]].concat(),
        ),
    ];
    for (name, bytes) in cases {
        let err = save(&t.store, name, &bytes, &ImportOptions::default())
            .await
            .expect_err(name);
        assert!(err.is_user_error(), "{name}: {err}");
        assert!(!err.to_string().is_empty());
        assert!(
            import::preview(&t.store, Some(name), &bytes, &ImportOptions::default())
                .await
                .is_err(),
            "{name}"
        );
    }
    // A 100 MB file of each kind is refused from its size, before it is
    // read, by the command line's path and by the window's (a chosen or
    // dropped file).
    let sessions = import::ImportSessions::default();
    for name in ["huge.txt", "huge.html", "huge.ics", "huge.csv"] {
        let huge = t.dir.path().join(name);
        let file = std::fs::File::create(&huge).expect("create");
        file.set_len(100 * 1024 * 1024).expect("grow");
        let err = import::import_file(&t.store, &huge, &ImportOptions::default(), false)
            .await
            .expect_err("too large");
        assert!(err.to_string().contains("100 MB"), "{err}");
        assert_eq!(invalid_fields(err), ["file"]);
        let err = sessions.add_file(&huge).expect_err("too large");
        assert_eq!(invalid_fields(err), ["file"]);
        std::fs::remove_file(&huge).expect("remove");
    }
    let missing = import::import_file(
        &t.store,
        &t.dir.path().join("nope.txt"),
        &ImportOptions::default(),
        false,
    )
    .await;
    assert!(missing.is_err());
    assert_eq!(before, fingerprint(&t.store, t.dir.path()).await);
}

#[tokio::test]
async fn a_csv_with_a_bad_row_in_the_middle_saves_nothing_unless_only_good() {
    let t = open().await;
    let person_id = person(&t.store, "Redfeather", "Mae").await;
    let csv = fixture("credits-bad-row.csv");
    let options = ImportOptions {
        person_id: Some(person_id),
        only_good: false,
    };
    let preview = import::preview(&t.store, Some("c.csv"), &csv, &options)
        .await
        .expect("preview");
    assert_eq!(preview.batch.kind, ImportKind::CreditsCsv);
    assert_eq!(preview.batch.credits.len(), 2);
    assert!(preview.batch.errors.iter().all(|e| e.row == 3));
    let err = save(&t.store, "c.csv", &csv, &options)
        .await
        .expect_err("a bad row");
    assert!(invalid_fields(err).iter().all(|f| f.starts_with("row 3 ")));
    assert_eq!(rows(&t.store, "credit_entries").await, 0);

    let only_good = ImportOptions {
        only_good: true,
        ..options
    };
    let saved = save(&t.store, "c.csv", &csv, &only_good)
        .await
        .expect("good rows");
    assert_eq!(saved.created, 2);
    assert_eq!(rows(&t.store, "credit_entries").await, 2);
}

#[tokio::test]
async fn a_csv_of_every_kind_is_logged_for_the_person() {
    let t = open().await;
    let person_id = person(&t.store, "Redfeather", "Mae").await;
    let options = ImportOptions {
        person_id: Some(person_id),
        only_good: false,
    };
    let err = save_fixture(&t.store, "credits.csv")
        .await
        .expect_err("whose?");
    assert_eq!(invalid_fields(err), ["person"]);
    let saved = save(&t.store, "c.csv", &fixture("credits.csv"), &options)
        .await
        .expect("save");
    assert_eq!(saved.created, 3);
    let ledger = commands::ledger::list_credits(&t.store, person_id, &Default::default())
        .await
        .expect("ledger");
    let mut credits: Vec<(String, f64)> = ledger
        .entries
        .iter()
        .map(|e| (e.title.clone(), e.credits))
        .collect();
    credits.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        credits,
        [
            ("Cataloging in RDA".into(), 4.0),
            ("Readers' Advisory Refresh".into(), 1.5),
            ("Tech Trends Session".into(), 1.0)
        ]
    );
}

#[tokio::test]
async fn a_calendar_is_imported_with_progress() {
    let t = open().await;
    let ics = aspen_desk::import::sample::calendar(commands::today(), 600);
    let mut seen: Vec<ImportProgress> = Vec::new();
    let report = import::save(
        &t.store,
        Some("catalog.ics"),
        ics.as_bytes(),
        &ImportOptions::default(),
        |p| seen.push(p),
        Arc::default(),
    )
    .await
    .expect("save");
    assert_eq!(report.batch.kind, ImportKind::Ics);
    let saved = report.created;
    assert!(saved > 500, "{saved}");
    let done: Vec<usize> = seen.iter().map(|p| p.done).collect();
    assert_eq!(done, [250, 500, saved]);
    assert!(seen.iter().all(|p| p.total == saved));
    assert_eq!(found(&t.store, "\"Strategic Track\"").await.len(), 1);
    assert_eq!(rows(&t.store, "events_fts").await as usize, saved);
}

#[tokio::test]
async fn a_cancelled_10000_event_import_leaves_nothing() {
    let t = open().await;
    let before = fingerprint(&t.store, t.dir.path()).await;
    let ics = aspen_desk::import::sample::calendar(commands::today(), 10_000);
    let cancel = Arc::new(AtomicBool::new(false));
    let stop = cancel.clone();
    let mut calls = 0;
    let report = import::save(
        &t.store,
        Some("big.ics"),
        ics.as_bytes(),
        &ImportOptions::default(),
        |_| {
            calls += 1;
            stop.store(true, Ordering::Relaxed);
        },
        cancel,
    )
    .await
    .expect("cancelled, not failed");
    assert!(report.canceled);
    assert_eq!(calls, 1, "cancelled after the first progress report");
    assert_eq!((report.created, report.updated), (0, 0));
    assert_eq!(before, fingerprint(&t.store, t.dir.path()).await);
}

#[tokio::test]
async fn pasted_text_waits_in_a_session_until_it_is_saved() {
    let t = open().await;
    let sessions = import::ImportSessions::default();
    let text = String::from_utf8(fixture("seed-page.txt")).expect("utf-8");
    let source = sessions.add(None, text.into_bytes()).expect("session");
    assert_eq!(source.name, "Pasted text");
    let options = ImportOptions::default();
    let preview = sessions
        .preview(&t.store, source.session, &options)
        .await
        .expect("preview");
    assert_eq!(preview.batch.events.len(), 1);
    // A cancel before the save does not stop the save that follows.
    sessions.cancel(source.session).expect("cancel");
    let saved = sessions
        .save(&t.store, source.session, &options, |_| {})
        .await
        .expect("save");
    assert_eq!(saved.created, 1);
    let again = sessions
        .preview(&t.store, source.session, &options)
        .await
        .expect_err("forgotten");
    assert_eq!(invalid_fields(again), ["session"]);
    let huge = sessions.add(Some("big.ics".into()), vec![b'x'; 33 * 1024 * 1024]);
    assert!(huge.is_err());
}

/// The Rust side of a drop, as `app.rs` and `import_open` run it: dropped
/// paths become single-use tokens, a token opens the file for its preview
/// and save; a folder or a used token is refused. (The e2e test drops a real
/// file on the window.)
#[tokio::test]
async fn a_dropped_calendar_is_imported_through_its_token() {
    let t = open().await;
    let files = tempfile::tempdir().expect("dir");
    let calendar = files.path().join("Spring training.ics");
    std::fs::write(&calendar, fixture("calendar.ics")).expect("write");
    let picked = PickedFiles::default();
    let dropped = picked.remember_dropped(&[calendar.clone(), files.path().to_path_buf()]);
    assert_eq!(dropped.len(), 2);
    assert_eq!(dropped[0].name, "Spring training.ics");
    assert_eq!(dropped[0].size, Some(fixture("calendar.ics").len() as u64));

    let sessions = import::ImportSessions::default();
    let open_file = |token: &str| -> aspen_desk::error::AppResult<import::ImportSource> {
        sessions.add_file(&picked.redeem(token, Purpose::Open, "file")?)
    };
    let source = open_file(&dropped[0].token).expect("open the dropped file");
    assert_eq!(source.name, "Spring training.ics");
    let again = open_file(&dropped[0].token).expect_err("a token is used once");
    assert_eq!(invalid_fields(again), ["file"]);
    let folder = open_file(&dropped[1].token).expect_err("a folder");
    assert_eq!(invalid_fields(folder), ["file"]);

    let options = ImportOptions::default();
    let preview = sessions
        .preview(&t.store, source.session, &options)
        .await
        .expect("preview");
    assert_eq!(
        (preview.batch.kind, preview.batch.events.len()),
        (ImportKind::Ics, 9)
    );
    let saved = sessions
        .save(&t.store, source.session, &options, |_| {})
        .await
        .expect("save");
    assert_eq!(saved.created, 9);
    assert_eq!(
        found(&t.store, "makerspace").await,
        ["Makerspace on a Shoestring"]
    );
}

/// Creates, updates and leaves alone in one save: the new events get ids,
/// search rows and one history line each; the known ones keep their ids, and
/// only the one whose text changed is written again.
#[tokio::test]
async fn a_calendar_imported_again_creates_one_updates_one_and_leaves_eight_unchanged() {
    let t = open().await;
    let calendar = fixture("calendar.ics");
    let first = save(&t.store, "c.ics", &calendar, &ImportOptions::default())
        .await
        .expect("first");
    assert_eq!((first.created, first.updated), (9, 0));
    let text = String::from_utf8(calendar)
        .expect("utf-8")
        .replace(
            "LOCATION:Lewistown Public Library",
            "LOCATION:Lewistown Public Library, Room 2",
        )
        .replace(
        "END:VCALENDAR",
        "BEGIN:VEVENT\r\nUID:new-7@aspen.test\r\nSUMMARY:Grant Writing Clinic\r\n\
         DTSTART;TZID=America/Denver:20260715T090000\r\nDURATION:PT2H\r\nEND:VEVENT\r\nEND:VCALENDAR",
    );
    let preview = import::preview(&t.store, None, text.as_bytes(), &ImportOptions::default())
        .await
        .expect("preview");
    let second = save(
        &t.store,
        "c.ics",
        text.as_bytes(),
        &ImportOptions::default(),
    )
    .await
    .expect("second");
    // The preview foretold what the save did, event by event.
    let what = |r: &import::ImportReport| -> Vec<(ImportAction, Vec<String>)> {
        r.batch
            .events
            .iter()
            .map(|e| (e.action, e.changes.clone()))
            .collect()
    };
    assert_eq!(what(&preview), what(&second));
    assert_eq!(
        (second.created, second.updated, second.unchanged),
        (1, 1, 8)
    );
    let old_ids: Vec<i64> = first
        .batch
        .events
        .iter()
        .map(|e| e.event.heading.id)
        .collect();
    let known: Vec<i64> = second
        .batch
        .events
        .iter()
        .filter(|e| e.action != ImportAction::Create)
        .map(|e| e.event.heading.id)
        .collect();
    assert_eq!(known, old_ids);
    // The preview said which known event changes, and what in it.
    let updates: Vec<&[String]> = second
        .batch
        .events
        .iter()
        .filter(|e| e.action == ImportAction::Update)
        .map(|e| e.changes.as_slice())
        .collect();
    assert_eq!(updates, [["Location".to_string()]]);
    let unchanged = second
        .batch
        .events
        .iter()
        .filter(|e| e.action == ImportAction::Unchanged && e.changes.is_empty())
        .count();
    assert_eq!(unchanged, 8);
    let new = second
        .batch
        .events
        .iter()
        .find(|e| e.action == ImportAction::Create)
        .expect("the new event");
    assert!(!old_ids.contains(&new.event.heading.id));
    let shown = read_event(&t.store, new.event.heading.id).await;
    assert_eq!(shown.heading.title, "Grant Writing Clinic");
    assert_eq!(
        found(&t.store, "grant writing").await,
        ["Grant Writing Clinic"]
    );
    assert_eq!(rows(&t.store, "events").await, 10);
    assert_eq!(rows(&t.store, "events_fts").await, 10);
    let created: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM history WHERE record_type = 'event' AND field = 'Event'",
    )
    .fetch_one(&t.store.pool)
    .await
    .expect("history");
    assert_eq!(created, 10, "one history line per created event");
    let changed: Vec<(String, String)> = sqlx::query_as(
        "SELECT field, new_value FROM history WHERE record_type = 'event' AND field <> 'Event'",
    )
    .fetch_all(&t.store.pool)
    .await
    .expect("history");
    assert_eq!(
        changed,
        [(
            "Location".to_string(),
            "Lewistown Public Library, Room 2".to_string()
        )],
        "only the changed event is written again"
    );
}
