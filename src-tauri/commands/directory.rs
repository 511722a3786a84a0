//! Directory operations, shared by the IPC and CLI adapters.

use crate::domain::directory::*;
use crate::domain::history::HistoryEntry;
use crate::error::{AppError, AppResult};
use crate::store::{self, directory as dir, Store};

/// `create_<record>`, `update_<record>` and `get_<record>` for one directory
/// record: validate the input, write it as the current actor, answer with
/// the record as stored.
macro_rules! record_commands {
    ($($record:ty, $input:ty: $create:ident, $update:ident, $get:ident;)*) => {$(
        pub async fn $create(store: &Store, input: &$input) -> AppResult<$record> {
            let draft = input.validate()?;
            let id = dir::$create(store, &draft, &store::current_actor()).await?;
            dir::$get(store, id).await
        }

        pub async fn $update(store: &Store, id: i64, input: &$input) -> AppResult<$record> {
            let draft = input.validate()?;
            dir::$update(store, id, &draft, &store::current_actor()).await?;
            dir::$get(store, id).await
        }

        pub async fn $get(store: &Store, id: i64) -> AppResult<$record> {
            dir::$get(store, id).await
        }
    )*};
}

record_commands! {
    Organization, OrganizationInput: create_org, update_org, get_org;
    Person, PersonInput: create_person, update_person, get_person;
    Position, PositionInput: create_position, update_position, get_position;
}

/// The person, or a refusal of `field` saying there is no such person.
pub async fn existing_person(store: &Store, field: &str, person_id: i64) -> AppResult<Person> {
    dir::get_person(store, person_id)
        .await
        .map_err(|_| AppError::invalid(field, format!("There is no person #{person_id}.")))
}

pub async fn delete_person(store: &Store, id: i64) -> AppResult<()> {
    dir::delete_person(store, id, &store::current_actor()).await
}

pub async fn search(store: &Store, search: &DirectorySearch) -> AppResult<Vec<DirectoryHit>> {
    dir::search(store, &search.plan()?).await
}

/// Page history of a directory record: "organization", "person" or "position".
pub async fn history(store: &Store, record_type: &str, id: i64) -> AppResult<Vec<HistoryEntry>> {
    if ![dir::ORG_RECORD, dir::PERSON_RECORD, dir::POSITION_RECORD].contains(&record_type) {
        return Err(AppError::invalid(
            "record_type",
            format!("\"{record_type}\" is not organization, person or position."),
        ));
    }
    store::history::list(&store.pool, record_type, id).await
}
