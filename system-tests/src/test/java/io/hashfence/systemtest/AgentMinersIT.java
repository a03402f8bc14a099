package io.hashfence.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hashfence.testing.Await;
import io.hashfence.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped agent polling miners over their real network path into the shipped collector: a fake Antminer
 * (stock bmminer replies: NUL-terminated, {@code }{} without comma, numbers as strings) and a miner that is
 * not there. The collector shows the live one mining with a nameplate power estimate and the configured
 * location, and the absent one unreachable; {@code check} says which works and which to fix.
 */
class AgentMinersIT {
    private static final Pattern COMMAND = Pattern.compile("\"command\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, String> ANTMINER = Map.of(
            "version",
                    "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":22,\"Msg\":\"BMMiner versions\"}],\"VERSION\":[{\"BMMiner\":"
                            + "\"1.0.0\",\"API\":\"3.1\",\"CompileTime\":\"Thu Apr 13 16:47:29 CST 2023\",\"Type\":\"Antminer S19 Pro\"}],\"id\":1}",
            "summary",
                    "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11,\"Msg\":\"Summary\"}],\"SUMMARY\":[{\"Elapsed\":86412,"
                            + "\"GHS 5s\":\"110321.45\",\"GHS av\":110012.37}],\"id\":1}",
            "pools",
                    "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":7,\"Msg\":\"1 Pool(s)\"}],\"POOLS\":[{\"POOL\":0,\"URL\":"
                            + "\"stratum+tcp://btc.f2pool.com:1314\",\"Status\":\"Alive\",\"User\":\"hf.s19\",\"Stratum Active\":true}],\"id\":1}",
            "stats",
                    "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":70,\"Msg\":\"CGMiner stats\"}],\"STATS\":[{\"BMMiner\":\"1.0.0\"}"
                            + "{\"STATS\":0,\"ID\":\"BC50\",\"fan1\":5520,\"fan2\":5640,\"temp2_1\":71,\"temp2_2\":\"72\"}],\"id\":1}");
    /** What the fake Antminer's summary says once its miner stops hashing (a lost pool, a curtailment). */
    private static final String IDLE_SUMMARY = "{\"STATUS\":[{\"STATUS\":\"S\",\"Code\":11,\"Msg\":\"Summary\"}],"
            + "\"SUMMARY\":[{\"Elapsed\":86472,\"GHS 5s\":\"0.00\",\"GHS av\":109987.12}],\"id\":1}";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    private final Map<String, String> antminerReplies = new ConcurrentHashMap<>(ANTMINER);
    private final AtomicBoolean antminerAnswers = new AtomicBoolean(true);

