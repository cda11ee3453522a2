-- Version 2 of the platform's SQLite schema: several desks of one office.

-- The fingerprint of the key the office's desks seal their personal data with (set by the first
-- desk to enrol; the key itself never comes here).
ALTER TABLE office ADD COLUMN key_id TEXT;

-- An office's personal data as its desks sealed it (office_record on the desks): opaque here.
CREATE TABLE office_record (
  id        TEXT PRIMARY KEY,
  office_id INTEGER NOT NULL REFERENCES office(id),
  key_id    TEXT NOT NULL,
  blob      TEXT NOT NULL,
  version   INTEGER NOT NULL
) STRICT;
