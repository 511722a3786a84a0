//! The CE credit ledger: credit entries of every kind, their validation and
//! the warnings for kinds of learning MSL does not accept.

use super::count_of;
use super::credits::{Category, HalfCredits};
use super::field::{self, keep, DayRange};
use super::history::Tracked;
pub use super::vocabulary::{CreditKind, VerificationStatus};
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

impl CreditKind {
    /// CE credits per unit for kinds whose credits come from units:
    /// 1 semester credit = 4, 1 quarter credit = 2, 1 hour presented = 2.
    pub fn credits_per_unit(self) -> Option<f64> {
        match self {
            CreditKind::CollegeSemester => Some(4.0),
            CreditKind::CollegeQuarter => Some(2.0),
            CreditKind::Presenter => Some(2.0),
            _ => None,
        }
    }
}

/// A credit entry as typed or sent as JSON.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CreditEntryInput {
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: Option<String>,
    pub title: String,
    /// "2024-03-14"; not in the future.
    pub date: String,
    pub end_date: Option<String>,
    pub sponsor: Option<String>,
    pub trainer: Option<String>,
    pub category: String,
    /// Given directly, or computed from `units` (college credits, hours presented).
    pub credits: Option<f64>,
    pub units: Option<f64>,
    #[ts(type = "number | null")]
    pub event_id: Option<i64>,
    /// The conference a session belongs to.
    pub conference: Option<String>,
    pub notes: Option<String>,
    /// What was learned (self-directed activities).
    pub learned: Option<String>,
    /// The Strategic Track plan goal this credit serves.
    #[ts(type = "number | null")]
    pub plan_goal_id: Option<i64>,
    /// Flattened: its fields come last in the JSON, as in the bindings.
    #[serde(flatten)]
    #[ts(flatten)]
    pub verification: VerificationInput,
}

/// A validated credit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct CreditEntryDraft {
    pub person_id: i64,
    pub kind: CreditKind,
    pub title: String,
    pub date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub sponsor: String,
    pub trainer: String,
    pub category: Category,
    pub amount: HalfCredits,
    pub units: Option<f64>,
    pub verification: Verification,
    pub event_id: Option<i64>,
    pub conference: String,
    pub notes: String,
    pub learned: String,
    pub plan_goal_id: Option<i64>,
}

/// Whether a credit entry is verified, by whom and when (days as
/// "2024-04-02" in JSON): kept with the entry and shown as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Verification {
    pub status: VerificationStatus,
    pub verified_by: Option<String>,
    pub verified_on: Option<NaiveDate>,
}

/// A credit's verification as typed (the fields of `Verification`):
/// shared by credit entries and self-directed activities.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VerificationInput {
    /// "pending" when empty.
    pub status: Option<String>,
    pub verified_by: Option<String>,
    /// Today when a verified credit gives no date.
    pub verified_on: Option<String>,
}

impl VerificationInput {
    /// Verified by `by`, today.
    pub fn verified(by: &str) -> Self {
        VerificationInput {
            status: Some(VerificationStatus::Verified.code().into()),
            verified_by: Some(by.into()),
            verified_on: None,
        }
    }

    /// Checks the status, the verifier and the date, each refusal under
    /// its field; a verified credit must name who verified it.
    fn check(&self, today: NaiveDate, errors: &mut Vec<FieldError>) -> Option<Verification> {
        let status = keep(
            errors,
            field::choice_or::<VerificationStatus>("status", self.status.as_deref(), "pending"),
        );
        let verified_by = text(&self.verified_by);
        let verified_on = field::kept_date(errors, "verified_on", self.verified_on.as_deref());
        if status == Some(VerificationStatus::Verified) && verified_by.is_empty() {
            errors.push(FieldError::new(
                "verified_by",
                "Name who verified the credit.",
            ));
        }
        let status = status?;
        Some(Verification {
            status,
            verified_by: Some(verified_by).filter(|s| !s.is_empty()),
            verified_on: verified_on.or((status == VerificationStatus::Verified).then_some(today)),
        })
    }
}

fn text(value: &Option<String>) -> String {
    value.as_deref().map(str::trim).unwrap_or("").to_string()
}

