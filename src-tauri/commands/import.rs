//! Import operations: read a file (or take pasted text), preview what was
//! read, and save it in one transaction. The parsing is in `crate::import`.

use super::today;
use crate::domain::count_of;
use crate::domain::event::{Event, EventDraft, EventInput, PositionRefInput};
use crate::domain::ledger::CreditEntryInput;
use crate::error::{AppError, AppResult, FieldError};
use crate::import::{self, ImportBatch, ImportContext, ImportKind, RowError};
use crate::store::import::{self as saver, Outcome};
use crate::store::{self, ledger, Store};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    Create,
    Update,
    /// A known event the file holds exactly as stored: nothing to write.
    Unchanged,
}

/// One event as it will be saved: the event JSON of `events show` (its id is
/// the existing event's on update, 0 before a create is saved), plus what
/// the import will do and what could not be read.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventPreview {
    #[serde(flatten)]
    pub event: Event,
    pub action: ImportAction,
    /// On update, the fields that will change ("Location"), as the page
    /// history will list them.
    pub changes: Vec<String>,
    pub not_read: Vec<String>,
}

/// The preview (what was read, its events checked), and after a save what
/// was saved.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportReport {
    #[serde(flatten)]
    #[ts(flatten)]
    pub batch: ImportBatch<EventPreview>,
    #[ts(type = "number")]
    pub created: usize,
    #[ts(type = "number")]
    pub updated: usize,
    /// Known events the file holds as they are stored (nothing written).
    #[ts(type = "number")]
    pub unchanged: usize,
    /// True when a save was cancelled: nothing was saved.
    pub canceled: bool,
}

/// How far a save is.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
}

/// What to save and how.
#[derive(Debug, Clone, Default, serde::Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    /// Whose credits a CSV holds (default: the current person).
    #[ts(type = "number | null")]
    pub person_id: Option<i64>,
    /// Save the good rows and events even when others are bad.
    pub only_good: bool,
}

/// Reads a file, refusing a too large one before reading it.
pub fn read_file(path: &Path) -> AppResult<Vec<u8>> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::invalid("file", format!("cannot read {shown}: {e}")))?;
    if !meta.is_file() {
        return Err(AppError::invalid("file", format!("{shown} is not a file.")));
    }
    if meta.len() > import::MAX_IMPORT_BYTES {
        return Err(import::too_large(meta.len()));
    }
    std::fs::read(path).map_err(|e| AppError::invalid("file", format!("cannot read {shown}: {e}")))
}

/// Validated events with their preview, plus the (existing id, draft) pairs to save.
struct Prepared {
    report: ImportReport,
    to_save: Vec<(Option<i64>, EventDraft)>,
}

/// Links each free-text trainer and contact to the directory position with
/// the same name, title and organization, else keeps the text.
fn link_positions(input: &mut EventInput, directory: &HashMap<String, i64>) {
    for list in [&mut input.trainer_positions, &mut input.contact_positions] {
        for entry in list.iter_mut() {
            if let PositionRefInput::Text(text) = entry {
                if let Some(id) = directory.get(&saver::position_key(text)) {
                    *entry = PositionRefInput::Object {
                        position_id: Some(*id),
                        text: Some(text.clone()),
                    };
                }
            }
        }
    }
}

