//! Documents out: the transcript (its PDF text read back with pdftotext and
//! checked against the ledger), CSV, certificate, packet, calendar, and
//! certificates held already.

use crate::support::{enroll, fingerprint, invalid_fields, open, rows, seed};
use aspen_desk::commands::documents::{
    self as docs, CalendarRequest, TranscriptFormat, TranscriptRequest,
};
use aspen_desk::commands::{self, directory as dir, ledger as led, plans as pl};
use aspen_desk::domain::directory::*;
use aspen_desk::domain::ledger::{CreditEntryInput, VerificationInput};
use aspen_desk::domain::search::EventSearch;
use aspen_desk::store::Store;
use std::path::Path;
use std::process::Command;

pub const NAME: &str = "Zoë Ó Briain";

/// Zoë Ó Briain, director of the Bitterroot Public Library, enrolled in the
/// 2023 Staff track from 2022-01-01 (window 2022-01-01 to 2026-01-01).
async fn zoe(store: &Store) -> (i64, i64) {
    let library = dir::create_org(
        store,
        &OrganizationInput {
            name: "Bitterroot Public Library".into(),
            strategic_goals: vec![GoalInput {
                id: None,
                text: "Grow early literacy".into(),
            }],
            ..Default::default()
        },
    )
    .await
    .expect("library");
    let person = crate::support::director_of(store, "Zoë", "Ó Briain", library.id).await;
    let e = enroll(store, person, "2023-staff", Some("2022-01-01")).await;
    (person, e)
}

fn entry(
    person_id: i64,
    title: &str,
    date: &str,
    category: &str,
    credits: f64,
) -> CreditEntryInput {
    CreditEntryInput {
        person_id,
        kind: Some("independent".into()),
        title: title.into(),
        date: date.into(),
        sponsor: Some("Montana State Library".into()),
        category: category.into(),
        credits: Some(credits),
        verification: VerificationInput::verified("Dahl, Jonas"),
        ..Default::default()
    }
}

/// Logs the entries and returns their ids.
async fn log(store: &Store, entries: &[CreditEntryInput]) -> Vec<i64> {
    let mut ids = Vec::new();
    for e in entries {
        ids.push(led::add_credit(store, e).await.expect("entry").id);
    }
    ids
}

/// The person's default transcript as a PDF in a fresh folder.
async fn transcript_pdf(store: &Store, person: i64) -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().expect("out");
    let file = out.path().join("transcript.pdf");
    let request = TranscriptRequest {
        person_id: person,
        ..Default::default()
    };
    docs::export_transcript(store, &request, TranscriptFormat::Pdf, &file)
        .await
        .expect("transcript");
    (out, file)
}

fn pdf_text(path: &Path, page: Option<usize>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-layout");
    if let Some(n) = page {
        command.args(["-f", &n.to_string(), "-l", &n.to_string()]);
    }
    let output = command
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success(), "pdftotext failed on {path:?}");
    String::from_utf8(output.stdout).expect("utf-8 text")
}

