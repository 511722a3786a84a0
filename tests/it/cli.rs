//! The headless command line, run as a real process on a real data folder.

use crate::support::SEED_JSON;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub fn run(data_dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aspen-desk"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start aspen-desk");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("finish")
}

/// A temporary data folder, driven through the command line.
pub struct Folder(tempfile::TempDir);

impl Folder {
    pub fn new() -> Self {
        Self(tempfile::tempdir().expect("data folder"))
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Runs the command line on this folder.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        run(self.path(), args, stdin)
    }

    /// Runs the command line on this folder; it must succeed with JSON.
    pub fn json(&self, args: &[&str], stdin: Option<&str>) -> serde_json::Value {
        json(&self.run(args, stdin))
    }

    /// Adds a person (`directory add-person`); their id, as an argument.
    pub fn add_person(&self, last: &str, first: &str) -> String {
        let input = serde_json::json!({"last_name": last, "first_name": first}).to_string();
        let person = self.json(&["directory", "add-person", "-"], Some(&input));
        person["id"].as_i64().expect("person id").to_string()
    }
}

/// Asserts the command line refused with exit 2, saying `says` on stderr.
pub fn assert_refused(output: &Output, says: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(says), "{stderr}");
}

pub fn json(output: &Output) -> serde_json::Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("json on stdout")
}

#[test]
fn add_list_show_history_and_delete_an_event() {
    let dir = Folder::new();
    let saved = dir.json(&["events", "add", "-"], Some(SEED_JSON));
    let id = saved["id"].as_i64().expect("id");
    assert_eq!(saved["begin"], "2021-06-02T14:00");
    assert_eq!(saved["credits"][0]["category"], "LA");
    assert_eq!(saved["credits"][0]["credits"], 0.5);

    let file = dir.path().join("event.json");
    std::fs::write(
        &file,
        SEED_JSON
            .replace("NEW Strategic Track", "Cataloging Basics")
            .replace("2021-06-02", "2026-06-02"),
    )
    .expect("write");
    dir.json(&["events", "add", file.to_str().expect("path")], None);

    let listed = dir.json(
        &[
            "events",
            "list",
            "--query",
            "strategic track",
            "--all-dates",
            "--json",
        ],
        None,
    );
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["id"], id);
    // The default window (last 4 years and the future) leaves out the 2021 event.
    let default = dir.json(&["events", "list", "--json"], None);
    assert_eq!(default.as_array().map(Vec::len), Some(1));
    let by_range = dir.json(
        &[
            "events",
            "list",
            "--from",
            "2021-01-01",
            "--to",
            "2021-12-31",
            "--category",
            "LA",
            "--type",
            "continuing_education",
            "--json",
        ],
        None,
    );
    assert_eq!(by_range[0]["id"], id);

    let shown = dir.json(&["events", "show", &id.to_string(), "--json"], None);
    assert_eq!(shown["title"], saved["title"]);
    assert_eq!(shown["begin_display"], "Wednesday, June 2, 2021 2:00 PM");
    let history = dir.json(&["events", "history", &id.to_string(), "--json"], None);
    assert!(history.as_array().is_some_and(|h| !h.is_empty()));

    let deleted = dir.run(&["events", "delete", &id.to_string()], None);
    assert!(deleted.status.success());
    let gone = dir.run(&["events", "show", &id.to_string(), "--json"], None);
    assert_refused(&gone, "was not found");
}

