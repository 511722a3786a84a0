//! Certification evaluation benchmark: one person with 5,000 ledger entries,
//! evaluated by the pure domain function and through the command layer (which
//! also reads the entries from SQLite): the totals the dashboard shows, and a
//! page of verdicts in words, each beside its raw-SQL twin: the best
//! hand-written read of the same 5,000 rows on the same file (one JSON array
//! built by SQLite), with the plain row-at-a-time read shown for scale.
//! Run: `cargo bench --bench progress` (or `scripts/bench.sh`).

mod support;

use aspen_desk::commands::{directory as dir, ledger as led};
use aspen_desk::domain::certification::{evaluate, Circumstances};
use aspen_desk::domain::directory::PersonInput;
use aspen_desk::domain::ledger::{CreditEntryInput, VerificationInput};
use aspen_desk::store::{certification as cert, ledger, Store};
use sqlx::Row;
use std::time::Instant;
use support::Report;

const ENTRIES: usize = 5_000;
/// Rounds per figure: enough that a p95 is not one or two hiccups of a
/// shared machine.
const ROUNDS: usize = 200;
const VERDICT_PAGE: u32 = 50;

/// One entry as the twin reads it: id, kind, title, date, category,
/// half-credits, status, plan goal.
type RawLine = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
);

#[tokio::main]
async fn main() {
    let temp = tempfile::tempdir().expect("temp dir");
    let store = Store::open(temp.path()).await.expect("store");
    let person = dir::create_person(
        &store,
        &PersonInput {
            last_name: "Bench".into(),
            first_name: "Mark".into(),
            ..Default::default()
        },
    )
    .await
    .expect("person")
    .id;
    led::enroll(&store, person, "2009-administrator", Some("2023-01-01"))
        .await
        .expect("enroll");
    let today = aspen_desk::commands::today();
    let mut drafts = Vec::with_capacity(ENTRIES);
    for i in 0..ENTRIES {
        let input = CreditEntryInput {
            person_id: person,
            kind: Some(
                [
                    "independent",
                    "presenter",
                    "conference_session",
                    "college_quarter",
                ][i % 4]
                    .into(),
            ),
            title: format!("Topic {}", i % 300),
            date: (today - chrono::Duration::days((i % 2_500) as i64)).to_string(),
            category: ["LA", "LSP", "CMTS", "TECH"][i % 4].into(),
            credits: Some(0.5 * ((i % 6) + 1) as f64),
            units: Some(1.0),
            verification: VerificationInput {
                status: Some(["verified", "verified", "pending", "denied"][i % 4].into()),
                verified_by: Some("Bench, Board Chair".into()),
                verified_on: None,
            },
            ..Default::default()
        };
        drafts.push(input.validate(today).expect("valid"));
    }
    let started = Instant::now();
    ledger::add_all(&store, &drafts, "bench")
        .await
        .expect("insert");
    support::settle(&store).await;
    println!(
        "logged {ENTRIES} entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let track = cert::track(&store, "2009-administrator")
        .await
        .expect("track");
    let lines = ledger::lines_for_person(&store, person)
        .await
        .expect("entries");
    let mut pure = Vec::with_capacity(ROUNDS);
    let mut command = Vec::with_capacity(ROUNDS);
    let mut page = Vec::with_capacity(ROUNDS);
    let mut raw = Vec::with_capacity(ROUNDS);
    let mut row_by_row = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let evaluation = evaluate(&track, &lines, today, Circumstances::default());
        pure.push(t.elapsed());
        assert_eq!(evaluation.verdicts.len(), ENTRIES);

        let t = Instant::now();
        let p = led::progress(&store, &led::ProgressQuery::of(person))
            .await
            .expect("progress");
        let json = serde_json::to_string(&p).expect("json");
        command.push(t.elapsed());
        assert_eq!(p.entry_count as usize, ENTRIES);
        assert!(!json.is_empty());

        let t = Instant::now();
        let verdicts =
            led::progress_entries(&store, &led::ProgressQuery::of(person), 0, VERDICT_PAGE)
                .await
                .expect("page");
        let json = serde_json::to_string(&verdicts).expect("json");
        page.push(t.elapsed());
        assert_eq!(verdicts.entries.len(), VERDICT_PAGE as usize);
        assert!(!json.is_empty());

        // The twin: the best hand-written read of the same rows, the store's
        // own statement (one JSON array built by SQLite) parsed and summed.
        let t = Instant::now();
        let json: String = sqlx::query_scalar(ledger::LINES_AS_JSON)
            .bind(person)
            .fetch_one(&store.pool)
            .await
            .expect("raw read");
        let mut rows: Vec<RawLine> = serde_json::from_str(&json).expect("raw rows");
        rows.sort_unstable_by(|a, b| (&b.3, b.0).cmp(&(&a.3, a.0)));
        let half: i64 = rows.iter().map(|r| r.5).sum();
        raw.push(t.elapsed());
        assert_eq!(rows.len(), ENTRIES);
        assert!(half > 0);
    }
    // For scale, apart so its 5,000 rows never sit in memory during the others.
    for _ in 0..ROUNDS {
        // For scale: the same rows read one by one through sqlx.
        let t = Instant::now();
        let rows = sqlx::query(
            "SELECT id, kind, title, date, category, half_credits, status, plan_goal_id
             FROM credit_entries WHERE person_id = ? ORDER BY date DESC, id DESC",
        )
        .bind(person)
        .fetch_all(&store.pool)
        .await
        .expect("row read");
        let half: i64 = rows.iter().map(|r| r.get::<i64, _>(5)).sum();
        row_by_row.push(t.elapsed());
        assert_eq!(rows.len(), ENTRIES);
        assert!(half > 0);
    }
    let mut report = Report::new("progress");
    report.alone(
        &format!("evaluate {ENTRIES} entries (pure)"),
        &mut pure,
        "target < 0.3 ms",
    );
    report.percentiles(
        &format!(
            "progress command, {ENTRIES} entries (read + evaluate + JSON totals) vs raw JSON read"
        ),
        &mut command,
        &mut raw.clone(),
    );
    report.percentiles(
        &format!(
            "progress page of {VERDICT_PAGE} verdicts (read + evaluate + words + JSON) vs raw JSON read"
        ),
        &mut page,
        &mut raw,
    );
    report.alone(
        &format!("read {ENTRIES} entries a row at a time through sqlx (for scale)"),
        &mut row_by_row,
        "the read the app avoids",
    );
    report.finish();
    store.close().await;
}
