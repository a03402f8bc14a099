package io.hashfence.collector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * Another site's connection, open all along while a test abuses its neighbour: after each abuse it must still
 * get its telemetry accepted and stored, and the collector must still be healthy.
 */
public final class Bystander implements AutoCloseable {
    private static final String RIG = "bystander";

    private final RunningCollector collector;
    private final String site;
    private final MqttTestClient client;
    private long seq;

    private Bystander(RunningCollector collector, String site, MqttTestClient client) {
        this.collector = collector;
        this.site = site;
        this.client = client;
    }

    /** Adds the site to the collector and connects it over MQTT 5. */
    public static Bystander connect(RunningCollector collector, String site) throws Exception {
        MqttTestClient client =
                MqttTestClient.accepted(collector.mqtt(), MqttVersion.MQTT_5, site, collector.addSite(site));
        return new Bystander(collector, site, client);
    }

    /** Publishes the next sample and asserts it was acknowledged with success, stored, and the collector healthy. */
    public void assertUnharmed() throws Exception {
        seq++;
        int packetId = client.publish(
                TestTelemetry.topic(site, RIG),
                TestTelemetry.bytes(TestTelemetry.message(site, RIG, seq)),
                MqttQoS.AT_LEAST_ONCE);
        MqttMessage pubAck = client.await(MqttMessageType.PUBACK);
        assertThat(((MqttMessageIdVariableHeader) pubAck.variableHeader()).messageId())
                .isEqualTo(packetId);
        if (pubAck.variableHeader() instanceof MqttPubReplyMessageVariableHeader header) {
            assertThat(header.reasonCode()).as("PUBACK reason code").isZero();
        }
        assertThat(collector.get("/api/v1/rigs/" + site + "/" + RIG).body()).contains("\"seq\":" + seq);
        assertThat(MetricsScrape.get(collector.http(), "/healthz").statusCode()).isEqualTo(200);
    }

    @Override
    public void close() {
        client.close();
    }
}
