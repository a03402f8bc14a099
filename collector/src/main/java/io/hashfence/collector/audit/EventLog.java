package io.hashfence.collector.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.hashfence.collector.fleet.RigKey;
import io.hashfence.collector.storage.Directories;
import io.hashfence.collector.storage.GroupCommit;
import io.hashfence.collector.storage.GroupCommit.BatchWriter;
import io.hashfence.collector.storage.PrivateFiles;
import io.hashfence.collector.storage.StorageHealth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only, hash-chained event log ({@code events.log} in the data directory). Appends are queued
 * without blocking; one writer thread takes whatever has queued, writes it, forces it to disk and only
 * then declares it durable (group commit), so a burst of events costs one fsync, and a message whose
 * events must be on disk before its PUBACK waits for exactly that.
 */
public final class EventLog implements AutoCloseable {
    public static final String FILE_NAME = "events.log";
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final Path file;
    private final Clock clock;
    private final Object writeLock = new Object();
    private FileChannel channel;
    private final StorageHealth health;
    private final GroupCommit<Pending> writer;
    /** The shared store's copy of the records, or null when the data directory is their only home. */
    private final EventLogMirror mirror;

    private volatile String headHash;
    /** The newest record in the file, written with {@link #headHash} under the write lock. */
    private long writtenSeq;
    /** The batch being written, as chained: in the file, not yet in the mirror (writer thread only). */
    private List<ChainRecord> notMirrored;

    private record Pending(long seq, Instant time, EventType type, String site, String rig, JsonNode data) {}

    /** The newest record on disk: its sequence number and hash (0 and the genesis hash for an empty log). */
    public record Head(long seq, String hash) {}

    private EventLog(Path file, Clock clock, ChainVerifier.Result existing, StorageHealth health, EventLogMirror mirror)
            throws IOException {
        this.file = file;
        this.clock = clock;
        this.health = health;
        this.mirror = mirror;
        health.trackWithRecovery(file);
        if (mirror != null) {
            health.track(mirror.healthName());
        }
        this.channel = PrivateFiles.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(existing.validBytes());
        channel.position(existing.validBytes());
        this.headHash = existing.headHash();
        this.writtenSeq = existing.headSeq();
        this.writer = new GroupCommit<>("event log", existing.headSeq(), new BatchWriter<>() {
            @Override
            public void write(List<Pending> batch) throws IOException {
                EventLog.this.write(batch);
            }

            @Override
            public void failed(List<Pending> batch, IOException failure) {
                reportFailure(batch, failure);
            }
        });
    }

    /**
     * Opens the log, verifying the whole chain first. A torn last record (a crash mid-write) is cut off;
     * any other bad record stops the collector, because a broken evidence log must be looked at, not
     * appended to.
     *
     * @param replay receives every intact record, oldest first, to rebuild state from
     */
    public static EventLog open(Path dataDir, Clock clock, Consumer<AuditEvent> replay) throws IOException {
        return open(dataDir, clock, replay, StorageHealth.unexported());
    }

    /**
     * {@link #open(Path, Clock, Consumer)}, reporting failed writes and a cut last record to {@code health}.
     * What is cut is kept as {@code events.log.damaged-MILLIS}: a crash leaves a torn line there, but it may
     * also be a complete record someone edited, which is evidence.
     */
    public static EventLog open(Path dataDir, Clock clock, Consumer<AuditEvent> replay, StorageHealth health)
            throws IOException {
        return open(dataDir, clock, replay, health, null);
    }

