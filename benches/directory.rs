//! Directory search benchmark: 5,000 organizations and 20,000 people (each
//! holding a position) in a real SQLite file. Run: `cargo bench --bench directory`.
//! Prints median and p95 per search; not a test, no thresholds.

use aspen_desk::commands::directory as dir;
use aspen_desk::domain::directory::*;
use aspen_desk::store::{directory as store_dir, Store};
use std::time::{Duration, Instant};

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

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
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

    let searches: Vec<(&str, DirectorySearch)> = vec![
        ("browse (no text)", DirectorySearch::default()),
        (
            "person: olsen1",
            DirectorySearch {
                text: "olsen1".into(),
                ..Default::default()
            },
        ),
        (
            "prefix: hel",
            DirectorySearch {
                text: "hel".into(),
                ..Default::default()
            },
        ),
        (
            "common: library",
            DirectorySearch {
                text: "library".into(),
                ..Default::default()
            },
        ),
        (
            "full name: grace jensen12",
            DirectorySearch {
                text: "grace jensen12".into(),
                ..Default::default()
            },
        ),
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
        (
            "no match",
            DirectorySearch {
                text: "zzqx".into(),
                ..Default::default()
            },
        ),
    ];
    println!(
        "\n{:<28} {:>6} | {:>10} {:>10}",
        "search", "hits", "p50", "p95"
    );
    let mut all = Vec::new();
    for (name, search) in &searches {
        let mut times = Vec::with_capacity(ROUNDS);
        let mut hits = 0;
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let found = dir::search(&store, search).await.expect("search");
            let json = serde_json::to_string(&found).expect("json");
            times.push(t.elapsed());
            hits = found.len();
            assert!(!json.is_empty());
        }
        times.sort();
        println!(
            "{:<28} {:>6} | {:>10} {:>10}",
            name,
            hits,
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "\nall searches (command layer + JSON): median {} p95 {}",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.95))
    );
    store.close().await;
}
