//! Importers: bytes in, domain inputs out, with what could not be read. No IO:
//! the command layer reads files and saves (`commands/import.rs`).
//!
//! - `aspen_page`: an ASPeN event page pasted or saved as text or HTML;
//! - `ics`: an iCalendar file (one event per VEVENT, RRULEs expanded);
//! - `credits_csv`: a spreadsheet of credit entries.

pub mod aspen_page;
pub mod credits_csv;
pub mod html;
pub mod ics;
pub mod sample;

use crate::domain::credits::Category;
use crate::domain::event::{CreditInput, EventInput};
use crate::domain::ledger::CreditEntryInput;
use crate::error::{AppError, FieldError};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// Larger files are refused before they are read: 10,000 calendar events
/// take about 5 MB.
pub const MAX_IMPORT_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    AspenPage,
    Ics,
    CreditsCsv,
}

/// One event read from a page or a calendar, before validation.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportedEvent {
    pub input: EventInput,
    /// What the source had but could not be read, in words for the preview.
    pub not_read: Vec<String>,
}

/// One row of a credits spreadsheet (its row number as a spreadsheet shows
/// it: the header is row 1).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportedCredit {
    #[ts(type = "number")]
    pub row: usize,
    pub input: CreditEntryInput,
}

/// A problem with one row or event. `row` is 1-based: the spreadsheet row of
/// a CSV (the header is row 1), the VEVENT's number in an unreadable
/// calendar entry, or the event's number in the read list when its fields
/// are invalid (`field` then names the field, e.g. `credits[0].credits`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowError {
    #[ts(type = "number")]
    pub row: usize,
    pub field: String,
    pub message: String,
}

/// Everything read from one file or pasted text, its events at one stage:
/// as read (`ParsedImport`), or checked and previewed
/// (`commands::import::ImportReport` carries an `ImportBatch<EventPreview>`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportBatch<E> {
    pub kind: ImportKind,
    pub events: Vec<E>,
    pub credits: Vec<ImportedCredit>,
    pub errors: Vec<RowError>,
    pub warnings: Vec<String>,
}

/// What a parser returns: the events as read, before validation.
pub type ParsedImport = ImportBatch<ImportedEvent>;

