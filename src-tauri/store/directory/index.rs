//! The directory search index (`rowid = id * 4 + kind`), kept in step with
//! every change, and the search over it.

use super::*;

pub(super) async fn write_search_row(
    conn: &mut SqliteConnection,
    rowid: i64,
    name: &str,
    details: &str,
) -> AppResult<()> {
    crate::store::rows::run_for(conn, "DELETE FROM directory_fts WHERE rowid = ?", rowid).await?;
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
pub(super) async fn reindex_org(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let Some(d) = load_org(conn, id).await? else {
        return Ok(());
    };
    let details = [
        d.org_type.label().to_string(),
        d.federation
            .map(|f| format!("{} Federation", f.label()))
            .unwrap_or_default(),
        d.address.clone(),
        d.contact.email.clone(),
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

pub(super) async fn reindex_person(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let Some(d) = load_person(conn, id).await? else {
        return Ok(());
    };
    let held = positions_where(conn, "ps.person_id = ?", id).await?;
    let mut details = vec![d.contact.email.clone(), d.contact.phone.clone()];
    details.extend(
        held.iter()
            .map(|p| format!("{} {}", p.details.title, p.organization_name)),
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

pub(super) async fn reindex_position(conn: &mut SqliteConnection, id: i64) -> AppResult<()> {
    let Some(p) = load_position(conn, id).await? else {
        return Ok(());
    };
    let details = format!(
        "{} {} {}",
        p.position_type_label, p.details.contact.email, p.organization_name
    );
    write_search_row(
        conn,
        DirectoryKind::Position.search_rowid(id),
        &p.display,
        &details,
    )
    .await
}

/// Merges the search index into one segment (FTS5 `optimize`). Each write
/// adds a small segment, and a search reads every segment: on the directory
/// benchmark a walk asking the index about each row costs four times as much
/// over the segments 45,000 writes leave as over one. Run as a launch chore:
/// with nothing written since the last merge it returns at once; after
/// writes it rewrites the index (about 150 ms at 45,000 records).
pub async fn merge_search_index(store: &Store) -> AppResult<()> {
    let mut tx = store.write().await?;
    sqlx::query("INSERT INTO directory_fts (directory_fts) VALUES ('optimize')")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Below this many text matches of one kind a search looks the matches up
/// by id and sorts them; at it, it walks the name order (measured on the
/// directory benchmark: about where the two cross).
const LOOKUP_LIMIT: i64 = 2_000;

/// How a search reads one kind's rows.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Plan {
    /// Each text match looked up by id, then sorted: few matches, or
    /// filters that would reject most rows of a walk.
    LookUpMatches,
    /// The name order walked, keeping the rows in the set of every match
    /// (or every row, with no text). Reading the set costs about a third
    /// of a microsecond a match, whatever the order.
    WalkKeepingMatches,
    /// The name order walked, asking the index about each row's rowid (a
    /// seek in the word's prefix list, 15 to 35 µs), within the first
    /// `2 * limit` rows only: a word in most records fills the page long
    /// before that, with no set to build. When the page is not full the
    /// search runs again as `WalkKeepingMatches`, so a word whose matches
    /// all sit late in the name order costs that bound and no more.
    WalkAskingIndex,
}

/// Chooses how to read one kind: its text matches are counted (up to
/// `LOOKUP_LIMIT`) to tell few from many.
async fn plan_for(
    conn: &mut SqliteConnection,
    f: &DirectoryFilters,
    kind: DirectoryKind,
) -> AppResult<Plan> {
    let Some(fts) = &f.fts else {
        return Ok(Plan::WalkKeepingMatches);
    };
    if f.federation.is_some() || f.org_type.is_some() || f.position_type.is_some() {
        return Ok(Plan::LookUpMatches);
    }
    let matches: i64 = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM (SELECT 1 FROM directory_fts WHERE directory_fts MATCH ?
         AND (rowid & 3) = {} LIMIT {LOOKUP_LIMIT})",
        kind.search_rowid(0)
    ))
    .bind(fts)
    .fetch_one(&mut *conn)
    .await?;
    Ok(if matches < LOOKUP_LIMIT {
        Plan::LookUpMatches
    } else if f.prefixes_indexed {
        Plan::WalkAskingIndex
    } else {
        Plan::WalkKeepingMatches
    })
}

/// Builds one kind's page for a plan (the statement, nothing run).
type PageQuery = for<'f> fn(&'f DirectoryFilters, Plan) -> QueryBuilder<'f, Sqlite>;

/// Reads one kind's page on a connection of its own (nothing when the
/// search does not list that kind): its plan, the page, and, when a
/// `WalkAskingIndex` comes back short, the page again keeping the matches
/// (see `Plan`).
async fn page_of<T>(
    store: &Store,
    f: &DirectoryFilters,
    kind: DirectoryKind,
    query: PageQuery,
) -> AppResult<Vec<T>>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
{
    if !lists(f, kind) {
        return Ok(Vec::new());
    }
    let mut conn = store.pool.acquire().await?;
    let plan = plan_for(&mut conn, f, kind).await?;
    let rows: Vec<T> = query(f, plan)
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
    if plan == Plan::WalkAskingIndex && rows.len() < f.limit as usize {
        let mut again = query(f, Plan::WalkKeepingMatches);
        return Ok(again.build_query_as().fetch_all(&mut *conn).await?);
    }
    Ok(rows)
}

/// Where a kind's walk in name order starts its sort: the column leading
/// the ORDER BY, and the statement listing that column in walk order
/// (`WalkAskingIndex` reads its bound from it).
pub(super) struct WalkOrder {
    pub leading: &'static str,
    pub listed: &'static str,
}

const ORGANIZATIONS_IN_ORDER: WalkOrder = WalkOrder {
    leading: "o.name",
    listed: "SELECT name FROM organizations ORDER BY name COLLATE NOCASE",
};
const PEOPLE_IN_ORDER: WalkOrder = WalkOrder {
    leading: "p.last_name",
    listed:
        "SELECT last_name FROM people ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE",
};
const POSITIONS_IN_ORDER: WalkOrder = WalkOrder {
    leading: "o.name",
    listed: "SELECT o.name FROM organizations o CROSS JOIN positions ps ON ps.organization_id = o.id ORDER BY o.name COLLATE NOCASE",
};

/// Keeps the rows whose search row matches (`rowid = id * 4 + kind`).
/// Looking up, each match's rowid turned back into an id (`rowid >> 2`) is
/// one primary-key search; walking, the `+` keeps SQLite on the name order
/// and the matches become one set to test each row against; asking the
/// index, each row's own rowid is sought, below the bound (whose range
/// keeps the walk on its index and ends it there; past the last row,
/// U+10FFFF stands for "no bound").
pub(super) fn push_fts(
    q: &mut QueryBuilder<'_, Sqlite>,
    f: &DirectoryFilters,
    kind: DirectoryKind,
    id_column: &str,
    plan: Plan,
    order: &WalkOrder,
) {
    let Some(fts) = &f.fts else {
        return;
    };
    let offset = kind.search_rowid(0);
    match plan {
        Plan::LookUpMatches | Plan::WalkKeepingMatches => {
            let walk = if plan == Plan::WalkKeepingMatches {
                "+"
            } else {
                ""
            };
            q.push(format!(
                " AND {walk}{id_column} IN (SELECT rowid >> 2 FROM directory_fts WHERE directory_fts MATCH "
            ))
            .push_bind(fts.clone())
            .push(format!(" AND (rowid & 3) = {offset})"));
        }
        Plan::WalkAskingIndex => {
            q.push(format!(
                " AND {} COLLATE NOCASE <= coalesce(({} LIMIT 1 OFFSET ",
                order.leading, order.listed
            ))
            .push_bind(i64::from(f.limit) * 2)
            .push("), char(1114111))")
            .push(" AND EXISTS (SELECT 1 FROM directory_fts WHERE directory_fts MATCH ")
            .push_bind(fts.clone())
            .push(format!(" AND rowid = {id_column} * 4 + {offset})"));
        }
    }
}

pub(super) fn push_org_filters(
    q: &mut QueryBuilder<'_, Sqlite>,
    f: &DirectoryFilters,
    alias: &str,
) {
    if let Some(fed) = f.federation {
        q.push(format!(" AND {alias}.federation = "))
            .push_bind(fed.code());
    }
    if let Some(t) = f.org_type {
        q.push(format!(" AND {alias}.org_type = "))
            .push_bind(t.code());
    }
}

/// Whether a search lists this kind: asked for, and (organizations) not
/// ruled out by a position-type filter.
fn lists(f: &DirectoryFilters, kind: DirectoryKind) -> bool {
    let asked = f.kinds.is_empty() || f.kinds.contains(&kind);
    asked && !(kind == DirectoryKind::Organization && f.position_type.is_some())
}

type OrgRow = (i64, String, String, Option<String>, String, bool);
type PersonRow = (i64, String, String, String, bool, Option<String>);

fn organizations_page(f: &DirectoryFilters, plan: Plan) -> QueryBuilder<'_, Sqlite> {
    let mut q = QueryBuilder::new(
        "SELECT o.id, o.name, o.org_type, o.federation, o.address, o.active FROM organizations o WHERE 1 = 1",
    );
    push_fts(
        &mut q,
        f,
        DirectoryKind::Organization,
        "o.id",
        plan,
        &ORGANIZATIONS_IN_ORDER,
    );
    push_org_filters(&mut q, f, "o");
    if !f.include_inactive {
        q.push(" AND o.active = 1");
    }
    q.push(" ORDER BY o.name COLLATE NOCASE LIMIT ")
        .push_bind(i64::from(f.limit));
    q
}

/// Each person with their current position. Looking matches up sorts them
/// all, and SQLite would look the position up for every match it sorts: so
/// then the page of people comes first, and their positions for that page
/// only. A walk in name order stops at the page, so it needs no such step.
fn people_page(f: &DirectoryFilters, plan: Plan) -> QueryBuilder<'_, Sqlite> {
    const CURRENT: &str = "(SELECT ps.title || ' (' || o.name || ')' FROM positions ps
        JOIN organizations o ON o.id = ps.organization_id
        WHERE ps.person_id = p.id AND ps.active = 1 ORDER BY ps.id LIMIT 1)";
    let page_first = plan == Plan::LookUpMatches;
    let mut q = QueryBuilder::new(if page_first {
        "WITH page AS MATERIALIZED (SELECT p.id, p.last_name, p.first_name, p.email, p.active FROM people p WHERE 1 = 1".to_string()
    } else {
        format!("SELECT p.id, p.last_name, p.first_name, p.email, p.active, {CURRENT} AS current FROM people p WHERE 1 = 1")
    });
    push_fts(
        &mut q,
        f,
        DirectoryKind::Person,
        "p.id",
        plan,
        &PEOPLE_IN_ORDER,
    );
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
        .push_bind(i64::from(f.limit));
    if page_first {
        q.push(format!(
            ") SELECT p.*, {CURRENT} AS current FROM page p
             ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE"
        ));
    }
    q
}

