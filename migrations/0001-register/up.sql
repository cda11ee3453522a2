-- The first shape of an office's register.
--
-- Conventions (every later step keeps them):
-- * Every table that syncs has `id TEXT` (a UUIDv7, minted on the desk that created the row),
--   `created_at` / `updated_at` (RFC 3339 UTC with milliseconds) and `deleted_at` (soft delete:
--   a synced row is never removed, or the platform could not learn that it is gone).
-- * `local_id INTEGER PRIMARY KEY` is this desk's short number for a row (what a caseworker types
--   on the command line); it never leaves the desk and differs between desks.
-- * Dates are ISO `YYYY-MM-DD`, times of day `HH:MM`, phone numbers E.164.
-- * Closed value sets are CHECKed here and mirrored by Rust enums in solidesk-core::model.

-- The office this register belongs to (one row).
CREATE TABLE office_settings (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    nis_code         TEXT CHECK (nis_code IS NULL OR (length(nis_code) = 5 AND nis_code NOT GLOB '*[^0-9]*')),
    name             TEXT NOT NULL DEFAULT '',
    phone            TEXT,
    default_language TEXT NOT NULL DEFAULT 'nl' CHECK (default_language IN ('nl', 'fr', 'de', 'en')),
    updated_at       TEXT NOT NULL
) STRICT;

-- Facts about the register file itself (reference data version, creating program version, ...).
CREATE TABLE register_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- The Belgian postal reference, refreshed from the data embedded in the program whenever its
-- version changes (see solidesk-core::postal). Not synced: every desk ships the same data.
CREATE TABLE postal_code (
    code             TEXT PRIMARY KEY CHECK (length(code) = 4),
    name_nl          TEXT NOT NULL,
    name_fr          TEXT NOT NULL,
    name_de          TEXT NOT NULL,
    municipality_nis TEXT NOT NULL,
    municipality_nl  TEXT NOT NULL,
    municipality_fr  TEXT NOT NULL,
    municipality_de  TEXT NOT NULL,
    language_area    TEXT NOT NULL,
    lat              REAL,
    lon              REAL
) STRICT, WITHOUT ROWID;

CREATE TABLE postal_locality (
    postal_code TEXT NOT NULL REFERENCES postal_code (code),
    name_nl     TEXT NOT NULL,
    name_fr     TEXT NOT NULL,
    name_de     TEXT NOT NULL,
    nis_code    TEXT NOT NULL
) STRICT;
CREATE INDEX postal_locality_by_code ON postal_locality (postal_code);

-- Postal codes the office serves (its neighbourhood).
CREATE TABLE office_postal_code (
    postal_code TEXT PRIMARY KEY REFERENCES postal_code (code)
) STRICT, WITHOUT ROWID;

CREATE TABLE resident (
    local_id        INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    first_name      TEXT NOT NULL,
    last_name       TEXT NOT NULL CHECK (last_name <> ''),
    birth_date      TEXT,
    -- 11 digits, NN or BIS; never leaves the device.
    national_number TEXT CHECK (national_number IS NULL OR length(national_number) = 11),
    language        TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    street          TEXT NOT NULL DEFAULT '',
    house_number    TEXT NOT NULL DEFAULT '',
    box             TEXT NOT NULL DEFAULT '',
    postal_code     TEXT REFERENCES postal_code (code),
    locality        TEXT NOT NULL DEFAULT '',
    lat             REAL,
    lon             REAL,
    lives_alone     INTEGER CHECK (lives_alone IN (0, 1)),
    needs           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    consent_date    TEXT,
    consent_basis   TEXT CHECK (consent_basis IN ('consent', 'vital_interest', 'public_task', 'legal_obligation')),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'closed', 'deceased')),
    source          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
-- One living person per national number.
CREATE UNIQUE INDEX resident_national_number ON resident (national_number)
    WHERE national_number IS NOT NULL AND deleted_at IS NULL;
