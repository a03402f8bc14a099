package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.testing.Await;
import io.hashfence.testing.Requirement;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's record and state files through the shipped jar: the witness catches a cut tail that the
 * chain alone cannot, a cut last record is kept and counted, verify and report find the data directory the
 * way run does, and the files are private to the collector's user.
 */
class StorageHardeningIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SITE = "store-site";

    @TempDir
    Path workDir;

    @Test
    void theWitnessCatchesATailCutAtALineBoundaryThatThePlainChainCannot() throws Exception {
        Path dataDir = workDir.resolve("data");
        Path witnessDir = workDir.resolve("witness");
        recordRigsAndStop(dataDir, 5, "--witness-dir", witnessDir.toString());

        List<String> lines = Files.readAllLines(dataDir.resolve("events.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSizeGreaterThan(3);
        int kept = lines.size() - 2;
        Files.write(dataDir.resolve("events.log"), lines.subList(0, kept), StandardCharsets.UTF_8);

        JarProcess plain = collector("verify", "--data-dir", dataDir.toString());
        assertThat(plain.waitFor()).as(plain.stdout()).isZero();
        assertThat(plain.stdout()).contains("OK: " + kept + " records");

        JarProcess witnessed =
                collector("verify", "--data-dir", dataDir.toString(), "--witness-dir", witnessDir.toString());
        assertThat(witnessed.waitFor()).as(witnessed.stdout()).isOne();
        assertThat(witnessed.stdout())
                .contains("BROKEN: the log ends at record " + kept)
                .contains("records " + (kept + 1) + " to " + lines.size() + " are missing");
    }

    @Test
    void theWitnessAgreesWithAnUntouchedLogAndItsFilesArePrivate() throws Exception {
        Path dataDir = workDir.resolve("data");
        Path witnessDir = workDir.resolve("witness");
        recordRigsAndStop(dataDir, 3, "--witness-dir", witnessDir.toString());

        JarProcess verify =
                collector("verify", "--data-dir", dataDir.toString(), "--witness-dir", witnessDir.toString());
        assertThat(verify.waitFor()).as(verify.stdout()).isZero();
        assertThat(verify.stdout())
                .contains("signed heads in " + witnessDir + " agree")
                .contains("chain intact");

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(witnessDir)).isEqualTo("rwx------");
        for (Path file : List.of(
                dataDir.resolve("events.log"),
                dataDir.resolve("sequences.log"),
                dataDir.resolve("sites.json"),
                dataDir.resolve("audit-signing.key"),
                witnessDir.resolve("witness.log"))) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void anEditedCompleteLastRecordIsKeptLoggedAndCountedWhenStartUpCutsIt() throws Exception {
        Path dataDir = workDir.resolve("data");
        recordRigsAndStop(dataDir, 2);

        Path log = dataDir.resolve("events.log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        String last = lines.get(lines.size() - 1);
        // A complete line no longer of the form HASH JSON: what start-up used to drop as "torn" without a trace.
        String edited = last.substring(1);
        lines.set(lines.size() - 1, edited);
        Files.write(log, lines, StandardCharsets.UTF_8);
        long validBytes = Files.size(log) - edited.getBytes(StandardCharsets.UTF_8).length - 1;

        JarProcess restarted = run(dataDir);
        restarted.awaitLog(
                Pattern.compile("ERROR .*cut the last record, bytes " + validBytes + " to " + Files.size(log)));
        int httpPort = restarted.httpPort();
        assertThat(get(httpPort, "/metrics", dataDir).body())
                .contains("hashfence_storage_records_cut_total{file=\"events.log\"} 1.0");
        restarted.stop();

        try (Stream<Path> files = Files.list(dataDir)) {
            Path kept = files.filter(file -> file.getFileName().toString().startsWith("events.log.damaged-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no events.log.damaged-* in " + dataDir));
            assertThat(Files.readString(kept, StandardCharsets.UTF_8)).isEqualTo(edited + "\n");
            assertThat(mode(kept)).isEqualTo("rw-------");
        }
    }

    @Test
    void verifyAndReportFindTheDataDirectoryFromTheConfigFileAndTheEnvironmentAsRunDoes() throws Exception {
        Path dataDir = workDir.resolve("var-lib-hashfence");
        String token = CollectorSites.add(workDir, dataDir, SITE);
        Files.writeString(workDir.resolve("collector.yml"), "data_dir: " + dataDir + "\n");
        JarProcess collector = collector("run", "--config", "collector.yml", "--mqtt-port", "0", "--http-port", "0");
        publishRigs(collector, token, 2);
        collector.stop();

        // The README's regulator example, as written, from the directory that holds collector.yml.
        JarProcess report = collector(
                "report",
                "--config",
                "collector.yml",
                "--from",
                "2026-07-01T00:00:00Z",
                "--format",
                "html",
                "--out",
                "q3.html");
        assertThat(report.waitFor()).as(report.stderr()).isZero();
        assertThat(Files.readString(workDir.resolve("q3.html"), StandardCharsets.UTF_8))
                .contains("rig-1");
        JarProcess verify = collector("verify", "--config", "collector.yml");
        assertThat(verify.waitFor()).as(verify.stdout() + verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("chain intact");

        JarProcess fromEnvironment = JarProcess.start(
                JarProcess.collectorJar(), workDir, Map.of("HASHFENCE_DATA_DIR", dataDir.toString()), "verify");
        assertThat(fromEnvironment.waitFor()).as(fromEnvironment.stdout()).isZero();
        JarProcess nowhere = collector("verify");
        assertThat(nowhere.waitFor()).isEqualTo(2);
        assertThat(nowhere.stderr()).contains("no event log at data/events.log").contains("--config");
    }

    @Test
    void aValidAgentIsAcceptedWhileAFloodOfWrongTokensRunsRightAfterARestart() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, SITE);
        run(dataDir).stop();
        JarProcess collector = run(dataDir);
        int port = collector.mqttPort();
        int httpPort = collector.httpPort();

        WrongTokenFlood flood = new WrongTokenFlood(port, SITE);
        flood.start(4);
        try {
            flood.awaitAttempts(100);
            long slowestMicros = 0;
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                int returnCode = WrongTokenFlood.connectOnce(port, "127.0.0.1", "valid-agent", SITE, token);
                slowestMicros = Math.max(slowestMicros, (System.nanoTime() - started) / 1_000);
                assertThat(returnCode)
                        .as("CONNACK return code of the valid agent")
                        .isZero();
                assertThat(flood.isRunning())
                        .as("the flood was still running when the agent was accepted")
                        .isTrue();
            }
            System.out.printf(
                    "10 valid CONNECTs accepted during a flood of wrong tokens, the slowest in %d us "
                            + "(%d wrong ones sent so far)%n",
                    slowestMicros, flood.attempts());
            flood.awaitAttempts(1_000);
        } finally {
            flood.stop();
        }
        assertThat(flood.failures()).as("every flood CONNECT was answered").isEmpty();
        String metrics = get(httpPort, "/metrics", dataDir).body();
        assertThat(metrics)
                .contains("hashfence_mqtt_connects_total{result=\"accepted\"} 10.0")
                .containsPattern("hashfence_mqtt_connects_total\\{result=\"backed_off\"} [1-9]")
                .containsPattern("hashfence_mqtt_connects_total\\{result=\"bad_credentials\"} [1-9]")
                .doesNotContainPattern("hashfence_mqtt_connects_total\\{result=\"server_busy\"} [1-9]");
        collector.stop();
    }

    @Test
    void aRestartedCollectorShowsEveryKnownRigDownUntilItReports() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, SITE);
        JarProcess first = run(dataDir);
        publishRigs(first, token, 3);
        Path snapshot = dataDir.resolve("rigs.snapshot");
        Await.until(
                "rigs.snapshot names every new rig",
                () -> Files.exists(snapshot)
                        && Files.readString(snapshot, StandardCharsets.UTF_8).contains("rig-3"));
        first.kill();

        for (String stop : List.of("after SIGKILL", "after SIGTERM")) {
            JarProcess restarted = run(dataDir);
            int httpPort = restarted.httpPort();
            List<JsonNode> rigs = CollectorApi.every(httpPort, dataDir, "rigs", "");
            assertThat(rigs).as(stop).hasSize(3).noneMatch(rig -> rig.get("up").asBoolean());
            assertThat(rigs).as(stop).extracting(rig -> rig.get("rig").asText()).contains("rig-1", "rig-3");
            String metrics = get(httpPort, "/metrics/rigs", dataDir).body();
            for (String rig : List.of("rig-1", "rig-2", "rig-3")) {
                assertThat(metrics).as(stop).containsPattern("hashfence_rig_up\\{[^}]*rig=\"" + rig + "\"[^}]*} 0");
            }
            restarted.stop();
        }
        assertThat(mode(snapshot)).isEqualTo("rw-------");
    }

    @Test
    void aFullDiskMakesHealthzAnswer503AndNothingCountsAsAcceptedUntilItIsDurable() throws Exception {
        Path dataDir = workDir.resolve("tiny");
        Files.createDirectories(dataDir);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        boolean mounted = mount.waitFor() == 0;
        Requirement.require(
                mounted,
                "mounting a 2 MiB tmpfs needs root (mount -t tmpfs): "
                        + new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        try {
            String token = CollectorSites.add(workDir, dataDir, SITE);
            JarProcess collector = run(dataDir);
            int httpPort = collector.httpPort();
            publishRigs(collector, token, 1);
            assertThat(get(httpPort, "/healthz", dataDir).statusCode()).isEqualTo(200);
            assertThat(accepted(httpPort, dataDir)).isEqualTo(1.0);

            Path filler = dataDir.resolve("filler");
            fill(filler);
            int port = collector.mqttPort();
            MqttAsyncClient agent =
                    new MqttAsyncClient("tcp://127.0.0.1:" + port, "disk-full", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName(SITE);
            options.setPassword(token.getBytes(StandardCharsets.UTF_8));
            agent.connect(options).waitForCompletion(30_000);
            // New rigs, each with a rig_first_seen event: more than the event log's last allocated page still holds.
            List<IMqttToken> published = new java.util.ArrayList<>();
            for (int i = 10; i < 40; i++) {
                published.add(agent.publish(
                        "hashfence/v1/" + SITE + "/rig-" + i + "/telemetry",
                        telemetry("rig-" + i, i).getBytes(StandardCharsets.UTF_8),
                        1,
                        false));
            }

            HttpResponse<String> health = awaitHealth(httpPort, dataDir, 503, "events.log (No space left on device)");
            assertThat(health.body()).contains("\"status\":\"storage_failing\"");
            assertThat(get(httpPort, "/metrics", dataDir).body())
                    .containsPattern("hashfence_storage_write_failures_total\\{file=\"events.log\"} [1-9]");
            assertThat(published.stream().filter(each -> !each.isComplete()))
                    .as("messages without PUBACK while the disk is full")
                    .isNotEmpty();
            assertThat(accepted(httpPort, dataDir))
                    .as("accepted counts only durable messages")
                    .isLessThan(31.0);

            Files.delete(filler);
            for (IMqttToken each : published) {
                each.waitForCompletion(60_000);
            }
            awaitHealth(httpPort, dataDir, 200, "\"status\":\"ok\"");
            assertThat(accepted(httpPort, dataDir)).isEqualTo(31.0);
            agent.disconnect().waitForCompletion(10_000);
            agent.close();
            collector.stop();
            JarProcess verify = collector("verify", "--data-dir", dataDir.toString());
            assertThat(verify.waitFor()).as(verify.stdout()).isZero();
        } finally {
            new ProcessBuilder("umount", "-l", dataDir.toString()).start().waitFor();
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (java.io.OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left");
        }
    }

    private static HttpResponse<String> awaitHealth(int httpPort, Path dataDir, int status, String saying)
            throws Exception {
        return Await.value("/healthz answers " + status + " with " + saying, () -> {
            HttpResponse<String> health = get(httpPort, "/healthz", dataDir);
            assertThat(health.body())
                    .as("/healthz, status " + health.statusCode())
                    .contains(saying);
            return health.statusCode() == status ? Optional.of(health) : Optional.empty();
        });
    }

    private static double accepted(int httpPort, Path dataDir) throws Exception {
        java.util.regex.Matcher matcher = Pattern.compile(
                        "hashfence_ingest_messages_total\\{outcome=\"accepted\"} ([0-9.E]+)")
                .matcher(get(httpPort, "/metrics", dataDir).body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    /** Adds the site, runs a collector until it acknowledged {@code rigs} rigs' telemetry, and stops it. */
    private void recordRigsAndStop(Path dataDir, int rigs, String... runFlags) throws Exception {
        String token = CollectorSites.add(workDir, dataDir, SITE);
        JarProcess collector = run(dataDir, runFlags);
        publishRigs(collector, token, rigs);
        collector.stop();
    }

    private JarProcess run(Path dataDir, String... more) throws IOException {
        List<String> args = new java.util.ArrayList<>(
                List.of("run", "--data-dir", dataDir.toString(), "--mqtt-port", "0", "--http-port", "0"));
        args.addAll(List.of(more));
        return collector(args.toArray(String[]::new));
    }

    private JarProcess collector(String... args) throws IOException {
        return JarProcess.start(JarProcess.collectorJar(), workDir, Map.of(), args);
    }

    /** Publishes one QoS 1 message for each of {@code rigs} rigs; each returns once the collector acknowledged it. */
    private static void publishRigs(JarProcess collector, String token, int rigs) throws Exception {
        int port = collector.mqttPort();
        MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "store-test", new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(SITE);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(30);
        client.connect(options);
        try {
            for (int i = 1; i <= rigs; i++) {
                client.publish(
                        "hashfence/v1/" + SITE + "/rig-" + i + "/telemetry",
                        telemetry("rig-" + i, i).getBytes(StandardCharsets.UTF_8),
                        1,
                        false);
            }
            client.disconnect();
        } finally {
            client.close();
        }
    }

    static String telemetry(String rig, int i) {
        return "{\"schema_version\":1,\"site\":\"" + SITE + "\",\"rig\":\"" + rig + "\",\"time\":\"" + Instant.now()
                + "\",\"seq\":1,\"miner\":{\"type\":\"bmminer\",\"status\":\"mining\"},\"hashrate_hs\":1.1e14,"
                + "\"power\":{\"watts\":3250,\"source\":\"miner\"},\"location\":{\"lat\":" + (30 + i * 0.1)
                + ",\"lon\":-97.0,\"source\":\"static\"}}";
    }

    static HttpResponse<String> get(int port, String path, Path dataDir) throws IOException, InterruptedException {
        String apiToken = Files.readString(dataDir.resolve("api-token"), StandardCharsets.UTF_8)
                .strip();
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + apiToken)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
