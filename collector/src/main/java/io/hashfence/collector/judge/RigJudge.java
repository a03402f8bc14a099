package io.hashfence.collector.judge;

import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.audit.Auditor;
import io.hashfence.collector.compliance.Assessment;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ConnectionFacts;
import io.hashfence.collector.compliance.SpoofSuspicion;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.screening.Screener;
import io.hashfence.collector.screening.Screening;
import io.hashfence.protocol.Telemetry;
import java.util.Optional;

/**
 * Judges a rig, screens it (payouts, pools, network), records what changed and updates its alerts, as one step per rig: a new message (event
 * loop) and a re-judgement (timer, policy change) of the same rig never interleave, so the event log and
 * the alert book see a rig's assessments in the order they were made.
 */
public final class RigJudge {
    private static final int STRIPES = 256;

    private final ComplianceEngine compliance;
    private final Auditor auditor;
    private final AlertBook alerts;
    private final Screener screener;
    private final Object[] stripes = new Object[STRIPES];

    public RigJudge(ComplianceEngine compliance, Auditor auditor, AlertBook alerts, Screener screener) {
        this.compliance = compliance;
        this.screener = screener;
        this.auditor = auditor;
        this.alerts = alerts;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** A new sample, the rig's newest. */
    public void observe(RigKey rig, Telemetry telemetry, ConnectionFacts connection) {
        synchronized (stripe(rig)) {
            Assessment assessment = compliance.observe(rig, telemetry, connection);
            auditor.assessed(rig, assessment, telemetry);
            alerts.update(rig, assessment);
            Screening screening = screener.screen(rig, telemetry, connection);
            auditor.screened(rig, screening);
            alerts.update(rig, screening.conditions(), AlertType.SCREENING);
        }
    }

    /** The rig's last sample judged again as of now. */
    public void reassess(RigKey rig) {
        synchronized (stripe(rig)) {
            compliance.reassess(rig).ifPresent(assessment -> {
                compliance.find(rig).ifPresent(known -> {
                    auditor.assessed(rig, assessment, known.telemetry());
                    Screening screening = screener.screen(rig, known.telemetry(), known.connection());
                    auditor.screened(rig, screening);
                    alerts.update(rig, screening.conditions(), AlertType.SCREENING);
                });
                alerts.update(rig, assessment);
            });
        }
    }

    /**
     * An operator's word that the rig's spoofing suspicion was false: cleared, recorded, and the rig judged
     * again, in its turn with its messages.
     *
     * @return the suspicion cleared; empty if the rig had none
     */
    public Optional<SpoofSuspicion> clearSuspicion(RigKey rig, String reason, String by) {
        synchronized (stripe(rig)) {
            Optional<SpoofSuspicion> cleared = compliance.clearSuspicion(rig);
            cleared.ifPresent(suspicion -> {
                auditor.suspicionCleared(rig, suspicion, reason, by);
                compliance.find(rig).ifPresent(known -> {
                    auditor.assessed(rig, known.assessment(), known.telemetry());
                    alerts.update(rig, known.assessment());
                });
            });
            return cleared;
        }
    }

    public void reassessAll() {
        for (RigKey rig : compliance.rigs()) {
            reassess(rig);
        }
    }

    /** Re-judges the rigs of one share of {@code shares}: every rig belongs to one share, by its hash. */
    public void reassessShare(int share, int shares) {
        for (RigKey rig : compliance.rigs()) {
            if (Math.floorMod(rig.hashCode(), shares) == share) {
                reassess(rig);
            }
        }
    }

    private Object stripe(RigKey rig) {
        return stripes[(rig.hashCode() & Integer.MAX_VALUE) % STRIPES];
    }
}
