//! The rules around an enrollment: who may enroll in a track, its due date,
//! the dates of a certificate held already,
//! the date progress is measured on, who counts as a trustee, and which
//! categories an upcoming event must offer to close the gap.

use super::{EnrollmentStatus, Progress, Track, WorkflowDates};
use crate::domain::credits::Category;
use crate::domain::directory::PositionType;
use crate::error::FieldError;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// An enrollment in a track, as shown: its days (as "2025-02-01" in JSON),
/// where it is in the workflow and the steps it may take next.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Enrollment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub track_code: String,
    pub track_name: String,
    pub start_date: NaiveDate,
    pub due_date: NaiveDate,
    pub status: EnrollmentStatus,
    pub status_label: String,
    /// The workflow steps this enrollment may take next.
    pub next_statuses: Vec<EnrollmentStatus>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub dates: WorkflowDates,
}

/// A track that requires a plan (the Strategic Track) is for renewing
/// librarians only: the person must hold a certificate issued through
/// another track. `held` is every enrollment of theirs (track code, status).
pub fn check_may_enroll<'a>(
    track: &Track,
    held: impl IntoIterator<Item = (&'a str, EnrollmentStatus)>,
) -> Result<(), FieldError> {
    if !track.requires_plan {
        return Ok(());
    }
    let renewing = held.into_iter().any(|(code, status)| {
        code != track.code && matches!(status, EnrollmentStatus::Issued | EnrollmentStatus::Expired)
    });
    if renewing {
        Ok(())
    } else {
        Err(FieldError::new(
            "track",
            "The Strategic Track is only for renewing librarians: this person holds no MSL certificate issued through another track.",
        ))
    }
}

/// The due date of an enrollment starting on `start`: one period later.
pub fn due_date(track: &Track, start: NaiveDate) -> Result<NaiveDate, FieldError> {
    start
        .checked_add_months(Months::new(12 * track.period_years))
        .ok_or_else(|| FieldError::new("start", "That start date is out of range."))
}

/// The date progress is measured on: the submission date once submitted;
/// before that, today, but never past the due date (credit after it belongs
/// to the next period).
pub fn as_of(
    status: EnrollmentStatus,
    submitted_on: Option<NaiveDate>,
    due: Option<NaiveDate>,
    today: NaiveDate,
) -> NaiveDate {
    match (status, submitted_on) {
        (EnrollmentStatus::InProgress, _) => due.map_or(today, |due| today.min(due)),
        (_, None) => today,
        (_, Some(submitted)) => submitted,
    }
}

/// An enrollment still running (not issued, not expired) has a due date to
/// meet and reminders to give.
pub fn is_open(status: EnrollmentStatus) -> bool {
    !matches!(status, EnrollmentStatus::Issued | EnrollmentStatus::Expired)
}

/// A trustee (for the tracks' lower trustee totals) holds an active trustee
/// or board chair position. `active_positions` are the types of the person's
/// active positions.
pub fn counts_as_trustee(active_positions: &[PositionType]) -> bool {
    active_positions
        .iter()
        .any(|p| matches!(p, PositionType::Trustee | PositionType::BoardChair))
}

/// The categories an upcoming event must offer to close the gap: those still
/// below their minimum; with every minimum met, any category (the total is
/// what is left). Nothing once complete.
pub fn gap_categories(progress: &Progress) -> Vec<Category> {
    if progress.complete {
        return Vec::new();
    }
    let short: Vec<Category> = Category::ALL
        .iter()
        .copied()
        .filter(|c| {
            progress
                .categories
                .get(c.code())
                .is_some_and(|cp| cp.earned < cp.required)
        })
        .collect();
    if short.is_empty() {
        Category::ALL.to_vec()
    } else {
        short
    }
}

/// A certificate held already (issued outside Aspen Desk on `issued`): the
/// period that earned it (`issued` minus one period) and its expiry (one
/// period later). Refused when issued in the future.
pub fn held_certificate_dates(
    track: &Track,
    issued: NaiveDate,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), FieldError> {
    if issued > today {
        return Err(FieldError::new(
            "issued",
            "A certificate held already cannot be issued in the future.",
        ));
    }
    let period = Months::new(12 * track.period_years);
    let out_of_range = || FieldError::new("issued", "That date is out of range.");
    let start = issued.checked_sub_months(period).ok_or_else(out_of_range)?;
    let expires = issued.checked_add_months(period).ok_or_else(out_of_range)?;
    Ok((start, expires))
}

