//! A bare Tauri 2 window: the app's window (same size, built in `setup` the
//! same way) with one element and no state, plugins or commands.

use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let result = tauri::Builder::default()
        .setup(|app| {
            WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Bare window")
                .inner_size(1240.0, 820.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("bare-window: {err}");
        std::process::exit(1);
    }
}