async fn prepare(
    store: &Store,
    file_name: Option<&str>,
    bytes: &[u8],
    options: &ImportOptions,
) -> AppResult<Prepared> {
    let parsed = import::parse(file_name, bytes, &ImportContext::around(today()))?;
    let (batch, events) = parsed.take_events();
    let mut report = ImportReport {
        batch,
        created: 0,
        updated: 0,
        unchanged: 0,
        canceled: false,
    };
    if let Some(person_id) = options.person_id {
        for credit in &mut report.batch.credits {
            credit.input.person_id = person_id;
        }
    }
    let directory = if events.is_empty() {
        HashMap::new()
    } else {
        saver::positions_by_display(store).await?
    };
    let mut drafts = Vec::new();
    for (i, mut imported) in events.into_iter().enumerate() {
        link_positions(&mut imported.input, &directory);
        match imported.input.validate() {
            Ok(draft) => drafts.push((draft, imported.not_read)),
            Err(fields) => report
                .batch
                .errors
                .extend(fields.into_iter().map(|f| RowError {
                    row: i + 1,
                    field: f.field,
                    message: f.message,
                })),
        }
    }
    let keys: Vec<(String, i64)> = drafts
        .iter()
        .map(|(d, _)| (d.title.clone(), d.begin.timestamp()))
        .collect();
    let existing = saver::existing_events(store, &keys).await?;
    let mut seen = HashSet::new();
    let mut to_save = Vec::with_capacity(drafts.len());
    let now = chrono::Utc::now();
    for ((draft, not_read), key) in drafts.into_iter().zip(keys) {
        if !seen.insert(key.clone()) {
            report.batch.warnings.push(format!(
                "\"{}\" on {} is listed twice: it is imported once.",
                draft.title,
                crate::domain::time::display_long(draft.begin, draft.time_zone)
            ));
            continue;
        }
        let found = existing.get(&key).copied();
        report.batch.events.push(EventPreview {
            event: Event::new(found.unwrap_or(0), draft.clone(), Vec::new(), now, now),
            action: if found.is_some() {
                ImportAction::Update
            } else {
                ImportAction::Create
            },
            changes: Vec::new(),
            not_read,
        });
        to_save.push((found, draft));
    }
    Ok(Prepared { report, to_save })
}

impl EventPreview {
    /// Says what saving did, or would do, to a known event: `changes` are
    /// the fields that differ from the stored event (none: unchanged).
    fn known(&mut self, changes: Vec<String>) {
        self.action = if changes.is_empty() {
            ImportAction::Unchanged
        } else {
            ImportAction::Update
        };
        self.changes = changes;
    }
}

/// Reads and checks, saving nothing. Each known event is compared with the
/// stored one, so the preview tells an update (and of which fields) from an
/// event already in the catalog as it reads.
pub async fn preview(
    store: &Store,
    file_name: Option<&str>,
    bytes: &[u8],
    options: &ImportOptions,
) -> AppResult<ImportReport> {
    let Prepared {
        mut report,
        to_save,
    } = prepare(store, file_name, bytes, options).await?;
    let known: Vec<(usize, (i64, &EventDraft))> = to_save
        .iter()
        .enumerate()
        .filter_map(|(i, (found, draft))| found.map(|id| (i, (id, draft))))
        .collect();
    let pairs: Vec<(i64, &EventDraft)> = known.iter().map(|(_, pair)| *pair).collect();
    let pending = saver::pending_changes(store, &pairs).await?;
    for ((i, _), changes) in known.iter().zip(pending) {
        report.batch.events[*i].known(changes);
    }
    Ok(report)
}

fn blocking_errors(errors: &[RowError]) -> AppError {
    AppError::Invalid(
        errors
            .iter()
            .map(|e| {
                FieldError::new(
                    format!("row {} {}", e.row, e.field),
                    format!(
                        "{} Nothing was imported: fix the rows, or import only the good ones.",
                        e.message
                    ),
                )
            })
            .collect(),
    )
}

