//! Documents out: transcript (PDF, CSV), certificate, application packet,
//! calendar (.ics), and recording a certificate held already. This layer
//! gathers the domain values, calls the renderers in `export/` and writes
//! the bytes with `store::output::write_bytes_atomic`.

use super::directory::existing_person;
use super::ledger::{judge, ProgressQuery};
use super::today;
use crate::domain::certification::Enrollment;
use crate::domain::certification::{EnrollmentStatus, EntryVerdict};
use crate::domain::credits::Category;
use crate::domain::event::Event;
use crate::domain::field::{self, DayRange};
use crate::domain::ledger::{CreditEntry, VerificationStatus};
use crate::domain::search::{EventSearch, Paging, MAX_PAGE};
use crate::error::{AppError, AppResult};
use crate::export::packet::{PacketManifest, PacketPart};
use crate::export::{self, CategoryTotal, Certificate, Transcript, TranscriptEntry};
use crate::store::certification as cert;
use crate::store::{self, documents, events, ledger, output, plans, Store};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// Which transcript: a person, a track (their newest enrollment's by
/// default) and a period (the enrollment's 4-year window by default).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TranscriptRequest {
    #[ts(type = "number")]
    pub person_id: i64,
    pub track: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum TranscriptFormat {
    Pdf,
    Csv,
}

impl TranscriptFormat {
    pub fn parse(text: &str) -> AppResult<TranscriptFormat> {
        match text.trim().to_lowercase().as_str() {
            "pdf" => Ok(TranscriptFormat::Pdf),
            "csv" => Ok(TranscriptFormat::Csv),
            other => Err(AppError::invalid(
                "format",
                format!("\"{other}\" is not pdf or csv."),
            )),
        }
    }
}

/// The person's name as written ("Zoë Ó Briain"), their current library and position.
async fn who(store: &Store, person_id: i64) -> AppResult<(String, String, String)> {
    let person = existing_person(store, "person", person_id).await?;
    let name = format!("{} {}", person.details.first_name, person.details.last_name)
        .trim()
        .to_string();
    let position = person.positions.iter().find(|p| p.details.active);
    let library = position.map(|p| p.organization_name.clone());
    let title = position.map(|p| {
        if p.details.title.trim().is_empty() {
            p.position_type_label.clone()
        } else {
            p.details.title.clone()
        }
    });
    Ok((name, library.unwrap_or_default(), title.unwrap_or_default()))
}

fn category_label(code: &str) -> String {
    Category::parse(code)
        .map(|c| c.label().to_string())
        .unwrap_or_else(|| code.to_string())
}

/// Gathers a transcript from the ledger and the track evaluation.
pub async fn transcript(store: &Store, request: &TranscriptRequest) -> AppResult<Transcript> {
    let mut errors = Vec::new();
    let DayRange { from, to } =
        DayRange::typed(&mut errors, request.from.as_deref(), request.to.as_deref());
    AppError::unless_any(errors)?;
    let (person_name, library, position) = who(store, request.person_id).await?;
    let track = request.track.as_deref().map(str::trim);
    let query = ProgressQuery {
        person_id: request.person_id,
        track: track.filter(|t| !t.is_empty()).map(String::from),
        as_of: to.map(|d| d.to_string()),
    };
    let (lines, evaluation) = judge(store, &query, from).await?;
    let progress = &evaluation.progress;
    let period_from = from
        .map(|d| d.to_string())
        .unwrap_or(progress.window_start.clone());
    let period_to = progress.as_of.clone();
    let verdicts = evaluation.all(&lines);
    let verdicts: std::collections::HashMap<i64, _> = verdicts.iter().map(|v| (v.id, v)).collect();
    let mut entries = Vec::new();
    for (id, draft) in ledger::for_person(store, request.person_id).await? {
        let date = draft.date.to_string();
        if date < period_from || date > period_to {
            continue;
        }
        let shown = CreditEntry::new(id, &draft, Vec::new());
        let verdict = match verdicts.get(&id) {
            Some(v) => (*v).clone(),
            None => EntryVerdict {
                id,
                title: shown.title,
                date,
                category: shown.category,
                credits: shown.credits,
                counted: false,
                reason: String::new(),
            },
        };
        entries.push(TranscriptEntry {
            verdict,
            kind: shown.kind_label,
            sponsor: shown.sponsor,
            status: shown.status_label,
            verified_by: shown.verification.verified_by.unwrap_or_default(),
        });
    }
    entries.sort_by(|a, b| {
        let (a, b) = (&a.verdict, &b.verdict);
        (&a.date, a.id).cmp(&(&b.date, b.id))
    });
    Ok(Transcript {
        person_name,
        library,
        position,
        track_name: progress.track_name.clone(),
        period_from,
        period_to,
        prepared_on: today().to_string(),
        entries,
        categories: progress
            .categories
            .iter()
            .map(|(code, c)| CategoryTotal {
                code: code.clone(),
                progress: c.clone(),
            })
            .collect(),
        totals: progress.totals.clone(),
        specializations: progress
            .specializations
            .iter()
            .map(|c| category_label(c))
            .collect(),
    })
}

