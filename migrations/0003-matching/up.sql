-- Matching (solidesk-core::matching): the office's neighbourhood limit, and what a proposal
-- rests on, so a caseworker reads the reasons the planner had and the plan can be checked.

-- How far an in-person task may take a volunteer, whatever their own radius (km).
ALTER TABLE office_settings ADD COLUMN neighbourhood_km REAL NOT NULL DEFAULT 5
    CHECK (neighbourhood_km > 0 AND neighbourhood_km <= 100);

-- The planner's integer cost for this pairing (NULL for a manual assignment).
ALTER TABLE assignment ADD COLUMN cost INTEGER;
-- Distance between the volunteer and the resident, km (NULL for tasks done by phone).
ALTER TABLE assignment ADD COLUMN distance_km REAL;
-- Why, as JSON (solidesk-core::matching::Reason list), rendered in the reader's language.
ALTER TABLE assignment ADD COLUMN why TEXT NOT NULL DEFAULT '[]';
