//! The pure domain: types and rules, no IO, no SQL, no Tauri.

pub mod backup;
pub mod certification;
pub mod credits;
pub mod directory;
pub mod event;
pub mod field;
pub mod history;
pub mod ledger;
pub mod plan;
pub mod search;
pub mod step;
pub mod time;
pub mod vocabulary;

/// Resources belong to their event (`event::resource`); the old path stays.
pub use event::resource;

use serde::Serialize;
use ts_rs::TS;

/// "1 event", "2 events": a count with its noun in the right number.
pub fn count_of<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

/// One entry of a pick list, for the UI (which never hard-codes labels).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// Parses a choice field, naming the field and the allowed values on failure.
pub fn parse_choice<T: Copy>(
    field: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    code: fn(T) -> &'static str,
) -> Result<T, crate::error::FieldError> {
    parse(text).ok_or_else(|| {
        let allowed: Vec<&str> = all.iter().map(|v| code(*v)).collect();
        crate::error::FieldError::new(
            field,
            format!("\"{}\" is not one of: {}.", text.trim(), allowed.join(", ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::count_of;

    #[test]
    fn counts_take_the_noun_in_the_right_number() {
        assert_eq!(count_of(1usize, "event", "events"), "1 event");
        assert_eq!(count_of(0usize, "event", "events"), "0 events");
        assert_eq!(
            count_of(2_000i64, "credit row", "credit rows"),
            "2000 credit rows"
        );
        assert_eq!(count_of(1i64, "entry", "entries"), "1 entry");
    }
}
