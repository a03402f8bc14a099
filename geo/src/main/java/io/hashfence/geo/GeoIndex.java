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
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * Offline lookup of the country and first-level subdivision at a coordinate. Countries and their
 * territorial sea come from OpenStreetMap country boundaries at 10 m resolution, subdivisions from
 * Natural Earth 1:10m admin-1, reconciled so that a point's subdivision belongs to its country (see
 * {@code geo/PROVENANCE.md}). Immutable and thread-safe: load it once and share it.
 *
 * <p>Disputed land is answered with the state in control and the claimant ({@link DisputedAreas}), by
 * subdivision or, for South Ossetia and the Golan Heights, by a third layer of outlines from Natural Earth's
 * admin-0 disputed areas.
 *
 * <p>All three layers answer exactly as JTS {@code covers} on the same polygons. A point covered by more than
 * one region of a layer (on a shared border, or where the source polygons overlap, as both Russia's and
 * Ukraine's do over Crimea) goes to the one whose code sorts first (ties between features sharing a
 * code: the earlier feature in the source file).
 */
public final class GeoIndex {
    /** 12 nautical miles, the territorial sea limit. */
    public static final double TERRITORIAL_SEA_KM = 22.224;
    /** {@link #distanceKm} and {@link #borderKm} report distances up to this; anything farther is +Infinity. */
    public static final double MAX_DISTANCE_KM = 100.0;

    static final String BUNDLED_RESOURCE = "/io/hashfence/geo/boundaries.hfgeo.gz";

    private final Layer countryLayer;
    private final Layer subdivisionLayer;
    /** The disputed areas drawn by outline ({@link DisputedAreas#ofOutline}), one region each. */
    private final Layer disputedAreaLayer;
    /** Per outlined area: what {@link #locate} answers there. */
    private final OutlinedArea[] outlinedAreas;
    /** Per subdivision region: the country-layer region of its country, or -1 if that layer lacks it. */
    private final int[] countryOfSubdivision;

    private final Map<String, Integer> countryByCode = new HashMap<>();
    private final Map<String, int[]> subdivisionRegionsByCode;
    /** The answers, built once so that a lookup allocates nothing: per subdivision, LAND then TERRITORIAL. */
    private final GeoLocation[] bySubdivision;
    /** Per subdivision: whether {@link DisputedAreas} names it. */
    private final boolean[] disputed;
    /** Answers with no subdivision, per country: LAND then TERRITORIAL. */
    private final GeoLocation[] byCountry;

    GeoIndex(BundleCodec.Bundle bundle) {
        // The two layers' edge indexes are independent: build them on two cores when there are two.
        CompletableFuture<Layer> countriesBuilt = CompletableFuture.supplyAsync(
                () -> new Layer(bundle.countries().regions(), bundle.countries().grid()));
        Regions countries = bundle.countries().regions();
        for (int c = 0; c < countries.count(); c++) {
            countryByCode.put(countries.countries[c].code(), c);
        }
        Regions regions = bundle.subdivisions().regions();
        int n = regions.count();
        countryOfSubdivision = new int[n];
        Map<String, int[]> byCode = new HashMap<>();
        for (int r = 0; r < n; r++) {
            String country = regions.countryOfRegion(r).code();
            countryOfSubdivision[r] = countryByCode.getOrDefault(country, -1);
            append(byCode, country, r);
            append(byCode, regions.subdivisions[r].code(), r);
        }
        subdivisionRegionsByCode = byCode;
        this.disputedAreaLayer = new Layer(
                bundle.disputedAreas().regions(), bundle.disputedAreas().grid());
        this.subdivisionLayer = new Layer(
                regions,
                SettledCells.mark(
                        bundle.subdivisions().grid(),
                        bundle.countries().grid(),
                        countryOfSubdivision,
                        bundle.disputedAreas().grid()));
        this.countryLayer = countriesBuilt.join();
        outlinedAreas = new OutlinedArea[disputedAreaLayer.regions.count()];
        for (int a = 0; a < outlinedAreas.length; a++) {
            outlinedAreas[a] = outlinedArea(disputedAreaLayer.regions.subdivisions[a].name());
        }
        Regions countryRegions = countryLayer.regions;
        int m = countryRegions.count();
        byCountry = new GeoLocation[2 * m];
        for (int c = 0; c < m; c++) {
            byCountry[c] = new GeoLocation(Zone.LAND, countryRegions.countries[c], null);
            byCountry[m + c] = new GeoLocation(Zone.TERRITORIAL, countryRegions.countries[c], null);
        }
        bySubdivision = new GeoLocation[2 * n];
        disputed = new boolean[n];
        for (int r = 0; r < n; r++) {
            if (countryOfSubdivision[r] < 0) {
                continue;
            }
            DisputedAreas.Dispute dispute = DisputedAreas.of(regions.subdivisions[r].code());
            disputed[r] = dispute != null;
            for (Zone zone : new Zone[] {Zone.LAND, Zone.TERRITORIAL}) {
                bySubdivision[(zone == Zone.LAND ? 0 : n) + r] = dispute == null
                        ? new GeoLocation(zone, countryRegions.countries[countryOfSubdivision[r]], isoSubdivision(r))
                        : new GeoLocation(
                                zone,
                                country(dispute.controller()),
                                isoSubdivision(r),
                                country(dispute.claimant()),
                                dispute.control());
            }
        }
    }

