-- Events: every field of the ASPeN event page.
-- Times are UTC unix seconds plus the IANA zone they were entered in.
CREATE TABLE events (
    id                    INTEGER PRIMARY KEY,
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
-- Covers the catalog filters, so counting and paging never read the wide rows.
CREATE INDEX events_begin ON events (begin_utc, event_type, delivery);

-- CE credits: amounts in half-credits (1 = 0.5 credit).
CREATE TABLE event_credits (
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    category     TEXT    NOT NULL CHECK (category IN ('LA', 'LSP', 'CMTS', 'TECH')),
    half_credits INTEGER NOT NULL CHECK (half_credits > 0),
    PRIMARY KEY (event_id, category)
);
CREATE INDEX event_credits_category ON event_credits (category, event_id);

-- Contact and trainer positions. Free text for now; position_id will link
-- them to the directory.
CREATE TABLE event_positions (
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role        TEXT    NOT NULL CHECK (role IN ('contact', 'trainer')),
    position    INTEGER NOT NULL,
    text        TEXT    NOT NULL,
    position_id INTEGER,
    PRIMARY KEY (event_id, role, position)
);

-- The shared file store: one row per stored blob, named by its SHA-256.
CREATE TABLE files (
    sha256     TEXT    PRIMARY KEY,
    size       INTEGER NOT NULL,
    created_at TEXT    NOT NULL
);

-- Event resources: a link or a file from the file store.
CREATE TABLE event_resources (
    id            INTEGER PRIMARY KEY,
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
CREATE INDEX event_resources_event ON event_resources (event_id, id);

-- Page history for every record type: one row per changed field.
-- No foreign key: a deleted record's history stays readable.
CREATE TABLE history (
    id          INTEGER PRIMARY KEY,
    record_type TEXT    NOT NULL,
    record_id   INTEGER NOT NULL,
    changed_at  TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    old_value   TEXT,
    new_value   TEXT
);
CREATE INDEX history_record ON history (record_type, record_id, id);

-- Full-text search over the catalog; rowid = events.id. The store keeps it in
-- step in the same transaction as every event or resource change.
CREATE VIRTUAL TABLE events_fts USING fts5 (
    title, description, sponsor, resources,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Small app-wide facts, e.g. whether the sample catalog was loaded.
CREATE TABLE app_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
