-- Several desks of one office (solidesk-core::sync::office): the office's personal data travels
-- between its own desks sealed with the office key, which never reaches the platform.
--
-- A record is an aggregate with a root row and the rows that hang off it (a resident with their
-- phones, access note, pseudonym and exclusions). Triggers below mark a record changed in the
-- same transaction as the change; a sync seals each marked record's whole current image and
-- queues it in the outbox. Versions are hybrid logical clocks (`hlc`: milliseconds * 1000 plus a
-- counter, never behind any version seen) with the desk's id to break ties, so every desk picks
-- the same winner of two concurrent edits; the other edit is kept in `office_conflict`.

ALTER TABLE sync_state ADD COLUMN office_key TEXT;
-- The fingerprint of the office's key as the platform last named it (solidesk_protocol::OfficeInfo::key_id).
ALTER TABLE sync_state ADD COLUMN office_key_id TEXT;
ALTER TABLE sync_state ADD COLUMN hlc INTEGER NOT NULL DEFAULT 0;

-- The batch planner counts the rows of the head's local transaction before each batch; without
-- this index that count read the whole outbox, sealed payloads and all, once per batch (a first
-- sync of 225,000 mutations spent most of its 803 s there).
CREATE INDEX outbox_by_local_tx ON outbox (local_tx);

-- The version of each record this desk holds, and whether it has local edits not yet sealed.
CREATE TABLE office_record (
    record_id   TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    hlc         INTEGER NOT NULL,
    author      TEXT NOT NULL,
    -- The version the unsealed local edits started from (NULL for a record made here).
    base_hlc    INTEGER,
    base_author TEXT,
    dirty       INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1))
) STRICT, WITHOUT ROWID;
CREATE INDEX office_record_dirty ON office_record (hlc) WHERE dirty = 1;

-- Every version of a record this desk applied, set aside or sealed: a version seen again (a
-- replay, a restored cursor) is recognised and changes nothing.
CREATE TABLE office_record_version (
    record_id TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    author    TEXT NOT NULL,
    PRIMARY KEY (record_id, hlc, author)
) STRICT, WITHOUT ROWID;

-- Sealed records received that cannot be applied yet: no office key on this desk, a record it
-- depends on not here yet. Retried after every pull page and when the key arrives.
CREATE TABLE office_parked (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id   TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    blob        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;

-- Two desks changed one record at once: the version every desk kept, and the one set aside,
-- for a person to look at. Never dropped silently.
CREATE TABLE office_conflict (
    id               INTEGER PRIMARY KEY,
    record_id        TEXT NOT NULL,
    kind             TEXT NOT NULL,
    -- The record image (JSON) that was not kept, and the desk it came from.
    set_aside        TEXT NOT NULL,
    set_aside_author TEXT NOT NULL,
    kept_author      TEXT NOT NULL,
    detected_at      TEXT NOT NULL,
    resolved_at      TEXT
) STRICT;

-- The triggers below insert the record touched here; this one gives it a new version.
CREATE TABLE office_touch (
    record_id TEXT NOT NULL,
    kind      TEXT NOT NULL
) STRICT;

CREATE TRIGGER office_touch_mark AFTER INSERT ON office_touch
BEGIN
    UPDATE sync_state SET hlc = max(hlc + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER) * 1000)
    WHERE id = 1;
    INSERT INTO office_record (record_id, kind, hlc, author, dirty)
    SELECT NEW.record_id, NEW.kind, hlc, coalesce(device_id, ''), 1 FROM sync_state WHERE id = 1
    ON CONFLICT (record_id) DO UPDATE SET
        base_hlc = CASE WHEN dirty THEN base_hlc ELSE hlc END,
        base_author = CASE WHEN dirty THEN base_author ELSE author END,
        hlc = excluded.hlc,
        author = excluded.author,
        dirty = 1;
    DELETE FROM office_touch;
END;

-- resident: the record itself.
CREATE TRIGGER office_resident_insert AFTER INSERT ON resident
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'resident'); END;
CREATE TRIGGER office_resident_update AFTER UPDATE ON resident
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'resident'); END;
CREATE TRIGGER office_resident_delete AFTER DELETE ON resident
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.id, 'resident'); END;

-- help_request: the record itself.
CREATE TRIGGER office_help_request_insert AFTER INSERT ON help_request
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'request'); END;
CREATE TRIGGER office_help_request_update AFTER UPDATE ON help_request
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'request'); END;
CREATE TRIGGER office_help_request_delete AFTER DELETE ON help_request
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.id, 'request'); END;

