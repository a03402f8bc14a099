package io.hashfence.geo;

import java.util.function.IntPredicate;

/**
 * One layer of the index (the countries, or the subdivisions): its polygons with the lookup grid,
 * edge bands and region buckets that answer point questions about them exactly.
 */
final class Layer {
    static final int NOT_NEAR_ANY = -1;
    static final int MAYBE_NEAR_ONE = -2;

    final Regions regions;
    final LookupGrid grid;
    final EdgeBands bands;
    final RegionBuckets buckets;

    Layer(Regions regions, LookupGrid grid) {
        this.regions = regions;
        this.grid = grid;
        this.bands = new EdgeBands(regions);
        this.buckets = new RegionBuckets(regions, bands);
    }

    /** The lookup grid's value for the point's cell: the first argument of the cell-value variants below. */
    int cellValue(double lat, double lon) {
        return grid.valueAt(lat, lon);
    }

    /**
     * The lowest-index region covering the point that {@code accept} accepts, or {@link #NOT_NEAR_ANY}
     * (open sea, far from every region) / {@link #MAYBE_NEAR_ONE} when no accepted region covers it.
     */
    int coveringRegion(double lat, double lon, IntPredicate accept) {
        int value = grid.valueAt(lat, lon);
        if (value < LookupGrid.FIRST_REGION) {
            return value == LookupGrid.INTERNATIONAL ? NOT_NEAR_ANY : MAYBE_NEAR_ONE;
        }
        int inside = grid.insideRegion(value);
        if (inside >= 0) {
            return accept.test(inside) ? inside : MAYBE_NEAR_ONE;
        }
        int list = grid.list(value);
        for (int k = grid.listStart[list], end = grid.listStart[list + 1]; k < end; k++) {
            int candidate = grid.listRegions[k];
            if (accept.test(candidate) && bands.covers(candidate, lon, lat)) {
                return candidate;
            }
        }
        return MAYBE_NEAR_ONE;
    }

    /** The lowest-index region covering the point, or a negative value as for the filtered variant. */
    int coveringRegion(double lat, double lon) {
        return coveringRegion(grid.valueAt(lat, lon), lat, lon);
    }

    /** As {@link #coveringRegion(double, double)}, for the point's {@link #cellValue}. */
    int coveringRegion(int cellValue, double lat, double lon) {
        if (cellValue < LookupGrid.FIRST_REGION) {
            return cellValue == LookupGrid.INTERNATIONAL ? NOT_NEAR_ANY : MAYBE_NEAR_ONE;
        }
        int inside = grid.insideRegion(cellValue);
        if (inside >= 0) {
            return inside;
        }
        return coveringCandidateAfter(grid.list(cellValue), -1, lat, lon);
    }

    /**
     * The lowest-index region above {@code after} that the point's cell lists as a candidate and that
     * covers the point, or {@link #MAYBE_NEAR_ONE}. A sea cell or a cell wholly inside one region has no
     * candidates. When {@code after} is the lowest covering region (or no region covers the point), this
     * is the lowest covering region other than {@code after}, found without testing again the
     * candidates below it.
     */
    int coveringRegionAfter(int cellValue, double lat, double lon, int after) {
        if (cellValue < LookupGrid.FIRST_REGION || grid.insideRegion(cellValue) >= 0) {
            return MAYBE_NEAR_ONE;
        }
        return coveringCandidateAfter(grid.list(cellValue), after, lat, lon);
    }

    private int coveringCandidateAfter(int list, int after, double lat, double lon) {
        for (int k = grid.listStart[list], end = grid.listStart[list + 1]; k < end; k++) {
            int candidate = grid.listRegions[k];
            if (candidate > after && bands.covers(candidate, lon, lat)) {
                return candidate;
            }
        }
        return MAYBE_NEAR_ONE;
    }

    /** Distance in km from the point to region r's boundary, or +Infinity if farther than maxKm. */
    double distanceToBoundaryKm(int r, double lat, double lon, double maxKm) {
        return boundingBoxWithin(r, lat, lon, maxKm)
                ? bands.distanceToBoundaryKm(r, lat, lon, maxKm)
                : Double.POSITIVE_INFINITY;
    }

    boolean boundingBoxWithin(int r, double lat, double lon, double km) {
        double latReach = km / SphericalDistance.KM_PER_DEGREE;
        if (lat < regions.minY[r] - latReach || lat > regions.maxY[r] + latReach) {
            return false;
        }
        double lonReach = SphericalDistance.longitudeReach(lat, km);
        if (lonReach >= 180.0) {
            return true;
        }
        for (double shift = -360.0; shift <= 360.0; shift += 360.0) {
            double x = lon + shift;
            if (x >= regions.minX[r] - lonReach && x <= regions.maxX[r] + lonReach) {
                return true;
            }
        }
        return false;
    }

    long retainedBytes() {
        return 16L * regions.vertexCount()
                + 4L * (regions.ringStart.length + regions.vertexStart.length)
                + 32L * regions.count()
                + grid.retainedBytes()
                + bands.retainedBytes()
                + buckets.retainedBytes();
    }
}