impl CreditEntryInput {
    /// Validates against the rules of domain.md; `today` keeps credit from
    /// being claimed in advance.
    pub fn validate(&self, today: NaiveDate) -> Result<CreditEntryDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        field::check_texts(
            &mut errors,
            &[
                ("title", &self.title),
                ("sponsor", self.sponsor.as_deref().unwrap_or("")),
                ("trainer", self.trainer.as_deref().unwrap_or("")),
                ("conference", self.conference.as_deref().unwrap_or("")),
                (
                    "verified_by",
                    self.verification.verified_by.as_deref().unwrap_or(""),
                ),
            ],
            &[
                ("notes", self.notes.as_deref().unwrap_or("")),
                ("learned", self.learned.as_deref().unwrap_or("")),
            ],
        );
        let kind = keep(
            &mut errors,
            field::choice_or::<CreditKind>("kind", self.kind.as_deref(), "independent"),
        );
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Enter what you learned: the event or course title.",
            ));
        }
        if self.person_id <= 0 {
            errors.push(FieldError::new("person_id", "Choose whose credit this is."));
        }
        let day = keep(&mut errors, field::date("date", &self.date));
        if let Some(d) = day {
            if d > today {
                errors.push(FieldError::new(
                    "date",
                    "Credit cannot be claimed in advance: the date is in the future.",
                ));
            }
        }
        let end_date = field::kept_date(&mut errors, "end_date", self.end_date.as_deref());
        keep(
            &mut errors,
            field::in_order(
                "end_date",
                day,
                end_date,
                "The end date is before the start date.",
            ),
        );
        if let (Some(_), Some(e)) = (day, end_date) {
            if e > today {
                errors.push(FieldError::new(
                    "end_date",
                    "Credit cannot be claimed in advance: the end date is in the future.",
                ));
            }
        }
        let category = keep(
            &mut errors,
            field::choice::<Category>("category", &self.category),
        );
        let amount = match (
            kind.and_then(CreditKind::credits_per_unit),
            self.units,
            self.credits,
        ) {
            (Some(per_unit), Some(units), _) => {
                if !(units.is_finite() && units > 0.0) {
                    errors.push(FieldError::new(
                        "units",
                        "Enter a positive number of units.",
                    ));
                    None
                } else {
                    keep(
                        &mut errors,
                        HalfCredits::from_credits(units * per_unit).map_err(|m| {
                            FieldError::new(
                                "units",
                                format!(
                                    "{} give {}: {m}",
                                    count_of(units, "unit", "units"),
                                    count_of(units * per_unit, "CE credit", "CE credits")
                                ),
                            )
                        }),
                    )
                }
            }
            (Some(_), None, None) => {
                errors.push(FieldError::new(
                    "units",
                    "Enter the college credits or the hours presented.",
                ));
                None
            }
            (_, _, Some(credits)) => keep(
                &mut errors,
                HalfCredits::from_credits(credits).map_err(|m| FieldError::new("credits", m)),
            ),
            (None, _, None) => {
                errors.push(FieldError::new(
                    "credits",
                    "Enter the credits (at least 0.5).",
                ));
                None
            }
        };
        if kind == Some(CreditKind::SelfDirected) && self.plan_goal_id.is_none() {
            errors.push(FieldError::new(
                "plan_goal_id",
                "A self-directed activity counts only toward the Strategic Track: name the plan goal it serves.",
            ));
        }
        if kind == Some(CreditKind::Event) && self.event_id.is_none() {
            errors.push(FieldError::new(
                "event_id",
                "Choose the catalog event attended.",
            ));
        }
        let verification = self.verification.check(today, &mut errors);
        match (kind, verification, day, category, amount) {
            (Some(kind), Some(verification), Some(date), Some(category), Some(amount))
                if errors.is_empty() =>
            {
                Ok(CreditEntryDraft {
                    person_id: self.person_id,
                    kind,
                    title,
                    date,
                    end_date,
                    sponsor: text(&self.sponsor),
                    trainer: text(&self.trainer),
                    category,
                    amount,
                    units: self.units.filter(|_| kind.credits_per_unit().is_some()),
                    verification,
                    event_id: self.event_id,
                    conference: text(&self.conference),
                    notes: text(&self.notes),
                    learned: text(&self.learned),
                    plan_goal_id: self.plan_goal_id,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Filters of the ledger view, as typed; dates are "YYYY-MM-DD".
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LedgerFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub category: Option<String>,
    pub kind: Option<String>,
    pub status: Option<String>,
}

/// A ledger filter, checked: which entries the ledger view lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CreditFilter {
    pub days: DayRange,
    pub category: Option<Category>,
    pub kind: Option<CreditKind>,
    pub status: Option<VerificationStatus>,
}

impl LedgerFilter {
    /// Each refusal under its field; empty filters narrow nothing.
    pub fn check(&self) -> Result<CreditFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let filter = CreditFilter {
            days: DayRange::typed(&mut errors, self.from.as_deref(), self.to.as_deref()),
            category: field::kept_filter(&mut errors, "category", self.category.as_deref()),
            kind: field::kept_filter(&mut errors, "kind", self.kind.as_deref()),
            status: field::kept_filter(&mut errors, "status", self.status.as_deref()),
        };
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(errors)
        }
    }
}

