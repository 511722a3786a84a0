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
pub mod time;

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

/// A closed list of choices with a stable code (stored, sent in JSON) and a
/// label (shown). Parsing accepts either, in any case, so hand-written JSON and
/// labels copied from ASPeN both work.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, ts_rs::TS)]
        pub enum $name { $( #[serde(rename = $code)] $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                let wanted = text.trim();
                Self::ALL.iter().copied().find(|v| {
                    v.code().eq_ignore_ascii_case(wanted) || v.label().eq_ignore_ascii_case(wanted)
                })
            }

            pub fn options() -> Vec<$crate::domain::Choice> {
                Self::ALL.iter().map(|v| $crate::domain::Choice {
                    code: v.code().to_string(),
                    label: v.label().to_string(),
                }).collect()
            }
        }

        impl $crate::domain::field::ChoiceList for $name {
            const ALL: &'static [Self] = $name::ALL;
            fn code(self) -> &'static str { $name::code(self) }
            fn parse(text: &str) -> Option<Self> { $name::parse(text) }
        }
    };
}
pub(crate) use choice_enum;

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
