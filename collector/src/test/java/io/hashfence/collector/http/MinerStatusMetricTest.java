package io.hashfence.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.MqttTestClient;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hashfence_rig_miner_status: what the miner does, apart from whether its agent reports. */
class MinerStatusMetricTest {
    @TempDir
    Path dataDir;

    @Test
    void aMinerThatStopsAnsweringShowsInItsStatusWhileTheRigStaysUp() throws Exception {
        String status = "hashfence_rig_miner_status{rig=\"s19-0002\",site=\"norway-01\",state=\"%s\"}";
        try (RunningCollector collector = new RunningCollector(dataDir);
                MqttTestClient agent = MqttTestClient.connect(
                        collector.mqtt(), MqttVersion.MQTT_5, "norway-01", collector.addSite("norway-01"))) {
            agent.connAck();
            ObjectNode mining = TestTelemetry.message("norway-01", "s19-0002", 1);
            agent.publish(
                    TestTelemetry.topic("norway-01", "s19-0002"), TestTelemetry.bytes(mining), MqttQoS.AT_LEAST_ONCE);
            agent.await(MqttMessageType.PUBACK);
            assertThat(MetricsScrape.sample(collector.http(), status.formatted("mining")))
                    .isEqualTo(1);

            ObjectNode unreachable =
                    TestTelemetry.message("norway-01", "s19-0002", 2).put("hashrate_hs", 0);
            ((ObjectNode) unreachable.get("miner")).put("status", "unreachable");
            agent.publish(
                    TestTelemetry.topic("norway-01", "s19-0002"),
                    TestTelemetry.bytes(unreachable),
                    MqttQoS.AT_LEAST_ONCE);
            agent.await(MqttMessageType.PUBACK);

            assertThat(MetricsScrape.sample(collector.http(), status.formatted("unreachable")))
                    .isEqualTo(1);
            assertThat(MetricsScrape.sample(collector.http(), status.formatted("mining")))
                    .as("one state per rig")
                    .isNaN();
            assertThat(MetricsScrape.sample(collector.http(), "hashfence_rig_up{rig=\"s19-0002\",site=\"norway-01\"}"))
                    .as("the agent still reports the rig")
                    .isEqualTo(1);
        }
    }
}
