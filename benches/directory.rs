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
const ROUNDS: usize = 40;
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

/// The twin: organizations, people and positions found with hand-written
/// SQL, same order and limit as the directory's, as (kind, id). Its plan is
/// the best found for each shape: with text, the matches looked up by id
/// when they are few (under 2,000 of a kind) or when filters would reject most rows;
/// otherwise the name indexes walked in order keeping the matches (`+id`),
/// positions read organization by organization in name order.
async fn raw(store: &Store, search: &DirectorySearch) -> Vec<(DirectoryKind, i64)> {
    let fts = aspen_desk::domain::search::fts_query(&search.text);
    let limit = if search.limit == 0 { 50 } else { search.limit };
    let wants = |k| search.kinds.is_empty() || search.kinds.contains(&k);
    let filtered = search.federation.is_some() || search.position_type.is_some();
    let mut conn = store.pool.acquire().await.expect("conn");
    // Per kind: walk the name order when no text or 2,000+ matches.
    let mut walks = [false; 4];
    for (kind, walk) in walks.iter_mut().enumerate().skip(1) {
        *walk = match &fts {
            None => true,
            Some(_) if filtered => false,
            Some(f) => {
                let matches: i64 = sqlx::query_scalar(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM directory_fts WHERE directory_fts MATCH ? AND (rowid & 3) = {kind} LIMIT 2000)"
                ))
                .bind(f)
                .fetch_one(&mut *conn)
                .await
                .expect("count");
                matches >= 2000
            }
        };
    }
    // rowid = id * 4 + kind in the directory's search index.
    let matching = |kind: usize, column: &str| {
        match &fts {
        Some(_) => format!(
            " AND {}{column} IN (SELECT rowid >> 2 FROM directory_fts WHERE directory_fts MATCH ?1 AND (rowid & 3) = {kind})",
            if walks[kind] { "+" } else { "" }
        ),
        None => String::new(),
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
    let mut queries = Vec::new();
    if wants(DirectoryKind::Organization) && search.position_type.is_none() {
        queries.push((
            DirectoryKind::Organization,
            format!(
                "SELECT o.id, o.name, o.org_type, o.federation, o.address, o.active FROM organizations o
                 WHERE o.active = 1{}{federation} ORDER BY o.name COLLATE NOCASE LIMIT {limit}",
                matching(1, "o.id")
            ),
        ));
    }
    if wants(DirectoryKind::Person) {
        let held = if filtered {
            format!(" AND EXISTS (SELECT 1 FROM positions ps JOIN organizations o ON o.id = ps.organization_id
                     WHERE ps.person_id = p.id{federation}{position_type})")
        } else {
            String::new()
        };
        // The page of people first; their current position only for that page.
        queries.push((DirectoryKind::Person, format!(
            "WITH page AS MATERIALIZED (SELECT p.id, p.last_name, p.first_name, p.email, p.active FROM people p
                 WHERE p.active = 1{}{held}
                 ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT {limit})
             SELECT page.*,
                (SELECT ps.title || ' (' || o.name || ')' FROM positions ps JOIN organizations o ON o.id = ps.organization_id
                 WHERE ps.person_id = page.id AND ps.active = 1 ORDER BY ps.id LIMIT 1) AS current
             FROM page ORDER BY page.last_name COLLATE NOCASE, page.first_name COLLATE NOCASE",
            matching(2, "p.id")
        )));
    }
    if wants(DirectoryKind::Position) {
        let from = if walks[3] {
            "organizations o CROSS JOIN positions ps ON ps.organization_id = o.id"
        } else {
            "positions ps JOIN organizations o ON o.id = ps.organization_id"
        };
        queries.push((DirectoryKind::Position, format!(
            "SELECT ps.id, ps.person_id, p.last_name, p.first_name, ps.organization_id, o.name, ps.position_type,
                    ps.title, ps.begin_date, ps.end_date, ps.email, ps.phone, ps.active
             FROM {from} LEFT JOIN people p ON p.id = ps.person_id
             WHERE ps.active = 1{}{federation}{position_type}
             ORDER BY o.name COLLATE NOCASE, p.last_name COLLATE NOCASE, ps.title LIMIT {limit}",
            matching(3, "ps.id")
        )));
    }
    let mut hits = Vec::new();
    for (kind, sql) in queries {
        let mut q = sqlx::query(&sql);
        if let Some(f) = &fts {
            q = q.bind(f.as_str());
        }
        let rows = q.fetch_all(&mut *conn).await.expect("raw search");
        hits.extend(rows.iter().map(|r| (kind, r.get::<i64, _>(0))));
    }
    hits
}

#[tokio::main]
async fn main() {
    let temp = tempfile::tempdir().expect("temp dir");
    let store = Store::open(temp.path()).await.expect("store");
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