/// The transcript rendered in a format.
pub async fn transcript_bytes(
    store: &Store,
    request: &TranscriptRequest,
    format: TranscriptFormat,
) -> AppResult<Vec<u8>> {
    let t = transcript(store, request).await?;
    match format {
        TranscriptFormat::Pdf => export::transcript_pdf::render(&t),
        TranscriptFormat::Csv => export::transcript_csv::render(&t),
    }
    .map_err(AppError::Io)
}

/// Checks the destination first (no work for a refused place), renders, writes.
async fn write_out<F>(store: &Store, destination: &Path, render: F) -> AppResult<()>
where
    F: std::future::Future<Output = AppResult<Vec<u8>>>,
{
    output::check_destination(destination, store.data_dir())?;
    let bytes = render.await?;
    output::write_bytes_atomic(destination, store.data_dir(), &bytes)
}

pub async fn export_transcript(
    store: &Store,
    request: &TranscriptRequest,
    format: TranscriptFormat,
    destination: &Path,
) -> AppResult<()> {
    write_out(store, destination, transcript_bytes(store, request, format)).await
}

// ---------- certificate ----------

/// The certificate of an issued certification; refused otherwise.
pub async fn certificate_bytes(store: &Store, enrollment_id: i64) -> AppResult<Vec<u8>> {
    let enrollment = cert::get(store, enrollment_id).await?;
    let (Some(issued_on), Some(expires_on), EnrollmentStatus::Issued) = (
        enrollment.dates.issued_on,
        enrollment.dates.expires_on,
        enrollment.status,
    ) else {
        return Err(AppError::invalid(
            "enrollment",
            format!(
                "A certificate exists only for an issued certification; enrollment {} is {}.",
                enrollment.id,
                enrollment.status_label.to_lowercase()
            ),
        ));
    };
    let (person_name, library, _) = who(store, enrollment.person_id).await?;
    let query = ProgressQuery {
        person_id: enrollment.person_id,
        track: Some(enrollment.track_code.clone()),
        as_of: Some(issued_on.to_string()),
    };
    let progress = super::ledger::progress(store, &query).await?;
    let certificate = Certificate {
        person_name,
        library,
        track_name: enrollment.track_name,
        specializations: progress
            .specializations
            .iter()
            .map(|c| category_label(c))
            .collect(),
        issued_on: issued_on.to_string(),
        expires_on: expires_on.to_string(),
    };
    export::certificate_pdf::render(&certificate).map_err(AppError::Io)
}

pub async fn export_certificate(
    store: &Store,
    enrollment_id: i64,
    destination: &Path,
) -> AppResult<()> {
    write_out(store, destination, certificate_bytes(store, enrollment_id)).await
}

// ---------- application packet ----------

fn read_blob(store: &Store, sha256: &str) -> AppResult<Vec<u8>> {
    std::fs::read(store.files.path_of(sha256))
        .map_err(|e| AppError::io(&format!("cannot read stored file {sha256}"), e))
}

