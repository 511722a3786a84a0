//! Events as an iCalendar (.ics) file a librarian's own calendar app can
//! import. Times are local times with their IANA zone (TZID), as stored.

use crate::domain::event::Event;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike};

/// A calendar instant in the event's own zone; UTC when the zone is unknown.
fn zoned(utc_text: &str, zone: &str) -> Result<CalendarDateTime, String> {
    let instant: DateTime<Utc> = DateTime::parse_from_rfc3339(utc_text)
        .map_err(|e| format!("bad stored time {utc_text}: {e}"))?
        .with_timezone(&Utc);
    Ok(match zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => CalendarDateTime::from_date_time(instant.with_timezone(&tz)),
        Err(_) => CalendarDateTime::Utc(instant),
    })
}

/// Renders the events as one calendar named `name`.
pub fn render(name: &str, events: &[Event]) -> Result<Vec<u8>, String> {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for event in events {
        let mut entry = icalendar::Event::new();
        entry
            .uid(&format!("event-{}@aspendesk.app", event.heading.id))
            .summary(&event.heading.title)
            .starts(zoned(&event.begin_utc, &event.time_zone)?)
            .ends(zoned(&event.end_utc, &event.time_zone)?);
        if let Ok(updated) = DateTime::parse_from_rfc3339(&event.updated_at) {
            entry.timestamp(updated.with_timezone(&Utc));
        }
        let mut description = event.details.description.clone();
        if !event.credits.is_empty() {
            let credits: Vec<&str> = event
                .credits
                .iter()
                .map(|c| c.description.as_str())
                .collect();
            description = format!("CE credits: {}\n\n{description}", credits.join("; "));
        }
        if !description.trim().is_empty() {
            entry.description(description.trim());
        }
        let location = match (&event.details.location, &event.details.meeting_url) {
            (place, _) if !place.trim().is_empty() => Some(place.clone()),
            (_, Some(url)) if !url.trim().is_empty() => Some(url.clone()),
            _ => None,
        };
        if let Some(location) = location {
            entry.location(&location);
        }
        if let Some(url) = event
            .details
            .meeting_url
            .as_deref()
            .filter(|u| !u.trim().is_empty())
        {
            entry.url(url);
        }
        calendar.push(entry.done());
    }
    Ok(calendar.done().to_string().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_zone_keeps_local_time_and_an_unknown_one_falls_back_to_utc() {
        let denver = zoned("2021-06-02T20:00:00+00:00", "America/Denver").unwrap();
        assert_eq!(
            denver,
            CalendarDateTime::WithTimezone {
                date_time: "2021-06-02T14:00:00".parse().unwrap(),
                tzid: "America/Denver".into()
            }
        );
        assert!(matches!(
            zoned("2021-06-02T20:00:00+00:00", "Mars/Olympus").unwrap(),
            CalendarDateTime::Utc(_)
        ));
        assert!(zoned("yesterday", "America/Denver").is_err());
    }
}
