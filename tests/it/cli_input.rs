//! Bad input to the command line, run as a real process: every subcommand
//! given a bad argument, non-UTF-8 input, control characters and over-long
//! searches are refused with exit code 2 and nothing saved or opened.

use crate::cli::{json, run};
use crate::support::SEED_JSON;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Every leaf subcommand as its words (`["events", "add"]`, `["enroll"]`),
/// read from clap's own definition so a new subcommand is covered here.
fn leaf_subcommands() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(
        prefix: &[String],
        command: &clap::Command,
        out: &mut Vec<(Vec<String>, clap::Command)>,
    ) {
        for sub in command.get_subcommands() {
            let mut words = prefix.to_vec();
            words.push(sub.get_name().to_string());
            if sub.has_subcommands() {
                walk(&words, sub, out);
            } else {
                out.push((words, sub.clone()));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &[],
        &<aspen_desk::cli::Cli as clap::CommandFactory>::command(),
        &mut out,
    );
    out
}

/// Runs the binary with no display, so an attempt to open the window could
/// not pass for a CLI error.
fn run_headless(args: &[String], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_aspen-desk"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start aspen-desk");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("finish")
}

#[test]
fn a_bad_argument_to_any_subcommand_is_an_error_and_opens_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let data_dir = dir.path().join("never-created");
    let leaves = leaf_subcommands();
    assert!(leaves.len() >= 20, "{} subcommands", leaves.len());
    let mut cases: Vec<Vec<String>> = leaves
        .iter()
        .map(|(words, _)| {
            let mut args = words.clone();
            args.push("--no-such-option".into());
            args
        })
        .collect();
    cases.push(vec!["--no-such-option".into()]);
    cases.push(vec!["no-such-subcommand".into()]);
    cases.push(vec!["plans".into(), "show".into(), "x".into()]);
    cases.push(vec!["activities".into(), "add".into()]);
    for case in cases {
        let mut args = vec!["--data-dir".to_string(), data_dir.display().to_string()];
        args.extend(case.iter().cloned());
        let out = run_headless(&args, b"");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{case:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{case:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{case:?}");
        // Neither the window nor the store was started.
        assert!(!data_dir.exists(), "{case:?} touched the data folder");
    }
}

#[test]
fn help_for_any_subcommand_exits_0() {
    for (mut words, _) in leaf_subcommands() {
        words.push("--help".into());
        let out = run_headless(&words, b"");
        assert_eq!(out.status.code(), Some(0), "{words:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage:"),
            "{words:?}"
        );
    }
}

#[test]
fn non_utf8_json_on_standard_input_is_bad_input() {
    let dir = tempfile::tempdir().expect("dir");
    let takes_json: Vec<Vec<String>> = leaf_subcommands()
        .into_iter()
        .filter(|(_, command)| command.get_arguments().any(|a| a.get_id() == "file"))
        .map(|(words, _)| words)
        .collect();
    assert!(takes_json.len() >= 6, "{takes_json:?}");
    for words in takes_json {
        let mut args = vec!["--data-dir".to_string(), dir.path().display().to_string()];
        args.extend(words.iter().cloned());
        args.push("-".into());
        let out = run_headless(&args, &[b'{', 0xff, 0xfe, b'}']);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{words:?}: {stderr}");
        assert!(
            stderr.contains("json: standard input is not UTF-8"),
            "{words:?}: {stderr}"
        );
    }
}

#[test]
fn a_nul_in_an_event_title_or_a_persons_name_is_refused_and_nothing_saved() {
    let dir = tempfile::tempdir().expect("dir");
    let event = SEED_JSON.replace("NEW Strategic Track", "NEW\\u0000Strategic Track");
    let person = r#"{"last_name": "Hale\u0000", "first_name": "Tracy"}"#;
    for (args, input, field) in [
        (
            &["events", "add", "-"][..],
            event.as_str(),
            "error: title: ",
        ),
        (
            &["directory", "add-person", "-"][..],
            person,
            "error: last_name: ",
        ),
    ] {
        let out = run(dir.path(), args, Some(input));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(field) && stderr.contains("control character"),
            "{stderr}"
        );
    }
    let events = json(&run(
        dir.path(),
        &["events", "list", "--all-dates", "--json"],
        None,
    ));
    assert_eq!(events, serde_json::json!([]));
    let people = json(&run(dir.path(), &["directory", "search", "--json"], None));
    assert_eq!(people, serde_json::json!([]));
}

#[test]
fn a_search_of_more_than_64_words_is_refused_naming_the_query() {
    let dir = tempfile::tempdir().expect("dir");
    let words = vec!["library"; 65].join(" ");
    for args in [
        vec!["events", "list", "--query", words.as_str()],
        vec!["directory", "search", words.as_str()],
    ] {
        let out = run(dir.path(), &args, None);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("error: query: Too many words"), "{stderr}");
    }
    let at_cap = vec!["library"; 64].join(" ");
    json(&run(
        dir.path(),
        &["events", "list", "--query", &at_cap, "--json"],
        None,
    ));
}

/// WebKitWebDriver launches the window with `--automation` (end-to-end
/// tests): that alone, or with `--data-dir`, still means "open the window".
#[test]
fn only_no_subcommand_means_the_window() {
    use clap::Parser;
    for args in [
        &["aspen-desk"][..],
        &["aspen-desk", "--automation"],
        &["aspen-desk", "--data-dir", "folder"],
    ] {
        let cli = aspen_desk::cli::Cli::try_parse_from(args).expect("parses");
        assert!(cli.command.is_none(), "{args:?}");
    }
    for args in [
        &["aspen-desk", "--automaton"][..],
        &["aspen-desk", "events"],
    ] {
        assert!(
            aspen_desk::cli::Cli::try_parse_from(args).is_err(),
            "{args:?}"
        );
    }
}
