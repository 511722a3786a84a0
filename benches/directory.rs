//! Directory search benchmark: 5,000 organizations and 20,000 people (each
//! holding a position) in a real SQLite file. Each search runs through the
//! command layer (plus the JSON the window receives) beside its raw-SQL twin:
//! hand-written queries for the same hits and columns on the same file, whose
//! ids must equal the command's. Run: `cargo bench --bench directory` (or
//! `scripts/bench.sh`); no thresholds (the target: p95 < 5 ms, ratio <= 1.5).

mod support;

use aspen_desk::commands::directory as dir;
use aspen_desk::domain::directory::*;
use aspen_desk::store::{directory as store_dir, Store};
use sqlx::Row;
use std::time::Instant;
use support::Report;

const ORGS: usize = 5_000;
const PEOPLE: usize = 20_000;
/// Rounds per figure: enough that a p95 is not one or two hiccups of a
/// shared machine.
const ROUNDS: usize = 200;
const FEDERATIONS: [&str; 6] = [
    "broad_valleys",
    "golden_plains",
    "pathfinder",
    "sagebrush",
    "south_central",
    "tamarack",
];
const TOWNS: [&str; 12] = [
    "Helena", "Billings", "Missoula", "Bozeman", "Havre", "Glendive", "Sidney", "Libby", "Dillon",
    "Hardin", "Malta", "Baker",
];
const LAST: [&str; 10] = [
    "Anderson",
    "Bergstrom",
    "Carlson",
    "Dahl",
    "Fisher",
    "Holm",
    "Jensen",
    "Larsen",
    "Olsen",
    "Thorne",
];
const FIRST: [&str; 10] = [
    "Anna", "Ben", "Carla", "Dale", "Elena", "Frank", "Grace", "Hank", "Ida", "Jonas",
];
const KINDS: [&str; 4] = ["director", "staff", "trustee", "board_chair"];

/// How the twin reads one kind: matches looked up by id, the name order
/// walked keeping the set of matches, or walked asking the index about each
/// row within the first `2 * limit` rows.
#[derive(Clone, Copy, PartialEq)]
enum Read {
    LookUp,
    KeepSet,
    AskIndex,
}

