-- The directory lists organizations by name and people by last and first
-- name (case-insensitive): indexes in that order let a search read its first
-- page in order instead of sorting every row.
CREATE INDEX organizations_name ON organizations (name COLLATE NOCASE);
CREATE INDEX people_name ON people (last_name COLLATE NOCASE, first_name COLLATE NOCASE);
