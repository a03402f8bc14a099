package io.hashfence.collector.ingest;

import io.hashfence.protocol.Topic;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * The packets that are not PUBLISH: PINGREQ, SUBSCRIBE (only to the site's own command topic), UNSUBSCRIBE
 * and DISCONNECT; any other kind a client may not send closes the connection. PUBLISH passes on. The
 * replies of one read go out together, when the read completes.
 */
final class ControlPackets extends ChannelInboundHandlerAdapter {
    private static final int SUBSCRIPTION_REFUSED_3 = 0x80;
    private static final int SUBSCRIPTION_REFUSED_5 = 0x87;

    private final MqttConnection connection;
    private final ProtocolViolations violations;

    ControlPackets(MqttConnection connection, ProtocolViolations violations) {
        this.connection = connection;
        this.violations = violations;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage message = (MqttMessage) msg;
        if (message.fixedHeader().messageType() == MqttMessageType.PUBLISH) {
            ctx.fireChannelRead(message);
            return;
        }
        try {
            switch (message.fixedHeader().messageType()) {
                case PINGREQ -> ctx.write(MqttReplies.PINGRESP);
                case SUBSCRIBE -> onSubscribe(ctx, (MqttSubscribeMessage) message);
                case UNSUBSCRIBE -> onUnsubscribe(ctx, (MqttUnsubscribeMessage) message);
                case DISCONNECT -> onDisconnect(ctx, message);
                default ->
                    violations.unexpected(
                            ctx,
                            connection,
                            "unexpected " + message.fixedHeader().messageType());
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        ctx.fireChannelReadComplete();
    }

    private void onSubscribe(ChannelHandlerContext ctx, MqttSubscribeMessage subscribe) {
        Session session = connection.session();
        String commandTopic = new Topic.Command(session.site()).name();
        List<MqttTopicSubscription> subscriptions = subscribe.payload().topicSubscriptions();
        if (subscriptions.isEmpty()) {
            violations.violation(ctx, connection, ProtocolError.NO_TOPIC_FILTERS, "SUBSCRIBE without topic filters");
            return;
        }
        int[] reasonCodes = new int[subscriptions.size()];
        for (int i = 0; i < reasonCodes.length; i++) {
            MqttTopicSubscription subscription = subscriptions.get(i);
            if (subscription.topicFilter().equals(commandTopic)) {
                reasonCodes[i] = Math.min(subscription.qualityOfService().value(), MqttQoS.AT_LEAST_ONCE.value());
            } else {
                reasonCodes[i] = session.isMqtt5() ? SUBSCRIPTION_REFUSED_5 : SUBSCRIPTION_REFUSED_3;
            }
        }
        ctx.write(MqttReplies.subAck(subscribe.variableHeader().messageId(), reasonCodes));
    }

    private void onUnsubscribe(ChannelHandlerContext ctx, MqttUnsubscribeMessage unsubscribe) {
        if (unsubscribe.payload().topics().isEmpty()) {
            violations.violation(ctx, connection, ProtocolError.NO_TOPIC_FILTERS, "UNSUBSCRIBE without topic filters");
            return;
        }
        ctx.write(MqttReplies.unsubAck(unsubscribe.variableHeader().messageId()));
    }

    private void onDisconnect(ChannelHandlerContext ctx, MqttMessage disconnect) {
        int remaining = disconnect.fixedHeader().remainingLength();
        if (connection.version() != MqttVersion.MQTT_5 && remaining > 0) {
            // MQTT 3.1.1 DISCONNECT has no variable header and no payload: this is a malformed packet, and
            // like any connection closed for an error, it publishes the Will.
            violations.malformed(ctx, connection, "MQTT 3.1.1 DISCONNECT with " + remaining + " bytes after it");
            return;
        }
        boolean keepWill = disconnect.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header
                && header.reasonCode() != MqttConnection.NORMAL_DISCONNECT;
        if (!keepWill) {
            connection.dropWill();
        }
        ctx.close();
    }
}
