-- Where a firing RigInRestrictedJurisdiction alert holds its rig (the position its violation is about), so that the
-- collector the site moves to keeps the rig held there until a credible move, as a restart does.
ALTER TABLE open_alert ADD COLUMN lat double precision, ADD COLUMN lon double precision;
