package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;
import java.time.Instant;

/**
 * What the evidence rules remember of a rig between messages: its last fix, its settled position (the
 * reference for relocation), the current run of GPS fixes that stay within a centimetre of where the run
 * began, its recent GPS positions, its last impossible jump (a rig that teleported stays suspect for a
 * while, not just for the one message), the restricted position that holds its verdict, and a spoofing
 * suspicion that only an operator clears. It outlives a restart in the rig snapshot and moves with a site to another
 * collector through the shared store, as {@link LocationHistoryFormat} bytes.
 *
 * @param stillAnchor the first fix of the current run of sub-centimetre GPS fixes, or null
 * @param stillGpsFixes how many GPS fixes in a row stayed within a centimetre of {@code stillAnchor}
 * @param impossibleTravelAt when the last impossible jump was seen, or null
 * @param impossibleTravel what that jump was, or null
 * @param held the last claimed position in a restricted place, until a credible move out of it; or null
 * @param withheldSince since when the rig has sent no location, or null while it sends one
 * @param suspicion why the rig is suspected of spoofing its location, or null
 */
record LocationHistory(
        Fix last,
        Fix settled,
        Fix stillAnchor,
        int stillGpsFixes,
        RecentPositions recentGps,
        Instant impossibleTravelAt,
        String impossibleTravel,
        HeldLocation held,
        Instant withheldSince,
        SpoofSuspicion suspicion) {
    static final LocationHistory NONE =
            new LocationHistory(null, null, null, 0, RecentPositions.NONE, null, null, null, null, null);

    /** Below this, two fixes are closer than any real receiver's noise (about a centimetre). */
    static final double STILL_KM = 0.00001;

    LocationHistory after(Fix fix, boolean relocated, int recentCapacity) {
        Fix newSettled = settled == null || relocated ? fix : settled;
        if (fix.source() != LocationSource.GPS) {
            return new LocationHistory(
                    fix,
                    newSettled,
                    null,
                    0,
                    RecentPositions.NONE,
                    impossibleTravelAt,
                    impossibleTravel,
                    held,
                    null,
                    suspicion);
        }
        boolean still = stillAnchor != null && fix.kmTo(stillAnchor) < STILL_KM;
        return new LocationHistory(
                fix,
                newSettled,
                still ? stillAnchor : fix,
                still ? stillGpsFixes + 1 : 1,
                recentGps.with(fix, recentCapacity),
                impossibleTravelAt,
                impossibleTravel,
                held,
                null,
                suspicion);
    }

    LocationHistory withImpossibleTravel(Instant at, String what) {
        return new LocationHistory(
                last, settled, stillAnchor, stillGpsFixes, recentGps, at, what, held, withheldSince, suspicion);
    }

    LocationHistory withheldFrom(Instant since) {
        return new LocationHistory(
                last,
                settled,
                stillAnchor,
                stillGpsFixes,
                recentGps,
                impossibleTravelAt,
                impossibleTravel,
                held,
                withheldSince == null ? since : withheldSince,
                suspicion);
    }

    LocationHistory judged(HeldLocation newHeld, SpoofSuspicion newSuspicion) {
        return new LocationHistory(
                last,
                settled,
                stillAnchor,
                stillGpsFixes,
                recentGps,
                impossibleTravelAt,
                impossibleTravel,
                newHeld,
                withheldSince,
                newSuspicion);
    }

    /** An operator cleared the suspicion: the jump it was about is no longer held against the rig either. */
    LocationHistory cleared() {
        return new LocationHistory(
                last, settled, stillAnchor, stillGpsFixes, recentGps, null, null, held, withheldSince, null);
    }
}
