package io.hashfence.collector.config;

import java.net.URI;
import java.nio.file.Path;

/** Everything the collector needs to run; see the collector README for each setting and its default. */
public record CollectorConfig(
        MqttConfig mqtt,
        HttpConfig http,
        Path dataDir,
        FleetConfig fleet,
        ComplianceConfig compliance,
        AlertConfig alerts,
        AuditConfig audit,
        StoreConfig store) {

    public static CollectorConfig defaults() {
        return new CollectorConfig(
                MqttConfig.defaults(),
                HttpConfig.defaults(),
                Path.of("data"),
                FleetConfig.defaults(),
                ComplianceConfig.defaults(),
                AlertConfig.defaults(),
                AuditConfig.defaults(),
                StoreConfig.defaults());
    }

    public CollectorConfig withMqtt(MqttConfig newMqtt) {
        return new CollectorConfig(newMqtt, http, dataDir, fleet, compliance, alerts, audit, store);
    }

    public CollectorConfig withMqttPort(int port) {
        return withMqtt(mqtt.withPort(port));
    }

    public CollectorConfig withHttpPort(int port) {
        return new CollectorConfig(mqtt, http.withPort(port), dataDir, fleet, compliance, alerts, audit, store);
    }

    public CollectorConfig withDataDir(Path dir) {
        return new CollectorConfig(mqtt, http, dir, fleet, compliance, alerts, audit, store);
    }

    public CollectorConfig withCompliance(ComplianceConfig newCompliance) {
        return new CollectorConfig(mqtt, http, dataDir, fleet, newCompliance, alerts, audit, store);
    }

    public CollectorConfig withAlerts(AlertConfig newAlerts) {
        return new CollectorConfig(mqtt, http, dataDir, fleet, compliance, newAlerts, audit, store);
    }

    public CollectorConfig withHttp(HttpConfig newHttp) {
        return new CollectorConfig(mqtt, newHttp, dataDir, fleet, compliance, alerts, audit, store);
    }

    public CollectorConfig withAudit(AuditConfig newAudit) {
        return new CollectorConfig(mqtt, http, dataDir, fleet, compliance, alerts, newAudit, store);
    }

    public CollectorConfig withStore(StoreConfig newStore) {
        return new CollectorConfig(mqtt, http, dataDir, fleet, compliance, alerts, audit, newStore);
    }

    public CollectorConfig withStoreUrl(String url) {
        return withStore(store.withUrl(url));
    }

    public CollectorConfig withWitnessDir(Path dir) {
        return withAudit(audit.withWitnessDir(dir));
    }

    public CollectorConfig withPolicyFile(Path file) {
        return withCompliance(compliance.withPolicyFile(file));
    }

    public CollectorConfig withAlertmanager(URI uri) {
        return withAlerts(alerts.withAlertmanager(uri));
    }
}
