//! Guards: an organization may not become its own ancestor, and a person
//! something points at may not be deleted.

use super::*;

/// Refuses a parent that does not exist or that would make `id` its own ancestor.
pub(super) async fn check_parent(
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

/// What still points at a person, in words: the positions they hold, their
/// credit entries and enrollments (counted by the ledger's and the
/// certification's stores, which own those tables).
pub(super) async fn person_blockers(
    conn: &mut SqliteConnection,
    id: i64,
) -> AppResult<Vec<String>> {
    let held = positions_where(conn, "ps.person_id = ?", id).await?;
    let mut blockers: Vec<String> = held
        .iter()
        .map(|p| format!("position \"{}\"", p.display))
        .collect();
    let credits = crate::store::ledger::count_for_person(conn, id).await?;
    if credits > 0 {
        blockers.push(format!("{credits} credit entries in the ledger"));
    }
    let enrollments = crate::store::certification::count_for_person(conn, id).await?;
    if enrollments > 0 {
        blockers.push(format!("{enrollments} certification enrollments"));
    }
    Ok(blockers)
}
