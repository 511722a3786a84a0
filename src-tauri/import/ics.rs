//! iCalendar files (RFC 5545), read with the `icalendar` crate (its parser
//! unfolds lines and unescapes text) and `rrule` through its `recurrence`
//! feature. One event per VEVENT; a recurring VEVENT gives one event per
//! occurrence inside the import window; unknown properties are ignored.
//!
//! Times: `TZID` zones are kept (Windows zone names are mapped), UTC and
//! floating times are Montana time, all-day events run 00:00 to 23:59.
//!
//! Credits come from `X-ASPEN-CREDITS:LA=1.5,TECH=0.5`, else from a
//! `CE category:` line of the description. The event type comes from
//! `X-ASPEN-EVENT-TYPE` or `CATEGORIES` (e.g. `Webinar`); `STATUS:CANCELLED`
//! or a "Canceled-" summary gives the `canceled` status.

use super::{
    category_from_words, credit_amount, credits_from_prose, refuse, strip_canceled, ImportContext,
    ImportKind, ImportedEvent, ParsedImport, RowError,
};
use crate::domain::event::{CreditInput, EventInput, EventType};
use crate::domain::time::{self, DEFAULT_ZONE};
use crate::error::AppError;
use chrono::{DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use std::collections::HashSet;

/// A recurring VEVENT gives at most this many events.
pub const MAX_OCCURRENCES: u16 = 1000;
/// A calendar with more events than this (repeats counted) is refused, so a
/// small file of long-repeating events cannot fill the memory.
pub const MAX_EVENTS: usize = 20_000;
/// The property that carries CE credits.
pub const CREDITS_PROPERTY: &str = "X-ASPEN-CREDITS";
pub const EVENT_TYPE_PROPERTY: &str = "X-ASPEN-EVENT-TYPE";

/// A start or end as read: a time in a zone, or a whole day.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Timed(DateTime<Utc>, Tz),
    AllDay(NaiveDate),
}

/// Windows zone names some calendar programs write as TZID.
const WINDOWS_ZONES: &[(&str, Tz)] = &[
    ("mountain standard time", chrono_tz::America::Denver),
    ("us mountain standard time", chrono_tz::America::Phoenix),
    ("pacific standard time", chrono_tz::America::Los_Angeles),
    ("central standard time", chrono_tz::America::Chicago),
    ("eastern standard time", chrono_tz::America::New_York),
    ("alaskan standard time", chrono_tz::America::Anchorage),
    ("hawaiian standard time", chrono_tz::Pacific::Honolulu),
    ("utc", chrono_tz::UTC),
];

fn zone_named(tzid: &str) -> Option<Tz> {
    let name = tzid.trim().trim_matches('"').trim_start_matches('/');
    name.parse::<Tz>().ok().or_else(|| {
        let lower = name.to_lowercase();
        WINDOWS_ZONES
            .iter()
            .find(|(n, _)| *n == lower)
            .map(|(_, z)| *z)
    })
}

/// A wall-clock time in `zone`; a skipped hour moves forward, a repeated one
/// takes the first.
fn in_zone(naive: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => in_zone(naive + Duration::hours(1), zone),
    }
}

fn when(value: DatePerhapsTime, warnings: &mut Vec<String>) -> When {
    match value {
        DatePerhapsTime::Date(day) => When::AllDay(day),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => When::Timed(t, DEFAULT_ZONE),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(naive)) => {
            When::Timed(in_zone(naive, DEFAULT_ZONE), DEFAULT_ZONE)
        }
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            let zone = zone_named(&tzid).unwrap_or_else(|| {
                let warning = format!("Time zone \"{tzid}\" is unknown: Montana time is used.");
                if !warnings.contains(&warning) {
                    warnings.push(warning);
                }
                DEFAULT_ZONE
            });
            When::Timed(in_zone(date_time, zone), zone)
        }
    }
}

