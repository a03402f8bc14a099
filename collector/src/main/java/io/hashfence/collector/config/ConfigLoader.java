package io.hashfence.collector.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the YAML config file over the defaults, then applies environment variables. The file's settings are
 * laid over the defaults' own tree ({@link SettingsOverlay}) and bound to the config records
 * ({@link SettingsBinding}). Unknown keys are refused by name, so that a typo never silently leaves a default in
 * force.
 */
public final class ConfigLoader {
    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public CollectorConfig load(Path file) throws IOException {
        CollectorConfig config = CollectorConfig.defaults();
        if (file != null) {
            JsonNode written = SettingsBinding.read(Files.readString(file));
            config = SettingsBinding.bind(SettingsOverlay.over(SettingsBinding.tree(config), written));
        }
        return withEnvironment(config);
    }

    private CollectorConfig withEnvironment(CollectorConfig config) {
        String mqttPort = environment.get("HASHFENCE_MQTT_PORT");
        if (mqttPort != null) {
            config = config.withMqttPort(parsePort("HASHFENCE_MQTT_PORT", mqttPort));
        }
        String httpPort = environment.get("HASHFENCE_HTTP_PORT");
        if (httpPort != null) {
            config = config.withHttpPort(parsePort("HASHFENCE_HTTP_PORT", httpPort));
        }
        String dataDir = environment.get("HASHFENCE_DATA_DIR");
        if (dataDir != null) {
            config = config.withDataDir(Path.of(dataDir));
        }
        String policy = environment.get("HASHFENCE_POLICY");
        if (policy != null) {
            config = config.withPolicyFile(Path.of(policy));
        }
        String alertmanager = environment.get("HASHFENCE_ALERTMANAGER_URL");
        if (alertmanager != null) {
            config = config.withAlertmanager(Urls.http("HASHFENCE_ALERTMANAGER_URL", alertmanager));
        }
        String storeUrl = environment.get("HASHFENCE_STORE_URL");
        if (storeUrl != null) {
            config = config.withStoreUrl(storeUrl.trim());
        }
        return config;
    }

    private static int parsePort(String variable, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, got \"" + value + "\"");
        }
    }
}