impl CreditFilter {
    /// Whether the ledger view lists this entry: dated within the days, and
    /// of the category, kind and status asked for.
    pub fn admits(&self, entry: &CreditEntryDraft) -> bool {
        self.days.contains(entry.date)
            && self.category.is_none_or(|c| entry.category == c)
            && self.kind.is_none_or(|k| entry.kind == k)
            && self.status.is_none_or(|s| entry.verification.status == s)
    }
}

/// The credit of the listed entries, per category code and in all; denied
/// credit is listed but does not count.
pub fn listed_totals<'a>(
    entries: impl IntoIterator<Item = &'a CreditEntryDraft>,
) -> (BTreeMap<String, f64>, f64) {
    let mut totals = BTreeMap::new();
    let mut total = 0.0;
    let counted = entries
        .into_iter()
        .filter(|e| e.verification.status != VerificationStatus::Denied);
    for entry in counted {
        let credits = entry.amount.as_credits();
        *totals
            .entry(entry.category.code().to_string())
            .or_insert(0.0) += credits;
        total += credits;
    }
    (totals, total)
}

/// Kinds of learning MSL does not accept: said as a warning, not an error,
/// since a title can mislead.
pub fn eligibility_warnings(
    draft: &CreditEntryDraft,
    event_type: Option<&str>,
    event_date: Option<NaiveDate>,
) -> Vec<String> {
    let title = draft.title.to_lowercase();
    let mut warnings = Vec::new();
    let said = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if event_type == Some("meeting")
        || said(&["business meeting", "board meeting", "staff meeting"])
    {
        warnings.push("Business meetings are not eligible for CE credit.".to_string());
    }
    if said(&["cpr", "first aid"]) {
        warnings.push("CPR and first-aid training are not eligible for CE credit.".into());
    }
    if said(&["orientation"]) {
        warnings.push("Orientations are not eligible for CE credit.".into());
    }
    if said(&["author talk", "author visit", "book signing"]) {
        warnings.push("Author talks are not eligible for CE credit.".into());
    }
    if said(&["vendor demo", "product demo", "vendor presentation"]) {
        warnings.push("Vendor demonstrations are not eligible for CE credit.".into());
    }
    let archived =
        said(&["archived", "recorded webinar", "recording"]) || event_type == Some("webinar");
    if archived {
        if let Some(held) = event_date {
            if (draft.date - held).num_days() > 365 {
                warnings.push(
                    "Archived webinars more than a year old are not eligible for CE credit.".into(),
                );
            }
        }
    }
    warnings
}

