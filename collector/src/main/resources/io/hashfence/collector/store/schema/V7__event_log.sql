-- Every collector's hash-chained event log, record for record as in its events.log: one chain per node.
-- record is the JSON exactly as hashed (hash = SHA-256 of its UTF-8 bytes), so the chain verifies from here alone.
CREATE TABLE event_record (
    node text NOT NULL,
    seq bigint NOT NULL,
    hash char(64) NOT NULL,
    record text NOT NULL,
    time timestamptz NOT NULL,
    PRIMARY KEY (node, seq)
);
CREATE INDEX event_record_time ON event_record (time, node, seq);
