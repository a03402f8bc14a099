package io.hashfence.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void noFileMeansTheDocumentedDefaults() throws Exception {
        CollectorConfig config = new ConfigLoader(Map.of()).load(null);
        assertThat(config.mqtt().port()).isEqualTo(1883);
        assertThat(config.mqtt().plain()).as("plain MQTT only when asked for").isFalse();
        assertThat(config.mqtt().maxMessageBytes()).isEqualTo(65536);
        assertThat(config.mqtt().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.http().port()).isEqualTo(9464);
        assertThat(config.http().openReadEndpoints())
                .as("the API's reads need the token")
                .isFalse();
        assertThat(config.http().requestHeadTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
        assertThat(config.fleet().missedIntervals()).isEqualTo(3);
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("collector.yml"), """
                mqtt:
                  port: 1999
                  max_message_bytes: 131072
                  connect_timeout: 5s
                http:
                  port: 8081
                data_dir: /var/lib/hashfence
                fleet:
                  default_interval: 1m
                """);
        CollectorConfig config = new ConfigLoader(Map.of("HASHFENCE_HTTP_PORT", "9000")).load(file);
        assertThat(config.mqtt().port()).isEqualTo(1999);
        assertThat(config.mqtt().plain()).isFalse();
        assertThat(new ConfigLoader(Map.of("HASHFENCE_MQTT_PORT", "1884"))
                        .load(file)
                        .mqtt()
                        .plain())
                .as("the environment names the plain port")
                .isTrue();
        assertThat(config.mqtt().maxMessageBytes()).isEqualTo(131072);
        assertThat(config.mqtt().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.http().port()).isEqualTo(9000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/hashfence"));
        assertThat(config.fleet().defaultInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void everySectionIsRead() throws Exception {
        Path file = Files.writeString(dir.resolve("full.yml"), """
                mqtt:
                  plain: true
                  proxy_protocol: true
                  limits:
                    max_connections: 100
                    max_connections_per_address: 10
                    publishes_per_second: 50
                    publish_burst: 60
                    max_topic_length: 128
                http:
                  api_token_file: /etc/hashfence/api-token
                  protect_metrics: true
                  open_read_endpoints: true
                  request_head_timeout: 4s
                compliance:
                  policy: /etc/hashfence/policy.yml
                  location_max_age: 2h
                  collector_location: {lat: 35.68, lon: 139.76}
                alerts:
                  dwell: 30s
                  alertmanager: http://alertmanager:9093
                  webhook: https://hooks.example.com/hashfence
                audit:
                  retention: 400d
                """);
        CollectorConfig config = new ConfigLoader(Map.of()).load(file);
        assertThat(config.mqtt().proxyProtocol()).isTrue();
        assertThat(config.mqtt().plain()).isTrue();
        assertThat(config.mqtt().limits()).isEqualTo(new LimitsConfig(100, 10, 50, 60, 128));
        assertThat(config.http().apiTokenFile()).isEqualTo(Path.of("/etc/hashfence/api-token"));
        assertThat(config.http().protectMetrics()).isTrue();
        assertThat(config.http().openReadEndpoints()).isTrue();
        assertThat(config.http().requestHeadTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(config.compliance().policyFile()).isEqualTo(Path.of("/etc/hashfence/policy.yml"));
        assertThat(config.compliance().locationMaxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(config.compliance().collectorLocation()).isEqualTo(new CollectorLocation(35.68, 139.76));
        assertThat(config.alerts().dwell()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.alerts().alertmanager()).hasToString("http://alertmanager:9093");
        assertThat(config.alerts().webhook()).hasToString("https://hooks.example.com/hashfence");
        assertThat(config.audit().retention()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void unknownSettingsAndBadValuesAreRefusedByName() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yml"), "mqtt:\n  prot: 1883\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(typo)).hasMessageContaining("mqtt.prot");
        Path badPort = Files.writeString(dir.resolve("port.yml"), "http:\n  port: 70000\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badPort)).hasMessageContaining("http.port");
        Path badDuration = Files.writeString(dir.resolve("duration.yml"), "fleet:\n  default_interval: soon\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badDuration))
                .hasMessageContaining("fleet.default_interval");
        assertThatThrownBy(() -> new ConfigLoader(Map.of("HASHFENCE_MQTT_PORT", "x")).load(null))
                .hasMessageContaining("HASHFENCE_MQTT_PORT");
        Path badLimit = Files.writeString(dir.resolve("limit.yml"), "mqtt:\n  limits:\n    publish_burst: 0\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badLimit))
                .hasMessageContaining("limits.publish_burst");
        Path badUrl = Files.writeString(dir.resolve("url.yml"), "alerts:\n  webhook: hooks.example.com\n");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(badUrl)).hasMessageContaining("alerts.webhook");
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedByNameAndNotCoerced() throws Exception {
        assertRefused("mqtt:\n  port: \"1883\"\n", "mqtt.port must be a whole number, got \"1883\"");
        assertRefused("mqtt:\n  port: 1.5\n", "mqtt.port must be a whole number, got 1.5");
        assertRefused("mqtt:\n  port: 99999999999\n", "mqtt.port must be a whole number, got 99999999999");
        assertRefused("http:\n  protect_metrics: \"true\"\n", "http.protect_metrics must be true or false");
        assertRefused("http:\n  protect_metrics: 1\n", "http.protect_metrics must be true or false, got 1");
        assertRefused("compliance:\n  max_speed_kmh: fast\n", "compliance.max_speed_kmh must be a number");
        assertRefused("mqtt:\n  bind: [a, b]\n", "mqtt.bind must be a single value");
        assertRefused("alerts:\n  dwell: {s: 1}\n", "alerts.dwell must be a single value");
        assertRefused("mqtt: 5\n", "mqtt must be a mapping");
        assertRefused("mqtt:\n  tls: on\n", "mqtt.tls must be a mapping");
        assertRefused("- mqtt\n", "the config file must be a mapping");
    }

    @Test
    void unknownSettingsAreNamedWithTheKnownOnesOfTheirSection() throws Exception {
        assertRefused(
                "mqtt:\n  max_packet_bytes: 1024\n",
                "unknown setting mqtt.max_packet_bytes; known here: bind, "
                        + "connect_timeout, limits, max_message_bytes, plain, port, proxy_protocol, receive_maximum, tls");
        assertRefused(
                "mqtt_port: 1883\n", "unknown setting mqtt_port; known here: alerts, audit, compliance, data_dir");
        assertRefused("mqtt:\n  tls:\n    cert: a.pem\n", "unknown setting mqtt.tls.cert");
        assertRefused("alerts:\n  sink_timeout: 5s\n", "unknown setting alerts.sink_timeout");
        assertRefused("compliance:\n  policy_file: p.yml\n", "unknown setting compliance.policy_file");
    }

    @Test
    void optionalSectionsApplyTheirOwnDefaultsOnceGiven() throws Exception {
        CollectorConfig tls = load("mqtt:\n  tls:\n    cert_file: s.pem\n    key_file: k.pem\n");
        assertThat(tls.mqtt().tls()).isEqualTo(new TlsConfig(8883, Path.of("s.pem"), Path.of("k.pem"), null, false));
        assertThat(load("mqtt:\n  tls: {}\nhttp:\n  tls: {}\n").mqtt().tls())
                .as("an empty section is none")
                .isNull();
        assertRefused("mqtt:\n  tls:\n    cert_file: s.pem\n", "mqtt.tls needs both cert_file and key_file");
        assertThat(load("http:\n  tls: {cert_file: s.pem, key_file: k.pem}\n")
                        .http()
                        .tls())
                .isEqualTo(new HttpTlsConfig(Path.of("s.pem"), Path.of("k.pem")));
        assertRefused("http:\n  tls: {key_file: k.pem}\n", "http.tls needs both cert_file and key_file");
        assertRefused(
                "compliance:\n  collector_location: {lat: 35}\n",
                "compliance.collector_location needs both lat and lon");
        assertRefused(
                "compliance:\n  collector_location: {lat: 95, lon: 0}\n",
                "compliance.collector_location.lat must be within [-90.0, 90.0], got 95.0");
    }

    @Test
    void anEmptyValueKeepsTheDefaultAndKeysNamedOtherThanTheirFieldsAreRead() throws Exception {
        CollectorConfig config = load("mqtt:\n  port:\nalerts:\n  timeout: 2s\ncompliance:\n  policy: p.yml\n");
        assertThat(config.mqtt().port()).isEqualTo(1883);
        assertThat(config.alerts().sinkTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.compliance().policyFile()).isEqualTo(Path.of("p.yml"));
        assertThat(config.alerts().webhookAttempts())
                .isEqualTo(AlertConfig.defaults().webhookAttempts());
        assertThat(load("")).isEqualTo(CollectorConfig.defaults());
    }

    @Test
    void theStoreSectionNamesTheSharedDatabaseAndTheEnvironmentOverridesIt() throws Exception {
        assertThat(CollectorConfig.defaults().store().shared())
                .as("without store.url the data directory")
                .isFalse();
        CollectorConfig config = load("""
                store:
                  url: jdbc:postgresql://127.0.0.1:5432/hashfence?user=hashfence
                  password_file: /etc/hashfence/store-password
                  node: collector-1
                """);
        assertThat(config.store())
                .isEqualTo(new StoreConfig(
                        "jdbc:postgresql://127.0.0.1:5432/hashfence?user=hashfence",
                        Path.of("/etc/hashfence/store-password"),
                        "collector-1"));
        assertThat(config.store().nodeName()).isEqualTo("collector-1");
        CollectorConfig fromEnvironment = new ConfigLoader(
                        Map.of("HASHFENCE_STORE_URL", "jdbc:postgresql://db:5432/fleet?user=hf&password=pw"))
                .load(dir.resolve("collector.yml"));
        assertThat(fromEnvironment.store().url()).isEqualTo("jdbc:postgresql://db:5432/fleet?user=hf&password=pw");
        assertThat(fromEnvironment.store().safeUrl()).isEqualTo("jdbc:postgresql://db:5432/fleet?user=hf&password=***");
        assertThat(fromEnvironment.store().node()).isEqualTo("collector-1");
        assertThat(CollectorConfig.defaults().store().nodeName())
                .as("the host name")
                .isNotBlank();
        assertRefused("store:\n  url: mysql://db/x\n", "store.url must be a jdbc:postgresql://");
        assertRefused("store:\n  node: two words\n", "store.node must match");
        assertRefused("store:\n  uri: jdbc:postgresql://db/x\n", "unknown setting store.uri");
    }

    private CollectorConfig load(String yaml) throws Exception {
        return new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve("collector.yml"), yaml));
    }

    private void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> load(yaml))
                .as(yaml)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
