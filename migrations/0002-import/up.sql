-- Imports of resident and volunteer lists (solidesk-core::import).
--
-- Every import is recorded with what it did to which row, so it can be undone as a whole while
-- nothing else has touched those rows, and so an update says what it changed. Not synced: an
-- import is this desk's work; the rows it wrote sync like any other change.

CREATE TABLE import_run (
    local_id            INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    kind                TEXT NOT NULL CHECK (kind IN ('residents', 'volunteers')),
    file_name           TEXT NOT NULL,
    -- SHA-256 of the file's bytes, hex.
    file_sha256         TEXT NOT NULL,
    encoding            TEXT NOT NULL,
    delimiter           TEXT NOT NULL,
    profile             TEXT,
    rows                INTEGER NOT NULL,
    created             INTEGER NOT NULL,
    updated             INTEGER NOT NULL,
    unchanged           INTEGER NOT NULL,
    duplicates_in_file  INTEGER NOT NULL,
    rejected            INTEGER NOT NULL,
    warnings            INTEGER NOT NULL,
    possible_duplicates INTEGER NOT NULL,
    -- The whole report (counts per reason, samples) as JSON.
    report              TEXT NOT NULL,
    imported_by         TEXT NOT NULL,
    -- Also the `updated_at` of every row the import wrote: how undo knows a row is untouched since.
    imported_at         TEXT NOT NULL,
    undone_at           TEXT,
    undone_by           TEXT
) STRICT;

-- What an import did to one row. `before` (JSON) is the row as it was, for updates; `changes`
-- (JSON) lists the fields it changed with old and new values.
CREATE TABLE import_change (
    import_id   TEXT NOT NULL REFERENCES import_run (id),
    entity      TEXT NOT NULL CHECK (entity IN ('resident', 'volunteer')),
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('created', 'updated')),
    line        INTEGER NOT NULL,
    before      TEXT,
    changes     TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (import_id, entity_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX import_change_by_entity ON import_change (entity_id);

-- Likely duplicates an import found but could not be sure of, for a person to review.
CREATE TABLE import_review (
    import_id    TEXT NOT NULL REFERENCES import_run (id),
    entity_id    TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    line         INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    resolved_at  TEXT,
    PRIMARY KEY (import_id, entity_id, candidate_id)
) STRICT, WITHOUT ROWID;

-- Column mappings that staff corrected and saved under a name, reused for the next file.
-- `mapping` is JSON: {"normalised header": "field" | "ignore"}.
CREATE TABLE import_profile (
    name       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('residents', 'volunteers')),
    mapping    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Likely-duplicate checks look up people born on the same day.
CREATE INDEX resident_by_birth_date ON resident (birth_date) WHERE deleted_at IS NULL;
-- Volunteers are recognised again by e-mail or phone.
CREATE INDEX volunteer_by_email ON volunteer (email) WHERE email <> '' AND deleted_at IS NULL;
CREATE INDEX volunteer_by_phone ON volunteer (phone) WHERE phone IS NOT NULL AND deleted_at IS NULL;
