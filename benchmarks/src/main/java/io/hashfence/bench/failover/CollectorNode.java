package io.hashfence.bench.failover;

import io.hashfence.bench.options.CollectorJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One collector of the cluster: the shipped jar with the launcher's JVM flags, its own data directory, the
 * shared store, the PROXY protocol required (it stands behind HAProxy) and alerts sent to the bench's webhook.
 */
final class CollectorNode implements AutoCloseable {
    private static final Pattern MQTT_PORT = Pattern.compile("MQTT listening on [^:]+:(\\d+)");
    private static final Pattern HTTP_PORT = Pattern.compile("HTTP listening on http://[^:]+:(\\d+)");
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private final String name;
    private final Path dataDir;
    private final Process process;
    private final Path log;
    private final int mqttPort;
    private final int httpPort;

    private CollectorNode(String name, Path dataDir, Process process, Path log, int mqttPort, int httpPort) {
        this.name = name;
        this.dataDir = dataDir;
        this.process = process;
        this.log = log;
        this.mqttPort = mqttPort;
        this.httpPort = httpPort;
    }

    static CollectorNode start(String name, CollectorJar collectorJar, Path workDir, String storeUrl, String webhook)
            throws IOException, InterruptedException {
        Path config = workDir.resolve(name + ".yml");
        Files.writeString(
                config,
                "mqtt:\n  proxy_protocol: true\nstore:\n  url: " + storeUrl + "\n  node: " + name
                        + "\nalerts:\n  webhook: " + webhook + "\n");
        Path dataDir = workDir.resolve(name);
        // A fresh data directory: an earlier run's rigs, sequence windows and open alerts would count as this run's.
        deleteRecursively(dataDir);
        Path log = workDir.resolve(name + ".log");
        List<String> command = collectorJar.command(List.of(
                "run",
                "--config",
                config.toString(),
                "--data-dir",
                dataDir.toString(),
                "--mqtt-port",
                "0",
                "--http-port",
                "0"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int mqtt = Integer.parseInt(awaitLog(process, log, MQTT_PORT));
            int http = Integer.parseInt(awaitLog(process, log, HTTP_PORT));
            return new CollectorNode(name, dataDir, process, log, mqtt, http);
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.destroyForcibly().waitFor();
            throw e;
        }
    }

    /** Runs {@code sites add SITE --store-url URL} with the shipped jar and returns the token it prints last. */
    static String addSite(Path jar, Path workDir, String storeUrl, String site)
            throws IOException, InterruptedException {
        Path out = workDir.resolve("sites-add.out");
        Process add = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "sites",
                        "add",
                        site,
                        "--store-url",
                        storeUrl)
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("sites-add.log").toFile()))
                .redirectOutput(out.toFile())
                .start();
        if (add.waitFor() != 0) {
            throw new IllegalStateException("sites add " + site + " failed, see " + workDir.resolve("sites-add.log"));
        }
        List<String> lines = Files.readAllLines(out);
        return lines.get(lines.size() - 1).strip();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static String awaitLog(Process process, Path log, Pattern pattern)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("collector did not log " + pattern + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    String name() {
        return name;
    }

    Path dataDir() {
        return dataDir;
    }

    int mqttPort() {
        return mqttPort;
    }

    int httpPort() {
        return httpPort;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, and waits for the collector to finish writing. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public String toString() {
        return name + " (log " + log + ")";
    }
}
