//! The Strategic Track: plans, their documents, self-directed activities.

use super::today;
use crate::domain::field;
use crate::domain::ledger::{CreditEntry, CreditEntryInput, VerificationInput};
use crate::domain::plan::*;
use crate::domain::step::StepInput;
use crate::error::{AppError, AppResult};
use crate::store::{self, plans, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub async fn create(store: &Store, input: &PlanInput) -> AppResult<Plan> {
    let goals = input.validate()?;
    let id = plans::create(store, input.enrollment_id, &goals, &store::current_actor()).await?;
    plans::get(store, id).await
}

pub async fn update_goals(store: &Store, plan_id: i64, input: &PlanInput) -> AppResult<Plan> {
    let goals = input.validate()?;
    plans::update_goals(store, plan_id, &goals, &store::current_actor()).await?;
    plans::get(store, plan_id).await
}

/// A new draft version with the same goals; the old version stays readable.
pub async fn new_version(store: &Store, plan_id: i64) -> AppResult<Plan> {
    let old = plans::get(store, plan_id).await?;
    let goals: Vec<PlanGoalDraft> = old
        .goals
        .iter()
        .map(|g| PlanGoalDraft {
            strategic_goal_id: g.strategic_goal_id,
            objective: g.objective.clone(),
            activities: g.activities.clone(),
            evidence: g.evidence.clone(),
        })
        .collect();
    let id = plans::create(store, old.enrollment_id, &goals, &store::current_actor()).await?;
    plans::get(store, id).await
}

pub async fn show(store: &Store, plan_id: i64) -> AppResult<Plan> {
    plans::get(store, plan_id).await
}

pub async fn latest(store: &Store, enrollment_id: i64) -> AppResult<Option<Plan>> {
    match plans::latest(store, enrollment_id).await? {
        Some(id) => Ok(Some(plans::get(store, id).await?)),
        None => Ok(None),
    }
}

/// Submits, accepts or asks for a revision of a plan: `request` is what a
/// revision asks for.
pub async fn set_status(
    store: &Store,
    plan_id: i64,
    step: &StepInput,
    request: Option<&str>,
) -> AppResult<Plan> {
    // Every refused field at once: the step's, the request's, and the
    // review date (which needs a valid step).
    let mut errors = Vec::new();
    field::keep(&mut errors, field::text("request", request.unwrap_or("")));
    let step = match step.validate::<PlanStatus>(today()) {
        Ok(step) => step,
        Err(mut refused) => {
            refused.append(&mut errors);
            return Err(AppError::Invalid(refused));
        }
    };
    let submitted_on = plans::get(store, plan_id).await?.submitted_on;
    field::keep(
        &mut errors,
        check_review_date(step.status, step.date, today(), submitted_on),
    );
    AppError::unless_any(errors)?;
    let actor = store::current_actor();
    plans::set_status(store, plan_id, &step, request, &actor).await?;
    plans::get(store, plan_id).await
}

/// Uploads the plan document from a path (the file dialog, drag and drop and
/// the CLI all end here). PDF, DOCX or ODT by content, at most 25 MB.
pub async fn upload(store: &Store, plan_id: i64, path: &str) -> AppResult<Plan> {
    // Checked before the copy as well as in the write (the authority).
    check_takes_documents(plans::get(store, plan_id).await?.status)?;
    let files = store.files.clone();
    let source = std::path::PathBuf::from(path);
    let checked = tokio::task::spawn_blocking(move || -> AppResult<_> {
        let stored = files.import(&source, MAX_PLAN_BYTES, "path")?;
        let bytes = std::fs::read(files.path_of(&stored.sha256)).map_err(|e| AppError::io("cannot read the stored file", e))?;
        match document_kind(&bytes) {
            Some((_, media_type)) => Ok((stored, media_type)),
            None => {
                // The copy stays until the start-up sweep: never delete a blob inline.
                Err(AppError::invalid(
                    "path",
                    format!("{} is not a PDF, DOCX or ODT document (judged by its content, not its name).", stored.file_name),
                ))
            }
        }
    })
    .await
    .map_err(|e| AppError::Io(format!("file copy stopped: {e}")))??;
    plans::add_document(
        store,
        plan_id,
        &checked.0,
        checked.1,
        &store::current_actor(),
    )
    .await?;
    plans::get(store, plan_id).await
}

/// The bytes of a plan document, for the in-app PDF viewer.
pub async fn document_bytes(store: &Store, document_id: i64) -> AppResult<(Vec<u8>, String)> {
    let (sha, _, media_type) = plans::document(store, document_id).await?;
    let bytes = tokio::fs::read(store.files.path_of(&sha))
        .await
        .map_err(|e| AppError::io("cannot read the plan document", e))?;
    Ok((bytes, media_type))
}

/// A self-directed learning activity as typed or sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ActivityInput {
    #[ts(type = "number")]
    pub person_id: i64,
    pub title: String,
    pub description: String,
    #[ts(type = "number | null")]
    pub plan_goal_id: Option<i64>,
    pub date: String,
    pub end_date: Option<String>,
    /// Credits = hours, in 0.5 steps.
    pub hours: f64,
    pub learned: String,
    /// LA, LSP, CMTS or TECH (the Strategic Track has no minimums; LA by default).
    pub category: Option<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub verification: VerificationInput,
}

