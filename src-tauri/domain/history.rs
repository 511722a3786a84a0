//! Page history: one mechanism for every record type. A record lists its
//! tracked fields as (name, shown value); the diff of two such lists is what
//! the store writes, in the same transaction as the change itself.

use serde::Serialize;
use ts_rs::TS;

/// A record whose changes appear in page history.
pub trait Tracked {
    /// Field names and values as a librarian reads them.
    fn tracked_fields(&self) -> Vec<(&'static str, String)>;
}

/// One field that changed: what it was, what it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl FieldChange {
    pub fn new(
        field: impl Into<String>,
        old_value: Option<String>,
        new_value: Option<String>,
    ) -> Self {
        FieldChange {
            field: field.into(),
            old_value,
            new_value,
        }
    }
}

fn non_empty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

/// A list field as page history shows it: the items' texts joined by "; ".
pub fn list_value(items: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let mut value = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            value.push_str("; ");
        }
        value.push_str(item.as_ref());
    }
    value
}

/// The fields that differ between two versions of a record, in field order.
pub fn diff<T: Tracked>(old: &T, new: &T) -> Vec<FieldChange> {
    old.tracked_fields()
        .into_iter()
        .zip(new.tracked_fields())
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| FieldChange::new(field, non_empty(&a), non_empty(&b)))
        .collect()
}

/// The entries written when a record is created: every field that has a value.
pub fn creation<T: Tracked>(new: &T) -> Vec<FieldChange> {
    new.tracked_fields()
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(field, value)| FieldChange::new(field, None, Some(value)))
        .collect()
}

/// A page history line as shown, newest first: the change, when and by whom.
#[derive(Debug, Clone, Serialize, TS)]
pub struct HistoryEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub changed_at: String,
    /// "Nov 29, 2026 2:15 PM", Montana time.
    pub changed_at_display: String,
    pub actor: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub change: FieldChange,
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Card(&'static str, &'static str);
    impl Tracked for Card {
        fn tracked_fields(&self) -> Vec<(&'static str, String)> {
            vec![("Name", self.0.into()), ("Note", self.1.into())]
        }
    }

    #[test]
    fn only_changed_fields_are_listed_with_old_and_new() {
        let changes = diff(&Card("A", ""), &Card("A", "hello"));
        assert_eq!(
            changes,
            [FieldChange::new("Note", None, Some("hello".into()))]
        );
        assert!(diff(&Card("A", "x"), &Card("A", "x")).is_empty());
    }

    #[test]
    fn creation_lists_filled_fields_only() {
        let changes = creation(&Card("A", ""));
        assert_eq!(changes, [FieldChange::new("Name", None, Some("A".into()))]);
    }

    #[test]
    fn a_list_reads_as_its_items_joined_by_semicolons() {
        assert_eq!(
            list_value(["Grow literacy", "Close the gap"]),
            "Grow literacy; Close the gap"
        );
        assert_eq!(list_value(vec!["only".to_string()]), "only");
        assert_eq!(list_value(Vec::<String>::new()), "");
    }
}
