package io.hashfence.collector.compliance;

import io.hashfence.geo.GeoLocation;
import java.time.Instant;

/**
 * The last position a rig claimed in a restricted place. It holds the rig's verdict until a credible move
 * out of it: a claim elsewhere alone never clears a violation.
 *
 * @param seenAt when the collector received the claim (its own clock, which the rig cannot set)
 */
record HeldLocation(Fix fix, GeoLocation where, Instant seenAt) {

    /** The place in words, e.g. {@code Irkutsk Oblast (RU-IRK)}. */
    String place() {
        if (where.subdivision() != null) {
            return where.subdivision().name() + " (" + where.subdivision().code() + ")";
        }
        return where.country() == null
                ? "international waters"
                : where.country().name() + " (" + where.country().code() + ")";
    }
}
