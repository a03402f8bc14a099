package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each layer of the index (countries, subdivisions, outlined disputed areas) must give exactly the answer of
 * JTS {@code covers} on the same polygons, with the tie rule of {@link GeoIndex}: among several covering
 * regions, the lowest index (= lowest code) wins. The point counts are the targets of issue #15 for each
 * layer; the "uniform" points of the outlined areas are uniform over their bounding boxes, 0.2 degrees wider.
 */
class JtsExactnessTest {
    private static final GeoIndex INDEX = SharedIndex.INDEX;
    private static Regions regions;
    private static JtsOracle jts;
    private static Regions countries;
    private static JtsOracle countryJts;
    private static Regions disputedAreas;
    private static JtsOracle disputedAreaJts;

    @BeforeAll
    static void buildOracles() {
        regions = INDEX.regions();
        jts = new JtsOracle(regions);
        countries = INDEX.countryRegions();
        countryJts = new JtsOracle(countries);
        disputedAreas = INDEX.disputedAreaLayer().regions;
        disputedAreaJts = new JtsOracle(disputedAreas);
    }

    private interface PointSource {
        void next(SplittableRandom random, double[] latLon);
    }

    /** A layer of the index and the seeds of its random points (each layer its own, so their points differ). */
    enum LayerUnderTest {
        COUNTRIES(20261206L, 43L, 8L),
        SUBDIVISIONS(20261126L, 42L, 7L),
        DISPUTED_AREAS(20261207L, 44L, 9L);

        private final long uniformSeed;
        private final long edgeSeed;
        private final long vertexSeed;

        LayerUnderTest(long uniformSeed, long edgeSeed, long vertexSeed) {
            this.uniformSeed = uniformSeed;
            this.edgeSeed = edgeSeed;
            this.vertexSeed = vertexSeed;
        }

        Regions polygons() {
            return switch (this) {
                case COUNTRIES -> countries;
                case SUBDIVISIONS -> regions;
                case DISPUTED_AREAS -> disputedAreas;
            };
        }

        JtsOracle oracle() {
            return switch (this) {
                case COUNTRIES -> countryJts;
                case SUBDIVISIONS -> jts;
                case DISPUTED_AREAS -> disputedAreaJts;
            };
        }

        int regionAt(double lat, double lon) {
            return switch (this) {
                case COUNTRIES -> INDEX.countryRegionAt(lat, lon);
                case SUBDIVISIONS -> INDEX.regionAt(lat, lon);
                case DISPUTED_AREAS -> Math.max(-1, INDEX.disputedAreaLayer().coveringRegion(lat, lon));
            };
        }

        PointSource uniformPoints() {
            return this == DISPUTED_AREAS ? uniformAround(disputedAreas, 0.2) : uniform();
        }
    }

    private static void assertAgreesWithJts(LayerUnderTest layer, int count, long seed, PointSource source) {
        Regions polygons = layer.polygons();
        JtsOracle oracle = layer.oracle();
        SplittableRandom random = new SplittableRandom(seed);
        double[] latLon = new double[2];
        List<String> mismatches = new ArrayList<>();
        int mismatchCount = 0;
        int inside = 0;
        for (int i = 0; i < count; i++) {
            source.next(random, latLon);
            int expected = oracle.expectedRegion(latLon[0], latLon[1]);
            int actual = layer.regionAt(latLon[0], latLon[1]);
            if (expected >= 0) {
                inside++;
            }
            if (expected != actual) {
                mismatchCount++;
                if (mismatches.size() < 10) {
                    mismatches.add(String.format(
                            "(%s, %s): jts %s, index %s",
                            latLon[0], latLon[1], name(polygons, expected), name(polygons, actual)));
                }
            }
        }
        assertThat(mismatches)
                .as("%s: %d of %d points differ from JTS", layer, mismatchCount, count)
                .isEmpty();
        assertThat(inside).as("points that landed in some region").isGreaterThan(count / 10);
    }

    private static String name(Regions polygons, int region) {
        if (region < 0) {
            return "none";
        }
        return polygons.hasSubdivisions() ? polygons.subdivisions[region].code() : polygons.countries[region].code();
    }

    private static String name(int region) {
        return name(regions, region);
    }

    private static PointSource uniform() {
        return (random, latLon) -> {
            latLon[0] = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            latLon[1] = random.nextDouble(-180.0, 180.0);
        };
    }

    /** Uniform over a random region's bounding box widened by {@code margin} degrees. */
    private static PointSource uniformAround(Regions polygons, double margin) {
        return (random, latLon) -> {
            int r = random.nextInt(polygons.count());
            latLon[0] = random.nextDouble(polygons.minY[r] - margin, polygons.maxY[r] + margin);
            latLon[1] = random.nextDouble(polygons.minX[r] - margin, polygons.maxX[r] + margin);
        };
    }

