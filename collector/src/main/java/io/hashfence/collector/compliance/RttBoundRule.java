package io.hashfence.collector.compliance;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A physical bound: light in fibre covers at most about 100 km per millisecond of round-trip time, so a
 * rig cannot be farther from the collector than RTT x 100 km. A claim beyond that is impossible.
 */
final class RttBoundRule implements EvidenceRule {
    static final double KM_PER_MS_OF_RTT = 100;

    private final double collectorLat;
    private final double collectorLon;

    RttBoundRule(double collectorLat, double collectorLon) {
        this.collectorLat = collectorLat;
        this.collectorLon = collectorLon;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        OptionalDouble rtt = observation.connection().rttMillis().get();
        if (rtt.isEmpty()) {
            return Optional.empty();
        }
        double boundKm = rtt.getAsDouble() * KM_PER_MS_OF_RTT;
        double km = GreatCircle.km(
                collectorLat,
                collectorLon,
                observation.fix().lat(),
                observation.fix().lon());
        String facts = String.format(
                "claimed position is %.0f km from the collector; RTT %.2f ms allows at most %.0f km",
                km, rtt.getAsDouble(), boundKm);
        return Optional.of(
                new Finding(km > boundKm ? FindingKind.BEYOND_RTT_BOUND : FindingKind.WITHIN_RTT_BOUND, facts));
    }
}
