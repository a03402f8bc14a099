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
import java.util.List;

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
    public long storedHead() throws IOException {
        try (Connection connection = store.connection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT coalesce(max(seq), 0) FROM event_record WHERE node = ?")) {
            select.setString(1, store.node());
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IOException(
                    "cannot read the event log's head from the shared store " + store.safeUrl() + ": " + e.getMessage(),
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
