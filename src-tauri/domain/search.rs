//! Catalog search: the tolerant FTS5 query syntax and the filters.

use super::credits::Category;
use super::event::{Delivery, EventSummary, EventType};
use super::field::{self, keep, DayRange};
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One piece of a typed query: a word (searched as a prefix) or the words
/// between quotes (a phrase).
enum QueryPart<'a> {
    Word(&'a str),
    Phrase(Vec<&'a str>),
}

/// Words are runs of letters and digits; every other character separates
/// them. Odd chunks sit between quotes; a missing closing quote still reads
/// as a phrase.
fn query_parts(typed: &str) -> Vec<QueryPart<'_>> {
    let mut parts = Vec::new();
    for (i, chunk) in typed.split('"').enumerate() {
        let words: Vec<&str> = chunk
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if i % 2 == 1 && words.len() > 1 {
            parts.push(QueryPart::Phrase(words));
        } else {
            parts.extend(words.into_iter().map(QueryPart::Word));
        }
    }
    parts
}

/// Turns whatever the librarian typed into a safe FTS5 query: words become
/// prefix terms, "quoted text" becomes a phrase, every other character is a
/// separator. Returns `None` when nothing searchable is left.
pub fn fts_query(typed: &str) -> Option<String> {
    let parts: Vec<String> = query_parts(typed)
        .iter()
        .map(|part| match part {
            QueryPart::Word(w) => format!("\"{w}\"*"),
            QueryPart::Phrase(words) => format!("\"{}\"", words.join(" ")),
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The directory's search index keeps a list of its own for every prefix
/// of 1 to this many characters (`prefix = '1 2 ... 8'`, migration 0008).
pub const INDEXED_PREFIX_CHARS: usize = 8;

/// Whether every word typed is short enough for those prefix lists. Only
/// then can the index answer "does this record match?" one record at a
/// time cheaply; a longer word is first expanded into every term it begins,
/// and that would happen again for each record asked about.
pub fn prefixes_indexed(typed: &str) -> bool {
    query_parts(typed).iter().all(|part| match part {
        QueryPart::Word(w) => w.chars().count() <= INDEXED_PREFIX_CHARS,
        QueryPart::Phrase(_) => true,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Best match first (bm25, the title weighted most) for a text search;
    /// newest first when browsing, where there is nothing to rank.
    #[default]
    Relevance,
    /// Newest first: upcoming events, then the recent past.
    Newest,
    Oldest,
}

/// Counting stops past this many matches: the window shows "5,000+ events"
/// (or, deep in the pages, one page past the current one is always known).
pub const COUNT_CAP: u32 = 5_000;

/// Best match ranks at most this many matches. Ranking reads every match
/// (about 1 µs each), so a word as common as "library" would cost tens of
/// milliseconds a keystroke; past this the page is newest first, and the
/// window says so and asks for another word.
pub const RANK_LIMIT: i64 = COUNT_CAP as i64;

/// The relevance weights of the FTS columns: title, description, sponsor,
/// resources (titles and tags).
pub const RELEVANCE_WEIGHTS: [f64; 4] = [10.0, 1.0, 2.0, 3.0];

/// What the catalog asks for. Dates are Montana calendar days.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventSearch {
    pub text: String,
    /// `None` means the ASPeN default, four years ago today, when browsing;
    /// all dates when searching by text or with only an end date.
    pub from: Option<String>,
    /// `None` means all future events.
    pub to: Option<String>,
    /// Lift the default 4-year window (`from` is then ignored when empty).
    pub all_dates: bool,
    pub event_type: Option<String>,
    pub category: Option<String>,
    pub delivery: Option<String>,
    pub sort: SortOrder,
    #[serde(flatten)]
    #[ts(flatten)]
    pub paging: Paging,
}

/// Which slice of the results a list shows: `limit` results after the
/// first `offset` (a limit of 0 asks for the default page).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Paging {
    pub offset: u32,
    pub limit: u32,
}

impl Paging {
    /// The first `limit` results.
    pub fn first(limit: u32) -> Self {
        Paging { offset: 0, limit }
    }

    /// The slice as served: the limit defaulted and capped (`page_limit`).
    pub fn served(self) -> Self {
        Paging {
            offset: self.offset,
            limit: page_limit(self.limit),
        }
    }
}

/// A validated search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchPlan {
    pub fts: Option<String>,
    pub days: DayRange,
    pub event_type: Option<EventType>,
    pub category: Option<Category>,
    pub delivery: Option<Delivery>,
    pub sort: SortOrder,
    pub paging: Paging,
}

pub const DEFAULT_PAGE: u32 = 50;
pub const MAX_PAGE: u32 = 500;

/// How many results a page of the catalog or the directory holds:
/// `DEFAULT_PAGE` when none is asked for, at most `MAX_PAGE`.
pub fn page_limit(asked: u32) -> u32 {
    match asked {
        0 => DEFAULT_PAGE,
        n => n.min(MAX_PAGE),
    }
}

/// The typed text of a search, checked (refused under `query`), as its FTS5
/// query: `None` when nothing searchable is left.
pub fn checked_query(errors: &mut Vec<FieldError>, typed: &str) -> Option<String> {
    keep(errors, field::query("query", typed));
    fts_query(typed)
}

impl SearchPlan {
    /// How many matching rows a search needs to count: the cap, or one page
    /// past the current one when paging deeper.
    pub fn count_limit(&self) -> i64 {
        let Paging { offset, limit } = self.paging;
        i64::from(COUNT_CAP).max(i64::from(offset) + 2 * i64::from(limit))
    }

    /// The order applied once the search's matches are counted (up to past
    /// `RANK_LIMIT`): best match, unless there are too many to rank.
    pub fn applied_sort(&self, matches: i64) -> SortOrder {
        match self.sort {
            SortOrder::Relevance if matches > RANK_LIMIT => SortOrder::Newest,
            sort => sort,
        }
    }

    /// True when anything besides the text narrows the search.
    pub fn has_filters(&self) -> bool {
        !self.days.is_every_day()
            || self.event_type.is_some()
            || self.category.is_some()
            || self.delivery.is_some()
    }
}

impl EventSearch {
    pub fn plan(&self, today: NaiveDate) -> Result<SearchPlan, Vec<FieldError>> {
        let mut errors = Vec::new();
        let fts = checked_query(&mut errors, &self.text);
        let typed = DayRange::typed(&mut errors, self.from.as_deref(), self.to.as_deref());
        let event_type =
            field::kept_filter::<EventType>(&mut errors, "event_type", self.event_type.as_deref());
        let category =
            field::kept_filter::<Category>(&mut errors, "category", self.category.as_deref());
        let delivery =
            field::kept_filter::<Delivery>(&mut errors, "delivery", self.delivery.as_deref());
        if !errors.is_empty() {
            return Err(errors);
        }
        // Browsing follows ASPeN (the last 4 years and the future); a text search
        // looks at every date unless a range is given, so an older event is
        // never silently hidden from someone looking for it by name.
        let from = match (
            typed.from,
            self.all_dates || fts.is_some() || typed.to.is_some(),
        ) {
            (Some(d), _) => Some(d),
            (None, true) => None,
            (None, false) => today.checked_sub_months(chrono::Months::new(48)),
        };
        // With nothing to rank, "best match" is the catalog's newest first.
        let sort = match (self.sort, &fts) {
            (SortOrder::Relevance, None) => SortOrder::Newest,
            (sort, _) => sort,
        };
        Ok(SearchPlan {
            fts,
            days: DayRange { from, ..typed },
            event_type,
            category,
            delivery,
            sort,
            paging: self.paging.served(),
        })
    }
}

/// One page of results.
#[derive(Debug, Clone, Serialize, TS)]
pub struct EventPage {
    /// Exact, or a lower bound past `COUNT_CAP` (see `total_is_lower_bound`).
    #[ts(type = "number")]
    pub total: i64,
    /// True when there are more than `total` matches ("5,000+").
    pub total_is_lower_bound: bool,
    /// The order applied (a browse asked for "best match" is newest first).
    pub sort: SortOrder,
    /// Best match was asked for, but more than `RANK_LIMIT` events match:
    /// the page is newest first instead.
    pub too_many_to_rank: bool,
    #[serde(flatten)]
    #[ts(flatten)]
    pub paging: Paging,
    /// The first day searched, after defaults ("2022-11-29"), or null for all dates.
    pub from: Option<String>,
    pub items: Vec<EventSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_prefix_terms() {
        assert_eq!(
            fts_query("strategic track").as_deref(),
            Some("\"strategic\"* \"track\"*")
        );
        assert_eq!(fts_query("strat").as_deref(), Some("\"strat\"*"));
    }

    #[test]
    fn quotes_make_phrases_and_stray_punctuation_never_errors() {
        assert_eq!(
            fts_query("\"strategic track\" msl").as_deref(),
            Some("\"strategic track\" \"msl\"*")
        );
        assert_eq!(
            fts_query("\"unclosed phrase here").as_deref(),
            Some("\"unclosed phrase here\"")
        );
        assert_eq!(
            fts_query("AND OR NOT (* ^ : -").as_deref(),
            Some("\"AND\"* \"OR\"* \"NOT\"*")
        );
        assert_eq!(fts_query("  ;;; \"\" "), None);
        assert_eq!(fts_query("café"), Some("\"café\"*".into()));
    }

    #[test]
    fn only_words_within_the_prefix_lists_count_as_indexed() {
        assert!(prefixes_indexed("library"));
        assert!(prefixes_indexed("grace jensen12"));
        // Eight letters, counted as characters (ë is two bytes).
        assert!(prefixes_indexed("zoëzoëzo"));
        assert!(!prefixes_indexed("librarian"));
        assert!(!prefixes_indexed("hel librarians"));
        // A phrase is not a prefix: its words can be as long as they like.
        assert!(prefixes_indexed("\"strategic planning\""));
        assert!(prefixes_indexed(""));
    }

    #[test]
    fn the_default_window_is_the_last_four_years_and_all_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let plan = EventSearch::default().plan(today).expect("valid");
        assert_eq!(plan.days.from, NaiveDate::from_ymd_opt(2022, 11, 29));
        assert_eq!(plan.days.to, None);
        assert_eq!(plan.paging.limit, DEFAULT_PAGE);
        let all = EventSearch {
            all_dates: true,
            ..Default::default()
        }
        .plan(today)
        .expect("valid");
        assert_eq!(all.days.from, None);
    }

    #[test]
    fn best_match_is_for_text_and_browsing_stays_newest_first() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let browse = EventSearch::default().plan(today).expect("valid");
        assert_eq!(browse.sort, SortOrder::Newest);
        let text = EventSearch {
            text: "cata".into(),
            ..Default::default()
        };
        assert_eq!(text.plan(today).expect("valid").sort, SortOrder::Relevance);
        let by_date = EventSearch {
            sort: SortOrder::Oldest,
            ..text
        };
        assert_eq!(by_date.plan(today).expect("valid").sort, SortOrder::Oldest);
    }

    #[test]
    fn counting_stops_at_the_cap_or_one_page_past_the_current_one() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let first = EventSearch::default().plan(today).expect("valid");
        assert_eq!(first.count_limit(), 5_000);
        assert!(
            first.has_filters(),
            "the default four-year window is a filter"
        );
        let deep = EventSearch {
            paging: Paging {
                offset: 6_000,
                limit: 50,
            },
            ..Default::default()
        }
        .plan(today)
        .expect("valid");
        assert_eq!(deep.count_limit(), 6_100);
        let text_only = EventSearch {
            text: "cata".into(),
            ..Default::default()
        }
        .plan(today)
        .expect("valid");
        assert!(!text_only.has_filters());
    }

    #[test]
    fn bad_filters_are_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let search = EventSearch {
            from: Some("yesterday".into()),
            category: Some("ART".into()),
            ..Default::default()
        };
        assert_eq!(
            crate::error::refused_fields(search.plan(today)),
            ["from", "category"]
        );
        let reversed = EventSearch {
            from: Some("2025-03-01".into()),
            to: Some("2025-02-01".into()),
            ..Default::default()
        };
        assert_eq!(crate::error::refused_fields(reversed.plan(today)), ["to"]);
    }

    #[test]
    fn best_match_gives_way_to_newest_first_past_the_rank_limit() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        let plan = |sort| {
            EventSearch {
                text: "library".into(),
                sort,
                ..Default::default()
            }
            .plan(today)
            .expect("valid")
        };
        let ranked = plan(SortOrder::Relevance);
        assert_eq!(ranked.applied_sort(RANK_LIMIT), SortOrder::Relevance);
        assert_eq!(ranked.applied_sort(RANK_LIMIT + 1), SortOrder::Newest);
        // A date order asked for is kept, however many match.
        let oldest = plan(SortOrder::Oldest);
        assert_eq!(oldest.applied_sort(RANK_LIMIT + 1), SortOrder::Oldest);
    }
}
