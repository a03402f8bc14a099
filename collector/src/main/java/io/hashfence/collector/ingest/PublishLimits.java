package io.hashfence.collector.ingest;

import io.hashfence.collector.config.LimitsConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import java.util.function.IntSupplier;

/**
 * The flow-control stage: a PUBLISH passes on only at QoS 0 or 1, within the connection's PUBLISH rate, and
 * at QoS 1 only while fewer than {@code receive_maximum} PUBACKs are outstanding; a client over a limit is
 * disconnected (MQTT 5: with the reason). A QoS 0 PUBLISH with the DUP flag is malformed.
 */
final class PublishLimits extends ChannelInboundHandlerAdapter {
    private final MqttConnection connection;
    private final LimitsConfig limits;
    private final int receiveMaximum;
    private final IntSupplier unacknowledged;
    private final PublishRate rate;
    private final IngestMetrics metrics;
    private final ThrottledLog warnings;
    private final ProtocolViolations violations;

    /** @param unacknowledged the QoS 1 PUBLISHes whose PUBACK has not gone out yet */
    PublishLimits(
            MqttConnection connection,
            LimitsConfig limits,
            int receiveMaximum,
            IntSupplier unacknowledged,
            IngestMetrics metrics,
            ThrottledLog warnings,
            ProtocolViolations violations) {
        this.connection = connection;
        this.limits = limits;
        this.receiveMaximum = receiveMaximum;
        this.unacknowledged = unacknowledged;
        this.rate = new PublishRate(limits.publishesPerSecond(), limits.publishBurst(), System.nanoTime());
        this.metrics = metrics;
        this.warnings = warnings;
        this.violations = violations;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttPublishMessage publish = (MqttPublishMessage) msg;
        MqttQoS qos = publish.fixedHeader().qosLevel();
        if (qos == MqttQoS.AT_MOST_ONCE && publish.fixedHeader().isDup()) {
            ReferenceCountUtil.release(publish);
            violations.malformed(ctx, connection, "QoS 0 PUBLISH with the DUP flag set");
        } else if (qos == MqttQoS.EXACTLY_ONCE) {
            ReferenceCountUtil.release(publish);
            refuseAndClose(ctx, IngestOutcome.QOS_NOT_SUPPORTED, null, "QoS 2 PUBLISH");
        } else if (!rate.tryAcquire(System.nanoTime())) {
            ReferenceCountUtil.release(publish);
            refuseAndClose(
                    ctx,
                    IngestOutcome.RATE_LIMITED,
                    ProtocolError.PUBLISH_RATE_EXCEEDED,
                    "more than " + limits.publishesPerSecond() + " PUBLISH/s");
        } else if (qos == MqttQoS.AT_LEAST_ONCE && unacknowledged.getAsInt() >= receiveMaximum) {
            ReferenceCountUtil.release(publish);
            refuseAndClose(
                    ctx,
                    IngestOutcome.RECEIVE_MAXIMUM_EXCEEDED,
                    ProtocolError.RECEIVE_MAXIMUM_EXCEEDED,
                    "more than " + receiveMaximum + " unacknowledged QoS 1 messages");
        } else {
            ctx.fireChannelRead(publish);
        }
    }

    private void refuseAndClose(ChannelHandlerContext ctx, IngestOutcome outcome, ProtocolError error, String what) {
        metrics.message(outcome);
        if (error != null) {
            metrics.protocolError(error);
        }
        warnings.warn(
                outcome.label(),
                "closed connection {} of site {}: {}",
                connection.id(),
                connection.session().site(),
                what);
        connection.closeWithReason(ctx, outcome.reasonCode());
    }
}
