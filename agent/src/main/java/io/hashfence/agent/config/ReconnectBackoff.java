package io.hashfence.agent.config;

import io.hashfence.protocol.Durations;
import java.time.Duration;

/** Bounds of the exponential reconnect delay: the first retry waits about {@code min}, later ones double up to {@code max}. */
public record ReconnectBackoff(Duration min, Duration max) {
    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    public ReconnectBackoff {
        if (min.isNegative() || min.isZero()) {
            throw new ConfigException("reconnect backoff min must be positive, got " + Durations.format(min));
        }
        if (max.compareTo(min) < 0) {
            throw new ConfigException("reconnect backoff max (" + Durations.format(max)
                    + ") must not be less than min (" + Durations.format(min) + ")");
        }
    }
}