    /**
     * What {@link #locate} answers on an outlined disputed area: its controller and claimant, and either the
     * claimant's subdivision the table names for the whole area or, when it names none, the claimant's
     * country-layer region, whose subdivision at the point is answered.
     */
    private record OutlinedArea(
            Country controller, Country claimant, Control control, Subdivision subdivision, int claimantRegion) {}

    private OutlinedArea outlinedArea(String name) {
        DisputedAreas.OutlinedDispute outlined = DisputedAreas.ofOutline(name);
        if (outlined == null) {
            throw new IllegalStateException("the bundle outlines a disputed area the table lacks: " + name);
        }
        DisputedAreas.Dispute dispute = outlined.dispute();
        Subdivision subdivision = null;
        if (outlined.subdivision() != null) {
            int[] regionIds = subdivisionRegionsByCode.get(outlined.subdivision());
            if (regionIds == null || !subdivisionLayer.regions.subdivisions[regionIds[0]].isIsoCode()) {
                throw new IllegalStateException(
                        "disputed-area table names a subdivision the data lacks: " + outlined.subdivision());
            }
            subdivision = subdivisionLayer.regions.subdivisions[regionIds[0]];
        }
        return new OutlinedArea(
                country(dispute.controller()),
                country(dispute.claimant()),
                dispute.control(),
                subdivision,
                countryByCode.get(dispute.claimant()));
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

    /** Loads the index bundled in this jar (see docs/BENCHMARKS.md for the measured cold load time). */
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
        return new GeoIndex(BundleCodec.read(in));
    }

