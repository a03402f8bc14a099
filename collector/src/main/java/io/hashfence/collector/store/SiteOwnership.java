package io.hashfence.collector.store;

import io.hashfence.protocol.SiteId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which collector each site is connected to (table {@code site_owner}): a site's connection that authenticates
 * here claims it ({@link #claim}); {@link #refresh()}, every second, learns which sites other collectors have
 * claimed since. A collector notifies a site's alerts only while no other one owns the site, so that the one a
 * site left neither notifies again nor resolves what the new one keeps firing.
 */
public final class SiteOwnership {
    private static final Logger LOG = LoggerFactory.getLogger(SiteOwnership.class);

    private final StoreDatabase store;
    /** When this collector last claimed each site (System.nanoTime): a refresh that read before it is stale there. */
    private final Map<SiteId, Long> claimed = new HashMap<>();

    private volatile Set<SiteId> ownedElsewhere = Set.of();

    public SiteOwnership(StoreDatabase store) {
        this.store = store;
    }

    /** Records this collector as the site's owner now. */
    public void claim(SiteId site) throws SQLException {
        try (Connection connection = store.connection();
                PreparedStatement upsert = connection.prepareStatement("INSERT INTO site_owner (site, node, since) "
                        + "VALUES (?, ?, now()) ON CONFLICT (site) DO UPDATE SET node = excluded.node, "
                        + "since = excluded.since")) {
            upsert.setString(1, site.value());
            upsert.setString(2, store.node());
            upsert.executeUpdate();
        }
        synchronized (this) {
            claimed.put(site, System.nanoTime());
            Set<SiteId> others = new HashSet<>(ownedElsewhere);
            others.remove(site);
            ownedElsewhere = Set.copyOf(others);
        }
    }

    /** Whether this collector claimed the site after {@code nanos} (System.nanoTime). */
    private boolean claimedSince(SiteId site, long nanos) {
        Long at = claimed.get(site);
        return at != null && at - nanos > 0;
    }

    /** Whether another collector owns the site (as of the last refresh, or this collector's own claim since). */
    public boolean ownedElsewhere(SiteId site) {
        return ownedElsewhere.contains(site);
    }

    /** Reads which sites the other collectors own; a store that cannot be read keeps the last answer (logged). */
    public void refresh() {
        long started = System.nanoTime();
        Set<SiteId> others = new HashSet<>();
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement("SELECT site FROM site_owner WHERE node <> ?")) {
            select.setString(1, store.node());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    others.add(SiteId.of(rows.getString(1)));
                }
            }
        } catch (SQLException e) {
            LOG.warn(
                    "cannot read site owners from the shared store {} ({}); the last ones read stay in force",
                    store.safeUrl(),
                    e.getMessage());
            return;
        }
        synchronized (this) {
            others.removeIf(site -> claimedSince(site, started));
            claimed.keySet().removeAll(others);
            ownedElsewhere = Set.copyOf(others);
        }
    }
}
