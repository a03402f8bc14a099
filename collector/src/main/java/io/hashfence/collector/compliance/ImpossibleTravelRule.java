package io.hashfence.collector.compliance;

import java.time.Duration;
import java.util.Optional;

/** Mining rigs do not fly: a jump between fixes faster than the configured speed cannot be a real move. */
final class ImpossibleTravelRule implements EvidenceRule {
    private final double maxSpeedKmh;
    private final double toleranceKm;

    ImpossibleTravelRule(double maxSpeedKmh, double toleranceKm) {
        this.maxSpeedKmh = maxSpeedKmh;
        this.toleranceKm = toleranceKm;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Fix last = observation.history().last();
        if (last == null) {
            return Optional.empty();
        }
        double km = observation.fix().kmTo(last);
        if (km <= toleranceKm) {
            return Optional.empty();
        }
        double hours = Duration.between(last.time(), observation.fix().time()).toMillis() / 3_600_000.0;
        double speed = hours <= 0 ? Double.POSITIVE_INFINITY : km / hours;
        if (speed > maxSpeedKmh) {
            return Optional.of(new Finding(FindingKind.IMPOSSIBLE_TRAVEL, String.format(
                    "moved %.0f km in %.1f min (%.0f km/h; the limit is %.0f km/h)", km, hours * 60, speed,
                    maxSpeedKmh)));
        }
        return Optional.empty();
    }
}
