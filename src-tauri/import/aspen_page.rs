//! An ASPeN event page, pasted or saved, in either layout real pages come in:
//! `Label: value` lines (colon layout) or a label line (often twice), a help
//! line and the value on its own lines (block layout). HTML is turned into
//! text first (`html.rs`). Pages are in Montana time and never name the zone.
//!
//! What is not a field of our event is kept where it fits: `Department(s)`
//! become the sponsor, a `Parent Event` a "Part of:" line in the description.

use super::html::{html_to_text, looks_like_html};
use super::{
    category_from_words, credit_amount, credits_from_prose, is_cancellation_note, squeeze,
    strip_canceled, ImportKind, ImportedEvent, ParsedImport,
};
use crate::domain::event::{CreditInput, EventInput, EventType, PositionRefInput};
use crate::error::{AppError, FieldError};
use chrono::NaiveDateTime;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Title,
    EventType,
    Status,
    Begin,
    End,
    Description,
    Credits,
    Online,
    MeetingUrl,
    Location,
    Registration,
    Trainers,
    Contacts,
    ParentEvent,
    Departments,
    Sponsor,
    /// Section headings such as "Additional Information": nothing to read.
    Heading,
}

/// Label lines, compared in lower case without a trailing colon.
const LABELS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("event title", Field::Title),
    ("event name", Field::Title),
    ("event type", Field::EventType),
    ("type", Field::EventType),
    ("status", Field::Status),
    ("event status", Field::Status),
    ("begin date/time", Field::Begin),
    ("begin date", Field::Begin),
    ("begin", Field::Begin),
    ("start date", Field::Begin),
    ("start date/time", Field::Begin),
    ("end date/time", Field::End),
    ("end date", Field::End),
    ("end", Field::End),
    ("description", Field::Description),
    ("event description", Field::Description),
    ("the description of the event.", Field::Description),
    ("continuing education credit(s)", Field::Credits),
    ("continuing education credits", Field::Credits),
    ("ce credits", Field::Credits),
    ("credits", Field::Credits),
    ("online meeting url", Field::MeetingUrl),
    ("meeting url", Field::MeetingUrl),
    ("location", Field::Location),
    ("address", Field::Location),
    ("registration form", Field::Registration),
    ("registration", Field::Registration),
    ("registration required", Field::Registration),
    ("trainer position(s)", Field::Trainers),
    ("trainer positions", Field::Trainers),
    ("trainers", Field::Trainers),
    ("contact position(s)", Field::Contacts),
    ("contact positions", Field::Contacts),
    ("contacts", Field::Contacts),
    ("parent event", Field::ParentEvent),
    ("department(s)", Field::Departments),
    ("departments", Field::Departments),
    ("department", Field::Departments),
    ("sponsor", Field::Sponsor),
    ("additional information", Field::Heading),
];

/// Lines after which nothing is part of the event.
fn is_footer(lower: &str) -> bool {
    matches!(
        lower,
        "event resources" | "resources" | "page history" | "event search" | "federation expenses"
    ) || lower.starts_with("record count")
}

fn is_header(lower: &str) -> bool {
    lower.starts_with("aspen:") || lower == "event:" || lower == "event detail"
}

/// The help sentence ASPeN prints under a block label.
fn is_help(line: &str) -> bool {
    [
        "select ",
        "enter ",
        "choose ",
        "provide ",
        "list ",
        "indicate ",
    ]
    .iter()
    .any(|p| line.to_lowercase().starts_with(p))
        && line.ends_with('.')
}

/// A label line: its field and the value written after a colon, if any.
fn label_of(line: &str) -> Option<(Field, &str)> {
    let find = |label: &str| {
        let label = label.trim().trim_end_matches(':').trim().to_lowercase();
        LABELS.iter().find(|(l, _)| *l == label).map(|(_, f)| *f)
    };
    if let Some(field) = find(line) {
        return Some((field, ""));
    }
    let lower = line.to_lowercase();
    if lower.starts_with("online only") {
        return Some((Field::Online, line.get("online only".len()..).unwrap_or("")));
    }
    if lower.starts_with("registration not") || lower.starts_with("no registration") {
        return Some((Field::Registration, line));
    }
    let (label, value) = line.split_once(':')?;
    find(label).map(|field| (field, value.trim()))
}

