package io.hashfence.collector.ingest;

import io.hashfence.collector.compliance.IpCountryDatabase;
import io.hashfence.collector.config.MqttConfig;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.site.SiteAuthenticator;
import io.hashfence.collector.site.SiteCredential;
import io.hashfence.collector.transport.Transport;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.SiteStatusCodec;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The MQTT endpoint agents connect to. */
public final class MqttServer implements AutoCloseable {
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService authExecutor;
    private final Channel serverChannel;
    private final Channel tlsChannel;
    private static final int AUTH_QUEUE = 256;

    private final SessionRegistry sessions = new SessionRegistry();

    public MqttServer(
            MqttConfig config,
            Transport transport,
            SiteAuthenticator authenticator,
            SiteHandover handover,
            IngestTargets targets,
            IpCountryDatabase ipCountries,
            IngestMetrics metrics,
            Clock clock)
            throws InterruptedException {
        ThrottledLog warnings = new ThrottledLog();
        RefusalLog refusals = new RefusalLog(warnings);
        RigRegistry registry = targets.registry();
        PublishRouter router = new PublishRouter(
                new TelemetryIngest(new TelemetryCodec(clock), targets, refusals),
                new SiteStatusIngest(new SiteStatusCodec(), registry, refusals),
                refusals);
        // Bounded: a flood of CONNECTs with wrong tokens is answered "server busy" instead of queueing forever.
        authExecutor = new ThreadPoolExecutor(
                2,
                2,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(AUTH_QUEUE),
                runnable -> {
                    Thread thread = new Thread(runnable, "mqtt-auth");
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
        SiteLogin login =
                new SiteLogin(authenticator, authExecutor, new ConnectionInspector(ipCountries), sessions, handover);
        RoutingTargets routing =
                new RoutingTargets(router, registry, new EventLogAndJournal(targets.eventLog(), targets.journal()));
        bossGroup = transport.newGroup(1);
        workerGroup = transport.newGroup(0);
        ConnectionGate gate = new ConnectionGate(config.limits(), metrics, warnings);
        AtomicLong connectionIds = new AtomicLong();
        serverChannel = !config.plain()
                ? null
                : bind(
                        transport,
                        config.bind(),
                        config.port(),
                        new MqttChannelInitializer(
                                config, login, routing, metrics, warnings, gate, null, connectionIds));
        tlsChannel = config.tls() == null
                ? null
                : bind(
                        transport,
                        config.bind(),
                        config.tls().port(),
                        new MqttChannelInitializer(
                                config,
                                login,
                                routing,
                                metrics,
                                warnings,
                                gate,
                                TlsContexts.server(config.tls()),
                                connectionIds));
    }

    private Channel bind(Transport transport, String address, int port, MqttChannelInitializer initializer)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer)
                .bind(address, port)
                .sync()
                .channel();
    }

    /** Closes the site's connections that authenticated with a token other than the current one. */
    public int disconnectRevoked(SiteId site, SiteCredential current) {
        return sessions.revoke(site, current);
    }

    /** The plain listener's address, or null when plain MQTT is off. */
    public InetSocketAddress address() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    /** The TLS listener's address, or null when TLS is not configured. */
    public InetSocketAddress tlsAddress() {
        return tlsChannel == null ? null : (InetSocketAddress) tlsChannel.localAddress();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        if (tlsChannel != null) {
            tlsChannel.close().syncUninterruptibly();
        }
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        authExecutor.shutdownNow();
    }
}
