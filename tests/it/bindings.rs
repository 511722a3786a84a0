use std::path::Path;

/// Compares a generated UI file with its committed copy (rewriting it first
/// when `UPDATE_BINDINGS` is set).
fn assert_generated_file_is_current(relative: &str, fresh: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, fresh).expect("write generated file");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{relative} is stale: run `UPDATE_BINDINGS=1 cargo test --test it bindings`"
    );
}

/// The UI's TypeScript types are generated from Rust; this fails when they are stale.
#[test]
fn generated_typescript_bindings_are_current() {
    assert_generated_file_is_current(
        "ui/src/lib/bindings.ts",
        &aspen_desk::bindings::typescript(),
    );
}

/// The UI's command names come from the IPC command list.
#[test]
fn generated_command_names_are_current() {
    assert_generated_file_is_current(
        "ui/src/lib/commands.ts",
        &aspen_desk::bindings::command_names(),
    );
}
