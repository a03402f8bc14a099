package io.hashfence.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Offline lookup of the country and first-level subdivision at a coordinate, over Natural Earth
 * 1:10m admin-1 boundaries (see {@code geo/PROVENANCE.md}). Immutable and thread-safe: load it once
 * and share it.
 *
 * <p>Answers are exactly those of JTS {@code covers} on the same polygons. A point covered by more than
 * one subdivision (on a shared border, or in the rare slivers where the source polygons overlap) goes
 * to the one whose ISO 3166-2 code sorts first (ties between features sharing a code: the earlier
 * feature in the source file).
 */
public final class GeoIndex {
    /** 12 nautical miles, the territorial sea limit. */
    public static final double TERRITORIAL_SEA_KM = 22.224;
    /** {@link #distanceKm} reports distances up to this; anything farther is {@code +Infinity}. */
    public static final double MAX_DISTANCE_KM = 100.0;

    static final String BUNDLED_RESOURCE = "/io/hashfence/geo/admin1.hfgeo.gz";

    private final Regions regions;
    private final LookupGrid grid;
    private final EdgeBands bands;
    private final RegionBuckets buckets;
    private final GeoLocation[] onLand;
    private final GeoLocation[] atSea;
    private final Map<String, int[]> regionsByCode;

    GeoIndex(Regions regions, LookupGrid grid) {
        this.regions = regions;
        this.grid = grid;
        this.bands = new EdgeBands(regions);
        this.buckets = new RegionBuckets(regions, bands);
        int n = regions.count();
        onLand = new GeoLocation[n];
        atSea = new GeoLocation[n];
        Map<String, int[]> byCode = new HashMap<>();
        for (int r = 0; r < n; r++) {
            Country country = regions.countryOfRegion(r);
            Subdivision subdivision = regions.subdivisions[r];
            onLand[r] = new GeoLocation(Zone.LAND, country, subdivision);
            atSea[r] = new GeoLocation(Zone.TERRITORIAL, country, subdivision);
            append(byCode, country.code(), r);
            append(byCode, subdivision.code(), r);
        }
        regionsByCode = byCode;
    }

    private static void append(Map<String, int[]> byCode, String code, int region) {
        int[] existing = byCode.get(code);
        if (existing == null) {
            byCode.put(code, new int[] {region});
        } else {
            int[] grown = Arrays.copyOf(existing, existing.length + 1);
            grown[existing.length] = region;
            byCode.put(code, grown);
        }
    }

