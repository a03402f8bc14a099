package io.hashfence.geo;

import java.util.Arrays;

/**
 * Per-region index of polygon edges by latitude band ({@value #BANDS_PER_DEGREE} bands per degree,
 * about 1.7 km). An edge is listed in every band its latitude range touches, so the edges that can
 * cross a horizontal line at latitude y are all in band(y). Edges are named by the index of their
 * first vertex in {@link Regions#xs}/{@link Regions#ys}. Bands with many edges are sorted by the
 * edges' west end, so queries can skip to the longitudes they need.
 */
final class EdgeBands {
    static final int BANDS_PER_DEGREE = 64;
    private static final int SORTED_BAND_MIN_EDGES = 16;
    private static final int EDGE_ID_BITS = 21;
    private static final int BAND_COUNT = 180 * BANDS_PER_DEGREE;

    private final Regions regions;
    private final int[] firstBand;
    /** Offsets into {@link #bandEdgeStart}: region r's bands are {@code regionBands[r] .. regionBands[r+1]-1}. */
    private final int[] regionBands;

    private final int[] bandEdgeStart;
    private final int[] edges;
    /** Per band: the widest edge's longitude span, so a search by west end knows how far back to start. */
    private final float[] maxEdgeWidth;

    EdgeBands(Regions regions) {
        this.regions = regions;
        if (regions.vertexCount() >= 1 << EDGE_ID_BITS) {
            throw new IllegalArgumentException("too many vertices for the band sort keys: " + regions.vertexCount());
        }
        int n = regions.count();
        firstBand = new int[n];
        regionBands = new int[n + 1];
        for (int r = 0; r < n; r++) {
            firstBand[r] = band(regions.minY[r]);
            regionBands[r + 1] = regionBands[r] + band(regions.maxY[r]) - firstBand[r] + 1;
        }
        bandEdgeStart = new int[regionBands[n] + 1];
        int[] counts = new int[regionBands[n] + 1];
        forEachEdgeBand((bandSlot, edge) -> counts[bandSlot]++);
        for (int b = 0; b < regionBands[n]; b++) {
            bandEdgeStart[b + 1] = bandEdgeStart[b] + counts[b];
        }
        edges = new int[bandEdgeStart[regionBands[n]]];
        int[] fill = new int[regionBands[n]];
        System.arraycopy(bandEdgeStart, 0, fill, 0, regionBands[n]);
        forEachEdgeBand((bandSlot, edge) -> edges[fill[bandSlot]++] = edge);
        maxEdgeWidth = new float[regionBands[n]];
        for (int b = 0; b < regionBands[n]; b++) {
            sortByWestEnd(b);
        }
    }

    private void sortByWestEnd(int bandSlot) {
        int from = bandEdgeStart[bandSlot];
        int to = bandEdgeStart[bandSlot + 1];
        double widest = 0;
        for (int k = from; k < to; k++) {
            widest = Math.max(widest, Math.abs(regions.x(edges[k] + 1) - regions.x(edges[k])));
        }
        maxEdgeWidth[bandSlot] = Math.nextUp((float) widest);
        if (to - from < SORTED_BAND_MIN_EDGES) {
            return;
        }
        long[] keys = new long[to - from];
        for (int k = from; k < to; k++) {
            int v = edges[k];
            long scaledWestEnd = Math.min(regions.xs[v], regions.xs[v + 1]) + 180L * BundleCodec.COORDINATE_SCALE;
            keys[k - from] = (scaledWestEnd << EDGE_ID_BITS) | edges[k];
        }
        Arrays.sort(keys);
        for (int k = from; k < to; k++) {
            edges[k] = (int) (keys[k - from] & ((1 << EDGE_ID_BITS) - 1));
        }
    }

    private double westEnd(int edge) {
        return Math.min(regions.x(edge), regions.x(edge + 1));
    }

    private interface EdgeBandSink {
        void accept(int bandSlot, int edge);
    }

