-- The rig registry's snapshot: one row per rig, the line the data directory's rigs.snapshot keeps for it (first and
-- last seen, interval, newest telemetry), so that the collector a site moves to knows its rigs.
CREATE TABLE rig_snapshot (
    site text NOT NULL,
    rig text NOT NULL,
    line text NOT NULL,
    node text NOT NULL,
    updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, rig)
);
