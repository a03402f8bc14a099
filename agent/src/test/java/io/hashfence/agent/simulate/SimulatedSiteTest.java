package io.hashfence.agent.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hashfence.agent.config.SimulationSettings;
import io.hashfence.agent.config.SiteCredentials;
import io.hashfence.agent.source.RigReading;
import io.hashfence.protocol.Location;
import io.hashfence.protocol.SiteId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's sites: rigs standing where their site claims to be, and a rig that teleports out of Irkutsk. */
class SimulatedSiteTest {
    private static final SiteCredentials TEXAS = new SiteCredentials(SiteId.of("texas-02"), "token");

    @Test
    void aSitesRigsStandInItsAreaExceptThoseInRestrictedPlaces() {
        List<RigSpec> share = FleetGenerator.generate(new SimulationSettings(100, 3, 0.2));
        List<RigSpec> staged = new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, null).stage(share, 3);

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
        assertThat(new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, null).stage(share, 3))
                .as("deterministic for a seed")
                .isEqualTo(staged);
    }

    @Test
    void theTeleportingRigClaimsItsOriginOnceAndThenItsOwnPlace() {
        List<RigSpec> share = FleetGenerator.generate(new SimulationSettings(10, 5, 0));
        List<RigSpec> staged =
                new SimulatedSite(TEXAS, MiningArea.ROCKDALE_TX, null, MiningArea.IRKUTSK_RU).stage(share, 5);
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
}
