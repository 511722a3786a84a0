//! The progress command sends totals; the verdicts behind them come a page at
//! a time, and the pages together are every entry once, in date order.

use crate::support::{enroll, invalid_fields, open, person};
use aspen_desk::commands::{ledger as led, today};
use aspen_desk::domain::ledger::{CreditEntryInput, VerificationInput};
use aspen_desk::store::{ledger, Store};

const ENTRIES: usize = 120;

/// A person enrolled in the 2009 administrator track with `ENTRIES` entries:
/// every third pending, the rest verified, spread over ten years.
async fn person_with_entries(store: &Store) -> i64 {
    let person = person(store, "Paged", "Pat").await;
    enroll(store, person, "2009-administrator", None).await;
    let drafts: Vec<_> = (0..ENTRIES)
        .map(|i| {
            CreditEntryInput {
                person_id: person,
                kind: Some("independent".into()),
                title: format!("Topic {i}"),
                date: (today() - chrono::Duration::days(30 * i as i64)).to_string(),
                category: ["LA", "LSP", "CMTS", "TECH"][i % 4].into(),
                credits: Some(1.0),
                verification: VerificationInput {
                    status: Some(if i % 3 == 0 { "pending" } else { "verified" }.into()),
                    verified_by: Some("Dahl, Jonas".into()),
                    verified_on: None,
                },
                ..Default::default()
            }
            .validate(today())
            .expect("valid")
        })
        .collect();
    ledger::add_all(store, &drafts, "test")
        .await
        .expect("saved");
    person
}

#[tokio::test]
async fn progress_sends_totals_and_the_pages_hold_every_verdict_once() {
    let t = open().await;
    let person = person_with_entries(&t.store).await;
    let p = led::progress(&t.store, &led::ProgressQuery::of(person))
        .await
        .expect("progress");
    assert_eq!(p.entry_count as usize, ENTRIES);
    let json = serde_json::to_value(&p).expect("json");
    assert!(json.get("entries").is_none(), "no verdicts with the totals");

    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = led::progress_entries(&t.store, &led::ProgressQuery::of(person), offset, 50)
            .await
            .expect("page");
        assert_eq!((page.total as usize, page.offset), (ENTRIES, offset));
        if page.entries.is_empty() {
            break;
        }
        offset += page.entries.len() as u32;
        seen.extend(page.entries);
    }
    assert_eq!(offset as usize, ENTRIES, "pages of 50, 50 and 20");
    let mut ids: Vec<i64> = seen.iter().map(|v| v.id).collect();
    let dates: Vec<&str> = seen.iter().map(|v| v.date.as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), ENTRIES, "every entry once");

    // The verdicts agree with the totals.
    let counted = seen.iter().filter(|v| v.counted).count();
    assert_eq!(counted, p.counted_count as usize);
    let earned: f64 = seen.iter().filter(|v| v.counted).map(|v| v.credits).sum();
    assert_eq!(earned, p.totals.total_earned);
    assert!(seen
        .iter()
        .filter(|v| !v.counted)
        .all(|v| v.reason == "Pending verification."
            || v.reason.starts_with("Dated before the window")));
    assert!(seen
        .iter()
        .any(|v| v.reason == "Counts toward Library Administration."));
}

#[tokio::test]
async fn a_page_past_the_end_is_empty_and_a_bad_size_names_the_limit() {
    let t = open().await;
    let person = person_with_entries(&t.store).await;
    let past = led::progress_entries(&t.store, &led::ProgressQuery::of(person), 500, 10)
        .await
        .expect("past the end");
    assert_eq!((past.total as usize, past.entries.len()), (ENTRIES, 0));
    let last = led::progress_entries(&t.store, &led::ProgressQuery::of(person), 115, 10)
        .await
        .expect("last page");
    assert_eq!(last.entries.len(), 5);

    for limit in [0, led::VERDICT_PAGE_MAX + 1] {
        let err = led::progress_entries(&t.store, &led::ProgressQuery::of(person), 0, limit)
            .await
            .expect_err("bad page size");
        assert_eq!(invalid_fields(err), ["limit"]);
    }
    let err = led::progress_entries(&t.store, &led::ProgressQuery::of(person + 99), 0, 10)
        .await
        .expect_err("nobody");
    assert_eq!(invalid_fields(err), ["person"]);
}

/// The lines a track evaluation reads come from the person's index alone
/// (migration 0009): a column added to the read but not to the index would
/// send SQLite back to every row.
#[tokio::test]
async fn the_lines_are_read_from_the_person_index_alone() {
    let t = open().await;
    let plan: Vec<(i64, i64, i64, String)> =
        sqlx::query_as(&format!("EXPLAIN QUERY PLAN {}", ledger::LINES_AS_JSON))
            .bind(1_i64)
            .fetch_all(&t.store.pool)
            .await
            .expect("plan");
    let steps: Vec<&str> = plan.iter().map(|(_, _, _, step)| step.as_str()).collect();
    assert_eq!(
        steps,
        ["SEARCH credit_entries USING COVERING INDEX credit_entries_person (person_id=?)"]
    );
}
