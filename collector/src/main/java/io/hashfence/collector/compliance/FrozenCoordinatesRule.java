package io.hashfence.collector.compliance;

import io.hashfence.protocol.LocationSource;
import java.util.Optional;

/**
 * Real GPS receivers jitter in the last digits; a long run of bit-identical "GPS" fixes suggests a
 * replayed or typed-in position.
 */
final class FrozenCoordinatesRule implements EvidenceRule {
    private final int threshold;

    FrozenCoordinatesRule(int threshold) {
        this.threshold = threshold;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Fix last = observation.history().last();
        Fix fix = observation.fix();
        if (fix.source() != LocationSource.GPS || last == null || last.source() != LocationSource.GPS
                || !fix.bitIdentical(last)) {
            return Optional.empty();
        }
        int run = observation.history().identicalGpsFixes() + 1;
        return run >= threshold
                ? Optional.of(new Finding(FindingKind.FROZEN_COORDINATES,
                        run + " consecutive GPS fixes with bit-identical coordinates"))
                : Optional.empty();
    }
}
