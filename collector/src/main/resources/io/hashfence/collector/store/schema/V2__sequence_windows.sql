-- The duplicate check: each rig's window of seen sequence numbers (the highest, and 1,024 bits below it: bit i of
-- the 16 big-endian 64-bit words, bit i % 64 of word i / 64, means highest - i arrived).
CREATE TABLE rig_window (
    site text NOT NULL,
    rig text NOT NULL,
    highest bigint NOT NULL,
    bits bytea NOT NULL,
    node text NOT NULL,
    updated timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site, rig)
);
