//! Tidy: the repository's own rules, checked on its text (in the spirit of
//! rust-analyzer's tidy test). Each checker is a function of text, unit-tested
//! below on text that breaks the rule, so each check is known to fail.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// Every `.rs` file under `dir`, as paths relative to the repository.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.strip_prefix(repo()).unwrap_or(&path).to_path_buf());
        }
    }
}

/// The names of the IPC commands a Rust source defines: `#[tauri::command]`
/// fns written out, and the lines of `thin_commands!` blocks (each entry
/// starts `name(` directly inside the block's braces).
fn command_fns(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut lines = source.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == "thin_commands! {" {
            names.extend(thin_command_names(&mut lines));
            continue;
        }
        if line != "#[tauri::command]" {
            continue;
        }
        let signature = lines.find(|l| !l.starts_with("#[") && !l.starts_with("///"));
        let name = signature
            .and_then(|l| l.strip_prefix("pub "))
            .map(|l| l.strip_prefix("async ").unwrap_or(l))
            .and_then(|l| l.strip_prefix("fn "))
            .and_then(|l| l.split('(').next());
        // `$name` is `thin_commands!`'s own definition, not a command.
        if !name.is_some_and(|n| n.starts_with('$')) {
            names.push(name.unwrap_or("<not a pub fn>").to_string());
        }
    }
    names
}

/// The entries of one `thin_commands!` block, read up to its closing brace.
fn thin_command_names<'a>(lines: &mut impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 1;
    for line in lines {
        let is_entry_start = depth == 1 && !line.starts_with("//") && !line.starts_with('#');
        if let Some((name, _)) = line.split_once('(').filter(|_| is_entry_start) {
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                names.push(name.to_string());
            }
        }
        depth += line.matches('{').count();
        depth -= line.matches('}').count().min(depth);
        if depth == 0 {
            break;
        }
    }
    names
}

/// Every command defined by the IPC adapter: `commands/ipc.rs` and its
/// area modules in `commands/ipc/`.
fn ipc_command_fns() -> Vec<String> {
    let mut files = vec![PathBuf::from("src-tauri/commands/ipc.rs")];
    rust_files(&repo().join("src-tauri/commands/ipc"), &mut files);
    assert!(files.len() > 1, "no area modules in commands/ipc/");
    files
        .iter()
        .flat_map(|f| command_fns(&read(&f.to_string_lossy())))
        .collect()
}

/// The command names a TypeScript file invokes (`invoke('name'` or
/// `invoke<T>('name'`).
fn invoked_commands(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (_, after) in source
        .match_indices("invoke")
        .map(|(i, m)| (i, &source[i + m.len()..]))
    {
        let call = match after.chars().next() {
            Some('(') => after,
            Some('<') => match after.find("('") {
                Some(open) if !after[..open].contains('(') => &after[open..],
                _ => continue,
            },
            _ => continue,
        };
        if let Some(name) = call
            .strip_prefix("('")
            .and_then(|rest| rest.split('\'').next())
        {
            names.push(name.to_string());
        }
    }
    names
}

/// The commands a permission set allows (`"allow-event-get"` -> `event_get`).
fn allowed_commands(toml: &str) -> Vec<String> {
    toml.lines()
        .filter_map(|l| l.trim().strip_prefix("\"allow-"))
        .filter_map(|l| l.split('"').next())
        .map(|name| name.replace('-', "_"))
        .collect()
}

/// What differs between two lists meant to hold the same names (and doubles).
fn drift(what: &str, expected: &[String], actual: &[String]) -> Vec<String> {
    let expected_set: BTreeSet<&String> = expected.iter().collect();
    let actual_set: BTreeSet<&String> = actual.iter().collect();
    let mut problems = Vec::new();
    for missing in expected_set.difference(&actual_set) {
        problems.push(format!("{what}: lacks `{missing}`"));
    }
    for extra in actual_set.difference(&expected_set) {
        problems.push(format!(
            "{what}: has `{extra}`, not in the IPC command list"
        ));
    }
    if actual_set.len() != actual.len() {
        problems.push(format!("{what}: names a command twice"));
    }
    problems
}

