package io.hashfence.collector.store;

import io.hashfence.collector.ScheduledJobs;
import io.hashfence.collector.audit.EventLogMirror;
import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.compliance.ComplianceState;
import io.hashfence.collector.config.StoreConfig;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.site.SiteCredentials;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The collectors of a fleet on one PostgreSQL store ({@code store.url}): sites and credentials, the duplicate
 * check's windows, the rigs, the firing alerts and which collector serves each site, and a copy of the event log
 * (collector/README.md, "Shared store"). This collector holds its node name there while it runs ({@link NodeLock}),
 * so a second one started under the same {@code store.node} is refused. Polls and writes of the store wait on the
 * network, so they run on threads of their own, never the collector's timers or event loops.
 */
public final class SharedStores implements CollectorStores {
    private static final Duration EVERY_SECOND = Duration.ofSeconds(1);

    private final StoreDatabase database;
    private final NodeLock node;
    private final SharedCredentialStore credentials;
    private final SiteOwnership owners;
    private final ScheduledJobs polls = new ScheduledJobs("shared-store");
    // Writing a large fleet's rigs takes a while; on a thread of its own it does not delay the polls.
    private final ScheduledJobs rigWrites = new ScheduledJobs("shared-rig-snapshot");
    private SharedSequenceJournal sequences;
    private SharedAlerts alerts;
    private SharedRigSnapshot rigs;

    private SharedStores(StoreDatabase database, NodeLock node, SharedCredentialStore credentials) {
        this.database = database;
        this.node = node;
        this.credentials = credentials;
        this.owners = new SiteOwnership(database);
        polls.every(EVERY_SECOND, "site credentials refresh", credentials::refresh);
        polls.every(EVERY_SECOND, "site owners refresh", owners::refresh);
        polls.every(EVERY_SECOND, "node name", node::keep);
    }

    /**
     * Connects, migrates the schema, takes this collector's node name and reads the site credentials.
     *
     * @throws IOException naming the store's URL (never its password) when it cannot be reached or migrated, or
     *     naming the node when another running collector holds it
     */
    public static SharedStores open(StoreConfig config) throws IOException {
        StoreDatabase database = StoreDatabase.open(config);
        NodeLock node = null;
        try {
            node = NodeLock.take(database);
            return new SharedStores(database, node, SharedCredentialStore.open(database));
        } catch (IOException | RuntimeException e) {
            if (node != null) {
                node.close();
            }
            database.close();
            throw e;
        }
    }

    @Override
    public SiteCredentials credentials() {
        return credentials;
    }

    @Override
    public Optional<EventLogMirror> eventLogMirror() {
        return Optional.of(new SharedEventLog(database));
    }

    @Override
    public SequenceRecorder sequences(SequenceWindows windows, StorageHealth health) {
        sequences = new SharedSequenceJournal(database, windows, health);
        return sequences;
    }

    @Override
    public String alertIdPrefix() {
        return "alert-" + database.node() + "-";
    }

    /** Needs {@link #sequences} first: a site's windows are read with the rest of its state. */
    @Override
    public SiteSharing siteSharing(FleetState fleet) {
        if (sequences == null) {
            throw new IllegalStateException("the sequence windows' store is opened before the site sharing");
        }
        rigs = new SharedRigSnapshot(
                database, fleet.registry(), fleet.rigLines(), fleet.health(), this::servedHere, fleet.compliance());
        alerts = new SharedAlerts(database, fleet.json(), fleet.health(), rig -> heldPosition(fleet.compliance(), rig));
        rigWrites.every(EVERY_SECOND, "shared rig snapshot", rigs::writeChanged);
        return new SiteSharing(
                this::servedHere,
                alerts,
                new SharedSiteHandover(sequences, alerts, fleet.alerts(), owners, rigs, fleet.compliance()));
    }

    /** Whether this collector serves the site now: no other collector has claimed it since. */
    private boolean servedHere(SiteId site) {
        return !owners.ownedElsewhere(site);
    }

    /** Where a rig in violation is held now (lat, lon), stored with its violation alert; else null. */
    private static double[] heldPosition(ComplianceEngine compliance, RigKey rig) {
        return compliance
                .find(rig)
                .map(ComplianceEngine.RigCompliance::assessment)
                .filter(assessment -> assessment.state() == ComplianceState.VIOLATION
                        && assessment.lat() != null
                        && assessment.lon() != null)
                .map(assessment -> new double[] {assessment.lat(), assessment.lon()})
                .orElse(null);
    }

    @Override
    public String sitesOption() {
        return "--store-url '" + database.safeUrl() + "'";
    }

    /**
     * Stops the polls, writes the windows, rigs and alert transitions left, lets go of the node name and closes the
     * pool. Once a connection cannot be had, the store is not waited for again ({@link StoreDatabase#stopping}).
     */
    @Override
    public void close() {
        // a poll or write waiting for a connection to a store that is away is not waited for; the rigs are written
        // below
        polls.interruptAndClose();
        rigWrites.interruptAndClose();
        database.stopping();
        if (sequences != null) {
            sequences.close();
        }
        if (rigs != null) {
            rigs.writeChanged();
        }
        if (alerts != null) {
            alerts.close();
        }
        node.close();
        database.close();
    }
}
