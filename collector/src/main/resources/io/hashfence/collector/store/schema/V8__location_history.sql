-- The location history the evidence rules keep of each rig (last and settled fix, the run of still GPS fixes, its
-- recent GPS positions, its last impossible jump, the position holding its verdict, a spoofing suspicion), in the
-- compact binary form of io.hashfence.collector.compliance.LocationHistoryFormat (version byte first), written with
-- the rig's snapshot line, so that the collector a site moves to judges its rigs' next fixes against their last ones.
-- NULL for a rig no collector has judged yet.
ALTER TABLE rig_snapshot ADD COLUMN history bytea;