/// A layer rule broken by one source file (`relative` is its path).
fn layer_violation(relative: &str, source: &str) -> Option<String> {
    let relative = relative.replace('\\', "/");
    let code_lines = || source.lines().filter(|l| !l.trim_start().starts_with("//"));
    // error.rs is the one type that wraps the store's errors.
    let sql_allowed = relative.starts_with("src-tauri/store/") || relative == "src-tauri/error.rs";
    if !sql_allowed && code_lines().any(|l| l.contains("sqlx::")) {
        return Some(format!(
            "{relative}: `sqlx::` outside store/ (SQL lives in the store)"
        ));
    }
    if relative.starts_with("src-tauri/domain/") && code_lines().any(|l| l.contains("tauri::")) {
        return Some(format!("{relative}: `tauri::` in the pure domain"));
    }
    None
}

/// True when a Rust module does not open with a `//!` header.
fn lacks_module_header(source: &str) -> bool {
    !source
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.starts_with("//!"))
}

/// The paths a Markdown text names in backticks: words with a `/` or a file
/// extension, without placeholders (`<format>`), globs or code.
fn named_paths(markdown: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (i, token) in markdown.split('`').enumerate() {
        let is_code = i % 2 == 1;
        let plain = !token.is_empty()
            && token
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c));
        let has_extension = Path::new(token).extension().is_some_and(|e| {
            [
                "rs", "md", "toml", "json", "ts", "svelte", "mjs", "sh", "sql",
            ]
            .contains(&e.to_str().unwrap_or(""))
        });
        let looks_like_path = token.contains('/') || has_extension;
        if is_code && plain && looks_like_path && !token.starts_with("//") {
            paths.push(token.to_string());
        }
    }
    paths
}

/// Whether a path named in ARCHITECTURE.md exists: relative to the root,
/// `src-tauri/` (or its `domain/` and `store/`, whose lists name their files
/// relative to them) or `ui/`; a bare file or folder name anywhere in the source folders.
fn path_exists(root: &Path, named: &str) -> bool {
    let named = named.trim_end_matches('/');
    if ["", "src-tauri", "src-tauri/domain", "src-tauri/store", "ui"]
        .iter()
        .any(|base| root.join(base).join(named).exists())
    {
        return true;
    }
    if named.contains('/') {
        return false;
    }
    let mut files = Vec::new();
    for folder in ["src-tauri", "scripts", "tests", "benches", "ui/src"] {
        collect_named(&root.join(folder), named, &mut files);
    }
    !files.is_empty()
}

fn collect_named(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.ends_with("node_modules") {
            continue;
        }
        // A bare name may be a file or a folder (`credits/` in a feature list).
        if path.file_name().is_some_and(|n| n == name) {
            out.push(path.clone());
        }
        if path.is_dir() {
            collect_named(&path, name, out);
        }
    }
}

