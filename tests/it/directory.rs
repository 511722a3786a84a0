use crate::support::{
    add_library, add_sweet_grass, directory_rows, fingerprint, invalid_fields, library, open,
    open_with_sample, read_event, seed, TestStore,
};
use aspen_desk::commands::{self, directory as dir};
use aspen_desk::domain::directory::*;
use aspen_desk::domain::event::PositionRefInput;
use aspen_desk::error::AppResult;
use aspen_desk::store::Store;

fn person_input(last: &str, first: &str) -> PersonInput {
    PersonInput {
        last_name: last.into(),
        first_name: first.into(),
        email: Some(format!("{first}@example.org")),
        ..Default::default()
    }
}

fn position(
    person_id: Option<i64>,
    organization_id: i64,
    kind: &str,
    title: &str,
) -> PositionInput {
    PositionInput {
        person_id,
        organization_id,
        position_type: Some(kind.into()),
        title: title.into(),
        begin: Some("2024-07-01".into()),
        ..Default::default()
    }
}

/// A library with a director; returns (library, person, position).
async fn director(store: &Store) -> (Organization, Person, Position) {
    let org = add_sweet_grass(store).await;
    let person = dir::create_person(store, &person_input("Whitfield", "Anna"))
        .await
        .expect("person");
    let pos = dir::create_position(
        store,
        &position(Some(person.id), org.id, "director", "Library Director"),
    )
    .await
    .expect("position");
    (org, person, pos)
}

#[tokio::test]
async fn a_library_its_person_and_position_read_like_aspen() {
    let t = open().await;
    let (org, person, pos) = director(&t.store).await;
    assert_eq!(
        pos.display,
        "Whitfield, Anna - Library Director (Sweet Grass Valley Library)"
    );
    let org = dir::get_org(&t.store, org.id).await.expect("org");
    assert_eq!(
        org.federation_label.as_deref(),
        Some("South Central Federation")
    );
    assert_eq!(
        org.strategic_goals
            .iter()
            .map(|g| g.text.as_str())
            .collect::<Vec<_>>(),
        ["Grow early literacy", "Close the digital divide"]
    );
    assert_eq!(org.positions.len(), 1);
    assert_eq!(
        org.positions[0].person_name.as_deref(),
        Some("Whitfield, Anna")
    );
    let person = dir::get_person(&t.store, person.id).await.expect("person");
    assert_eq!(person.positions[0].display, pos.display);
    let history = dir::history(&t.store, "position", pos.id)
        .await
        .expect("history");
    assert!(history
        .iter()
        .any(|h| h.change.field == "Title"
            && h.change.new_value.as_deref() == Some("Library Director")));
    assert!(history.iter().any(|h| h.change.field == "Organization"
        && h.change.new_value.as_deref() == Some("Sweet Grass Valley Library")));
}

#[tokio::test]
async fn strategic_goals_keep_their_ids_and_retired_goals_leave_the_list() {
    let t = open().await;
    let (org, _, _) = director(&t.store).await;
    let (first, second) = (org.strategic_goals[0].id, org.strategic_goals[1].id);
    let mut input = library("Sweet Grass Valley Library", &[]);
    input.strategic_goals = vec![
        GoalInput {
            id: Some(first),
            text: "Grow early literacy for families".into(),
        },
        GoalInput {
            id: None,
            text: "Be the community's gathering place".into(),
        },
    ];
    let org = dir::update_org(&t.store, org.id, &input)
        .await
        .expect("updated");
    assert_eq!(
        org.strategic_goals[0].id, first,
        "an edited goal keeps its id"
    );
    assert_eq!(
        org.strategic_goals[0].text,
        "Grow early literacy for families"
    );
    assert!(
        org.strategic_goals.iter().all(|g| g.id != second),
        "a removed goal is retired"
    );
    let retired: Option<String> =
        sqlx::query_scalar("SELECT retired_at FROM strategic_goals WHERE id = ?")
            .bind(second)
            .fetch_one(&t.store.pool)
            .await
            .expect("row kept");
    assert!(
        retired.is_some(),
        "the retired goal's row and id stay for plans that point at it"
    );
    let history = dir::history(&t.store, "organization", org.id)
        .await
        .expect("history");
    assert_eq!(history[0].change.field, "Strategic goals");
}

