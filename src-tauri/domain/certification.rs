//! Certification: tracks (data), the evaluation of a person's ledger against
//! a track, the workflow, and reminders. Pure: no IO.

mod enrollment;
pub use enrollment::{
    as_of, check_may_enroll, counts_as_trustee, due_date, gap_categories, held_certificate_dates,
    is_open, Enrollment,
};

use super::count_of;
use super::credits::{Category, HalfCredits};
use super::ledger::{CreditKind, VerificationStatus};
use super::step::{check_allowed, WorkflowStatus};
pub use super::vocabulary::EnrollmentStatus;
use crate::error::FieldError;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// The workflow steps allowed from a status: forward one at a time; a
/// submitted application, or one under review, can go back to "in progress".
impl WorkflowStatus for EnrollmentStatus {
    fn next_statuses(self) -> &'static [EnrollmentStatus] {
        use EnrollmentStatus::*;
        match self {
            InProgress => &[Submitted],
            Submitted => &[CoordinatorReview, InProgress],
            CoordinatorReview => &[SupervisorVerified, InProgress],
            SupervisorVerified => &[Issued],
            Issued => &[Expired],
            Expired => &[],
        }
    }
}

/// A certification track, as stored in the `tracks` tables.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Track {
    pub code: String,
    pub program: String,
    pub name: String,
    /// director, staff, trustee, renewing
    pub audience: String,
    #[serde(skip)]
    #[ts(skip)]
    pub total: HalfCredits,
    #[serde(skip)]
    #[ts(skip)]
    pub trustee_total: Option<HalfCredits>,
    #[serde(skip)]
    #[ts(skip)]
    pub minimums: Vec<(Category, HalfCredits)>,
    pub period_years: u32,
    /// The Strategic Track: credit counts only after a submitted plan, toward its goals.
    pub requires_plan: bool,
    /// "60 credits; LA 20, LSP 10, CMTS 10, TECH 10"
    pub summary: String,
}

impl Track {
    pub fn describe(total: HalfCredits, minimums: &[(Category, HalfCredits)]) -> String {
        if minimums.is_empty() {
            return format!("{total} credits, all electives");
        }
        let mins: Vec<String> = minimums
            .iter()
            .map(|(c, h)| format!("{} {h}", c.code()))
            .collect();
        format!("{total} credits; {}", mins.join(", "))
    }
}

/// What the evaluation needs of one ledger entry.
#[derive(Debug, Clone, PartialEq)]
pub struct LedgerLine {
    pub id: i64,
    pub kind: CreditKind,
    pub title: String,
    pub date: NaiveDate,
    pub category: Category,
    pub amount: HalfCredits,
    pub status: VerificationStatus,
    pub plan_goal_id: Option<i64>,
}

/// Facts about the person that change the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Circumstances {
    /// Trustees need less: a trustee total, and 10 credits for a specialization.
    pub trustee: bool,
    /// When the Strategic Track's plan was submitted (None: no plan yet).
    pub plan_submitted_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CategoryProgress {
    pub label: String,
    pub required: f64,
    pub earned: f64,
}

/// Whether and where one entry counted, in words: one row of the page of
/// verdicts the window shows (`Evaluation::page`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EntryVerdict {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub date: String,
    pub category: Category,
    pub credits: f64,
    pub counted: bool,
    pub reason: String,
}

/// A page of verdicts, in the evaluation's order (oldest first).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VerdictPage {
    /// Every entry judged, whatever the page.
    pub total: u32,
    pub offset: u32,
    pub entries: Vec<EntryVerdict>,
}

/// The credit totals of a track evaluation: the dashboard shows them in
/// `Progress`, the transcript prints them (`export::Transcript`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreditTotals {
    /// Credit beyond the category minimums.
    pub electives: f64,
    pub total_required: f64,
    pub total_earned: f64,
    /// Credit still pending verification in the window (not counted).
    pub pending: f64,
    /// "Library Administration: 12 of 20, 8 to go"
    pub missing: Vec<String>,
}

