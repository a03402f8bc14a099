package io.hashfence.geo;

import java.util.BitSet;
import java.util.Set;

/**
 * Jurisdictions resolved once to the index's regions (countries on the country layer, subdivisions on
 * the subdivision layer, and the outlined disputed areas {@link GeoIndex#locate} answers under one of the
 * codes as country, claimant or subdivision), for asking {@link GeoIndex#distanceKm} about them
 * again and again (a sanctions policy asks for every located message). Besides the regions it keeps a
 * mask of the 1° cells from which one of them could be within {@link GeoIndex#MAX_DISTANCE_KM}, so that a
 * point far from all of them is answered without looking at any region. Immutable and thread-safe.
 */
public final class RegionSet {
    private static final int COLUMNS = 360;

    private final Set<String> codes;
    private final int[] countryRegions;
    private final int[] subdivisionRegions;
    private final int[] disputedAreaRegions;
    private final BitSet maybeNear = new BitSet(COLUMNS * 180);

    RegionSet(
            Set<String> codes,
            int[] countryRegions,
            Regions countryLayer,
            int[] subdivisionRegions,
            Regions subdivisionLayer,
            int[] disputedAreaRegions,
            Regions disputedAreaLayer) {
        this.codes = Set.copyOf(codes);
        this.countryRegions = countryRegions;
        this.subdivisionRegions = subdivisionRegions;
        this.disputedAreaRegions = disputedAreaRegions;
        markReach(countryRegions, countryLayer);
        markReach(subdivisionRegions, subdivisionLayer);
        markReach(disputedAreaRegions, disputedAreaLayer);
    }

    private void markReach(int[] regions, Regions index) {
        double latReach = GeoIndex.MAX_DISTANCE_KM / SphericalDistance.KM_PER_DEGREE;
        for (int r : regions) {
            int firstRow = row(index.minY[r] - latReach);
            int lastRow = row(index.maxY[r] + latReach);
            for (int row = firstRow; row <= lastRow; row++) {
                double farthestFromEquator = Math.max(Math.abs(row - 90), Math.abs(row - 89));
                double lonReach =
                        SphericalDistance.longitudeReach(Math.min(farthestFromEquator, 90), GeoIndex.MAX_DISTANCE_KM);
                markColumns(row, index.minX[r] - lonReach, index.maxX[r] + lonReach);
            }
        }
    }

    /** The codes as given (upper case): ISO 3166-1 alpha-2 and/or ISO 3166-2. */
    public Set<String> codes() {
        return codes;
    }

    public boolean isEmpty() {
        return countryRegions.length == 0 && subdivisionRegions.length == 0;
    }

    int[] countryRegions() {
        return countryRegions;
    }

    int[] subdivisionRegions() {
        return subdivisionRegions;
    }

    int[] disputedAreaRegions() {
        return disputedAreaRegions;
    }

    /** False only where every region is certainly farther than {@link GeoIndex#MAX_DISTANCE_KM}. */
    boolean maybeNear(double lat, double lon) {
        return maybeNear.get(row(lat) * COLUMNS + column(Math.floor(lon)));
    }

    private void markColumns(int row, double west, double east) {
        if (east - west >= COLUMNS) {
            maybeNear.set(row * COLUMNS, (row + 1) * COLUMNS);
            return;
        }
        for (double x = Math.floor(west); x <= Math.floor(east); x++) {
            maybeNear.set(row * COLUMNS + column(x));
        }
    }

    /** Row of latitude {@code lat}, 0 for [-90, -89) up to 179 for [89, 90]. */
    private static int row(double lat) {
        return (int) Math.min(179, Math.max(0, Math.floor(lat) + 90));
    }

    /** Column of a whole longitude, any number of turns away: 0 for [-180, -179) up to 359. */
    private static int column(double wholeLon) {
        return Math.floorMod((int) wholeLon + 180, COLUMNS);
    }
}
