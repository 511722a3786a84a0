//! Shared by the benchmarks: percentiles and the report of each figure beside
//! its twin (raw SQL on the same file, or the bare window). Prints a table and,
//! when `BENCH_RESULTS` names a file, appends the same rows as Markdown for
//! `scripts/bench.sh` to gather into BENCHMARKS.md.

#![allow(dead_code)] // each benchmark uses part of it

use aspen_desk::domain::event::EventDraft;
use aspen_desk::store::resources::ReadyResource;
use aspen_desk::store::{events, rows, Store};
use std::io::Write;
use std::time::Duration;

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn ratio(app: Duration, twin: Duration) -> String {
    format!("{:.2}x", app.as_secs_f64() / twin.as_secs_f64().max(1e-9))
}

pub struct Report {
    rows: Vec<String>,
}

impl Report {
    pub fn new(bench: &str) -> Report {
        println!("\n== {bench}");
        Report { rows: Vec::new() }
    }

    fn push(&mut self, cells: [String; 5]) {
        println!(
            "{:<48} {:>24} {:>24} {:>14}  {}",
            cells[0], cells[1], cells[2], cells[3], cells[4]
        );
        self.rows.push(format!("| {} |", cells.join(" | ")));
    }

    /// One timing (a load, a launch) beside its twin.
    pub fn row(&mut self, figure: &str, app: Duration, twin: Duration, what: &str) {
        self.push([
            figure.into(),
            ms(app),
            ms(twin),
            ratio(app, twin),
            what.into(),
        ]);
    }

    /// p50 and p95 of repeated runs beside the twin's.
    pub fn percentiles(&mut self, figure: &str, app: &mut [Duration], twin: &mut [Duration]) {
        app.sort();
        twin.sort();
        let (a50, a95) = (percentile(app, 0.5), percentile(app, 0.95));
        let (t50, t95) = (percentile(twin, 0.5), percentile(twin, 0.95));
        self.push([
            figure.into(),
            format!("{} / {}", ms(a50), ms(a95)),
            format!("{} / {}", ms(t50), ms(t95)),
            format!("{} / {}", ratio(a50, t50), ratio(a95, t95)),
            format!("p50 / p95 of {}", app.len()),
        ]);
    }

    /// A figure with no twin (a target of its own), e.g. pure evaluation.
    pub fn alone(&mut self, figure: &str, app: &mut [Duration], note: &str) {
        app.sort();
        self.push([
            figure.into(),
            format!(
                "{} / {}",
                ms(percentile(app, 0.5)),
                ms(percentile(app, 0.95))
            ),
            "-".into(),
            "-".into(),
            format!("p50 / p95 of {}; {note}", app.len()),
        ]);
    }

    /// Appends the rows to `BENCH_RESULTS` when set.
    pub fn finish(&self) {
        let Some(path) = std::env::var_os("BENCH_RESULTS") else {
            return;
        };
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .expect("open BENCH_RESULTS");
        for row in &self.rows {
            writeln!(file, "{row}").expect("write BENCH_RESULTS");
        }
    }
}

/// Leaves a freshly loaded file as the app leaves it when it closes: the
/// write-ahead log copied into the database and emptied, and the file on
/// disk. Measured without this, the first searches share the machine with
/// the kernel writing the load out, and read through a large log.
pub async fn settle(store: &Store) {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&store.pool)
        .await
        .expect("checkpoint");
}

/// The raw twin of a bulk load: one transaction, one prepared single-row
/// INSERT per table reused for every row, the search index filled at the end.
pub async fn raw_load(store: &Store, batch: &[(EventDraft, Vec<ReadyResource>)]) {
    let mut tx = store.write().await.expect("begin");
    let now = "2026-01-01T00:00:00Z";
    // The store's own column list, so the twin binds what the store binds.
    let insert_sql = rows::upsert_sql("events", &events::COLUMNS, None);
    for (d, _) in batch {
        let id = events::bind_columns(sqlx::query(&insert_sql), d)
            .bind(now)
            .bind(now)
            .execute(&mut *tx)
            .await
            .expect("event")
            .last_insert_rowid();
        events::write_children(&mut tx, id, d)
            .await
            .expect("credits and positions");
        sqlx::query("INSERT INTO history (record_type, record_id, changed_at, actor, field, new_value) VALUES ('event', ?, ?, 'bench', 'Event', 'benchmark')")
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .expect("history");
    }
    sqlx::query(
        "INSERT INTO events_fts (rowid, title, description, sponsor, resources)
         SELECT begin_utc * 16777216 + id, title, description, sponsor, '' FROM events",
    )
    .execute(&mut *tx)
    .await
    .expect("fts");
    tx.commit().await.expect("commit");
}
