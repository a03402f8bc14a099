package io.hashfence.geo;

/** Distances on a sphere of the IUGG mean Earth radius; good to ~0.5% against the WGS84 ellipsoid. */
final class SphericalDistance {
    static final double EARTH_RADIUS_KM = 6371.0088;
    static final double KM_PER_DEGREE = EARTH_RADIUS_KM * Math.PI / 180.0;

    private SphericalDistance() {}

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double s = Math.sin(dLat / 2);
        double t = Math.sin(dLon / 2);
        double h = s * s + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * t * t;
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** {@code degrees} folded into [-180, 180). */
    static double wrapLongitude(double degrees) {
        double d = (degrees + 180.0) % 360.0;
        if (d < 0) {
            d += 360.0;
        }
        return d - 180.0;
    }

    /**
     * Longitude half-width, in degrees, of a window that holds every point within {@code km} of a
     * point at latitude {@code lat}; 180 when the window reaches a pole or is too wide for the bound.
     */
    static double longitudeReach(double lat, double km) {
        double farLat = Math.abs(lat) + km / KM_PER_DEGREE;
        if (farLat >= 89.0) {
            return 180.0;
        }
        double reach = km / (KM_PER_DEGREE * Math.cos(Math.toRadians(farLat))) * 1.01;
        return reach > 30.0 ? 180.0 : reach;
    }
}
