package io.hashfence.agent.config;

import java.time.Duration;

/** The resolved settings of {@code hashfence-agent run}: file values, then environment, then flags, over the defaults. */
public record AgentConfig(SiteCredentials credentials, String clientId, Duration publishInterval, MqttSettings mqtt,
                          SimulationSettings simulate) {
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofSeconds(10);

    public AgentConfig {
        requirePublishInterval(publishInterval);
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigException("client id must not be empty");
        }
        if (simulate == null) {
            throw new ConfigException("no rig source configured: add a simulate: section");
        }
    }

    /** The client id used when none is configured. */
    public static String defaultClientId(SiteCredentials credentials) {
        return "hashfence-agent-" + credentials.site().value();
    }

    public static void requirePublishInterval(Duration interval) {
        if (interval.toMillis() < 100 || interval.toHours() > 24) {
            throw new ConfigException("publish interval must be between 100ms and 24h, got " + Durations.format(interval));
        }
    }
}
