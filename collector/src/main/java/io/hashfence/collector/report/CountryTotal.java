package io.hashfence.collector.report;

/**
 * The rigs located in one country at the end of the period.
 *
 * @param country ISO 3166-1 alpha-2 code; null for rigs without a known country (no location, or at sea)
 * @param hashrateHs the sum of the rigs' last known hashrates
 * @param rigsWithoutHashrate rigs whose hashrate is not known (a compaction checkpoint does not keep it)
 */
public record CountryTotal(String country, int rigs, double hashrateHs, int rigsWithoutHashrate) {
}
