package io.hashfence.collector.store;

import io.hashfence.collector.alert.Alert;
import io.hashfence.collector.alert.AlertBook;
import io.hashfence.collector.alert.AlertType;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.SpoofSuspicion;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.ingest.SiteHandover;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the shared store holds of a site when one of its connections authenticates, before its first PUBLISH:
 * its rigs (listed, down until they report here) with the location history the evidence rules keep of each (so that
 * a rig's first fix here is judged against its last ones elsewhere: impossible travel, frozen and repeating
 * positions), their sequence windows, merged into this collector's, so that a message the site sent through another
 * collector is still a duplicate here; and its firing alerts, which the alert book adopts, so that they are not
 * opened and notified again, with the verdicts they stand for (a rig held in violation stays held where it was,
 * a suspected one stays suspected, as after a restart). The site is claimed first (its owner is this collector from now on), so that what
 * the collector it left still does for it is no longer notified. A store that cannot be read refuses the connection (server unavailable), and the
 * agent retries: a site is never served without its duplicate check.
 */
public final class SharedSiteHandover implements SiteHandover {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSiteHandover.class);

    private final SharedSequenceJournal sequences;
    private final SharedAlerts sharedAlerts;
    private final AlertBook alerts;
    private final SiteOwnership owners;
    private final SharedRigSnapshot rigs;
    private final ComplianceEngine compliance;

    public SharedSiteHandover(
            SharedSequenceJournal sequences,
            SharedAlerts sharedAlerts,
            AlertBook alerts,
            SiteOwnership owners,
            SharedRigSnapshot rigs,
            ComplianceEngine compliance) {
        this.rigs = rigs;
        this.compliance = compliance;
        this.sequences = sequences;
        this.sharedAlerts = sharedAlerts;
        this.alerts = alerts;
        this.owners = owners;
    }

    /**
     * A rig whose violation alert fires stays held where it was, and one whose spoofing alert fires stays
     * suspected, as after a restart: its first message here cannot release it without a credible move. Where the
     * rig's stored location history holds a position or a suspicion already, that one (exact) is kept.
     */
    private void holdVerdicts(List<SharedAlerts.Stored> firing) {
        Map<RigKey, double[]> held = new HashMap<>();
        Map<RigKey, SpoofSuspicion> suspected = new HashMap<>();
        for (SharedAlerts.Stored stored : firing) {
            Alert alert = stored.alert();
            if (alert.type() == AlertType.IN_RESTRICTED_JURISDICTION && stored.heldPosition() != null) {
                held.put(alert.rig(), stored.heldPosition());
            } else if (alert.type() == AlertType.SPOOF_SUSPECTED) {
                suspected.put(
                        alert.rig(),
                        new SpoofSuspicion(
                                alert.openedAt(), "raised on another collector of the fleet: " + alert.summary()));
            }
        }
        Set<RigKey> rigKeys = new HashSet<>(held.keySet());
        rigKeys.addAll(suspected.keySet());
        for (RigKey rig : rigKeys) {
            if (compliance.find(rig).isEmpty()) {
                compliance.restore(rig, held.get(rig), suspected.get(rig));
            }
        }
    }

    @Override
    public CompletableFuture<Void> takeOver(SiteId site, Executor executor) {
        return CompletableFuture.runAsync(() -> load(site), executor);
    }

    private void load(SiteId site) {
        try {
            owners.claim(site);
            int restored = rigs.load(site);
            int windows = sequences.load(site);
            List<SharedAlerts.Stored> firing = sharedAlerts.load(site);
            alerts.adopt(firing.stream().map(SharedAlerts.Stored::alert).toList());
            holdVerdicts(firing);
            LOG.debug(
                    "site {}: {} rig(s), sequence windows of {} rig(s) and {} firing alert(s) read from the shared store",
                    site,
                    restored,
                    windows,
                    firing.size());
        } catch (SQLException | IOException e) {
            throw new CompletionException(
                    "cannot read site " + site + "'s state from the shared store: " + e.getMessage(), e);
        }
    }
}
