//! Backup and restore benchmark: a data folder with 100,000 events and
//! 500 MB of files, backed up to one zip and restored into a new folder,
//! beside its twins in the same run: the `sqlite3` shell's own
//! `VACUUM INTO`, `cp -r` of the file store, and `unzip` of the same backup.
//! Run: `cargo bench --bench backup` (needs `sqlite3`, `cp`, `unzip`).
//! Prints wall times once; not a test, no thresholds.

use aspen_desk::commands::{self, backup as bk};
use aspen_desk::sample;
use aspen_desk::store::{events, Store, DATABASE_FILE};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EVENTS: usize = 100_000;
const BLOBS: usize = 500;
const BLOB_BYTES: usize = 1024 * 1024;

fn seconds(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn megabytes(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// Runs a shell tool and returns how long it took.
fn timed_tool(program: &str, args: &[&str]) -> Duration {
    let started = Instant::now();
    let status = Command::new(program).args(args).status();
    let took = started.elapsed();
    match status {
        Ok(s) if s.success() => took,
        other => panic!("{program} {args:?} failed: {other:?}"),
    }
}

/// Events without resources, inserted in one batch.
async fn add_events(store: &Store) {
    let batch: Vec<_> = sample::catalog(commands::today(), EVENTS)
        .into_iter()
        .map(|input| (input.validate().expect("valid sample"), Vec::new()))
        .collect();
    events::create_many(store, &batch, "bench", "benchmark")
        .await
        .expect("insert events");
}

/// 500 blobs of 1 MB of incompressible bytes (xorshift), placed in the file
/// store under their SHA-256 with their `files` rows.
async fn add_files(store: &Store, data_dir: &Path) {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut tx = store.pool.begin().await.expect("begin");
    for _ in 0..BLOBS {
        let mut bytes = Vec::with_capacity(BLOB_BYTES);
        while bytes.len() < BLOB_BYTES {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.extend_from_slice(&state.to_le_bytes());
        }
        let sha256 = hex::encode(Sha256::digest(&bytes));
        let shard = data_dir.join("files").join(&sha256[..2]);
        std::fs::create_dir_all(&shard).expect("shard");
        std::fs::write(shard.join(&sha256), &bytes).expect("blob");
        sqlx::query(
            "INSERT INTO files (sha256, size, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')",
        )
        .bind(&sha256)
        .bind(BLOB_BYTES as i64)
        .execute(&mut *tx)
        .await
        .expect("file row");
    }
    tx.commit().await.expect("commit");
}

fn size_of(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

#[tokio::main]
async fn main() {
    let root = tempfile::tempdir().expect("temp dir");
    let root = root.path();
    let data_dir = root.join("data");
    let store = Store::open(&data_dir).await.expect("store");
    let started = Instant::now();
    add_events(&store).await;
    add_files(&store, &data_dir).await;
    println!(
        "data folder: {EVENTS} events (database {}), {BLOBS} files ({}), made in {}",
        megabytes(size_of(&data_dir.join(DATABASE_FILE))),
        megabytes((BLOBS * BLOB_BYTES) as u64),
        seconds(started.elapsed())
    );

    let backup_file = root.join("backup.zip");
    let started = Instant::now();
    let report = bk::backup_now(&store, &backup_file, bk::no_progress())
        .await
        .expect("backup");
    let backup_took = started.elapsed();
    println!(
        "backup:  {} for {} of parts ({} file {})",
        seconds(backup_took),
        megabytes(report.bytes),
        megabytes(size_of(&backup_file)),
        report.path.rsplit('/').next().unwrap_or_default()
    );

    let database = data_dir.join(DATABASE_FILE);
    let twin_db = root.join("twin.sqlite3");
    let vacuum = timed_tool(
        "sqlite3",
        &[
            database.to_str().expect("path"),
            &format!("VACUUM INTO '{}'", twin_db.display()),
        ],
    );
    let copy = timed_tool(
        "cp",
        &[
            "-r",
            data_dir.join("files").to_str().expect("path"),
            root.join("files-copy").to_str().expect("path"),
        ],
    );
    println!(
        "  twin:  sqlite3 VACUUM INTO {} + cp -r files {} = {} (backup / twin = {:.2})",
        seconds(vacuum),
        seconds(copy),
        seconds(vacuum + copy),
        backup_took.as_secs_f64() / (vacuum + copy).as_secs_f64()
    );

    let json_file = root.join("all.json");
    let started = Instant::now();
    let export = bk::export_json(&store, &json_file).await.expect("export");
    println!(
        "JSON export: {} for {} rows ({})",
        seconds(started.elapsed()),
        export.rows,
        megabytes(size_of(&json_file))
    );
    store.close().await;

    let restored_dir = root.join("restored");
    let started = Instant::now();
    bk::restore_backup(&restored_dir, &backup_file, bk::no_progress())
        .await
        .expect("restore");
    let restore_took = started.elapsed();
    println!(
        "restore: {} (checks every hash and the database)",
        seconds(restore_took)
    );
    let unzip = timed_tool(
        "unzip",
        &[
            "-qq",
            backup_file.to_str().expect("path"),
            "-d",
            root.join("unzipped").to_str().expect("path"),
        ],
    );
    let check = timed_tool(
        "sqlite3",
        &[twin_db.to_str().expect("path"), "PRAGMA integrity_check"],
    );
    println!(
        "  twin:  unzip {} + sqlite3 integrity_check {} = {} (restore / twin = {:.2})",
        seconds(unzip),
        seconds(check),
        seconds(unzip + check),
        restore_took.as_secs_f64() / (unzip + check).as_secs_f64()
    );
    let reopened = Store::open(&restored_dir).await.expect("reopen");
    assert_eq!(
        events::count(&reopened).await.expect("count"),
        EVENTS as i64
    );
    reopened.close().await;
}
