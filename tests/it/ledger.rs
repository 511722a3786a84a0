use crate::support::{
    enroll, invalid_fields, open, open_with_sample, open_with_seed, person, rows, TestStore,
};
use aspen_desk::commands::{self, directory as dir, ledger as led};
use aspen_desk::domain::ledger::{CreditEntryInput, VerificationInput};
use aspen_desk::domain::step::StepInput;
use aspen_desk::store::Store;

async fn anna(store: &Store) -> i64 {
    person(store, "Whitfield", "Anna").await
}

/// A fresh data folder with Anna in the directory; returns her id too.
async fn open_with_anna() -> (TestStore, i64) {
    let t = open().await;
    let person = anna(&t.store).await;
    (t, person)
}

fn entry(person_id: i64, date: &str, category: &str, credits: f64) -> CreditEntryInput {
    CreditEntryInput {
        person_id,
        kind: Some("independent".into()),
        title: format!("{category} learning"),
        date: date.into(),
        category: category.into(),
        credits: Some(credits),
        verification: VerificationInput::verified("Dahl, Jonas"),
        ..Default::default()
    }
}

async fn ledger_rows(store: &Store) -> (i64, i64) {
    (
        rows(store, "credit_entries").await,
        rows(store, "history").await,
    )
}

#[tokio::test]
async fn attending_the_seed_event_shows_half_a_credit_of_la_progress() {
    let (t, event) = open_with_seed().await;
    let person = anna(&t.store).await;
    enroll(&t.store, person, "2009-administrator", Some("2021-01-01")).await;
    let logged = led::attend_event(&t.store, person, event.heading.id, None)
        .await
        .expect("attended");
    assert_eq!(logged.len(), 1);
    assert_eq!(
        (
            logged[0].date.as_str(),
            logged[0].credits,
            logged[0].status_label.as_str()
        ),
        ("2021-06-02", 0.5, "Verified")
    );

    let p = led::progress(&t.store, &led::ProgressQuery::of(person))
        .await
        .expect("progress");
    assert_eq!(
        p.as_of, "2025-01-01",
        "an enrollment is measured up to its due date"
    );
    assert_eq!(
        (p.categories["LA"].earned, p.categories["LA"].required),
        (0.5, 20.0)
    );
    assert_eq!(
        p.totals.missing[0],
        "Library Administration: 0.5 of 20, 19.5 to go"
    );
    let json = serde_json::to_value(&p).expect("json");
    assert_eq!(json["categories"]["LA"]["earned"], 0.5);
    assert_eq!(json["total_required"], 60.0);
    assert_eq!(json["complete"], false);
}

#[tokio::test]
async fn independent_entries_complete_the_track() {
    let (t, person) = open_with_anna().await;
    enroll(&t.store, person, "2009-administrator", Some("2021-01-01")).await;
    for (category, credits) in [("LA", 20.0), ("LSP", 10.0), ("CMTS", 10.0), ("TECH", 19.5)] {
        led::add_credit(&t.store, &entry(person, "2023-05-10", category, credits))
            .await
            .expect("logged");
    }
    assert!(
        !led::progress(&t.store, &led::ProgressQuery::of(person))
            .await
            .expect("p")
            .complete,
        "59.5 of 60"
    );
    led::add_credit(&t.store, &entry(person, "2024-02-01", "TECH", 0.5))
        .await
        .expect("logged");
    let p = led::progress(&t.store, &led::ProgressQuery::of(person))
        .await
        .expect("p");
    assert!(p.complete, "{:?}", p.totals.missing);
    assert_eq!(p.totals.electives, 10.0);
    assert_eq!(p.specializations, ["TECH"]);
}

#[tokio::test]
async fn bad_credit_entries_name_the_field_and_save_nothing() {
    let (t, person) = open_with_anna().await;
    let before = ledger_rows(&t.store).await;
    let future = (commands::today() + chrono::Duration::days(1)).to_string();
    let cases: Vec<(&str, CreditEntryInput)> = vec![
        ("date", entry(person, &future, "LA", 1.0)),
        ("credits", entry(person, "2024-01-01", "LA", 0.3)),
        ("category", entry(person, "2024-01-01", "Knitting", 1.0)),
        (
            "end_date",
            CreditEntryInput {
                end_date: Some("2023-12-31".into()),
                ..entry(person, "2024-01-01", "LA", 1.0)
            },
        ),
        ("person_id", entry(999, "2024-01-01", "LA", 1.0)),
        (
            "event_id",
            CreditEntryInput {
                kind: Some("event".into()),
                event_id: Some(999),
                ..entry(person, "2024-01-01", "LA", 1.0)
            },
        ),
        (
            "units",
            CreditEntryInput {
                kind: Some("presenter".into()),
                credits: None,
                units: None,
                ..entry(person, "2024-01-01", "LSP", 1.0)
            },
        ),
    ];
    for (field, input) in cases {
        let err = led::add_credit(&t.store, &input).await.expect_err(field);
        assert_eq!(invalid_fields(err), [field]);
        assert_eq!(
            ledger_rows(&t.store).await,
            before,
            "{field} saved something"
        );
    }
}

