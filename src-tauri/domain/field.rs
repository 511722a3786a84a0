//! Field parsing shared by every record: dates, web addresses, free text
//! (no control characters, capped lengths), search terms, and the collector
//! that reports every bad field at once.

use crate::error::FieldError;
use chrono::NaiveDate;

/// Titles, names and other one-line text: at most this many characters.
pub const LINE_MAX_CHARS: usize = 300;
/// Descriptions, notes and goals: at most this many characters.
pub const TEXT_MAX_CHARS: usize = 20_000;
/// A search query: at most this many words or quoted phrases.
pub const QUERY_MAX_TERMS: usize = 64;

/// A closed list of choices (every `choice_enum!` in `vocabulary.rs` is one).
pub trait ChoiceList: Copy + 'static {
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
    fn parse(text: &str) -> Option<Self>;
}

/// One of a closed list, by code or label; the message lists the codes.
pub fn choice<T: ChoiceList>(field: &str, text: &str) -> Result<T, FieldError> {
    super::parse_choice(field, text, T::parse, T::ALL, T::code)
}

/// A choice that may be left empty, taking `default`.
pub fn choice_or<T: ChoiceList>(
    field: &str,
    text: Option<&str>,
    default: &str,
) -> Result<T, FieldError> {
    match text.map(str::trim) {
        None | Some("") => choice(field, default),
        Some(text) => choice(field, text),
    }
}

/// A search filter: empty or `all` means no filter.
pub fn filter<T: ChoiceList>(field: &str, text: Option<&str>) -> Result<Option<T>, FieldError> {
    match text.map(str::trim) {
        None | Some("") | Some("all") => Ok(None),
        Some(text) => choice(field, text).map(Some),
    }
}

/// A search filter as `filter` reads it; a bad one is collected and filters nothing.
pub fn kept_filter<T: ChoiceList>(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: Option<&str>,
) -> Option<T> {
    keep(errors, filter(field, text)).flatten()
}

/// Keeps a value, or collects its error so every bad field is reported at once.
pub fn keep<T>(errors: &mut Vec<FieldError>, result: Result<T, FieldError>) -> Option<T> {
    result.map_err(|e| errors.push(e)).ok()
}

/// A calendar date written `YYYY-MM-DD`; empty text is refused.
pub fn date(field: &str, text: &str) -> Result<NaiveDate, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "Enter a date like 2024-03-14."));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, format!("\"{text}\" is not a date like 2024-03-14.")))
}

/// A date that may be left empty (`None`).
pub fn optional_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>, FieldError> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) => date(field, text).map(Some),
    }
}

/// A date that may be left empty; a bad one is collected and reads as empty.
pub fn kept_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: Option<&str>,
) -> Option<NaiveDate> {
    keep(errors, optional_date(field, text)).flatten()
}

/// Refuses an end before its begin (when both are known), naming the end's
/// field; `message` says it in the record's words.
pub fn in_order<T: PartialOrd>(
    field: &str,
    begin: Option<T>,
    end: Option<T>,
    message: &str,
) -> Result<(), FieldError> {
    match (begin, end) {
        (Some(b), Some(e)) if e < b => Err(FieldError::new(field, message)),
        _ => Ok(()),
    }
}

/// Calendar days from `from` to `to`, both included; an end left empty is
/// open. The catalog search, the ledger view and the transcript take one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DayRange {
    /// The days typed in the `from` and `to` fields, each refusal under its
    /// field; a `to` before the `from` is refused under `to`.
    pub fn typed(errors: &mut Vec<FieldError>, from: Option<&str>, to: Option<&str>) -> Self {
        let days = DayRange {
            from: kept_date(errors, "from", from),
            to: kept_date(errors, "to", to),
        };
        let message = "The end date is before the start date.";
        keep(errors, in_order("to", days.from, days.to, message));
        days
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// Neither end is set: every day.
    pub fn is_every_day(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// An absolute http(s) address; returns it normalized.
pub fn web_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let parsed = url::Url::parse(url)
        .map_err(|_| format!("\"{url}\" is not a web address (it should start with https://)."))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "\"{url}\" is not a web address: only http:// and https:// links are allowed."
        ));
    }
    Ok(parsed.to_string())
}

/// One-line text (a title, a name): no control characters, at most
/// `LINE_MAX_CHARS` characters.
pub fn line(field: &str, value: &str) -> Result<(), FieldError> {
    line_within(field, value, LINE_MAX_CHARS)
}

/// One-line text with a tighter cap of its own (a person's name, a goal).
pub fn line_within(field: &str, value: &str, max_chars: usize) -> Result<(), FieldError> {
    checked_text(field, value, max_chars, |_| false)
}

/// Multi-line text (a description, notes, a goal): line breaks and tabs are
/// fine, other control characters are not; at most `TEXT_MAX_CHARS` characters.
pub fn text(field: &str, value: &str) -> Result<(), FieldError> {
    checked_text(field, value, TEXT_MAX_CHARS, |c| {
        matches!(c, '\n' | '\r' | '\t')
    })
}

fn checked_text(
    field: &str,
    value: &str,
    max_chars: usize,
    allowed_control: fn(char) -> bool,
) -> Result<(), FieldError> {
    if let Some(c) = value
        .chars()
        .find(|&c| c.is_control() && !allowed_control(c))
    {
        return Err(FieldError::new(
            field,
            format!(
                "Contains a control character (U+{:04X}); remove it.",
                u32::from(c)
            ),
        ));
    }
    let length = value.chars().count();
    at_most(field, length, max_chars, |n, max| {
        format!("Too long: {n} characters, at most {max}.")
    })
}

