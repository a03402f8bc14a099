package io.hashfence.agent.poll;

import io.hashfence.protocol.Durations;
import java.time.Duration;

/** How miners are polled: the time one miner's poll may take, and how many miners are polled at once. */
public record PollSettings(Duration timeout, int parallelism) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_PARALLELISM = 64;

    public PollSettings {
        if (timeout.toMillis() < 100 || timeout.toSeconds() > 60) {
            throw new IllegalArgumentException(
                    "timeout must be between 100ms and 60s, got " + Durations.format(timeout));
        }
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException("parallelism must be between 1 and 1024, got " + parallelism);
        }
    }

    public static PollSettings defaults() {
        return new PollSettings(DEFAULT_TIMEOUT, DEFAULT_PARALLELISM);
    }
}
