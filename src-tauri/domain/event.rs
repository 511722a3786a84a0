//! A CE event: every field of the ASPeN event page, its validation, and the
//! view the UI and the CLI show.

/// Links and files attached to an event: part of the event aggregate.
pub mod resource;

use super::credits::{describe_credit, Category, HalfCredits};
use super::field;
pub use super::field::{keep, web_url as check_web_url};
use super::history::{list_value, Tracked};
use super::time;
pub use super::vocabulary::{Delivery, EventStatus, EventType};
use crate::error::FieldError;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use resource::Resource;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_TITLE_CHARS: usize = field::LINE_MAX_CHARS;

/// One CE credit row as typed or sent: `{"category": "LA", "credits": 0.5}`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CreditInput {
    pub category: String,
    pub credits: f64,
}

/// A contact or trainer as sent: a directory position id (`5` or
/// `{"position_id": 5}`) or free text (`"Smith, Jo - Director (Helena)"`).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum PositionRefInput {
    Id(#[ts(type = "number")] i64),
    Text(String),
    Object {
        #[ts(type = "number | null")]
        #[serde(default)]
        position_id: Option<i64>,
        #[serde(default)]
        text: Option<String>,
    },
}

/// A contact or trainer of an event: a directory position (shown as the
/// directory shows it) or free text kept from before the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EventPosition {
    #[ts(type = "number | null")]
    pub position_id: Option<i64>,
    /// "Last, First - Title (Organization)", or the free text.
    pub text: String,
}

/// An event as typed in the form or sent as JSON, before validation.
/// Choice fields take codes or labels; empty means the default.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventInput {
    pub title: String,
    pub event_type: Option<String>,
    pub status: Option<String>,
    /// Local date-time in `time_zone`, like "2021-06-02T14:00".
    pub begin: String,
    /// Defaults to `begin` when empty.
    pub end: Option<String>,
    pub time_zone: Option<String>,
    pub description: Option<String>,
    pub delivery: Option<String>,
    pub meeting_url: Option<String>,
    pub location: Option<String>,
    pub sponsor: Option<String>,
    pub registration_required: bool,
    pub credits: Vec<CreditInput>,
    pub contact_positions: Vec<PositionRefInput>,
    pub trainer_positions: Vec<PositionRefInput>,
    /// Only read when the event is created; later, resources have their own commands.
    pub resources: Vec<resource::ResourceInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventCredit {
    pub category: Category,
    pub amount: HalfCredits,
}

/// A validated event, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub title: String,
    pub event_type: EventType,
    pub status: EventStatus,
    pub begin: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub time_zone: Tz,
    pub details: EventDetails,
    pub credits: Vec<EventCredit>,
}

/// What an event tells besides its title, type, status, times and credits:
/// stored from the draft and shown on the event page as they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EventDetails {
    pub description: String,
    pub delivery: Delivery,
    pub meeting_url: Option<String>,
    pub location: String,
    pub sponsor: String,
    pub registration_required: bool,
    /// Linked positions get their `text` from the directory when stored.
    pub contact_positions: Vec<EventPosition>,
    pub trainer_positions: Vec<EventPosition>,
}

fn text(value: &Option<String>) -> &str {
    value.as_deref().map(str::trim).unwrap_or("")
}

/// Drops empty entries; a linked position's text is filled in by the store.
fn clean_positions(items: &[PositionRefInput]) -> Vec<EventPosition> {
    items
        .iter()
        .filter_map(|item| {
            let (position_id, text) = match item {
                PositionRefInput::Id(id) => (Some(*id), String::new()),
                PositionRefInput::Text(text) => (None, text.trim().to_string()),
                PositionRefInput::Object { position_id, text } => (
                    *position_id,
                    text.as_deref().unwrap_or("").trim().to_string(),
                ),
            };
            (position_id.is_some() || !text.is_empty())
                .then_some(EventPosition { position_id, text })
        })
        .collect()
}

fn position_texts(items: &[EventPosition]) -> String {
    list_value(items.iter().map(|p| p.text.as_str()))
}