#[test]
fn bad_input_exits_2_names_the_field_and_saves_nothing() {
    let dir = Folder::new();
    for (bad, field) in [
        (
            SEED_JSON.replace("\"credits\": 0.5", "\"credits\": 0.3"),
            "credits[0].credits",
        ),
        (
            SEED_JSON.replace(
                "\"end\": \"2021-06-02T15:00\"",
                "\"end\": \"2021-06-01T15:00\"",
            ),
            "end",
        ),
        (
            SEED_JSON.replace("America/Denver", "Mountain Time"),
            "time_zone",
        ),
        (
            SEED_JSON.replace("\"credits\": 0.5", "\"credits\": \"half\""),
            "credits[0].credits",
        ),
        ("{not json".to_string(), "json"),
    ] {
        let out = dir.run(&["events", "add", "-"], Some(&bad));
        assert_eq!(out.status.code(), Some(2), "{field}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(field), "{field}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    let listed = dir.json(&["events", "list", "--all-dates", "--json"], None);
    assert_eq!(listed, serde_json::json!([]));
}

#[test]
fn demo_data_loads_the_sample_catalog_once() {
    let dir = Folder::new();
    let first = dir.run(&["demo-data"], None);
    assert!(first.status.success());
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("Loaded 240 sample events"));
    let second = dir.run(&["demo-data"], None);
    assert!(String::from_utf8_lossy(&second.stdout).contains("already loaded"));
    let webinars = dir.json(&["events", "list", "--type", "webinar", "--json"], None);
    assert!(webinars.as_array().is_some_and(|w| w.len() > 10));
}

#[test]
fn directory_records_go_in_as_json_and_come_back_out() {
    let dir = Folder::new();
    let org = dir.json(
        &["directory", "add-org", "-"],
        Some(
            r#"{"name": "Sweet Grass Valley Library", "org_type": "public_library", "federation": "South Central",
                 "strategic_goals": [{"text": "Grow early literacy"}, {"text": "Close the digital divide"}]}"#,
        ),
    );
    let org_id = org["id"].as_i64().expect("org id");
    assert_eq!(org["strategic_goals"].as_array().map(Vec::len), Some(2));
    assert!(org["strategic_goals"][0]["id"].as_i64().is_some());
    let person = dir.json(
        &["directory", "add-person", "-"],
        Some(
            r#"{"last_name": "Whitfield", "first_name": "Anna", "email": "anna@sweetgrass.example", "phone": "406-555-0100"}"#,
        ),
    );
    let person_id = person["id"].as_i64().expect("person id");
    let position = dir.json(
        &["directory", "add-position", "-"],
        Some(&format!(
            r#"{{"person_id": {person_id}, "organization_id": {org_id}, "position_type": "director", "title": "Library Director",
                "begin": "2024-07-01", "end": null, "email": "", "phone": "", "active": true}}"#
        )),
    );
    assert_eq!(
        position["display"],
        "Whitfield, Anna - Library Director (Sweet Grass Valley Library)"
    );

    let hits = dir.json(&["directory", "search", "whit", "--json"], None);
    let kinds: Vec<&str> = hits
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["person", "position"]);
    let shown = dir.json(
        &["directory", "show-org", &org_id.to_string(), "--json"],
        None,
    );
    assert_eq!(shown["positions"][0]["person_id"], person_id);
    let shown = dir.json(
        &["directory", "show-person", &person_id.to_string(), "--json"],
        None,
    );
    assert_eq!(shown["positions"][0]["organization_id"], org_id);

    let bad = dir.run(

        &["directory", "add-position", "-"],
        Some(&format!(
            r#"{{"organization_id": {org_id}, "title": "Clerk", "begin": "2024-07-01", "end": "2024-01-01"}}"#
        )),
    );
    assert_refused(&bad, "error: end:");
    let bad = dir.run(
        &["directory", "add-person", "-"],
        Some(r#"{"last_name": "X", "first_name": "Y", "email": "nope"}"#),
    );
    assert_refused(&bad, "error: email:");
    let everyone = dir.json(&["directory", "search", "--json"], None);
    assert_eq!(
        everyone.as_array().map(Vec::len),
        Some(3),
        "nothing was added by the bad input"
    );
}