/// The call was refused naming exactly `field`, and nothing stored changed.
async fn refused_and_unchanged(t: &TestStore, before: &str, field: &str, result: AppResult<()>) {
    assert_eq!(invalid_fields(result.expect_err(field)), [field]);
    let after = fingerprint(&t.store, t.dir.path()).await + &directory_rows(&t.store).await;
    assert_eq!(after, before, "{field} changed something");
}

#[tokio::test]
async fn bad_directory_input_names_the_field_and_saves_nothing() {
    let t = open().await;
    let (org, person, pos) = director(&t.store).await;
    let branch = dir::create_org(
        &t.store,
        &OrganizationInput {
            parent_id: Some(org.id),
            org_type: Some("branch".into()),
            ..library("Melville Branch", &[])
        },
    )
    .await
    .expect("branch");
    let other = add_library(&t.store, "Other Library", &["Other goal"]).await;
    let before = fingerprint(&t.store, t.dir.path()).await + &directory_rows(&t.store).await;

    let unchanged = |field: &'static str, result: AppResult<()>| {
        refused_and_unchanged(&t, &before, field, result)
    };
    let with_parent = |parent_id| OrganizationInput {
        parent_id: Some(parent_id),
        ..library("Sweet Grass Valley Library", &[])
    };
    // (the field named, the organization to update or None to create one, the input)
    let org_cases: Vec<(&str, Option<i64>, OrganizationInput)> = vec![
        ("name", None, library("  ", &[])),
        (
            "federation",
            None,
            OrganizationInput {
                federation: Some("Big Sky".into()),
                ..library("X", &[])
            },
        ),
        (
            "org_type",
            None,
            OrganizationInput {
                org_type: Some("bookmobile".into()),
                ..library("X", &[])
            },
        ),
        (
            "email",
            None,
            OrganizationInput {
                email: Some("info at library".into()),
                ..library("X", &[])
            },
        ),
        ("parent_id", Some(org.id), with_parent(branch.id)),
        ("parent_id", Some(org.id), with_parent(org.id)),
        ("parent_id", None, with_parent(999)),
        (
            "strategic_goals[0].id",
            Some(org.id),
            OrganizationInput {
                strategic_goals: vec![GoalInput {
                    id: Some(other.strategic_goals[0].id),
                    text: "stolen".into(),
                }],
                ..library("Sweet Grass Valley Library", &[])
            },
        ),
    ];
    for (field, id, input) in org_cases {
        let result = match id {
            None => dir::create_org(&t.store, &input).await.map(drop),
            Some(id) => dir::update_org(&t.store, id, &input).await.map(drop),
        };
        unchanged(field, result).await;
    }
    let person_cases = [
        ("last_name", person_input("", "Anna")),
        (
            "email",
            PersonInput {
                email: Some("anna@".into()),
                ..person_input("Whitfield", "Anna")
            },
        ),
    ];
    for (field, input) in person_cases {
        unchanged(field, dir::create_person(&t.store, &input).await.map(drop)).await;
    }
    let position_cases = [
        (
            "end",
            None,
            PositionInput {
                end: Some("2024-06-30".into()),
                ..position(Some(person.id), org.id, "staff", "Clerk")
            },
        ),
        (
            "position_type",
            None,
            position(Some(person.id), org.id, "wizard", "Clerk"),
        ),
        (
            "person_id",
            None,
            position(Some(999), org.id, "staff", "Clerk"),
        ),
        (
            "organization_id",
            Some(pos.id),
            position(Some(person.id), 999, "staff", "Clerk"),
        ),
    ];
    for (field, id, input) in position_cases {
        let result = match id {
            None => dir::create_position(&t.store, &input).await.map(drop),
            Some(id) => dir::update_position(&t.store, id, &input).await.map(drop),
        };
        unchanged(field, result).await;
    }
}

#[tokio::test]
async fn a_person_with_positions_cannot_be_deleted_and_the_app_says_why() {
    let t = open().await;
    let (_, person, _) = director(&t.store).await;
    let before = fingerprint(&t.store, t.dir.path()).await + &directory_rows(&t.store).await;
    let err = dir::delete_person(&t.store, person.id)
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("Anna Whitfield cannot be deleted"),
        "{message}"
    );
    assert!(
        message.contains("Whitfield, Anna - Library Director (Sweet Grass Valley Library)"),
        "{message}"
    );
    assert!(message.contains("Deactivate"), "{message}");
    assert_eq!(
        fingerprint(&t.store, t.dir.path()).await + &directory_rows(&t.store).await,
        before
    );

    // Someone nothing points at can go; their history stays.
    let temp = dir::create_person(&t.store, &person_input("Typo", "Entry"))
        .await
        .expect("person");
    dir::delete_person(&t.store, temp.id)
        .await
        .expect("deleted");
    assert_eq!(
        dir::get_person(&t.store, temp.id)
            .await
            .expect_err("gone")
            .code(),
        "not_found"
    );
    let history = dir::history(&t.store, "person", temp.id)
        .await
        .expect("history");
    assert_eq!(history[0].change.new_value.as_deref(), Some("Deleted"));
}

