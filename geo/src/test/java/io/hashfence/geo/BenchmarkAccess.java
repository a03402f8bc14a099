package io.hashfence.geo;

/**
 * The benchmarks' one way into the index's package-private views (module benchmarks, package
 * io.hashfence.bench.geo): test code, shipped in the geo test-jar only, so the geo jar's API stays
 * {@link GeoIndex#loadBundled} and {@link GeoIndex#locate}.
 */
public final class BenchmarkAccess {
    private BenchmarkAccess() {}

    /** The JTS baseline over the index's country layer: the regions a JTS-based locator would answer with. */
    public static CountryBaseline jtsCountries(GeoIndex index) {
        return new JtsOracle(index.countryRegions())::firstCoveringRegion;
    }

    /** Whether the point falls in some Natural Earth subdivision of the index. */
    public static boolean inSomeSubdivision(GeoIndex index, double lat, double lon) {
        return index.regionAt(lat, lon) >= 0;
    }

    /** Approximate heap held by the index's arrays, by the index's own count. */
    public static long retainedBytes(GeoIndex index) {
        return index.retainedBytes();
    }

    /** The country-layer region covering a point, or -1, as the JTS baseline finds it. */
    @FunctionalInterface
    public interface CountryBaseline {
        int firstCoveringRegion(double lat, double lon);
    }
}
