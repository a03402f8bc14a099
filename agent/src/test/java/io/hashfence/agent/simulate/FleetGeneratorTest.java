package io.hashfence.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.source.RigReading;
import io.hashfence.protocol.Decoded;
import io.hashfence.protocol.LocationSource;
import io.hashfence.protocol.MinerStatus;
import io.hashfence.protocol.PowerSource;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import io.hashfence.protocol.Telemetry;
import io.hashfence.protocol.TelemetryCodec;
import io.hashfence.protocol.Topic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FleetGeneratorTest {
    /** Published nameplate efficiency in J/TH (ASICs) or J per TH-equivalent (GPU, CPU), and its hashrate in H/s. */
    private static final Map<MinerModel, double[]> NAMEPLATE = new EnumMap<>(Map.ofEntries(
            Map.entry(MinerModel.ANTMINER_S19, new double[] {34.2, 95e12}),
            Map.entry(MinerModel.ANTMINER_S19_PRO, new double[] {29.5, 110e12}),
            Map.entry(MinerModel.ANTMINER_S19J_PRO, new double[] {30.5, 100e12}),
            Map.entry(MinerModel.ANTMINER_S19_XP, new double[] {21.5, 140e12}),
            Map.entry(MinerModel.ANTMINER_S21, new double[] {17.5, 200e12}),
            Map.entry(MinerModel.WHATSMINER_M30S_PLUS_PLUS, new double[] {31, 112e12}),
            Map.entry(MinerModel.WHATSMINER_M50, new double[] {28, 118e12}),
            Map.entry(MinerModel.GPU_6X_RTX_3070, new double[] {1200 / 150e-6, 150e6}),
            Map.entry(MinerModel.GPU_8X_RTX_3060TI, new double[] {1050 / 480e-6, 480e6}),
            Map.entry(MinerModel.CPU_RYZEN_7950X, new double[] {200 / 25e-9, 25e3}),
            Map.entry(MinerModel.CPU_RYZEN_5950X, new double[] {150 / 18e-9, 18e3})));

    private static final Set<String> IRKUTSK_OBLAST = Set.of("irkutsk", "bratsk");

    @Test
    void sameSeedGivesTheSameFleetAndAnotherSeedAnother() {
        List<RigSpec> first = FleetGenerator.generate(new SimulationSettings(500, 42, 0.05));
        List<RigSpec> again = FleetGenerator.generate(new SimulationSettings(500, 42, 0.05));
        List<RigSpec> other = FleetGenerator.generate(new SimulationSettings(500, 43, 0.05));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(readings(first, 5)).isEqualTo(readings(again, 5));
    }

    @Test
    void rigIdsAreUniqueAndNameTheModel() {
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(2000, 1, 0.05));

        assertThat(fleet).extracting(RigSpec::id).doesNotHaveDuplicates();
        assertThat(fleet)
                .allSatisfy(rig -> assertThat(rig.id().value())
                        .isEqualTo(String.format("%s-%04d", rig.model().slug(), rig.index() + 1)));
        assertThat(fleet).extracting(RigSpec::model).containsAll(List.of(MinerModel.values()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 19, 20, 21, 99, 100, 1000, 10_000})
    void atLeastFivePercentAreRestrictedWithIrkutskOblastAmongThem(int rigs) {
        for (long seed = 0; seed < 5; seed++) {
            List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(rigs, seed, 0.05));
            List<RigSpec> restricted =
                    fleet.stream().filter(rig -> rig.area().restricted()).toList();

            assertThat((double) restricted.size()).isGreaterThanOrEqualTo(0.05 * rigs);
            assertThat(restricted.size()).isLessThanOrEqualTo((int) Math.ceil(0.05 * rigs) + 1);
            assertThat(restricted)
                    .anySatisfy(rig ->
                            assertThat(IRKUTSK_OBLAST).contains(rig.area().slug()));
        }
    }

    @Test
    void restrictedShareCanBeRaisedOrSwitchedOff() {
        assertThat(FleetGenerator.generate(new SimulationSettings(100, 1, 0)))
                .noneMatch(rig -> rig.area().restricted());
        assertThat(FleetGenerator.generate(new SimulationSettings(100, 1, 0.5)))
                .filteredOn(rig -> rig.area().restricted())
                .hasSize(50);
    }

    @Test
    void placesRigsNearTheirAreaWithValidCoordinates() {
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(5000, 11, 0.05));

        assertThat(fleet).allSatisfy(rig -> {
            assertThat(rig.lat()).isBetween(-90.0, 90.0);
            assertThat(rig.lon()).isBetween(-180.0, 180.0);
            assertThat(kilometres(
                            rig.lat(), rig.lon(), rig.area().lat(), rig.area().lon()))
                    .isLessThanOrEqualTo(rig.area().radiusKm() + 0.01);
            assertThat(rig.accuracyMetres()).isPositive();
        });
        Set<MiningArea> used = fleet.stream().map(RigSpec::area).collect(Collectors.toSet());
        assertThat(used).containsAll(MiningArea.RESTRICTED_ROTATION).containsAll(MiningArea.UNRESTRICTED);
        assertThat(fleet).extracting(RigSpec::locationSource).contains(LocationSource.STATIC, LocationSource.GPS);
    }

    @Test
    void readingsArePlausibleForTheModel() {
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(1000, 5, 0.05));
        Map<MinerStatus, Integer> statuses = new EnumMap<>(MinerStatus.class);

        for (RigReading reading : readings(fleet, 20)) {
            MinerModel model = modelOf(fleet, reading);
            statuses.merge(reading.miner().status(), 1, Integer::sum);
            assertThat(reading.power().source()).isEqualTo(model.powerSource());
            assertThat(reading.temperatures())
                    .isNotEmpty()
                    .allSatisfy(temperature -> assertThat(temperature.celsius()).isBetween(15.0, 95.0));
            assertThat(reading.fans())
                    .isNotEmpty()
                    .allSatisfy(fan -> assertThat(fan.rpm()).isBetween(300.0, 8000.0));
            assertThat(reading.pools())
                    .isNotEmpty()
                    .filteredOn(pool -> pool.active())
                    .hasSize(1);
            assertThat(reading.pools())
                    .allSatisfy(pool -> assertThat(pool.url()).startsWith("stratum+tcp://"));
            if (reading.miner().status() == MinerStatus.MINING) {
                double[] nameplate = NAMEPLATE.get(model);
                double joulesPerTerahash = reading.power().watts() / (reading.hashrate() / 1e12);
                assertThat(joulesPerTerahash)
                        .as("efficiency of %s", reading.rig())
                        .isCloseTo(nameplate[0], within(nameplate[0] * 0.2));
                assertThat(reading.hashrate()).isCloseTo(nameplate[1], within(nameplate[1] * 0.15));
            } else {
                assertThat(reading.hashrate()).isZero();
            }
        }
        int total = statuses.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(statuses.get(MinerStatus.MINING)).isGreaterThan((int) (total * 0.95));
        assertThat(fleet)
                .filteredOn(rig -> rig.model().kind() == HardwareKind.ASIC)
                .allSatisfy(rig -> assertThat(rig.model().powerSource()).isEqualTo(PowerSource.MINER));
    }

    @Test
    void everyReadingMakesValidTelemetry() {
        TelemetryCodec codec = new TelemetryCodec(Clock.systemUTC());
        SiteId site = SiteId.of("site-x");
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(300, 8, 0.05));
        Instant now = Instant.now();
        long seq = now.toEpochMilli();
        for (RigReading reading : readings(fleet, 3)) {
            Telemetry telemetry = new Telemetry(
                    site,
                    reading.rig(),
                    now,
                    seq,
                    reading.miner(),
                    reading.hashrate(),
                    reading.power(),
                    reading.temperatures(),
                    reading.fans(),
                    reading.pools(),
                    reading.location(),
                    Duration.ofSeconds(10));
            Decoded<Telemetry> decoded =
                    codec.decode(codec.encode(telemetry), new Topic.Telemetry(site, reading.rig()));

            assertThat(decoded).isInstanceOf(Decoded.Valid.class);
            assertThat(((Decoded.Valid<Telemetry>) decoded).value()).isEqualTo(telemetry);
        }
    }

    @Test
    void dealingSpreadsRigsOverSitesRoundRobin() {
        List<RigSpec> fleet = FleetGenerator.generate(new SimulationSettings(103, 2, 0.05));
        List<SimulatedFleet> sites = SimulatedFleet.dealt(fleet, 10);

        assertThat(sites).extracting(SimulatedFleet::rigCount).containsOnly(10, 11);
        List<RigId> dealt = new ArrayList<>();
        sites.forEach(site -> site.read(Instant.now(), reading -> dealt.add(reading.rig())));
        assertThat(dealt)
                .containsExactlyInAnyOrderElementsOf(
                        fleet.stream().map(RigSpec::id).toList());
    }

    private static List<RigReading> readings(List<RigSpec> fleet, int ticks) {
        SimulatedFleet simulated = SimulatedFleet.of(fleet);
        List<RigReading> readings = new ArrayList<>();
        Instant time = Instant.parse("2026-11-26T12:00:00Z");
        for (int tick = 0; tick < ticks; tick++) {
            simulated.read(time.plusSeconds(10L * tick), readings::add);
        }
        return readings;
    }

    private static MinerModel modelOf(List<RigSpec> fleet, RigReading reading) {
        return fleet.stream()
                .filter(rig -> rig.id().equals(reading.rig()))
                .findFirst()
                .orElseThrow()
                .model();
    }

    private static double kilometres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6371.0 * Math.asin(Math.sqrt(a));
    }
}