-- assignment: the record itself.
CREATE TRIGGER office_assignment_insert AFTER INSERT ON assignment
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'assignment'); END;
CREATE TRIGGER office_assignment_update AFTER UPDATE ON assignment
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'assignment'); END;
CREATE TRIGGER office_assignment_delete AFTER DELETE ON assignment
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.id, 'assignment'); END;

-- contact_log: the record itself.
CREATE TRIGGER office_contact_log_insert AFTER INSERT ON contact_log
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'contact'); END;
CREATE TRIGGER office_contact_log_update AFTER UPDATE ON contact_log
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'contact'); END;
CREATE TRIGGER office_contact_log_delete AFTER DELETE ON contact_log
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.id, 'contact'); END;

-- volunteer: the record itself.
CREATE TRIGGER office_volunteer_insert AFTER INSERT ON volunteer
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND NEW.platform_id IS NULL
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_update AFTER UPDATE ON volunteer
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND NEW.platform_id IS NULL
BEGIN INSERT INTO office_touch VALUES (NEW.id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_delete AFTER DELETE ON volunteer
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND OLD.platform_id IS NULL
BEGIN INSERT INTO office_touch VALUES (OLD.id, 'volunteer'); END;

-- resident_phone: part of its resident's record.
CREATE TRIGGER office_resident_phone_insert AFTER INSERT ON resident_phone
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_resident_phone_update AFTER UPDATE ON resident_phone
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_resident_phone_delete AFTER DELETE ON resident_phone
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.resident_id, 'resident'); END;

-- resident_access_note: part of its resident's record.
CREATE TRIGGER office_resident_access_note_insert AFTER INSERT ON resident_access_note
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_resident_access_note_update AFTER UPDATE ON resident_access_note
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_resident_access_note_delete AFTER DELETE ON resident_access_note
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.resident_id, 'resident'); END;

-- resident_pseudonym: part of its resident's record.
CREATE TRIGGER office_resident_pseudonym_insert AFTER INSERT ON resident_pseudonym
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_resident_pseudonym_update AFTER UPDATE ON resident_pseudonym
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_resident_pseudonym_delete AFTER DELETE ON resident_pseudonym
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.resident_id, 'resident'); END;

-- volunteer_exclusion: part of its resident's record.
CREATE TRIGGER office_volunteer_exclusion_insert AFTER INSERT ON volunteer_exclusion
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_volunteer_exclusion_update AFTER UPDATE ON volunteer_exclusion
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (NEW.resident_id, 'resident'); END;
CREATE TRIGGER office_volunteer_exclusion_delete AFTER DELETE ON volunteer_exclusion
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN INSERT INTO office_touch VALUES (OLD.resident_id, 'resident'); END;

-- volunteer_language: part of its volunteer's record.
CREATE TRIGGER office_volunteer_language_insert AFTER INSERT ON volunteer_language
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = NEW.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (NEW.volunteer_id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_language_update AFTER UPDATE ON volunteer_language
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = NEW.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (NEW.volunteer_id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_language_delete AFTER DELETE ON volunteer_language
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = OLD.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (OLD.volunteer_id, 'volunteer'); END;

-- volunteer_task: part of its volunteer's record.
CREATE TRIGGER office_volunteer_task_insert AFTER INSERT ON volunteer_task
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = NEW.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (NEW.volunteer_id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_task_update AFTER UPDATE ON volunteer_task
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = NEW.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (NEW.volunteer_id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_task_delete AFTER DELETE ON volunteer_task
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = OLD.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (OLD.volunteer_id, 'volunteer'); END;

-- volunteer_availability: part of its volunteer's record.
CREATE TRIGGER office_volunteer_availability_insert AFTER INSERT ON volunteer_availability
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = NEW.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (NEW.volunteer_id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_availability_update AFTER UPDATE ON volunteer_availability
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = NEW.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (NEW.volunteer_id, 'volunteer'); END;
CREATE TRIGGER office_volunteer_availability_delete AFTER DELETE ON volunteer_availability
WHEN (SELECT enrolled AND NOT applying FROM sync_state) AND (SELECT platform_id IS NULL FROM volunteer WHERE id = OLD.volunteer_id)
BEGIN INSERT INTO office_touch VALUES (OLD.volunteer_id, 'volunteer'); END;
