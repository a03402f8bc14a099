package io.hashfence.collector.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.collector.config.CollectorLocation;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Requirement;
import io.netty.channel.epoll.Epoll;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The physical bound through the real transport: on loopback the kernel's smoothed RTT is a fraction of a
 * millisecond, so a collector configured in Tokyo cannot be talking to a rig in Texas.
 */
class RttBoundTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aClaimThousandsOfKilometresAwayOverLoopbackIsImpossible() throws Exception {
        Requirement.require(
                Epoll.isAvailable(),
                "the RTT is read through the epoll transport, which did not load: " + Epoll.unavailabilityCause());
        ComplianceConfig tokyo = new ComplianceConfig(
                null, Duration.ofHours(1), 1000, 1, 20, new CollectorLocation(35.68, 139.76), Duration.ofSeconds(30));
        try (RunningCollector collector = new RunningCollector(dir, config -> config.withCompliance(tokyo))) {
            String token = collector.addSite("tx-01");
            try (MqttTestClient agent = MqttTestClient.connect(collector.mqtt(), MqttVersion.MQTT_5, "tx-01", token)) {
                agent.connAck();
                agent.publish(
                        TestTelemetry.topic("tx-01", "far"),
                        TestTelemetry.bytes(TestTelemetry.at("tx-01", "far", 1, 30.27, -97.74)),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
                agent.publish(
                        TestTelemetry.topic("tx-01", "near"),
                        TestTelemetry.bytes(TestTelemetry.at("tx-01", "near", 1, 35.68, 139.76)),
                        MqttQoS.AT_LEAST_ONCE);
                agent.await(MqttMessageType.PUBACK);
            }
            JsonNode far = JSON.readTree(collector.get("/api/v1/rigs/tx-01/far").body());
            assertThat(far.at("/compliance/trust").asText()).isEqualTo("none");
            assertThat(far.at("/compliance/evidence").toString()).contains("beyond_rtt_bound");
            JsonNode near =
                    JSON.readTree(collector.get("/api/v1/rigs/tx-01/near").body());
            assertThat(near.at("/compliance/evidence").toString())
                    .contains("within_rtt_bound")
                    .doesNotContain("beyond_rtt_bound");
            assertThat(collector.get("/api/v1/alerts").body())
                    .contains("RigLocationUnverified")
                    .contains("\"rig\":\"far\"");
        }
    }
}
