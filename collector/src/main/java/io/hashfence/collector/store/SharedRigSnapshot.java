package io.hashfence.collector.store;

import io.hashfence.collector.compliance.ComplianceEngine;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.RigLine;
import io.hashfence.collector.fleet.RigRecord;
import io.hashfence.collector.fleet.RigRegistry;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig registry's snapshot in the shared store (table {@code rig_snapshot}, one row per rig, the line the data
 * directory's {@code rigs.snapshot} keeps, and the location history the evidence rules keep of it), so that the
 * collector a site moves to lists its rigs, down until they report there, and judges their next fixes against
 * their last ones (impossible travel, frozen and repeating positions, held positions, suspicions). Every second the
 * rigs seen since the last write, of the sites this collector serves, are upserted in one transaction (a rig whose
 * newest message was still being judged is written again the next second); a collector whose site has moved on
 * writes its rows no more. {@link #load} restores a site's rigs when its connection authenticates. A store that
 * cannot be written is retried at the next run, logged and counted ({@code file="store.rig_snapshot"}).
 */
public final class SharedRigSnapshot {
    public static final Path HEALTH_NAME = Path.of("store.rig_snapshot");

    private static final Logger LOG = LoggerFactory.getLogger(SharedRigSnapshot.class);
    private static final String UPSERT = "INSERT INTO rig_snapshot (site, rig, line, history, node, updated) "
            + "VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (site, rig) DO UPDATE SET line = excluded.line, "
            // a history this collector could not read (a newer format) stays for one that can
            + "history = coalesce(excluded.history, rig_snapshot.history), "
            + "node = excluded.node, updated = excluded.updated "
            // a collector the site has moved away from never rolls back what the new one wrote
            + "WHERE NOT EXISTS (SELECT 1 FROM site_owner o WHERE o.site = excluded.site AND o.node <> excluded.node)";

    private final StoreDatabase store;
    private final RigRegistry registry;
    private final RigLine lines;
    private final StorageHealth health;
    private final Predicate<SiteId> served;
    private final ComplianceEngine compliance;
    private Instant writtenUpTo = Instant.EPOCH;
    /** Rigs whose newest message was being judged when they were last written: written again at the next run. */
    private Set<RigKey> judging = Set.of();

    private boolean failing;

    /** @param served whether this collector serves the site now (no other collector owns it) */
    public SharedRigSnapshot(
            StoreDatabase store,
            RigRegistry registry,
            RigLine lines,
            StorageHealth health,
            Predicate<SiteId> served,
            ComplianceEngine compliance) {
        this.store = store;
        this.registry = registry;
        this.lines = lines;
        this.health = health;
        this.served = served;
        this.compliance = compliance;
        health.track(HEALTH_NAME);
    }

    /**
     * Restores the site's rigs the store holds into the registry (a rig known here already is kept), and their
     * location histories into the compliance engine. A history this collector cannot read is logged and left out:
     * the rig's evidence then starts afresh, as without a shared store.
     */
    public int load(SiteId site) throws SQLException, IOException {
        int restored = 0;
        try (Connection connection = store.connection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT line, history FROM rig_snapshot WHERE site = ?")) {
            select.setString(1, site.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RigRecord rig = lines.parse(rows.getString(1));
                    registry.restore(rig);
                    byte[] history = rows.getBytes(2);
                    if (history != null) {
                        restoreHistory(rig.key(), history);
                    }
                    restored++;
                }
            }
        }
        return restored;
    }

    private void restoreHistory(RigKey rig, byte[] history) {
        try {
            compliance.restoreHistory(rig, history);
        } catch (IllegalArgumentException e) {
            LOG.error(
                    "rig {} of site {}: its location history in the shared store does not read ({}); its evidence"
                            + " starts afresh here",
                    rig.rig(),
                    rig.site(),
                    e.getMessage());
        }
    }

    /** Writes the rigs seen since the last write. */
    public synchronized void writeChanged() {
        Instant upTo = writtenUpTo;
        Set<RigKey> again = judging;
        List<RigRecord> changed = registry.all().stream()
                .filter(rig -> (rig.lastSeen().isAfter(upTo) || again.contains(rig.key()))
                        && served.test(rig.key().site()))
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        Instant newest = changed.stream()
                .map(RigRecord::lastSeen)
                .max(Instant::compareTo)
                .orElseThrow();
        Set<RigKey> stillJudging = new HashSet<>();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (RigRecord rig : changed) {
                    Optional<ComplianceEngine.RigCompliance> judged = compliance.find(rig.key());
                    // the registry records a message before the judge updates the rig's history from it
                    if (rig.connectionId() >= 0
                            && judged.map(known -> known.telemetry() != rig.latest())
                                    .orElse(true)) {
                        stillJudging.add(rig.key());
                    }
                    upsert.setString(1, rig.key().site().value());
                    upsert.setString(2, rig.key().rig().value());
                    upsert.setString(3, lines.of(rig));
                    upsert.setBytes(4, compliance.savedHistory(rig.key()));
                    upsert.setString(5, store.node());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            writtenUpTo = newest;
            judging = stillJudging;
            health.writeSucceeded(HEALTH_NAME);
            if (failing) {
                LOG.info("the rig snapshot is written to the shared store {} again", store.safeUrl());
                failing = false;
            }
        } catch (SQLException e) {
            health.writeFailed(HEALTH_NAME, e);
            if (!failing) {
                LOG.error(
                        "cannot write the rig snapshot to the shared store {}; retried: {}",
                        store.safeUrl(),
                        e.getMessage());
                failing = true;
            }
        }
    }
}
