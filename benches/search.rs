//! Catalog search and bulk-load benchmark on 100,000 events in a real SQLite
//! file. Every store figure has a twin: the best hand-written SQL for the same
//! answer (count capped like the store's, and the first page with the same
//! columns), run on the same file, interleaved round by round. The twin's ids
//! and count must equal the store's, or the benchmark stops.
//! Run: `cargo bench --bench search` (or `scripts/bench.sh`). No thresholds.

mod support;

use aspen_desk::commands;
use aspen_desk::domain::event::EventDraft;
use aspen_desk::domain::search::{EventSearch, Paging, SortOrder, COUNT_CAP};
use aspen_desk::domain::time;
use aspen_desk::sample;
use aspen_desk::store::resources::ReadyResource;
use aspen_desk::store::{events, resources, Store};
use sqlx::Row;
use std::time::Instant;
use support::{ms, percentile, Report};

const EVENTS: usize = 100_000;
/// Rounds per figure: enough that a p95 is not one or two hiccups of a
/// shared machine.
const ROUNDS: usize = 100;

/// The display columns of a page row, as the store computes them.
const COLUMNS: &str = "e.id, e.title, e.event_type, e.status, e.begin_utc, e.time_zone, e.delivery, e.sponsor,
    (SELECT group_concat(category || ':' || half_credits, ',') FROM
        (SELECT category, half_credits FROM event_credits WHERE event_id = e.id ORDER BY position)) AS credits";

async fn drafts(store: &Store, count: usize) -> Vec<(EventDraft, Vec<ReadyResource>)> {
    let mut batch = Vec::with_capacity(count);
    for input in sample::catalog(commands::today(), count) {
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
    batch
}

/// Loads `count` events into a fresh data folder through
/// `events::create_many`, beside the raw twin.
async fn bulk(count: usize, report: &mut Report) {
    let app_dir = tempfile::tempdir().expect("dir");
    let app = Store::open(app_dir.path()).await.expect("store");
    bulk_into(&app, count, report).await;
    assert_eq!(events::count(&app).await.expect("count"), count as i64);
    app.close().await;
}

/// Loads `count` events into `app` through `events::create_many` and the
/// same drafts through the raw twin into a fresh folder, and reports both.
async fn bulk_into(app: &Store, count: usize, report: &mut Report) {
    let batch = drafts(app, count).await;
    let t = Instant::now();
    events::create_many(app, &batch, "bench", "benchmark")
        .await
        .expect("insert");
    let app_time = t.elapsed();
    let raw_dir = tempfile::tempdir().expect("dir");
    let raw = Store::open(raw_dir.path()).await.expect("store");
    let t = Instant::now();
    support::raw_load(&raw, &batch).await;
    let raw_time = t.elapsed();
    report.row(
        &format!("bulk insert {count} events"),
        app_time,
        raw_time,
        "total",
    );
    raw.close().await;
}

/// A query of the set: what the catalog asks, and the twin SQL for it.
struct Case {
    name: &'static str,
    search: EventSearch,
    /// The twin's `FROM ... WHERE ...`, its values bound as ?1, ?2...
    source: String,
    /// True for text: the search rows (keyed by begin time, then id) drive.
    text: bool,
    /// Best match asked for (taken when no more than `COUNT_CAP` match).
    ranked: bool,
    offset: i64,
    /// How many matches the count reads: one past the count limit.
    count_to: i64,
    binds: Vec<Value>,
}

#[derive(Clone)]
enum Value {
    Int(i64),
    Text(String),
}

fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    values: &'q [Value],
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    for v in values {
        q = match v {
            Value::Int(i) => q.bind(*i),
            Value::Text(t) => q.bind(t.as_str()),
        };
    }
    q
}

const RANKED: &str = "bm25(events_fts, 10.0, 1.0, 2.0, 3.0)";

/// The event id of a search row (its rowid is `begin_utc * 2^24 + id`).
const EVENT_OF_ROW: &str = "(events_fts.rowid & 16777215)";

