use crate::support::{
    fingerprint, history_of, invalid_fields, open, open_with_seed, read_event, rows, scalar, seed,
};
use aspen_desk::commands;
use aspen_desk::domain::event::CreditInput;
use aspen_desk::domain::history::FieldChange;
use aspen_desk::store::Store;

#[tokio::test]
async fn the_seed_event_keeps_every_field_of_the_page() {
    let (t, event) = open_with_seed().await;
    let event = read_event(&t.store, event.heading.id).await;
    assert_eq!(
        event.heading.title,
        "NEW Strategic Track to MSL Certification: what librarians need to know"
    );
    assert_eq!(event.heading.event_type_label, "Continuing Education");
    assert_eq!(event.begin_display, "Wednesday, June 2, 2021 2:00 PM");
    assert_eq!(event.end_display, "Wednesday, June 2, 2021 3:00 PM");
    assert_eq!(event.begin, "2021-06-02T14:00");
    assert_eq!(event.begin_utc, "2021-06-02T20:00:00+00:00");
    assert_eq!(event.time_zone, "America/Denver");
    assert_eq!(event.delivery_label, "Online Only");
    assert_eq!(
        event.details.meeting_url.as_deref(),
        Some("https://zoom.us/j/5551234")
    );
    assert_eq!(event.credits.len(), 1);
    assert_eq!(
        event.credits[0].description,
        "0.5 credits Library Administration"
    );
    assert_eq!(event.credits[0].credits, 0.5);
    assert!(event
        .details
        .description
        .contains("\n\nThis webinar will be recorded"));
    assert!(event.details.contact_positions.is_empty());
    assert_eq!(event.details.trainer_positions.len(), 1);
    assert!(event.details.registration_required);
    assert_eq!(event.details.sponsor, "Montana State Library");
}

/// Breaks one field of a good event.
type Breaker = Box<dyn Fn(&mut aspen_desk::domain::event::EventInput)>;

#[tokio::test]
async fn every_bad_input_names_its_field_and_saves_nothing() {
    let (t, existing) = open_with_seed().await;
    let before = fingerprint(&t.store, t.dir.path()).await;

    let cases: Vec<(&str, Breaker)> = vec![
        ("title", Box::new(|e| e.title = "  ".into())),
        ("end", Box::new(|e| e.end = Some("2021-06-02T13:59".into()))),
        (
            "credits[0].credits",
            Box::new(|e| e.credits[0].credits = 0.75),
        ),
        (
            "credits[0].credits",
            Box::new(|e| e.credits[0].credits = 0.0),
        ),
        (
            "credits[0].credits",
            Box::new(|e| e.credits[0].credits = -1.0),
        ),
        (
            "credits[0].category",
            Box::new(|e| e.credits[0].category = "ART".into()),
        ),
        (
            "meeting_url",
            Box::new(|e| e.meeting_url = Some("ftp://files.example.org".into())),
        ),
        (
            "meeting_url",
            Box::new(|e| e.meeting_url = Some("zoom meeting".into())),
        ),
        (
            "time_zone",
            Box::new(|e| e.time_zone = Some("Montana/Helena".into())),
        ),
        ("begin", Box::new(|e| e.begin = "June 2nd".into())),
        (
            "event_type",
            Box::new(|e| e.event_type = Some("party".into())),
        ),
        (
            "delivery",
            Box::new(|e| e.delivery = Some("by mail".into())),
        ),
    ];
    for (field, break_it) in cases {
        let mut input = seed();
        break_it(&mut input);
        let err = commands::create_event(&t.store, &input)
            .await
            .expect_err(field);
        assert_eq!(invalid_fields(err), [field]);
        let err = commands::update_event(&t.store, existing.heading.id, &input)
            .await
            .expect_err(field);
        assert_eq!(invalid_fields(err), [field]);
        assert_eq!(
            fingerprint(&t.store, t.dir.path()).await,
            before,
            "{field} changed the database"
        );
    }
}