fn positions_page(f: &DirectoryFilters, plan: Plan) -> QueryBuilder<'_, Sqlite> {
    let select = match plan {
        Plan::LookUpMatches => POSITION_SELECT,
        Plan::WalkKeepingMatches | Plan::WalkAskingIndex => POSITION_SELECT_BY_ORG_NAME,
    };
    let mut q = QueryBuilder::new(format!("{select} WHERE 1 = 1"));
    push_fts(
        &mut q,
        f,
        DirectoryKind::Position,
        "ps.id",
        plan,
        &POSITIONS_IN_ORDER,
    );
    push_org_filters(&mut q, f, "o");
    if let Some(t) = f.position_type {
        q.push(" AND ps.position_type = ").push_bind(t.code());
    }
    if !f.include_inactive {
        q.push(" AND ps.active = 1");
    }
    q.push(" ORDER BY o.name COLLATE NOCASE, p.last_name COLLATE NOCASE, ps.title LIMIT ")
        .push_bind(i64::from(f.limit));
    q
}

/// Organizations, then people, then positions, each alphabetical. The
/// three pages are independent reads, so each runs on its own pooled
/// connection at the same time (readers of a WAL database do not wait for
/// each other): a search costs its slowest kind, not the sum of all three.
pub async fn search(store: &Store, f: &DirectoryFilters) -> AppResult<Vec<DirectoryHit>> {
    let (organizations, people, positions) = tokio::try_join!(
        page_of::<OrgRow>(store, f, DirectoryKind::Organization, organizations_page),
        page_of::<PersonRow>(store, f, DirectoryKind::Person, people_page),
        page_of::<PositionRow>(store, f, DirectoryKind::Position, positions_page),
    )?;
    let positions = positions
        .into_iter()
        .map(|row| to_position(row).map(position_hit))
        .collect::<AppResult<Vec<_>>>()?;
    Ok(organizations
        .into_iter()
        .map(organization_hit)
        .chain(people.into_iter().map(person_hit))
        .chain(positions)
        .collect())
}

fn organization_hit((id, name, org_type, federation, address, active): OrgRow) -> DirectoryHit {
    let mut parts = vec![OrgType::parse(&org_type)
        .map(|t| t.label())
        .unwrap_or("Organization")
        .to_string()];
    if let Some(fed) = federation.as_deref().and_then(Federation::parse) {
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
}

fn person_hit((id, last, first, email, active, current): PersonRow) -> DirectoryHit {
    DirectoryHit {
        kind: DirectoryKind::Person,
        id,
        title: format!("{last}, {first}"),
        subtitle: [current.unwrap_or_default(), email]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        active,
    }
}

fn position_hit(p: Position) -> DirectoryHit {
    DirectoryHit {
        kind: DirectoryKind::Position,
        id: p.id,
        subtitle: p.position_type_label.clone(),
        title: p.display,
        active: p.details.active,
    }
}
