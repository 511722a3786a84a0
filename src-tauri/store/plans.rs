//! Professional development plans: versions, goals, review, documents.

use super::rows::{found, Stored};
use super::{history, now_text, Store};
use crate::domain::history::{list_value, FieldChange};
use crate::domain::plan::*;
use crate::domain::step::{Step, WorkflowStatus};
use crate::error::{AppError, AppResult, FieldError};
use chrono::NaiveDate;
use sqlx::SqliteConnection;

pub const RECORD_TYPE: &str = "plan";

/// The person and Strategic Track of an enrollment, or a message naming `field`.
async fn strategic_enrollment(
    conn: &mut SqliteConnection,
    enrollment_id: i64,
    field: &str,
) -> AppResult<i64> {
    let row: Option<(i64, bool)> = sqlx::query_as(
        "SELECT e.person_id, t.requires_plan FROM enrollments e JOIN tracks t ON t.code = e.track_code WHERE e.id = ?",
    )
    .bind(enrollment_id)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        None => Err(AppError::invalid(
            field,
            format!("There is no enrollment #{enrollment_id}."),
        )),
        Some((_, false)) => Err(AppError::invalid(
            field,
            "Plans belong to Strategic Track enrollments; this enrollment is on another track.",
        )),
        Some((person, true)) => Ok(person),
    }
}

/// Every goal must serve a current strategic goal of a library where the
/// person holds an active position.
async fn check_goals(
    conn: &mut SqliteConnection,
    person_id: i64,
    goals: &[PlanGoalDraft],
) -> AppResult<()> {
    let mut errors = Vec::new();
    for (i, goal) in goals.iter().enumerate() {
        let row: Option<(String, bool)> = sqlx::query_as(
            "SELECT o.name, EXISTS (SELECT 1 FROM positions p WHERE p.person_id = ? AND p.organization_id = o.id AND p.active = 1)
             FROM strategic_goals g JOIN organizations o ON o.id = g.organization_id
             WHERE g.id = ? AND g.retired_at IS NULL",
        )
        .bind(person_id)
        .bind(goal.strategic_goal_id)
        .fetch_optional(&mut *conn)
        .await?;
        let field = format!("goals[{i}].strategic_goal_id");
        match row {
            None => errors.push(FieldError::new(field, format!("There is no current strategic goal #{}.", goal.strategic_goal_id))),
            Some((library, false)) => errors.push(FieldError::new(
                field,
                format!("That is a strategic goal of {library}, not of a library where you hold a position."),
            )),
            Some(_) => {}
        }
    }
    AppError::unless_any(errors)
}

async fn write_goals(
    conn: &mut SqliteConnection,
    plan_id: i64,
    goals: &[PlanGoalDraft],
) -> AppResult<()> {
    crate::store::rows::run_for(conn, "DELETE FROM plan_goals WHERE plan_id = ?", plan_id).await?;
    let head = "INSERT INTO plan_goals (plan_id, position, strategic_goal_id, objective, activities, evidence) ";
    let rows: Vec<(i64, &PlanGoalDraft)> = (0..).zip(goals).collect();
    super::rows::insert_rows(conn, head, &rows, |mut row, (position, g)| {
        row.push_bind(plan_id)
            .push_bind(*position)
            .push_bind(g.strategic_goal_id)
            .push_bind(g.objective.as_str())
            .push_bind(g.activities.as_str())
            .push_bind(g.evidence.as_str());
    })
    .await
}

fn goals_text(goals: &[PlanGoalDraft]) -> String {
    list_value(goals.iter().map(|g| g.objective.as_str()))
}

/// Creates the next version of an enrollment's plan, as a draft.
pub async fn create(
    store: &Store,
    enrollment_id: i64,
    goals: &[PlanGoalDraft],
    actor: &str,
) -> AppResult<i64> {
    let mut tx = store.write().await?;
    let person = strategic_enrollment(&mut tx, enrollment_id, "enrollment_id").await?;
    check_goals(&mut tx, person, goals).await?;
    let version: i64 = sqlx::query_scalar(
        "SELECT coalesce(max(version), 0) + 1 FROM plans WHERE enrollment_id = ?",
    )
    .bind(enrollment_id)
    .fetch_one(&mut *tx)
    .await?;
    let now = now_text();
    let id = sqlx::query("INSERT INTO plans (enrollment_id, version, status, created_at, updated_at) VALUES (?, ?, 'draft', ?, ?)")
        .bind(enrollment_id)
        .bind(version)
        .bind(&now)
        .bind(&now)
        .execute(&mut *tx)
        .await?
        .last_insert_rowid();
    write_goals(&mut tx, id, goals).await?;
    let changes = [
        FieldChange::new("Plan", None, Some(format!("Version {version} created"))),
        FieldChange::new("Goals", None, Some(goals_text(goals))),
    ];
    history::record(&mut tx, RECORD_TYPE, id, actor, &changes).await?;
    tx.commit().await?;
    Ok(id)
}

