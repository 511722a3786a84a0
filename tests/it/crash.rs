//! Killed at any moment, nothing is lost or half-written: a child process
//! (`examples/crash_writer.rs`) writes events with files, credits and evidence
//! in a loop and is killed with SIGKILL at random moments, many times. After
//! each kill the database passes `PRAGMA integrity_check`, every write the
//! child reported done is there, and every blob is whole (its bytes hash to
//! its name). `CRASH_ROUNDS` sets the number of kills (default 6; the README's
//! long run uses 300).

use crate::support::integrity;
use aspen_desk::store::files::file_sha256;
use aspen_desk::store::Store;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A small xorshift generator: random kill moments without a dependency.
struct Moments(u64);

impl Moments {
    fn next_millis(&mut self, low: u64, high: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + self.0 % (high - low)
    }
}

/// The writer example next to this test binary (`cargo test` builds the
/// examples; `scripts/crash-test.sh` builds it before a long run).
fn writer() -> std::path::PathBuf {
    let deps = std::env::current_exe().expect("test binary");
    let profile = deps
        .parent()
        .and_then(|d| d.parent())
        .expect("target/<profile>");
    let path = profile
        .join("examples")
        .join(format!("crash_writer{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is not built: run `cargo test` (it builds the examples) or `cargo build --example crash_writer`",
        path.display()
    );
    path
}

#[derive(Default, Debug)]
struct Reported {
    events: Vec<(i64, String)>,
    credits: Vec<i64>,
    evidence: Vec<(i64, String)>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_reported_done_survive_sigkill_and_blobs_stay_whole() {
    let rounds: u64 = std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(6);
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut moments = Moments(seed);
    let mut reported = Reported::default();
    let mut kills_mid_write = 0;
    for round in 0..rounds {
        let mut child = Command::new(writer())
            .arg(data.path())
            .arg(scratch.path())
            .arg(round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the writer");
        let stdout = child.stdout.take().expect("stdout");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .collect::<Vec<_>>()
        });
        // Let it start (open, migrate) and write for a random while.
        std::thread::sleep(Duration::from_millis(moments.next_millis(150, 900)));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("reap");
        assert!(
            !status.success(),
            "round {round}: the writer ended by itself: {status}"
        );
        let lines = reader.join().expect("reader");
        for line in &lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["event", id, sha] => reported.events.push((id.parse().unwrap(), sha.to_string())),
                ["credit", id] => reported.credits.push(id.parse().unwrap()),
                ["evidence", id, sha] => reported
                    .evidence
                    .push((id.parse().unwrap(), sha.to_string())),
                _ => panic!("round {round}: odd line {line:?}"),
            }
        }
        if lines.last().is_some_and(|l| !l.starts_with("evidence")) {
            kills_mid_write += 1;
        }
        check(&data, &reported, round).await;
    }
    assert!(
        !reported.events.is_empty(),
        "the writer never finished a write"
    );
    eprintln!(
        "crash test: {rounds} kills (seed {seed}), {} events, {} credits, {} evidence files reported and found; {kills_mid_write} kills between the writes of one loop",
        reported.events.len(),
        reported.credits.len(),
        reported.evidence.len()
    );
}

/// Counts the rows of `rows` ("table WHERE …") for a record id, and a hash
/// where the condition takes one.
async fn count_of(store: &Store, rows: &str, id: i64, sha: Option<&str>) -> i64 {
    let sql = format!("SELECT count(*) FROM {rows}");
    let mut query = sqlx::query_scalar(&sql).bind(id);
    if let Some(sha) = sha {
        query = query.bind(sha);
    }
    query.fetch_one(&store.pool).await.unwrap()
}

async fn check(data: &tempfile::TempDir, reported: &Reported, round: u64) {
    let store = Store::open(data.path())
        .await
        .expect("reopen after the kill");
    assert_eq!(integrity(&store).await, "ok", "round {round}");
    for (id, sha) in &reported.events {
        let with_file = "events e JOIN event_resources r ON r.event_id = e.id
             WHERE e.id = ? AND r.file_sha256 = ?";
        let kept = count_of(&store, with_file, *id, Some(sha)).await;
        assert!(
            kept > 0,
            "round {round}: event {id} with file {sha} was lost"
        );
        let indexed = count_of(&store, "events_fts WHERE (rowid & 16777215) = ?", *id, None).await;
        assert_eq!(indexed, 1, "round {round}: event {id} is not searchable");
    }
    for id in &reported.credits {
        let found = count_of(&store, "credit_entries WHERE id = ?", *id, None).await;
        assert_eq!(found, 1, "round {round}: credit {id} was lost");
    }
    for (id, sha) in &reported.evidence {
        let rows = "credit_evidence WHERE entry_id = ? AND sha256 = ?";
        let found = count_of(&store, rows, *id, Some(sha)).await;
        assert_eq!(found, 1, "round {round}: evidence of credit {id} was lost");
    }
    // Every blob a row names is whole.
    let named: Vec<String> = sqlx::query_scalar("SELECT sha256 FROM files")
        .fetch_all(&store.pool)
        .await
        .unwrap();
    for sha in named {
        let path = store.files.path_of(&sha);
        let actual =
            file_sha256(&path).unwrap_or_else(|e| panic!("round {round}: blob {sha}: {e}"));
        assert_eq!(actual, sha, "round {round}: blob {sha} is damaged");
    }
    store.close().await;
}