impl EventInput {
    /// Validates every field and reports every problem at once, each naming its field.
    pub fn validate(&self) -> Result<EventDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        field::check_texts(
            &mut errors,
            &[
                ("title", &self.title),
                ("location", self.location.as_deref().unwrap_or("")),
                ("sponsor", self.sponsor.as_deref().unwrap_or("")),
            ],
            &[("description", self.description.as_deref().unwrap_or(""))],
        );

        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new("title", "Enter a title."));
        }
        let event_type = keep(
            &mut errors,
            field::choice_or::<EventType>(
                "event_type",
                self.event_type.as_deref(),
                "continuing_education",
            ),
        );
        let status = keep(
            &mut errors,
            field::choice_or::<EventStatus>("status", self.status.as_deref(), "open"),
        );
        let delivery = keep(
            &mut errors,
            field::choice_or::<Delivery>("delivery", self.delivery.as_deref(), "online"),
        );
        let zone = keep(
            &mut errors,
            time::parse_zone(text(&self.time_zone)).ok_or_else(|| {
                FieldError::new(
                    "time_zone",
                    format!(
                        "\"{}\" is not a known time zone (like America/Denver).",
                        text(&self.time_zone)
                    ),
                )
            }),
        );
        let (begin, end) = match zone {
            Some(zone) => {
                let begin = keep(
                    &mut errors,
                    time::parse_local(&self.begin, zone).map_err(|m| FieldError::new("begin", m)),
                );
                let end_text = match text(&self.end) {
                    "" => self.begin.as_str(),
                    given => given,
                };
                let end = keep(
                    &mut errors,
                    time::parse_local(end_text, zone).map_err(|m| FieldError::new("end", m)),
                );
                keep(
                    &mut errors,
                    field::in_order(
                        "end",
                        begin,
                        end,
                        "The end is before the begin: an event cannot end before it starts.",
                    ),
                );
                (begin, end)
            }
            None => (None, None),
        };
        let meeting_url = match text(&self.meeting_url) {
            "" => Some(None),
            url => keep(
                &mut errors,
                check_web_url(url)
                    .map(Some)
                    .map_err(|m| FieldError::new("meeting_url", m)),
            ),
        };

        let mut credits: Vec<EventCredit> = Vec::new();
        for (i, row) in self.credits.iter().enumerate() {
            let category = keep(
                &mut errors,
                field::choice::<Category>(&format!("credits[{i}].category"), &row.category),
            );
            let amount = keep(
                &mut errors,
                HalfCredits::from_credits(row.credits)
                    .map_err(|m| FieldError::new(format!("credits[{i}].credits"), m)),
            );
            if let (Some(category), Some(amount)) = (category, amount) {
                if credits.iter().any(|c| c.category == category) {
                    keep(
                        &mut errors,
                        Err::<(), _>(FieldError::new(
                            format!("credits[{i}].category"),
                            format!(
                                "{} is listed twice: put its credits on one row.",
                                category.label()
                            ),
                        )),
                    );
                } else {
                    credits.push(EventCredit { category, amount });
                }
            }
        }

        match (event_type, status, delivery, zone, begin, end, meeting_url) {
            (
                Some(event_type),
                Some(status),
                Some(delivery),
                Some(time_zone),
                Some(begin),
                Some(end),
                Some(meeting_url),
            ) if errors.is_empty() => Ok(EventDraft {
                title,
                event_type,
                status,
                begin,
                end,
                time_zone,
                details: EventDetails {
                    description: self
                        .description
                        .clone()
                        .unwrap_or_default()
                        .trim_end()
                        .to_string(),
                    delivery,
                    meeting_url,
                    location: text(&self.location).to_string(),
                    sponsor: text(&self.sponsor).to_string(),
                    registration_required: self.registration_required,
                    contact_positions: clean_positions(&self.contact_positions),
                    trainer_positions: clean_positions(&self.trainer_positions),
                },
                credits,
            }),
            _ => Err(errors),
        }
    }
}

impl EventDraft {
    pub fn credits_description(&self) -> String {
        list_value(
            self.credits
                .iter()
                .map(|c| describe_credit(c.amount, c.category)),
        )
    }

    /// Back to the input form, e.g. to fill the edit form or to duplicate.
    pub fn to_input(&self) -> EventInput {
        EventInput {
            title: self.title.clone(),
            event_type: Some(self.event_type.code().into()),
            status: Some(self.status.code().into()),
            begin: time::local_input(self.begin, self.time_zone),
            end: Some(time::local_input(self.end, self.time_zone)),
            time_zone: Some(self.time_zone.name().into()),
            description: Some(self.details.description.clone()),
            delivery: Some(self.details.delivery.code().into()),
            meeting_url: self.details.meeting_url.clone(),
            location: Some(self.details.location.clone()),
            sponsor: Some(self.details.sponsor.clone()),
            registration_required: self.details.registration_required,
            credits: self
                .credits
                .iter()
                .map(|c| CreditInput {
                    category: c.category.code().into(),
                    credits: c.amount.as_credits(),
                })
                .collect(),
            contact_positions: self
                .details
                .contact_positions
                .iter()
                .map(PositionRefInput::from)
                .collect(),
            trainer_positions: self
                .details
                .trainer_positions
                .iter()
                .map(PositionRefInput::from)
                .collect(),
            resources: Vec::new(),
        }
    }
}

