//! People.

use super::*;
use crate::store::rows::found;

/// The refusal of `field` when the person does not exist (records that point
/// at a person ask here rather than read the directory's table).
pub async fn missing_person(
    conn: &mut SqliteConnection,
    field: &str,
    person_id: i64,
) -> AppResult<Option<FieldError>> {
    Ok(load_person(conn, person_id)
        .await?
        .is_none()
        .then(|| FieldError::new(field, format!("There is no person #{person_id}."))))
}

pub(super) async fn load_person(
    conn: &mut SqliteConnection,
    id: i64,
) -> AppResult<Option<PersonDraft>> {
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
            contact: Contact { email, phone },
            active,
        },
    ))
}

pub(super) async fn write_person_row(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    d: &PersonDraft,
) -> AppResult<i64> {
    crate::store::rows::upsert_row!(conn, "people", id, {
        "last_name" => &d.last_name,
        "first_name" => &d.first_name,
        "email" => &d.contact.email,
        "phone" => &d.contact.phone,
        "active" => d.active,
    })
}

pub async fn insert_person(
    conn: &mut SqliteConnection,
    draft: &PersonDraft,
    actor: &str,
) -> AppResult<i64> {
    let id = write_person_row(conn, None, draft).await?;
    record_created(conn, DirectoryKind::Person, id, actor, draft).await?;
    Ok(id)
}

in_own_transaction!(create_person = insert_person(draft: &PersonDraft, actor: &str) -> i64);
in_own_transaction!(update_person = change_person(id: i64, draft: &PersonDraft, actor: &str) -> ());

pub(super) async fn change_person(
    conn: &mut SqliteConnection,
    id: i64,
    draft: &PersonDraft,
    actor: &str,
) -> AppResult<()> {
    let old = found(load_person(conn, id).await?, "Person", id)?;
    let changes = diff(&old, draft);
    if changes.is_empty() {
        return Ok(());
    }
    write_person_row(conn, Some(id), draft).await?;
    history::record(conn, PERSON_RECORD, id, actor, &changes).await?;
    reindex_person(conn, id).await?;
    // Their positions show their name.
    let held: Vec<i64> = sqlx::query_scalar("SELECT id FROM positions WHERE person_id = ?")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    for position in held {
        reindex_position(conn, position).await?;
    }
    Ok(())
}

pub async fn get_person(store: &Store, id: i64) -> AppResult<Person> {
    let mut conn = store.pool.acquire().await?;
    let d = found(load_person(&mut conn, id).await?, "Person", id)?;
    let positions = positions_where(&mut conn, "ps.person_id = ?", id).await?;
    Ok(Person {
        id,
        display_name: format!("{}, {}", d.last_name, d.first_name),
        details: d,
        positions,
    })
}

/// Deletes a person nothing points at; otherwise says exactly what does
/// (see `guards::person_blockers`).
pub async fn delete_person(store: &Store, id: i64, actor: &str) -> AppResult<()> {
    let mut tx = store.write().await?;
    let person = found(load_person(&mut tx, id).await?, "Person", id)?;
    let blockers = person_blockers(&mut tx, id).await?;
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
    crate::store::rows::run_for(&mut tx, "DELETE FROM people WHERE id = ?", id).await?;
    // Whoever was "who am I" is gone: the app asks again rather than point
    // at nobody.
    sqlx::query("DELETE FROM app_settings WHERE key = ? AND value = ?")
        .bind(crate::store::CURRENT_PERSON_SETTING)
        .bind(id.to_string())
        .execute(&mut *tx)
        .await?;
    crate::store::rows::run_for(
        &mut tx,
        "DELETE FROM directory_fts WHERE rowid = ?",
        DirectoryKind::Person.search_rowid(id),
    )
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
