package io.hashfence.collector.config;

/**
 * Limits that protect the collector from clients that misbehave or attack; each one that trips is counted.
 *
 * @param maxConnections open MQTT connections allowed in all
 * @param maxConnectionsPerAddress open MQTT connections allowed from one client address
 * @param publishesPerSecond sustained PUBLISH rate allowed per connection (token bucket refill)
 * @param publishBurst PUBLISHes a connection may send at once (token bucket size)
 * @param maxTopicLength longest topic name accepted, in characters
 */
public record LimitsConfig(
        int maxConnections,
        int maxConnectionsPerAddress,
        int publishesPerSecond,
        int publishBurst,
        int maxTopicLength) {
    public LimitsConfig {
        positive("limits.max_connections", maxConnections);
        positive("limits.max_connections_per_address", maxConnectionsPerAddress);
        positive("limits.publishes_per_second", publishesPerSecond);
        positive("limits.publish_burst", publishBurst);
        positive("limits.max_topic_length", maxTopicLength);
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(200_000, 10_000, 2_000, 20_000, 256);
    }

    private static void positive(String setting, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1, got " + value);
        }
    }
}
