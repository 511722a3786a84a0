-- The CE credit ledger and certification.

-- Credit entries: what a person learned, dated, in one category.
-- Amounts in half-credits (1 = 0.5 credit).
CREATE TABLE credit_entries (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    kind          TEXT    NOT NULL,
    title         TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    date          TEXT    NOT NULL,
    end_date      TEXT,
    sponsor       TEXT    NOT NULL DEFAULT '',
    trainer       TEXT    NOT NULL DEFAULT '',
    category      TEXT    NOT NULL CHECK (category IN ('LA', 'LSP', 'CMTS', 'TECH')),
    half_credits  INTEGER NOT NULL CHECK (half_credits > 0),
    units         REAL,
    status        TEXT    NOT NULL DEFAULT 'pending',
    verified_by   TEXT,
    verified_on   TEXT,
    event_id      INTEGER REFERENCES events (id) ON DELETE SET NULL,
    conference    TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    plan_goal_id  INTEGER,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX credit_entries_person ON credit_entries (person_id, date);
CREATE INDEX credit_entries_event ON credit_entries (event_id);

-- Evidence files (certificates of attendance) from the shared file store.
CREATE TABLE credit_evidence (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES credit_entries (id) ON DELETE CASCADE,
    sha256     TEXT    NOT NULL REFERENCES files (sha256),
    file_name  TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);

-- Certification tracks are data: adding a track is adding rows.
CREATE TABLE tracks (
    code              TEXT PRIMARY KEY,
    program           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    audience          TEXT    NOT NULL,
    total_half        INTEGER NOT NULL,
    period_years      INTEGER NOT NULL DEFAULT 4,
    requires_plan     INTEGER NOT NULL DEFAULT 0,
    -- A different total for trustees (the Strategic Track: 15 instead of 60).
    trustee_total_half INTEGER
);
CREATE TABLE track_minimums (
    track_code TEXT    NOT NULL REFERENCES tracks (code),
    category   TEXT    NOT NULL CHECK (category IN ('LA', 'LSP', 'CMTS', 'TECH')),
    min_half   INTEGER NOT NULL,
    PRIMARY KEY (track_code, category)
);
INSERT INTO tracks (code, program, name, audience, total_half, requires_plan, trustee_total_half) VALUES
    ('2009-administrator',     '2009 (legacy)', 'Library Administrator', 'director', 120, 0, NULL),
    ('2009-staff',             '2009 (legacy)', 'Library Staff',         'staff',    120, 0, NULL),
    ('2009-trustee',           '2009 (legacy)', 'Trustee',               'trustee',   30, 0, NULL),
    ('2023-director-initial',  '2023',          'Director, initial',     'director', 120, 0, NULL),
    ('2023-director-renewal',  '2023',          'Director, renewal',     'director', 120, 0, NULL),
    ('2023-staff',             '2023',          'Staff',                 'staff',    120, 0, NULL),
    ('2023-trustee',           '2023',          'Trustee',               'trustee',   30, 0, NULL),
    ('strategic',              '2021',          'Strategic Track',       'renewing', 120, 1, 30);
INSERT INTO track_minimums (track_code, category, min_half) VALUES
    ('2009-administrator', 'LA', 40), ('2009-administrator', 'LSP', 20),
    ('2009-administrator', 'CMTS', 20), ('2009-administrator', 'TECH', 20),
    ('2009-staff', 'LA', 20), ('2009-staff', 'LSP', 20), ('2009-staff', 'CMTS', 20), ('2009-staff', 'TECH', 20),
    ('2009-trustee', 'LA', 20),
    ('2023-director-initial', 'LA', 60),
    ('2023-staff', 'LA', 10), ('2023-staff', 'LSP', 10), ('2023-staff', 'CMTS', 10), ('2023-staff', 'TECH', 10),
    ('2023-trustee', 'LA', 20);

-- A person working toward a track, through the certification workflow.
CREATE TABLE enrollments (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id),
    track_code    TEXT    NOT NULL REFERENCES tracks (code),
    start_date    TEXT    NOT NULL,
    due_date      TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'in_progress',
    submitted_on  TEXT,
    reviewed_on   TEXT,
    verified_on   TEXT,
    verified_by   TEXT,
    issued_on     TEXT,
    expires_on    TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);
CREATE INDEX enrollments_person ON enrollments (person_id);