/// Normalized lines: CRLF and CR become LF, non-breaking and zero-width
/// spaces become spaces, each line trimmed.
fn page_lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ")
        .replace(['\u{200b}', '\u{feff}'], "")
        .lines()
        .map(|l| l.trim().to_string())
        .collect()
}

/// ASPeN's date form, "Wednesday, June 2, 2021 2:00 PM" (a date alone means
/// midnight); also "June 2, 2021 2:00 PM" and "6/2/2021 2:00 PM".
pub fn parse_page_date(text: &str) -> Option<NaiveDateTime> {
    let text = squeeze(text);
    let without_weekday = text.split_once(", ").map(|(_, rest)| rest.to_string());
    let candidates = std::iter::once(text.clone()).chain(without_weekday);
    for candidate in candidates {
        for format in [
            "%B %d, %Y %I:%M %p",
            "%m/%d/%Y %I:%M %p",
            "%A, %B %d, %Y %I:%M %p",
        ] {
            if let Ok(t) = NaiveDateTime::parse_from_str(&candidate, format) {
                return Some(t);
            }
        }
        for format in ["%B %d, %Y", "%m/%d/%Y", "%A, %B %d, %Y"] {
            if let Ok(d) = chrono::NaiveDate::parse_from_str(&candidate, format) {
                return d.and_hms_opt(0, 0, 0);
            }
        }
    }
    None
}

/// "4.0 creditsLibrary Administration" (ASPeN glues the two), "1 credit Technology".
fn parse_credit_row(line: &str) -> Option<CreditInput> {
    let lower = line.to_lowercase();
    let at = lower.find("credit")?;
    let amount = credit_amount(line.get(..at)?)?;
    let rest = line.get(at..)?;
    let words = rest
        .trim_start_matches(|c: char| c.is_alphabetic() && c.is_lowercase())
        .trim_start_matches(['(', ')', 's', ':'])
        .trim();
    let category = category_from_words(words)?;
    Some(CreditInput {
        category: category.code().into(),
        credits: amount,
    })
}

fn is_address_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let zip = words.last().is_some_and(|w| {
        let digits = w.split('-').next().unwrap_or("");
        digits.len() == 5 && digits.chars().all(|c| c.is_ascii_digit())
    });
    let state = words.len() >= 2
        && words[words.len() - 2].len() == 2
        && words[words.len() - 2]
            .chars()
            .all(|c| c.is_ascii_uppercase());
    (zip && state) || line.ends_with(", MT") || line.ends_with(", Montana")
}

/// Paragraphs (runs of non-empty lines).
fn paragraphs(lines: &[String]) -> Vec<Vec<String>> {
    lines
        .split(|l| l.is_empty())
        .filter(|p| !p.is_empty())
        .map(|p| p.to_vec())
        .collect()
}

fn is_bullet(line: &str) -> bool {
    line.starts_with(['\u{2022}', '*', '-', '\u{00b7}', '\u{25aa}'])
}

fn unbullet(line: &str) -> String {
    line.trim_start_matches(['\u{2022}', '*', '-', '\u{00b7}', '\u{25aa}'])
        .trim()
        .to_string()
}

fn positions(lines: &[String]) -> Vec<PositionRefInput> {
    lines
        .iter()
        .filter(|l| !l.is_empty())
        .filter(|l| {
            let lower = l.to_lowercase();
            !(lower.starts_with("no ") && lower.contains("listed"))
        })
        .map(|l| PositionRefInput::Text(squeeze(&unbullet(l))))
        .collect()
}

/// The page's lines grouped by the field they belong to.
struct Sections {
    title: Option<String>,
    values: HashMap<Field, Vec<String>>,
    seen: Vec<Field>,
    /// Inline text after "Online Only", e.g. "Yes" or "- Zoom link by e-mail".
    online_note: Option<String>,
    registration_lines: Vec<String>,
    unread: Vec<String>,
}