/// A person's progress toward a track on a date: the totals the dashboard
/// needs; the verdicts of single entries come a page at a time.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Progress {
    pub track_code: String,
    pub track_name: String,
    pub as_of: String,
    /// The first day of the 4-year window (inclusive).
    pub window_start: String,
    /// Every category, keyed by code ("LA"): required minimum and verified credit earned in the window.
    pub categories: BTreeMap<String, CategoryProgress>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub totals: CreditTotals,
    pub complete: bool,
    /// Categories (codes) with a specialization: >= 20 credits (10 for trustees), not LA.
    pub specializations: Vec<String>,
    /// How many entries were judged, and how many of them counted.
    pub entry_count: u32,
    pub counted_count: u32,
}

/// Why one entry counted or not: a code, put into words only for the
/// entries shown (words for 5,000 entries would cost more than judging them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    BeforeWindow(NaiveDate),
    After(NaiveDate),
    Pending,
    Denied,
    SelfDirectedOffTrack,
    NoPlan,
    BeforePlan(NaiveDate),
    NoPlanGoal,
    TopicPresentedEnough,
    CountsToward(Category),
}

impl Reason {
    pub fn counted(self) -> bool {
        matches!(self, Reason::CountsToward(_))
    }

    pub fn text(self) -> String {
        match self {
            Reason::BeforeWindow(start) => {
                format!("Dated before the window, which starts {start}.")
            }
            Reason::After(as_of) => format!("Dated after {as_of}."),
            Reason::Pending => "Pending verification.".into(),
            Reason::Denied => "Denied.".into(),
            Reason::SelfDirectedOffTrack => {
                "Self-directed activities count only toward the Strategic Track.".into()
            }
            Reason::NoPlan => "No professional development plan has been submitted yet.".into(),
            Reason::BeforePlan(on) => format!("Dated before the plan was submitted ({on})."),
            Reason::NoPlanGoal => "Does not name the plan goal it serves.".into(),
            Reason::TopicPresentedEnough => {
                format!("This topic was already presented {PRESENTER_CAP} times this period.")
            }
            Reason::CountsToward(category) => format!("Counts toward {}.", category.label()),
        }
    }
}

/// One entry's verdict: its index in the evaluated lines and the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub line: u32,
    pub reason: Reason,
}

/// The totals, and every entry's verdict in date order (oldest first).
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub progress: Progress,
    pub verdicts: Vec<Verdict>,
}

impl Evaluation {
    /// The verdicts `offset..offset + limit` in words; `lines` are the lines
    /// that were evaluated.
    pub fn page(&self, lines: &[LedgerLine], offset: usize, limit: usize) -> VerdictPage {
        let entries = self
            .verdicts
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|v| {
                let line = lines.get(v.line as usize)?;
                Some(EntryVerdict {
                    id: line.id,
                    title: line.title.clone(),
                    date: line.date.to_string(),
                    category: line.category,
                    credits: line.amount.as_credits(),
                    counted: v.reason.counted(),
                    reason: v.reason.text(),
                })
            })
            .collect();
        VerdictPage {
            total: self.verdicts.len() as u32,
            offset: offset.min(u32::MAX as usize) as u32,
            entries,
        }
    }

    /// Every verdict in words (transcripts).
    pub fn all(&self, lines: &[LedgerLine]) -> Vec<EntryVerdict> {
        self.page(lines, 0, usize::MAX).entries
    }
}

/// Presenting a topic counts at most this often per certification period.
pub const PRESENTER_CAP: usize = 2;

/// The first day of the window ending on `as_of`: exactly `years` before it.
pub fn window_start(as_of: NaiveDate, years: u32) -> NaiveDate {
    as_of
        .checked_sub_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MIN)
}

