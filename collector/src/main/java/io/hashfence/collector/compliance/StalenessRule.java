package io.hashfence.collector.compliance;

import java.time.Duration;
import java.util.Optional;

/** A position older than the configured maximum age says nothing about where the rig is now. */
final class StalenessRule implements EvidenceRule {
    private final Duration maxAge;

    StalenessRule(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Duration age = Duration.between(observation.fix().time(), observation.now());
        if (age.compareTo(maxAge) > 0) {
            return Optional.of(new Finding(FindingKind.STALE_LOCATION, "last fix " + observation.fix().time() + " is "
                    + age.toMinutes() + " min old; the limit is " + maxAge.toMinutes() + " min"));
        }
        return Optional.empty();
    }
}
