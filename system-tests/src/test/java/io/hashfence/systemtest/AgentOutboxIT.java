package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.testing.Await;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's durable outbox end to end with the shipped jars: samples taken while the collector is down
 * arrive once it is back, and an agent killed with SIGKILL loses at most the sample it was writing. A stop
 * waits a few seconds for what is in flight; a sample still unacknowledged then stays in the outbox as
 * pending (the next run sends it), so the collector has accepted every sample but those, each once, and
 * perhaps some of those (sent, its PUBACK not back yet). The collector's {@code accepted} counter is its
 * view of distinct messages (duplicates are counted apart); it also counts the agent's status messages: {@code online} after each connect, and {@code offline} when the
 * agent stops or, as its will, when a stopping collector closes the connection. The outage test therefore
 * reads each collector's count from its last log line, after its listener closed.
 */
class AgentOutboxIT {
    private static final Pattern STOPPED =
            Pattern.compile("outbox: stored (\\d+) samples this run, (\\d+) pending, (\\d+) dropped when full");
    private static final Pattern RECOVERED = Pattern.compile("(\\d+) unsent samples from an earlier run");
    private static final Pattern STORED_DEBUG = Pattern.compile("outbox: stored sample \\d+ for ");
    private static final Pattern STOPPED_COLLECTOR =
            Pattern.compile("collector stopped; messages accepted this run: (\\d+)");
    private static final Pattern STATUS = Pattern.compile("agent is (online|offline)");
    private static final String ACCEPTED = "hashfence_ingest_messages_total{outcome=\"accepted\"}";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void samplesTakenWhileTheCollectorIsDownArriveExactlyOnceAfterItRestarts() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, "outage-site");
        JarProcess collector = startCollector(dataDir, 0);
        int mqttPort = collector.mqttPort();
        int httpPort = collector.httpPort();
        Path config = agentConfig("outage-site", mqttPort, "1s", 2);

        try (JarProcess agent = JarProcess.start(
                JarProcess.agentJar(),
                workDir,
                Map.of("HASHFENCE_TOKEN", token),
                "run",
                "--config",
                config.toString())) {
            awaitAccepted(httpPort, 4, agent);
            collector.stop();
            long acceptedBeforeOutage = acceptedThisRun(collector);
            String logBeforeOutage = collector.stderr();

            // The outage under test: about four samples (one a second) the agent must keep and deliver later.
            Thread.sleep(4_000);
            assertThat(agent.isAlive()).isTrue();
            collector = startCollector(dataDir, mqttPort);
            int newHttpPort = collector.httpPort();
            agent.awaitLog(Pattern.compile("stored samples all delivered"));
            awaitAccepted(newHttpPort, 4, agent);

            agent.stop();
            String ingestAfterOutage = ingest(newHttpPort);
            collector.stop();
            long acceptedAfterOutage = acceptedThisRun(collector);
            Matcher totals = STOPPED.matcher(agent.stderr());
            assertThat(totals.find()).as(agent.stderr()).isTrue();
            long stored = Long.parseLong(totals.group(1));
            long pending = Long.parseLong(totals.group(2));

            assertThat(Long.parseLong(totals.group(3))).isZero();
            assertThat(stored)
                    .as("about 2 rigs x 1/s over the run, outage included")
                    .isGreaterThan(12);
            long statusMessages = statusMessages(logBeforeOutage) + statusMessages(collector.stderr());
            assertThat(acceptedBeforeOutage + acceptedAfterOutage - statusMessages)
                    .as(
                            "every sample, once; collector: %s; agent log:%n%s%ncollector logs:%n%s%n%s",
                            ingestAfterOutage, agent.stderr(), logBeforeOutage, collector.stderr())
                    .isBetween(stored - pending, stored);
        } finally {
            collector.stop();
        }
    }

    @Test
    void anAgentKilledWithSigkillLosesAtMostTheSampleItWasWriting() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, "kill-site");
        int mqttPort = FreePorts.pick();
        Path config = agentConfig("kill-site", mqttPort, "100ms", 1);

        JarProcess first = JarProcess.start(
                JarProcess.agentJar(),
                workDir,
                Map.of("HASHFENCE_TOKEN", token, "HASHFENCE_LOG_LEVEL", "DEBUG"),
                "run",
                "--config",
                config.toString());
        Await.until(
                "the agent has stored more than 5 samples",
                () -> STORED_DEBUG.matcher(first.stderr()).results().count() > 5);
        kill(config);
        long loggedAsStored = STORED_DEBUG.matcher(first.stderr()).results().count();
        assertThat(loggedAsStored).isGreaterThan(5);

        JarProcess collector = startCollector(dataDir, mqttPort);
        try (JarProcess second = JarProcess.start(
                JarProcess.agentJar(),
                workDir,
                Map.of("HASHFENCE_TOKEN", token),
                "run",
                "--config",
                config.toString())) {
            int httpPort = collector.httpPort();
            long recovered = Long.parseLong(second.awaitLog(RECOVERED));
            assertThat(recovered)
                    .as("stored before the kill, at most one more than logged")
                    .isBetween(loggedAsStored, loggedAsStored + 1);
            second.awaitLog(Pattern.compile("stored samples all delivered"));

            second.stop();
            long accepted = (long) accepted(httpPort);
            Matcher totals = STOPPED.matcher(second.stderr());
            assertThat(totals.find()).as(second.stderr()).isTrue();
            long taken = recovered + Long.parseLong(totals.group(1));
            long pending = Long.parseLong(totals.group(2));
            assertThat(accepted - statusMessages(collector.stderr()))
                    .as(
                            "every sample, once; collector: %s; agent log:%n%s%ncollector log:%n%s",
                            ingest(httpPort), second.stderr(), collector.stderr())
                    .isBetween(taken - pending, taken);
        } finally {
            collector.stop();
        }
    }

    private Path agentConfig(String site, int mqttPort, String interval, int rigs) throws IOException {
        Path config = workDir.resolve(site + ".yml");
        Files.writeString(config, """
                site: %s
                collector: tcp://127.0.0.1:%d
                publish_interval: %s
                mqtt:
                  reconnect_backoff: {min: 200ms, max: 1s}
                simulate: {rigs: %d, seed: 5}
                outbox:
                  directory: %s
                """.formatted(site, mqttPort, interval, rigs, workDir.resolve("outbox-" + site)));
        return config;
    }

    /** SIGKILL for the agent JVM started with this config (JarProcess only sends SIGTERM). */
    private static void kill(Path config) throws InterruptedException {
        ProcessHandle agent = ProcessHandle.current()
                .children()
                .filter(child -> child.info()
                        .arguments()
                        .map(args -> String.join(" ", args).contains(config.toString()))
                        .orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no agent process running with " + config));
        agent.destroyForcibly();
        agent.onExit().join();
    }

    private JarProcess startCollector(Path dataDir, int mqttPort) throws IOException {
        return JarProcess.start(
                JarProcess.collectorJar(),
                workDir,
                Map.of(),
                "run",
                "--data-dir",
                dataDir.toString(),
                "--mqtt-port",
                String.valueOf(mqttPort),
                "--http-port",
                "0");
    }

    private static void awaitAccepted(int httpPort, double atLeast, JarProcess agent) throws Exception {
        Await.until("the collector accepted " + atLeast + " samples", () -> {
            assertThat(agent.isAlive())
                    .as("agent still running; its log:\n" + agent.stderr())
                    .isTrue();
            return accepted(httpPort) >= atLeast;
        });
    }

    /** What a stopped collector said it accepted over its run, counted after its listener closed. */
    private static long acceptedThisRun(JarProcess stoppedCollector) throws IOException, InterruptedException {
        return Long.parseLong(stoppedCollector.awaitLog(STOPPED_COLLECTOR));
    }

    /** The agent's status messages a collector logged: online after each connect, offline on stop or as its will. */
    private static long statusMessages(String collectorLog) {
        return STATUS.matcher(collectorLog).results().count();
    }

    private static String ingest(int httpPort) throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .lines()
                .filter(line -> line.startsWith("hashfence_ingest_messages_total"))
                .toList()
                .toString();
    }

    private static double accepted(int httpPort) throws IOException, InterruptedException {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(ACCEPTED + " ")) {
                return Double.parseDouble(line.substring(ACCEPTED.length() + 1).trim());
            }
        }
        return 0;
    }
}