    @Test
    void polledMinersShowInTheCollectorAndCheckSaysWhatToFix() throws Exception {
        Path dataDir = workDir.resolve("data");
        String token = CollectorSites.add(workDir, dataDir, "miners-site");
        int absentPort = FreePorts.pick();
        try (ServerSocket antminer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                JarProcess collector = JarProcess.runCollector(workDir, dataDir)) {
            Thread fake = new Thread(() -> serve(antminer, antminerReplies, antminerAnswers), "fake-antminer");
            fake.setDaemon(true);
            fake.start();
            int mqttPort = collector.mqttPort();
            int httpPort = collector.httpPort();
            Path config = workDir.resolve("agent.yml");
            Files.writeString(
                    config, """
                    site: miners-site
                    collector: tcp://127.0.0.1:%d
                    publish_interval: 1s
                    miners:
                      - {host: 127.0.0.1, port: %d, rig: s19pro-rack1}
                      - {host: 127.0.0.1, port: %d, rig: gone-rack2}
                    poll: {timeout: 500ms}
                    location: {lat: 52.2867, lon: 104.3, accuracy_m: 30}
                    outbox: {directory: %s}
                    """.formatted(mqttPort, antminer.getLocalPort(), absentPort, workDir.resolve("outbox")));

            try (JarProcess agent = JarProcess.start(
                    JarProcess.agentJar(),
                    workDir,
                    Map.of("HASHFENCE_TOKEN", token),
                    "run",
                    "--config",
                    config.toString())) {
                JsonNode live = awaitRig(httpPort, dataDir, "s19pro-rack1", agent);
                assertThat(live.at("/miner/type").asText()).isEqualTo("bmminer");
                assertThat(live.at("/miner/model").asText()).isEqualTo("Antminer S19 Pro");
                assertThat(live.at("/miner/status").asText()).isEqualTo("mining");
                assertThat(live.at("/hashrate_hs").asDouble()).isCloseTo(1.1032145e14, within(1e3));
                assertThat(live.at("/power/source").asText()).isEqualTo("estimate");
                assertThat(live.at("/power/watts").asDouble()).isCloseTo(29.5 * 110.32145, within(0.1));
                assertThat(live.at("/location/source").asText()).isEqualTo("static");
                assertThat(live.at("/location/lat").asDouble()).isEqualTo(52.2867);
                assertThat(live.at("/temperatures")).hasSize(2);
                assertThat(live.at("/pools/0/active").asBoolean()).isTrue();

                JsonNode gone = awaitRig(httpPort, dataDir, "gone-rack2", agent);
                assertThat(gone.at("/miner/status").asText()).isEqualTo("unreachable");
                assertThat(gone.at("/hashrate_hs").asDouble()).isZero();
                assertThat(agent.stderr()).contains("gone-rack2").contains("unreachable");

                // The miner stops hashing, then stops answering (hung): the agent keeps reporting the rig, and
                // the collector shows what the miner does.
                antminerReplies.put("summary", IDLE_SUMMARY);
                awaitMinerStatus(httpPort, dataDir, "s19pro-rack1", "idle");
                antminerAnswers.set(false);
                awaitMinerStatus(httpPort, dataDir, "s19pro-rack1", "unreachable");
                assertThat(metric(httpPort, dataDir, "hashfence_rig_up{rig=\"s19pro-rack1\",site=\"miners-site\"}"))
                        .as("the agent still reports the rig")
                        .isEqualTo("1.0");
                assertThat(metric(
                                httpPort,
                                dataDir,
                                "hashfence_rig_miner_status{rig=\"gone-rack2\",site=\"miners-site\","
                                        + "state=\"unreachable\"}"))
                        .isEqualTo("1.0");
                antminerReplies.putAll(ANTMINER);
                antminerAnswers.set(true);
            }

            JarProcess check = JarProcess.start(
                    JarProcess.agentJar(),
                    workDir,
                    Map.of("HASHFENCE_TOKEN", token),
                    "check",
                    "--config",
                    config.toString());
            assertThat(check.waitFor()).as(check.stdout() + check.stderr()).isEqualTo(1);
            assertThat(check.stdout())
                    .containsPattern(
                            "ok +miner cgminer 127\\.0\\.0\\.1:\\d+ \\(s19pro-rack1\\): bmminer Antminer S19 Pro, mining")
                    .containsPattern("FAIL +miner cgminer 127\\.0\\.0\\.1:" + absentPort + " \\(gone-rack2\\)")
                    .containsPattern("ok +collector tcp://127\\.0\\.0\\.1:" + mqttPort)
                    .contains("1 check(s) failed");
        }
    }

    /**
     * Answers one cgminer API request per connection, as bmminer does, with a NUL after the reply; while
     * {@code answers} is false it reads the request and says nothing, like a hung miner, until the agent's
     * poll timeout (500 ms) has passed.
     */
    private static void serve(ServerSocket server, Map<String, String> replies, AtomicBoolean answers) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                int read = in.read(buffer);
                Matcher command = COMMAND.matcher(new String(buffer, 0, Math.max(read, 0), StandardCharsets.US_ASCII));
                if (!answers.get()) {
                    // The hung miner under test: silent past the agent's poll timeout, not a wait for a state.
                    Thread.sleep(1_000);
                    continue;
                }
                String reply = command.find() ? replies.get(command.group(1)) : null;
                if (reply == null) {
                    reply = "{\"STATUS\":[{\"STATUS\":\"E\",\"Code\":14,\"Msg\":\"Invalid command\"}],\"id\":1}";
                }
                socket.getOutputStream().write((reply + "\u0000").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // The server closed, or the client went away.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private JsonNode awaitRig(int httpPort, Path dataDir, String rig, JarProcess agent) throws Exception {
        return Await.value("rig " + rig + " shows in the API", () -> {
            assertThat(agent.isAlive())
                    .as("agent still running; its log:\n" + agent.stderr())
                    .isTrue();
            HttpResponse<String> response = CollectorApi.get(httpPort, dataDir, "/api/v1/rigs/miners-site/" + rig);
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()).get("latest"))
                    : Optional.empty();
        });
    }

    private static void awaitMinerStatus(int httpPort, Path dataDir, String rig, String state)
            throws InterruptedException {
        String series = "hashfence_rig_miner_status{rig=\"" + rig + "\",site=\"miners-site\",state=\"" + state + "\"}";
        Await.until(series + " is 1", () -> "1.0".equals(metric(httpPort, dataDir, series)));
    }

    /** The value of one series in the collector's per-rig metrics, as text, or null when it is absent. */
    private static String metric(int httpPort, Path dataDir, String series) throws IOException, InterruptedException {
        String body = CollectorApi.get(httpPort, dataDir, "/metrics/rigs").body();
        return body.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> line.substring(series.length() + 1))
                .findFirst()
                .orElse(null);
    }
}