fn topic(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Evaluates a ledger against a track: the totals, and a verdict for every
/// entry; only verified entries dated inside the window count.
pub fn evaluate(
    track: &Track,
    lines: &[LedgerLine],
    as_of: NaiveDate,
    who: Circumstances,
) -> Evaluation {
    let start = window_start(as_of, track.period_years);
    let mut order: Vec<u32> = (0..lines.len() as u32).collect();
    order.sort_unstable_by_key(|&i| (lines[i as usize].date, lines[i as usize].id));

    let mut presented: HashMap<String, usize> = HashMap::new();
    let mut earned = [HalfCredits(0); Category::ALL.len()];
    let mut pending = HalfCredits(0);
    let mut counted_count = 0;
    let mut verdicts = Vec::with_capacity(order.len());
    for index in order {
        let line = &lines[index as usize];
        let reason = if line.date < start {
            Reason::BeforeWindow(start)
        } else if line.date > as_of {
            Reason::After(as_of)
        } else if line.status == VerificationStatus::Pending {
            pending = pending + line.amount;
            Reason::Pending
        } else if line.status == VerificationStatus::Denied {
            Reason::Denied
        } else if line.kind == CreditKind::SelfDirected && !track.requires_plan {
            Reason::SelfDirectedOffTrack
        } else if track.requires_plan && who.plan_submitted_on.is_none() {
            Reason::NoPlan
        } else if let Some(on) = who
            .plan_submitted_on
            .filter(|on| track.requires_plan && line.date < *on)
        {
            Reason::BeforePlan(on)
        } else if track.requires_plan && line.plan_goal_id.is_none() {
            Reason::NoPlanGoal
        } else if line.kind == CreditKind::Presenter && {
            let n = presented.entry(topic(&line.title)).or_insert(0);
            *n += 1;
            *n > PRESENTER_CAP
        } {
            Reason::TopicPresentedEnough
        } else {
            let slot = &mut earned[category_index(line.category)];
            *slot = *slot + line.amount;
            counted_count += 1;
            Reason::CountsToward(line.category)
        };
        verdicts.push(Verdict {
            line: index,
            reason,
        });
    }
    let earned: BTreeMap<Category, HalfCredits> = Category::ALL
        .iter()
        .map(|c| (*c, earned[category_index(*c)]))
        .filter(|(_, h)| h.0 != 0)
        .collect();

    let total_required = match (who.trustee, track.trustee_total) {
        (true, Some(t)) => t,
        _ => track.total,
    };
    let total_earned: HalfCredits = earned.values().copied().sum();
    let mut applied = HalfCredits(0);
    let mut missing = Vec::new();
    let mut categories = BTreeMap::new();
    for category in Category::ALL.iter().copied() {
        let required = track
            .minimums
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, h)| *h)
            .unwrap_or_default();
        let got = earned.get(&category).copied().unwrap_or_default();
        applied = applied + got.min(required);
        if got < required {
            missing.push(format!(
                "{}: {got} of {required}, {} to go",
                category.label(),
                HalfCredits(required.0 - got.0)
            ));
        }
        categories.insert(
            category.code().to_string(),
            CategoryProgress {
                label: category.label().into(),
                required: required.as_credits(),
                earned: got.as_credits(),
            },
        );
    }
    if total_earned < total_required {
        missing.push(format!(
            "Total: {total_earned} of {total_required}, {} to go",
            HalfCredits(total_required.0 - total_earned.0)
        ));
    }
    let specialization = if who.trustee || track.audience == "trustee" {
        HalfCredits(20)
    } else {
        HalfCredits(40)
    };
    let specializations = [Category::CMTS, Category::LSP, Category::TECH]
        .into_iter()
        .filter(|c| earned.get(c).copied().unwrap_or_default() >= specialization)
        .map(|c| c.code().to_string())
        .collect();
    let progress = Progress {
        track_code: track.code.clone(),
        track_name: format!("{} {}", track.program, track.name),
        as_of: as_of.to_string(),
        window_start: start.to_string(),
        categories,
        complete: missing.is_empty(),
        totals: CreditTotals {
            electives: HalfCredits(total_earned.0 - applied.0).as_credits(),
            total_required: total_required.as_credits(),
            total_earned: total_earned.as_credits(),
            pending: pending.as_credits(),
            missing,
        },
        specializations,
        entry_count: lines.len() as u32,
        counted_count,
    };
    Evaluation { progress, verdicts }
}

fn category_index(category: Category) -> usize {
    Category::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or_default()
}