/// Reads, checks and saves in one transaction. Refuses (saving nothing)
/// while any row or event is bad, unless `only_good`. `progress` is called
/// every few hundred events; `cancel` rolls the whole save back.
pub async fn save(
    store: &Store,
    file_name: Option<&str>,
    bytes: &[u8],
    options: &ImportOptions,
    mut progress: impl FnMut(ImportProgress) + Send,
    cancel: Arc<AtomicBool>,
) -> AppResult<ImportReport> {
    let Prepared {
        mut report,
        to_save,
    } = prepare(store, file_name, bytes, options).await?;
    if !report.batch.errors.is_empty() && !options.only_good {
        return Err(blocking_errors(&report.batch.errors));
    }
    let actor = store::current_actor();
    if report.batch.kind == ImportKind::CreditsCsv {
        save_credits(store, &mut report, options, &actor).await?;
        return Ok(report);
    }
    let total = to_save.len();
    let note = match report.batch.kind {
        ImportKind::Ics => "Imported from a calendar (.ics)",
        _ => "Imported from an ASPeN event page",
    };
    let mut report_progress = |done| progress(ImportProgress { done, total });
    let saved =
        saver::save_events(store, &to_save, &actor, note, &mut report_progress, &cancel).await?;
    match saved {
        None => {
            report.canceled = true;
            report.batch.events.clear();
        }
        Some(saved) => {
            let done = saved.ids.into_iter().zip(saved.outcomes);
            for (preview, (id, outcome)) in report.batch.events.iter_mut().zip(done) {
                preview.event.heading.id = id;
                match outcome {
                    Outcome::Created => {}
                    Outcome::Updated(changes) => preview.known(changes),
                    Outcome::Unchanged => preview.known(Vec::new()),
                }
            }
            report.created = saved.created;
            report.updated = saved.updated;
            report.unchanged = saved.unchanged;
        }
    }
    Ok(report)
}

async fn save_credits(
    store: &Store,
    report: &mut ImportReport,
    options: &ImportOptions,
    actor: &str,
) -> AppResult<()> {
    let person_id = match options.person_id {
        Some(id) => id,
        None => super::ledger::current_person(store)
            .await?
            .map(|p| p.id)
            .ok_or_else(|| {
                AppError::invalid("person", "Choose whose credits these are (--person ID).")
            })?,
    };
    let mut drafts = Vec::with_capacity(report.batch.credits.len());
    for credit in &mut report.batch.credits {
        credit.input.person_id = person_id;
        let input: &CreditEntryInput = &credit.input;
        drafts.push(input.validate(today())?);
    }
    let saved = ledger::add_all(store, &drafts, actor).await?;
    report.created = saved.len();
    Ok(())
}

/// The command line's `import FILE`: a preview with `dry_run`, else a save.
pub async fn import_file(
    store: &Store,
    path: &Path,
    options: &ImportOptions,
    dry_run: bool,
) -> AppResult<ImportReport> {
    let bytes = read_file(path)?;
    let name = path.file_name().and_then(|n| n.to_str());
    if dry_run {
        preview(store, name, &bytes, options).await
    } else {
        save(store, name, &bytes, options, |_| {}, Arc::default()).await
    }
}

impl ImportReport {
    /// One line for people: "3 events read: 2 created, 1 updated" (and
    /// ", 4 unchanged" when known events came back as stored), then a line
    /// per problem and per warning.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "{} read: {} created, {} updated",
            self.read(),
            self.created,
            self.updated
        );
        if self.unchanged > 0 {
            out.push_str(&format!(", {} unchanged", self.unchanged));
        }
        self.with_problems(out)
    }

    /// The same for a preview (a dry run), in what saving would do:
    /// "3 events read: 1 new, 1 to update, 1 unchanged; nothing saved".
    pub fn preview_summary(&self) -> String {
        let events = &self.batch.events;
        let count = |action| events.iter().filter(|e| e.action == action).count();
        let mut out = format!("{} read", self.read());
        if self.batch.kind != ImportKind::CreditsCsv {
            out.push_str(&format!(
                ": {} new, {} to update, {} unchanged",
                count(ImportAction::Create),
                count(ImportAction::Update),
                count(ImportAction::Unchanged)
            ));
        }
        out.push_str("; nothing saved");
        self.with_problems(out)
    }

    fn read(&self) -> String {
        match self.batch.kind {
            ImportKind::CreditsCsv => {
                count_of(self.batch.credits.len(), "credit row", "credit rows")
            }
            _ => count_of(self.batch.events.len(), "event", "events"),
        }
    }

    fn with_problems(&self, mut out: String) -> String {
        for e in &self.batch.errors {
            out.push_str(&format!("\nrow {} {}: {}", e.row, e.field, e.message));
        }
        for w in &self.batch.warnings {
            out.push_str(&format!("\nwarning: {w}"));
        }
        out
    }
}

