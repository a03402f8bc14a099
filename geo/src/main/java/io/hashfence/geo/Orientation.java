package io.hashfence.geo;

import java.math.BigDecimal;

/**
 * Robust orientation of point q relative to the directed segment p1-p2, with the same floating-point
 * filter as JTS {@code CGAlgorithmsDD.orientationIndex}; the rare uncertain cases are decided exactly.
 * Matching JTS here is what makes lookups agree with JTS {@code covers} bit for bit.
 */
final class Orientation {
    private static final double DP_SAFE_EPSILON = 1e-15;

    private Orientation() {}

    /** 1 if q is left of p1-p2, -1 if right, 0 if collinear. */
    static int index(double p1x, double p1y, double p2x, double p2y, double qx, double qy) {
        double detLeft = (p1x - qx) * (p2y - qy);
        double detRight = (p1y - qy) * (p2x - qx);
        double det = detLeft - detRight;
        double detSum;
        if (detLeft > 0.0) {
            if (detRight <= 0.0) {
                return signum(det);
            }
            detSum = detLeft + detRight;
        } else if (detLeft < 0.0) {
            if (detRight >= 0.0) {
                return signum(det);
            }
            detSum = -detLeft - detRight;
        } else {
            return signum(det);
        }
        double errorBound = DP_SAFE_EPSILON * detSum;
        if (det >= errorBound || -det >= errorBound) {
            return signum(det);
        }
        return exactIndex(p1x, p1y, p2x, p2y, qx, qy);
    }

    private static int exactIndex(double p1x, double p1y, double p2x, double p2y, double qx, double qy) {
        BigDecimal dx1 = new BigDecimal(p2x).subtract(new BigDecimal(p1x));
        BigDecimal dy1 = new BigDecimal(p2y).subtract(new BigDecimal(p1y));
        BigDecimal dx2 = new BigDecimal(qx).subtract(new BigDecimal(p2x));
        BigDecimal dy2 = new BigDecimal(qy).subtract(new BigDecimal(p2y));
        return dx1.multiply(dy2).subtract(dy1.multiply(dx2)).signum();
    }

    private static int signum(double x) {
        return x > 0 ? 1 : x < 0 ? -1 : 0;
    }
}
