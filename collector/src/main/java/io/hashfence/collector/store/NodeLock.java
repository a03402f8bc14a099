package io.hashfence.collector.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running collector's hold on its node name in the shared store, so that two collectors configured with the
 * same {@code store.node} do not interleave one event-log chain and fight over the sites they own: a PostgreSQL
 * session-level advisory lock on the name, on a connection of its own (a pooled one would go back to the pool,
 * and with it the session). The lock lives as long as that session: it is released on {@link #close()}, and when
 * the collector is killed, as soon as PostgreSQL sees the connection close; for a host that vanished without
 * closing it, the session's TCP keepalives ({@value #KEEPALIVE_IDLE_SECONDS} s idle, then
 * {@value #KEEPALIVE_COUNT} probes {@value #KEEPALIVE_INTERVAL_SECONDS} s apart) end it within about 30 s. A
 * session the store lost (PostgreSQL restarted) is taken again by {@link #keep()}.
 */
final class NodeLock implements AutoCloseable {
    static final int KEEPALIVE_IDLE_SECONDS = 10;
    static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    static final int KEEPALIVE_COUNT = 3;
    private static final Logger LOG = LoggerFactory.getLogger(NodeLock.class);
    /** Keeps the names' locks apart from any other advisory lock (the schema migration's is a fixed number). */
    private static final String PREFIX = "hashfence store.node ";

    private final StoreDatabase database;
    /** The session holding the lock; null while it is lost and not taken again. */
    private Connection session;

    private boolean takenElsewhere;

    private NodeLock(StoreDatabase database, Connection session) {
        this.database = database;
        this.session = session;
    }

    /**
     * Takes the store's node name for this collector.
     *
     * @throws IOException naming the node when another running collector holds it, or naming the store's URL when
     *     it cannot be asked
     */
    static NodeLock take(StoreDatabase database) throws IOException {
        try {
            return new NodeLock(database, lockedSession(database));
        } catch (SQLException e) {
            throw new IOException(
                    "cannot take node name " + database.node() + " in the shared store at " + database.safeUrl() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** A new session that holds the node's lock. */
    private static Connection lockedSession(StoreDatabase database) throws IOException, SQLException {
        Connection session = database.unpooledConnection();
        try {
            try (Statement keepalives = session.createStatement()) {
                keepalives.execute("SET tcp_keepalives_idle = " + KEEPALIVE_IDLE_SECONDS);
                keepalives.execute("SET tcp_keepalives_interval = " + KEEPALIVE_INTERVAL_SECONDS);
                keepalives.execute("SET tcp_keepalives_count = " + KEEPALIVE_COUNT);
            }
            boolean taken;
            try (PreparedStatement lock =
                    session.prepareStatement("SELECT pg_try_advisory_lock(hashtextextended(?, 0))")) {
                lock.setString(1, PREFIX + database.node());
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    taken = row.getBoolean(1);
                }
            }
            if (!taken) {
                throw new IOException("another collector is running as node " + database.node()
                        + " on the shared store at " + database.safeUrl()
                        + ": give each collector its own store.node");
            }
            return session;
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    /**
     * Takes the name again when the store lost the session (run every second): after PostgreSQL restarted, a second
     * collector under the same name would otherwise be let in. One that got in meanwhile is logged, once.
     */
    synchronized void keep() {
        if (session != null && alive(session)) {
            return;
        }
        closeQuietly(session);
        session = null;
        try {
            session = lockedSession(database);
            takenElsewhere = false;
            LOG.info("node name {} is held again in the shared store {}", database.node(), database.safeUrl());
        } catch (IOException e) {
            if (!takenElsewhere) {
                LOG.error("{}; this collector lost the name while the store was away", e.getMessage());
                takenElsewhere = true;
            }
        } catch (SQLException e) {
            LOG.debug("node name {}: the shared store is still away: {}", database.node(), e.getMessage());
        }
    }

    private static boolean alive(Connection session) {
        try {
            return session.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Lets go of the name: the session ends, and with it the lock. */
    @Override
    public synchronized void close() {
        closeQuietly(session);
        session = null;
    }

    private static void closeQuietly(Connection session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (SQLException e) {
            // a store that is gone has ended the session, and the lock with it
            LOG.debug("closing the node name's session: {}", e.getMessage());
        }
    }
}
