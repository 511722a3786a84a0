//! Documents that leave Aspen Desk, rendered from domain values into bytes:
//! no IO here (the command layer reads, writes and names the files).
//! `pdf_writer` is the one PDF writer; the others are one format each.

pub mod certificate_pdf;
pub mod ics;
pub mod json;
pub mod packet;
pub mod pdf_writer;
pub mod plan_pdf;
pub mod transcript_csv;
pub mod transcript_pdf;

use crate::domain::certification::{CategoryProgress, CreditTotals, EntryVerdict};
use serde::Serialize;
use ts_rs::TS;

/// One line of a transcript: a credit entry dated in the period, with the
/// evaluation's verdict on it (id, date, title, category, credits, whether
/// it counted toward the track and why (not)).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TranscriptEntry {
    #[serde(flatten)]
    #[ts(flatten)]
    pub verdict: EntryVerdict,
    pub kind: String,
    pub sponsor: String,
    pub status: String,
    pub verified_by: String,
}

/// Required and earned credit of one category, with its code ("LA").
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CategoryTotal {
    pub code: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub progress: CategoryProgress,
}

/// Everything a transcript shows, gathered by the command layer from the
/// ledger and the track evaluation (no rule is recomputed here).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Transcript {
    /// "First Last"
    pub person_name: String,
    pub library: String,
    pub position: String,
    pub track_name: String,
    pub period_from: String,
    pub period_to: String,
    pub prepared_on: String,
    pub entries: Vec<TranscriptEntry>,
    pub categories: Vec<CategoryTotal>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub totals: CreditTotals,
    /// Specialization labels ("Technology").
    pub specializations: Vec<String>,
}

/// An issued certification, as printed on the certificate.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Certificate {
    pub person_name: String,
    pub library: String,
    pub track_name: String,
    pub specializations: Vec<String>,
    pub issued_on: String,
    pub expires_on: String,
}

/// Credits as people write them: "2", "1.5".
pub fn credits_text(credits: f64) -> String {
    if credits.fract() == 0.0 {
        format!("{credits:.0}")
    } else {
        format!("{credits:.1}")
    }
}

/// A name that is safe as one file name inside an archive or folder:
/// no separators, no control characters, not empty, not too long.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.').trim();
    let short: String = trimmed.chars().take(120).collect();
    if short.is_empty() {
        "file".into()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_are_written_without_needless_decimals() {
        assert_eq!(credits_text(2.0), "2");
        assert_eq!(credits_text(1.5), "1.5");
        assert_eq!(credits_text(0.0), "0");
    }

    #[test]
    fn file_names_cannot_climb_out_of_their_folder() {
        assert_eq!(safe_file_name("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(safe_file_name("a/b\\c:d"), "a-b-c-d");
        assert_eq!(safe_file_name(" .. "), "file");
        assert_eq!(
            safe_file_name("Zoë's certificate.pdf"),
            "Zoë's certificate.pdf"
        );
    }
}
