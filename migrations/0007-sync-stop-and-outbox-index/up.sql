-- Why the last sync stopped, as a code the desktop words in the person's language
-- (solidesk-core::sync::SyncStop as JSON); `last_error` keeps core's English sentence with its
-- detail. NULL after a success, or when the failure has no code.
ALTER TABLE sync_state ADD COLUMN last_stop TEXT;

-- Whether a record still has a change on its way to the platform, sent or not: a request whose
-- newer version arrives from another desk of the office is queued again after it, or the
-- platform would end with this desk's older one (solidesk-core::sync::office::request_waiting).
CREATE INDEX outbox_by_entity ON outbox (entity, entity_id);

-- Bookings whose claim the platform gave to another office, with who holds the volunteer. A desk
-- declines such a booking when it learns of it; a version of the booking from another desk of
-- the office made before that desk learned it is declined again when it arrives
-- (solidesk-core::sync::release_lost_claim).
CREATE TABLE sync_lost_claim (
    assignment_id TEXT PRIMARY KEY,
    holder        TEXT
) STRICT, WITHOUT ROWID;
