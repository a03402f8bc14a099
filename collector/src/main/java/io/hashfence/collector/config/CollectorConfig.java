package io.hashfence.collector.config;

import java.nio.file.Path;

/** Everything the collector needs to run; see the collector README for each setting and its default. */
public record CollectorConfig(MqttConfig mqtt, HttpConfig http, Path dataDir, FleetConfig fleet) {

    public static CollectorConfig defaults() {
        return new CollectorConfig(MqttConfig.defaults(), HttpConfig.defaults(), Path.of("data"), FleetConfig.defaults());
    }

    public CollectorConfig withMqttPort(int port) {
        return new CollectorConfig(mqtt.withPort(port), http, dataDir, fleet);
    }

    public CollectorConfig withHttpPort(int port) {
        return new CollectorConfig(mqtt, http.withPort(port), dataDir, fleet);
    }

    public CollectorConfig withDataDir(Path dir) {
        return new CollectorConfig(mqtt, http, dir, fleet);
    }
}
