package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.testing.Await;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector killed with SIGKILL while rigs report, then restarted: every event whose message was
 * acknowledged is in the log, and the chain verifies.
 */
class CrashSafetyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    @Test
    void noAcknowledgedEventIsLostToSigkill() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, "crash-site");

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        JarProcess collector = JarProcess.runCollector(workDir, dataDir);
        int port = collector.mqttPort();
        Thread publisher = new Thread(() -> publishUntilCut(port, token, acknowledged));
        publisher.start();
        Await.until("300 messages acknowledged", () -> acknowledged.size() >= 300);
        collector.kill();
        publisher.join(Await.PATIENCE.toMillis());
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(300);

        JarProcess restarted = JarProcess.runCollector(workDir, dataDir);
        restarted.awaitLog(Pattern.compile("chain verified"));
        restarted.stop();

        JarProcess verify = JarProcess.start(
                JarProcess.collectorJar(), workDir, Map.of(), "verify", "--data-dir", dataDir.toString());
        assertThat(verify.waitFor()).as(verify.stdout()).isZero();
        assertThat(verify.stdout()).contains("chain intact");

        Set<String> firstSeen = new HashSet<>();
        List<String> log = Files.readAllLines(dataDir.resolve("events.log"), StandardCharsets.UTF_8);
        for (String line : log) {
            JsonNode record = JSON.readTree(line.substring(65));
            if ("rig_first_seen".equals(record.get("type").asText())) {
                firstSeen.add(record.get("rig").asText());
            }
        }
        assertThat(firstSeen).containsAll(acknowledged);
    }

    /** Each new rig's first message produces a rig_first_seen event; the PUBACK must wait until it is on disk. */
    private static void publishUntilCut(int port, String token, Set<String> acknowledged) {
        try {
            MqttClient client = new MqttClient("tcp://127.0.0.1:" + port, "crash-test", new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setUserName("crash-site");
            options.setPassword(token.getBytes(StandardCharsets.UTF_8));
            options.setConnectionTimeout(10);
            client.connect(options);
            for (int i = 0; i < 100_000; i++) {
                String rig = "rig-" + i;
                client.publish(
                        "hashfence/v1/crash-site/" + rig + "/telemetry",
                        telemetry(rig, i).getBytes(StandardCharsets.UTF_8),
                        1,
                        false);
                acknowledged.add(rig);
            }
        } catch (MqttException e) {
            // the collector was killed: publishing ends here
        }
    }

    private static String telemetry(String rig, int i) {
        return "{\"schema_version\":1,\"site\":\"crash-site\",\"rig\":\"" + rig + "\",\"time\":\"" + Instant.now()
                + "\",\"seq\":1,\"miner\":{\"type\":\"bmminer\",\"status\":\"mining\"},\"hashrate_hs\":1.1e14,"
                + "\"power\":{\"watts\":3250,\"source\":\"miner\"},\"location\":{\"lat\":" + (30 + (i % 10) * 0.1)
                + ",\"lon\":-97.0,\"source\":\"static\"}}";
    }
}