/// The twin: organizations, people and positions found with hand-written
/// SQL, same order and limit as the directory's, as (kind, id). Its plan is
/// the best found for each shape: with text, the matches looked up by id
/// when they are few (under 2,000 of a kind) or when filters would reject
/// most rows; otherwise the name order walked asking the index about each
/// row (a seek in the word's prefix list) within the first `2 * limit`
/// rows, and keeping the set of matches when that leaves the page short or
/// a word is longer than the prefix lists; positions read organization by
/// organization in name order. Like the app, each kind runs on its own
/// connection, the three at once.
async fn raw(store: &Store, search: &DirectorySearch) -> Vec<(DirectoryKind, i64)> {
    let fts = aspen_desk::domain::search::fts_query(&search.text);
    let limit = if search.limit == 0 { 50 } else { search.limit };
    let wants = |k| search.kinds.is_empty() || search.kinds.contains(&k);
    let filtered = search.federation.is_some() || search.position_type.is_some();
    let short_words = search
        .text
        .split_whitespace()
        .all(|w| w.chars().count() <= 8);
    // rowid = id * 4 + kind in the directory's search index.
    let listed = |kind: usize| match kind {
        1 => wants(DirectoryKind::Organization) && search.position_type.is_none(),
        2 => wants(DirectoryKind::Person),
        _ => wants(DirectoryKind::Position),
    };
    let matching = |kind: usize, read: Read, column: &str, leading: &str, listed: &str| {
        match (&fts, read) {
            (None, _) => String::new(),
            (Some(_), Read::LookUp) => format!(
                " AND {column} IN (SELECT rowid >> 2 FROM directory_fts WHERE directory_fts MATCH ?1 AND (rowid & 3) = {kind})"
            ),
            (Some(_), Read::KeepSet) => format!(
                " AND +{column} IN (SELECT rowid >> 2 FROM directory_fts WHERE directory_fts MATCH ?1 AND (rowid & 3) = {kind})"
            ),
            (Some(_), Read::AskIndex) => format!(
                " AND {leading} COLLATE NOCASE <= coalesce(({listed} LIMIT 1 OFFSET {}), char(1114111))
                  AND EXISTS (SELECT 1 FROM directory_fts WHERE directory_fts MATCH ?1 AND rowid = {column} * 4 + {kind})",
                limit * 2
            ),
        }
    };
    let federation = search
        .federation
        .as_ref()
        .map(|f| format!(" AND o.federation = '{f}'"))
        .unwrap_or_default();
    let position_type = search
        .position_type
        .as_ref()
        .map(|t| format!(" AND ps.position_type = '{t}'"))
        .unwrap_or_default();
    let org_sql = |read: Read| {
        format!(
            "SELECT o.id, o.name, o.org_type, o.federation, o.address, o.active FROM organizations o
             WHERE o.active = 1{}{federation} ORDER BY o.name COLLATE NOCASE LIMIT {limit}",
            matching(1, read, "o.id", "o.name", "SELECT name FROM organizations ORDER BY name COLLATE NOCASE")
        )
    };
    let people_sql = |read: Read| {
        let held = if filtered {
            format!(" AND EXISTS (SELECT 1 FROM positions ps JOIN organizations o ON o.id = ps.organization_id
                     WHERE ps.person_id = p.id{federation}{position_type})")
        } else {
            String::new()
        };
        // The page of people first; their current position only for that page.
        format!(
            "WITH page AS MATERIALIZED (SELECT p.id, p.last_name, p.first_name, p.email, p.active FROM people p
                 WHERE p.active = 1{}{held}
                 ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT {limit})
             SELECT page.*,
                (SELECT ps.title || ' (' || o.name || ')' FROM positions ps JOIN organizations o ON o.id = ps.organization_id
                 WHERE ps.person_id = page.id AND ps.active = 1 ORDER BY ps.id LIMIT 1) AS current
             FROM page ORDER BY page.last_name COLLATE NOCASE, page.first_name COLLATE NOCASE",
            matching(2, read, "p.id", "p.last_name",
                "SELECT last_name FROM people ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE")
        )
    };
    let positions_sql = |read: Read| {
        let from = if read == Read::LookUp && fts.is_some() {
            "positions ps JOIN organizations o ON o.id = ps.organization_id"
        } else {
            "organizations o CROSS JOIN positions ps ON ps.organization_id = o.id"
        };
        format!(
            "SELECT ps.id, ps.person_id, p.last_name, p.first_name, ps.organization_id, o.name, ps.position_type,
                    ps.title, ps.begin_date, ps.end_date, ps.email, ps.phone, ps.active
             FROM {from} LEFT JOIN people p ON p.id = ps.person_id
             WHERE ps.active = 1{}{federation}{position_type}
             ORDER BY o.name COLLATE NOCASE, p.last_name COLLATE NOCASE, ps.title LIMIT {limit}",
            matching(3, read, "ps.id", "o.name",
                "SELECT o.name FROM organizations o CROSS JOIN positions ps ON ps.organization_id = o.id ORDER BY o.name COLLATE NOCASE")
        )
    };
    // Each kind on its own connection, all three at once, as the app does:
    // its matches counted up to 2,000 to choose the read, then its page.
    let sqls: [&KindSql; 3] = [&org_sql, &people_sql, &positions_sql];
    let kind_ids = |index: usize| {
        let fts = fts.as_deref();
        let sql = sqls[index - 1];
        async move {
            if !listed(index) {
                return Vec::new();
            }
            let mut conn = store.pool.acquire().await.expect("conn");
            let read = match fts {
                None => Read::KeepSet,
                Some(_) if filtered => Read::LookUp,
                Some(_) => {
                    let count = format!("SELECT count(*) FROM (SELECT 1 FROM directory_fts WHERE directory_fts MATCH ?1 AND (rowid & 3) = {index} LIMIT 2000)");
                    match run_ids(&mut conn, &count, fts).await[0] {
                        0..2000 => Read::LookUp,
                        _ if short_words => Read::AskIndex,
                        _ => Read::KeepSet,
                    }
                }
            };
            let ids = run_ids(&mut conn, &sql(read), fts).await;
            if read == Read::AskIndex && ids.len() < limit as usize {
                return run_ids(&mut conn, &sql(Read::KeepSet), fts).await;
            }
            ids
        }
    };
    let (organizations, people, positions) = tokio::join!(kind_ids(1), kind_ids(2), kind_ids(3),);
    let tag = |kind: DirectoryKind, ids: Vec<i64>| ids.into_iter().map(move |id| (kind, id));
    tag(DirectoryKind::Organization, organizations)
        .chain(tag(DirectoryKind::Person, people))
        .chain(tag(DirectoryKind::Position, positions))
        .collect()
}

/// One kind's statement for a way of reading it.
type KindSql<'a> = dyn Fn(Read) -> String + 'a;

async fn run_ids(conn: &mut sqlx::SqliteConnection, sql: &str, fts: Option<&str>) -> Vec<i64> {
    let mut q = sqlx::query(sql);
    if let Some(f) = fts {
        q = q.bind(f);
    }
    let rows = q.fetch_all(&mut *conn).await.expect("raw search");
    rows.iter().map(|r| r.get::<i64, _>(0)).collect()
}

