//! The child of the crash test (`tests/it/crash.rs`): writes events with
//! attached files, credit entries and evidence uploads to a data folder in a
//! loop, and prints one line per write only after it is committed:
//! `event ID SHA256`, `credit ID`, `evidence ENTRY_ID SHA256`. The parent
//! kills it with SIGKILL at random moments and checks that every reported
//! write survived and the database is whole.
//!
//! Usage: crash_writer DATA_DIR SCRATCH_DIR ROUND

use aspen_desk::commands;
use aspen_desk::domain::directory::PersonInput;
use aspen_desk::domain::event::EventInput;
use aspen_desk::domain::ledger::CreditEntryInput;
use aspen_desk::store::Store;
use std::io::Write;
use std::path::PathBuf;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, data_dir, scratch, round] = args.as_slice() else {
        return Err("usage: crash_writer DATA_DIR SCRATCH_DIR ROUND".into());
    };
    let (data_dir, scratch) = (PathBuf::from(data_dir), PathBuf::from(scratch));
    let store = Store::open(&data_dir).await?;
    let person: PersonInput =
        serde_json::from_value(serde_json::json!({"last_name": "Crash", "first_name": round}))?;
    let person = commands::directory::create_person(&store, &person).await?;
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let source = scratch.join(format!("handout-{round}-{i}.txt"));
        // Big enough that a kill often lands inside the copy.
        let body = format!("round {round} write {i}\n").repeat(4000);
        std::fs::write(&source, &body)?;
        let event: EventInput = serde_json::from_value(serde_json::json!({
            "title": format!("Crash round {round} event {i}"),
            "description": format!("write {i}"),
            "begin": "2024-03-14T09:00", "end": "2024-03-14T10:00",
            "credits": [{"category": "LA", "credits": 1}],
            "resources": [{"resource_type": "handout", "path": source}],
        }))?;
        let saved = commands::create_event(&store, &event).await?;
        let sha = saved.resources[0].sha256.clone().unwrap_or_default();
        writeln!(out, "event {} {sha}", saved.heading.id)?;
        out.flush()?;

        let credit: CreditEntryInput = serde_json::from_value(serde_json::json!({
            "person_id": person.id, "kind": "independent", "title": format!("Reading {i}"),
            "date": "2024-03-14", "category": "LSP", "credits": 0.5,
        }))?;
        let entry = commands::ledger::add_credit(&store, &credit).await?;
        writeln!(out, "credit {}", entry.id)?;
        out.flush()?;

        let evidence = scratch.join(format!("certificate-{round}-{i}.txt"));
        std::fs::write(&evidence, format!("certificate {round} {i}\n").repeat(2000))?;
        commands::ledger::attach_evidence(&store, entry.id, &evidence.to_string_lossy()).await?;
        let sha = aspen_desk::store::files::file_sha256(&evidence)?;
        writeln!(out, "evidence {} {sha}", entry.id)?;
        out.flush()?;
    }
    Ok(())
}
