//! Catalog search benchmark: 100,000 events in a real SQLite file, searched
//! through the store and through the command layer (what IPC calls, plus the
//! JSON the window receives). Run: `cargo bench --bench search`.
//! Prints median and p95 per query; not a test, no thresholds.

use aspen_desk::commands;
use aspen_desk::domain::search::EventSearch;
use aspen_desk::sample;
use aspen_desk::store::{events, resources, Store};
use std::time::{Duration, Instant};

const EVENTS: usize = 100_000;
const ROUNDS: usize = 40;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn load(store: &Store, dir: &std::path::Path) {
    let started = Instant::now();
    let mut batch = Vec::with_capacity(EVENTS);
    for input in sample::catalog(commands::today(), EVENTS) {
        let draft = input.validate().expect("sample events are valid");
        let mut ready = Vec::new();
        for r in &input.resources {
            let d = r.validate("").expect("valid resource");
            ready.push(
                resources::prepare(store, d, "path".into())
                    .await
                    .expect("link"),
            );
        }
        batch.push((draft, ready));
    }
    events::create_many(store, &batch, "bench", "benchmark")
        .await
        .expect("insert");
    let size = std::fs::metadata(dir.join(aspen_desk::store::DATABASE_FILE))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "loaded {EVENTS} events in {:.1} s (database {:.0} MB)",
        started.elapsed().as_secs_f64(),
        size as f64 / 1e6
    );
}

#[tokio::main]
async fn main() {
    // BENCH_DATA_DIR keeps the generated database for inspection.
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("BENCH_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let store = Store::open(&dir).await.expect("store");

    if events::count(&store).await.expect("count") < EVENTS as i64 {
        load(&store, &dir).await;
    }
    if std::env::var_os("BENCH_CHECKPOINT").is_some() {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&store.pool)
            .await
            .expect("checkpoint");
    }

    let searches: Vec<(&str, EventSearch)> = vec![
        ("browse (default window)", EventSearch::default()),
        (
            "text: strategic track",
            EventSearch {
                text: "strategic track".into(),
                ..Default::default()
            },
        ),
        (
            "text prefix: cata",
            EventSearch {
                text: "cata".into(),
                ..Default::default()
            },
        ),
        (
            "text: montana (very common)",
            EventSearch {
                text: "montana".into(),
                ..Default::default()
            },
        ),
        (
            "text: \"summer reading\"",
            EventSearch {
                text: "\"summer reading\"".into(),
                ..Default::default()
            },
        ),
        (
            "text: no match",
            EventSearch {
                text: "zzqx".into(),
                ..Default::default()
            },
        ),
        (
            "category TECH",
            EventSearch {
                category: Some("TECH".into()),
                ..Default::default()
            },
        ),
        (
            "type webinar + delivery online",
            EventSearch {
                event_type: Some("webinar".into()),
                delivery: Some("online".into()),
                ..Default::default()
            },
        ),
        (
            "text + category + range",
            EventSearch {
                text: "library".into(),
                category: Some("LA".into()),
                from: Some("2024-01-01".into()),
                to: Some("2025-12-31".into()),
                ..Default::default()
            },
        ),
        (
            "browse, page 100",
            EventSearch {
                offset: 4950,
                ..Default::default()
            },
        ),
    ];

    println!(
        "\n{:<34} {:>8} | {:>10} {:>10} | {:>10} {:>10}",
        "query", "matches", "store p50", "store p95", "cmd p50", "cmd p95"
    );
    let mut all_store = Vec::new();
    let mut all_command = Vec::new();
    for (name, search) in &searches {
        let plan = search.plan(commands::today()).expect("valid search");
        let mut store_times = Vec::with_capacity(ROUNDS);
        let mut command_times = Vec::with_capacity(ROUNDS);
        let mut total = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let page = events::search(&store, &plan).await.expect("search");
            store_times.push(t.elapsed());
            total = page.total;

            let t = Instant::now();
            let page = commands::search_events(&store, search)
                .await
                .expect("search");
            let json = serde_json::to_string(&page).expect("json");
            command_times.push(t.elapsed());
            assert!(!json.is_empty());
        }
        store_times.sort();
        command_times.sort();
        println!(
            "{:<34} {:>8} | {:>10} {:>10} | {:>10} {:>10}",
            name,
            total,
            ms(percentile(&store_times, 0.5)),
            ms(percentile(&store_times, 0.95)),
            ms(percentile(&command_times, 0.5)),
            ms(percentile(&command_times, 0.95))
        );
        all_store.extend(store_times);
        all_command.extend(command_times);
    }
    all_store.sort();
    all_command.sort();
    println!(
        "\nall queries: store median {} p95 {}; command median {} p95 {}",
        ms(percentile(&all_store, 0.5)),
        ms(percentile(&all_store, 0.95)),
        ms(percentile(&all_command, 0.5)),
        ms(percentile(&all_command, 0.95))
    );
    store.close().await;
}
