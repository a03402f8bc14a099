package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hashfence.agent.testing.InProcessAgent;
import io.hashfence.agent.testing.Mosquitto;
import io.hashfence.agent.testing.Subscriber;
import io.hashfence.agent.testing.Wire;
import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.Telemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void connectsOnceTheBrokerComesUpAndAgainAfterItRestarts() throws Exception {
        try (Mosquitto broker = Mosquitto.create(dir, Map.of("site-r", "token-r"), Map.of())) {
            broker.start();
            Subscriber subscriber = Subscriber.durable(broker);
            broker.stop();
            Path config = writeConfig(broker.url());

            try (subscriber;
                 InProcessAgent agent = InProcessAgent.start(Map.of("HASHFENCE_TOKEN", "token-r"),
                         "run", "--config", config.toString())) {
                Thread.sleep(1500);
                assertThat(agent.isRunning()).as("agent keeps retrying its first connect").isTrue();

                broker.start();
                subscriber.reconnect();
                await().atMost(Duration.ofSeconds(20)).until(() -> Wire.telemetry(subscriber, "site-r").size() >= 8);
                assertThat(Wire.states(subscriber, "site-r")).startsWith(AgentState.ONLINE);

                broker.stop();
                long seqBeforeRestart = Wire.telemetry(subscriber, "site-r").stream()
                        .mapToLong(Telemetry::seq).max().orElseThrow();
                broker.start();
                subscriber.reconnect();
                await().atMost(Duration.ofSeconds(20)).until(() -> Wire.telemetry(subscriber, "site-r").stream()
                        .anyMatch(telemetry -> telemetry.seq() > seqBeforeRestart + 2));
                assertThat(Wire.states(subscriber, "site-r")).filteredOn(state -> state == AgentState.ONLINE)
                        .hasSizeGreaterThanOrEqualTo(2);
                assertThat(agent.stop()).isEqualTo(ExitCodes.OK);
            }
        }
    }

    private Path writeConfig(String collector) throws Exception {
        Path config = dir.resolve("agent.yml");
        Files.writeString(config, """
                site: site-r
                collector: %s
                publish_interval: 200ms
                mqtt:
                  reconnect_backoff:
                    min: 300ms
                    max: 1s
                simulate:
                  rigs: 4
                  seed: 3
                """.formatted(collector));
        return config;
    }
}