/// Collapses runs of spaces so table cells read as "a b c".
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn the_transcript_pdf_shows_the_person_every_entry_and_the_totals_of_the_ledger() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    let mut pending = entry(person, "Weeding with CREW", "2024-04-02", "CMTS", 2.0);
    pending.verification = VerificationInput::default();
    log(
        &t.store,
        &[
            entry(person, "Board relations", "2022-03-14", "LA", 3.0),
            entry(person, "Story time for toddlers", "2023-06-01", "LSP", 1.5),
            entry(person, "Cybersecurity basics", "2025-02-20", "TECH", 20.0),
            entry(person, "Before the window", "2021-05-05", "LA", 4.0),
            pending,
        ],
    )
    .await;
    let (_out, file) = transcript_pdf(&t.store, person).await;
    let text = pdf_text(&file, None);
    let flat = squeeze(&text);
    for expected in [
        NAME,
        "Bitterroot Public Library",
        "Library Director",
        "2023 Staff",
        "2022-01-01 to 2026-01-01",
        "2022-03-14 Board relations",
        "2023-06-01 Story time for toddlers",
        "2025-02-20 Cybersecurity basics",
        "2024-04-02 Weeding with CREW",
        "CMTS (2) Pending",
        "Dahl, Jonas",
        "Verifier's signature",
        "Page 1 of ",
    ] {
        assert!(
            flat.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    assert!(!flat.contains("Before the window"), "outside the period");

    // The totals are the evaluation's, row by row.
    let progress = led::progress(&t.store, &led::ProgressQuery::of(person))
        .await
        .expect("progress");
    assert_eq!(progress.totals.total_earned, 24.5);
    for (code, c) in &progress.categories {
        let row = format!(
            "{} ({code}) {} {}",
            c.label,
            aspen_desk::export::credits_text(c.required),
            aspen_desk::export::credits_text(c.earned)
        );
        assert!(flat.contains(&row), "{row:?} missing");
    }
    assert!(flat.contains("Total 60 24.5"), "{text}");
    assert!(flat.contains("Electives (beyond the category minimums) 15"));
    assert!(flat.contains("Specializations Technology"), "{text}");
    assert!(flat.contains("Total: 24.5 of 60, 35.5 to go"));
    assert!(flat.contains("2 more credits are pending verification"));
}

#[tokio::test]
async fn a_long_transcript_numbers_its_pages_and_repeats_its_header() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    let entries: Vec<CreditEntryInput> = (0..140)
        .map(|i| {
            let date = format!("2023-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            entry(person, &format!("Workshop number {i}"), &date, "LSP", 0.5)
        })
        .collect();
    log(&t.store, &entries).await;
    let (_out, file) = transcript_pdf(&t.store, person).await;
    let whole = squeeze(&pdf_text(&file, None));
    let pages = (1..20)
        .find(|n| whole.contains(&format!("Page 1 of {n}")))
        .expect("page numbers");
    assert!(pages >= 3, "140 entries take several pages, got {pages}");
    for n in 1..=pages {
        let page = squeeze(&pdf_text(&file, Some(n)));
        assert!(page.contains(&format!("Page {n} of {pages}")), "page {n}");
        if n > 1 {
            assert!(
                page.contains(&format!("Continuing Education Transcript · {NAME}")),
                "running header on page {n}: {page}"
            );
        }
    }
    // The column header sits on every page the table continues on.
    let table_pages = (1..=pages)
        .filter(|n| {
            squeeze(&pdf_text(&file, Some(*n)))
                .contains("Date Title Kind Sponsor Category Credits Status Verified by")
        })
        .count();
    assert!(table_pages >= 3);
    for i in 0..140 {
        assert!(
            whole.contains(&format!("Workshop number {i} ")),
            "entry {i}"
        );
    }
    assert!(whole.contains("Total 60 70"));
}

#[tokio::test]
async fn the_transcript_csv_lists_the_entries_of_the_chosen_period() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    let ids = log(
        &t.store,
        &[
            entry(person, "Board relations, part 1", "2022-03-14", "LA", 3.0),
            entry(person, "Story time", "2023-06-01", "LSP", 1.5),
            entry(person, "Later", "2024-06-01", "LSP", 1.0),
        ],
    )
    .await;
    let request = TranscriptRequest {
        person_id: person,
        track: Some("2023-staff".into()),
        from: Some("2022-01-01".into()),
        to: Some("2023-12-31".into()),
    };
    let bytes = docs::transcript_bytes(&t.store, &request, TranscriptFormat::Csv)
        .await
        .expect("csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].iter().collect::<Vec<_>>(),
        [
            "2022-03-14",
            "Board relations, part 1",
            "Independent learning",
            "Montana State Library",
            "LA",
            "3",
            "Verified",
            "Dahl, Jonas",
            "yes",
            "Counts toward Library Administration.",
            &ids[0].to_string()
        ]
    );
    assert_eq!(&rows[1][5], "1.5");

    let bad = TranscriptRequest {
        from: Some("2024-01-01".into()),
        to: Some("soon".into()),
        ..request
    };
    let err = docs::transcript(&t.store, &bad).await.expect_err("bad to");
    assert_eq!(invalid_fields(err), ["to"]);
}

