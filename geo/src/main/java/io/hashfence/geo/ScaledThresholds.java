package io.hashfence.geo;

/**
 * Where a coordinate in degrees falls among the vertex coordinates, which are integers in
 * 10^-5 degrees: vertex coordinate c stands for the double {@code c / COORDINATE_SCALE} ({@link Regions#x}),
 * and that division rounds monotonically, so for any degrees value d there is one integer threshold with
 * {@code c / SCALE < d} exactly for the c below it. Comparing integers with the thresholds gives the same
 * answer as comparing the doubles, with no division per vertex.
 */
final class ScaledThresholds {
    private static final double SCALE = BundleCodec.COORDINATE_SCALE;

    private ScaledThresholds() {}

    /** The least c with {@code c / SCALE >= degrees}: c's degrees are below {@code degrees} exactly when c is below it. */
    static int atLeast(double degrees) {
        int c = (int) Math.ceil(degrees * SCALE);
        while (c / SCALE < degrees) {
            c++;
        }
        while ((c - 1) / SCALE >= degrees) {
            c--;
        }
        return c;
    }

    /** The least c with {@code c / SCALE > degrees}: c's degrees exceed {@code degrees} exactly when c is at least it. */
    static int above(double degrees) {
        return atLeast(Math.nextUp(degrees));
    }
}
