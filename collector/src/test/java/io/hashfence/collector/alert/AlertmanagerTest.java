package io.hashfence.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.testing.Alertmanager;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real Alertmanager: a rig in Irkutsk Oblast raises an alert it lists; moving to Kazakhstan resolves it. */
class AlertmanagerTest {
    @TempDir
    Path dir;

    @Test
    void aRigInIrkutskIsListedByAlertmanagerAndMovingToKazakhstanResolvesIt() throws Exception {
        try (Alertmanager alertmanager = Alertmanager.start(dir)) {
            // Any speed is plausible here, so that the move to Kazakhstan a moment later is credible and resolves
            // the alert (at the default 1000 km/h the violation would hold for the 2.5 h the distance takes).
            ComplianceConfig anySpeed =
                    new ComplianceConfig(null, Duration.ofHours(1), 1e12, 1.0, 20, null, Duration.ofSeconds(30));
            try (RunningCollector collector = new RunningCollector(
                    dir.resolve("data"),
                    config -> config.withCompliance(anySpeed)
                            .withAlerts(config.alerts()
                                    .withAlertmanager(alertmanager.url())
                                    .withResolveAfter(Duration.ZERO)))) {
                String token = collector.addSite("siberia-01");
                try (MqttTestClient agent =
                        MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "siberia-01", token)) {
                    agent.connAck();
                    agent.publishAcknowledged(TestTelemetry.at("siberia-01", "s19-0001", 1, 52.29, 104.29));

                    Await.until(
                            "Alertmanager lists the alert",
                            () -> irkutskAlert(alertmanager).isPresent());
                    JsonNode labels = irkutskAlert(alertmanager).orElseThrow().get("labels");
                    assertThat(labels.get("alertname").asText()).isEqualTo("RigInRestrictedJurisdiction");
                    assertThat(labels.get("site").asText()).isEqualTo("siberia-01");
                    assertThat(labels.get("rig").asText()).isEqualTo("s19-0001");
                    assertThat(labels.get("country").asText()).isEqualTo("RU");
                    assertThat(labels.get("subdivision").asText()).isEqualTo("RU-IRK");
                    assertThat(labels.get("severity").asText()).isEqualTo("critical");
                    assertThat(irkutskAlert(alertmanager)
                                    .orElseThrow()
                                    .at("/annotations/evidence")
                                    .asText())
                            .contains("static_declaration");
                    assertThat(irkutskAlert(alertmanager)
                                    .orElseThrow()
                                    .get("annotations")
                                    .has("border_km"))
                            .as("Irkutsk is more than 100 km from any border")
                            .isFalse();

                    agent.publishAcknowledged(TestTelemetry.at("siberia-01", "s19-0002", 1, 59.3772, 28.1903));
                    Await.until(
                            "Alertmanager lists the rig near Narva",
                            () -> !alertmanager.activeFor("s19-0002").isEmpty());
                    JsonNode narva = alertmanager.activeFor("s19-0002").get(0);
                    assertThat(narva.at("/labels/alertname").asText()).isEqualTo("RigNearRestrictedBorder");
                    assertThat(narva.at("/labels").has("border_km"))
                            .as("it changes as a rig moves")
                            .isFalse();
                    assertThat(narva.at("/annotations/border_km").asText()).isEqualTo("0.76");

                    agent.publishAcknowledged(TestTelemetry.at("siberia-01", "s19-0001", 2, 43.25, 76.95));
                    Await.until(
                            "Alertmanager no longer lists it as active",
                            () -> irkutskAlert(alertmanager).isEmpty());
                }
            }
            assertThat(alertmanager.isAlive()).as(alertmanager.log()).isTrue();
        }
    }

    private static Optional<JsonNode> irkutskAlert(Alertmanager alertmanager) throws Exception {
        return alertmanager.active().stream()
                .filter(alert -> "RU-IRK".equals(alert.at("/labels/subdivision").asText())
                        && "active".equals(alert.at("/status/state").asText()))
                .findFirst();
    }
}