impl From<&EventPosition> for PositionRefInput {
    fn from(p: &EventPosition) -> Self {
        PositionRefInput::Object {
            position_id: p.position_id,
            text: Some(p.text.clone()),
        }
    }
}

impl Tracked for EventDraft {
    fn tracked_fields(&self) -> Vec<(&'static str, String)> {
        let yes_no = |b: bool| if b { "Yes" } else { "No" }.to_string();
        vec![
            ("Title", self.title.clone()),
            ("Event type", self.event_type.label().into()),
            ("Status", self.status.label().into()),
            ("Begin", time::display_long(self.begin, self.time_zone)),
            ("End", time::display_long(self.end, self.time_zone)),
            ("Time zone", self.time_zone.name().into()),
            ("Description", self.details.description.clone()),
            ("Delivery", self.details.delivery.label().into()),
            (
                "Online meeting URL",
                self.details.meeting_url.clone().unwrap_or_default(),
            ),
            ("Location", self.details.location.clone()),
            ("Sponsor", self.details.sponsor.clone()),
            (
                "Registration required",
                yes_no(self.details.registration_required),
            ),
            ("CE credits", self.credits_description()),
            (
                "Contact positions",
                position_texts(&self.details.contact_positions),
            ),
            (
                "Trainer positions",
                position_texts(&self.details.trainer_positions),
            ),
        ]
    }
}

/// One credit row as shown: "0.5 credits Library Administration".
#[derive(Debug, Clone, Serialize, TS)]
pub struct CreditLine {
    pub category: Category,
    pub category_label: String,
    pub credits: f64,
    pub description: String,
}

impl From<&EventCredit> for CreditLine {
    fn from(c: &EventCredit) -> Self {
        CreditLine {
            category: c.category,
            category_label: c.category.label().into(),
            credits: c.amount.as_credits(),
            description: describe_credit(c.amount, c.category),
        }
    }
}

/// Which event, what kind and in what state, with the labels shown: the
/// head of the event page and of a catalog row alike.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventHeading {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub event_type: EventType,
    pub event_type_label: String,
    pub status: EventStatus,
    pub status_label: String,
}

impl EventHeading {
    pub fn new(id: i64, title: String, event_type: EventType, status: EventStatus) -> Self {
        EventHeading {
            id,
            title,
            event_type,
            event_type_label: event_type.label().into(),
            status,
            status_label: status.label().into(),
        }
    }
}

/// The whole event page, as the UI and `events show --json` see it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Event {
    #[serde(flatten)]
    #[ts(flatten)]
    pub heading: EventHeading,
    /// Local date-time in `time_zone`: "2021-06-02T14:00".
    pub begin: String,
    pub end: String,
    pub time_zone: String,
    /// "Wednesday, June 2, 2021 2:00 PM"
    pub begin_display: String,
    pub end_display: String,
    pub begin_utc: String,
    pub end_utc: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: EventDetails,
    pub delivery_label: String,
    pub credits: Vec<CreditLine>,
    pub resources: Vec<Resource>,
    pub created_at: String,
    pub updated_at: String,
}

impl Event {
    pub fn new(
        id: i64,
        draft: EventDraft,
        resources: Vec<Resource>,
        created_at: DateTime<Utc>,
        updated_at: DateTime<Utc>,
    ) -> Event {
        let zone = draft.time_zone;
        Event {
            heading: EventHeading::new(id, draft.title, draft.event_type, draft.status),
            begin: time::local_input(draft.begin, zone),
            end: time::local_input(draft.end, zone),
            time_zone: zone.name().into(),
            begin_display: time::display_long(draft.begin, zone),
            end_display: time::display_long(draft.end, zone),
            begin_utc: draft.begin.to_rfc3339(),
            end_utc: draft.end.to_rfc3339(),
            delivery_label: draft.details.delivery.label().into(),
            credits: draft.credits.iter().map(CreditLine::from).collect(),
            details: draft.details,
            resources,
            created_at: created_at.to_rfc3339(),
            updated_at: updated_at.to_rfc3339(),
        }
    }
}

/// A row of the catalog list.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventSummary {
    #[serde(flatten)]
    #[ts(flatten)]
    pub heading: EventHeading,
    pub begin: String,
    /// "Wed, Jun 2, 2021 2:00 PM"
    pub begin_display: String,
    pub delivery: Delivery,
    pub delivery_label: String,
    pub sponsor: String,
    /// "0.5 LA, 1 TECH"
    pub credits_short: String,
}

