package io.hashfence.collector.ingest;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.ArrayDeque;

/**
 * The PUBACK sequencer, the only stage that decides when a PUBLISH is answered. PUBACKs go out in the order
 * the PUBLISHes came (MQTT requires it), each only once what its message wrote is durable; messages that
 * wrote nothing wait only behind those that did. Each message is counted by outcome when its PUBACK goes
 * out, so {@code accepted} counts only what is durable. A PUBLISH at QoS 0 is only counted.
 */
final class PubAckSequencer extends ChannelInboundHandlerAdapter {
    private final MqttConnection connection;
    private final DurableStores stores;
    private final IngestMetrics metrics;
    private final ArrayDeque<PendingAck> pending = new ArrayDeque<>();
    private boolean awaitingDisk;

    PubAckSequencer(MqttConnection connection, DurableStores stores, IngestMetrics metrics) {
        this.connection = connection;
        this.stores = stores;
        this.metrics = metrics;
    }

    /** A PUBACK that waits for the stores to be on disk up to {@code awaited}. */
    private record PendingAck(int packetId, IngestOutcome outcome, StorePositions awaited) {}

    /** The QoS 1 PUBLISHes whose PUBACK waits for the disk. */
    int unacknowledged() {
        return pending.size();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RoutedPublish routed = (RoutedPublish) msg;
        if (routed.outcome() == IngestOutcome.TOPIC_NOT_AUTHORIZED
                && !connection.session().isMqtt5()) {
            // MQTT 3.1.1 cannot refuse a single PUBLISH: closing is the only answer the client sees.
            metrics.message(routed.outcome());
            ctx.close();
        } else if (routed.qos() == MqttQoS.AT_LEAST_ONCE) {
            acknowledge(ctx, new PendingAck(routed.packetId(), routed.outcome(), awaited(routed)));
        } else {
            metrics.message(routed.outcome());
        }
    }

    /**
     * What a message's PUBACK waits for: the events it queued, and its (site, rig, seq) in the journal. A
     * duplicate may be the resend of a message whose events are still queued: it waits for them too.
     */
    private static StorePositions awaited(RoutedPublish routed) {
        long eventsAfter = routed.after().events();
        long journalAfter = routed.after().journal();
        boolean waitsForEvents = eventsAfter > routed.before().events() || routed.outcome() == IngestOutcome.DUPLICATE;
        return new StorePositions(
                waitsForEvents ? eventsAfter : 0, journalAfter > routed.before().journal() ? journalAfter : 0);
    }

    private void acknowledge(ChannelHandlerContext ctx, PendingAck ack) {
        if (pending.isEmpty() && stores.isDurable(ack.awaited())) {
            send(ctx, ack);
            return;
        }
        pending.add(ack);
        awaitOldest(ctx);
    }

    private void send(ChannelHandlerContext ctx, PendingAck ack) {
        metrics.message(ack.outcome());
        ctx.write(MqttReplies.pubAck(
                ack.packetId(), connection.session().isMqtt5() ? ack.outcome().reasonCode() : 0));
    }

    /**
     * Asks to be woken when the oldest waiting PUBACK's writes are durable. One wake-up at a time is
     * enough, as no PUBACK can go out before the oldest, and it saves a future per message.
     */
    private void awaitOldest(ChannelHandlerContext ctx) {
        if (awaitingDisk || pending.isEmpty()) {
            return;
        }
        awaitingDisk = true;
        stores.durable(pending.peek().awaited()).whenCompleteAsync((done, failure) -> sendReady(ctx), ctx.executor());
    }

    private void sendReady(ChannelHandlerContext ctx) {
        awaitingDisk = false;
        boolean sent = false;
        while (!pending.isEmpty() && stores.isDurable(pending.peek().awaited())) {
            send(ctx, pending.poll());
            sent = true;
        }
        if (sent) {
            ctx.flush();
        }
        awaitOldest(ctx);
    }
}
