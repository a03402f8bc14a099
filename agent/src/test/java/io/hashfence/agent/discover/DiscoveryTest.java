package io.hashfence.agent.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.location.StaticLocation;
import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.poll.MinerFleet;
import io.hashfence.agent.poll.PollSettings;
import io.hashfence.agent.power.PowerFallback;
import io.hashfence.agent.testing.FakeCgminer;
import io.hashfence.agent.testing.FakeWhatsminerV3;
import io.hashfence.protocol.RigId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    @Test
    void minersFoundInTheRangesJoinTheConfiguredOnes() throws Exception {
        MinerAdapters adapters = new MinerAdapters();
        try (FakeCgminer configured = FakeCgminer.serving("bmminer", "version", "summary", "pools", "stats");
                FakeCgminer luxos = FakeCgminer.serving("luxos", "version", "summary", "pools", "power");
                FakeWhatsminerV3 whatsminer = FakeWhatsminerV3.start();
                MinerFleet fleet = new MinerFleet(
                        List.of(new MinerEndpoint(
                                MinerKind.CGMINER, "127.0.0.1", configured.port(), RigId.of("listed"), null, null)),
                        adapters,
                        PollSettings.defaults(),
                        new PowerFallback(Optional.empty(), true),
                        new StaticLocation(0, 0, 1, null))) {
            Scanner scanner = new Scanner(
                    adapters,
                    Duration.ofMillis(300),
                    Duration.ofSeconds(2),
                    16,
                    List.of(
                            new Scanner.Probe(MinerKind.CGMINER, configured.port()),
                            new Scanner.Probe(MinerKind.CGMINER, luxos.port()),
                            new Scanner.Probe(MinerKind.WHATSMINER_V3, whatsminer.port())));

            try (Discovery discovery =
                    Discovery.start(List.of(Cidr.parse("127.0.0.1/32")), Duration.ofMinutes(10), scanner, fleet)) {
                assertThat(fleet.endpoints())
                        .extracting(MinerEndpoint::address)
                        .containsExactlyInAnyOrder(
                                "127.0.0.1:" + configured.port(),
                                "127.0.0.1:" + luxos.port(),
                                "127.0.0.1:" + whatsminer.port());
                assertThat(fleet.endpoints())
                        .extracting(endpoint -> endpoint.rig().value())
                        .as("the listed miner keeps its rig id")
                        .contains("listed", "127.0.0.1-" + luxos.port());
                assertThat(fleet.rigCount()).isEqualTo(3);
            }
        }
    }

    @Test
    void rangesAreReadStrictly() {
        assertThat(Cidr.parse("192.168.1.77/30").hosts()).containsExactly("192.168.1.77", "192.168.1.78");
        assertThat(Cidr.parse("10.0.0.9").hosts()).containsExactly("10.0.0.9");
        assertThat(Cidr.parse("10.1.0.0/16").hosts()).hasSize(65_534);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cidr.parse("10.0.0.300/24"))
                .hasMessageContaining("not an octet");
    }
}
