-- The Strategic Track: professional development plans, their goals (each tied
-- to a strategic goal of the person's library), versions and documents.

CREATE TABLE plans (
    id               INTEGER PRIMARY KEY,
    enrollment_id    INTEGER NOT NULL REFERENCES enrollments (id),
    version          INTEGER NOT NULL,
    status           TEXT    NOT NULL DEFAULT 'draft',
    submitted_on     TEXT,
    accepted_on      TEXT,
    accepted_by      TEXT,
    revision_request TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    UNIQUE (enrollment_id, version)
);

CREATE TABLE plan_goals (
    id                INTEGER PRIMARY KEY,
    plan_id           INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    strategic_goal_id INTEGER NOT NULL REFERENCES strategic_goals (id),
    objective         TEXT    NOT NULL CHECK (length(trim(objective)) > 0),
    activities        TEXT    NOT NULL DEFAULT '',
    evidence          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX plan_goals_plan ON plan_goals (plan_id, position);

-- Uploaded plan files (PDF, DOCX, ODT) from the shared file store.
CREATE TABLE plan_documents (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES plans (id),
    sha256     TEXT    NOT NULL REFERENCES files (sha256),
    file_name  TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    size       INTEGER NOT NULL,
    created_at TEXT    NOT NULL
);

-- Self-directed activities say what was learned.
ALTER TABLE credit_entries ADD COLUMN learned TEXT NOT NULL DEFAULT '';
