package io.hashfence.collector.report;

import io.hashfence.geo.Control;
import java.time.Instant;
import java.util.Comparator;
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

    /**
     * The entry restricting this place, or null: the most severe matching entry, as the collector judges, and
     * of equally severe ones the subdivision's (it names the place more precisely than its country's).
     */
    public RestrictedPlace restrictionOf(Place place) {
        return restricted.stream()
                .filter(r -> r.code().equals(place.subdivision())
                        || r.code().equals(place.country())
                        || (place.control() == Control.DE_FACTO && r.code().equals(place.claimedBy())))
                .min(Comparator.comparing(RestrictedPlace::severity)
                        .thenComparing(r -> !r.code().equals(place.subdivision())))
                .orElse(null);
    }
}