#[test]
fn credits_enrollment_workflow_and_progress_from_the_command_line() {
    let dir = Folder::new();
    let person_id = dir.add_person("Whitfield", "Anna");
    let event = dir.json(&["events", "add", "-"], Some(SEED_JSON));
    let enrollment = dir.json(
        &[
            "enroll",
            "--person",
            &person_id,
            "--track",
            "2009-administrator",
            "--start",
            "2021-01-01",
        ],
        None,
    );
    assert_eq!(enrollment["due_date"], "2025-01-01");
    let credit = dir.json(
        &["credits", "add", "-"],
        Some(&format!(
            r#"{{"person_id": {person_id}, "kind": "event", "event_id": {}, "title": "Strategic Track webinar", "date": "2021-06-02",
                "category": "LA", "credits": 0.5, "status": "verified", "verified_by": "MSL"}}"#,
            event["id"]
        )),
    );
    assert_eq!(credit["credits"], 0.5);
    let semester = dir.json(
        &["credits", "add", "-"],
        Some(&format!(
            r#"{{"person_id": {person_id}, "kind": "college_semester", "title": "LIS 501", "date": "2022-05-01", "category": "CMTS", "units": 3, "status": "pending"}}"#
        )),
    );
    assert_eq!(semester["credits"], 12.0);
    let listed = dir.json(&["credits", "list", "--person", &person_id, "--json"], None);
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    let progress = dir.json(&["progress", "--person", &person_id, "--json"], None);
    assert_eq!(progress["categories"]["LA"]["required"], 20.0);
    assert_eq!(progress["categories"]["LA"]["earned"], 0.5);
    assert_eq!(
        progress["categories"]["CMTS"]["earned"], 0.0,
        "pending credit does not count"
    );
    assert_eq!(progress["complete"], false);
    let later = dir.json(
        &[
            "progress",
            "--person",
            &person_id,
            "--track",
            "2023-director-renewal",
            "--as-of",
            "2026-01-01",
            "--json",
        ],
        None,
    );
    assert_eq!(later["total_earned"], 0.0, "the 2021 event is outside the window 2022-01-01..2026-01-01 and the 2022 course is pending");

    let id = enrollment["id"].to_string();
    // One step of the certification workflow on this enrollment.
    let step = |status: &str, date: &str| {
        dir.run(
            &["certification", "status", &id, status, "--date", date],
            None,
        )
    };
    let submitted = json(&step("submitted", "2024-12-01"));
    assert_eq!(submitted["status"], "submitted");
    let skipped = step("issued", "2024-12-02");
    assert_eq!(skipped.status.code(), Some(2));
    let bad = dir.run(
        &["credits", "add", "-"],
        Some(&format!(
            r#"{{"person_id": {person_id}, "title": "x", "date": "2099-01-01", "category": "LA", "credits": 1}}"#
        )),
    );
    assert_refused(&bad, "error: date:");
}

/// A library with two strategic goals, as `directory add-org -` reads it.
const LIBRARY_WITH_TWO_GOALS: &str = r#"{"name": "Sweet Grass Valley Library",
    "strategic_goals": [{"text": "Grow early literacy"}, {"text": "Close the digital divide"}]}"#;

