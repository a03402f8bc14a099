package io.hashfence.collector.http;

import io.hashfence.collector.config.HttpConfig;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.transport.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.http.HttpContentCompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The HTTP endpoint: metrics, health and the API. It runs on its own event loops so that a slow scrape of
 * a large fleet never delays MQTT (the rig shards themselves are written and gzipped on the {@link ScrapeWorkers},
 * see {@link FleetMetrics}). Pipeline: TLS when
 * configured, idle timeout (60 s), the request head deadline ({@code http.request_head_timeout},
 * {@link RequestHeadDeadline}), codec, gzip or deflate where the client accepts it for every other answer (at level
 * 1: a scrape's text shrinks about tenfold at a fraction of the default level's CPU; the rig shards come gzipped
 * already), aggregation of request bodies (up to 64 KiB), then the {@link Router}.
 */
public final class HttpServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    /** A connection with no traffic either way for this long is closed, so idle clients cannot hoard sockets. */
    private static final int IDLE_SECONDS = 60;

    private static final int EVENT_LOOPS = 2;
    private static final int COMPRESSION_LEVEL = 1;
    private static final int WINDOW_BITS = 15;
    private static final int MEMORY_LEVEL = 8;

    private final EventLoopGroup group;
    private final Channel serverChannel;

    public HttpServer(
            HttpConfig config,
            Transport transport,
            List<Route> routes,
            ApiToken token,
            HttpMetrics metrics,
            CollectorJson json)
            throws InterruptedException {
        Router router = new Router(routes, token, metrics, json);
        SslContext tls = config.https() ? serverTls(config) : null;
        group = transport.newGroup(EVENT_LOOPS);
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                        }
                        RequestHeadDeadline headDeadline =
                                new RequestHeadDeadline(config.requestHeadTimeout(), metrics, json);
                        channel.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS))
                                .addLast("head-deadline-start", headDeadline.bytes())
                                .addLast("http-codec", new HttpServerCodec())
                                .addLast("head-deadline-stop", headDeadline.heads())
                                .addLast(
                                        "gzip",
                                        new HttpContentCompressor(
                                                StandardCompressionOptions.gzip(
                                                        COMPRESSION_LEVEL, WINDOW_BITS, MEMORY_LEVEL),
                                                StandardCompressionOptions.deflate(
                                                        COMPRESSION_LEVEL, WINDOW_BITS, MEMORY_LEVEL)))
                                .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("router", router);
                    }
                })
                .bind(config.bind(), config.port())
                .sync()
                .channel();
    }

    private static SslContext serverTls(HttpConfig config) {
        try {
            return SslContextBuilder.forServer(
                            config.tls().certFile().toFile(),
                            config.tls().keyFile().toFile())
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "http.tls: cannot use " + config.tls().certFile() + " and "
                            + config.tls().keyFile() + ": " + e.getMessage(),
                    e);
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
