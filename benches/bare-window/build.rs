//! Build script: tauri-build (config, embedded assets).

fn main() {
    tauri_build::build();
}
