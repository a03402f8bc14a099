package io.hashfence.protocol;

import java.time.Instant;

/**
 * Where the rig is, in WGS84 degrees. {@code accuracyMetres} and {@code fixTime} may be null when the
 * source does not know them; {@code simulated} is set when the source marks the fix as simulated
 * (gpsd status 8).
 */
public record Location(
        double lat, double lon, LocationSource source, Double accuracyMetres, Instant fixTime, boolean simulated) {}
