package io.hashfence.collector.store;

import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.fleet.SequenceRecorder;
import io.hashfence.collector.fleet.SequenceWindow;
import io.hashfence.collector.fleet.SequenceWindows;
import io.hashfence.collector.storage.DurableMark;
import io.hashfence.collector.storage.StorageHealth;
import io.hashfence.protocol.RigId;
import io.hashfence.protocol.SiteId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
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
    private final StorageHealth health;
    private final Object lock = new Object();
    private final AtomicLong enqueued = new AtomicLong();
    private final DurableMark durable = new DurableMark(0);
    private final Thread writer;
    private Set<RigKey> filling = new LinkedHashSet<>();
    private Set<RigKey> spare = new LinkedHashSet<>();
    private boolean closing;

    public SharedSequenceJournal(StoreDatabase store, SequenceWindows windows, StorageHealth health) {
        this.store = store;
        this.windows = windows;
        this.health = health;
        health.track(HEALTH_NAME);
        writer = new Thread(this::writeLoop, "shared-sequence-writer");
        writer.setDaemon(true);
        writer.start();
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
        synchronized (lock) {
            filling.add(rig);
            if (filling.size() == 1) {
                lock.notify();
            }
            return enqueued.incrementAndGet();
        }
    }

    @Override
    public long lastEnqueued() {
        return enqueued.get();
    }

    @Override
    public boolean isDurable(long appended) {
        return durable.isDurable(appended);
    }

    @Override
    public CompletableFuture<Void> durable(long appended) {
        return durable.when(appended);
    }

    private void writeLoop() {
        try {
            while (true) {
                Set<RigKey> batch;
                long last;
                synchronized (lock) {
                    while (filling.isEmpty()) {
                        if (closing) {
                            return;
                        }
                        lock.wait();
                    }
                    batch = filling;
                    filling = spare;
                    spare = batch;
                    last = enqueued.get();
                }
                writeUntilDone(batch);
                batch.clear();
                durable.advance(last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every window is taken when written, so it holds each number marked before it was queued. */
    private void writeUntilDone(Set<RigKey> batch) throws InterruptedException {
        while (true) {
            try {
                write(batch);
                health.writeSucceeded(HEALTH_NAME);
                return;
            } catch (SQLException e) {
                health.writeFailed(HEALTH_NAME, e);
                LOG.error(
                        "cannot write sequence windows to the shared store {}; {} rig window(s) and their PUBACKs "
                                + "wait, retried: {}",
                        store.safeUrl(),
                        batch.size(),
                        e.getMessage());
                Thread.sleep(1000);
            }
        }
    }

    private void write(Set<RigKey> batch) throws SQLException {
        try (Connection connection = store.connection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                for (RigKey rig : batch) {
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
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
