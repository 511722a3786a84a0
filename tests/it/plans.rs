use crate::support::{
    add_library, add_sweet_grass, enroll, fingerprint, invalid_fields, open, person, scalar, step,
};
use aspen_desk::commands::{ledger as led, plans as pl};
use aspen_desk::domain::ledger::VerificationInput;
use aspen_desk::domain::plan::{Plan, PlanGoalInput, PlanInput};
use aspen_desk::error::AppResult;
use aspen_desk::store::Store;
use std::path::{Path, PathBuf};

pub(crate) struct Certified {
    pub(crate) person: i64,
    pub(crate) goals: Vec<i64>,
    other_goal: i64,
}

/// A director of a library with two strategic goals, holding a certificate
/// issued through the 2009 track.
pub(crate) async fn certified(store: &Store) -> Certified {
    let library = add_sweet_grass(store).await;
    let other = add_library(store, "Other Library", &["Someone else's goal"]).await;
    let person = crate::support::director_of(store, "Anna", "Whitfield", library.id).await;
    let e = enroll(store, person, "2009-administrator", Some("2019-01-01")).await;
    for (status, date, by) in [
        ("submitted", "2022-12-01", None),
        ("coordinator_review", "2022-12-05", None),
        ("supervisor_verified", "2022-12-09", Some("Dahl, Jonas")),
        ("issued", "2023-01-01", None),
    ] {
        led::set_enrollment_status(store, e, &step(status, date, by))
            .await
            .expect(status);
    }
    Certified {
        person,
        goals: library.strategic_goals.iter().map(|g| g.id).collect(),
        other_goal: other.strategic_goals[0].id,
    }
}

/// A certified librarian enrolled in the Strategic Track from 2024; returns
/// the librarian and the enrollment's id.
async fn enrolled(store: &Store) -> (Certified, i64) {
    let c = certified(store).await;
    let e = led::enroll(store, c.person, "strategic", Some("2024-01-01")).await;
    (c, e.expect("enrolled").id)
}

/// Moves a plan to a status on a date, naming no one and no request.
async fn set_status(store: &Store, plan_id: i64, status: &str, date: &str) -> AppResult<Plan> {
    pl::set_status(store, plan_id, &step(status, date, None), None).await
}

pub(crate) fn plan_input(enrollment_id: i64, goals: &[i64]) -> PlanInput {
    PlanInput {
        enrollment_id,
        goals: goals
            .iter()
            .enumerate()
            .map(|(i, g)| PlanGoalInput {
                id: None,
                strategic_goal_id: *g,
                objective: format!("Objective {i}"),
                activities: "Read, practice, visit a peer library".into(),
                evidence: "A new program running".into(),
            })
            .collect(),
    }
}

async fn plan_rows(store: &Store, dir: &Path) -> String {
    let n: i64 = scalar(store, "SELECT (SELECT count(*) FROM plans) * 1000 + (SELECT count(*) FROM plan_documents) * 10 + (SELECT count(*) FROM enrollments)").await;
    format!("{n} {}", fingerprint(store, dir).await)
}

#[tokio::test]
async fn only_a_certified_librarian_may_enroll_in_the_strategic_track() {
    let t = open().await;
    let newcomer = person(&t.store, "New", "Nora").await;
    let before = plan_rows(&t.store, t.dir.path()).await;
    let err = led::enroll(&t.store, newcomer, "strategic", None)
        .await
        .expect_err("not certified");
    assert!(err.to_string().contains("renewing librarians"), "{err}");
    assert_eq!(invalid_fields(err), ["track"]);
    assert_eq!(plan_rows(&t.store, t.dir.path()).await, before);

    // Once certified, the same track is open.
    enrolled(&t.store).await;
}