/// `DURATION:PT1H30M` as seconds (months as 30 days, years as 365).
fn duration_seconds(text: &str) -> Option<i64> {
    let negative = text.trim().starts_with('-');
    let parsed = iso8601::duration(text.trim().trim_start_matches(['+', '-'])).ok()?;
    let seconds = match parsed {
        iso8601::Duration::Weeks(w) => i64::from(w).checked_mul(7 * 86_400)?,
        iso8601::Duration::YMDHMS {
            year,
            month,
            day,
            hour,
            minute,
            second,
            ..
        } => [
            (year, 365 * 86_400),
            (month, 30 * 86_400),
            (day, 86_400),
            (hour, 3600),
            (minute, 60),
            (second, 1),
        ]
        .iter()
        .try_fold(0i64, |sum, (n, unit)| {
            sum.checked_add(i64::from(*n).checked_mul(*unit)?)
        })?,
    };
    Some(if negative { -seconds } else { seconds })
}

/// `LA=1.5,TECH=0.5` (also `1.5 LA; 0.5 Technology`).
fn credits_property(text: &str, not_read: &mut Vec<String>) -> Vec<CreditInput> {
    let mut credits: Vec<CreditInput> = Vec::new();
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (a, b) = part
            .split_once('=')
            .or_else(|| part.split_once(' '))
            .unwrap_or((part, ""));
        let read = match (credit_amount(a), credit_amount(b)) {
            (_, Some(amount)) => category_from_words(a).map(|c| (c, amount)),
            (Some(amount), None) => category_from_words(b).map(|c| (c, amount)),
            (None, None) => None,
        };
        match read {
            Some((category, amount)) if !credits.iter().any(|c| c.category == category.code()) => {
                credits.push(CreditInput {
                    category: category.code().into(),
                    credits: amount,
                })
            }
            _ => not_read.push(format!("{CREDITS_PROPERTY} \"{part}\" is not like LA=1.5.")),
        }
    }
    credits
}

fn local_text(instant: DateTime<Utc>, zone: Tz) -> String {
    time::local_input(instant, zone)
}

/// The event's begin and end as input text, plus its zone.
fn span(begin: When, end: Option<When>) -> (String, String, Tz) {
    match (begin, end) {
        (When::AllDay(first), end) => {
            // DTEND of an all-day event is the day after the last one.
            let last = match end {
                Some(When::AllDay(after)) if after > first => after.pred_opt().unwrap_or(first),
                _ => first,
            };
            (
                format!("{}T00:00", first.format("%Y-%m-%d")),
                format!("{}T23:59", last.format("%Y-%m-%d")),
                DEFAULT_ZONE,
            )
        }
        (When::Timed(b, zone), end) => {
            let e = match end {
                Some(When::Timed(e, _)) => e,
                Some(When::AllDay(d)) => in_zone(d.and_hms_opt(0, 0, 0).unwrap_or_default(), zone),
                None => b,
            };
            (local_text(b, zone), local_text(e, zone), zone)
        }
    }
}

fn shift(when: When, by: Duration) -> When {
    match when {
        When::Timed(t, z) => When::Timed(t + by, z),
        When::AllDay(d) => When::AllDay(d + by),
    }
}

/// The occurrences of a recurring event inside the window, as starts.
fn occurrences(
    event: &icalendar::CalendarEvent<'_>,
    first: When,
    context: &ImportContext,
    skip: &HashSet<DateTime<Utc>>,
    warnings: &mut Vec<String>,
) -> Result<Vec<When>, String> {
    let set = event
        .get_recurrence()
        .map_err(|e| format!("the RRULE could not be read: {e}"))?;
    let utc = icalendar::Tz::Tz(chrono_tz::UTC);
    let from = time::start_of_day(context.window_from, DEFAULT_ZONE).with_timezone(&utc);
    let to = time::start_of_day(context.window_to, DEFAULT_ZONE).with_timezone(&utc);
    let result = set.after(from).before(to).all(MAX_OCCURRENCES);
    if result.limited {
        warnings.push(format!(
            "\"{}\" repeats more than {MAX_OCCURRENCES} times: only the first {MAX_OCCURRENCES} were read.",
            event.event().get_summary().unwrap_or("")
        ));
    }
    Ok(result
        .dates
        .into_iter()
        .map(|d| match first {
            When::Timed(_, zone) => When::Timed(d.with_timezone(&Utc), zone),
            When::AllDay(_) => When::AllDay(d.naive_local().date()),
        })
        .filter(|w| match w {
            When::Timed(t, _) => !skip.contains(t),
            When::AllDay(_) => true,
        })
        .collect())
}

