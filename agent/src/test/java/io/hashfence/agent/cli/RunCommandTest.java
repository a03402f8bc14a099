package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.testing.InProcessAgent;
import io.hashfence.agent.testing.Mosquitto;
import io.hashfence.agent.testing.Subscriber;
import io.hashfence.agent.testing.TcpProxy;
import io.hashfence.agent.testing.Wire;
import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.Telemetry;
import io.hashfence.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
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
                    InProcessAgent agent = InProcessAgent.start(
                            Map.of("HASHFENCE_TOKEN", "token-r"), "run", "--config", config.toString())) {
                // Nothing to wait for: the agent must not give up its first connect in this time.
                Thread.sleep(1500);
                assertThat(agent.isRunning())
                        .as("agent keeps retrying its first connect")
                        .isTrue();

                broker.start();
                subscriber.reconnect();
                Await.until(
                        "8 samples arrive",
                        () -> Wire.telemetry(subscriber, "site-r").size() >= 8);
                assertThat(Wire.states(subscriber, "site-r")).startsWith(AgentState.ONLINE);

                broker.stop();
                long seqBeforeRestart = Wire.telemetry(subscriber, "site-r").stream()
                        .mapToLong(Telemetry::seq)
                        .max()
                        .orElseThrow();
                broker.start();
                subscriber.reconnect();
                Await.until(
                        "samples after the broker restart arrive",
                        () -> Wire.telemetry(subscriber, "site-r").stream()
                                .anyMatch(telemetry -> telemetry.seq() > seqBeforeRestart + 2));
                assertThat(Wire.states(subscriber, "site-r"))
                        .filteredOn(state -> state == AgentState.ONLINE)
                        .hasSizeGreaterThanOrEqualTo(2);
                assertThat(agent.stop()).isEqualTo(ExitCodes.OK);
            }
        }
    }

    @Test
    void everySampleTakenWhileTheCollectorIsUnreachableArrivesInOrderAfterItReturns() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, Map.of("site-r", "token-r"));
                Subscriber subscriber = Subscriber.connect(broker);
                TcpProxy network = TcpProxy.to(broker.port())) {
            Path config = writeConfig(network.url());

            try (InProcessAgent agent =
                    InProcessAgent.start(Map.of("HASHFENCE_TOKEN", "token-r"), "run", "--config", config.toString())) {
                Await.until(
                        "8 samples arrive",
                        () -> Wire.telemetry(subscriber, "site-r").size() >= 8);
                network.cut();
                // The outage under test: 2 s of samples the agent must keep and deliver later.
                Thread.sleep(2_000);
                int beforeReturn = Wire.telemetry(subscriber, "site-r").size();
                network.restore();
                Await.until(
                        "the agent is online again",
                        () -> Wire.states(subscriber, "site-r").stream()
                                        .filter(state -> state == AgentState.ONLINE)
                                        .count()
                                >= 2);
                Await.until(
                        "the outage's samples arrive",
                        () -> Wire.telemetry(subscriber, "site-r").size() >= beforeReturn + 4 * 2_000 / 200);
                assertThat(agent.stop()).isEqualTo(ExitCodes.OK);
                Await.until(
                        "the agent says it is offline",
                        () -> Wire.states(subscriber, "site-r").contains(AgentState.OFFLINE));

                Map<RigId, List<Long>> seqsByRig = Wire.telemetry(subscriber, "site-r").stream()
                        .collect(Collectors.groupingBy(
                                Telemetry::rig, Collectors.mapping(Telemetry::seq, Collectors.toList())));
                assertThat(seqsByRig).hasSize(4);
                seqsByRig.forEach((rig, seqs) -> {
                    List<Long> distinct = seqs.stream().distinct().toList();
                    long first = distinct.get(0);
                    assertThat(distinct)
                            .as("rig %s: no gaps, first arrivals in order", rig)
                            .isEqualTo(LongStream.range(first, first + distinct.size())
                                    .boxed()
                                    .toList());
                    assertThat(distinct.size())
                            .as("rig %s: samples of the 2 s outage arrived too", rig)
                            .isGreaterThanOrEqualTo(8 / 4 + 2_000 / 200 - 2);
                });
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
                outbox:
                  directory: %s
                """.formatted(collector, dir.resolve("outbox")));
        return config;
    }
}
