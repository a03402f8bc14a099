package io.hashfence.collector.judge;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.audit.LogReplay;
import io.hashfence.collector.audit.RecordedRig;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.compliance.SpoofSuspicion;
import io.hashfence.collector.fleet.RigKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * After a restart, a rig last recorded in violation stays held at that position, and an open spoofing
 * alert stays a suspicion, until the rig makes a credible move or an operator clears it.
 */
public final class RestoredVerdicts {
    private RestoredVerdicts() {}

    /** Gives the compliance engine the held positions and suspicions the replayed event log records. */
    public static void restore(LogReplay replay, ComplianceEngine compliance) {
        Map<RigKey, SpoofSuspicion> suspicions = new HashMap<>();
        for (Alert alert : replay.openAlerts()) {
            if (alert.type() == AlertType.SPOOF_SUSPECTED) {
                suspicions.put(
                        alert.rig(),
                        new SpoofSuspicion(
                                alert.openedAt(), "raised before the collector restarted: " + alert.summary()));
            }
        }
        Map<RigKey, RecordedRig> recordedRigs = replay.rigs();
        Set<RigKey> keys = new HashSet<>(suspicions.keySet());
        keys.addAll(recordedRigs.keySet());
        for (RigKey rig : keys) {
            RecordedRig recorded = recordedRigs.get(rig);
            double[] position = recorded != null
                            && recorded.state() == ComplianceState.VIOLATION
                            && recorded.lat() != null
                            && recorded.lon() != null
                    ? new double[] {recorded.lat(), recorded.lon()}
                    : null;
            if (position != null || suspicions.containsKey(rig)) {
                compliance.restore(rig, position, suspicions.get(rig));
            }
        }
    }
}