#[tokio::test]
async fn plan_goals_serve_the_librarys_own_strategic_goals() {
    let t = open().await;
    let (c, e) = enrolled(&t.store).await;
    let before = plan_rows(&t.store, t.dir.path()).await;
    let err = pl::create(&t.store, &plan_input(e, &[c.goals[0], c.other_goal]))
        .await
        .expect_err("foreign goal");
    assert!(err.to_string().contains("Other Library"), "{err}");
    assert_eq!(invalid_fields(err), ["goals[1].strategic_goal_id"]);
    assert_eq!(plan_rows(&t.store, t.dir.path()).await, before);

    let legacy = enroll(&t.store, c.person, "2023-director-renewal", None).await;
    let err = pl::create(&t.store, &plan_input(legacy, &c.goals))
        .await
        .expect_err("not strategic");
    assert_eq!(invalid_fields(err), ["enrollment_id"]);

    let plan = pl::create(&t.store, &plan_input(e, &c.goals))
        .await
        .expect("plan");
    assert_eq!(
        (plan.version, plan.status_label.as_str(), plan.goals.len()),
        (1, "Draft", 2)
    );
    assert_eq!(
        plan.goals[1].strategic_goal_text,
        "Close the digital divide"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// The first bytes of an OpenDocument text file, as a zip's first entry.
fn odt_bytes() -> Vec<u8> {
    let mut b = b"PK\x03\x04".to_vec();
    b.extend_from_slice(&[0u8; 26]);
    b[26] = 8; // file name length
    b.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
    b.extend_from_slice(&[0u8; 64]);
    b
}

#[tokio::test]
async fn plan_documents_are_checked_by_content_and_nothing_is_left_on_refusal() {
    let t = open().await;
    let (c, e) = enrolled(&t.store).await;
    let plan = pl::create(&t.store, &plan_input(e, &c.goals))
        .await
        .expect("plan");
    let files = tempfile::tempdir().expect("dir");

    // A real PDF: the app's own export of the plan.
    let pdf = files.path().join("Plan d'été – Whitfield.pdf");
    pl::export_pdf(&t.store, plan.id, &pdf)
        .await
        .expect("export");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));

    let before = plan_rows(&t.store, t.dir.path()).await;
    let fake = write(
        files.path(),
        "plan.pdf",
        b"This is only text that claims to be a PDF.",
    );
    let empty = write(files.path(), "empty.pdf", b"");
    let big = files.path().join("huge.pdf");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(25 * 1024 * 1024 + 1))
        .expect("big");
    let link = files.path().join("link.pdf");
    std::os::unix::fs::symlink(&pdf, &link).expect("symlink");
    for (path, says) in [
        (fake, "is not a PDF, DOCX or ODT"),
        (empty, "is empty"),
        (big, "larger than 25 MB"),
        (link, "symbolic link"),
        (files.path().join("missing.pdf"), "There is no file"),
    ] {
        let err = pl::upload(&t.store, plan.id, path.to_str().expect("path"))
            .await
            .expect_err(says);
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(invalid_fields(err), ["path"]);
        assert_eq!(
            plan_rows(&t.store, t.dir.path()).await,
            before,
            "{says} left something behind"
        );
    }

    let plan = pl::upload(&t.store, plan.id, pdf.to_str().expect("path"))
        .await
        .expect("pdf");
    assert_eq!(plan.documents[0].media_type, "application/pdf");
    assert_eq!(plan.documents[0].file_name, "Plan d'été – Whitfield.pdf");
    let odt = write(files.path(), "plan.odt", &odt_bytes());
    let plan = pl::upload(&t.store, plan.id, odt.to_str().expect("path"))
        .await
        .expect("odt");
    assert_eq!(
        plan.documents[1].media_type,
        "application/vnd.oasis.opendocument.text"
    );
    let (bytes, _) = pl::document_bytes(&t.store, plan.documents[0].id)
        .await
        .expect("bytes");
    assert!(bytes.starts_with(b"%PDF"));
    let copy = files.path().join("copy.pdf");
    pl::save_document_copy(&t.store, plan.documents[0].id, &copy)
        .await
        .expect("copy");
    assert_eq!(std::fs::read(&copy).expect("copy"), bytes);
}

