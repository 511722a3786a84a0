//! Event times: an instant plus the IANA zone it was given in. ASPeN shows
//! Montana local time, so that is the default zone.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub const DEFAULT_ZONE: Tz = chrono_tz::America::Denver;

pub fn parse_zone(text: &str) -> Option<Tz> {
    let text = text.trim();
    if text.is_empty() {
        return Some(DEFAULT_ZONE);
    }
    text.parse::<Tz>().ok()
}

/// Parses "2021-06-02T14:00" (seconds and a space instead of `T` are also
/// accepted) as a wall-clock time in `zone`.
pub fn parse_local(text: &str, zone: Tz) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter a date and time, like 2021-06-02T14:00.".into());
    }
    let naive = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .ok_or_else(|| format!("\"{text}\" is not a date and time like 2021-06-02T14:00."))?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // A repeated hour when clocks fall back: take the first one.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "{} does not exist in {zone}: the clocks skip that hour.",
            naive.format("%-I:%M %p on %B %-d, %Y")
        )),
    }
}

/// The form of a time that `parse_local` reads back: "2021-06-02T14:00".
pub fn local_input(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// ASPeN's long form: "Wednesday, June 2, 2021 2:00 PM".
pub fn display_long(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%A, %B %-d, %Y %-I:%M %p")
        .to_string()
}

/// A compact form for lists: "Wed, Jun 2, 2021 2:00 PM".
pub fn display_short(instant: DateTime<Utc>, zone: Tz) -> String {
    instant
        .with_timezone(&zone)
        .format("%a, %b %-d, %Y %-I:%M %p")
        .to_string()
}

/// The first instant of a calendar day in `zone` (for date filters).
pub fn start_of_day(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match zone.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        // No zone America uses skips midnight, but be total anyway.
        LocalResult::None => Utc.from_utc_datetime(&midnight),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_event_time_round_trips_in_montana() {
        let begin = parse_local("2021-06-02T14:00", DEFAULT_ZONE).expect("valid");
        assert_eq!(begin.to_rfc3339(), "2021-06-02T20:00:00+00:00");
        assert_eq!(
            display_long(begin, DEFAULT_ZONE),
            "Wednesday, June 2, 2021 2:00 PM"
        );
        assert_eq!(local_input(begin, DEFAULT_ZONE), "2021-06-02T14:00");
        assert_eq!(
            display_short(begin, DEFAULT_ZONE),
            "Wed, Jun 2, 2021 2:00 PM"
        );
    }

    #[test]
    fn a_skipped_hour_is_refused_and_a_repeated_one_takes_the_first() {
        let err = parse_local("2021-03-14T02:30", DEFAULT_ZONE).unwrap_err();
        assert!(err.contains("does not exist"), "{err}");
        let repeated = parse_local("2021-11-07T01:30", DEFAULT_ZONE).expect("valid");
        assert_eq!(repeated.to_rfc3339(), "2021-11-07T07:30:00+00:00");
    }

    #[test]
    fn garbage_and_unknown_zones_are_refused() {
        assert!(parse_local("June 2", DEFAULT_ZONE).is_err());
        assert!(parse_local("", DEFAULT_ZONE).is_err());
        assert!(parse_zone("Mars/Olympus").is_none());
        assert_eq!(parse_zone(""), Some(DEFAULT_ZONE));
        assert_eq!(
            parse_zone("America/Chicago"),
            Some(chrono_tz::America::Chicago)
        );
    }
}
