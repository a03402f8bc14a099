package io.hashfence.collector.config;

/** The collector's own position in WGS84 degrees, for the RTT bound; both coordinates are required. */
public record CollectorLocation(Double lat, Double lon) {
    public CollectorLocation {
        if (lat == null || lon == null) {
            throw new IllegalArgumentException("compliance.collector_location needs both lat and lon");
        }
        requireWithin("compliance.collector_location.lat", lat, 90);
        requireWithin("compliance.collector_location.lon", lon, 180);
    }

    private static void requireWithin(String setting, double degrees, double limit) {
        if (degrees < -limit || degrees > limit) {
            throw new IllegalArgumentException(
                    setting + " must be within [" + -limit + ", " + limit + "], got " + degrees);
        }
    }
}