#[tokio::test]
async fn ending_a_position_keeps_it_inactive_and_it_outlives_its_holder() {
    let t = open().await;
    let (org, person, pos) = director(&t.store).await;
    let ended = PositionInput {
        end: Some("2026-06-30".into()),
        active: Some(false),
        ..position(Some(person.id), org.id, "director", "Library Director")
    };
    let ended = dir::update_position(&t.store, pos.id, &ended)
        .await
        .expect("ended");
    assert!(!ended.details.active);
    let person_view = dir::get_person(&t.store, person.id).await.expect("person");
    assert_eq!(
        person_view.positions.len(),
        1,
        "a past position stays on the person's page"
    );
    // The position passes to a new director; the old one keeps their record.
    let next = dir::create_person(&t.store, &person_input("Olsen", "Grace"))
        .await
        .expect("next");
    let vacant = dir::create_position(
        &t.store,
        &position(None, org.id, "director", "Library Director"),
    )
    .await
    .expect("vacant");
    assert_eq!(
        vacant.display,
        "Vacant - Library Director (Sweet Grass Valley Library)"
    );
    let filled = dir::update_position(
        &t.store,
        vacant.id,
        &position(Some(next.id), org.id, "director", "Library Director"),
    )
    .await
    .expect("filled");
    assert_eq!(filled.person_name.as_deref(), Some("Olsen, Grace"));
    let history = dir::history(&t.store, "position", vacant.id)
        .await
        .expect("history");
    assert_eq!(
        (
            history[0].change.field.as_str(),
            history[0].change.old_value.as_deref(),
            history[0].change.new_value.as_deref()
        ),
        ("Holder", Some("Vacant"), Some("Olsen, Grace")),
        "history names the holder"
    );
    let org = dir::get_org(&t.store, org.id).await.expect("org");
    assert_eq!(org.positions.len(), 2);
    assert!(
        org.positions[0].details.active,
        "current positions come first"
    );
}

#[tokio::test]
async fn event_contacts_are_directory_positions_shown_in_the_directory_form() {
    let t = open().await;
    let (_, person, pos) = director(&t.store).await;
    let mut input = seed();
    input.contact_positions = vec![PositionRefInput::Id(pos.id)];
    input.trainer_positions = vec![PositionRefInput::Text(
        "Hale, Tracy - Statewide Consultant (Montana State Library)".into(),
    )];
    let event = commands::create_event(&t.store, &input)
        .await
        .expect("event");
    assert_eq!(event.details.contact_positions[0].position_id, Some(pos.id));
    assert_eq!(
        event.details.contact_positions[0].text,
        "Whitfield, Anna - Library Director (Sweet Grass Valley Library)"
    );
    assert_eq!(
        event.details.trainer_positions[0].position_id, None,
        "free text from before is kept"
    );

    // The event shows the directory as it is now.
    dir::update_person(&t.store, person.id, &person_input("Whitfield-Cole", "Anna"))
        .await
        .expect("renamed");
    let event = read_event(&t.store, event.heading.id).await;
    assert_eq!(
        event.details.contact_positions[0].text,
        "Whitfield-Cole, Anna - Library Director (Sweet Grass Valley Library)"
    );

    let mut bad = seed();
    bad.contact_positions = vec![PositionRefInput::Id(999)];
    let before = fingerprint(&t.store, t.dir.path()).await;
    let err = commands::create_event(&t.store, &bad)
        .await
        .expect_err("no such position");
    assert_eq!(invalid_fields(err), ["contact_positions[0]"]);
    assert_eq!(fingerprint(&t.store, t.dir.path()).await, before);
}

/// A directory search that must succeed (`what` names it if it does not).
async fn found(store: &Store, search: &DirectorySearch, what: &str) -> Vec<DirectoryHit> {
    let hits = dir::search(store, search).await;
    hits.unwrap_or_else(|e| panic!("{what}: {e}"))
}

