package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.testing.InProcessAgent;
import io.hashfence.agent.testing.Mosquitto;
import io.hashfence.agent.testing.Subscriber;
import io.hashfence.agent.testing.Wire;
import io.hashfence.protocol.Telemetry;
import io.hashfence.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A functional check that one simulator drives 10,000 rigs over 20 site connections; not a benchmark. */
class ScaleTest {
    private static final int RIGS = 10_000;
    private static final int SITES = 20;

    @TempDir
    Path dir;

    @Test
    void tenThousandRigsOverTwentySitesAllPublish() throws Exception {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (int i = 1; i <= SITES; i++) {
            tokens.put(String.format("scale-%02d", i), "token-" + i);
        }
        Path sitesFile = dir.resolve("sites.txt");
        Files.write(
                sitesFile,
                tokens.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue())
                        .toList());

        try (Mosquitto broker = Mosquitto.start(dir, tokens);
                Subscriber subscriber = Subscriber.connect(broker);
                InProcessAgent agent = InProcessAgent.start(
                        Map.of(),
                        "simulate",
                        "--rigs",
                        String.valueOf(RIGS),
                        "--sites-file",
                        sitesFile.toString(),
                        "--collector",
                        broker.url(),
                        "--interval",
                        "2s")) {
            Await.until("every rig has published", () -> distinctRigTopics(subscriber) == RIGS);

            Set<String> sites = subscriber.received(message -> message.topic().endsWith("/status")).stream()
                    .map(message -> Wire.status(message).site().value())
                    .collect(Collectors.toSet());
            assertThat(sites).isEqualTo(tokens.keySet());
            assertThat(subscriber.received().stream()
                            .limit(2000)
                            .filter(m -> m.topic().endsWith("/telemetry"))
                            .map(Wire::telemetry)
                            .map(Telemetry::site)
                            .distinct()
                            .count())
                    .isGreaterThan(1);
            assertThat(agent.stop()).isEqualTo(ExitCodes.OK);
        }
    }

    private static long distinctRigTopics(Subscriber subscriber) {
        return subscriber.received(message -> message.topic().endsWith("/telemetry")).stream()
                .map(Subscriber.Received::topic)
                .distinct()
                .count();
    }
}
