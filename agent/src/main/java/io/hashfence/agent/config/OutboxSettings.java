package io.hashfence.agent.config;

import java.nio.file.Path;

/**
 * The durable outbox of {@code run}: where it lives (one subdirectory per site), how large it may grow
 * before the oldest samples are dropped, and how fast stored samples are sent after a reconnect.
 */
public record OutboxSettings(Path directory, long capacityBytes, int replayPerSecond) {
    public static final Path DEFAULT_DIRECTORY = Path.of("outbox");
    public static final long DEFAULT_CAPACITY_BYTES = 64L << 20;
    public static final int DEFAULT_REPLAY_PER_SECOND = 500;
    private static final long MIN_CAPACITY_BYTES = 1L << 20;

    public OutboxSettings {
        if (capacityBytes < MIN_CAPACITY_BYTES) {
            throw new ConfigException(
                    Setting.OUTBOX_MAX_SIZE.path() + " must be at least 1MiB, got " + capacityBytes + " bytes");
        }
        if (replayPerSecond < 1 || replayPerSecond > 100_000) {
            throw new ConfigException(Setting.OUTBOX_REPLAY_RATE.path()
                    + " must be between 1 and 100000 messages a second, got " + replayPerSecond);
        }
    }

    public static OutboxSettings defaults() {
        return new OutboxSettings(DEFAULT_DIRECTORY, DEFAULT_CAPACITY_BYTES, DEFAULT_REPLAY_PER_SECOND);
    }
}
