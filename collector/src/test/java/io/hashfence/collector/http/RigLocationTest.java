package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rig API states a rig's place as {@code /api/v1/locate} does: claimant, control and border distance. */
class RigLocationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRigInCrimeaIsRussiaDeFactoClaimedByUkraineAndOneInNarvaIsUnderAKilometreFromTheBorder() throws Exception {
        try (RunningCollector collector = new RunningCollector(dir)) {
            String token = collector.addSite("lab-01");
            try (MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "lab-01", token)) {
                agent.connAck();
                agent.publish(
                        TestTelemetry.topic("lab-01", "crimea-01"),
                        TestTelemetry.bytes(TestTelemetry.at("lab-01", "crimea-01", 1, 44.95, 34.10)),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
                agent.publish(
                        TestTelemetry.topic("lab-01", "narva-01"),
                        TestTelemetry.bytes(TestTelemetry.at("lab-01", "narva-01", 1, 59.3772, 28.1903)),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
            }
            JsonNode crimea = rig(collector, "crimea-01").get("compliance");
            assertThat(crimea.at("/country/code").asText()).isEqualTo("RU");
            assertThat(crimea.at("/country/de_facto").asBoolean()).isTrue();
            assertThat(crimea.at("/claimed_by/code").asText()).isEqualTo("UA");
            assertThat(crimea.get("control").asText()).isEqualTo("de_facto");
            assertThat(crimea.at("/subdivision/code").asText()).isEqualTo("UA-43");
            assertThat(crimea.get("state").asText()).isEqualTo("violation");

            JsonNode narva = rig(collector, "narva-01").get("compliance");
            assertThat(narva.at("/country/code").asText()).isEqualTo("EE");
            assertThat(narva.get("claimed_by").isNull()).isTrue();
            assertThat(narva.get("border_km").asDouble()).isBetween(0.3, 1.5);
            assertThat(narva.get("state").asText())
                    .as("0.8 km from Russia, restricted by default")
                    .isEqualTo("warning");
        }
    }

    private static JsonNode rig(RunningCollector collector, String rig) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + collector.http().getPort() + "/api/v1/rigs/lab-01/" + rig))
                                .header("Authorization", "Bearer " + collector.apiToken())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
