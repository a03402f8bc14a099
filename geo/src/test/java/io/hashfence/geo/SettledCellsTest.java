package io.hashfence.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SettledCells} lets {@link GeoIndex#locate} answer from the subdivision grid alone. Its argument is
 * that a settled cell lies wholly inside one subdivision and wholly inside that subdivision's country, the
 * only country covering it (so no second country, no claimant): checked here against JTS on both layers, for
 * random points in settled cells and for points on and within a metre of the cells' corners and sides (where
 * the two grids' cell arithmetic must agree).
 */
class SettledCellsTest {
    private static final GeoIndex INDEX = SharedIndex.INDEX;
    /** In degrees: 0.89 m of latitude, less of longitude. */
    private static final double UNDER_A_METRE = 0.8e-5;

    private static JtsOracle countryJts;
    private static JtsOracle subdivisionJts;

    @BeforeAll
    static void buildOracles() {
        countryJts = new JtsOracle(INDEX.countryRegions());
        subdivisionJts = new JtsOracle(INDEX.regions());
    }

    private static int settledRegionAt(double lat, double lon) {
        Layer subdivisions = INDEX.subdivisionLayer();
        return subdivisions.grid.settledRegion(subdivisions.cellValue(lat, lon));
    }

    /** What JTS says about the point, as far as a settled cell's argument goes; null when it agrees. */
    private static String disagreement(double lat, double lon, int settled) {
        Regions subdivisions = INDEX.regions();
        Regions countries = INDEX.countryRegions();
        String country = subdivisions.countryOfRegion(settled).code();
        List<Integer> coveringCountries = countryJts.coveringRegions(lat, lon);
        String coveringCountry = coveringCountries.stream()
                .map(c -> countries.countries[c].code())
                .reduce((a, b) -> a + "+" + b)
                .orElse("none");
        int subdivision = subdivisionJts.expectedRegion(lat, lon);
        GeoLocation located = INDEX.locate(lat, lon);
        Subdivision expectedSubdivision = subdivisions.subdivisions[settled];
        DisputedAreas.Dispute dispute = DisputedAreas.of(expectedSubdivision.code());
        String expectedCountry = dispute == null ? country : dispute.controller();
        boolean agrees = subdivision == settled
                && coveringCountry.equals(country)
                && located.zone() == Zone.LAND
                && located.country().code().equals(expectedCountry)
                && (located.claimedBy() == null) == (dispute == null)
                && (expectedSubdivision.isIsoCode()
                        ? expectedSubdivision.equals(located.subdivision())
                        : located.subdivision() == null);
        return agrees
                ? null
                : String.format(
                        "(%s, %s) settled as %s of %s: JTS subdivision %s, country %s; located %s",
                        lat,
                        lon,
                        expectedSubdivision.code(),
                        country,
                        subdivision < 0 ? "none" : subdivisions.subdivisions[subdivision].code(),
                        coveringCountry,
                        located);
    }

    @Test
    void randomPointsInSettledCellsAreInThatSubdivisionAndItsCountry() {
        SplittableRandom random = new SplittableRandom(20261206L);
        List<String> disagreements = new ArrayList<>();
        int settledPoints = 0;
        for (int i = 0; i < 300_000; i++) {
            double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            double lon = random.nextDouble(-180.0, 180.0);
            int settled = settledRegionAt(lat, lon);
            if (settled < 0) {
                continue;
            }
            settledPoints++;
            String disagreement = disagreement(lat, lon, settled);
            if (disagreement != null && disagreements.size() < 10) {
                disagreements.add(disagreement);
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(settledPoints).as("random points in settled cells").isGreaterThan(50_000);
    }

    @Test
    void cornersAndSidesOfSettledCellsAndPointsWithinAMetreOfThemAgreeWithJts() {
        SplittableRandom random = new SplittableRandom(15L);
        List<String> disagreements = new ArrayList<>();
        int checked = 0;
        while (checked < 20_000) {
            int row = random.nextInt(LookupGrid.ROWS);
            int col = random.nextInt(LookupGrid.COLUMNS);
            double cornerLat = row / (double) LookupGrid.CELLS_PER_DEGREE - 90.0;
            double cornerLon = col / (double) LookupGrid.CELLS_PER_DEGREE - 180.0;
            double sideLat = cornerLat + random.nextDouble() / LookupGrid.CELLS_PER_DEGREE;
            double sideLon = cornerLon + random.nextDouble() / LookupGrid.CELLS_PER_DEGREE;
            double[][] points = {
                {cornerLat, cornerLon},
                {sideLat, cornerLon},
                {cornerLat, sideLon},
                {cornerLat + UNDER_A_METRE, cornerLon},
                {cornerLat - UNDER_A_METRE, cornerLon},
                {sideLat, cornerLon + UNDER_A_METRE},
                {sideLat, cornerLon - UNDER_A_METRE},
                {Math.nextDown(cornerLat), Math.nextDown(cornerLon)},
            };
            for (double[] point : points) {
                if (Math.abs(point[0]) > 90.0 || Math.abs(point[1]) > 180.0) {
                    continue;
                }
                int settled = settledRegionAt(point[0], point[1]);
                if (settled < 0) {
                    continue;
                }
                checked++;
                String disagreement = disagreement(point[0], point[1], settled);
                if (disagreement != null && disagreements.size() < 10) {
                    disagreements.add(disagreement);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void mostOfTheLandIsSettled() {
        SplittableRandom random = new SplittableRandom(7L);
        int land = 0;
        int settled = 0;
        while (land < 20_000) {
            double lat = Math.toDegrees(Math.asin(random.nextDouble(-1.0, 1.0)));
            double lon = random.nextDouble(-180.0, 180.0);
            if (INDEX.regionAt(lat, lon) >= 0 && INDEX.countryRegionAt(lat, lon) >= 0) {
                land++;
                settled += settledRegionAt(lat, lon) >= 0 ? 1 : 0;
            }
        }
        assertThat(settled).as("settled of %d points on land", land).isGreaterThan(land * 85 / 100);
    }
}
