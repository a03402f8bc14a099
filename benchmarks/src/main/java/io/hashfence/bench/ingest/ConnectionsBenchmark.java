package io.hashfence.bench.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.UnixOperatingSystemMXBean;
import io.hashfence.bench.options.BenchOutput;
import io.hashfence.bench.options.CollectorJar;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Connections: many agents of one rig each stay connected to one collector and report every 10 s. Measures
 * the live objects on the collector's heap (after a full GC) and RSS per connected rig, state included, and after a collector
 * restart the time until every agent is back.
 */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = "Connected agents per collector: memory per connection and the reconnect storm.")
public final class ConnectionsBenchmark implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Jars, logs, the data directory, listeners: what a JVM holds open before any connection. */
    static final int FILES_BESIDES_CONNECTIONS = 1_000;

    @Mixin
    CollectorJar collectorJar;

    @Mixin
    BenchOutput output;

    @Option(names = "--agents", defaultValue = "100000")
    int agents;

    @Option(names = "--sites", defaultValue = "100")
    int sites;

    @Option(names = "--interval-seconds", defaultValue = "10")
    int intervalSeconds;

    @Option(names = "--connects-per-second", defaultValue = "2000", description = "ramp-up pace")
    int connectsPerSecond;

    @Option(names = "--client-threads", defaultValue = "1")
    int clientThreads;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConnectionsBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long maxFiles =
                ((UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        if (agents + FILES_BESIDES_CONNECTIONS > maxFiles) {
            System.err.printf(
                    "%,d agents need %,d open files in this process and in the collector; the limit here is %,d"
                            + " (ulimit -n). Raise it (as root: ulimit -n %d) or pass --agents %d.%n",
                    agents,
                    agents + FILES_BESIDES_CONNECTIONS,
                    maxFiles,
                    agents + FILES_BESIDES_CONNECTIONS,
                    maxFiles - FILES_BESIDES_CONNECTIONS);
            return 2;
        }
        WorkDir.recreate(output.workDir());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        result.put("collector_jvm_flags", collectorJar.jvmFlags());
        result.put("agents", agents);
        result.put("sites", sites);
        result.put("interval_s", intervalSeconds);
        CollectorProcess collector = CollectorProcess.start(collectorJar, output.workDir(), sites);
        try (SteadyFleet fleet =
                new SteadyFleet(clientThreads, collector.address(), collector::password, intervalSeconds * 1000L)) {
            Thread.sleep(3_000);
            String idle = collector.process().classHistogram();
            Files.writeString(output.workDir().resolve("histogram-idle.txt"), idle);
            long heapBefore = ChildProcess.liveBytes(idle);
            long rssBefore = collector.rssBytes();
            result.put("collector_live_heap_idle_mib", mib(heapBefore));
            result.put("collector_rss_idle_mib", mib(rssBefore));

            long rampStart = System.nanoTime();
            for (int i = 0; i < agents; i++) {
                fleet.start(i, LoadGenerator.site(i % sites));
                if (i % 100 == 99) {
                    long due = rampStart + (i + 1) * 1_000_000_000L / connectsPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
            double rampSeconds = awaitAll(fleet::connected, 600) - (rampStart / 1e9);
            result.put("all_connected_after_s", round(rampSeconds));
            Thread.sleep(intervalSeconds * 1500L);
            long acknowledgedBefore = fleet.acknowledged();
            Thread.sleep(intervalSeconds * 1000L);
            result.put(
                    "acknowledged_per_s",
                    Math.round((fleet.acknowledged() - acknowledgedBefore) / (double) intervalSeconds));
            String connected = collector.process().classHistogram();
            Files.writeString(output.workDir().resolve("histogram-connected.txt"), connected);
            long heap = ChildProcess.liveBytes(connected);
            long rss = collector.rssBytes();
            result.put("connected", fleet.connected());
            result.put("collector_live_heap_mib", mib(heap));
            result.put("collector_rss_mib", mib(rss));
            result.put("heap_bytes_per_connection", (heap - heapBefore) / Math.max(1, fleet.connected()));
            result.put("rss_bytes_per_connection", (rss - rssBefore) / Math.max(1, fleet.connected()));
            result.put("ingest_refused_before_restart", collector.refused());
            result.put("connects_refused_before_restart", fleet.refusedConnects());

            long refusedBefore = fleet.refusedConnects();
            long failedBefore = fleet.failedConnects();
            collector = collector.restart(collectorJar, output.workDir());
            double listening = System.nanoTime() / 1e9;
            double storm = awaitAll(fleet::connected, 600) - listening;
            result.put("reconnect_storm_all_back_s", round(storm));
            result.put("storm_connects_refused", fleet.refusedConnects() - refusedBefore);
            result.put("storm_connects_failed", fleet.failedConnects() - failedBefore);
        } finally {
            collector.close();
        }
        Files.createDirectories(output.resultFile().toAbsolutePath().getParent());
        String json = JSON.writeValueAsString(result);
        Files.writeString(output.resultFile(), json);
        System.out.println(json);
        return 0;
    }

    /** When (System.nanoTime, in seconds) every agent was connected. */
    private double awaitAll(IntSupplier connected, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (connected.getAsInt() < agents) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + connected.getAsInt() + " of " + agents
                        + " agents connected after " + timeoutSeconds + " s");
            }
            Thread.sleep(10);
        }
        return System.nanoTime() / 1e9;
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
