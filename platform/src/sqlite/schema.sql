-- Version 1 of the platform's SQLite schema. Uuids, timestamps (RFC 3339, UTC, ms) and JSON are
-- TEXT; the same tables carry over to PostgreSQL with uuid/timestamptz/jsonb types.

CREATE TABLE office (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL,
  enrolment_secret_hash TEXT NOT NULL UNIQUE,
  created_at            TEXT NOT NULL
) STRICT;

CREATE TABLE office_postal_code (
  office_id INTEGER NOT NULL REFERENCES office(id),
  code      TEXT NOT NULL,
  PRIMARY KEY (office_id, code)
) STRICT;

CREATE TABLE device (
  id           TEXT PRIMARY KEY,
  office_id    INTEGER NOT NULL REFERENCES office(id),
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  status       TEXT NOT NULL CHECK (status IN ('active', 'revoked')),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT,
  last_push_at TEXT,
  last_pull_at TEXT
) STRICT;
CREATE INDEX device_office ON device(office_id);

CREATE TABLE device_epoch (
  device_id        TEXT NOT NULL REFERENCES device(id),
  epoch            TEXT NOT NULL,
  last_applied_seq INTEGER NOT NULL,
  created_at       TEXT NOT NULL,
  PRIMARY KEY (device_id, epoch)
) STRICT;

-- The idempotency ledger: one row per mutation the platform decided, with its answer.
CREATE TABLE applied_mutation (
  mutation_id  TEXT PRIMARY KEY,
  device_id    TEXT NOT NULL,
  epoch        TEXT NOT NULL,
  seq          INTEGER NOT NULL,
  payload_hash TEXT NOT NULL,
  result       TEXT NOT NULL,
  applied_at   TEXT NOT NULL,
  UNIQUE (device_id, epoch, seq),
  FOREIGN KEY (device_id, epoch) REFERENCES device_epoch(device_id, epoch)
) STRICT;

-- One counter row per bucket, taken inside the writing transaction: seq order is commit order.
CREATE TABLE bucket (
  name     TEXT PRIMARY KEY,
  next_seq INTEGER NOT NULL
) STRICT;

CREATE TABLE change_log (
  bucket          TEXT NOT NULL REFERENCES bucket(name),
  seq             INTEGER NOT NULL,
  entity          TEXT NOT NULL,
  entity_id       TEXT NOT NULL,
  version         INTEGER NOT NULL,
  op              TEXT NOT NULL CHECK (op IN ('put', 'remove')),
  data            TEXT,
  origin_mutation TEXT,
  committed_at    TEXT NOT NULL,
  PRIMARY KEY (bucket, seq)
) STRICT;

CREATE TABLE volunteer (
  id          TEXT PRIMARY KEY,
  postal_code TEXT NOT NULL,
  data        TEXT NOT NULL,
  version     INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('active', 'paused', 'left'))
) STRICT;

CREATE TABLE help_request (
  id        TEXT PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES office(id),
  image     TEXT NOT NULL,
  version   INTEGER NOT NULL
) STRICT;

CREATE TABLE claim (
  id           TEXT PRIMARY KEY,
  office_id    INTEGER NOT NULL REFERENCES office(id),
  volunteer_id TEXT NOT NULL REFERENCES volunteer(id),
  request_id   TEXT NOT NULL REFERENCES help_request(id),
  date         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('held', 'confirmed', 'released', 'lost', 'done')),
  holder       TEXT,
  version      INTEGER NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX claim_volunteer_day ON claim(volunteer_id, date);

CREATE TABLE outcome (
  id          TEXT PRIMARY KEY,
  claim_id    TEXT NOT NULL REFERENCES claim(id),
  office_id   INTEGER NOT NULL REFERENCES office(id),
  kind        TEXT NOT NULL CHECK (kind IN ('done', 'not_done', 'cancelled')),
  occurred_on TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