#[test]
fn the_ipc_command_lists_agree() {
    let names: Vec<String> = aspen_desk::commands::ipc::NAMES
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut problems = Vec::new();
    problems.extend(drift(
        "commands defined in commands/ipc.rs and commands/ipc/",
        &names,
        &ipc_command_fns(),
    ));
    problems.extend(drift(
        "ui/src/lib/api.ts wrappers",
        &names,
        &invoked_commands(&read("ui/src/lib/api.ts")),
    ));
    // Written by build.rs from its own reading of the list.
    problems.extend(drift(
        "gen/permissions/app-commands.toml (the ACL set)",
        &names,
        &allowed_commands(&read("gen/permissions/app-commands.toml")),
    ));
    let capability = read("src-tauri/capabilities/default.json");
    if !capability.contains("\"allow-app-commands\"") {
        problems.push("capabilities/default.json does not grant allow-app-commands".into());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn layers_and_module_headers_hold_in_every_rust_file() {
    let mut files = Vec::new();
    rust_files(&repo().join("src-tauri"), &mut files);
    assert!(files.len() > 20, "{} files", files.len());
    let mut problems = Vec::new();
    for file in files {
        let relative = file.to_string_lossy().replace('\\', "/");
        let source = read(&relative);
        problems.extend(layer_violation(&relative, &source));
        if lacks_module_header(&source) {
            problems.push(format!("{relative}: no `//!` module header"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn architecture_names_only_paths_that_exist() {
    let named = named_paths(&read("ARCHITECTURE.md"));
    assert!(named.len() > 20, "{named:?}");
    let missing: Vec<&String> = named.iter().filter(|p| !path_exists(&repo(), p)).collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

mod checkers_fail_on_broken_text {
    use super::*;

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn command_fns_are_found_and_a_missing_one_drifts() {
        let source = "#[tauri::command]\npub async fn event_get(id: i64) {}\n\n/// Doc.\n#[tauri::command]\n#[allow(unused)]\npub fn app_info() {}\nfn helper() {}\n";
        assert_eq!(command_fns(source), strings(&["event_get", "app_info"]));
        let problems = drift(
            "fns",
            &strings(&["event_get", "app_info", "plan_get"]),
            &command_fns(source),
        );
        assert_eq!(problems, vec!["fns: lacks `plan_get`".to_string()]);
    }

    #[test]
    fn thin_command_lines_are_found_and_an_extra_one_drifts() {
        let source = "thin_commands! {\n    event_get(store, id: i64) -> Event { get(&store, id).await }\n    /// Doc (with parentheses).\n    plan_set_status(\n        store,\n        id: i64,\n    ) -> Plan {\n        let x = f(id);\n        if x { g(&store) } else { h(&store) }\n    }\n    dashboard_get(store) -> Dashboard { dashboard(&store).await }\n}\nfn helper(x: i64) {}\n#[tauri::command]\npub fn app_info() {}\nmacro_rules! m {\n    () => {\n        #[tauri::command]\n        pub async fn $name() {}\n    };\n}\n";
        assert_eq!(
            command_fns(source),
            strings(&["event_get", "plan_set_status", "dashboard_get", "app_info"])
        );
        let problems = drift(
            "fns",
            &strings(&["event_get", "plan_set_status", "app_info"]),
            &command_fns(source),
        );
        assert_eq!(
            problems,
            vec!["fns: has `dashboard_get`, not in the IPC command list".to_string()]
        );
    }

    #[test]
    fn api_invocations_are_found_extra_and_double_ones_drift() {
        let source = "const invoke = <T>(command: CommandName) => tauriInvoke<T>(command);\nimport { invoke as tauriInvoke } from 'x';\n  a: () => invoke<AppInfo>('app_info'),\n  b: (id: number) => invoke<Array<Event>>('event_get', { id }),\n  c: () => invoke('no_such'),\n  d: () => invoke('app_info'),\n";
        let found = invoked_commands(source);
        assert_eq!(
            found,
            strings(&["app_info", "event_get", "no_such", "app_info"])
        );
        let problems = drift("api", &strings(&["app_info", "event_get"]), &found);
        assert_eq!(
            problems,
            vec![
                "api: has `no_such`, not in the IPC command list".to_string(),
                "api: names a command twice".to_string()
            ]
        );
    }

    #[test]
    fn permission_sets_are_read_back_to_command_names() {
        let toml = "[[set]]\npermissions = [\n  \"allow-event-get\",\n  \"allow-app-info\",\n]\n";
        assert_eq!(allowed_commands(toml), strings(&["event_get", "app_info"]));
        assert_eq!(
            drift("acl", &strings(&["event_get"]), &allowed_commands(toml)).len(),
            1
        );
    }

    #[test]
    fn sql_outside_the_store_and_tauri_in_the_domain_are_refused() {
        let sql = "let rows = sqlx::query(\"SELECT 1\");";
        assert!(layer_violation("src-tauri/commands/plans.rs", sql).is_some());
        assert!(layer_violation("src-tauri/store/plans.rs", sql).is_none());
        assert!(
            layer_violation("src-tauri/commands/plans.rs", "// uses sqlx::migrate! here").is_none()
        );
        assert!(layer_violation("src-tauri/domain/event.rs", "use tauri::State;").is_some());
        assert!(layer_violation("src-tauri/app.rs", "use tauri::State;").is_none());
    }

    #[test]
    fn a_module_without_a_header_is_found() {
        assert!(lacks_module_header("use std::fs;\n"));
        assert!(lacks_module_header("/// An item doc.\nfn f() {}\n"));
        assert!(!lacks_module_header("\n//! Events.\nuse std::fs;\n"));
    }

    #[test]
    fn a_named_path_that_does_not_exist_is_found() {
        let root = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(root.path().join("src-tauri/domain")).expect("mkdir");
        std::fs::write(root.path().join("src-tauri/domain/event.rs"), "").expect("write");
        let markdown = "- `src-tauri/domain/event.rs`: events; `domain/event.rs`, `event.rs`,\n  `domain/gone.rs`, `gone.rs`, `Store::open`, `import/<format>.rs`, `cargo test`.";
        let named = named_paths(markdown);
        assert_eq!(
            named,
            strings(&[
                "src-tauri/domain/event.rs",
                "domain/event.rs",
                "event.rs",
                "domain/gone.rs",
                "gone.rs"
            ])
        );
        let missing: Vec<&String> = named
            .iter()
            .filter(|p| !path_exists(root.path(), p))
            .collect();
        assert_eq!(missing, vec!["domain/gone.rs", "gone.rs"]);
    }
}
