package io.hashfence.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hashfence.bench.ingest.ChildProcess;
import io.hashfence.bench.options.BenchOutput;
import io.hashfence.bench.options.CollectorJar;
import io.hashfence.collector.site.CredentialStore;
import io.hashfence.collector.site.TokenHasher;
import io.hashfence.protocol.SiteId;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One collector with a large simulated fleet, as users run them: the shipped collector jar, and the shipped agent's
 * {@code simulate --sites-file} spreading the rigs over many sites. Once every rig is in the registry it measures a
 * full scrape (every path {@code /api/v1/scrape-targets} lists, one after the other and all at once, gzipped as
 * Prometheus asks and plain), the series per rig, the heap per rig after a full collection, and one page of the rig
 * API; writes the result as JSON and the collector's class histogram beside it.
 */
@Command(
        name = "scale",
        mixinStandardHelpOptions = true,
        description = "Scrape time, series and heap per rig, and an API page, with one collector and a large fleet.")
public final class ScaleBenchmark implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern MQTT_PORT = Pattern.compile("MQTT listening on [^:]+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP listening on http://[^:]+:(\\d+)");

    @Mixin
    CollectorJar collectorJar;

    @Mixin
    BenchOutput output;

    @Option(names = "--agent-jar", required = true, description = "the shipped hashfence-agent.jar")
    Path agentJar;

    @Option(names = "--rigs", defaultValue = "100000")
    int rigs;

    @Option(names = "--sites", defaultValue = "500", description = "sites the rigs are dealt over, one connection each")
    int sites;

    @Option(
            names = "--interval",
            defaultValue = "60s",
            description = "how often each simulated rig publishes (the ingest load while scraping)")
    String interval;

    @Option(names = "--rounds", defaultValue = "5", description = "full scrapes of each kind; the median is reported")
    int rounds;

    @Option(
            names = "--warmup",
            defaultValue = "2",
            description = "full scrapes of each kind first, not measured (the collector's JIT at work, as it is not"
                    + " once Prometheus has scraped for a while)")
    int warmup;

    @Option(names = "--fleet-timeout", defaultValue = "PT15M", description = "how long the fleet may take to appear")
    Duration fleetTimeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dataDir = output.workDir().resolve("collector-data");
        deleteRecursively(output.workDir());
        Files.createDirectories(output.workDir());
        Path sitesFile = registerSites(dataDir);
        double[] loadBefore = loadAverage();

        try (ChildProcess collector = startCollector(dataDir)) {
            int mqttPort = Integer.parseInt(collector.awaitLog(MQTT_PORT, Duration.ofSeconds(60)));
            int httpPort = Integer.parseInt(collector.awaitLog(HTTP_PORT, Duration.ofSeconds(60)));
            CollectorHttp http = new CollectorHttp(
                    httpPort, Files.readString(dataDir.resolve("api-token")).strip());
            long emptyHeap = ChildProcess.liveBytes(collector.classHistogram());

            try (ChildProcess fleet = startFleet(sitesFile, mqttPort)) {
                Duration fleetUp = awaitFleet(http, fleet);
                System.out.printf("%,d rigs in the registry after %s%n", rigs, fleetUp);

                List<String> paths = http.scrapeTargets();
                ScrapeRound plain = ScrapeRound.sequential(http, paths, false);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("date", Instant.now().toString());
                result.put("machine", machine());
                result.put("load_average_before", loadBefore);
                result.put("rigs", rigs);
                result.put("sites", sites);
                result.put("interval", interval);
                result.put("fleet_up_seconds", fleetUp.toMillis() / 1000.0);
                result.put("scrape_paths", paths);
                result.put("series", plain.series());
                result.put("rig_series", plain.rigSeries());
                result.put("series_per_rig", plain.rigSeries() / (double) rigs);
                result.put("bytes_plain", plain.bytes());
                result.put("warmup_rounds", warmup);
                Map<ScrapeKind, List<ScrapeRound>> measured = scrapeRounds(http, paths);
                for (ScrapeKind kind : ScrapeKind.values()) {
                    result.put(kind.resultName(), summary(measured.get(kind)));
                    System.out.println(kind.resultName() + ": " + result.get(kind.resultName()));
                }

                String histogram = collector.classHistogram();
                Files.createDirectories(output.resultFile().toAbsolutePath().getParent());
                Files.writeString(output.resultFile().resolveSibling("scale-histogram.txt"), histogram);
                long liveHeap = ChildProcess.liveBytes(histogram);
                result.put("heap_live_bytes_empty", emptyHeap);
                result.put("heap_live_bytes", liveHeap);
                result.put("heap_bytes_per_rig", liveHeap / (double) rigs);
                result.put("heap_bytes_per_rig_over_empty", (liveHeap - emptyHeap) / (double) rigs);
                System.out.printf(
                        "heap after a full GC: %,d bytes, %,.0f per rig%n", liveHeap, liveHeap / (double) rigs);
                // Last: before the rig API pages, its answer holds the whole fleet and loads the collector.
                result.put("api_rigs_page", http.rigsPage(500));
                result.put("load_average_after", loadAverage());
                JSON.writeValue(output.resultFile().toFile(), result);
                System.out.println(JSON.writeValueAsString(result));
            }
        }
        return 0;
    }

    private Path registerSites(Path dataDir) throws Exception {
        CredentialStore credentials = new CredentialStore(dataDir);
        TokenHasher hasher = new TokenHasher();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < sites; i++) {
            String site = String.format("site-%04d", i);
            lines.append(site)
                    .append(' ')
                    .append(credentials.add(SiteId.of(site), hasher))
                    .append('\n');
        }
        Path sitesFile = output.workDir().resolve("sites.txt");
        Files.writeString(sitesFile, lines);
        return sitesFile;
    }

    private ChildProcess startCollector(Path dataDir) throws Exception {
        List<String> command = collectorJar.command(
                List.of("run", "--data-dir", dataDir.toString(), "--mqtt-port", "0", "--http-port", "0"));
        return ChildProcess.start(command, output.workDir().resolve("collector.log"));
    }

    private ChildProcess startFleet(Path sitesFile, int mqttPort) throws Exception {
        return ChildProcess.start(
                List.of(
                        java(),
                        "-Xmx1g",
                        "-jar",
                        agentJar.toString(),
                        "simulate",
                        "--rigs",
                        String.valueOf(rigs),
                        "--sites-file",
                        sitesFile.toString(),
                        "--collector",
                        "tcp://127.0.0.1:" + mqttPort,
                        "--interval",
                        interval,
                        "--seed",
                        "16"),
                output.workDir().resolve("fleet.log"));
    }

    private Duration awaitFleet(CollectorHttp http, ChildProcess fleet) throws Exception {
        long start = System.nanoTime();
        long deadline = start + fleetTimeout.toNanos();
        long reported = -1;
        while (true) {
            long known = http.rigsKnown();
            if (known >= rigs) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (!fleet.isAlive()) {
                throw new IllegalStateException(
                        "the simulated fleet exited; see " + output.workDir().resolve("fleet.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(known + " of " + rigs + " rigs after " + fleetTimeout + "; see "
                        + output.workDir().resolve("fleet.log"));
            }
            if (known / 10_000 != reported / 10_000) {
                System.out.printf("%,d rigs so far%n", known);
                reported = known;
            }
            Thread.sleep(500);
        }
    }

    /** The four ways of scraping the whole fleet. */
    private enum ScrapeKind {
        SEQUENTIAL_GZIP(false, true),
        PARALLEL_GZIP(true, true),
        SEQUENTIAL_PLAIN(false, false),
        PARALLEL_PLAIN(true, false);

        private final boolean parallel;
        private final boolean gzip;

        ScrapeKind(boolean parallel, boolean gzip) {
            this.parallel = parallel;
            this.gzip = gzip;
        }

        String resultName() {
            return "scrape_" + (parallel ? "parallel" : "sequential") + (gzip ? "_gzip" : "_plain");
        }

        ScrapeRound scrape(CollectorHttp http, List<String> paths) throws Exception {
            return parallel ? ScrapeRound.parallel(http, paths, gzip) : ScrapeRound.sequential(http, paths, gzip);
        }
    }

    /**
     * The warm-up rounds, then the measured ones, each round one full scrape of every kind in turn: whatever else
     * the collector does now and then (its snapshot each minute, a garbage collection) falls on every kind alike.
     */
    private Map<ScrapeKind, List<ScrapeRound>> scrapeRounds(CollectorHttp http, List<String> paths) throws Exception {
        for (int round = 0; round < warmup; round++) {
            for (ScrapeKind kind : ScrapeKind.values()) {
                kind.scrape(http, paths);
            }
        }
        Map<ScrapeKind, List<ScrapeRound>> measured = new EnumMap<>(ScrapeKind.class);
        for (int round = 0; round < rounds; round++) {
            for (ScrapeKind kind : ScrapeKind.values()) {
                measured.computeIfAbsent(kind, k -> new ArrayList<>()).add(kind.scrape(http, paths));
            }
        }
        return measured;
    }

    private static Map<String, Object> summary(List<ScrapeRound> rounds) {
        List<ScrapeRound> all = new ArrayList<>(rounds);
        all.sort((a, b) -> Long.compare(a.wallNanos(), b.wallNanos()));
        ScrapeRound median = all.get(all.size() / 2);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("median_seconds", median.wallNanos() / 1e9);
        summary.put("min_seconds", all.get(0).wallNanos() / 1e9);
        summary.put("max_seconds", all.get(all.size() - 1).wallNanos() / 1e9);
        summary.put("bytes_on_the_wire", median.wireBytes());
        summary.put("slowest_path_seconds", median.slowestPathNanos() / 1e9);
        summary.put(
                "rounds_seconds",
                rounds.stream().map(round -> round.wallNanos() / 1e9).toList());
        return summary;
    }

    private static Map<String, Object> machine() throws Exception {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("host", InetAddress.getLocalHost().getHostName());
        machine.put("cpus", Runtime.getRuntime().availableProcessors());
        machine.put(
                "cpu",
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst()
                        .orElse("unknown"));
        machine.put("java", System.getProperty("java.vm.version"));
        return machine;
    }

    private static double[] loadAverage() throws Exception {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])
        };
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static JsonNode json(byte[] body) throws Exception {
        return JSON.readTree(body);
    }
}
