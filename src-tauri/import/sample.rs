//! The sample catalog as an iCalendar file (built with the `icalendar`
//! crate), for the import tests and the import benchmark.

use crate::sample;
use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{CalendarDateTime, Component, EventLike};

fn wall_clock(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()
}

/// `count` sample events (their credits in `X-ASPEN-CREDITS`) as .ics text.
pub fn calendar(today: NaiveDate, count: usize) -> String {
    let mut calendar = icalendar::Calendar::new();
    for (i, input) in sample::catalog(today, count).into_iter().enumerate() {
        let (Some(begin), Some(end)) = (
            wall_clock(&input.begin),
            input.end.as_deref().and_then(wall_clock),
        ) else {
            continue;
        };
        let zone = input
            .time_zone
            .clone()
            .unwrap_or_else(|| "America/Denver".into());
        let at = |date_time| CalendarDateTime::WithTimezone {
            date_time,
            tzid: zone.clone(),
        };
        let credits: Vec<String> = input
            .credits
            .iter()
            .map(|c| format!("{}={}", c.category, c.credits))
            .collect();
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("sample-{i}@aspen-desk"))
            .summary(&input.title)
            .description(input.description.as_deref().unwrap_or(""))
            .starts(at(begin))
            .ends(at(end))
            .add_property(super::ics::CREDITS_PROPERTY, credits.join(","));
        if let Some(url) = &input.meeting_url {
            event.url(url);
        }
        if let Some(location) = input.location.as_deref().filter(|l| !l.is_empty()) {
            event.location(location);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}