/// Refuses a `count` over `max`, saying both in `message(count, max)`.
fn at_most(
    field: &str,
    count: usize,
    max: usize,
    message: impl FnOnce(usize, usize) -> String,
) -> Result<(), FieldError> {
    if count <= max {
        return Ok(());
    }
    Err(FieldError::new(field, message(count, max)))
}

/// Checks several one-line and multi-line fields, collecting every error.
pub fn check_texts(errors: &mut Vec<FieldError>, lines: &[(&str, &str)], texts: &[(&str, &str)]) {
    for (field, value) in lines {
        keep(errors, line(field, value));
    }
    for (field, value) in texts {
        keep(errors, text(field, value));
    }
}

/// A search query: control characters refused, at most `QUERY_MAX_TERMS`
/// words (a long query makes the full-text search slow).
pub fn query(field: &str, value: &str) -> Result<(), FieldError> {
    checked_text(field, value, TEXT_MAX_CHARS, |_| false)?;
    let terms = value.split_whitespace().count();
    at_most(field, terms, QUERY_MAX_TERMS, |n, max| {
        format!("Too many words to search for: {n}, at most {max}.")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_range_holds_both_ends_and_an_open_end_holds_every_day_past_it() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 3, d).expect("day");
        let mut errors = Vec::new();
        let march = DayRange::typed(&mut errors, Some("2024-03-01"), Some("2024-03-31"));
        assert!(errors.is_empty(), "{errors:?}");
        assert!(march.contains(day(1)) && march.contains(day(31)));
        assert!(!march.contains(day(1).pred_opt().expect("day")));
        let from_the_14th = DayRange::typed(&mut errors, Some("2024-03-14"), Some(""));
        assert!(from_the_14th.contains(day(31)) && !from_the_14th.contains(day(13)));
        assert!(DayRange::typed(&mut errors, None, None).is_every_day());
        DayRange::typed(&mut errors, Some("2024-03-14"), Some("2024-03-13"));
        assert_eq!(
            errors,
            [FieldError::new(
                "to",
                "The end date is before the start date."
            )]
        );
    }

    #[test]
    fn an_end_before_its_begin_is_refused_under_the_end_field() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 3, d);
        assert_eq!(in_order("end", day(14), day(14), "Too early."), Ok(()));
        assert_eq!(in_order("end", day(14), day(15), "Too early."), Ok(()));
        assert_eq!(in_order("end", None, day(1), "Too early."), Ok(()));
        assert_eq!(in_order("end", day(14), None, "Too early."), Ok(()));
        assert_eq!(
            in_order("end", day(14), day(13), "Too early."),
            Err(FieldError::new("end", "Too early."))
        );
    }

    #[test]
    fn dates_have_one_format_and_one_message_style() {
        assert_eq!(
            date("begin", " 2024-03-14 "),
            Ok(NaiveDate::from_ymd_opt(2024, 3, 14).expect("date"))
        );
        assert_eq!(
            date("begin", "03/14/2024"),
            Err(FieldError::new(
                "begin",
                "\"03/14/2024\" is not a date like 2024-03-14."
            ))
        );
        assert_eq!(
            date("begin", "2024-02-30").map_err(|e| e.field),
            Err("begin".to_string())
        );
        assert_eq!(
            date("begin", "  "),
            Err(FieldError::new("begin", "Enter a date like 2024-03-14."))
        );
        assert_eq!(optional_date("to", None), Ok(None));
        assert_eq!(optional_date("to", Some(" ")), Ok(None));
        assert!(optional_date("to", Some("tomorrow")).is_err());
    }

    #[test]
    fn only_absolute_web_addresses_pass() {
        assert_eq!(
            web_url(" https://msl.mt.gov/ce "),
            Ok("https://msl.mt.gov/ce".to_string())
        );
        for bad in [
            "msl.mt.gov",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://",
        ] {
            assert!(web_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn control_characters_are_refused_with_the_field_named() {
        let nul = line("title", "Cataloging\0Basics").expect_err("NUL");
        assert_eq!(nul.field, "title");
        assert!(nul.message.contains("U+0000"), "{}", nul.message);
        assert!(line("title", "Two\nlines").is_err());
        assert!(line("title", "Tab\there").is_err());
        assert!(text("description", "Line one\r\nLine two\n\tindented").is_ok());
        assert!(text("description", "Bell\u{7}").is_err());
        assert!(text("description", "Escape\u{1b}[31m").is_err());
        assert!(line("title", "Café, naïve — “quoted”").is_ok());
    }

    #[test]
    fn lengths_are_capped_in_characters() {
        let at_cap = "é".repeat(LINE_MAX_CHARS);
        assert!(line("name", &at_cap).is_ok());
        let over = line("name", &format!("{at_cap}x")).expect_err("too long");
        assert_eq!(over.field, "name");
        assert!(over.message.contains("301 characters"), "{}", over.message);
        assert!(text("notes", &"a".repeat(TEXT_MAX_CHARS)).is_ok());
        assert!(text("notes", &"a".repeat(TEXT_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn search_queries_are_capped_in_terms() {
        let at_cap = vec!["word"; QUERY_MAX_TERMS].join(" ");
        assert!(query("query", &at_cap).is_ok());
        let over = query("query", &format!("{at_cap} more")).expect_err("too many");
        assert_eq!(over.field, "query");
        assert!(over.message.contains("65"), "{}", over.message);
        assert!(query("query", "a\0b").is_err());
    }

    #[test]
    fn check_texts_collects_every_bad_field() {
        let mut errors = Vec::new();
        check_texts(
            &mut errors,
            &[("title", "ok"), ("sponsor", "bad\0")],
            &[("description", "fine\n"), ("notes", "bad\u{7}")],
        );
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["sponsor", "notes"]);
    }
}