    private static PointSource withinOneKmOfEdges(Regions polygons) {
        return (random, latLon) -> {
            int v = random.nextInt(polygons.vertexCount() - 1);
            double t = random.nextDouble();
            double lat = polygons.y(v) + t * (polygons.y(v + 1) - polygons.y(v));
            double lon = polygons.x(v) + t * (polygons.x(v + 1) - polygons.x(v));
            double km = random.nextDouble(1.0);
            double bearing = random.nextDouble(2 * Math.PI);
            lat += km * Math.cos(bearing) / SphericalDistance.KM_PER_DEGREE;
            double kmPerLonDegree = SphericalDistance.KM_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat)));
            lon += km * Math.sin(bearing) / kmPerLonDegree;
            latLon[0] = Math.max(-90.0, Math.min(90.0, lat));
            latLon[1] = Math.max(-180.0, Math.min(180.0, lon));
        };
    }

    /**
     * Points where the edge test's integer comparisons decide ties: on an edge (as near as a double
     * gets), within a metre of one, on a vertex's latitude (the ray runs through the vertex) or longitude
     * (the edge's longitude range holds the point's) and a metre or one ulp either side of it.
     */
    private static PointSource onAndWithinAMetreOfEdges(Regions polygons) {
        return (random, latLon) -> {
            int v = random.nextInt(polygons.vertexCount() - 1);
            double t = random.nextDouble();
            double lat = polygons.y(v) + t * (polygons.y(v + 1) - polygons.y(v));
            double lon = polygons.x(v) + t * (polygons.x(v + 1) - polygons.x(v));
            double metre = 1.0 / (1000.0 * SphericalDistance.KM_PER_DEGREE);
            switch (random.nextInt(6)) {
                case 0 -> {}
                case 1 -> {
                    lat += random.nextDouble(-metre, metre);
                    lon += random.nextDouble(-metre, metre);
                }
                case 2 -> lat = polygons.y(v);
                case 3 -> lon = polygons.x(v);
                case 4 -> {
                    lat = polygons.y(v) + (random.nextBoolean() ? metre : -metre);
                    lon = polygons.x(v) + (random.nextBoolean() ? metre : -metre);
                }
                default -> {
                    lat = random.nextBoolean() ? Math.nextUp(polygons.y(v)) : Math.nextDown(polygons.y(v));
                    lon = random.nextBoolean() ? Math.nextUp(polygons.x(v)) : Math.nextDown(polygons.x(v));
                }
            }
            latLon[0] = Math.max(-90.0, Math.min(90.0, lat));
            latLon[1] = Math.max(-180.0, Math.min(180.0, lon));
        };
    }

    private static PointSource onVertices(Regions polygons) {
        return (random, latLon) -> {
            int v = random.nextInt(polygons.vertexCount());
            latLon[0] = polygons.y(v);
            latLon[1] = polygons.x(v);
        };
    }

    @ParameterizedTest
    @EnumSource(LayerUnderTest.class)
    void millionUniformRandomPointsMatchJts(LayerUnderTest layer) {
        assertAgreesWithJts(layer, 1_000_000, layer.uniformSeed, layer.uniformPoints());
    }

    @ParameterizedTest
    @EnumSource(LayerUnderTest.class)
    void hundredThousandPointsWithinOneKmOfBordersMatchJts(LayerUnderTest layer) {
        assertAgreesWithJts(layer, 100_000, layer.edgeSeed, withinOneKmOfEdges(layer.polygons()));
    }

    @ParameterizedTest
    @EnumSource(LayerUnderTest.class)
    void hundredThousandPointsOnAndWithinAMetreOfEdgesMatchJts(LayerUnderTest layer) {
        assertAgreesWithJts(layer, 100_000, layer.edgeSeed + 100, onAndWithinAMetreOfEdges(layer.polygons()));
    }

    @ParameterizedTest
    @EnumSource(LayerUnderTest.class)
    void pointsExactlyOnVerticesFollowTheTieRule(LayerUnderTest layer) {
        assertAgreesWithJts(layer, 20_000, layer.vertexSeed, onVertices(layer.polygons()));
    }

    @Test
    void crimeaIsCoveredByBothRussiaAndUkraineAndRussiaSortsFirst() {
        assertThat(countryJts.coveringRegions(44.95, 34.10))
                .extracting(r -> name(countries, r))
                .containsExactly("RU", "UA");
        assertThat(name(countries, INDEX.countryRegionAt(44.95, 34.10))).isEqualTo("RU");
    }

    @Test
    void onASharedBorderTheLowerCodeWins() {
        int donetsk = INDEX.regionAt(48.00, 37.80);
        int luhansk = INDEX.regionAt(48.57, 39.31);
        int sharedVertex = -1;
        for (int v = regions.vertexStart[regions.ringStart[donetsk]];
                sharedVertex < 0 && v < regions.vertexStart[regions.ringStart[donetsk + 1]];
                v++) {
            if (jts.coveringRegions(regions.y(v), regions.x(v)).equals(List.of(luhansk, donetsk))) {
                sharedVertex = v;
            }
        }
        assertThat(sharedVertex).as("a vertex on the UA-09/UA-14 border").isNotNegative();
        double lat = regions.y(sharedVertex);
        double lon = regions.x(sharedVertex);

        assertThat(jts.coveringRegions(lat, lon))
                .extracting(JtsExactnessTest::name)
                .containsExactly("UA-09", "UA-14");
        assertThat(INDEX.regionAt(lat, lon)).isEqualTo(luhansk);
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
        "Qyzylorda around it (KZ-KZY; today KZ-43), 45.00, 63.40, KZ-43",
    })
    void antimeridianPolesAndHolesAgreeWithJts(String place, double lat, double lon, String code) {
        assertThat(name(INDEX.regionAt(lat, lon))).isEqualTo(code);
        assertThat(name(jts.expectedRegion(lat, lon))).isEqualTo(code);
    }

    @Test
    void northPoleIsInternationalWaters() {
        assertThat(INDEX.regionAt(90.0, 0.0)).isEqualTo(-1);
        assertThat(INDEX.countryRegionAt(90.0, 0.0)).isEqualTo(-1);
        assertThat(INDEX.locate(90.0, 123.0).zone()).isEqualTo(Zone.INTERNATIONAL);
        assertThat(jts.coveringRegions(90.0, 0.0)).isEmpty();
        assertThat(countryJts.coveringRegions(90.0, 0.0)).isEmpty();
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
