package io.hashfence.collector.fleet;

import io.hashfence.collector.storage.Directories;
import io.hashfence.collector.storage.GroupCommit;
import io.hashfence.collector.storage.GroupCommit.BatchWriter;
import io.hashfence.collector.storage.PrivateFiles;
import io.hashfence.collector.storage.StorageHealth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The duplicate check's memory across restarts ({@code sequences.log} in the data directory): every
 * (site, rig, seq) a PUBACK confirms is appended here and the PUBACK waits until it is on disk, so a
 * resend after a crash is still known as a duplicate. Appends are queued; one writer thread writes what
 * has queued and forces it once (group commit). On start the journal is replayed into the windows and
 * then rewritten as one record per rig window (compaction); the writer compacts again whenever the file
 * has grown past twice its compacted size (and at least {@link #COMPACT_AT_LEAST} bytes).
 */
public final class SequenceJournal implements SequenceRecorder {
    public static final String FILE_NAME = "sequences.log";
    static final long COMPACT_AT_LEAST = 64L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SequenceJournal.class);
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final SequenceWindows windows;
    private final long compactAtLeast;
    private final StorageHealth health;
    private final JournalFormat format = new JournalFormat();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final GroupCommit<Arrived> writer;
    private FileChannel channel;
    private long compactAt;

    private record Arrived(RigKey rig, long seq) {}

    private SequenceJournal(Path file, SequenceWindows windows, long compactAtLeast, StorageHealth health)
            throws IOException {
        this.file = file;
        this.windows = windows;
        this.compactAtLeast = compactAtLeast;
        this.health = health;
        health.trackWithRecovery(file);
        compact();
        writer = new GroupCommit<>("sequence journal", 0, new BatchWriter<>() {
            @Override
            public void write(List<Arrived> batch) throws IOException {
                writeToFile(batch);
                health.writeSucceeded(file);
            }

            /** A batch that cannot be written is retried every second: its PUBACKs wait, none goes out unbacked. */
            @Override
            public void failed(List<Arrived> batch, IOException failure) {
                health.writeFailed(file, failure);
                LOG.error(
                        "cannot write the sequence journal {}; {} record(s) and their PUBACKs wait, retried: {}",
                        file,
                        batch.size(),
                        failure.getMessage());
            }

            @Override
            public void afterDurable() {
                compactIfLarge();
            }
        });
    }

    /**
     * Replays the journal in the data directory into {@code windows}, rewrites it compacted and starts its
     * writer. Unreadable content is logged with the file and offset and skipped, keeping a copy of the file
     * for inspection; a file that cannot be read at all stops the start.
     */
    public static SequenceJournal open(Path dataDir, SequenceWindows windows) throws IOException {
        return open(dataDir, windows, StorageHealth.unexported());
    }

    /** {@link #open(Path, SequenceWindows)}, reporting failed writes and a cut last record to {@code health}. */
    public static SequenceJournal open(Path dataDir, SequenceWindows windows, StorageHealth health) throws IOException {
        return open(dataDir, windows, COMPACT_AT_LEAST, health);
    }

    static SequenceJournal open(Path dataDir, SequenceWindows windows, long compactAtLeast) throws IOException {
        return open(dataDir, windows, compactAtLeast, StorageHealth.unexported());
    }

    private static SequenceJournal open(
            Path dataDir, SequenceWindows windows, long compactAtLeast, StorageHealth health) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        JournalReplay.Result replayed;
        try {
            replayed = Files.exists(file) ? JournalReplay.replay(file, windows) : JournalReplay.Result.EMPTY;
        } catch (IOException e) {
            throw new IOException("cannot read the sequence journal " + file + ": " + e.getMessage(), e);
        }
        report(file, replayed, health);
        LOG.info(
                "sequence journal {}: {} records read, sequence windows of {} rigs restored",
                file,
                replayed.records(),
                windows.size());
        return new SequenceJournal(file, windows, compactAtLeast, health);
    }

    private static void report(Path file, JournalReplay.Result replayed, StorageHealth health) throws IOException {
        boolean damaged = false;
        for (JournalReplay.Unreadable stretch : replayed.unreadable()) {
            if (stretch.isTornTail(replayed.size())) {
                LOG.warn(
                        "{}: cutting a torn last record at offset {} ({} bytes, {}): a crash in the middle of a write",
                        file,
                        stretch.from(),
                        stretch.to() - stretch.from(),
                        stretch.problem());
                health.cut(file, 1);
            } else {
                damaged = true;
                LOG.error(
                        "{}: bytes at offsets {} to {} are unreadable ({}); skipped, the records around them were read",
                        file,
                        stretch.from(),
                        stretch.to(),
                        stretch.problem());
            }
        }
        if (damaged) {
            Path copy = file.resolveSibling(FILE_NAME + ".damaged-" + System.currentTimeMillis());
            PrivateFiles.copy(file, copy);
            LOG.error(
                    "{}: the damaged file is kept as {}; sequence numbers in the unreadable parts may be accepted "
                            + "again if resent",
                    file,
                    copy);
        }
    }

    /**
     * Queues a (site, rig, seq) that arrived; it is on disk once {@link #isDurable} holds for the returned
     * number. Call it after marking the number in the windows: compaction relies on that order.
     */
    @Override
    public long append(RigKey rig, long seq) {
        return writer.append(new Arrived(rig, seq));
    }

    /** The number {@link #append} returned last. */
    @Override
    public long lastEnqueued() {
        return writer.lastEnqueued();
    }

    @Override
    public boolean isDurable(long appended) {
        return writer.isDurable(appended);
    }

    /** Completes when every record up to {@code appended} is on disk. */
    @Override
    public CompletableFuture<Void> durable(long appended) {
        return writer.durable(appended);
    }

    private void writeToFile(List<Arrived> batch) throws IOException {
        long position = channel.position();
        try {
            buffer.clear();
            for (Arrived arrived : batch) {
                if (buffer.remaining() < JournalFormat.MAX_RECORD) {
                    drain(channel);
                }
                format.putArrived(buffer, arrived.rig(), arrived.seq());
            }
            drain(channel);
            channel.force(false);
        } catch (IOException e) {
            channel.truncate(position);
            channel.position(position);
            throw e;
        }
    }

    private void compactIfLarge() {
        try {
            if (channel.position() >= compactAt) {
                compact();
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.error(
                    "cannot compact the sequence journal {}; it keeps growing, next try in {} bytes: {}",
                    file,
                    compactAtLeast,
                    e.getMessage());
            compactAt += compactAtLeast;
        }
    }

    /**
     * Writes every rig's current window to a new file and puts it in the journal's place. Every record
     * written before was marked in the windows before it was queued, so the new file holds it; a number
     * marked during the copy is queued after, and goes into the new file. The directory is forced after
     * the rename, before any record goes into the new file, so that none can be lost with an unrenamed one.
     */
    private void compact() throws IOException {
        Path next = file.resolveSibling(FILE_NAME + ".compacting");
        FileChannel fresh = PrivateFiles.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            buffer.clear();
            buffer.put(JournalFormat.HEADER);
            windows.forEach((rig, window) -> {
                if (buffer.remaining() < JournalFormat.MAX_RECORD) {
                    drainUnchecked(fresh);
                }
                format.putWindow(buffer, rig, window);
            });
            drain(fresh);
            fresh.force(false);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            fresh.close();
            Files.deleteIfExists(next);
            throw e;
        }
        FileChannel old = channel;
        channel = fresh;
        compactAt = Math.max(compactAtLeast, 2 * fresh.position());
        if (old != null) {
            old.close();
        }
        Directories.force(file.getParent());
        LOG.debug("compacted the sequence journal {} to {} bytes", file, fresh.position());
    }

    private void drain(FileChannel target) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            target.write(buffer);
        }
        buffer.clear();
    }

    private void drainUnchecked(FileChannel target) {
        try {
            drain(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        writer.close();
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
