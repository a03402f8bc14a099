package io.hashfence.geo;

/**
 * One layer's polygons (the countries, or the subdivisions), flattened into primitive arrays. In the
 * country layer region {@code r} is country {@code r} and there are no subdivisions; in the subdivision
 * layer region {@code r} is subdivision {@code r} of country {@code countryOf[r]}. Region {@code r} owns rings
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
    /** Vertex longitudes and latitudes in 10^-5 degrees (both sources have at most 5 decimals). */
    final int[] xs;

    final int[] ys;
    final double[] minX;
    final double[] minY;
    final double[] maxX;
    final double[] maxY;

    Regions(
            Country[] countries,
            Subdivision[] subdivisions,
            int[] countryOf,
            int[] ringStart,
            int[] vertexStart,
            boolean[] exterior,
            int[] xs,
            int[] ys) {
        this.countries = countries;
        this.subdivisions = subdivisions;
        this.countryOf = countryOf;
        this.ringStart = ringStart;
        this.vertexStart = vertexStart;
        this.exterior = exterior;
        this.xs = xs;
        this.ys = ys;
        int n = ringStart.length - 1;
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
                x0 = Math.min(x0, x(v));
                y0 = Math.min(y0, y(v));
                x1 = Math.max(x1, x(v));
                y1 = Math.max(y1, y(v));
            }
            minX[r] = x0;
            minY[r] = y0;
            maxX[r] = x1;
            maxY[r] = y1;
        }
    }

    /** Longitude of vertex v in degrees: exactly the decimal value of the source. */
    double x(int v) {
        return xs[v] / (double) BundleCodec.COORDINATE_SCALE;
    }

    /** Latitude of vertex v in degrees: exactly the decimal value of the source. */
    double y(int v) {
        return ys[v] / (double) BundleCodec.COORDINATE_SCALE;
    }

    int count() {
        return ringStart.length - 1;
    }

    boolean hasSubdivisions() {
        return subdivisions.length > 0;
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
