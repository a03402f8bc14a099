package io.hashfence.geo;

/**
 * The subdivision polygons, flattened into primitive arrays. Region {@code r} owns rings
 * {@code ringStart[r] .. ringStart[r+1]-1}; ring {@code k} owns vertices
 * {@code vertexStart[k] .. vertexStart[k+1]-1} (closed: the last vertex repeats the first).
 * {@code exterior[k]} marks the rings that start a polygon (the rings after it, up to the next exterior,
 * are its holes). Lookups ignore that structure: membership is the even-odd rule over all rings of a
 * region, which is what JTS computes for a valid (multi)polygon.
 */
final class Regions {
    final Country[] countries;
    final Subdivision[] subdivisions;
    final int[] countryOf;
    final int[] ringStart;
    final int[] vertexStart;
    final boolean[] exterior;
    final double[] xs;
    final double[] ys;
    final double[] minX;
    final double[] minY;
    final double[] maxX;
    final double[] maxY;

    Regions(Country[] countries, Subdivision[] subdivisions, int[] countryOf,
            int[] ringStart, int[] vertexStart, boolean[] exterior, double[] xs, double[] ys) {
        this.countries = countries;
        this.subdivisions = subdivisions;
        this.countryOf = countryOf;
        this.ringStart = ringStart;
        this.vertexStart = vertexStart;
        this.exterior = exterior;
        this.xs = xs;
        this.ys = ys;
        int n = subdivisions.length;
        minX = new double[n];
        minY = new double[n];
        maxX = new double[n];
        maxY = new double[n];
        for (int r = 0; r < n; r++) {
            double x0 = Double.POSITIVE_INFINITY;
            double y0 = Double.POSITIVE_INFINITY;
            double x1 = Double.NEGATIVE_INFINITY;
            double y1 = Double.NEGATIVE_INFINITY;
            for (int v = vertexStart[ringStart[r]]; v < vertexStart[ringStart[r + 1]]; v++) {
                x0 = Math.min(x0, xs[v]);
                y0 = Math.min(y0, ys[v]);
                x1 = Math.max(x1, xs[v]);
                y1 = Math.max(y1, ys[v]);
            }
            minX[r] = x0;
            minY[r] = y0;
            maxX[r] = x1;
            maxY[r] = y1;
        }
    }

    int count() {
        return subdivisions.length;
    }

    Country countryOfRegion(int r) {
        return countries[countryOf[r]];
    }

    boolean bboxContains(int r, double x, double y) {
        return x >= minX[r] && x <= maxX[r] && y >= minY[r] && y <= maxY[r];
    }

    int vertexCount() {
        return xs.length;
    }
}
