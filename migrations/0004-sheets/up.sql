-- Printed sheets (solidesk-core::sheets): what a resident agreed to share with the volunteers
-- who come to the door.

-- Door code, which bell, "the dog is friendly": printed on the sheets of the volunteers sent to
-- this resident. Kept apart from `resident.notes` (the office's private notes, never printed) so
-- that nothing private reaches paper by accident, with the day the resident agreed.
CREATE TABLE resident_access_note (
    resident_id TEXT PRIMARY KEY REFERENCES resident (id) ON DELETE CASCADE,
    note        TEXT NOT NULL CHECK (note <> ''),
    agreed_on   TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT, WITHOUT ROWID;
