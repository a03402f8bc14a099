package io.hashfence.collector.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hashfence.protocol.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML config file over the defaults, then applies environment variables. Unknown keys are
 * refused by name, so that a typo never silently leaves a default in force.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> environment;

    public ConfigLoader(Map<String, String> environment) {
        this.environment = environment;
    }

    public CollectorConfig load(Path file) throws IOException {
        CollectorConfig config = CollectorConfig.defaults();
        if (file != null) {
            JsonNode root = YAML.readTree(Files.readString(file));
            if (root != null && !root.isMissingNode() && !root.isNull()) {
                config = fromYaml(root, config);
            }
        }
        return withEnvironment(config);
    }

    private static CollectorConfig fromYaml(JsonNode root, CollectorConfig defaults) {
        Section top = new Section(root, "", Set.of("mqtt", "http", "data_dir", "fleet", "compliance", "alerts",
                "audit"));
        Section audit = top.section("audit", Set.of("retention", "witness_dir"));
        Section mqtt = top.section("mqtt", Set.of("bind", "port", "max_message_bytes", "receive_maximum",
                "connect_timeout", "proxy_protocol", "limits", "tls", "plain"));
        Section tls = mqtt.section("tls", Set.of("port", "cert_file", "key_file", "client_ca_file",
                "require_client_cert"));
        Section limits = mqtt.section("limits", Set.of("max_connections", "max_connections_per_address",
                "publishes_per_second", "publish_burst", "max_topic_length"));
        Section http = top.section("http", Set.of("bind", "port", "api_token_file", "protect_metrics",
                "open_read_endpoints", "request_head_timeout", "tls"));
        Section httpTls = http.section("tls", Set.of("cert_file", "key_file"));
        Section fleet = top.section("fleet", Set.of("default_interval", "missed_intervals", "max_rigs_per_site"));
        Section compliance = top.section("compliance", Set.of("policy", "location_max_age", "max_speed_kmh",
                "relocation_km", "frozen_fix_count", "collector_location", "reassess_interval"));
        Section collectorLocation = compliance.section("collector_location", Set.of("lat", "lon"));
        Section alerts = top.section("alerts", Set.of("dwell", "resolve_after", "relocated_hold",
                "max_notifications_per_rig_per_hour", "alertmanager", "webhook", "resend_interval", "timeout",
                "webhook_attempts"));
        MqttConfig m = defaults.mqtt();
        HttpConfig h = defaults.http();
        FleetConfig f = defaults.fleet();
        ComplianceConfig c = defaults.compliance();
        AlertConfig a = defaults.alerts();
        String policy = compliance.text("policy", null);
        String alertmanager = alerts.text("alertmanager", null);
        String webhook = alerts.text("webhook", null);
        return new CollectorConfig(
                new MqttConfig(mqtt.text("bind", m.bind()), mqtt.integer("port", m.port()),
                        mqtt.integer("max_message_bytes", m.maxMessageBytes()),
                        mqtt.integer("receive_maximum", m.receiveMaximum()),
                        mqtt.duration("connect_timeout", m.connectTimeout()),
                        mqtt.bool("proxy_protocol", m.proxyProtocol()),
                        new LimitsConfig(limits.integer("max_connections", m.limits().maxConnections()),
                                limits.integer("max_connections_per_address", m.limits().maxConnectionsPerAddress()),
                                limits.integer("publishes_per_second", m.limits().publishesPerSecond()),
                                limits.integer("publish_burst", m.limits().publishBurst()),
                                limits.integer("max_topic_length", m.limits().maxTopicLength())),
                        tls.isEmpty() ? m.tls() : new TlsConfig(tls.integer("port", TlsConfig.DEFAULT_PORT),
                                path(tls.text("cert_file", null)), path(tls.text("key_file", null)),
                                path(tls.text("client_ca_file", null)), tls.bool("require_client_cert", false)),
                        mqtt.bool("plain", m.plain())),
                new HttpConfig(http.text("bind", h.bind()), http.integer("port", h.port()),
                        http.text("api_token_file", null) == null ? h.apiTokenFile()
                                : Path.of(http.text("api_token_file", null)),
                        http.bool("protect_metrics", h.protectMetrics()),
                        http.bool("open_read_endpoints", h.openReadEndpoints()),
                        http.duration("request_head_timeout", h.requestHeadTimeout()),
                        path(httpTls.text("cert_file", null)), path(httpTls.text("key_file", null))),
                Path.of(top.text("data_dir", defaults.dataDir().toString())),
                new FleetConfig(fleet.duration("default_interval", f.defaultInterval()),
                        fleet.integer("missed_intervals", f.missedIntervals()),
                        fleet.integer("max_rigs_per_site", f.maxRigsPerSite())),
                new ComplianceConfig(policy == null ? c.policyFile() : Path.of(policy),
                        compliance.duration("location_max_age", c.locationMaxAge()),
                        compliance.decimal("max_speed_kmh", c.maxSpeedKmh()),
                        compliance.decimal("relocation_km", c.relocationKm()),
                        compliance.integer("frozen_fix_count", c.frozenFixCount()),
                        collectorLocation.optionalDecimal("lat", -90, 90),
                        collectorLocation.optionalDecimal("lon", -180, 180),
                        compliance.duration("reassess_interval", c.reassessInterval())),
                new AlertConfig(alerts.duration("dwell", a.dwell()),
                        alerts.duration("resolve_after", a.resolveAfter()),
                        alerts.duration("relocated_hold", a.relocatedHold()),
                        alerts.integer("max_notifications_per_rig_per_hour", a.maxNotificationsPerRigPerHour()),
                        alertmanager == null ? a.alertmanager() : Urls.http("alerts.alertmanager", alertmanager),
                        webhook == null ? a.webhook() : Urls.http("alerts.webhook", webhook),
                        alerts.duration("resend_interval", a.resendInterval()),
                        alerts.duration("timeout", a.sinkTimeout()),
                        alerts.integer("webhook_attempts", a.webhookAttempts())),
                new AuditConfig(audit.duration("retention", defaults.audit().retention()),
                        path(audit.text("witness_dir", null))));
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
        return config;
    }

    private static Path path(String text) {
        return text == null ? null : Path.of(text);
    }

    private static int parsePort(String variable, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a port number, got \"" + value + "\"");
        }
    }

    /** One mapping of the YAML tree; reports settings by their dotted path. */
    private record Section(JsonNode node, String path, Set<String> allowedKeys) {
        Section {
            if (node != null && !node.isObject()) {
                throw new IllegalArgumentException((path.isEmpty() ? "the config file" : path) + " must be a mapping");
            }
            if (node != null) {
                Iterator<String> names = node.fieldNames();
                while (names.hasNext()) {
                    String name = names.next();
                    if (!allowedKeys.contains(name)) {
                        throw new IllegalArgumentException("unknown setting " + qualified(path, name)
                                + "; known here: " + String.join(", ", allowedKeys.stream().sorted().toList()));
                    }
                }
            }
        }

        boolean isEmpty() {
            return node == null || node.isEmpty();
        }

        Section section(String name, Set<String> keys) {
            return new Section(node == null ? null : node.get(name), qualified(path, name), keys);
        }

        private JsonNode value(String name) {
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? null : value;
        }

        String text(String name, String fallback) {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isValueNode()) {
                throw new IllegalArgumentException(qualified(path, name) + " must be a single value");
            }
            return value.asText();
        }

        int integer(String name, int fallback) {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isInt()) {
                throw new IllegalArgumentException(qualified(path, name) + " must be a whole number, got " + value);
            }
            return value.intValue();
        }

        boolean bool(String name, boolean fallback) {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw new IllegalArgumentException(qualified(path, name) + " must be true or false, got " + value);
            }
            return value.booleanValue();
        }

        double decimal(String name, double fallback) {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            if (!value.isNumber()) {
                throw new IllegalArgumentException(qualified(path, name) + " must be a number, got " + value);
            }
            return value.doubleValue();
        }

        Double optionalDecimal(String name, double min, double max) {
            if (value(name) == null) {
                return null;
            }
            double number = decimal(name, 0);
            if (number < min || number > max) {
                throw new IllegalArgumentException(qualified(path, name) + " must be within [" + min + ", " + max
                        + "], got " + number);
            }
            return number;
        }

        Duration duration(String name, Duration fallback) {
            JsonNode value = value(name);
            if (value == null) {
                return fallback;
            }
            try {
                return Durations.parse(value.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(qualified(path, name) + ": " + e.getMessage(), e);
            }
        }

        private static String qualified(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
