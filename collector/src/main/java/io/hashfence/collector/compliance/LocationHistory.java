package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;
import java.time.Instant;

/**
 * What the evidence rules remember of a rig between messages: its last fix, its settled position (the
 * reference for relocation), how many consecutive GPS fixes were bit-identical, and its last impossible
 * jump (a rig that teleported stays suspect for a while, not just for the one message).
 *
 * @param impossibleTravelAt when the last impossible jump was seen, or null
 * @param impossibleTravel what that jump was, or null
 */
record LocationHistory(Fix last, Fix settled, int identicalGpsFixes, Instant impossibleTravelAt,
                       String impossibleTravel) {
    static final LocationHistory NONE = new LocationHistory(null, null, 0, null, null);

    LocationHistory after(Fix fix, boolean relocated) {
        boolean identical = last != null && fix.source() == LocationSource.GPS && last.source() == LocationSource.GPS
                && fix.bitIdentical(last);
        Fix newSettled = settled == null || relocated ? fix : settled;
        return new LocationHistory(fix, newSettled, identical ? identicalGpsFixes + 1 : 1, impossibleTravelAt,
                impossibleTravel);
    }

    LocationHistory withImpossibleTravel(Instant at, String what) {
        return new LocationHistory(last, settled, identicalGpsFixes, at, what);
    }
}
