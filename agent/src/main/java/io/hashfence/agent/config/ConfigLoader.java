package io.hashfence.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Reads the YAML config file and applies, in rising precedence, defaults, file, environment and flags. */
public final class ConfigLoader {
    public static final String ENV_TOKEN = "HASHFENCE_TOKEN";
    public static final String ENV_SITE = "HASHFENCE_SITE";
    public static final String ENV_COLLECTOR = "HASHFENCE_COLLECTOR";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public AgentConfig load(Path file, CommandLineOverrides overrides) {
        ConfigFile raw = read(file);
        String site = firstPresent(env(ENV_SITE), raw.site())
                .orElseThrow(() -> new ConfigException("site is required: set site in " + file + " or " + ENV_SITE));
        String token = firstPresent(env(ENV_TOKEN), raw.token())
                .orElseThrow(() -> new ConfigException("token is required: set " + ENV_TOKEN + " or token in " + file));
        SiteCredentials credentials = new SiteCredentials(SiteCredentials.siteId(site), token);
        String collector = firstPresent(overrides.collector(), env(ENV_COLLECTOR), raw.collector())
                .orElse(MqttSettings.DEFAULT_COLLECTOR);
        Duration interval = Optional.ofNullable(overrides.publishInterval())
                .orElseGet(() -> duration("publish_interval", raw.publishInterval(), AgentConfig.DEFAULT_PUBLISH_INTERVAL));
        String clientId = Optional.ofNullable(raw.clientId()).orElseGet(() -> AgentConfig.defaultClientId(credentials));
        return new AgentConfig(credentials, clientId, interval, mqtt(collector, raw.mqtt()),
                Optional.ofNullable(simulation(raw.simulate())), SourceSettingsLoader.miners(raw),
                SourceSettingsLoader.power(raw.power()), SourceSettingsLoader.location(raw.location()),
                SourceSettingsLoader.outbox(raw.outbox()));
    }

    private static ConfigFile read(Path file) {
        try {
            ConfigFile raw = YAML.readValue(Files.readAllBytes(file), ConfigFile.class);
            return raw == null ? ConfigFile.empty() : raw;
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(file + ": unknown setting \"" + e.getPropertyName() + "\"" + lineOf(e)
                    + "; known settings are " + e.getKnownPropertyIds(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": " + e.getOriginalMessage() + lineOf(e), e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String lineOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static MqttSettings mqtt(String collector, ConfigFile.Mqtt raw) {
        ConfigFile.Mqtt mqtt = raw == null ? new ConfigFile.Mqtt(null, null, null, null) : raw;
        ConfigFile.Tls tls = mqtt.tls() == null ? new ConfigFile.Tls(null, null, null) : mqtt.tls();
        ConfigFile.Backoff backoff = mqtt.reconnectBackoff() == null
                ? new ConfigFile.Backoff(null, null) : mqtt.reconnectBackoff();
        return new MqttSettings(collector,
                duration("mqtt.keep_alive", mqtt.keepAlive(), MqttSettings.DEFAULT_KEEP_ALIVE),
                duration("mqtt.connect_timeout", mqtt.connectTimeout(), MqttSettings.DEFAULT_CONNECT_TIMEOUT),
                new ReconnectBackoff(
                        duration("mqtt.reconnect_backoff.min", backoff.min(), ReconnectBackoff.DEFAULT.min()),
                        duration("mqtt.reconnect_backoff.max", backoff.max(), ReconnectBackoff.DEFAULT.max())),
                new TlsSettings(path(tls.caFile()), path(tls.certFile()), path(tls.keyFile())));
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

    static Duration duration(String setting, String text, Duration fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ": " + e.getMessage(), e);
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