/// Texts and files waiting for their preview and save, each under an opaque
/// number the window holds (it never sees a path), with its cancel switch.
#[derive(Default)]
pub struct ImportSessions {
    pending: std::sync::Mutex<(u64, HashMap<u64, Pending>)>,
}

#[derive(Clone)]
struct Pending {
    name: Option<String>,
    bytes: Arc<Vec<u8>>,
    cancel: Arc<AtomicBool>,
}

/// What the window learns of a text or file waiting to be imported.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportSource {
    #[ts(type = "number")]
    pub session: u64,
    /// The file's name, or "Pasted text".
    pub name: String,
    #[ts(type = "number")]
    pub size: usize,
}

/// At most this many sources wait at once; older ones are forgotten.
const MAX_PENDING: usize = 4;

impl ImportSessions {
    fn lock(&self) -> AppResult<std::sync::MutexGuard<'_, (u64, HashMap<u64, Pending>)>> {
        self.pending
            .lock()
            .map_err(|_| AppError::Io("the list of imports is unavailable".into()))
    }

    /// Keeps a pasted text or a read file for preview and save.
    pub fn add(&self, name: Option<String>, bytes: Vec<u8>) -> AppResult<ImportSource> {
        if bytes.len() as u64 > import::MAX_IMPORT_BYTES {
            return Err(import::too_large(bytes.len() as u64));
        }
        let mut guard = self.lock()?;
        let (next, pending) = &mut *guard;
        *next += 1;
        while pending.len() >= MAX_PENDING {
            let Some(oldest) = pending.keys().min().copied() else {
                break;
            };
            pending.remove(&oldest);
        }
        let source = ImportSource {
            session: *next,
            name: name.clone().unwrap_or_else(|| "Pasted text".into()),
            size: bytes.len(),
        };
        pending.insert(
            *next,
            Pending {
                name,
                bytes: Arc::new(bytes),
                cancel: Arc::default(),
            },
        );
        Ok(source)
    }

    /// Reads a chosen or dropped file (refusing a too large one unread) and
    /// keeps it under its name.
    pub fn add_file(&self, path: &Path) -> AppResult<ImportSource> {
        let bytes = read_file(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        self.add(name, bytes)
    }

    fn get(&self, session: u64) -> AppResult<Pending> {
        self.lock()?.1.get(&session).cloned().ok_or_else(|| {
            AppError::invalid(
                "session",
                "Paste or choose the file again: this import is no longer open.",
            )
        })
    }

    /// Stops a running save (it rolls back).
    pub fn cancel(&self, session: u64) -> AppResult<()> {
        if let Some(p) = self.lock()?.1.get(&session) {
            p.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    }

    pub async fn preview(
        &self,
        store: &Store,
        session: u64,
        options: &ImportOptions,
    ) -> AppResult<ImportReport> {
        let pending = self.get(session)?;
        preview(store, pending.name.as_deref(), &pending.bytes, options).await
    }

    /// Saves a session's text or file; a saved or cancelled one is forgotten.
    pub async fn save(
        &self,
        store: &Store,
        session: u64,
        options: &ImportOptions,
        progress: impl FnMut(ImportProgress) + Send,
    ) -> AppResult<ImportReport> {
        let Pending {
            name,
            bytes,
            cancel,
        } = self.get(session)?;
        cancel.store(false, std::sync::atomic::Ordering::Relaxed);
        let report = save(store, name.as_deref(), &bytes, options, progress, cancel).await?;
        self.lock()?.1.remove(&session);
        Ok(report)
    }
}
