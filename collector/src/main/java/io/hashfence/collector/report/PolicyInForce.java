package io.hashfence.collector.report;

import java.time.Instant;
import java.util.List;

/**
 * A sanctions policy that was in force during the report's period.
 *
 * @param since when the collector loaded it (may be before the period)
 */
public record PolicyInForce(String origin, Instant since, double nearBorderKm, List<RestrictedPlace> restricted) {
    public PolicyInForce {
        restricted = List.copyOf(restricted);
    }

    /** Whether a rig in this place is in a jurisdiction this policy restricts, and under which entry. */
    public RestrictedPlace restrictionOf(Place place) {
        return restricted.stream()
                .filter(r -> r.code().equals(place.subdivision()) || r.code().equals(place.country()))
                .findFirst().orElse(null);
    }
}
