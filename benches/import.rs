//! Import benchmark: a 10,000-event .ics file imported through the command
//! layer (parse, preview lookups, one-transaction save with the search rows),
//! beside inserting the same validated events with the store's create path
//! (`events add` logic) in one transaction. Run: `cargo bench --bench import`.
//! Prints seconds per run; not a test, no thresholds.

use aspen_desk::commands::import::{self, ImportOptions};
use aspen_desk::commands::today;
use aspen_desk::domain::event::EventDraft;
use aspen_desk::import::{sample, ImportContext};
use aspen_desk::store::resources::ReadyResource;
use aspen_desk::store::{events, Store};
use std::sync::Arc;
use std::time::Instant;

const EVENTS: usize = 10_000;
const ROUNDS: usize = 3;

fn median(mut seconds: Vec<f64>) -> f64 {
    seconds.sort_by(|a, b| a.total_cmp(b));
    seconds[seconds.len() / 2]
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

#[tokio::main]
async fn main() {
    // The twin gets the same set of events the import saves.
    let (ics, vevents, drafts) = calendar_of_distinct(EVENTS);
    println!(
        "calendar: {vevents} VEVENTs, {} distinct events, {:.1} MB",
        drafts.len(),
        ics.len() as f64 / 1e6
    );

    let mut parse_only = Vec::new();
    let mut previewed = Vec::new();
    let mut imported = Vec::new();
    let mut twin = Vec::new();
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let context = ImportContext::around(today());
        let again =
            aspen_desk::import::parse(Some("bench.ics"), ics.as_bytes(), &context).expect("parse");
        assert_eq!(again.events.len(), vevents);
        parse_only.push(started.elapsed().as_secs_f64());

        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).await.expect("store");
        let started = Instant::now();
        let preview = import::preview(
            &store,
            Some("bench.ics"),
            ics.as_bytes(),
            &ImportOptions::default(),
        )
        .await
        .expect("preview");
        assert_eq!(preview.events.len(), drafts.len());
        previewed.push(started.elapsed().as_secs_f64());

        let started = Instant::now();
        let report = import::save(
            &store,
            Some("bench.ics"),
            ics.as_bytes(),
            &ImportOptions::default(),
            |_| {},
            Arc::default(),
        )
        .await
        .expect("import");
        imported.push(started.elapsed().as_secs_f64());
        assert_eq!(report.created, drafts.len());
        store.close().await;

        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).await.expect("store");
        let started = Instant::now();
        let ids = events::create_many(&store, &drafts, "bench", "benchmark")
            .await
            .expect("insert");
        twin.push(started.elapsed().as_secs_f64());
        assert_eq!(ids.len(), drafts.len());
        store.close().await;
    }
    let (parse_s, import_s, twin_s) = (median(parse_only), median(imported), median(twin));
    let preview_s = median(previewed);
    println!("parse only (icalendar + rrule):              {parse_s:.3} s");
    println!("preview (parse + checks + lookups, no save): {preview_s:.3} s");
    println!("import (parse + preview + save, one tx):     {import_s:.3} s");
    println!("twin: same events, store create path, one tx: {twin_s:.3} s");
    println!("import / twin: {:.2}", import_s / twin_s);
    println!(
        "save part of the import (import - preview) / twin: {:.2}",
        (import_s - preview_s) / twin_s
    );
    let n = drafts.len() as f64;
    println!(
        "events per second: import {:.0}, twin {:.0}",
        n / import_s,
        n / twin_s
    );
}