#[tokio::test]
async fn changing_credits_writes_page_history_newest_first() {
    let (t, event) = open_with_seed().await;
    let mut input = seed();
    input.credits = vec![CreditInput {
        category: "LA".into(),
        credits: 1.0,
    }];
    let updated = commands::update_event(&t.store, event.heading.id, &input)
        .await
        .expect("updated");
    assert_eq!(
        updated.credits[0].description,
        "1 credit Library Administration"
    );

    let history = history_of(&t.store, event.heading.id).await;
    let newest = &history[0];
    assert_eq!(
        newest.change,
        FieldChange::new(
            "CE credits",
            Some("0.5 credits Library Administration".into()),
            Some("1 credit Library Administration".into())
        )
    );
    assert!(!newest.actor.is_empty());
    let created = &history.last().expect("creation entry").change;
    assert_eq!(
        (created.field.as_str(), created.new_value.as_deref()),
        ("Event", Some("Created"))
    );
    assert!(history
        .iter()
        .any(|h| h.change.field == "Title" && h.change.old_value.is_none()));

    // Saving the same values again changes nothing and writes nothing.
    commands::update_event(&t.store, event.heading.id, &input)
        .await
        .expect("same again");
    assert_eq!(
        history_of(&t.store, event.heading.id).await.len(),
        history.len()
    );
}

#[tokio::test]
async fn deleting_keeps_the_history_with_the_whole_event() {
    let (t, event) = open_with_seed().await;
    commands::delete_event(&t.store, event.heading.id)
        .await
        .expect("deleted");
    let err = commands::get_event(&t.store, event.heading.id)
        .await
        .expect_err("gone");
    assert_eq!(
        err.to_string(),
        format!("Event {} was not found", event.heading.id)
    );
    let history = history_of(&t.store, event.heading.id).await;
    assert_eq!(history[0].change.new_value.as_deref(), Some("Deleted"));
    let snapshot = history[0].change.old_value.as_deref().expect("snapshot");
    assert!(snapshot.contains("NEW Strategic Track"), "{snapshot}");
    let credits = rows(&t.store, "event_credits").await;
    assert_eq!(credits, 0, "credit rows go with the event");
}

#[tokio::test]
async fn duplicating_copies_fields_and_resources_and_says_so() {
    let t = open().await;
    let mut input = seed();
    input.resources = vec![aspen_desk::domain::resource::ResourceInput {
        title: "Recording".into(),
        url: Some("https://vimeo.com/montanastatelibrary".into()),
        resource_type: Some("recording".into()),
        ..Default::default()
    }];
    let original = commands::create_event(&t.store, &input)
        .await
        .expect("created");
    let copy = commands::duplicate_event(&t.store, original.heading.id)
        .await
        .expect("copied");
    assert_ne!(copy.heading.id, original.heading.id);
    assert_eq!(
        copy.heading.title,
        format!("{} (copy)", original.heading.title)
    );
    assert_eq!(copy.begin_display, original.begin_display);
    assert_eq!(copy.credits[0].description, original.credits[0].description);
    assert_eq!(copy.resources.len(), 1);
    let history = history_of(&t.store, copy.heading.id).await;
    assert!(history.iter().any(|h| h.change.new_value.as_deref()
        == Some(&*format!(
            "Created as a copy of event {}",
            original.heading.id
        ))));
}

#[tokio::test]
async fn records_survive_closing_and_reopening_the_data_folder() {
    let (t, event) = open_with_seed().await;
    t.store.clone().close().await;
    let reopened = Store::open(t.dir.path()).await.expect("reopen");
    let again = read_event(&reopened, event.heading.id).await;
    assert_eq!(again.heading.title, event.heading.title);
    let mode: String = scalar(&reopened, "PRAGMA journal_mode").await;
    assert_eq!(mode, "wal");
    let fk: i64 = scalar(&reopened, "PRAGMA foreign_keys").await;
    assert_eq!(fk, 1);
}

#[tokio::test]
async fn an_unknown_event_is_not_found_everywhere() {
    let t = open().await;
    for err in [
        commands::get_event(&t.store, 99)
            .await
            .map(|_| ())
            .expect_err("get"),
        commands::update_event(&t.store, 99, &seed())
            .await
            .map(|_| ())
            .expect_err("update"),
        commands::delete_event(&t.store, 99)
            .await
            .map(|_| ())
            .expect_err("delete"),
        commands::duplicate_event(&t.store, 99)
            .await
            .map(|_| ())
            .expect_err("duplicate"),
    ] {
        assert_eq!(err.code(), "not_found");
    }
}
