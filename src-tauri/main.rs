//! The binary: the window, or a headless subcommand (see `cli.rs`).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    aspen_desk::cli::main()
}