#[tokio::test]
async fn a_certificate_only_for_an_issued_certification() {
    let t = open().await;
    let (person, enrollment) = zoe(&t.store).await;
    let out = tempfile::tempdir().expect("out");
    let file = out.path().join("certificate.pdf");
    let err = docs::export_certificate(&t.store, enrollment, &file)
        .await
        .expect_err("in progress");
    assert!(
        err.to_string().contains("only for an issued certification"),
        "{err}"
    );
    assert!(!file.exists());

    let held = docs::record_certificate(&t.store, person, "2009-staff", "2024-05-01")
        .await
        .expect("held");
    assert_eq!(
        (
            held.dates.issued_on.map(|d| d.to_string()).as_deref(),
            held.dates.expires_on.map(|d| d.to_string()).as_deref()
        ),
        (Some("2024-05-01"), Some("2028-05-01"))
    );
    docs::export_certificate(&t.store, held.id, &file)
        .await
        .expect("certificate");
    let text = squeeze(&pdf_text(&file, None));
    for expected in [
        NAME,
        "2009 (legacy) Library Staff",
        "Issued 2024-05-01",
        "Valid through 2028-05-01",
    ] {
        assert!(text.contains(expected), "{expected:?} missing: {text}");
    }
}

#[tokio::test]
async fn a_certificate_held_already_opens_the_strategic_track_at_once() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    let err = led::enroll(&t.store, person, "strategic", Some("2025-01-01"))
        .await
        .expect_err("no certificate yet");
    assert_eq!(invalid_fields(err), ["track"]);

    let before = fingerprint(&t.store, t.dir.path()).await;
    let count = rows(&t.store, "enrollments").await;
    for (who, track, issued, field) in [
        (person, "2009-staff", "2999-01-01", "issued"),
        (person, "2009-staff", "yesterday", "issued"),
        (person, "no-such-track", "2024-01-01", "track"),
        (9999, "2009-staff", "2024-01-01", "person"),
    ] {
        let err = docs::record_certificate(&t.store, who, track, issued)
            .await
            .expect_err(field);
        assert_eq!(invalid_fields(err), [field]);
    }
    assert_eq!(rows(&t.store, "enrollments").await, count);
    assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);

    let held = docs::record_certificate(&t.store, person, "2009-administrator", "2023-06-30")
        .await
        .expect("held");
    assert_eq!(held.status_label, "Issued");
    enroll(&t.store, person, "strategic", Some("2025-01-01")).await;
}

