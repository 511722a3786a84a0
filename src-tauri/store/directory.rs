//! The library directory: organizations and their strategic goals, people,
//! positions, and the directory search index.

use super::{history, now_text, Store};
use crate::domain::directory::*;
use crate::domain::history::{diff, FieldChange};
use crate::error::{AppError, AppResult, FieldError};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

pub const ORG_RECORD: &str = "organization";
pub const PERSON_RECORD: &str = "person";
pub const POSITION_RECORD: &str = "position";

fn corrupt(what: &str, id: i64, value: &str) -> AppError {
    AppError::Io(format!(
        "{what} {id} has an unreadable value \"{value}\" in the database"
    ))
}

// ---------- organizations ----------

#[derive(sqlx::FromRow)]
struct OrgRow {
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

async fn goals(conn: &mut SqliteConnection, org_id: i64) -> AppResult<Vec<StrategicGoal>> {
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

async fn load_org(conn: &mut SqliteConnection, id: i64) -> AppResult<Option<OrganizationDraft>> {
    let row: Option<OrgRow> = sqlx::query_as(
        "SELECT name, org_type, parent_id, federation, address, phone, email, website, hours, active
         FROM organizations WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let goals = goals(conn, id).await?;
    Ok(Some(OrganizationDraft {
        org_type: OrgType::parse(&row.org_type)
            .ok_or_else(|| corrupt("organization", id, &row.org_type))?,
        federation: match row.federation {
            Some(f) => Some(Federation::parse(&f).ok_or_else(|| corrupt("organization", id, &f))?),
            None => None,
        },
        name: row.name,
        parent_id: row.parent_id,
        address: row.address,
        phone: row.phone,
        email: row.email,
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

async fn org_exists(conn: &mut SqliteConnection, id: i64) -> AppResult<bool> {
    Ok(
        sqlx::query_scalar::<_, i64>("SELECT id FROM organizations WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}

/// Refuses a parent that does not exist or that would make `id` its own ancestor.
async fn check_parent(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    parent_id: Option<i64>,
) -> AppResult<()> {
    let Some(parent) = parent_id else {
        return Ok(());
    };
    if !org_exists(conn, parent).await? {
        return Err(AppError::invalid(
            "parent_id",
            format!("There is no organization #{parent} to be the parent."),
        ));
    }
    let Some(id) = id else { return Ok(()) };
    let loop_found: Option<i64> = sqlx::query_scalar(
        "WITH RECURSIVE ancestors (id) AS (
             SELECT ? UNION SELECT o.parent_id FROM organizations o JOIN ancestors a ON o.id = a.id
             WHERE o.parent_id IS NOT NULL)
         SELECT id FROM ancestors WHERE id = ? LIMIT 1",
    )
    .bind(parent)
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    if loop_found.is_some() {
        return Err(AppError::invalid(
            "parent_id",
            "That parent would make this organization its own ancestor (a branch of its own branch).",
        ));
    }
    Ok(())
}

async fn write_org_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &OrganizationDraft,
) -> AppResult<i64> {
    let now = now_text();
    let sql = match id {
        None => "INSERT INTO organizations (name, org_type, parent_id, federation, address, phone, email, website, hours, active, updated_at, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Some(_) => "UPDATE organizations SET name = ?, org_type = ?, parent_id = ?, federation = ?, address = ?, phone = ?,
                    email = ?, website = ?, hours = ?, active = ?, updated_at = ? WHERE id = ?",
    };
    let q = sqlx::query(sql)
        .bind(&d.name)
        .bind(d.org_type.code())
        .bind(d.parent_id)
        .bind(d.federation.map(|f| f.code()))
        .bind(&d.address)
        .bind(&d.phone)
        .bind(&d.email)
        .bind(&d.website)
        .bind(&d.hours)
        .bind(d.active)
        .bind(&now);
    let done = match id {
        None => q.bind(&now).execute(&mut *conn).await?,
        Some(id) => q.bind(id).execute(&mut *conn).await?,
    };
    Ok(id.unwrap_or_else(|| done.last_insert_rowid()))
}

/// Saves the goal list: known ids are updated in place, new goals inserted,
/// goals left off the list retired (their ids stay valid for plans).
async fn write_goals(
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

async fn org_name(conn: &mut SqliteConnection, id: Option<i64>) -> AppResult<Option<String>> {
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
    history::record_creation(
        conn,
        ORG_RECORD,
        id,
        actor,
        ("Organization", "Created"),
        &record,
    )
    .await?;
    reindex_org(conn, id).await?;
    Ok(id)
}

pub async fn create_org(store: &Store, draft: &OrganizationDraft, actor: &str) -> AppResult<i64> {
    let mut tx = store.pool.begin().await?;
    let id = insert_org(&mut tx, draft, actor).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_org(
    store: &Store,
    id: i64,
    draft: &OrganizationDraft,
    actor: &str,
) -> AppResult<()> {
    let mut tx = store.pool.begin().await?;
    let old = load_org(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Organization {id}")))?;
    if draft.parent_id == Some(id) {
        return Err(AppError::invalid(
            "parent_id",
            "An organization cannot be its own parent.",
        ));
    }
    check_parent(&mut tx, Some(id), draft.parent_id).await?;
    write_org_row(&mut tx, Some(id), draft).await?;
    write_goals(&mut tx, id, &draft.strategic_goals).await?;
    let saved = load_org(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Organization {id}")))?;
    let before = OrganizationRecord {
        draft: &old,
        parent_name: org_name(&mut tx, old.parent_id).await?,
    };
    let after = OrganizationRecord {
        draft: &saved,
        parent_name: org_name(&mut tx, saved.parent_id).await?,
    };
    history::record(&mut tx, ORG_RECORD, id, actor, &diff(&before, &after)).await?;
    reindex_org(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn get_org(store: &Store, id: i64) -> AppResult<Organization> {
    let mut conn = store.pool.acquire().await?;
    let d = load_org(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Organization {id}")))?;
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
        phone: d.phone,
        email: d.email,
        website: d.website,
        hours: d.hours,
        active: d.active,
    })
}

// ---------- people ----------

async fn load_person(conn: &mut SqliteConnection, id: i64) -> AppResult<Option<PersonDraft>> {
    let row: Option<(String, String, String, String, bool)> = sqlx::query_as(
        "SELECT last_name, first_name, email, phone, active FROM people WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(
        |(last_name, first_name, email, phone, active)| PersonDraft {
            last_name,
            first_name,
            email,
            phone,
            active,
        },
    ))
}

async fn write_person_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &PersonDraft,
) -> AppResult<i64> {
    let now = now_text();
    let sql = match id {
        None => "INSERT INTO people (last_name, first_name, email, phone, active, updated_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        Some(_) => "UPDATE people SET last_name = ?, first_name = ?, email = ?, phone = ?, active = ?, updated_at = ? WHERE id = ?",
    };
    let q = sqlx::query(sql)
        .bind(&d.last_name)
        .bind(&d.first_name)
        .bind(&d.email)
        .bind(&d.phone)
        .bind(d.active)
        .bind(&now);
    let done = match id {
        None => q.bind(&now).execute(&mut *conn).await?,
        Some(id) => q.bind(id).execute(&mut *conn).await?,
    };
    Ok(id.unwrap_or_else(|| done.last_insert_rowid()))
}

pub async fn insert_person(
    conn: &mut SqliteConnection,
    draft: &PersonDraft,
    actor: &str,
) -> AppResult<i64> {
    let id = write_person_row(conn, None, draft).await?;
    history::record_creation(conn, PERSON_RECORD, id, actor, ("Person", "Created"), draft).await?;
    reindex_person(conn, id).await?;
    Ok(id)
}

pub async fn create_person(store: &Store, draft: &PersonDraft, actor: &str) -> AppResult<i64> {
    let mut tx = store.pool.begin().await?;
    let id = insert_person(&mut tx, draft, actor).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_person(
    store: &Store,
    id: i64,
    draft: &PersonDraft,
    actor: &str,
) -> AppResult<()> {
    let mut tx = store.pool.begin().await?;
    let old = load_person(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Person {id}")))?;
    let changes = diff(&old, draft);
    if changes.is_empty() {
        return Ok(());
    }
    write_person_row(&mut tx, Some(id), draft).await?;
    history::record(&mut tx, PERSON_RECORD, id, actor, &changes).await?;
    reindex_person(&mut tx, id).await?;
    // Their positions show their name.
    let held: Vec<i64> = sqlx::query_scalar("SELECT id FROM positions WHERE person_id = ?")
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
    for position in held {
        reindex_position(&mut tx, position).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn get_person(store: &Store, id: i64) -> AppResult<Person> {
    let mut conn = store.pool.acquire().await?;
    let d = load_person(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Person {id}")))?;
    let positions = positions_where(&mut conn, "ps.person_id = ?", id).await?;
    Ok(Person {
        id,
        display_name: format!("{}, {}", d.last_name, d.first_name),
        last_name: d.last_name,
        first_name: d.first_name,
        email: d.email,
        phone: d.phone,
        active: d.active,
        positions,
    })
}

/// Deletes a person nothing points at; otherwise says exactly what does.
/// Positions and credit entries point at people.
pub async fn delete_person(store: &Store, id: i64, actor: &str) -> AppResult<()> {
    let mut tx = store.pool.begin().await?;
    let person = load_person(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Person {id}")))?;
    let held = positions_where(&mut tx, "ps.person_id = ?", id).await?;
    let mut blockers: Vec<String> = held
        .iter()
        .map(|p| format!("position \"{}\"", p.display))
        .collect();
    let credits = super::ledger::count_for_person(&mut tx, id).await?;
    if credits > 0 {
        blockers.push(format!("{credits} credit entries in the ledger"));
    }
    let enrollments: i64 =
        sqlx::query_scalar("SELECT count(*) FROM enrollments WHERE person_id = ?")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
    if enrollments > 0 {
        blockers.push(format!("{enrollments} certification enrollments"));
    }
    if !blockers.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new(
            "person",
            format!(
                "{} {} cannot be deleted because these still point at them: {}. Deactivate them instead.",
                person.first_name,
                person.last_name,
                blockers.join(", ")
            ),
        )]));
    }
    sqlx::query("DELETE FROM people WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM directory_fts WHERE rowid = ?")
        .bind(DirectoryKind::Person.search_rowid(id))
        .execute(&mut *tx)
        .await?;
    history::record(
        &mut tx,
        PERSON_RECORD,
        id,
        actor,
        &[FieldChange::new(
            "Person",
            Some(format!("{}, {}", person.last_name, person.first_name)),
            Some("Deleted".into()),
        )],
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

// ---------- positions ----------

#[derive(sqlx::FromRow)]
struct PositionRow {
    id: i64,
    person_id: Option<i64>,
    last_name: Option<String>,
    first_name: Option<String>,
    organization_id: i64,
    organization_name: String,
    position_type: String,
    title: String,
    begin_date: Option<String>,
    end_date: Option<String>,
    email: String,
    phone: String,
    active: bool,
}

const POSITION_SELECT: &str = "SELECT ps.id, ps.person_id, p.last_name, p.first_name, ps.organization_id,
        o.name AS organization_name, ps.position_type, ps.title, ps.begin_date, ps.end_date, ps.email, ps.phone, ps.active
    FROM positions ps JOIN organizations o ON o.id = ps.organization_id LEFT JOIN people p ON p.id = ps.person_id";

/// Directors first, trustees last: the order a library's page lists its people.
const POSITION_RANK: &str =
    "CASE ps.position_type WHEN 'director' THEN 0 WHEN 'msl_staff' THEN 1 WHEN 'staff' THEN 2
    WHEN 'other' THEN 3 WHEN 'board_chair' THEN 4 ELSE 5 END";

fn to_position(r: PositionRow) -> Position {
    let position_type = PositionType::parse(&r.position_type).unwrap_or(PositionType::Other);
    let holder = match (&r.last_name, &r.first_name) {
        (Some(l), Some(f)) => Some((l.as_str(), f.as_str())),
        _ => None,
    };
    Position {
        display: position_display(holder, &r.title, &r.organization_name),
        person_name: holder.map(|(l, f)| format!("{l}, {f}")),
        id: r.id,
        person_id: r.person_id,
        organization_id: r.organization_id,
        organization_name: r.organization_name,
        position_type,
        position_type_label: position_type.label().into(),
        title: r.title,
        begin: r.begin_date,
        end: r.end_date,
        email: r.email,
        phone: r.phone,
        active: r.active,
    }
}

/// Positions matching one condition on `ps` (bound to `value`), current first.
async fn positions_where(
    conn: &mut SqliteConnection,
    condition: &str,
    value: i64,
) -> AppResult<Vec<Position>> {
    let rows: Vec<PositionRow> = sqlx::query_as(&format!(
        "{POSITION_SELECT} WHERE {condition} ORDER BY ps.active DESC, {POSITION_RANK}, p.last_name, ps.title"
    ))
    .bind(value)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(to_position).collect())
}

pub async fn load_position(conn: &mut SqliteConnection, id: i64) -> AppResult<Option<Position>> {
    Ok(positions_where(conn, "ps.id = ?", id)
        .await?
        .into_iter()
        .next())
}

fn draft_of(p: &Position) -> PositionDraft {
    PositionDraft {
        person_id: p.person_id,
        organization_id: p.organization_id,
        position_type: p.position_type,
        title: p.title.clone(),
        begin: p.begin.as_deref().and_then(|d| d.parse().ok()),
        end: p.end.as_deref().and_then(|d| d.parse().ok()),
        email: p.email.clone(),
        phone: p.phone.clone(),
        active: p.active,
    }
}

async fn check_position_links(conn: &mut SqliteConnection, d: &PositionDraft) -> AppResult<()> {
    let mut errors = Vec::new();
    if !org_exists(conn, d.organization_id).await? {
        errors.push(FieldError::new(
            "organization_id",
            format!("There is no organization #{}.", d.organization_id),
        ));
    }
    if let Some(person) = d.person_id {
        if load_person(conn, person).await?.is_none() {
            errors.push(FieldError::new(
                "person_id",
                format!("There is no person #{person}."),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Invalid(errors))
    }
}

async fn write_position_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &PositionDraft,
) -> AppResult<i64> {
    let now = now_text();
    let sql = match id {
        None => "INSERT INTO positions (person_id, organization_id, position_type, title, begin_date, end_date, email, phone, active, updated_at, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Some(_) => "UPDATE positions SET person_id = ?, organization_id = ?, position_type = ?, title = ?, begin_date = ?, end_date = ?,
                    email = ?, phone = ?, active = ?, updated_at = ? WHERE id = ?",
    };
    let q = sqlx::query(sql)
        .bind(d.person_id)
        .bind(d.organization_id)
        .bind(d.position_type.code())
        .bind(&d.title)
        .bind(d.begin.map(|x| x.to_string()))
        .bind(d.end.map(|x| x.to_string()))
        .bind(&d.email)
        .bind(&d.phone)
        .bind(d.active)
        .bind(&now);
    let done = match id {
        None => q.bind(&now).execute(&mut *conn).await?,
        Some(id) => q.bind(id).execute(&mut *conn).await?,
    };
    Ok(id.unwrap_or_else(|| done.last_insert_rowid()))
}

pub async fn insert_position(
    conn: &mut SqliteConnection,
    draft: &PositionDraft,
    actor: &str,
) -> AppResult<i64> {
    check_position_links(conn, draft).await?;
    let id = write_position_row(conn, None, draft).await?;
    let saved = load_position(conn, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Position {id}")))?;
    history::record_creation(
        conn,
        POSITION_RECORD,
        id,
        actor,
        ("Position", "Created"),
        &saved,
    )
    .await?;
    reindex_position(conn, id).await?;
    if let Some(person) = draft.person_id {
        reindex_person(conn, person).await?;
    }
    Ok(id)
}

pub async fn create_position(store: &Store, draft: &PositionDraft, actor: &str) -> AppResult<i64> {
    let mut tx = store.pool.begin().await?;
    let id = insert_position(&mut tx, draft, actor).await?;
    tx.commit().await?;
    Ok(id)
}

/// Edits a position; ending it keeps it, inactive.
pub async fn update_position(
    store: &Store,
    id: i64,
    draft: &PositionDraft,
    actor: &str,
) -> AppResult<()> {
    let mut tx = store.pool.begin().await?;
    let old = load_position(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Position {id}")))?;
    check_position_links(&mut tx, draft).await?;
    if draft_of(&old) == *draft {
        return Ok(());
    }
    write_position_row(&mut tx, Some(id), draft).await?;
    let saved = load_position(&mut tx, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Position {id}")))?;
    history::record(&mut tx, POSITION_RECORD, id, actor, &diff(&old, &saved)).await?;
    reindex_position(&mut tx, id).await?;
    for person in [old.person_id, draft.person_id].into_iter().flatten() {
        reindex_person(&mut tx, person).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The types of a person's active positions (the domain decides what they
/// make of the person, e.g. a trustee).
pub async fn active_position_types(store: &Store, person_id: i64) -> AppResult<Vec<PositionType>> {
    let codes: Vec<String> = sqlx::query_scalar(
        "SELECT position_type FROM positions WHERE person_id = ? AND active = 1",
    )
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?;
    Ok(codes
        .iter()
        .map(|code| PositionType::parse(code).unwrap_or(PositionType::Other))
        .collect())
}

pub async fn get_position(store: &Store, id: i64) -> AppResult<Position> {
    let mut conn = store.pool.acquire().await?;
    load_position(&mut conn, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("Position {id}")))
}

// ---------- search ----------

async fn write_search_row(
    conn: &mut SqliteConnection,
    rowid: i64,
    name: &str,
    details: &str,
) -> AppResult<()> {
    sqlx::query("DELETE FROM directory_fts WHERE rowid = ?")
        .bind(rowid)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO directory_fts (rowid, name, details) VALUES (?, ?, ?)")
        .bind(rowid)
        .bind(name)
        .bind(details)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// An organization's row, and those of its positions and their holders
/// (their search text includes the organization's name).
async fn reindex_org(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let Some(d) = load_org(conn, id).await? else {
        return Ok(());
    };
    let details = [
        d.org_type.label().to_string(),
        d.federation
            .map(|f| format!("{} Federation", f.label()))
            .unwrap_or_default(),
        d.address.clone(),
        d.email.clone(),
        d.website.clone().unwrap_or_default(),
    ]
    .join(" ");
    write_search_row(
        conn,
        DirectoryKind::Organization.search_rowid(id),
        &d.name,
        &details,
    )
    .await?;
    let positions: Vec<(i64, Option<i64>)> =
        sqlx::query_as("SELECT id, person_id FROM positions WHERE organization_id = ?")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    for (position, person) in positions {
        reindex_position(conn, position).await?;
        if let Some(person) = person {
            reindex_person(conn, person).await?;
        }
    }
    Ok(())
}

async fn reindex_person(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let Some(d) = load_person(conn, id).await? else {
        return Ok(());
    };
    let held = positions_where(conn, "ps.person_id = ?", id).await?;
    let mut details = vec![d.email.clone(), d.phone.clone()];
    details.extend(
        held.iter()
            .map(|p| format!("{} {}", p.title, p.organization_name)),
    );
    let name = format!(
        "{}, {} {} {}",
        d.last_name, d.first_name, d.first_name, d.last_name
    );
    write_search_row(
        conn,
        DirectoryKind::Person.search_rowid(id),
        &name,
        &details.join(" "),
    )
    .await
}

async fn reindex_position(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let Some(p) = load_position(conn, id).await? else {
        return Ok(());
    };
    let details = format!(
        "{} {} {}",
        p.position_type_label, p.email, p.organization_name
    );
    write_search_row(
        conn,
        DirectoryKind::Position.search_rowid(id),
        &p.display,
        &details,
    )
    .await
}

pub struct SearchFilters {
    pub fts: Option<String>,
    pub federation: Option<Federation>,
    pub org_type: Option<OrgType>,
    pub position_type: Option<PositionType>,
    pub kinds: Vec<DirectoryKind>,
    pub include_inactive: bool,
    pub limit: u32,
}

fn push_fts(
    q: &mut QueryBuilder<'_, Sqlite>,
    f: &SearchFilters,
    kind: DirectoryKind,
    id_column: &str,
) {
    if let Some(fts) = &f.fts {
        let offset = kind.search_rowid(0);
        q.push(format!(" AND ({id_column} * 4 + {offset}) IN (SELECT rowid FROM directory_fts WHERE directory_fts MATCH "))
            .push_bind(fts.clone())
            .push(")");
    }
}

fn push_org_filters(q: &mut QueryBuilder<'_, Sqlite>, f: &SearchFilters, alias: &str) {
    if let Some(fed) = f.federation {
        q.push(format!(" AND {alias}.federation = "))
            .push_bind(fed.code());
    }
    if let Some(t) = f.org_type {
        q.push(format!(" AND {alias}.org_type = "))
            .push_bind(t.code());
    }
}

fn wants(f: &SearchFilters, kind: DirectoryKind) -> bool {
    f.kinds.is_empty() || f.kinds.contains(&kind)
}

/// Organizations, then people, then positions, each alphabetical.
pub async fn search(store: &Store, f: &SearchFilters) -> AppResult<Vec<DirectoryHit>> {
    let mut hits = Vec::new();
    let limit = f.limit as i64;
    if wants(f, DirectoryKind::Organization) && f.position_type.is_none() {
        let mut q = QueryBuilder::new(
            "SELECT o.id, o.name, o.org_type, o.federation, o.address, o.active FROM organizations o WHERE 1 = 1",
        );
        push_fts(&mut q, f, DirectoryKind::Organization, "o.id");
        push_org_filters(&mut q, f, "o");
        if !f.include_inactive {
            q.push(" AND o.active = 1");
        }
        q.push(" ORDER BY o.name COLLATE NOCASE LIMIT ")
            .push_bind(limit);
        let rows: Vec<(i64, String, String, Option<String>, String, bool)> =
            q.build_query_as().fetch_all(&store.pool).await?;
        hits.extend(rows.into_iter().map(|(id, name, t, fed, address, active)| {
            let mut parts = vec![OrgType::parse(&t)
                .map(|t| t.label())
                .unwrap_or("Organization")
                .to_string()];
            if let Some(fed) = fed.as_deref().and_then(Federation::parse) {
                parts.push(format!("{} Federation", fed.label()));
            }
            if !address.is_empty() {
                parts.push(address);
            }
            DirectoryHit {
                kind: DirectoryKind::Organization,
                id,
                title: name,
                subtitle: parts.join(" · "),
                active,
            }
        }));
    }
    if wants(f, DirectoryKind::Person) {
        let mut q = QueryBuilder::new(
            "SELECT p.id, p.last_name, p.first_name, p.email, p.active,
                (SELECT ps.title || ' (' || o.name || ')' FROM positions ps JOIN organizations o ON o.id = ps.organization_id
                 WHERE ps.person_id = p.id AND ps.active = 1 ORDER BY ps.id LIMIT 1) AS current
             FROM people p WHERE 1 = 1",
        );
        push_fts(&mut q, f, DirectoryKind::Person, "p.id");
        if f.federation.is_some() || f.org_type.is_some() || f.position_type.is_some() {
            q.push(" AND EXISTS (SELECT 1 FROM positions ps JOIN organizations o ON o.id = ps.organization_id WHERE ps.person_id = p.id");
            push_org_filters(&mut q, f, "o");
            if let Some(t) = f.position_type {
                q.push(" AND ps.position_type = ").push_bind(t.code());
            }
            q.push(")");
        }
        if !f.include_inactive {
            q.push(" AND p.active = 1");
        }
        q.push(" ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT ")
            .push_bind(limit);
        let rows: Vec<(i64, String, String, String, bool, Option<String>)> =
            q.build_query_as().fetch_all(&store.pool).await?;
        hits.extend(
            rows.into_iter()
                .map(|(id, last, first, email, active, current)| DirectoryHit {
                    kind: DirectoryKind::Person,
                    id,
                    title: format!("{last}, {first}"),
                    subtitle: [current.unwrap_or_default(), email]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · "),
                    active,
                }),
        );
    }
    if wants(f, DirectoryKind::Position) {
        let mut q = QueryBuilder::new(format!("{POSITION_SELECT} WHERE 1 = 1"));
        push_fts(&mut q, f, DirectoryKind::Position, "ps.id");
        push_org_filters(&mut q, f, "o");
        if let Some(t) = f.position_type {
            q.push(" AND ps.position_type = ").push_bind(t.code());
        }
        if !f.include_inactive {
            q.push(" AND ps.active = 1");
        }
        q.push(" ORDER BY o.name COLLATE NOCASE, p.last_name COLLATE NOCASE, ps.title LIMIT ")
            .push_bind(limit);
        let rows: Vec<PositionRow> = q.build_query_as().fetch_all(&store.pool).await?;
        hits.extend(rows.into_iter().map(to_position).map(|p| DirectoryHit {
            kind: DirectoryKind::Position,
            id: p.id,
            subtitle: p.position_type_label.clone(),
            title: p.display,
            active: p.active,
        }));
    }
    Ok(hits)
}

/// The directory's display of positions, for event contacts and trainers.
pub async fn position_displays(
    conn: &mut SqliteConnection,
    ids: &[i64],
) -> AppResult<Vec<(i64, String)>> {
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(p) = load_position(conn, *id).await? {
            out.push((*id, p.display));
        }
    }
    Ok(out)
}