impl<E> ImportBatch<E> {
    fn new(kind: ImportKind) -> Self {
        ImportBatch {
            kind,
            events: Vec::new(),
            credits: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The same batch without its events (returned beside it), ready to
    /// take them at their next stage.
    pub fn take_events<Next>(self) -> (ImportBatch<Next>, Vec<E>) {
        let ImportBatch {
            kind,
            events,
            credits,
            errors,
            warnings,
        } = self;
        let batch = ImportBatch {
            kind,
            events: Vec::new(),
            credits,
            errors,
            warnings,
        };
        (batch, events)
    }
}

/// What the parsers need to know about "now": credits cannot be in the
/// future, and recurring events are expanded inside the browsing window.
#[derive(Debug, Clone, Copy)]
pub struct ImportContext {
    pub today: NaiveDate,
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
}

impl ImportContext {
    /// ASPeN's browsing window (the last 4 years) and the next 2 years, so a
    /// rule without an end gives a bounded list.
    pub fn around(today: NaiveDate) -> Self {
        ImportContext {
            today,
            window_from: today
                .checked_sub_months(chrono::Months::new(48))
                .unwrap_or(today),
            window_to: today
                .checked_add_months(chrono::Months::new(24))
                .unwrap_or(today),
        }
    }
}

pub(crate) fn refuse(message: impl Into<String>) -> AppError {
    AppError::Invalid(vec![FieldError::new("file", message)])
}

/// Text from bytes: UTF-8 (a byte-order mark is dropped); binary files are
/// refused; other 8-bit text is read with replacement characters and a warning.
pub fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> Result<String, AppError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse("The file is empty: there is nothing to import."));
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if bytes.contains(&0) || controls * 20 > bytes.len() {
        return Err(refuse(
            "This is a binary file, not text: import an ASPeN event page (.txt or .html), a calendar (.ics) or a spreadsheet saved as CSV.",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => {
            warnings.push(
                "The file is not UTF-8 text: characters that could not be read are shown as \u{FFFD}."
                    .into(),
            );
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
    }
}

/// Which importer a file is for, from its content first and its name second.
pub fn detect(file_name: Option<&str>, text: &str) -> ImportKind {
    let extension = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    let head = text.trim_start();
    if head
        .get(..15)
        .is_some_and(|h| h.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
        || extension == "ics"
    {
        return ImportKind::Ics;
    }
    if extension == "csv" || credits_csv::looks_like_credits_header(head) {
        return ImportKind::CreditsCsv;
    }
    ImportKind::AspenPage
}

/// Reads a file's bytes (or pasted text) as whichever kind it is.
pub fn parse(
    file_name: Option<&str>,
    bytes: &[u8],
    context: &ImportContext,
) -> Result<ParsedImport, AppError> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let mut warnings = Vec::new();
    let text = decode_text(bytes, &mut warnings)?;
    let mut parsed = match detect(file_name, &text) {
        ImportKind::Ics => ics::parse(&text, context)?,
        ImportKind::CreditsCsv => credits_csv::parse(&text, context.today)?,
        ImportKind::AspenPage => aspen_page::parse(&text)?,
    };
    warnings.append(&mut parsed.warnings);
    parsed.warnings = warnings;
    Ok(parsed)
}

pub fn too_large(size: u64) -> AppError {
    refuse(format!(
        "The file is {:.0} MB: imports are limited to {} MB. Split it into smaller files.",
        size as f64 / (1024.0 * 1024.0),
        MAX_IMPORT_BYTES / (1024 * 1024)
    ))
}

// ---------- helpers shared by the importers ----------

/// A category from loose words: a code, a label, or words like "library
/// administation" (sic) as ASPeN descriptions write them.
pub fn category_from_words(text: &str) -> Option<Category> {
    if let Some(c) = Category::parse(text) {
        return Some(c);
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |prefix: &str| words.iter().any(|w| w.starts_with(prefix));
    if has("collection") || has("catalog") || lower.contains("technical serv") || has("cmts") {
        Some(Category::CMTS)
    } else if has("public") || has("patron") || has("lsp") || lower.contains("services to") {
        Some(Category::LSP)
    } else if has("admin") || has("governance") || has("leadership") || words.contains(&"la") {
        Some(Category::LA)
    } else if has("tech") {
        Some(Category::TECH)
    } else {
        None
    }
}

/// A number of credits as pages write it: "0.5", ".5", "4.0", "1,5".
pub fn credit_amount(text: &str) -> Option<f64> {
    let text = text.trim().replace(',', ".");
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Credits stated in prose, e.g. "CE category: .5 library administation" or
/// "CE credits: 1 LSP, 0.5 Technology". Returns nothing when no line says so.
pub fn credits_from_prose(description: &str) -> Vec<CreditInput> {
    let mut credits: Vec<CreditInput> = Vec::new();
    for line in description.lines() {
        let lower = line.to_lowercase();
        let Some(at) = [
            "ce category:",
            "ce categories:",
            "ce credit:",
            "ce credits:",
        ]
        .iter()
        .find_map(|label| lower.find(label).map(|i| i + label.len())) else {
            continue;
        };
        let rest = line.get(at..).unwrap_or("");
        for part in rest.split([';', ',']).flat_map(|p| p.split(" and ")) {
            let part = part.trim();
            let (number, words) = part.split_once(' ').unwrap_or((part, ""));
            let words = words
                .trim_start_matches(|c: char| c.is_whitespace())
                .trim_start_matches("credits")
                .trim_start_matches("credit");
            if let (Some(amount), Some(category)) =
                (credit_amount(number), category_from_words(words))
            {
                if !credits.iter().any(|c| c.category == category.code()) {
                    credits.push(CreditInput {
                        category: category.code().into(),
                        credits: amount,
                    });
                }
            }
        }
    }
    credits
}

/// Removes a cancellation mark from a title ("Canceled- Budget basics",
/// "CANCELLED: ...", "[Canceled] ..."); true when there was one.
pub fn strip_canceled(title: &str) -> (String, bool) {
    let trimmed = title.trim();
    let unbracketed = trimmed.trim_start_matches(['[', '(']);
    let lower = unbracketed.to_lowercase();
    for word in ["cancelled", "canceled"] {
        if let Some(rest) = lower.strip_prefix(word) {
            let starts_a_word = rest.chars().next().is_some_and(|c| c.is_alphanumeric());
            if starts_a_word {
                continue;
            }
            let rest = unbracketed.get(word.len()..).unwrap_or("");
            let cleaned = rest
                .trim_start_matches(|c: char| {
                    c.is_whitespace()
                        || matches!(c, '-' | '\u{2013}' | '\u{2014}' | ':' | ')' | ']')
                })
                .trim();
            if !cleaned.is_empty() {
                return (cleaned.to_string(), true);
            }
        }
    }
    (trimmed.to_string(), false)
}

/// True for a line announcing that the event is cancelled.
pub fn is_cancellation_note(line: &str) -> bool {
    let lower = line.to_lowercase();
    let lower = lower.trim();
    matches!(
        lower,
        "canceled" | "cancelled" | "status: canceled" | "status: cancelled"
    ) || ["has been cancel", "was cancel", "is cancel", "event cancel"]
        .iter()
        .any(|phrase| lower.contains(phrase))
}

/// Collapses runs of spaces (pages pad with non-breaking spaces).
pub fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_credits_read_the_seed_line_and_lists() {
        let seed = credits_from_prose("Attend this.\nCE category: .5 library administation ");
        assert_eq!(seed.len(), 1);
        assert_eq!(seed[0].category, "LA");
        assert_eq!(seed[0].credits, 0.5);
        let two = credits_from_prose("CE credits: 1 LSP, 0.5 credits Technology");
        let got: Vec<(String, f64)> = two.into_iter().map(|c| (c.category, c.credits)).collect();
        assert_eq!(got, [("LSP".into(), 1.0), ("TECH".into(), 0.5)]);
        assert!(credits_from_prose("No credit line here: 5 apples").is_empty());
    }

    #[test]
    fn loose_category_words() {
        for (words, code) in [
            ("Library Administration", "LA"),
            ("library administation", "LA"),
            ("Library Services to the Public", "LSP"),
            ("Collection Management and Technical Services", "CMTS"),
            ("technical services", "CMTS"),
            ("Technology", "TECH"),
            ("tech", "TECH"),
        ] {
            assert_eq!(category_from_words(words).map(|c| c.code()), Some(code));
        }
        assert_eq!(category_from_words("knitting"), None);
    }

    #[test]
    fn cancellation_marks_are_removed_from_titles() {
        for title in [
            "Canceled- Budget Basics",
            "CANCELLED: Budget Basics",
            "[Canceled] Budget Basics",
            "Cancelled \u{2013} Budget Basics",
        ] {
            assert_eq!(
                strip_canceled(title),
                ("Budget Basics".into(), true),
                "{title}"
            );
        }
        assert_eq!(
            strip_canceled("Cancellation policies for libraries"),
            ("Cancellation policies for libraries".into(), false)
        );
        assert!(is_cancellation_note("This event has been canceled."));
        assert!(!is_cancellation_note("Cancellation policies"));
    }

    #[test]
    fn binary_and_empty_input_are_refused_and_kinds_detected() {
        let mut warnings = Vec::new();
        assert!(decode_text(b"\x00\x01\x02PK", &mut warnings).is_err());
        assert!(decode_text(b"  \r\n ", &mut warnings).is_err());
        let latin1 = decode_text(b"Caf\xe9 talk", &mut warnings).expect("text");
        assert!(latin1.starts_with("Caf"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(detect(None, "BEGIN:VCALENDAR\r\n"), ImportKind::Ics);
        assert_eq!(detect(Some("x.CSV"), "a,b"), ImportKind::CreditsCsv);
        assert_eq!(
            detect(None, "date,title,category,credits\n"),
            ImportKind::CreditsCsv
        );
        assert_eq!(detect(Some("page.txt"), "Title\n"), ImportKind::AspenPage);
    }

    const SAMPLES: &[(&str, &str)] = &[
        (
            "seed-page.txt",
            include_str!("../../tests/fixtures/import/seed-page.txt"),
        ),
        (
            "block.txt",
            include_str!("../../tests/fixtures/import/block-in-person.txt"),
        ),
        (
            "conference.txt",
            include_str!("../../tests/fixtures/import/conference-multiday.txt"),
        ),
        (
            "colon.txt",
            include_str!("../../tests/fixtures/import/colon-online.txt"),
        ),
        (
            "page.html",
            include_str!("../../tests/fixtures/import/event-page.html"),
        ),
        (
            "calendar.ics",
            include_str!("../../tests/fixtures/import/calendar.ics"),
        ),
        (
            "credits.csv",
            include_str!("../../tests/fixtures/import/credits.csv"),
        ),
    ];

    fn context() -> ImportContext {
        ImportContext::around(NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"))
    }

    /// Parsing returns a result for anything; what it accepts validates or
    /// names its bad fields (never a panic).
    fn parse_never_panics(name: Option<&str>, bytes: &[u8]) {
        if let Ok(parsed) = parse(name, bytes, &context()) {
            for e in &parsed.events {
                let _ = e.input.validate();
            }
        }
    }

    /// Pieces of every format the importers read, to build texts that get
    /// past each parser's first checks (random bytes rarely do: they are
    /// refused as binary before any parser sees them).
    const PIECES: &[&str] = &[
        "BEGIN:VCALENDAR",
        "END:VCALENDAR",
        "BEGIN:VEVENT",
        "END:VEVENT",
        "BEGIN:VTIMEZONE",
        "SUMMARY:",
        "DTSTART:",
        "DTSTART;TZID=America/Denver:",
        "DTSTART;VALUE=DATE:",
        "DTEND;TZID=Nowhere/Else:",
        "DURATION:",
        "PT1H",
        "P-3W",
        "RRULE:FREQ=",
        "SECONDLY",
        "DAILY;COUNT=",
        "WEEKLY;UNTIL=",
        "BYDAY=MO,TU",
        "RECURRENCE-ID:",
        "EXDATE:",
        "UID:x",
        "STATUS:CANCELLED",
        "X-ASPEN-CREDITS:",
        "TECH=",
        "LA=1,",
        "20260318T140000",
        "Z",
        "99991231",
        "00000000T000000",
        "date,title,kind,category,credits,units,status",
        "verified_by,sponsor,trainer,conference,notes",
        "2024-02-30",
        "4/2/2024",
        "LSP",
        "1.5",
        "-1",
        "NaN",
        "1e308",
        "independent",
        "Event Type",
        "Event:",
        "Continuing Education",
        "Begin Date/Time",
        "Begin Date",
        "End Date",
        "Monday, September 19, 2022 9:00 AM",
        "Wednesday, June 2, 2021 12:00 AM",
        "4.0 creditsLibrary Administration",
        "Canceled- ",
        "CE category: .5 library administation",
        "Trainer Position(s)",
        "Contact Position(s)",
        "Hale, Tracy - Consultant (Montana State Library)",
        "Online Only",
        "Missoula, MT 59802",
        "Parent Event",
        "Record Count: 3",
        "Page History",
        "<html><body>",
        "<table><tr><td>",
        "</td></tr>",
        "<br>",
        "<div>",
        "&nbsp;",
        "<script>x</script>",
        "\u{a0}",
        "\r\n",
        "\n",
        "\r\n ",
        "\t",
        ":",
        ";",
        ",",
        "\"",
        "=",
        " ",
        "\u{FFFD}",
        "\u{1F4DA}",
    ];

    fn soup() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = proptest::sample::select(PIECES).prop_map(str::to_string);
        proptest::collection::vec(prop_oneof![3 => piece, 1 => "\\PC{0,6}"], 0..160)
            .prop_map(|parts| parts.concat())
    }

    /// Each parser on its own (no detection, no decoding first).
    fn every_parser_never_panics(text: &str) {
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
        let results = [
            ics::parse(text, &context()),
            credits_csv::parse(text, today),
            aspen_page::parse(text),
            html::html_to_text(text).and_then(|t| aspen_page::parse(&t)),
        ];
        for parsed in results.into_iter().flatten() {
            for e in &parsed.events {
                let _ = e.input.validate();
            }
            for c in &parsed.credits {
                let _ = c.input.validate(today);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn each_parser_takes_arbitrary_text(text in "(?s).{0,600}") {
            every_parser_never_panics(&text);
        }

        #[test]
        fn each_parser_takes_any_mix_of_format_pieces(text in soup()) {
            every_parser_never_panics(&text);
        }

        #[test]
        fn each_parser_takes_mutated_samples(
            which in 0..SAMPLES.len(),
            edits in proptest::collection::vec((0.0f64..1.0, proptest::sample::select(PIECES), proptest::bool::ANY), 1..8),
        ) {
            let mut text = SAMPLES[which].1.to_string();
            for (at, piece, insert) in edits {
                let mut i = (text.len() as f64 * at) as usize;
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                if insert {
                    text.insert_str(i, piece);
                } else {
                    let end = text[i..].char_indices().nth(piece.len()).map_or(text.len(), |(j, _)| i + j);
                    text.replace_range(i..end, "");
                }
            }
            every_parser_never_panics(&text);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            for name in [None, Some("x.ics"), Some("x.csv"), Some("x.html")] {
                parse_never_panics(name, &bytes);
            }
        }

        #[test]
        fn truncated_samples_never_panic(which in 0..SAMPLES.len(), cut in 0.0f64..1.0) {
            let (name, text) = SAMPLES[which];
            let bytes = text.as_bytes();
            let end = (bytes.len() as f64 * cut) as usize;
            parse_never_panics(Some(name), &bytes[..end]);
            parse_never_panics(None, &bytes[end..]);
        }

        #[test]
        fn mutated_samples_never_panic(
            which in 0..SAMPLES.len(),
            edits in proptest::collection::vec((0.0f64..1.0, proptest::num::u8::ANY, 0usize..3), 1..12),
        ) {
            let (name, text) = SAMPLES[which];
            let mut bytes = text.as_bytes().to_vec();
            for (at, byte, how) in edits {
                let i = ((bytes.len() as f64) * at) as usize;
                match how {
                    0 if i < bytes.len() => bytes[i] = byte,
                    1 => bytes.insert(i.min(bytes.len()), byte),
                    _ if i < bytes.len() => { bytes.remove(i); }
                    _ => {}
                }
            }
            parse_never_panics(Some(name), &bytes);
        }

        #[test]
        fn sample_lines_in_any_order_never_panic(
            which in 0..SAMPLES.len(),
            order in proptest::collection::vec(0usize..400, 0..80),
        ) {
            let (name, text) = SAMPLES[which];
            let lines: Vec<&str> = text.lines().collect();
            let shuffled: Vec<&str> = order.iter().map(|i| lines[i % lines.len()]).collect();
            parse_never_panics(Some(name), shuffled.join("\n").as_bytes());
        }
    }
}