#[tokio::test]
async fn the_packet_holds_the_transcript_the_counted_evidence_the_plan_and_packet_json() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    docs::record_certificate(&t.store, person, "2009-staff", "2024-01-15")
        .await
        .expect("held");
    let strategic = enroll(&t.store, person, "strategic", Some("2024-02-01")).await;
    let goal = dir::get_org(&t.store, 1)
        .await
        .expect("org")
        .strategic_goals[0]
        .id;
    let plan = pl::create(
        &t.store,
        &aspen_desk::domain::plan::PlanInput {
            enrollment_id: strategic,
            goals: vec![aspen_desk::domain::plan::PlanGoalInput {
                id: None,
                strategic_goal_id: goal,
                objective: "Double toddler story time attendance".into(),
                activities: "Visit two peer libraries".into(),
                evidence: "Attendance counts".into(),
            }],
        },
    )
    .await
    .expect("plan");
    let files = tempfile::tempdir().expect("files");
    let plan_file = files.path().join("Plan d'été.pdf");
    std::fs::write(&plan_file, b"%PDF-1.4\n% a plan\n%%EOF\n").expect("plan file");
    pl::upload(&t.store, plan.id, plan_file.to_str().expect("path"))
        .await
        .expect("upload");
    let submit = crate::support::step("submitted", "2024-02-10", None);
    pl::set_status(&t.store, plan.id, &submit, None)
        .await
        .expect("submitted");
    let plan_goal = pl::show(&t.store, plan.id).await.expect("plan").goals[0].id;
    let mut counted = entry(person, "Toddler literacy", "2024-03-01", "LSP", 2.0);
    counted.plan_goal_id = Some(plan_goal);
    let not_counted = entry(person, "No plan goal", "2024-03-02", "LSP", 1.0);
    let ids = log(&t.store, &[counted, not_counted]).await;
    for (id, name, content) in [
        (ids[0], "attendance.pdf", "counted evidence"),
        (ids[1], "other.pdf", "not counted"),
    ] {
        let path = files.path().join(name);
        std::fs::write(&path, content).expect("evidence");
        led::attach_evidence(&t.store, id, path.to_str().expect("path"))
            .await
            .expect("attach");
    }

    let out = tempfile::tempdir().expect("out");
    let file = out.path().join("packet.zip");
    docs::export_packet(&t.store, strategic, &file)
        .await
        .expect("packet");
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&file).expect("zip")).expect("a zip");
    let mut names: Vec<String> = archive
        .file_names()
        .map(|n| n.expect("utf-8 name").into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "evidence/2024-03-01 Toddler literacy - attendance.pdf",
            "packet.json",
            "plan/Plan d'été.pdf",
            "plan/Professional development plan v1.pdf",
            "transcript.csv",
            "transcript.pdf",
        ]
    );
    let mut evidence = String::new();
    std::io::Read::read_to_string(
        &mut archive
            .by_name("evidence/2024-03-01 Toddler literacy - attendance.pdf")
            .expect("evidence"),
        &mut evidence,
    )
    .expect("read");
    assert_eq!(evidence, "counted evidence");
    let manifest: serde_json::Value =
        serde_json::from_reader(archive.by_name("packet.json").expect("json")).expect("json");
    assert_eq!(manifest["person_name"], NAME);
    assert_eq!(manifest["enrollment_id"], strategic);
    let listed = manifest["files"].as_array().expect("files");
    assert_eq!(listed.len(), 5);
    let evidence_line = listed
        .iter()
        .find(|f| f["kind"] == "evidence")
        .expect("evidence line");
    assert_eq!(evidence_line["entry_id"], ids[0]);
    assert_eq!(evidence_line["size"], 16);
    assert!(listed
        .iter()
        .all(|f| f["sha256"].as_str().is_some_and(|s| s.len() == 64)));
}

#[tokio::test]
async fn a_calendar_of_a_search_or_of_attended_events_carries_the_zone() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    let event = commands::create_event(&t.store, &seed())
        .await
        .expect("event");
    let request = CalendarRequest {
        search: Some(EventSearch {
            text: "strategic track".into(),
            ..Default::default()
        }),
        ..Default::default()
    };
    let bytes = docs::calendar_bytes(&t.store, &request).await.expect("ics");
    let text = String::from_utf8(bytes).expect("utf-8");
    let calendar: icalendar::Calendar = text.parse().expect("parses back");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 1);
    use icalendar::Component;
    assert_eq!(events[0].get_summary(), Some(event.heading.title.as_str()));
    assert_eq!(
        events[0].get_start(),
        Some(icalendar::DatePerhapsTime::DateTime(
            icalendar::CalendarDateTime::WithTimezone {
                date_time: "2021-06-02T14:00:00".parse().expect("time"),
                tzid: "America/Denver".into()
            }
        ))
    );
    assert!(text.contains("DTSTART;TZID=America/Denver:20210602T140000"));

    let attended = CalendarRequest {
        attended_by: Some(person),
        ..Default::default()
    };
    let err = docs::calendar_bytes(&t.store, &attended)
        .await
        .expect_err("attended nothing yet");
    assert_eq!(invalid_fields(err), ["events"]);
    led::attend_event(&t.store, person, event.heading.id, None)
        .await
        .expect("attended");
    let text = String::from_utf8(
        docs::calendar_bytes(&t.store, &attended)
            .await
            .expect("ics"),
    )
    .expect("utf-8");
    assert!(text.contains(&format!("UID:event-{}@aspendesk.app", event.heading.id)));
}

