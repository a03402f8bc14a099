package io.hashfence.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.collector.testing.MetricsScrape;
import io.hashfence.collector.testing.RunningCollector;
import io.hashfence.collector.testing.TestTelemetry;
import io.hashfence.testing.Await;
import io.hashfence.testing.ExternalBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A foreign MQTT client, Mosquitto's mosquitto_pub, speaking 3.1.1 and 5 to the collector. */
class MosquittoClientsTest {
    private static final String SITE = "quebec-01";

    @TempDir
    static Path dataDir;

    static RunningCollector collector;
    static String token;
    static Path mosquittoPub;

    @BeforeAll
    static void start() throws Exception {
        mosquittoPub = ExternalBinary.require("mosquitto_pub", "mosquitto-clients");
        collector = new RunningCollector(dataDir);
        token = collector.addSite(SITE);
    }

    @AfterAll
    static void stop() {
        if (collector != null) {
            collector.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void validTelemetryIsAcceptedAndShowsInMetrics(String version) throws Exception {
        String rig = "m30-" + version;
        double before = MetricsScrape.ingested(collector.http(), "accepted");
        Result result = publish(
                version,
                token,
                TestTelemetry.topic(SITE, rig),
                TestTelemetry.bytes(TestTelemetry.message(SITE, rig, 7)));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(MetricsScrape.ingested(collector.http(), "accepted")).isEqualTo(before + 1);
        assertThat(MetricsScrape.sample(
                        collector.http(),
                        "hashfence_rig_hashrate_hashes_per_second{rig=\"" + rig + "\",site=\"" + SITE + "\"}"))
                .isEqualTo(1.1032e14);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqttv311", "mqttv5"})
    void wrongTokenIsRefused(String version) throws Exception {
        String rig = "intruder-" + version;
        Result result = publish(
                version,
                "hf_not-the-token",
                TestTelemetry.topic(SITE, rig),
                TestTelemetry.bytes(TestTelemetry.message(SITE, rig, 1)));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().toLowerCase()).contains("bad user name or password");
        assertThat(collector.get("/api/v1/rigs/" + SITE + "/" + rig).statusCode())
                .isEqualTo(404);
    }

    @Test
    void mqtt31IsRefusedAsAnUnacceptableProtocolVersion() throws Exception {
        double before = MetricsScrape.sample(
                collector.http(), "hashfence_mqtt_protocol_errors_total{kind=\"unsupported_protocol_version\"}");
        Result result = publish(
                "mqttv31",
                token,
                TestTelemetry.topic(SITE, "old-client"),
                TestTelemetry.bytes(TestTelemetry.message(SITE, "old-client", 1)));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output().toLowerCase()).as(result.output()).contains("unacceptable protocol version");
        assertThat(MetricsScrape.sample(
                        collector.http(),
                        "hashfence_mqtt_protocol_errors_total{kind=\"unsupported_protocol_version\"}"))
                .isEqualTo(before + 1);
        assertThat(collector.get("/api/v1/rigs/" + SITE + "/old-client").statusCode())
                .isEqualTo(404);
    }

    private record Result(int exitCode, String output) {}

    private Result publish(String version, String password, String topic, byte[] payload)
            throws IOException, InterruptedException {
        Path file = Files.createTempFile(dataDir, "message", ".json");
        Files.write(file, payload);
        List<String> command = new ArrayList<>(List.of(
                mosquittoPub.toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(collector.mqtt().getPort()),
                "-V",
                version,
                "-i",
                "mosquitto-" + version,
                "-u",
                SITE,
                "-P",
                password,
                "-q",
                "1",
                "-t",
                topic,
                "-f",
                file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("mosquitto_pub finished")
                .isTrue();
        return new Result(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