impl Tracked for CreditEntryDraft {
    fn tracked_fields(&self) -> Vec<(&'static str, String)> {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            ("Person", format!("#{}", self.person_id)),
            ("Kind", self.kind.label().into()),
            (
                "Event",
                self.event_id.map(|e| format!("#{e}")).unwrap_or_default(),
            ),
            (
                "Units",
                self.units.map(|u| u.to_string()).unwrap_or_default(),
            ),
            ("Title", self.title.clone()),
            ("Date", self.date.to_string()),
            ("End date", day(self.end_date)),
            ("Sponsor", self.sponsor.clone()),
            ("Trainer", self.trainer.clone()),
            ("Category", self.category.label().into()),
            ("Credits", self.amount.to_string()),
            ("Status", self.verification.status.label().into()),
            (
                "Verified by",
                self.verification.verified_by.clone().unwrap_or_default(),
            ),
            ("Verified on", day(self.verification.verified_on)),
            ("Conference", self.conference.clone()),
            ("Notes", self.notes.clone()),
            ("What was learned", self.learned.clone()),
            (
                "Plan goal",
                self.plan_goal_id
                    .map(|g| format!("#{g}"))
                    .unwrap_or_default(),
            ),
        ]
    }
}

/// A ledger entry as shown.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CreditEntry {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: CreditKind,
    pub kind_label: String,
    pub title: String,
    pub date: String,
    pub end_date: Option<String>,
    pub sponsor: String,
    pub trainer: String,
    pub category: Category,
    pub category_label: String,
    pub credits: f64,
    pub units: Option<f64>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub verification: Verification,
    pub status_label: String,
    #[ts(type = "number | null")]
    pub event_id: Option<i64>,
    pub conference: String,
    pub notes: String,
    pub learned: String,
    #[ts(type = "number | null")]
    pub plan_goal_id: Option<i64>,
    /// Warnings from the eligibility rules, when saved.
    pub warnings: Vec<String>,
}