fn stored(plan_id: i64) -> Stored<'static> {
    Stored {
        record: "plan",
        id: plan_id,
    }
}

async fn status_of(conn: &mut SqliteConnection, plan_id: i64) -> AppResult<(i64, PlanStatus)> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT enrollment_id, status FROM plans WHERE id = ?")
            .bind(plan_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (enrollment, status) = found(row, "Plan", plan_id)?;
    Ok((enrollment, stored(plan_id).choice("status", &status)?))
}

/// Rewrites a draft's goals.
pub async fn update_goals(
    store: &Store,
    plan_id: i64,
    goals: &[PlanGoalDraft],
    actor: &str,
) -> AppResult<()> {
    let mut tx = store.write().await?;
    let (enrollment, status) = status_of(&mut tx, plan_id).await?;
    if status != PlanStatus::Draft {
        return Err(AppError::invalid(
            "status",
            "Only a draft can be edited; start a new version instead.",
        ));
    }
    let person = strategic_enrollment(&mut tx, enrollment, "enrollment_id").await?;
    check_goals(&mut tx, person, goals).await?;
    let old: Vec<String> =
        sqlx::query_scalar("SELECT objective FROM plan_goals WHERE plan_id = ? ORDER BY position")
            .bind(plan_id)
            .fetch_all(&mut *tx)
            .await?;
    write_goals(&mut tx, plan_id, goals).await?;
    let change = [FieldChange::new(
        "Goals",
        Some(list_value(&old)),
        Some(goals_text(goals)),
    )];
    history::record(&mut tx, RECORD_TYPE, plan_id, actor, &change).await?;
    tx.commit().await?;
    Ok(())
}

