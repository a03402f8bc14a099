package io.hashfence.collector.ingest;

import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.logging.ClientText;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing stage: each PUBLISH, unless its topic is too long, through {@link PublishRouter} to telemetry
 * or site status ingest; it passes on as a {@link RoutedPublish} with the stores' queued positions around it.
 * When the connection ends, the Will (if any is left) is routed, and then the fleet learns the connection
 * is gone.
 */
final class PublishRouting extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PublishRouting.class);

    private final MqttConnection connection;
    private final PublishRouter router;
    private final RigRegistry registry;
    private final DurableStores stores;
    private final int maxTopicLength;
    private final IngestMetrics metrics;

    PublishRouting(
            MqttConnection connection,
            PublishRouter router,
            RigRegistry registry,
            DurableStores stores,
            int maxTopicLength,
            IngestMetrics metrics) {
        this.connection = connection;
        this.router = router;
        this.registry = registry;
        this.stores = stores;
        this.maxTopicLength = maxTopicLength;
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttPublishMessage publish = (MqttPublishMessage) msg;
        RoutedPublish routed;
        try {
            routed = route(publish);
        } finally {
            ReferenceCountUtil.release(publish);
        }
        ctx.fireChannelRead(routed);
    }

    private RoutedPublish route(MqttPublishMessage publish) {
        long started = System.nanoTime();
        MqttQoS qos = publish.fixedHeader().qosLevel();
        String topic = publish.variableHeader().topicName();
        Session session = connection.session();
        StorePositions before = stores.queued();
        IngestOutcome outcome;
        try {
            outcome = topic.length() > maxTopicLength
                    ? IngestOutcome.TOPIC_TOO_LONG
                    : router.route(
                            session, topic, ByteBufUtil.getBytes(publish.content()), qos == MqttQoS.AT_LEAST_ONCE);
        } catch (RuntimeException e) {
            LOG.error(
                    "processing a message from site {} on {} failed; it is refused, the connection goes on",
                    session.site(),
                    ClientText.escape(topic),
                    e);
            outcome = IngestOutcome.INTERNAL_ERROR;
        }
        StorePositions after = stores.queued();
        metrics.processed(System.nanoTime() - started);
        return new RoutedPublish(publish.variableHeader().packetId(), qos, outcome, before, after);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Session session = connection.session();
        if (session != null) {
            Will will = connection.will();
            if (will != null) {
                metrics.message(router.route(session, will.topic(), will.payload(), false));
            }
            registry.connectionClosed(session.site(), connection.id());
            LOG.debug("site {} connection {} closed", session.site(), connection.id());
        }
        ctx.fireChannelInactive();
    }
}
