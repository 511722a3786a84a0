use crate::support::{invalid_fields, open, open_with_sample, open_with_seed};
use aspen_desk::commands;
use aspen_desk::domain::event::EventSummary;
use aspen_desk::domain::search::{EventPage, EventSearch, Paging, SortOrder};
use aspen_desk::store::Store;

fn text(q: &str) -> EventSearch {
    EventSearch {
        text: q.into(),
        all_dates: true,
        ..Default::default()
    }
}

/// A filter case: its name, the search, and what every event it finds must show.
type Filter = (&'static str, EventSearch, fn(&EventSummary) -> bool);

/// Every date, `limit` events a page (0: the default page).
fn every_date(limit: u32) -> EventSearch {
    EventSearch {
        all_dates: true,
        paging: Paging::first(limit),
        ..Default::default()
    }
}

/// A search that must succeed (`what` names it if it does not).
async fn run(store: &Store, search: &EventSearch, what: &str) -> EventPage {
    let page = commands::search_events(store, search).await;
    page.unwrap_or_else(|e| panic!("{what}: {e}"))
}

async fn titles(store: &Store, search: &EventSearch) -> Vec<String> {
    let page = run(store, search, "search").await;
    page.items.into_iter().map(|e| e.heading.title).collect()
}

/// Words, prefixes, phrases and the page's own misspelling: each finds the seed event.
const FINDS_THE_SEED: [&str; 7] = [
    "strategic track",
    "Strat",
    "STRATEGIC",
    "\"strategic track\"",
    "librarians need",
    "montana state",
    "administation",
];

/// Query syntax a librarian may type by accident.
const ODD_QUERIES: [&str; 15] = [
    "\"",
    "\"\"",
    "(",
    "*",
    "AND",
    "NOT track",
    "track OR",
    "a:b",
    "^strat",
    "strat*",
    "-",
    "'",
    "🙂",
    "NEAR(a b)",
    "\"unclosed strategic",
];

#[tokio::test]
async fn words_prefixes_phrases_and_accents_find_the_seed_event() {
    let (t, _) = open_with_seed().await;
    for q in FINDS_THE_SEED {
        assert_eq!(titles(&t.store, &text(q)).await.len(), 1, "query {q:?}");
    }
    assert!(titles(&t.store, &text("\"track strategic\""))
        .await
        .is_empty());
    assert!(titles(&t.store, &text("cataloging")).await.is_empty());
}

#[tokio::test]
async fn odd_input_never_errors() {
    let (t, _) = open_with_seed().await;
    for q in ODD_QUERIES {
        run(&t.store, &text(q), q).await;
    }
}

#[tokio::test]
async fn filters_and_the_default_four_year_window() {
    let t = open_with_sample().await;
    let default = run(&t.store, &EventSearch::default(), "default").await;
    let all = run(&t.store, &every_date(0), "all").await;
    // The seed event (June 2021) is older than four years, the rest is in the window.
    assert_eq!(all.total, default.total + 1);
    assert!(default.from.is_some());

    let filters: [Filter; 3] = [
        (
            "type",
            EventSearch {
                event_type: Some("webinar".into()),
                ..every_date(500)
            },
            |e| e.heading.event_type_label == "Webinar",
        ),
        (
            "category",
            EventSearch {
                category: Some("TECH".into()),
                ..every_date(500)
            },
            |e| e.credits_short.contains("TECH"),
        ),
        (
            "delivery",
            EventSearch {
                delivery: Some("in_person".into()),
                ..every_date(500)
            },
            |e| e.delivery_label == "In Person",
        ),
    ];
    for (filter, search, shows) in filters {
        let page = run(&t.store, &search, filter).await;
        assert!(page.total > 0 && page.items.iter().all(shows), "{filter}");
    }

    let in_2021 = EventSearch {
        from: Some("2021-06-01".into()),
        to: Some("2021-06-02".into()),
        ..Default::default()
    };
    assert_eq!(
        titles(&t.store, &in_2021).await,
        [aspen_desk::sample::seed_event().title]
    );
    let before_it = EventSearch {
        from: Some("2021-06-01".into()),
        to: Some("2021-06-01".into()),
        ..Default::default()
    };
    assert!(titles(&t.store, &before_it).await.is_empty());
}

#[tokio::test]
async fn results_are_sorted_by_begin_and_paged() {
    let t = open_with_sample().await;
    let newest = run(&t.store, &every_date(500), "newest").await;
    let begins: Vec<&String> = newest.items.iter().map(|e| &e.begin).collect();
    let mut sorted = begins.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(begins, sorted);

    let oldest = EventSearch {
        sort: SortOrder::Oldest,
        paging: Paging {
            offset: 10,
            limit: 10,
        },
        ..every_date(10)
    };
    let page = run(&t.store, &oldest, "page 2").await;
    assert_eq!(page.items.len(), 10);
    assert_eq!(page.total, newest.total);
    assert_eq!(
        page.items[0].heading.id,
        newest.items[newest.items.len() - 11].heading.id
    );
}

#[tokio::test]
async fn bad_filters_name_their_field() {
    let t = open().await;
    let bad_date = EventSearch {
        to: Some("31/12/2024".into()),
        ..Default::default()
    };
    let err = commands::search_events(&t.store, &bad_date).await;
    assert_eq!(invalid_fields(err.expect_err("bad date")), ["to"]);
}

#[tokio::test]
async fn the_sample_catalog_loads_once() {
    let t = open().await;
    let added = commands::load_sample_catalog(&t.store)
        .await
        .expect("sample");
    assert!(added >= 200, "{added}");
    assert_eq!(
        commands::load_sample_catalog(&t.store)
            .await
            .expect("again"),
        0
    );
    let info = commands::app_info(&t.store).await.expect("info");
    assert_eq!(info.event_count, added as i64);
    assert!(info.sample_loaded);
}

#[tokio::test]
async fn an_event_moved_to_another_day_is_found_on_that_day_only() {
    let (t, event) = open_with_seed().await;
    let on = |day: &str| EventSearch {
        text: "strategic".into(),
        from: Some(day.into()),
        to: Some(day.into()),
        ..Default::default()
    };
    assert_eq!(titles(&t.store, &on("2021-06-02")).await.len(), 1);

    // The search row is keyed by the begin time: it moves with the event.
    let mut moved = crate::support::seed();
    moved.begin = "2027-03-01T09:00".into();
    moved.end = Some("2027-03-01T10:00".into());
    commands::update_event(&t.store, event.heading.id, &moved)
        .await
        .expect("moved");
    assert!(titles(&t.store, &on("2021-06-02")).await.is_empty());
    assert_eq!(titles(&t.store, &on("2027-03-01")).await.len(), 1);
    assert_eq!(crate::support::rows(&t.store, "events_fts").await, 1);

    commands::delete_event(&t.store, event.heading.id)
        .await
        .expect("deleted");
    assert_eq!(crate::support::rows(&t.store, "events_fts").await, 0);
}