-- Alphabetical paging over living residents reads only this index (partial, so no table lookups
-- for the rows an OFFSET skips).
CREATE INDEX resident_by_name ON resident (last_name COLLATE NOCASE, first_name COLLATE NOCASE)
    WHERE deleted_at IS NULL;

-- Search keys for "find the caller by name while they say it": one row per folded name word
-- (lower case, accents and ligatures removed: "Dubœuf" -> "duboeuf"), so a prefix is an index
-- range scan. `sort_key` orders hits within one word alphabetically by last, first name.
-- Maintained by solidesk-core::search in the same transaction as the resident row.
CREATE TABLE resident_name_key (
    token    TEXT NOT NULL,
    sort_key TEXT NOT NULL,
    local_id INTEGER NOT NULL,
    PRIMARY KEY (token, sort_key, local_id)
) STRICT, WITHOUT ROWID;
-- "Does this resident also have a word starting with ...?": the check for every further word of
-- a query, and the way to find a resident's keys when the name changes or is erased.
CREATE INDEX resident_name_key_by_resident ON resident_name_key (local_id, token);

CREATE TABLE resident_phone (
    resident_id TEXT NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
    e164        TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL,
    -- The digits of the E.164 number reversed, so "ends with 3456" is a prefix range scan.
    rev_digits  TEXT NOT NULL,
    PRIMARY KEY (resident_id, e164)
) STRICT, WITHOUT ROWID;
CREATE INDEX resident_phone_by_rev_digits ON resident_phone (rev_digits);
-- "Starts with", for a number typed from its beginning while the caller dictates it.
CREATE INDEX resident_phone_by_e164 ON resident_phone (e164);

CREATE TABLE volunteer (
    local_id         INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL CHECK (last_name <> ''),
    phone            TEXT,
    email            TEXT NOT NULL DEFAULT '',
    postal_code      TEXT NOT NULL REFERENCES postal_code (code),
    lat              REAL,
    lon              REAL,
    radius_km        REAL NOT NULL CHECK (radius_km >= 0),
    capacity_per_day INTEGER NOT NULL CHECK (capacity_per_day >= 0),
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'left')),
    -- 'local' or the volunteer's id on the national platform.
    origin           TEXT NOT NULL DEFAULT 'local',
    platform_id      TEXT UNIQUE,
    notes            TEXT NOT NULL DEFAULT '',
    -- Folded "first last" (see solidesk-core::text::fold) for accent-insensitive search.
    search_name      TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
) STRICT;
CREATE INDEX volunteer_by_name ON volunteer (last_name COLLATE NOCASE, first_name COLLATE NOCASE)
    WHERE deleted_at IS NULL;
CREATE INDEX volunteer_by_postal_code ON volunteer (postal_code);

CREATE TABLE volunteer_language (
    volunteer_id TEXT NOT NULL REFERENCES volunteer (id) ON DELETE CASCADE,
    language     TEXT NOT NULL CHECK (language IN ('nl', 'fr', 'de', 'en')),
    PRIMARY KEY (volunteer_id, language)
) STRICT, WITHOUT ROWID;

CREATE TABLE volunteer_task (
    volunteer_id TEXT NOT NULL REFERENCES volunteer (id) ON DELETE CASCADE,
    task         TEXT NOT NULL CHECK (task IN ('groceries', 'pharmacy', 'errands', 'phone_checkin', 'accompaniment', 'chat')),
    PRIMARY KEY (volunteer_id, task)
) STRICT, WITHOUT ROWID;

-- Weekly availability: ISO weekday (1 = Monday) and part of the day.
CREATE TABLE volunteer_availability (
    volunteer_id TEXT NOT NULL REFERENCES volunteer (id) ON DELETE CASCADE,
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    part_of_day  TEXT NOT NULL CHECK (part_of_day IN ('morning', 'afternoon', 'evening')),
    PRIMARY KEY (volunteer_id, weekday, part_of_day)
) STRICT, WITHOUT ROWID;

