//! Organizations and their strategic goals (kept by id, retired not deleted).

use super::*;
use crate::store::rows::found;

#[derive(sqlx::FromRow)]
pub(super) struct OrgRow {
    name: String,
    org_type: String,
    parent_id: Option<i64>,
    federation: Option<String>,
    address: String,
    phone: String,
    email: String,
    website: Option<String>,
    hours: String,
    active: bool,
}

pub(super) async fn goals(
    conn: &mut SqliteConnection,
    org_id: i64,
) -> AppResult<Vec<StrategicGoal>> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, text FROM strategic_goals WHERE organization_id = ? AND retired_at IS NULL ORDER BY position, id",
    )
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text)| StrategicGoal { id, text })
        .collect())
}

pub(super) async fn load_org(
    conn: &mut SqliteConnection,
    id: i64,
) -> AppResult<Option<OrganizationDraft>> {
    let row: Option<OrgRow> = sqlx::query_as(
        "SELECT name, org_type, parent_id, federation, address, phone, email, website, hours, active
         FROM organizations WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let goals = goals(conn, id).await?;
    let stored = Stored {
        record: "organization",
        id,
    };
    Ok(Some(OrganizationDraft {
        org_type: stored.choice("type", &row.org_type)?,
        federation: match row.federation {
            Some(f) => Some(stored.choice("federation", &f)?),
            None => None,
        },
        name: row.name,
        parent_id: row.parent_id,
        address: row.address,
        contact: Contact {
            email: row.email,
            phone: row.phone,
        },
        website: row.website,
        hours: row.hours,
        active: row.active,
        strategic_goals: goals
            .into_iter()
            .map(|g| GoalDraft {
                id: Some(g.id),
                text: g.text,
            })
            .collect(),
    }))
}

pub(super) async fn org_exists(conn: &mut SqliteConnection, id: i64) -> AppResult<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT id FROM organizations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}

pub(super) async fn write_org_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &OrganizationDraft,
) -> AppResult<i64> {
    crate::store::rows::upsert_row!(conn, "organizations", id, {
        "name" => &d.name,
        "org_type" => d.org_type.code(),
        "parent_id" => d.parent_id,
        "federation" => d.federation.map(|f| f.code()),
        "address" => &d.address,
        "phone" => &d.contact.phone,
        "email" => &d.contact.email,
        "website" => &d.website,
        "hours" => &d.hours,
        "active" => d.active,
    })
}

/// Saves the goal list: known ids are updated in place, new goals inserted,
/// goals left off the list retired (their ids stay valid for plans).
pub(super) async fn write_goals(
    conn: &mut SqliteConnection,
    org_id: i64,
    goals: &[GoalDraft],
) -> AppResult<()> {
    let existing: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM strategic_goals WHERE organization_id = ? AND retired_at IS NULL",
    )
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await?;
    for (i, goal) in goals.iter().enumerate() {
        match goal.id {
            Some(id) if existing.contains(&id) => {
                sqlx::query("UPDATE strategic_goals SET text = ?, position = ? WHERE id = ?")
                    .bind(&goal.text)
                    .bind(i as i64)
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
            Some(id) => {
                return Err(AppError::invalid(
                    format!("strategic_goals[{i}].id"),
                    format!("Goal #{id} is not one of this organization's goals."),
                ))
            }
            None => {
                sqlx::query("INSERT INTO strategic_goals (organization_id, position, text) VALUES (?, ?, ?)")
                    .bind(org_id)
                    .bind(i as i64)
                    .bind(&goal.text)
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    for id in existing
        .iter()
        .filter(|id| !goals.iter().any(|g| g.id == Some(**id)))
    {
        sqlx::query("UPDATE strategic_goals SET retired_at = ? WHERE id = ?")
            .bind(now_text())
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub(super) async fn org_name(
    conn: &mut SqliteConnection,
    id: Option<i64>,
) -> AppResult<Option<String>> {
    let Some(id) = id else { return Ok(None) };
    Ok(
        sqlx::query_scalar("SELECT name FROM organizations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?,
    )
}

pub async fn insert_org(
    conn: &mut SqliteConnection,
    draft: &OrganizationDraft,
    actor: &str,
) -> AppResult<i64> {
    check_parent(conn, None, draft.parent_id).await?;
    let id = write_org_row(conn, None, draft).await?;
    write_goals(conn, id, &draft.strategic_goals).await?;
    let record = OrganizationRecord {
        draft,
        parent_name: org_name(conn, draft.parent_id).await?,
    };
    record_created(conn, DirectoryKind::Organization, id, actor, &record).await?;
    Ok(id)
}

in_own_transaction!(create_org = insert_org(draft: &OrganizationDraft, actor: &str) -> i64);
in_own_transaction!(update_org = change_org(id: i64, draft: &OrganizationDraft, actor: &str) -> ());

pub(super) async fn change_org(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &OrganizationDraft,
    actor: &str,
) -> AppResult<()> {
    let old = found(load_org(conn, id).await?, "Organization", id)?;
    if draft.parent_id == Some(id) {
        return Err(AppError::invalid(
            "parent_id",
            "An organization cannot be its own parent.",
        ));
    }
    check_parent(conn, Some(id), draft.parent_id).await?;
    write_org_row(conn, Some(id), draft).await?;
    write_goals(conn, id, &draft.strategic_goals).await?;
    let saved = found(load_org(conn, id).await?, "Organization", id)?;
    let before = OrganizationRecord {
        draft: &old,
        parent_name: org_name(conn, old.parent_id).await?,
    };
    let after = OrganizationRecord {
        draft: &saved,
        parent_name: org_name(conn, saved.parent_id).await?,
    };
    history::record(conn, ORG_RECORD, id, actor, &diff(&before, &after)).await?;
    reindex_org(conn, id).await?;
    Ok(())
}

pub async fn get_org(store: &Store, id: i64) -> AppResult<Organization> {
    let mut conn = store.pool.acquire().await?;
    let d = found(load_org(&mut conn, id).await?, "Organization", id)?;
    let parent_name: Option<String> = match d.parent_id {
        Some(p) => {
            sqlx::query_scalar("SELECT name FROM organizations WHERE id = ?")
                .bind(p)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    let branches: Vec<(i64, String, String, bool)> = sqlx::query_as(
        "SELECT id, name, org_type, active FROM organizations WHERE parent_id = ? ORDER BY name",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let positions = positions_where(&mut conn, "ps.organization_id = ?", id).await?;
    Ok(Organization {
        id,
        org_type_label: d.org_type.label().into(),
        federation_label: d.federation.map(|f| format!("{} Federation", f.label())),
        strategic_goals: goals(&mut conn, id).await?,
        branches: branches
            .into_iter()
            .map(|(id, name, t, active)| OrganizationSummary {
                id,
                name,
                org_type_label: OrgType::parse(&t)
                    .map(|t| t.label())
                    .unwrap_or("Organization")
                    .into(),
                active,
            })
            .collect(),
        positions,
        parent_name,
        name: d.name,
        org_type: d.org_type,
        parent_id: d.parent_id,
        federation: d.federation,
        address: d.address,
        contact: d.contact,
        website: d.website,
        hours: d.hours,
        active: d.active,
    })
}