#[tokio::test]
async fn one_search_box_finds_organizations_people_and_positions() {
    let t = open_with_sample().await;
    let search = |text: &str| DirectorySearch {
        text: text.into(),
        ..Default::default()
    };

    let hits = found(&t.store, &search("Bitterr"), "prefix").await;
    assert!(hits
        .iter()
        .any(|h| h.kind == DirectoryKind::Organization && h.title == "Bitterroot Public Library"));
    assert!(
        hits.iter().any(|h| h.kind == DirectoryKind::Person),
        "people of a library are found by its name"
    );
    assert!(hits
        .iter()
        .any(|h| h.kind == DirectoryKind::Position
            && h.title.ends_with("(Bitterroot Public Library)")));

    let hits = found(&t.store, &search("hale tracy"), "person").await;
    assert!(hits
        .iter()
        .any(|h| h.kind == DirectoryKind::Person && h.title == "Hale, Tracy"));

    let tamarack = DirectorySearch {
        federation: Some("tamarack".into()),
        kinds: vec![DirectoryKind::Organization],
        limit: 500,
        ..Default::default()
    };
    let hits = found(&t.store, &tamarack, "federation").await;
    assert!(
        !hits.is_empty()
            && hits
                .iter()
                .all(|h| h.subtitle.contains("Tamarack Federation"))
    );

    let branches = DirectorySearch {
        org_type: Some("branch".into()),
        kinds: vec![DirectoryKind::Organization],
        ..Default::default()
    };
    let hits = found(&t.store, &branches, "type").await;
    assert!(hits.iter().all(|h| h.subtitle.starts_with("Branch")));

    let chairs = DirectorySearch {
        position_type: Some("board_chair".into()),
        limit: 500,
        ..Default::default()
    };
    let hits = found(&t.store, &chairs, "position type").await;
    assert!(hits.iter().all(|h| h.kind != DirectoryKind::Organization));
    assert!(hits
        .iter()
        .filter(|h| h.kind == DirectoryKind::Position)
        .all(|h| h.subtitle == "Board Chair"));

    for odd in ["\"", "(", "AND", "*", "é"] {
        found(&t.store, &search(odd), odd).await;
    }
    let unknown = DirectorySearch {
        federation: Some("Big Sky".into()),
        ..Default::default()
    };
    let err = dir::search(&t.store, &unknown).await;
    assert_eq!(invalid_fields(err.expect_err("bad")), ["federation"]);
}

#[tokio::test]
async fn inactive_records_leave_the_default_search() {
    let t = open().await;
    let (_, person, _) = director(&t.store).await;
    dir::update_person(
        &t.store,
        person.id,
        &PersonInput {
            active: Some(false),
            ..person_input("Whitfield", "Anna")
        },
    )
    .await
    .expect("deactivated");
    let people = |include_inactive| DirectorySearch {
        text: "Whitfield".into(),
        kinds: vec![DirectoryKind::Person],
        include_inactive,
        ..Default::default()
    };
    assert!(found(&t.store, &people(false), "active").await.is_empty());
    assert_eq!(found(&t.store, &people(true), "all").await.len(), 1);
}

#[tokio::test]
async fn the_sample_directory_links_the_sample_events_trainers() {
    let t = open_with_sample().await;
    let linked: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM event_positions WHERE role = 'trainer' AND position_id IS NOT NULL",
    )
    .fetch_one(&t.store.pool)
    .await
    .expect("count");
    let free: i64 =
        sqlx::query_scalar("SELECT count(*) FROM event_positions WHERE position_id IS NULL")
            .fetch_one(&t.store.pool)
            .await
            .expect("count");
    assert!(linked > 150, "{linked} linked trainers");
    assert_eq!(free, 0);
    let orgs: i64 = sqlx::query_scalar("SELECT count(DISTINCT federation) FROM organizations")
        .fetch_one(&t.store.pool)
        .await
        .expect("n");
    assert_eq!(orgs, 6);
}

