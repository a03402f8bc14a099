package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertStatus;
import io.hashfence.collector.alert.AlertType;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart is no way out: a rig held in violation at Irkutsk and suspected of spoofing, claiming Texas
 * after the collector restarted, is still in violation there and still suspected.
 */
class VerdictsAcrossRestartsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE = "texas-02";
    private static final String RIG = "s19-0007";

    @TempDir
    Path dir;

    @Test
    void aHeldViolationAndASpoofingSuspicionSurviveARestart() throws Exception {
        Path data = dir.resolve("data");
        String token;
        try (RunningCollector collector = new RunningCollector(data)) {
            token = collector.addSite(SITE);
            try (MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, SITE, token)) {
                agent.connAck();
                publish(agent, 1, 52.29, 104.29);
                publish(agent, 2, 30.6555, -97.0014);
            }
            assertThat(firing(collector)).contains(AlertType.IN_RESTRICTED_JURISDICTION, AlertType.SPOOF_SUSPECTED);
        }
        try (RunningCollector restarted = new RunningCollector(data)) {
            try (MqttTestClient agent = MqttTestClient.connect(restarted.mqtt(), MqttVersion.MQTT_5, SITE, token)) {
                agent.connAck();
                publish(agent, 3, 30.6556, -97.0015);
            }
            HttpResponse<String> rig = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + restarted.http().getPort() + "/api/v1/rigs/" + SITE + "/" + RIG))
                    .header("Authorization", "Bearer " + restarted.apiToken()).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode compliance = JSON.readTree(rig.body()).get("compliance");
            assertThat(compliance.get("state").asText()).isEqualTo("violation");
            assertThat(compliance.at("/subdivision/code").asText()).isEqualTo("RU-IRK");
            assertThat(compliance.get("evidence").toString()).contains("raised before the collector restarted",
                    "it now claims 30.65560, -97.00150 in US-TX");
            restarted.collector().alerts().tick();
            assertThat(firing(restarted)).contains(AlertType.IN_RESTRICTED_JURISDICTION, AlertType.SPOOF_SUSPECTED);
        }
    }

    private static List<AlertType> firing(RunningCollector collector) {
        return collector.collector().alerts().open().stream().filter(a -> a.status() == AlertStatus.FIRING)
                .map(Alert::type).toList();
    }

    private static void publish(MqttTestClient agent, long seq, double lat, double lon) throws Exception {
        agent.publish(TestTelemetry.topic(SITE, RIG), TestTelemetry.bytes(TestTelemetry.at(SITE, RIG, seq, lat, lon)),
                MqttQoS.AT_LEAST_ONCE);
        agent.await(MqttMessageType.PUBACK);
    }
}
