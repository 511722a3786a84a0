-- The library directory: organizations, people and the positions they hold.

-- Montana's six library federations.
CREATE TABLE federations (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
INSERT INTO federations (code, name) VALUES
    ('broad_valleys', 'Broad Valleys'),
    ('golden_plains', 'Golden Plains'),
    ('pathfinder', 'Pathfinder'),
    ('sagebrush', 'Sagebrush'),
    ('south_central', 'South Central'),
    ('tamarack', 'Tamarack');

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(trim(name)) > 0),
    org_type   TEXT    NOT NULL,
    parent_id  INTEGER REFERENCES organizations (id),
    federation TEXT    REFERENCES federations (code),
    address    TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    website    TEXT,
    hours      TEXT    NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX organizations_parent ON organizations (parent_id);

-- Strategic goals keep their id for life (plans point at them); a goal taken
-- off the list is retired, not deleted.
CREATE TABLE strategic_goals (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    position        INTEGER NOT NULL,
    text            TEXT    NOT NULL CHECK (length(trim(text)) > 0),
    retired_at      TEXT
);
CREATE INDEX strategic_goals_org ON strategic_goals (organization_id, position);

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    last_name  TEXT    NOT NULL CHECK (length(trim(last_name)) > 0),
    first_name TEXT    NOT NULL CHECK (length(trim(first_name)) > 0),
    email      TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT '',
    active     INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

-- A position outlives its holder: person_id NULL means vacant.
CREATE TABLE positions (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER REFERENCES people (id),
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    position_type   TEXT    NOT NULL,
    title           TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    begin_date      TEXT,
    end_date        TEXT,
    email           TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL DEFAULT '',
    active          INTEGER NOT NULL DEFAULT 1,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX positions_person ON positions (person_id);
CREATE INDEX positions_org ON positions (organization_id);

-- Event contacts and trainers may now point at directory positions.
CREATE INDEX event_positions_position ON event_positions (position_id);

-- One search over the directory. rowid = id * 4 + kind (1 organization,
-- 2 person, 3 position), so the store rewrites a record's row by rowid.
CREATE VIRTUAL TABLE directory_fts USING fts5 (
    name, details,
    tokenize = 'unicode61 remove_diacritics 2'
);
