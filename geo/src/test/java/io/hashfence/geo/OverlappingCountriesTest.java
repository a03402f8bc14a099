package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where two countries' polygons overlap (Abyei SD/SS, Western Sahara EH/MA, Guadeloupe FR/GP, Crimea RU/UA, the territorial seas of neighbours, ...),
 * {@link GeoIndex#locate} needs both: the lowest-coded covering country and the next one after it (its claimant
 * or its own territory drawn again). The country layer's pair must be exactly JTS's two lowest covering
 * countries, also in grid cells wholly inside one country and crossed only by another's edges.
 */
class OverlappingCountriesTest {
    private static final GeoIndex INDEX = SharedIndex.INDEX;
    private static final int NEAR_EDGE_POINTS_PER_COUNTRY = 2_000;

    private static Regions countries;
    private static JtsOracle countryJts;

    @BeforeAll
    static void buildOracle() {
        countries = INDEX.countryRegions();
        countryJts = new JtsOracle(countries);
    }

    /** The index's lowest and next covering country ("-" for none), as codes: "SD SS", "FR -", "- -". */
    private static String indexPair(double lat, double lon) {
        Layer layer = INDEX.countryLayer();
        int cell = layer.cellValue(lat, lon);
        int first = layer.coveringRegion(cell, lat, lon);
        int second = first >= 0 ? layer.coveringRegionAfter(cell, lat, lon, first) : -1;
        return code(first) + " " + code(second);
    }

    /** JTS's lowest and next covering country, as {@link #indexPair}. */
    private static String jtsPair(double lat, double lon) {
        List<Integer> covering = countryJts.coveringRegions(lat, lon);
        return code(covering.isEmpty() ? -1 : covering.get(0)) + " " + code(covering.size() < 2 ? -1 : covering.get(1));
    }

    private static String code(int region) {
        return region < 0 ? "-" : countries.countries[region].code();
    }

    @ParameterizedTest(name = "{0} ({1}, {2}) is covered by {3}")
    @CsvSource({
        "Abyei, 9.766863594358378, 24.244696801347857, SD SS",
        "Western Sahara, 26.781281388053582, -10.009088602064537, EH MA",
        "Guadeloupe, 16.216642597646608, -61.440487583942485, FR GP",
        "Passamaquoddy Bay, 44.32015124188116, -67.09767094259732, CA US",
    })
    void bothOverlappingCountriesAreFoundInsideTheLowerOnesCell(String place, double lat, double lon, String pair) {
        assertThat(jtsPair(lat, lon)).as("JTS").isEqualTo(pair);
        assertThat(indexPair(lat, lon)).isEqualTo(pair);
    }

    @Test
    void abyeiIsAnsweredWithItsClaimant() {
        GeoLocation abyei = INDEX.locate(9.766863594358378, 24.244696801347857);
        assertThat(abyei.claimedBy()).as("claimant of %s", abyei).isNotNull();
        assertThat(List.of(abyei.country().code(), abyei.claimedBy().code())).containsExactlyInAnyOrder("SD", "SS");
    }

    @Test
    void uniformRandomPointsHaveJtsCountryPair() {
        SplittableRandom random = new SplittableRandom(1515L);
        assertPairsAgree(
                500_000,
                (r, latLon) -> {
                    latLon[0] = Math.toDegrees(Math.asin(r.nextDouble(-1.0, 1.0)));
                    latLon[1] = r.nextDouble(-180.0, 180.0);
                },
                random);
    }

    /**
     * The same number of points near each country's edges (so that small overlapping countries such as Réunion
     * and Western Sahara get as many as Russia): within a kilometre of a random edge, in and around the cells
     * the edge crosses.
     */
    @Test
    void pointsNearEveryCountrysEdgesHaveJtsCountryPair() {
        SplittableRandom random = new SplittableRandom(1516L);
        List<String> mismatches = new ArrayList<>();
        int[] counted = new int[1];
        for (int r = 0; r < countries.count(); r++) {
            int firstVertex = countries.vertexStart[countries.ringStart[r]];
            int lastVertex = countries.vertexStart[countries.ringStart[r + 1]] - 1;
            collectMismatches(
                    NEAR_EDGE_POINTS_PER_COUNTRY,
                    (rnd, latLon) -> nearEdge(rnd, latLon, firstVertex, lastVertex),
                    random,
                    mismatches,
                    counted);
        }
        assertThat(mismatches)
                .as(
                        "%d of %d points near edges differ from JTS",
                        counted[0], NEAR_EDGE_POINTS_PER_COUNTRY * countries.count())
                .isEmpty();
    }

    private static void nearEdge(SplittableRandom random, double[] latLon, int firstVertex, int lastVertex) {
        int v = firstVertex + random.nextInt(Math.max(1, lastVertex - firstVertex));
        double t = random.nextDouble();
        double lat = countries.y(v) + t * (countries.y(v + 1) - countries.y(v));
        double lon = countries.x(v) + t * (countries.x(v + 1) - countries.x(v));
        double km = random.nextDouble(1.0);
        double bearing = random.nextDouble(2 * Math.PI);
        lat += km * Math.cos(bearing) / SphericalDistance.KM_PER_DEGREE;
        double kmPerLonDegree = SphericalDistance.KM_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(lat)));
        lon += km * Math.sin(bearing) / kmPerLonDegree;
        latLon[0] = Math.max(-90.0, Math.min(90.0, lat));
        latLon[1] = Math.max(-180.0, Math.min(180.0, lon));
    }

    private interface PointSource {
        void next(SplittableRandom random, double[] latLon);
    }

    private static void assertPairsAgree(int count, PointSource source, SplittableRandom random) {
        List<String> mismatches = new ArrayList<>();
        int[] counted = new int[1];
        collectMismatches(count, source, random, mismatches, counted);
        assertThat(mismatches)
                .as("%d of %d points differ from JTS", counted[0], count)
                .isEmpty();
    }

    private static void collectMismatches(
            int count, PointSource source, SplittableRandom random, List<String> mismatches, int[] counted) {
        double[] latLon = new double[2];
        for (int i = 0; i < count; i++) {
            source.next(random, latLon);
            String expected = jtsPair(latLon[0], latLon[1]);
            String actual = indexPair(latLon[0], latLon[1]);
            if (!expected.equals(actual)) {
                counted[0]++;
                if (mismatches.size() < 10) {
                    mismatches.add(String.format("(%s, %s): jts %s, index %s", latLon[0], latLon[1], expected, actual));
                }
            }
        }
    }
}