/// Runs the twin, the best SQL found for the answer. Browsing: the capped
/// count, then the page with its columns. Text: one statement counts the
/// matches in date order (up to the cap) and picks the page's ids from them,
/// so FTS5 expands a prefix word once, then the page's display rows by id;
/// best match, when there are few enough, ranks in one more statement.
async fn raw(store: &Store, case: &Case) -> (i64, Vec<i64>) {
    let mut conn = store.pool.acquire().await.expect("conn");
    let (id, key, order) = if case.text {
        (EVENT_OF_ROW, "events_fts.rowid", "events_fts.rowid DESC")
    } else {
        ("e.id", "e.begin_utc", "e.begin_utc DESC, e.id DESC")
    };
    let source = &case.source;
    let (count_to, offset) = (case.count_to, case.offset);
    if !case.text {
        // Browsing: the capped count, then the page.
        let count: i64 = bind_all(
            sqlx::query(&format!(
                "SELECT count(*) FROM (SELECT 1 {source} LIMIT {count_to})"
            )),
            &case.binds,
        )
        .fetch_one(&mut *conn)
        .await
        .expect("raw count")
        .get(0);
        // The page's ids first, so the columns are computed for 50 rows only.
        let page = format!(
            "WITH p AS MATERIALIZED (SELECT e.id, e.begin_utc {source} ORDER BY {order} LIMIT 50 OFFSET {offset})
             SELECT {COLUMNS} FROM p JOIN events e ON e.id = p.id ORDER BY p.begin_utc DESC, p.id DESC"
        );
        let rows = bind_all(sqlx::query(&page), &case.binds)
            .fetch_all(&mut *conn)
            .await
            .expect("raw page");
        return (count, rows.iter().map(|r| r.get::<i64, _>(0)).collect());
    }
    let dated = format!(
        "WITH m AS MATERIALIZED (SELECT {id} AS id, {key} AS k {source} ORDER BY {order} LIMIT {count_to}),
              p AS (SELECT id, k FROM m ORDER BY k DESC, id DESC LIMIT 50 OFFSET {offset})
         SELECT (SELECT count(*) FROM m), p.id FROM (SELECT 1) LEFT JOIN p ORDER BY p.k DESC, p.id DESC"
    );
    let rows = bind_all(sqlx::query(&dated), &case.binds)
        .fetch_all(&mut *conn)
        .await
        .expect("raw count and page");
    let count: i64 = rows.first().map_or(0, |r| r.get(0));
    if case.ranked && count > 0 && count <= i64::from(COUNT_CAP) {
        let ranked = format!(
            "WITH p AS MATERIALIZED (SELECT {EVENT_OF_ROW} AS id, {RANKED} AS score {source}
                 ORDER BY score, id DESC LIMIT 50 OFFSET {offset})
             SELECT {COLUMNS} FROM p JOIN events e ON e.id = p.id ORDER BY p.score, p.id DESC"
        );
        let rows = bind_all(sqlx::query(&ranked), &case.binds)
            .fetch_all(&mut *conn)
            .await
            .expect("raw ranked page");
        return (count, rows.iter().map(|r| r.get::<i64, _>(0)).collect());
    }
    let ids: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.get::<Option<i64>, _>(1))
        .collect();
    if ids.is_empty() {
        return (count, ids);
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let shown = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM events e WHERE e.id IN ({list})"
    ))
    .fetch_all(&mut *conn)
    .await
    .expect("raw rows");
    let found: std::collections::HashSet<i64> = shown.iter().map(|r| r.get::<i64, _>(0)).collect();
    (
        count,
        ids.into_iter().filter(|id| found.contains(id)).collect(),
    )
}

fn text(q: &str, sort: SortOrder) -> EventSearch {
    EventSearch {
        text: q.into(),
        sort,
        ..Default::default()
    }
}

/// The count limit plus one, as the catalog counts.
const COUNT_TO: i64 = COUNT_CAP as i64 + 1;

/// Twin for a text search with no other filter (newest first, or best match).
fn text_case(name: &'static str, q: &str, sort: SortOrder) -> Case {
    let fts = aspen_desk::domain::search::fts_query(q).expect("searchable");
    Case {
        name,
        search: text(q, sort),
        source: "FROM events_fts WHERE events_fts MATCH ?1".into(),
        text: true,
        ranked: sort == SortOrder::Relevance,
        offset: 0,
        count_to: COUNT_TO,
        binds: vec![Value::Text(fts)],
    }
}

