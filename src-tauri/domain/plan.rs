//! The Strategic Track's professional development plan: goals tied to the
//! library's strategic goals, versions, the review workflow, and the plan
//! document's file type (checked by content, not by name).

use super::step::{check_allowed, WorkflowStatus};
pub use super::vocabulary::PlanStatus;
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The review steps allowed from a status; an accepted plan, or one sent
/// back for revision, changes only through a new version.
impl WorkflowStatus for PlanStatus {
    fn next_statuses(self) -> &'static [PlanStatus] {
        use PlanStatus::*;
        match self {
            Draft => &[Submitted],
            Submitted => &[Accepted, RevisionRequested],
            Accepted | RevisionRequested => &[],
        }
    }
}

impl PlanStatus {
    /// Only a draft takes new documents: what was submitted is what is
    /// reviewed (a new version is a new draft).
    pub fn takes_documents(self) -> bool {
        self == PlanStatus::Draft
    }
}

/// Refuses a document for a plan that is no longer a draft.
pub fn check_takes_documents(status: PlanStatus) -> Result<(), FieldError> {
    if status.takes_documents() {
        return Ok(());
    }
    Err(FieldError::new(
        "status",
        format!(
            "This plan is \"{}\": documents can be added only to a draft. Start a new version to change it.",
            status.label()
        ),
    ))
}

/// A review step's date: not in the future, and not before the plan was
/// submitted.
pub fn check_review_date(
    next: PlanStatus,
    date: NaiveDate,
    today: NaiveDate,
    submitted_on: Option<NaiveDate>,
) -> Result<(), FieldError> {
    if next == PlanStatus::Draft {
        return Ok(());
    }
    if date > today {
        return Err(FieldError::new(
            "date",
            format!("{date} is in the future: record a review step on the day it happened."),
        ));
    }
    match submitted_on {
        Some(submitted) if next != PlanStatus::Submitted && date < submitted => {
            Err(FieldError::new(
                "date",
                format!("{date} is before the plan was submitted ({submitted})."),
            ))
        }
        _ => Ok(()),
    }
}

