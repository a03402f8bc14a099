package io.hashfence.collector.report;

import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.Trust;

/**
 * What the log said of a rig at the end of the period.
 *
 * @param lat last reported latitude, null if no position is known
 * @param lon last reported longitude, null if no position is known
 * @param hashrateHs last recorded hashrate in H/s, null if none is known (a checkpoint does not keep it)
 * @param exemption the reason of the policy exemption covering it, or null
 */
public record RigStatus(
        ComplianceState state, Trust trust, Place place, Double lat, Double lon, Double hashrateHs, String exemption) {}