    private void forEachEdgeBand(EdgeBandSink sink) {
        for (int r = 0; r < regions.count(); r++) {
            int slotBase = regionBands[r] - firstBand[r];
            for (int ring = regions.ringStart[r]; ring < regions.ringStart[r + 1]; ring++) {
                int last = regions.vertexStart[ring + 1] - 1;
                for (int v = regions.vertexStart[ring]; v < last; v++) {
                    int b0 = band(Math.min(regions.y(v), regions.y(v + 1)));
                    int b1 = band(Math.max(regions.y(v), regions.y(v + 1)));
                    for (int b = b0; b <= b1; b++) {
                        sink.accept(slotBase + b, v);
                    }
                }
            }
        }
    }

    static int band(double lat) {
        int b = (int) ((lat + 90.0) * BANDS_PER_DEGREE);
        return Math.max(0, Math.min(BAND_COUNT - 1, b));
    }

    /**
     * Whether region r covers (interior or boundary) the point, decided exactly as JTS
     * {@code RayCrossingCounter} does: count crossings of a horizontal ray, half-open in y. In a long
     * sorted band the ray goes east or west, whichever side has fewer edges to test; both give the
     * same parity, and both see every edge that could hold the point. Edges are compared with the point
     * in the integer vertex coordinates ({@link ScaledThresholds}), exactly and without a division per
     * vertex; only an edge whose longitude range holds the point's longitude needs the orientation test.
     */
    boolean covers(int r, double x, double y) {
        int slot = band(y) - firstBand[r];
        if (slot < 0 || slot >= regionBands[r + 1] - regionBands[r]) {
            return false;
        }
        int bandSlot = regionBands[r] + slot;
        int from = bandEdgeStart[bandSlot];
        int to = bandEdgeStart[bandSlot + 1];
        int xAtLeast = ScaledThresholds.atLeast(x);
        int xAbove = ScaledThresholds.above(x);
        int yAtLeast = ScaledThresholds.atLeast(y);
        int yAbove = ScaledThresholds.above(y);
        if (to - from >= SORTED_BAND_MIN_EDGES) {
            int westEnd = firstWestEndAtLeast(from, to, xAbove);
            int eastStart = firstWestEndAtLeast(from, to, ScaledThresholds.atLeast(x - maxEdgeWidth[bandSlot]));
            if (westEnd - from < to - eastStart) {
                return crossesOddlyWestward(from, westEnd, x, y, xAtLeast, xAbove, yAtLeast, yAbove);
            }
            from = eastStart;
        }
        return crossesOddlyEastward(from, to, x, y, xAtLeast, xAbove, yAtLeast, yAbove);
    }

    private boolean crossesOddlyEastward(
            int from, int to, double x, double y, int xAtLeast, int xAbove, int yAtLeast, int yAbove) {
        int[] xs = regions.xs;
        int crossings = 0;
        for (int k = from; k < to; k++) {
            int v = edges[k];
            if (xs[v] < xAtLeast && xs[v + 1] < xAtLeast) {
                continue;
            }
            int crossing = crossing(v, x, y, xAtLeast, xAbove, yAtLeast, yAbove);
            if (crossing == ON_BOUNDARY) {
                return true;
            }
            if (crossing > 0) {
                crossings++;
            }
        }
        return (crossings & 1) == 1;
    }

    private boolean crossesOddlyWestward(
            int from, int to, double x, double y, int xAtLeast, int xAbove, int yAtLeast, int yAbove) {
        int[] xs = regions.xs;
        int crossings = 0;
        for (int k = from; k < to; k++) {
            int v = edges[k];
            if (xs[v] >= xAbove && xs[v + 1] >= xAbove) {
                continue;
            }
            int crossing = crossing(v, x, y, xAtLeast, xAbove, yAtLeast, yAbove);
            if (crossing == ON_BOUNDARY) {
                return true;
            }
            if (crossing < 0) {
                crossings++;
            }
        }
        return (crossings & 1) == 1;
    }

