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

use super::{history, now_text, Store};
use crate::domain::directory::*;
use crate::domain::history::{diff, FieldChange};
use crate::error::{AppError, AppResult, FieldError};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

pub const ORG_RECORD: &str = "organization";
pub const PERSON_RECORD: &str = "person";
pub const POSITION_RECORD: &str = "position";

pub(super) fn corrupt(what: &str, id: i64, value: &str) -> AppError {
    AppError::Io(format!(
        "{what} {id} has an unreadable value \"{value}\" in the database"
    ))
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