    /**
     * Where the coordinate is: the country whose territory or territorial sea holds it (zone LAND when
     * a Natural Earth subdivision also covers it, else TERRITORIAL), else international waters. (South of
     * 85.05113 S, where the country layer ends, Antarctica is Natural Earth's.) The
     * subdivision is the covering one of that country, else the nearest one of that country within
     * {@link #TERRITORIAL_SEA_KM}, else none; one whose code is not ISO 3166-2 is answered as none. On disputed land
     * ({@link DisputedAreas}) the country is the state in control and {@code claimedBy} the claimant; inside an
     * outlined disputed area (South Ossetia, the Golan Heights) the subdivision is the claimant's.
     *
     * @throws IllegalArgumentException if lat is not within [-90, 90] or lon not within [-180, 180]
     */
    public GeoLocation locate(double lat, double lon) {
        checkCoordinates(lat, lon);
        int subdivisionCell = subdivisionLayer.cellValue(lat, lon);
        int settled = subdivisionLayer.grid.settledRegion(subdivisionCell);
        if (settled >= 0) {
            // Wholly inside a subdivision and its country (SettledCells): the full path below answers the same.
            return bySubdivision[settled];
        }
        // The country cell is read first and used last, so that its memory load overlaps the subdivision test.
        int countryCell = countryLayer.cellValue(lat, lon);
        int anySubdivision = subdivisionLayer.coveringRegion(subdivisionCell, lat, lon);
        int first = countryLayer.coveringRegion(countryCell, lat, lon);
        if (first < 0 && anySubdivision >= 0 && countryOfSubdivision[anySubdivision] >= 0) {
            // Land the country layer leaves out: the OpenStreetMap-derived polygons stop at the Web
            // Mercator limit (85.05113 S), Natural Earth's Antarctica reaches the pole.
            first = countryOfSubdivision[anySubdivision];
        }
        if (first < 0) {
            return GeoLocation.INTERNATIONAL_WATERS;
        }
        Zone zone = anySubdivision >= 0 ? Zone.LAND : Zone.TERRITORIAL;
        int outlined = disputedAreaLayer.coveringRegion(lat, lon);
        if (outlined >= 0) {
            return onOutlinedArea(outlinedAreas[outlined], zone, anySubdivision, lat, lon);
        }
        int second = countryLayer.coveringRegionAfter(countryCell, lat, lon, first);
        int country = first;
        Country claimedBy = null;
        if (second >= 0) {
            // Two countries' boundaries both cover the point: Natural Earth's de facto view names the one in control.
            boolean secondControls = anySubdivision >= 0 && countryOfSubdivision[anySubdivision] == second;
            country = secondControls ? second : first;
            Country other = countryLayer.regions.countries[secondControls ? first : second];
            if (!DisputedAreas.isOwnTerritory(countryLayer.regions.countries[country].code(), other.code())) {
                claimedBy = other;
            }
        }
        int subdivision = subdivisionOf(country, anySubdivision, lat, lon);
        int zoneRow = zone == Zone.LAND ? 0 : 1;
        if (subdivision >= 0 && (claimedBy == null || disputed[subdivision])) {
            return bySubdivision[zoneRow * bySubdivision.length / 2 + subdivision];
        }
        if (claimedBy == null) {
            return byCountry[zoneRow * byCountry.length / 2 + country];
        }
        Subdivision answered = subdivision < 0 ? null : isoSubdivision(subdivision);
        return new GeoLocation(zone, countryLayer.regions.countries[country], answered, claimedBy, Control.DE_FACTO);
    }

    /** The answer inside an outlined disputed area, whatever the country layer draws there. */
    private GeoLocation onOutlinedArea(OutlinedArea area, Zone zone, int anySubdivision, double lat, double lon) {
        Subdivision subdivision = area.subdivision();
        if (subdivision == null) {
            int claimants = subdivisionOf(area.claimantRegion(), anySubdivision, lat, lon);
            subdivision = claimants < 0 ? null : isoSubdivision(claimants);
        }
        return new GeoLocation(zone, area.controller(), subdivision, area.claimant(), area.control());
    }

    private Subdivision isoSubdivision(int region) {
        Subdivision subdivision = subdivisionLayer.regions.subdivisions[region];
        return subdivision.isIsoCode() ? subdivision : null;
    }

    /**
     * The subdivision of the country covering the point, else the nearest within 12 nmi, else -1.
     * {@code anySubdivision} is the subdivision layer's own answer for the point (a region, or
     * {@link Layer#NOT_NEAR_ANY} when no subdivision is within 12 nmi, or {@link Layer#MAYBE_NEAR_ONE}).
     */
    private int subdivisionOf(int country, int anySubdivision, double lat, double lon) {
        if (anySubdivision >= 0 && countryOfSubdivision[anySubdivision] == country) {
            return anySubdivision;
        }
        if (anySubdivision == Layer.NOT_NEAR_ANY) {
            return -1;
        }
        IntPredicate ofCountry = r -> countryOfSubdivision[r] == country;
        int covering = subdivisionLayer.coveringRegion(lat, lon, ofCountry);
        if (covering >= 0) {
            return covering;
        }
        return subdivisionLayer.buckets.nearestWithin(lat, lon, TERRITORIAL_SEA_KM, ofCountry);
    }

