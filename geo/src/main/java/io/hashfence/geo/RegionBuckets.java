package io.hashfence.geo;

import java.util.Arrays;
import java.util.function.IntPredicate;

/** Regions listed under every 1-degree cell their bounding box touches, to find the regions near a point. */
final class RegionBuckets {
    private static final int COLUMNS = 360;
    private static final int ROWS = 180;

    private final Regions regions;
    private final EdgeBands bands;
    private final int[] cellStart;
    private final int[] regionIds;

    RegionBuckets(Regions regions, EdgeBands bands) {
        this.regions = regions;
        this.bands = bands;
        int[] counts = new int[COLUMNS * ROWS + 1];
        for (int r = 0; r < regions.count(); r++) {
            for (int row = row(regions.minY[r]); row <= row(regions.maxY[r]); row++) {
                for (int col = column(regions.minX[r]); col <= column(regions.maxX[r]); col++) {
                    counts[row * COLUMNS + col]++;
                }
            }
        }
        cellStart = new int[COLUMNS * ROWS + 1];
        for (int c = 0; c < COLUMNS * ROWS; c++) {
            cellStart[c + 1] = cellStart[c] + counts[c];
        }
        regionIds = new int[cellStart[COLUMNS * ROWS]];
        int[] fill = Arrays.copyOf(cellStart, COLUMNS * ROWS);
        for (int r = 0; r < regions.count(); r++) {
            for (int row = row(regions.minY[r]); row <= row(regions.maxY[r]); row++) {
                for (int col = column(regions.minX[r]); col <= column(regions.maxX[r]); col++) {
                    regionIds[fill[row * COLUMNS + col]++] = r;
                }
            }
        }
    }

    private static int row(double lat) {
        return Math.max(0, Math.min(ROWS - 1, (int) Math.floor(lat + 90.0)));
    }

    private static int column(double lon) {
        return Math.max(0, Math.min(COLUMNS - 1, (int) Math.floor(lon + 180.0)));
    }

    /**
     * The region {@code accept} accepts with the nearest boundary within {@code km} of the point (ties:
     * lowest index), or -1. Each region is measured once, in the first window cell that lists it.
     */
    int nearestWithin(double lat, double lon, double km, IntPredicate accept) {
        double latReach = km / SphericalDistance.KM_PER_DEGREE;
        double lonReach = SphericalDistance.longitudeReach(lat, km);
        int row0 = row(lat - latReach);
        int row1 = row(lat + latReach);
        int col0 = lonReach >= 180.0 ? 0 : (int) Math.floor(lon - lonReach + 180.0);
        int col1 = lonReach >= 180.0 ? COLUMNS - 1 : (int) Math.floor(lon + lonReach + 180.0);
        int nearest = -1;
        double best = km;
        for (int row = row0; row <= row1; row++) {
            for (int c = col0; c <= col1; c++) {
                int cell = row * COLUMNS + Math.floorMod(c, COLUMNS);
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int r = regionIds[k];
                    if (!accept.test(r) || seenEarlierInWindow(r, row, row0, c, col0)) {
                        continue;
                    }
                    double d = bands.distanceToBoundaryKm(r, lat, lon, best);
                    if (d < best || (d == best && nearest >= 0 && r < nearest)) {
                        best = d;
                        nearest = r;
                    }
                }
            }
        }
        return nearest;
    }

    private boolean seenEarlierInWindow(int r, int row, int row0, int c, int col0) {
        if (row != Math.max(row0, row(regions.minY[r]))) {
            return true;
        }
        int regionCol0 = column(regions.minX[r]);
        int regionCol1 = column(regions.maxX[r]);
        for (int earlier = col0; earlier < c; earlier++) {
            int col = Math.floorMod(earlier, COLUMNS);
            if (col >= regionCol0 && col <= regionCol1) {
                return true;
            }
        }
        return false;
    }

    long retainedBytes() {
        return 4L * (cellStart.length + regionIds.length);
    }
}