impl CreditEntry {
    pub fn new(id: i64, d: &CreditEntryDraft, warnings: Vec<String>) -> CreditEntry {
        CreditEntry {
            id,
            person_id: d.person_id,
            kind: d.kind,
            kind_label: d.kind.label().into(),
            title: d.title.clone(),
            date: d.date.to_string(),
            end_date: d.end_date.map(|x| x.to_string()),
            sponsor: d.sponsor.clone(),
            trainer: d.trainer.clone(),
            category: d.category,
            category_label: d.category.label().into(),
            credits: d.amount.as_credits(),
            units: d.units,
            verification: d.verification.clone(),
            status_label: d.verification.status.label().into(),
            event_id: d.event_id,
            conference: d.conference.clone(),
            notes: d.notes.clone(),
            learned: d.learned.clone(),
            plan_goal_id: d.plan_goal_id,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("date")
    }

    fn independent() -> CreditEntryInput {
        CreditEntryInput {
            person_id: 1,
            kind: Some("independent".into()),
            title: "Weeding webinar".into(),
            date: "2026-03-14".into(),
            category: "CMTS".into(),
            credits: Some(1.5),
            ..Default::default()
        }
    }

    fn fields(input: &CreditEntryInput) -> Vec<String> {
        crate::error::refused_fields(input.validate(today()))
    }

    #[test]
    fn the_ledger_filter_lists_by_day_category_kind_and_status() {
        use serde_json::json;
        let entry = independent().validate(today()).expect("valid");
        let cases = [
            (json!({}), true),
            (json!({"from": "2026-03-14", "to": "2026-03-14"}), true),
            (json!({"from": "2026-03-15"}), false),
            (json!({"to": "2026-03-13"}), false),
            (
                json!({"category": "CMTS", "kind": "Independent learning"}),
                true,
            ),
            (json!({"category": "LA"}), false),
            (json!({"status": "pending"}), true),
            (json!({"status": "verified"}), false),
        ];
        for (typed, listed) in cases {
            let filter: LedgerFilter = serde_json::from_value(typed.clone()).expect("json");
            let checked = filter.check().expect("valid filter");
            assert_eq!(checked.admits(&entry), listed, "{typed}");
        }
        let bad: LedgerFilter =
            serde_json::from_value(json!({"from": "14/03/2026", "kind": "podcast"})).expect("json");
        assert_eq!(crate::error::refused_fields(bad.check()), ["from", "kind"]);
        let reversed: LedgerFilter =
            serde_json::from_value(json!({"from": "2026-03-15", "to": "2026-03-14"}))
                .expect("json");
        assert_eq!(crate::error::refused_fields(reversed.check()), ["to"]);
    }

    #[test]
    fn denied_credit_is_listed_but_not_totalled() {
        let cmts = independent().validate(today()).expect("valid");
        let mut denied = CreditEntryInput {
            category: "LA".into(),
            ..independent()
        };
        denied.verification.status = Some("denied".into());
        let denied = denied.validate(today()).expect("valid");
        assert!(CreditFilter::default().admits(&denied), "listed");
        let (totals, total) = listed_totals([&cmts, &denied, &cmts]);
        assert_eq!(totals.get("CMTS"), Some(&3.0));
        assert_eq!(totals.get("LA"), None);
        assert_eq!(total, 3.0);
    }

    #[test]
    fn no_credit_in_advance_and_dates_in_order() {
        let mut input = independent();
        input.date = "2026-11-30".into();
        assert_eq!(fields(&input), ["date"]);
        input.date = "2026-11-29".into();
        assert!(input.validate(today()).is_ok(), "today is fine");
        input.end_date = Some("2026-11-28".into());
        assert_eq!(fields(&input), ["end_date"]);
    }

    #[test]
    fn credits_come_in_half_steps_in_a_known_category() {
        let mut input = independent();
        input.credits = Some(0.3);
        input.category = "Cooking".into();
        assert_eq!(fields(&input), ["category", "credits"]);
    }

    #[test]
    fn college_and_presenting_credits_come_from_units() {
        let table = [
            ("college_semester", 3.0, Some(HalfCredits(24))),
            ("college_quarter", 3.0, Some(HalfCredits(12))),
            ("presenter", 1.5, Some(HalfCredits(6))),
            ("presenter", 0.1, None),
            ("college_semester", -1.0, None),
        ];
        for (kind, units, expected) in table {
            let input = CreditEntryInput {
                kind: Some(kind.into()),
                units: Some(units),
                credits: None,
                ..independent()
            };
            assert_eq!(
                input.validate(today()).ok().map(|d| d.amount),
                expected,
                "{kind} {units}"
            );
        }
        let tenth = CreditEntryInput {
            kind: Some("presenter".into()),
            units: Some(0.1),
            credits: None,
            ..independent()
        };
        let refused = tenth.validate(today()).expect_err("0.2 credits");
        assert!(
            refused[0]
                .message
                .starts_with("0.1 units give 0.2 CE credits: "),
            "{}",
            refused[0].message
        );
    }

    #[test]
    fn a_kind_tied_to_a_record_names_that_record() {
        // (kind, the field it cannot do without)
        for (kind, field) in [("self_directed", "plan_goal_id"), ("event", "event_id")] {
            let input = CreditEntryInput {
                kind: Some(kind.into()),
                ..independent()
            };
            assert_eq!(fields(&input), [field], "{kind}");
        }
        let input = CreditEntryInput {
            kind: Some("self_directed".into()),
            plan_goal_id: Some(3),
            ..independent()
        };
        assert!(input.validate(today()).is_ok());
    }

    #[test]
    fn ineligible_kinds_are_warned_about() {
        let draft = |title: &str| {
            CreditEntryInput {
                title: title.into(),
                ..independent()
            }
            .validate(today())
            .expect("valid")
        };
        assert_eq!(
            eligibility_warnings(&draft("CPR certification"), None, None).len(),
            1
        );
        assert_eq!(
            eligibility_warnings(&draft("Library board meeting"), None, None).len(),
            1
        );
        assert_eq!(
            eligibility_warnings(&draft("New staff orientation"), None, None).len(),
            1
        );
        assert_eq!(
            eligibility_warnings(&draft("Vendor demo: new ILS"), None, None).len(),
            1
        );
        assert!(eligibility_warnings(&draft("Weeding webinar"), None, None).is_empty());
        let old = NaiveDate::from_ymd_opt(2024, 1, 10).expect("date");
        assert_eq!(
            eligibility_warnings(&draft("Weeding webinar"), Some("webinar"), Some(old)).len(),
            1
        );
        let recent = NaiveDate::from_ymd_opt(2026, 1, 10).expect("date");
        assert!(
            eligibility_warnings(&draft("Weeding webinar"), Some("webinar"), Some(recent))
                .is_empty()
        );
    }
}
