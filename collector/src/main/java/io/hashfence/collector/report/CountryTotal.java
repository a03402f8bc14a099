package io.hashfence.collector.report;

/**
 * The rigs located in one country at the end of the period.
 *
 * @param country ISO 3166-1 alpha-2 code; null for rigs without a known country (no location, or at sea)
 */
public record CountryTotal(String country, int rigs, double hashrateHs) {
}
