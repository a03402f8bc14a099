package io.hashfence.collector.report;

import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;

/**
 * What the log said of a rig at the end of the period.
 *
 * @param lat last reported latitude, null if it never reported a position
 * @param lon last reported longitude, null if it never reported a position
 * @param hashrateHs last recorded hashrate in H/s
 * @param exemption the reason of the policy exemption covering it, or null
 */
public record RigStatus(ComplianceState state, Trust trust, Place place, Double lat, Double lon, double hashrateHs,
                        String exemption) {
}