/// Plan documents may be at most this large.
pub const MAX_PLAN_BYTES: u64 = 25 * 1024 * 1024;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PlanGoalInput {
    #[ts(type = "number | null")]
    pub id: Option<i64>,
    #[ts(type = "number")]
    pub strategic_goal_id: i64,
    pub objective: String,
    pub activities: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PlanInput {
    #[ts(type = "number")]
    pub enrollment_id: i64,
    pub goals: Vec<PlanGoalInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanGoalDraft {
    pub strategic_goal_id: i64,
    pub objective: String,
    pub activities: String,
    pub evidence: String,
}

impl PlanInput {
    pub fn validate(&self) -> Result<Vec<PlanGoalDraft>, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.enrollment_id <= 0 {
            errors.push(FieldError::new(
                "enrollment_id",
                "Choose the Strategic Track enrollment the plan belongs to.",
            ));
        }
        let mut goals = Vec::new();
        for (i, g) in self.goals.iter().enumerate() {
            for (name, value) in [
                ("objective", &g.objective),
                ("activities", &g.activities),
                ("evidence", &g.evidence),
            ] {
                super::field::keep(
                    &mut errors,
                    super::field::text(&format!("goals[{i}].{name}"), value),
                );
            }
            if g.strategic_goal_id <= 0 {
                errors.push(FieldError::new(
                    format!("goals[{i}].strategic_goal_id"),
                    "Choose the library's strategic goal this goal serves.",
                ));
            }
            if g.objective.trim().is_empty() {
                errors.push(FieldError::new(
                    format!("goals[{i}].objective"),
                    "Say what you want to learn or achieve.",
                ));
            }
            goals.push(PlanGoalDraft {
                strategic_goal_id: g.strategic_goal_id,
                objective: g.objective.trim().into(),
                activities: g.activities.trim().into(),
                evidence: g.evidence.trim().into(),
            });
        }
        if errors.is_empty() {
            Ok(goals)
        } else {
            Err(errors)
        }
    }
}

/// Checks a review step: submit (needs goals), accept (needs who), request a
/// revision (needs the request's text).
pub fn check_transition(
    current: PlanStatus,
    next: PlanStatus,
    goal_count: usize,
    by: Option<&str>,
    request: Option<&str>,
) -> Result<(), FieldError> {
    use PlanStatus::*;
    check_allowed(
        current,
        next,
        "A plan",
        "; start a new version to change it.",
    )?;
    if next == Submitted && goal_count == 0 {
        return Err(FieldError::new(
            "goals",
            "Add at least one goal before submitting the plan.",
        ));
    }
    if next == Accepted && by.map(str::trim).unwrap_or("").is_empty() {
        return Err(FieldError::new("by", "Name who accepted the plan."));
    }
    if next == RevisionRequested && request.map(str::trim).unwrap_or("").is_empty() {
        return Err(FieldError::new("request", "Say what should be revised."));
    }
    Ok(())
}

/// The plan document's kind, judged by its bytes: PDF, DOCX or ODT.
pub fn document_kind(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let kind = infer::get(bytes)?;
    match kind.extension() {
        "pdf" => Some(("pdf", "application/pdf")),
        "docx" => Some((
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )),
        "odt" => Some(("odt", "application/vnd.oasis.opendocument.text")),
        _ => None,
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanGoal {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub strategic_goal_id: i64,
    pub strategic_goal_text: String,
    pub objective: String,
    pub activities: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanDocument {
    #[ts(type = "number")]
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
    pub uploaded_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct PlanVersion {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub version: i64,
    pub status: PlanStatus,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Plan {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub enrollment_id: i64,
    #[ts(type = "number")]
    pub version: i64,
    pub status: PlanStatus,
    pub status_label: String,
    /// The review steps this version may take now.
    pub next_statuses: Vec<PlanStatus>,
    /// Days as "2025-02-01" in JSON.
    pub submitted_on: Option<NaiveDate>,
    pub accepted_on: Option<NaiveDate>,
    pub accepted_by: Option<String>,
    pub revision_request: Option<String>,
    pub goals: Vec<PlanGoal>,
    pub documents: Vec<PlanDocument>,
    /// Every version of this enrollment's plan, oldest first.
    pub versions: Vec<PlanVersion>,
}

/// The first submission date among a plan's versions: credit dated before it
/// does not count toward the Strategic Track.
pub fn first_submission(dates: &[Option<NaiveDate>]) -> Option<NaiveDate> {
    dates.iter().flatten().min().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_draft_takes_documents() {
        assert!(check_takes_documents(PlanStatus::Draft).is_ok());
        for status in [
            PlanStatus::Submitted,
            PlanStatus::Accepted,
            PlanStatus::RevisionRequested,
        ] {
            let err = check_takes_documents(status).expect_err("not a draft");
            assert_eq!(err.field, "status");
        }
    }

    #[test]
    fn review_dates_follow_the_submission_and_are_not_in_the_future() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
        let today = d("2026-06-01");
        assert!(check_review_date(PlanStatus::Submitted, d("2026-05-01"), today, None).is_ok());
        assert_eq!(
            check_review_date(PlanStatus::Submitted, d("2026-06-02"), today, None)
                .map_err(|e| e.field),
            Err("date".to_string())
        );
        let submitted = Some(d("2026-05-01"));
        assert!(
            check_review_date(PlanStatus::Accepted, d("2026-04-30"), today, submitted).is_err()
        );
        assert!(check_review_date(PlanStatus::Accepted, d("2026-05-01"), today, submitted).is_ok());
        assert!(check_review_date(
            PlanStatus::RevisionRequested,
            d("2026-05-20"),
            today,
            submitted
        )
        .is_ok());
    }

    #[test]
    fn next_statuses_are_exactly_the_steps_check_transition_accepts() {
        for &from in PlanStatus::ALL {
            for &to in PlanStatus::ALL {
                let offered = from.next_statuses().contains(&to);
                let taken =
                    check_transition(from, to, 1, Some("Coordinator"), Some("More detail")).is_ok();
                assert_eq!(offered, taken, "{from:?} -> {to:?}");
            }
        }
        assert_eq!(PlanStatus::Draft.next_statuses(), &[PlanStatus::Submitted]);
        assert!(PlanStatus::Accepted.next_statuses().is_empty());
    }

    #[test]
    fn plans_need_goals_tied_to_strategic_goals_with_an_objective() {
        let input = PlanInput {
            enrollment_id: 1,
            goals: vec![PlanGoalInput {
                strategic_goal_id: 0,
                objective: " ".into(),
                ..Default::default()
            }],
        };
        assert_eq!(
            crate::error::refused_fields(input.validate()),
            ["goals[0].strategic_goal_id", "goals[0].objective"]
        );
    }

    #[test]
    fn the_review_goes_draft_submitted_then_accepted_or_revision() {
        use PlanStatus::*;
        assert_eq!(
            check_transition(Draft, Submitted, 0, None, None)
                .unwrap_err()
                .field,
            "goals"
        );
        assert!(check_transition(Draft, Submitted, 2, None, None).is_ok());
        assert_eq!(
            check_transition(Submitted, Accepted, 2, Some(" "), None)
                .unwrap_err()
                .field,
            "by"
        );
        assert!(check_transition(Submitted, Accepted, 2, Some("MSL"), None).is_ok());
        assert_eq!(
            check_transition(Submitted, RevisionRequested, 2, None, None)
                .unwrap_err()
                .field,
            "request"
        );
        assert_eq!(
            check_transition(Accepted, Draft, 2, None, None)
                .unwrap_err()
                .field,
            "status"
        );
    }

    #[test]
    fn documents_are_judged_by_content() {
        assert_eq!(
            document_kind(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj").map(|k| k.0),
            Some("pdf")
        );
        assert_eq!(document_kind(b"Just text pretending to be a PDF"), None);
        assert_eq!(
            document_kind(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            None,
            "an image is not a plan"
        );
    }

    #[test]
    fn the_first_submission_counts() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        assert_eq!(
            first_submission(&[None, d("2025-03-01"), d("2025-01-15")]),
            d("2025-01-15")
        );
        assert_eq!(first_submission(&[None]), None);
    }
}
