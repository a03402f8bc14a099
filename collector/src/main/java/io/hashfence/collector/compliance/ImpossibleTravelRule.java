package io.hashfence.collector.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Mining rigs do not fly: a jump between fixes faster than the configured speed cannot be a real move.
 * The jump stays held against the rig for {@code hold}, or the next message, compared with the position
 * it jumped to, would look consistent.
 */
final class ImpossibleTravelRule implements EvidenceRule {
    private final double maxSpeedKmh;
    private final double toleranceKm;
    private final Duration hold;

    ImpossibleTravelRule(double maxSpeedKmh, double toleranceKm, Duration hold) {
        this.maxSpeedKmh = maxSpeedKmh;
        this.toleranceKm = toleranceKm;
        this.hold = hold;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Optional<Finding> jump = jump(observation);
        return jump.isPresent() ? jump : held(observation.history(), observation.now());
    }

    /** The last impossible jump, while it is still held against the rig. */
    Optional<Finding> held(LocationHistory history, Instant now) {
        if (history.impossibleTravelAt() != null
                && Duration.between(history.impossibleTravelAt(), now).compareTo(hold) < 0) {
            return Optional.of(new Finding(
                    FindingKind.RECENT_IMPOSSIBLE_TRAVEL,
                    "at " + history.impossibleTravelAt()
                            + " the rig " + history.impossibleTravel() + "; held against it until "
                            + history.impossibleTravelAt().plus(hold)));
        }
        return Optional.empty();
    }

    private Optional<Finding> jump(Observation observation) {
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
            return Optional.of(new Finding(
                    FindingKind.IMPOSSIBLE_TRAVEL,
                    String.format(
                            "moved %.0f km in %.1f min (%.0f km/h; the limit is %.0f km/h)",
                            km, hours * 60, speed, maxSpeedKmh)));
        }
        return Optional.empty();
    }
}
