//! IPC for documents out. The page previews PDFs as bytes and saves through
//! a token from the Rust-side save dialog (`picked`): it never names a path.

use crate::commands::documents::{
    self as docs, CalendarRequest, TranscriptFormat, TranscriptRequest,
};
use crate::error::AppResult;
use crate::export::packet::PacketManifest;
use crate::export::Transcript;
use crate::picked::{PickedFiles, Purpose};
use crate::store::certification::Enrollment;
use crate::store::Store;
use tauri::ipc::Response;
use tauri::State;

/// The destination behind a save token, once.
fn destination(picked: &PickedFiles, token: &str) -> AppResult<std::path::PathBuf> {
    picked.redeem(token, Purpose::Save, "destination")
}

/// The transcript's contents, for the window to show beside its preview.
#[tauri::command]
pub async fn transcript_get(
    store: State<'_, Store>,
    request: TranscriptRequest,
) -> AppResult<Transcript> {
    docs::transcript(&store, &request).await
}

/// The transcript PDF, for the in-app viewer.
#[tauri::command]
pub async fn transcript_pdf_data(
    store: State<'_, Store>,
    request: TranscriptRequest,
) -> AppResult<Response> {
    let bytes = docs::transcript_bytes(&store, &request, TranscriptFormat::Pdf).await?;
    Ok(Response::new(bytes))
}

#[tauri::command]
pub async fn transcript_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    request: TranscriptRequest,
    format: TranscriptFormat,
    token: String,
) -> AppResult<()> {
    let path = destination(&picked, &token)?;
    docs::export_transcript(&store, &request, format, &path).await
}

/// The certificate PDF of an issued certification, for the viewer.
#[tauri::command]
pub async fn certificate_pdf_data(
    store: State<'_, Store>,
    enrollment_id: i64,
) -> AppResult<Response> {
    Ok(Response::new(
        docs::certificate_bytes(&store, enrollment_id).await?,
    ))
}

#[tauri::command]
pub async fn certificate_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    enrollment_id: i64,
    token: String,
) -> AppResult<()> {
    let path = destination(&picked, &token)?;
    docs::export_certificate(&store, enrollment_id, &path).await
}

#[tauri::command]
pub async fn packet_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    enrollment_id: i64,
    token: String,
) -> AppResult<PacketManifest> {
    let path = destination(&picked, &token)?;
    docs::export_packet(&store, enrollment_id, &path).await
}

/// Writes the calendar; returns how many events it holds.
#[tauri::command]
pub async fn calendar_save(
    store: State<'_, Store>,
    picked: State<'_, PickedFiles>,
    request: CalendarRequest,
    token: String,
) -> AppResult<usize> {
    let count = docs::calendar_events(&store, &request).await?.len();
    let path = destination(&picked, &token)?;
    docs::export_calendar(&store, &request, &path).await?;
    Ok(count)
}

/// Records a certificate held already (issued elsewhere).
#[tauri::command]
pub async fn certificate_record(
    store: State<'_, Store>,
    person_id: i64,
    track: String,
    issued: String,
) -> AppResult<Enrollment> {
    docs::record_certificate(&store, person_id, &track, &issued).await
}

/// Shows the save dialog from Rust; the window gets a token, never a path.
#[tauri::command]
pub async fn file_pick_save(
    app: tauri::AppHandle,
    picked: State<'_, PickedFiles>,
    suggestion: String,
) -> AppResult<Option<crate::picked::PickedFile>> {
    crate::picked::pick_save(&app, &picked, &suggestion).await
}
