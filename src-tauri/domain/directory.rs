//! The library directory: organizations (with strategic goals), people, and
//! the positions people hold. Validation and the views; no IO.

use super::field::{self, keep, web_url as check_web_url};
use super::history::{list_value, Tracked};
use super::search::{checked_query, page_limit, prefixes_indexed};
pub use super::vocabulary::{Federation, OrgType, PositionType};
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn trimmed(value: &Option<String>) -> String {
    value.as_deref().map(str::trim).unwrap_or("").to_string()
}

/// Names and titles in the directory: shorter than other one-line text.
pub const NAME_MAX_CHARS: usize = 200;
/// A strategic goal: one line, at most this long.
pub const GOAL_MAX_CHARS: usize = 500;

/// A required name or title: not empty, no control characters, capped.
fn required(errors: &mut Vec<FieldError>, field: &str, value: &str, what: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.push(FieldError::new(field, format!("Enter {what}.")));
    } else {
        keep(errors, field::line_within(field, value, NAME_MAX_CHARS));
    }
    value.to_string()
}

/// An e-mail address, or empty.
fn email(errors: &mut Vec<FieldError>, field: &str, value: &Option<String>) -> String {
    let value = trimmed(value);
    if !value.is_empty() && !email_address::EmailAddress::is_valid(&value) {
        errors.push(FieldError::new(
            field,
            format!("\"{value}\" is not an e-mail address like name@library.org."),
        ));
    }
    value
}

/// How to reach an organization, a person or a position: an e-mail address
/// and a phone number, each empty when not known. The inputs keep the two
/// fields flat; drafts and views carry this one value (`#[serde(flatten)]`:
/// the JSON keeps its flat `email` and `phone` keys).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Contact {
    pub email: String,
    pub phone: String,
}

impl Contact {
    /// The two fields as typed, checked: the address must look like one, the
    /// phone is one line of text.
    fn checked(
        errors: &mut Vec<FieldError>,
        email_typed: &Option<String>,
        phone_typed: &Option<String>,
    ) -> Contact {
        keep(
            errors,
            field::line("phone", phone_typed.as_deref().unwrap_or("")),
        );
        Contact {
            email: email(errors, "email", email_typed),
            phone: trimmed(phone_typed),
        }
    }

    /// The two lines of page history every record with a contact shows.
    fn tracked_fields(&self) -> [(&'static str, String); 2] {
        [
            ("E-mail", self.email.clone()),
            ("Phone", self.phone.clone()),
        ]
    }
}

/// A strategic goal as typed: `id` is kept for goals that already exist.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct GoalInput {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct OrganizationInput {
    pub name: String,
    pub org_type: Option<String>,
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
    pub federation: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub hours: Option<String>,
    pub strategic_goals: Vec<GoalInput>,
    pub active: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalDraft {
    pub id: Option<i64>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationDraft {
    pub name: String,
    pub org_type: OrgType,
    pub parent_id: Option<i64>,
    pub federation: Option<Federation>,
    pub address: String,
    pub contact: Contact,
    pub website: Option<String>,
    pub hours: String,
    pub strategic_goals: Vec<GoalDraft>,
    pub active: bool,
}

impl OrganizationInput {
    pub fn validate(&self) -> Result<OrganizationDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        field::check_texts(
            &mut errors,
            &[
                ("address", self.address.as_deref().unwrap_or("")),
                ("hours", self.hours.as_deref().unwrap_or("")),
            ],
            &[],
        );
        let name = required(&mut errors, "name", &self.name, "the organization's name");
        let org_type = keep(
            &mut errors,
            field::choice_or::<OrgType>("org_type", self.org_type.as_deref(), "public_library"),
        );
        let federation = match trimmed(&self.federation).as_str() {
            "" => Some(None),
            text => keep(
                &mut errors,
                field::choice::<Federation>("federation", text).map(Some),
            ),
        };
        let contact = Contact::checked(&mut errors, &self.email, &self.phone);
        let website = match trimmed(&self.website).as_str() {
            "" => Some(None),
            url => keep(
                &mut errors,
                check_web_url(url)
                    .map(Some)
                    .map_err(|m| FieldError::new("website", m)),
            ),
        };
        let mut goals = Vec::new();
        for (i, goal) in self.strategic_goals.iter().enumerate() {
            let text = goal.text.trim();
            if text.is_empty() {
                // An empty row in the editor is simply not a goal, unless it
                // was an existing goal being blanked out by mistake.
                if goal.id.is_some() {
                    errors.push(FieldError::new(
                        format!("strategic_goals[{i}].text"),
                        "Enter the goal's text, or remove the goal.",
                    ));
                }
                continue;
            }
            keep(
                &mut errors,
                field::line_within(&format!("strategic_goals[{i}].text"), text, GOAL_MAX_CHARS),
            );
            goals.push(GoalDraft {
                id: goal.id,
                text: text.to_string(),
            });
        }
        match (org_type, federation, website) {
            (Some(org_type), Some(federation), Some(website)) if errors.is_empty() => {
                Ok(OrganizationDraft {
                    name,
                    org_type,
                    parent_id: self.parent_id,
                    federation,
                    address: trimmed(&self.address),
                    contact,
                    website,
                    hours: trimmed(&self.hours),
                    strategic_goals: goals,
                    active: self.active.unwrap_or(true),
                })
            }
            _ => Err(errors),
        }
    }
}

/// An organization as page history sees it: its draft plus its parent's name.
pub struct OrganizationRecord<'a> {
    pub draft: &'a OrganizationDraft,
    pub parent_name: Option<String>,
}

