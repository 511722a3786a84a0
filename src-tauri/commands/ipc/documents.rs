//! IPC for documents out: previews as PDF bytes, saves through save-dialog
//! tokens (never a path from the page).

use super::destination;
use crate::commands::documents::{
    self as docs, CalendarRequest, TranscriptFormat, TranscriptRequest,
};
use crate::domain::certification::Enrollment;
use crate::export::packet::PacketManifest;
use crate::export::Transcript;
use crate::picked::PickedFiles;
use tauri::ipc::Response;
use tauri::State;

thin_commands! {
    /// The transcript's contents, for the window to show beside its preview.
    transcript_get(store, request: TranscriptRequest) -> Transcript {
        docs::transcript(&store, &request).await
    }
    /// The transcript PDF, for the in-app viewer.
    transcript_pdf_data(store, request: TranscriptRequest) -> Response {
        let bytes = docs::transcript_bytes(&store, &request, TranscriptFormat::Pdf).await?;
        Ok(Response::new(bytes))
    }
    /// The certificate PDF of an issued certification, for the viewer.
    certificate_pdf_data(store, enrollment_id: i64) -> Response {
        Ok(Response::new(docs::certificate_bytes(&store, enrollment_id).await?))
    }
    /// Records a certificate held already (issued elsewhere).
    certificate_record(store, person_id: i64, track: String, issued: String) -> Enrollment {
        docs::record_certificate(&store, person_id, &track, &issued).await
    }
    transcript_save(
        store,
        picked: State<'_, PickedFiles>,
        request: TranscriptRequest,
        format: TranscriptFormat,
        token: String,
    ) -> () {
        let path = destination(&picked, &token)?;
        docs::export_transcript(&store, &request, format, &path).await
    }
    certificate_save(store, picked: State<'_, PickedFiles>, enrollment_id: i64, token: String)
        -> ()
    {
        docs::export_certificate(&store, enrollment_id, &destination(&picked, &token)?).await
    }
    packet_save(store, picked: State<'_, PickedFiles>, enrollment_id: i64, token: String)
        -> PacketManifest
    {
        docs::export_packet(&store, enrollment_id, &destination(&picked, &token)?).await
    }
    /// Writes the calendar; returns how many events it holds.
    calendar_save(
        store,
        picked: State<'_, PickedFiles>,
        request: CalendarRequest,
        token: String,
    ) -> usize {
        let count = docs::calendar_events(&store, &request).await?.len();
        docs::export_calendar(&store, &request, &destination(&picked, &token)?).await?;
        Ok(count)
    }
}
