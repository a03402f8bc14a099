package io.hashfence.agent.simulate;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Places where mining happens, as a centre (WGS84 degrees) and a radius that keeps jittered rigs on land
 * and, for restricted places, well inside the jurisdiction. {@code weight} is the share of unrestricted
 * rigs an area gets; restricted places are assigned in {@link #RESTRICTED_ROTATION} order instead.
 */
public enum MiningArea {
    ROCKDALE_TX("rockdale", "Rockdale, Texas", "US", 30.6555, -97.0014, 5, false, 14, null),
    ODESSA_TX("odessa", "Odessa, Texas", "US", 31.8457, -102.3676, 8, false, 10, null),
    SHERBROOKE_QC("sherbrooke", "Sherbrooke, Quebec", "CA", 45.4042, -71.8929, 5, false, 8, null),
    QUINCY_WA("quincy", "Quincy, Washington", "US", 47.2343, -119.8523, 5, false, 8, null),
    EKIBASTUZ_KZ("ekibastuz", "Ekibastuz, Pavlodar Region", "KZ", 51.7236, 75.3229, 6, false, 8, null),
    KASKELEN_KZ("kaskelen", "Kaskelen, Almaty Region", "KZ", 43.2000, 76.6200, 5, false, 6, null),
    HERNANDARIAS_PY("hernandarias", "Hernandarias, Alto Parana (Itaipu)", "PY", -25.4200, -54.6800, 3, false, 8, null),
    HONEFOSS_NO("honefoss", "Honefoss, Buskerud", "NO", 60.1680, 10.2570, 3, false, 6, null),
    SELFOSS_IS("selfoss", "Selfoss, South Iceland", "IS", 63.9330, -20.9970, 3, false, 6, null),
    ADAMA_ET("adama", "Adama, Oromia", "ET", 8.5400, 39.2700, 5, false, 6, null),
    ASAHIKAWA_JP("asahikawa", "Asahikawa, Hokkaido", "JP", 43.7700, 142.3650, 4, false, 4, null),
    KUTAISI_GE("kutaisi", "Kutaisi, Imereti", "GE", 42.2700, 42.7000, 4, false, 5, null),
    MEDICINE_HAT_AB("medicinehat", "Medicine Hat, Alberta", "CA", 50.0400, -110.6800, 5, false, 6, null),
    BODEN_SE("boden", "Boden, Norrbotten", "SE", 65.8250, 21.6900, 4, false, 5, null),
    /** Where a shell company's holding claims its rigs are; weight 0: only a sites file places rigs here. */
    SINGAPORE_SG("singapore", "Singapore", "SG", 1.3521, 103.8198, 4, false, 0, null),

    IRKUTSK_RU("irkutsk", "Irkutsk, Irkutsk Oblast", "RU", 52.2900, 104.2900, 3, true, 0, null),
    BRATSK_RU("bratsk", "Bratsk, Irkutsk Oblast", "RU", 56.1500, 101.6300, 3, true, 0, null),
    SIMFEROPOL_CRIMEA(
            "simferopol",
            "Simferopol, Crimea (UA-43)",
            "RU",
            44.9500,
            34.1000,
            4,
            true,
            0,
            "RU de facto, claimed by UA"),
    TEHRAN_IR("tehran", "Tehran", "IR", 35.6900, 51.3900, 5, true, 0, null),
    DONETSK_UA("donetsk", "Donetsk (UA-14)", "UA", 48.0000, 37.8000, 4, true, 0, "UA, claimed by RU"),
    MINSK_BY("minsk", "Minsk", "BY", 53.9000, 27.5600, 4, true, 0, null),
    HAVANA_CU("havana", "Havana (Boyeros)", "CU", 23.0600, -82.3800, 2, true, 0, null);

    /** The order restricted places are handed out in: Irkutsk Oblast first, so any restricted rig set includes it. */
    public static final List<MiningArea> RESTRICTED_ROTATION =
            List.of(IRKUTSK_RU, SIMFEROPOL_CRIMEA, BRATSK_RU, TEHRAN_IR, DONETSK_UA, MINSK_BY, HAVANA_CU);

    static final List<MiningArea> UNRESTRICTED = Arrays.stream(values())
            .filter(area -> !area.restricted && area.weight > 0)
            .toList();

    private final String slug;
    private final String displayName;
    private final String countryCode;
    private final double lat;
    private final double lon;
    private final double radiusKm;
    private final boolean restricted;
    private final int weight;
    private final String dispute;

    MiningArea(
            String slug,
            String displayName,
            String countryCode,
            double lat,
            double lon,
            double radiusKm,
            boolean restricted,
            int weight,
            String dispute) {
        this.slug = slug;
        this.displayName = displayName;
        this.countryCode = countryCode;
        this.lat = lat;
        this.lon = lon;
        this.radiusKm = radiusKm;
        this.restricted = restricted;
        this.weight = weight;
        this.dispute = dispute;
    }

    /** The area with this slug, e.g. {@code rockdale} or {@code irkutsk}. */
    public static Optional<MiningArea> bySlug(String slug) {
        return Arrays.stream(values()).filter(area -> area.slug.equals(slug)).findFirst();
    }

    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * The country (ISO 3166-1 alpha-2) as the collector states it: {@code RU}, or for disputed land the controlling and the
     * claiming state, {@code RU de facto, claimed by UA} (Crimea, held by Russia) or {@code UA, claimed by RU}
     * (Donetsk oblast, held in part by each).
     */
    public String jurisdiction() {
        return dispute == null ? countryCode : dispute;
    }

    public double lat() {
        return lat;
    }

    public double lon() {
        return lon;
    }

    public double radiusKm() {
        return radiusKm;
    }

    public boolean restricted() {
        return restricted;
    }

    int weight() {
        return weight;
    }
}
