//! One step of a review workflow: a credit's verification, an enrollment's
//! certification steps and a plan's review all move a record to a status,
//! on a day, by someone. The step is typed or sent as text and checked here.

use super::field::{self, ChoiceList};
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

/// A workflow step as typed or sent: the status to move to, the day it
/// happened (today when left empty) and who took it (a verifier, a reviewer).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(default)]
pub struct StepInput {
    pub status: String,
    pub date: Option<String>,
    pub by: Option<String>,
}

/// A checked step: the status from its record's own closed list. Whether a
/// step needs `by`, or may happen on `date`, is the record's rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<S> {
    pub status: S,
    pub date: NaiveDate,
    pub by: Option<String>,
}

impl StepInput {
    /// A step with no date or name given.
    pub fn to(status: &str) -> Self {
        StepInput {
            status: status.into(),
            ..Default::default()
        }
    }

    /// Checks every field at once, naming each refused one (`status`,
    /// `date`, `by`); an empty date is `today`.
    pub fn validate<S: ChoiceList>(&self, today: NaiveDate) -> Result<Step<S>, Vec<FieldError>> {
        let mut errors = Vec::new();
        let status = field::keep(&mut errors, field::choice::<S>("status", &self.status));
        let date = field::keep(
            &mut errors,
            field::optional_date("date", self.date.as_deref()),
        );
        field::keep(
            &mut errors,
            field::line("by", self.by.as_deref().unwrap_or("")),
        );
        match (status, date) {
            (Some(status), Some(date)) if errors.is_empty() => Ok(Step {
                status,
                date: date.unwrap_or(today),
                by: self.by.clone(),
            }),
            _ => Err(errors),
        }
    }
}

/// The status of a record that moves through a review workflow.
pub trait WorkflowStatus: ChoiceList + PartialEq {
    /// The steps allowed from this status.
    fn next_statuses(self) -> &'static [Self];
}

/// Refuses, under `status`, a step `current` may not take: "`record` that is
/// "Submitted" cannot become "Draft"", then `instead` (what to do, or ".").
pub fn check_allowed<S: WorkflowStatus>(
    current: S,
    next: S,
    record: &str,
    instead: &str,
) -> Result<(), FieldError> {
    if current.next_statuses().contains(&next) {
        return Ok(());
    }
    Err(FieldError::new(
        "status",
        format!(
            "{record} that is \"{}\" cannot become \"{}\"{instead}",
            current.label(),
            next.label()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::PlanStatus;
    use crate::error::refused_fields;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a test date")
    }

    fn input(status: &str, date: Option<&str>, by: Option<&str>) -> StepInput {
        StepInput {
            status: status.into(),
            date: date.map(String::from),
            by: by.map(String::from),
        }
    }

    /// A plan's review step, checked on 2025-03-01.
    fn plan_step(input: StepInput) -> Result<Step<PlanStatus>, Vec<FieldError>> {
        input.validate(day("2025-03-01"))
    }

    #[test]
    fn a_step_reads_its_status_date_and_name() {
        let step = plan_step(input("accepted", Some(" 2025-02-14 "), Some("Dahl, Jonas")));
        let expected = Step {
            status: PlanStatus::Accepted,
            date: day("2025-02-14"),
            by: Some("Dahl, Jonas".into()),
        };
        assert_eq!(step, Ok(expected));
    }

    #[test]
    fn an_empty_date_is_today() {
        for date in [None, Some(""), Some("  ")] {
            let step = plan_step(input("submitted", date, None));
            assert_eq!(step.map(|s| s.date), Ok(day("2025-03-01")));
        }
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let all_bad = input("approved", Some("14/02/2025"), Some("Dahl\u{7}"));
        assert_eq!(refused_fields(plan_step(all_bad)), ["status", "date", "by"]);
        let no_such_day = input("submitted", Some("2025-02-30"), None);
        assert_eq!(refused_fields(plan_step(no_such_day)), ["date"]);
        let long_name = "x".repeat(field::LINE_MAX_CHARS + 1);
        let too_long = input("accepted", None, Some(&long_name));
        assert_eq!(refused_fields(plan_step(too_long)), ["by"]);
    }
}
