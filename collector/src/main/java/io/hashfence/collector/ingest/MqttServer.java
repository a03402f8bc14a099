package io.hashfence.collector.ingest;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The MQTT endpoint agents connect to. */
public final class MqttServer implements AutoCloseable {
    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final ExecutorService authExecutor;
    private final Channel serverChannel;
    private final SessionRegistry sessions = new SessionRegistry();

    public MqttServer(MqttConfig config, Transport transport, SiteAuthenticator authenticator, IngestTargets targets,
                      IngestMetrics metrics, Clock clock) throws InterruptedException {
        RefusalLog refusals = new RefusalLog();
        RigRegistry registry = targets.registry();
        PublishRouter router = new PublishRouter(
                new TelemetryIngest(new TelemetryCodec(clock), targets, refusals),
                new SiteStatusIngest(new SiteStatusCodec(), registry, refusals),
                refusals);
        authExecutor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "mqtt-auth");
            thread.setDaemon(true);
            return thread;
        });
        MqttSessionServices services = new MqttSessionServices(config, authenticator, authExecutor, router, registry,
                metrics, new MqttReplies(config), new ConnectionInspector(targets.ipCountries()), targets.eventLog(),
                sessions);
        bossGroup = transport.newGroup(1);
        workerGroup = transport.newGroup(0);
        serverChannel = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new MqttChannelInitializer(services, new ConnectionGate(config.limits(), metrics)))
                .bind(config.bind(), config.port()).sync().channel();
    }

    /** Closes the site's connections that authenticated with a token other than the current one. */
    public int disconnectRevoked(SiteId site, SiteCredential current) {
        return sessions.revoke(site, current);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        authExecutor.shutdownNow();
    }
}
