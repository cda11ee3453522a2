-- Sync with the national platform (solidesk-core::sync, wire format in solidesk-protocol).
--
-- Every local change the platform must learn about is written to `outbox` by the triggers below,
-- in the same transaction as the change itself: no write path of the program (intake, import,
-- matching, undo, demo) can forget it, and a crash can never keep the change while losing its
-- outbox row, or the reverse. A payload is built when the change commits and is never edited
-- once it was put in a batch, so a retry resends exactly what was sent before.
--
-- What leaves the desk is built here, field by field, from an allow-list: a request travels with
-- its kind, postal code, dates, urgency, language and status, and a random pseudonym for the
-- resident. No national number, name, address, phone or note is ever selected.

-- One row: enrolment, the current epoch and what the last cycles did.
CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    -- The triggers write the outbox only once the desk is enrolled; enrolment queues what
    -- exists already.
    enrolled        INTEGER NOT NULL DEFAULT 0 CHECK (enrolled IN (0, 1)),
    -- Set while a sync writes the platform's answers: those writes are not new local changes.
    applying        INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
    -- Bumped at the start of every write transaction (Register::with_tx), so the triggers can
    -- group the mutations of one transaction; a batch never splits a group.
    local_tx        INTEGER NOT NULL DEFAULT 0,
    platform_url    TEXT,
    device_id       TEXT,
    -- The desk's credential; the register is encrypted, and this never leaves it but to the
    -- platform that issued it.
    token           TEXT,
    office_id       INTEGER,
    office_name     TEXT,
    -- Random per register file, renewed when the platform sees sequence numbers it cannot place
    -- (a restored backup): `(epoch, seq)` then never names two different mutations.
    epoch           TEXT,
    -- Outbox sequence numbers are sent as `seq - epoch_base`, so each epoch starts at 1.
    epoch_base      INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_success_at TEXT,
    last_error      TEXT,
    -- Platform clock minus desk clock at the last answer, for display only.
    server_offset_ms INTEGER
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

-- One row per logical mutation, in commit order. AUTOINCREMENT: a sequence number is never
-- reused, even after the rows before it were acknowledged and deleted.
CREATE TABLE outbox (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    -- UUIDv7, the idempotency key.
    mutation_id TEXT NOT NULL UNIQUE,
    local_tx    INTEGER NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    -- solidesk_protocol::MutationBody as JSON.
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    -- Set when the row is put in a batch; sticky, so a retry resends the same batch.
    batch_id    TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
) STRICT;
CREATE INDEX outbox_unsent_by_entity ON outbox (entity, entity_id) WHERE batch_id IS NULL;

-- Pull cursors, one per bucket, written in the same transaction as the page they end.
CREATE TABLE sync_cursor (
    bucket TEXT PRIMARY KEY,
    seq    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- The platform's refusals, for a person to see: a refused mutation leaves the queue (it never
-- blocks what follows) but never silently.
CREATE TABLE sync_issue (
    mutation_id TEXT PRIMARY KEY,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    -- solidesk_protocol::RejectReason, snake case.
    reason      TEXT NOT NULL,
    -- For a lost claim: the office that holds the volunteer.
    holder      TEXT,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    resolved_at TEXT
) STRICT, WITHOUT ROWID;

-- The random id the platform knows a resident by. Random (not a hash of the national number,
-- whose 11 digits with a birth date and a check are few enough to enumerate).
CREATE TABLE resident_pseudonym (
    resident_id TEXT PRIMARY KEY REFERENCES resident (id) ON DELETE CASCADE,
    pseudonym   TEXT NOT NULL UNIQUE
) STRICT, WITHOUT ROWID;

-- Mutation and outcome ids are UUIDv7 (48-bit millisecond time, version 7, variant 10, 74 random
-- bits), written out in each statement below as
--   printf('%s-%s-7%s-%s%s-%s', <time hex 1-8>, <time hex 9-12>, <3 random hex>,
--          <variant 8|9|a|b>, <3 random hex>, <12 random hex>)
-- and never as a subquery: SQLite computes an uncorrelated scalar subquery once per statement,
-- so a statement writing several rows would give them all the same id (a mistake made once).

-- A fresh random UUIDv4 per read (for pseudonyms: no time in it).
CREATE VIEW sync_new_pseudonym AS
SELECT substr(r, 1, 8) || '-' || substr(r, 9, 4) || '-4' || substr(r, 13, 3) || '-'
       || substr('89ab', 1 + (unicode(substr(r, 16, 1)) % 4), 1) || substr(r, 17, 3) || '-'
       || substr(r, 20, 12) AS id
FROM (SELECT lower(hex(randomblob(16))) AS r);

CREATE VIEW sync_now AS SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at;

-- What the platform may know of a request (solidesk_protocol::RequestImage).
CREATE VIEW sync_request_payload AS
SELECT q.id AS id,
       json_object(
           'entity', 'request',
           'id', q.id,
           'resident', p.pseudonym,
           'kind', q.kind,
           'postal_code', r.postal_code,
           'due_date', q.due_date,
           'part_of_day', q.part_of_day,
           'recurrence', q.recurrence,
           'urgency', q.urgency,
           'language', coalesce(q.language, r.language),
           'status', q.status,
           'deleted', json(CASE WHEN q.deleted_at IS NULL THEN 'false' ELSE 'true' END)
       ) AS payload
FROM help_request q
JOIN resident r ON r.id = q.resident_id
JOIN resident_pseudonym p ON p.resident_id = q.resident_id;