#[tokio::test]
async fn an_export_is_refused_inside_the_data_folder_and_writes_nothing() {
    let t = open().await;
    let (person, _) = zoe(&t.store).await;
    let request = TranscriptRequest {
        person_id: person,
        ..Default::default()
    };
    let inside = t.dir.path().join("transcript.pdf");
    let err = docs::export_transcript(&t.store, &request, TranscriptFormat::Pdf, &inside)
        .await
        .expect_err("inside");
    assert_eq!(invalid_fields(err), ["destination"]);
    assert!(!inside.exists());
}

#[test]
fn documents_from_the_command_line_and_bad_input_writes_no_file() {
    use crate::cli::{assert_refused, json, run};
    let data = tempfile::tempdir().expect("data");
    let out = tempfile::tempdir().expect("out");
    let person = json(&run(
        data.path(),
        &["directory", "add-person", "-"],
        Some(r#"{"last_name": "Ó Briain", "first_name": "Zoë"}"#),
    ))["id"]
        .as_i64()
        .expect("id");
    let id = person.to_string();
    let record = |issued: &str| {
        let args = [
            "certification",
            "record",
            "--person",
            &id,
            "--track",
            "2023-staff",
        ];
        run(
            data.path(),
            &[&args[..], &["--issued", issued]].concat(),
            None,
        )
    };
    let transcript = |format: &str, out: &str| {
        let args = ["export", "transcript", "--person", &id, "--format", format];
        run(data.path(), &[&args[..], &["--out", out]].concat(), None)
    };
    let held = json(&record("2024-05-01"));
    assert_eq!(held["status"], "issued");
    assert_eq!(held["expires_on"], "2028-05-01");
    let credit = format!(
        r#"{{"person_id": {person}, "kind": "independent", "title": "Maker spaces", "date": "2023-02-02",
            "category": "TECH", "credits": 2, "status": "verified", "verified_by": "Dahl, Jonas"}}"#
    );
    json(&run(data.path(), &["credits", "add", "-"], Some(&credit)));

    let csv_path = out.path().join("transcript.csv");
    let csv_out = csv_path.to_str().expect("path");
    let ok = transcript("csv", csv_out);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let text = std::fs::read_to_string(&csv_path).expect("csv");
    assert!(
        text.contains("2023-02-02,Maker spaces,Independent learning"),
        "{text}"
    );

    let certificate = out.path().join("certificate.pdf");
    let enrollment = held["id"].to_string();
    let ok = run(
        data.path(),
        &[
            "export",
            "certificate",
            &enrollment,
            "--out",
            certificate.to_str().expect("p"),
        ],
        None,
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(squeeze(&pdf_text(&certificate, None)).contains(NAME));

    let inside = data.path().join("x.pdf");
    let missing_folder = out.path().join("nowhere").join("x.ics");
    for (command, field) in [
        (
            format!("export transcript --person {id} --format doc"),
            "format",
        ),
        (
            "export transcript --person 999 --format pdf".to_string(),
            "person",
        ),
        (
            format!("export transcript --person {id} --format pdf --from 2024-13-01"),
            "from",
        ),
        ("export certificate 999".to_string(), "Enrollment 999"),
        (
            "export ics --query nothing-matches-this".to_string(),
            "events",
        ),
    ] {
        let file = out.path().join("refused.out");
        let mut args: Vec<&str> = command.split_whitespace().collect();
        args.extend(["--out", file.to_str().expect("path")]);
        let refused = run(data.path(), &args, None);
        assert_eq!(refused.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(stderr.contains(field), "{args:?}: {stderr}");
        assert!(!file.exists(), "{args:?} wrote a file");
    }
    for place in [&inside, &missing_folder] {
        let refused = transcript("pdf", place.to_str().expect("p"));
        assert_refused(&refused, "error: destination:");
        assert!(!place.exists());
    }
    let future = record("2999-01-01");
    assert_refused(&future, "error: issued:");
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .expect("out")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "only the two written files: {leftovers:?}"
    );
}
