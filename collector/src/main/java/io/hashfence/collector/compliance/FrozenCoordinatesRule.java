package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;
import java.util.Optional;

/**
 * Real GPS receivers wander by metres; a long run of "GPS" fixes that all stay within a centimetre of each
 * other (bit-identical, or dithered in the ninth decimal) suggests a replayed or typed-in position.
 */
final class FrozenCoordinatesRule implements EvidenceRule {
    private final int threshold;

    FrozenCoordinatesRule(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Fix anchor = observation.history().stillAnchor();
        Fix fix = observation.fix();
        if (fix.source() != LocationSource.GPS || anchor == null || fix.kmTo(anchor) >= LocationHistory.STILL_KM) {
            return Optional.empty();
        }
        int run = observation.history().stillGpsFixes() + 1;
        if (run < threshold) {
            return Optional.empty();
        }
        String how = fix.bitIdentical(anchor)
                ? "coordinates within 1 cm of each other, the last bit-identical to the first"
                : "coordinates within 1 cm of each other";
        return Optional.of(new Finding(
                FindingKind.FROZEN_COORDINATES,
                run + " consecutive GPS fixes with " + how + "; a real receiver wanders by metres"));
    }
}