/// Dates an enrollment carries through the workflow (days as "2025-02-01"
/// in JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct WorkflowDates {
    pub submitted_on: Option<NaiveDate>,
    pub reviewed_on: Option<NaiveDate>,
    pub verified_on: Option<NaiveDate>,
    pub verified_by: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
}

/// A workflow step's date: not in the future, and not before the step
/// before it (an application is reviewed after it was submitted, issued
/// after it was verified; a certificate expires after it was issued).
pub fn check_step_date(
    next: EnrollmentStatus,
    date: NaiveDate,
    today: NaiveDate,
    dates: &WorkflowDates,
) -> Result<(), FieldError> {
    use EnrollmentStatus::*;
    if next == InProgress {
        return Ok(());
    }
    if date > today {
        return Err(FieldError::new(
            "date",
            format!("{date} is in the future: record a step on the day it happened."),
        ));
    }
    let before = [
        ("submitted", dates.submitted_on),
        ("reviewed", dates.reviewed_on),
        ("verified", dates.verified_on),
        ("issued", dates.issued_on),
    ];
    match before
        .iter()
        .filter_map(|(what, d)| d.map(|d| (*what, d)))
        .max_by_key(|(_, d)| *d)
    {
        Some((what, last)) if date < last => Err(FieldError::new(
            "date",
            format!(
                "{date} is before the application was {what} ({last}): steps go forward in time."
            ),
        )),
        _ => Ok(()),
    }
}

/// Moves an enrollment to `next` on `date`. Steps go forward one at a time;
/// a submitted application can be returned to "in progress". A refusal
/// names its field: `status` for a step not allowed, `by` for a missing verifier.
pub fn transition(
    current: EnrollmentStatus,
    next: EnrollmentStatus,
    date: NaiveDate,
    by: Option<&str>,
    mut dates: WorkflowDates,
) -> Result<WorkflowDates, FieldError> {
    use EnrollmentStatus::*;
    check_allowed(current, next, "An application", ".")?;
    match next {
        InProgress => dates = WorkflowDates::default(),
        Submitted => dates.submitted_on = Some(date),
        CoordinatorReview => dates.reviewed_on = Some(date),
        SupervisorVerified => {
            let by = by.map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| {
                FieldError::new(
                    "by",
                    "Name the verifier: a director verifies staff, the board chair verifies a director or a trustee.",
                )
            })?;
            dates.verified_on = Some(date);
            dates.verified_by = Some(by.to_string());
        }
        Issued => {
            dates.issued_on = Some(date);
            dates.expires_on = date.checked_add_months(Months::new(48));
        }
        Expired => {}
    }
    Ok(dates)
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Reminder {
    /// "due" or "expiry"
    pub kind: String,
    pub date: String,
    pub days_left: i64,
    pub message: String,
}

pub const REMINDER_DAYS: [i64; 4] = [90, 60, 30, 7];

/// Reminders for a due date and a certificate expiry, at 90, 60, 30 and 7 days.
pub fn reminders(
    today: NaiveDate,
    due: Option<NaiveDate>,
    expires: Option<NaiveDate>,
) -> Vec<Reminder> {
    let mut out = Vec::new();
    let phrases = [
        ("due", due, "Certification is due", "Certification was due"),
        (
            "expiry",
            expires,
            "Your certificate expires",
            "Your certificate expired",
        ),
    ];
    for (kind, date, what, past) in phrases {
        let Some(date) = date else { continue };
        let days_left = (date - today).num_days();
        let message = if days_left < 0 {
            format!(
                "{past} {} ago ({date}).",
                count_of(-days_left, "day", "days")
            )
        } else if let Some(mark) = REMINDER_DAYS.iter().rev().find(|d| days_left <= **d) {
            let left = count_of(days_left, "day", "days");
            format!("{what} in {left} ({date}): the {mark}-day reminder.")
        } else {
            continue;
        };
        out.push(Reminder {
            kind: kind.into(),
            date: date.to_string(),
            days_left,
            message,
        });
    }
    out
}

/// The totals with every verdict in words, as the tests read them.
#[cfg(test)]
struct Judged {
    progress: Progress,
    entries: Vec<EntryVerdict>,
}

