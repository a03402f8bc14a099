package io.hashfence.collector.report;

import java.time.Duration;
import java.util.List;

/**
 * The fleet as a whole over the period.
 *
 * @param byCountry rigs and their last hashrate per country at the end of the period, countries in code order,
 *                  rigs without a country last
 * @param timeInRestricted rig-time spent in violation within the period, summed over rigs
 * @param violations violations that overlap the period
 */
public record FleetSummary(
        int rigs, List<CountryTotal> byCountry, Duration timeInRestricted, int violations, AlertCounts alerts) {
    public FleetSummary {
        byCountry = List.copyOf(byCountry);
    }

    public double hashrateHs() {
        return byCountry.stream().mapToDouble(CountryTotal::hashrateHs).sum();
    }
}