#[tokio::test]
async fn college_credit_is_converted_and_ineligible_kinds_warned() {
    let (t, person) = open_with_anna().await;
    let college = CreditEntryInput {
        kind: Some("college_semester".into()),
        title: "LIS 501 Foundations".into(),
        credits: None,
        units: Some(3.0),
        ..entry(person, "2024-05-01", "LA", 0.0)
    };
    assert_eq!(
        led::add_credit(&t.store, &college)
            .await
            .expect("college")
            .credits,
        12.0
    );
    let cpr = CreditEntryInput {
        title: "CPR certification".into(),
        ..entry(person, "2024-05-02", "LSP", 2.0)
    };
    let saved = led::add_credit(&t.store, &cpr)
        .await
        .expect("saved with a warning");
    assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    assert!(saved.warnings[0].contains("CPR"));
}

#[tokio::test]
async fn a_person_with_credits_cannot_be_deleted() {
    let (t, person) = open_with_anna().await;
    led::add_credit(&t.store, &entry(person, "2024-01-01", "LA", 1.0))
        .await
        .expect("logged");
    let before = ledger_rows(&t.store).await;
    let err = dir::delete_person(&t.store, person)
        .await
        .expect_err("refused");
    assert!(
        err.to_string().contains("1 credit entries in the ledger"),
        "{err}"
    );
    assert_eq!(ledger_rows(&t.store).await, before);
    assert!(dir::get_person(&t.store, person).await.is_ok());
}

#[tokio::test]
async fn the_workflow_issues_a_certificate_and_measures_on_the_submission_date() {
    let (t, person) = open_with_anna().await;
    let e = led::enroll(&t.store, person, "2023-trustee", Some("2022-07-01"))
        .await
        .expect("enrolled");
    assert_eq!(e.due_date.to_string(), "2026-07-01");
    led::add_credit(&t.store, &entry(person, "2025-01-01", "LA", 10.0))
        .await
        .expect("logged");
    led::add_credit(&t.store, &entry(person, "2025-03-01", "LSP", 5.0))
        .await
        .expect("logged");
    // One step of the workflow on this enrollment.
    let (store, id) = (&t.store, e.id);
    let step = |status: &'static str, date: &'static str, by: Option<&'static str>| async move {
        led::set_enrollment_status(store, id, &crate::support::step(status, date, by)).await
    };
    let submitted = step("submitted", "2025-02-01", None)
        .await
        .expect("submitted");
    assert_eq!(
        submitted
            .dates
            .submitted_on
            .map(|d| d.to_string())
            .as_deref(),
        Some("2025-02-01")
    );
    let p = led::progress(&t.store, &led::ProgressQuery::of(person))
        .await
        .expect("p");
    assert_eq!(p.as_of, "2025-02-01");
    assert_eq!(
        p.totals.total_earned, 10.0,
        "credit after the submission date does not count"
    );

    let err = step("issued", "2025-02-02", None).await;
    assert_eq!(invalid_fields(err.expect_err("skips steps")), ["status"]);
    let review = step("coordinator_review", "2025-02-03", None).await;
    review.expect("review");
    let err = step("supervisor_verified", "2025-02-04", None).await;
    assert_eq!(invalid_fields(err.expect_err("no verifier")), ["by"]);
    let verified = step("supervisor_verified", "2025-02-04", Some("Dahl, Jonas")).await;
    verified.expect("verified");
    let issued = step("issued", "2025-03-01", None).await.expect("issued");
    assert_eq!(
        (
            issued.dates.issued_on.map(|d| d.to_string()).as_deref(),
            issued.dates.expires_on.map(|d| d.to_string()).as_deref()
        ),
        (Some("2025-03-01"), Some("2029-03-01"))
    );
    assert_eq!(issued.dates.verified_by.as_deref(), Some("Dahl, Jonas"));

    let err = led::enroll(&t.store, person, "2030-wizard", None)
        .await
        .expect_err("unknown track");
    assert_eq!(invalid_fields(err), ["track"]);
}

