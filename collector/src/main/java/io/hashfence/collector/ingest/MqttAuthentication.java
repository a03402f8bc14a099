package io.hashfence.collector.ingest;

import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.logging.ClientText;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.protocol.Ids;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authentication stage: CONNECT within the connect timeout, the site's token or its mutual-TLS
 * certificate, then the session's life (a second connection with the same site and client id takes over,
 * a revoked token or a missed keep-alive ends it). Credentials are checked off the event loop; meanwhile
 * reading stops, and the packets already decoded wait in order in the {@code hold} stage before this one,
 * which leaves the pipeline once they are released. Before the session exists, a PUBLISH, PINGREQ, SUBSCRIBE
 * or UNSUBSCRIBE closes the connection.
 */
final class MqttAuthentication extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(MqttAuthentication.class);
    private static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    private static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    private static final byte NOT_AUTHORIZED = (byte) 0x87;
    private static final double KEEP_ALIVE_GRACE = 1.5;

    private final MqttConnection connection;
    private final SiteLogin login;
    private final MqttConfig config;
    private final MqttReplies replies;
    private final IngestMetrics metrics;
    private final ThrottledLog warnings;
    private final ProtocolViolations violations;

    private boolean active;
    private ScheduledFuture<?> connectDeadline;
    private String clientId;
    /** The client id the server chose, for a client that sent an empty one; null otherwise. */
    private String assignedClientId;

    MqttAuthentication(
            MqttConnection connection,
            SiteLogin login,
            MqttConfig config,
            IngestMetrics metrics,
            ThrottledLog warnings,
            ProtocolViolations violations) {
        this.connection = connection;
        this.login = login;
        this.config = config;
        this.replies = new MqttReplies(config);
        this.metrics = metrics;
        this.warnings = warnings;
        this.violations = violations;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        active = true;
        metrics.connectionOpened();
        connectDeadline = ctx.executor()
                .schedule(
                        () -> {
                            metrics.connect(ConnectResult.TIMEOUT);
                            ctx.close();
                        },
                        config.connectTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (active) {
            metrics.connectionClosed();
            connectDeadline.cancel(false);
            if (connection.session() != null) {
                login.sessions().unregister(connection.session().site(), clientId, ctx.channel());
            }
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        MqttMessage message = (MqttMessage) msg;
        switch (message.fixedHeader().messageType()) {
            case CONNECT -> {
                try {
                    onConnect(ctx, (MqttConnectMessage) message);
                } finally {
                    ReferenceCountUtil.release(message);
                }
            }
            case PUBLISH, PINGREQ, SUBSCRIBE, UNSUBSCRIBE -> {
                if (connection.session() != null) {
                    ctx.fireChannelRead(message);
                } else {
                    ReferenceCountUtil.release(message);
                    violations.unexpected(ctx, connection, "packet before CONNECT");
                }
            }
            default -> ctx.fireChannelRead(message);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, MqttConnectMessage connect) {
        if (connection.session() != null) {
            violations.unexpected(ctx, connection, "second CONNECT");
            return;
        }
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(
                connect.variableHeader().name(), (byte) connect.variableHeader().version());
        connection.connecting(
                version,
                connect.variableHeader().isWillFlag()
                        ? new Will(
                                connect.payload().willTopic(), connect.payload().willMessageInBytes())
                        : null);
        if (version == MqttVersion.MQTT_3_1) {
            metrics.protocolError(ProtocolError.UNSUPPORTED_PROTOCOL_VERSION);
            warnings.warn(
                    "unsupported-protocol-version",
                    "refused CONNECT from {}: MQTT 3.1 (MQIsdp); the collector speaks MQTT 3.1.1 and 5",
                    ctx.channel().remoteAddress());
            connection.refuse(
                    ctx, MqttReplies.refused(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
            return;
        }
        Optional<ClientIdentifier> identifier = ClientIdentifier.of(connect, version);
        if (identifier.isEmpty()) {
            metrics.protocolError(ProtocolError.IDENTIFIER_REJECTED);
            warnings.warn(
                    "identifier-rejected",
                    "refused CONNECT from {}: empty client id without clean session",
                    ctx.channel().remoteAddress());
            connection.refuse(ctx, MqttReplies.refused(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED));
            return;
        }
        clientId = identifier.get().value();
        assignedClientId = identifier.get().assigned() ? clientId : null;
        String user = connect.payload().userName();
        byte[] token = connect.payload().passwordInBytes();
        int keepAliveSeconds = connect.variableHeader().keepAliveTimeSeconds();
        Set<String> certified = ClientCertificate.names(ctx.pipeline());
        if (!certified.isEmpty() && !certified.contains(user)) {
            metrics.connect(ConnectResult.CERTIFICATE_MISMATCH);
            warnings.warn(
                    "certificate-mismatch",
                    "refused CONNECT from {} for site {}: its client certificate names {}",
                    ctx.channel().remoteAddress(),
                    printable(user),
                    certified);
            connection.refuse(ctx, MqttReplies.notAuthorized(version));
            return;
        }
        InetAddress source = login.inspector().inspect(ctx.channel()).clientAddress();
        if (certified.isEmpty() && login.authenticator().backsOff(source)) {
            metrics.connect(ConnectResult.BACKED_OFF);
            warnings.warn(
                    "backed-off",
                    "refused CONNECT from {} for site {} unchecked: it failed to " + "log in too often",
                    ctx.channel().remoteAddress(),
                    printable(user));
            connection.refuse(ctx, MqttReplies.backedOff(version));
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            (certified.isEmpty()
                            ? login.authenticator().verify(user, token, source, login.executor())
                            : CompletableFuture.supplyAsync(
                                    () -> login.authenticator().authenticateByCertificate(user), login.executor()))
                    .thenCompose(this::takeOver)
                    .whenCompleteAsync(
                            (site, failure) -> onAuthenticated(ctx, user, keepAliveSeconds, site, failure),
                            ctx.executor());
        } catch (RejectedExecutionException e) {
            metrics.connect(ConnectResult.SERVER_BUSY);
            connection.refuse(ctx, MqttReplies.serverBusy(version));
        }
    }

    /** Reads what the shared store holds of an authenticated site before its packets are let through. */
    private CompletableFuture<Optional<SiteCredential>> takeOver(Optional<SiteCredential> credential) {
        if (credential.isEmpty()) {
            return CompletableFuture.completedFuture(credential);
        }
        return login.handover()
                .takeOver(credential.get().site(), login.executor())
                .thenApply(loaded -> credential);
    }

    private void onAuthenticated(
            ChannelHandlerContext ctx,
            String user,
            int keepAliveSeconds,
            Optional<SiteCredential> credential,
            Throwable failure) {
        connectDeadline.cancel(false);
        if (!ctx.channel().isActive()) {
            // Closed meanwhile (the connect timeout, or the client): no session for a connection that is gone.
            return;
        }
        MqttVersion version = connection.version();
        if (failure != null) {
            LOG.error(
                    "cannot check credentials of site {} or read its state: {}",
                    ClientText.escape(user),
                    failure.getMessage());
            connection.refuse(ctx, MqttReplies.serverUnavailable(version));
            return;
        }
        if (credential.isEmpty()) {
            metrics.connect(ConnectResult.BAD_CREDENTIALS);
            warnings.warn(
                    "bad-credentials",
                    "refused CONNECT from {} for site {}: unknown site or wrong token",
                    ctx.channel().remoteAddress(),
                    printable(user));
            connection.refuse(ctx, MqttReplies.badCredentials(version));
            return;
        }
        Session session = new Session(
                credential.get().site(),
                connection.id(),
                version,
                login.inspector().inspect(ctx.channel()));
        connection.authenticated(session);
        login.sessions().register(credential.get(), clientId, ctx.channel()).ifPresent(previous -> {
            metrics.sessionTakenOver();
            previous.pipeline().fireUserEventTriggered(SessionRegistry.TAKEN_OVER);
        });
        if (keepAliveSeconds > 0) {
            long limitMillis = (long) (keepAliveSeconds * 1000 * KEEP_ALIVE_GRACE);
            ctx.pipeline()
                    .addBefore(
                            ctx.name(), "keep-alive", new IdleStateHandler(limitMillis, 0, 0, TimeUnit.MILLISECONDS));
        }
        metrics.connect(ConnectResult.ACCEPTED);
        LOG.debug(
                "site {} connected from {} with MQTT {}",
                session.site(),
                ctx.channel().remoteAddress(),
                version);
        ctx.writeAndFlush(replies.accepted(version, assignedClientId));
        // Reading again first releases, in order, the packets that arrived during the check; then the hold
        // has done its work, and leaves the pipeline so that it costs later packets nothing.
        ctx.channel().config().setAutoRead(true);
        if (ctx.pipeline().get(FlowControlHandler.class) != null) {
            ctx.pipeline().remove(FlowControlHandler.class);
        }
        ctx.flush();
    }

    private static String printable(String user) {
        return Ids.isValid(user) ? user : "(invalid id)";
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        Session session = connection.session();
        if (event == SessionRegistry.REVOKED) {
            LOG.info("site {} connection {} closed: the site's token was revoked", session.site(), connection.id());
            connection.closeWithReason(ctx, NOT_AUTHORIZED);
        } else if (event == SessionRegistry.TAKEN_OVER) {
            LOG.info(
                    "site {} connection {} taken over by a new connection with client id {}",
                    session.site(),
                    connection.id(),
                    ClientText.escape(clientId));
            connection.closeWithReason(ctx, SESSION_TAKEN_OVER);
        } else if (event instanceof IdleStateEvent) {
            metrics.protocolError(ProtocolError.KEEP_ALIVE_EXPIRED);
            LOG.info("site {} missed its keep-alive; closing connection {}", session.site(), connection.id());
            connection.closeWithReason(ctx, KEEP_ALIVE_TIMEOUT);
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }
}
