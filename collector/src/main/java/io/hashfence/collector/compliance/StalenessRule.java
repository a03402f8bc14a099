package io.hashfence.collector.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A position older than the configured maximum age says nothing about where the rig is now. */
final class StalenessRule implements EvidenceRule {
    private final Duration maxAge;

    StalenessRule(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public Optional<Finding> examine(Observation observation) {
        Instant claimed = observation.fix().time();
        Instant sent = observation.telemetry().time();
        Instant fixed = claimed.isBefore(sent) ? claimed : sent;
        Duration age = Duration.between(fixed, observation.now());
        if (age.compareTo(maxAge) > 0) {
            return Optional.of(new Finding(
                    FindingKind.STALE_LOCATION,
                    "last fix " + fixed + " is " + age.toMinutes() + " min old; the limit is " + maxAge.toMinutes()
                            + " min"));
        }
        return Optional.empty();
    }
}