fn sections(lines: &[String]) -> Sections {
    let mut s = Sections {
        title: None,
        values: HashMap::new(),
        seen: Vec::new(),
        online_note: None,
        registration_lines: Vec::new(),
        unread: Vec::new(),
    };
    let mut current: Option<Field> = None;
    for line in lines {
        let lower = line.to_lowercase();
        if is_footer(&lower) && (s.title.is_some() || !s.seen.is_empty()) {
            break;
        }
        if is_header(&lower) {
            continue;
        }
        // A title such as "Credits: how to earn them" is not a label.
        let label = label_of(line).filter(|(field, value)| {
            let opens_page = s.title.is_none() && s.seen.is_empty() && !value.is_empty();
            !opens_page || matches!(field, Field::Title | Field::EventType | Field::Begin)
        });
        if let Some((field, value)) = label {
            if field == Field::Title {
                if !value.is_empty() {
                    s.title = Some(value.to_string());
                }
                current = None;
                continue;
            }
            if field == Field::Online {
                s.online_note = Some(value.trim_start_matches([':', '-', ' ']).trim().into());
            }
            if field == Field::Registration {
                s.registration_lines.push(line.clone());
            }
            if !s.seen.contains(&field) {
                s.seen.push(field);
            }
            current = Some(field);
            if !value.is_empty() && !matches!(field, Field::Online | Field::Registration) {
                s.values.entry(field).or_default().push(value.to_string());
            }
            continue;
        }
        if line.is_empty() {
            if let Some(Field::Description | Field::Registration) = current {
                s.values
                    .entry(current.unwrap_or(Field::Heading))
                    .or_default()
                    .push(String::new());
            }
            continue;
        }
        if s.title.is_none() && current.is_none() {
            let title = line.strip_prefix("Event:").unwrap_or(line).trim();
            if !title.is_empty() {
                s.title = Some(title.to_string());
            }
            continue;
        }
        match current {
            None => s.unread.push(line.clone()),
            Some(Field::Heading) => {}
            Some(field) => {
                let values = s.values.entry(field).or_default();
                if is_help(line) && values.iter().all(String::is_empty) {
                    continue;
                }
                values.push(line.clone());
            }
        }
    }
    s
}

