package io.hashfence.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.agent.location.StaticLocation;
import io.hashfence.agent.miner.MinerAdapters;
import io.hashfence.agent.miner.MinerEndpoint;
import io.hashfence.agent.miner.MinerKind;
import io.hashfence.agent.power.PowerFallback;
import io.hashfence.agent.source.RigReading;
import io.hashfence.agent.testing.FakeCgminer;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.PowerSource;
import io.hashfence.protocol.RigId;
import io.hashfence.testing.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MinerFleetTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static MinerEndpoint endpoint(String rig, int port) {
        return new MinerEndpoint(MinerKind.CGMINER, "127.0.0.1", port, RigId.of(rig), null, null);
    }

    @Test
    void silentGarbledAndAbsentMinersAreReportedAsSuchWithoutHoldingUpTheOthers() throws Exception {
        int closedPort = FreePorts.pick();
        try (FakeCgminer healthy = FakeCgminer.serving("bmminer", "version", "summary", "pools", "stats");
                FakeCgminer silent = FakeCgminer.serving("bmminer", "version", "summary");
                FakeCgminer garbled = FakeCgminer.serving("bmminer", "version");
                MinerFleet fleet = new MinerFleet(
                        List.of(
                                endpoint("healthy", healthy.port()),
                                endpoint("silent", silent.port()),
                                endpoint("garbled", garbled.port()),
                                endpoint("absent", closedPort)),
                        new MinerAdapters(),
                        new PollSettings(TIMEOUT, 8),
                        new PowerFallback(Optional.empty(), true),
                        new StaticLocation(52.28, 104.3, 50, null))) {
            silent.goSilent();
            garbled.reply("summary", "\u0000\u0001garbage}{".getBytes(StandardCharsets.ISO_8859_1));

            List<RigReading> readings = new ArrayList<>();
            long started = System.nanoTime();
            fleet.read(Instant.now(), readings::add);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            Map<String, RigReading> byRig = readings.stream()
                    .collect(Collectors.toMap(reading -> reading.rig().value(), Function.identity()));
            assertThat(byRig).containsOnlyKeys("healthy", "silent", "garbled", "absent");
            assertThat(took)
                    .as("polls run side by side: one slow miner costs one timeout, not one each")
                    .isLessThan(TIMEOUT.multipliedBy(3));

            RigReading healthyReading = byRig.get("healthy");
            assertThat(healthyReading.miner().status()).isEqualTo(MinerStatus.MINING);
            assertThat(healthyReading.hashrate()).isCloseTo(110321.45e9, within(1.0));
            assertThat(healthyReading.power().source())
                    .as("bmminer reports no power: nameplate estimate")
                    .isEqualTo(PowerSource.ESTIMATE);
            assertThat(healthyReading.power().watts()).isCloseTo(29.5 * 110.32145, within(0.1));
            assertThat(healthyReading.location().source()).isEqualTo(LocationSource.STATIC);

            assertThat(byRig.get("silent").miner().status()).isEqualTo(MinerStatus.UNREACHABLE);
            assertThat(byRig.get("absent").miner().status()).isEqualTo(MinerStatus.UNREACHABLE);
            assertThat(byRig.get("garbled").miner().status()).isEqualTo(MinerStatus.ERROR);
            assertThat(byRig.get("absent").hashrate()).isZero();
            assertThat(byRig.get("absent").location())
                    .as("a down rig still says where it is")
                    .isNotNull();
            assertThat(fleet.failures()).isEqualTo(new MinerFleet.FailureCounts(2, 1));
        }
    }

    @Test
    void anUnreachableMinerKeepsTheIdentityLastSeen() throws Exception {
        FakeCgminer miner = FakeCgminer.serving("braiins", "version", "summary", "pools", "devdetails", "tunerstatus");
        try (MinerFleet fleet = new MinerFleet(
                List.of(endpoint("s19j", miner.port())),
                new MinerAdapters(),
                new PollSettings(TIMEOUT, 2),
                new PowerFallback(Optional.empty(), false),
                new StaticLocation(0, 0, 1, null))) {
            List<RigReading> readings = new ArrayList<>();
            fleet.read(Instant.now(), readings::add);
            assertThat(readings.get(0).power().source()).isEqualTo(PowerSource.MINER);
            miner.close();

            fleet.read(Instant.now(), readings::add);

            RigReading down = readings.get(1);
            assertThat(down.miner().status()).isEqualTo(MinerStatus.UNREACHABLE);
            assertThat(down.miner().type()).isEqualTo("braiins-os");
            assertThat(down.miner().model()).isEqualTo("Antminer S19j Pro");
            assertThat(down.power()).isNull();
        }
    }
}
