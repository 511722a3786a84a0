//! IPC for the library directory: organizations, people, positions.

use crate::commands::directory as dir;
use crate::domain::directory::{
    DirectoryHit, DirectorySearch, Organization, OrganizationInput, Person, PersonInput, Position,
    PositionInput,
};
use crate::domain::history::HistoryEntry;

thin_commands! {
    directory_search(store, search: DirectorySearch) -> Vec<DirectoryHit> {
        dir::search(&store, &search).await
    }
    org_get(store, id: i64) -> Organization { dir::get_org(&store, id).await }
    org_create(store, input: OrganizationInput) -> Organization {
        dir::create_org(&store, &input).await
    }
    org_update(store, id: i64, input: OrganizationInput) -> Organization {
        dir::update_org(&store, id, &input).await
    }
    person_get(store, id: i64) -> Person { dir::get_person(&store, id).await }
    person_create(store, input: PersonInput) -> Person { dir::create_person(&store, &input).await }
    person_update(store, id: i64, input: PersonInput) -> Person {
        dir::update_person(&store, id, &input).await
    }
    person_delete(store, id: i64) -> () { dir::delete_person(&store, id).await }
    position_get(store, id: i64) -> Position { dir::get_position(&store, id).await }
    position_create(store, input: PositionInput) -> Position {
        dir::create_position(&store, &input).await
    }
    position_update(store, id: i64, input: PositionInput) -> Position {
        dir::update_position(&store, id, &input).await
    }
    /// Page history of an organization, person or position.
    record_history(store, record_type: String, id: i64) -> Vec<HistoryEntry> {
        dir::history(&store, &record_type, id).await
    }
}