    /** Loads the index bundled in this jar (typically 0.3 to 0.6 s). */
    public static GeoIndex loadBundled() {
        try (InputStream in = GeoIndex.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("geo bundle missing from the classpath: " + BUNDLED_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled geo index", e);
        }
    }

    /** Loads an index written by the import tool. */
    public static GeoIndex load(InputStream in) throws IOException {
        BundleCodec.Bundle bundle = BundleCodec.read(in);
        return new GeoIndex(bundle.regions(), bundle.grid());
    }

    /**
     * Where the coordinate is: the subdivision containing it, else the subdivision with the nearest
     * boundary within {@link #TERRITORIAL_SEA_KM} (zone TERRITORIAL), else international waters.
     *
     * @throws IllegalArgumentException if lat is not within [-90, 90] or lon not within [-180, 180]
     */
    public GeoLocation locate(double lat, double lon) {
        checkCoordinates(lat, lon);
        int region = coveringRegion(lat, lon);
        if (region >= 0) {
            return onLand[region];
        }
        if (region == NOT_NEAR_LAND) {
            return GeoLocation.INTERNATIONAL_WATERS;
        }
        int nearest = buckets.nearestWithin(lat, lon, TERRITORIAL_SEA_KM);
        return nearest < 0 ? GeoLocation.INTERNATIONAL_WATERS : atSea[nearest];
    }

    /**
     * Great-circle distance in km from the coordinate to the nearest boundary of any of the given
     * jurisdictions: 0 inside (or on the boundary of) one of them, {@code Double.POSITIVE_INFINITY}
     * when all are farther than {@link #MAX_DISTANCE_KM}. Accurate to about 0.5% (spherical Earth).
     *
     * @param codes ISO 3166-1 alpha-2 country codes (meaning every subdivision the data puts in that
     *              country) and/or ISO 3166-2 subdivision codes, case-insensitive
     * @throws IllegalArgumentException for invalid coordinates or a code the data does not know
     */
    public double distanceKm(double lat, double lon, Collection<String> codes) {
        return distanceKm(lat, lon, regionSet(codes));
    }

    /** As {@link #distanceKm(double, double, Collection)}, for jurisdictions resolved beforehand. */
    public double distanceKm(double lat, double lon, RegionSet targets) {
        checkCoordinates(lat, lon);
        if (!targets.maybeNear(lat, lon)) {
            return Double.POSITIVE_INFINITY;
        }
        for (int r : targets.regions()) {
            if (regions.bboxContains(r, lon, lat) && bands.covers(r, lon, lat)) {
                return 0.0;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int r : targets.regions()) {
            if (boundingBoxWithin(r, lat, lon, MAX_DISTANCE_KM)) {
                best = Math.min(best, bands.distanceToBoundaryKm(r, lat, lon, MAX_DISTANCE_KM));
            }
        }
        return best;
    }

    /**
     * Resolves jurisdictions once, for repeated {@link #distanceKm(double, double, RegionSet)} questions.
     *
     * @param codes as for {@link #distanceKm(double, double, Collection)}
     * @throws IllegalArgumentException for a code the data does not know
     */
    public RegionSet regionSet(Collection<String> codes) {
        Set<String> upper = new HashSet<>();
        int[] all = new int[0];
        for (String code : codes) {
            String key = code.toUpperCase(Locale.ROOT);
            int[] regionIds = regionsByCode.get(key);
            if (regionIds == null) {
                throw new IllegalArgumentException("unknown ISO 3166 code: " + code);
            }
            upper.add(key);
            int[] merged = Arrays.copyOf(all, all.length + regionIds.length);
            System.arraycopy(regionIds, 0, merged, all.length, regionIds.length);
            all = merged;
        }
        return new RegionSet(upper, Arrays.stream(all).sorted().distinct().toArray(), regions);
    }

    /** Whether {@code code} names a country or subdivision in the data (case-insensitive). */
    public boolean isKnownCode(String code) {
        return regionsByCode.containsKey(code.toUpperCase(Locale.ROOT));
    }

    /** Every country in the data, in code order. */
    public List<Country> countries() {
        return Collections.unmodifiableList(Arrays.asList(regions.countries));
    }

    /** Every subdivision in the data, in code order. */
    public List<Subdivision> subdivisions() {
        return Collections.unmodifiableList(Arrays.asList(regions.subdivisions));
    }

    private static final int NOT_NEAR_LAND = -1;
    private static final int MAYBE_NEAR_LAND = -2;

    /** The covering region, or NOT_NEAR_LAND / MAYBE_NEAR_LAND for points no region covers. */
    int coveringRegion(double lat, double lon) {
        int value = grid.valueAt(lat, lon);
        if (value < LookupGrid.FIRST_REGION) {
            return value == LookupGrid.INTERNATIONAL ? NOT_NEAR_LAND : MAYBE_NEAR_LAND;
        }
        int region = value - LookupGrid.FIRST_REGION;
        if (region < regions.count()) {
            return region;
        }
        int list = region - regions.count();
        for (int k = grid.listStart[list], end = grid.listStart[list + 1]; k < end; k++) {
            int candidate = grid.listRegions[k];
            if (bands.covers(candidate, lon, lat)) {
                return candidate;
            }
        }
        return MAYBE_NEAR_LAND;
    }

    /** Index of the covering region, or -1: the land test alone, for exactness tests and benchmarks. */
    int regionAt(double lat, double lon) {
        return Math.max(-1, coveringRegion(lat, lon));
    }

    /** The region with the nearest boundary within km, bypassing the grid's open-sea shortcut; for tests. */
    int nearestRegionWithin(double lat, double lon, double km) {
        return buckets.nearestWithin(lat, lon, km);
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

    static void checkCoordinates(double lat, double lon) {
        if (!(lat >= -90.0 && lat <= 90.0)) {
            throw new IllegalArgumentException("lat must be a number within [-90, 90], was " + lat);
        }
        if (!(lon >= -180.0 && lon <= 180.0)) {
            throw new IllegalArgumentException("lon must be a number within [-180, 180], was " + lon);
        }
    }

    Regions regions() {
        return regions;
    }

    /** Approximate heap held by the index's arrays (coordinates, grid, edge and region indexes). */
    long retainedBytes() {
        return 16L * regions.vertexCount() + 4L * (regions.ringStart.length + regions.vertexStart.length)
                + 32L * regions.count() + grid.retainedBytes() + bands.retainedBytes() + buckets.retainedBytes();
    }
}
