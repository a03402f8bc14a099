package io.hashfence.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.source.RigReading;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.Pool;
import io.hashfence.protocol.SiteId;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The demo's sites: rigs standing where their site claims to be, a rig that teleports out of Irkutsk, a rig
 * paying out to a given address and one mining on a pool at a given IP address.
 */
class SimulatedSiteTest {
    private static final SiteCredentials TEXAS = new SiteCredentials(SiteId.of("texas-02"), "token");
    private static final String PAYOUT = "123WBUDmSJv4GctdVEz6Qq6z8nXSKrJ4KX";

    @Test
    void aSitesRigsStandInItsAreaExceptThoseInRestrictedPlaces() {
        List<RigSpec> share = FleetGenerator.generate(new SimulationSettings(100, 3, 0.2));
        List<RigSpec> staged = new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, null, null, null).stage(share, 3);

        assertThat(staged).hasSameSizeAs(share);
        assertThat(staged)
                .filteredOn(rig -> rig.area().restricted())
                .as("the restricted share is kept")
                .hasSameSizeAs(
                        share.stream().filter(rig -> rig.area().restricted()).toList());
        assertThat(staged)
                .filteredOn(rig -> !rig.area().restricted())
                .allSatisfy(rig -> assertThat(rig.area()).isEqualTo(MiningArea.ROCKDALE_TX))
                .allSatisfy(rig -> assertThat(Math.abs(rig.lat() - MiningArea.ROCKDALE_TX.lat()))
                        .isLessThan(0.05));
        assertThat(staged).extracting(RigSpec::teleportFrom).containsOnlyNulls();
        assertThat(new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, null, null, null).stage(share, 3))
                .as("deterministic for a seed")
                .isEqualTo(staged);
    }

    @Test
    void theTeleportingRigClaimsItsOriginOnceAndThenItsOwnPlace() {
        List<RigSpec> share = FleetGenerator.generate(new SimulationSettings(10, 5, 0));
        List<RigSpec> staged = new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, MiningArea.IRKUTSK_RU, null, null)
                .stage(share, 5);
        assertThat(staged)
                .filteredOn(rig -> rig.teleportFrom() != null)
                .singleElement()
                .satisfies(rig -> assertThat(rig.index()).isEqualTo(share.get(0).index()));

        SimulatedFleet fleet = SimulatedFleet.of(List.of(staged.get(0)));
        List<Location> claims = new ArrayList<>();
        Instant time = Instant.parse("2026-12-06T02:00:00Z");
        for (int tick = 0; tick < 3; tick++) {
            fleet.read(time.plusSeconds(5L * tick), (RigReading reading) -> claims.add(reading.location()));
        }
        assertThat(claims.get(0).lat()).isEqualTo(MiningArea.IRKUTSK_RU.lat());
        assertThat(claims.get(0).lon()).isEqualTo(MiningArea.IRKUTSK_RU.lon());
        assertThat(claims.subList(1, 3))
                .allSatisfy(claim -> assertThat(Math.abs(claim.lat() - MiningArea.ROCKDALE_TX.lat()))
                        .isLessThan(0.05));
    }

    @Test
    void oneRigPicksThePayoutAddressAndAnotherThePoolAddressDeterministicallyForASeed() throws Exception {
        List<RigSpec> share = FleetGenerator.generate(new SimulationSettings(30, 7, 0));
        InetAddress pool = InetAddress.getByName("77.88.8.8");
        SimulatedSite site = new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, null, PAYOUT, pool);
        List<RigSpec> staged = site.stage(share, 7);

        RigSpec paying = staged.stream()
                .filter(rig -> rig.pools().stream().anyMatch(p -> p.user().startsWith(PAYOUT + ".")))
                .collect(onlyOne());
        assertThat(paying.pools())
                .as("every pool of the rig pays out to the address, with the rig as worker")
                .allSatisfy(p -> assertThat(p.user())
                        .isEqualTo(PAYOUT + "." + paying.id().value().replace("-", "")));
        RigSpec mining = staged.stream()
                .filter(rig -> rig.pools().stream().anyMatch(p -> p.address() != null))
                .collect(onlyOne());
        assertThat(mining).isNotEqualTo(paying);
        assertThat(mining.pools()).filteredOn(Pool::active).singleElement().satisfies(p -> {
            assertThat(p.address()).isEqualTo("77.88.8.8");
            assertThat(p.url()).isEqualTo("stratum+tcp://77.88.8.8:3333");
        });
        assertThat(site.stage(share, 7)).as("deterministic for a seed").isEqualTo(staged);
        assertThat(staged.stream().filter(rig -> !rig.equals(paying) && !rig.equals(mining)))
                .as("the other rigs keep their pools")
                .allSatisfy(rig -> assertThat(share.stream()
                                .filter(original -> original.id().equals(rig.id()))
                                .findFirst()
                                .orElseThrow()
                                .pools())
                        .isEqualTo(rig.pools()));
    }

    private static <T> Collector<T, ?, T> onlyOne() {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