-- A volunteer who must not be sent to a resident (refused before, conflict, same household).
CREATE TABLE volunteer_exclusion (
    volunteer_id TEXT NOT NULL REFERENCES volunteer (id) ON DELETE CASCADE,
    resident_id  TEXT NOT NULL REFERENCES resident (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL CHECK (reason IN ('refused', 'conflict', 'same_household', 'other')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    PRIMARY KEY (volunteer_id, resident_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE help_request (
    local_id     INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    resident_id  TEXT NOT NULL REFERENCES resident (id),
    kind         TEXT NOT NULL CHECK (kind IN ('groceries', 'pharmacy', 'errands', 'phone_checkin', 'accompaniment', 'chat')),
    -- The (first) day the help is due.
    due_date     TEXT NOT NULL,
    part_of_day  TEXT NOT NULL DEFAULT 'any' CHECK (part_of_day IN ('morning', 'afternoon', 'evening', 'any')),
    window_start TEXT,
    window_end   TEXT,
    -- solidesk-core::recurrence text form, e.g. 'weekly:tue' or 'every 2 weeks:mon,thu'; NULL = once.
    recurrence   TEXT,
    repeat_until TEXT,
    urgency      TEXT NOT NULL DEFAULT 'normal' CHECK (urgency IN ('low', 'normal', 'high', 'urgent')),
    -- Overrides the resident's language when someone else (a relative) will be the contact.
    language     TEXT CHECK (language IN ('nl', 'fr', 'de', 'en')),
    notes        TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'proposed', 'assigned', 'done', 'not_done', 'cancelled')),
    -- What happened, in the caseworker's words (recorded with done / not done / cancelled).
    outcome_note TEXT NOT NULL DEFAULT '',
    channel      TEXT NOT NULL CHECK (channel IN ('phone', 'walk_in', 'import', 'email', 'other')),
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    CHECK (window_start IS NULL OR window_end IS NULL OR window_start < window_end)
) STRICT;
CREATE INDEX help_request_by_due ON help_request (due_date, status);
CREATE INDEX help_request_by_resident ON help_request (resident_id);
CREATE INDEX help_request_recurring ON help_request (recurrence) WHERE recurrence IS NOT NULL;

-- One volunteer on one occurrence (date) of a request.
CREATE TABLE assignment (
    local_id        INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    request_id      TEXT NOT NULL REFERENCES help_request (id),
    occurrence_date TEXT NOT NULL,
    volunteer_id    TEXT NOT NULL REFERENCES volunteer (id),
    status          TEXT NOT NULL CHECK (status IN ('proposed', 'confirmed', 'declined', 'done', 'not_done', 'cancelled')),
    -- How it was made: by the matcher or by hand.
    origin          TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('matching', 'manual')),
    outcome_note    TEXT NOT NULL DEFAULT '',
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,
    UNIQUE (request_id, occurrence_date, volunteer_id)
) STRICT;
CREATE INDEX assignment_by_date ON assignment (occurrence_date, status);
CREATE INDEX assignment_by_volunteer ON assignment (volunteer_id, occurrence_date);

-- Calls and contacts with a resident: intake calls, check-in calls, follow-ups.
CREATE TABLE contact_log (
    local_id     INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    resident_id  TEXT NOT NULL REFERENCES resident (id),
    volunteer_id TEXT REFERENCES volunteer (id),
    request_id   TEXT REFERENCES help_request (id),
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('incoming_call', 'outgoing_call', 'checkin_call', 'visit', 'message')),
    outcome      TEXT NOT NULL CHECK (outcome IN ('reached', 'no_answer', 'voicemail', 'concern', 'other')),
    note         TEXT NOT NULL DEFAULT '',
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX contact_log_by_resident ON contact_log (resident_id, at);
