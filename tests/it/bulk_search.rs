//! The bulk insert path and the search plans on a catalog large enough to
//! pass the count cap and the few/many-matches threshold: every plan must give
//! the answer computed here by hand from the drafts.

use crate::support::{fingerprint, open, read_event, seed};
use aspen_desk::domain::event::{EventDraft, EventPosition};
use aspen_desk::domain::search::{EventSearch, Paging, SortOrder, COUNT_CAP};
use aspen_desk::store::events;
use aspen_desk::store::resources::ReadyResource;
use chrono::Duration;

const EVENTS: usize = 5_200;

/// Every 2nd event has "zebra" in its title (2,600 matches: more than the
/// few-matches threshold), every 1,000th has "quokka" (6 matches); every 3rd
/// mentions "zebra" only in its description.
fn catalog() -> Vec<(EventDraft, Vec<ReadyResource>)> {
    let base = seed().validate().expect("seed is valid");
    (0..EVENTS)
        .map(|i| {
            let mut d = base.clone();
            d.title = format!(
                "Session {i}{}{}",
                if i % 2 == 0 { " zebra" } else { "" },
                if i % 1000 == 0 { " quokka" } else { "" }
            );
            d.details.description = if i % 3 == 0 {
                "Notes about a zebra".into()
            } else {
                "Notes".into()
            };
            // Dates out of id order, with ties, so the order is really tested.
            let shift = ((i * 7919) % 1500) as i64;
            d.begin -= Duration::days(shift);
            d.end -= Duration::days(shift);
            (d, Vec::new())
        })
        .collect()
}

/// The expected ids for a title/description word, newest first.
fn expected(
    drafts: &[(EventDraft, Vec<ReadyResource>)],
    ids: &[i64],
    keep: impl Fn(&EventDraft) -> bool,
) -> Vec<i64> {
    let mut hits: Vec<(i64, i64)> = drafts
        .iter()
        .zip(ids)
        .filter(|((d, _), _)| keep(d))
        .map(|((d, _), id)| (d.begin.timestamp(), *id))
        .collect();
    hits.sort_by(|a, b| b.cmp(a));
    hits.into_iter().map(|(_, id)| id).collect()
}

fn search(text: &str, sort: SortOrder, offset: u32) -> EventSearch {
    EventSearch {
        text: text.into(),
        sort,
        paging: Paging { offset, limit: 50 },
        all_dates: true,
        ..Default::default()
    }
}

