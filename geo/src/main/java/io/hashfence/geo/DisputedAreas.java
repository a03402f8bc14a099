package io.hashfence.geo;

import java.util.Map;
import java.util.Set;

/**
 * Land whose state is disputed, named by the Natural Earth admin-1 feature that covers it or, where no
 * subdivision follows the line of control (South Ossetia, the Golan Heights), by its outline in Natural
 * Earth's admin-0 breakaway and disputed areas layer: the state in effective control and the state that
 * claims it. (Where the country layer's boundaries themselves overlap, as over Crimea and Western Sahara,
 * {@link GeoIndex#locate} finds the claim without this table.) {@link GeoIndex#locate} answers the controller
 * as the country and the claimant as {@link GeoLocation#claimedBy()}, so that a policy naming either matches.
 * Effective control follows the findings of the European Court of Human Rights where it has ruled
 * (Northern Cyprus: Cyprus v. Turkey, 2001; Transnistria: Catan v. Moldova and Russia, 2012; Abkhazia and
 * South Ossetia: Georgia v. Russia (II), 2021) and the UN/ICJ position on occupied territory otherwise (the
 * West Bank, ICJ advisory opinion of 2024; the Golan Heights, UN Security Council resolution 497 of 1981).
 * Where neither dataset draws the line of control (the four Ukrainian oblasts Russia claims and partly
 * occupies), the whole oblast is answered as Ukraine, claimed by Russia. Listed in {@code geo/PROVENANCE.md}.
 */
final class DisputedAreas {
    /**
     * The state answered as the country and the state claiming the area (ISO 3166-1 alpha-2), and whether
     * the first holds it all ({@link Control#DE_FACTO}) or in part ({@link Control#CONTESTED}).
     */
    record Dispute(String controller, String claimant, Control control) {}

    /**
     * A dispute over an outlined area, and the claimant's ISO 3166-2 subdivision answered throughout it, or
     * null to answer the claimant's subdivision at the point (as Natural Earth's admin-1 draws the claimant).
     */
    record OutlinedDispute(Dispute dispute, String subdivision) {}

    private static final Dispute CONTROLLED_BY_RUSSIA_CLAIMED_BY_UKRAINE = new Dispute("RU", "UA", Control.DE_FACTO);
    private static final Dispute UKRAINE_CLAIMED_BY_RUSSIA = new Dispute("UA", "RU", Control.CONTESTED);

    private static final Map<String, Dispute> BY_SUBDIVISION = Map.ofEntries(
            Map.entry("UA-43", CONTROLLED_BY_RUSSIA_CLAIMED_BY_UKRAINE), // Crimea
            Map.entry("UA-40", CONTROLLED_BY_RUSSIA_CLAIMED_BY_UKRAINE), // Sevastopol
            Map.entry("UA-14", UKRAINE_CLAIMED_BY_RUSSIA), // Donetsk oblast
            Map.entry("UA-09", UKRAINE_CLAIMED_BY_RUSSIA), // Luhansk oblast
            Map.entry("UA-23", UKRAINE_CLAIMED_BY_RUSSIA), // Zaporizhzhia oblast
            Map.entry("UA-65", UKRAINE_CLAIMED_BY_RUSSIA), // Kherson oblast
            Map.entry("GE-AB", new Dispute("RU", "GE", Control.DE_FACTO)), // Abkhazia
            Map.entry("MD-SN", new Dispute("RU", "MD", Control.DE_FACTO)), // Transnistria
            Map.entry("MD-BD", new Dispute("RU", "MD", Control.DE_FACTO)), // Bender, held with Transnistria
            Map.entry("CY-X04~", new Dispute("TR", "CY", Control.DE_FACTO)), // Northern Cyprus
            Map.entry("EH-X01~", new Dispute("MA", "EH", Control.DE_FACTO)), // Western Sahara
            Map.entry("PS-WBK~", new Dispute("IL", "PS", Control.DE_FACTO))); // the West Bank

    /**
     * By the outline's name ({@code BRK_NAME}) in Natural Earth's admin-0 disputed areas layer, as bundled in
     * {@code tools/geo-import/natural-earth-disputed-areas.geojson}.
     */
    private static final Map<String, OutlinedDispute> BY_OUTLINE = Map.of(
            // Georgia's subdivisions at the point (Shida Kartli, Racha-Lechkhumi, Imereti, Mtskheta-Mtianeti):
            // South Ossetia has no ISO 3166-2 code of its own.
            "South Ossetia", new OutlinedDispute(new Dispute("RU", "GE", Control.DE_FACTO), null),
            // Syria's Quneitra governorate, to which Syria assigns the Golan; Natural Earth's SY-QU stops at
            // the ceasefire line and its admin-1 layer puts the Golan in Israel's Northern District.
            "Golan Heights", new OutlinedDispute(new Dispute("IL", "SY", Control.DE_FACTO), "SY-QU"));

    /**
     * Territories the country layer draws twice, inside their sovereign's outline and as a country of their own
     * (France's overseas departments and collectivities inside France, Svalbard inside Norway, Puerto Rico inside
     * the United States, Hong Kong and Macao inside China, ...): an overlap of such a pair is no dispute.
     */
    private static final Map<String, Set<String>> OWN_TERRITORIES = Map.of(
            "FR", Set.of("BL", "GF", "GP", "MF", "MQ", "NC", "PF", "PM", "RE", "TF", "WF", "YT"),
            "US", Set.of("AS", "GU", "MP", "PR", "UM", "VI"),
            "NL", Set.of("AW", "BQ", "CW", "SX"),
            "NO", Set.of("BV", "SJ"),
            "AU", Set.of("CC", "CX", "HM", "NF"),
            "CN", Set.of("HK", "MO"),
            "FI", Set.of("AX"));

    private DisputedAreas() {}

    /** Whether one of the two countries is the other's own territory drawn again (in either order). */
    static boolean isOwnTerritory(String a, String b) {
        return OWN_TERRITORIES.getOrDefault(a, Set.of()).contains(b)
                || OWN_TERRITORIES.getOrDefault(b, Set.of()).contains(a);
    }

    /** The dispute over the outlined area of this name, or null. */
    static OutlinedDispute ofOutline(String name) {
        return BY_OUTLINE.get(name);
    }

    /** The dispute over the subdivision with this (Natural Earth) code, or null. */
    static Dispute of(String subdivisionCode) {
        return BY_SUBDIVISION.get(subdivisionCode);
    }
}