impl Tracked for OrganizationRecord<'_> {
    fn tracked_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.draft.tracked_fields();
        if let Some(parent) = fields.iter_mut().find(|(name, _)| *name == "Parent") {
            parent.1 = self.parent_name.clone().unwrap_or_default();
        }
        fields
    }
}

impl Tracked for OrganizationDraft {
    fn tracked_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("Name", self.name.clone()),
            ("Type", self.org_type.label().into()),
            (
                "Parent",
                self.parent_id
                    .map(|id| format!("#{id}"))
                    .unwrap_or_default(),
            ),
            (
                "Federation",
                self.federation
                    .map(|f| f.label().to_string())
                    .unwrap_or_default(),
            ),
            ("Address", self.address.clone()),
        ];
        fields.extend(self.contact.tracked_fields());
        fields.extend([
            ("Website", self.website.clone().unwrap_or_default()),
            ("Hours", self.hours.clone()),
            (
                "Strategic goals",
                list_value(self.strategic_goals.iter().map(|g| g.text.as_str())),
            ),
            ("Active", yes_no(self.active)),
        ]);
        fields
    }
}

fn yes_no(value: bool) -> String {
    if value { "Yes" } else { "No" }.into()
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonInput {
    pub last_name: String,
    pub first_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub active: Option<bool>,
}

/// A validated person: stored, and shown as it is (`Person`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonDraft {
    pub last_name: String,
    pub first_name: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub contact: Contact,
    pub active: bool,
}

impl PersonInput {
    pub fn validate(&self) -> Result<PersonDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let last_name = required(&mut errors, "last_name", &self.last_name, "a last name");
        let first_name = required(&mut errors, "first_name", &self.first_name, "a first name");
        let contact = Contact::checked(&mut errors, &self.email, &self.phone);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PersonDraft {
            last_name,
            first_name,
            contact,
            active: self.active.unwrap_or(true),
        })
    }
}

impl Tracked for PersonDraft {
    fn tracked_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields = vec![
            ("Last name", self.last_name.clone()),
            ("First name", self.first_name.clone()),
        ];
        fields.extend(self.contact.tracked_fields());
        fields.push(("Active", yes_no(self.active)));
        fields
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PositionInput {
    /// Empty for a vacant position.
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    #[ts(type = "number")]
    pub organization_id: i64,
    pub position_type: Option<String>,
    pub title: String,
    /// "2024-07-01"
    pub begin: Option<String>,
    pub end: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub active: Option<bool>,
}

/// A validated position: stored, and shown as it is (`Position`, days as
/// "2024-07-01").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PositionDraft {
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    #[ts(type = "number")]
    pub organization_id: i64,
    pub position_type: PositionType,
    pub title: String,
    pub begin: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub contact: Contact,
    pub active: bool,
}

