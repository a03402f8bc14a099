package io.hashfence.bench.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hashfence.bench.options.BenchOutput;
import io.hashfence.bench.options.CollectorJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ingest throughput, side by side in one run: the same load generator publishes the same telemetry to the
 * loopback sink (the physical limit), to Mosquitto relaying to one subscriber (the cost of merely moving
 * the messages) and to the Hashfence collector (the full pipeline), at QoS 0 and QoS 1.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Ingest throughput: loopback sink, Mosquitto relay and the collector under the same load.")
public final class IngestThroughput implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    CollectorJar collector;

    @Mixin
    BenchOutput output;

    @Option(names = "--targets", split = ",", defaultValue = "sink,mosquitto,collector")
    List<String> targets;

    @Option(names = "--qos", split = ",", defaultValue = "0,1")
    List<Integer> qosLevels;

    @Option(names = "--connections", defaultValue = "200")
    int connections;

    @Option(names = "--sites", defaultValue = "20")
    int sites;

    @Option(names = "--rigs-per-connection", defaultValue = "10")
    int rigsPerConnection;

    @Option(names = "--window", defaultValue = "64", description = "QoS 1 messages in flight per connection")
    int window;

    @Option(
            names = "--cap-per-connection",
            defaultValue = "1800",
            description = "messages/s per connection at most (the collector's default limit is 2,000)")
    int capPerConnection;

    @Option(names = "--client-threads", defaultValue = "1")
    int clientThreads;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds before measuring")
    int warmupSeconds;

    @Option(names = "--measure", defaultValue = "20", description = "seconds measured")
    int measureSeconds;

    @Option(
            names = "--store-url",
            description = "run the collector with this shared PostgreSQL store (jdbc:postgresql://...), "
                    + "its sites registered there")
    String storeUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new IngestThroughput()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<IngestRun> runs = new ArrayList<>();
        for (int qos : qosLevels) {
            for (String target : targets) {
                IngestRun run = measure(target, qos);
                runs.add(run);
                System.out.println(row(run));
            }
        }
        write(runs);
        return runs.stream().allMatch(IngestRun::valid) ? 0 : 1;
    }

    private IngestTarget start(String target, int qos, Path dir) throws Exception {
        return switch (target) {
            case "sink" -> new LoopbackSink();
            case "mosquitto" -> MosquittoRelay.start(dir, qos);
            case "collector" -> CollectorProcess.start(collector, dir, sites, storeUrl);
            default ->
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "unknown target " + target + " (sink, mosquitto, collector)");
        };
    }

    private IngestRun measure(String targetName, int qos) throws Exception {
        Path dir = output.workDir().resolve(targetName + "-qos" + qos);
        WorkDir.recreate(dir);
        LoadGenerator.Shape shape =
                new LoadGenerator.Shape(connections, sites, rigsPerConnection, qos, window, capPerConnection);
        try (IngestTarget target = start(targetName, qos, dir);
                LoadGenerator load = new LoadGenerator(clientThreads)) {
            load.connect(target.address(), shape, target::password);
            Thread.sleep(warmupSeconds * 1000L);
            LoadStats stats = load.stats();
            long delivered = target.delivered();
            long sent = stats.sent();
            long acknowledged = stats.acknowledged();
            double targetCpu = target.cpuSeconds();
            double harnessCpu = ChildProcess.cpuSeconds(ProcessHandle.current().pid());
            stats.latencySinceLastCall();
            long started = System.nanoTime();
            Thread.sleep(measureSeconds * 1000L);
            double seconds = (System.nanoTime() - started) / 1e9;
            Histogram latency = stats.latencySinceLastCall();
            long deliveredAfter = target.delivered();
            double targetCpuAfter = target.cpuSeconds();
            double harnessCpuAfter =
                    ChildProcess.cpuSeconds(ProcessHandle.current().pid());
            long rss = target.rssBytes();
            boolean acked = qos > 0 && latency.getTotalCount() > 0;
            return new IngestRun(
                    target.name(),
                    qos,
                    connections,
                    round(seconds),
                    Math.round((deliveredAfter - delivered) / seconds),
                    Math.round((stats.sent() - sent) / seconds),
                    Math.round((stats.acknowledged() - acknowledged) / seconds),
                    acked ? latency.getValueAtPercentile(50) : -1,
                    acked ? latency.getValueAtPercentile(99) : -1,
                    acked ? latency.getMaxValue() : -1,
                    targetCpu < 0 ? -1 : round(100 * (targetCpuAfter - targetCpu) / seconds),
                    round(100 * (harnessCpuAfter - harnessCpu) / seconds),
                    rss < 0 ? -1 : rss / (1024 * 1024),
                    target.refused() + stats.refused(),
                    stats.connectionsLost());
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String row(IngestRun run) {
        return String.format(
                "%-20s QoS %d  %,9d msg/s delivered (sent %,9d/s)  PUBACK p50 %s p99 %s  CPU target %s%%"
                        + " harness %.0f%%%s",
                run.target(),
                run.qos(),
                run.deliveredPerSecond(),
                run.sentPerSecond(),
                micros(run.p50Micros()),
                micros(run.p99Micros()),
                run.targetCpuPercent() < 0 ? "(in harness)" : String.format("%.0f", run.targetCpuPercent()),
                run.harnessCpuPercent(),
                run.valid()
                        ? ""
                        : "  INVALID: " + run.refused() + " refused, " + run.connectionsLost() + " connections lost");
    }

    private static String micros(long value) {
        return value < 0 ? "-" : value >= 10_000 ? String.format("%.1f ms", value / 1000.0) : value + " µs";
    }

    private void write(List<IngestRun> runs) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("date", Instant.now().toString());
        result.put("cpus", Runtime.getRuntime().availableProcessors());
        result.put("java", System.getProperty("java.version"));
        result.put(
                "payload_bytes",
                TelemetryFrame.payload(LoadGenerator.site(0), "c00000-r00").length());
        result.put("collector_jvm_flags", collector.jvmFlags());
        result.put("runs", runs);
        Files.createDirectories(output.resultFile().toAbsolutePath().getParent());
        Files.writeString(output.resultFile(), JSON.writeValueAsString(result));
        System.out.println("results: " + output.resultFile());
    }
}
