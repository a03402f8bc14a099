package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceTest {
    private final GeoIndex index = SharedIndex.INDEX;
    private final Regions regions = index.regions();

    @Test
    void insideAJurisdictionTheDistanceIsZero() {
        assertThat(index.distanceKm(52.29, 104.29, Set.of("RU-IRK"))).isZero();
        assertThat(index.distanceKm(52.29, 104.29, Set.of("RU"))).isZero();
        assertThat(index.distanceKm(52.29, 104.29, Set.of("ru-irk"))).isZero();
    }

    @Test
    void aCountryCodeMeansTheCountrysBoundaryWithItsTerritorialSea() {
        double lat = 44.95;
        double lon = 34.10;

        assertThat(index.distanceKm(lat, lon, Set.of("RU")))
                .as("Crimea inside Russia's boundary")
                .isZero();
        assertThat(index.distanceKm(lat, lon, Set.of("UA")))
                .as("and inside Ukraine's")
                .isZero();
        assertThat(index.distanceKm(lat, lon, Set.of("UA-43"))).isZero();
        assertThat(index.distanceKm(lat, lon, Set.of("UA-65"))).isGreaterThan(50.0);
        assertThat(index.distanceKm(35.70, 141.0, Set.of("JP")))
                .as("Japan's territorial sea")
                .isZero();
        assertThat(index.distanceKm(35.70, 141.0, Set.of("JP-12"))).isPositive();
    }

    @Test
    void severalCodesGiveTheNearestOfThem() {
        double lat = 47.5;
        double lon = 36.0;
        double toDonetsk = index.distanceKm(lat, lon, Set.of("UA-14"));
        double toLuhansk = index.distanceKm(lat, lon, Set.of("UA-09"));

        assertThat(index.distanceKm(lat, lon, List.of("UA-14", "UA-09"))).isEqualTo(Math.min(toDonetsk, toLuhansk));
    }

    @Test
    void farAwayIsInfinityBeyondTheDocumentedCap() {
        assertThat(index.distanceKm(35.68, 139.69, Set.of("UA-43"))).isInfinite();
        assertThat(index.distanceKm(0.0, -140.0, Set.of("US"))).isInfinite();
    }

    @Test
    void unknownCodesAreRejected() {
        assertThatThrownBy(() -> index.distanceKm(0, 0, Set.of("RU", "ZZ-99")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ZZ-99");
        assertThat(index.isKnownCode("UA-43")).isTrue();
        assertThat(index.isKnownCode("ua")).isTrue();
        assertThat(index.isKnownCode("ZZ")).isFalse();
    }

    @Test
    void matchesBruteForceAroundCrimea() {
        assertMatchesBruteForce("UA-43", 44.3, 46.3, 32.3, 36.8, 300);
    }

    @Test
    void matchesBruteForceAcrossTheAntimeridianAroundChukotka() {
        assertMatchesBruteForce("RU-CHU", 64.0, 72.0, 178.0, 180.0, 100);
        assertMatchesBruteForce("RU-CHU", 64.0, 72.0, -180.0, -178.0, 100);
    }

    private void assertMatchesBruteForce(String code, double lat0, double lat1, double lon0, double lon1, int points) {
        SplittableRandom random = new SplittableRandom(code.hashCode());
        int compared = 0;
        for (int i = 0; i < points; i++) {
            double lat = random.nextDouble(lat0, lat1);
            double lon = random.nextDouble(lon0, lon1);
            double actual = index.distanceKm(lat, lon, Set.of(code));
            if (actual == 0.0) {
                assertThat(regions.subdivisions[index.regionAt(lat, lon)].code())
                        .isEqualTo(code);
                continue;
            }
            double expected = bruteForceKm(code, lat, lon);
            if (expected > GeoIndex.MAX_DISTANCE_KM) {
                assertThat(actual).isInfinite();
            } else {
                assertThat(actual)
                        .as("distance from (%s, %s) to %s", lat, lon, code)
                        .isCloseTo(expected, within(0.1 + 0.005 * expected));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(points / 5);
    }

    /** Minimum haversine distance to points every ~100 m along every edge of the code's subdivisions. */
    private double bruteForceKm(String code, double lat, double lon) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < regions.count(); r++) {
            if (!regions.subdivisions[r].code().equals(code)) {
                continue;
            }
            for (int ring = regions.ringStart[r]; ring < regions.ringStart[r + 1]; ring++) {
                for (int v = regions.vertexStart[ring]; v < regions.vertexStart[ring + 1] - 1; v++) {
                    double lengthKm = SphericalDistance.haversineKm(
                            regions.y(v), regions.x(v), regions.y(v + 1), regions.x(v + 1));
                    int steps = Math.max(1, (int) Math.ceil(lengthKm / 0.1));
                    for (int s = 0; s <= steps; s++) {
                        double t = s / (double) steps;
                        best = Math.min(
                                best,
                                SphericalDistance.haversineKm(
                                        lat,
                                        lon,
                                        regions.y(v) + t * (regions.y(v + 1) - regions.y(v)),
                                        regions.x(v) + t * (regions.x(v + 1) - regions.x(v))));
                    }
                }
            }
        }
        return best;
    }
}
