/// Every IPC command the UI may call. Each gets an `allow-<name>` permission,
/// granted to the main window through `permissions/app.toml`.
const COMMANDS: &[&str] = &[
    "app_info",
    "catalog_options",
    "events_search",
    "event_get",
    "event_create",
    "event_update",
    "event_delete",
    "event_duplicate",
    "event_history",
    "resource_add",
    "resource_remove",
    "resource_open",
    "resource_save_copy",
    "demo_data_load",
    "open_external",
    "directory_options",
    "directory_search",
    "org_get",
    "org_create",
    "org_update",
    "person_get",
    "person_create",
    "person_update",
    "person_delete",
    "position_get",
    "position_create",
    "position_update",
    "record_history",
    "ledger_options",
    "current_person_get",
    "current_person_set",
    "credit_add",
    "credit_update",
    "credit_set_status",
    "credits_list",
    "event_attend",
    "credit_attach_evidence",
    "enrollments_list",
    "enroll",
    "enrollment_set_status",
    "progress_get",
    "dashboard_get",
    "person_goals",
    "plan_create",
    "plan_update",
    "plan_new_version",
    "plan_get",
    "plan_latest",
    "plan_set_status",
    "plan_upload",
    "plan_document_data",
    "plan_export_pdf",
    "activity_add",
    "plan_document_save_copy",
];

/// `frontendDist` must exist when Rust compiles. A clean checkout has no UI
/// build yet: leave a page that says how to build it, so `cargo test` works
/// before `npm run build` has run.
fn ensure_ui_dist() {
    let dist = std::path::Path::new("ui/dist");
    if !dist.join("index.html").exists() {
        let _ = std::fs::create_dir_all(dist);
        let _ = std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Aspen Desk</title><p>The UI is not built: run <code>npm run build</code> in ui/.</p>",
        );
    }
}

fn main() {
    ensure_ui_dist();
    // Migrations are embedded by `sqlx::migrate!`; rebuild when they change.
    println!("cargo:rerun-if-changed=src-tauri/migrations");
    println!("cargo:rerun-if-changed=src-tauri/permissions");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(
                tauri_build::AppManifest::new()
                    .commands(COMMANDS)
                    .permissions_path_pattern("./src-tauri/permissions/**/*"),
            ),
    )
    .expect("failed to run tauri-build");
}