#[tokio::test]
async fn bulk_insert_then_every_plan_gives_the_hand_computed_answer() {
    let t = open().await;
    let drafts = catalog();
    let ids = events::create_many(&t.store, &drafts, "tester", "Imported")
        .await
        .expect("bulk insert");
    assert_eq!(ids.len(), EVENTS);
    assert!(ids.windows(2).all(|w| w[1] == w[0] + 1), "one range of ids");

    // Rows, children and one history line per event are all there.
    let count = |sql: &'static str| {
        let pool = t.store.pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .expect("count")
        }
    };
    assert_eq!(count("SELECT count(*) FROM events").await, EVENTS as i64);
    assert_eq!(
        count("SELECT count(*) FROM events_fts").await,
        EVENTS as i64
    );
    assert_eq!(
        count(
            "SELECT count(*) FROM history WHERE record_type = 'event' AND new_value = 'Imported'"
        )
        .await,
        EVENTS as i64
    );
    assert_eq!(
        count("SELECT count(*) FROM event_credits").await,
        EVENTS as i64
    );
    let stored = read_event(&t.store, ids[4]).await;
    assert_eq!(stored.heading.title, "Session 4 zebra");
    assert_eq!(stored.details.trainer_positions.len(), 1);

    // Many matches, newest first (the search rows read in key order), across pages.
    let zebra_titles = expected(&drafts, &ids, |d| d.title.contains("zebra"));
    let zebra_anywhere = expected(&drafts, &ids, |d| {
        d.title.contains("zebra") || d.details.description.contains("zebra")
    });
    for offset in [0, 50, 2_000] {
        let page = aspen_desk::commands::search_events(
            &t.store,
            &search("zebra", SortOrder::Newest, offset),
        )
        .await
        .expect("zebra");
        assert_eq!(page.total, zebra_anywhere.len() as i64);
        assert!(!page.total_is_lower_bound);
        let got: Vec<i64> = page.items.iter().map(|e| e.heading.id).collect();
        let want: Vec<i64> = zebra_anywhere
            .iter()
            .skip(offset as usize)
            .take(50)
            .copied()
            .collect();
        assert_eq!(got, want, "offset {offset}");
    }

    // Few matches, oldest first.
    let page =
        aspen_desk::commands::search_events(&t.store, &search("quokka", SortOrder::Oldest, 0))
            .await
            .expect("quokka");
    let mut quokka = expected(&drafts, &ids, |d| d.title.contains("quokka"));
    quokka.reverse();
    assert_eq!(
        page.items.iter().map(|e| e.heading.id).collect::<Vec<_>>(),
        quokka
    );

    // Too many to rank: every description says "Notes" (5,200 events, past
    // the rank limit), so best match gives way to newest first, and says so.
    let everything = expected(&drafts, &ids, |_| true);
    let page =
        aspen_desk::commands::search_events(&t.store, &search("notes", SortOrder::Relevance, 50))
            .await
            .expect("notes");
    assert_eq!(page.sort, SortOrder::Newest);
    assert!(page.too_many_to_rank);
    let got: Vec<i64> = page.items.iter().map(|e| e.heading.id).collect();
    assert_eq!(got, everything[50..100]);
    let page =
        aspen_desk::commands::search_events(&t.store, &search("notes", SortOrder::Newest, 0))
            .await
            .expect("notes, newest");
    assert!(!page.too_many_to_rank, "newest first was asked for");

    // Best match: every title hit ranks above every description-only hit.
    let page =
        aspen_desk::commands::search_events(&t.store, &search("zebra", SortOrder::Relevance, 0))
            .await
            .expect("ranked");
    assert_eq!(page.sort, SortOrder::Relevance);
    assert!(page.items.iter().all(|e| e.heading.title.contains("zebra")));
    let last_title_hit = zebra_titles.len() as u32;
    let tail = aspen_desk::commands::search_events(
        &t.store,
        &search("zebra", SortOrder::Relevance, last_title_hit - 10),
    )
    .await
    .expect("ranked tail");
    let titles: Vec<bool> = tail
        .items
        .iter()
        .map(|e| e.heading.title.contains("zebra"))
        .collect();
    assert_eq!(titles[..10], [true; 10]);
    assert!(
        titles[10..].iter().all(|t| !t),
        "description-only hits come after"
    );

    // Browsing counts stop at the cap; deeper pages still know there is more.
    let browse = EventSearch {
        all_dates: true,
        ..Default::default()
    };
    let page = aspen_desk::commands::search_events(&t.store, &browse)
        .await
        .expect("browse");
    assert_eq!(
        page.sort,
        SortOrder::Newest,
        "nothing to rank when browsing"
    );
    assert_eq!(
        (page.total, page.total_is_lower_bound),
        (i64::from(COUNT_CAP), true)
    );
    let deep = EventSearch {
        paging: Paging {
            offset: 5_100,
            limit: 50,
        },
        ..browse
    };
    let page = aspen_desk::commands::search_events(&t.store, &deep)
        .await
        .expect("deep");
    assert_eq!(
        (page.total, page.total_is_lower_bound),
        (EVENTS as i64, false)
    );
    assert_eq!(page.items.len(), 50);

    // A text filter plus a date range, on the many-matches plan.
    let newest_zebra_day = drafts[0].0.begin.date_naive().to_string();
    let ranged = EventSearch {
        from: Some(newest_zebra_day.clone()),
        to: Some(newest_zebra_day),
        ..search("zebra", SortOrder::Newest, 0)
    };
    let page = aspen_desk::commands::search_events(&t.store, &ranged)
        .await
        .expect("ranged");
    assert!(page.total >= 1);
    assert!(page.items.iter().any(|e| e.heading.id == ids[0]));
}

#[tokio::test]
async fn a_bulk_insert_with_a_missing_position_names_it_and_writes_nothing() {
    let t = open().await;
    let before = fingerprint(&t.store, t.dir.path()).await;
    let mut drafts = catalog();
    drafts.truncate(3);
    drafts[2].0.details.trainer_positions.push(EventPosition {
        position_id: Some(999_999),
        text: String::new(),
    });
    let err = events::create_many(&t.store, &drafts, "tester", "Imported")
        .await
        .expect_err("missing position");
    assert_eq!(
        crate::support::invalid_fields(err),
        ["events[2].trainer_positions[1]"]
    );
    assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);
}

#[tokio::test]
async fn a_bulk_insert_never_reuses_the_id_of_a_deleted_event() {
    let t = open().await;
    let first = aspen_desk::commands::create_event(&t.store, &seed())
        .await
        .expect("created");
    aspen_desk::commands::delete_event(&t.store, first.heading.id)
        .await
        .expect("deleted");
    let mut drafts = catalog();
    drafts.truncate(2);
    let ids = events::create_many(&t.store, &drafts, "tester", "Imported")
        .await
        .expect("bulk insert");
    assert_eq!(ids, [first.heading.id + 1, first.heading.id + 2]);
    // The deleted event's history stays its own; each new id has one line.
    let lines: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM history WHERE record_type = 'event' AND record_id = ?",
    )
    .bind(ids[0])
    .fetch_one(&t.store.pool)
    .await
    .expect("history");
    assert_eq!(lines, 1);
}
