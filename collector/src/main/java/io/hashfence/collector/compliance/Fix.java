package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;
import java.time.Instant;

/** A position the rig claimed, and when it was fixed. */
record Fix(double lat, double lon, LocationSource source, Instant time) {

    boolean bitIdentical(Fix other) {
        return Double.doubleToRawLongBits(lat) == Double.doubleToRawLongBits(other.lat)
                && Double.doubleToRawLongBits(lon) == Double.doubleToRawLongBits(other.lon);
    }

    double kmTo(Fix other) {
        return GreatCircle.km(lat, lon, other.lat, other.lon);
    }
}
