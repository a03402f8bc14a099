package io.hashfence.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.hashfence.testing.ExternalBinary;
import io.hashfence.testing.ExternalProcess;
import io.hashfence.testing.FreePorts;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Alertmanager: a rig in Irkutsk Oblast raises an alert it lists; moving to Kazakhstan resolves it. */
class AlertmanagerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aRigInIrkutskIsListedByAlertmanagerAndMovingToKazakhstanResolvesIt() throws Exception {
        Path binary = ExternalBinary.require("prometheus-alertmanager", "prometheus-alertmanager");
        int port = FreePorts.pick();
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: compliance
                  group_wait: 1s
                receivers:
                  - name: compliance
                """);
        try (ExternalProcess alertmanager = ExternalProcess.start(
                List.of(
                        binary.toString(),
                        "--config.file=" + dir.resolve("alertmanager.yml"),
                        "--storage.path=" + dir.resolve("am-data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        "--cluster.listen-address="),
                dir)) {
            URI base = URI.create("http://127.0.0.1:" + port);
            alertmanager.awaitReady("is ready", () -> ready(base));
            // Any speed is plausible here, so that the move to Kazakhstan a moment later is credible and resolves
            // the alert (at the default 1000 km/h the violation would hold for the 2.5 h the distance takes).
            ComplianceConfig anySpeed =
                    new ComplianceConfig(null, Duration.ofHours(1), 1e12, 1.0, 20, null, Duration.ofSeconds(30));
            try (RunningCollector collector = new RunningCollector(
                    dir.resolve("data"),
                    config -> config.withCompliance(anySpeed)
                            .withAlerts(config.alerts().withAlertmanager(base).withResolveAfter(Duration.ZERO)))) {
                String token = collector.addSite("siberia-01");
                try (MqttTestClient agent =
                        MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "siberia-01", token)) {
                    agent.connAck();
                    agent.publishAcknowledged(TestTelemetry.at("siberia-01", "s19-0001", 1, 52.29, 104.29));

                    Await.until(
                            "Alertmanager lists the alert",
                            () -> irkutskAlert(base).isPresent());
                    JsonNode labels = irkutskAlert(base).orElseThrow().get("labels");
                    assertThat(labels.get("alertname").asText()).isEqualTo("RigInRestrictedJurisdiction");
                    assertThat(labels.get("site").asText()).isEqualTo("siberia-01");
                    assertThat(labels.get("rig").asText()).isEqualTo("s19-0001");
                    assertThat(labels.get("country").asText()).isEqualTo("RU");
                    assertThat(labels.get("subdivision").asText()).isEqualTo("RU-IRK");
                    assertThat(labels.get("severity").asText()).isEqualTo("critical");
                    assertThat(irkutskAlert(base)
                                    .orElseThrow()
                                    .at("/annotations/evidence")
                                    .asText())
                            .contains("static_declaration");
                    assertThat(irkutskAlert(base)
                                    .orElseThrow()
                                    .get("annotations")
                                    .has("border_km"))
                            .as("Irkutsk is more than 100 km from any border")
                            .isFalse();

                    agent.publishAcknowledged(TestTelemetry.at("siberia-01", "s19-0002", 1, 59.3772, 28.1903));
                    Await.until(
                            "Alertmanager lists the rig near Narva",
                            () -> active(base, "s19-0002").isPresent());
                    JsonNode narva = active(base, "s19-0002").orElseThrow();
                    assertThat(narva.at("/labels/alertname").asText()).isEqualTo("RigNearRestrictedBorder");
                    assertThat(narva.at("/labels").has("border_km"))
                            .as("it changes as a rig moves")
                            .isFalse();
                    assertThat(narva.at("/annotations/border_km").asText()).isEqualTo("0.76");

                    agent.publishAcknowledged(TestTelemetry.at("siberia-01", "s19-0001", 2, 43.25, 76.95));
                    Await.until(
                            "Alertmanager no longer lists it as active",
                            () -> irkutskAlert(base).isEmpty());
                }
            }
            assertThat(alertmanager.isAlive()).as(alertmanager.log()).isTrue();
        }
    }

    private static boolean ready(URI base) {
        try {
            return HTTP.send(
                                    HttpRequest.newBuilder(base.resolve("/-/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<JsonNode> active(URI base, String rig) throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(base.resolve("/api/v2/alerts?active=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode alert : JSON.readTree(body)) {
            if (rig.equals(alert.at("/labels/rig").asText())) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> irkutskAlert(URI base) throws Exception {
        String body = HTTP.send(
                        HttpRequest.newBuilder(base.resolve("/api/v2/alerts?active=true"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (JsonNode alert : JSON.readTree(body)) {
            if ("RU-IRK".equals(alert.at("/labels/subdivision").asText())
                    && "active".equals(alert.at("/status/state").asText())) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }
}