/// Submits, accepts or asks for a revision of a plan.
pub async fn set_status(
    store: &Store,
    plan_id: i64,
    step: &Step<PlanStatus>,
    request: Option<&str>,
    actor: &str,
) -> AppResult<()> {
    let (next, by) = (step.status, step.by.as_deref());
    let mut tx = store.write().await?;
    let (_, current) = status_of(&mut tx, plan_id).await?;
    let goals = super::rows::count(
        &mut tx,
        "SELECT count(*) FROM plan_goals WHERE plan_id = ?",
        plan_id,
    )
    .await?;
    check_transition(current, next, goals as usize, by, request)?;
    let day = step.date.to_string();
    let sql = match next {
        PlanStatus::Submitted => "UPDATE plans SET status = ?, submitted_on = ?, updated_at = ? WHERE id = ?",
        PlanStatus::Accepted => "UPDATE plans SET status = ?, accepted_on = ?, accepted_by = ?, updated_at = ? WHERE id = ?",
        PlanStatus::RevisionRequested => "UPDATE plans SET status = ?, revision_request = ?, updated_at = ? WHERE id = ?",
        PlanStatus::Draft => "UPDATE plans SET status = ?, updated_at = ? WHERE id = ?",
    };
    let q = sqlx::query(sql).bind(next.code());
    let q = match next {
        PlanStatus::Submitted => q.bind(&day),
        PlanStatus::Accepted => q.bind(&day).bind(by.map(str::trim)),
        PlanStatus::RevisionRequested => q.bind(request.map(str::trim)),
        PlanStatus::Draft => q,
    };
    q.bind(now_text()).bind(plan_id).execute(&mut *tx).await?;
    let note = match next {
        PlanStatus::Accepted => format!("Accepted on {day} by {}", by.unwrap_or("").trim()),
        PlanStatus::RevisionRequested => {
            format!("Revision requested: {}", request.unwrap_or("").trim())
        }
        other => format!("{} on {day}", other.label()),
    };
    history::record(
        &mut tx,
        RECORD_TYPE,
        plan_id,
        actor,
        &[FieldChange::new(
            "Status",
            Some(current.label().into()),
            Some(note),
        )],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records an uploaded document, already in the file store, on a plan.
pub async fn add_document(
    store: &Store,
    plan_id: i64,
    file: &super::files::StoredFile,
    media_type: &str,
    actor: &str,
) -> AppResult<()> {
    let mut tx = store.write().await?;
    let (_, status) = status_of(&mut tx, plan_id).await?;
    check_takes_documents(status)?;
    crate::store::files::record(&mut tx, file).await?;
    sqlx::query("INSERT INTO plan_documents (plan_id, sha256, file_name, media_type, size, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(plan_id)
        .bind(&file.sha256)
        .bind(&file.file_name)
        .bind(media_type)
        .bind(file.size as i64)
        .bind(now_text())
        .execute(&mut *tx)
        .await?;
    let note = format!("Uploaded {}", file.file_name);
    history::note(&mut tx, RECORD_TYPE, plan_id, actor, "Documents", note).await?;
    tx.commit().await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct PlanRow {
    enrollment_id: i64,
    version: i64,
    status: String,
    submitted_on: Option<String>,
    accepted_on: Option<String>,
    accepted_by: Option<String>,
    revision_request: Option<String>,
}

pub async fn get(store: &Store, plan_id: i64) -> AppResult<Plan> {
    let mut conn = store.pool.acquire().await?;
    let row: Option<PlanRow> = sqlx::query_as(
        "SELECT enrollment_id, version, status, submitted_on, accepted_on, accepted_by, revision_request FROM plans WHERE id = ?",
    )
    .bind(plan_id)
    .fetch_optional(&mut *conn)
    .await?;
    let PlanRow {
        enrollment_id,
        version,
        status,
        submitted_on,
        accepted_on,
        accepted_by,
        revision_request,
    } = found(row, "Plan", plan_id)?;
    let goals: Vec<(i64, i64, String, String, String, String)> = sqlx::query_as(
        "SELECT pg.id, pg.strategic_goal_id, sg.text, pg.objective, pg.activities, pg.evidence
         FROM plan_goals pg JOIN strategic_goals sg ON sg.id = pg.strategic_goal_id WHERE pg.plan_id = ? ORDER BY pg.position",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let documents: Vec<(i64, String, String, i64, String, String)> = sqlx::query_as(
        "SELECT id, file_name, media_type, size, sha256, created_at FROM plan_documents WHERE plan_id = ? ORDER BY id",
    )
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let versions: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, version, status FROM plans WHERE enrollment_id = ? ORDER BY version",
    )
    .bind(enrollment_id)
    .fetch_all(&mut *conn)
    .await?;
    let status: PlanStatus = stored(plan_id).choice("status", &status)?;
    let versions = versions
        .into_iter()
        .map(|(id, version, s)| {
            Ok(PlanVersion {
                id,
                version,
                status: stored(id).choice("status", &s)?,
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(Plan {
        id: plan_id,
        enrollment_id,
        version,
        status,
        status_label: status.label().into(),
        next_statuses: status.next_statuses().to_vec(),
        submitted_on: stored(plan_id).optional("submitted on", submitted_on.as_deref())?,
        accepted_on: stored(plan_id).optional("accepted on", accepted_on.as_deref())?,
        accepted_by,
        revision_request,
        goals: goals
            .into_iter()
            .map(
                |(id, strategic_goal_id, strategic_goal_text, objective, activities, evidence)| {
                    PlanGoal {
                        id,
                        strategic_goal_id,
                        strategic_goal_text,
                        objective,
                        activities,
                        evidence,
                    }
                },
            )
            .collect(),
        documents: documents
            .into_iter()
            .map(
                |(id, file_name, media_type, size, sha256, uploaded_at)| PlanDocument {
                    id,
                    file_name,
                    media_type,
                    size,
                    sha256,
                    uploaded_at,
                },
            )
            .collect(),
        versions,
    })
}

/// The newest plan of an enrollment.
pub async fn latest(store: &Store, enrollment_id: i64) -> AppResult<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM plans WHERE enrollment_id = ? ORDER BY version DESC LIMIT 1",
    )
    .bind(enrollment_id)
    .fetch_optional(&store.pool)
    .await?)
}

/// When the enrollment's plan was first submitted.
pub async fn first_submitted_on(store: &Store, enrollment_id: i64) -> AppResult<Option<NaiveDate>> {
    let dates: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, submitted_on FROM plans WHERE enrollment_id = ?")
            .bind(enrollment_id)
            .fetch_all(&store.pool)
            .await?;
    let parsed = dates
        .iter()
        .map(|(plan_id, d)| stored(*plan_id).optional("submitted on", d.as_deref()))
        .collect::<AppResult<Vec<Option<NaiveDate>>>>()?;
    Ok(first_submission(&parsed))
}

/// Whether a plan goal belongs to one of the person's plans.
pub async fn goal_of_person(
    conn: &mut SqliteConnection,
    person_id: i64,
    plan_goal_id: i64,
) -> AppResult<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT pg.id FROM plan_goals pg JOIN plans p ON p.id = pg.plan_id JOIN enrollments e ON e.id = p.enrollment_id
         WHERE pg.id = ? AND e.person_id = ?",
    )
    .bind(plan_goal_id)
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

/// Documents of a plan: (sha256, file name, media type), for viewing.
/// The strategic goals (id, text, organization name) of the libraries where
/// a person holds an active position.
pub async fn person_goals(store: &Store, person_id: i64) -> AppResult<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT DISTINCT g.id, g.text, o.name FROM strategic_goals g JOIN organizations o ON o.id = g.organization_id
         JOIN positions p ON p.organization_id = o.id
         WHERE p.person_id = ? AND p.active = 1 AND g.retired_at IS NULL ORDER BY o.name, g.position",
    )
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?)
}

pub async fn document(store: &Store, document_id: i64) -> AppResult<(String, String, String)> {
    let row =
        sqlx::query_as("SELECT sha256, file_name, media_type FROM plan_documents WHERE id = ?")
            .bind(document_id)
            .fetch_optional(&store.pool)
            .await?;
    found(row, "Plan document", document_id)
}