#[tokio::test]
async fn the_dashboard_offers_events_that_close_the_gap() {
    let t = open_with_sample().await;
    let person = anna(&t.store).await;
    assert!(
        led::dashboard(&t.store)
            .await
            .expect("dashboard")
            .person
            .is_none(),
        "nobody chosen yet"
    );
    led::set_current_person(&t.store, person).await.expect("me");
    enroll(&t.store, person, "2009-administrator", None).await;
    for category in ["LSP", "CMTS", "TECH"] {
        led::add_credit(
            &t.store,
            &entry(person, &commands::today().to_string(), category, 10.0),
        )
        .await
        .expect("logged");
    }
    let d = led::dashboard(&t.store).await.expect("dashboard");
    assert_eq!(d.person.as_ref().map(|p| p.id), Some(person));
    assert_eq!(d.days_left, Some(4 * 365 + 1));
    assert!(!d.gap_events.is_empty());
    for e in &d.gap_events {
        assert!(
            e.credits_short.contains("LA"),
            "{} does not close the LA gap",
            e.heading.title
        );
        assert!(e.begin.as_str() >= commands::today().to_string().as_str());
    }
    assert_eq!(d.recent.len(), 3);
}

#[tokio::test]
async fn evidence_files_attach_to_an_entry() {
    let (t, person) = open_with_anna().await;
    let saved = led::add_credit(&t.store, &entry(person, "2024-01-01", "LA", 1.0))
        .await
        .expect("logged");
    let dir = tempfile::tempdir().expect("dir");
    let certificate = dir.path().join("Certificate of attendance – Anna.pdf");
    std::fs::write(&certificate, b"%PDF-1.4 certificate").expect("write");
    let names = led::attach_evidence(&t.store, saved.id, certificate.to_str().expect("path"))
        .await
        .expect("attached");
    assert_eq!(names, ["Certificate of attendance – Anna.pdf"]);
    let err = led::attach_evidence(&t.store, saved.id, "/nonexistent/file.pdf")
        .await
        .expect_err("missing");
    assert_eq!(invalid_fields(err), ["path"]);
}

#[tokio::test]
async fn the_dashboard_reminds_of_a_due_date_within_30_days() {
    let (t, person) = open_with_anna().await;
    led::set_current_person(&t.store, person).await.expect("me");
    // Due in 20 days: enrolled four years ago less 20 days.
    let start = (commands::today() + chrono::Duration::days(20))
        .checked_sub_months(chrono::Months::new(48))
        .expect("date");
    enroll(&t.store, person, "2023-staff", Some(&start.to_string())).await;
    let d = led::dashboard(&t.store).await.expect("dashboard");
    assert_eq!(d.days_left, Some(20));
    assert_eq!(d.reminders.len(), 1);
    assert!(
        d.reminders[0].message.contains("30-day"),
        "{}",
        d.reminders[0].message
    );
}

#[tokio::test]
async fn attendance_is_logged_once_and_keeps_its_event() {
    let (t, event) = open_with_seed().await;
    let person = anna(&t.store).await;
    led::attend_event(&t.store, person, event.heading.id, None)
        .await
        .expect("attended");
    let before = ledger_rows(&t.store).await;
    let err = led::attend_event(&t.store, person, event.heading.id, None)
        .await
        .expect_err("twice");
    assert_eq!(invalid_fields(err), ["event_id"]);
    let err = commands::delete_event(&t.store, event.heading.id)
        .await
        .expect_err("credited event");
    assert!(err.to_string().contains("1 credit entries"), "{err}");
    assert_eq!(ledger_rows(&t.store).await, before);
    assert!(commands::get_event(&t.store, event.heading.id)
        .await
        .is_ok());
}

#[tokio::test]
async fn a_verified_entry_names_its_verifier_and_denial_clears_it() {
    let (t, person) = open_with_anna().await;
    let err = led::add_credit(
        &t.store,
        &CreditEntryInput {
            verification: VerificationInput {
                status: Some("verified".into()),
                ..Default::default()
            },
            ..entry(person, "2024-01-01", "LA", 1.0)
        },
    )
    .await
    .expect_err("no verifier");
    assert_eq!(invalid_fields(err), ["verified_by"]);
    let saved = led::add_credit(&t.store, &entry(person, "2024-01-01", "LA", 1.0))
        .await
        .expect("saved");
    let denied = led::set_credit_status(&t.store, saved.id, &StepInput::to("denied"))
        .await
        .expect("denied");
    assert_eq!(
        (
            denied.status_label.as_str(),
            denied.verification.verified_by.as_deref()
        ),
        ("Denied", None)
    );

    // Verifying again needs a name (the step's `by`), and changes nothing without one.
    let before = ledger_rows(&t.store).await;
    let err = led::set_credit_status(&t.store, saved.id, &StepInput::to("verified"))
        .await
        .expect_err("no verifier");
    assert_eq!(invalid_fields(err), ["by"]);
    assert_eq!(ledger_rows(&t.store).await, before);
    let verify = crate::support::step("verified", "2024-01-05", Some("MSL"));
    let verified = led::set_credit_status(&t.store, saved.id, &verify)
        .await
        .expect("verified");
    let verification = &verified.verification;
    assert_eq!(
        (
            verification.verified_by.as_deref(),
            verification.verified_on.map(|d| d.to_string())
        ),
        (Some("MSL"), Some("2024-01-05".to_string()))
    );
}
