-- Ids are never reused: a record created after a delete must not inherit the
-- deleted record's page history, evidence or "who am I" setting. SQLite only
-- guarantees that with AUTOINCREMENT, which needs a table rebuild (the
-- documented procedure: with foreign keys off, which is how Store::open
-- runs every migration, then a foreign_key_check before the pool opens).
-- The tables rebuilt are the ones whose rows can be deleted.

CREATE TABLE new_events (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    title                 TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    event_type            TEXT    NOT NULL,
    status                TEXT    NOT NULL,
    begin_utc             INTEGER NOT NULL,
    end_utc               INTEGER NOT NULL CHECK (end_utc >= begin_utc),
    time_zone             TEXT    NOT NULL,
    description           TEXT    NOT NULL DEFAULT '',
    delivery              TEXT    NOT NULL,
    meeting_url           TEXT,
    location              TEXT    NOT NULL DEFAULT '',
    sponsor               TEXT    NOT NULL DEFAULT '',
    registration_required INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);
INSERT INTO new_events SELECT * FROM events;
DROP TABLE events;
ALTER TABLE new_events RENAME TO events;
CREATE INDEX events_begin ON events (begin_utc, event_type, delivery);

CREATE TABLE new_event_resources (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title         TEXT    NOT NULL,
    resource_type TEXT    NOT NULL,
    tags          TEXT    NOT NULL DEFAULT '[]',
    url           TEXT,
    file_sha256   TEXT    REFERENCES files (sha256),
    file_name     TEXT,
    created_at    TEXT    NOT NULL,
    CHECK ((url IS NULL) <> (file_sha256 IS NULL))
);
INSERT INTO new_event_resources SELECT * FROM event_resources;
DROP TABLE event_resources;
ALTER TABLE new_event_resources RENAME TO event_resources;
CREATE INDEX event_resources_event ON event_resources (event_id, id);

CREATE TABLE new_people (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    last_name  TEXT    NOT NULL CHECK (length(trim(last_name)) > 0),
    first_name TEXT    NOT NULL CHECK (length(trim(first_name)) > 0),
    email      TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
INSERT INTO new_people SELECT * FROM people;
DROP TABLE people;
ALTER TABLE new_people RENAME TO people;

CREATE TABLE new_plan_goals (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id           INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    strategic_goal_id INTEGER NOT NULL REFERENCES strategic_goals (id),
    objective         TEXT    NOT NULL CHECK (length(trim(objective)) > 0),
    activities        TEXT    NOT NULL DEFAULT '',
    evidence          TEXT    NOT NULL DEFAULT ''
);
INSERT INTO new_plan_goals SELECT * FROM plan_goals;
DROP TABLE plan_goals;
ALTER TABLE new_plan_goals RENAME TO plan_goals;
CREATE INDEX plan_goals_plan ON plan_goals (plan_id, position);

-- Deleted records keep their page history; start each sequence above the
-- highest id that history (or the "who am I" setting) has ever named, so a
-- record deleted before this upgrade is not reused either. (The copies above
-- already left a row per table in sqlite_sequence; replace it.)
DELETE FROM sqlite_sequence WHERE name IN ('events', 'people', 'event_resources', 'plan_goals');
INSERT INTO sqlite_sequence (name, seq)
SELECT 'events', max(coalesce((SELECT max(id) FROM events), 0),
                     coalesce((SELECT max(record_id) FROM history WHERE record_type = 'event'), 0));
INSERT INTO sqlite_sequence (name, seq)
SELECT 'people', max(coalesce((SELECT max(id) FROM people), 0),
                     coalesce((SELECT max(record_id) FROM history WHERE record_type = 'person'), 0),
                     coalesce((SELECT CAST(value AS INTEGER) FROM app_settings WHERE key = 'current_person_id'), 0));
INSERT INTO sqlite_sequence (name, seq)
SELECT 'event_resources', coalesce((SELECT max(id) FROM event_resources), 0);
INSERT INTO sqlite_sequence (name, seq)
SELECT 'plan_goals', coalesce((SELECT max(id) FROM plan_goals), 0);
