//! The ledger and certification operations, shared by IPC and the CLI.

use super::directory::existing_person;
use super::today;
use crate::domain::certification::{
    self, Enrollment, EnrollmentStatus, Evaluation, LedgerLine, Progress, Reminder, Track,
    VerdictPage,
};
use crate::domain::directory::Person;
use crate::domain::event::EventSummary;
use crate::domain::field;
use crate::domain::ledger::*;
use crate::domain::step::StepInput;
use crate::error::{AppError, AppResult};
use crate::store::certification as cert;
use crate::store::{self, directory as dir, events, ledger, Store};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::CURRENT_PERSON_SETTING as CURRENT_PERSON;

/// The certification tracks, with their rules as the ledger reads them.
pub async fn tracks(store: &Store) -> AppResult<Vec<Track>> {
    cert::tracks(store).await
}

// ---------- who am I ----------

pub async fn current_person(store: &Store) -> AppResult<Option<Person>> {
    let Some(id) = store::setting(&store.pool, CURRENT_PERSON).await? else {
        return Ok(None);
    };
    match id.parse::<i64>() {
        Ok(id) => match dir::get_person(store, id).await {
            Ok(p) => Ok(Some(p)),
            Err(AppError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        },
        Err(_) => Ok(None),
    }
}

pub async fn set_current_person(store: &Store, person_id: i64) -> AppResult<Person> {
    let person = existing_person(store, "person_id", person_id).await?;
    let mut conn = store.pool.acquire().await?;
    store::set_setting(&mut conn, CURRENT_PERSON, &person_id.to_string()).await?;
    Ok(person)
}

// ---------- credits ----------

pub async fn add_credit(store: &Store, input: &CreditEntryInput) -> AppResult<CreditEntry> {
    let draft = input.validate(today())?;
    let mut saved = ledger::add_all(store, &[draft], &store::current_actor()).await?;
    saved
        .pop()
        .ok_or_else(|| AppError::Io("the entry was not saved".into()))
}

pub async fn update_credit(
    store: &Store,
    id: i64,
    input: &CreditEntryInput,
) -> AppResult<CreditEntry> {
    let draft = input.validate(today())?;
    ledger::update(store, id, &draft, &store::current_actor()).await
}

/// Marks an entry verified (by whom, when: today by default) or denied.
pub async fn set_credit_status(store: &Store, id: i64, step: &StepInput) -> AppResult<CreditEntry> {
    let step = step.validate::<VerificationStatus>(today())?;
    let entry = ledger::get(store, id).await?;
    let mut input = to_input(&entry);
    let verification = &mut input.verification;
    verification.status = Some(step.status.code().into());
    if step.status == VerificationStatus::Verified {
        verification.verified_by = step.by.or(verification.verified_by.take());
        verification.verified_on = Some(step.date.to_string());
        if verification
            .verified_by
            .as_deref()
            .unwrap_or("")
            .trim()
            .is_empty()
        {
            return Err(AppError::invalid("by", "Name who verified the credit."));
        }
    } else {
        // Pending or denied: no verification to show.
        verification.verified_by = None;
        verification.verified_on = None;
    }
    update_credit(store, id, &input).await
}

fn to_input(e: &CreditEntry) -> CreditEntryInput {
    CreditEntryInput {
        person_id: e.person_id,
        kind: Some(e.kind.code().into()),
        title: e.title.clone(),
        date: e.date.clone(),
        end_date: e.end_date.clone(),
        sponsor: Some(e.sponsor.clone()),
        trainer: Some(e.trainer.clone()),
        category: e.category.code().into(),
        credits: if e.units.is_some() {
            None
        } else {
            Some(e.credits)
        },
        units: e.units,
        verification: VerificationInput {
            status: Some(e.verification.status.code().into()),
            verified_by: e.verification.verified_by.clone(),
            verified_on: e.verification.verified_on.map(|d| d.to_string()),
        },
        event_id: e.event_id,
        conference: Some(e.conference.clone()),
        notes: Some(e.notes.clone()),
        learned: Some(e.learned.clone()),
        plan_goal_id: e.plan_goal_id,
    }
}

/// "I attended": one verified entry per credit row of a past catalog event,
/// dated on the event's day, in one transaction.
/// `plan_goal_id` names the Strategic Track plan goal the event serves.
pub async fn attend_event(
    store: &Store,
    person_id: i64,
    event_id: i64,
    plan_goal_id: Option<i64>,
) -> AppResult<Vec<CreditEntry>> {
    let event = events::get(store, event_id).await?;
    if event.credits.is_empty() {
        return Err(AppError::invalid(
            "event_id",
            "This event offers no CE credits.",
        ));
    }
    let logged = ledger::for_person(store, person_id).await?;
    if let Some((_, earlier)) = logged.iter().find(|(_, d)| d.event_id == Some(event_id)) {
        return Err(AppError::invalid(
            "event_id",
            format!(
                "Already in the ledger: attendance at this event was logged for {}.",
                earlier.date
            ),
        ));
    }
    let date = event.begin.get(..10).unwrap_or_default().to_string();
    let mut drafts = Vec::new();
    for line in &event.credits {
        let input = CreditEntryInput {
            person_id,
            kind: Some("event".into()),
            title: event.heading.title.clone(),
            date: date.clone(),
            sponsor: Some(event.details.sponsor.clone()),
            trainer: Some(
                event
                    .details
                    .trainer_positions
                    .iter()
                    .map(|p| p.text.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            category: line.category.code().into(),
            credits: Some(line.credits),
            verification: VerificationInput::verified("Attendance recorded in Aspen Desk"),
            event_id: Some(event_id),
            plan_goal_id,
            ..Default::default()
        };
        drafts.push(input.validate(today())?);
    }
    ledger::add_all(store, &drafts, &store::current_actor()).await
}

#[derive(Debug, Serialize, TS)]
pub struct Ledger {
    pub entries: Vec<CreditEntry>,
    /// Totals per category code of the listed entries (all statuses but denied).
    pub totals: std::collections::BTreeMap<String, f64>,
    pub total: f64,
}

pub async fn list_credits(
    store: &Store,
    person_id: i64,
    filter: &LedgerFilter,
) -> AppResult<Ledger> {
    let filter = filter.check()?;
    let all = ledger::for_person(store, person_id).await?;
    let listed: Vec<_> = all.iter().filter(|(_, d)| filter.admits(d)).collect();
    let (totals, total) = listed_totals(listed.iter().map(|(_, d)| d));
    let entries = listed
        .iter()
        .map(|(id, d)| CreditEntry::new(*id, d, Vec::new()))
        .collect();
    Ok(Ledger {
        entries,
        totals,
        total,
    })
}

pub async fn attach_evidence(store: &Store, entry_id: i64, path: &str) -> AppResult<Vec<String>> {
    let files = store.files.clone();
    let source = std::path::PathBuf::from(path);
    let stored = tokio::task::spawn_blocking(move || {
        files.import(&source, crate::domain::resource::MAX_RESOURCE_BYTES, "path")
    })
    .await
    .map_err(|e| AppError::Io(format!("file copy stopped: {e}")))??;
    ledger::add_evidence(store, entry_id, &stored, &store::current_actor()).await?;
    ledger::evidence(store, entry_id).await
}

// ---------- certification ----------

pub async fn enroll(
    store: &Store,
    person_id: i64,
    track_code: &str,
    start: Option<&str>,
) -> AppResult<Enrollment> {
    let track = cert::track(store, track_code).await?;
    let held = cert::for_person(store, person_id).await?;
    certification::check_may_enroll(
        &track,
        held.iter().map(|e| (e.track_code.as_str(), e.status)),
    )?;
    let start = field::optional_date("start", start)?.unwrap_or_else(today);
    let due = certification::due_date(&track, start)?;
    cert::enroll(
        store,
        person_id,
        &track,
        start,
        due,
        &store::current_actor(),
    )
    .await
}

pub async fn set_enrollment_status(
    store: &Store,
    enrollment_id: i64,
    step: &StepInput,
) -> AppResult<Enrollment> {
    let step = step.validate::<EnrollmentStatus>(today())?;
    cert::set_status(
        store,
        enrollment_id,
        &step,
        today(),
        &store::current_actor(),
    )
    .await
}

/// The date an enrollment's progress is measured on (see `certification::as_of`).
fn as_of_for(enrollment: &Enrollment) -> NaiveDate {
    let due = Some(enrollment.due_date);
    let submitted = enrollment.dates.submitted_on;
    certification::as_of(enrollment.status, submitted, due, today())
}

/// Whose progress, toward which track (their newest enrollment's track by
/// default), as of which day (by default the enrollment's own as-of date):
/// what `progress`, `progress_entries` and the CLI's `progress` ask.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct ProgressQuery {
    #[ts(type = "number")]
    pub person_id: i64,
    pub track: Option<String>,
    pub as_of: Option<String>,
}

impl ProgressQuery {
    /// A person's progress toward their newest enrollment's track, on its as-of date.
    pub fn of(person_id: i64) -> Self {
        ProgressQuery {
            person_id,
            ..Default::default()
        }
    }
}

/// Progress toward a track: the totals; `progress_entries` gives the
/// verdicts a page at a time.
pub async fn progress(store: &Store, query: &ProgressQuery) -> AppResult<Progress> {
    Ok(judge(store, query, None).await?.1.progress)
}

/// The most verdicts one page carries.
pub const VERDICT_PAGE_MAX: u32 = 500;

/// One page of the verdicts behind `progress` (same query), oldest entry first.
pub async fn progress_entries(
    store: &Store,
    query: &ProgressQuery,
    offset: u32,
    limit: u32,
) -> AppResult<VerdictPage> {
    if limit == 0 || limit > VERDICT_PAGE_MAX {
        return Err(AppError::invalid(
            "limit",
            format!("A page holds 1 to {VERDICT_PAGE_MAX} entries."),
        ));
    }
    let (lines, evaluation) = judge(store, query, None).await?;
    Ok(evaluation.page(&lines, offset as usize, limit as usize))
}

/// Evaluates a person's entries against a track, judging only the entries
/// dated on or after `since` (a transcript's chosen period): the lines read
/// and their evaluation.
pub async fn judge(
    store: &Store,
    query: &ProgressQuery,
    since: Option<NaiveDate>,
) -> AppResult<(Vec<LedgerLine>, Evaluation)> {
    let (person_id, track_code) = (query.person_id, query.track.as_deref());
    // The reads do not depend on each other: each runs on its own pooled
    // connection at once, so the entries (the long one) set the pace.
    let (_, enrollments, tracks, mut lines, position_types) = tokio::try_join!(
        existing_person(store, "person", person_id),
        cert::for_person(store, person_id),
        cert::tracks(store),
        ledger::lines_for_person(store, person_id),
        dir::active_position_types(store, person_id),
    )?;
    let enrollment = match track_code {
        Some(code) => enrollments.iter().find(|e| e.track_code == code),
        None => enrollments.first(),
    };
    let code = match (track_code, enrollment) {
        (Some(code), _) => code,
        (None, Some(e)) => e.track_code.as_str(),
        (None, None) => {
            return Err(AppError::invalid(
                "track",
                "This person is not enrolled in a track: give --track or enroll them.",
            ))
        }
    };
    let track = cert::find_track(tracks, code)?;
    let day = match (query.as_of.as_deref(), enrollment) {
        (Some(d), _) => field::date("as_of", d)?,
        (None, Some(e)) => as_of_for(e),
        (None, None) => today(),
    };
    lines.retain(|l| since.is_none_or(|since| l.date >= since));
    // The Strategic Track counts credit only after the plan was first submitted.
    let plan_submitted_on = match (
        track.requires_plan,
        enrollment.filter(|e| e.track_code == track.code),
    ) {
        (true, Some(e)) => store::plans::first_submitted_on(store, e.id).await?,
        _ => None,
    };
    let who = certification::Circumstances {
        trustee: certification::counts_as_trustee(&position_types),
        plan_submitted_on,
    };
    let evaluation = certification::evaluate(&track, &lines, day, who);
    Ok((lines, evaluation))
}

/// What the dashboard shows for the current person.
#[derive(Debug, Serialize, TS)]
pub struct Dashboard {
    pub person: Option<Person>,
    pub enrollment: Option<Enrollment>,
    pub progress: Option<Progress>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub reminders: Vec<Reminder>,
    pub recent: Vec<CreditEntry>,
    /// Upcoming catalog events whose credits fill what is still missing.
    pub gap_events: Vec<EventSummary>,
    /// When the last backup was made, and a warning after 30 days without one.
    pub backup: crate::domain::backup::BackupStatus,
}

pub async fn dashboard(store: &Store) -> AppResult<Dashboard> {
    let Some(person) = current_person(store).await? else {
        return Ok(Dashboard {
            person: None,
            enrollment: None,
            progress: None,
            days_left: None,
            reminders: vec![],
            recent: vec![],
            gap_events: vec![],
            backup: super::backup::backup_status(store, chrono::Utc::now()).await?,
        });
    };
    let enrollment = cert::for_person(store, person.id).await?.into_iter().next();
    let progress = match &enrollment {
        Some(_) => Some(progress(store, &ProgressQuery::of(person.id)).await?),
        None => None,
    };
    let due: Option<NaiveDate> = enrollment.as_ref().map(|e| e.due_date);
    let expires: Option<NaiveDate> = enrollment.as_ref().and_then(|e| e.dates.expires_on);
    let active_due = enrollment
        .as_ref()
        .filter(|e| certification::is_open(e.status))
        .and(due);
    let recent = ledger::newest_for_person(store, person.id, 5)
        .await?
        .iter()
        .map(|(id, d)| CreditEntry::new(*id, d, Vec::new()))
        .collect();
    let gap_events = match (&progress, active_due) {
        (Some(p), Some(due)) if !p.complete => {
            let wanted = certification::gap_categories(p);
            events::upcoming_with_credits(store, today(), due, &wanted, 8).await?
        }
        _ => Vec::new(),
    };
    Ok(Dashboard {
        days_left: active_due.map(|d| (d - today()).num_days()),
        reminders: certification::reminders(today(), active_due, expires),
        person: Some(person),
        enrollment,
        progress,
        recent,
        gap_events,
        backup: super::backup::backup_status(store, chrono::Utc::now()).await?,
    })
}
