//! Directory operations, shared by the IPC and CLI adapters.

use crate::domain::directory::*;
use crate::domain::field::{self, keep};
use crate::domain::history::HistoryEntry;
use crate::domain::{
    search::{fts_query, prefixes_indexed},
    Choice,
};
use crate::error::{AppError, AppResult};
use crate::store::{self, directory as dir, Store};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
pub struct DirectoryOptions {
    pub federations: Vec<Choice>,
    pub org_types: Vec<Choice>,
    pub position_types: Vec<Choice>,
}

pub fn options() -> DirectoryOptions {
    DirectoryOptions {
        federations: Federation::options(),
        org_types: OrgType::options(),
        position_types: PositionType::options(),
    }
}

pub async fn create_org(store: &Store, input: &OrganizationInput) -> AppResult<Organization> {
    let draft = input.validate()?;
    let id = dir::create_org(store, &draft, &store::current_actor()).await?;
    dir::get_org(store, id).await
}

pub async fn update_org(
    store: &Store,
    id: i64,
    input: &OrganizationInput,
) -> AppResult<Organization> {
    let draft = input.validate()?;
    dir::update_org(store, id, &draft, &store::current_actor()).await?;
    dir::get_org(store, id).await
}

pub async fn get_org(store: &Store, id: i64) -> AppResult<Organization> {
    dir::get_org(store, id).await
}

pub async fn create_person(store: &Store, input: &PersonInput) -> AppResult<Person> {
    let draft = input.validate()?;
    let id = dir::create_person(store, &draft, &store::current_actor()).await?;
    dir::get_person(store, id).await
}

pub async fn update_person(store: &Store, id: i64, input: &PersonInput) -> AppResult<Person> {
    let draft = input.validate()?;
    dir::update_person(store, id, &draft, &store::current_actor()).await?;
    dir::get_person(store, id).await
}

pub async fn get_person(store: &Store, id: i64) -> AppResult<Person> {
    dir::get_person(store, id).await
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

pub async fn create_position(store: &Store, input: &PositionInput) -> AppResult<Position> {
    let draft = input.validate()?;
    let id = dir::create_position(store, &draft, &store::current_actor()).await?;
    dir::get_position(store, id).await
}

pub async fn update_position(store: &Store, id: i64, input: &PositionInput) -> AppResult<Position> {
    let draft = input.validate()?;
    dir::update_position(store, id, &draft, &store::current_actor()).await?;
    dir::get_position(store, id).await
}

pub async fn get_position(store: &Store, id: i64) -> AppResult<Position> {
    dir::get_position(store, id).await
}

pub async fn search(store: &Store, search: &DirectorySearch) -> AppResult<Vec<DirectoryHit>> {
    let mut errors = Vec::new();
    crate::domain::field::keep(
        &mut errors,
        crate::domain::field::query("query", &search.text),
    );
    let filters = dir::SearchFilters {
        fts: fts_query(&search.text),
        prefixes_indexed: prefixes_indexed(&search.text),
        federation: keep(
            &mut errors,
            field::filter::<Federation>("federation", search.federation.as_deref()),
        )
        .flatten(),
        org_type: keep(
            &mut errors,
            field::filter::<OrgType>("org_type", search.org_type.as_deref()),
        )
        .flatten(),
        position_type: keep(
            &mut errors,
            field::filter::<PositionType>("position_type", search.position_type.as_deref()),
        )
        .flatten(),
        kinds: search.kinds.clone(),
        include_inactive: search.include_inactive,
        limit: match search.limit {
            0 => 50,
            n => n.min(500),
        },
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    dir::search(store, &filters).await
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