/// The fields every occurrence shares.
fn template(event: &icalendar::Event, not_read: &mut Vec<String>) -> Result<EventInput, String> {
    let summary = event.get_summary().map(str::trim).unwrap_or("");
    if summary.is_empty() {
        return Err("it has no SUMMARY (title)".into());
    }
    let (title, mut canceled) = strip_canceled(summary);
    if event
        .property_value("STATUS")
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("CANCELLED"))
    {
        canceled = true;
    }
    let description = event.get_description().unwrap_or("").trim().to_string();
    let mut credits = match event.property_value(CREDITS_PROPERTY) {
        Some(text) => credits_property(text, not_read),
        None => Vec::new(),
    };
    if credits.is_empty() {
        credits = credits_from_prose(&description);
    }
    let type_names: Vec<String> = match event.property_value(EVENT_TYPE_PROPERTY) {
        Some(t) => vec![t.to_string()],
        None => event.get_categories().unwrap_or_default(),
    };
    let event_type = type_names.iter().find_map(|t| {
        EventType::parse(t).or_else(|| EventType::parse(t.trim().trim_end_matches('s')))
    });
    let location = event.get_location().unwrap_or("").trim().to_string();
    let (location, location_url) =
        if location.starts_with("http://") || location.starts_with("https://") {
            (String::new(), Some(location))
        } else {
            (location, None)
        };
    let meeting_url = event
        .get_url()
        .map(str::trim)
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(String::from)
        .or(location_url);
    let delivery = match (meeting_url.is_some(), location.is_empty()) {
        (true, false) => "hybrid",
        (false, false) => "in_person",
        _ => "online",
    };
    let sponsor = event.properties().get("ORGANIZER").and_then(|p| {
        p.params()
            .get("CN")
            .map(|cn| cn.value().trim_matches('"').to_string())
    });
    Ok(EventInput {
        title,
        event_type: event_type.map(|t| t.code().into()),
        status: canceled.then(|| "canceled".into()),
        description: Some(description),
        delivery: Some(delivery.into()),
        meeting_url,
        location: Some(location),
        sponsor,
        credits,
        ..Default::default()
    })
}