/// Logs a self-directed activity: a credit entry of kind self-directed.
pub async fn add_activity(store: &Store, input: &ActivityInput) -> AppResult<CreditEntry> {
    let entry = CreditEntryInput {
        person_id: input.person_id,
        kind: Some("self_directed".into()),
        title: input.title.clone(),
        date: input.date.clone(),
        end_date: input.end_date.clone(),
        category: input
            .category
            .clone()
            .filter(|c| !c.trim().is_empty())
            .unwrap_or_else(|| "LA".into()),
        credits: Some(input.hours),
        verification: input.verification.clone(),
        notes: Some(input.description.clone()),
        learned: Some(input.learned.clone()),
        plan_goal_id: input.plan_goal_id,
        ..Default::default()
    };
    super::ledger::add_credit(store, &entry)
        .await
        .map_err(|e| match e {
            // Activities speak of hours, not credits.
            AppError::Invalid(fields) => AppError::Invalid(
                fields
                    .into_iter()
                    .map(|mut f| {
                        if f.field == "credits" {
                            f.field = "hours".into();
                        }
                        f
                    })
                    .collect(),
            ),
            other => other,
        })
}

/// The strategic goals of the libraries where a person holds an active position.
#[derive(Debug, Serialize, TS)]
pub struct PersonGoal {
    #[ts(type = "number")]
    pub id: i64,
    pub text: String,
    pub organization_name: String,
}

pub async fn person_goals(store: &Store, person_id: i64) -> AppResult<Vec<PersonGoal>> {
    let rows = plans::person_goals(store, person_id).await?;
    Ok(rows
        .into_iter()
        .map(|(id, text, organization_name)| PersonGoal {
            id,
            text,
            organization_name,
        })
        .collect())
}

/// Writes the plan, as typed, to a PDF file.
pub async fn export_pdf(
    store: &Store,
    plan_id: i64,
    destination: &std::path::Path,
) -> AppResult<()> {
    crate::store::output::check_destination(destination, store.data_dir())?;
    let plan = plans::get(store, plan_id).await?;
    let bytes = crate::export::plan_pdf::render(&plan).map_err(AppError::Io)?;
    crate::store::output::write_bytes_atomic(destination, store.data_dir(), &bytes)
}

/// Copies an uploaded plan document to `destination` ("Save a copy").
pub async fn save_document_copy(
    store: &Store,
    document_id: i64,
    destination: &std::path::Path,
) -> AppResult<()> {
    let (sha, _, _) = plans::document(store, document_id).await?;
    store.files.export(&sha, destination)
}