impl PositionInput {
    pub fn validate(&self) -> Result<PositionDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let position_type = keep(
            &mut errors,
            field::choice_or::<PositionType>(
                "position_type",
                self.position_type.as_deref(),
                "staff",
            ),
        );
        let title = match self.title.trim() {
            // The type is a fine title when none is given ("Director").
            "" => position_type
                .map(|t| t.label().to_string())
                .unwrap_or_default(),
            title => required(&mut errors, "title", title, "a title"),
        };
        let begin = field::kept_date(&mut errors, "begin", self.begin.as_deref());
        let end = field::kept_date(&mut errors, "end", self.end.as_deref());
        keep(
            &mut errors,
            field::in_order("end", begin, end, "The position ends before it begins."),
        );
        let contact = Contact::checked(&mut errors, &self.email, &self.phone);
        if self.organization_id <= 0 {
            errors.push(FieldError::new(
                "organization_id",
                "Choose the organization.",
            ));
        }
        match position_type {
            Some(position_type) if errors.is_empty() => Ok(PositionDraft {
                person_id: self.person_id,
                organization_id: self.organization_id,
                position_type,
                title,
                begin,
                end,
                contact,
                active: self.active.unwrap_or(true),
            }),
            _ => Err(errors),
        }
    }
}

/// Page history of a position names its holder and organization.
impl Tracked for Position {
    fn tracked_fields(&self) -> Vec<(&'static str, String)> {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let mut fields = vec![
            (
                "Holder",
                self.person_name.clone().unwrap_or_else(|| "Vacant".into()),
            ),
            ("Organization", self.organization_name.clone()),
            ("Type", self.position_type_label.clone()),
            ("Title", self.details.title.clone()),
            ("Begin", day(self.details.begin)),
            ("End", day(self.details.end)),
        ];
        fields.extend(self.details.contact.tracked_fields());
        fields.push(("Active", yes_no(self.details.active)));
        fields
    }
}

