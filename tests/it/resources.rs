use crate::support::{
    file_resource, fingerprint, history_of, invalid_fields, open, open_with_seed, read_event, rows,
    seed,
};
use aspen_desk::commands;
use aspen_desk::domain::resource::ResourceInput;
use std::io::Write;

fn link(title: &str, url: &str) -> ResourceInput {
    ResourceInput {
        title: title.into(),
        resource_type: Some("recording".into()),
        tags: vec!["Strategic Track, recording".into()],
        url: Some(url.into()),
        path: None,
    }
}

#[tokio::test]
async fn a_link_resource_is_counted_searchable_and_in_history() {
    let (t, event) = open_with_seed().await;
    let resource = commands::add_resource(
        &t.store,
        event.heading.id,
        &link("Webinar recording", "https://vimeo.com/msl/1"),
    )
    .await
    .expect("added");
    assert_eq!(resource.kind, "link");
    assert_eq!(resource.tags, ["strategic track", "recording"]);
    let event = read_event(&t.store, event.heading.id).await;
    assert_eq!(event.resources.len(), 1);
    let history = history_of(&t.store, event.heading.id).await;
    assert_eq!(history[0].change.field, "Resources");
    assert_eq!(
        history[0].change.new_value.as_deref(),
        Some("Added Recording: Webinar recording")
    );

    let search = aspen_desk::domain::search::EventSearch {
        text: "webinar recording".into(),
        all_dates: true,
        ..Default::default()
    };
    assert_eq!(
        commands::search_events(&t.store, &search)
            .await
            .expect("search")
            .total,
        1
    );

    commands::remove_resource(&t.store, resource.id)
        .await
        .expect("removed");
    let event = read_event(&t.store, event.heading.id).await;
    assert!(event.resources.is_empty());
    let history = history_of(&t.store, event.heading.id).await;
    assert_eq!(
        history[0].change.old_value.as_deref(),
        Some("Removed Recording: Webinar recording")
    );
}

#[tokio::test]
async fn files_with_any_name_are_stored_by_hash_and_come_back_intact() {
    let (t, event) = open_with_seed().await;
    let source_dir = tempfile::tempdir().expect("dir");
    let name = "Plan d'été – 2026 (final) #2 & notes.pdf";
    let source = source_dir.path().join(name);
    std::fs::write(&source, b"%PDF-1.4 strategic plan").expect("write");

    let resource = commands::add_resource(&t.store, event.heading.id, &file_resource(&source))
        .await
        .expect("attached");
    assert_eq!(resource.kind, "file");
    assert_eq!(resource.title, name, "a file's title defaults to its name");
    assert_eq!(resource.file_name.as_deref(), Some(name));
    assert_eq!(resource.file_size, Some(23));
    let sha = resource.sha256.clone().expect("hash");
    assert_eq!(sha.len(), 64);
    let blob = t.dir.path().join("files").join(&sha[..2]).join(&sha);
    assert_eq!(
        std::fs::read(&blob).expect("blob"),
        b"%PDF-1.4 strategic plan"
    );

    let opened = commands::resource_open_path(&t.store, resource.id)
        .await
        .expect("open path");
    assert_eq!(opened.file_name().and_then(|n| n.to_str()), Some(name));
    let copy = source_dir.path().join("copy.pdf");
    commands::save_resource_copy(&t.store, resource.id, &copy)
        .await
        .expect("saved");
    assert_eq!(
        std::fs::read(&copy).expect("copy"),
        b"%PDF-1.4 strategic plan"
    );

    // The same bytes again share one blob.
    commands::add_resource(&t.store, event.heading.id, &file_resource(&source))
        .await
        .expect("again");
    assert_eq!(rows(&t.store, "files").await, 1);
}

#[tokio::test]
async fn bad_files_and_links_name_the_field_and_leave_nothing_behind() {
    let (t, event) = open_with_seed().await;
    let before = fingerprint(&t.store, t.dir.path()).await;
    let dir = tempfile::tempdir().expect("dir");

    let empty = dir.path().join("empty.pdf");
    std::fs::File::create(&empty).expect("empty");
    let big = dir.path().join("big.mp4");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(50 * 1024 * 1024 + 1))
        .expect("big");
    let real = dir.path().join("real.pdf");
    std::fs::File::create(&real)
        .and_then(|mut f| f.write_all(b"data"))
        .expect("real");
    let link_path = dir.path().join("link.pdf");
    std::os::unix::fs::symlink(&real, &link_path).expect("symlink");

    for (input, field, says) in [
        (
            file_resource(&dir.path().join("missing.pdf")),
            "path",
            "There is no file",
        ),
        (file_resource(&empty), "path", "is empty"),
        (file_resource(&big), "path", "larger than 50 MB"),
        (file_resource(&link_path), "path", "symbolic link"),
        (file_resource(dir.path()), "path", "is not a file"),
        (link("x", "javascript:alert(1)"), "url", "only http"),
        (ResourceInput::default(), "url", "Give a link"),
    ] {
        let err = commands::add_resource(&t.store, event.heading.id, &input)
            .await
            .expect_err(field);
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(invalid_fields(err), [field]);
        assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);
    }
    let incoming = std::fs::read_dir(t.dir.path().join("files/.incoming"))
        .expect("incoming")
        .count();
    assert_eq!(incoming, 0, "no partial copies are left");

    // A good file on an unknown event is refused and its copy removed.
    let err = commands::add_resource(&t.store, 999, &file_resource(&real))
        .await
        .expect_err("no event");
    assert_eq!(err.code(), "not_found");
    assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);
}

#[tokio::test]
async fn an_event_with_one_bad_resource_is_not_saved_at_all() {
    let t = open().await;
    let before = fingerprint(&t.store, t.dir.path()).await;
    let dir = tempfile::tempdir().expect("dir");
    let good = dir.path().join("agenda.pdf");
    std::fs::write(&good, b"agenda").expect("write");
    let mut input = seed();
    input.resources = vec![
        file_resource(&good),
        file_resource(&dir.path().join("nope.pdf")),
    ];
    let err = commands::create_event(&t.store, &input)
        .await
        .expect_err("refused");
    assert_eq!(invalid_fields(err), ["resources[1].path"]);
    assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);
}
