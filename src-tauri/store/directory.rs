//! The library directory, one child module per record: organizations and
//! their strategic goals, people, positions, the search index, and the guards
//! (parent loops, what still points at a person). Their public functions are
//! re-exported here, so `store::directory::*` paths stay as they were.

mod guards;
mod index;
mod organizations;
mod people;
mod positions;

use guards::*;
pub use index::*;
pub use organizations::*;
pub use people::*;
pub use positions::*;

use super::rows::Stored;
use super::{history, now_text, Store};
use crate::domain::directory::*;
use crate::domain::history::{diff, FieldChange, Tracked};
use crate::error::{AppError, AppResult, FieldError};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

pub const ORG_RECORD: &str = DirectoryKind::Organization.record_type();
pub const PERSON_RECORD: &str = DirectoryKind::Person.record_type();
pub const POSITION_RECORD: &str = DirectoryKind::Position.record_type();

/// A new record's page history (a "Created" heading, then every field)
/// and its search row, in the caller's transaction.
async fn record_created<T: Tracked>(
    conn: &mut SqliteConnection,
    kind: DirectoryKind,
    id: i64,
    actor: &str,
    record: &T,
) -> AppResult<()> {
    let heading = (kind.label(), "Created");
    history::record_creation(conn, kind.record_type(), id, actor, heading, record).await?;
    match kind {
        DirectoryKind::Organization => reindex_org(conn, id).await,
        DirectoryKind::Person => reindex_person(conn, id).await,
        DirectoryKind::Position => reindex_position(conn, id).await,
    }
}

/// `$public(store, ..)`: the connection-level `$step(conn, ..)` in a write
/// transaction of its own (a larger transaction calls the step itself).
macro_rules! in_own_transaction {
    ($(#[$doc:meta])* $public:ident = $step:ident($($arg:ident: $ty:ty),*) -> $out:ty) => {
        $(#[$doc])*
        pub async fn $public(store: &Store, $($arg: $ty),*) -> AppResult<$out> {
            let mut tx = store.write().await?;
            let out = $step(&mut tx, $($arg),*).await?;
            tx.commit().await?;
            Ok(out)
        }
    };
}
use in_own_transaction;
