package io.hashfence.geo;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import's table of Natural Earth admin-1 codes that ISO 3166-2 has since replaced
 * ({@code tools/geo-import/iso-3166-2-changes.tsv}): per Natural Earth feature, by code and name, the code ISO
 * lists today for the same area and the ISO change that made it. Tab-separated, {@code #} starts a comment line.
 */
final class IsoCodeChanges {
    /** One row: a Natural Earth feature's code and name, today's ISO 3166-2 code, and the change cited. */
    record Change(String naturalEarthCode, String naturalEarthName, String isoCode, String isoChange) {}

    private final Map<String, Change> byFeature = new HashMap<>();
    private final Set<String> unused = new HashSet<>();

    private IsoCodeChanges() {}

    /**
     * @param lines the table's lines
     * @param isoCodes the current ISO 3166-2 codes; every row's new code must be one of them
     * @throws IllegalStateException for a malformed row, a duplicate feature, or a new code ISO does not list
     */
    static IsoCodeChanges parse(List<String> lines, Set<String> isoCodes) {
        IsoCodeChanges table = new IsoCodeChanges();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 4
                    || fields[0].isBlank()
                    || fields[1].isBlank()
                    || fields[2].isBlank()
                    || fields[3].isBlank()) {
                throw new IllegalStateException("ISO code changes, line " + (i + 1)
                        + ": want natural_earth_code, natural_earth_name, iso_3166_2_code, iso_change: " + line);
            }
            Change change = new Change(fields[0], fields[1], fields[2], fields[3]);
            if (!isoCodes.contains(change.isoCode())) {
                throw new IllegalStateException("ISO code changes, line " + (i + 1) + ": " + change.isoCode()
                        + " is not in the ISO 3166-2 list");
            }
            String key = key(change.naturalEarthCode(), change.naturalEarthName());
            if (table.byFeature.put(key, change) != null) {
                throw new IllegalStateException("ISO code changes, line " + (i + 1) + ": a second row for " + key);
            }
            table.unused.add(key);
        }
        return table;
    }

    /** The change for the Natural Earth feature with this code and name, or null. */
    Change of(String naturalEarthCode, String naturalEarthName) {
        String key = key(naturalEarthCode, naturalEarthName);
        Change change = byFeature.get(key);
        if (change != null) {
            unused.remove(key);
        }
        return change;
    }

    /** @throws IllegalStateException if a row matched no feature: the table must stay true to the data */
    void checkAllUsed() {
        if (!unused.isEmpty()) {
            throw new IllegalStateException("ISO code changes that match no Natural Earth feature: "
                    + unused.stream().sorted().toList());
        }
    }

    private static String key(String code, String name) {
        return code + " " + name;
    }
}
