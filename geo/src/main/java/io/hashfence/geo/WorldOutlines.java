package io.hashfence.geo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Simplified outlines of every subdivision in the bundled boundary data, for drawing maps. Lookups never
 * use these: simplification moves boundaries by up to the tolerance.
 */
public final class WorldOutlines {

    /**
     * One subdivision's simplified rings.
     *
     * @param rings every ring (exteriors and holes alike; fill them with the even-odd rule) as alternating
     *              lon, lat values, closed: the last vertex repeats the first
     */
    public record Outline(Country country, Subdivision subdivision, List<double[]> rings) {
        public Outline {
            rings = List.copyOf(rings);
        }

        public int vertexCount() {
            return rings.stream().mapToInt(ring -> ring.length / 2).sum();
        }
    }

    private WorldOutlines() {}

    /**
     * Every subdivision's rings simplified with Douglas-Peucker at {@code toleranceDegrees}. Rings whose
     * bounding box is smaller than the tolerance both ways (islets invisible at that scale) are left out,
     * and so are subdivisions left with no ring.
     */
    public static List<Outline> simplified(GeoIndex index, double toleranceDegrees) {
        if (!(toleranceDegrees > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, was " + toleranceDegrees);
        }
        Regions regions = index.regions();
        List<Outline> outlines = new ArrayList<>();
        for (int r = 0; r < regions.count(); r++) {
            List<double[]> rings = new ArrayList<>();
            for (int k = regions.ringStart[r]; k < regions.ringStart[r + 1]; k++) {
                int from = regions.vertexStart[k];
                int to = regions.vertexStart[k + 1];
                if (spansAtLeast(regions, from, to, toleranceDegrees)) {
                    double[] ring = simplifyRing(regions, from, to, toleranceDegrees);
                    if (ring.length >= 8) {
                        rings.add(ring);
                    }
                }
            }
            if (!rings.isEmpty()) {
                outlines.add(new Outline(regions.countryOfRegion(r), regions.subdivisions[r], rings));
            }
        }
        return List.copyOf(outlines);
    }

    private static boolean spansAtLeast(Regions regions, int from, int to, double size) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int v = from; v < to; v++) {
            minX = Math.min(minX, regions.x(v));
            maxX = Math.max(maxX, regions.x(v));
            minY = Math.min(minY, regions.y(v));
            maxY = Math.max(maxY, regions.y(v));
        }
        return maxX - minX >= size || maxY - minY >= size;
    }

    /** Douglas-Peucker over vertices [from, to) of a closed ring; iterative, as rings reach 100,000 vertices. */
    private static double[] simplifyRing(Regions regions, int from, int to, double tolerance) {
        int n = to - from;
        boolean[] keep = new boolean[n];
        keep[0] = true;
        keep[n - 1] = true;
        // A closed ring's two ends coincide, so split it at its farthest vertex from the start first.
        int far = 0;
        double farthest = -1;
        for (int i = 1; i < n - 1; i++) {
            double d = Math.hypot(regions.x(from + i) - regions.x(from), regions.y(from + i) - regions.y(from));
            if (d > farthest) {
                farthest = d;
                far = i;
            }
        }
        keep[far] = true;
        Deque<int[]> spans = new ArrayDeque<>();
        spans.push(new int[] {0, far});
        spans.push(new int[] {far, n - 1});
        while (!spans.isEmpty()) {
            int[] span = spans.pop();
            int a = span[0];
            int b = span[1];
            int worst = -1;
            double worstDistance = tolerance;
            for (int i = a + 1; i < b; i++) {
                double d = distanceToSegment(
                        regions.x(from + i),
                        regions.y(from + i),
                        regions.x(from + a),
                        regions.y(from + a),
                        regions.x(from + b),
                        regions.y(from + b));
                if (d > worstDistance) {
                    worstDistance = d;
                    worst = i;
                }
            }
            if (worst >= 0) {
                keep[worst] = true;
                spans.push(new int[] {a, worst});
                spans.push(new int[] {worst, b});
            }
        }
        double[] ring = new double[2 * n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                ring[size++] = regions.x(from + i);
                ring[size++] = regions.y(from + i);
            }
        }
        return Arrays.copyOf(ring, size);
    }

    private static double distanceToSegment(double x, double y, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double lengthSquared = dx * dx + dy * dy;
        double t = lengthSquared == 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / lengthSquared));
        return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
    }
}