    private Country country(String code) {
        Integer region = countryByCode.get(code);
        if (region == null) {
            throw new IllegalStateException("disputed-area table names a country the data lacks: " + code);
        }
        return countryLayer.regions.countries[region];
    }

    /**
     * Great-circle distance in km from the coordinate to the nearest border of the country holding it
     * (its land border, or the outer limit of its territorial sea), measured on the exact country
     * geometry; for a point in international waters, to the nearest territorial sea. The outline of a
     * disputed area drawn by outline (South Ossetia, the Golan Heights) is a border too, the line of control,
     * on both sides of it. {@code Double.POSITIVE_INFINITY} when farther than {@link #MAX_DISTANCE_KM}; 0 on the
     * border.
     *
     * @throws IllegalArgumentException if lat is not within [-90, 90] or lon not within [-180, 180]
     */
    public double borderKm(double lat, double lon) {
        checkCoordinates(lat, lon);
        return Math.min(countryBorderKm(lat, lon), outlineKm(lat, lon));
    }

    private double countryBorderKm(double lat, double lon) {
        int country = countryLayer.coveringRegion(lat, lon);
        if (country >= 0) {
            return countryLayer.distanceToBoundaryKm(country, lat, lon, MAX_DISTANCE_KM);
        }
        if (country == Layer.NOT_NEAR_ANY) {
            return Double.POSITIVE_INFINITY;
        }
        int nearest = countryLayer.buckets.nearestWithin(lat, lon, MAX_DISTANCE_KM, r -> true);
        return nearest < 0
                ? Double.POSITIVE_INFINITY
                : countryLayer.distanceToBoundaryKm(nearest, lat, lon, MAX_DISTANCE_KM);
    }

