package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's duplicate check survives SIGKILL: QoS 1 telemetry it acknowledged, sent again to the
 * restarted collector (as an agent does when the PUBACK was lost with the crash), is counted as a
 * duplicate and not accepted a second time; and a damaged sequence journal is reported, not fatal.
 */
class DuplicatesAfterCrashIT {
    private static final String SITE = "dup-site";
    private static final int RIGS = 20;
    private static final int PER_RIG = 10;
    private static final long FIRST_SEQ = 1_764_165_600_000L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void acknowledgedMessagesResentAfterSigkillAreDuplicates() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, SITE);
        JarProcess collector = startCollector(dataDir);
        int port = collector.mqttPort();
        publishAll(port, token, FIRST_SEQ);
        collector.kill();

        JarProcess restarted = startCollector(dataDir);
        try {
            port = restarted.mqttPort();
            int httpPort = restarted.httpPort();
            assertThat(restarted.stderr()).contains("sequence windows of " + RIGS + " rigs restored");
            publishAll(port, token, FIRST_SEQ);
            assertThat(ingested(httpPort, "duplicate")).as(restarted.stderr()).isEqualTo(RIGS * PER_RIG);
            assertThat(ingested(httpPort, "accepted")).isZero();

            publishAll(port, token, FIRST_SEQ + PER_RIG);
            assertThat(ingested(httpPort, "accepted"))
                    .as("new sequence numbers")
                    .isEqualTo(RIGS * PER_RIG);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void aDamagedJournalIsReportedByFileAndOffsetAndTheCollectorRunsOn() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, SITE);
        JarProcess collector = startCollector(dataDir);
        publishAll(collector.mqttPort(), token, FIRST_SEQ);
        collector.kill();
        Path journal = dataDir.resolve("sequences.log");
        byte[] bytes = Files.readAllBytes(journal);
        int middle = bytes.length / 2;
        bytes[middle] ^= (byte) 0xFF;
        Files.write(journal, bytes);

        JarProcess restarted = startCollector(dataDir);
        try {
            restarted.mqttPort();
            assertThat(restarted.stderr())
                    .containsPattern(Pattern.quote(journal.toString())
                            + ": bytes at offsets \\d+ to \\d+ are unreadable \\([a-z ]+\\); skipped");
            assertThat(restarted.stderr()).contains("the damaged file is kept as " + journal + ".damaged-");
            assertThat(restarted.isAlive()).isTrue();
        } finally {
            restarted.stop();
        }
    }

    /** Every message is published with QoS 1 and returns only once its PUBACK has arrived. */
    private static void publishAll(int port, String token, long firstSeq) throws MqttException {
        MqttClient client =
                new MqttClient("tcp://127.0.0.1:" + port, "dup-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(SITE);
        options.setPassword(token.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        client.connect(options);
        try {
            for (long seq = firstSeq; seq < firstSeq + PER_RIG; seq++) {
                for (int rig = 0; rig < RIGS; rig++) {
                    client.publish(
                            "hashfence/v1/" + SITE + "/rig-" + rig + "/telemetry",
                            telemetry("rig-" + rig, seq).getBytes(StandardCharsets.UTF_8),
                            1,
                            false);
                }
            }
            client.disconnect();
        } finally {
            client.close();
        }
    }

    private static String telemetry(String rig, long seq) {
        return "{\"schema_version\":1,\"site\":\"" + SITE + "\",\"rig\":\"" + rig + "\",\"time\":\"" + Instant.now()
                + "\",\"seq\":" + seq
                + ",\"miner\":{\"type\":\"bmminer\",\"status\":\"mining\"},\"hashrate_hs\":1.1e14,"
                + "\"power\":{\"watts\":3250,\"source\":\"miner\"},\"location\":{\"lat\":30.5,\"lon\":-97.0,"
                + "\"source\":\"static\"}}";
    }

    private JarProcess startCollector(Path dataDir) throws IOException {
        return JarProcess.runCollector(workDir, dataDir);
    }

    private static double ingested(int httpPort, String outcome) throws IOException, InterruptedException {
        String series = "hashfence_ingest_messages_total{outcome=\"" + outcome + "\"} ";
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return metrics.lines()
                .filter(line -> line.startsWith(series))
                .mapToDouble(line ->
                        Double.parseDouble(line.substring(series.length()).trim()))
                .findFirst()
                .orElse(0);
    }
}
