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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::PlanStatus;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a test date")
    }

    fn refused(input: &StepInput) -> Vec<String> {
        let errors = input
            .validate::<PlanStatus>(day("2025-03-01"))
            .expect_err("refused");
        errors.into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_step_reads_its_status_date_and_name() {
        let input = StepInput {
            status: "accepted".into(),
            date: Some(" 2025-02-14 ".into()),
            by: Some("Dahl, Jonas".into()),
        };
        let step = input.validate::<PlanStatus>(day("2025-03-01"));
        assert_eq!(
            step,
            Ok(Step {
                status: PlanStatus::Accepted,
                date: day("2025-02-14"),
                by: Some("Dahl, Jonas".into()),
            })
        );
    }

    #[test]
    fn an_empty_date_is_today() {
        for date in [None, Some(String::new()), Some("  ".into())] {
            let input = StepInput {
                date,
                ..StepInput::to("submitted")
            };
            let step = input.validate::<PlanStatus>(day("2025-03-01"));
            assert_eq!(step.map(|s| s.date), Ok(day("2025-03-01")));
        }
    }

    #[test]
    fn every_bad_field_is_named_at_once() {
        let input = StepInput {
            status: "approved".into(),
            date: Some("14/02/2025".into()),
            by: Some("Dahl\u{7}".into()),
        };
        assert_eq!(refused(&input), ["status", "date", "by"]);
        let only_date = StepInput {
            date: Some("2025-02-30".into()),
            ..StepInput::to("submitted")
        };
        assert_eq!(refused(&only_date), ["date"]);
        let only_by = StepInput {
            by: Some("x".repeat(field::LINE_MAX_CHARS + 1)),
            ..StepInput::to("accepted")
        };
        assert_eq!(refused(&only_by), ["by"]);
    }
}
