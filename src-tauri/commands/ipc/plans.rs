//! IPC for the Strategic Track: plans, their documents, self-directed
//! activities.

use super::opened;
use crate::commands::plans::{self as pl, ActivityInput, PersonGoal};
use crate::domain::ledger::CreditEntry;
use crate::domain::plan::{Plan, PlanInput};
use crate::domain::step::StepInput;
use crate::picked::PickedFiles;
use tauri::State;

thin_commands! {
    person_goals(store, person_id: i64) -> Vec<PersonGoal> {
        pl::person_goals(&store, person_id).await
    }
    plan_create(store, input: PlanInput) -> Plan { pl::create(&store, &input).await }
    plan_update(store, id: i64, input: PlanInput) -> Plan {
        pl::update_goals(&store, id, &input).await
    }
    plan_new_version(store, id: i64) -> Plan { pl::new_version(&store, id).await }
    plan_get(store, id: i64) -> Plan { pl::show(&store, id).await }
    plan_latest(store, enrollment_id: i64) -> Option<Plan> {
        pl::latest(&store, enrollment_id).await
    }
    plan_set_status(store, id: i64, step: StepInput, request: Option<String>) -> Plan {
        pl::set_status(&store, id, &step, request.as_deref()).await
    }
    /// A plan document's bytes, for the in-app PDF viewer (raw, not JSON).
    plan_document_data(store, id: i64) -> tauri::ipc::Response {
        let (bytes, _) = pl::document_bytes(&store, id).await?;
        Ok(tauri::ipc::Response::new(bytes))
    }
    activity_add(store, input: ActivityInput) -> CreditEntry {
        pl::add_activity(&store, &input).await
    }
    /// The path-taking upload the file dialog, drag and drop and tests all use.
    plan_upload(store, picked: State<'_, PickedFiles>, id: i64, file: String) -> Plan {
        pl::upload(&store, id, &opened(&picked, &file)?.to_string_lossy()).await
    }
    /// Writes the plan, as typed, to a PDF at `destination`.
    plan_export_pdf(store, picked: State<'_, PickedFiles>, id: i64, destination: String)
        -> ()
    {
        pl::export_pdf(&store, id, &super::destination(&picked, &destination)?).await
    }
    plan_document_save_copy(
        store,
        picked: State<'_, PickedFiles>,
        id: i64,
        destination: String,
    ) -> () {
        pl::save_document_copy(&store, id, &super::destination(&picked, &destination)?).await
    }
}
