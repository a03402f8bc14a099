package io.hashfence.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.simulate.FleetGenerator;
import io.hashfence.agent.simulate.RigSpec;
import io.hashfence.agent.testing.ChildAgent;
import io.hashfence.agent.testing.InProcessAgent;
import io.hashfence.agent.testing.Mosquitto;
import io.hashfence.agent.testing.Subscriber;
import io.hashfence.agent.testing.Wire;
import io.hashfence.protocol.AgentState;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteStatus;
import io.hashfence.protocol.Telemetry;
import io.hashfence.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @TempDir
    Path dir;

    @Test
    void publishesEveryRigAsValidTelemetryBetweenBirthAndOffline() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, Map.of("site-a", "token-a"));
                Subscriber subscriber = Subscriber.connect(broker)) {
            Set<RigId> fleet = FleetGenerator.generate(new SimulationSettings(25, 7, 0.05)).stream()
                    .map(RigSpec::id)
                    .collect(Collectors.toSet());
            InProcessAgent agent = InProcessAgent.start(
                    Map.of("HASHFENCE_TOKEN", "token-a"),
                    "simulate",
                    "--rigs",
                    "25",
                    "--site",
                    "site-a",
                    "--collector",
                    broker.url(),
                    "--interval",
                    "300ms",
                    "--seed",
                    "7");

            Await.until(
                    "every rig of the fleet has published",
                    () -> Wire.telemetry(subscriber, "site-a").stream()
                            .map(Telemetry::rig)
                            .collect(Collectors.toSet())
                            .equals(fleet));
            Await.until(
                    "three rounds of samples arrive",
                    () -> Wire.telemetry(subscriber, "site-a").size() >= 3 * 25);
            assertThat(agent.stop()).isEqualTo(ExitCodes.OK);
            Await.until(
                    "the agent says it is offline",
                    () -> Wire.states(subscriber, "site-a").contains(AgentState.OFFLINE));

            assertThat(subscriber.received().get(0).topic()).isEqualTo("hashfence/v1/site-a/status");
            assertThat(Wire.states(subscriber, "site-a")).containsExactly(AgentState.ONLINE, AgentState.OFFLINE);
            List<Telemetry> telemetry = Wire.telemetry(subscriber, "site-a");
            assertThat(telemetry).allSatisfy(message -> {
                assertThat(message.site().value()).isEqualTo("site-a");
                assertThat(message.interval()).isEqualTo(Duration.ofMillis(300));
                assertThat(message.location()).isNotNull();
                assertThat(message.power()).isNotNull();
            });
            assertSequencesIncreasePerRig(telemetry);
        }
    }

    @Test
    void wrongTokenIsRefusedAndTheAgentKeepsTrying() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, Map.of("site-a", "token-a"));
                Subscriber subscriber = Subscriber.connect(broker);
                InProcessAgent agent = InProcessAgent.start(
                        Map.of(),
                        "simulate",
                        "--rigs",
                        "3",
                        "--site",
                        "site-a",
                        "--token",
                        "not-the-token",
                        "--collector",
                        broker.url(),
                        "--interval",
                        "200ms",
                        "--reconnect-min",
                        "100ms",
                        "--reconnect-max",
                        "200ms")) {
            Await.until(
                    "the broker refuses the agent twice",
                    () -> Files.readString(broker.log()).split("not authorised", -1).length > 2);
            assertThat(agent.isRunning()).isTrue();
            assertThat(subscriber.received()).isEmpty();
        }
    }

    @Test
    void willSaysOfflineWhenTheAgentDiesWithoutGoodbye() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir, Map.of("site-w", "token-w"));
                Subscriber subscriber = Subscriber.connect(broker);
                ChildAgent agent = ChildAgent.start(
                        dir.resolve("agent.log"),
                        "simulate",
                        "--rigs",
                        "2",
                        "--site",
                        "site-w",
                        "--token",
                        "token-w",
                        "--collector",
                        broker.url(),
                        "--interval",
                        "200ms")) {
            Await.until(
                    "the first sample arrives",
                    () -> !Wire.telemetry(subscriber, "site-w").isEmpty());
            assertThat(Wire.states(subscriber, "site-w")).containsExactly(AgentState.ONLINE);

            agent.kill();

            Await.until(
                    "the Will says offline",
                    () -> Wire.states(subscriber, "site-w").contains(AgentState.OFFLINE));
            SiteStatus will =
                    subscriber.received(message -> message.topic().equals("hashfence/v1/site-w/status")).stream()
                            .map(Wire::status)
                            .filter(status -> status.state() == AgentState.OFFLINE)
                            .findFirst()
                            .orElseThrow();
            assertThat(will.site().value()).isEqualTo("site-w");
        }
    }

    static void assertSequencesIncreasePerRig(List<Telemetry> telemetry) {
        Map<RigId, Long> last = new HashMap<>();
        for (Telemetry message : telemetry) {
            Long previous = last.put(message.rig(), message.seq());
            if (previous != null) {
                assertThat(message.seq()).as("seq of %s", message.rig()).isGreaterThan(previous);
            }
        }
    }
}