    /**
     * {@link #open(Path, Clock, Consumer, StorageHealth)}, also writing every record to {@code mirror} before it
     * counts as durable. First the records of the file the mirror lacks (written before the store was set, or
     * before a crash between the two writes) are copied to it. A chain the mirror holds under this node's name
     * that the file does not continue (the data directory was replaced) is kept aside ({@link
     * EventLogMirror#retire()}), and the file's chain is copied afresh.
     */
    public static EventLog open(
            Path dataDir, Clock clock, Consumer<AuditEvent> replay, StorageHealth health, EventLogMirror mirror)
            throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        AuditFiles.Verified verified = AuditFiles.verify(dataDir, replay);
        ChainVerifier.Result result = verified.chain();
        if (result.problem().isPresent()) {
            ChainVerifier.Problem problem = result.problem().get();
            if (!problem.torn()) {
                throw new IOException("the event log " + file + " fails verification at " + problem
                        + "; run 'hashfence-collector verify --data-dir " + dataDir
                        + "' and keep the file as evidence");
            }
            keepCut(file, result.validBytes(), problem, clock);
            health.cut(file, 1);
        }
        LOG.info("event log {}: {} records, chain verified, head {}", file, result.records(), result.headHash());
        if (mirror != null) {
            catchUp(file, result, mirror);
        }
        return new EventLog(file, clock, result, health, mirror);
    }

    private static void catchUp(Path file, ChainVerifier.Result local, EventLogMirror mirror) throws IOException {
        Optional<ChainRecord> head = mirror.storedHead();
        long stored = head.map(ChainRecord::seq).orElse(0L);
        if (stored == local.headSeq()
                && head.map(ChainRecord::hash).orElse(local.headHash()).equals(local.headHash())) {
            return;
        }
        List<ChainRecord> records = new ArrayList<>();
        if (Files.exists(file)) {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    ChainRecord record = ChainRecord.fromLine(line);
                    if (record != null && record.seq() <= local.headSeq()) {
                        records.add(record);
                    }
                }
            }
        }
        if (head.isPresent() && !sameChain(head.get(), local, records)) {
            String retiredAs = mirror.retire();
            LOG.warn(
                    "the shared store held another chain under this node's name (records up to {}, which {} does "
                            + "not continue: its data directory was replaced); kept there as node {}, and this "
                            + "collector's chain starts afresh",
                    stored,
                    file,
                    retiredAs);
            stored = 0;
        }
        long after = stored;
        List<ChainRecord> missing =
                records.stream().filter(record -> record.seq() > after).toList();
        if (!missing.isEmpty()) {
            mirror.write(missing);
            LOG.info(
                    "copied {} record(s) of {} the shared store lacked (records {} to {})",
                    missing.size(),
                    file,
                    missing.get(0).seq(),
                    local.headSeq());
        }
    }

    /** Whether the file holds the store's newest record of this node (or has compacted it away). */
    private static boolean sameChain(ChainRecord storedHead, ChainVerifier.Result local, List<ChainRecord> records) {
        if (storedHead.seq() > local.headSeq()) {
            return false;
        }
        return records.stream()
                .filter(record -> record.seq() == storedHead.seq())
                .findFirst()
                .map(record -> record.hash().equals(storedHead.hash()))
                .orElse(true);
    }

    private static void keepCut(Path file, long validBytes, ChainVerifier.Problem problem, Clock clock)
            throws IOException {
        byte[] content = Files.readAllBytes(file);
        Path kept = file.resolveSibling(FILE_NAME + ".damaged-" + clock.millis());
        PrivateFiles.write(kept, Arrays.copyOfRange(content, (int) validBytes, content.length));
        LOG.error(
                "{}: cut the last record, bytes {} to {} ({}); kept as {}. A crash in the middle of a write "
                        + "leaves such a record, but so does an edit: compare it with the chain before deleting it",
                file,
                validBytes,
                content.length,
                problem,
                kept);
    }

    /** Queues an event; it is durable once {@link #durable(long)} for the returned sequence completes. */
    public long append(EventType type, RigKey rig, JsonNode data) {
        String site = rig == null ? null : rig.site().value();
        String rigId = rig == null ? null : rig.rig().value();
        return writer.append(seq -> new Pending(seq, clock.instant(), type, site, rigId, data));
    }

    /** The sequence number of the newest queued event. */
    public long lastEnqueued() {
        return writer.lastEnqueued();
    }

    /** Completes when every event up to {@code seq} is on disk. */
    public CompletableFuture<Void> durable(long seq) {
        return writer.durable(seq);
    }

    /** Whether every event up to {@code seq} is on disk. */
    public boolean isDurable(long seq) {
        return writer.isDurable(seq);
    }

    public String headHash() {
        return headHash;
    }

    public long headSeq() {
        return writer.lastDurable();
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the batch to the file, then (outside the write lock, so that neither the witness nor compaction waits
     * for the shared store) to the mirror; the batch counts as durable once both hold it. A batch in the file is
     * never written there again: when only the mirror failed, only the mirror is retried.
     */
    private void write(List<Pending> batch) throws IOException {
        if (notMirrored == null) {
            synchronized (writeLock) {
                notMirrored = writeLocked(batch);
            }
        }
        if (mirror != null) {
            mirror.write(notMirrored);
            health.writeSucceeded(mirror.healthName());
        }
        notMirrored = null;
    }

    /** Counts and logs a failed write; the writer retries it every second while the PUBACKs that wait for it wait. */
    private void reportFailure(List<Pending> batch, IOException failure) {
        if (notMirrored == null) {
            // the file write failed and was undone: nothing of the batch reached the file or the mirror
            health.writeFailed(file, failure);
            LOG.error(
                    "cannot write the event log {}; {} event(s) are held in memory and retried: {}",
                    file,
                    batch.size(),
                    failure.getMessage());
        } else {
            health.writeFailed(mirror.healthName(), failure);
            LOG.error(
                    "cannot write {} event-log record(s) to the shared store; they and their PUBACKs wait, "
                            + "retried: {}",
                    notMirrored.size(),
                    failure.getMessage());
        }
    }

    /** Writes the batch to the file and returns its records as chained. */
    private List<ChainRecord> writeLocked(List<Pending> batch) throws IOException {
        StringBuilder lines = new StringBuilder(batch.size() * 256);
        List<ChainRecord> records = new ArrayList<>(mirror == null ? 0 : batch.size());
        String prev = headHash;
        for (Pending pending : batch) {
            EventLogLineFormat.Encoded record = EventLogLineFormat.encode(
                    pending.seq(), pending.time(), pending.type(), pending.site(), pending.rig(), pending.data(), prev);
            lines.append(record.line()).append('\n');
            if (mirror != null) {
                records.add(new ChainRecord(
                        pending.seq(),
                        pending.time(),
                        record.hash(),
                        record.line().substring(record.hash().length() + 1)));
            }
            prev = record.hash();
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        long position = channel.position();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        } catch (IOException e) {
            channel.truncate(position);
            channel.position(position);
            throw e;
        }
        headHash = prev;
        writtenSeq = batch.get(batch.size() - 1).seq();
        health.writeSucceeded(file);
        return records;
    }

    /** The newest record in the file, its number and hash read together. */
    public Head head() {
        synchronized (writeLock) {
            return new Head(writtenSeq, headHash);
        }
    }

    /**
     * Drops the records older than {@code cutoff} from the head of the log, first writing a signed
     * checkpoint that anchors the rest of the chain and summarises the dropped records' state.
     *
     * @return the checkpoint written, or empty when no record is old enough
     */
    public Optional<Checkpoint> compact(Instant cutoff, AuditKey key) throws IOException {
        synchronized (writeLock) {
            Path dataDir = file.getParent();
            Optional<Checkpoint> previous = AuditFiles.latestCheckpoint(dataDir);
            LogReplay state = new LogReplay();
            previous.ifPresent(checkpoint -> state.seed(checkpoint.state()));
            long droppedBytes = 0;
            AuditEvent last = null;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    AuditEvent event = readWritten(line);
                    if (!event.time().isBefore(cutoff)) {
                        break;
                    }
                    last = event;
                    state.accept(last);
                    droppedBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            }
            if (last == null) {
                return Optional.empty();
            }
            Checkpoint unsigned =
                    new Checkpoint(last.seq(), last.hash(), last.time(), clock.instant(), state.toState(), "");
            Checkpoint checkpoint = new Checkpoint(
                    unsigned.throughSeq(),
                    unsigned.throughHash(),
                    unsigned.throughTime(),
                    unsigned.createdAt(),
                    unsigned.state(),
                    key.sign(unsigned.signedContent()));
            Path checkpoints = dataDir.resolve(AuditFiles.CHECKPOINTS);
            try (FileChannel out = PrivateFiles.open(
                    checkpoints, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap((checkpoint.toLine() + "\n").getBytes(StandardCharsets.UTF_8)));
                out.force(false);
            }
            Path rest = dataDir.resolve(FILE_NAME + ".compacting");
            FileChannel compacted = PrivateFiles.open(
                    rest, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = in.size();
                long copied = 0;
                while (copied < size - droppedBytes) {
                    copied += in.transferTo(droppedBytes + copied, size - droppedBytes - copied, compacted);
                }
                compacted.force(false);
                // The channel follows its file through the rename, so no reopen can fail once the new log is in place.
                Files.move(rest, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Directories.force(dataDir);
            } catch (IOException e) {
                compacted.close();
                Files.deleteIfExists(rest);
                throw e;
            }
            FileChannel old = channel;
            channel = compacted;
            old.close();
            LOG.info(
                    "compacted the event log: records up to {} ({}) replaced by a signed checkpoint",
                    last.seq(),
                    last.time());
            return Optional.of(checkpoint);
        }
    }

    /** A record this log wrote and verified at open; its hash is not checked again. */
    private static AuditEvent readWritten(String line) throws IOException {
        try {
            return EventLogLineFormat.decode(line).fields().event();
        } catch (EventLogLineFormat.Malformed e) {
            throw new IOException("unreadable record in the event log: " + e.getMessage(), e);
        }
    }

    /** Writes what is queued, then closes. */
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
