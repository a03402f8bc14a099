package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing through the real ingest: each PUBLISH leaves as a {@link RoutedPublish} bracketing what it queued
 * in the event log and the journal; at the end of the connection the Will is routed and the rigs go down.
 */
class PublishRoutingTest {
    private static final String SITE = "site-a";
    private static final int MAX_TOPIC_LENGTH = 64;

    @TempDir
    static Path dir;

    static IngestWiring ingest;

    private final IngestMetrics metrics = new IngestMetrics();
    private MqttConnection connection;
    private StageChannel channel;

    @BeforeAll
    static void wire() throws Exception {
        ingest = new IngestWiring(dir);
    }

    @AfterAll
    static void unwire() {
        ingest.close();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void start(long connectionId) {
        connection = new MqttConnection(connectionId);
        connection.connecting(
                MqttVersion.MQTT_5,
                new Will(
                        "hashfence/v1/" + SITE + "/status",
                        ("{\"schema_version\":1,\"site\":\"" + SITE + "\",\"state\":\"offline\",\"time\":\""
                                        + Instant.now() + "\"}")
                                .getBytes(StandardCharsets.UTF_8)));
        connection.authenticated(
                new Session(SiteId.of(SITE), connectionId, MqttVersion.MQTT_5, ConnectionFacts.unknown()));
        channel = new StageChannel(new PublishRouting(
                connection, ingest.router, ingest.registry, ingest.stores(), MAX_TOPIC_LENGTH, metrics));
    }

    @Test
    void acceptedTelemetryBracketsTheJournalRecordItQueued() {
        start(11);
        channel.writeInbound(publish(
                "hashfence/v1/" + SITE + "/rig-1/telemetry",
                MqttQoS.AT_LEAST_ONCE,
                5,
                TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-1", 1))));
        RoutedPublish routed = channel.readInbound();
        assertThat(routed.outcome()).isEqualTo(IngestOutcome.ACCEPTED);
        assertThat(routed.packetId()).isEqualTo(5);
        assertThat(routed.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(routed.after().journal()).isEqualTo(routed.before().journal() + 1);
        assertThat(routed.after().events()).isGreaterThan(routed.before().events());
        assertThat(processed()).isEqualTo(1);
    }

    @Test
    void aTopicOverTheLengthLimitIsRefusedWithoutRouting() {
        start(12);
        String topic = "hashfence/v1/" + SITE + "/" + "r".repeat(MAX_TOPIC_LENGTH) + "/telemetry";
        channel.writeInbound(
                publish(topic, MqttQoS.AT_LEAST_ONCE, 6, TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-2", 1))));
        RoutedPublish routed = channel.readInbound();
        assertThat(routed.outcome()).isEqualTo(IngestOutcome.TOPIC_TOO_LONG);
        assertThat(routed.after()).isEqualTo(routed.before());
    }

    @Test
    void anotherSitesTopicIsNotAuthorized() {
        start(13);
        channel.writeInbound(publish(
                "hashfence/v1/site-b/rig-1/telemetry",
                MqttQoS.AT_MOST_ONCE,
                0,
                TestTelemetry.bytes(TestTelemetry.message("site-b", "rig-1", 1))));
        RoutedPublish routed = channel.readInbound();
        assertThat(routed.outcome()).isEqualTo(IngestOutcome.TOPIC_NOT_AUTHORIZED);
    }

    @Test
    void whenTheConnectionEndsTheWillIsRoutedAndItsRigsGoDown() {
        start(14);
        channel.writeInbound(publish(
                "hashfence/v1/" + SITE + "/rig-3/telemetry",
                MqttQoS.AT_MOST_ONCE,
                0,
                TestTelemetry.bytes(TestTelemetry.message(SITE, "rig-3", 1))));
        channel.readInbound();
        RigKey rig = new RigKey(SiteId.of(SITE), RigId.of("rig-3"));
        assertThat(ingest.registry.isUp(ingest.registry.find(rig).orElseThrow()))
                .isTrue();
        double acceptedBefore = StageChannel.messages(metrics, IngestOutcome.ACCEPTED);

        channel.close();

        assertThat(StageChannel.messages(metrics, IngestOutcome.ACCEPTED)).isEqualTo(acceptedBefore + 1);
        assertThat(ingest.registry.isUp(ingest.registry.find(rig).orElseThrow()))
                .isFalse();
    }

    /** How many messages {@code hashfence_ingest_processing_seconds} timed. */
    private long processed() {
        return metrics.collect().stream()
                .filter(HistogramSnapshot.class::isInstance)
                .map(HistogramSnapshot.class::cast)
                .mapToLong(histogram -> histogram.getDataPoints().get(0).getCount())
                .sum();
    }

    private static MqttPublishMessage publish(String topic, MqttQoS qos, int packetId, byte[] payload) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, false, 0),
                new MqttPublishVariableHeader(topic, packetId),
                Unpooled.wrappedBuffer(payload));
    }
}
