//! Positions: a person's role at an organization (never deleted; ended = inactive).

use super::*;
use crate::store::rows::found;

#[derive(sqlx::FromRow)]
pub(super) struct PositionRow {
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

/// The columns of a `PositionRow`, from `ps` (positions), `o` and `p`.
macro_rules! position_columns {
    () => {
        "SELECT ps.id, ps.person_id, p.last_name, p.first_name, ps.organization_id,
        o.name AS organization_name, ps.position_type, ps.title, ps.begin_date, ps.end_date, ps.email, ps.phone, ps.active"
    };
}

pub(super) const POSITION_SELECT: &str = concat!(
    position_columns!(),
    " FROM positions ps JOIN organizations o ON o.id = ps.organization_id LEFT JOIN people p ON p.id = ps.person_id"
);

/// `POSITION_SELECT` walking the organizations in name order (their index)
/// and each one's positions: the directory's list order, read without
/// sorting every position. `CROSS JOIN` keeps SQLite from reordering it.
pub(super) const POSITION_SELECT_BY_ORG_NAME: &str = concat!(
    position_columns!(),
    " FROM organizations o CROSS JOIN positions ps ON ps.organization_id = o.id LEFT JOIN people p ON p.id = ps.person_id"
);

/// Directors first, trustees last: the order a library's page lists its people.
pub(super) const POSITION_RANK: &str =
    "CASE ps.position_type WHEN 'director' THEN 0 WHEN 'msl_staff' THEN 1 WHEN 'staff' THEN 2
    WHEN 'other' THEN 3 WHEN 'board_chair' THEN 4 ELSE 5 END";

pub(super) fn to_position(r: PositionRow) -> AppResult<Position> {
    let stored = Stored {
        record: "position",
        id: r.id,
    };
    let position_type: PositionType = stored.choice("position type", &r.position_type)?;
    let holder = match (&r.last_name, &r.first_name) {
        (Some(l), Some(f)) => Some((l.as_str(), f.as_str())),
        _ => None,
    };
    Ok(Position {
        display: position_display(holder, &r.title, &r.organization_name),
        person_name: holder.map(|(l, f)| format!("{l}, {f}")),
        id: r.id,
        organization_name: r.organization_name,
        position_type_label: position_type.label().into(),
        details: PositionDraft {
            person_id: r.person_id,
            organization_id: r.organization_id,
            position_type,
            title: r.title,
            begin: stored.optional("begin date", r.begin_date.as_deref())?,
            end: stored.optional("end date", r.end_date.as_deref())?,
            contact: Contact {
                email: r.email,
                phone: r.phone,
            },
            active: r.active,
        },
    })
}

/// Positions matching one condition on `ps` (bound to `value`), current first.
pub(super) async fn positions_where(
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
    rows.into_iter().map(to_position).collect()
}

pub async fn load_position(conn: &mut SqliteConnection, id: i64) -> AppResult<Option<Position>> {
    Ok(positions_where(conn, "ps.id = ?", id)
        .await?
        .into_iter()
        .next())
}

pub(super) async fn check_position_links(
    conn: &mut SqliteConnection,
    d: &PositionDraft,
) -> AppResult<()> {
    let mut errors = Vec::new();
    if !org_exists(conn, d.organization_id).await? {
        errors.push(FieldError::new(
            "organization_id",
            format!("There is no organization #{}.", d.organization_id),
        ));
    }
    if let Some(person) = d.person_id {
        errors.extend(missing_person(conn, "person_id", person).await?);
    }
    AppError::unless_any(errors)
}

pub(super) async fn write_position_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &PositionDraft,
) -> AppResult<i64> {
    crate::store::rows::upsert_row!(conn, "positions", id, {
        "person_id" => d.person_id,
        "organization_id" => d.organization_id,
        "position_type" => d.position_type.code(),
        "title" => &d.title,
        "begin_date" => d.begin.map(|x| x.to_string()),
        "end_date" => d.end.map(|x| x.to_string()),
        "email" => &d.contact.email,
        "phone" => &d.contact.phone,
        "active" => d.active,
    })
}

pub async fn insert_position(
    conn: &mut SqliteConnection,
    draft: &PositionDraft,
    actor: &str,
) -> AppResult<i64> {
    check_position_links(conn, draft).await?;
    let id = write_position_row(conn, None, draft).await?;
    let saved = found(load_position(conn, id).await?, "Position", id)?;
    record_created(conn, DirectoryKind::Position, id, actor, &saved).await?;
    if let Some(person) = draft.person_id {
        reindex_person(conn, person).await?;
    }
    Ok(id)
}

in_own_transaction!(create_position = insert_position(draft: &PositionDraft, actor: &str) -> i64);
in_own_transaction!(
    /// Edits a position; ending it keeps it, inactive.
    update_position = change_position(id: i64, draft: &PositionDraft, actor: &str) -> ());

pub(super) async fn change_position(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &PositionDraft,
    actor: &str,
) -> AppResult<()> {
    let old = found(load_position(conn, id).await?, "Position", id)?;
    check_position_links(conn, draft).await?;
    if old.details == *draft {
        return Ok(());
    }
    write_position_row(conn, Some(id), draft).await?;
    let saved = found(load_position(conn, id).await?, "Position", id)?;
    history::record(conn, POSITION_RECORD, id, actor, &diff(&old, &saved)).await?;
    reindex_position(conn, id).await?;
    for person in [old.details.person_id, draft.person_id]
        .into_iter()
        .flatten()
    {
        reindex_person(conn, person).await?;
    }
    Ok(())
}

/// The types of a person's active positions (the domain decides what they
/// make of the person, e.g. a trustee).
pub async fn active_position_types(store: &Store, person_id: i64) -> AppResult<Vec<PositionType>> {
    let codes: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, position_type FROM positions WHERE person_id = ? AND active = 1",
    )
    .bind(person_id)
    .fetch_all(&store.pool)
    .await?;
    codes
        .iter()
        .map(|(id, code)| {
            let stored = Stored {
                record: "position",
                id: *id,
            };
            stored.choice("position type", code)
        })
        .collect()
}

pub async fn get_position(store: &Store, id: i64) -> AppResult<Position> {
    let mut conn = store.pool.acquire().await?;
    found(load_position(&mut conn, id).await?, "Position", id)
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
