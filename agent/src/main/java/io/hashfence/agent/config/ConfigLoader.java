package io.hashfence.agent.config;

import io.hashfence.protocol.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads the YAML config file and applies, in rising precedence, defaults, file, environment and flags. */
public final class ConfigLoader {
    public static final String ENV_TOKEN = "HASHFENCE_TOKEN";
    public static final String ENV_SITE = "HASHFENCE_SITE";
    public static final String ENV_COLLECTOR = "HASHFENCE_COLLECTOR";

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public AgentConfig load(Path file, CommandLineOverrides overrides) {
        ConfigFile raw = ConfigFileReader.read(file);
        String site = firstPresent(env(ENV_SITE), raw.site())
                .orElseThrow(() -> new ConfigException(Setting.SITE.path() + " is required: set " + Setting.SITE.path()
                        + " in " + file + " or " + ENV_SITE));
        String token = firstPresent(env(ENV_TOKEN), raw.token())
                .orElseThrow(() -> new ConfigException(Setting.TOKEN.path() + " is required: set " + ENV_TOKEN + " or "
                        + Setting.TOKEN.path() + " in " + file));
        SiteCredentials credentials = new SiteCredentials(SiteCredentials.siteId(site), token);
        String collector = firstPresent(overrides.collector(), env(ENV_COLLECTOR), raw.collector())
                .orElse(MqttSettings.DEFAULT_COLLECTOR);
        Duration interval = Optional.ofNullable(overrides.publishInterval())
                .orElseGet(() -> duration(
                        Setting.PUBLISH_INTERVAL, raw.publishInterval(), AgentConfig.DEFAULT_PUBLISH_INTERVAL));
        String clientId = Optional.ofNullable(raw.clientId()).orElseGet(() -> AgentConfig.defaultClientId(credentials));
        return new AgentConfig(
                credentials,
                clientId,
                interval,
                mqtt(collector, raw.mqtt()),
                Optional.ofNullable(simulation(raw.simulate())),
                SourceSettingsLoader.miners(raw),
                SourceSettingsLoader.power(raw.power()),
                SourceSettingsLoader.location(raw.location()),
                SourceSettingsLoader.outbox(raw.outbox()));
    }

    private static MqttSettings mqtt(String collector, ConfigFile.Mqtt raw) {
        ConfigFile.Mqtt mqtt = raw == null ? new ConfigFile.Mqtt(null, null, null, null) : raw;
        ConfigFile.Tls tls = mqtt.tls() == null ? new ConfigFile.Tls(null, null, null) : mqtt.tls();
        ConfigFile.Backoff backoff =
                mqtt.reconnectBackoff() == null ? new ConfigFile.Backoff(null, null) : mqtt.reconnectBackoff();
        return new MqttSettings(
                collector,
                duration(Setting.MQTT_KEEP_ALIVE, mqtt.keepAlive(), MqttSettings.DEFAULT_KEEP_ALIVE),
                duration(Setting.MQTT_CONNECT_TIMEOUT, mqtt.connectTimeout(), MqttSettings.DEFAULT_CONNECT_TIMEOUT),
                new ReconnectBackoff(
                        duration(Setting.BACKOFF_MIN, backoff.min(), ReconnectBackoff.DEFAULT.min()),
                        duration(Setting.BACKOFF_MAX, backoff.max(), ReconnectBackoff.DEFAULT.max())),
                new TlsSettings(path(tls.caFile()), path(tls.certFile()), path(tls.keyFile())),
                null);
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    private static SimulationSettings simulation(ConfigFile.Simulate raw) {
        if (raw == null) {
            return null;
        }
        return new SimulationSettings(
                valueOr(raw.rigs(), SimulationSettings.DEFAULT_RIGS),
                valueOr(raw.seed(), SimulationSettings.DEFAULT_SEED),
                valueOr(raw.restrictedShare(), SimulationSettings.DEFAULT_RESTRICTED_SHARE));
    }

    static Duration duration(Setting setting, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting.path() + ": " + e.getMessage(), e);
        }
    }

    private String env(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static <T> T valueOr(T value, T fallback) {
        return value == null ? fallback : value;
    }

    @SafeVarargs
    private static <T> Optional<T> firstPresent(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
