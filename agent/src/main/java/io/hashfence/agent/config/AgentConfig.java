package io.hashfence.agent.config;

import io.hashfence.protocol.Durations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/** The resolved settings of {@code hashfence-agent run}: file values, then environment, then flags, over the defaults. */
public record AgentConfig(
        SiteCredentials credentials,
        String clientId,
        Duration publishInterval,
        MqttSettings mqtt,
        Optional<SimulationSettings> simulate,
        Optional<MinerSettings> miners,
        PowerSettings power,
        LocationSettings location,
        OutboxSettings outbox) {
    public static final Duration DEFAULT_PUBLISH_INTERVAL = Duration.ofSeconds(10);

    public AgentConfig {
        requirePublishInterval(publishInterval);
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigException("client id must not be empty");
        }
        if (simulate.isEmpty() && miners.isEmpty()) {
            throw new ConfigException("no rig source configured: list " + Setting.MINERS.path() + ":, give "
                    + Setting.DISCOVERY_RANGES.path() + ", or add a " + Setting.SIMULATE.path() + ": section");
        }
        if (simulate.isPresent() && miners.isPresent()) {
            throw new ConfigException(Setting.SIMULATE.path() + ": cannot be combined with " + Setting.MINERS.path()
                    + ": or " + Setting.DISCOVERY.path() + ": in one agent");
        }
    }

    /**
     * The client id used when none is configured: site and host name, so that agents on several rigs of one
     * site (one agent per GPU rig) do not take each other's session over at the collector.
     */
    public static String defaultClientId(SiteCredentials credentials) {
        return "hashfence-agent-" + credentials.site().value() + "-" + hostName();
    }

    private static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
        }
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public static void requirePublishInterval(Duration interval) {
        if (interval.toMillis() < 100 || interval.toHours() > 24) {
            throw new ConfigException(
                    "publish interval must be between 100ms and 24h, got " + Durations.format(interval));
        }
    }
}
