//! `aspen-desk import FILE` as a real process: the JSON shape of the issue,
//! `--dry-run` saving nothing, a CSV with a bad row (refused, exit 2, unless
//! `--only-good`), the same page twice updating, and exit 2 for a file that
//! is no kind it reads.

use crate::cli::{assert_refused, Folder};

fn fixture(name: &str) -> String {
    format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn keys(report: &serde_json::Value) -> Vec<String> {
    let mut keys: Vec<String> = report
        .as_object()
        .expect("an object")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

fn listed(data: &Folder, args: &[&str]) -> usize {
    let list = data.json(args, None);
    list.as_array().expect("a list").len()
}

#[test]
fn the_cli_imports_a_page_a_calendar_and_refuses_what_it_cannot_read() {
    let data = Folder::new();
    let events = ["events", "list", "--all-dates", "--json"];
    let page = fixture("block-in-person.txt");
    let dry = data.json(&["import", &page, "--dry-run", "--json"], None);
    assert_eq!(
        keys(&dry),
        [
            "canceled",
            "created",
            "credits",
            "errors",
            "events",
            "kind",
            "unchanged",
            "updated",
            "warnings"
        ]
    );
    assert_eq!(dry["kind"], "aspen_page");
    assert_eq!(dry["created"], 0);
    assert_eq!(dry["events"][0]["action"], "create");
    assert_eq!(
        dry["events"][0]["title"],
        "Weeding Without Worry: A Collection Refresh Workshop"
    );
    assert_eq!(dry["events"][0]["credits"][0]["category"], "CMTS");
    assert_eq!(dry["errors"], serde_json::json!([]));
    assert_eq!(listed(&data, &events), 0, "a dry run saves nothing");

    let saved = data.json(&["import", &page, "--json"], None);
    assert_eq!(saved["created"], 1);
    let id = saved["events"][0]["id"].as_i64().expect("id").to_string();
    // Each event is the event JSON of `events show` (its times of saving
    // aside), plus the import's own fields.
    let shown = data.json(&["events", "show", &id, "--json"], None);
    for (key, value) in shown.as_object().expect("event") {
        if !["created_at", "updated_at"].contains(&key.as_str()) {
            assert_eq!(&saved["events"][0][key], value, "{key}");
        }
    }
    let mut extra = keys(&saved["events"][0]);
    extra.retain(|k| !shown.as_object().is_some_and(|o| o.contains_key(k)));
    assert_eq!(extra, ["action", "changes", "not_read"]);
    assert_eq!(shown["begin"], "2026-10-09T10:00");

    // The same page again changes nothing; without --json, one line in words,
    // first as a dry run would have it.
    let dry_again = data.run(&["import", &page, "--dry-run"], None);
    assert!(dry_again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&dry_again.stdout).trim(),
        "1 event read: 0 new, 0 to update, 1 unchanged; nothing saved"
    );
    let again = data.run(&["import", &page], None);
    assert!(again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&again.stdout).trim(),
        "1 event read: 0 created, 0 updated, 1 unchanged"
    );
    assert_eq!(
        listed(&data, &events),
        1,
        "the same page twice leaves one event"
    );

    let calendar = fixture("calendar.ics");
    let ics = data.json(&["import", &calendar, "--dry-run", "--json"], None);
    assert_eq!(ics["kind"], "ics");
    assert!(ics["events"].as_array().is_some_and(|e| e.len() == 9));

    let files = tempfile::tempdir().expect("dir");
    let binary = files.path().join("photo.jpg");
    std::fs::write(
        &binary,
        [0xFFu8, 0xD8, 0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46, 0],
    )
    .expect("write");
    let prose = files.path().join("notes.txt");
    std::fs::write(&prose, "Remember to renew my library card.\n").expect("write");
    let missing = files.path().join("no-such-file.ics");
    for path in [&binary, &prose, &missing] {
        let path = path.to_str().expect("path");
        let refused = data.run(&["import", path, "--json"], None);
        let says = if path.ends_with(".txt") {
            "not an ASPeN event page (nor a calendar or a CSV of credits)"
        } else {
            "error: file:"
        };
        assert_refused(&refused, says);
        assert!(refused.stdout.is_empty(), "{path}");
    }
    assert_eq!(listed(&data, &events), 1);
}

#[test]
fn a_csv_with_a_bad_row_lists_it_and_saves_only_when_told() {
    let data = Folder::new();
    let person = data.add_person("Redfeather", "Mae");
    let ledger = ["credits", "list", "--person", &person, "--json"];
    let csv = fixture("credits-bad-row.csv");
    let import = |more: &[&str]| {
        let mut args = vec!["import", csv.as_str(), "--person", person.as_str()];
        args.extend(more);
        data.run(&args, None)
    };

    let dry = data.json(
        &["import", &csv, "--person", &person, "--dry-run", "--json"],
        None,
    );
    assert_eq!(dry["kind"], "credits_csv");
    assert_eq!(dry["credits"].as_array().map(Vec::len), Some(2));
    let errors = dry["errors"].as_array().expect("errors");
    assert!(!errors.is_empty());
    for e in errors {
        assert_eq!(keys(e), ["field", "message", "row"]);
        assert_eq!(e["row"], 3, "{e}");
    }
    assert!(
        errors.iter().any(|e| e["field"] == "category"),
        "{errors:?}"
    );

    assert_refused(&import(&["--json"]), "row 3 category");
    assert_eq!(
        listed(&data, &ledger),
        0,
        "nothing is saved while a row is bad"
    );

    let saved = data.json(
        &["import", &csv, "--person", &person, "--only-good", "--json"],
        None,
    );
    assert_eq!(saved["created"], 2);
    assert_eq!(listed(&data, &ledger), 2);
    let words = import(&["--dry-run"]);
    let words = String::from_utf8_lossy(&words.stdout);
    assert!(
        words.starts_with("2 credit rows read; nothing saved\nrow 3 category: "),
        "{words}"
    );
}