/// 5,000 organizations, 20,000 people, each holding one position.
async fn load(store: &Store) {
    let started = Instant::now();
    let mut tx = store.pool.begin().await.expect("tx");
    let mut org_ids = Vec::with_capacity(ORGS);
    for i in 0..ORGS {
        let town = TOWNS[i % TOWNS.len()];
        let org = OrganizationInput {
            name: format!("{town} Library {i}"),
            federation: Some(FEDERATIONS[i % 6].into()),
            org_type: Some(
                if i % 5 == 0 {
                    "school"
                } else {
                    "public_library"
                }
                .into(),
            ),
            address: Some(format!("{i} Main St, {town}, MT")),
            strategic_goals: vec![GoalInput {
                id: None,
                text: "Grow early literacy".into(),
            }],
            ..Default::default()
        }
        .validate()
        .expect("valid org");
        org_ids.push(
            store_dir::insert_org(&mut tx, &org, "bench")
                .await
                .expect("org"),
        );
    }
    for i in 0..PEOPLE {
        let person = PersonInput {
            last_name: format!("{}{}", LAST[i % 10], i / 100),
            first_name: FIRST[(i / 10) % 10].into(),
            email: Some(format!("person{i}@example.org")),
            ..Default::default()
        }
        .validate()
        .expect("valid person");
        let person_id = store_dir::insert_person(&mut tx, &person, "bench")
            .await
            .expect("person");
        let position = PositionInput {
            person_id: Some(person_id),
            organization_id: org_ids[i % ORGS],
            position_type: Some(KINDS[i % 4].into()),
            title: "Library Staff".into(),
            ..Default::default()
        }
        .validate()
        .expect("valid position");
        store_dir::insert_position(&mut tx, &position, "bench")
            .await
            .expect("position");
    }
    tx.commit().await.expect("commit");
    println!(
        "loaded {ORGS} organizations, {PEOPLE} people and {PEOPLE} positions in {:.1} s",
        started.elapsed().as_secs_f64()
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
    let loaded: i64 = sqlx::query_scalar("SELECT count(*) FROM organizations")
        .fetch_one(&store.pool)
        .await
        .expect("count");
    let store = if loaded < ORGS as i64 {
        load(&store).await;
        // Searched as the app keeps it: its launch chore merges the search
        // index the writes left in segments (both sides read the same file).
        store_dir::merge_search_index(&store).await.expect("merged");
        support::settle(&store).await;
        store
    } else {
        store
    };

    let by_text = |text: &str| DirectorySearch {
        text: text.into(),
        ..Default::default()
    };
    let searches: Vec<(&str, DirectorySearch)> = vec![
        ("browse (no text)", DirectorySearch::default()),
        ("person: olsen1", by_text("olsen1")),
        ("prefix: hel", by_text("hel")),
        ("common: library", by_text("library")),
        ("full name: grace jensen12", by_text("grace jensen12")),
        (
            "federation filter",
            DirectorySearch {
                federation: Some("tamarack".into()),
                ..Default::default()
            },
        ),
        (
            "text + position type",
            DirectorySearch {
                text: "billings".into(),
                position_type: Some("director".into()),
                ..Default::default()
            },
        ),
        (
            "positions only (picker)",
            DirectorySearch {
                text: "dahl".into(),
                kinds: vec![DirectoryKind::Position],
                limit: 20,
                ..Default::default()
            },
        ),
        ("no match", by_text("zzqx")),
    ];
    let mut report = Report::new("directory");
    let mut all_app = Vec::new();
    let mut all_raw = Vec::new();
    for (name, search) in &searches {
        let mut app_times = Vec::with_capacity(ROUNDS);
        let mut raw_times = Vec::with_capacity(ROUNDS);
        let mut hits = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let found = dir::search(&store, search).await.expect("search");
            let json = serde_json::to_string(&found).expect("json");
            app_times.push(t.elapsed());
            assert!(!json.is_empty());
            let t = Instant::now();
            let twin = raw(&store, search).await;
            raw_times.push(t.elapsed());
            let ids: Vec<(DirectoryKind, i64)> = found.iter().map(|h| (h.kind, h.id)).collect();
            assert_eq!(ids, twin, "{name}: hits differ from the twin");
            hits = found.len();
        }
        all_app.extend(app_times.iter().copied());
        all_raw.extend(raw_times.iter().copied());
        report.percentiles(
            &format!("{name} ({hits} hits)"),
            &mut app_times,
            &mut raw_times,
        );
    }
    report.percentiles("all directory searches", &mut all_app, &mut all_raw);
    report.finish();
    store.close().await;
}