#[cfg(test)]
impl std::ops::Deref for Judged {
    type Target = Progress;
    fn deref(&self) -> &Progress {
        &self.progress
    }
}

#[cfg(test)]
fn judge(track: &Track, lines: &[LedgerLine], as_of: NaiveDate, who: Circumstances) -> Judged {
    let evaluation = evaluate(track, lines, as_of, who);
    Judged {
        entries: evaluation.all(lines),
        progress: evaluation.progress,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_statuses_are_exactly_the_steps_transition_accepts() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        for &from in EnrollmentStatus::ALL {
            for &to in EnrollmentStatus::ALL {
                let offered = from.next_statuses().contains(&to);
                let taken =
                    transition(from, to, day, Some("Board chair"), WorkflowDates::default())
                        .is_ok();
                assert_eq!(offered, taken, "{from:?} -> {to:?}");
            }
        }
        use EnrollmentStatus::*;
        assert_eq!(Submitted.next_statuses(), &[CoordinatorReview, InProgress]);
        assert!(Expired.next_statuses().is_empty());
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn track(code: &str, total: i64, minimums: &[(Category, i64)], requires_plan: bool) -> Track {
        let minimums: Vec<(Category, HalfCredits)> = minimums
            .iter()
            .map(|(c, h)| (*c, HalfCredits(*h)))
            .collect();
        Track {
            code: code.into(),
            program: "test".into(),
            name: code.into(),
            audience: if code.contains("trustee") {
                "trustee"
            } else {
                "director"
            }
            .into(),
            total: HalfCredits(total),
            trustee_total: if requires_plan {
                Some(HalfCredits(30))
            } else {
                None
            },
            summary: Track::describe(HalfCredits(total), &minimums),
            minimums,
            period_years: 4,
            requires_plan,
        }
    }

    fn admin_2009() -> Track {
        use Category::*;
        track(
            "2009-administrator",
            120,
            &[(LA, 40), (LSP, 20), (CMTS, 20), (TECH, 20)],
            false,
        )
    }

    fn line(id: i64, date: &str, category: Category, halves: i64) -> LedgerLine {
        LedgerLine {
            id,
            kind: CreditKind::Independent,
            title: format!("entry {id}"),
            date: d(date),
            category,
            amount: HalfCredits(halves),
            status: VerificationStatus::Verified,
            plan_goal_id: None,
        }
    }

    const AS_OF: &str = "2026-11-29";

    /// The lines judged on `AS_OF` for someone with no special circumstances.
    fn judge_plain(track: &Track, lines: &[LedgerLine]) -> Judged {
        judge(track, lines, d(AS_OF), Circumstances::default())
    }

    #[test]
    fn the_window_includes_its_first_day_and_not_the_day_before() {
        let lines = [
            line(1, "2022-11-29", Category::LA, 2),
            line(2, "2022-11-28", Category::LA, 2),
        ];
        let p = judge_plain(&admin_2009(), &lines);
        assert_eq!(p.window_start, "2022-11-29");
        assert_eq!(p.categories["LA"].earned, 1.0);
        assert!(p
            .entries
            .iter()
            .any(|e| e.id == 2 && !e.counted && e.reason.contains("before the window")));
    }

    #[test]
    fn exactly_at_each_minimum_is_complete_for_every_track_shape() {
        use Category::*;
        // Lines numbered from 1, all on one day in the window.
        let on_one_day = |amounts: &[(Category, i64)]| -> Vec<LedgerLine> {
            (1..)
                .zip(amounts)
                .map(|(id, &(category, halves))| line(id, "2025-01-01", category, halves))
                .collect()
        };
        let staff_2009 = [(LA, 20), (LSP, 20), (CMTS, 20), (TECH, 20)];
        let staff_2023 = [(LA, 10), (LSP, 10), (CMTS, 10), (TECH, 10)];
        // (track, half-credits per category that exactly meet it)
        let cases = [
            (
                admin_2009(),
                on_one_day(&[(LA, 40), (LSP, 20), (CMTS, 20), (TECH, 40)]),
            ),
            (
                track("2009-staff", 120, &staff_2009, false),
                on_one_day(&[(LA, 20), (LSP, 20), (CMTS, 20), (TECH, 60)]),
            ),
            (
                track("2009-trustee", 30, &[(LA, 20)], false),
                on_one_day(&[(LA, 20), (LSP, 10)]),
            ),
            (
                track("2023-director-initial", 120, &[(LA, 60)], false),
                on_one_day(&[(LA, 60), (TECH, 60)]),
            ),
            (
                track("2023-director-renewal", 120, &[], false),
                on_one_day(&[(CMTS, 120)]),
            ),
            (
                track("2023-staff", 120, &staff_2023, false),
                on_one_day(&[(LA, 10), (LSP, 10), (CMTS, 10), (TECH, 90)]),
            ),
            (
                track("2023-trustee", 30, &[(LA, 20)], false),
                on_one_day(&[(LA, 30)]),
            ),
        ];
        for (track, lines) in cases {
            let p = judge_plain(&track, &lines);
            assert!(p.complete, "{}: {:?}", track.code, p.totals.missing);
            // Half a credit less anywhere breaks it.
            let mut short = lines.clone();
            short[0].amount = HalfCredits(short[0].amount.0 - 1);
            let p = judge_plain(&track, &short);
            assert!(!p.complete, "{} should miss half a credit", track.code);
        }
    }

    #[test]
    fn missing_explains_itself_and_electives_are_beyond_minimums() {
        let lines = [
            line(1, "2025-01-01", Category::LA, 24),
            line(2, "2025-01-01", Category::TECH, 30),
        ];
        let p = judge_plain(&admin_2009(), &lines);
        assert_eq!(
            p.totals.missing[0],
            "Library Administration: 12 of 20, 8 to go"
        );
        assert!(p
            .totals
            .missing
            .contains(&"Total: 27 of 60, 33 to go".to_string()));
        assert_eq!(p.totals.electives, 5.0, "TECH 15 minus its minimum 10");
        assert_eq!(p.totals.total_earned, 27.0);
    }

    #[test]
    fn pending_and_denied_are_listed_but_not_counted() {
        let mut pending = line(1, "2025-01-01", Category::LA, 4);
        pending.status = VerificationStatus::Pending;
        let mut denied = line(2, "2025-01-01", Category::LA, 4);
        denied.status = VerificationStatus::Denied;
        let p = judge_plain(&admin_2009(), &[pending, denied]);
        assert_eq!(p.totals.total_earned, 0.0);
        assert_eq!(p.totals.pending, 2.0);
        assert_eq!(p.entries.len(), 2);
        assert!(p.entries.iter().all(|e| !e.counted));
    }

    #[test]
    fn a_topic_presented_three_times_counts_twice() {
        let mut lines = Vec::new();
        for (id, date) in [(1, "2024-01-01"), (2, "2024-06-01"), (3, "2025-01-01")] {
            let mut l = line(id, date, Category::LSP, 4);
            l.kind = CreditKind::Presenter;
            l.title = "Storytime  Skills".into();
            lines.push(l);
        }
        lines[2].title = "storytime skills".into();
        let p = judge_plain(&admin_2009(), &lines);
        assert_eq!(p.categories["LSP"].earned, 4.0);
        assert!(!p.entries[2].counted);
    }

    #[test]
    fn specializations_need_20_or_10_for_trustees_and_never_la() {
        let lines = [
            line(1, "2025-01-01", Category::TECH, 40),
            line(2, "2025-01-01", Category::LA, 60),
            line(3, "2025-01-01", Category::CMTS, 39),
        ];
        let p = judge_plain(&admin_2009(), &lines);
        assert_eq!(p.specializations, ["TECH"]);
        let trustee = track("2023-trustee", 30, &[(Category::LA, 20)], false);
        let p = judge_plain(&trustee, &[line(1, "2025-01-01", Category::LSP, 20)]);
        assert_eq!(p.specializations, ["LSP"]);
    }

    #[test]
    fn the_strategic_track_counts_only_planned_credit_after_the_plan() {
        let strategic = track("strategic", 120, &[], true);
        let mut before = line(1, "2025-01-01", Category::LA, 4);
        before.plan_goal_id = Some(1);
        let mut after = line(2, "2025-06-01", Category::LA, 4);
        after.plan_goal_id = Some(1);
        let unplanned = line(3, "2025-07-01", Category::LA, 4);
        let mut self_directed = line(4, "2025-08-01", Category::TECH, 6);
        self_directed.kind = CreditKind::SelfDirected;
        self_directed.plan_goal_id = Some(2);
        let lines = [before, after, unplanned, self_directed];
        let no_plan = judge_plain(&strategic, &lines);
        assert_eq!(no_plan.totals.total_earned, 0.0);
        let who = Circumstances {
            trustee: false,
            plan_submitted_on: Some(d("2025-03-01")),
        };
        let p = judge(&strategic, &lines, d(AS_OF), who);
        assert_eq!(p.totals.total_earned, 5.0);
        assert!(p.entries[0]
            .reason
            .contains("before the plan was submitted"));
        assert!(p.entries[2].reason.contains("plan goal"));
        let trustee = judge(
            &strategic,
            &lines,
            d(AS_OF),
            Circumstances {
                trustee: true,
                ..who
            },
        );
        assert_eq!(trustee.totals.total_required, 15.0);
        // Self-directed credit counts nowhere else.
        let legacy = judge_plain(&admin_2009(), &lines);
        assert!(!legacy.entries[3].counted);
    }

    #[test]
    fn workflow_dates_are_in_order_and_never_in_the_future() {
        use EnrollmentStatus::*;
        let today = d("2026-03-01");
        let mut dates = WorkflowDates::default();
        assert!(check_step_date(Submitted, d("2026-01-10"), today, &dates).is_ok());
        let future = check_step_date(Submitted, d("2026-03-02"), today, &dates).unwrap_err();
        assert_eq!(future.field, "date");
        assert!(future.message.contains("future"), "{}", future.message);
        dates.submitted_on = Some(d("2026-01-10"));
        let early = check_step_date(CoordinatorReview, d("2026-01-09"), today, &dates).unwrap_err();
        assert!(
            early.message.contains("submitted (2026-01-10)"),
            "{}",
            early.message
        );
        assert!(check_step_date(CoordinatorReview, d("2026-01-10"), today, &dates).is_ok());
        dates.issued_on = Some(d("2026-02-01"));
        assert!(check_step_date(Expired, d("2026-01-31"), today, &dates).is_err());
        // Sending an application back is not dated.
        assert!(check_step_date(InProgress, d("2030-01-01"), today, &dates).is_ok());
    }

    #[test]
    fn the_workflow_goes_step_by_step_and_issues_for_four_years() {
        use EnrollmentStatus::*;
        let dates = WorkflowDates::default();
        assert!(transition(InProgress, Issued, d("2026-01-01"), None, dates.clone()).is_err());
        let dates =
            transition(InProgress, Submitted, d("2026-01-01"), None, dates).expect("submit");
        let dates =
            transition(Submitted, CoordinatorReview, d("2026-01-05"), None, dates).expect("review");
        assert!(
            transition(
                CoordinatorReview,
                SupervisorVerified,
                d("2026-01-09"),
                None,
                dates.clone()
            )
            .is_err(),
            "needs a verifier"
        );
        let dates = transition(
            CoordinatorReview,
            SupervisorVerified,
            d("2026-01-09"),
            Some("Dahl, Jonas"),
            dates,
        )
        .expect("verified");
        let dates =
            transition(SupervisorVerified, Issued, d("2026-02-01"), None, dates).expect("issued");
        assert_eq!(dates.expires_on, Some(d("2030-02-01")));
        assert_eq!(
            as_of(Submitted, dates.submitted_on, None, d("2026-11-29")),
            d("2026-01-01")
        );
    }

    #[test]
    fn reminders_fire_at_90_60_30_and_7_days() {
        let today = d("2026-11-29");
        assert!(
            reminders(today, Some(d("2027-03-30")), None).is_empty(),
            "121 days: nothing yet"
        );
        let r = reminders(today, Some(d("2027-02-20")), None);
        assert!(r[0].message.contains("90-day"), "{}", r[0].message);
        let r = reminders(today, Some(d("2026-12-29")), None);
        assert!(r[0].message.contains("30-day"));
        let r = reminders(today, None, Some(d("2026-12-04")));
        assert_eq!((r[0].kind.as_str(), r[0].days_left), ("expiry", 5));
        assert!(r[0].message.contains("7-day"));
        let r = reminders(today, Some(d("2026-11-19")), None);
        assert_eq!(
            r[0].message,
            "Certification was due 10 days ago (2026-11-19)."
        );
        let r = reminders(today, Some(d("2026-11-28")), Some(d("2026-11-30")));
        assert_eq!(
            r[0].message,
            "Certification was due 1 day ago (2026-11-28)."
        );
        assert_eq!(
            r[1].message,
            "Your certificate expires in 1 day (2026-11-30): the 7-day reminder."
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn arb_category() -> impl Strategy<Value = Category> {
        prop::sample::select(Category::ALL.to_vec())
    }

    fn arb_line() -> impl Strategy<Value = LedgerLine> {
        (
            1i64..10_000,
            0i64..2_400,
            arb_category(),
            1i64..30,
            prop::sample::select(vec![
                VerificationStatus::Verified,
                VerificationStatus::Pending,
                VerificationStatus::Denied,
            ]),
            prop::sample::select(vec![
                CreditKind::Independent,
                CreditKind::Presenter,
                CreditKind::Event,
            ]),
            0usize..3,
        )
            .prop_map(
                |(id, day, category, halves, status, kind, topic)| LedgerLine {
                    id,
                    kind,
                    title: format!("topic {topic}"),
                    date: NaiveDate::from_ymd_opt(2020, 6, 1).expect("date")
                        + chrono::Duration::days(day),
                    category,
                    amount: HalfCredits(halves),
                    status,
                    plan_goal_id: None,
                },
            )
    }

    fn legacy() -> Track {
        use Category::*;
        let minimums = vec![
            (LA, HalfCredits(40)),
            (LSP, HalfCredits(20)),
            (CMTS, HalfCredits(20)),
            (TECH, HalfCredits(20)),
        ];
        Track {
            code: "2009-administrator".into(),
            program: "2009".into(),
            name: "Library Administrator".into(),
            audience: "director".into(),
            total: HalfCredits(120),
            trustee_total: None,
            summary: Track::describe(HalfCredits(120), &minimums),
            minimums,
            period_years: 4,
            requires_plan: false,
        }
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).expect("date")
    }

    proptest! {
        #[test]
        fn adding_a_verified_in_window_entry_never_lowers_progress(
            lines in prop::collection::vec(arb_line(), 0..40),
            category in arb_category(),
            halves in 1i64..20,
            day in 0i64..1_400,
        ) {
            let before = judge(&legacy(), &lines, as_of(), Circumstances::default());
            let mut more = lines.clone();
            more.push(LedgerLine {
                id: 99_999,
                kind: CreditKind::Independent,
                title: "added".into(),
                date: as_of() - chrono::Duration::days(day),
                category,
                amount: HalfCredits(halves),
                status: VerificationStatus::Verified,
                plan_goal_id: None,
            });
            let after = judge(&legacy(), &more, as_of(), Circumstances::default());
            prop_assert!(after.totals.total_earned > before.totals.total_earned);
            for (code, c) in &before.categories {
                prop_assert!(after.categories[code].earned >= c.earned);
            }
            prop_assert!(after.totals.missing.len() <= before.totals.missing.len());
            prop_assert!(!before.complete || after.complete);
        }

        #[test]
        fn totals_equal_the_sum_of_counted_entries(lines in prop::collection::vec(arb_line(), 0..60)) {
            let p = judge(&legacy(), &lines, as_of(), Circumstances::default());
            let counted: f64 = p.entries.iter().filter(|e| e.counted).map(|e| e.credits).sum();
            prop_assert_eq!(p.totals.total_earned, counted);
            let by_category: f64 = p.categories.values().map(|c| c.earned).sum();
            prop_assert_eq!(p.totals.total_earned, by_category);
            prop_assert_eq!(p.entries.len(), lines.len());
        }
    }
}
