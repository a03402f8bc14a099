package io.hashfence.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.bench.SyntheticFleet;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.Policy;
import io.hashfence.collector.config.ComplianceConfig;
import io.hashfence.collector.config.FleetConfig;
import io.hashfence.collector.config.HttpConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.http.ApiToken;
import io.hashfence.collector.http.FleetMetrics;
import io.hashfence.collector.http.HttpMetrics;
import io.hashfence.collector.http.HttpServer;
import io.hashfence.collector.http.MetricsShard;
import io.hashfence.collector.http.RigMetricsEndpoint;
import io.hashfence.collector.http.Route;
import io.hashfence.collector.http.ScrapeWorkers;
import io.hashfence.collector.json.CollectorJson;
import io.hashfence.collector.transport.Transport;
import io.hashfence.geo.GeoIndex;
import io.hashfence.protocol.TelemetryCodec;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The collector's CPU for one full scrape of the per-rig series, in one process and away from the ingest: 100,000
 * rigs over 500 sites in the registry (each assessed by the compliance engine, 5% in Irkutsk), the collector's HTTP
 * server answering {@code /metrics/rigs} in the default four shards, and a raw-socket client that only counts the
 * bytes (so it costs next to nothing). Each round scrapes every shard once, one after the other, gzipped and plain;
 * it reports the process' CPU time for the round less the client's own thread, which is what the server spent
 * (writing, compressing, sending, and the garbage collection that caused), and the CPU time of the server's event
 * loops alone, which is steadier on a shared machine. On a shared machine wall time is
 * everyone's; this CPU time is the work itself, to compare one build with another.
 *
 * <pre>java -cp hashfence-benchmarks.jar io.hashfence.bench.scale.ScrapeCpu [rounds [shards]]</pre>
 */
public final class ScrapeCpu {
    private static final int SITES = 500;
    private static final int RIGS_PER_SITE = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScrapeCpu() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : HttpConfig.DEFAULT_METRICS_SHARDS;
        Clock clock = Clock.systemUTC();
        RigRegistry registry = new RigRegistry(
                clock, new FleetConfig(Duration.ofSeconds(60), 3, RIGS_PER_SITE), new SequenceWindows());
        GeoIndex geo = GeoIndex.loadBundled();
        Policy policy = new io.hashfence.collector.compliance.PolicyParser(geo).defaultPolicy();
        ComplianceEngine compliance = new ComplianceEngine(geo, () -> policy, ComplianceConfig.defaults(), clock);
        fill(registry, compliance, new TelemetryCodec(clock));
        HttpMetrics metrics = new HttpMetrics();
        try (ScrapeWorkers workers = ScrapeWorkers.perCore();
                HttpServer server = new HttpServer(
                        HttpConfig.defaults().withPort(0),
                        Transport.best(),
                        List.of(Route.open(
                                HttpMethod.GET,
                                RigMetricsEndpoint.PATH,
                                new RigMetricsEndpoint(new FleetMetrics(registry, compliance, workers), metrics))),
                        ApiToken.loadOrCreate(
                                Files.createTempDirectory("scrape-cpu").resolve("api-token")),
                        metrics,
                        new CollectorJson())) {
            int port = server.address().getPort();
            for (int warmup = 0; warmup < 3; warmup++) {
                round(port, shards, true);
                round(port, shards, false);
            }
            List<double[]> gzip = new ArrayList<>();
            List<double[]> plain = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                gzip.add(round(port, shards, true));
                plain.add(round(port, shards, false));
            }
            report("gzip", gzip);
            report("plain", plain);
        }
    }

    private static void fill(RigRegistry registry, ComplianceEngine compliance, TelemetryCodec codec)
            throws IOException {
        long[] connection = {0};
        new SyntheticFleet(SITES, RIGS_PER_SITE, "site-%04d", "rig-%06d").forEach(codec, telemetry -> {
            registry.record(telemetry, ++connection[0]);
            compliance.observe(new RigKey(telemetry.site(), telemetry.rig()), telemetry, ConnectionFacts.unknown());
        });
    }

    /** One full scrape: {wall seconds, server CPU seconds, bytes on the wire, event loops' CPU seconds}. */
    private static double[] round(int port, int shards, boolean gzip) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processBefore = os.getProcessCpuTime();
        long loopsBefore = eventLoopsCpu(threads);
        long clientBefore = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long bytes = 0;
        for (MetricsShard shard : MetricsShard.all(shards)) {
            bytes += scrape(port, shard.path(), gzip);
        }
        long wall = System.nanoTime() - start;
        long client = threads.getCurrentThreadCpuTime() - clientBefore;
        long server = os.getProcessCpuTime() - processBefore - client;
        long loops = eventLoopsCpu(threads) - loopsBefore;
        return new double[] {wall / 1e9, server / 1e9, bytes, loops / 1e9};
    }

    /** The CPU time of the HTTP server's event loops and scrape workers, the threads that write and send the answers. */
    private static long eventLoopsCpu(ThreadMXBean threads) {
        long cpu = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null
                    && (thread.getThreadName().contains("EventLoop")
                            || thread.getThreadName().startsWith("scrape-worker-"))) {
                cpu += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return cpu;
    }

    /** The bytes of one answer, head included, read to the end of the connection. */
    private static long scrape(int port, String path, boolean gzip) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + (gzip ? "Accept-Encoding: gzip\r\n" : "") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256 * 1024];
            long bytes = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                bytes += read;
            }
            return bytes;
        }
    }

    private static void report(String kind, List<double[]> rounds) {
        double[] wall = rounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] cpu = rounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
        double[] loops = rounds.stream().mapToDouble(r -> r[3]).sorted().toArray();
        System.out.println(JSON.valueToTree(Map.of(
                "kind", kind,
                "rounds", rounds.size(),
                "server_cpu_seconds_median", cpu[cpu.length / 2],
                "server_cpu_seconds_min", cpu[0],
                "event_loops_cpu_seconds_median", loops[loops.length / 2],
                "event_loops_cpu_seconds_min", loops[0],
                "wall_seconds_median", wall[wall.length / 2],
                "wall_seconds_min", wall[0],
                "bytes_on_the_wire", (long) rounds.get(0)[2])));
    }
}