#[cfg(test)]
mod tests {
    use super::super::{CategoryProgress, CreditTotals};
    use super::*;
    use EnrollmentStatus::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn track(code: &str, requires_plan: bool) -> Track {
        Track {
            code: code.into(),
            program: "2023".into(),
            name: code.into(),
            audience: "staff".into(),
            total: crate::domain::credits::HalfCredits(120),
            trustee_total: None,
            minimums: Vec::new(),
            period_years: 4,
            requires_plan,
            summary: String::new(),
        }
    }

    #[test]
    fn only_renewing_librarians_may_enroll_in_the_strategic_track() {
        let strategic = track("strategic", true);
        assert!(check_may_enroll(&strategic, []).is_err());
        assert!(check_may_enroll(&strategic, [("2023-staff", InProgress)]).is_err());
        assert!(check_may_enroll(&strategic, [("strategic", Issued)]).is_err());
        assert!(check_may_enroll(&strategic, [("2023-staff", Issued)]).is_ok());
        assert!(check_may_enroll(&strategic, [("2009-staff", Expired)]).is_ok());
        let refused = check_may_enroll(&strategic, []).expect_err("refused");
        assert_eq!(refused.field, "track");
        assert!(check_may_enroll(&track("2023-staff", false), []).is_ok());
    }

    #[test]
    fn a_held_certificate_expires_one_period_after_issue_and_is_never_issued_in_the_future() {
        let staff = track("2009-staff", false);
        let today = d("2026-11-30");
        assert_eq!(
            held_certificate_dates(&staff, d("2024-02-29"), today),
            Ok((d("2020-02-29"), d("2028-02-29")))
        );
        assert!(held_certificate_dates(&staff, today, today).is_ok());
        let future = held_certificate_dates(&staff, d("2026-12-01"), today).expect_err("future");
        assert_eq!(future.field, "issued");
        assert!(held_certificate_dates(&staff, NaiveDate::MIN, today).is_err());
    }

    #[test]
    fn the_due_date_is_one_period_after_the_start() {
        let staff = track("2023-staff", false);
        assert_eq!(due_date(&staff, d("2024-02-29")), Ok(d("2028-02-29")));
        assert_eq!(due_date(&staff, d("2025-01-31")), Ok(d("2029-01-31")));
        assert!(due_date(&staff, NaiveDate::MAX).is_err());
    }

    #[test]
    fn progress_is_measured_on_submission_or_today_but_never_past_the_due_date() {
        let today = d("2026-11-29");
        assert_eq!(as_of(InProgress, None, Some(d("2027-01-01")), today), today);
        assert_eq!(
            as_of(InProgress, None, Some(d("2026-06-30")), today),
            d("2026-06-30")
        );
        assert_eq!(as_of(InProgress, None, None, today), today);
        assert_eq!(
            as_of(
                Submitted,
                Some(d("2026-01-01")),
                Some(d("2026-06-30")),
                today
            ),
            d("2026-01-01")
        );
        assert_eq!(as_of(Issued, None, None, today), today);
        assert!(is_open(InProgress) && is_open(CoordinatorReview));
        assert!(!is_open(Issued) && !is_open(Expired));
    }

    #[test]
    fn trustees_hold_an_active_trustee_or_board_chair_position() {
        assert!(counts_as_trustee(&[
            PositionType::Director,
            PositionType::BoardChair
        ]));
        assert!(counts_as_trustee(&[PositionType::Trustee]));
        assert!(!counts_as_trustee(&[PositionType::Director]));
        assert!(!counts_as_trustee(&[]));
    }

    fn progress(complete: bool, categories: &[(&str, f64, f64)]) -> Progress {
        Progress {
            track_code: "2023-staff".into(),
            track_name: "Staff".into(),
            as_of: "2026-11-29".into(),
            window_start: "2022-11-29".into(),
            categories: categories
                .iter()
                .map(|(code, required, earned)| {
                    let cp = CategoryProgress {
                        label: code.to_string(),
                        required: *required,
                        earned: *earned,
                    };
                    (code.to_string(), cp)
                })
                .collect(),
            totals: CreditTotals {
                electives: 0.0,
                total_required: 60.0,
                total_earned: 0.0,
                pending: 0.0,
                missing: Vec::new(),
            },
            complete,
            specializations: Vec::new(),
            entry_count: 0,
            counted_count: 0,
        }
    }

    #[test]
    fn events_close_the_gap_in_the_categories_still_short() {
        let short = progress(
            false,
            &[("LA", 10.0, 4.0), ("LSP", 10.0, 12.0), ("TECH", 5.0, 0.0)],
        );
        assert_eq!(gap_categories(&short), vec![Category::LA, Category::TECH]);
        let only_total = progress(false, &[("LA", 10.0, 10.0)]);
        assert_eq!(gap_categories(&only_total), Category::ALL.to_vec());
        let done = progress(true, &[("LA", 10.0, 4.0)]);
        assert!(gap_categories(&done).is_empty());
    }
}