/// Reads one event page (text or HTML). Refuses a text with no title or no
/// begin date, saying which is missing.
pub fn parse(text: &str) -> Result<ParsedImport, AppError> {
    let text = if looks_like_html(text) {
        html_to_text(text)?
    } else {
        text.to_string()
    };
    let lines = page_lines(&text);
    let mut s = sections(&lines);
    let take =
        |s: &Sections, f: Field| -> Vec<String> { s.values.get(&f).cloned().unwrap_or_default() };
    let first = |s: &Sections, f: Field| -> Option<String> {
        take(s, f).into_iter().find(|l| !l.is_empty())
    };
    let mut not_read: Vec<String> = Vec::new();

    let begin_text = first(&s, Field::Begin);
    let begin = begin_text.as_deref().and_then(parse_page_date);
    let mut missing = Vec::new();
    if s.title.is_none() {
        missing.push(FieldError::new(
            "title",
            "This is not an ASPeN event page (nor a calendar or a CSV of credits): no title was found (the first line of the page).",
        ));
    }
    let Some(begin) = begin else {
        missing.push(FieldError::new(
            "begin",
            match &begin_text {
                Some(t) => format!("This is not an ASPeN event page: the begin date \"{t}\" is not a date like \"Wednesday, June 2, 2021 2:00 PM\"."),
                None => "This is not an ASPeN event page (nor a calendar or a CSV of credits): no begin date was found (a \"Begin Date\" line).".into(),
            },
        ));
        return Err(AppError::Invalid(missing));
    };
    if !missing.is_empty() {
        return Err(AppError::Invalid(missing));
    }
    let (title, mut canceled) = strip_canceled(s.title.as_deref().unwrap_or(""));

    let end = match first(&s, Field::End) {
        Some(t) => match parse_page_date(&t) {
            Some(end) => Some(end),
            None => {
                not_read.push(format!(
                    "End date \"{t}\" is not a date: the event ends when it begins."
                ));
                None
            }
        },
        None => {
            not_read.push("No end date: the event ends when it begins.".into());
            None
        }
    };

    let event_type = first(&s, Field::EventType).and_then(|t| {
        let parsed = EventType::parse(&t).or_else(|| EventType::parse(t.trim_end_matches('s')));
        if parsed.is_none() {
            not_read.push(format!(
                "Event type \"{t}\" is not one we know: Continuing Education is used."
            ));
        }
        parsed
    });

    // Registration block: bullet lines are the audience; other lines are the place.
    let mut place: Vec<String> = Vec::new();
    let mut audience: Vec<String> = Vec::new();
    for line in take(&s, Field::Registration) {
        if line.is_empty() {
            continue;
        }
        if is_bullet(&line) {
            audience.push(unbullet(&line));
        } else {
            place.push(line);
        }
    }
    let registration_required = s.registration_lines.iter().any(|l| {
        let lower = l.to_lowercase();
        !(lower.contains("not") || lower.starts_with("no ") || lower.ends_with(": no"))
    });

    let mut description_lines = take(&s, Field::Description);
    let leading_blanks = description_lines
        .iter()
        .take_while(|l| l.is_empty())
        .count();
    description_lines.drain(..leading_blanks);
    while description_lines.last().is_some_and(String::is_empty) {
        description_lines.pop();
    }
    // With no registration line, an address is the description's last paragraph.
    if place.is_empty() && !s.seen.contains(&Field::Location) {
        let paras = paragraphs(&description_lines);
        if let Some(last) = paras
            .last()
            .filter(|p| p.len() <= 4 && p.iter().any(|l| is_address_line(l)))
        {
            place = last.clone();
            let keep = description_lines.len().saturating_sub(last.len());
            description_lines.truncate(keep);
            while description_lines.last().is_some_and(String::is_empty) {
                description_lines.pop();
            }
        }
    }
    place.extend(
        take(&s, Field::Location)
            .into_iter()
            .filter(|l| !l.is_empty()),
    );
    if description_lines.iter().any(|l| is_cancellation_note(l)) {
        canceled = true;
    }
    let mut description = description_lines.join("\n");
    if let Some(parent) = first(&s, Field::ParentEvent) {
        description = format!("{description}\n\nPart of: {parent}")
            .trim()
            .to_string();
    }
    if !audience.is_empty() {
        description = format!("{description}\n\nRegistration for: {}", audience.join("; "))
            .trim()
            .to_string();
    }

    let mut credits = Vec::new();
    for line in take(&s, Field::Credits).iter().filter(|l| !l.is_empty()) {
        match parse_credit_row(line) {
            Some(c)
                if !credits
                    .iter()
                    .any(|k: &CreditInput| k.category == c.category) =>
            {
                credits.push(c)
            }
            Some(_) => not_read.push(format!("Credit row \"{line}\" repeats a category.")),
            None => not_read.push(format!(
                "Credit row \"{line}\" is not \"0.5 credits Library Administration\"."
            )),
        }
    }
    if credits.is_empty() {
        credits = credits_from_prose(&description);
    }
    if credits.is_empty() {
        not_read.push("No CE credits were found.".into());
    }

    let meeting_url = take(&s, Field::MeetingUrl)
        .into_iter()
        .find(|l| l.starts_with("http://") || l.starts_with("https://"));
    let online_note = s.online_note.clone();
    let online = match online_note.as_deref().map(str::to_lowercase).as_deref() {
        Some("no") | Some("false") => false,
        Some(_) => true,
        None => meeting_url.is_some(),
    };
    let online_words = online_note.filter(|n| {
        !n.is_empty() && !n.eq_ignore_ascii_case("yes") && !n.eq_ignore_ascii_case("no")
    });
    let delivery = match (online, place.is_empty()) {
        (true, false) => "hybrid",
        (false, false) => "in_person",
        (true, true) => "online",
        (false, true) => {
            not_read.push(
                "Neither a place nor \"Online Only\" was found: delivery is Online Only.".into(),
            );
            "online"
        }
    };
    let location = if place.is_empty() {
        online_words.unwrap_or_default()
    } else {
        place
            .iter()
            .map(|l| squeeze(l))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let status = if canceled {
        Some("canceled".to_string())
    } else {
        first(&s, Field::Status).filter(|t| crate::domain::event::EventStatus::parse(t).is_some())
    };
    let departments: Vec<String> = take(&s, Field::Departments)
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| squeeze(&unbullet(&l)))
        .collect();
    let sponsor = first(&s, Field::Sponsor)
        .or_else(|| (!departments.is_empty()).then(|| departments.join("; ")));
    not_read.extend(
        s.unread
            .drain(..)
            .map(|l| format!("Line not understood: \"{l}\"")),
    );

    let input = EventInput {
        title,
        event_type: event_type.map(|t| t.code().to_string()),
        status,
        begin: begin.format("%Y-%m-%dT%H:%M").to_string(),
        end: end.map(|e| e.format("%Y-%m-%dT%H:%M").to_string()),
        time_zone: Some(crate::domain::time::DEFAULT_ZONE.name().into()),
        description: Some(description),
        delivery: Some(delivery.into()),
        meeting_url,
        location: Some(location),
        sponsor,
        registration_required,
        credits,
        contact_positions: positions(&take(&s, Field::Contacts)),
        trainer_positions: positions(&take(&s, Field::Trainers)),
        resources: Vec::new(),
    };
    let mut parsed = ParsedImport::new(ImportKind::AspenPage);
    parsed.events.push(ImportedEvent { input, not_read });
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::event::EventStatus;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!("../../tests/fixtures/import/", $name))
        };
    }

    fn event(text: &str) -> ImportedEvent {
        let mut parsed = parse(text).expect("an event page");
        assert_eq!(parsed.kind, ImportKind::AspenPage);
        assert_eq!(parsed.events.len(), 1);
        parsed.events.remove(0)
    }

    fn credits(e: &ImportedEvent) -> Vec<(String, f64)> {
        e.input
            .credits
            .iter()
            .map(|c| (c.category.clone(), c.credits))
            .collect()
    }

    fn texts(list: &[PositionRefInput]) -> Vec<String> {
        list.iter()
            .map(|p| match p {
                PositionRefInput::Text(t) => t.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_seed_page_reads_as_the_seed_event() {
        let e = event(fixture!("seed-page.txt"));
        let i = &e.input;
        assert_eq!(
            i.title,
            "NEW Strategic Track to MSL Certification: what librarians need to know"
        );
        assert_eq!(i.event_type.as_deref(), Some("continuing_education"));
        assert_eq!(i.begin, "2021-06-02T14:00");
        assert_eq!(i.end.as_deref(), Some("2021-06-02T15:00"));
        assert_eq!(i.time_zone.as_deref(), Some("America/Denver"));
        assert_eq!(i.delivery.as_deref(), Some("online"));
        assert_eq!(credits(&e), [("LA".into(), 0.5)]);
        assert!(i.contact_positions.is_empty());
        let description = i.description.as_deref().unwrap_or("");
        assert!(description.starts_with("This webinar will explore"));
        assert!(description.ends_with("CE category: .5 library administation"));
        assert!(!description.contains("Online Only"));
        let draft = i.validate().expect("valid");
        assert_eq!(draft.begin.to_rfc3339(), "2021-06-02T20:00:00+00:00");
    }

    #[test]
    fn the_shared_examples_read_as_their_readme_says() {
        let block = event(fixture!("shared-block-layout.txt"));
        assert_eq!(
            block.input.title,
            "Budget Season Survival Skills for Library Directors"
        );
        assert_eq!(block.input.begin, "2026-03-12T09:00");
        assert_eq!(block.input.end.as_deref(), Some("2026-03-12T12:00"));
        assert_eq!(block.input.delivery.as_deref(), Some("in_person"));
        assert!(block
            .input
            .location
            .as_deref()
            .unwrap_or("")
            .contains("Havre, MT 59501"));
        assert_eq!(credits(&block), [("LA".into(), 3.0)]);
        assert!(block.input.registration_required);
        let colon = event(fixture!("shared-colon-layout.txt"));
        assert_eq!(colon.input.event_type.as_deref(), Some("webinar"));
        assert_eq!(colon.input.begin, "2026-04-21T15:00");
        assert_eq!(colon.input.end.as_deref(), Some("2026-04-21T16:30"));
        assert_eq!(colon.input.delivery.as_deref(), Some("online"));
        assert_eq!(credits(&colon), [("LSP".into(), 1.0), ("TECH".into(), 0.5)]);
        assert_eq!(
            colon.input.meeting_url.as_deref(),
            Some("https://meet.example.org/low-vision")
        );
    }

    #[test]
    fn block_layout_with_crlf_nbsp_address_audience_and_positions() {
        let e = event(fixture!("block-in-person.txt"));
        let i = &e.input;
        assert_eq!(
            i.title,
            "Weeding Without Worry: A Collection Refresh Workshop"
        );
        assert_eq!(i.begin, "2026-10-09T10:00");
        assert_eq!(i.end.as_deref(), Some("2026-10-09T15:30"));
        assert_eq!(i.delivery.as_deref(), Some("in_person"));
        assert_eq!(
            i.location.as_deref(),
            Some("Bitterroot Valley Community Library, 412 Main Street, Hamilton, MT 59840")
        );
        assert_eq!(credits(&e), [("CMTS".into(), 4.0), ("LSP".into(), 1.0)]);
        assert_eq!(
            texts(&i.trainer_positions),
            [
                "Okonkwo, Adaeze - Collection Services Librarian (Bitterroot Valley Community Library)",
                "Lindqvist, Per - Consultant (Montana State Library)"
            ]
        );
        assert_eq!(
            texts(&i.contact_positions),
            ["Marchetti, Sol - Staff (Montana State Library)"]
        );
        let description = i.description.as_deref().unwrap_or("");
        assert!(!description.contains('\u{a0}') && !description.contains('\r'));
        assert!(description.contains("\u{2022} Reading circulation reports"));
        assert!(description.ends_with("Registration for: Public Library Staff; School Librarians"));
        assert!(i.registration_required);
        assert!(e.not_read.is_empty(), "{:?}", e.not_read);
    }

    #[test]
    fn colon_layout_online_with_url_and_no_registration() {
        let e = event(fixture!("colon-online.txt"));
        let i = &e.input;
        assert_eq!(i.title, "Teen Advisory Boards That Last");
        assert_eq!(i.event_type.as_deref(), Some("webinar"));
        assert_eq!(
            i.meeting_url.as_deref(),
            Some("https://meet.example.org/teen-boards")
        );
        assert_eq!(i.delivery.as_deref(), Some("online"));
        assert!(!i.registration_required);
        assert_eq!(credits(&e), [("LSP".into(), 1.0)]);
        assert_eq!(texts(&i.contact_positions).len(), 1);
        assert!(i.trainer_positions.is_empty());
    }

    #[test]
    fn prose_credits_are_read_when_there_is_no_credit_row() {
        let e = event(fixture!("prose-credits-only.txt"));
        assert_eq!(credits(&e), [("LA".into(), 1.5)]);
        assert_eq!(e.input.end.as_deref(), Some("2026-05-07T14:30"));
    }

    #[test]
    fn canceled_prefix_gives_the_canceled_status_and_a_clean_title() {
        let e = event(fixture!("canceled-meeting.txt"));
        assert_eq!(e.input.title, "Tamarack Federation Spring Meeting");
        assert_eq!(e.input.status.as_deref(), Some("canceled"));
        assert_eq!(e.input.event_type.as_deref(), Some("meeting"));
        assert_eq!(e.input.delivery.as_deref(), Some("in_person"));
        assert_eq!(
            e.input.location.as_deref(),
            Some("Flathead County Library, Kalispell, MT 59901")
        );
        assert_eq!(e.input.sponsor.as_deref(), Some("Statewide Projects"));
        assert!(!e.input.registration_required);
        let draft = e.input.validate().expect("valid");
        assert_eq!(draft.status, EventStatus::Canceled);
        let note = event(fixture!("cancellation-note.txt"));
        assert_eq!(note.input.status.as_deref(), Some("canceled"));
        assert_eq!(note.input.title, "Cataloging Clinic");
    }

    #[test]
    fn deadlines_at_midnight_and_departments() {
        let e = event(fixture!("deadline-midnight.txt"));
        assert_eq!(e.input.event_type.as_deref(), Some("deadline"));
        assert_eq!(e.input.begin, "2026-02-02T00:00");
        assert_eq!(e.input.end.as_deref(), Some("2026-02-02T23:59"));
        assert_eq!(
            e.input.sponsor.as_deref(),
            Some("Library Development; Statewide Projects")
        );
        assert!(e.not_read.iter().any(|n| n.contains("No CE credits")));
    }

    #[test]
    fn a_multi_day_conference_session_with_parent_event_and_hybrid_delivery() {
        let e = event(fixture!("conference-multiday.txt"));
        let i = &e.input;
        assert_eq!(i.event_type.as_deref(), Some("conference"));
        assert_eq!(i.begin, "2026-04-08T08:00");
        assert_eq!(i.end.as_deref(), Some("2026-04-10T17:00"));
        assert_eq!(i.delivery.as_deref(), Some("hybrid"));
        assert!(i
            .location
            .as_deref()
            .unwrap_or("")
            .starts_with("Great Falls Convention Center"));
        assert_eq!(
            credits(&e),
            [
                ("TECH".into(), 2.0),
                ("LA".into(), 1.0),
                ("LSP".into(), 0.5),
                ("CMTS".into(), 1.5)
            ]
        );
        assert!(i
            .description
            .as_deref()
            .unwrap_or("")
            .contains("Part of: Big Sky Library Conference 2026"));
        assert_eq!(i.sponsor.as_deref(), Some("Library Development"));
        assert!(i.validate().is_ok());
    }

    #[test]
    fn a_place_name_alone_and_registration_required() {
        let e = event(fixture!("place-name-only.txt"));
        assert_eq!(
            e.input.location.as_deref(),
            Some("Miles City Public Library")
        );
        assert_eq!(e.input.delivery.as_deref(), Some("in_person"));
        assert!(e.input.registration_required);
        assert_eq!(credits(&e), [("LSP".into(), 1.0)]);
    }

    #[test]
    fn html_pages_are_turned_into_text_first() {
        let e = event(fixture!("event-page.html"));
        assert_eq!(e.input.title, "Library Law & Ethics Refresher");
        assert_eq!(e.input.begin, "2026-09-15T10:00");
        assert_eq!(credits(&e), [("LA".into(), 1.5)]);
        assert_eq!(
            e.input.meeting_url.as_deref(),
            Some("https://meet.example.org/law")
        );
    }

    #[test]
    fn a_text_without_title_or_begin_says_what_is_missing() {
        let fields = |text: &str| match parse(text) {
            Err(AppError::Invalid(f)) => f.into_iter().map(|f| f.field).collect::<Vec<_>>(),
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(fields(fixture!("only-description.txt")), ["title", "begin"]);
        assert_eq!(fields("Just a title\nand some words"), ["begin"]);
        assert_eq!(fields("Begin Date: June 2, 2021 2:00 PM\n"), ["title"]);
        assert_eq!(fields("Library Law\nBegin Date: someday"), ["begin"]);
    }

    #[test]
    fn page_dates_in_every_form() {
        for (text, expected) in [
            ("Wednesday, June 2, 2021 2:00 PM", "2021-06-02T14:00"),
            ("June 2, 2021 2:00 PM", "2021-06-02T14:00"),
            ("Monday, February 2, 2026 12:00 AM", "2026-02-02T00:00"),
            ("Thursday,  March 12, 2026  9:00 AM", "2026-03-12T09:00"),
            ("6/2/2021 2:00 PM", "2021-06-02T14:00"),
            ("Wednesday, June 2, 2021", "2021-06-02T00:00"),
            // A wrong weekday does not lose the date.
            ("Friday, June 2, 2021 2:00 PM", "2021-06-02T14:00"),
        ] {
            let parsed = parse_page_date(text).map(|t| t.format("%Y-%m-%dT%H:%M").to_string());
            assert_eq!(parsed.as_deref(), Some(expected), "{text}");
        }
        assert_eq!(parse_page_date("tomorrow"), None);
    }
}