/// How ASPeN shows a position everywhere: "Last, First - Title (Organization)".
pub fn position_display(holder: Option<(&str, &str)>, title: &str, organization: &str) -> String {
    match holder {
        Some((last, first)) => format!("{last}, {first} - {title} ({organization})"),
        None => format!("Vacant - {title} ({organization})"),
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StrategicGoal {
    #[ts(type = "number")]
    pub id: i64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Position {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: PositionDraft,
    pub person_name: Option<String>,
    pub organization_name: String,
    pub position_type_label: String,
    /// "Last, First - Title (Organization)"
    pub display: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OrganizationSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub org_type_label: String,
    pub active: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Organization {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub org_type: OrgType,
    pub org_type_label: String,
    #[ts(type = "number | null")]
    pub parent_id: Option<i64>,
    pub parent_name: Option<String>,
    pub federation: Option<Federation>,
    pub federation_label: Option<String>,
    pub address: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub contact: Contact,
    pub website: Option<String>,
    pub hours: String,
    pub active: bool,
    pub strategic_goals: Vec<StrategicGoal>,
    pub branches: Vec<OrganizationSummary>,
    /// Its people by position, current first.
    pub positions: Vec<Position>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: PersonDraft,
    /// "Last, First"
    pub display_name: String,
    /// Current positions first, then past ones.
    pub positions: Vec<Position>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DirectoryKind {
    Organization,
    Person,
    Position,
}

impl DirectoryKind {
    /// The record's name in page history (`history.record_type`).
    pub const fn record_type(self) -> &'static str {
        match self {
            DirectoryKind::Organization => "organization",
            DirectoryKind::Person => "person",
            DirectoryKind::Position => "position",
        }
    }

    /// The record's name in messages and history headings.
    pub fn label(self) -> &'static str {
        match self {
            DirectoryKind::Organization => "Organization",
            DirectoryKind::Person => "Person",
            DirectoryKind::Position => "Position",
        }
    }

    /// The directory search row of a record: rowid = id * 4 + kind.
    pub fn search_rowid(self, id: i64) -> i64 {
        id * 4
            + match self {
                DirectoryKind::Organization => 1,
                DirectoryKind::Person => 2,
                DirectoryKind::Position => 3,
            }
    }

    pub fn from_search_rowid(rowid: i64) -> Option<(DirectoryKind, i64)> {
        let kind = match rowid % 4 {
            1 => DirectoryKind::Organization,
            2 => DirectoryKind::Person,
            3 => DirectoryKind::Position,
            _ => return None,
        };
        Some((kind, rowid / 4))
    }
}

/// One directory search result.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DirectoryHit {
    pub kind: DirectoryKind,
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub subtitle: String,
    pub active: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DirectorySearch {
    pub text: String,
    pub federation: Option<String>,
    pub org_type: Option<String>,
    pub position_type: Option<String>,
    /// Only these kinds; empty means all.
    pub kinds: Vec<DirectoryKind>,
    pub include_inactive: bool,
    pub limit: u32,
}

/// A directory search, checked: what the store's search reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryFilters {
    pub fts: Option<String>,
    /// Every typed word fits the index's prefix lists
    /// (`search::prefixes_indexed`): only then may a search walk the name
    /// order asking the index about each record.
    pub prefixes_indexed: bool,
    pub federation: Option<Federation>,
    pub org_type: Option<OrgType>,
    pub position_type: Option<PositionType>,
    pub kinds: Vec<DirectoryKind>,
    pub include_inactive: bool,
    pub limit: u32,
}

impl DirectorySearch {
    /// Checks the text and the filters (each refusal under its field) and
    /// sizes the page as the catalog does (`search::page_limit`).
    pub fn plan(&self) -> Result<DirectoryFilters, Vec<FieldError>> {
        let mut errors = Vec::new();
        let fts = checked_query(&mut errors, &self.text);
        let filters = DirectoryFilters {
            fts,
            prefixes_indexed: prefixes_indexed(&self.text),
            federation: field::kept_filter(&mut errors, "federation", self.federation.as_deref()),
            org_type: field::kept_filter(&mut errors, "org_type", self.org_type.as_deref()),
            position_type: field::kept_filter(
                &mut errors,
                "position_type",
                self.position_type.as_deref(),
            ),
            kinds: self.kinds.clone(),
            include_inactive: self.include_inactive,
            limit: page_limit(self.limit),
        };
        if errors.is_empty() {
            Ok(filters)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::error::refused_fields;

    #[test]
    fn an_organization_needs_a_name_and_known_choices() {
        let input = OrganizationInput {
            name: " ".into(),
            org_type: Some("bookmobile".into()),
            federation: Some("Big Sky".into()),
            email: Some("not-an-address".into()),
            website: Some("ftp://x.org".into()),
            ..Default::default()
        };
        assert_eq!(
            refused_fields(input.validate()),
            ["name", "org_type", "federation", "email", "website"]
        );
    }

    #[test]
    fn goals_keep_ids_and_blank_new_rows_are_dropped() {
        let input = OrganizationInput {
            name: "Lewis & Clark Library".into(),
            federation: Some("Broad Valleys".into()),
            strategic_goals: vec![
                GoalInput {
                    id: Some(7),
                    text: " Grow early literacy ".into(),
                },
                GoalInput {
                    id: None,
                    text: "".into(),
                },
                GoalInput {
                    id: None,
                    text: "Close the digital divide".into(),
                },
            ],
            ..Default::default()
        };
        let draft = input.validate().expect("valid");
        assert_eq!(draft.federation, Some(Federation::BroadValleys));
        assert_eq!(
            draft.strategic_goals,
            [
                GoalDraft {
                    id: Some(7),
                    text: "Grow early literacy".into()
                },
                GoalDraft {
                    id: None,
                    text: "Close the digital divide".into()
                },
            ]
        );
        let blanked = OrganizationInput {
            name: "X".into(),
            strategic_goals: vec![GoalInput {
                id: Some(7),
                text: " ".into(),
            }],
            ..Default::default()
        };
        assert_eq!(
            refused_fields(blanked.validate()),
            ["strategic_goals[0].text"]
        );
    }

    #[test]
    fn people_need_both_names_and_a_real_email() {
        let input = PersonInput {
            last_name: "".into(),
            first_name: "Jo".into(),
            email: Some("jo@".into()),
            ..Default::default()
        };
        assert_eq!(refused_fields(input.validate()), ["last_name", "email"]);
        let ok = PersonInput {
            last_name: "Running Crane".into(),
            first_name: "Mariah".into(),
            email: Some("mariah@browninglibrary.org".into()),
            ..Default::default()
        };
        assert!(ok.validate().is_ok());
    }

    #[test]
    fn a_position_cannot_end_before_it_begins() {
        let input = PositionInput {
            organization_id: 1,
            position_type: Some("Director".into()),
            begin: Some("2024-07-01".into()),
            end: Some("2024-06-30".into()),
            ..Default::default()
        };
        assert_eq!(refused_fields(input.validate()), ["end"]);
        let untitled = PositionInput {
            organization_id: 1,
            position_type: Some("board_chair".into()),
            ..Default::default()
        };
        assert_eq!(untitled.validate().expect("valid").title, "Board Chair");
        let unknown = PositionInput {
            organization_id: 1,
            position_type: Some("wizard".into()),
            ..Default::default()
        };
        assert_eq!(refused_fields(unknown.validate()), ["position_type"]);
    }

    #[test]
    fn positions_read_like_aspen() {
        assert_eq!(
            position_display(
                Some(("Hale", "Tracy")),
                "Statewide Consultant",
                "Montana State Library"
            ),
            "Hale, Tracy - Statewide Consultant (Montana State Library)"
        );
        assert_eq!(
            position_display(None, "Director", "Havre-Hill County Library"),
            "Vacant - Director (Havre-Hill County Library)"
        );
    }

    #[test]
    fn a_directory_search_is_checked_and_its_page_sized_as_the_catalog_does() {
        let plan = DirectorySearch {
            text: "big sky".into(),
            federation: Some("Golden Plains".into()),
            ..Default::default()
        }
        .plan()
        .expect("valid");
        assert_eq!(plan.fts.as_deref(), Some("\"big\"* \"sky\"*"));
        assert!(plan.prefixes_indexed);
        assert_eq!(plan.federation, Some(Federation::GoldenPlains));
        assert_eq!(plan.limit, crate::domain::search::DEFAULT_PAGE);
        let long_word = DirectorySearch {
            text: "librarians".into(),
            limit: 10_000,
            ..Default::default()
        }
        .plan()
        .expect("valid");
        assert!(!long_word.prefixes_indexed);
        assert_eq!(long_word.limit, crate::domain::search::MAX_PAGE);
        let bad = DirectorySearch {
            text: "a ".repeat(65),
            federation: Some("Atlantis".into()),
            position_type: Some("wizard".into()),
            ..Default::default()
        };
        assert_eq!(
            refused_fields(bad.plan()),
            ["query", "federation", "position_type"]
        );
    }

    #[test]
    fn search_rowids_round_trip() {
        for kind in [
            DirectoryKind::Organization,
            DirectoryKind::Person,
            DirectoryKind::Position,
        ] {
            assert_eq!(
                DirectoryKind::from_search_rowid(kind.search_rowid(12345)),
                Some((kind, 12345))
            );
        }
    }

    #[test]
    fn control_characters_and_long_names_are_refused_in_every_record() {
        let fields = |errors: Vec<FieldError>| -> Vec<String> {
            let mut fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
            fields.sort();
            fields
        };
        let person = PersonInput {
            last_name: "Hale\u{0}".into(),
            first_name: "T".repeat(301),
            phone: Some("406\u{7}555".into()),
            ..Default::default()
        };
        let refused = person.validate().err().map(fields);
        assert_eq!(
            refused,
            Some(vec![
                "first_name".into(),
                "last_name".into(),
                "phone".into()
            ])
        );
        let org = OrganizationInput {
            name: "Library\u{1b}".into(),
            strategic_goals: vec![GoalInput {
                id: None,
                text: "Grow\u{0}".into(),
            }],
            ..Default::default()
        };
        let refused = org.validate().err().map(fields);
        assert_eq!(
            refused,
            Some(vec!["name".into(), "strategic_goals[0].text".into()])
        );
    }
}
