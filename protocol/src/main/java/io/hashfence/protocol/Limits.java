package io.hashfence.protocol;

import java.time.Duration;
import java.time.Instant;

/** Bounds every valid message stays within. Documented in protocol/README.md. */
public final class Limits {
    public static final int MAX_TEXT_LENGTH = 256;
    public static final int MAX_URL_LENGTH = 512;
    public static final int MAX_TEMPERATURES = 64;
    public static final int MAX_FANS = 64;
    public static final int MAX_POOLS = 16;
    public static final int MAX_JSON_NESTING = 16;
    public static final double MAX_HASHRATE = 1e18;
    public static final double MAX_POWER_WATTS = 1e6;
    public static final double MIN_CELSIUS = -100;
    public static final double MAX_CELSIUS = 300;
    public static final double MAX_FAN_RPM = 100_000;
    public static final long MAX_INTERVAL_SECONDS = 86_400;
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Timestamps before this are refused: no rig reported to Hashfence then, and far dates break time arithmetic. */
    public static final Instant EARLIEST_TIME = Instant.parse("2000-01-01T00:00:00Z");

    private Limits() {}
}
