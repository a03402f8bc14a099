package io.hashfence.collector.report;

import io.hashfence.geo.Control;

/**
 * The rigs located in one country at the end of the period; disputed land is a total of its own, so that
 * Crimea (RU de facto, claimed by UA) is never counted under Russia alone.
 *
 * @param country ISO 3166-1 alpha-2 code; null for rigs without a known country (no location, or at sea)
 * @param claimedBy the state claiming the land these rigs stand on (null where undisputed)
 * @param control how the country holds that land
 * @param hashrateHs the sum of the rigs' last known hashrates
 * @param rigsWithoutHashrate rigs whose hashrate is not known (a compaction checkpoint does not keep it)
 */
public record CountryTotal(
        String country, String claimedBy, Control control, int rigs, double hashrateHs, int rigsWithoutHashrate) {

    /** The total of undisputed land of a country (or of rigs without a known country). */
    public CountryTotal(String country, int rigs, double hashrateHs, int rigsWithoutHashrate) {
        this(country, null, Control.UNDISPUTED, rigs, hashrateHs, rigsWithoutHashrate);
    }
}
