package io.hashfence.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.hashfence.collector.audit.AuditEvent;
import io.hashfence.collector.audit.ChainVerifier;
import io.hashfence.collector.audit.EventLog;
import io.hashfence.collector.audit.EventType;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts carry {@code border_km}, the rig's distance to the nearest border of its country, in the webhook
 * payload, the alerts API and the event log; and the near-border warning measures what it is for: outside
 * restricted places the distance to the nearest one, on disputed land a restricted state claims also the
 * distance to the border. Under the default policy (OFAC comprehensive, Russia and Belarus).
 */
class BorderDistanceAlertsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void alertsCarryTheBorderDistanceAndTheWarningMeasuresTheRightBorder() throws Exception {
        Map<String, JsonNode> firing = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if ("firing".equals(body.get("status").asText())) {
                firing.put(
                        body.at("/alert/rig").asText() + " "
                                + body.at("/alert/alertname").asText(),
                        body.get("alert"));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        try (RunningCollector collector = new RunningCollector(
                dir, config -> config.withAlerts(config.alerts().withWebhook(hook)))) {
            String token = collector.addSite("lab-01");
            try (MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "lab-01", token)) {
                agent.connAck();
                agent.publishAcknowledged(TestTelemetry.at("lab-01", "narva", 1, 59.3772, 28.1903));
                agent.publishAcknowledged(TestTelemetry.at("lab-01", "kherson", 1, 46.20, 33.75));
                agent.publishAcknowledged(TestTelemetry.at("lab-01", "prymorsk", 1, 46.70, 36.30));
                agent.publishAcknowledged(TestTelemetry.at("lab-01", "armyansk", 1, 46.12, 33.68));
                agent.publishAcknowledged(TestTelemetry.at("lab-01", "irkutsk", 1, 52.29, 104.29));
            }
            Await.until("five alerts delivered", () -> firing.size() >= 5);

            JsonNode narva = firing.get("narva RigNearRestrictedBorder");
            assertThat(narva.get("country").asText()).isEqualTo("EE");
            assertThat(narva.get("border_km").asDouble())
                    .as("on the Narva river")
                    .isBetween(0.3, 1.5);
            assertThat(narva.get("summary").asText()).matches(".*, 0\\.\\d km from a restricted jurisdiction");
            assertThat(narva.get("evidence").asText()).contains("near_border: 0.");

            // Just north of Crimea: Ukraine's outline holds Crimea, so its border is far, but Russian-held Crimea
            // is under a kilometre away; the warning follows the restricted place.
            JsonNode kherson = firing.get("kherson RigNearRestrictedBorder");
            assertThat(kherson.get("border_km").asDouble()).isGreaterThan(50);
            assertThat(kherson.get("summary").asText())
                    .contains("claimed by Russia (RU)")
                    .endsWith(", 0.7 km from a restricted jurisdiction");

            // On the Azov coast of Zaporizhzhia oblast (UA, contested by RU, which the policy restricts): no
            // restricted place within 50 km, but 24 km from Ukraine's border (the limit of its territorial sea).
            JsonNode prymorsk = firing.get("prymorsk RigNearRestrictedBorder");
            assertThat(prymorsk.get("subdivision").asText()).isEqualTo("UA-23");
            assertThat(prymorsk.get("border_km").asDouble()).isBetween(23.0, 25.0);
            assertThat(prymorsk.get("summary").asText())
                    .endsWith("on land RU claims, which the policy restricts, 24.4 km from the border of UA");

            // Inside Crimea by the isthmus: a violation, whose alert says how near the line it stands.
            JsonNode armyansk = firing.get("armyansk RigInRestrictedJurisdiction");
            assertThat(armyansk.get("subdivision").asText()).isEqualTo("UA-43");
            assertThat(armyansk.get("border_km").asDouble()).isBetween(3.0, 5.0);
            assertThat(firing).doesNotContainKey("armyansk RigNearRestrictedBorder");

            JsonNode irkutsk = firing.get("irkutsk RigInRestrictedJurisdiction");
            assertThat(irkutsk.has("border_km"))
                    .as("farther than 100 km from any border")
                    .isFalse();

            JsonNode api = JSON.readTree(collector.get("/api/v1/alerts").body());
            List<String> apiDistances = new ArrayList<>();
            for (JsonNode alert : api.path("alerts")) {
                if ("narva".equals(alert.get("rig").asText())) {
                    apiDistances.add(alert.get("border_km").asText());
                }
            }
            assertThat(apiDistances).containsExactly(narva.get("border_km").asText());
        } finally {
            receiver.stop(0);
        }
        List<AuditEvent> events = new ArrayList<>();
        ChainVerifier.read(dir.resolve(EventLog.FILE_NAME), events::add);
        assertThat(events)
                .filteredOn(e -> e.type() == EventType.ALERT_OPENED && "prymorsk".equals(e.rig()))
                .singleElement()
                .satisfies(e -> assertThat(e.data().get("border_km").asDouble()).isBetween(23.0, 25.0));
    }
}
