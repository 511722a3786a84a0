//! Import benchmark: a 10,000-event .ics file imported through the command
//! layer (parse, preview lookups, one-transaction save with the search rows),
//! beside its raw-SQL twin: the same validated events inserted by
//! hand-written SQL (one transaction, prepared statements reused, the search
//! index filled at the end) into a fresh data folder. 100,000 events make a
//! 55 MB calendar, over the import's 32 MB file limit: that load is measured
//! on the bulk path by `benches/search.rs`. Run: `cargo bench --bench import`
//! (or `scripts/bench.sh`). No thresholds.

mod support;

use aspen_desk::commands::import::{self, ImportOptions};
use aspen_desk::commands::today;
use aspen_desk::domain::event::EventDraft;
use aspen_desk::import::{sample, ImportContext};
use aspen_desk::store::resources::ReadyResource;
use aspen_desk::store::{events, Store};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::Report;

/// (distinct events in the calendar, rounds).
const SIZES: [(usize, usize); 1] = [(10_000, 3)];

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The sample calendar holding at least `wanted` distinct events (the sample
/// repeats a title and time now and then, and the import keeps one of each),
/// with the validated drafts of those events, in file order.
fn calendar_of_distinct(wanted: usize) -> (String, usize, Vec<(EventDraft, Vec<ReadyResource>)>) {
    let mut count = wanted;
    loop {
        let ics = sample::calendar(today(), count);
        let parsed = aspen_desk::import::parse(
            Some("bench.ics"),
            ics.as_bytes(),
            &ImportContext::around(today()),
        )
        .expect("calendar");
        let mut keys = std::collections::HashSet::new();
        let drafts: Vec<_> = parsed
            .events
            .iter()
            .map(|e| e.input.validate().expect("valid"))
            .filter(|d| keys.insert((d.title.clone(), d.begin)))
            .map(|d| (d, Vec::new()))
            .collect();
        if drafts.len() >= wanted {
            return (ics, parsed.events.len(), drafts);
        }
        count += wanted - drafts.len();
    }
}

async fn measure(wanted: usize, rounds: usize, report: &mut Report) {
    // The twin gets the same set of events the import saves.
    let (ics, vevents, drafts) = calendar_of_distinct(wanted);
    println!(
        "calendar: {vevents} VEVENTs, {} distinct events, {:.1} MB",
        drafts.len(),
        ics.len() as f64 / 1e6
    );
    let mut parse_only = Vec::new();
    let mut previewed = Vec::new();
    let mut imported = Vec::new();
    let mut twin = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let context = ImportContext::around(today());
        let again =
            aspen_desk::import::parse(Some("bench.ics"), ics.as_bytes(), &context).expect("parse");
        parse_only.push(started.elapsed());
        assert_eq!(again.events.len(), vevents);

        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).await.expect("store");
        let (name, bytes, options) = (Some("bench.ics"), ics.as_bytes(), ImportOptions::default());
        let started = Instant::now();
        let preview = import::preview(&store, name, bytes, &options)
            .await
            .expect("preview");
        previewed.push(started.elapsed());
        assert_eq!(preview.batch.events.len(), drafts.len());

        let started = Instant::now();
        let saved = import::save(&store, name, bytes, &options, |_| {}, Arc::default())
            .await
            .expect("import");
        imported.push(started.elapsed());
        assert_eq!(saved.created, drafts.len());
        store.close().await;

        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).await.expect("store");
        let started = Instant::now();
        support::raw_load(&store, &drafts).await;
        twin.push(started.elapsed());
        assert_eq!(
            events::count(&store).await.expect("count"),
            drafts.len() as i64
        );
        store.close().await;
    }
    let ms = |d: Duration| format!("{:.0} ms", d.as_secs_f64() * 1000.0);
    report.row(
        &format!("import {wanted}-event .ics (parse + preview + save) vs raw SQL load"),
        median(imported),
        median(twin),
        &format!(
            "median of {rounds}; target < 1 s; parse alone {}, preview alone {}",
            ms(median(parse_only)),
            ms(median(previewed))
        ),
    );
}

#[tokio::main]
async fn main() {
    let mut report = Report::new("import");
    for (wanted, rounds) in SIZES {
        measure(wanted, rounds, &mut report).await;
    }
    report.finish();
}