/// The packet of an enrollment: the zip and what `packet.json` says.
pub async fn packet_bytes(
    store: &Store,
    enrollment_id: i64,
) -> AppResult<(Vec<u8>, PacketManifest)> {
    let enrollment = cert::get(store, enrollment_id).await?;
    let request = TranscriptRequest {
        person_id: enrollment.person_id,
        track: Some(enrollment.track_code.clone()),
        ..Default::default()
    };
    let t = transcript(store, &request).await?;
    let mut parts = vec![
        PacketPart {
            folder: "",
            name: "transcript.pdf".into(),
            kind: "transcript_pdf",
            description: format!(
                "Transcript of {}, {} to {}",
                t.person_name, t.period_from, t.period_to
            ),
            entry_id: None,
            bytes: export::transcript_pdf::render(&t).map_err(AppError::Io)?,
        },
        PacketPart {
            folder: "",
            name: "transcript.csv".into(),
            kind: "transcript_csv",
            description: "The transcript's entries as CSV".into(),
            entry_id: None,
            bytes: export::transcript_csv::render(&t).map_err(AppError::Io)?,
        },
    ];
    let counted: std::collections::HashMap<i64, &EntryVerdict> = t
        .entries
        .iter()
        .map(|e| &e.verdict)
        .filter(|v| v.counted)
        .map(|v| (v.id, v))
        .collect();
    for file in documents::evidence_of_person(store, enrollment.person_id).await? {
        let Some(entry) = counted.get(&file.entry_id) else {
            continue;
        };
        parts.push(PacketPart {
            folder: "evidence",
            name: format!("{} {} - {}", entry.date, entry.title, file.file_name),
            kind: "evidence",
            description: format!("Evidence for \"{}\" ({})", entry.title, entry.date),
            entry_id: Some(entry.id),
            bytes: read_blob(store, &file.sha256)?,
        });
    }
    if let Some(plan_id) = plans::latest(store, enrollment.id).await? {
        let plan = plans::get(store, plan_id).await?;
        parts.push(PacketPart {
            folder: "plan",
            name: format!("Professional development plan v{}.pdf", plan.version),
            kind: "typed_plan",
            description: format!(
                "The plan as typed, version {} ({})",
                plan.version, plan.status_label
            ),
            entry_id: None,
            bytes: export::plan_pdf::render(&plan).map_err(AppError::Io)?,
        });
        for document in &plan.documents {
            parts.push(PacketPart {
                folder: "plan",
                name: document.file_name.clone(),
                kind: "plan_document",
                description: format!("Plan document uploaded {}", document.uploaded_at),
                entry_id: None,
                bytes: read_blob(store, &document.sha256)?,
            });
        }
    }
    let manifest = PacketManifest {
        person_name: t.person_name.clone(),
        track_name: t.track_name.clone(),
        enrollment_id: enrollment.id,
        period_from: t.period_from.clone(),
        period_to: t.period_to.clone(),
        prepared_on: t.prepared_on.clone(),
        files: Vec::new(),
    };
    export::packet::render(manifest, parts).map_err(AppError::Io)
}

pub async fn export_packet(
    store: &Store,
    enrollment_id: i64,
    destination: &Path,
) -> AppResult<PacketManifest> {
    output::check_destination(destination, store.data_dir())?;
    let (bytes, manifest) = packet_bytes(store, enrollment_id).await?;
    output::write_bytes_atomic(destination, store.data_dir(), &bytes)?;
    Ok(manifest)
}

// ---------- calendar ----------

/// Which events go into a calendar: chosen ones, a search, and/or the
/// events a person attended (verified catalog entries).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CalendarRequest {
    #[ts(type = "number[]")]
    pub event_ids: Vec<i64>,
    pub search: Option<EventSearch>,
    #[ts(type = "number | null")]
    pub attended_by: Option<i64>,
}

pub async fn calendar_events(store: &Store, request: &CalendarRequest) -> AppResult<Vec<Event>> {
    let mut ids: Vec<i64> = request.event_ids.clone();
    if let Some(search) = &request.search {
        let mut page_search = search.clone();
        page_search.paging = Paging::first(MAX_PAGE);
        loop {
            let page = super::search_events(store, &page_search).await?;
            let count = page.items.len() as u32;
            ids.extend(page.items.iter().map(|e| e.heading.id));
            page_search.paging.offset += count;
            if count == 0 || i64::from(page_search.paging.offset) >= page.total {
                break;
            }
        }
    }
    if let Some(person_id) = request.attended_by {
        existing_person(store, "person", person_id).await?;
        for (_, entry) in ledger::for_person(store, person_id).await? {
            if let (Some(id), VerificationStatus::Verified) =
                (entry.event_id, entry.verification.status)
            {
                ids.push(id);
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    if ids.is_empty() {
        return Err(AppError::invalid(
            "events",
            "No events to put in the calendar: choose events, a search that finds some, or a person who attended some.",
        ));
    }
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        found.push(events::get(store, id).await?);
    }
    found.sort_by(|a, b| (&a.begin_utc, a.heading.id).cmp(&(&b.begin_utc, b.heading.id)));
    Ok(found)
}

pub async fn calendar_bytes(store: &Store, request: &CalendarRequest) -> AppResult<Vec<u8>> {
    let found = calendar_events(store, request).await?;
    export::ics::render("Aspen Desk events", &found).map_err(AppError::Io)
}

pub async fn export_calendar(
    store: &Store,
    request: &CalendarRequest,
    destination: &Path,
) -> AppResult<()> {
    write_out(store, destination, calendar_bytes(store, request)).await
}

// ---------- certificates held already ----------

/// Records a certification issued outside Aspen Desk: issued on `issued`,
/// expiring after the track's period (4 years), without the workflow.
pub async fn record_certificate(
    store: &Store,
    person_id: i64,
    track_code: &str,
    issued: &str,
) -> AppResult<Enrollment> {
    let track = cert::track(store, track_code.trim()).await?;
    let issued_on = field::date("issued", issued)?;
    let (start, expires) =
        crate::domain::certification::held_certificate_dates(&track, issued_on, today())?;
    documents::record_issued(
        store,
        person_id,
        &track.code,
        start,
        issued_on,
        expires,
        &store::current_actor(),
    )
    .await
}
