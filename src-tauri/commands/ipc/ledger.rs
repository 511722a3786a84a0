//! IPC for the credit ledger and certification: who am I, credits,
//! enrollments, progress and the dashboard.

use super::opened;
use crate::commands::ledger::{self as led, Dashboard, Ledger, ProgressQuery};
use crate::domain::certification::Enrollment;
use crate::domain::certification::{Progress, Track, VerdictPage};
use crate::domain::directory::Person;
use crate::domain::ledger::{CreditEntry, CreditEntryInput, LedgerFilter};
use crate::domain::step::StepInput;
use crate::picked::PickedFiles;
use tauri::State;

thin_commands! {
    tracks_list(store) -> Vec<Track> { led::tracks(&store).await }
    current_person_get(store) -> Option<Person> { led::current_person(&store).await }
    current_person_set(store, person_id: i64) -> Person {
        led::set_current_person(&store, person_id).await
    }
    credit_add(store, input: CreditEntryInput) -> CreditEntry {
        led::add_credit(&store, &input).await
    }
    credit_update(store, id: i64, input: CreditEntryInput) -> CreditEntry {
        led::update_credit(&store, id, &input).await
    }
    credit_set_status(store, id: i64, step: StepInput) -> CreditEntry {
        led::set_credit_status(&store, id, &step).await
    }
    credits_list(store, person_id: i64, filter: LedgerFilter) -> Ledger {
        led::list_credits(&store, person_id, &filter).await
    }
    event_attend(store, person_id: i64, event_id: i64, plan_goal_id: Option<i64>)
        -> Vec<CreditEntry>
    {
        led::attend_event(&store, person_id, event_id, plan_goal_id).await
    }
    enrollments_list(store, person_id: i64) -> Vec<Enrollment> {
        crate::store::certification::for_person(&store, person_id).await
    }
    enroll(store, person_id: i64, track: String, start: Option<String>) -> Enrollment {
        led::enroll(&store, person_id, &track, start.as_deref()).await
    }
    enrollment_set_status(store, id: i64, step: StepInput) -> Enrollment {
        led::set_enrollment_status(&store, id, &step).await
    }
    progress_get(store, query: ProgressQuery) -> Progress { led::progress(&store, &query).await }
    progress_entries(store, query: ProgressQuery, offset: u32, limit: u32) -> VerdictPage {
        led::progress_entries(&store, &query, offset, limit).await
    }
    dashboard_get(store) -> Dashboard { led::dashboard(&store).await }
    credit_attach_evidence(store, picked: State<'_, PickedFiles>, id: i64, file: String)
        -> Vec<String>
    {
        let path = opened(&picked, &file)?;
        led::attach_evidence(&store, id, &path.to_string_lossy()).await
    }
}
