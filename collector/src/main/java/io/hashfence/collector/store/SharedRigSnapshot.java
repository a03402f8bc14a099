package io.hashfence.collector.store;

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
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig registry's snapshot in the shared store (table {@code rig_snapshot}, one row per rig, the line the data
 * directory's {@code rigs.snapshot} keeps), so that the collector a site moves to lists its rigs, down until they
 * report there. Every second the rigs seen since the last write, of the sites this collector serves, are upserted
 * in one transaction; {@link #load} restores a site's rigs when its connection authenticates. A store that cannot
 * be written is retried at the next run, logged and counted ({@code file="store.rig_snapshot"}).
 */
public final class SharedRigSnapshot {
    public static final Path HEALTH_NAME = Path.of("store.rig_snapshot");

    private static final Logger LOG = LoggerFactory.getLogger(SharedRigSnapshot.class);
    private static final String UPSERT = "INSERT INTO rig_snapshot (site, rig, line, node, updated) "
            + "VALUES (?, ?, ?, ?, now()) ON CONFLICT (site, rig) DO UPDATE SET line = excluded.line, "
            + "node = excluded.node, updated = excluded.updated";

    private final StoreDatabase store;
    private final RigRegistry registry;
    private final RigLine lines;
    private final StorageHealth health;
    private final Predicate<SiteId> served;
    private Instant writtenUpTo = Instant.EPOCH;
    private boolean failing;

    /** @param served whether this collector serves the site now (no other collector owns it) */
    public SharedRigSnapshot(
            StoreDatabase store, RigRegistry registry, RigLine lines, StorageHealth health, Predicate<SiteId> served) {
        this.store = store;
        this.registry = registry;
        this.lines = lines;
        this.health = health;
        this.served = served;
        health.track(HEALTH_NAME);
    }

    /** Restores the site's rigs the store holds into the registry (a rig known here already is kept). */
    public int load(SiteId site) throws SQLException, IOException {
        int restored = 0;
        try (Connection connection = store.connection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT line FROM rig_snapshot WHERE site = ?")) {
            select.setString(1, site.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    registry.restore(lines.parse(rows.getString(1)));
                    restored++;
                }
            }
        }
        return restored;
    }

    /** Writes the rigs seen since the last write. */
    public synchronized void writeChanged() {
        Instant upTo = writtenUpTo;
        List<RigRecord> changed = registry.all().stream()
                .filter(rig ->
                        rig.lastSeen().isAfter(upTo) && served.test(rig.key().site()))
                .toList();
        if (changed.isEmpty()) {
            return;
        }
        Instant newest = changed.stream()
                .map(RigRecord::lastSeen)
                .max(Instant::compareTo)
                .orElseThrow();
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (RigRecord rig : changed) {
                    upsert.setString(1, rig.key().site().value());
                    upsert.setString(2, rig.key().rig().value());
                    upsert.setString(3, lines.of(rig));
                    upsert.setString(4, store.node());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
            writtenUpTo = newest;
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