    private static final int ON_BOUNDARY = 2;

    /**
     * How edge v (p1-p2) meets the horizontal line through (x, y), by JTS's rules: ON_BOUNDARY if the
     * point lies on the edge; 1 if the edge crosses the line (half-open in y) east of the point, -1 if
     * west, 0 if it does not cross. The thresholds are the point's coordinates in vertex units
     * ({@link ScaledThresholds}): a vertex coordinate c is below the point's when {@code c < atLeast},
     * equal when {@code atLeast <= c < above}, above when {@code c >= above}. An edge that crosses the
     * line wholly east (or west) of the point crosses it east (west) whatever the arithmetic, so the
     * robust orientation test is needed only when the edge's longitudes straddle the point's.
     */
    private int crossing(int v, double x, double y, int xAtLeast, int xAbove, int yAtLeast, int yAbove) {
        int x1 = regions.xs[v];
        int x2 = regions.xs[v + 1];
        int y1 = regions.ys[v];
        int y2 = regions.ys[v + 1];
        boolean x2Equal = x2 >= xAtLeast && x2 < xAbove;
        boolean y1Equal = y1 >= yAtLeast && y1 < yAbove;
        boolean y2Equal = y2 >= yAtLeast && y2 < yAbove;
        if (x2Equal && y2Equal) {
            return ON_BOUNDARY;
        }
        if (y1Equal && y2Equal) {
            return Math.min(x1, x2) < xAbove && Math.max(x1, x2) >= xAtLeast ? ON_BOUNDARY : 0;
        }
        if ((y1 >= yAbove) == (y2 >= yAbove)) {
            return 0;
        }
        if (Math.min(x1, x2) >= xAbove) {
            return 1;
        }
        if (Math.max(x1, x2) < xAtLeast) {
            return -1;
        }
        double p1y = regions.y(v);
        double p2y = regions.y(v + 1);
        int orientation = Orientation.index(regions.x(v), p1y, regions.x(v + 1), p2y, x, y);
        if (orientation == 0) {
            return ON_BOUNDARY;
        }
        return p2y < p1y ? -orientation : orientation;
    }

    /**
     * Great-circle distance in km from the point to the nearest edge of region r, treating each edge as
     * the straight line in longitude/latitude that the polygon test uses; {@code Double.POSITIVE_INFINITY}
     * when no edge is within {@code maxKm}. The closest point of each edge is found in a local
     * equirectangular projection, then measured exactly; within 100 km of the point and away from the
     * poles this is within a few metres of the true minimum.
     */
    double distanceToBoundaryKm(int r, double lat, double lon, double maxKm) {
        double latReach = maxKm / SphericalDistance.KM_PER_DEGREE;
        int b0 = Math.max(band(lat - latReach), firstBand[r]);
        int b1 = Math.min(band(lat + latReach), firstBand[r] + regionBands[r + 1] - regionBands[r] - 1);
        double lonReach = SphericalDistance.longitudeReach(lat, maxKm);
        double cosLat = Math.cos(Math.toRadians(lat));
        double slack = planarOverestimate(lat, latReach);
        double best = Double.POSITIVE_INFINITY;
        for (int b = b0; b <= b1; b++) {
            int bandSlot = regionBands[r] + b - firstBand[r];
            int from = bandEdgeStart[bandSlot];
            int to = bandEdgeStart[bandSlot + 1];
            if (to - from < SORTED_BAND_MIN_EDGES || lonReach >= 180.0) {
                for (int k = from; k < to; k++) {
                    double limit = Math.min(best, maxKm) * slack;
                    best = Math.min(best, edgeDistanceKm(edges[k], lat, lon, cosLat, latReach, lonReach, limit));
                }
                continue;
            }
            for (double shift = -360.0; shift <= 360.0; shift += 360.0) {
                double west = lon + shift - lonReach;
                double east = lon + shift + lonReach;
                if (east < -180.0 || west > 180.0) {
                    continue;
                }
                for (int k = firstWestEndAtLeast(from, to, ScaledThresholds.atLeast(west - maxEdgeWidth[bandSlot]));
                        k < to && westEnd(edges[k]) <= east;
                        k++) {
                    double limit = Math.min(best, maxKm) * slack;
                    best = Math.min(best, edgeDistanceKm(edges[k], lat, lon, cosLat, latReach, lonReach, limit));
                }
            }
        }
        return best <= maxKm ? best : Double.POSITIVE_INFINITY;
    }

