package io.hashfence.collector.store;

import io.hashfence.collector.audit.ChainRecord;
import io.hashfence.collector.audit.EventLogMirror;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * This collector's event log in the shared store (table {@code event_record}, keyed by node and sequence number):
 * the event log's writer puts each group commit here in one transaction after the file and before the records count
 * as durable. A retried batch whose first commit went through is not stored twice.
 */
public final class SharedEventLog implements EventLogMirror {
    /** The name the table goes by in the storage metrics and {@code /healthz}. */
    public static final Path HEALTH_NAME = Path.of("store.event_record");

    private static final String INSERT = "INSERT INTO event_record (node, seq, hash, record, time) "
            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (node, seq) DO NOTHING";

    private final StoreDatabase store;

    public SharedEventLog(StoreDatabase store) {
        this.store = store;
    }

    @Override
    public Path healthName() {
        return HEALTH_NAME;
    }

    @Override
    public Optional<ChainRecord> storedHead() throws IOException {
        try (Connection connection = store.connection();
                PreparedStatement select = connection.prepareStatement("SELECT seq, time, hash, record FROM "
                        + "event_record WHERE node = ? ORDER BY seq DESC LIMIT 1")) {
            select.setString(1, store.node());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ChainRecord(
                        rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3), rows.getString(4)));
            }
        } catch (SQLException e) {
            throw new IOException(
                    "cannot read the event log's head from the shared store " + store.safeUrl() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Renames the node's stored chain to {@code NODE~TIME} (the time it was retired). */
    @Override
    public String retire() throws IOException {
        String retiredAs = store.node() + "~" + Instant.now();
        try (Connection connection = store.connection();
                PreparedStatement rename =
                        connection.prepareStatement("UPDATE event_record SET node = ? WHERE node = ?")) {
            rename.setString(1, retiredAs);
            rename.setString(2, store.node());
            rename.executeUpdate();
            return retiredAs;
        } catch (SQLException e) {
            throw new IOException(
                    "cannot keep the shared store's earlier chain of node " + store.node() + " aside: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public void write(List<ChainRecord> records) throws IOException {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (ChainRecord record : records) {
                    insert.setString(1, store.node());
                    insert.setLong(2, record.seq());
                    insert.setString(3, record.hash());
                    insert.setString(4, record.json());
                    insert.setTimestamp(5, Timestamp.from(record.time()));
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("cannot write to the shared store " + store.safeUrl() + ": " + e.getMessage(), e);
        }
    }
}
