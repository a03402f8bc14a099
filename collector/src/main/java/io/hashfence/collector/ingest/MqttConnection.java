package io.hashfence.collector.ingest;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.util.concurrent.TimeUnit;

/**
 * What the stages of one connection's pipeline share: its id, the protocol version its CONNECT named, the
 * session once authenticated, its Will, and the two ways it ends early (a refused CONNECT, or a close that
 * tells an MQTT 5 client why). Used on the connection's event loop only.
 */
final class MqttConnection {
    static final byte NORMAL_DISCONNECT = 0x00;
    private static final long LINGER_AFTER_DISCONNECT_MILLIS = 2_000;

    private final long id;
    private MqttVersion version = MqttVersion.MQTT_3_1_1;
    private Session session;
    private Will will;
    /** A DISCONNECT with a reason was sent: whatever still arrives is dropped until the connection closes. */
    private boolean closing;

    MqttConnection(long id) {
        this.id = id;
    }

    long id() {
        return id;
    }

    MqttVersion version() {
        return version;
    }

    void connecting(MqttVersion version, Will will) {
        this.version = version;
        this.will = will;
    }

    /** The authenticated session, or null before authentication. */
    Session session() {
        return session;
    }

    void authenticated(Session session) {
        this.session = session;
    }

    /** The Will to publish when the connection ends, or null. */
    Will will() {
        return will;
    }

    /** A normal DISCONNECT: the client left on purpose, so its Will is not published. */
    void dropWill() {
        will = null;
    }

    boolean isClosing() {
        return closing;
    }

    String siteName() {
        return session == null ? "not authenticated" : "site " + session.site();
    }

    /** Answers a CONNECT with a refusal and closes; no Will is published for a connection never accepted. */
    void refuse(ChannelHandlerContext ctx, MqttMessage connAck) {
        will = null;
        ctx.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Closes the connection, telling an MQTT 5 client why first. The DISCONNECT is followed by a half-close,
     * and what the client still sends is read and dropped until it closes (or a moment has passed): closing
     * at once with its messages unread would make the kernel answer with a reset, and a reset makes the
     * client's kernel throw away the DISCONNECT before the client has read it.
     */
    void closeWithReason(ChannelHandlerContext ctx, byte reasonCode) {
        if (session != null && session.isMqtt5() && reasonCode != NORMAL_DISCONNECT) {
            closing = true;
            ctx.channel().config().setAutoRead(true);
            ctx.writeAndFlush(MqttReplies.disconnect(reasonCode)).addListener((ChannelFutureListener) written -> {
                if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex) {
                    duplex.shutdownOutput();
                    ctx.executor().schedule(() -> ctx.close(), LINGER_AFTER_DISCONNECT_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    ctx.close();
                }
            });
        } else {
            ctx.flush();
            ctx.close();
        }
    }
}
