package io.hashfence.bench.ingest;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Connects {@code connections} publishers to one MQTT endpoint, each an agent for {@code rigsPerConnection}
 * rigs of one of {@code sites} sites, and lets them publish until closed. The same generator drives the
 * collector, Mosquitto and the loopback sink.
 */
final class LoadGenerator implements AutoCloseable {
    /** How a publisher logs in: site name and token for the collector; anything for the others. */
    interface Credentials {
        String password(String site);
    }

    record Shape(int connections, int sites, int rigsPerConnection, int qos, int window, int capPerConnection) {}

    private final EventLoops client;
    private final LoadStats stats = new LoadStats();
    private final List<Channel> channels = new ArrayList<>();

    LoadGenerator(int threads) {
        client = new EventLoops(threads);
    }

    LoadStats stats() {
        return stats;
    }

    void connect(InetSocketAddress target, Shape shape, Credentials credentials) throws Exception {
        List<CompletableFuture<Void>> connected = new ArrayList<>();
        for (int c = 0; c < shape.connections(); c++) {
            String site = site(c % shape.sites());
            TelemetryFrame[] rigs = new TelemetryFrame[shape.rigsPerConnection()];
            for (int r = 0; r < rigs.length; r++) {
                rigs[r] = new TelemetryFrame(site, String.format("c%05d-r%02d", c, r), shape.qos());
            }
            Publisher publisher = new Publisher(
                    stats,
                    rigs,
                    shape.qos(),
                    shape.window(),
                    shape.capPerConnection(),
                    "bench-" + c,
                    site,
                    credentials.password(site));
            ChannelFuture future = client.bootstrap().handler(publisher).connect(target);
            channels.add(future.channel());
            connected.add(publisher.connected());
            future.sync();
        }
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    static String site(int index) {
        return String.format("bench-%02d", index);
    }

    @Override
    public void close() {
        channels.forEach(Channel::close);
        client.close();
    }
}