    /** The first edge of the sorted run from..to whose west end, in vertex units, is at least {@code scaledLon}. */
    private int firstWestEndAtLeast(int from, int to, int scaledLon) {
        int[] xs = regions.xs;
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int v = edges[mid];
            if (Math.min(xs[v], xs[v + 1]) < scaledLon) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Bound on how much the local equirectangular distance can exceed the true one within latReach
     * degrees of latitude lat: the longitude scale of the projection is too large by up to
     * cos(lat) / cos(lat + latReach) for points poleward of lat. Infinite near the poles (no filter).
     */
    private static double planarOverestimate(double lat, double latReach) {
        double farLat = Math.abs(lat) + latReach;
        if (farLat >= 89.0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.cos(Math.toRadians(Math.abs(lat))) / Math.cos(Math.toRadians(farLat)) * 1.001 + 1e-6;
    }

    /**
     * Distance to edge v, or infinity when the edge is outside the reach or its planar distance already
     * exceeds {@code planarLimitKm} (so it cannot beat the best found so far).
     */
    private double edgeDistanceKm(
            int v, double lat, double lon, double cosLat, double latReach, double lonReach, double planarLimitKm) {
        double ay = regions.y(v) - lat;
        double by = regions.y(v + 1) - lat;
        if ((ay > latReach && by > latReach) || (ay < -latReach && by < -latReach)) {
            return Double.POSITIVE_INFINITY;
        }
        double ax = SphericalDistance.wrapLongitude(regions.x(v) - lon);
        double bx = ax + (regions.x(v + 1) - regions.x(v));
        if ((ax > lonReach && bx > lonReach) || (ax < -lonReach && bx < -lonReach)) {
            return Double.POSITIVE_INFINITY;
        }
        double dx = (bx - ax) * cosLat;
        double dy = by - ay;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : -(ax * cosLat * dx + ay * dy) / lengthSquared;
        t = Math.max(0.0, Math.min(1.0, t));
        double px = ax * cosLat + t * dx;
        double py = ay + t * dy;
        double planarKm = Math.sqrt(px * px + py * py) * SphericalDistance.KM_PER_DEGREE;
        if (planarKm >= planarLimitKm) {
            return Double.POSITIVE_INFINITY;
        }
        return SphericalDistance.haversineKm(lat, lon, lat + py, lon + ax + t * (bx - ax));
    }

    /** Longitudes where region r's edges cross the line at latitude y (half-open in y), unsorted. */
    double[] crossingsAt(int r, double y) {
        int slot = band(y) - firstBand[r];
        if (slot < 0 || slot >= regionBands[r + 1] - regionBands[r]) {
            return new double[0];
        }
        int bandSlot = regionBands[r] + slot;
        double[] found = new double[bandEdgeStart[bandSlot + 1] - bandEdgeStart[bandSlot]];
        int size = 0;
        for (int k = bandEdgeStart[bandSlot]; k < bandEdgeStart[bandSlot + 1]; k++) {
            int v = edges[k];
            double y1 = regions.y(v);
            double y2 = regions.y(v + 1);
            if ((y1 > y) != (y2 > y)) {
                found[size++] = regions.x(v) + (y - y1) * (regions.x(v + 1) - regions.x(v)) / (y2 - y1);
            }
        }
        return Arrays.copyOf(found, size);
    }

    long retainedBytes() {
        return 4L * (firstBand.length + regionBands.length + bandEdgeStart.length + edges.length + maxEdgeWidth.length);
    }
}
