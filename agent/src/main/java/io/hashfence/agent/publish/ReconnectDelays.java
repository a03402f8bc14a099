package io.hashfence.agent.publish;

import io.hashfence.agent.config.ReconnectBackoff;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect delays with jitter: attempt n waits between half and all of {@code min * 2^n},
 * capped at {@code max}, so that many agents cut off together do not return in lockstep.
 */
final class ReconnectDelays {
    private static final int MAX_DOUBLINGS = 30;

    private final ReconnectBackoff bounds;
    private final DoubleSupplier random;
    private int attempt;

    ReconnectDelays(ReconnectBackoff bounds, DoubleSupplier random) {
        this.bounds = bounds;
        this.random = random;
    }

    Duration next() {
        long ceiling = Math.min(bounds.max().toMillis(), bounds.min().toMillis() << Math.min(attempt, MAX_DOUBLINGS));
        attempt++;
        long jittered = ceiling / 2 + Math.round(random.getAsDouble() * (ceiling - ceiling / 2));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    void reset() {
        attempt = 0;
    }
}
