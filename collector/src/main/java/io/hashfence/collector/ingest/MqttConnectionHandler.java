package io.hashfence.collector.ingest;

import io.hashfence.collector.logging.ClientText;
import io.hashfence.collector.site.CertificateIdentity;
import io.hashfence.protocol.Ids;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.protocol.Topic;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection's life: CONNECT and authentication, then PUBLISH, PINGREQ, SUBSCRIBE and DISCONNECT.
 * Authentication runs off the event loop; packets that arrive meanwhile wait, in order, until it ends.
 */
final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private static final byte NORMAL_DISCONNECT = 0x00;
    private static final byte MALFORMED_PACKET = (byte) 0x81;
    private static final byte PROTOCOL_ERROR = (byte) 0x82;
    private static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    private static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    private static final byte NOT_AUTHORIZED = (byte) 0x87;
    private static final int SUBSCRIPTION_REFUSED_3 = 0x80;
    private static final int SUBSCRIPTION_REFUSED_5 = 0x87;
    private static final double KEEP_ALIVE_GRACE = 1.5;
    private static final long LINGER_AFTER_DISCONNECT_MILLIS = 2_000;

    private final MqttSessionServices services;
    private final long connectionId;
    private final ArrayDeque<MqttMessage> waitingForAuthentication = new ArrayDeque<>();
    private final ArrayDeque<PendingAck> pendingAcks = new ArrayDeque<>();

    private MqttVersion version = MqttVersion.MQTT_3_1_1;
    private Session session;
    private boolean authenticating;
    private Will will;
    private String clientId;
    /** The client id the server chose, for a client that sent an empty one; null otherwise. */
    private String assignedClientId;
    private PublishRate publishRate;
    private ScheduledFuture<?> connectDeadline;
    private boolean active;
    private boolean awaitingDisk;
    /** A DISCONNECT with a reason was sent: whatever still arrives is dropped until the connection closes. */
    private boolean disconnecting;

    MqttConnectionHandler(MqttSessionServices services, long connectionId) {
        this.services = services;
        this.connectionId = connectionId;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        services.metrics().connectionOpened();
        connectDeadline = ctx.executor().schedule(() -> {
            services.metrics().connect(ConnectResult.TIMEOUT);
            ctx.close();
        }, services.config().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!active) {
            ctx.fireChannelInactive();
            return;
        }
        services.metrics().connectionClosed();
        connectDeadline.cancel(false);
        waitingForAuthentication.forEach(ReferenceCountUtil::release);
        waitingForAuthentication.clear();
        if (session != null) {
            if (will != null) {
                services.metrics().message(services.router().route(session, will.topic(), will.payload(), false));
            }
            services.sessions().unregister(session.site(), clientId, ctx.channel());
            services.registry().connectionClosed(session.site(), connectionId);
            LOG.debug("site {} connection {} closed", session.site(), connectionId);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage message = (MqttMessage) msg;
        if (authenticating) {
            waitingForAuthentication.add(message);
            return;
        }
        try {
            handle(ctx, message);
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
    }

    private void handle(ChannelHandlerContext ctx, MqttMessage message) {
        if (!ctx.channel().isActive() || disconnecting) {
            return;
        }
        DecoderResult result = message.decoderResult();
        if (result.isFailure()) {
            onUndecodable(ctx, result.cause());
            return;
        }
        switch (message.fixedHeader().messageType()) {
            case CONNECT -> onConnect(ctx, (MqttConnectMessage) message);
            case PUBLISH -> whenConnected(ctx, () -> onPublish(ctx, (MqttPublishMessage) message));
            case PINGREQ -> whenConnected(ctx, () -> ctx.write(MqttReplies.PINGRESP));
            case SUBSCRIBE -> whenConnected(ctx, () -> onSubscribe(ctx, (MqttSubscribeMessage) message));
            case UNSUBSCRIBE -> whenConnected(ctx, () -> onUnsubscribe(ctx, (MqttUnsubscribeMessage) message));
            case DISCONNECT -> onDisconnect(ctx, message);
            default -> protocolViolation(ctx, "unexpected " + message.fixedHeader().messageType());
        }
    }

    private void whenConnected(ChannelHandlerContext ctx, Runnable action) {
        if (session == null) {
            protocolViolation(ctx, "packet before CONNECT");
        } else {
            action.run();
        }
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        if (session != null) {
            protocolViolation(ctx, "second CONNECT");
            return;
        }
        version = MqttVersion.fromProtocolNameAndLevel(connect.variableHeader().name(),
                (byte) connect.variableHeader().version());
        if (version == MqttVersion.MQTT_3_1) {
            services.metrics().protocolError(ProtocolError.UNSUPPORTED_PROTOCOL_VERSION);
            services.clientWarnings().warn("unsupported-protocol-version",
                    "refused CONNECT from {}: MQTT 3.1 (MQIsdp); the collector speaks MQTT 3.1.1 and 5",
                    ctx.channel().remoteAddress());
            refuseConnection(ctx, MqttReplies.refused(
                    MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
            return;
        }
        if (connect.variableHeader().isWillFlag()) {
            will = new Will(connect.payload().willTopic(), connect.payload().willMessageInBytes());
        }
        Optional<ClientIdentifier> identifier = ClientIdentifier.of(connect, version);
        if (identifier.isEmpty()) {
            services.metrics().protocolError(ProtocolError.IDENTIFIER_REJECTED);
            services.clientWarnings().warn("identifier-rejected",
                    "refused CONNECT from {}: empty client id without clean session", ctx.channel().remoteAddress());
            refuseConnection(ctx, MqttReplies.refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED));
            return;
        }
        clientId = identifier.get().value();
        assignedClientId = identifier.get().assigned() ? clientId : null;
        String user = connect.payload().userName();
        byte[] token = connect.payload().passwordInBytes();
        int keepAliveSeconds = connect.variableHeader().keepAliveTimeSeconds();
        Set<String> certified = certifiedNames(ctx);
        if (!certified.isEmpty() && !certified.contains(user)) {
            services.metrics().connect(ConnectResult.CERTIFICATE_MISMATCH);
            services.clientWarnings().warn("certificate-mismatch",
                    "refused CONNECT from {} for site {}: its client certificate names {}", ctx.channel().remoteAddress(),
                    Ids.isValid(user) ? user : "(invalid id)", certified);
            refuseConnection(ctx, MqttReplies.notAuthorized(version));
            return;
        }
        InetAddress source = services.inspector().inspect(ctx.channel()).clientAddress();
        if (certified.isEmpty() && services.authenticator().backsOff(source)) {
            services.metrics().connect(ConnectResult.BACKED_OFF);
            services.clientWarnings().warn("backed-off", "refused CONNECT from {} for site {} unchecked: it failed to "
                    + "log in too often", ctx.channel().remoteAddress(), Ids.isValid(user) ? user : "(invalid id)");
            refuseConnection(ctx, MqttReplies.backedOff(version));
            return;
        }
        authenticating = true;
        ctx.channel().config().setAutoRead(false);
        Executor eventLoop = ctx.executor();
        try {
            (certified.isEmpty() ? services.authenticator().verify(user, token, source, services.authExecutor())
                    : CompletableFuture.supplyAsync(() -> services.authenticator().authenticateByCertificate(user),
                            services.authExecutor()))
                    .whenCompleteAsync((site, failure) -> onAuthenticated(ctx, user, keepAliveSeconds, site, failure),
                            eventLoop);
        } catch (RejectedExecutionException e) {
            authenticating = false;
            services.metrics().connect(ConnectResult.SERVER_BUSY);
            refuseConnection(ctx, MqttReplies.serverBusy(version));
        }
    }

    /** The names the client's verified TLS certificate vouches for; empty without mutual TLS. */
    private static Set<String> certifiedNames(ChannelHandlerContext ctx) {
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        if (tls == null) {
            return Set.of();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? CertificateIdentity.names(leaf) : Set.of();
        } catch (SSLPeerUnverifiedException e) {
            return Set.of();
        }
    }

    private void onAuthenticated(ChannelHandlerContext ctx, String user, int keepAliveSeconds,
                                 Optional<SiteCredential> credential, Throwable failure) {
        authenticating = false;
        connectDeadline.cancel(false);
        if (failure != null) {
            LOG.error("cannot check credentials of site {}: {}", ClientText.escape(user), failure.getMessage());
            refuseConnection(ctx, MqttReplies.serverUnavailable(version));
            return;
        }
        if (credential.isEmpty()) {
            services.metrics().connect(ConnectResult.BAD_CREDENTIALS);
            services.clientWarnings().warn("bad-credentials",
                    "refused CONNECT from {} for site {}: unknown site or wrong token", ctx.channel().remoteAddress(),
                    Ids.isValid(user) ? user : "(invalid id)");
            refuseConnection(ctx, MqttReplies.badCredentials(version));
            return;
        }
        session = new Session(credential.get().site(), connectionId, version, services.inspector().inspect(ctx.channel()));
        publishRate = new PublishRate(services.config().limits().publishesPerSecond(),
                services.config().limits().publishBurst(), System.nanoTime());
        services.sessions().register(credential.get(), clientId, ctx.channel()).ifPresent(previous -> {
            services.metrics().sessionTakenOver();
            previous.pipeline().fireUserEventTriggered(SessionRegistry.TAKEN_OVER);
        });
        if (keepAliveSeconds > 0) {
            long limitMillis = (long) (keepAliveSeconds * 1000 * KEEP_ALIVE_GRACE);
            ctx.pipeline().addBefore(ctx.name(), "keep-alive",
                    new IdleStateHandler(limitMillis, 0, 0, TimeUnit.MILLISECONDS));
        }
        services.metrics().connect(ConnectResult.ACCEPTED);
        LOG.debug("site {} connected from {} with MQTT {}", session.site(), ctx.channel().remoteAddress(), version);
        ctx.writeAndFlush(services.replies().accepted(version, assignedClientId));
        while (!waitingForAuthentication.isEmpty()) {
            MqttMessage next = waitingForAuthentication.poll();
            try {
                handle(ctx, next);
            } finally {
                ReferenceCountUtil.release(next);
            }
        }
        ctx.flush();
        ctx.channel().config().setAutoRead(true);
    }

    private void refuseConnection(ChannelHandlerContext ctx, MqttMessage connAck) {
        waitingForAuthentication.forEach(ReferenceCountUtil::release);
        waitingForAuthentication.clear();
        will = null;
        ctx.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
    }

    private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
        MqttQoS qos = publish.fixedHeader().qosLevel();
        long started = System.nanoTime();
        if (qos == MqttQoS.AT_MOST_ONCE && publish.fixedHeader().isDup()) {
            malformed(ctx, "QoS 0 PUBLISH with the DUP flag set");
            return;
        }
        if (qos == MqttQoS.EXACTLY_ONCE) {
            refuseAndClose(ctx, IngestOutcome.QOS_NOT_SUPPORTED, null, "QoS 2 PUBLISH");
            return;
        }
        if (!publishRate.tryAcquire(started)) {
            refuseAndClose(ctx, IngestOutcome.RATE_LIMITED, ProtocolError.PUBLISH_RATE_EXCEEDED,
                    "more than " + services.config().limits().publishesPerSecond() + " PUBLISH/s");
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE && pendingAcks.size() >= services.config().receiveMaximum()) {
            refuseAndClose(ctx, IngestOutcome.RECEIVE_MAXIMUM_EXCEEDED, ProtocolError.RECEIVE_MAXIMUM_EXCEEDED,
                    "more than " + services.config().receiveMaximum() + " unacknowledged QoS 1 messages");
            return;
        }
        String topic = publish.variableHeader().topicName();
        long eventsBefore = services.eventLog().lastEnqueued();
        long journalBefore = services.journal().lastEnqueued();
        IngestOutcome outcome;
        try {
            outcome = topic.length() > services.config().limits().maxTopicLength()
                    ? IngestOutcome.TOPIC_TOO_LONG
                    : services.router().route(session, topic, ByteBufUtil.getBytes(publish.content()),
                            qos == MqttQoS.AT_LEAST_ONCE);
        } catch (RuntimeException e) {
            LOG.error("processing a message from site {} on {} failed; it is refused, the connection goes on",
                    session.site(), ClientText.escape(topic), e);
            outcome = IngestOutcome.INTERNAL_ERROR;
        }
        long eventsAfter = services.eventLog().lastEnqueued();
        long journalAfter = services.journal().lastEnqueued();
        services.metrics().processed(System.nanoTime() - started);
        if (outcome == IngestOutcome.TOPIC_NOT_AUTHORIZED && !session.isMqtt5()) {
            // MQTT 3.1.1 cannot refuse a single PUBLISH: closing is the only answer the client sees.
            services.metrics().message(outcome);
            ctx.close();
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE) {
            // A duplicate may be the resend of a message whose events are still queued: it waits for them too.
            boolean waitsForEvents = eventsAfter > eventsBefore || outcome == IngestOutcome.DUPLICATE;
            acknowledge(ctx, new PendingAck(publish.variableHeader().packetId(), outcome,
                    waitsForEvents ? eventsAfter : 0, journalAfter > journalBefore ? journalAfter : 0));
        } else {
            services.metrics().message(outcome);
        }
    }

    /**
     * A PUBACK that may wait for the event log to be on disk up to {@code events} (the events its message
     * produced) and the sequence journal up to {@code journal} (its (site, rig, seq)); 0 waits for nothing.
     * Its message is counted by outcome when the PUBACK goes out, so {@code accepted} counts only what is durable.
     */
    private record PendingAck(int packetId, IngestOutcome outcome, long events, long journal) {
    }

    private void sendAck(ChannelHandlerContext ctx, PendingAck ack) {
        services.metrics().message(ack.outcome());
        ctx.write(MqttReplies.pubAck(ack.packetId(), session.isMqtt5() ? ack.outcome().reasonCode() : 0));
    }

    private boolean ready(PendingAck ack) {
        return services.eventLog().isDurable(ack.events()) && services.journal().isDurable(ack.journal());
    }

    /**
     * PUBACKs go out in the order the PUBLISHes came (MQTT requires it), each only once what its message
     * wrote is durable; messages that wrote nothing wait only behind those that did.
     */
    private void acknowledge(ChannelHandlerContext ctx, PendingAck ack) {
        if (pendingAcks.isEmpty() && ready(ack)) {
            sendAck(ctx, ack);
            return;
        }
        pendingAcks.add(ack);
        awaitOldest(ctx);
    }

    /**
     * Asks to be woken when the oldest waiting PUBACK's writes are durable. One wake-up at a time is
     * enough, as no PUBACK can go out before the oldest, and it saves a future per message.
     */
    private void awaitOldest(ChannelHandlerContext ctx) {
        if (awaitingDisk || pendingAcks.isEmpty()) {
            return;
        }
        PendingAck oldest = pendingAcks.peek();
        CompletableFuture<Void> durable = services.eventLog().isDurable(oldest.events())
                ? services.journal().durable(oldest.journal()) : services.eventLog().durable(oldest.events());
        awaitingDisk = true;
        durable.whenCompleteAsync((done, failure) -> sendReadyAcks(ctx), ctx.executor());
    }

    private void sendReadyAcks(ChannelHandlerContext ctx) {
        awaitingDisk = false;
        boolean sent = false;
        while (!pendingAcks.isEmpty() && ready(pendingAcks.peek())) {
            sendAck(ctx, pendingAcks.poll());
            sent = true;
        }
        if (sent) {
            ctx.flush();
        }
        awaitOldest(ctx);
    }

    private void refuseAndClose(ChannelHandlerContext ctx, IngestOutcome outcome, ProtocolError error, String what) {
        services.metrics().message(outcome);
        if (error != null) {
            services.metrics().protocolError(error);
        }
        services.clientWarnings().warn(outcome.label(), "closed connection {} of site {}: {}", connectionId,
                session.site(), what);
        closeWithReason(ctx, outcome.reasonCode());
    }

    private void onSubscribe(ChannelHandlerContext ctx, MqttSubscribeMessage subscribe) {
        String commandTopic = new Topic.Command(session.site()).name();
        List<MqttTopicSubscription> subscriptions = subscribe.payload().topicSubscriptions();
        if (subscriptions.isEmpty()) {
            protocolViolation(ctx, ProtocolError.NO_TOPIC_FILTERS, "SUBSCRIBE without topic filters");
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
            protocolViolation(ctx, ProtocolError.NO_TOPIC_FILTERS, "UNSUBSCRIBE without topic filters");
            return;
        }
        ctx.write(MqttReplies.unsubAck(unsubscribe.variableHeader().messageId()));
    }

    private void onDisconnect(ChannelHandlerContext ctx, MqttMessage disconnect) {
        if (version != MqttVersion.MQTT_5 && disconnect.fixedHeader().remainingLength() > 0) {
            // MQTT 3.1.1 DISCONNECT has no variable header and no payload: this is a malformed packet, and
            // like any connection closed for an error, it publishes the Will.
            malformed(ctx, "MQTT 3.1.1 DISCONNECT with " + disconnect.fixedHeader().remainingLength()
                    + " bytes after it");
            return;
        }
        boolean keepWill = disconnect.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header
                && header.reasonCode() != NORMAL_DISCONNECT;
        if (!keepWill) {
            will = null;
        }
        ctx.close();
    }

    private void onUndecodable(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            services.metrics().message(IngestOutcome.OVERSIZE);
            services.metrics().protocolError(ProtocolError.PACKET_TOO_LARGE);
            services.clientWarnings().warn("oversize", "closed connection from {} ({}): packet larger than {} bytes",
                    ctx.channel().remoteAddress(), siteName(), services.config().maxMessageBytes());
            closeWithReason(ctx, IngestOutcome.OVERSIZE.reasonCode());
        } else if (cause instanceof MqttUnacceptableProtocolVersionException) {
            services.metrics().protocolError(ProtocolError.UNSUPPORTED_PROTOCOL_VERSION);
            refuseConnection(ctx, MqttReplies.refused(
                    MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
        } else if (cause instanceof MqttIdentifierRejectedException) {
            services.metrics().protocolError(ProtocolError.IDENTIFIER_REJECTED);
            refuseConnection(ctx, MqttReplies.refused(version == MqttVersion.MQTT_5
                    ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED));
        } else {
            malformed(ctx, ClientText.escape(cause.getMessage()));
        }
    }

    private void malformed(ChannelHandlerContext ctx, String what) {
        services.metrics().protocolError(ProtocolError.MALFORMED_PACKET);
        services.clientWarnings().warn("malformed", "closed connection from {} ({}): malformed MQTT packet: {}",
                ctx.channel().remoteAddress(), siteName(), what);
        closeWithReason(ctx, MALFORMED_PACKET);
    }

    private void protocolViolation(ChannelHandlerContext ctx, String what) {
        protocolViolation(ctx, ProtocolError.UNEXPECTED_PACKET, what);
    }

    private void protocolViolation(ChannelHandlerContext ctx, ProtocolError kind, String what) {
        services.metrics().protocolError(kind);
        services.clientWarnings().warn("protocol-violation", "closed connection from {} ({}): {}",
                ctx.channel().remoteAddress(), siteName(), what);
        closeWithReason(ctx, PROTOCOL_ERROR);
    }

    /**
     * Closes the connection, telling an MQTT 5 client why first. The DISCONNECT is followed by a half-close,
     * and what the client still sends is read and dropped until it closes (or a moment has passed): closing
     * at once with its messages unread would make the kernel answer with a reset, and a reset makes the
     * client's kernel throw away the DISCONNECT before the client has read it.
     */
    private void closeWithReason(ChannelHandlerContext ctx, byte reasonCode) {
        if (session != null && session.isMqtt5() && reasonCode != NORMAL_DISCONNECT) {
            disconnecting = true;
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

    private String siteName() {
        return session == null ? "not authenticated" : "site " + session.site();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event == SessionRegistry.REVOKED) {
            LOG.info("site {} connection {} closed: the site's token was revoked", session.site(), connectionId);
            closeWithReason(ctx, NOT_AUTHORIZED);
        } else if (event == SessionRegistry.TAKEN_OVER) {
            LOG.info("site {} connection {} taken over by a new connection with client id {}", session.site(),
                    connectionId, ClientText.escape(clientId));
            closeWithReason(ctx, SESSION_TAKEN_OVER);
        } else if (event instanceof IdleStateEvent) {
            services.metrics().protocolError(ProtocolError.KEEP_ALIVE_EXPIRED);
            LOG.info("site {} missed its keep-alive; closing connection {}", session.site(), connectionId);
            closeWithReason(ctx, KEEP_ALIVE_TIMEOUT);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} ({}) failed: {}", connectionId, siteName(), ClientText.escape(cause.toString()));
        ctx.close();
    }
}