/// Organizations by name, in Tamarack (`true`) or Pathfinder, one transaction.
async fn insert_libraries(store: &Store, names: &[(String, bool)]) {
    let mut tx = store.write().await.expect("tx");
    for (name, tamarack) in names {
        let org = OrganizationInput {
            name: name.clone(),
            federation: Some(if *tamarack { "tamarack" } else { "pathfinder" }.into()),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        aspen_desk::store::directory::insert_org(&mut tx, &org, "test")
            .await
            .expect("org");
    }
    tx.commit().await.expect("commit");
}

/// Many matches walk the name order, few are looked up by id: both give the
/// first page in the same case-insensitive name order.
#[tokio::test]
async fn a_search_with_many_matches_lists_the_same_order_as_one_with_few() {
    let t = open().await;
    // Mixed case and numbers out of order: only a real sort gets it right.
    let mut names: Vec<(String, bool)> = (0..2_100)
        .map(|i| {
            let name = format!(
                "{} Headquarters Library {}",
                ["valley", "Valley"][i % 2],
                (i * 7919) % 10_000
            );
            (name, i % 2 == 0)
        })
        .collect();
    insert_libraries(&t.store, &names).await;
    names.sort_by_key(|(n, _)| n.to_lowercase());
    let titles = |search: DirectorySearch| {
        let store = &t.store;
        async move {
            dir::search(store, &search)
                .await
                .expect("search")
                .into_iter()
                .map(|h| h.title)
                .collect::<Vec<_>>()
        }
    };
    let orgs = vec![DirectoryKind::Organization];
    let by_text = |text: &str| DirectorySearch {
        text: text.into(),
        kinds: orgs.clone(),
        ..Default::default()
    };
    // 2,100 matches: the name order walked, asking the index about each
    // row; a word longer than its prefix lists walks keeping every match.
    let expected: Vec<String> = names.iter().take(50).map(|(n, _)| n.clone()).collect();
    assert_eq!(titles(by_text("valley")).await, expected);
    assert_eq!(titles(by_text("headquarters")).await, expected);
    // 150 libraries that do not match come first in name order: asking
    // the index finds no match in the first 100 rows, and the search runs
    // again keeping every match.
    let reading_rooms: Vec<(String, bool)> = (0..150)
        .map(|i| (format!("Aspen Reading Room {i}"), false))
        .collect();
    insert_libraries(&t.store, &reading_rooms).await;
    assert_eq!(titles(by_text("valley")).await, expected);
    // A federation filter: the matches looked up by id, then sorted.
    let filtered = titles(DirectorySearch {
        text: "valley".into(),
        kinds: orgs.clone(),
        federation: Some("tamarack".into()),
        ..Default::default()
    })
    .await;
    let expected: Vec<String> = names
        .iter()
        .filter(|(_, tamarack)| *tamarack)
        .take(50)
        .map(|(n, _)| n.clone())
        .collect();
    assert_eq!(filtered, expected);
    // One match: looked up by id.
    let one = &names[7].0;
    let few = titles(DirectorySearch {
        text: one.clone(),
        kinds: orgs,
        ..Default::default()
    })
    .await;
    assert!(few.contains(one), "{few:?}");
}

#[tokio::test]
async fn the_search_index_keeps_the_prefix_lists_the_plans_count_on() {
    let t = open().await;
    let sql: String =
        sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = 'directory_fts'")
            .fetch_one(&t.store.pool)
            .await
            .expect("index");
    let lengths: Vec<String> = (1..=aspen_desk::domain::search::INDEXED_PREFIX_CHARS)
        .map(|n| n.to_string())
        .collect();
    let declared = format!("prefix = '{}'", lengths.join(" "));
    assert!(sql.contains(&declared), "{declared} not in {sql}");
}

/// Merging the search index keeps every record findable, and changes after
/// it are indexed as before.
#[tokio::test]
async fn a_merged_search_index_finds_the_same_records() {
    let t = open().await;
    let names: Vec<(String, bool)> = (0..30)
        .map(|i| (format!("Glacier Library {i}"), i % 2 == 0))
        .collect();
    insert_libraries(&t.store, &names).await;
    let search = DirectorySearch {
        text: "glacier".into(),
        kinds: vec![DirectoryKind::Organization],
        ..Default::default()
    };
    let before = dir::search(&t.store, &search).await.expect("search");
    aspen_desk::store::directory::merge_search_index(&t.store)
        .await
        .expect("merged");
    // Twice: the second finds nothing to merge.
    aspen_desk::store::directory::merge_search_index(&t.store)
        .await
        .expect("merged again");
    let after = dir::search(&t.store, &search).await.expect("search");
    assert_eq!(before.len(), 30);
    assert_eq!(
        before.iter().map(|h| h.id).collect::<Vec<_>>(),
        after.iter().map(|h| h.id).collect::<Vec<_>>()
    );
    insert_libraries(&t.store, &[("Glacier Reading Room".into(), true)]).await;
    let later = dir::search(&t.store, &search).await.expect("search");
    assert_eq!(later.len(), 31);
}