#[allow(clippy::too_many_arguments)]
impl EventSummary {
    pub fn new(
        id: i64,
        title: String,
        event_type: EventType,
        status: EventStatus,
        begin: DateTime<Utc>,
        zone: Tz,
        delivery: Delivery,
        sponsor: String,
        credits: &[EventCredit],
    ) -> EventSummary {
        EventSummary {
            heading: EventHeading::new(id, title, event_type, status),
            begin: time::local_input(begin, zone),
            begin_display: time::display_short(begin, zone),
            delivery,
            delivery_label: delivery.label().into(),
            sponsor,
            credits_short: credits
                .iter()
                .map(|c| format!("{} {}", c.amount, c.category.code()))
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn seed_input() -> EventInput {
        EventInput {
            title: "NEW Strategic Track to MSL Certification: what librarians need to know".into(),
            event_type: Some("Continuing Education".into()),
            begin: "2021-06-02T14:00".into(),
            end: Some("2021-06-02T15:00".into()),
            delivery: Some("online".into()),
            credits: vec![CreditInput {
                category: "LA".into(),
                credits: 0.5,
            }],
            ..Default::default()
        }
    }

    fn fields(input: &EventInput) -> Vec<String> {
        crate::error::refused_fields(input.validate())
    }

    #[test]
    fn the_seed_event_validates_with_montana_defaults() {
        let draft = seed_input().validate().expect("valid");
        assert_eq!(draft.event_type, EventType::ContinuingEducation);
        assert_eq!(draft.status, EventStatus::Open);
        assert_eq!(draft.time_zone, time::DEFAULT_ZONE);
        assert_eq!(
            draft.credits_description(),
            "0.5 credits Library Administration"
        );
        let event = Event::new(1, draft, vec![], Utc::now(), Utc::now());
        assert_eq!(event.begin_display, "Wednesday, June 2, 2021 2:00 PM");
        assert_eq!(event.end_display, "Wednesday, June 2, 2021 3:00 PM");
        assert_eq!(event.delivery_label, "Online Only");
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut input = seed_input();
        input.title = "   ".into();
        input.end = Some("2021-06-02T13:00".into());
        input.credits = vec![
            CreditInput {
                category: "LA".into(),
                credits: 0.25,
            },
            CreditInput {
                category: "ART".into(),
                credits: 1.0,
            },
        ];
        input.meeting_url = Some("ftp://example.org/x".into());
        assert_eq!(
            fields(&input),
            [
                "title",
                "end",
                "meeting_url",
                "credits[0].credits",
                "credits[1].category"
            ]
        );
    }

    #[test]
    fn unknown_zone_and_choices_are_named() {
        let mut input = seed_input();
        input.time_zone = Some("Montana/Helena".into());
        input.event_type = Some("Party".into());
        input.delivery = Some("carrier pigeon".into());
        assert_eq!(fields(&input), ["event_type", "delivery", "time_zone"]);
    }

    #[test]
    fn zero_negative_and_duplicate_credits_are_refused() {
        for credits in [0.0, -1.0, 0.3] {
            let mut input = seed_input();
            input.credits[0].credits = credits;
            assert_eq!(fields(&input), ["credits[0].credits"], "{credits}");
        }
        let mut input = seed_input();
        input.credits.push(CreditInput {
            category: "library administration".into(),
            credits: 1.0,
        });
        assert_eq!(fields(&input), ["credits[1].category"]);
    }

    #[test]
    fn end_defaults_to_begin_and_lists_are_trimmed() {
        let mut input = seed_input();
        input.end = None;
        input.contact_positions = vec![
            PositionRefInput::Text("  ".into()),
            PositionRefInput::Text(" Smith, Jo - Director (Helena) ".into()),
            PositionRefInput::Id(7),
            PositionRefInput::Object {
                position_id: None,
                text: None,
            },
        ];
        let draft = input.validate().expect("valid");
        assert_eq!(draft.end, draft.begin);
        assert_eq!(
            draft.details.contact_positions,
            [
                EventPosition {
                    position_id: None,
                    text: "Smith, Jo - Director (Helena)".into()
                },
                EventPosition {
                    position_id: Some(7),
                    text: String::new()
                },
            ]
        );
    }

    #[test]
    fn a_draft_round_trips_through_its_input_form() {
        let mut input = seed_input();
        input.meeting_url = Some("https://zoom.us/j/123".into());
        input.time_zone = Some("America/Chicago".into());
        let draft = input.validate().expect("valid");
        assert_eq!(draft.to_input().validate().expect("valid"), draft);
    }
}
