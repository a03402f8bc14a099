package io.hashfence.geo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index must give exactly the answer of JTS {@code covers} on the same polygons, with the tie rule
 * of {@link GeoIndex}: among several covering subdivisions, the lowest index (= lowest code) wins.
 */
class JtsExactnessTest {
    private static final GeoIndex INDEX = SharedIndex.INDEX;
    private static Regions regions;
    private static JtsOracle jts;

    @BeforeAll
    static void buildOracle() {
        regions = INDEX.regions();
        jts = new JtsOracle(regions);
    }

    private interface PointSource {
        void next(SplittableRandom random, double[] latLon);
    }

    private static void assertAgreesWithJts(int count, long seed, PointSource source) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] latLon = new double[2];
        List<String> mismatches = new ArrayList<>();
        int mismatchCount = 0;
        int onLand = 0;
        for (int i = 0; i < count; i++) {
            source.next(random, latLon);
            int expected = jts.expectedRegion(latLon[0], latLon[1]);
            int actual = INDEX.regionAt(latLon[0], latLon[1]);
            if (expected >= 0) {
                onLand++;
            }
            if (expected != actual) {
                mismatchCount++;
                if (mismatches.size() < 10) {
                    mismatches.add(String.format("(%s, %s): jts %s, index %s", latLon[0], latLon[1],
                            name(expected), name(actual)));
                }
            }
        }
        assertThat(mismatches).as("%d of %d points differ from JTS", mismatchCount, count).isEmpty();
        assertThat(onLand).as("points that landed in some subdivision").isGreaterThan(count / 10);
    }

    private static String name(int region) {
        return region < 0 ? "none" : regions.subdivisions[region].code();
    }

    @Test
    void millionUniformRandomPointsMatchJts() {
        assertAgreesWithJts(1_000_000, 20261126L, (random, latLon) -> {
            latLon[0] = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            latLon[1] = random.nextDouble(-180.0, 180.0);
        });
    }

    @Test
    void hundredThousandPointsWithinOneKmOfBordersMatchJts() {
        assertAgreesWithJts(100_000, 42L, (random, latLon) -> {
            int v = random.nextInt(regions.vertexCount() - 1);
            double t = random.nextDouble();
            double lat = regions.ys[v] + t * (regions.ys[v + 1] - regions.ys[v]);
            double lon = regions.xs[v] + t * (regions.xs[v + 1] - regions.xs[v]);
            double km = random.nextDouble(1.0);
            double bearing = random.nextDouble(2 * Math.PI);
            lat += km * Math.cos(bearing) / SphericalDistance.KM_PER_DEGREE;
            double kmPerLonDegree = SphericalDistance.KM_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat)));
            lon += km * Math.sin(bearing) / kmPerLonDegree;
            latLon[0] = Math.max(-90.0, Math.min(90.0, lat));
            latLon[1] = Math.max(-180.0, Math.min(180.0, lon));
        });
    }

    @Test
    void pointsExactlyOnVerticesFollowTheTieRule() {
        assertAgreesWithJts(20_000, 7L, (random, latLon) -> {
            int v = random.nextInt(regions.vertexCount());
            latLon[0] = regions.ys[v];
            latLon[1] = regions.xs[v];
        });
    }

    @Test
    void onASharedBorderTheLowerCodeWins() {
        int donetsk = INDEX.regionAt(48.00, 37.80);
        int luhansk = INDEX.regionAt(48.57, 39.31);
        int sharedVertex = -1;
        for (int v = regions.vertexStart[regions.ringStart[donetsk]]; sharedVertex < 0
                && v < regions.vertexStart[regions.ringStart[donetsk + 1]]; v++) {
            if (jts.coveringRegions(regions.ys[v], regions.xs[v]).equals(List.of(luhansk, donetsk))) {
                sharedVertex = v;
            }
        }
        assertThat(sharedVertex).as("a vertex on the UA-09/UA-14 border").isNotNegative();
        double lat = regions.ys[sharedVertex];
        double lon = regions.xs[sharedVertex];

        assertThat(jts.coveringRegions(lat, lon)).extracting(JtsExactnessTest::name)
                .containsExactly("UA-09", "UA-14");
        assertThat(INDEX.locate(lat, lon).subdivision().code()).isEqualTo("UA-09");
        assertThat(INDEX.locate(lat, lon).zone()).isEqualTo(Zone.LAND);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Chukotka west of the antimeridian,    67.0,  179.99,  RU-CHU",
            "Chukotka on +180,                      67.0,  180.0,   RU-CHU",
            "Chukotka on -180,                      67.0, -180.0,   RU-CHU",
            "Chukotka east of the antimeridian,     67.0, -179.99,  RU-CHU",
            "Fiji Taveuni east of the antimeridian, -16.80, -179.97, FJ-N",
            "Fiji Vanua Levu,                       -16.50,  179.30, FJ-N",
            "South Pole,                           -90.0,    0.0,   AQ-X01~",
            "South Pole on -180,                   -90.0, -180.0,   AQ-X01~",
            "Baikonur lease inside Qyzylorda,       45.90,   63.40,  KZ-X05~",
            "Qyzylorda around it,                   45.00,   63.40,  KZ-KZY",
    })
    void antimeridianPolesAndHolesAgreeWithJts(String place, double lat, double lon, String code) {
        assertThat(name(INDEX.regionAt(lat, lon))).isEqualTo(code);
        assertThat(name(jts.expectedRegion(lat, lon))).isEqualTo(code);
    }

    @Test
    void northPoleIsInternationalWaters() {
        assertThat(INDEX.regionAt(90.0, 0.0)).isEqualTo(-1);
        assertThat(INDEX.locate(90.0, 123.0).zone()).isEqualTo(Zone.INTERNATIONAL);
        assertThat(jts.coveringRegions(90.0, 0.0)).isEmpty();
    }

    @Test
    void enclaveHolesBelongToTheEnclave() {
        int lazio = INDEX.regionAt(41.89, 12.51);
        int vatican = INDEX.regionAt(41.9029, 12.4534);

        assertThat(name(vatican)).isEqualTo("VA-X01~");
        assertThat(jts.coveringRegions(41.9029, 12.4534)).containsExactly(vatican);
        int lazioHoles = 0;
        for (int ring = regions.ringStart[lazio]; ring < regions.ringStart[lazio + 1]; ring++) {
            lazioHoles += regions.exterior[ring] ? 0 : 1;
        }
        assertThat(lazioHoles).as("holes in %s", name(lazio)).isPositive();
    }
}