/// Reads every VEVENT; a VEVENT that cannot be read is an error row (its
/// number in file order), the others are still read.
pub fn parse(text: &str, context: &ImportContext) -> Result<ParsedImport, AppError> {
    let calendar: icalendar::Calendar = text.parse().map_err(|e: String| {
        let first = e
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim();
        refuse(format!("This calendar (.ics) could not be read: {first}"))
    })?;
    let mut parsed = ParsedImport::new(ImportKind::Ics);
    let events: Vec<icalendar::CalendarEvent<'_>> = calendar.calendar_events().collect();
    if events.is_empty() {
        return Err(refuse(
            "This calendar has no events: no VEVENT with a SUMMARY and a DTSTART was found.",
        ));
    }
    // Occurrences moved or changed by a RECURRENCE-ID override are read from
    // the override, not from the rule.
    let mut overridden: HashSet<(String, DateTime<Utc>)> = HashSet::new();
    for e in &events {
        if let (Some(uid), Some(id)) = (e.event().get_uid(), e.event().get_recurrence_id()) {
            if let When::Timed(t, _) = when(id, &mut parsed.warnings) {
                overridden.insert((uid.to_string(), t));
            }
        }
    }
    for (i, calendar_event) in events.iter().enumerate() {
        let event = calendar_event.event();
        let row = i + 1;
        let mut not_read = Vec::new();
        let read = template(event, &mut not_read).and_then(|input| {
            let start = event.get_start().ok_or("it has no DTSTART (begin)")?;
            let begin = when(start, &mut parsed.warnings);
            let end = match event.get_end() {
                Some(end) => Some(when(end, &mut parsed.warnings)),
                None => event
                    .property_value("DURATION")
                    .and_then(duration_seconds)
                    .map(|s| shift(begin, Duration::seconds(s))),
            };
            let starts = if event.property_value("RRULE").is_some() {
                let uid = event.get_uid().unwrap_or("").to_string();
                let skip: HashSet<DateTime<Utc>> = overridden
                    .iter()
                    .filter(|(u, _)| *u == uid)
                    .map(|(_, t)| *t)
                    .collect();
                occurrences(calendar_event, begin, context, &skip, &mut parsed.warnings)?
            } else {
                vec![begin]
            };
            Ok((input, begin, end, starts))
        });
        match read {
            Ok((_, _, _, starts)) if parsed.events.len() + starts.len() > MAX_EVENTS => {
                return Err(refuse(format!(
                    "This calendar holds more than {MAX_EVENTS} events (counting each repeat): split it into smaller files."
                )));
            }
            Ok((input, begin, end, starts)) => {
                for start in starts {
                    let end = end.map(|e| match (start, begin, e) {
                        (When::Timed(s, _), When::Timed(b, _), _) => shift(e, s - b),
                        (When::AllDay(s), When::AllDay(b), _) => shift(e, s - b),
                        _ => e,
                    });
                    let (begin_text, end_text, zone) = span(start, end);
                    let mut input = input.clone();
                    input.begin = begin_text;
                    input.end = Some(end_text);
                    input.time_zone = Some(zone.name().into());
                    parsed.events.push(ImportedEvent {
                        input,
                        not_read: not_read.clone(),
                    });
                }
            }
            Err(message) => parsed.errors.push(RowError {
                row,
                field: "VEVENT".into(),
                message: format!("Event {row} was not read: {message}."),
            }),
        }
    }
    if parsed.events.is_empty() && parsed.errors.is_empty() {
        parsed
            .warnings
            .push("The calendar's recurring events have no dates inside the import window.".into());
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CALENDAR: &str = include_str!("../../tests/fixtures/import/calendar.ics");

    fn context() -> ImportContext {
        ImportContext::around(NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"))
    }

    fn by_title<'a>(parsed: &'a ParsedImport, title: &str) -> Vec<&'a EventInput> {
        parsed
            .events
            .iter()
            .map(|e| &e.input)
            .filter(|i| i.title == title)
            .collect()
    }

    #[test]
    fn a_small_file_of_endless_repeats_is_refused_not_expanded_without_end() {
        let daily = |count: usize| {
            let mut text = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
            for i in 0..count {
                text.push_str(&format!(
                    "BEGIN:VEVENT\r\nUID:r{i}\r\nSUMMARY:Daily {i}\r\nDTSTART:20250101T100000Z\r\nRRULE:FREQ=DAILY\r\nEND:VEVENT\r\n"
                ));
            }
            text + "END:VCALENDAR\r\n"
        };
        let text = daily(21);
        assert!(text.len() < 4_000);
        let err = parse(&text, &context()).expect_err("21 x 1000 events");
        assert!(err.to_string().contains("more than 20000 events"), "{err}");
        let read = parse(&daily(20), &context()).expect("20 x 1000 events are read");
        assert_eq!(read.events.len(), 20_000);
    }

    #[test]
    fn every_kind_of_time_in_one_calendar() {
        let parsed = parse(CALENDAR, &context()).expect("calendar");
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        // 5 single events + 4 weekly occurrences.
        assert_eq!(parsed.events.len(), 9);

        let tzid = by_title(&parsed, "Makerspace on a Shoestring")[0];
        assert_eq!(tzid.begin, "2026-03-18T14:00");
        assert_eq!(tzid.end.as_deref(), Some("2026-03-18T15:30"));
        assert_eq!(tzid.time_zone.as_deref(), Some("America/Denver"));
        assert_eq!(
            tzid.description.as_deref(),
            Some("Cheap tools, big ideas.\nBring a project.")
        );
        assert_eq!(tzid.delivery.as_deref(), Some("in_person"));
        assert_eq!(tzid.credits[0].category, "TECH");
        assert_eq!(tzid.credits[0].credits, 1.5);

        // UTC midnight on April 20 is 6 PM on April 19 in Montana; the title was folded.
        let utc = by_title(
            &parsed,
            "Board Basics for New Trustees: a long title that is folded across two lines",
        )[0];
        assert_eq!(utc.begin, "2026-04-19T18:00");
        assert_eq!(utc.event_type.as_deref(), Some("webinar"));
        assert_eq!(
            utc.meeting_url.as_deref(),
            Some("https://meet.example.org/trustees")
        );
        assert_eq!(utc.credits[0].category, "LA");

        let floating = by_title(&parsed, "Floating Story Time Swap")[0];
        assert_eq!(floating.begin, "2026-05-05T09:30");
        assert_eq!(floating.end.as_deref(), Some("2026-05-05T10:30"));

        let all_day = by_title(&parsed, "Summer Reading Reports Due")[0];
        assert_eq!(all_day.begin, "2026-08-31T00:00");
        assert_eq!(all_day.end.as_deref(), Some("2026-09-01T23:59"));
        assert_eq!(all_day.event_type.as_deref(), Some("deadline"));

        let weekly: Vec<(&str, Option<&str>)> = by_title(&parsed, "Tech Tuesday Drop-in")
            .iter()
            .map(|i| (i.begin.as_str(), i.end.as_deref()))
            .collect();
        assert_eq!(
            weekly,
            [
                ("2026-01-06T12:00", Some("2026-01-06T13:00")),
                ("2026-01-13T12:00", Some("2026-01-13T13:00")),
                ("2026-01-20T12:00", Some("2026-01-20T13:00")),
                ("2026-01-27T12:00", Some("2026-01-27T13:00")),
            ]
        );
        let canceled = by_title(&parsed, "Genealogy Resources Tour")[0];
        assert_eq!(canceled.status.as_deref(), Some("canceled"));
        for e in &parsed.events {
            e.input.validate().expect("every event is valid");
        }
    }

    #[test]
    fn an_endless_rule_stays_inside_the_window_and_overrides_replace_occurrences() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:d@x\r\nSUMMARY:Daily\r\nDTSTART:20200101T150000Z\r\nRRULE:FREQ=MONTHLY\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:d@x\r\nRECURRENCE-ID:20260101T150000Z\r\nSUMMARY:Daily (moved)\r\nDTSTART:20260102T150000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let parsed = parse(text, &context()).expect("calendar");
        let monthly = by_title(&parsed, "Daily");
        // From 2022-01-01 (4 years back) to 2028-01-01, less the moved one.
        assert_eq!(monthly.len(), 71);
        assert!(monthly.iter().all(|i| i.begin.as_str() >= "2021-12-31"));
        assert!(!monthly.iter().any(|i| i.begin.starts_with("2026-01-01")));
        assert_eq!(by_title(&parsed, "Daily (moved)").len(), 1);
    }

    #[test]
    fn windows_zone_names_durations_and_credit_properties() {
        assert_eq!(
            zone_named("Mountain Standard Time"),
            Some(chrono_tz::America::Denver)
        );
        assert_eq!(
            zone_named("\"America/Chicago\""),
            Some(chrono_tz::America::Chicago)
        );
        assert_eq!(zone_named("Mars/Olympus"), None);
        assert_eq!(duration_seconds("PT1H30M"), Some(5400));
        assert_eq!(duration_seconds("P1W"), Some(604_800));
        assert_eq!(duration_seconds("P1D"), Some(86_400));
        assert_eq!(duration_seconds("soon"), None);
        let mut not_read = Vec::new();
        let read = credits_property("LA=1.5, 0.5 Technology; XX=2", &mut not_read);
        let got: Vec<(&str, f64)> = read
            .iter()
            .map(|c| (c.category.as_str(), c.credits))
            .collect();
        assert_eq!(got, [("LA", 1.5), ("TECH", 0.5)]);
        assert_eq!(not_read.len(), 1);
    }

    #[test]
    fn events_without_summary_or_start_are_error_rows_and_empty_calendars_refused() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:No start\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Fine\nDTSTART:20260101T100000Z\nEND:VEVENT\nEND:VCALENDAR\n";
        let parsed = parse(text, &context()).expect("calendar");
        assert_eq!(parsed.events.len(), 1);
        let rows: Vec<usize> = parsed.errors.iter().map(|e| e.row).collect();
        assert_eq!(rows, [1, 2]);
        assert!(parsed.errors[0].message.contains("SUMMARY"));
        assert!(parsed.errors[1].message.contains("DTSTART"));
        assert!(parse("BEGIN:VCALENDAR\nEND:VCALENDAR\n", &context()).is_err());
        assert!(parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x", &context()).is_err());
    }
}
