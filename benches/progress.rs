//! Certification evaluation benchmark: one person with 5,000 ledger entries,
//! evaluated by the pure domain function and through the command layer (which
//! also reads the entries from SQLite). Run: `cargo bench --bench progress`.

use aspen_desk::commands::{directory as dir, ledger as led};
use aspen_desk::domain::certification::{evaluate, Circumstances};
use aspen_desk::domain::directory::PersonInput;
use aspen_desk::domain::ledger::CreditEntryInput;
use aspen_desk::store::{certification as cert, ledger, Store};
use std::time::{Duration, Instant};

const ENTRIES: usize = 5_000;
const ROUNDS: usize = 50;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

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
            status: Some(["verified", "verified", "pending", "denied"][i % 4].into()),
            verified_by: Some("Bench, Board Chair".into()),
            ..Default::default()
        };
        drafts.push(input.validate(today).expect("valid"));
    }
    let started = Instant::now();
    ledger::add_all(&store, &drafts, "bench")
        .await
        .expect("insert");
    println!(
        "logged {ENTRIES} entries in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let track = cert::track(&store, "2009-administrator")
        .await
        .expect("track");
    let lines = ledger::to_lines(&ledger::for_person(&store, person).await.expect("entries"));
    let mut pure = Vec::with_capacity(ROUNDS);
    let mut command = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let p = evaluate(&track, &lines, today, Circumstances::default());
        pure.push(t.elapsed());
        assert_eq!(p.entries.len(), ENTRIES);

        let t = Instant::now();
        let p = led::progress(&store, person, None, None)
            .await
            .expect("progress");
        let json = serde_json::to_string(&p).expect("json");
        command.push(t.elapsed());
        assert!(!json.is_empty());
    }
    pure.sort();
    command.sort();
    println!(
        "evaluate (pure, {ENTRIES} entries): median {} p95 {}",
        ms(percentile(&pure, 0.5)),
        ms(percentile(&pure, 0.95))
    );
    println!(
        "progress command (read from SQLite + evaluate + JSON): median {} p95 {}",
        ms(percentile(&command, 0.5)),
        ms(percentile(&command, 0.95))
    );
    store.close().await;
}
