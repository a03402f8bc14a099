package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 1° mask lets a far point skip the regions; it must never skip a point that is within reach. */
class RegionSetTest {
    private static final List<Set<String>> TARGETS = List.of(
            Set.of("RU", "BY", "IR", "KP", "CU", "UA-09", "UA-14", "UA-40", "UA-43"),
            Set.of("FJ"),
            Set.of("AQ"),
            Set.of("RU-CHU"),
            Set.of("US-AK"),
            Set.of("NZ", "KI"),
            Set.of("SY-QU"));
    private final GeoIndex index = SharedIndex.INDEX;

    @Test
    void aPointTheMaskCallsFarIsBeyondReachOfEveryRegion() {
        SplittableRandom random = new SplittableRandom(42);
        for (Set<String> codes : TARGETS) {
            RegionSet targets = index.regionSet(codes);
            int far = 0;
            for (int i = 0; i < 200_000; i++) {
                double lat = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
                double lon = random.nextDouble(-180, 180);
                if (targets.maybeNear(lat, lon)) {
                    continue;
                }
                far++;
                for (int r : targets.countryRegions()) {
                    assertThat(index.countryLayer().boundingBoxWithin(r, lat, lon, GeoIndex.MAX_DISTANCE_KM))
                            .as("%s country region %d from (%f, %f)", codes, r, lat, lon)
                            .isFalse();
                }
                for (int r : targets.subdivisionRegions()) {
                    assertThat(index.subdivisionLayer().boundingBoxWithin(r, lat, lon, GeoIndex.MAX_DISTANCE_KM))
                            .as("%s subdivision region %d from (%f, %f)", codes, r, lat, lon)
                            .isFalse();
                }
                for (int r : targets.disputedAreaRegions()) {
                    assertThat(index.disputedAreaLayer().boundingBoxWithin(r, lat, lon, GeoIndex.MAX_DISTANCE_KM))
                            .as("%s outlined area %d from (%f, %f)", codes, r, lat, lon)
                            .isFalse();
                }
            }
            assertThat(far).as("%s: most of the globe is far from it", codes).isGreaterThan(50_000);
            if (codes.contains("RU") || codes.contains("SY-QU")) {
                assertThat(targets.disputedAreaRegions())
                        .as("%s: South Ossetia is answered RU, the Golan SY-QU", codes)
                        .hasSize(1);
            }
        }
    }

    @Test
    void pointsNearTheEdgesOfTheMapAndTheAntimeridianAreAnsweredAlike() {
        RegionSet chukotka = index.regionSet(Set.of("RU-CHU"));
        for (double lon : new double[] {-180, -179.99, 179.99, 180}) {
            assertThat(index.distanceKm(66.0, lon, chukotka))
                    .as("lon %s", lon)
                    .isEqualTo(index.distanceKm(66.0, lon, Set.of("RU-CHU")));
        }
        RegionSet antarctica = index.regionSet(Set.of("AQ-X01~"));
        assertThat(index.distanceKm(-90, 0, antarctica)).isZero();
        assertThat(index.distanceKm(90, 0, antarctica)).isInfinite();
    }

    @Test
    void keepsTheCodesInUpperCase() {
        assertThat(index.regionSet(Set.of("ru-irk", "CU")).codes()).containsExactlyInAnyOrder("RU-IRK", "CU");
        assertThat(index.regionSet(Set.of()).isEmpty()).isTrue();
    }
}
