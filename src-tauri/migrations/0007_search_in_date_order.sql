-- The catalog's search rows are keyed by date: rowid = begin_utc * 2^24 + id
-- (16777216 = 2^24; ids stay below it). FTS5 then hands out a word's matches
-- newest (or oldest) first and stops after one page, and a date range is a
-- rowid range, so a common word costs no more than a rare one. The table is
-- built again from the events, as the store writes it
-- (store/events/search.rs, insert_search_rows).
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5 (
    title, description, sponsor, resources,
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO events_fts (rowid, title, description, sponsor, resources)
SELECT e.begin_utc * 16777216 + e.id, e.title, e.description, e.sponsor,
       COALESCE((SELECT group_concat(r.title || ' ' || r.tags, ' ') FROM event_resources r
                 WHERE r.event_id = e.id), '')
FROM events e;
INSERT INTO events_fts (events_fts) VALUES ('optimize');