-- A request changed in a way the platform sees: mint the resident's pseudonym if needed, then
-- either refresh the request's unsent mutation (one pending image per request is enough) or
-- queue a new one.
CREATE TRIGGER sync_request_insert AFTER INSERT ON help_request
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN
    INSERT OR IGNORE INTO resident_pseudonym (resident_id, pseudonym)
    SELECT NEW.resident_id, id FROM sync_new_pseudonym;
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'request', NEW.id,
           payload, (SELECT at FROM sync_now)
    FROM sync_request_payload WHERE id = NEW.id;
END;

CREATE TRIGGER sync_request_update
AFTER UPDATE OF resident_id, kind, due_date, part_of_day, recurrence, urgency, language, status,
                deleted_at ON help_request
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
BEGIN
    INSERT OR IGNORE INTO resident_pseudonym (resident_id, pseudonym)
    SELECT NEW.resident_id, id FROM sync_new_pseudonym;
    UPDATE outbox SET payload = (SELECT payload FROM sync_request_payload WHERE id = NEW.id)
    WHERE entity = 'request' AND entity_id = NEW.id AND batch_id IS NULL;
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'request', NEW.id,
           payload, (SELECT at FROM sync_now)
    FROM sync_request_payload
    WHERE id = NEW.id
      AND NOT EXISTS (SELECT 1 FROM outbox
                      WHERE entity = 'request' AND entity_id = NEW.id AND batch_id IS NULL);
    -- What happened on the day, for every volunteer of the platform booked on it.
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'outcome', a.id,
           json_object('entity', 'outcome', 'outcome_id', printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))),
                       'claim_id', a.id, 'kind', NEW.status, 'occurred_on', a.occurrence_date),
           (SELECT at FROM sync_now)
    FROM assignment a JOIN volunteer v ON v.id = a.volunteer_id
    WHERE a.request_id = NEW.id AND a.deleted_at IS NULL AND a.status = 'confirmed'
      AND v.platform_id IS NOT NULL
      AND NEW.status IN ('done', 'not_done') AND OLD.status IS NOT NEW.status;
    -- A cancelled request needs nobody: the platform's volunteers booked on it are released.
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'claim_release', a.id,
           json_object('entity', 'claim_release', 'claim_id', a.id),
           (SELECT at FROM sync_now)
    FROM assignment a JOIN volunteer v ON v.id = a.volunteer_id
    WHERE a.request_id = NEW.id AND a.deleted_at IS NULL
      AND a.status IN ('proposed', 'confirmed') AND v.platform_id IS NOT NULL
      AND NEW.status = 'cancelled' AND OLD.status IS NOT NEW.status;
END;

-- Booking a volunteer of the platform is a claim the platform arbitrates.
CREATE TRIGGER sync_assignment_insert AFTER INSERT ON assignment
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
     AND NEW.status IN ('proposed', 'confirmed')
BEGIN
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'claim', NEW.id,
           json_object('entity', 'claim', 'claim_id', NEW.id, 'volunteer_id', v.platform_id,
                       'request_id', NEW.request_id, 'date', NEW.occurrence_date),
           (SELECT at FROM sync_now)
    FROM volunteer v WHERE v.id = NEW.volunteer_id AND v.platform_id IS NOT NULL;
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'claim_confirm',
           NEW.id, json_object('entity', 'claim_confirm', 'claim_id', NEW.id),
           (SELECT at FROM sync_now)
    FROM volunteer v
    WHERE v.id = NEW.volunteer_id AND v.platform_id IS NOT NULL AND NEW.status = 'confirmed';
END;

CREATE TRIGGER sync_assignment_update AFTER UPDATE OF status, deleted_at ON assignment
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
     AND OLD.status IN ('proposed', 'confirmed') AND OLD.deleted_at IS NULL
     AND (OLD.status IS NOT NEW.status OR NEW.deleted_at IS NOT NULL)
     AND EXISTS (SELECT 1 FROM volunteer WHERE id = NEW.volunteer_id AND platform_id IS NOT NULL)
BEGIN
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'claim_confirm',
           NEW.id, json_object('entity', 'claim_confirm', 'claim_id', NEW.id),
           (SELECT at FROM sync_now)
    WHERE NEW.status = 'confirmed' AND NEW.deleted_at IS NULL;
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'claim_release',
           NEW.id, json_object('entity', 'claim_release', 'claim_id', NEW.id),
           (SELECT at FROM sync_now)
    WHERE NEW.status IN ('declined', 'cancelled') OR NEW.deleted_at IS NOT NULL;
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'outcome', NEW.id,
           json_object('entity', 'outcome', 'outcome_id', printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))),
                       'claim_id', NEW.id, 'kind', NEW.status, 'occurred_on', NEW.occurrence_date),
           (SELECT at FROM sync_now)
    WHERE NEW.status IN ('done', 'not_done') AND NEW.deleted_at IS NULL;
END;

-- Planning a day again deletes the proposals the new plan drops: a booking the platform holds
-- for one of them is released, or the volunteer would stay booked for nothing.
CREATE TRIGGER sync_assignment_delete AFTER DELETE ON assignment
WHEN (SELECT enrolled AND NOT applying FROM sync_state)
     AND OLD.status IN ('proposed', 'confirmed') AND OLD.deleted_at IS NULL
BEGIN
    INSERT INTO outbox (mutation_id, local_tx, entity, entity_id, payload, created_at)
    SELECT printf('%s-%s-7%s-%s%s-%s', substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8), substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4), substr(lower(hex(randomblob(2))), 2, 3), substr('89ab', 1 + (random() & 3), 1), substr(lower(hex(randomblob(2))), 2, 3), lower(hex(randomblob(6)))), (SELECT local_tx FROM sync_state), 'claim_release',
           OLD.id, json_object('entity', 'claim_release', 'claim_id', OLD.id),
           (SELECT at FROM sync_now)
    FROM volunteer v WHERE v.id = OLD.volunteer_id AND v.platform_id IS NOT NULL;
END;
