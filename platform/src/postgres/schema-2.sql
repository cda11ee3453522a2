-- Version 2 of the platform's PostgreSQL schema (sqlite/schema-2.sql): several desks of one
-- office. Idempotent, like version 1.

ALTER TABLE office ADD COLUMN IF NOT EXISTS key_id text;

CREATE TABLE IF NOT EXISTS office_record (
  id        uuid PRIMARY KEY,
  office_id bigint NOT NULL REFERENCES office(id),
  key_id    text NOT NULL,
  blob      text NOT NULL,
  version   bigint NOT NULL
);
