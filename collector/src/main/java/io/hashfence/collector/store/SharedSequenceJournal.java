package io.hashfence.collector.store;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.fleet.SequenceWindow;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.storage.GroupCommit;
import io.hashfence.collector.storage.GroupCommit.BatchWriter;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duplicate check's windows in the shared store (table {@code rig_window}), so that a site that moves to
 * another collector keeps them: the PUBACK of a (site, rig, seq) waits until the rig's window holding it is
 * committed. One writer thread takes whatever has queued, upserts the current window of each rig in it in one
 * transaction (group commit: one WAL flush for the batch), and only then marks the batch durable. A store that
 * cannot be written is retried every second, counted in {@code hashfence_storage_write_failures_total
 * {file="store.rig_window"}} and logged; the PUBACKs wait meanwhile. {@link #load} merges what the store holds of a
 * site into the windows, before the site's first PUBLISH on this collector.
 */
public final class SharedSequenceJournal implements SequenceRecorder {
    /** The name the table goes by in the storage metrics and {@code /healthz}. */
    public static final Path HEALTH_NAME = Path.of("store.rig_window");

    private static final Logger LOG = LoggerFactory.getLogger(SharedSequenceJournal.class);
    private static final String UPSERT = "INSERT INTO rig_window (site, rig, highest, bits, node, updated) "
            + "VALUES (?, ?, ?, ?, ?, now()) ON CONFLICT (site, rig) DO UPDATE SET highest = excluded.highest, "
            + "bits = excluded.bits, node = excluded.node, updated = excluded.updated "
            // a collector that lost the site (its window behind) never rolls a newer window back
            + "WHERE rig_window.highest <= excluded.highest";

    private final StoreDatabase store;
    private final SequenceWindows windows;
    private final GroupCommit<RigKey> writer;

    public SharedSequenceJournal(StoreDatabase store, SequenceWindows windows, StorageHealth health) {
        this.store = store;
        this.windows = windows;
        health.track(HEALTH_NAME);
        writer = new GroupCommit<>("shared sequence windows", 0, new BatchWriter<>() {
            @Override
            public void write(List<RigKey> batch) throws IOException {
                writeWindows(batch);
                health.writeSucceeded(HEALTH_NAME);
            }

            @Override
            public void failed(List<RigKey> batch, IOException failure) {
                health.writeFailed(HEALTH_NAME, failure);
                LOG.error(
                        "cannot write sequence windows to the shared store {}; {} rig window(s) and their PUBACKs "
                                + "wait, retried: {}",
                        store.safeUrl(),
                        batch.size(),
                        failure.getMessage());
            }
        });
    }

    /** Merges the site's windows from the store into this collector's; returns how many rigs it read. */
    public int load(SiteId site) throws SQLException {
        int rigs = 0;
        try (Connection connection = store.connection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT rig, highest, bits FROM rig_window WHERE site = ?")) {
            select.setString(1, site.value());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    RigKey rig = new RigKey(site, RigId.of(rows.getString(1)));
                    windows.markAll(rig, new SequenceWindow(rows.getLong(2), words(rows.getBytes(3))));
                    rigs++;
                }
            }
        }
        return rigs;
    }

    @Override
    public long append(RigKey rig, long seq) {
        return writer.append(rig);
    }

    @Override
    public long lastEnqueued() {
        return writer.lastEnqueued();
    }

    @Override
    public boolean isDurable(long appended) {
        return writer.isDurable(appended);
    }

    @Override
    public CompletableFuture<Void> durable(long appended) {
        return writer.durable(appended);
    }

    /**
     * Upserts each rig's current window in one transaction. Every window is taken when written, so it holds each
     * number marked before it was queued; a rig queued more than once is written once.
     */
    private void writeWindows(List<RigKey> batch) throws IOException {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (RigKey rig : new LinkedHashSet<>(batch)) {
                    SequenceWindow window = windows.window(rig);
                    upsert.setString(1, rig.site().value());
                    upsert.setString(2, rig.rig().value());
                    upsert.setLong(3, window.highest());
                    upsert.setBytes(4, bytes(window));
                    upsert.setString(5, store.node());
                    upsert.addBatch();
                }
                upsert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static byte[] bytes(SequenceWindow window) {
        ByteBuffer buffer = ByteBuffer.allocate(SequenceWindow.WORDS * Long.BYTES);
        for (long word : window.bits()) {
            buffer.putLong(word);
        }
        return buffer.array();
    }

    private static long[] words(byte[] bytes) {
        if (bytes.length != SequenceWindow.WORDS * Long.BYTES) {
            throw new IllegalStateException("a stored sequence window has " + bytes.length + " bytes, not "
                    + SequenceWindow.WORDS * Long.BYTES);
        }
        long[] words = new long[SequenceWindow.WORDS];
        ByteBuffer.wrap(bytes).asLongBuffer().get(words);
        return words;
    }

    @Override
    public void close() {
        writer.close();
    }
}
