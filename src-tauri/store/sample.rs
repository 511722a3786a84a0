//! Loads the sample directory and catalog in one transaction, linking the
//! events' trainers to the directory's positions.

use super::events::{self, SearchRows};
use super::resources::ReadyResource;
use super::{directory, set_setting, Store};
use crate::domain::directory::{OrganizationDraft, PersonDraft, PositionDraft};
use crate::domain::event::EventDraft;
use crate::error::AppResult;
use std::collections::HashMap;

pub struct SampleOrg {
    pub org: OrganizationDraft,
    pub parent: Option<usize>,
    /// People with their position here (its organization and holder are filled in).
    pub staff: Vec<(PersonDraft, PositionDraft)>,
}

pub struct Loaded {
    pub organizations: usize,
    pub people: usize,
    pub events: usize,
}

pub async fn load(
    store: &Store,
    orgs: Vec<SampleOrg>,
    mut catalog: Vec<(EventDraft, Vec<ReadyResource>)>,
    actor: &str,
    setting: (&str, &str),
) -> AppResult<Loaded> {
    let note = "Loaded from the sample catalog";
    let mut tx = store.write().await?;
    // A second load racing the first (a double click) adds nothing.
    let loaded: Option<String> = sqlx::query_scalar("SELECT value FROM app_settings WHERE key = ?")
        .bind(setting.0)
        .fetch_optional(&mut *tx)
        .await?;
    if loaded.is_some() {
        return Ok(Loaded {
            organizations: 0,
            people: 0,
            events: 0,
        });
    }
    let mut org_ids: Vec<i64> = Vec::with_capacity(orgs.len());
    let mut people = 0;
    let mut position_ids: HashMap<String, i64> = HashMap::new();
    for sample in &orgs {
        let mut org = sample.org.clone();
        org.parent_id = sample.parent.and_then(|i| org_ids.get(i).copied());
        let org_id = directory::insert_org(&mut tx, &org, actor).await?;
        org_ids.push(org_id);
        for (person, position) in &sample.staff {
            let person_id = directory::insert_person(&mut tx, person, actor).await?;
            people += 1;
            let mut position = position.clone();
            position.organization_id = org_id;
            position.person_id = Some(person_id);
            let position_id = directory::insert_position(&mut tx, &position, actor).await?;
            if let Some(p) = directory::load_position(&mut tx, position_id).await? {
                position_ids.insert(p.display, position_id);
            }
        }
    }
    // Free-text trainers and contacts that name a directory position become links.
    for (draft, _) in &mut catalog {
        for entry in draft
            .details
            .trainer_positions
            .iter_mut()
            .chain(draft.details.contact_positions.iter_mut())
        {
            if entry.position_id.is_none() {
                entry.position_id = position_ids.get(&entry.text).copied();
            }
        }
    }
    let count = events::insert_many(&mut tx, &catalog, actor, note, SearchRows::Now)
        .await?
        .len();
    set_setting(&mut tx, setting.0, setting.1).await?;
    tx.commit().await?;
    Ok(Loaded {
        organizations: org_ids.len(),
        people,
        events: count,
    })
}
