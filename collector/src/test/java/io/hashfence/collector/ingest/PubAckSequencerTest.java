package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.storage.DurableMark;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** PUBACKs in PUBLISH order, each only once its message's writes are on disk, counted when they go out. */
class PubAckSequencerTest {
    private final IngestMetrics metrics = new IngestMetrics();
    private final MarkedStores stores = new MarkedStores();
    private StageChannel channel;

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private PubAckSequencer start(MqttVersion version) {
        PubAckSequencer sequencer = new PubAckSequencer(StageChannel.authenticated("site-a", version), stores, metrics);
        channel = new StageChannel(sequencer);
        return sequencer;
    }

    @Test
    void aMessageThatWroteNothingIsAcknowledgedAtOnce() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(routed(1, IngestOutcome.UNKNOWN_TOPIC, 0, 0));
        assertThat(pubAcks()).containsExactly("1:" + 0x90);
        assertThat(StageChannel.messages(metrics, IngestOutcome.UNKNOWN_TOPIC)).isEqualTo(1);
    }

    @Test
    void pubAcksWaitForTheirWritesAndKeepTheirOrder() {
        PubAckSequencer sequencer = start(MqttVersion.MQTT_5);
        channel.writeInbound(routed(1, IngestOutcome.ACCEPTED, 1, 0));
        channel.writeInbound(routed(2, IngestOutcome.UNKNOWN_TOPIC, 0, 0));
        channel.writeInbound(routed(3, IngestOutcome.ACCEPTED, 0, 1));
        assertThat(pubAcks()).isEmpty();
        assertThat(sequencer.unacknowledged()).isEqualTo(3);
        assertThat(StageChannel.messages(metrics, IngestOutcome.ACCEPTED)).isZero();

        stores.events.advance(1);
        channel.runPendingTasks();
        assertThat(pubAcks()).containsExactly("1:0", "2:" + 0x90);
        assertThat(sequencer.unacknowledged()).isEqualTo(1);
        assertThat(StageChannel.messages(metrics, IngestOutcome.ACCEPTED)).isEqualTo(1);

        stores.journal.advance(1);
        channel.runPendingTasks();
        assertThat(pubAcks()).containsExactly("3:0");
        assertThat(sequencer.unacknowledged()).isZero();
        assertThat(StageChannel.messages(metrics, IngestOutcome.ACCEPTED)).isEqualTo(2);
    }

    @Test
    void aDuplicateWaitsForTheEventsQueuedBeforeIt() {
        start(MqttVersion.MQTT_5);
        stores.queuedEvents = 7;
        channel.writeInbound(new RoutedPublish(
                4, MqttQoS.AT_LEAST_ONCE, IngestOutcome.DUPLICATE, new StorePositions(7, 0), new StorePositions(7, 0)));
        assertThat(pubAcks()).isEmpty();
        stores.events.advance(7);
        channel.runPendingTasks();
        assertThat(pubAcks()).containsExactly("4:0");
    }

    @Test
    void mqtt311GetsPubAcksWithoutReasonCodes() {
        start(MqttVersion.MQTT_3_1_1);
        channel.writeInbound(routed(9, IngestOutcome.MALFORMED_JSON, 0, 0));
        channel.flushOutbound();
        MqttMessage pubAck = channel.readOutbound();
        assertThat(pubAck.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(((MqttPubReplyMessageVariableHeader) pubAck.variableHeader()).reasonCode())
                .isZero();
    }

    @Test
    void qos0IsCountedWithoutPubAck() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(new RoutedPublish(
                0, MqttQoS.AT_MOST_ONCE, IngestOutcome.ACCEPTED, StorePositions.NONE, new StorePositions(1, 0)));
        assertThat(pubAcks()).isEmpty();
        assertThat(StageChannel.messages(metrics, IngestOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void aTopicOutsideTheSiteClosesAnMqtt311Connection() {
        start(MqttVersion.MQTT_3_1_1);
        channel.writeInbound(routed(5, IngestOutcome.TOPIC_NOT_AUTHORIZED, 0, 0));
        assertThat(channel.isActive()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(StageChannel.messages(metrics, IngestOutcome.TOPIC_NOT_AUTHORIZED))
                .isEqualTo(1);
    }

    @Test
    void anMqtt5ClientIsToldByPubAckThatTheTopicIsNotItsSite() {
        start(MqttVersion.MQTT_5);
        channel.writeInbound(routed(5, IngestOutcome.TOPIC_NOT_AUTHORIZED, 0, 0));
        assertThat(channel.isActive()).isTrue();
        assertThat(pubAcks()).containsExactly("5:" + 0x87);
    }

    /** A QoS 1 PUBLISH whose routing queued up to these positions (0: it wrote nothing there). */
    private RoutedPublish routed(int packetId, IngestOutcome outcome, long events, long journal) {
        StorePositions before = stores.queued();
        stores.queuedEvents = Math.max(stores.queuedEvents, events);
        stores.queuedJournal = Math.max(stores.queuedJournal, journal);
        return new RoutedPublish(packetId, MqttQoS.AT_LEAST_ONCE, outcome, before, stores.queued());
    }

    /**
     * The PUBACKs sent so far, as "packetId:reasonCode". What the sequencer writes while a read is handled
     * goes out with the read's end (the {@code control} stage flushes it), so this flushes first.
     */
    private List<String> pubAcks() {
        channel.flushOutbound();
        List<String> sent = new ArrayList<>();
        for (MqttMessage message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            assertThat(message.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
            MqttPubReplyMessageVariableHeader header = (MqttPubReplyMessageVariableHeader) message.variableHeader();
            sent.add(header.messageId() + ":" + (header.reasonCode() & 0xFF));
        }
        return sent;
    }

    /** Two stores whose disk progress the test moves by hand, each with Hashfence's own {@link DurableMark}. */
    private static final class MarkedStores implements DurableStores {
        final DurableMark events = new DurableMark(0);
        final DurableMark journal = new DurableMark(0);
        long queuedEvents;
        long queuedJournal;

        @Override
        public StorePositions queued() {
            return new StorePositions(queuedEvents, queuedJournal);
        }

        @Override
        public boolean isDurable(StorePositions positions) {
            return events.isDurable(positions.events()) && journal.isDurable(positions.journal());
        }

        @Override
        public CompletableFuture<Void> durable(StorePositions positions) {
            return CompletableFuture.allOf(events.when(positions.events()), journal.when(positions.journal()));
        }
    }
}