#[test]
fn plans_and_activities_from_the_command_line() {
    let dir = Folder::new();
    let org = dir.json(&["directory", "add-org", "-"], Some(LIBRARY_WITH_TWO_GOALS));
    let goal_a = org["strategic_goals"][0]["id"].to_string();
    let goal_b = org["strategic_goals"][1]["id"].to_string();
    let pid = dir.add_person("Whitfield", "Anna");
    dir.json(
        &["directory", "add-position", "-"],
        Some(&format!(
            r#"{{"person_id": {pid}, "organization_id": {}, "position_type": "director", "title": "Library Director"}}"#,
            org["id"]
        )),
    );
    // Not yet certified: the Strategic Track is refused.
    let refused = dir.run(&["enroll", "--person", &pid, "--track", "strategic"], None);
    assert_refused(&refused, "error: track:");
    let legacy = dir.json(
        &[
            "enroll",
            "--person",
            &pid,
            "--track",
            "2009-administrator",
            "--start",
            "2019-01-01",
        ],
        None,
    );
    let lid = legacy["id"].to_string();
    for (status, date, by) in [
        ("submitted", "2022-12-01", None),
        ("coordinator_review", "2022-12-05", None),
        ("supervisor_verified", "2022-12-09", Some("Dahl, Jonas")),
        ("issued", "2023-01-01", None),
    ] {
        let mut args = vec!["certification", "status", &lid, status, "--date", date];
        if let Some(by) = by {
            args.extend(["--by", by]);
        }
        dir.json(&args, None);
    }
    let strategic = dir.json(
        &[
            "enroll",
            "--person",
            &pid,
            "--track",
            "strategic",
            "--start",
            "2024-01-01",
        ],
        None,
    );
    let plan = dir.json(
        &["plans", "create", "-"],
        Some(&format!(
            r#"{{"enrollment_id": {}, "goals": [{{"strategic_goal_id": {goal_a}, "objective": "Run a family storytime series", "activities": "Shadow a peer", "evidence": "Attendance"}},
                {{"strategic_goal_id": {goal_b}, "objective": "Teach device basics", "activities": "Northstar course", "evidence": "Class held"}}]}}"#,
            strategic["id"]
        )),
    );
    let plan_id = plan["id"].to_string();
    assert_eq!(plan["status"], "draft");
    assert_eq!(plan["goals"].as_array().map(Vec::len), Some(2));
    // Exports go outside the data folder.
    let out = tempfile::tempdir().expect("out");
    let pdf = out.path().join("plan.pdf");
    let exported = dir.run(
        &["plans", "export-pdf", &plan_id, pdf.to_str().expect("path")],
        None,
    );
    assert!(exported.status.success());
    let uploaded = dir.json(
        &["plans", "upload", &plan_id, pdf.to_str().expect("path")],
        None,
    );
    assert_eq!(uploaded["documents"][0]["media_type"], "application/pdf");
    let fake = dir.path().join("fake.pdf");
    std::fs::write(&fake, "not a pdf").expect("write");
    let refused = dir.run(
        &["plans", "upload", &plan_id, fake.to_str().expect("path")],
        None,
    );
    assert_refused(&refused, "error: path:");
    let submitted = dir.json(&["plans", "submit", &plan_id, "--date", "2024-02-01"], None);
    assert_eq!(submitted["submitted_on"], "2024-02-01");
    let goal = submitted["goals"][0]["id"].to_string();
    let activity = dir.json(
        &["activities", "add", "-"],
        Some(&format!(
            r#"{{"person_id": {pid}, "title": "Apprentice week", "description": "Storytimes with a mentor", "plan_goal_id": {goal},
                "date": "2024-03-04", "end_date": "2024-03-08", "hours": 10, "learned": "Storytime planning", "status": "verified", "verified_by": "Dahl, Jonas"}}"#
        )),
    );
    assert_eq!(
        (activity["kind"].as_str(), activity["credits"].as_f64()),
        (Some("self_directed"), Some(10.0))
    );
    let shown = dir.json(&["plans", "show", &plan_id, "--json"], None);
    assert_eq!(shown["status"], "submitted");
    let progress = dir.json(
        &[
            "progress",
            "--person",
            &pid,
            "--track",
            "strategic",
            "--as-of",
            "2024-06-01",
            "--json",
        ],
        None,
    );
    assert_eq!(progress["total_earned"], 10.0);
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::Read;
    let folder = Folder::new();
    // A calendar whose JSON answer is far larger than a pipe holds.
    let mut ics = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");
    for i in 0..2_000 {
        ics.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:e{i}@example.org\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260301T150000Z\r\nSUMMARY:Webinar {i}\r\nEND:VEVENT\r\n"
        ));
    }
    ics.push_str("END:VCALENDAR\r\n");
    let file = folder.path().join("many.ics");
    std::fs::write(&file, ics).expect("calendar");
    let mut child = Command::new(env!("CARGO_BIN_EXE_aspen-desk"))
        .arg("--data-dir")
        .arg(folder.path())
        .args(["import", "--dry-run", "--json"])
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start aspen-desk");
    // Like `| head -c 16`: read a little, then close the pipe.
    let mut start = [0u8; 16];
    let mut stdout = child.stdout.take().expect("stdout");
    stdout.read_exact(&mut start).expect("some output");
    drop(stdout);
    let output = child.wait_with_output().expect("finish");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
