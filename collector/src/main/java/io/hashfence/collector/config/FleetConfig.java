package io.hashfence.collector.config;

import java.time.Duration;

/**
 * How the rig registry judges liveness.
 *
 * @param defaultInterval the reporting interval assumed for a rig whose messages carry none
 * @param missedIntervals how many intervals without a message mark a rig down
 * @param maxRigsPerSite rigs one site may report; messages for further new rig ids are refused, so that one
 *                       site's token cannot exhaust the collector's memory
 */
public record FleetConfig(Duration defaultInterval, int missedIntervals, int maxRigsPerSite) {
    public FleetConfig {
        if (defaultInterval.isZero() || defaultInterval.isNegative()) {
            throw new IllegalArgumentException("fleet.default_interval must be positive");
        }
        if (maxRigsPerSite < 1) {
            throw new IllegalArgumentException("fleet.max_rigs_per_site must be at least 1, got " + maxRigsPerSite);
        }
        if (missedIntervals < 1) {
            throw new IllegalArgumentException("fleet.missed_intervals must be at least 1, got " + missedIntervals);
        }
    }

    public static FleetConfig defaults() {
        return new FleetConfig(Duration.ofSeconds(30), 3, 20_000);
    }
}