#[tokio::test]
async fn credit_counts_toward_the_track_only_after_the_plan_and_toward_its_goals() {
    let t = open().await;
    let (c, e) = enrolled(&t.store).await;
    let empty = pl::create(&t.store, &plan_input(e, &[]))
        .await
        .expect("empty draft");
    let err = set_status(&t.store, empty.id, "submitted", "2025-01-01")
        .await
        .expect_err("no goals");
    assert_eq!(invalid_fields(err), ["goals"]);
    let plan = pl::update_goals(&t.store, empty.id, &plan_input(e, &c.goals))
        .await
        .expect("goals");
    let plan = set_status(&t.store, plan.id, "submitted", "2025-03-01")
        .await
        .expect("submitted");
    let submitted = plan.submitted_on.map(|d| d.to_string());
    assert_eq!(submitted.as_deref(), Some("2025-03-01"));
    let goal = plan.goals[0].id;

    let activity = |date: &str, goal: Option<i64>| pl::ActivityInput {
        person_id: c.person,
        title: "Shadowing the Billings children's librarian".into(),
        description: "An apprentice-style week of storytimes".into(),
        plan_goal_id: goal,
        date: date.into(),
        hours: 6.0,
        learned: "How to plan a storytime series".into(),
        verification: VerificationInput::verified("Dahl, Jonas"),
        ..Default::default()
    };
    let err = pl::add_activity(&t.store, &activity("2025-04-01", None))
        .await
        .expect_err("no goal");
    assert_eq!(invalid_fields(err), ["plan_goal_id"]);
    let err = pl::add_activity(
        &t.store,
        &pl::ActivityInput {
            hours: 0.3,
            ..activity("2025-04-01", Some(goal))
        },
    )
    .await
    .expect_err("hours");
    assert_eq!(invalid_fields(err), ["hours"]);
    pl::add_activity(&t.store, &activity("2025-02-01", Some(goal)))
        .await
        .expect("before the plan");
    let counted = pl::add_activity(&t.store, &activity("2025-04-01", Some(goal)))
        .await
        .expect("after the plan");
    assert_eq!(
        (counted.credits, counted.learned.as_str()),
        (6.0, "How to plan a storytime series")
    );

    let query = led::ProgressQuery {
        person_id: c.person,
        track: Some("strategic".into()),
        as_of: Some("2025-06-01".into()),
    };
    let p = led::progress(&t.store, &query).await.expect("progress");
    let verdicts = led::progress_entries(&t.store, &query, 0, 50)
        .await
        .expect("verdicts")
        .entries;
    assert_eq!(p.totals.total_earned, 6.0, "{verdicts:?}");
    assert!(verdicts
        .iter()
        .any(|v| !v.counted && v.reason.contains("before the plan was submitted")));
    assert_eq!(p.totals.total_required, 60.0);

    // A review names every refused field at once, and changes nothing.
    let before = fingerprint(&t.store, t.dir.path()).await;
    let early = step("revision_requested", "2025-02-01", Some("MSL coordinator"));
    let err = pl::set_status(&t.store, plan.id, &early, Some("Add goals\u{7}"))
        .await
        .expect_err("refused");
    assert_eq!(invalid_fields(err), ["request", "date"]);
    let bad_step = step("approved", "2025-03-10", None);
    let err = pl::set_status(&t.store, plan.id, &bad_step, Some("Add goals\u{7}"))
        .await
        .expect_err("refused");
    assert_eq!(invalid_fields(err), ["status", "request"]);
    assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);

    // A new version keeps the old one readable.
    let accept = step("accepted", "2025-03-10", Some("MSL coordinator"));
    let accepted = pl::set_status(&t.store, plan.id, &accept, None)
        .await
        .expect("accepted");
    let v2 = pl::new_version(&t.store, accepted.id).await.expect("v2");
    assert_eq!(
        (v2.version, v2.status_label.as_str(), v2.versions.len()),
        (2, "Draft", 2)
    );
    assert_eq!(
        pl::show(&t.store, plan.id).await.expect("v1").status_label,
        "Accepted"
    );

    // Someone else's plan goal is refused.
    let other = person(&t.store, "Other", "Olga").await;
    let err = pl::add_activity(
        &t.store,
        &pl::ActivityInput {
            person_id: other,
            ..activity("2025-04-01", Some(goal))
        },
    )
    .await
    .expect_err("foreign goal");
    assert_eq!(invalid_fields(err), ["plan_goal_id"]);
}