fn cases() -> Vec<Case> {
    let today = commands::today();
    let window = today - chrono::Months::new(48);
    let from = time::start_of_day(window, time::DEFAULT_ZONE).timestamp();
    let tech = "AND EXISTS (SELECT 1 FROM event_credits c WHERE c.event_id = e.id AND c.category = 'TECH')";
    let webinar = "AND e.event_type = 'webinar' AND e.delivery = 'online'";
    let day = |y, m, d| {
        let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("date");
        time::start_of_day(date, time::DEFAULT_ZONE).timestamp()
    };
    // A browse (no text): the default window, `filter` as SQL beside the search's own.
    let browse = |name, search, filter: &str| Case {
        name,
        search,
        source: format!("FROM events e WHERE e.begin_utc >= ?1 {filter}"),
        text: false,
        ranked: false,
        offset: 0,
        count_to: COUNT_TO,
        binds: vec![Value::Int(from)],
    };
    vec![
        browse("browse (default window)", EventSearch::default(), ""),
        text_case(
            "text: strategic track",
            "strategic track",
            SortOrder::Relevance,
        ),
        text_case("text prefix: cata", "cata", SortOrder::Relevance),
        text_case("text prefix: cata, newest", "cata", SortOrder::Newest),
        text_case(
            "text: montana (very common)",
            "montana",
            SortOrder::Relevance,
        ),
        text_case("text: montana, newest", "montana", SortOrder::Newest),
        text_case(
            "text: \"summer reading\"",
            "\"summer reading\"",
            SortOrder::Relevance,
        ),
        text_case("text: no match", "zzqx", SortOrder::Relevance),
        browse(
            "category TECH",
            EventSearch {
                category: Some("TECH".into()),
                ..Default::default()
            },
            tech,
        ),
        browse(
            "type webinar + delivery online",
            EventSearch {
                event_type: Some("webinar".into()),
                delivery: Some("online".into()),
                ..Default::default()
            },
            webinar,
        ),
        Case {
            name: "text + category + range",
            search: EventSearch {
                text: "library".into(),
                category: Some("LA".into()),
                from: Some("2024-01-01".into()),
                to: Some("2025-12-31".into()),
                ..Default::default()
            },
            // The range in search-row keys: the first key of each day.
            source: format!(
                "FROM events_fts WHERE events_fts MATCH ?1 AND events_fts.rowid >= ?2 * 16777216
                   AND events_fts.rowid < ?3 * 16777216
                   AND EXISTS (SELECT 1 FROM event_credits c
                               WHERE c.event_id = {EVENT_OF_ROW} AND c.category = 'LA')"
            ),
            text: true,
            ranked: true,
            offset: 0,
            count_to: COUNT_TO,
            binds: vec![
                Value::Text("\"library\"*".into()),
                Value::Int(day(2024, 1, 1)),
                Value::Int(day(2026, 1, 1)),
            ],
        },
        Case {
            offset: 4950,
            count_to: 4950 + 2 * 50 + 1,
            ..browse(
                "browse, page 100",
                EventSearch {
                    paging: Paging {
                        offset: 4950,
                        limit: 0,
                    },
                    ..Default::default()
                },
                "",
            )
        },
    ]
}

#[tokio::main]
async fn main() {
    let mut report = Report::new("search");
    // Bulk writes first, each beside its raw twin in fresh folders.
    bulk(10_000, &mut report).await;

    // BENCH_DATA_DIR keeps the generated database for inspection.
    let temp = tempfile::tempdir().expect("temp dir");
    let dir = std::env::var_os("BENCH_DATA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| temp.path().to_path_buf());
    let store = Store::open(&dir).await.expect("store");
    if events::count(&store).await.expect("count") < EVENTS as i64 {
        bulk_into(&store, EVENTS, &mut report).await;
        support::settle(&store).await;
    }

    let today = commands::today();
    for case in cases() {
        let plan = case.search.plan(today).expect("valid search");
        let mut app_times = Vec::with_capacity(ROUNDS);
        let mut raw_times = Vec::with_capacity(ROUNDS);
        let mut total = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let page = events::search(&store, &plan).await.expect("search");
            app_times.push(t.elapsed());
            let t = Instant::now();
            let (raw_total, raw_ids) = raw(&store, &case).await;
            raw_times.push(t.elapsed());
            let ids: Vec<i64> = page.items.iter().map(|e| e.heading.id).collect();
            let shown = if page.total_is_lower_bound {
                page.total + 1
            } else {
                page.total
            };
            assert_eq!(
                shown, raw_total,
                "{}: count differs from the twin",
                case.name
            );
            assert_eq!(ids, raw_ids, "{}: page differs from the twin", case.name);
            total = raw_total;
        }
        report.percentiles(
            &format!(
                "{} ({}{} matches)",
                case.name,
                total.min(i64::from(COUNT_CAP)),
                if total > i64::from(COUNT_CAP) {
                    "+"
                } else {
                    ""
                }
            ),
            &mut app_times,
            &mut raw_times,
        );
    }

    // The command layer: what IPC runs, plus the JSON the window receives.
    let mut command_times = Vec::new();
    for case in cases() {
        for _ in 0..ROUNDS / 4 {
            let t = Instant::now();
            let page = commands::search_events(&store, &case.search)
                .await
                .expect("search");
            let json = serde_json::to_string(&page).expect("json");
            command_times.push(t.elapsed());
            assert!(!json.is_empty());
        }
    }
    command_times.sort();
    println!(
        "command (search + JSON), all queries: p50 {} p95 {}",
        ms(percentile(&command_times, 0.5)),
        ms(percentile(&command_times, 0.95))
    );
    report.finish();
    store.close().await;
}