    /** Distance to the nearest outline of a disputed area, or +Infinity beyond {@link #MAX_DISTANCE_KM}. */
    private double outlineKm(double lat, double lon) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int area = 0; area < outlinedAreas.length; area++) {
            nearest = Math.min(nearest, disputedAreaLayer.distanceToBoundaryKm(area, lat, lon, MAX_DISTANCE_KM));
        }
        return nearest;
    }

    /**
     * Great-circle distance in km from the coordinate to the nearest boundary of any of the given
     * jurisdictions: 0 inside (or on the boundary of) one of them, {@code Double.POSITIVE_INFINITY}
     * when all are farther than {@link #MAX_DISTANCE_KM}. Accurate to about 0.5% (spherical Earth).
     * A country is measured on the country layer (with its territorial sea), a subdivision on its
     * Natural Earth polygons, each together with the outlined disputed areas {@link #locate} answers under
     * its code (RU and GE with South Ossetia; IL, SY and SY-QU with the Golan Heights), so that the distance is
     * 0 exactly where a policy naming the code matches.
     *
     * @param codes ISO 3166-1 alpha-2 country codes and/or ISO 3166-2 subdivision codes, case-insensitive
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
        return Math.min(
                Math.min(
                        distanceKm(countryLayer, targets.countryRegions(), lat, lon),
                        distanceKm(subdivisionLayer, targets.subdivisionRegions(), lat, lon)),
                distanceKm(disputedAreaLayer, targets.disputedAreaRegions(), lat, lon));
    }

    private static double distanceKm(Layer layer, int[] targets, double lat, double lon) {
        for (int r : targets) {
            if (layer.regions.bboxContains(r, lon, lat) && layer.bands.covers(r, lon, lat)) {
                return 0.0;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        for (int r : targets) {
            best = Math.min(best, layer.distanceToBoundaryKm(r, lat, lon, MAX_DISTANCE_KM));
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
        int[] countryRegions = new int[0];
        int[] subdivisionRegions = new int[0];
        for (String code : codes) {
            String key = code.toUpperCase(Locale.ROOT);
            Integer country = countryByCode.get(key);
            int[] regionIds = subdivisionRegionsByCode.get(key);
            if (country != null) {
                countryRegions = concat(countryRegions, new int[] {country});
            } else if (regionIds != null) {
                subdivisionRegions = concat(subdivisionRegions, regionIds);
            } else {
                throw new IllegalArgumentException("unknown ISO 3166 code: " + code);
            }
            upper.add(key);
        }
        return new RegionSet(
                upper,
                countryRegions,
                countryLayer.regions,
                subdivisionRegions,
                subdivisionLayer.regions,
                outlinedAreasAnsweredUnder(upper),
                disputedAreaLayer.regions);
    }

    /**
     * The outlined disputed areas {@link #locate} answers under one of the codes, as a policy matches them: as
     * the country, as the claimant of land held de facto, or as the subdivision the table names for the area.
     * (An area answered with the claimant's subdivision at the point lies inside that subdivision's polygons.)
     */
    private int[] outlinedAreasAnsweredUnder(Set<String> codes) {
        return IntStream.range(0, outlinedAreas.length)
                .filter(a -> {
                    OutlinedArea area = outlinedAreas[a];
                    return codes.contains(area.controller().code())
                            || (area.control() == Control.DE_FACTO
                                    && codes.contains(area.claimant().code()))
                            || (area.subdivision() != null
                                    && codes.contains(area.subdivision().code()));
                })
                .toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] merged = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, merged, a.length, b.length);
        return Arrays.stream(merged).sorted().distinct().toArray();
    }

    /** Whether {@code code} names a country or subdivision in the data (case-insensitive). */
    public boolean isKnownCode(String code) {
        String key = code.toUpperCase(Locale.ROOT);
        return countryByCode.containsKey(key) || subdivisionRegionsByCode.containsKey(key);
    }

    /** Every country of the country layer, in code order. */
    public List<Country> countries() {
        return Collections.unmodifiableList(Arrays.asList(countryLayer.regions.countries));
    }

    /** Every subdivision in the data, in code order (including Natural Earth placeholders). */
    public List<Subdivision> subdivisions() {
        return Collections.unmodifiableList(Arrays.asList(subdivisionLayer.regions.subdivisions));
    }

    /** Index of the covering country-layer region, or -1: the country test alone, for tests and benchmarks. */
    int countryRegionAt(double lat, double lon) {
        return Math.max(-1, countryLayer.coveringRegion(lat, lon));
    }

    /** Index of the covering subdivision-layer region, or -1, for tests and benchmarks. */
    int regionAt(double lat, double lon) {
        return Math.max(-1, subdivisionLayer.coveringRegion(lat, lon));
    }

    static void checkCoordinates(double lat, double lon) {
        if (!(lat >= -90.0 && lat <= 90.0)) {
            throw new IllegalArgumentException("lat must be a number within [-90, 90], was " + lat);
        }
        if (!(lon >= -180.0 && lon <= 180.0)) {
            throw new IllegalArgumentException("lon must be a number within [-180, 180], was " + lon);
        }
    }

    /** The subdivision layer's polygons. */
    Regions regions() {
        return subdivisionLayer.regions;
    }

    /** The country layer's polygons. */
    Regions countryRegions() {
        return countryLayer.regions;
    }

    Layer countryLayer() {
        return countryLayer;
    }

    Layer subdivisionLayer() {
        return subdivisionLayer;
    }

    /** The outlined disputed areas' polygons, one region per area. */
    Layer disputedAreaLayer() {
        return disputedAreaLayer;
    }

    /** Approximate heap held by the index's arrays (both layers' coordinates, grids, edge and region indexes). */
    long retainedBytes() {
        return countryLayer.retainedBytes()
                + subdivisionLayer.retainedBytes()
                + disputedAreaLayer.retainedBytes()
                + 4L * countryOfSubdivision.length;
    }
}
